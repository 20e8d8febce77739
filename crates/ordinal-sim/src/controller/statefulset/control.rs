//! The reconcile algorithm (§4; stateful_set_control.go `UpdateStatefulSet` → `performUpdate` →
//! `updateStatefulSet`), rules R1–R13 and R13′. Each exit point records why it stopped.

use super::error::{SyncError, SyncResult};
use super::explain::Blocked;
use super::pod_control::{
    claims_match_retention_policy, create_missing_persistent_volume_claims, create_stateful_pod,
    delete_stateful_pod, pod_claim_is_stale, update_pod_claim_for_retention_policy,
    update_stateful_pod,
};
use super::replicas::{Replicas, Templates};
use super::revisions::{
    apply_revision_with, get_patch, get_stateful_set_revisions, list_revisions, truncate_history,
};
use super::status::{update_stateful_set_status, update_status};
use super::utils::*;
use crate::api::{
    ControllerRevision, IntOrString, Node, Pod, StatefulSet, StatefulSetStatus, TAINT_NOT_READY,
    TAINT_UNREACHABLE,
};
use crate::apiserver::store::Shared;
use crate::controller::{batch::slow_start_batch, Ctx};

/// Most pods created or deleted concurrently in one slow-start batch (MaxBatchSize).
pub const MAX_BATCH_SIZE: usize = 500;

/// What one UpdateStatefulSet call produced.
pub struct SyncOutput {
    /// The status computed (and written if it changed); None when the sync failed.
    pub status: Option<StatefulSetStatus>,
    pub error: Option<SyncError>,
    pub blocked: Blocked,
    /// Local pods built for holes in the ordinal range (the sync's cost beyond claimed pods).
    pub local_pods_built: usize,
}

fn note(why: &mut Option<Blocked>, b: Blocked) {
    if why.is_none() {
        *why = Some(b);
    }
}

/// UpdateStatefulSet (§4.1): revisions, reconcile, status write, then history truncation, which
/// runs even when the sync failed.
pub fn update_stateful_set(ctx: &mut Ctx, set: &StatefulSet, pods: &[Shared<Pod>]) -> SyncOutput {
    let revisions = list_revisions(ctx, set);
    let mut why = None;
    let mut built = 0;
    let (status, err, current, update) =
        perform_update(ctx, set, pods, &revisions, &mut why, &mut built);
    let truncated = truncate_history(
        ctx,
        set,
        pods,
        &revisions,
        current.as_ref(),
        update.as_ref(),
    )
    .err();
    let (status, error) = match err {
        Some(e) => (
            None,
            SyncError::aggregate(std::iter::once(e).chain(truncated).collect()),
        ),
        None => (status, truncated),
    };
    let blocked = match (&error, why) {
        (_, Some(b)) => b,
        (Some(e), None) => Blocked::SyncFailed {
            error: e.message.clone(),
        },
        (None, None) => Blocked::Complete,
    };
    SyncOutput {
        status,
        error,
        blocked: refine_for_node(ctx, pods, blocked),
        local_pods_built: built,
    }
}

type Performed = (
    Option<StatefulSetStatus>,
    Option<SyncError>,
    Option<ControllerRevision>,
    Option<ControllerRevision>,
);

/// performUpdate: the status is written even when the reconcile returned an error with a status.
fn perform_update(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pods: &[Shared<Pod>],
    revisions: &[ControllerRevision],
    why: &mut Option<Blocked>,
    built: &mut usize,
) -> Performed {
    let patch = get_patch(set);
    let (current, update, collision_count) =
        match get_stateful_set_revisions(ctx, set, revisions, &patch) {
            Ok(r) => r,
            Err(e) => return (None, Some(e), None, None),
        };
    let (status, err) = update_stateful_set_pods(
        ctx,
        set,
        &patch,
        &current,
        &update,
        collision_count,
        pods,
        why,
        built,
    );
    let Some(mut status) = status else {
        return (None, err, Some(current), Some(update));
    };
    let status_err = update_stateful_set_status(ctx, set, &mut status).err();
    if let (None, Some(e)) = (&err, &status_err) {
        note(
            why,
            Blocked::SyncFailed {
                error: e.message.clone(),
            },
        );
    }
    (
        Some(status),
        err.or(status_err),
        Some(current),
        Some(update),
    )
}

