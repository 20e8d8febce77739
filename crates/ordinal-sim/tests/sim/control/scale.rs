//! Conformance scenarios SC-01..SC-04, SC-12, SC-13: creation, scaling, replacement.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::Verb;
use ordinal_sim::testing::driver::*;

#[test]
fn sc_01_creates_pods() {
    for policy in POLICIES {
        let mut d = Driver::new(with_policy(fixture_u(3), policy));
        d.sync().unwrap();
        // Sync 1: one revision, the claim, then pod foo-0; nothing counted yet.
        let revs = d.revisions();
        assert_eq!(revs.len(), 1);
        assert_eq!(revs[0].revision, 1);
        let r1 = revs[0].metadata.name.clone();
        assert!(r1.starts_with("foo-"));
        assert_eq!(d.pod_names(), vec!["foo-0"]);
        assert_eq!(d.claim_names(), vec!["datadir-foo-0"]);
        assert_eq!(
            d.event_msgs(),
            vec![
                ev(
                    "SuccessfulCreate",
                    "create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success"
                ),
                ev(
                    "SuccessfulCreate",
                    "create Pod foo-0 in StatefulSet foo successful"
                ),
            ]
        );
        let st = d.status();
        assert_eq!(st.observed_generation, Some(1));
        assert_eq!(
            (st.current_revision.as_str(), st.update_revision.as_str()),
            (r1.as_str(), r1.as_str())
        );
        assert_eq!(st.collision_count, Some(0));
        assert_eq!(d.counts(), (0, 0, 0, 0, 0));

        // Pending and Running-not-Ready: nothing is created.
        d.syncs(2);
        assert_eq!(d.pod_names(), vec!["foo-0"]);
        d.set_phase("foo-0", "Running");
        d.syncs(2);
        assert_eq!(d.pod_names(), vec!["foo-0"]);
        d.set_ready("foo-0", true);
        d.sync().unwrap();
        assert_eq!(d.pod_names(), vec!["foo-0", "foo-1"]);

        d.converge();
        assert_eq!(d.pod_names(), names("foo", 0..3));
        let created: Vec<String> = d
            .pod_log
            .iter()
            .filter(|(t, _)| t == "ADDED")
            .map(|(_, n)| n.clone())
            .collect();
        assert_eq!(created, names("foo", 0..3), "created in ordinal order");
        for (i, p) in d.pods().iter().enumerate() {
            let l = &p.metadata.labels;
            assert_eq!(l.get("foo").map(String::as_str), Some("bar"));
            assert_eq!(l.get(POD_NAME_LABEL), Some(&format!("foo-{i}")));
            assert_eq!(l.get(POD_INDEX_LABEL), Some(&i.to_string()));
            assert_eq!(l.get(REVISION_LABEL), Some(&r1));
            assert_eq!(p.spec.hostname, format!("foo-{i}"));
            assert_eq!(p.spec.subdomain, "governingsvc");
            let datadir = p.spec.volumes.iter().find(|v| v.name == "datadir").unwrap();
            assert_eq!(
                datadir.persistent_volume_claim.as_ref().unwrap().claim_name,
                format!("datadir-foo-{i}")
            );
            assert!(p
                .spec
                .volumes
                .iter()
                .any(|v| v.name == "home" && v.host_path.is_some()));
            let owner = p.metadata.controller_ref().unwrap();
            assert_eq!(
                (owner.kind.as_str(), owner.name.as_str()),
                ("StatefulSet", "foo")
            );
            assert_eq!(owner.uid, d.set().metadata.uid);
            assert_eq!(owner.block_owner_deletion, Some(true));
        }
        assert_eq!(d.counts(), (3, 3, 3, 3, 3));
        let st = d.status();
        assert_eq!(
            (st.current_revision.clone(), st.update_revision.clone()),
            (r1.clone(), r1)
        );
        // Claims owned per policy: none under Retain/Retain and Delete/Retain (pods in range).
        for c in d.claims() {
            let kinds: Vec<&str> = c
                .metadata
                .owner_references
                .iter()
                .map(|r| r.kind.as_str())
                .collect();
            match policy.1 {
                "Delete" => assert_eq!(kinds, vec!["StatefulSet"], "{policy:?}"),
                _ => assert!(kinds.is_empty(), "{policy:?}: {kinds:?}"),
            }
        }
    }
}

