//! Bare pods (N6): a pod created by hand has no controller, so nothing recreates it — not
//! when it is deleted, not when its node dies and the pod is evicted and collected.

use ordinal_sim::api::{Kind, Pod};
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

fn pod_names(c: &Cluster) -> Vec<String> {
    c.api
        .list::<Pod>(Some("default"))
        .map(|p| p.metadata.name.clone())
        .collect()
}

#[test]
fn n6_a_deleted_bare_pod_stays_deleted() {
    let mut c = cluster();
    create(&mut c, pod("web-bare", "nginx"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-bare"));
    assert!(get(&c, "web-bare")
        .unwrap()
        .metadata
        .owner_references
        .is_empty());
    c.delete(Kind::Pod, "default", "web-bare", &Default::default())
        .unwrap();
    poll_until(&mut c, 60_000, |c| get(c, "web-bare").is_none());
    c.advance_by(600_000).unwrap();
    assert_eq!(pod_names(&c), Vec::<String>::new(), "nothing came back");
}

#[test]
fn n6_a_bare_pod_on_a_dead_node_is_evicted_collected_and_never_replaced() {
    let mut c = cluster();
    create(&mut c, on_node(pod("web-bare", "nginx"), "node-2"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-bare"));
    sim(
        &mut c,
        SimAction::StopKubelet {
            node: "node-2".into(),
        },
    );
    poll_until(&mut c, 400_000, |c| {
        get(c, "web-bare").is_some_and(|p| p.metadata.deletion_timestamp.is_some())
    });
    assert!(events_for(&c, "web-bare").contains(&(
        "TaintManagerEviction".into(),
        "Marking for deletion Pod default/web-bare".into()
    )));
    // The node is gone for good: pod GC removes what was on it.
    c.delete(Kind::Node, "", "node-2", &Default::default())
        .unwrap();
    poll_until(&mut c, 120_000, |c| get(c, "web-bare").is_none());
    c.advance_by(600_000).unwrap();
    assert_eq!(
        pod_names(&c),
        Vec::<String>::new(),
        "no replacement anywhere"
    );
}
