//! Scheduler decisions and their messages; kubelet admission.

use ordinal_sim::api::{ContainerPort, Object, Pod};
use ordinal_sim::testing::node::*;

fn scheduled_condition(c: &ordinal_sim::Cluster, name: &str) -> (String, String, String) {
    let p = get(c, name).unwrap();
    let cond = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled")
        .unwrap();
    (
        cond.status.clone(),
        cond.reason.clone(),
        cond.message.clone(),
    )
}

fn cordon(c: &mut ordinal_sim::Cluster, name: &str, on: bool) {
    let mut n = node(c, name);
    n.spec.unschedulable = on;
    c.update(Object::Node(n)).unwrap();
}

#[test]
fn cordoned_and_mismatched_nodes_give_the_real_message_then_uncordon_schedules() {
    let mut c = cluster();
    cordon(&mut c, "node-1", true);
    c.advance_by(100).unwrap();
    assert_eq!(
        taints(&c, "node-1"),
        ["node.kubernetes.io/unschedulable:NoSchedule"]
    );
    create(&mut c, on_node(pod("web", "nginx"), "node-1"));
    c.advance_by(1_000).unwrap();
    let want = "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    assert_eq!(
        scheduled_condition(&c, "web"),
        ("False".into(), "Unschedulable".into(), want.into())
    );
    assert_eq!(
        events_for(&c, "web"),
        [("FailedScheduling".to_string(), want.to_string())]
    );
    assert!(
        get(&c, "web").unwrap().status.container_statuses.is_empty(),
        "no kubelet has it yet"
    );
    cordon(&mut c, "node-1", false);
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    assert_eq!(get(&c, "web").unwrap().spec.node_name, "node-1");
    assert!(taints(&c, "node-1").is_empty());
}

#[test]
fn host_ports_and_resources_are_filtered() {
    let mut c = cluster_with(2, 1);
    let with_port = |name: &str| {
        let mut p = pod(name, "nginx");
        p.spec.containers[0].ports = vec![ContainerPort {
            container_port: 80,
            host_port: Some(8080),
            ..Default::default()
        }];
        p
    };
    create(&mut c, with_port("a"));
    create(&mut c, with_port("b"));
    create(&mut c, with_port("c"));
    c.advance_by(2_000).unwrap();
    let mut nodes: Vec<String> = ["a", "b"]
        .iter()
        .map(|n| get(&c, n).unwrap().spec.node_name)
        .collect();
    let a_node = nodes[0].clone();
    nodes.sort();
    assert_eq!(nodes, ["node-1", "node-2"], "one port per node");
    assert_eq!(
        scheduled_condition(&c, "c").2,
        "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
    );
    let mut big: Pod = pod("big", "nginx");
    big.spec.containers[0].resources.requests = [("cpu".to_string(), "8".to_string())].into();
    create(&mut c, big);
    c.advance_by(1_000).unwrap();
    assert_eq!(
        scheduled_condition(&c, "big").2,
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
    );
    // Deleting a pod frees its port; the parked pod is retried and scheduled there.
    c.delete(
        ordinal_sim::api::Kind::Pod,
        "default",
        "a",
        &Default::default(),
    )
    .unwrap();
    poll_until(&mut c, 10_000, |c| is_ready(c, "c"));
    assert_eq!(get(&c, "c").unwrap().spec.node_name, a_node);
}

#[test]
fn the_kubelet_rejects_a_pinned_pod_whose_host_port_is_taken() {
    let mut c = cluster();
    let mut first = pod("test-pod", "nginx");
    first.spec.node_name = "node-1".into();
    first.spec.containers[0].ports = vec![ContainerPort {
        container_port: 21017,
        host_port: Some(21017),
        ..Default::default()
    }];
    create(&mut c, first.clone());
    poll_until(&mut c, 10_000, |c| is_ready(c, "test-pod"));
    let mut second = first;
    second.metadata = ordinal_sim::api::ObjectMeta::named("default", "ss-0");
    create(&mut c, second);
    poll_until(&mut c, 5_000, |c| {
        get(c, "ss-0").is_some_and(|p| p.status.phase == "Failed")
    });
    let p = get(&c, "ss-0").unwrap();
    assert_eq!(p.status.reason, "NodePorts");
    assert_eq!(p.status.message, "Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports");
    assert_eq!(
        events_for(&c, "ss-0"),
        [("NodePorts".to_string(), "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports".to_string())]
    );
}
