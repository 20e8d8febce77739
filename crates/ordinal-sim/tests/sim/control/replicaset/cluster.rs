//! The ReplicaSet controller in a running cluster: pods come up, a deleted or evicted pod is
//! replaced under a new name, a bare pod is never replaced, and the garbage collector follows
//! the ReplicaSet's deletion (background or orphan).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::{DeleteOptions, Propagation};
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;
use ordinal_sim::testing::replicaset::{foo_bar, new_replica_set};
use ordinal_sim::Cluster;

fn owned_ready(c: &Cluster, rs: &str) -> Vec<Pod> {
    let Some(uid) = c
        .api
        .get::<ReplicaSet>("default", rs)
        .map(|r| r.metadata.uid.clone())
    else {
        return Vec::new();
    };
    c.api
        .list::<Pod>(Some("default"))
        .filter(|p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
        .filter(|p| p.metadata.deletion_timestamp.is_none() && p.is_ready())
        .cloned()
        .collect()
}

fn running_rs(replicas: i32) -> Cluster {
    let mut c = cluster();
    c.create(Object::ReplicaSet(new_replica_set(
        "web",
        replicas,
        &foo_bar(),
    )))
    .unwrap();
    poll_until(&mut c, 30_000, |c| {
        owned_ready(c, "web").len() == replicas as usize
    });
    c
}

#[test]
fn a_replica_set_runs_its_pods_and_reports_them_ready() {
    let mut c = running_rs(3);
    poll_until(&mut c, 5_000, |c| {
        c.api
            .get::<ReplicaSet>("default", "web")
            .is_some_and(|r| r.status.ready_replicas == 3 && r.status.available_replicas == 3)
    });
    let evs = events_for(&c, "web");
    let created = evs.iter().filter(|(r, _)| r == "SuccessfulCreate").count();
    assert_eq!(created, 3, "{evs:?}");
}

#[test]
fn a_deleted_pod_is_replaced_under_a_new_random_name() {
    let mut c = running_rs(2);
    let before: Vec<String> = owned_ready(&c, "web")
        .into_iter()
        .map(|p| p.metadata.name)
        .collect();
    c.delete(Kind::Pod, "default", &before[0], &DeleteOptions::default())
        .unwrap();
    poll_until(&mut c, 60_000, |c| {
        let now = owned_ready(c, "web");
        now.len() == 2 && now.iter().all(|p| p.metadata.name != before[0])
    });
    let after: Vec<String> = owned_ready(&c, "web")
        .into_iter()
        .map(|p| p.metadata.name)
        .collect();
    assert!(after.contains(&before[1]), "the other pod stays: {after:?}");
    let new = after.iter().find(|n| **n != before[1]).unwrap();
    assert!(
        new.starts_with("web-") && new.len() == "web-".len() + 5,
        "{new}"
    );
}

#[test]
fn a_bare_pod_is_never_recreated_after_deletion_or_node_death() {
    let mut c = cluster();
    create(&mut c, on_node(pod("bare", "nginx"), "node-1"));
    create(&mut c, on_node(pod("doomed", "nginx"), "node-2"));
    poll_until(&mut c, 10_000, |c| {
        is_ready(c, "bare") && is_ready(c, "doomed")
    });
    c.delete(Kind::Pod, "default", "bare", &DeleteOptions::default())
        .unwrap();
    sim(
        &mut c,
        SimAction::RemoveNode {
            node: "node-2".into(),
        },
    );
    poll_until(&mut c, 400_000, |c| {
        get(c, "bare").is_none() && get(c, "doomed").is_none()
    });
    c.advance_by(60_000).unwrap();
    let left: Vec<String> = c
        .api
        .list::<Pod>(Some("default"))
        .map(|p| p.metadata.name.clone())
        .collect();
    assert!(left.is_empty(), "nothing brings a bare pod back: {left:?}");
}

#[test]
fn a_pod_on_a_dead_node_is_replaced_elsewhere() {
    let mut c = running_rs(3);
    let victim = owned_ready(&c, "web")[0].clone();
    let node = victim.spec.node_name.clone();
    sim(&mut c, SimAction::RemoveNode { node: node.clone() });
    poll_until(&mut c, 400_000, |c| {
        let pods = owned_ready(c, "web");
        pods.len() == 3 && pods.iter().all(|p| p.spec.node_name != node)
    });
}

#[test]
fn deleting_a_replica_set_deletes_its_pods_in_the_background() {
    let mut c = running_rs(2);
    c.delete(
        Kind::ReplicaSet,
        "default",
        "web",
        &DeleteOptions::default(),
    )
    .unwrap();
    poll_until(&mut c, 120_000, |c| {
        c.api.list::<Pod>(Some("default")).next().is_none()
    });
}

#[test]
fn deleting_a_replica_set_with_cascade_orphan_keeps_its_pods() {
    let mut c = running_rs(2);
    let names: Vec<String> = owned_ready(&c, "web")
        .into_iter()
        .map(|p| p.metadata.name)
        .collect();
    let opts = DeleteOptions {
        propagation: Some(Propagation::Orphan),
        ..Default::default()
    };
    c.delete(Kind::ReplicaSet, "default", "web", &opts).unwrap();
    poll_until(&mut c, 30_000, |c| {
        c.api.get::<ReplicaSet>("default", "web").is_none()
    });
    c.advance_by(30_000).unwrap();
    for n in &names {
        let p = get(&c, n).unwrap_or_else(|| panic!("{n} kept"));
        assert!(p.metadata.owner_references.is_empty(), "{n} orphaned");
        assert!(p.metadata.deletion_timestamp.is_none());
    }
}

#[test]
fn availability_is_rechecked_after_min_ready_seconds() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", 2, &foo_bar());
    rs.spec.min_ready_seconds = 5;
    c.create(Object::ReplicaSet(rs)).unwrap();
    let ready_at = poll_until(&mut c, 30_000, |c| {
        c.api
            .get::<ReplicaSet>("default", "web")
            .is_some_and(|r| r.status.ready_replicas == 2)
    });
    let avail = |c: &Cluster| {
        c.api
            .get::<ReplicaSet>("default", "web")
            .unwrap()
            .status
            .available_replicas
    };
    assert_eq!(avail(&c), 0, "Ready for less than minReadySeconds");
    // No pod changes after Ready: only the controller's own requeue brings availability.
    let at = poll_until(&mut c, 20_000, |c| avail(c) == 2);
    assert!(
        at - ready_at >= 4_000,
        "not before minReadySeconds: {ready_at} → {at}"
    );
}

