//! Conformance scenarios SC-14..SC-24: revisions, rolling updates, partitions, OnDelete,
//! maxUnavailable, rollback and history.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::Verb;
use ordinal_sim::controller::statefulset::{utils, Blocked};
use ordinal_sim::features::Features;
use ordinal_sim::testing::driver::*;

fn blocked(d: &Driver) -> Blocked {
    d.c.statefulset
        .explain(&d.ns, &d.name)
        .expect("explained")
        .blocked
        .clone()
}

/// Pods that exist and are not terminating.
fn live(d: &Driver) -> usize {
    d.pods()
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .count()
}

#[test]
fn sc_14_revision_selection() {
    let mut set = fixture_u(3);
    set.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "OnDelete".into(),
        rolling_update: None,
    });
    let mut d = Driver::new(set);
    // (a) no revisions → one, current = update = revision 1.
    d.sync().unwrap();
    let revs = d.revisions();
    assert_eq!(revs.len(), 1);
    let r1 = revs[0].metadata.name.clone();
    assert_eq!(revs[0].revision, 1);
    assert_eq!(
        (d.status().current_revision, d.status().update_revision),
        (r1.clone(), r1.clone())
    );
    // (b) template change → a second revision; current stays r1.
    d.set_image("image-b");
    d.sync().unwrap();
    let revs = d.revisions();
    assert_eq!(revs.len(), 2);
    let r2 = revs[1].metadata.name.clone();
    assert_eq!(revs[1].revision, 2);
    assert_eq!(
        (d.status().current_revision, d.status().update_revision),
        (r1.clone(), r2.clone())
    );
    // (c) the same template again → nothing new.
    d.sync().unwrap();
    assert_eq!(d.revisions().len(), 2);
    assert_eq!(d.status().update_revision, r2);
    // (d) r3 exists, template back to r2's: r2 is renumbered to 4, name unchanged.
    d.set_image("image-c");
    d.sync().unwrap();
    assert_eq!(d.revisions().len(), 3);
    d.set_image("image-b");
    d.sync().unwrap();
    let revs = d.revisions();
    assert_eq!(revs.len(), 3);
    let newest = revs.last().unwrap();
    assert_eq!(
        (newest.metadata.name.clone(), newest.revision),
        (r2.clone(), 4)
    );
    assert_eq!(
        (d.status().current_revision, d.status().update_revision),
        (r1, r2)
    );
}

#[test]
fn sc_15_monotonic_rolling_update() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    let r1 = d.status().current_revision;
    d.hold_all();
    d.clear_events();
    d.set_image("foo");
    d.sync().unwrap();
    let revs = d.revisions();
    assert_eq!((revs.len(), revs[1].revision), (2, 2));
    let r2 = revs[1].metadata.name.clone();
    assert_eq!(d.terminating(), vec!["foo-2"]);
    assert_eq!(
        d.event_msgs(),
        vec![ev(
            "SuccessfulDelete",
            "delete Pod foo-2 in StatefulSet foo successful"
        )]
    );
    let st = d.status();
    assert_eq!(
        (
            st.replicas,
            st.ready_replicas,
            st.current_replicas,
            st.updated_replicas
        ),
        (3, 3, 2, 0)
    );
    assert_eq!(
        (st.current_revision.clone(), st.update_revision.clone()),
        (r1.clone(), r2.clone())
    );
    assert_eq!(st.observed_generation, Some(2));
    let claims_before = d.claims().len();

    for victim in ["foo-2", "foo-1", "foo-0"] {
        if victim != "foo-2" {
            d.sync().unwrap();
        }
        assert_eq!(d.terminating(), vec![victim]);
        d.syncs(2);
        assert_eq!(
            d.terminating(),
            vec![victim],
            "nothing while {victim} terminates"
        );
        assert_eq!(
            blocked(&d),
            Blocked::WaitingForTermination { pod: victim.into() }
        );
        d.release(victim);
        assert!(live(&d) >= 2, "never two pods missing at once");
        d.sync().unwrap();
        assert_eq!(d.image_of(victim), "foo");
        assert_eq!(d.revision_of(victim), r2);
        d.hold(victim);
        d.sync().unwrap();
        assert_eq!(
            d.terminating(),
            Vec::<String>::new(),
            "waits for {victim} to be Running and Ready"
        );
        d.make_healthy(victim);
    }
    d.sync().unwrap();
    let st = d.status();
    assert_eq!(
        (
            st.current_revision.clone(),
            st.current_replicas,
            st.updated_replicas
        ),
        (r2.clone(), 3, 3)
    );
    let deleted: Vec<&str> = d
        .pod_log
        .iter()
        .filter(|(t, _)| t == "DELETED")
        .map(|(_, n)| n.as_str())
        .collect();
    assert_eq!(deleted, vec!["foo-2", "foo-1", "foo-0"]);
    assert_eq!(d.claims().len(), claims_before, "claims are reused");
    assert!(d.events.iter().all(|e| !e.2.contains("Claim")));
    let names: Vec<String> = d.revisions().into_iter().map(|r| r.metadata.name).collect();
    assert_eq!(names, vec![r1, r2]);
    assert_eq!(blocked(&d), Blocked::Complete);
}

