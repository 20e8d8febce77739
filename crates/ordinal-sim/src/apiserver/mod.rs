//! The simulated API server: the only writer of the store. It applies defaults, validation and
//! immutability, bumps resourceVersion and generation, honours finalizers and graceful deletion,
//! records Events, emits watch events, and can be told to fail the Nth call of a verb.

pub mod admission;
pub mod binding;
pub mod defaults;
pub mod error;
pub mod event_ttl;
pub mod events_cache;
pub mod scale;
pub mod size;
pub mod store;
pub mod validation;

pub use error::{ApiError, FieldError, Reason, StatusCause, StatusDetails};

use crate::api::{Event, EventSource, Kind, Object, ObjectReference, Pod, Resource};
use crate::apiserver::store::{unshare, Key, Store};
use crate::features::Features;
use crate::rng::Rng;
use crate::time::{Millis, Timestamp};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

/// Hard limits that keep every run bounded.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_objects: usize,
    pub max_events: usize,
    pub max_watch_history: usize,
    /// The watch history's estimated bytes ([`size::estimate`]) at most.
    pub max_watch_history_bytes: usize,
    /// The simulated etcd's quota ([`size::QUOTA_BYTES`]); benchmarks of 10,000 pods raise it.
    pub quota_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_objects: 60_000,
            max_events: 2_000,
            max_watch_history: 4_096,
            max_watch_history_bytes: 8 * 1024 * 1024,
            quota_bytes: size::QUOTA_BYTES,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchType {
    Added,
    Modified,
    Deleted,
}

impl WatchType {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchType::Added => "ADDED",
            WatchType::Modified => "MODIFIED",
            WatchType::Deleted => "DELETED",
        }
    }
}

/// One change to the store, as an informer would deliver it.
#[derive(Clone, Debug)]
pub struct WatchEvent {
    pub seq: u64,
    pub at: Millis,
    pub type_: WatchType,
    pub kind: Kind,
    /// The object before the change (None for Added).
    pub old: Option<Object>,
    /// The object after the change (for Deleted: the last state).
    pub object: Object,
    /// The estimated heap this event holds (both objects), for the history's byte bound.
    pub bytes: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verb {
    Create,
    Update,
    UpdateStatus,
    Delete,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    #[default]
    Background,
    Foreground,
    Orphan,
}

#[derive(Clone, Debug, Default)]
pub struct DeleteOptions {
    /// None: the object's default (a pod's terminationGracePeriodSeconds).
    pub grace_period_seconds: Option<i64>,
    pub propagation: Option<Propagation>,
    /// Only delete if the object still has this UID.
    pub precondition_uid: Option<String>,
}

/// The object an Event is about: its kind and metadata are all the recorder needs.
pub trait Involved {
    fn kind(&self) -> Kind;
    fn meta(&self) -> &crate::api::ObjectMeta;
}

impl Involved for Object {
    fn kind(&self) -> Kind {
        Object::kind(self)
    }
    fn meta(&self) -> &crate::api::ObjectMeta {
        Object::meta(self)
    }
}

impl<T: Resource> Involved for T {
    fn kind(&self) -> Kind {
        T::KIND
    }
    fn meta(&self) -> &crate::api::ObjectMeta {
        Resource::meta(self)
    }
}

pub const FINALIZER_ORPHAN: &str = "orphan";

/// How many suffixes a create with `generateName` tries (the API server's retry loop).
const GENERATE_NAME_TRIES: usize = 8;

/// MaxGeneratedNameLength: 63 minus the five random characters.
const MAX_GENERATED_NAME_BASE: usize = 58;
pub const FINALIZER_FOREGROUND: &str = "foregroundDeletion";

#[derive(Clone, Debug)]
pub struct ApiServer {
    pub store: Store,
    pub limits: Limits,
    /// Version switches and feature gates (defaulting, field dropping, validation).
    pub features: Features,
    resource_version: u64,
    rng: Rng,
    /// Shared between the pending queue and the history: an event is never copied.
    pending: Vec<Arc<WatchEvent>>,
    history: VecDeque<Arc<WatchEvent>>,
    /// The `bytes` of every event in `history` together.
    history_bytes: usize,
    watch_seq: u64,
    /// Injected failures: (verb, kind) → call numbers (1-based, counted from injection) that fail.
    failures: BTreeMap<(Verb, Kind), (u64, Vec<u64>)>,
    event_order: VecDeque<Key>,
    /// The recorders' EventCorrelator (client-go keeps one per broadcaster; its keys name the
    /// source, so one shared cache behaves the same).
    correlator: events_cache::EventCorrelator,
    leases: event_ttl::LeaseManager,
    /// When each Event's lease runs out, and the same ordered by time.
    event_expiry: BTreeMap<Key, Millis>,
    expiry_queue: BTreeSet<(Millis, Key)>,
    /// Orders events created within one millisecond.
    event_seq: u64,
}

impl ApiServer {
    pub fn new(seed: u64) -> Self {
        ApiServer {
            store: Store::default(),
            limits: Limits::default(),
            features: Features::default(),
            resource_version: 1000,
            rng: Rng::new(seed ^ 0xA11_5E4E4),
            pending: Vec::new(),
            history: VecDeque::new(),
            history_bytes: 0,
            watch_seq: 0,
            failures: BTreeMap::new(),
            event_order: VecDeque::new(),
            correlator: Default::default(),
            leases: Default::default(),
            event_expiry: BTreeMap::new(),
            expiry_queue: BTreeSet::new(),
            event_seq: 0,
        }
    }

