//! manageReplicas (replica_set.go, RS5): create the missing pods in slow-start batches, or
//! delete the surplus chosen by the ranking, at most `burstReplicas` per sync, recording the
//! expectations that hold the next sync back until the informer has seen the writes.

use super::expectations::{pod_key, Expectations};
use super::explain::{Condemned, Decision};
use super::flavor::Flavor;
use super::pod_control::{create_pod, delete_pod};
use super::ranking::get_pods_to_delete;
use crate::api::{Pod, ReplicaSet};
use crate::apiserver::store::{Key, Shared};
use crate::controller::batch::slow_start_batch;
use crate::controller::error::SyncError;
use crate::controller::Ctx;

/// BurstReplicas: the most pods one sync creates or deletes.
pub const BURST_REPLICAS: usize = 500;
/// SlowStartInitialBatchSize.
pub const SLOW_START_INITIAL_BATCH_SIZE: usize = 1;

/// What one manageReplicas call did.
pub struct Managed {
    pub decision: Decision,
    pub error: Option<SyncError>,
}

pub fn manage_replicas<F: Flavor>(
    ctx: &mut Ctx,
    expectations: &mut Expectations,
    k: &Key,
    pods: &[Shared<Pod>],
    rs: &ReplicaSet,
) -> Managed {
    let replicas = rs.replicas();
    let diff = pods.len() as i64 - replicas as i64;
    if diff < 0 {
        let wanted = ((-diff) as usize).min(BURST_REPLICAS);
        expectations.expect_creations(k, wanted, ctx.now);
        let mut created = Vec::new();
        let (successes, errs) = slow_start_batch(
            SLOW_START_INITIAL_BATCH_SIZE,
            wanted,
            usize::MAX,
            |_| match create_pod::<F>(ctx, rs) {
                Ok(name) => {
                    created.push(name);
                    None
                }
                Err(e) => Some(e),
            },
        );
        // Creates that failed or never ran will not be observed.
        for _ in successes..wanted {
            expectations.creation_observed(k);
        }
        return match errs.into_iter().next() {
            None => Managed {
                decision: Decision::Created {
                    pods: created,
                    wanted,
                },
                error: None,
            },
            Some(e) => Managed {
                decision: Decision::CreateFailed {
                    created: successes,
                    wanted,
                    error: e.message.clone(),
                },
                error: Some(e),
            },
        };
    }
    if diff == 0 {
        return Managed {
            decision: Decision::AtDesiredCount { replicas },
            error: None,
        };
    }
    let n = (diff as usize).min(BURST_REPLICAS);
    let related = indirectly_related_pods::<F>(ctx, rs);
    let chosen = get_pods_to_delete(pods, &related, n, ctx.now);
    expectations.expect_deletions(
        k,
        chosen
            .iter()
            .map(|c| pod_key(&c.pod.metadata.namespace, &c.pod.metadata.name))
            .collect(),
        ctx.now,
    );
    let mut first_err = None;
    for c in &chosen {
        let m = &c.pod.metadata;
        if let Err(e) = delete_pod::<F>(ctx, rs, &m.name) {
            // The informer will not see this deletion.
            expectations.deletion_observed(k, &pod_key(&m.namespace, &m.name));
            if !e.is_not_found() && first_err.is_none() {
                first_err = Some(e);
            }
        }
    }
    match first_err {
        None => Managed {
            decision: Decision::Deleted {
                pods: chosen
                    .iter()
                    .map(|c| Condemned {
                        pod: c.pod.metadata.name.clone(),
                        rule: c.rule,
                    })
                    .collect(),
            },
            error: None,
        },
        Some(e) => Managed {
            decision: Decision::DeleteFailed {
                error: e.message.clone(),
            },
            error: Some(e),
        },
    }
}

/// getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (a
/// Deployment's old and new ReplicaSets), each pod once. None without a controller.
fn indirectly_related_pods<F: Flavor>(ctx: &Ctx, rs: &ReplicaSet) -> Vec<Shared<Pod>> {
    let Some(owner) = rs.metadata.controller_ref() else {
        return Vec::new();
    };
    let ns = &rs.metadata.namespace;
    let siblings: Vec<ReplicaSet> = F::list(ctx.api, ns)
        .into_iter()
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_some_and(|o| o.uid == owner.uid)
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for sib in &siblings {
        let Some(sel) = sib.spec.selector.as_ref() else {
            continue;
        };
        for p in ctx.api.store.list_shared::<Pod>(Some(ns)) {
            if sel.matches(&p.metadata.labels) && seen.insert(p.metadata.uid.clone()) {
                out.push(p);
            }
        }
    }
    out
}
