//! calculateStatus and updateReplicaSetStatus (replica_set_utils.go, RS7): counters over the
//! pods the ReplicaSet owns, the `ReplicaFailure` condition, and a status write only when
//! something changed.

use super::flavor::Flavor;
use crate::api::{Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus};
use crate::apiserver::store::Shared;
use crate::controller::error::SyncError;
use crate::controller::Ctx;
use crate::time::{Millis, Timestamp};

/// The one condition type a ReplicaSet has.
pub const REPLICA_FAILURE: &str = "ReplicaFailure";

/// statusUpdateRetries: one GET/PUT retry after a failed status write.
const STATUS_UPDATE_RETRIES: usize = 1;

/// podutil.IsPodAvailable: Ready, and Ready for longer than minReadySeconds (at the API's
/// second precision).
pub fn is_pod_available(pod: &Pod, min_ready_seconds: i32, now: Millis) -> bool {
    if !pod.is_ready() {
        return false;
    }
    if min_ready_seconds <= 0 {
        return true;
    }
    pod.ready_since()
        .is_some_and(|t| t.0 / 1000 * 1000 + min_ready_seconds as u64 * 1000 < now)
}

/// calculateStatus: counts, and `ReplicaFailure` set on a manageReplicas error (FailedCreate
/// when short of pods, FailedDelete when over) and removed once a sync succeeds.
pub fn calculate_status(
    rs: &ReplicaSet,
    pods: &[Shared<Pod>],
    manage_err: Option<&SyncError>,
    now: Millis,
) -> ReplicaSetStatus {
    let mut status = rs.status.clone();
    let template = &rs.spec.template.metadata.labels;
    let (mut fully, mut ready, mut available) = (0, 0, 0);
    for pod in pods {
        if template
            .iter()
            .all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
        {
            fully += 1;
        }
        if pod.is_ready() {
            ready += 1;
            if is_pod_available(pod, rs.spec.min_ready_seconds, now) {
                available += 1;
            }
        }
    }
    let has_failure = status.conditions.iter().any(|c| c.type_ == REPLICA_FAILURE);
    match manage_err {
        Some(err) if !has_failure => {
            let diff = pods.len() as i64 - rs.replicas() as i64;
            let reason = match diff.cmp(&0) {
                std::cmp::Ordering::Less => "FailedCreate",
                std::cmp::Ordering::Greater => "FailedDelete",
                std::cmp::Ordering::Equal => "",
            };
            status.conditions.push(ReplicaSetCondition {
                type_: REPLICA_FAILURE.into(),
                status: "True".into(),
                last_transition_time: Some(Timestamp(now)),
                reason: reason.into(),
                message: err.message.clone(),
            });
        }
        None if has_failure => status.conditions.retain(|c| c.type_ != REPLICA_FAILURE),
        _ => {}
    }
    status.replicas = pods.len() as i32;
    status.fully_labeled_replicas = fully;
    status.ready_replicas = ready;
    status.available_replicas = available;
    status
}

/// updateReplicaSetStatus: nothing to write in the steady state; otherwise PUT `/status` with
/// observedGeneration = generation, re-reading once on failure. Returns the ReplicaSet as
/// stored afterwards.
pub fn update_replica_set_status<F: Flavor>(
    ctx: &mut Ctx,
    rs: &ReplicaSet,
    mut status: ReplicaSetStatus,
) -> Result<ReplicaSet, SyncError> {
    let old = &rs.status;
    if old.replicas == status.replicas
        && old.fully_labeled_replicas == status.fully_labeled_replicas
        && old.ready_replicas == status.ready_replicas
        && old.available_replicas == status.available_replicas
        && Some(rs.metadata.generation) == old.observed_generation
        && old.conditions == status.conditions
    {
        return Ok(rs.clone());
    }
    status.observed_generation = Some(rs.metadata.generation);
    let mut current = rs.clone();
    let mut attempt = 0;
    loop {
        match F::update_status(ctx.api, &current, status.clone(), ctx.now) {
            Ok(updated) => return Ok(updated),
            Err(e) if attempt >= STATUS_UPDATE_RETRIES => return Err(e.into()),
            Err(e) => {
                let m = &current.metadata;
                current = F::get(ctx.api, &m.namespace, &m.name).ok_or(SyncError::from(e))?;
            }
        }
        attempt += 1;
    }
}
