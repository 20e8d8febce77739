//! The ReplicaSet controller (pkg/controller/replicaset), which also serves
//! ReplicationControllers (pkg/controller/replication) through `flavor`: watch handlers that
//! observe expectations and queue keys (RS3), and `sync` = syncReplicaSet (RS5–RS7).

pub mod expectations;
pub mod explain;
pub mod flavor;
pub mod pod_control;
pub mod ranking;
pub mod replicas;
pub mod status;

pub use explain::{Decision, Explanation};
pub use flavor::{Flavor, Rc, Rs};

use super::controller_ref::ControllerRefManager;
use super::error::SyncError;
use super::workqueue::{self, RateLimitingQueue};
use super::Ctx;
use crate::api::{Object, OwnerReference, Pod, ReplicaSet};
use crate::apiserver::store::{key, Key, Shared};
use crate::apiserver::{ApiError, WatchEvent, WatchType};
use expectations::{pod_key, Expectations};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// The controller's queue timers, keyed by (namespace, name).
pub type Work = workqueue::Work<Key>;

/// The ReplicaSet controller for one kind.
#[derive(Clone, Debug)]
pub struct ReplicaSetController<F: Flavor> {
    pub queue: RateLimitingQueue<Key>,
    pub expectations: Expectations,
    explanations: BTreeMap<Key, Explanation>,
    /// Syncs run since the cluster started.
    pub syncs: u64,
    flavor: PhantomData<F>,
}

/// The replication manager: the same controller over ReplicationControllers.
pub type ReplicationManager = ReplicaSetController<Rc>;

impl<F: Flavor> Default for ReplicaSetController<F> {
    fn default() -> Self {
        ReplicaSetController {
            queue: RateLimitingQueue::new(F::timer),
            expectations: Expectations::default(),
            explanations: BTreeMap::new(),
            syncs: 0,
            flavor: PhantomData,
        }
    }
}

impl<F: Flavor> ReplicaSetController<F> {
    /// What the last sync of `namespace/name` decided.
    pub fn explain(&self, namespace: &str, name: &str) -> Option<&Explanation> {
        self.explanations.get(&key(namespace, name))
    }

    pub fn resume(&mut self, ctx: &mut Ctx) {
        self.queue.resume(ctx);
    }

