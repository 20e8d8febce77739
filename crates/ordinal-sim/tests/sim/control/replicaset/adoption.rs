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
fn do_not_patch_pod_with_other_control_ref() {
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

#[test]
fn patch_pod_fails() {
    use ordinal_sim::apiserver::Verb;
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 2, &foo_bar()));
    d.add_pod("orphan-1", &foo_bar(), &RUNNING_READY, None);
    d.add_pod("orphan-2", &foo_bar(), &RUNNING_READY, None);
    d.c.api.fail_nth(Verb::Update, Kind::Pod, 1);
    d.c.api.fail_nth(Verb::Update, Kind::Pod, 2);
    let err = d.sync("foo").unwrap_err();
    assert_eq!(err.message, "Internal error occurred: API server failed");
    assert_eq!(
        d.live_pods().len(),
        2,
        "no pod is created when claiming failed"
    );
    assert!(d.events("foo").is_empty());
}

#[test]
fn release_only_when_the_owner_is_not_being_deleted() {
    let mut d = RsDriver::new();
    let mut rs = new_replica_set("foo", 1, &foo_bar());
    rs.metadata.finalizers = vec!["example.com/hold".into()];
    let rs = d.create_rs(rs);
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    let mut p = d.pod("foo-a");
    p.metadata.labels = [("foo".to_string(), "debug".to_string())].into();
    d.c.update(Object::Pod(p)).unwrap();
    d.c.delete(
        Kind::ReplicaSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    d.sync("foo").unwrap();
    assert_eq!(
        controller_uid(&d, "foo-a"),
        Some(rs.metadata.uid),
        "kept while deleting"
    );
}

#[test]
fn related_pods_lookup() {
    // Two ReplicaSets of one owner (a Deployment's old and new): a pod doubled up on a node
    // with its sibling's pod goes first.
    let mut d = RsDriver::new();
    let owner = OwnerReference::controller("apps/v1", "Deployment", "app", "deploy-uid");
    let v1: Labels = [("v".to_string(), "1".to_string())].into();
    let v2: Labels = [("v".to_string(), "2".to_string())].into();
    let mut old = new_replica_set("old", 1, &v1);
    old.metadata.owner_references.push(owner.clone());
    let mut new = new_replica_set("new", 1, &v2);
    new.metadata.owner_references.push(owner);
    let old = d.create_rs(old);
    let new = d.create_rs(new);
    let on = |node: &'static str| PodState {
        node,
        ..RUNNING_READY
    };
    d.add_pod("old-a", &v1, &on("node-1"), Some(&old));
    d.add_pod("old-b", &v1, &on("node-2"), Some(&old));
    d.add_pod("new-a", &v2, &on("node-2"), Some(&new));
    d.sync("old").unwrap();
    assert_eq!(d.owned("old"), ["old-a"], "old-b shared node-2 with new-a");
    let why = d.c.replicaset.explain("default", "old").unwrap();
    assert!(
        why.message()
            .ends_with("old-b (sharing its node with more of the related pods)"),
        "{}",
        why.message()
    );
}
