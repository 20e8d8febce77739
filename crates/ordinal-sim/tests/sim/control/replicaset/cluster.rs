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
