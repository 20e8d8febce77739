//! Node-local volumes (ST2): a bound volume pinned to a node by `kubernetes.io/hostname`
//! narrows the scheduler to that node; one pinned by any other label is checked node by node.

use super::{cattle, cordon, scheduled_condition};
use ordinal_sim::api::meta::LabelSelectorRequirement;
use ordinal_sim::api::{
    NodeSelector, NodeSelectorTerm, Object, ObjectMeta, PersistentVolume, PersistentVolumeSpec,
    VolumeNodeAffinity,
};
use ordinal_sim::testing::node::*;

#[test]
fn st2_replicas_on_a_local_path_claim_all_land_on_its_node() {
    // The default class is local-path with WaitForFirstConsumer: the first pod picks the node,
    // the claim remembers it (selected-node) and every other replica follows.
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    let names = ["web-5dn2h", "web-gq7xm", "web-w8c4b"];
    for name in names {
        create(&mut c, cattle(name));
    }
    poll_until(&mut c, 15_000, |c| names.iter().all(|n| is_ready(c, n)));
    for name in names {
        assert_eq!(get(&c, name).unwrap().spec.node_name, "node-1", "{name}");
    }
    let pv = claim(&c, "data").unwrap().spec.volume_name;
    let vol = c.api.get::<PersistentVolume>("", &pv).unwrap();
    assert_eq!(
        vol.spec
            .node_affinity
            .as_ref()
            .unwrap()
            .required
            .node_selector_terms[0]
            .match_expressions[0]
            .values,
        ["node-1"]
    );
}

#[test]
fn st2_a_cordoned_local_node_leaves_the_replica_pending_with_the_plugin_message() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    create(&mut c, on_node(cattle("web-9rk2t"), "node-2"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-9rk2t"));
    cordon(&mut c, "node-2", true);
    create(&mut c, cattle("web-m4zqp"));
    c.advance_by(2_000).unwrap();
    let want = "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't satisfy plugin(s) [VolumeBinding]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    assert_eq!(
        scheduled_condition(&c, "web-m4zqp"),
        ("False".into(), "Unschedulable".into(), want.into())
    );
    assert_eq!(
        events_for(&c, "web-m4zqp"),
        [("FailedScheduling".to_string(), want.to_string())]
    );
    assert_eq!(get(&c, "web-m4zqp").unwrap().spec.node_name, "");
    cordon(&mut c, "node-2", false);
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-m4zqp"));
    assert_eq!(get(&c, "web-m4zqp").unwrap().spec.node_name, "node-2");
}

/// A static volume for claims of class "" that only nodes labelled `zone=<zone>` reach.
fn zonal_volume(name: &str, zone: &str) -> PersistentVolume {
    PersistentVolume {
        metadata: ObjectMeta::named("", name),
        spec: PersistentVolumeSpec {
            capacity: [("storage".to_string(), "1Gi".to_string())].into(),
            access_modes: vec!["ReadWriteOnce".into()],
            persistent_volume_reclaim_policy: "Retain".into(),
            node_affinity: Some(VolumeNodeAffinity {
                required: NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: vec![LabelSelectorRequirement {
                            key: "topology.kubernetes.io/zone".into(),
                            operator: "In".into(),
                            values: vec![zone.into()],
                        }],
                    }],
                },
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn st2_a_volume_pinned_by_zone_gives_the_node_affinity_conflict() {
    let mut c = cluster();
    let mut n3 = node(&c, "node-3");
    n3.metadata
        .labels
        .insert("topology.kubernetes.io/zone".into(), "zone-b".into());
    c.update(Object::Node(n3)).unwrap();
    c.create(Object::PersistentVolume(zonal_volume(
        "pv-zone-b",
        "zone-b",
    )))
    .unwrap();
    c.create(Object::PersistentVolumeClaim(pvc("data", Some(""), "1Gi")))
        .unwrap();
    poll_until(&mut c, 5_000, |c| {
        claim(c, "data").is_some_and(|cl| cl.spec.volume_name == "pv-zone-b")
    });
    cordon(&mut c, "node-3", true);
    create(&mut c, cattle("web-b6ftl"));
    c.advance_by(2_000).unwrap();
    let want = "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    assert_eq!(scheduled_condition(&c, "web-b6ftl").2, want);
    cordon(&mut c, "node-3", false);
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-b6ftl"));
    assert_eq!(get(&c, "web-b6ftl").unwrap().spec.node_name, "node-3");
}
