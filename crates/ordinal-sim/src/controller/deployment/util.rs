//! The arithmetic of a rollout, DEP6 and DEP7 (pkg/controller/deployment/util/deployment_util.go
//! and the ReplicaSet sorts of pkg/controller/controller_utils.go): revisions, the replicas
//! annotations, maxSurge/maxUnavailable, counts over ReplicaSets, completeness and progress.
//! Everything here is pure, so upstream's table tests run against it directly.

use crate::api::{Deployment, DeploymentStatus, IntOrString, ReplicaSet, POD_TEMPLATE_HASH_LABEL};
use crate::api::{PodTemplateSpec, REVISION_ANNOTATION};
use crate::apiserver::validation::parse_percent;
use std::cmp::Ordering;

pub const REVISION_HISTORY_ANNOTATION: &str = "deployment.kubernetes.io/revision-history";
pub const DESIRED_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/desired-replicas";
pub const MAX_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/max-replicas";
const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";
const ROLLBACK_TO_ANNOTATION: &str = "deprecated.deployment.rollback.to";
/// maxRevHistoryLengthInChars: how long the revision-history annotation may grow.
pub const MAX_REV_HISTORY_CHARS: usize = 2000;
/// math.MaxInt32 as progressDeadlineSeconds means "no deadline" (HasProgressDeadline).
const NO_DEADLINE: i32 = i32::MAX;

/// Revision: the revision annotation as a number (absent or unparsable: 0).
pub fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata
        .annotations
        .get(REVISION_ANNOTATION)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// MaxRevision over ReplicaSets.
pub fn max_revision(rss: &[ReplicaSet]) -> i64 {
    rss.iter().map(revision).max().unwrap_or(0)
}

/// skipCopyAnnotation: annotations a Deployment never copies to its ReplicaSets.
fn skip_copy_annotation(k: &str) -> bool {
    [
        LAST_APPLIED_ANNOTATION,
        REVISION_ANNOTATION,
        REVISION_HISTORY_ANNOTATION,
        DESIRED_REPLICAS_ANNOTATION,
        MAX_REPLICAS_ANNOTATION,
        ROLLBACK_TO_ANNOTATION,
    ]
    .contains(&k)
}

/// copyDeploymentAnnotationsToReplicaSet.
fn copy_annotations(d: &Deployment, rs: &mut ReplicaSet) -> bool {
    let mut changed = false;
    for (k, v) in &d.metadata.annotations {
        if skip_copy_annotation(k) || rs.metadata.annotations.get(k) == Some(v) {
            continue;
        }
        rs.metadata.annotations.insert(k.clone(), v.clone());
        changed = true;
    }
    changed
}

/// SetNewReplicaSetAnnotations: the Deployment's annotations, the revision (only ever raised;
/// a reused ReplicaSet keeps its earlier numbers in revision-history) and, for a ReplicaSet
/// about to be created, the replicas annotations. Whether anything changed.
pub fn set_new_replica_set_annotations(
    d: &Deployment,
    rs: &mut ReplicaSet,
    new_revision: i64,
    exists: bool,
) -> bool {
    let mut changed = copy_annotations(d, rs);
    let annotations = &mut rs.metadata.annotations;
    let old = annotations.get(REVISION_ANNOTATION).cloned();
    let old_int = match old.as_deref().map(str::parse::<i64>) {
        None => 0,
        Some(Ok(v)) => v,
        // An unparsable revision is left alone, as upstream does.
        Some(Err(_)) => return false,
    };
    if old_int < new_revision {
        annotations.insert(REVISION_ANNOTATION.into(), new_revision.to_string());
        changed = true;
        if let Some(old) = old {
            let history = annotations
                .get(REVISION_HISTORY_ANNOTATION)
                .cloned()
                .unwrap_or_default();
            if history.is_empty() {
                annotations.insert(REVISION_HISTORY_ANNOTATION.into(), old);
            } else {
                let mut revs: Vec<&str> = history.split(',').collect();
                let mut total = history.len() + old.len() + 1;
                let mut start = 0;
                while total > MAX_REV_HISTORY_CHARS && start < revs.len() {
                    total -= revs[start].len() + 1;
                    start += 1;
                }
                if total <= MAX_REV_HISTORY_CHARS {
                    revs.drain(..start);
                    revs.push(&old);
                    let joined = revs.join(",");
                    annotations.insert(REVISION_HISTORY_ANNOTATION.into(), joined);
                }
            }
        }
    }
    if !exists && set_replicas_annotations(rs, d.replicas(), d.replicas() + max_surge(d)) {
        changed = true;
    }
    changed
}

