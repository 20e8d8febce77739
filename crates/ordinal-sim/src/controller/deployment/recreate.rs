//! Recreate, DEP9 (recreate.go): every old pod gone before the new ReplicaSet is created and
//! scaled up.

use super::error::SyncError;
use super::scaling::{scale_and_record, Scaler};
use super::util;
use crate::api::{Deployment, Pod, ReplicaSet};
use crate::apiserver::store::Shared;

/// scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0; whether any changed.
pub fn scale_down_old_replica_sets(
    s: &mut impl Scaler,
    old_active: &[ReplicaSet],
    d: &Deployment,
) -> Result<bool, SyncError> {
    let mut scaled = false;
    for rs in old_active {
        if rs.replicas() == 0 {
            continue;
        }
        scaled |= scale_and_record(s, rs, 0, d)?.0;
    }
    Ok(scaled)
}

/// oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one (by controller UID)
/// is not Failed or Succeeded.
pub fn old_pods_running(
    new_rs: Option<&ReplicaSet>,
    old: &[ReplicaSet],
    pods_by_rs: &[(String, Vec<Shared<Pod>>)],
) -> bool {
    if util::actual_replica_count(old) > 0 {
        return true;
    }
    pods_by_rs.iter().any(|(uid, pods)| {
        new_rs.is_none_or(|n| n.metadata.uid != *uid)
            && pods
                .iter()
                .any(|p| !matches!(p.phase(), "Failed" | "Succeeded"))
    })
}
