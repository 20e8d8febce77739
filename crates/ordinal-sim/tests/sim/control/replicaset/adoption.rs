//! Adoption and release through the controllerRef (replica_set_test.go: TestOverlappingRSs,
//! TestDoNotAdoptOrCreateIfBeingDeleted, TestPatchPodFails…).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::testing::replicaset::*;

fn controller_uid(d: &RsDriver, pod: &str) -> Option<String> {
    d.pod(pod).metadata.controller_ref().map(|r| r.uid.clone())
}

#[test]
fn adopts_a_matching_orphan_instead_of_creating() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    d.add_pod("orphan", &foo_bar(), &RUNNING_READY, None);
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo"), ["orphan"]);
    assert_eq!(controller_uid(&d, "orphan"), Some(rs.metadata.uid));
    assert!(d.events("foo").is_empty(), "adoption records no event");
}

#[test]
fn releases_a_pod_whose_labels_stopped_matching() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    let mut p = d.pod("foo-a");
    p.metadata.labels = [("foo".to_string(), "debug".to_string())].into();
    d.c.update(Object::Pod(p)).unwrap();
    d.sync("foo").unwrap();
    assert_eq!(controller_uid(&d, "foo-a"), None, "released");
    let owned = d.owned("foo");
    assert_eq!(owned.len(), 1, "and replaced");
    assert_ne!(owned[0], "foo-a");
}

#[test]
fn overlapping_rss() {
    // Two ReplicaSets selecting the same pods: the one that adopts first owns it; the other
    // leaves it alone and creates its own.
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("first", 1, &foo_bar()));
    d.create_rs(new_replica_set("second", 1, &foo_bar()));
    d.add_pod("orphan", &foo_bar(), &RUNNING_READY, None);
    d.sync("first").unwrap();
    d.sync("second").unwrap();
    assert_eq!(d.owned("first"), ["orphan"]);
    let second = d.owned("second");
    assert_eq!(second.len(), 1);
    assert!(second[0].starts_with("second-"));
    let refs: Vec<usize> = d
        .live_pods()
        .iter()
        .map(|p| {
            p.metadata
                .owner_references
                .iter()
                .filter(|r| r.controller == Some(true))
                .count()
        })
        .collect();
    assert!(
        refs.iter().all(|n| *n == 1),
        "one controller each: {refs:?}"
    );
}

#[test]
fn do_not_adopt_or_create_if_being_deleted() {
    let mut d = RsDriver::new();
    let mut rs = new_replica_set("foo", 2, &foo_bar());
    rs.metadata.finalizers = vec!["example.com/hold".into()];
    d.create_rs(rs);
    d.add_pod("orphan", &foo_bar(), &RUNNING_READY, None);
    d.c.delete(
        Kind::ReplicaSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    assert!(d.rs("foo").metadata.deletion_timestamp.is_some());
    d.sync("foo").unwrap();
    assert_eq!(
        controller_uid(&d, "orphan"),
        None,
        "no adoption while being deleted"
    );
    assert_eq!(d.live_pods().len(), 1, "and no create");
    let why = d.c.replicaset.explain("default", "foo").unwrap();
    assert_eq!(
        why.message(),
        "being deleted: no pods are created or deleted, only status is kept"
    );
}

#[test]
fn pods_of_another_kind_of_controller_are_left_alone() {
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    d.add_pod("theirs", &foo_bar(), &RUNNING_READY, None);
    let mut p = d.pod("theirs");
    p.metadata.owner_references.push(OwnerReference::controller(
        "apps/v1",
        "StatefulSet",
        "db",
        "db-uid",
    ));
    d.c.update(Object::Pod(p)).unwrap();
    d.sync("foo").unwrap();
    assert_eq!(controller_uid(&d, "theirs").as_deref(), Some("db-uid"));
    assert_eq!(d.owned("foo").len(), 1);
}