#[test]
fn sc_16_rolling_update_and_scale_up() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    d.clear_events();
    d.update_set(|s| {
        s.spec.replicas = Some(5);
        s.spec.template.spec.containers[0].image = "foo".into();
    })
    .unwrap();
    d.converge();
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "ADDED foo-3",
            "ADDED foo-4",
            "DELETED foo-2",
            "ADDED foo-2",
            "DELETED foo-1",
            "ADDED foo-1",
            "DELETED foo-0",
            "ADDED foo-0"
        ]
    );
    let r2 = d.status().update_revision;
    assert!(d
        .pods()
        .iter()
        .all(|p| p.spec.containers[0].image == "foo" && utils::pod_revision(p) == r2));
    assert_eq!(d.status().current_revision, r2);
}

#[test]
fn sc_17_rolling_update_and_scale_down() {
    let mut d = Driver::new(fixture_u(5));
    d.converge();
    d.clear_events();
    d.update_set(|s| {
        s.spec.replicas = Some(3);
        s.spec.template.spec.containers[0].image = "foo".into();
    })
    .unwrap();
    d.converge();
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "DELETED foo-4",
            "DELETED foo-3",
            "DELETED foo-2",
            "ADDED foo-2",
            "DELETED foo-1",
            "ADDED foo-1",
            "DELETED foo-0",
            "ADDED foo-0"
        ]
    );
    assert_eq!(d.pod_names(), names("foo", 0..3));
    assert!(d.pods().iter().all(|p| p.spec.containers[0].image == "foo"));
    assert_eq!(d.status().current_revision, d.status().update_revision);
}

#[test]
fn sc_18_burst_rolling_update() {
    // Image only: one pod at a time, highest first, waiting for Running and Ready.
    let mut d = Driver::new(fixture_u_burst(3));
    d.converge();
    d.clear_events();
    d.set_image("foo");
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines(), vec!["DELETED foo-2"]);
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines(), vec!["DELETED foo-2", "ADDED foo-2"]);
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines().len(), 2, "waits for the new foo-2");
    assert_eq!(
        blocked(&d),
        Blocked::RollingUpdateWaiting {
            pod: "foo-2".into()
        }
    );
    d.converge();
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "DELETED foo-2",
            "ADDED foo-2",
            "DELETED foo-1",
            "ADDED foo-1",
            "DELETED foo-0",
            "ADDED foo-0"
        ]
    );
    assert!(d.pods().iter().all(|p| p.spec.containers[0].image == "foo"));

    // Scale up + image: both new pods in one sync, then the one-by-one update.
    let mut d = Driver::new(fixture_u_burst(3));
    d.converge();
    d.clear_events();
    d.update_set(|s| {
        s.spec.replicas = Some(5);
        s.spec.template.spec.containers[0].image = "foo".into();
    })
    .unwrap();
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines(), vec!["ADDED foo-3", "ADDED foo-4"]);
    d.converge();
    assert!(d.pods().iter().all(|p| p.spec.containers[0].image == "foo"));
    assert_eq!(d.pod_names().len(), 5);

    // Scale down + image: both condemned pods go in one sync (and the update starts).
    let mut d = Driver::new(fixture_u_burst(5));
    d.converge();
    d.clear_events();
    d.update_set(|s| {
        s.spec.replicas = Some(3);
        s.spec.template.spec.containers[0].image = "foo".into();
    })
    .unwrap();
    d.sync().unwrap();
    assert_eq!(
        d.pod_log_lines(),
        vec!["DELETED foo-4", "DELETED foo-3", "DELETED foo-2"]
    );
    d.converge();
    assert_eq!(d.pod_names(), names("foo", 0..3));
    assert!(d.pods().iter().all(|p| p.spec.containers[0].image == "foo"));
}

