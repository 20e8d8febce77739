//! Cattle on one claim (ST1): pods that all mount `persistentVolumeClaim: {claimName: data}`,
//! as a ReplicaSet's would, on a ReadWriteOnce network volume. Those on the node that holds
//! the attachment start; one on another node waits in ContainerCreating with the attach/detach
//! controller's Multi-Attach error and, two minutes later, the kubelet's FailedMount.

use super::{cattle, waiting_reason};
use ordinal_sim::api::{Kind, Object, Pod};
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

const FAILED_MOUNT: &str = "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition";

/// A cluster with claim `data` bound to a ReadWriteOnce network volume; returns the PV name.
fn network_claim(c: &mut Cluster) -> String {
    c.create(Object::StorageClass(network_class("disk", "Immediate")))
        .unwrap();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("disk"),
        "1Gi",
    )))
    .unwrap();
    poll_until(c, 5_000, |c| {
        claim(c, "data").is_some_and(|cl| cl.status.phase == "Bound")
    });
    claim(c, "data").unwrap().spec.volume_name
}

#[test]
fn st1_a_pod_on_a_second_node_waits_with_multi_attach_naming_the_holders() {
    let mut c = cluster();
    let pv = network_claim(&mut c);
    create(&mut c, on_node(cattle("web-7bq4x"), "node-1"));
    create(&mut c, on_node(cattle("web-2lmzd"), "node-1"));
    poll_until(&mut c, 10_000, |c| {
        is_ready(c, "web-7bq4x") && is_ready(c, "web-2lmzd")
    });
    let t0 = c.now;
    create(&mut c, on_node(cattle("web-k9v6c"), "node-2"));
    c.advance_by(5_000).unwrap();

    let stuck = get(&c, "web-k9v6c").unwrap();
    assert_eq!(
        stuck.spec.node_name, "node-2",
        "the scheduler does not mind RWO"
    );
    assert_eq!(stuck.status.phase, "Pending");
    assert_eq!(waiting_reason(&c, "web-k9v6c"), "ContainerCreating");
    let multi = format!(
        "Multi-Attach error for volume \"{pv}\" Volume is already used by pod(s) web-2lmzd, web-7bq4x"
    );
    assert_eq!(
        events_for(&c, "web-k9v6c")
            .into_iter()
            .filter(|(r, _)| r != "Scheduled")
            .collect::<Vec<_>>(),
        [("FailedAttachVolume".to_string(), multi.clone())],
        "reported once, by the attach/detach controller"
    );
    assert!(node(&c, "node-2").status.volumes_attached.is_empty());

    // The kubelet gives up waiting after two minutes and says which volumes it waited for.
    let seen = poll_until(&mut c, 130_000, |c| {
        events_for(c, "web-k9v6c")
            .iter()
            .any(|(r, m)| r == "FailedMount" && m == FAILED_MOUNT)
    });
    assert!(
        (120_000..=121_000).contains(&(seen - t0)),
        "FailedMount {} ms after the pod was created",
        seen - t0
    );
    assert_eq!(
        event_count(&c, "web-k9v6c", "FailedAttachVolume", &multi),
        1
    );
    assert!(!is_ready(&c, "web-k9v6c"));
    assert!(is_ready(&c, "web-7bq4x") && is_ready(&c, "web-2lmzd"));

    // Once the node-1 pods are gone the volume detaches and follows the waiting pod.
    for name in ["web-7bq4x", "web-2lmzd"] {
        c.delete(Kind::Pod, "default", name, &Default::default())
            .unwrap();
    }
    poll_until(&mut c, 60_000, |c| is_ready(c, "web-k9v6c"));
    assert!(node(&c, "node-1").status.volumes_attached.is_empty());
    assert_eq!(node(&c, "node-2").status.volumes_attached.len(), 1);
    assert!(reasons_for(&c, "web-k9v6c").contains(&"SuccessfulAttachVolume".to_string()));
}

#[test]
fn st1_pods_on_the_same_node_share_the_attachment() {
    let mut c = cluster();
    network_claim(&mut c);
    for name in ["web-4fj8s", "web-pm2tw", "web-x5rdk"] {
        create(&mut c, on_node(cattle(name), "node-3"));
    }
    poll_until(&mut c, 10_000, |c| {
        ["web-4fj8s", "web-pm2tw", "web-x5rdk"]
            .iter()
            .all(|n| is_ready(c, n))
    });
    assert_eq!(node(&c, "node-3").status.volumes_attached.len(), 1);
    for name in ["web-4fj8s", "web-pm2tw", "web-x5rdk"] {
        assert!(
            !reasons_for(&c, name).contains(&"FailedAttachVolume".to_string()),
            "{name} saw no Multi-Attach"
        );
    }
}

#[test]
fn st1_replicas_spread_over_nodes_fight_over_the_volume() {
    // Created together, unpinned: the scheduler spreads them one per node, the volume attaches
    // to one node and the two others wait.
    let mut c = cluster();
    let pv = network_claim(&mut c);
    for name in ["web-8hx2n", "web-c4s7q", "web-tz9wl"] {
        create(&mut c, cattle(name));
    }
    c.advance_by(10_000).unwrap();
    let pods: Vec<Pod> = ["web-8hx2n", "web-c4s7q", "web-tz9wl"]
        .iter()
        .map(|n| get(&c, n).unwrap())
        .collect();
    let mut nodes: Vec<&str> = pods.iter().map(|p| p.spec.node_name.as_str()).collect();
    nodes.sort();
    assert_eq!(nodes, ["node-1", "node-2", "node-3"]);
    let ready: Vec<&Pod> = pods.iter().filter(|p| p.is_ready()).collect();
    assert_eq!(ready.len(), 1, "exactly one replica runs");
    let holder = ready[0].metadata.name.clone();
    for p in pods.iter().filter(|p| !p.is_ready()) {
        let name = &p.metadata.name;
        assert_eq!(waiting_reason(&c, name), "ContainerCreating");
        assert!(events_for(&c, name).contains(&(
            "FailedAttachVolume".to_string(),
            format!(
                "Multi-Attach error for volume \"{pv}\" Volume is already used by pod(s) {holder}"
            )
        )));
    }
}