#[test]
fn deleting_a_replica_set_in_the_foreground_waits_for_its_pods() {
    let mut c = running_rs(2);
    let opts = DeleteOptions {
        propagation: Some(Propagation::Foreground),
        ..Default::default()
    };
    c.delete(Kind::ReplicaSet, "default", "web", &opts).unwrap();
    c.advance_by(200).unwrap();
    let rs = c.api.get::<ReplicaSet>("default", "web").cloned().unwrap();
    assert!(rs.metadata.deletion_timestamp.is_some());
    assert!(
        c.api.list::<Pod>(Some("default")).next().is_some(),
        "pods still terminating"
    );
    let gone = poll_until(&mut c, 120_000, |c| {
        c.api.get::<ReplicaSet>("default", "web").is_none()
    });
    assert!(
        c.api.list::<Pod>(Some("default")).next().is_none(),
        "the ReplicaSet went only after its pods (at {gone} ms)"
    );
}

#[test]
fn a_replication_controller_deleted_without_a_policy_orphans_its_pods() {
    use ordinal_sim::testing::replicaset::new_replication_controller;
    let mut c = cluster();
    c.create(Object::ReplicationController(new_replication_controller(
        "nginx",
        2,
        &foo_bar(),
    )))
    .unwrap();
    poll_until(&mut c, 30_000, |c| {
        c.api
            .list::<Pod>(Some("default"))
            .filter(|p| p.is_ready())
            .count()
            == 2
    });
    c.delete(
        Kind::ReplicationController,
        "default",
        "nginx",
        &DeleteOptions::default(),
    )
    .unwrap();
    poll_until(&mut c, 30_000, |c| {
        c.api
            .get::<ReplicationController>("default", "nginx")
            .is_none()
    });
    c.advance_by(30_000).unwrap();
    let pods: Vec<Pod> = c.api.list::<Pod>(Some("default")).cloned().collect();
    assert_eq!(pods.len(), 2, "kept");
    assert!(
        pods.iter()
            .all(|p| p.metadata.owner_references.is_empty()
                && p.metadata.deletion_timestamp.is_none())
    );
}

fn owned_names(c: &Cluster, rs: &str) -> Vec<String> {
    let uid = c
        .api
        .get::<ReplicaSet>("default", rs)
        .map(|r| r.metadata.uid.clone())
        .unwrap();
    c.api
        .list::<Pod>(Some("default"))
        .filter(|p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .map(|p| p.metadata.name.clone())
        .collect()
}

#[test]
fn update_pods() {
    // A pod relabelled from one ReplicaSet's selector to another's: the first releases it and
    // creates a replacement, the second adopts it and deletes a surplus pod (which one is the
    // ranking's: here both were created and Ready in the same second, a tie).
    let mut c = cluster();
    let blue: Labels = [("color".to_string(), "blue".to_string())].into();
    let green: Labels = [("color".to_string(), "green".to_string())].into();
    c.create(Object::ReplicaSet(new_replica_set("blue", 1, &blue)))
        .unwrap();
    c.create(Object::ReplicaSet(new_replica_set("green", 1, &green)))
        .unwrap();
    poll_until(&mut c, 30_000, |c| {
        owned_names(c, "blue").len() == 1 && owned_names(c, "green").len() == 1
    });
    let moved = owned_names(&c, "blue")[0].clone();
    let mut p = get(&c, &moved).unwrap();
    p.metadata.labels = green;
    c.update(Object::Pod(p)).unwrap();
    poll_until(&mut c, 60_000, |c| {
        let (b, g) = (owned_names(c, "blue"), owned_names(c, "green"));
        b.len() == 1 && !b.contains(&moved) && g.len() == 1
    });
    assert!(
        events_for(&c, "blue")
            .iter()
            .any(|(r, m)| r == "SuccessfulCreate" && !m.ends_with(&moved)),
        "blue replaced the pod it released"
    );
    let green_events = events_for(&c, "green");
    assert!(
        green_events.iter().any(|(r, _)| r == "SuccessfulDelete"),
        "green deleted its own pod to keep one: {green_events:?}"
    );
}

#[test]
fn watch_pods_adopts_a_matching_bare_pod_and_deletes_the_surplus() {
    let mut c = running_rs(1);
    let mut bare = pod("handmade", "nginx");
    bare.metadata.labels = foo_bar();
    create(&mut c, bare);
    // Adopted and one too many in the same sync: the pod not yet Ready goes at once.
    let kept = owned_names(&c, "web");
    poll_until(&mut c, 30_000, |c| get(c, "handmade").is_none());
    assert_eq!(owned_names(&c, "web"), kept, "the older, Ready pod stays");
    assert!(events_for(&c, "web").contains(&(
        "SuccessfulDelete".to_string(),
        "Deleted pod: handmade".to_string()
    )));
}