/// updateStatefulSet (§4.2, R1–R13).
#[allow(clippy::too_many_arguments)]
fn update_stateful_set_pods(
    ctx: &mut Ctx,
    set: &StatefulSet,
    patch: &serde_json::Value,
    current: &ControllerRevision,
    update: &ControllerRevision,
    collision_count: i32,
    pods: &[Shared<Pod>],
    why: &mut Option<Blocked>,
    built: &mut usize,
) -> (Option<StatefulSetStatus>, Option<SyncError>) {
    // R1: the two templates.
    let (current_set, update_set) = match (
        apply_revision_with(set, current, Some(patch)),
        apply_revision_with(set, update, Some(patch)),
    ) {
        (Ok(c), Ok(u)) => (c, u),
        (Err(e), _) | (_, Err(e)) => return (None, Some(e)),
    };
    let (cur, upd) = (
        current.metadata.name.as_str(),
        update.metadata.name.as_str(),
    );
    let min_ready = set.min_ready_seconds();
    let now = ctx.now;

    // R2: initial status from every claimed pod.
    let mut status = StatefulSetStatus {
        observed_generation: Some(set.metadata.generation),
        current_revision: cur.to_string(),
        update_revision: upd.to_string(),
        collision_count: Some(collision_count),
        ..Default::default()
    };
    update_status(&mut status, min_ready, cur, upd, pods, now);

    // R3/R4: in-range pods by index (holes are local pods, built when first looked at);
    // condemned.
    let start = start_ordinal(set);
    let mut in_range = Vec::new();
    let mut condemned: Vec<Shared<Pod>> = Vec::new();
    for pod in pods {
        let o = get_ordinal(pod);
        if pod_in_ordinal_range(pod, set) {
            in_range.push(((o - start) as usize, pod.clone()));
        } else if o >= 0 {
            condemned.push(pod.clone());
        }
    }
    let templates = Templates {
        current_set: &current_set,
        update_set: &update_set,
        current_revision: cur,
        update_revision: upd,
        start,
    };
    let replicas = Replicas::new(set.replicas().max(0) as usize, in_range, templates);
    // R5: condemned by descending ordinal.
    crate::sort::sort_by_key(&mut condemned, |p| std::cmp::Reverse(get_ordinal(p)));
    let out = reconcile(ctx, set, &update_set, &replicas, &condemned, status, why);
    *built = replicas.built();
    out
}

