//! The StatefulSet controller (pkg/controller/statefulset): watch handlers C1–C3, a deduplicating
//! rate-limited work queue C4, and `sync` C5 with pod/revision adoption. The reconcile itself is
//! in control.rs.

pub mod claims;
pub mod control;
pub mod error;
pub mod explain;
pub mod pod_control;
pub mod revisions;
pub mod status;
pub mod utils;

pub use error::SyncError;
pub use explain::{Blocked, Explanation};

use super::{Ctx, Timer};
use crate::api::{ControllerRevision, Object, OwnerReference, Pod, StatefulSet};
use crate::apiserver::store::{key, Key, Shared};
use crate::apiserver::{WatchEvent, WatchType};
use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// Process one queued StatefulSet key (namespace, name).
    Sync(Key),
    /// A delayed add (AddAfter / AddRateLimited) becomes due.
    Requeue(Key),
}

/// Base and cap of the per-item exponential failure backoff (workqueue
/// DefaultControllerRateLimiter: 5 ms · 2^failures, at most 1000 s).
pub const BACKOFF_BASE_MS: Millis = 5;
pub const BACKOFF_MAX_MS: Millis = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct StatefulSetController {
    /// Keys waiting to be synced (each at most once: the queue deduplicates).
    queued: BTreeSet<Key>,
    /// Earliest pending delayed add per key.
    delayed: BTreeMap<Key, Millis>,
    /// Consecutive sync failures per key (rate limiter state; Forget on success).
    failures: BTreeMap<Key, u32>,
    /// While paused, keys are queued but not processed until `resume` or `sync_now`.
    pub paused: bool,
    /// Why each set is not progressing, from its last sync.
    explanations: BTreeMap<Key, Explanation>,
    /// Syncs run since the cluster started.
    pub syncs: u64,
}

impl StatefulSetController {
    /// The reason recorded by the last sync of `namespace/name`.
    pub fn explain(&self, namespace: &str, name: &str) -> Option<&Explanation> {
        self.explanations.get(&key(namespace, name))
    }

    /// Keys currently waiting in the queue.
    pub fn queued(&self) -> impl Iterator<Item = &Key> {
        self.queued.iter()
    }

    /// Consecutive failures recorded for a key.
    pub fn failures(&self, namespace: &str, name: &str) -> u32 {
        self.failures
            .get(&key(namespace, name))
            .copied()
            .unwrap_or(0)
    }

    // ----- work queue (C4) -----------------------------------------------------------------

    fn enqueue(&mut self, k: Key, ctx: &mut Ctx) {
        if !self.queued.insert(k.clone()) || self.paused {
            return;
        }
        let at = ctx.after(ctx.timing.controller_sync_ms);
        ctx.schedule(at, Timer::StatefulSet(Work::Sync(k)));
    }

    fn enqueue_after(&mut self, k: Key, delay_ms: Millis, ctx: &mut Ctx) {
        let at = ctx.now + delay_ms;
        if self.delayed.get(&k).is_some_and(|t| *t <= at) {
            return;
        }
        self.delayed.insert(k.clone(), at);
        ctx.schedule(at, Timer::StatefulSet(Work::Requeue(k)));
    }

    fn enqueue_rate_limited(&mut self, k: Key, ctx: &mut Ctx) {
        let n = self.failures.entry(k.clone()).or_insert(0);
        let delay = BACKOFF_BASE_MS
            .saturating_mul(1u64 << (*n).min(40))
            .min(BACKOFF_MAX_MS);
        *n += 1;
        self.enqueue_after(k, delay, ctx);
    }

    /// Resumes processing after `paused`: every queued key is scheduled.
    pub fn resume(&mut self, ctx: &mut Ctx) {
        self.paused = false;
        for k in self.queued.clone() {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::StatefulSet(Work::Sync(k)));
        }
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
        match work {
            Work::Requeue(k) => {
                // Superseded timers (an earlier add already fired) find no due entry. A due
                // key goes straight to a worker: the delay was the wait.
                if self.delayed.get(&k).is_some_and(|t| *t <= ctx.now) {
                    self.delayed.remove(&k);
                    if self.queued.insert(k.clone()) && !self.paused {
                        ctx.schedule(ctx.now, Timer::StatefulSet(Work::Sync(k)));
                    }
                }
            }
            Work::Sync(k) => {
                if self.paused || !self.queued.contains(&k) {
                    return;
                }
                // A failed sync has already been requeued with backoff.
                let _ = self.process(k, ctx);
            }
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
        self.queued.remove(&k);
        self.syncs += 1;
        let result = self.sync(&k, ctx);
        match &result {
            Ok(()) => {
                self.failures.remove(&k);
            }
            Err(_) => self.enqueue_rate_limited(k, ctx),
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
    can_adopt(ctx, set)
        .map_err(|e| SyncError::new(format!("can't adopt ControllerRevisions: {e}")))?;
    for r in &orphans {
        revisions::adopt_revision(ctx, set, r)?;
    }
    Ok(())
}

/// getPodsForStatefulSet + ClaimPods (C5.4): adopt matching orphans, release owned pods that no
/// longer match the selector or the name pattern.
fn get_pods_for_stateful_set(
    ctx: &mut Ctx,
    set: &StatefulSet,
) -> Result<Vec<Shared<Pod>>, SyncError> {
    let Some(selector) = set.spec.selector.clone() else {
        return Ok(Vec::new());
    };
    let pods: Vec<Shared<Pod>> = ctx
        .api
        .store
        .list_shared::<Pod>(Some(&set.metadata.namespace))
        .collect();
    let deleting = set.metadata.deletion_timestamp.is_some();
    let mut claimed = Vec::new();
    let mut errs = Vec::new();
    let mut adoptable: Option<Result<(), SyncError>> = None;
    for pod in pods {
        let matches = selector.matches(&pod.metadata.labels) && utils::is_member_of(set, &pod);
        match pod.metadata.controller_ref() {
            Some(r) if r.uid != set.metadata.uid => {}
            Some(_) if matches => claimed.push(pod),
            Some(_) if deleting => {}
            Some(_) => {
                // ReleasePod: drop our ref.
                let mut p = Pod::clone(&pod);
                p.metadata
                    .owner_references
                    .retain(|o| o.uid != set.metadata.uid);
                if let Err(e) = ctx.api.update(Object::Pod(p), ctx.now) {
                    if !e.is_not_found() {
                        errs.push(SyncError::from(e));
                    }
                }
            }
            None if deleting || !matches || pod.metadata.deletion_timestamp.is_some() => {}
            None => {
                let check = adoptable.get_or_insert_with(|| can_adopt(ctx, set)).clone();
                if let Err(e) = check {
                    errs.push(SyncError::new(format!(
                        "can't adopt Pod {}/{} ({}): {e}",
                        pod.metadata.namespace, pod.metadata.name, pod.metadata.uid
                    )));
                    continue;
                }
                let mut p = Pod::clone(&pod);
                p.metadata
                    .owner_references
                    .push(utils::set_controller_ref(set));
                match ctx.api.update(Object::Pod(p), ctx.now) {
                    Ok(_) => claimed.push(pod),
                    Err(e) if e.is_not_found() => {}
                    Err(e) => errs.push(SyncError::from(e)),
                }
            }
        }
    }
    match SyncError::aggregate(errs) {
        Some(e) => Err(e),
        None => Ok(claimed),
    }
}