/// SetReplicasAnnotations: desired-replicas and max-replicas; whether either changed.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let mut changed = false;
    for (k, v) in [
        (DESIRED_REPLICAS_ANNOTATION, desired),
        (MAX_REPLICAS_ANNOTATION, max),
    ] {
        let v = v.to_string();
        if rs.metadata.annotations.get(k) != Some(&v) {
            rs.metadata.annotations.insert(k.into(), v);
            changed = true;
        }
    }
    changed
}

/// ReplicasAnnotationsNeedUpdate.
pub fn replicas_annotations_need_update(rs: &ReplicaSet, desired: i32, max: i32) -> bool {
    let a = &rs.metadata.annotations;
    a.get(DESIRED_REPLICAS_ANNOTATION) != Some(&desired.to_string())
        || a.get(MAX_REPLICAS_ANNOTATION) != Some(&max.to_string())
}

fn int_annotation(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata.annotations.get(key)?.parse().ok()
}

/// GetDesiredReplicasAnnotation.
pub fn desired_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    int_annotation(rs, DESIRED_REPLICAS_ANNOTATION)
}

/// SetDeploymentRevision: whether the Deployment's revision annotation changed.
pub fn set_deployment_revision(d: &mut Deployment, revision: &str) -> bool {
    let a = &mut d.metadata.annotations;
    if a.get(REVISION_ANNOTATION).map(String::as_str) == Some(revision) {
        return false;
    }
    a.insert(REVISION_ANNOTATION.into(), revision.into());
    true
}

pub fn is_rolling_update(d: &Deployment) -> bool {
    d.strategy_type() == "RollingUpdate"
}

/// intstr.GetScaledValueFromIntOrPercent: an integer as is, a percentage of `total` rounded
/// up or down. A malformed value (validation refuses them) counts as 0.
pub fn scaled_value(v: Option<&IntOrString>, total: i32, round_up: bool) -> i32 {
    match v {
        None => 0,
        Some(IntOrString::Int(i)) => (*i).clamp(i32::MIN as i64, i32::MAX as i64) as i32,
        Some(IntOrString::String(s)) => match parse_percent(s) {
            None => 0,
            Some(p) => {
                let scaled = p * total as i64;
                let v = if round_up {
                    (scaled + 99).div_euclid(100)
                } else {
                    scaled.div_euclid(100)
                };
                v.clamp(0, i32::MAX as i64) as i32
            }
        },
    }
}

/// ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1 (surge
/// might be refused by quota, so the rollout must be able to move by deleting).
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    desired: i32,
) -> (i32, i32) {
    let surge = scaled_value(max_surge, desired, true);
    let mut unavailable = scaled_value(max_unavailable, desired, false);
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    (surge, unavailable)
}

fn fenceposts(d: &Deployment) -> (i32, i32) {
    let ru = d.rolling_update();
    resolve_fenceposts(
        ru.and_then(|r| r.max_surge.as_ref()),
        ru.and_then(|r| r.max_unavailable.as_ref()),
        d.replicas(),
    )
}

/// MaxUnavailable: 0 for Recreate or no replicas, never more than the replicas.
pub fn max_unavailable(d: &Deployment) -> i32 {
    if !is_rolling_update(d) || d.replicas() == 0 {
        return 0;
    }
    fenceposts(d).1.min(d.replicas())
}

/// MinAvailable.
pub fn min_available(d: &Deployment) -> i32 {
    if !is_rolling_update(d) {
        return 0;
    }
    d.replicas() - max_unavailable(d)
}