    // ----- reads -------------------------------------------------------------------------

    pub fn get<T: Resource>(&self, namespace: &str, name: &str) -> Option<&T> {
        self.store.get::<T>(namespace, name)
    }

    pub fn list<'a, T: Resource + 'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        self.store.list::<T>(namespace)
    }

    /// Watch events after `seq` that are still in the bounded history.
    pub fn watch_since(&self, seq: u64) -> impl Iterator<Item = &WatchEvent> {
        // The history is ordered by seq: skip straight to the first newer event.
        let start = self.history.partition_point(|e| e.seq <= seq);
        self.history.range(start..).map(|e| &**e)
    }

    pub fn watch_seq(&self) -> u64 {
        self.watch_seq
    }

    /// Drops the watch history (a checkpoint keeps none: its events are long delivered, and
    /// holding them in every checkpoint would multiply the history's memory).
    pub(crate) fn forget_watch_history(&mut self) {
        self.history.clear();
        self.history_bytes = 0;
    }

    /// The watch history's estimated bytes.
    pub fn watch_history_bytes(&self) -> usize {
        self.history_bytes
    }

    /// Events produced since the last drain, for the cluster to dispatch to components.
    pub(crate) fn drain_watch(&mut self) -> Vec<Arc<WatchEvent>> {
        std::mem::take(&mut self.pending)
    }

    // ----- failure injection ---------------------------------------------------------------

    /// Makes the `nth` (1-based, counted from now) call of `verb` on `kind` fail with
    /// `Internal error occurred: API server failed`.
    pub fn fail_nth(&mut self, verb: Verb, kind: Kind, nth: u64) {
        let e = self.failures.entry((verb, kind)).or_insert((0, Vec::new()));
        e.1.push(e.0 + nth);
    }

    fn check_injected(&mut self, verb: Verb, kind: Kind) -> Result<(), ApiError> {
        if let Some((count, fail_at)) = self.failures.get_mut(&(verb, kind)) {
            *count += 1;
            if let Some(i) = fail_at.iter().position(|n| n == count) {
                fail_at.remove(i);
                return Err(ApiError::internal());
            }
        }
        Ok(())
    }

    // ----- writes --------------------------------------------------------------------------

