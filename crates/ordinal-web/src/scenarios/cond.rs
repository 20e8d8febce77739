//! What a narrated sentence states about the cluster, as plain data over a `Snapshot`: the
//! narration shows a sentence only once what it says is true (engine/narration.rs). The words
//! are kubectl's: a pod's STATUS, a node's STATUS, a set's READY column.

use crate::view::snapshot::{PodView, RevisionRole};
use crate::view::Snapshot;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    PodExists(&'static str),
    /// The pod exists, is Ready and is not terminating.
    PodReady(&'static str),
    /// The pod exists and is not Ready.
    PodNotReady(&'static str),
    /// kubectl's STATUS column for the pod reads exactly this (`Pending`, `Terminating`…).
    PodStatus(&'static str, &'static str),
    /// The pod exists and is bound to this node.
    PodOn(&'static str, &'static str),
    PodGone(&'static str),
    /// The pod that existed before this second is terminating or gone.
    Deleted(&'static str, u64),
    /// A pod of this name exists, created at or after this second: a new object.
    Recreated(&'static str, u64),
    /// The pod runs the set's update revision while the current one differs.
    PodUpdated(&'static str),
    /// The pod runs the set's current revision while an update revision differs.
    PodCurrent(&'static str),
    /// The set exists and wants this many replicas (`spec.replicas`).
    SetWants(&'static str, i32),
    /// The set's `status.readyReplicas`: the first number of kubectl's READY column.
    SetReady(&'static str, i32),
    SetGone(&'static str),
    /// The set's rolling-update partition.
    Partition(&'static str, i32),
    /// The set's update revision is this ControllerRevision number.
    UpdateRevision(&'static str, i64),
    ClaimExists(&'static str),
    ClaimGone(&'static str),
    /// The claim exists and no pod mounts it.
    ClaimUnused(&'static str),
    /// kubectl get nodes' STATUS column reads exactly this (`Ready`, `NotReady`).
    NodeStatus(&'static str, &'static str),
    /// The node carries a taint with this key.
    NodeTainted(&'static str, &'static str),
    /// This many pods of a workload's ReplicaSets (`<workload>` or `<workload>-<hash>`) that are
    /// not terminating.
    Cattle(&'static str, usize),
    /// This many such pods, every one Ready.
    CattleReady(&'static str, usize),
    /// One of them was created at or after this second.
    CattleNew(&'static str, u64),
    /// All of them are bound to one node.
    CattleOnOneNode(&'static str),
    /// One of them waits for this reason (`FailedAttachVolume`).
    CattleWaiting(&'static str, &'static str),
    /// The Deployment has this many ReplicaSets.
    ReplicaSets(&'static str, usize),
}

impl Cond {
    pub fn holds(&self, s: &Snapshot) -> bool {
        let pod = |name: &str| s.pod(name);
        let role = |name: &str, r: RevisionRole| pod(name).is_some_and(|p| p.revision_role == r);
        match *self {
            Cond::PodExists(p) => pod(p).is_some(),
            Cond::PodReady(p) => pod(p).is_some_and(|p| p.ready && !p.terminating),
            Cond::PodNotReady(p) => pod(p).is_some_and(|p| !p.ready),
            Cond::PodStatus(p, status) => pod(p).is_some_and(|p| p.status == status),
            Cond::PodOn(p, node) => pod(p).is_some_and(|p| p.node.as_deref() == Some(node)),
            Cond::PodGone(p) => pod(p).is_none(),
            Cond::Deleted(p, at_s) => {
                pod(p).is_none_or(|p| p.terminating || p.created_ms >= at_s * 1_000)
            }
            Cond::Recreated(p, at_s) => pod(p).is_some_and(|p| p.created_ms >= at_s * 1_000),
            Cond::PodUpdated(p) => role(p, RevisionRole::Update),
            Cond::PodCurrent(p) => role(p, RevisionRole::Current),
            Cond::SetWants(set, n) => s.set(set).is_some_and(|v| v.desired == n),
            Cond::SetReady(set, n) => s.set(set).is_some_and(|v| v.ready_replicas == n),
            Cond::SetGone(set) => s.set(set).is_none(),
            Cond::Partition(set, n) => s.set(set).is_some_and(|v| v.partition.unwrap_or(0) == n),
            Cond::UpdateRevision(set, n) => s
                .set(set)
                .is_some_and(|v| v.update_revision_number == Some(n)),
            Cond::ClaimExists(c) => s.claims.iter().any(|v| v.name == c),
            Cond::ClaimGone(c) => s.claims.iter().all(|v| v.name != c),
            Cond::ClaimUnused(c) => s.claims.iter().any(|v| v.name == c && v.used_by.is_none()),
            Cond::NodeStatus(n, status) => s.node(n).is_some_and(|n| n.status() == status),
            Cond::NodeTainted(n, key) => s
                .node(n)
                .is_some_and(|n| n.taints.iter().any(|t| t.split(':').next() == Some(key))),
            Cond::Cattle(w, n) => cattle(s, w).count() == n,
            Cond::CattleReady(w, n) => cattle(s, w).count() == n && cattle(s, w).all(|p| p.ready),
            Cond::CattleNew(w, at_s) => cattle(s, w).any(|p| p.created_ms >= at_s * 1_000),
            Cond::CattleOnOneNode(w) => {
                let first = cattle(s, w).next().and_then(|p| p.node.as_deref());
                first.is_some() && cattle(s, w).all(|p| p.node.as_deref() == first)
            }
            Cond::CattleWaiting(w, reason) => {
                cattle(s, w).any(|p| p.waiting.as_ref().is_some_and(|(r, _)| r == reason))
            }
            Cond::ReplicaSets(d, n) => {
                s.replica_sets
                    .iter()
                    .filter(|r| owned_by(&r.name, d))
                    .count()
                    == n
            }
        }
    }
}

/// A ReplicaSet named after the workload itself, or a Deployment's `<name>-<hash>`.
fn owned_by(rs: &str, workload: &str) -> bool {
    rs == workload
        || rs
            .strip_prefix(workload)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|hash| !hash.is_empty() && !hash.contains('-'))
}

/// The workload's pods that are not terminating.
fn cattle<'a>(s: &'a Snapshot, workload: &'a str) -> impl Iterator<Item = &'a PodView> {
    s.pods.iter().filter(move |p| {
        !p.terminating
            && p.replica_set
                .as_deref()
                .is_some_and(|r| owned_by(r, workload))
    })
}

/// Every condition holds (an empty list always does).
pub fn all_hold(conds: &[Cond], s: &Snapshot) -> bool {
    conds.iter().all(|c| c.holds(s))
}