#[test]
fn sc_01_creates_pods_burst() {
    let mut d = Driver::new(fixture_u_burst(3));
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..3));
    assert_eq!(d.claim_names(), names("datadir-foo", 0..3));
    let msgs: Vec<String> = d.events.iter().map(|e| e.2.clone()).collect();
    assert_eq!(
        msgs,
        vec![
            "create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success",
            "create Pod foo-0 in StatefulSet foo successful",
            "create Claim datadir-foo-1 Pod foo-1 in StatefulSet foo success",
            "create Pod foo-1 in StatefulSet foo successful",
            "create Claim datadir-foo-2 Pod foo-2 in StatefulSet foo success",
            "create Pod foo-2 in StatefulSet foo successful",
        ]
    );
    d.converge();
    assert_eq!(d.counts(), (3, 3, 3, 3, 3));
}

#[test]
fn sc_02_scales_up() {
    for burst in [false, true] {
        let mut d = Driver::new(fixture_u_or_burst(burst, 3));
        d.converge();
        d.clear_events();
        d.scale(4);
        d.sync().unwrap();
        assert_eq!(d.pod_names(), names("foo", 0..4));
        assert_eq!(
            d.event_msgs(),
            vec![
                ev(
                    "SuccessfulCreate",
                    "create Claim datadir-foo-3 Pod foo-3 in StatefulSet foo success"
                ),
                ev(
                    "SuccessfulCreate",
                    "create Pod foo-3 in StatefulSet foo successful"
                ),
            ]
        );
        d.converge();
        assert_eq!(d.counts(), (4, 4, 4, 4, 4));
        assert_eq!(d.claim_names(), names("datadir-foo", 0..4));
    }
}

#[test]
fn sc_03_scales_down() {
    for policy in POLICIES {
        let mut d = Driver::new(with_policy(fixture_u(3), policy));
        d.converge();
        d.hold_all();
        d.clear_events();
        d.scale(0);
        for victim in ["foo-2", "foo-1", "foo-0"] {
            d.sync().unwrap();
            assert_eq!(d.terminating(), vec![victim.to_string()]);
            assert_eq!(
                d.events.last().map(|e| e.2.clone()),
                Some(format!("delete Pod {victim} in StatefulSet foo successful"))
            );
            // While it terminates nothing else is deleted.
            let n = d.events.len();
            d.syncs(2);
            assert_eq!(d.terminating(), vec![victim.to_string()]);
            assert_eq!(d.events.len(), n);
            if policy.0 == "Delete" {
                let claim = d.claim(&format!("datadir-{victim}"));
                let refs: Vec<(&str, &str)> = claim
                    .metadata
                    .owner_references
                    .iter()
                    .map(|r| (r.kind.as_str(), r.name.as_str()))
                    .collect();
                assert_eq!(
                    refs,
                    vec![("Pod", victim)],
                    "{policy:?}: condemned claim is owned by its pod only"
                );
            }
            d.release(victim);
        }
        d.sync().unwrap();
        assert!(d.pods().is_empty());
        assert_eq!(d.counts(), (0, 0, 0, 0, 0));
        let deleted: Vec<String> = d
            .pod_log
            .iter()
            .filter(|(t, _)| t == "DELETED")
            .map(|(_, n)| n.clone())
            .collect();
        assert_eq!(deleted, vec!["foo-2", "foo-1", "foo-0"]);
        assert_eq!(
            d.claim_names(),
            names("datadir-foo", 0..3),
            "claims stay until GC runs ({policy:?})"
        );
        // Let the garbage collector run: Delete-on-scale claims go, Retain claims stay.
        d.c.advance_by(10_000).unwrap();
        if policy.0 == "Delete" {
            assert!(d.live_claim_names().is_empty(), "{policy:?}");
        } else {
            assert_eq!(
                d.live_claim_names(),
                names("datadir-foo", 0..3),
                "{policy:?}"
            );
        }
    }
}