    fn next_rv(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    fn new_uid(&mut self) -> String {
        self.rng.uuid()
    }

    /// Records a watch event whose objects are estimated at `bytes`; the history keeps the
    /// newest events within both its count and its byte bound.
    fn emit(
        &mut self,
        now: Millis,
        type_: WatchType,
        old: Option<Object>,
        object: Object,
        bytes: usize,
    ) {
        self.watch_seq += 1;
        let ev = Arc::new(WatchEvent {
            seq: self.watch_seq,
            at: now,
            type_,
            kind: object.kind(),
            old,
            object,
            bytes,
        });
        if ev.kind != Kind::Event {
            self.pending.push(ev.clone());
        }
        self.history_bytes += bytes;
        self.history.push_back(ev);
        while self.history.len() > self.limits.max_watch_history
            || (self.history_bytes > self.limits.max_watch_history_bytes && self.history.len() > 1)
        {
            if let Some(gone) = self.history.pop_front() {
                self.history_bytes -= gone.bytes;
            }
        }
    }

    /// The stored JSON length of the current version of `obj`'s object (0 if none).
    fn stored_len(&self, obj: &Object) -> usize {
        let m = obj.meta();
        self.store
            .json_len(obj.kind(), &m.namespace, &m.name)
            .unwrap_or(0)
    }

    /// Checks that `obj` (its JSON `json` bytes) fits etcd in place of its current version.
    fn check_storage(&self, obj: &Object, json: usize) -> Result<(), ApiError> {
        size::check_storage(
            json,
            self.store.json_bytes(),
            self.stored_len(obj),
            self.limits.quota_bytes,
        )
    }

    /// Stores `obj` (its JSON `json` bytes) in place of the current version and emits MODIFIED
    /// with the old one.
    fn replace(&mut self, now: Millis, obj: Object, json: usize) -> Object {
        let old_json = self.stored_len(&obj);
        let old = self.store.put(obj.clone(), json).map(unshare);
        let bytes = size::estimate(json) + size::estimate(old_json);
        self.emit(now, WatchType::Modified, old, obj.clone(), bytes);
        obj
    }

    /// Removes the object and emits DELETED with `last` as its final state.
    fn remove_with(&mut self, now: Millis, last: Object) -> Object {
        let bytes = 2 * size::estimate(self.stored_len(&last));
        let m = last.meta();
        let old = self
            .store
            .remove(last.kind(), &m.namespace, &m.name)
            .map(unshare);
        self.emit(now, WatchType::Deleted, old, last.clone(), bytes);
        last
    }

    pub fn create(&mut self, mut obj: Object, now: Millis) -> Result<Object, ApiError> {
        size::check_request(&obj)?;
        let kind = obj.kind();
        {
            let m = obj.meta_mut();
            if kind.namespaced() && m.namespace.is_empty() {
                m.namespace = "default".into();
            }
            if !kind.namespaced() {
                m.namespace.clear();
            }
            if m.name.is_empty() && !m.generate_name.is_empty() {
                // RetryGenerateName (GA in 1.32): a suffix that collides is drawn again, up to
                // eight tries in all, before the create fails with AlreadyExists.
                // names.SimpleNameGenerator: the base is cut to 58 bytes, so the name fits 63.
                let base: String = m
                    .generate_name
                    .chars()
                    .take(MAX_GENERATED_NAME_BASE)
                    .collect();
                for _ in 0..GENERATE_NAME_TRIES {
                    m.name = format!("{base}{}", self.rng.token(5));
                    if self.store.get_object(kind, &m.namespace, &m.name).is_none() {
                        break;
                    }
                }
            }
        }
        let (ns, name) = (obj.meta().namespace.clone(), obj.meta().name.clone());
        if name.is_empty() {
            return Err(ApiError::invalid(
                kind,
                "",
                &[FieldError::required(
                    "metadata.name",
                    "name or generateName is required",
                )],
            ));
        }
        if kind.namespaced() && self.store.get_object(Kind::Namespace, "", &ns).is_none() {
            return Err(ApiError::not_found(Kind::Namespace, &ns));
        }
        defaults::apply(&mut obj, &self.features);
        defaults::drop_disabled_fields(None, &mut obj, &self.features);
        admission::admit_create(&mut obj, &self.store, &mut self.rng);
        defaults::reset_status_on_create(&mut obj);
        validation::validate_create(&obj)?;
        if self.store.get_object(kind, &ns, &name).is_some() {
            return Err(ApiError::already_exists(kind, &name));
        }
        if kind != Kind::Event && self.store.total() >= self.limits.max_objects {
            return Err(ApiError::forbidden(format!(
                "{} \"{name}\" is forbidden: the simulated cluster holds at most {} objects",
                kind.qualified_plural(),
                self.limits.max_objects
            )));
        }
        self.check_injected(Verb::Create, kind)?;
        let uid = self.new_uid();
        let rv = self.next_rv();
        let m = obj.meta_mut();
        m.uid = uid;
        m.resource_version = rv;
        m.creation_timestamp = Some(Timestamp(now));
        m.deletion_timestamp = None;
        if defaults::tracks_generation(kind) {
            m.generation = 1;
        }
        let json = size::json_len(&obj);
        if let Err(e) = self.check_storage(&obj, json) {
            self.resource_version -= 1;
            return Err(e);
        }
        self.store.put(obj.clone(), json);
        self.emit(
            now,
            WatchType::Added,
            None,
            obj.clone(),
            size::estimate(json),
        );
        Ok(obj)
    }

    /// PUT on the main resource: status changes are ignored for kinds with a status subresource.
    pub fn update(&mut self, obj: Object, now: Millis) -> Result<Object, ApiError> {
        self.write(obj, now, Verb::Update)
    }

    /// PUT on `/status`: only status changes are kept.
    pub fn update_status(&mut self, obj: Object, now: Millis) -> Result<Object, ApiError> {
        self.write(obj, now, Verb::UpdateStatus)
    }

    fn write(&mut self, mut obj: Object, now: Millis, verb: Verb) -> Result<Object, ApiError> {
        size::check_request(&obj)?;
        let kind = obj.kind();
        if kind.namespaced() && obj.meta().namespace.is_empty() {
            obj.meta_mut().namespace = "default".into();
        }
        let (ns, name) = (obj.meta().namespace.clone(), obj.meta().name.clone());
        // A handle, not a copy: the old version moves into the watch event once replaced.
        let Some(old) = self.store.get_arc(kind, &ns, &name).cloned() else {
            return Err(ApiError::not_found(kind, &name));
        };
        let old: &Object = &old;
        let rv = &obj.meta().resource_version;
        if !rv.is_empty() && *rv != old.meta().resource_version {
            return Err(ApiError::conflict(kind, &name));
        }
        match verb {
            Verb::UpdateStatus => {
                defaults::keep_spec_and_meta(old, &mut obj);
                validation::validate_status_update(old, &obj)?;
            }
            _ => {
                defaults::keep_status(old, &mut obj);
                defaults::apply(&mut obj, &self.features);
                defaults::drop_disabled_fields(Some(old), &mut obj, &self.features);
                validation::validate_update(old, &obj, &self.features)?;
            }
        }
        // System-owned metadata never changes through a write.
        {
            let (o, m) = (old.meta(), obj.meta_mut());
            m.uid.clone_from(&o.uid);
            m.creation_timestamp = o.creation_timestamp;
            m.deletion_timestamp = o.deletion_timestamp;
            m.deletion_grace_period_seconds = o.deletion_grace_period_seconds;
            m.generation = o.generation;
            m.resource_version.clone_from(&o.resource_version);
        }
        if obj == *old {
            return Ok(obj);
        }
        self.check_injected(verb, kind)?;
        if verb == Verb::Update && defaults::spec_changed(old, &obj) {
            obj.meta_mut().generation += 1;
        }
        obj.meta_mut().resource_version = self.next_rv();
        if obj.meta().deletion_timestamp.is_some()
            && obj.meta().finalizers.is_empty()
            && !self.waits_for_kubelet(&obj)
        {
            return Ok(self.remove_with(now, obj));
        }
        let json = size::json_len(&obj);
        if let Err(e) = self.check_storage(&obj, json) {
            self.resource_version -= 1;
            return Err(e);
        }
        Ok(self.replace(now, obj, json))
    }

    /// A terminating pod on a node stays until its kubelet confirms (grace period 0 delete).
    fn waits_for_kubelet(&self, obj: &Object) -> bool {
        match obj {
            Object::Pod(p) => {
                !p.spec.node_name.is_empty() && p.metadata.deletion_grace_period_seconds != Some(0)
            }
            _ => false,
        }
    }

    pub fn delete(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
        now: Millis,
    ) -> Result<Object, ApiError> {
        let ns = if kind.namespaced() { namespace } else { "" };
        let Some(old) = self.store.get_arc(kind, ns, name).cloned() else {
            return Err(ApiError::not_found(kind, name));
        };
        if let Some(uid) = &opts.precondition_uid {
            if *uid != old.meta().uid {
                return Err(ApiError {
                    reason: Reason::Conflict,
                    message: format!(
                        "Operation cannot be fulfilled on {} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                        kind.qualified_plural(),
                        old.meta().uid
                    ),
                    details: None,
                });
            }
        }
        self.check_injected(Verb::Delete, kind)?;
        let mut obj = (*old).clone();
        // DefaultGarbageCollectionPolicy: core/v1 ReplicationControllers orphan their pods when
        // the request names no policy (the behaviour before server-side cascading, RS11).
        let propagation = opts.propagation.unwrap_or(match kind {
            Kind::ReplicationController => Propagation::Orphan,
            _ => Propagation::Background,
        });
        {
            let m = obj.meta_mut();
            let add = |m: &mut crate::api::ObjectMeta, f: &str| {
                if !m.finalizers.iter().any(|x| x == f) {
                    m.finalizers.push(f.into());
                }
            };
            match propagation {
                Propagation::Orphan if kind != Kind::Event => add(m, FINALIZER_ORPHAN),
                Propagation::Foreground => add(m, FINALIZER_FOREGROUND),
                _ => {}
            }
        }
        let grace = match &obj {
            Object::Pod(p) => pod_grace_period(p, opts.grace_period_seconds),
            _ => 0,
        };
        let already = old.meta().deletion_timestamp.is_some();
        let m = obj.meta_mut();
        if m.finalizers.is_empty() && grace == 0 {
            drop(old);
            if kind == Kind::Event {
                self.forget_event(ns, name);
            }
            return Ok(self.remove_with(now, obj));
        }
        // Graceful: the deadline may only move earlier.
        let deadline = now + grace as u64 * 1000;
        let shorten = m.deletion_timestamp.is_none_or(|t| {
            deadline < t.0 || m.deletion_grace_period_seconds.is_none_or(|g| grace < g)
        });
        if !already || shorten {
            m.deletion_timestamp = Some(Timestamp(if already {
                deadline.min(m.deletion_timestamp.map_or(deadline, |t| t.0))
            } else {
                deadline
            }));
            m.deletion_grace_period_seconds = Some(grace);
        }
        if obj == *old {
            return Ok(obj);
        }
        drop(old);
        obj.meta_mut().resource_version = self.next_rv();
        let json = size::json_len(&obj);
        Ok(self.replace(now, obj, json))
    }

    // ----- events --------------------------------------------------------------------------

    /// Records an Event as client-go's recorder does (tools/record event.go recordToSink): the
    /// correlator may drop it, fold it into a combined event, or turn it into a patch of the
    /// count of the event it repeats; a patch whose event is gone creates it again.
    /// `involved` is any object (`&Object` or a typed `&Pod`, `&StatefulSet`…).
    #[allow(clippy::too_many_arguments)]
    pub fn record_event(
        &mut self,
        now: Millis,
        involved: &(impl Involved + ?Sized),
        type_: &str,
        reason: &str,
        message: &str,
        component: &str,
        host: &str,
    ) {
        let m = involved.meta();
        let kind = involved.kind();
        let ns = if m.namespace.is_empty() {
            "default".to_string()
        } else {
            m.namespace.clone()
        };
        // Like client-go's makeEvent: `<object>.<time in hex ns>`, so name order is time order.
        self.event_seq = (self.event_seq + 1) % 1_000_000;
        let unix_ns =
            (crate::time::EPOCH_UNIX_SECONDS as u64 * 1000 + now) * 1_000_000 + self.event_seq;
        let fresh = format!("{}.{unix_ns:x}", m.name);
        let fields = events_cache::EventFields {
            component,
            host,
            kind: kind.name(),
            namespace: &m.namespace,
            name: &m.name,
            field_path: "",
            uid: &m.uid,
            api_version: kind.api_version(),
            type_,
            reason,
            message,
        };
        let Some(obs) = self.correlator.correlate(now, &fields, &fresh) else {
            return;
        };
        let key = (ns.clone(), obs.name.clone());
        if obs.count > 1 {
            if let Some(Object::Event(ev)) = self.store.get_object(Kind::Event, &ns, &obs.name) {
                let mut ev = ev.clone();
                ev.count = obs.count;
                ev.message = obs.message;
                ev.last_timestamp = Some(Timestamp(now));
                ev.metadata.resource_version = self.next_rv();
                let ev = Object::Event(ev);
                let json = size::json_len(&ev);
                self.replace(now, ev, json);
                self.attach_lease(now, key);
                return;
            }
        }
        let mut meta = crate::api::ObjectMeta::named(&ns, &obs.name);
        meta.uid = self.new_uid();
        meta.resource_version = self.next_rv();
        meta.creation_timestamp = Some(Timestamp(now));
        let ev = Event {
            metadata: meta,
            involved_object: ObjectReference {
                api_version: kind.api_version().into(),
                kind: kind.name().into(),
                namespace: m.namespace.clone(),
                name: m.name.clone(),
                uid: m.uid.clone(),
                resource_version: m.resource_version.clone(),
                field_path: String::new(),
            },
            reason: reason.into(),
            message: obs.message,
            source: EventSource {
                component: component.into(),
                host: host.into(),
            },
            first_timestamp: Some(Timestamp(obs.first_timestamp)),
            last_timestamp: Some(Timestamp(now)),
            count: obs.count,
            type_: type_.into(),
            // client-go's generateEvent sets it from the source; the aggregator's copy has none.
            reporting_component: if obs.combined {
                String::new()
            } else {
                component.into()
            },
        };
        let ev = Object::Event(ev);
        let json = size::json_len(&ev);
        self.store.put(ev.clone(), json);
        self.event_order.push_back(key.clone());
        self.attach_lease(now, key);
        self.emit(now, WatchType::Added, None, ev, size::estimate(json));
        while self.event_order.len() > self.limits.max_events {
            if let Some(k) = self.event_order.pop_front() {
                self.store.remove(Kind::Event, &k.0, &k.1);
                self.detach_lease(&k);
            }
        }
    }

    /// Each write of an Event gives it a lease of `--event-ttl` ([`event_ttl`]).
    fn attach_lease(&mut self, now: Millis, k: Key) {
        let at = self.leases.get_lease(now, event_ttl::EVENT_TTL_MS);
        self.detach_lease(&k);
        self.expiry_queue.insert((at, k.clone()));
        self.event_expiry.insert(k, at);
    }

    fn detach_lease(&mut self, k: &Key) {
        if let Some(at) = self.event_expiry.remove(k) {
            self.expiry_queue.remove(&(at, k.clone()));
        }
    }

    /// etcd's lease expiry: deletes (with a DELETED watch event) every Event whose lease ran
    /// out at or before `now`, at the instant it ran out.
    pub fn expire_events(&mut self, now: Millis) {
        while let Some((at, k)) = self.expiry_queue.first().cloned() {
            if at > now {
                break;
            }
            self.expiry_queue.pop_first();
            self.event_expiry.remove(&k);
            if let Some(obj) = self.store.get_object(Kind::Event, &k.0, &k.1) {
                let last = obj.clone();
                self.event_order.retain(|o| *o != k);
                self.remove_with(at, last);
            }
        }
    }

    fn forget_event(&mut self, ns: &str, name: &str) {
        self.event_order.retain(|k| !(k.0 == ns && k.1 == name));
        self.detach_lease(&(ns.to_string(), name.to_string()));
    }
}

/// registry/core/pod strategy CheckGracefulDelete: unscheduled or terminal pods go at once;
/// otherwise the requested period, else the pod's terminationGracePeriodSeconds (default 30).
fn pod_grace_period(p: &Pod, requested: Option<i64>) -> i64 {
    if p.spec.node_name.is_empty() || matches!(p.status.phase.as_str(), "Failed" | "Succeeded") {
        return 0;
    }
    requested
        .or(p.spec.termination_grace_period_seconds)
        .unwrap_or(30)
        .max(0)
}
