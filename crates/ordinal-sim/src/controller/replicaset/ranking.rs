//! Which pods a ReplicaSet deletes on scale-down (RS6): getPodsToDelete over
//! ActivePodsWithRanks (pkg/controller/replicaset/replica_set.go, controller_utils.go). The
//! order says which pod is worth least: the learner does not choose.

use crate::api::Pod;
use crate::apiserver::store::Shared;
use crate::time::Millis;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The annotation that lets a user say which pods are cheaper to delete (PodDeletionCost).
pub const POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";

/// GetDeletionCostFromPodAnnotations: a missing or unparsable value counts as 0 (upstream's
/// validation rejects an unparsable one on write; the controller ignores the error).
pub fn deletion_cost(pod: &Pod) -> i32 {
    pod.metadata
        .annotations
        .get(POD_DELETION_COST)
        .and_then(|v| v.trim().parse::<i32>().ok())
        .unwrap_or(0)
}

/// IsPodActive: not Succeeded, not Failed, not being deleted.
pub fn is_pod_active(pod: &Pod) -> bool {
    !matches!(pod.phase(), "Succeeded" | "Failed") && pod.metadata.deletion_timestamp.is_none()
}

/// podPhaseToOrdinal: Pending < Unknown < Running (any other phase ranks with Pending).
fn phase_ordinal(phase: &str) -> u8 {
    match phase {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    }
}

/// metav1.Time travels with second precision; compare times as the informer would see them.
fn seconds(t: Option<crate::time::Timestamp>) -> Option<Millis> {
    t.map(|t| t.0 / 1000 * 1000)
}

/// logarithmicRankDiff: compares floor(log2(age in ns)); an age ≤ 0 ranks -1.
fn log_rank(t: Millis, now: Millis) -> i64 {
    let d_ns = now.saturating_sub(t) as f64 * 1e6;
    if d_ns > 0.0 {
        d_ns.log2() as i64
    } else {
        -1
    }
}

/// afterOrZero as an ordering: a zero time first, then the later time first.
fn after_or_zero(a: Option<Millis>, b: Option<Millis>) -> bool {
    match (a, b) {
        (None, _) | (_, None) => a.is_none(),
        (Some(a), Some(b)) => a > b,
    }
}

/// Newer first in LogarithmicScaleDown buckets (GA since 1.31): times in the same power-of-two
/// age bucket tie, and the tie goes to the smaller UID.
fn newer_first(a: Option<Millis>, b: Option<Millis>, now: Millis, pa: &Pod, pb: &Pod) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if now > 0 => {
            let diff = log_rank(x, now) - log_rank(y, now);
            if diff == 0 {
                pa.metadata.uid < pb.metadata.uid
            } else {
                diff < 0
            }
        }
        _ => after_or_zero(a, b),
    }
}

/// The Ready condition's lastTransitionTime while Ready (podReadyTime; zero otherwise).
fn ready_time(pod: &Pod) -> Option<Millis> {
    seconds(pod.ready_since())
}

fn max_restarts(pod: &Pod) -> i32 {
    pod.status
        .container_statuses
        .iter()
        .map(|c| c.restart_count)
        .max()
        .unwrap_or(0)
}

/// Which rule of `less` decided between two pods, for the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    Unassigned,
    Phase,
    NotReady,
    DeletionCost,
    DoubledUp,
    ReadyTime,
    Restarts,
    Newer,
    Uid,
}

impl Rule {
    /// Why a pod was picked before the others, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Rule::Unassigned => "not yet scheduled to a node",
            Rule::Phase => "in an earlier phase (Pending before Unknown before Running)",
            Rule::NotReady => "not Ready",
            Rule::DeletionCost => "a lower pod-deletion-cost",
            Rule::DoubledUp => "sharing its node with more of the related pods",
            Rule::ReadyTime => "Ready for less time",
            Rule::Restarts => "more container restarts",
            Rule::Newer => "newer",
            Rule::Uid => "the tie-break on UID",
        }
    }
}

/// A pod with its rank (related active pods on its node), as ActivePodsWithRanks holds it.
pub struct Ranked<'a> {
    pub pod: &'a Pod,
    pub rank: usize,
    /// Its place in the list that was ranked.
    pub index: usize,
}

