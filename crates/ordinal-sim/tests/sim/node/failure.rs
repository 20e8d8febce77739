//! Node failure (N1–N4): a node whose kubelet stops goes Unknown after the grace period, is
//! tainted, its pods turn not Ready, are evicted 300 s later and stay Terminating until one of
//! the recovery paths removes them.

use ordinal_sim::api::Kind;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

/// A Ready pod `web` on node-2 whose kubelet has just been stopped; returns the stop time.
fn failed_node() -> (Cluster, u64) {
    let mut c = cluster();
    create(&mut c, on_node(pod("web", "nginx"), "node-2"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    c.advance_by(20_000).unwrap();
    let t0 = c.now;
    sim(
        &mut c,
        SimAction::StopKubelet {
            node: "node-2".into(),
        },
    );
    (c, t0)
}

/// Runs the failure through eviction: returns (unknown_at, evicted_at).
fn through_eviction(c: &mut Cluster) -> (u64, u64) {
    let unknown = poll_until(c, 120_000, |c| {
        node(c, "node-2").ready_status() == "Unknown"
    });
    let evicted = poll_until(c, 400_000, |c| {
        get(c, "web").unwrap().metadata.deletion_timestamp.is_some()
    });
    (unknown, evicted)
}

#[test]
fn stopped_kubelet_node_goes_unknown_then_pods_are_evicted_and_stay_terminating() {
    let (mut c, t0) = failed_node();
    let unknown = poll_until(&mut c, 120_000, |c| {
        node(c, "node-2").ready_status() == "Unknown"
    });
    // Last heartbeat ≤ 10 s before the stop, grace 50 s (1.33), monitor every 5 s.
    assert!(
        (40_000..=65_000).contains(&(unknown - t0)),
        "Unknown {} ms after the stop",
        unknown - t0
    );
    let ready = node(&c, "node-2")
        .status
        .conditions
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .unwrap();
    assert_eq!(
        (ready.reason.as_str(), ready.message.as_str()),
        ("NodeStatusUnknown", "Kubelet stopped posting node status.")
    );
    c.advance_by(100).unwrap();
    assert_eq!(
        taints(&c, "node-2"),
        [
            "node.kubernetes.io/unreachable:NoExecute",
            "node.kubernetes.io/unreachable:NoSchedule"
        ]
    );
    assert!(!is_ready(&c, "web"));
    assert_eq!(get(&c, "web").unwrap().status.phase, "Running");
    assert!(events_for(&c, "web").contains(&("NodeNotReady".into(), "Node is not ready".into())));
    assert!(events_for(&c, "node-2").contains(&(
        "NodeNotReady".into(),
        "Node node-2 status is now: NodeNotReady".into()
    )));

    let evicted = poll_until(&mut c, 400_000, |c| {
        get(c, "web").unwrap().metadata.deletion_timestamp.is_some()
    });
    assert!(
        (300_000..=300_500).contains(&(evicted - unknown)),
        "evicted {} ms after the taint",
        evicted - unknown
    );
    assert!(events_for(&c, "web").contains(&(
        "TaintManagerEviction".into(),
        "Marking for deletion Pod default/web".into()
    )));
    let p = get(&c, "web").unwrap();
    let dt = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "DisruptionTarget")
        .unwrap();
    assert_eq!(dt.reason, "DeletionByTaintManager");
    // Nobody confirms the deletion: it stays Terminating, and nothing replaces it.
    c.advance_by(600_000).unwrap();
    assert!(get(&c, "web").is_some_and(|p| p.metadata.deletion_timestamp.is_some()));
    // The new pod the scheduler would place elsewhere avoids the tainted node.
    create(&mut c, pod("other", "nginx"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "other"));
    assert_ne!(get(&c, "other").unwrap().spec.node_name, "node-2");
}

#[test]
fn recovery_when_the_node_comes_back() {
    let (mut c, _) = failed_node();
    through_eviction(&mut c);
    sim(
        &mut c,
        SimAction::StartKubelet {
            node: "node-2".into(),
        },
    );
    // The kubelet heartbeats (Ready, untainted) and finishes the deletion it missed.
    let gone = poll_until(&mut c, 60_000, |c| get(c, "web").is_none());
    assert_eq!(node(&c, "node-2").ready_status(), "True");
    c.advance_by(1_000).unwrap();
    assert!(taints(&c, "node-2").is_empty());
    assert!(events_for(&c, "web")
        .iter()
        .any(|(r, m)| r == "Killing" && m == "Stopping container nginx"));
    let node_events = events_for(&c, "node-2");
    let recovered: Vec<&str> = node_events
        .iter()
        .skip_while(|(r, _)| r != "NodeNotReady")
        .skip(1)
        .map(|(r, _)| r.as_str())
        .collect();
    assert_eq!(
        recovered,
        [
            "NodeHasSufficientMemory",
            "NodeHasNoDiskPressure",
            "NodeHasSufficientPID",
            "NodeReady"
        ]
    );
    assert!(node_events.contains(&(
        "NodeReady".into(),
        "Node node-2 status is now: NodeReady".into()
    )));
    assert!(gone > 0);
}

#[test]
fn recovery_by_deleting_the_node_object() {
    let (mut c, _) = failed_node();
    through_eviction(&mut c);
    let t = c.now;
    c.delete(Kind::Node, "", "node-2", &DeleteOptions::default())
        .unwrap();
    let gone = poll_until(&mut c, 120_000, |c| get(c, "web").is_none());
    // Pod GC: a 40 s quarantine, checked every 20 s.
    assert!(
        (40_000..=61_000).contains(&(gone - t)),
        "collected {} ms after the node was deleted",
        gone - t
    );
}

#[test]
fn recovery_by_force_deleting_the_pod() {
    let (mut c, _) = failed_node();
    through_eviction(&mut c);
    let opts = DeleteOptions {
        grace_period_seconds: Some(0),
        ..Default::default()
    };
    c.delete(Kind::Pod, "default", "web", &opts).unwrap();
    assert!(get(&c, "web").is_none());
}

#[test]
fn recovery_with_the_out_of_service_taint() {
    let (mut c, _) = failed_node();
    through_eviction(&mut c);
    let mut n = node(&c, "node-2");
    n.spec.taints.push(ordinal_sim::api::Taint {
        key: "node.kubernetes.io/out-of-service".into(),
        value: "nodeshutdown".into(),
        effect: "NoExecute".into(),
        time_added: None,
    });
    c.update(ordinal_sim::api::Object::Node(n)).unwrap();
    let t = c.now;
    let gone = poll_until(&mut c, 60_000, |c| get(c, "web").is_none());
    assert!(
        gone - t <= 20_100,
        "collected {} ms after the taint",
        gone - t
    );
}

#[test]
fn a_node_cut_off_keeps_running_its_pod_and_catches_up_when_reconnected() {
    let mut c = cluster();
    create(&mut c, on_node(pod("web", "nginx"), "node-2"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    sim(
        &mut c,
        SimAction::CutOffNode {
            node: "node-2".into(),
        },
    );
    poll_until(&mut c, 120_000, |c| {
        node(c, "node-2").ready_status() == "Unknown"
    });
    assert!(
        c.read_file("default", "web", None, "/etc/hostname")
            .is_err(),
        "exec cannot reach a cut-off node"
    );
    let rt = c
        .kubelet
        .runtime("node-2", &get(&c, "web").unwrap().metadata.uid)
        .unwrap();
    assert!(
        rt.containers[0].state.is_running(),
        "the container still runs on the node"
    );
    // Deleted while cut off: the kubelet cannot see it; it stays Terminating.
    c.delete(Kind::Pod, "default", "web", &DeleteOptions::default())
        .unwrap();
    c.advance_by(120_000).unwrap();
    assert!(get(&c, "web").is_some());
    sim(
        &mut c,
        SimAction::ReconnectNode {
            node: "node-2".into(),
        },
    );
    poll_until(&mut c, 10_000, |c| get(c, "web").is_none());
    poll_until(&mut c, 20_000, |c| {
        node(c, "node-2").ready_status() == "True"
    });
}

#[test]
fn pods_turn_ready_again_when_the_node_returns_before_eviction() {
    let mut c = cluster();
    create(&mut c, on_node(pod("web", "nginx"), "node-2"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    let uid = get(&c, "web").unwrap().metadata.uid;
    for (off, on) in [
        (
            SimAction::CutOffNode {
                node: "node-2".into(),
            },
            SimAction::ReconnectNode {
                node: "node-2".into(),
            },
        ),
        (
            SimAction::StopKubelet {
                node: "node-2".into(),
            },
            SimAction::StartKubelet {
                node: "node-2".into(),
            },
        ),
    ] {
        sim(&mut c, off);
        poll_until(&mut c, 120_000, |c| !is_ready(c, "web"));
        c.advance_by(60_000).unwrap();
        assert_eq!(
            taints(&c, "node-2"),
            [
                "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/unreachable:NoSchedule"
            ]
        );
        sim(&mut c, on);
        poll_until(&mut c, 30_000, |c| {
            is_ready(c, "web") && taints(c, "node-2").is_empty()
        });
        assert!(events_for(&c, "web")
            .iter()
            .any(|(r, m)| r == "TaintManagerEviction"
                && m == "Cancelling deletion of Pod default/web"));
    }
    let p = get(&c, "web").unwrap();
    assert_eq!(
        (p.metadata.uid, p.status.container_statuses[0].restart_count),
        (uid, 0),
        "the same pod, never restarted"
    );
}