/// R6–R13 over the replicas and the condemned pods.
fn reconcile(
    ctx: &mut Ctx,
    set: &StatefulSet,
    update_set: &StatefulSet,
    replicas: &Replicas,
    condemned: &[Shared<Pod>],
    mut status: StatefulSetStatus,
    why: &mut Option<Blocked>,
) -> (Option<StatefulSetStatus>, Option<SyncError>) {
    let (cur, upd) = (
        status.current_revision.clone(),
        status.update_revision.clone(),
    );
    let (cur, upd) = (cur.as_str(), upd.as_str());
    let min_ready = set.min_ready_seconds();
    let now = ctx.now;
    // R6: the first unhealthy pod: replicas ascending, then condemned ascending.
    let first_unhealthy = replicas
        .iter()
        .find(|p| !is_healthy(p))
        .or_else(|| condemned.iter().rev().find(|p| !is_healthy(p)))
        .map(|p| p.metadata.name.clone());

    // R7: a set being deleted only gets its status updated.
    if set.metadata.deletion_timestamp.is_some() {
        note(why, Blocked::SetDeleting);
        return (Some(status), None);
    }
    let monotonic = !set.allows_burst();
    let recount =
        // Holes have no status: the claimed pods are all the counters can see.
        |status: &mut StatefulSetStatus, replicas: &Replicas, condemned: &[Shared<Pod>]| {
            let pods = replicas.claimed().chain(condemned);
            update_status(status, min_ready, cur, upd, pods, now)
        };

    // R8: living replicas.
    let (exit, err) = run_for_all(replicas.len(), monotonic, |i| {
        process_replica(ctx, set, update_set, monotonic, replicas, i, why)
    });
    if exit || err.is_some() {
        recount(&mut status, replicas, condemned);
        return (Some(status), err);
    }

    // R9: claims of condemned pods follow the policy before the pods go.
    let (exit, err) = run_for_all(condemned.len(), monotonic, |i| {
        fix_pod_claim(ctx, update_set, &condemned[i])
    });
    if exit || err.is_some() {
        if let Some(e) = &err {
            note(
                why,
                Blocked::SyncFailed {
                    error: e.message.clone(),
                },
            );
        }
        recount(&mut status, replicas, condemned);
        return (Some(status), err);
    }

    // R10: condemned pods, highest ordinal first.
    let (exit, err) = run_for_all(condemned.len(), monotonic, |i| {
        process_condemned(
            ctx,
            set,
            first_unhealthy.as_deref(),
            monotonic,
            condemned,
            i,
            why,
        )
    });
    if exit || err.is_some() {
        recount(&mut status, replicas, condemned);
        return (Some(status), err);
    }

    // R11.
    recount(&mut status, replicas, condemned);

    // R12: OnDelete never replaces pods by itself.
    if set.update_strategy_type() == "OnDelete" {
        // Holes are never created: the claimed pods are all there is to list.
        let old: Vec<String> = replicas
            .claimed()
            .filter(|p| is_created(p) && pod_revision(p) != upd)
            .map(|p| p.metadata.name.clone())
            .collect();
        if !old.is_empty() {
            note(why, Blocked::OnDeleteWaitingForManualDelete { pods: old });
        }
        note_steady_state(why, set, replicas, now);
        return (Some(status), None);
    }

    let err = if ctx.features().max_unavailable_statefulset {
        rolling_update_max_unavailable(ctx, set, replicas, upd, &mut status, why)
    } else {
        rolling_update(ctx, set, replicas, upd, &mut status, why)
    };
    note_steady_state(why, set, replicas, now);
    (Some(status), err)
}

/// R13: replace one pod at a time from the highest index down to the partition.
fn rolling_update(
    ctx: &mut Ctx,
    set: &StatefulSet,
    replicas: &Replicas,
    upd: &str,
    status: &mut StatefulSetStatus,
    why: &mut Option<Blocked>,
) -> Option<SyncError> {
    let update_min = update_min(set);
    for target in (0..replicas.len()).rev() {
        if (target as i64) < update_min {
            break;
        }
        let pod = replicas.get(target);
        if pod_revision(pod) != upd && !is_terminating(pod) {
            if let Err(e) = delete_stateful_pod(ctx, set, pod) {
                if !e.is_not_found() {
                    note(
                        why,
                        Blocked::DeleteFailed {
                            pod: pod.metadata.name.clone(),
                            error: e.message.clone(),
                        },
                    );
                    return Some(e);
                }
            }
            status.current_replicas -= 1;
            note(
                why,
                Blocked::DeletedForUpdate {
                    pod: pod.metadata.name.clone(),
                    revision: upd.into(),
                },
            );
            return None;
        }
        if !is_healthy(pod) {
            note(why, waiting_in_update(status, upd, pod));
            return None;
        }
    }
    note_partition(why, replicas, upd, update_min);
    None
}