/// MaxSurge: 0 for Recreate.
pub fn max_surge(d: &Deployment) -> i32 {
    if !is_rolling_update(d) {
        return 0;
    }
    fenceposts(d).0
}

/// GetReplicaCountForReplicaSets: the sum of spec.replicas.
pub fn replica_count<'a>(rss: impl IntoIterator<Item = &'a ReplicaSet>) -> i32 {
    rss.into_iter().map(ReplicaSet::replicas).sum()
}

/// GetActualReplicaCountForReplicaSets: the sum of status.replicas.
pub fn actual_replica_count<'a>(rss: impl IntoIterator<Item = &'a ReplicaSet>) -> i32 {
    rss.into_iter().map(|r| r.status.replicas).sum()
}

/// GetReadyReplicaCountForReplicaSets.
pub fn ready_replica_count<'a>(rss: impl IntoIterator<Item = &'a ReplicaSet>) -> i32 {
    rss.into_iter().map(|r| r.status.ready_replicas).sum()
}

/// GetAvailableReplicaCountForReplicaSets.
pub fn available_replica_count<'a>(rss: impl IntoIterator<Item = &'a ReplicaSet>) -> i32 {
    rss.into_iter().map(|r| r.status.available_replicas).sum()
}

/// NewRSNewReplicas: how big the new ReplicaSet may be now. RollingUpdate: up to
/// replicas + maxSurge pods in all (surge from the raw percentage, rounded up), never more
/// than the replicas; Recreate: all of them.
pub fn new_rs_new_replicas(d: &Deployment, all: &[ReplicaSet], new_rs: &ReplicaSet) -> i32 {
    if !is_rolling_update(d) {
        return d.replicas();
    }
    let surge = scaled_value(
        d.rolling_update().and_then(|r| r.max_surge.as_ref()),
        d.replicas(),
        true,
    );
    let current = replica_count(all);
    let max_total = d.replicas() + surge;
    if current >= max_total {
        return new_rs.replicas();
    }
    let up = (max_total - current).min(d.replicas() - new_rs.replicas());
    new_rs.replicas() + up
}

/// IsSaturated: the new ReplicaSet is at full size, annotated so, and fully available.
pub fn is_saturated(d: &Deployment, rs: Option<&ReplicaSet>) -> bool {
    let Some(rs) = rs else { return false };
    let Some(desired) = desired_replicas_annotation(rs) else {
        return false;
    };
    rs.replicas() == d.replicas()
        && desired == d.replicas()
        && rs.status.available_replicas == d.replicas()
}

/// DeploymentComplete.
pub fn deployment_complete(d: &Deployment, st: &DeploymentStatus) -> bool {
    let n = d.replicas();
    st.updated_replicas == n
        && st.replicas == n
        && st.available_replicas == n
        && st.observed_generation.unwrap_or(0) >= d.metadata.generation
}

/// DeploymentProgressing: more updated, fewer old, more ready or more available than the
/// status recorded last.
pub fn deployment_progressing(d: &Deployment, new: &DeploymentStatus) -> bool {
    let old = &d.status;
    let old_old = old.replicas - old.updated_replicas;
    let new_old = new.replicas - new.updated_replicas;
    new.updated_replicas > old.updated_replicas
        || new_old < old_old
        || new.ready_replicas > old.ready_replicas
        || new.available_replicas > old.available_replicas
}

/// HasProgressDeadline.
pub fn has_progress_deadline(d: &Deployment) -> bool {
    d.spec
        .progress_deadline_seconds
        .is_some_and(|s| s != NO_DEADLINE)
}

/// HasRevisionHistoryLimit.
pub fn has_revision_history_limit(d: &Deployment) -> bool {
    d.spec
        .revision_history_limit
        .is_some_and(|s| s != NO_DEADLINE)
}

