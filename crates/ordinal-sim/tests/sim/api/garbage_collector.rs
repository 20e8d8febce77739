//! Garbage collector: background, foreground and orphan deletion of a StatefulSet (D2), owners
//! that are gone or replaced, and dependents with another live owner.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::{DeleteOptions, Propagation, WatchType};
use ordinal_sim::testing::driver::*;

fn delete_set(d: &mut Driver, propagation: Propagation) {
    let opts = DeleteOptions {
        propagation: Some(propagation),
        ..Default::default()
    };
    d.c.delete(Kind::StatefulSet, "default", "foo", &opts)
        .unwrap();
    d.pull();
}

fn run(d: &mut Driver, ms: u64) {
    d.c.advance_by(ms).unwrap();
    d.pull();
}

#[test]
fn background_deletion_removes_pods_and_revisions() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    assert_eq!(d.revisions().len(), 1);
    delete_set(&mut d, Propagation::Background);
    assert!(
        d.c.api.get::<StatefulSet>("default", "foo").is_none(),
        "the set goes at once"
    );
    assert_eq!(d.pods().len(), 3, "dependents go a moment later");
    run(&mut d, 1_000);
    assert!(d.pods().is_empty());
    assert!(d.revisions().is_empty());
    assert_eq!(
        d.claim_names(),
        names("datadir-foo", 0..3),
        "Retain claims have no owner"
    );
}

#[test]
fn foreground_deletion_waits_for_blocking_dependents() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    d.hold_all();
    delete_set(&mut d, Propagation::Foreground);
    let set = d.set();
    assert!(set.metadata.deletion_timestamp.is_some());
    assert!(set
        .metadata
        .finalizers
        .contains(&"foregroundDeletion".to_string()));
    run(&mut d, 1_000);
    assert_eq!(
        d.terminating().len(),
        3,
        "every pod is being deleted, in no particular order"
    );
    assert!(
        d.c.api.get::<StatefulSet>("default", "foo").is_some(),
        "the set waits"
    );
    // The controller only maintains status meanwhile.
    d.sync().unwrap();
    assert_eq!(d.pods().len(), 3);
    for n in names("foo", 0..3) {
        d.release(&n);
    }
    run(&mut d, 1_000);
    assert!(d.pods().is_empty());
    assert!(d.revisions().is_empty());
    assert!(
        d.c.api.get::<StatefulSet>("default", "foo").is_none(),
        "finalizer removed, set gone"
    );
}

#[test]
fn orphan_deletion_keeps_pods_and_a_new_set_adopts_them() {
    let mut d = Driver::new(with_policy(fixture_u(3), ("Retain", "Delete")));
    d.converge();
    let uids: Vec<String> = d.pods().into_iter().map(|p| p.metadata.uid).collect();
    delete_set(&mut d, Propagation::Orphan);
    run(&mut d, 1_000);
    assert!(d.c.api.get::<StatefulSet>("default", "foo").is_none());
    let pods = d.pods();
    assert_eq!(
        pods.iter()
            .map(|p| p.metadata.uid.clone())
            .collect::<Vec<_>>(),
        uids,
        "pods survive"
    );
    assert!(pods.iter().all(|p| p.metadata.owner_references.is_empty()));
    assert!(
        d.claims()
            .iter()
            .all(|c| c.metadata.owner_references.is_empty()),
        "even whenDeleted=Delete"
    );
    assert_eq!(d.claim_names(), names("datadir-foo", 0..3));

    // DOC-TUT: a new set with replicas 2 adopts foo-0/foo-1 and removes foo-2.
    let mut set = fixture_u(2);
    set.metadata.resource_version.clear();
    d.c.create(Object::StatefulSet(set)).unwrap();
    d.pull();
    d.converge();
    assert_eq!(d.pod_names(), names("foo", 0..2));
    let new_uid = d.set().metadata.uid;
    assert!(d
        .pods()
        .iter()
        .all(|p| p.metadata.controller_ref().map(|r| &r.uid) == Some(&new_uid)));
    assert_eq!(d.pods()[0].metadata.uid, uids[0], "adopted, not recreated");
}

#[test]
fn dependents_with_another_live_owner_survive() {
    let mut d = Driver::new(with_policy(fixture_u(1), ("Retain", "Delete")));
    d.converge();
    let cm = ConfigMap {
        metadata: ObjectMeta::named("default", "keeper"),
        ..Default::default()
    };
    let Object::ConfigMap(cm) = d.c.create(Object::ConfigMap(cm)).unwrap() else {
        unreachable!()
    };
    let mut claim = d.claim("datadir-foo-0");
    claim.metadata.owner_references.push(OwnerReference {
        api_version: "v1".into(),
        kind: "ConfigMap".into(),
        name: "keeper".into(),
        uid: cm.metadata.uid.clone(),
        controller: None,
        block_owner_deletion: None,
    });
    d.c.update(Object::PersistentVolumeClaim(claim)).unwrap();
    delete_set(&mut d, Propagation::Background);
    run(&mut d, 2_000);
    let claim = d.claim("datadir-foo-0");
    assert!(claim.metadata.deletion_timestamp.is_none());
    let kinds: Vec<&str> = claim
        .metadata
        .owner_references
        .iter()
        .map(|r| r.kind.as_str())
        .collect();
    assert_eq!(kinds, vec!["ConfigMap"], "the dangling set ref is removed");
    // Once the last owner goes, so does the claim.
    d.c.delete(
        Kind::ConfigMap,
        "default",
        "keeper",
        &DeleteOptions::default(),
    )
    .unwrap();
    run(&mut d, 30_000);
    assert!(d.claim_names().is_empty());
}

#[test]
fn an_owner_with_another_uid_counts_as_gone() {
    let mut d = Driver::new(fixture_u(1));
    d.converge();
    let mut p = d.pod("foo-0");
    p.metadata.owner_references[0].uid = "not-the-set".into();
    d.c.update(Object::Pod(p)).unwrap();
    run(&mut d, 1_000);
    // The garbage collector deleted it; the (running) controller would recreate it.
    let deleted = d
        .pod_log
        .iter()
        .any(|(t, n)| t == "DELETED" && n == "foo-0");
    assert!(deleted);
}

#[test]
fn gc_is_deterministic() {
    let trace = |seed: u64| {
        let mut d = Driver::with(fixture_u_burst(4), seed, Default::default());
        d.converge();
        let seq = d.c.api.watch_seq();
        delete_set(&mut d, Propagation::Background);
        run(&mut d, 5_000);
        d.c.api
            .watch_since(seq)
            .filter(|e| e.type_ == WatchType::Deleted)
            .map(|e| {
                format!(
                    "{}@{} {}/{}",
                    e.kind.name(),
                    e.at,
                    e.object.meta().namespace,
                    e.object.meta().name
                )
            })
            .collect::<Vec<_>>()
    };
    for seed in 1..6 {
        assert_eq!(trace(seed), trace(seed));
    }
}