/// R13′ (MaxUnavailableStatefulSet on): delete up to maxUnavailable − unavailable pods at once;
/// unhealthy pods anywhere (also below the partition) use up the budget.
fn rolling_update_max_unavailable(
    ctx: &mut Ctx,
    set: &StatefulSet,
    replicas: &Replicas,
    upd: &str,
    status: &mut StatefulSetStatus,
    why: &mut Option<Blocked>,
) -> Option<SyncError> {
    let update_min = update_min(set);
    let max_unavailable = match set.rolling_update() {
        Some(r) => {
            match get_stateful_set_max_unavailable(r.max_unavailable.as_ref(), replicas.len()) {
                Ok(m) => m,
                Err(e) => {
                    note(
                        why,
                        Blocked::SyncFailed {
                            error: e.message.clone(),
                        },
                    );
                    return Some(e);
                }
            }
        }
        None => 1,
    };
    let unavailable: Vec<&Shared<Pod>> = replicas.iter().filter(|p| !is_healthy(p)).collect();
    if unavailable.len() >= max_unavailable {
        if let Some(p) = unavailable.first() {
            note(why, waiting_in_update(status, upd, p));
        }
        return None;
    }
    let budget = max_unavailable - unavailable.len();
    let mut deleted = 0;
    for target in (0..replicas.len()).rev() {
        if (target as i64) < update_min || deleted >= budget {
            break;
        }
        let pod = replicas.get(target);
        if pod_revision(pod) != upd && !is_terminating(pod) {
            if let Err(e) = delete_stateful_pod(ctx, set, pod) {
                if !e.is_not_found() {
                    note(
                        why,
                        Blocked::DeleteFailed {
                            pod: pod.metadata.name.clone(),
                            error: e.message.clone(),
                        },
                    );
                    return Some(e);
                }
            }
            deleted += 1;
            status.current_replicas -= 1;
            note(
                why,
                Blocked::DeletedForUpdate {
                    pod: pod.metadata.name.clone(),
                    revision: upd.into(),
                },
            );
        }
    }
    if let Some(p) = unavailable.first() {
        note(why, waiting_in_update(status, upd, p));
    }
    note_partition(why, replicas, upd, update_min);
    None
}

/// The update loop waits for every unhealthy pod (upstream: "waiting for Pod to update"), but
/// it is a rolling update only while two revisions exist: Parallel creation also waits here.
fn waiting_in_update(status: &StatefulSetStatus, upd: &str, pod: &Pod) -> Blocked {
    let pod = pod.metadata.name.clone();
    if status.current_revision == upd {
        Blocked::WaitingForRunningAndReady { pod }
    } else {
        Blocked::RollingUpdateWaiting { pod }
    }
}

fn update_min(set: &StatefulSet) -> i64 {
    set.rolling_update()
        .map_or(0, |r| r.partition.unwrap_or(0) as i64)
}

/// getStatefulSetMaxUnavailable: percentages round down, with a floor of 1.
pub fn get_stateful_set_max_unavailable(
    v: Option<&IntOrString>,
    replicas: usize,
) -> SyncResult<usize> {
    let n = match v {
        None => 1,
        Some(IntOrString::Int(i)) => (*i).max(0) as usize,
        Some(IntOrString::String(s)) => match crate::apiserver::validation::parse_percent(s) {
            Some(p) => (p.max(0) as usize * replicas) / 100,
            None => {
                return Err(SyncError::new(format!(
                    "invalid value for IntOrString: invalid value {s:?}: {s} is not a percentage"
                )))
            }
        },
    };
    Ok(n.max(1))
}

fn note_partition(why: &mut Option<Blocked>, replicas: &Replicas, upd: &str, update_min: i64) {
    if update_min <= 0 {
        return;
    }
    let held: Vec<String> = replicas
        .iter()
        .take(update_min.min(replicas.len() as i64) as usize)
        .filter(|p| pod_revision(p) != upd)
        .map(|p| p.metadata.name.clone())
        .collect();
    if !held.is_empty() {
        note(
            why,
            Blocked::PartitionHolds {
                partition: update_min as i32,
                pods: held,
            },
        );
    }
}

/// Nothing blocked the sync: report the first pod that is not yet Ready/Available (Parallel
/// sets get here while pods start), else Complete.
fn note_steady_state(why: &mut Option<Blocked>, set: &StatefulSet, replicas: &Replicas, now: u64) {
    if why.is_some() {
        return;
    }
    let min_ready = set.min_ready_seconds();
    if let Some(p) = replicas.iter().find(|p| !is_healthy(p)) {
        note(
            why,
            Blocked::WaitingForRunningAndReady {
                pod: p.metadata.name.clone(),
            },
        );
    } else if let Some(p) = replicas
        .iter()
        .find(|p| !is_running_and_available(p, min_ready, now))
    {
        note(why, waiting_for_available(p, min_ready, now));
    } else {
        note(why, Blocked::Complete);
    }
}

fn waiting_for_available(pod: &Pod, min_ready: i32, now: u64) -> Blocked {
    Blocked::WaitingForAvailable {
        pod: pod.metadata.name.clone(),
        ready_for_ms: ready_for_ms(pod, now).unwrap_or(0),
        min_ready_ms: min_ready.max(0) as u64 * 1000,
    }
}