#[test]
fn burst_creation_waits_without_calling_it_a_rolling_update() {
    // Parallel creation passes through the update loop, which waits for any unhealthy pod
    // (upstream logs "waiting for Pod to update"); with a single revision nothing is rolling.
    let mut d = Driver::new(fixture_u_burst(3));
    d.sync().unwrap();
    assert_eq!(live(&d), 3, "all three at once");
    d.sync().unwrap();
    assert_eq!(d.status().current_revision, d.status().update_revision);
    assert_eq!(
        blocked(&d),
        Blocked::WaitingForRunningAndReady {
            pod: "foo-2".into()
        }
    );
}

#[test]
fn sc_19_on_delete() {
    for burst in [false, true] {
        let mut set = fixture_u_or_burst(burst, 3);
        set.spec.update_strategy = Some(StatefulSetUpdateStrategy {
            type_: "OnDelete".into(),
            rolling_update: None,
        });
        let mut d = Driver::new(set);
        d.converge();
        let r1 = d.status().current_revision;
        // (a) image change: nothing restarts.
        d.set_image("foo");
        d.converge();
        assert!(d
            .pods()
            .iter()
            .all(|p| p.spec.containers[0].image == "nginx" && utils::pod_revision(p) == r1));
        let st = d.status();
        let r2 = st.update_revision.clone();
        assert_ne!(r1, r2);
        assert_eq!(
            (
                st.current_revision.clone(),
                st.current_replicas,
                st.updated_replicas
            ),
            (r1.clone(), 3, 0)
        );
        assert_eq!(
            blocked(&d),
            Blocked::OnDeleteWaitingForManualDelete {
                pods: names("foo", 0..3)
            }
        );
        // (b) scale up: new pods get the update revision.
        d.scale(5);
        d.converge();
        let images: Vec<String> = d
            .pods()
            .iter()
            .map(|p| p.spec.containers[0].image.clone())
            .collect();
        assert_eq!(images, vec!["nginx", "nginx", "nginx", "foo", "foo"]);
        // (c) scale down: the new ones go, the old ones stay.
        d.scale(3);
        d.converge();
        let images: Vec<String> = d
            .pods()
            .iter()
            .map(|p| p.spec.containers[0].image.clone())
            .collect();
        assert_eq!(images, vec!["nginx", "nginx", "nginx"]);
        // Scale to 0 and back: everything comes back at the update revision.
        d.scale(0);
        d.converge();
        d.scale(3);
        d.converge();
        assert!(d
            .pods()
            .iter()
            .all(|p| p.spec.containers[0].image == "foo" && utils::pod_revision(p) == r2));
        assert_eq!(
            d.status().current_revision,
            r1,
            "OnDelete never advances currentRevision"
        );
        assert!(
            d.claims()
                .iter()
                .all(|c| c.metadata.owner_references.iter().all(|r| r.kind != "Pod")),
            "no claim owned by a pod under Retain"
        );
    }
}

#[test]
fn sc_20_rolling_update_with_partition() {
    for burst in [false, true] {
        let partitioned = |n: i32| {
            let mut s = fixture_u_or_burst(burst, n);
            s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
                type_: "RollingUpdate".into(),
                rolling_update: Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(2),
                    max_unavailable: None,
                }),
            });
            s
        };
        // (a) N=3: only foo-2 is replaced.
        let mut d = Driver::new(partitioned(3));
        d.converge();
        let r1 = d.status().current_revision;
        d.set_image("foo");
        d.converge();
        let images: Vec<String> = d
            .pods()
            .iter()
            .map(|p| p.spec.containers[0].image.clone())
            .collect();
        assert_eq!(images, vec!["nginx", "nginx", "foo"]);
        let st = d.status();
        assert_eq!(st.current_revision, r1);
        assert_ne!(st.update_revision, r1);
        assert_eq!((st.current_replicas, st.updated_replicas), (2, 1));
        assert_eq!(
            blocked(&d),
            Blocked::PartitionHolds {
                partition: 2,
                pods: names("foo", 0..2)
            }
        );
        // (b) N 3→5 with the new image.
        let mut d = Driver::new(partitioned(3));
        d.converge();
        d.update_set(|s| {
            s.spec.replicas = Some(5);
            s.spec.template.spec.containers[0].image = "foo".into();
        })
        .unwrap();
        d.converge();
        let images: Vec<String> = d
            .pods()
            .iter()
            .map(|p| p.spec.containers[0].image.clone())
            .collect();
        assert_eq!(images, vec!["nginx", "nginx", "foo", "foo", "foo"]);
        let st = d.status();
        assert_eq!((st.current_replicas, st.updated_replicas), (2, 3));
    }
}

