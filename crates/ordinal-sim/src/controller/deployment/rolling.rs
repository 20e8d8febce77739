//! RollingUpdate, DEP8 (rolling.go): surge the new ReplicaSet within maxSurge, then shrink old ones
//! within maxUnavailable, unhealthy replicas first.

use super::error::SyncError;
use super::scaling::{scale_and_record, Scaler};
use super::util;
use crate::api::{Deployment, ReplicaSet};

/// reconcileNewReplicaSet: whether the new ReplicaSet was resized.
pub fn reconcile_new_replica_set(
    s: &mut impl Scaler,
    all: &[ReplicaSet],
    new_rs: &ReplicaSet,
    d: &Deployment,
) -> Result<bool, SyncError> {
    if new_rs.replicas() == d.replicas() {
        return Ok(false);
    }
    if new_rs.replicas() > d.replicas() {
        return scale_and_record(s, new_rs, d.replicas(), d).map(|r| r.0);
    }
    let count = util::new_rs_new_replicas(d, all, new_rs);
    scale_and_record(s, new_rs, count, d).map(|r| r.0)
}

/// maxScaledDown of reconcileOldReplicaSets: how many old replicas may go now without taking
/// availability below replicas − maxUnavailable, counting the new ReplicaSet's unavailable
/// pods as already missing.
pub fn max_scaled_down(all: &[ReplicaSet], new_rs: &ReplicaSet, d: &Deployment) -> i32 {
    let all_pods = util::replica_count(all);
    let min_available = d.replicas() - util::max_unavailable(d);
    let new_unavailable = new_rs.replicas() - new_rs.status.available_replicas;
    all_pods - min_available - new_unavailable
}

/// reconcileOldReplicaSets: how many old replicas were scaled down (errors end the step
/// quietly, as upstream's `return false, nil`).
pub fn reconcile_old_replica_sets(
    s: &mut impl Scaler,
    all: &[ReplicaSet],
    old_active: &[ReplicaSet],
    new_rs: &ReplicaSet,
    d: &Deployment,
) -> i32 {
    if util::replica_count(old_active) == 0 {
        return 0;
    }
    let max = max_scaled_down(all, new_rs, d);
    if max <= 0 {
        return 0;
    }
    let Ok((old, cleaned)) = cleanup_unhealthy_replicas(s, old_active, d, max) else {
        return 0;
    };
    let all: Vec<ReplicaSet> = old.iter().chain([new_rs]).cloned().collect();
    let Ok(scaled) = scale_down_old_replica_sets_for_rolling_update(s, &all, &old, d) else {
        return 0;
    };
    cleaned + scaled
}

/// cleanupUnhealthyReplicas: oldest first, drop replicas that are not available (the
/// ReplicaSet controller deletes unhealthy pods first), at most `max_cleanup` in all. Returns
/// the old ReplicaSets as they are afterwards and how many went.
pub fn cleanup_unhealthy_replicas(
    s: &mut impl Scaler,
    old: &[ReplicaSet],
    d: &Deployment,
    max_cleanup: i32,
) -> Result<(Vec<ReplicaSet>, i32), SyncError> {
    let mut old = old.to_vec();
    crate::sort::sort_by(&mut old, util::by_creation);
    let mut total = 0;
    for rs in old.iter_mut() {
        if total >= max_cleanup {
            break;
        }
        let unhealthy = rs.replicas() - rs.status.available_replicas;
        if rs.replicas() == 0 || unhealthy == 0 {
            continue;
        }
        let count = (max_cleanup - total).min(unhealthy);
        let new_count = rs.replicas() - count;
        if new_count > rs.replicas() {
            return Err(SyncError::new(format!(
                "when cleaning up unhealthy replicas, got invalid request to scale down {}/{} {} -> {new_count}",
                rs.metadata.namespace, rs.metadata.name, rs.replicas()
            )));
        }
        let (_, updated) = scale_and_record(s, rs, new_count, d)?;
        total += count;
        *rs = updated;
    }
    Ok((old, total))
}

/// scaleDownOldReplicaSetsForRollingUpdate: oldest first, as many as availability above
/// replicas − maxUnavailable allows.
pub fn scale_down_old_replica_sets_for_rolling_update(
    s: &mut impl Scaler,
    all: &[ReplicaSet],
    old: &[ReplicaSet],
    d: &Deployment,
) -> Result<i32, SyncError> {
    let min_available = d.replicas() - util::max_unavailable(d);
    let available = util::available_replica_count(all);
    if available <= min_available {
        return Ok(0);
    }
    let mut old = old.to_vec();
    crate::sort::sort_by(&mut old, util::by_creation);
    let wanted = available - min_available;
    let mut total = 0;
    for rs in &old {
        if total >= wanted {
            break;
        }
        if rs.replicas() == 0 {
            continue;
        }
        let count = rs.replicas().min(wanted - total);
        let new_count = rs.replicas() - count;
        if new_count > rs.replicas() {
            return Err(SyncError::new(format!(
                "when scaling down old RS, got invalid request to scale down {}/{} {} -> {new_count}",
                rs.metadata.namespace, rs.metadata.name, rs.replicas()
            )));
        }
        scale_and_record(s, rs, new_count, d)?;
        total += count;
    }
    Ok(total)
}