/// processReplica (R8a–f). Returns (exit, error).
fn process_replica(
    ctx: &mut Ctx,
    set: &StatefulSet,
    update_set: &StatefulSet,
    monotonic: bool,
    replicas: &Replicas,
    i: usize,
    why: &mut Option<Blocked>,
) -> (bool, Option<SyncError>) {
    let pod = replicas.get(i);
    let name = pod.metadata.name.clone();
    // R8a: Failed/Succeeded pods are deleted; the replacement comes on a later sync.
    if is_failed(pod) || is_succeeded(pod) {
        if !is_terminating(pod) {
            if let Err(e) = delete_stateful_pod(ctx, set, pod) {
                note(
                    why,
                    Blocked::DeleteFailed {
                        pod: name,
                        error: e.message.clone(),
                    },
                );
                return (true, Some(e));
            }
        }
        note(
            why,
            Blocked::RecreatingFailedPod {
                pod: name,
                phase: pod.status.phase.clone(),
            },
        );
        return (true, None);
    }
    // R8b: create missing pods (claims first), unless a stale claim is still around.
    if !is_created(pod) {
        if let Some(claim) = pod_claim_is_stale(ctx, set, pod) {
            note(why, Blocked::StaleClaim { claim, pod: name });
            return (true, None);
        }
        if let Err(e) = create_stateful_pod(ctx, set, pod) {
            note(
                why,
                Blocked::CreateFailed {
                    pod: name,
                    error: e.message.clone(),
                },
            );
            return (true, Some(e));
        }
        note(why, Blocked::Created { pod: name.clone() });
        if monotonic {
            return (true, None);
        }
    }
    // R8c: a Pending pod gets its missing claims back.
    if is_pending(pod) {
        if let Err(e) = create_missing_persistent_volume_claims(ctx, set, pod) {
            note(
                why,
                Blocked::CreateFailed {
                    pod: name,
                    error: e.message.clone(),
                },
            );
            return (true, Some(e));
        }
    }
    // R8d/e: OrderedReady waits for termination, readiness and availability.
    if monotonic {
        if is_terminating(pod) {
            note(why, Blocked::WaitingForTermination { pod: name });
            return (true, None);
        }
        if !is_running_and_ready(pod) {
            note(why, Blocked::WaitingForRunningAndReady { pod: name });
            return (true, None);
        }
        let min_ready = set.min_ready_seconds();
        if !is_running_and_available(pod, min_ready, ctx.now) {
            note(why, waiting_for_available(pod, min_ready, ctx.now));
            return (true, None);
        }
    }
    // R8f: identity, storage and claim ownership.
    let retention_match = claims_match_retention_policy(ctx, update_set, pod).unwrap_or(true);
    if identity_matches(set, pod) && storage_matches(set, pod) && retention_match {
        return (false, None);
    }
    if let Err(e) = update_stateful_pod(ctx, update_set, pod) {
        note(
            why,
            Blocked::UpdateFailed {
                pod: name,
                error: e.message.clone(),
            },
        );
        return (true, Some(e));
    }
    (false, None)
}

/// R9 for one condemned pod.
fn fix_pod_claim(ctx: &mut Ctx, update_set: &StatefulSet, pod: &Pod) -> (bool, Option<SyncError>) {
    match claims_match_retention_policy(ctx, update_set, pod) {
        Err(e) => (true, Some(e)),
        Ok(true) => (false, None),
        Ok(false) => match update_pod_claim_for_retention_policy(ctx, update_set, pod) {
            Err(e) => (true, Some(e)),
            Ok(()) => (false, None),
        },
    }
}

