//! What the ReplicaSet controller last decided for one ReplicaSet, as data (RS9). Every value
//! is recorded where sync/manageReplicas decide, so the sentence and the behaviour agree.

use super::ranking::Rule;
use crate::time::Millis;

/// One pod chosen for scale-down and why it went before the pods that stay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condemned {
    pub pod: String,
    /// The ranking rule that put it ahead of the first pod kept (None: every pod went, or a tie).
    pub rule: Option<Rule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// As many active pods as replicas.
    AtDesiredCount { replicas: i32 },
    /// Created these pods (the rest of the diff waits for a later sync after a failure).
    Created { pods: Vec<String>, wanted: usize },
    /// Deleted these pods to scale down, in ranking order.
    Deleted { pods: Vec<Condemned> },
    /// Earlier creates or deletes have not been observed yet; nothing is done until they are.
    WaitingForExpectations { adds: i64, dels: i64 },
    /// The ReplicaSet is being deleted: no pods are created or deleted.
    Deleting,
    /// A create failed (quota, admission, a bad template…); retried with backoff.
    CreateFailed {
        created: usize,
        wanted: usize,
        error: String,
    },
    /// A delete failed; retried with backoff.
    DeleteFailed { error: String },
    /// Claiming pods or writing status failed; retried with backoff.
    SyncFailed { error: String },
}

impl Decision {
    /// One plain English sentence.
    pub fn message(&self) -> String {
        match self {
            Decision::AtDesiredCount { replicas } => {
                format!("nothing to do: {replicas} pod(s), as many as desired")
            }
            Decision::Created { pods, wanted } if pods.len() == *wanted => {
                format!("created {}: {}", count(pods.len()), pods.join(", "))
            }
            Decision::Created { pods, wanted } => format!(
                "created {} of {wanted}: {}",
                count(pods.len()),
                pods.join(", ")
            ),
            Decision::Deleted { pods } => {
                let each: Vec<String> = pods
                    .iter()
                    .map(|c| match c.rule {
                        Some(r) => format!("{} ({})", c.pod, r.reason()),
                        None => c.pod.clone(),
                    })
                    .collect();
                format!(
                    "deleted {} to scale down, chosen by the controller's ranking: {}",
                    count(pods.len()),
                    each.join(", ")
                )
            }
            Decision::WaitingForExpectations { adds, dels } => format!(
                "waiting to observe {} creation(s) and {} deletion(s) it already made",
                adds.max(&0),
                dels.max(&0)
            ),
            Decision::Deleting => {
                "being deleted: no pods are created or deleted, only status is kept".into()
            }
            Decision::CreateFailed {
                created,
                wanted,
                error,
            } => format!("created {created} of {wanted} pod(s), then failed: {error}"),
            Decision::DeleteFailed { error } => format!("deleting a pod failed: {error}"),
            Decision::SyncFailed { error } => {
                format!("sync failed and will be retried: {error}")
            }
        }
    }
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 pod".into()
    } else {
        format!("{n} pods")
    }
}

/// The decision of the last sync of a ReplicaSet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub decision: Decision,
    /// When the sync ran.
    pub at: Millis,
    /// The metadata.generation that sync saw.
    pub generation: i64,
}

impl Explanation {
    pub fn message(&self) -> String {
        self.decision.message()
    }
}
