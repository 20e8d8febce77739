//! Conformance scenarios SC-33 and SC-48..SC-52: PVC retention policy, owner refs and GC.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controller::statefulset::Blocked;
use ordinal_sim::testing::driver::*;

fn refs(d: &Driver, claim: &str) -> Vec<(String, String, bool)> {
    d.claim(claim)
        .metadata
        .owner_references
        .iter()
        .map(|r| (r.kind.clone(), r.name.clone(), r.is_controller()))
        .collect()
}

fn set_ref() -> (String, String, bool) {
    ("StatefulSet".into(), "foo".into(), true)
}

/// Lets the garbage collector and pvc-protection run (the StatefulSet controller stays paused).
fn let_gc_run(d: &mut Driver) {
    d.c.advance_by(30_000).unwrap();
    d.pull();
}

fn set_policy(d: &mut Driver, when_scaled: &str, when_deleted: &str) {
    d.update_set(|s| {
        s.spec.persistent_volume_claim_retention_policy = Some(PvcRetentionPolicy {
            when_deleted: when_deleted.into(),
            when_scaled: when_scaled.into(),
        })
    })
    .unwrap();
}

fn config_map(d: &mut Driver, name: &str) -> ConfigMap {
    let cm = ConfigMap {
        metadata: ObjectMeta::named("default", name),
        ..Default::default()
    };
    match d.c.create(Object::ConfigMap(cm)).unwrap() {
        Object::ConfigMap(c) => c,
        _ => unreachable!(),
    }
}

fn edit_claim(d: &mut Driver, name: &str, f: impl FnOnce(&mut PersistentVolumeClaim)) {
    let mut c = d.claim(name);
    f(&mut c);
    d.c.update(Object::PersistentVolumeClaim(c)).unwrap();
    d.pull();
}

#[test]
fn sc_33_stale_owner_ref_blocks_scale_up() {
    for when_deleted in ["Retain", "Delete"] {
        let mut d = Driver::new(with_policy(fixture_u(3), ("Delete", when_deleted)));
        d.converge();
        d.scale(2);
        d.converge();
        assert_eq!(d.pod_names(), names("foo", 0..2));
        assert_eq!(
            refs(&d, "datadir-foo-2"),
            vec![("Pod".into(), "foo-2".into(), true)]
        );
        // The pod is gone, the claim not collected yet; make its ref look stale.
        edit_claim(&mut d, "datadir-foo-2", |c| {
            c.metadata.owner_references[0].uid = "stale".into()
        });
        let before = d.claim("datadir-foo-2").metadata.owner_references;
        d.scale(3);
        d.clear_events();
        d.syncs(10);
        assert_eq!(d.pod_names(), names("foo", 0..2), "foo-2 never created");
        assert_eq!(d.status().replicas, 2);
        assert_eq!(d.claim("datadir-foo-2").metadata.owner_references, before);
        assert!(d.events.is_empty(), "no events: {:?}", d.events);
        assert_eq!(
            d.c.statefulset
                .explain("default", "foo")
                .map(|e| e.message()),
            Some("claim datadir-foo-2 still owned by the previous foo-2".to_string())
        );
        let ns = d.ns.clone();
        d.c.delete(
            Kind::PersistentVolumeClaim,
            &ns,
            "datadir-foo-2",
            &DeleteOptions::default(),
        )
        .unwrap();
        let_gc_run(&mut d);
        assert!(!d.claim_names().contains(&"datadir-foo-2".to_string()));
        d.converge();
        assert_eq!(d.pod_names(), names("foo", 0..3));
        assert!(d.claim_names().contains(&"datadir-foo-2".to_string()));
        assert_eq!(d.status().replicas, 3);
    }
}

#[test]
fn sc_48_when_deleted_delete() {
    let mut d = Driver::new(with_policy(fixture_u(3), ("Retain", "Delete")));
    d.converge();
    for c in names("datadir-foo", 0..3) {
        assert_eq!(refs(&d, &c), vec![set_ref()], "{c}");
    }
    d.c.delete(
        Kind::StatefulSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    let_gc_run(&mut d);
    assert!(d.claim_names().is_empty(), "{:?}", d.claim_names());
    assert!(d.pods().is_empty());
}

#[test]
fn sc_49_when_scaled_delete() {
    let mut d = Driver::new(with_policy(fixture_u(3), ("Delete", "Retain")));
    d.converge();
    assert_eq!(d.claim_names(), names("datadir-foo", 0..3));
    d.scale(1);
    d.converge();
    let deleted: Vec<&str> = d
        .pod_log
        .iter()
        .filter(|(t, _)| t == "DELETED")
        .map(|(_, n)| n.as_str())
        .collect();
    assert_eq!(deleted, vec!["foo-2", "foo-1"]);
    let_gc_run(&mut d);
    assert_eq!(d.claim_names(), vec!["datadir-foo-0"]);
}

#[test]
fn sc_50_foreign_controller_protects_a_claim() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    let cm = config_map(&mut d, "random-owner");
    edit_claim(&mut d, "datadir-foo-1", |c| {
        c.metadata.owner_references = vec![OwnerReference::controller(
            "v1",
            "ConfigMap",
            "random-owner",
            &cm.metadata.uid,
        )];
    });
    set_policy(&mut d, "Delete", "Retain");
    d.scale(0);
    d.converge();
    let_gc_run(&mut d);
    assert_eq!(d.claim_names(), vec!["datadir-foo-1"]);
    edit_claim(&mut d, "datadir-foo-1", |c| {
        c.metadata.owner_references.clear()
    });
    let reused = d.claim("datadir-foo-1").metadata.uid;
    d.scale(2);
    d.converge();
    assert_eq!(d.claim_names(), names("datadir-foo", 0..2));
    assert_eq!(
        d.claim("datadir-foo-1").metadata.uid,
        reused,
        "claim 1 reused"
    );
    d.scale(1);
    d.converge();
    let_gc_run(&mut d);
    assert_eq!(d.claim_names(), vec!["datadir-foo-0"]);
}

