//! Status (§5): counters S1, completion S3, write suppression S4 (stateful_set_control.go
//! `computeReplicaStatus`, `updateStatus`; utils `completeRollingUpdate`, `inconsistentStatus`).

use super::error::SyncResult;
use super::utils::{
    is_created, is_running_and_available, is_running_and_ready, is_terminating, pod_revision,
};
use crate::api::{Object, Pod, StatefulSet, StatefulSetStatus};
use crate::apiserver::store::Shared;
use crate::controller::Ctx;
use crate::time::Millis;

/// updateStatus: recount every counter over the given pods (S1).
pub fn update_status<'p>(
    status: &mut StatefulSetStatus,
    min_ready_seconds: i32,
    current_revision: &str,
    update_revision: &str,
    pods: impl IntoIterator<Item = &'p Shared<Pod>>,
    now: Millis,
) {
    status.replicas = 0;
    status.ready_replicas = 0;
    status.available_replicas = 0;
    status.current_replicas = 0;
    status.updated_replicas = 0;
    for pod in pods {
        if is_created(pod) {
            status.replicas += 1;
        }
        if is_running_and_ready(pod) {
            status.ready_replicas += 1;
            if is_running_and_available(pod, min_ready_seconds, now) {
                status.available_replicas += 1;
            }
        }
        if is_created(pod) && !is_terminating(pod) {
            let rev = pod_revision(pod);
            if rev == current_revision {
                status.current_replicas += 1;
            }
            if rev == update_revision {
                status.updated_replicas += 1;
            }
        }
    }
}

/// completeRollingUpdate (S3): availability is not part of the test in 1.31–1.34.
pub fn complete_rolling_update(set: &StatefulSet, status: &mut StatefulSetStatus) {
    let n = set.replicas();
    if set.update_strategy_type() == "RollingUpdate"
        && status.updated_replicas == n
        && status.ready_replicas == n
        && status.replicas == n
    {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
    }
}

/// inconsistentStatus (S4): a newer generation or any counter/revision differs.
pub fn inconsistent_status(set: &StatefulSet, status: &StatefulSetStatus) -> bool {
    let old = &set.status;
    status.observed_generation.unwrap_or(0) > old.observed_generation.unwrap_or(0)
        || status.replicas != old.replicas
        || status.current_replicas != old.current_replicas
        || status.ready_replicas != old.ready_replicas
        || status.updated_replicas != old.updated_replicas
        || status.current_revision != old.current_revision
        || status.available_replicas != old.available_replicas
        || status.update_revision != old.update_revision
}

/// updateStatefulSetStatus: complete, compare, and write the whole status (conditions dropped)
/// through `/status` only when something changed. Returns whether a write happened.
pub fn update_stateful_set_status(
    ctx: &mut Ctx,
    set: &StatefulSet,
    status: &mut StatefulSetStatus,
) -> SyncResult<bool> {
    complete_rolling_update(set, status);
    if !inconsistent_status(set, status) {
        return Ok(false);
    }
    let mut s = set.clone();
    s.status = status.clone();
    ctx.api.update_status(Object::StatefulSet(s), ctx.now)?;
    Ok(true)
}
