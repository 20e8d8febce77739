//! Resizing ReplicaSets, DEP10 (sync.go: scale, scaleReplicaSet, scaleReplicaSetAndRecordEvent). The
//! decisions are written against `Scaler`, so upstream's table tests can run them over a
//! recording fake while the controller runs them against the API server.

use super::error::SyncError;
use super::util;
use crate::api::{Deployment, ReplicaSet};

/// scaleReplicaSet's write: set `rs` to `new_scale` with the replicas annotations, and record
/// `ScalingReplicaSet` when the size changed. Returns whether it did and the stored ReplicaSet.
pub trait Scaler {
    fn scale(
        &mut self,
        rs: &ReplicaSet,
        new_scale: i32,
        d: &Deployment,
        operation: &str,
    ) -> Result<(bool, ReplicaSet), SyncError>;
}

/// The event upstream records for a resize (sync.go scaleReplicaSet).
pub fn scaling_message(operation: &str, rs: &str, from: i32, to: i32) -> String {
    format!("Scaled {operation} replica set {rs} from {from} to {to}")
}

/// scaleReplicaSetAndRecordEvent: nothing when already at `new_scale`.
pub fn scale_and_record(
    s: &mut impl Scaler,
    rs: &ReplicaSet,
    new_scale: i32,
    d: &Deployment,
) -> Result<(bool, ReplicaSet), SyncError> {
    if rs.replicas() == new_scale {
        return Ok((false, rs.clone()));
    }
    let op = if rs.replicas() < new_scale {
        "up"
    } else {
        "down"
    };
    s.scale(rs, new_scale, d, op)
}

/// scale: a resize of the Deployment while (or without) a rollout. One active (or no active)
/// ReplicaSet takes the whole count; a saturated new ReplicaSet takes it and the old ones go to
/// 0; otherwise, for RollingUpdate, the difference to replicas + maxSurge is shared out in
/// proportion to each active ReplicaSet's size, leftovers to the largest.
pub fn scale(
    s: &mut impl Scaler,
    d: &Deployment,
    new_rs: Option<&ReplicaSet>,
    old: &[ReplicaSet],
) -> Result<(), SyncError> {
    if let Some(target) = util::find_active_or_latest(new_rs, old) {
        if target.replicas() == d.replicas() {
            return Ok(());
        }
        scale_and_record(s, &target, d.replicas(), d)?;
        return Ok(());
    }
    if util::is_saturated(d, new_rs) {
        for rs in util::active(old) {
            scale_and_record(s, &rs, 0, d)?;
        }
        return Ok(());
    }
    if !util::is_rolling_update(d) {
        return Ok(());
    }
    let mut all: Vec<ReplicaSet> = old.iter().chain(new_rs).cloned().collect();
    all = util::active(&all);
    let current = util::replica_count(&all);
    let allowed = if d.replicas() > 0 {
        d.replicas() + util::max_surge(d)
    } else {
        0
    };
    let to_add = allowed - current;
    let operation = match to_add.signum() {
        1 => {
            crate::sort::sort_by(&mut all, util::by_size_newer);
            "up"
        }
        -1 => {
            crate::sort::sort_by(&mut all, util::by_size_older);
            "down"
        }
        _ => "",
    };
    let mut added = 0;
    let mut sizes: Vec<i32> = Vec::with_capacity(all.len());
    for rs in &all {
        if to_add != 0 {
            let p = util::proportion(rs, d, to_add, added);
            sizes.push(rs.replicas() + p);
            added += p;
        } else {
            sizes.push(rs.replicas());
        }
    }
    for (i, rs) in all.iter().enumerate() {
        if i == 0 && to_add != 0 {
            sizes[0] = (sizes[0] + to_add - added).max(0);
        }
        s.scale(rs, sizes[i], d, operation)?;
    }
    Ok(())
}
