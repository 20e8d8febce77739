//! The Deployment's current decision, as data: recorded by the sync at the point where it acts
//! or waits (sync.rs), so the panel's sentence and the behaviour cannot drift apart.

use crate::time::Millis;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The new ReplicaSet grew (RollingUpdate: within replicas + maxSurge; Recreate: to all).
    Surging {
        rs: String,
        from: i32,
        to: i32,
        max_surge: i32,
    },
    /// Old ReplicaSets shrank within maxUnavailable (RollingUpdate).
    ScalingDownOld {
        from: i32,
        to: i32,
        max_unavailable: i32,
    },
    /// Recreate: every old ReplicaSet went to 0 before anything new starts.
    RecreateScalingDown { from: i32 },
    /// The new ReplicaSet is at full size; its pods are not all available yet.
    WaitingForNewPods {
        rs: String,
        available: i32,
        wanted: i32,
    },
    /// Neither side may move: more surge would exceed maxSurge, fewer old pods would take
    /// availability below replicas − maxUnavailable.
    WaitingForAvailability { available: i32, min_available: i32 },
    /// Recreate: the old pods must be gone before the new ReplicaSet is scaled up.
    WaitingForOldPods { pods: usize },
    /// spec.replicas changed: every active ReplicaSet is resized in proportion.
    Scaling { replicas: i32 },
    /// spec.paused: only scaling is done.
    Paused,
    /// The new ReplicaSet has every replica available and no old pods remain.
    Complete { rs: String },
    /// Progressing is False with ProgressDeadlineExceeded.
    DeadlineExceeded { rs: String, seconds: i32 },
    /// The Deployment has a deletionTimestamp: only its status is kept.
    Deleting,
    /// The sync failed; it is retried with backoff.
    SyncFailed { error: String },
}

/// The decision of a Deployment's last sync, when and at which generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub decision: Decision,
    pub at: Millis,
    pub generation: i64,
}

impl Decision {
    /// One plain English sentence.
    pub fn message(&self) -> String {
        match self {
            Decision::Surging {
                rs,
                from,
                to,
                max_surge,
            } => format!(
                "scaled up the new replica set {rs} from {from} to {to} (at most {max_surge} pods above the desired count)"
            ),
            Decision::ScalingDownOld {
                from,
                to,
                max_unavailable,
            } => format!(
                "scaled old replica sets down from {from} to {to} pods (at most {max_unavailable} pods unavailable)"
            ),
            Decision::RecreateScalingDown { from } => format!(
                "Recreate: scaled old replica sets down from {from} pods to 0; new pods start once they are gone"
            ),
            Decision::WaitingForNewPods { rs, available, wanted } => format!(
                "waiting for the pods of {rs} to become available: {available} of {wanted}"
            ),
            Decision::WaitingForAvailability {
                available,
                min_available,
            } => format!(
                "waiting for new pods to become available: {available} available, old pods may only go while more than {min_available} are"
            ),
            Decision::WaitingForOldPods { pods } => format!(
                "Recreate: waiting for {pods} old pod(s) to terminate before starting new ones"
            ),
            Decision::Scaling { replicas } => format!(
                "scaling to {replicas} replicas, shared between the active replica sets in proportion"
            ),
            Decision::Paused => {
                "paused: template changes wait for `kubectl rollout resume`; only scaling is done"
                    .into()
            }
            Decision::Complete { rs } => {
                format!("nothing to do: every replica of {rs} is available and up to date")
            }
            Decision::DeadlineExceeded { rs, seconds } => format!(
                "{rs} made no progress for progressDeadlineSeconds ({seconds}s): ProgressDeadlineExceeded; the rollout keeps trying"
            ),
            Decision::Deleting => {
                "the Deployment is being deleted; the controller only updates its status".into()
            }
            Decision::SyncFailed { error } => format!("sync failed, retrying: {error}"),
        }
    }
}