#[test]
fn sc_51_policies_apply_to_readopted_pods() {
    // (a) whenDeleted=Delete.
    let mut d = Driver::new(with_policy(fixture_u(3), ("Retain", "Delete")));
    d.converge();
    let mut p = d.pod("foo-2");
    p.metadata.owner_references.clear();
    d.c.update(Object::Pod(p)).unwrap();
    d.sync().unwrap();
    assert!(
        d.pod("foo-2").metadata.controller_ref().is_some(),
        "re-adopted"
    );
    d.c.delete(
        Kind::StatefulSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    let_gc_run(&mut d);
    assert!(d.claim_names().is_empty());

    // (b) whenScaled=Delete.
    let mut d = Driver::new(with_policy(fixture_u(3), ("Delete", "Retain")));
    d.converge();
    let mut p = d.pod("foo-2");
    p.metadata.owner_references.clear();
    d.c.update(Object::Pod(p)).unwrap();
    d.scale(1);
    d.converge();
    let_gc_run(&mut d);
    assert_eq!(d.pod_names(), vec!["foo-0"]);
    assert_eq!(d.claim_names(), vec!["datadir-foo-0"]);
}

#[test]
fn sc_52_mixed_owners() {
    let mut d = Driver::new(fixture_u(4));
    d.converge();
    let cm = config_map(&mut d, "random-owner-7c9x2");
    let cm_ref = OwnerReference {
        api_version: "v1".into(),
        kind: "ConfigMap".into(),
        name: cm.metadata.name.clone(),
        uid: cm.metadata.uid.clone(),
        controller: None,
        block_owner_deletion: None,
    };
    edit_claim(&mut d, "datadir-foo-1", |c| {
        c.metadata.owner_references = vec![cm_ref.clone()]
    });
    edit_claim(&mut d, "datadir-foo-3", |c| {
        c.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            "unknown",
            "a1b2c3d4-random",
        )];
        c.metadata.finalizers.push("keep-with/stale-ref".into());
    });
    let pvc3_refs = d.claim("datadir-foo-3").metadata.owner_references;

    set_policy(&mut d, "Retain", "Delete");
    d.converge();
    let set_uid = d.set().metadata.uid;
    for c in ["datadir-foo-0", "datadir-foo-2"] {
        let r = d.claim(c).metadata.owner_references;
        assert_eq!(
            r,
            vec![OwnerReference::controller(
                "apps/v1",
                "StatefulSet",
                "foo",
                &set_uid
            )],
            "{c}"
        );
    }
    assert_eq!(
        d.claim("datadir-foo-1").metadata.owner_references,
        vec![
            cm_ref.clone(),
            OwnerReference::controller("apps/v1", "StatefulSet", "foo", &set_uid)
        ]
    );
    assert_eq!(
        d.claim("datadir-foo-3").metadata.owner_references,
        pvc3_refs
    );

    // A recreated foo-3 runs the claim-ownership routine: the conflict is reported.
    d.clear_events();
    d.vanish("foo-3");
    d.converge();
    assert!(d.events.iter().any(|e| e.0 == "Warning"
        && e.1 == "ConflictingController"
        && e.2 == "PersistentVolumeClaim datadir-foo-3 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim"));
    assert_eq!(
        d.claim("datadir-foo-3").metadata.owner_references,
        pvc3_refs
    );

    // A non-controller set ref is reconciled back into a controller ref.
    edit_claim(&mut d, "datadir-foo-0", |c| {
        c.metadata.owner_references[0].controller = Some(false)
    });
    set_policy(&mut d, "Delete", "Delete");
    d.converge();
    assert_eq!(
        d.claim("datadir-foo-0").metadata.owner_references,
        vec![OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            "foo",
            &set_uid
        )]
    );

    d.c.delete(
        Kind::StatefulSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    let_gc_run(&mut d);
    assert_eq!(d.claim_names(), vec!["datadir-foo-1", "datadir-foo-3"]);
    assert_eq!(
        d.claim("datadir-foo-1").metadata.owner_references,
        vec![cm_ref],
        "set ref dropped"
    );
}

#[test]
fn explain_reports_stale_claims_as_data() {
    let mut d = Driver::new(with_policy(fixture_u(2), ("Delete", "Retain")));
    d.converge();
    d.scale(1);
    d.converge();
    edit_claim(&mut d, "datadir-foo-1", |c| {
        c.metadata.owner_references[0].uid = "old".into()
    });
    d.scale(2);
    d.sync().unwrap();
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.blocked.clone()),
        Some(Blocked::StaleClaim {
            claim: "datadir-foo-1".into(),
            pod: "foo-1".into()
        })
    );
}