fn max_unavailable_set(burst: bool) -> ordinal_sim::api::StatefulSet {
    let mut s = fixture_u_or_burst(burst, 6);
    s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateStatefulSetStrategy {
            partition: Some(3),
            max_unavailable: Some(IntOrString::Int(2)),
        }),
    });
    s
}

fn gate_on() -> Features {
    Features {
        max_unavailable_statefulset: true,
        ..Default::default()
    }
}

#[test]
fn sc_21_max_unavailable() {
    // OrderedReady.
    let mut d = Driver::with(max_unavailable_set(false), 1, gate_on());
    assert!(
        d.set().rolling_update().unwrap().max_unavailable.is_some(),
        "kept with the gate on"
    );
    d.converge();
    d.clear_events();
    d.set_image("foo");
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines(), vec!["DELETED foo-5", "DELETED foo-4"]);
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..5), "creates foo-4 only");
    d.make_healthy("foo-4");
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..6));
    d.make_healthy("foo-5");
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", [0, 1, 2, 4, 5]));
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..6));
    d.make_healthy("foo-3");
    d.syncs(3);
    let images: Vec<String> = d
        .pods()
        .iter()
        .map(|p| p.spec.containers[0].image.clone())
        .collect();
    assert_eq!(images, vec!["nginx", "nginx", "nginx", "foo", "foo", "foo"]);

    // Parallel.
    let mut d = Driver::with(max_unavailable_set(true), 1, gate_on());
    d.converge();
    d.clear_events();
    d.set_image("foo");
    d.sync().unwrap();
    assert_eq!(d.pod_log_lines(), vec!["DELETED foo-5", "DELETED foo-4"]);
    d.sync().unwrap();
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "DELETED foo-5",
            "DELETED foo-4",
            "ADDED foo-4",
            "ADDED foo-5"
        ]
    );
    d.make_healthy("foo-4");
    d.set_phase("foo-5", "Running");
    d.sync().unwrap();
    assert_eq!(
        d.pod_names(),
        names("foo", [0, 1, 2, 4, 5]),
        "budget 2 − 1 unavailable = 1"
    );
    d.sync().unwrap();
    d.make_healthy("foo-3");
    d.make_healthy("foo-5");
    d.syncs(3);
    assert_eq!(d.pod_names(), names("foo", 0..6));
    let images: Vec<String> = d
        .pods()
        .iter()
        .map(|p| p.spec.containers[0].image.clone())
        .collect();
    assert_eq!(images, vec!["nginx", "nginx", "nginx", "foo", "foo", "foo"]);
}

#[test]
fn sc_21_max_unavailable_dropped_with_gate_off() {
    let d = Driver::new(max_unavailable_set(false));
    assert_eq!(d.set().rolling_update().unwrap().max_unavailable, None);
}

#[test]
fn sc_22_max_unavailable_counts_terminating_pods() {
    // Parallel reaches the update step with Terminating pods present, like the unit test that
    // calls updateStatefulSetAfterInvariantEstablished directly.
    let cases: [(&[i64], &[&str]); 10] = [
        (&[], &["foo-5", "foo-4"]),
        (&[5], &["foo-4"]),
        (&[3], &["foo-5"]),
        (&[4], &["foo-5"]),
        (&[5, 4], &[]),
        (&[5, 3], &[]),
        (&[4, 3], &[]),
        (&[5, 4, 3], &[]),
        (&[2], &["foo-5"]),
        (&[1], &["foo-5"]),
    ];
    for (terminating, want) in cases {
        let mut d = Driver::with(max_unavailable_set(true), 1, gate_on());
        d.converge();
        d.hold_all();
        for o in terminating {
            d.delete_pod(&format!("foo-{o}")).unwrap();
        }
        d.clear_events();
        d.set_image("foo");
        d.sync().unwrap();
        let deleted: Vec<String> = d
            .events
            .iter()
            .filter(|e| e.1 == "SuccessfulDelete")
            .map(|e| e.2.split(' ').nth(2).unwrap_or("").to_string())
            .collect();
        assert_eq!(deleted, want, "terminating {terminating:?}");
    }
}

