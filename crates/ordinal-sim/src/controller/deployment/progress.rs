//! Status and progress (sync.go calculateStatus; progress.go syncRolloutStatus,
//! requeueStuckDeployment): the counts, the Available condition, and Progressing with its
//! deadline.

use super::conditions::{self as cond, new_condition};
use super::error::SyncError;
use super::sync::{Requeue, Run};
use super::util;
use crate::api::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use crate::gofmt::quote;
use crate::time::Millis;

/// calculateStatus: counts from the ReplicaSets, collisionCount and conditions carried over,
/// Available True once availableReplicas ≥ replicas − maxUnavailable.
pub fn calculate_status(
    all: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
    d: &Deployment,
    now: Millis,
) -> DeploymentStatus {
    let available = util::available_replica_count(all);
    let total = util::replica_count(all);
    let mut st = DeploymentStatus {
        observed_generation: Some(d.metadata.generation),
        replicas: util::actual_replica_count(all),
        updated_replicas: util::actual_replica_count(new_rs),
        ready_replicas: util::ready_replica_count(all),
        available_replicas: available,
        unavailable_replicas: (total - available).max(0),
        conditions: d.status.conditions.clone(),
        collision_count: d.status.collision_count,
    };
    let c = if available >= d.replicas() - util::max_unavailable(d) {
        new_condition(
            cond::AVAILABLE,
            "True",
            cond::MINIMUM_REPLICAS_AVAILABLE,
            "Deployment has minimum availability.".into(),
            now,
        )
    } else {
        new_condition(
            cond::AVAILABLE,
            "False",
            cond::MINIMUM_REPLICAS_UNAVAILABLE,
            "Deployment does not have minimum availability.".into(),
            now,
        )
    };
    cond::set(&mut st, c);
    st
}

/// "ReplicaSet "web-…" <what>." or, with no new ReplicaSet, "Deployment "web" <what>.".
fn subject(d: &Deployment, new_rs: Option<&ReplicaSet>, what: &str) -> String {
    match new_rs {
        Some(rs) => format!("ReplicaSet {} {what}.", quote(&rs.metadata.name)),
        None => format!("Deployment {} {what}.", quote(&d.metadata.name)),
    }
}

/// DeploymentTimedOut: the Progressing condition was last updated longer than
/// progressDeadlineSeconds ago (or already says so).
pub fn timed_out(d: &Deployment, st: &DeploymentStatus, now: Millis) -> bool {
    if !util::has_progress_deadline(d) {
        return false;
    }
    let Some(c) = cond::get(st, cond::PROGRESSING) else {
        return false;
    };
    match c.reason.as_str() {
        cond::NEW_RS_AVAILABLE => false,
        cond::TIMED_OUT => true,
        _ => {
            let from = c.last_update_time.map_or(0, |t| t.0);
            from + deadline_ms(d) < now
        }
    }
}

fn deadline_ms(d: &Deployment) -> Millis {
    d.spec.progress_deadline_seconds.unwrap_or(0).max(0) as Millis * 1000
}

/// getReplicaFailures: the first ReplicaFailure of the new ReplicaSet, else of any.
fn replica_failure(all: &[ReplicaSet], new_rs: Option<&ReplicaSet>) -> Option<DeploymentCondition> {
    new_rs.into_iter().chain(all).find_map(|rs| {
        rs.status
            .conditions
            .iter()
            .find(|c| c.type_ == cond::REPLICA_FAILURE)
            .map(|c| DeploymentCondition {
                type_: c.type_.clone(),
                status: c.status.clone(),
                last_update_time: c.last_transition_time,
                last_transition_time: c.last_transition_time,
                reason: c.reason.clone(),
                message: c.message.clone(),
            })
    })
}

/// syncRolloutStatus.
pub fn sync_rollout_status(
    run: &mut Run,
    old: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
) -> Result<(), SyncError> {
    let all: Vec<ReplicaSet> = old.iter().chain(new_rs).cloned().collect();
    let now = run.ctx.now;
    let d = &run.d;
    let mut st = calculate_status(&all, new_rs, d, now);
    if !util::has_progress_deadline(d) {
        cond::remove(&mut st, cond::PROGRESSING);
    }
    let current = cond::get(&d.status, cond::PROGRESSING).cloned();
    let complete_before = st.replicas == st.updated_replicas
        && current
            .as_ref()
            .is_some_and(|c| c.reason == cond::NEW_RS_AVAILABLE);
    if util::has_progress_deadline(d) && !complete_before {
        if util::deployment_complete(d, &st) {
            let msg = subject(d, new_rs, "has successfully progressed");
            cond::set(
                &mut st,
                new_condition(cond::PROGRESSING, "True", cond::NEW_RS_AVAILABLE, msg, now),
            );
        } else if util::deployment_progressing(d, &st) {
            let msg = subject(d, new_rs, "is progressing");
            let mut c = new_condition(
                cond::PROGRESSING,
                "True",
                cond::REPLICA_SET_UPDATED,
                msg,
                now,
            );
            // Progress refreshes lastUpdateTime even with the same reason.
            if let Some(cur) = &current {
                if cur.status == "True" {
                    c.last_transition_time = cur.last_transition_time;
                }
                cond::remove(&mut st, cond::PROGRESSING);
            }
            cond::set(&mut st, c);
        } else if timed_out(d, &st, now) {
            let msg = subject(d, new_rs, "has timed out progressing");
            cond::set(
                &mut st,
                new_condition(cond::PROGRESSING, "False", cond::TIMED_OUT, msg, now),
            );
        }
    }
    match replica_failure(&all, new_rs) {
        Some(c) => cond::set(&mut st, c),
        None => cond::remove(&mut st, cond::REPLICA_FAILURE),
    }
    if st == run.d.status {
        run.requeue = requeue_stuck(&run.d, &st, now);
        return Ok(());
    }
    run.d.status = st;
    run.update_status()
}

/// requeueStuckDeployment: with no sign of progress, look again a second after the deadline
/// would pass (or right away, rate limited, when it is under a second).
pub fn requeue_stuck(d: &Deployment, st: &DeploymentStatus, now: Millis) -> Requeue {
    let Some(current) = cond::get(&d.status, cond::PROGRESSING) else {
        return Requeue::No;
    };
    if !util::has_progress_deadline(d)
        || util::deployment_complete(d, st)
        || current.reason == cond::TIMED_OUT
    {
        return Requeue::No;
    }
    let due = current.last_update_time.map_or(0, |t| t.0) + deadline_ms(d);
    let after = due.saturating_sub(now);
    if after < 1000 {
        Requeue::RateLimited
    } else {
        Requeue::After(after + 1000)
    }
}
