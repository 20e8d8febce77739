//! The StatefulSet controller (pkg/controller/statefulset): watch handlers C1–C3 feeding the
//! shared rate-limited work queue (C4, controller/workqueue.rs), and `sync` C5 with pod/revision
//! adoption. The reconcile itself is in control.rs.

pub mod claims;
pub mod control;
pub mod explain;
pub mod pod_control;
pub mod replicas;
pub mod revisions;
pub mod status;
pub mod utils;

pub use super::error::{self, SyncError};

/// What the StatefulSet controller's owner references name.
pub const CONTROLLER_KIND: ControllerKind = ControllerKind {
    api_version: "apps/v1",
    kind: "StatefulSet",
};
pub use explain::{Blocked, Explanation};

use super::controller_ref::{ControllerKind, ControllerRefManager};
use super::workqueue::{self, RateLimitingQueue};
use super::{Ctx, Timer};
use crate::api::{ControllerRevision, Object, OwnerReference, Pod, StatefulSet};
use crate::apiserver::store::{key, Key, Shared};
use crate::apiserver::{WatchEvent, WatchType};
use crate::time::Millis;
use std::collections::BTreeMap;

/// The StatefulSet controller's queue timers, keyed by (namespace, name).
pub type Work = workqueue::Work<Key>;

pub use workqueue::{BACKOFF_BASE_MS, BACKOFF_MAX_MS};

#[derive(Clone, Debug)]
pub struct StatefulSetController {
    /// The work queue (C4): deduplicating, delaying, rate-limited.
    pub queue: RateLimitingQueue<Key>,
    /// Why each set is not progressing, from its last sync.
    explanations: BTreeMap<Key, Explanation>,
    /// Syncs run since the cluster started.
    pub syncs: u64,
    /// Local pods those syncs built for ordinals no pod has (see replicas.rs): with OrderedReady
    /// at most one per sync, however many replicas are desired.
    pub local_pods_built: u64,
}

impl Default for StatefulSetController {
    fn default() -> Self {
        StatefulSetController {
            queue: RateLimitingQueue::new(Timer::StatefulSet),
            explanations: BTreeMap::new(),
            syncs: 0,
            local_pods_built: 0,
        }
    }
}

impl StatefulSetController {
    /// The reason recorded by the last sync of `namespace/name`.
    pub fn explain(&self, namespace: &str, name: &str) -> Option<&Explanation> {
        self.explanations.get(&key(namespace, name))
    }

    /// Keys currently waiting in the queue.
    pub fn queued(&self) -> impl Iterator<Item = &Key> {
        self.queue.queued()
    }

    /// Consecutive failures recorded for a key.
    pub fn failures(&self, namespace: &str, name: &str) -> u32 {
        self.queue.num_requeues(&key(namespace, name))
    }

    fn enqueue(&mut self, k: Key, ctx: &mut Ctx) {
        self.queue.add(k, ctx);
    }

    fn enqueue_after(&mut self, k: Key, delay_ms: Millis, ctx: &mut Ctx) {
        self.queue.add_after(k, delay_ms, ctx);
    }

    /// Resumes processing after a pause: every queued key is scheduled.
    pub fn resume(&mut self, ctx: &mut Ctx) {
        self.queue.resume(ctx);
    }