#[test]
fn sc_23_rollback() {
    for burst in [false, true] {
        let mut d = Driver::new(fixture_u_or_burst(burst, 3));
        d.converge();
        let r1 = d.status().current_revision;
        d.set_image("foo");
        d.converge();
        let r2 = d.status().current_revision;
        assert_ne!(r1, r2);
        d.clear_events();
        d.set_image("nginx");
        d.sync().unwrap();
        let revs = d.revisions();
        assert_eq!(revs.len(), 2, "no new revision");
        let renumbered = revs.iter().find(|r| r.metadata.name == r1).unwrap();
        assert_eq!(renumbered.revision, 3);
        assert_eq!(d.status().update_revision, r1);
        d.converge();
        let deleted: Vec<&str> = d
            .pod_log
            .iter()
            .filter(|(t, _)| t == "DELETED")
            .map(|(_, n)| n.as_str())
            .collect();
        assert_eq!(deleted, vec!["foo-2", "foo-1", "foo-0"]);
        assert!(d
            .pods()
            .iter()
            .all(|p| p.spec.containers[0].image == "nginx" && utils::pod_revision(p) == r1));
        assert_eq!(d.status().current_revision, r1);
    }
}

#[test]
fn sc_24_history_limit() {
    for (rounds, failures) in [(10, false), (7, true)] {
        let mut d = Driver::new(fixture_u(3));
        d.converge();
        for i in 0..rounds {
            if failures {
                d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, 2);
            }
            d.set_image(&format!("image-{i}"));
            d.converge_with(|d| {
                let revs = d.revisions();
                assert!(revs.len() <= 2 + 2, "{} revisions", revs.len());
                let names: Vec<&str> = revs.iter().map(|r| r.metadata.name.as_str()).collect();
                for p in d.pods() {
                    let rev = utils::pod_revision(&p);
                    assert!(
                        names.contains(&rev),
                        "revision {rev} of {} kept",
                        p.metadata.name
                    );
                }
            });
        }
        // The survivors are the newest revisions.
        let revs: Vec<i64> = d.revisions().iter().map(|r| r.revision).collect();
        let newest = *revs.last().unwrap();
        assert_eq!(newest, rounds as i64 + 1);
        assert!(
            revs.iter().all(|r| *r >= newest - 3),
            "oldest deleted first: {revs:?}"
        );
    }
}

#[test]
fn u8_forced_rollback_needs_a_manual_delete() {
    // OrderedReady: the broken pod is never Ready, so reverting the template does not help.
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    let r1 = d.status().current_revision;
    d.set_image("nginx:broken");
    d.sync().unwrap();
    d.sync().unwrap();
    d.set_phase("foo-2", "Running");
    let r2 = d.revision_of("foo-2");
    assert_ne!(r2, r1);
    d.set_image("nginx");
    d.syncs(3);
    assert_eq!(d.status().update_revision, r1, "reverted");
    assert_eq!(d.revision_of("foo-2"), r2, "stuck at the broken revision");
    assert_eq!(
        blocked(&d),
        Blocked::WaitingForRunningAndReady {
            pod: "foo-2".into()
        }
    );
    d.delete_pod("foo-2").unwrap();
    d.sync().unwrap();
    assert_eq!(
        d.revision_of("foo-2"),
        r1,
        "recreated from the reverted template"
    );
    assert_eq!(d.image_of("foo-2"), "nginx");

    // Parallel: the update loop replaces the mismatching pod by itself.
    let mut d = Driver::new(fixture_u_burst(3));
    d.converge();
    let r1 = d.status().current_revision;
    d.set_image("nginx:broken");
    d.syncs(2);
    d.set_phase("foo-2", "Running");
    d.set_image("nginx");
    d.syncs(2);
    assert_eq!(d.revision_of("foo-2"), r1);
}
