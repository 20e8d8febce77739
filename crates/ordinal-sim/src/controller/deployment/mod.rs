//! The Deployment controller (pkg/controller/deployment): watch handlers for Deployments, their
//! ReplicaSets and (for Recreate) pod deletions feeding the shared rate-limited work queue, and
//! syncDeployment (sync.rs) with RollingUpdate (rolling.rs), Recreate (recreate.rs), scaling
//! (scaling.rs) and status (progress.rs). Rules D1–D12: docs/reference/deployment.md.

pub mod conditions;
pub mod explain;
pub mod hash;
pub mod progress;
pub mod recreate;
pub mod rolling;
pub mod scaling;
pub mod sync;
pub mod util;

pub use super::error::{self, SyncError};
pub use explain::{Decision, Explanation};

use super::controller_ref::ControllerKind;
use super::workqueue::{self, RateLimitingQueue};
use super::{Ctx, Timer};
use crate::api::{Deployment, Object, OwnerReference, Pod, ReplicaSet};
use crate::apiserver::store::{key, Key, Shared};
use crate::apiserver::{WatchEvent, WatchType};
use std::collections::BTreeMap;
use sync::{Requeue, Run};

/// What the Deployment controller's owner references name.
pub const CONTROLLER_KIND: ControllerKind = ControllerKind {
    api_version: "apps/v1",
    kind: "Deployment",
};

/// The Deployment controller's queue timers, keyed by (namespace, name).
pub type Work = workqueue::Work<Key>;

#[derive(Clone, Debug)]
pub struct DeploymentController {
    pub queue: RateLimitingQueue<Key>,
    /// The decision of each Deployment's last sync.
    explanations: BTreeMap<Key, Explanation>,
    /// Syncs run since the cluster started.
    pub syncs: u64,
}

impl Default for DeploymentController {
    fn default() -> Self {
        DeploymentController {
            queue: RateLimitingQueue::new(Timer::Deployment),
            explanations: BTreeMap::new(),
            syncs: 0,
        }
    }
}

impl DeploymentController {
    /// The decision recorded by the last sync of `namespace/name`.
    pub fn explain(&self, namespace: &str, name: &str) -> Option<&Explanation> {
        self.explanations.get(&key(namespace, name))
    }

