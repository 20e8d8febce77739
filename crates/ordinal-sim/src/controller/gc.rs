//! Garbage collector (pkg/controller/garbagecollector): ownerReferences with background,
//! foreground (`foregroundDeletion`) and orphan (`orphan`) deletion.
//!
//! Like upstream's graph builder, `on_watch` keeps an owner → dependents index and queues work
//! items; `on_timer` re-reads the objects and acts:
//! * `AttemptToDelete(d)` — classify d's owners as solid (exists), dangling (gone or another UID)
//!   or waiting (being deleted in foreground). With a solid owner, only the dangling/waiting refs
//!   are removed; otherwise d is deleted (foreground if a waiting owner exists and d has
//!   dependents itself).
//! * `DeletingDependents(o)` — o waits in foreground: once no dependent with
//!   `blockOwnerDeletion: true` is left, its `foregroundDeletion` finalizer is removed.
//! * `Orphan(o)` — strip o's refs from its dependents, then remove the `orphan` finalizer.

use super::{Ctx, Timer};
use crate::api::{Kind, Object, OwnerReference};
use crate::apiserver::{
    DeleteOptions, Propagation, WatchEvent, WatchType, FINALIZER_FOREGROUND, FINALIZER_ORPHAN,
};
use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

/// One object, by kind, namespace, name and UID.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjRef {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
    pub uid: String,
}

