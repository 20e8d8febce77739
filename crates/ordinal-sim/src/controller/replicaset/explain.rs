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
                format!(
                    "nothing to do: it has {}, as many as desired",
                    count((*replicas).max(0) as usize)
                )
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

impl Decision {
    /// The pods this decision is about (created or deleted), for the UI to highlight.
    pub fn pods(&self) -> Vec<&str> {
        match self {
            Decision::Created { pods, .. } => pods.iter().map(String::as_str).collect(),
            Decision::Deleted { pods } => pods.iter().map(|c| c.pod.as_str()).collect(),
            _ => Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_decision_is_one_sentence_naming_its_pods() {
        let created = Decision::Created {
            pods: vec!["web-b2c4d".into(), "web-x9z7q".into()],
            wanted: 3,
        };
        assert_eq!(
            created.message(),
            "created 2 pods of 3: web-b2c4d, web-x9z7q"
        );
        assert_eq!(created.pods(), ["web-b2c4d", "web-x9z7q"]);
        let deleted = Decision::Deleted {
            pods: vec![
                Condemned {
                    pod: "web-b2c4d".into(),
                    rule: Some(Rule::NotReady),
                },
                Condemned {
                    pod: "web-x9z7q".into(),
                    rule: None,
                },
            ],
        };
        assert_eq!(
            deleted.message(),
            "deleted 2 pods to scale down, chosen by the controller's ranking: web-b2c4d (not Ready), web-x9z7q"
        );
        assert_eq!(
            Decision::WaitingForExpectations { adds: 2, dels: -1 }.message(),
            "waiting to observe 2 creation(s) and 0 deletion(s) it already made"
        );
        assert_eq!(
            Decision::AtDesiredCount { replicas: 1 }.message(),
            "nothing to do: it has 1 pod, as many as desired"
        );
        assert!(Decision::Deleting.pods().is_empty());
    }
}
