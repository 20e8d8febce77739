//! ReadWriteOnce network volumes attach to one node at a time (N5): after a node failure a
//! replacement pod waits for the 6-minute force detach, or not at all with out-of-service.

use ordinal_sim::api::{Kind, Object, Taint};
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

/// `db` (claim `data` on class `disk`) runs on node-2, node-2's kubelet stops, and once the
/// node is Unknown `db` is force-deleted and `db2` on the same claim is created.
fn replaced_after_failure() -> (Cluster, u64) {
    let mut c = cluster();
    c.create(Object::StorageClass(network_class("disk", "Immediate")))
        .unwrap();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("disk"),
        "5Gi",
    )))
    .unwrap();
    create(
        &mut c,
        on_node(pod_with_claim("db", "nginx", "data", "/data"), "node-2"),
    );
    poll_until(&mut c, 10_000, |c| is_ready(c, "db"));
    let n2 = node(&c, "node-2");
    assert_eq!(n2.status.volumes_attached.len(), 1);
    assert!(n2.status.volumes_attached[0]
        .name
        .starts_with("kubernetes.io/csi/disk.csi.example.com^vol-"));
    assert_eq!(
        n2.status.volumes_in_use,
        [n2.status.volumes_attached[0].name.clone()]
    );
    assert!(reasons_for(&c, "db").contains(&"SuccessfulAttachVolume".to_string()));
    c.write_file("default", "db", None, "/data/rows", "42\n", false)
        .unwrap();
    sim(
        &mut c,
        SimAction::StopKubelet {
            node: "node-2".into(),
        },
    );
    poll_until(&mut c, 120_000, |c| {
        node(c, "node-2").ready_status() == "Unknown"
    });
    c.delete(
        Kind::Pod,
        "default",
        "db",
        &DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    let t = c.now;
    let mut p = pod_with_claim("db2", "nginx", "data", "/data");
    p.spec.node_selector.clear();
    create(&mut c, p);
    (c, t)
}

#[test]
fn the_replacement_waits_for_the_six_minute_force_detach() {
    let (mut c, t) = replaced_after_failure();
    c.advance_by(5_000).unwrap();
    let p = get(&c, "db2").unwrap();
    assert_ne!(
        p.spec.node_name, "node-2",
        "the unreachable node is tainted"
    );
    let pv = claim(&c, "data").unwrap().spec.volume_name;
    assert!(events_for(&c, "db2").contains(&(
        "FailedAttachVolume".into(),
        format!("Multi-Attach error for volume \"{pv}\" Volume is already exclusively attached to one node and can't be attached to another")
    )));
    assert_eq!(p.status.phase, "Pending");
    let ready = poll_until(&mut c, 600_000, |c| is_ready(c, "db2"));
    assert!(
        (360_000..=362_000).contains(&(ready - t)),
        "ready {} ms after the force delete",
        ready - t
    );
    assert!(node(&c, "node-2").status.volumes_attached.is_empty());
    assert_eq!(
        c.read_file("default", "db2", None, "/data/rows").unwrap(),
        "42\n",
        "the data moved with the volume"
    );
    assert!(events_for(&c, "db2").iter().any(|(r, m)| r == "FailedMount"
        && m.starts_with("Unable to attach or mount volumes: unmounted volumes=[data]")));
}

#[test]
fn the_out_of_service_taint_detaches_at_once() {
    let (mut c, t) = replaced_after_failure();
    let mut n = node(&c, "node-2");
    n.spec.taints.push(Taint {
        key: "node.kubernetes.io/out-of-service".into(),
        value: "nodeshutdown".into(),
        effect: "NoExecute".into(),
        time_added: None,
    });
    c.update(Object::Node(n)).unwrap();
    let ready = poll_until(&mut c, 60_000, |c| is_ready(c, "db2"));
    assert!(
        ready - t < 5_000,
        "ready {} ms after the force delete",
        ready - t
    );
}