impl ObjRef {
    fn of(obj: &Object) -> ObjRef {
        let m = obj.meta();
        ObjRef {
            kind: obj.kind(),
            namespace: m.namespace.clone(),
            name: m.name.clone(),
            uid: m.uid.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    AttemptToDelete(ObjRef),
    DeletingDependents(ObjRef),
    Orphan(ObjRef),
}

const RETRY_BASE_MS: Millis = 5;
const RETRY_MAX_MS: Millis = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct GarbageCollector {
    /// Owner UID → dependents currently naming it in an ownerReference.
    dependents: BTreeMap<String, BTreeSet<ObjRef>>,
    /// Work queued and not yet run (deduplicated).
    pending: BTreeSet<Work>,
    /// Consecutive failures per work item (exponential retry).
    failures: BTreeMap<Work, u32>,
}

fn has_finalizer(obj: &Object, f: &str) -> bool {
    obj.meta().finalizers.iter().any(|x| x == f)
}

fn deleting_dependents(obj: &Object) -> bool {
    obj.meta().deletion_timestamp.is_some() && has_finalizer(obj, FINALIZER_FOREGROUND)
}

/// The owner a reference points at, if it is a kind the simulator knows.
fn owner_of(ctx: &Ctx, dependent_ns: &str, r: &OwnerReference) -> Result<Option<Object>, ()> {
    let kind = Kind::from_name(&r.kind).ok_or(())?;
    let ns = if kind.namespaced() { dependent_ns } else { "" };
    Ok(ctx
        .api
        .store
        .get_object(kind, ns, &r.name)
        .filter(|o| o.meta().uid == r.uid)
        .cloned())
}

impl GarbageCollector {
    /// The dependents recorded for an owner UID.
    pub fn dependents_of(&self, uid: &str) -> impl Iterator<Item = &ObjRef> {
        self.dependents.get(uid).into_iter().flatten()
    }

    fn queue(&mut self, work: Work, ctx: &mut Ctx) {
        if self.pending.insert(work.clone()) {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::Gc(work));
        }
    }

    fn retry(&mut self, work: Work, ctx: &mut Ctx) {
        let n = self.failures.entry(work.clone()).or_insert(0);
        let delay = RETRY_BASE_MS
            .saturating_mul(1u64 << (*n).min(40))
            .min(RETRY_MAX_MS);
        *n += 1;
        if self.pending.insert(work.clone()) {
            ctx.schedule(ctx.now + delay, Timer::Gc(work));
        }
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        if ev.kind == Kind::Event {
            return;
        }
        let me = ObjRef::of(&ev.object);
        let old_refs: Vec<OwnerReference> = ev
            .old
            .as_ref()
            .map(|o| o.meta().owner_references.clone())
            .unwrap_or_default();
        let new_refs: &[OwnerReference] = if ev.type_ == WatchType::Deleted {
            &[]
        } else {
            &ev.object.meta().owner_references
        };
        for r in &old_refs {
            if let Some(set) = self.dependents.get_mut(&r.uid) {
                set.remove(&me);
                if set.is_empty() {
                    self.dependents.remove(&r.uid);
                }
            }
        }
        if ev.type_ == WatchType::Deleted {
            // A Deleted event carries the last state; drop its refs too.
            for r in &ev.object.meta().owner_references {
                if let Some(set) = self.dependents.get_mut(&r.uid) {
                    set.remove(&me);
                }
            }
        }
        for r in new_refs {
            self.dependents
                .entry(r.uid.clone())
                .or_default()
                .insert(me.clone());
        }

        match ev.type_ {
            WatchType::Deleted => {
                // Dependents of a vanished owner need a look.
                let deps: Vec<ObjRef> = self.dependents_of(&me.uid).cloned().collect();
                for d in deps {
                    self.queue(Work::AttemptToDelete(d), ctx);
                }
                // A foreground owner may have been waiting for this object.
                self.wake_foreground_owners(
                    &me.namespace,
                    ev.object.meta().owner_references.iter(),
                    ctx,
                );
            }
            WatchType::Added | WatchType::Modified => {
                let obj = &ev.object;
                if obj.meta().deletion_timestamp.is_some() {
                    if has_finalizer(obj, FINALIZER_ORPHAN) {
                        self.queue(Work::Orphan(me.clone()), ctx);
                    }
                    if has_finalizer(obj, FINALIZER_FOREGROUND) {
                        self.queue(Work::DeletingDependents(me.clone()), ctx);
                        let deps: Vec<ObjRef> = self.dependents_of(&me.uid).cloned().collect();
                        for d in deps {
                            self.queue(Work::AttemptToDelete(d), ctx);
                        }
                    }
                }
                if old_refs.as_slice() != new_refs {
                    let removed: Vec<OwnerReference> = old_refs
                        .iter()
                        .filter(|r| !new_refs.contains(r))
                        .cloned()
                        .collect();
                    self.wake_foreground_owners(&me.namespace, removed.iter(), ctx);
                }
                let needs_look = new_refs
                    .iter()
                    .any(|r| match owner_of(ctx, &me.namespace, r) {
                        Ok(Some(o)) => deleting_dependents(&o),
                        Ok(None) => true,
                        Err(()) => false,
                    });
                if needs_look {
                    self.queue(Work::AttemptToDelete(me), ctx);
                }
            }
        }
    }

    fn wake_foreground_owners<'a>(
        &mut self,
        ns: &str,
        refs: impl Iterator<Item = &'a OwnerReference>,
        ctx: &mut Ctx,
    ) {
        let owners: Vec<ObjRef> = refs
            .filter_map(|r| owner_of(ctx, ns, r).ok().flatten())
            .filter(deleting_dependents)
            .map(|o| ObjRef::of(&o))
            .collect();
        for o in owners {
            self.queue(Work::DeletingDependents(o), ctx);
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        self.pending.remove(&work);
        let ok = match &work {
            Work::AttemptToDelete(r) => self.attempt_to_delete(r, ctx),
            Work::DeletingDependents(r) => self.process_deleting_dependents(r, ctx),
            Work::Orphan(r) => self.orphan_dependents(r, ctx),
        };
        if ok {
            self.failures.remove(&work);
        } else {
            self.retry(work, ctx);
        }
    }

    fn current(ctx: &Ctx, r: &ObjRef) -> Option<Object> {
        ctx.api
            .store
            .get_object(r.kind, &r.namespace, &r.name)
            .filter(|o| o.meta().uid == r.uid)
            .cloned()
    }

    /// attemptToDeleteItem. Returns false when a write failed and the item should be retried.
    fn attempt_to_delete(&mut self, r: &ObjRef, ctx: &mut Ctx) -> bool {
        let Some(obj) = Self::current(ctx, r) else {
            return true;
        };
        if obj.meta().deletion_timestamp.is_some() {
            if deleting_dependents(&obj) {
                return self.process_deleting_dependents(r, ctx);
            }
            return true;
        }
        let refs = obj.meta().owner_references.clone();
        if refs.is_empty() {
            return true;
        }
        let (mut solid, mut gone) = (0, BTreeSet::new());
        for o in &refs {
            match owner_of(ctx, &r.namespace, o) {
                Err(()) => solid += 1,
                Ok(None) => {
                    gone.insert(o.uid.clone());
                }
                Ok(Some(owner)) if deleting_dependents(&owner) => {
                    gone.insert(o.uid.clone());
                }
                Ok(Some(_)) => solid += 1,
            }
        }
        let waiting = refs.iter().any(|o| {
            matches!(owner_of(ctx, &r.namespace, o), Ok(Some(owner)) if deleting_dependents(&owner))
        });
        if solid > 0 {
            if gone.is_empty() {
                return true;
            }
            // Keep the object; drop the references to owners that are gone or going.
            let mut updated = obj.clone();
            updated
                .meta_mut()
                .owner_references
                .retain(|o| !gone.contains(&o.uid));
            return match ctx.api.update(updated, ctx.now) {
                Ok(_) => true,
                Err(e) => e.is_not_found(),
            };
        }
        let propagation = if waiting && self.dependents_of(&r.uid).next().is_some() {
            Propagation::Foreground
        } else if has_finalizer(&obj, FINALIZER_ORPHAN) {
            Propagation::Orphan
        } else if has_finalizer(&obj, FINALIZER_FOREGROUND) {
            Propagation::Foreground
        } else {
            Propagation::Background
        };
        let opts = DeleteOptions {
            propagation: Some(propagation),
            precondition_uid: Some(r.uid.clone()),
            ..Default::default()
        };
        match ctx
            .api
            .delete(r.kind, &r.namespace, &r.name, &opts, ctx.now)
        {
            Ok(_) => true,
            Err(e) => e.is_not_found(),
        }
    }

    /// processDeletingDependentsItem.
    fn process_deleting_dependents(&mut self, r: &ObjRef, ctx: &mut Ctx) -> bool {
        let Some(owner) = Self::current(ctx, r) else {
            return true;
        };
        if !deleting_dependents(&owner) {
            return true;
        }
        let deps: Vec<ObjRef> = self.dependents_of(&r.uid).cloned().collect();
        let mut blocking = Vec::new();
        for d in deps {
            let Some(obj) = Self::current(ctx, &d) else {
                continue;
            };
            let blocks = obj
                .meta()
                .owner_references
                .iter()
                .any(|o| o.uid == r.uid && o.block_owner_deletion == Some(true));
            if blocks {
                blocking.push((d, deleting_dependents(&obj)));
            }
        }
        if blocking.is_empty() {
            let mut updated = owner.clone();
            updated
                .meta_mut()
                .finalizers
                .retain(|f| f != FINALIZER_FOREGROUND);
            return match ctx.api.update(updated, ctx.now) {
                Ok(_) => true,
                Err(e) => e.is_not_found(),
            };
        }
        for (d, itself_deleting) in blocking {
            if !itself_deleting {
                self.queue(Work::AttemptToDelete(d), ctx);
            }
        }
        true
    }

    /// orphanDependents, then remove the `orphan` finalizer.
    fn orphan_dependents(&mut self, r: &ObjRef, ctx: &mut Ctx) -> bool {
        let Some(owner) = Self::current(ctx, r) else {
            return true;
        };
        if owner.meta().deletion_timestamp.is_none() || !has_finalizer(&owner, FINALIZER_ORPHAN) {
            return true;
        }
        let deps: Vec<ObjRef> = self.dependents_of(&r.uid).cloned().collect();
        for d in deps {
            let Some(mut obj) = Self::current(ctx, &d) else {
                continue;
            };
            obj.meta_mut().owner_references.retain(|o| o.uid != r.uid);
            if let Err(e) = ctx.api.update(obj, ctx.now) {
                if !e.is_not_found() {
                    return false;
                }
            }
        }
        let Some(mut owner) = Self::current(ctx, r) else {
            return true;
        };
        owner
            .meta_mut()
            .finalizers
            .retain(|f| f != FINALIZER_ORPHAN);
        match ctx.api.update(owner, ctx.now) {
            Ok(_) => true,
            Err(e) => e.is_not_found(),
        }
    }
}