    // ----- watch handlers (D1) ---------------------------------------------------------------

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match &ev.object {
            Object::Deployment(d) => self
                .queue
                .add(key(&d.metadata.namespace, &d.metadata.name), ctx),
            Object::ReplicaSet(rs) => match ev.type_ {
                WatchType::Added if rs.metadata.deletion_timestamp.is_some() => {
                    self.by_owner(rs.metadata.controller_ref(), &rs.metadata.namespace, ctx)
                }
                WatchType::Added => self.add_replica_set(rs, ctx),
                WatchType::Modified => {
                    if let Some(Object::ReplicaSet(old)) = &ev.old {
                        self.update_replica_set(old, rs, ctx);
                    }
                }
                WatchType::Deleted => {
                    self.by_owner(rs.metadata.controller_ref(), &rs.metadata.namespace, ctx)
                }
            },
            Object::Pod(pod) if ev.type_ == WatchType::Deleted => self.delete_pod(pod, ctx),
            _ => {}
        }
    }

    /// resolveControllerRef: a Deployment of that name whose UID matches.
    fn resolve(ctx: &Ctx, namespace: &str, r: &OwnerReference) -> Option<Shared<Deployment>> {
        if r.kind != CONTROLLER_KIND.kind {
            return None;
        }
        ctx.api
            .store
            .get_shared::<Deployment>(namespace, &r.name)
            .filter(|d| d.metadata.uid == r.uid)
    }

    fn by_owner(&mut self, r: Option<&OwnerReference>, namespace: &str, ctx: &mut Ctx) {
        if let Some(d) = r.and_then(|r| Self::resolve(ctx, namespace, r)) {
            self.queue
                .add(key(&d.metadata.namespace, &d.metadata.name), ctx);
        }
    }

    /// getDeploymentsForReplicaSet: Deployments whose non-empty selector matches an orphan.
    fn deployments_for(ctx: &Ctx, rs: &ReplicaSet) -> Vec<Key> {
        ctx.api
            .list::<Deployment>(Some(&rs.metadata.namespace))
            .filter(|d| {
                d.spec
                    .selector
                    .as_ref()
                    .is_some_and(|s| !s.is_empty() && s.matches(&rs.metadata.labels))
            })
            .map(|d| key(&d.metadata.namespace, &d.metadata.name))
            .collect()
    }

    fn add_replica_set(&mut self, rs: &ReplicaSet, ctx: &mut Ctx) {
        if let Some(r) = rs.metadata.controller_ref() {
            self.by_owner(Some(r), &rs.metadata.namespace, ctx);
            return;
        }
        for k in Self::deployments_for(ctx, rs) {
            self.queue.add(k, ctx);
        }
    }

    fn update_replica_set(&mut self, old: &ReplicaSet, cur: &ReplicaSet, ctx: &mut Ctx) {
        if old.metadata.resource_version == cur.metadata.resource_version {
            return;
        }
        let (old_ref, cur_ref) = (old.metadata.controller_ref(), cur.metadata.controller_ref());
        let ref_changed = old_ref != cur_ref;
        if ref_changed {
            self.by_owner(old_ref, &old.metadata.namespace, ctx);
        }
        if cur_ref.is_some() {
            self.by_owner(cur_ref, &cur.metadata.namespace, ctx);
            return;
        }
        if old.metadata.labels != cur.metadata.labels || ref_changed {
            for k in Self::deployments_for(ctx, cur) {
                self.queue.add(k, ctx);
            }
        }
    }

    /// deletePod: a Recreate Deployment waits for its old pods to be gone, so the last one's
    /// deletion wakes it.
    fn delete_pod(&mut self, pod: &Pod, ctx: &mut Ctx) {
        let ns = &pod.metadata.namespace;
        let Some(r) = pod
            .metadata
            .controller_ref()
            .filter(|r| r.kind == "ReplicaSet")
        else {
            return;
        };
        let Some(rs) = ctx
            .api
            .store
            .get_shared::<ReplicaSet>(ns, &r.name)
            .filter(|rs| rs.metadata.uid == r.uid)
        else {
            return;
        };
        let Some(d) = rs
            .metadata
            .controller_ref()
            .and_then(|r| Self::resolve(ctx, ns, r))
        else {
            return;
        };
        if d.strategy_type() != "Recreate" {
            return;
        }
        let selector = d.spec.selector.clone().unwrap_or_default();
        let left = ctx
            .api
            .list::<Pod>(Some(ns))
            .filter(|p| selector.matches(&p.metadata.labels))
            .count();
        if left == 0 {
            self.queue
                .add(key(&d.metadata.namespace, &d.metadata.name), ctx);
        }
    }

    // ----- processing ------------------------------------------------------------------------

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        if let Some(k) = self.queue.on_timer(work, ctx) {
            let _ = self.process(k, ctx);
        }
    }

    /// Syncs a key right away (tests, a UI step), whether or not it is queued.
    pub fn sync_now(
        &mut self,
        namespace: &str,
        name: &str,
        ctx: &mut Ctx,
    ) -> Result<(), SyncError> {
        self.process(key(namespace, name), ctx)
    }

    /// processNextWorkItem: sync, then Forget on success or AddRateLimited on error.
    fn process(&mut self, k: Key, ctx: &mut Ctx) -> Result<(), SyncError> {
        self.queue.get(&k);
        self.syncs += 1;
        let Some(d) = ctx.api.get::<Deployment>(&k.0, &k.1).cloned() else {
            self.explanations.remove(&k);
            self.queue.forget(&k);
            return Ok(());
        };
        let generation = d.metadata.generation;
        let mut run = Run {
            ctx,
            d,
            decision: None,
            requeue: Requeue::No,
        };
        let result = sync::sync_deployment(&mut run);
        let Run {
            ctx,
            d,
            decision,
            requeue,
        } = run;
        let decision = match &result {
            Err(e) => Some(Decision::SyncFailed {
                error: e.message.clone(),
            }),
            Ok(()) => match conditions::get(&d.status, conditions::PROGRESSING) {
                Some(c) if c.reason == conditions::TIMED_OUT => Some(Decision::DeadlineExceeded {
                    rs: sync::new_rs_name(&c.message),
                    seconds: d.spec.progress_deadline_seconds.unwrap_or(0),
                }),
                _ => decision,
            },
        };
        if let Some(decision) = decision {
            let at = ctx.now;
            self.explanations.insert(
                k.clone(),
                Explanation {
                    decision,
                    at,
                    generation,
                },
            );
        }
        match &result {
            Ok(()) => {
                self.queue.forget(&k);
                match requeue {
                    Requeue::No => {}
                    Requeue::After(ms) => self.queue.add_after(k, ms, ctx),
                    Requeue::RateLimited => self.queue.add_rate_limited(k, ctx),
                }
            }
            Err(_) => self.queue.add_rate_limited(k, ctx),
        }
        result
    }
}