/// ActivePodsWithRanks.Less: true when `a` should be deleted before `b`, and the rule that
/// decided (None when they tie).
pub fn less(a: &Ranked, b: &Ranked, now: Millis) -> (bool, Option<Rule>) {
    let (pa, pb) = (a.pod, b.pod);
    // 1. Unassigned < assigned.
    let (na, nb) = (&pa.spec.node_name, &pb.spec.node_name);
    if na != nb && (na.is_empty() || nb.is_empty()) {
        return (na.is_empty(), Some(Rule::Unassigned));
    }
    // 2. Pending < Unknown < Running.
    let (oa, ob) = (phase_ordinal(pa.phase()), phase_ordinal(pb.phase()));
    if oa != ob {
        return (oa < ob, Some(Rule::Phase));
    }
    // 3. Not ready < ready.
    let (ra, rb) = (pa.is_ready(), pb.is_ready());
    if ra != rb {
        return (!ra, Some(Rule::NotReady));
    }
    // 4. Lower pod-deletion-cost < higher (PodDeletionCost, on by default).
    let (ca, cb) = (deletion_cost(pa), deletion_cost(pb));
    if ca != cb {
        return (ca < cb, Some(Rule::DeletionCost));
    }
    // 5. Doubled up < not doubled up.
    if a.rank != b.rank {
        return (a.rank > b.rank, Some(Rule::DoubledUp));
    }
    // 6. Ready for less time < more time (both ready).
    if ra && rb {
        let (ta, tb) = (ready_time(pa), ready_time(pb));
        if ta != tb {
            let r = newer_first(ta, tb, now, pa, pb);
            return (r, Some(bucket_rule(ta, tb, now, Rule::ReadyTime)));
        }
    }
    // 7. More restarts < fewer.
    let (xa, xb) = (max_restarts(pa), max_restarts(pb));
    if xa != xb {
        return (xa > xb, Some(Rule::Restarts));
    }
    // 8. Empty creation time < newer < older.
    let (ta, tb) = (
        seconds(pa.metadata.creation_timestamp),
        seconds(pb.metadata.creation_timestamp),
    );
    if ta != tb {
        let r = newer_first(ta, tb, now, pa, pb);
        return (r, Some(bucket_rule(ta, tb, now, Rule::Newer)));
    }
    (false, None)
}

/// When two times fall in the same logarithmic bucket the UID decided, not the time.
fn bucket_rule(a: Option<Millis>, b: Option<Millis>, now: Millis, rule: Rule) -> Rule {
    match (a, b) {
        (Some(x), Some(y)) if now > 0 && log_rank(x, now) == log_rank(y, now) => Rule::Uid,
        _ => rule,
    }
}

fn ordering(a: &Ranked, b: &Ranked, now: Millis) -> Ordering {
    if less(a, b, now).0 {
        Ordering::Less
    } else if less(b, a, now).0 {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// getPodsRankedByRelatedPodsOnSameNode: each pod's rank is how many active related pods share
/// its node.
pub fn rank_by_related_pods_on_same_node<'a>(
    pods: &'a [Shared<Pod>],
    related: &[Shared<Pod>],
) -> Vec<Ranked<'a>> {
    let mut on_node: BTreeMap<&str, usize> = BTreeMap::new();
    for p in related.iter().filter(|p| is_pod_active(p)) {
        *on_node.entry(p.spec.node_name.as_str()).or_default() += 1;
    }
    pods.iter()
        .enumerate()
        .map(|(index, p)| Ranked {
            pod: p,
            rank: on_node.get(p.spec.node_name.as_str()).copied().unwrap_or(0),
            index,
        })
        .collect()
}

/// One pod chosen for deletion and the rule that put it ahead of the pods kept.
#[derive(Clone, Debug)]
pub struct Chosen {
    pub pod: Shared<Pod>,
    /// None when every pod goes (no ranking needed) or it tied with the first pod kept.
    pub rule: Option<Rule>,
}

/// getPodsToDelete: the first `diff` pods in deletion order. Deleting them all needs no sort.
pub fn get_pods_to_delete(
    pods: &[Shared<Pod>],
    related: &[Shared<Pod>],
    diff: usize,
    now: Millis,
) -> Vec<Chosen> {
    if diff >= pods.len() {
        return pods
            .iter()
            .map(|p| Chosen {
                pod: p.clone(),
                rule: None,
            })
            .collect();
    }
    let mut ranked = rank_by_related_pods_on_same_node(pods, related);
    // sort.Sort is not stable; a stable sort is one of the orders it can produce.
    ranked.sort_by(|a, b| ordering(a, b, now));
    let (condemned, kept) = ranked.split_at(diff);
    condemned
        .iter()
        .map(|r| Chosen {
            pod: pods[r.index].clone(),
            // The rule against the first kept pod it does not tie with.
            rule: kept.iter().find_map(|k| less(r, k, now).1),
        })
        .collect()
}
