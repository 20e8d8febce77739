//! Deployment conditions (deployment_util.go): the reasons and messages upstream writes, and
//! the Set/Get/Remove helpers with their rules for lastTransitionTime.

use crate::api::{DeploymentCondition, DeploymentStatus};
use crate::time::{Millis, Timestamp};

pub const PROGRESSING: &str = "Progressing";
pub const AVAILABLE: &str = "Available";
pub const REPLICA_FAILURE: &str = "ReplicaFailure";

/// Reasons for Progressing.
pub const REPLICA_SET_UPDATED: &str = "ReplicaSetUpdated";
pub const FAILED_RS_CREATE: &str = "ReplicaSetCreateError";
pub const NEW_REPLICA_SET: &str = "NewReplicaSetCreated";
pub const FOUND_NEW_RS: &str = "FoundNewReplicaSet";
pub const NEW_RS_AVAILABLE: &str = "NewReplicaSetAvailable";
pub const TIMED_OUT: &str = "ProgressDeadlineExceeded";
pub const PAUSED: &str = "DeploymentPaused";
pub const RESUMED: &str = "DeploymentResumed";
/// Reasons for Available.
pub const MINIMUM_REPLICAS_AVAILABLE: &str = "MinimumReplicasAvailable";
pub const MINIMUM_REPLICAS_UNAVAILABLE: &str = "MinimumReplicasUnavailable";

/// NewDeploymentCondition: both times now.
pub fn new_condition(
    type_: &str,
    status: &str,
    reason: &str,
    message: String,
    now: Millis,
) -> DeploymentCondition {
    DeploymentCondition {
        type_: type_.into(),
        status: status.into(),
        last_update_time: Some(Timestamp(now)),
        last_transition_time: Some(Timestamp(now)),
        reason: reason.into(),
        message,
    }
}

/// GetDeploymentCondition.
pub fn get<'a>(st: &'a DeploymentStatus, type_: &str) -> Option<&'a DeploymentCondition> {
    st.conditions.iter().find(|c| c.type_ == type_)
}

/// SetDeploymentCondition: nothing when status and reason are unchanged; the transition time
/// is kept when only the reason changes; the condition moves to the end.
pub fn set(st: &mut DeploymentStatus, mut cond: DeploymentCondition) {
    if let Some(cur) = get(st, &cond.type_) {
        if cur.status == cond.status && cur.reason == cond.reason {
            return;
        }
        if cur.status == cond.status {
            cond.last_transition_time = cur.last_transition_time;
        }
    }
    remove(st, &cond.type_.clone());
    st.conditions.push(cond);
}

/// RemoveDeploymentCondition.
pub fn remove(st: &mut DeploymentStatus, type_: &str) {
    st.conditions.retain(|c| c.type_ != type_);
}