    // ----- watch handlers (RS3) ----------------------------------------------------------

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        if ev.kind == F::KIND {
            let m = ev.object.meta();
            let k = key(&m.namespace, &m.name);
            match ev.type_ {
                WatchType::Added => {}
                // updateRS: a new UID under the same name is the old one deleted.
                WatchType::Modified => {
                    if ev.old.as_ref().is_some_and(|o| o.meta().uid != m.uid) {
                        self.expectations.delete(&k);
                    }
                }
                WatchType::Deleted => self.expectations.delete(&k),
            }
            self.queue.add(k, ctx);
            return;
        }
        let Object::Pod(pod) = &ev.object else {
            return;
        };
        match ev.type_ {
            WatchType::Added if pod.metadata.deletion_timestamp.is_some() => {
                self.delete_pod(pod, ctx)
            }
            WatchType::Added => self.add_pod(pod, ctx),
            WatchType::Modified => {
                if let Some(Object::Pod(old)) = &ev.old {
                    self.update_pod(old, pod, ctx);
                }
            }
            WatchType::Deleted => self.delete_pod(pod, ctx),
        }
    }

    /// resolveControllerRef: an object of our kind with that name and UID.
    fn resolve<'c>(ctx: &'c Ctx, namespace: &str, r: &OwnerReference) -> Option<&'c Object> {
        if r.kind != F::CONTROLLER_KIND.kind {
            return None;
        }
        ctx.api
            .store
            .get_object(F::KIND, namespace, &r.name)
            .filter(|o| o.meta().uid == r.uid)
    }

    fn resolve_key(ctx: &Ctx, namespace: &str, r: &OwnerReference) -> Option<Key> {
        Self::resolve(ctx, namespace, r).map(|o| key(namespace, &o.meta().name))
    }

    /// getPodReplicaSets: objects of our kind whose non-empty selector matches the pod.
    fn controllers_for(ctx: &Ctx, pod: &Pod) -> Vec<Key> {
        if pod.metadata.labels.is_empty() {
            return Vec::new();
        }
        let ns = &pod.metadata.namespace;
        ctx.api
            .store
            .list_objects(F::KIND, Some(ns))
            .filter(|o| F::selects(o, &pod.metadata.labels))
            .map(|o| key(ns, &o.meta().name))
            .collect()
    }

    fn add_pod(&mut self, pod: &Pod, ctx: &mut Ctx) {
        if let Some(r) = pod.metadata.controller_ref() {
            if let Some(k) = Self::resolve_key(ctx, &pod.metadata.namespace, r) {
                self.expectations.creation_observed(&k);
                self.queue.add(k, ctx);
            }
            return;
        }
        // An orphan: whoever matches may adopt it. No creation is observed for it.
        for k in Self::controllers_for(ctx, pod) {
            self.queue.add(k, ctx);
        }
    }

    fn update_pod(&mut self, old: &Pod, cur: &Pod, ctx: &mut Ctx) {
        if old.metadata.resource_version == cur.metadata.resource_version {
            return;
        }
        let labels_changed = old.metadata.labels != cur.metadata.labels;
        if cur.metadata.deletion_timestamp.is_some() {
            // A graceful delete: replace the pod now rather than when the kubelet is done.
            self.delete_pod(cur, ctx);
            if labels_changed {
                self.delete_pod(old, ctx);
            }
            return;
        }
        let (old_ref, cur_ref) = (old.metadata.controller_ref(), cur.metadata.controller_ref());
        let ref_changed = old_ref != cur_ref;
        if ref_changed {
            if let Some(k) =
                old_ref.and_then(|r| Self::resolve_key(ctx, &old.metadata.namespace, r))
            {
                self.queue.add(k, ctx);
            }
        }
        if let Some(r) = cur_ref {
            let Some(obj) = Self::resolve(ctx, &cur.metadata.namespace, r) else {
                return;
            };
            let min_ready = F::min_ready_seconds(obj);
            let k = key(&cur.metadata.namespace, &obj.meta().name);
            self.queue.add(k.clone(), ctx);
            // Look again once the pod can have become available (+1 s for clock skew).
            if !old.is_ready() && cur.is_ready() && min_ready > 0 {
                self.queue.add_after(k, min_ready as u64 * 1000 + 1000, ctx);
            }
            return;
        }
        if labels_changed || ref_changed {
            for k in Self::controllers_for(ctx, cur) {
                self.queue.add(k, ctx);
            }
        }
    }

    fn delete_pod(&mut self, pod: &Pod, ctx: &mut Ctx) {
        let Some(r) = pod.metadata.controller_ref() else {
            // No controller waits for an orphan's deletion.
            return;
        };
        if let Some(k) = Self::resolve_key(ctx, &pod.metadata.namespace, r) {
            self.expectations
                .deletion_observed(&k, &pod_key(&pod.metadata.namespace, &pod.metadata.name));
            self.queue.add(k, ctx);
        }
    }

    // ----- processing ----------------------------------------------------------------------

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        if let Some(k) = self.queue.on_timer(work, ctx) {
            // A failed sync has already been requeued with backoff.
            let _ = self.process(k, ctx);
        }
    }

    /// Syncs a key right away (tests, a step mode), whether or not it is queued.
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
        let result = self.sync(&k, ctx);
        match &result {
            Ok(()) => self.queue.forget(&k),
            Err(_) => self.queue.add_rate_limited(k, ctx),
        }
        result
    }

    fn record_decision(&mut self, k: &Key, rs: &ReplicaSet, decision: Decision, ctx: &Ctx) {
        self.explanations.insert(
            k.clone(),
            Explanation {
                decision,
                at: ctx.now,
                generation: rs.metadata.generation,
            },
        );
    }

    /// syncReplicaSet.
    fn sync(&mut self, k: &Key, ctx: &mut Ctx) -> Result<(), SyncError> {
        let Some(rs) = F::get(ctx.api, &k.0, &k.1) else {
            self.expectations.delete(k);
            self.explanations.remove(k);
            return Ok(());
        };
        let needs_sync = self.expectations.satisfied(k, ctx.now);
        // An invalid or empty selector selects nothing (validation keeps it from being stored).
        let Some(selector) = rs.spec.selector.clone().filter(|s| !s.is_empty()) else {
            return Ok(());
        };
        let active: Vec<Shared<Pod>> = ctx
            .api
            .store
            .list_shared::<Pod>(Some(&rs.metadata.namespace))
            .filter(|p| ranking::is_pod_active(p))
            .collect();
        let claimed = {
            let mut m =
                ControllerRefManager::new(&rs.metadata, F::CONTROLLER_KIND, &selector, |ctx| {
                    can_adopt::<F>(ctx, &rs)
                });
            m.claim_pods(ctx, active, |_| true)
        };
        let pods = match claimed {
            Ok(p) => p,
            Err(e) => {
                let error = e.message.clone();
                self.record_decision(k, &rs, Decision::SyncFailed { error }, ctx);
                return Err(e);
            }
        };
        let managed = if rs.metadata.deletion_timestamp.is_some() {
            replicas::Managed {
                decision: Decision::Deleting,
                error: None,
            }
        } else if !needs_sync {
            let e = self.expectations.get(k).cloned().unwrap_or_default();
            replicas::Managed {
                decision: Decision::WaitingForExpectations {
                    adds: e.add,
                    dels: e.del,
                },
                error: None,
            }
        } else {
            replicas::manage_replicas::<F>(ctx, &mut self.expectations, k, &pods, &rs)
        };
        let new_status = status::calculate_status(&rs, &pods, managed.error.as_ref(), ctx.now);
        let updated = match status::update_replica_set_status::<F>(ctx, &rs, new_status) {
            Ok(u) => u,
            Err(e) => {
                let error = e.message.clone();
                self.record_decision(k, &rs, Decision::SyncFailed { error }, ctx);
                return Err(e);
            }
        };
        self.record_decision(k, &rs, managed.decision, ctx);
        // Resync after minReadySeconds, in case no pod event comes when pods become available.
        let min_ready = updated.spec.min_ready_seconds;
        if managed.error.is_none()
            && min_ready > 0
            && updated.status.ready_replicas == updated.replicas()
            && updated.status.available_replicas != updated.replicas()
        {
            self.queue
                .add_after(k.clone(), min_ready as u64 * 1000, ctx);
        }
        managed.error.map_or(Ok(()), Err)
    }
}

/// RecheckDeletionTimestamp + the UID check of canAdoptFunc: a fresh read.
fn can_adopt<F: Flavor>(ctx: &Ctx, rs: &ReplicaSet) -> Result<(), SyncError> {
    let m = &rs.metadata;
    let Some(fresh) = F::get(ctx.api, &m.namespace, &m.name) else {
        return Err(SyncError::new(format!(
            "can't recheck DeletionTimestamp: {}",
            ApiError::not_found(F::KIND, &m.name).message
        )));
    };
    if fresh.metadata.uid != m.uid {
        return Err(SyncError::new(format!(
            "original {} {}/{} is gone: got uid {}, wanted {}",
            F::CONTROLLER_KIND.kind,
            m.namespace,
            m.name,
            fresh.metadata.uid,
            m.uid
        )));
    }
    if let Some(t) = fresh.metadata.deletion_timestamp {
        return Err(SyncError::new(format!(
            "{}/{} has just been deleted at {}",
            m.namespace,
            m.name,
            crate::gofmt::time::time_string(t.0)
        )));
    }
    Ok(())
}