/// processCondemned (R10a–d).
fn process_condemned(
    ctx: &mut Ctx,
    set: &StatefulSet,
    first_unhealthy: Option<&str>,
    monotonic: bool,
    condemned: &[Shared<Pod>],
    i: usize,
    why: &mut Option<Blocked>,
) -> (bool, Option<SyncError>) {
    let pod = &condemned[i];
    let name = pod.metadata.name.clone();
    if is_terminating(pod) {
        if monotonic {
            note(why, Blocked::WaitingForTermination { pod: name });
            return (true, None);
        }
        return (false, None);
    }
    let is_first_unhealthy = first_unhealthy == Some(name.as_str());
    if monotonic && !is_first_unhealthy {
        if !is_running_and_ready(pod) {
            note(why, Blocked::ScaleDownBlockedByUnhealthy { pod: name });
            return (true, None);
        }
        let min_ready = set.min_ready_seconds();
        if !is_running_and_available(pod, min_ready, ctx.now) {
            note(why, waiting_for_available(pod, min_ready, ctx.now));
            return (true, None);
        }
    }
    match delete_stateful_pod(ctx, set, pod) {
        Ok(()) => {
            note(why, Blocked::DeletedForScaleDown { pod: name });
            (true, None)
        }
        Err(e) => {
            note(
                why,
                Blocked::DeleteFailed {
                    pod: name,
                    error: e.message.clone(),
                },
            );
            (true, Some(e))
        }
    }
}

/// runForAll: OrderedReady runs in order and stops at the first exit or error; Parallel runs
/// slow-start batches and stops after the first batch with an error (the exit flag is ignored).
fn run_for_all(
    len: usize,
    monotonic: bool,
    mut f: impl FnMut(usize) -> (bool, Option<SyncError>),
) -> (bool, Option<SyncError>) {
    if monotonic {
        for i in 0..len {
            let (exit, err) = f(i);
            if exit || err.is_some() {
                return (true, err);
            }
        }
        return (false, None);
    }
    let (_, errs) = slow_start_batch(1, len, MAX_BATCH_SIZE, |i| f(i).1);
    match SyncError::aggregate(errs) {
        Some(e) => (true, Some(e)),
        None => (false, None),
    }
}

/// When the pod a reason is about sits on a node that is unreachable or not Ready, say so.
fn refine_for_node(ctx: &Ctx, pods: &[Shared<Pod>], blocked: Blocked) -> Blocked {
    let waiting = matches!(
        blocked,
        Blocked::WaitingForTermination { .. }
            | Blocked::WaitingForRunningAndReady { .. }
            | Blocked::ScaleDownBlockedByUnhealthy { .. }
            | Blocked::RollingUpdateWaiting { .. }
    );
    if !waiting {
        return blocked;
    }
    let Some(pod) = blocked
        .pod()
        .and_then(|n| pods.iter().find(|p| p.metadata.name == n))
    else {
        return blocked;
    };
    if pod.spec.node_name.is_empty() {
        return blocked;
    }
    let Some(node) = ctx.api.get::<Node>("", &pod.spec.node_name) else {
        return blocked;
    };
    let tainted = node
        .spec
        .taints
        .iter()
        .any(|t| t.key == TAINT_UNREACHABLE || t.key == TAINT_NOT_READY);
    if tainted || node.ready_status() != "True" {
        return Blocked::PodOnUnreachableNode {
            pod: pod.metadata.name.clone(),
            node: node.metadata.name.clone(),
            terminating: is_terminating(pod),
        };
    }
    blocked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_start_batches_double() {
        let mut seen = Vec::new();
        let mut calls = 0;
        let (_, errs) = slow_start_batch(1, 10, MAX_BATCH_SIZE, |i| {
            calls += 1;
            seen.push(i);
            (i == 4).then(|| SyncError::new("boom"))
        });
        let err = SyncError::aggregate(errs);
        // Batches 1, 2, 4: the error in the third batch (indices 3..7) stops after that batch.
        assert_eq!(calls, 7);
        assert_eq!(err.map(|e| e.message), Some("boom".to_string()));
    }

    #[test]
    fn max_unavailable_rounds_down_with_floor() {
        let pct = |s: &str| IntOrString::String(s.into());
        assert_eq!(
            get_stateful_set_max_unavailable(Some(&pct("10%")), 25).ok(),
            Some(2)
        );
        assert_eq!(
            get_stateful_set_max_unavailable(Some(&pct("1%")), 5).ok(),
            Some(1)
        );
        assert_eq!(
            get_stateful_set_max_unavailable(Some(&IntOrString::Int(3)), 5).ok(),
            Some(3)
        );
        assert_eq!(get_stateful_set_max_unavailable(None, 5).ok(), Some(1));
    }
}
