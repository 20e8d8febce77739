//! Why a StatefulSet is not progressing, as data. Every value is recorded by the reconcile code at
//! the point where it exits or waits (control.rs), so the explanation and the behaviour cannot
//! drift apart.

use crate::time::Millis;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// Every replica is Running, Ready (and Available) at the update revision.
    Complete,
    /// The set has a deletionTimestamp: only status is maintained (R7).
    SetDeleting,
    /// A pod was created this sync (OrderedReady creates one per sync).
    Created {
        pod: String,
    },
    /// A pod was deleted for scale-down (R10).
    DeletedForScaleDown {
        pod: String,
    },
    /// A pod was deleted to be recreated at the update revision (R13).
    DeletedForUpdate {
        pod: String,
        revision: String,
    },
    /// A Failed/Succeeded pod was deleted (or is being deleted); recreated once gone (R8a).
    RecreatingFailedPod {
        pod: String,
        phase: String,
    },
    WaitingForRunningAndReady {
        pod: String,
    },
    WaitingForAvailable {
        pod: String,
        ready_for_ms: Millis,
        min_ready_ms: Millis,
    },
    WaitingForTermination {
        pod: String,
    },
    /// OrderedReady scale-down waits for the condemned pod to be Running and Ready (R10b/c).
    ScaleDownBlockedByUnhealthy {
        pod: String,
    },
    /// whenScaled=Delete and the claim still has an owner ref to an earlier pod (P6).
    StaleClaim {
        claim: String,
        pod: String,
    },
    /// The pod that blocks progress is on a node that is unreachable or not Ready.
    PodOnUnreachableNode {
        pod: String,
        node: String,
        terminating: bool,
    },
    /// The rolling update waits for an updated pod to become Running and Ready (R13).
    RollingUpdateWaiting {
        pod: String,
    },
    /// Pods below the partition keep the current revision (U2).
    PartitionHolds {
        partition: i32,
        pods: Vec<String>,
    },
    /// OnDelete: these pods keep their old revision until someone deletes them (U9).
    OnDeleteWaitingForManualDelete {
        pods: Vec<String>,
    },
    CreateFailed {
        pod: String,
        error: String,
    },
    DeleteFailed {
        pod: String,
        error: String,
    },
    UpdateFailed {
        pod: String,
        error: String,
    },
    /// Any other sync error (revision/adoption/status write); the key is retried with backoff.
    SyncFailed {
        error: String,
    },
}

fn seconds(ms: Millis) -> String {
    format!("{}s", ms / 1000)
}

impl Blocked {
    /// One plain English sentence.
    pub fn message(&self) -> String {
        match self {
            Blocked::Complete => {
                "nothing to do: every replica is Running, Ready and up to date".into()
            }
            Blocked::SetDeleting => {
                "the StatefulSet is being deleted; the controller only updates its status".into()
            }
            Blocked::Created { pod } => format!("created {pod}; waiting for it to start"),
            Blocked::DeletedForScaleDown { pod } => format!("deleted {pod} to scale down"),
            Blocked::DeletedForUpdate { pod, revision } => {
                format!("deleted {pod} to recreate it at revision {revision}")
            }
            Blocked::RecreatingFailedPod { pod, phase } => {
                format!("{pod} ended with phase {phase}; it is deleted and recreated once the old object is gone")
            }
            Blocked::WaitingForRunningAndReady { pod } => {
                format!("waiting for {pod} to be Running and Ready")
            }
            Blocked::WaitingForAvailable {
                pod,
                ready_for_ms,
                min_ready_ms,
            } => format!(
                "waiting for {pod} to be Available: Ready for {} of minReadySeconds {}",
                seconds(*ready_for_ms),
                seconds(*min_ready_ms)
            ),
            Blocked::WaitingForTermination { pod } => {
                format!("waiting for {pod} to finish terminating")
            }
            Blocked::ScaleDownBlockedByUnhealthy { pod } => {
                format!("scale-down blocked: {pod} is unhealthy")
            }
            Blocked::StaleClaim { claim, pod } => {
                format!("claim {claim} still owned by the previous {pod}")
            }
            Blocked::PodOnUnreachableNode {
                pod,
                node,
                terminating: true,
            } => {
                format!("{pod} is on unreachable {node}; no replacement until it is confirmed gone")
            }
            Blocked::PodOnUnreachableNode {
                pod,
                node,
                terminating: false,
            } => {
                format!("{pod} is on unreachable {node} and not Ready; everything after it waits")
            }
            Blocked::RollingUpdateWaiting { pod } => {
                format!("rolling update waiting for {pod} to be Running and Ready")
            }
            Blocked::PartitionHolds { partition, pods } => {
                format!(
                    "partition {partition} holds {} at the current revision",
                    pods.join(", ")
                )
            }
            Blocked::OnDeleteWaitingForManualDelete { pods } => {
                format!(
                    "OnDelete: {} keep the old revision until you delete them",
                    pods.join(", ")
                )
            }
            Blocked::CreateFailed { pod, error } => format!("creating {pod} failed: {error}"),
            Blocked::DeleteFailed { pod, error } => format!("deleting {pod} failed: {error}"),
            Blocked::UpdateFailed { pod, error } => format!("updating {pod} failed: {error}"),
            Blocked::SyncFailed { error } => format!("sync failed and will be retried: {error}"),
        }
    }

    /// The pod this reason is about, if any.
    pub fn pod(&self) -> Option<&str> {
        match self {
            Blocked::Created { pod }
            | Blocked::DeletedForScaleDown { pod }
            | Blocked::DeletedForUpdate { pod, .. }
            | Blocked::RecreatingFailedPod { pod, .. }
            | Blocked::WaitingForRunningAndReady { pod }
            | Blocked::WaitingForAvailable { pod, .. }
            | Blocked::WaitingForTermination { pod }
            | Blocked::ScaleDownBlockedByUnhealthy { pod }
            | Blocked::StaleClaim { pod, .. }
            | Blocked::PodOnUnreachableNode { pod, .. }
            | Blocked::RollingUpdateWaiting { pod }
            | Blocked::CreateFailed { pod, .. }
            | Blocked::DeleteFailed { pod, .. }
            | Blocked::UpdateFailed { pod, .. } => Some(pod),
            _ => None,
        }
    }
}

/// The explanation recorded by the last sync of a StatefulSet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub blocked: Blocked,
    /// When the sync ran.
    pub at: Millis,
    /// The set's metadata.generation that sync saw.
    pub generation: i64,
}

impl Explanation {
    pub fn message(&self) -> String {
        self.blocked.message()
    }
}