#[test]
fn sc_03_scales_down_burst() {
    let mut d = Driver::new(fixture_u_burst(3));
    d.converge();
    d.hold_all();
    d.clear_events();
    d.scale(0);
    d.sync().unwrap();
    assert_eq!(
        d.terminating(),
        names("foo", [2, 1, 0])
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
    );
    let msgs: Vec<String> = d.events.iter().map(|e| e.2.clone()).collect();
    assert_eq!(
        msgs,
        vec![
            "delete Pod foo-2 in StatefulSet foo successful",
            "delete Pod foo-1 in StatefulSet foo successful",
            "delete Pod foo-0 in StatefulSet foo successful",
        ]
    );
}

#[test]
fn sc_04_replaces_pods() {
    for burst in [false, true] {
        let mut d = Driver::new(fixture_u_or_burst(burst, 5));
        d.converge();
        assert!(d
            .claims()
            .iter()
            .all(|c| c.metadata.owner_references.is_empty()));
        let claim_uids: Vec<String> = d.claims().into_iter().map(|c| c.metadata.uid).collect();
        for n in ["foo-0", "foo-2", "foo-4"] {
            d.vanish(n);
        }
        d.clear_events();
        d.sync().unwrap();
        if burst {
            assert_eq!(d.pod_names(), names("foo", 0..5));
        } else {
            assert_eq!(d.pod_names(), names("foo", [0, 1, 3]));
            // foo-2 only after the new foo-0 is Running and Ready.
            d.sync().unwrap();
            assert_eq!(d.pod_names(), names("foo", [0, 1, 3]));
            d.make_healthy("foo-0");
            d.sync().unwrap();
            assert_eq!(d.pod_names(), names("foo", 0..4));
        }
        d.converge();
        let created: Vec<String> = d
            .pod_log
            .iter()
            .filter(|(t, _)| t == "ADDED")
            .map(|(_, n)| n.clone())
            .collect();
        assert_eq!(created, vec!["foo-0", "foo-2", "foo-4"]);
        assert!(d.reasons().iter().all(|r| r == "SuccessfulCreate"));
        assert!(
            d.events.iter().all(|e| !e.2.contains("Claim")),
            "existing claims are reused"
        );
        let after: Vec<String> = d.claims().into_iter().map(|c| c.metadata.uid).collect();
        assert_eq!(after, claim_uids);
        assert_eq!(d.status().replicas, 5);
    }
}

#[test]
fn sc_12_creates_pods_with_start_ordinal() {
    for burst in [false, true] {
        let mut set = fixture_u_or_burst(burst, 3);
        set.spec.ordinals = Some(StatefulSetOrdinals { start: 2 });
        let mut d = Driver::new(set);
        d.converge();
        assert_eq!(d.pod_names(), names("foo", 2..5));
        let created: Vec<String> = d
            .pod_log
            .iter()
            .filter(|(t, _)| t == "ADDED")
            .map(|(_, n)| n.clone())
            .collect();
        assert_eq!(created, names("foo", 2..5));
        let idx: Vec<String> = d
            .pods()
            .iter()
            .map(|p| p.metadata.labels[POD_INDEX_LABEL].clone())
            .collect();
        assert_eq!(idx, vec!["2", "3", "4"]);
        assert_eq!(d.claim_names(), names("datadir-foo", 2..5));
        let (r, ready, _, updated, _) = d.counts();
        assert_eq!((r, ready, updated), (3, 3, 3));
    }
}

#[test]
fn sc_13_scale_down_delete_error() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    d.scale(0);
    d.c.api.fail_nth(Verb::Delete, Kind::Pod, 2);
    let mut errors = Vec::new();
    for _ in 0..10 {
        if let Err(e) = d.sync() {
            errors.push(e.message);
        }
    }
    assert_eq!(errors, vec!["Internal error occurred: API server failed"]);
    assert!(d.events.iter().any(|e| e.1 == "FailedDelete"
        && e.2 == "delete Pod foo-1 in StatefulSet foo failed error: Internal error occurred: API server failed"));
    assert!(d.pods().is_empty());
    let (r, ready, _, updated, _) = d.counts();
    assert_eq!((r, ready, updated), (0, 0, 0));
}
