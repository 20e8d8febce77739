//! Dynamic provisioning, binding and attach/detach of volumes; cattle sharing one claim.

mod attach;
mod node_local;
mod provisioning;
mod read_write_once_pod;
mod shared_claim;
mod shared_files;

use ordinal_sim::api::{Object, Pod};
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

/// A `sleep` pod labelled `app=web` mounting claim `data` at /data, as a ReplicaSet's pods
/// would: every replica names the same claim.
pub fn cattle(name: &str) -> Pod {
    let mut p = pod_with_claim(name, "busybox", "data", "/data");
    p.metadata.labels = [("app".to_string(), "web".to_string())].into();
    p.spec.containers[0].command = vec!["sleep".into(), "3600".into()];
    p
}

/// (status, reason, message) of the pod's PodScheduled condition.
pub fn scheduled_condition(c: &Cluster, name: &str) -> (String, String, String) {
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

pub fn cordon(c: &mut Cluster, name: &str, on: bool) {
    let mut n = node(c, name);
    n.spec.unschedulable = on;
    c.update(Object::Node(n)).unwrap();
}

/// The first container's waiting reason ("" when it is not waiting).
pub fn waiting_reason(c: &Cluster, name: &str) -> String {
    get(c, name)
        .and_then(|p| p.status.container_statuses.first().cloned())
        .and_then(|s| s.state.waiting)
        .map(|w| w.reason)
        .unwrap_or_default()
}