    // ----- watch handlers (C1–C3) ------------------------------------------------------------

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match &ev.object {
            // C2: every add/update/delete of a set enqueues it (own status writes included).
            Object::StatefulSet(s) => {
                self.enqueue(key(&s.metadata.namespace, &s.metadata.name), ctx)
            }
            Object::Pod(pod) => match ev.type_ {
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
            },
            // C1: claims and revisions are listed, never watched.
            _ => {}
        }
    }

    /// resolveControllerRef: a StatefulSet of that name whose UID matches.
    fn resolve(ctx: &Ctx, namespace: &str, r: &OwnerReference) -> Option<Shared<StatefulSet>> {
        if r.kind != "StatefulSet" {
            return None;
        }
        ctx.api
            .store
            .get_shared::<StatefulSet>(namespace, &r.name)
            .filter(|s| s.metadata.uid == r.uid)
    }

    /// getPodStatefulSets: sets in the pod's namespace whose (non-empty) selector matches it.
    fn sets_for_pod(ctx: &Ctx, pod: &Pod) -> Vec<Key> {
        ctx.api
            .list::<StatefulSet>(Some(&pod.metadata.namespace))
            .filter(|s| {
                s.spec
                    .selector
                    .as_ref()
                    .is_some_and(|sel| !sel.is_empty() && sel.matches(&pod.metadata.labels))
            })
            .map(|s| key(&s.metadata.namespace, &s.metadata.name))
            .collect()
    }

    fn add_pod(&mut self, pod: &Pod, ctx: &mut Ctx) {
        if let Some(r) = pod.metadata.controller_ref() {
            if let Some(set) = Self::resolve(ctx, &pod.metadata.namespace, r) {
                self.enqueue(key(&set.metadata.namespace, &set.metadata.name), ctx);
            }
            return;
        }
        for k in Self::sets_for_pod(ctx, pod) {
            self.enqueue(k, ctx);
        }
    }

    fn update_pod(&mut self, old: &Pod, cur: &Pod, ctx: &mut Ctx) {
        if old.metadata.resource_version == cur.metadata.resource_version {
            return;
        }
        let labels_changed = old.metadata.labels != cur.metadata.labels;
        let (old_ref, cur_ref) = (old.metadata.controller_ref(), cur.metadata.controller_ref());
        let ref_changed = old_ref != cur_ref;
        if ref_changed {
            if let Some(set) = old_ref.and_then(|r| Self::resolve(ctx, &old.metadata.namespace, r))
            {
                self.enqueue(key(&set.metadata.namespace, &set.metadata.name), ctx);
            }
        }
        if let Some(r) = cur_ref {
            let Some(set) = Self::resolve(ctx, &cur.metadata.namespace, r) else {
                return;
            };
            let k = key(&set.metadata.namespace, &set.metadata.name);
            self.enqueue(k.clone(), ctx);
            // A3/A5: look again once the pod can have become available (+1 s for clock skew).
            let min_ready = set.min_ready_seconds();
            if !old.is_ready() && cur.is_ready() && min_ready > 0 {
                self.enqueue_after(k, min_ready as u64 * 1000 + 1000, ctx);
            }
            return;
        }
        if labels_changed || ref_changed {
            for k in Self::sets_for_pod(ctx, cur) {
                self.enqueue(k, ctx);
            }
        }
    }

    fn delete_pod(&mut self, pod: &Pod, ctx: &mut Ctx) {
        if let Some(set) = pod
            .metadata
            .controller_ref()
            .and_then(|r| Self::resolve(ctx, &pod.metadata.namespace, r))
        {
            self.enqueue(key(&set.metadata.namespace, &set.metadata.name), ctx);
        }
    }

    // ----- processing ------------------------------------------------------------------------

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        if let Some(k) = self.queue.on_timer(work, ctx) {
            // A failed sync has already been requeued with backoff.
            let _ = self.process(k, ctx);
        }
    }

    /// Syncs a key right away (tests, the UI's "step controller"), whether or not it is queued.
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

    /// sync (C5).
    fn sync(&mut self, k: &Key, ctx: &mut Ctx) -> Result<(), SyncError> {
        let Some(set) = ctx.api.store.get_shared::<StatefulSet>(&k.0, &k.1) else {
            // "StatefulSet has been deleted".
            self.explanations.remove(k);
            return Ok(());
        };
        if set.spec.selector.is_none() {
            return Ok(());
        }
        let explain = |this: &mut Self, blocked: Blocked, ctx: &Ctx| {
            this.explanations.insert(
                k.clone(),
                Explanation {
                    blocked,
                    at: ctx.now,
                    generation: set.metadata.generation,
                },
            );
        };
        let pods = match adopt_orphan_revisions(ctx, &set)
            .and_then(|()| get_pods_for_stateful_set(ctx, &set))
        {
            Ok(p) => p,
            Err(e) => {
                explain(
                    self,
                    Blocked::SyncFailed {
                        error: e.message.clone(),
                    },
                    ctx,
                );
                return Err(e);
            }
        };
        let out = control::update_stateful_set(ctx, &set, &pods);
        self.local_pods_built += out.local_pods_built as u64;
        explain(self, out.blocked, ctx);
        if let Some(e) = out.error {
            return Err(e);
        }
        // One more sync once pods can have become available (A5).
        if let Some(status) = out.status {
            let min_ready = set.min_ready_seconds();
            if min_ready > 0 && status.available_replicas != set.replicas() {
                self.enqueue_after(k.clone(), min_ready as u64 * 1000, ctx);
            }
        }
        Ok(())
    }
}