/// EqualIgnoreHash: the templates are equal once the pod-template-hash label is dropped.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    let strip = |t: &PodTemplateSpec| {
        let mut t = t.clone();
        t.metadata.labels.remove(POD_TEMPLATE_HASH_LABEL);
        t
    };
    if a.metadata.labels.contains_key(POD_TEMPLATE_HASH_LABEL)
        || b.metadata.labels.contains_key(POD_TEMPLATE_HASH_LABEL)
    {
        strip(a) == strip(b)
    } else {
        a == b
    }
}

/// ReplicaSetsByCreationTimestamp: oldest first, then by name.
pub fn by_creation(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    a.metadata
        .creation_timestamp
        .cmp(&b.metadata.creation_timestamp)
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// ReplicaSetsBySizeOlder: largest first, ties oldest first.
pub fn by_size_older(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    b.replicas()
        .cmp(&a.replicas())
        .then_with(|| by_creation(a, b))
}

/// ReplicaSetsBySizeNewer: largest first, ties newest first.
pub fn by_size_newer(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    b.replicas()
        .cmp(&a.replicas())
        .then_with(|| by_creation(b, a))
}

/// ReplicaSetsByRevision: lowest revision first, ties by creation.
pub fn by_revision(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    revision(a)
        .cmp(&revision(b))
        .then_with(|| by_creation(a, b))
}

/// FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's.
pub fn find_new_replica_set(d: &Deployment, rss: &[ReplicaSet]) -> Option<ReplicaSet> {
    let mut sorted: Vec<&ReplicaSet> = rss.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| by_creation(a, b));
    sorted
        .into_iter()
        .find(|rs| equal_ignore_hash(&rs.spec.template, &d.spec.template))
        .cloned()
}

/// FindOldReplicaSets: every ReplicaSet but the new one (upstream's `allOldRSs`).
pub fn find_old_replica_sets(d: &Deployment, rss: &[ReplicaSet]) -> Vec<ReplicaSet> {
    let new_uid = find_new_replica_set(d, rss).map(|r| r.metadata.uid);
    rss.iter()
        .filter(|r| Some(&r.metadata.uid) != new_uid.as_ref())
        .cloned()
        .collect()
}

/// FilterActiveReplicaSets: those with spec.replicas > 0.
pub fn active(rss: &[ReplicaSet]) -> Vec<ReplicaSet> {
    rss.iter().filter(|r| r.replicas() > 0).cloned().collect()
}

/// FindActiveOrLatest: the one active ReplicaSet; with none active, the new one or else the
/// newest old one; with several active, none.
pub fn find_active_or_latest(
    new_rs: Option<&ReplicaSet>,
    old: &[ReplicaSet],
) -> Option<ReplicaSet> {
    if new_rs.is_none() && old.is_empty() {
        return None;
    }
    let mut old: Vec<ReplicaSet> = old.to_vec();
    crate::sort::sort_by(&mut old, |a, b| by_creation(b, a));
    let all: Vec<ReplicaSet> = old.iter().chain(new_rs).cloned().collect();
    let act = active(&all);
    match act.len() {
        0 => new_rs.cloned().or_else(|| old.first().cloned()),
        1 => act.into_iter().next(),
        _ => None,
    }
}

/// getReplicaSetFraction: this ReplicaSet's share of a resize, from the max-replicas it was
/// annotated with before (falling back to the status's replicas).
fn replica_set_fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    if d.replicas() == 0 {
        return -rs.replicas();
    }
    let max_now = d.replicas() + max_surge(d);
    let before = match int_annotation(rs, MAX_REPLICAS_ANNOTATION) {
        Some(v) if v != 0 => v,
        _ => d.status.replicas,
    };
    // Upstream would divide by zero here; no share is the safe answer.
    if before == 0 {
        return 0;
    }
    let size = (rs.replicas() as f64 * max_now as f64) / before as f64;
    size.round() as i32 - rs.replicas()
}

/// GetProportion: how many of `to_add` this ReplicaSet takes, given `added` so far.
pub fn proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs.replicas() == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = replica_set_fraction(rs, d);
    let allowed = to_add - added;
    if to_add > 0 {
        fraction.min(allowed)
    } else {
        fraction.max(allowed)
    }
}
