//! The cluster's components. Each reacts to watch events by scheduling work (timers) and does
//! its writes through the API server when that work runs — never inside `on_watch`.
//!
//! A component has `on_watch(&WatchEvent, &mut Ctx)`, `on_timer(Work, &mut Ctx)` and `Default`,
//! and one line in `components!` below. Plumbing any controller can use: `workqueue`
//! (RateLimitingQueue), `controller_ref` (ControllerRefManager), `history` (ControllerRevisions),
//! `batch` (slow_start_batch) and `error` (SyncError).

// Shared plumbing.
pub mod batch;
pub mod controller_ref;
pub mod error;
pub mod history;
#[cfg(test)]
pub(crate) mod testing;
pub mod workqueue;

// Components.
pub mod deployment;
pub mod endpointslice;
pub mod gc;
pub mod kubelet;
pub mod node_lifecycle;
pub mod pod_gc;
pub mod replicaset;
pub mod scheduler;
pub mod statefulset;
pub mod volume;

use crate::apiserver::ApiServer;
use crate::features::Features;
use crate::rng::Rng;
use crate::time::Millis;
use crate::timing::TimingProfile;
use std::collections::BTreeMap;

/// Every component of the cluster, one line each: its field on `Cluster`, its type and its
/// `Timer` variant. The order is the dispatch order (a watch event reaches the components in
/// this order), which is part of the simulation's determinism: append, don't reorder. Adding a
/// controller is its folder, its `pub mod` above and one line here.
///
/// Called with the name of a macro that receives the list (`components!(timer_enum)`).
macro_rules! components {
    ($then:ident) => {
        $then! {
            statefulset: $crate::controller::statefulset::StatefulSetController
                => StatefulSet($crate::controller::statefulset::Work),
            scheduler: $crate::controller::scheduler::Scheduler
                => Scheduler($crate::controller::scheduler::Work),
            kubelet: $crate::controller::kubelet::Kubelets
                => Kubelet($crate::controller::kubelet::Work),
            volumes: $crate::controller::volume::VolumeController
                => Volume($crate::controller::volume::Work),
            endpoints: $crate::controller::endpointslice::EndpointSliceController
                => EndpointSlice($crate::controller::endpointslice::Work),
            node_lifecycle: $crate::controller::node_lifecycle::NodeLifecycleController
                => NodeLifecycle($crate::controller::node_lifecycle::Work),
            pod_gc: $crate::controller::pod_gc::PodGcController
                => PodGc($crate::controller::pod_gc::Work),
            gc: $crate::controller::gc::GarbageCollector
                => Gc($crate::controller::gc::Work),
            replicaset: $crate::controller::replicaset::ReplicaSetController<$crate::controller::replicaset::Rs>
                => ReplicaSet($crate::controller::replicaset::Work),
            replication: $crate::controller::replicaset::ReplicationManager
                => ReplicationController($crate::controller::replicaset::Work),
            deployment: $crate::controller::deployment::DeploymentController
                => Deployment($crate::controller::deployment::Work),
        }
    };
}
pub(crate) use components;

macro_rules! timer_enum {
    ($($field:ident: $ty:ty => $variant:ident($work:ty)),* $(,)?) => {
        /// Work scheduled for a component at a simulated instant.
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Timer {
            $($variant($work),)*
        }
    };
}
components!(timer_enum);

/// The timer queue, ordered by (time, insertion order) so runs are deterministic.
#[derive(Clone, Debug, Default)]
pub struct Timers {
    queue: BTreeMap<(Millis, u64), Timer>,
    seq: u64,
}

impl Timers {
    pub fn schedule(&mut self, at: Millis, timer: Timer) {
        self.seq += 1;
        self.queue.insert((at, self.seq), timer);
    }

    pub fn next_at(&self) -> Option<Millis> {
        self.queue.keys().next().map(|k| k.0)
    }

    pub(crate) fn pop_due(&mut self, until: Millis) -> Option<(Millis, Timer)> {
        let (&(at, seq), _) = self.queue.iter().next()?;
        if at > until {
            return None;
        }
        self.queue.remove(&(at, seq)).map(|t| (at, t))
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Millis, &Timer)> {
        self.queue.iter().map(|(k, t)| (k.0, t))
    }
}

/// What a component may touch while it handles a watch event or a timer.
pub struct Ctx<'a> {
    pub now: Millis,
    pub api: &'a mut ApiServer,
    pub timers: &'a mut Timers,
    pub rng: &'a mut Rng,
    pub timing: &'a TimingProfile,
}

impl Ctx<'_> {
    /// The feature gates and version (the API server's; it enforces them).
    pub fn features(&self) -> &Features {
        &self.api.features
    }

    /// `base_ms` from now, with the profile's seeded jitter.
    pub fn after(&mut self, base_ms: u64) -> Millis {
        self.now + self.rng.jitter(base_ms, self.timing.jitter_permille)
    }

    pub fn schedule(&mut self, at: Millis, timer: Timer) {
        self.timers.schedule(at.max(self.now), timer);
    }
}