/// RecheckDeletionTimestamp + the UID check of canAdoptFunc: a fresh read of the set.
fn can_adopt(ctx: &Ctx, set: &StatefulSet) -> Result<(), SyncError> {
    let ns = &set.metadata.namespace;
    let Some(fresh) = ctx.api.get::<StatefulSet>(ns, &set.metadata.name) else {
        return Err(SyncError::new(format!(
            "can't recheck DeletionTimestamp: statefulsets.apps \"{}\" not found",
            set.metadata.name
        )));
    };
    if fresh.metadata.uid != set.metadata.uid {
        return Err(SyncError::new(format!(
            "original StatefulSet {ns}/{} is gone: got uid {}, wanted {}",
            set.metadata.name, fresh.metadata.uid, set.metadata.uid
        )));
    }
    if let Some(t) = fresh.metadata.deletion_timestamp {
        return Err(SyncError::new(format!(
            "{ns}/{} has just been deleted at {}",
            set.metadata.name,
            crate::gofmt::time::time_string(t.0)
        )));
    }
    Ok(())
}

/// adoptOrphanRevisions (C5.3, H6).
fn adopt_orphan_revisions(ctx: &mut Ctx, set: &StatefulSet) -> Result<(), SyncError> {
    let Some(selector) = set.spec.selector.as_ref() else {
        return Ok(());
    };
    let orphans: Vec<ControllerRevision> = ctx
        .api
        .list::<ControllerRevision>(Some(&set.metadata.namespace))
        .filter(|r| r.metadata.controller_ref().is_none() && selector.matches(&r.metadata.labels))
        .cloned()
        .collect();
    if orphans.is_empty() {
        return Ok(());
    }
    let mut m = ControllerRefManager::new(&set.metadata, CONTROLLER_KIND, selector, |ctx| {
        can_adopt(ctx, set)
    });
    m.can_adopt(ctx)
        .map_err(|e| SyncError::new(format!("can't adopt ControllerRevisions: {e}")))?;
    for r in &orphans {
        m.adopt(ctx, r)?;
    }
    Ok(())
}

/// getPodsForStatefulSet + ClaimPods (C5.4): adopt matching orphans, release owned pods that no
/// longer match the selector or the name pattern.
fn get_pods_for_stateful_set(
    ctx: &mut Ctx,
    set: &StatefulSet,
) -> Result<Vec<Shared<Pod>>, SyncError> {
    let Some(selector) = set.spec.selector.as_ref() else {
        return Ok(Vec::new());
    };
    let pods: Vec<Shared<Pod>> = ctx
        .api
        .store
        .list_shared::<Pod>(Some(&set.metadata.namespace))
        .collect();
    let mut m = ControllerRefManager::new(&set.metadata, CONTROLLER_KIND, selector, |ctx| {
        can_adopt(ctx, set)
    });
    m.claim_pods(ctx, pods, |pod| utils::is_member_of(set, pod))
}
