//! The kubelet's wait for volumes (ST2) when a pod reaches a node without the scheduler's
//! checks (`spec.nodeName` set by hand): a claim it cannot use ends each wait at once with the
//! desired-state populator's error, retried every 10 s, until the claim can be mounted.

use super::cattle;
use ordinal_sim::api::Object;
use ordinal_sim::testing::node::*;

const NOT_FOUND: &str = "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims \"data\" not found";

#[test]
fn st2_a_missing_claim_fails_the_mount_at_once_until_it_exists() {
    let mut c = cluster();
    let mut p = cattle("web-n4t8r");
    p.spec.node_name = "node-2".into();
    create(&mut c, p);
    c.advance_by(1_000).unwrap();
    assert_eq!(
        events_for(&c, "web-n4t8r"),
        [("FailedMount".to_string(), NOT_FOUND.to_string())]
    );
    assert_eq!(super::waiting_reason(&c, "web-n4t8r"), "ContainerCreating");
    // The pod worker retries every 10 s; the recorder counts the repeats.
    c.advance_by(30_000).unwrap();
    assert_eq!(event_count(&c, "web-n4t8r", "FailedMount", NOT_FOUND), 4);

    c.create(Object::StorageClass(network_class("disk", "Immediate")))
        .unwrap();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("disk"),
        "1Gi",
    )))
    .unwrap();
    poll_until(&mut c, 20_000, |c| is_ready(c, "web-n4t8r"));
    assert_eq!(event_count(&c, "web-n4t8r", "FailedMount", NOT_FOUND), 4);
    assert!(reasons_for(&c, "web-n4t8r").contains(&"SuccessfulAttachVolume".to_string()));
}

#[test]
fn st2_a_claim_that_is_not_bound_is_named_with_its_phase() {
    let mut c = cluster();
    c.create(Object::StorageClass(network_class(
        "later",
        "WaitForFirstConsumer",
    )))
    .unwrap();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("later"),
        "1Gi",
    )))
    .unwrap();
    let mut p = cattle("web-f7jq2");
    p.spec.node_name = "node-1".into();
    create(&mut c, p);
    c.advance_by(1_000).unwrap();
    let want = "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC default/data has non-bound phase (\"Pending\") or empty pvc.Spec.VolumeName (\"\")";
    assert!(
        events_for(&c, "web-f7jq2").contains(&("FailedMount".to_string(), want.to_string())),
        "{:?}",
        events_for(&c, "web-f7jq2")
    );
}
