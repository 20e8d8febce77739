//! A unit-fixture driver like upstream's StatefulSet controller tests: a cluster with no nodes
//! (no scheduler or kubelet activity), the StatefulSet controller paused so each `sync()` is
//! exactly one reconcile, and helpers that play the kubelet by writing pod status.

use super::builders::{claim_template, fast_config};
use crate::api::*;
use crate::apiserver::{ApiError, DeleteOptions, WatchType};
use crate::controller::statefulset::{utils, SyncError};
use crate::features::Features;
use crate::time::Timestamp;
use crate::{Cluster, ClusterConfig};
use std::collections::BTreeMap;

/// The finalizer the driver uses to keep deleted pods Terminating until `release`.
pub const HOLD: &str = "ordinal.test/hold";

/// Fixture U (UT `newStatefulSetWithVolumes`): default/foo, selector foo=bar, one nginx
/// container mounting `datadir` and `home`, claim template `datadir`, serviceName
/// `governingsvc`, `updateStrategy: {type: RollingUpdate}` (rollingUpdate nil), Retain/Retain,
/// revisionHistoryLimit 2, OrderedReady.
pub fn fixture_u(replicas: i32) -> StatefulSet {
    let mut s = StatefulSet {
        metadata: ObjectMeta::named("default", "foo"),
        ..Default::default()
    };
    let mut labels = Labels::new();
    labels.insert("foo".into(), "bar".into());
    s.spec.replicas = Some(replicas);
    s.spec.selector = Some(LabelSelector {
        match_labels: labels.clone(),
        ..Default::default()
    });
    s.spec.template.metadata.labels = labels;
    s.spec.template.spec.containers = vec![Container {
        name: "nginx".into(),
        image: "nginx".into(),
        volume_mounts: vec![
            VolumeMount {
                name: "datadir".into(),
                mount_path: "/tmp/zookeeper".into(),
                read_only: false,
            },
            VolumeMount {
                name: "home".into(),
                mount_path: "/home".into(),
                read_only: false,
            },
        ],
        ..Default::default()
    }];
    s.spec.template.spec.volumes = vec![Volume {
        name: "home".into(),
        host_path: Some(HostPathVolumeSource {
            path: "/tmp/home".into(),
            type_: String::new(),
        }),
        ..Default::default()
    }];
    s.spec.volume_claim_templates = vec![claim_template("datadir", "1")];
    s.spec.service_name = "governingsvc".into();
    s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: None,
    });
    s.spec.persistent_volume_claim_retention_policy = Some(PvcRetentionPolicy {
        when_deleted: "Retain".into(),
        when_scaled: "Retain".into(),
    });
    s.spec.revision_history_limit = Some(2);
    s.spec.pod_management_policy = "OrderedReady".into();
    s
}

/// Fixture U in burst (Parallel) mode.
pub fn fixture_u_burst(replicas: i32) -> StatefulSet {
    let mut s = fixture_u(replicas);
    s.spec.pod_management_policy = "Parallel".into();
    s
}

/// `fixture_u_burst` when `burst`, else `fixture_u`: for tests run under both policies.
pub fn fixture_u_or_burst(burst: bool, replicas: i32) -> StatefulSet {
    if burst {
        fixture_u_burst(replicas)
    } else {
        fixture_u(replicas)
    }
}

/// The retention policies upstream loops over (runTestOverPVCRetentionPolicies), as
/// (whenScaled, whenDeleted).
pub const POLICIES: [(&str, &str); 4] = [
    ("Retain", "Retain"),
    ("Delete", "Retain"),
    ("Retain", "Delete"),
    ("Delete", "Delete"),
];

pub fn with_policy(mut s: StatefulSet, (when_scaled, when_deleted): (&str, &str)) -> StatefulSet {
    s.spec.persistent_volume_claim_retention_policy = Some(PvcRetentionPolicy {
        when_deleted: when_deleted.into(),
        when_scaled: when_scaled.into(),
    });
    s
}

/// One event the controller recorded on the set: (type, reason, message).
pub type Ev = (String, String, String);

pub struct Driver {
    pub c: Cluster,
    pub ns: String,
    pub name: String,
    /// Every event recorded on the set, in order (a repeat of an aggregated event appears again).
    pub events: Vec<Ev>,
    /// Pod lifecycle as seen by watch: ("ADDED"|"DELETED", pod name), in order.
    pub pod_log: Vec<(String, String)>,
    watch_seq: u64,
    /// Status writes seen (MODIFIED events of the set that changed status).
    pub status_writes: usize,
}

/// No nodes (nothing schedules or runs), fast timing, the given feature gates.
pub fn config(seed: u64, features: Features) -> ClusterConfig {
    ClusterConfig {
        features,
        ..fast_config(seed, 0)
    }
}

impl Driver {
    pub fn new(set: StatefulSet) -> Driver {
        Driver::with(set, 1, Features::default())
    }

    pub fn with(set: StatefulSet, seed: u64, features: Features) -> Driver {
        let mut c = Cluster::new(config(seed, features));
        c.pause_statefulset_controller(true);
        let (ns, name) = (set.metadata.namespace.clone(), set.metadata.name.clone());
        let watch_seq = c.api.watch_seq();
        c.create(Object::StatefulSet(set))
            .expect("create StatefulSet");
        let mut d = Driver {
            c,
            ns,
            name,
            events: Vec::new(),
            pod_log: Vec::new(),
            watch_seq,
            status_writes: 0,
        };
        d.pull();
        d
    }

    /// Collects events, pod ADDED/DELETED and status writes since the last call.
    pub fn pull(&mut self) {
        let evs: Vec<_> = self.c.api.watch_since(self.watch_seq).cloned().collect();
        for ev in evs {
            self.watch_seq = ev.seq;
            match &ev.object {
                Object::Event(e)
                    if e.involved_object.kind == "StatefulSet"
                        && e.involved_object.name == self.name =>
                {
                    self.events
                        .push((e.type_.clone(), e.reason.clone(), e.message.clone()));
                }
                Object::Pod(p) if p.metadata.namespace == self.ns => match ev.type_ {
                    WatchType::Added => {
                        self.pod_log.push(("ADDED".into(), p.metadata.name.clone()))
                    }
                    WatchType::Deleted => self
                        .pod_log
                        .push(("DELETED".into(), p.metadata.name.clone())),
                    WatchType::Modified => {}
                },
                Object::StatefulSet(s)
                    if s.metadata.name == self.name && ev.type_ == WatchType::Modified =>
                {
                    if let Some(Object::StatefulSet(old)) = &ev.old {
                        if old.status != s.status && old.spec == s.spec {
                            self.status_writes += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Exactly one reconcile of the set.
    pub fn sync(&mut self) -> Result<(), SyncError> {
        let (ns, name) = (self.ns.clone(), self.name.clone());
        let r = self.c.sync_statefulset(&ns, &name);
        self.pull();
        r
    }

    /// `n` syncs; panics on error.
    pub fn syncs(&mut self, n: usize) {
        for _ in 0..n {
            self.sync().expect("sync");
        }
    }

    pub fn set(&self) -> StatefulSet {
        self.c
            .api
            .get::<StatefulSet>(&self.ns, &self.name)
            .cloned()
            .expect("set exists")
    }

    pub fn status(&self) -> StatefulSetStatus {
        self.set().status
    }

    /// (replicas, ready, current, updated, available).
    pub fn counts(&self) -> (i32, i32, i32, i32, i32) {
        let s = self.status();
        (
            s.replicas,
            s.ready_replicas,
            s.current_replicas,
            s.updated_replicas,
            s.available_replicas,
        )
    }

    /// Pods of the namespace, sorted by ordinal.
    pub fn pods(&self) -> Vec<Pod> {
        let mut pods: Vec<Pod> = self.c.api.list::<Pod>(Some(&self.ns)).cloned().collect();
        pods.sort_by_key(utils::get_ordinal);
        pods
    }

    pub fn pod_names(&self) -> Vec<String> {
        self.pods().into_iter().map(|p| p.metadata.name).collect()
    }

    pub fn pod(&self, name: &str) -> Pod {
        self.c
            .api
            .get::<Pod>(&self.ns, name)
            .cloned()
            .unwrap_or_else(|| panic!("pod {name} exists"))
    }

    pub fn try_pod(&self, name: &str) -> Option<Pod> {
        self.c.api.get::<Pod>(&self.ns, name).cloned()
    }

    pub fn claims(&self) -> Vec<PersistentVolumeClaim> {
        let mut v: Vec<PersistentVolumeClaim> = self
            .c
            .api
            .list::<PersistentVolumeClaim>(Some(&self.ns))
            .cloned()
            .collect();
        v.sort_by_key(|c| {
            let (_, o) = utils::get_parent_name_and_ordinal(&c.metadata.name);
            (o, c.metadata.name.clone())
        });
        v
    }

    pub fn claim_names(&self) -> Vec<String> {
        self.claims().into_iter().map(|c| c.metadata.name).collect()
    }

    /// Claims not being deleted (a deleted claim may wait for its pvc-protection finalizer).
    pub fn live_claim_names(&self) -> Vec<String> {
        self.claims()
            .into_iter()
            .filter(|c| c.metadata.deletion_timestamp.is_none())
            .map(|c| c.metadata.name)
            .collect()
    }

    pub fn claim(&self, name: &str) -> PersistentVolumeClaim {
        self.c
            .api
            .get::<PersistentVolumeClaim>(&self.ns, name)
            .cloned()
            .unwrap_or_else(|| panic!("claim {name}"))
    }

    pub fn revisions(&self) -> Vec<ControllerRevision> {
        let mut v: Vec<ControllerRevision> = self
            .c
            .api
            .list::<ControllerRevision>(Some(&self.ns))
            .cloned()
            .collect();
        v.sort_by_key(|r| r.revision);
        v
    }

    /// Events as (reason, message).
    pub fn event_msgs(&self) -> Vec<(String, String)> {
        self.events
            .iter()
            .map(|(_, r, m)| (r.clone(), m.clone()))
            .collect()
    }

    pub fn reasons(&self) -> Vec<String> {
        self.events.iter().map(|(_, r, _)| r.clone()).collect()
    }

    /// `pod_log` as lines: "ADDED foo-3", "DELETED foo-2", ...
    pub fn pod_log_lines(&self) -> Vec<String> {
        self.pod_log
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect()
    }

    pub fn clear_events(&mut self) {
        self.events.clear();
        self.pod_log.clear();
    }

    // ----- playing the kubelet ---------------------------------------------------------------

    fn write_pod_status(&mut self, name: &str, f: impl FnOnce(&mut Pod)) {
        let mut p = self.pod(name);
        f(&mut p);
        self.c
            .update_status(Object::Pod(p))
            .expect("pod status write");
        self.pull();
    }

    pub fn set_phase(&mut self, name: &str, phase: &str) {
        self.write_pod_status(name, |p| p.status.phase = phase.into());
    }

    /// Ready condition with lastTransitionTime `at` (ms) — in the past to make pods available.
    pub fn set_ready_at(&mut self, name: &str, ready: bool, at: u64) {
        self.write_pod_status(name, |p| {
            p.status.conditions.retain(|c| c.type_ != "Ready");
            p.status.conditions.push(Condition {
                type_: "Ready".into(),
                status: if ready { "True" } else { "False" }.into(),
                last_transition_time: Some(Timestamp(at)),
                ..Default::default()
            });
        });
    }

    pub fn set_ready(&mut self, name: &str, ready: bool) {
        let now = self.c.now;
        self.set_ready_at(name, ready, now);
    }

    /// Running and Ready at once.
    pub fn make_healthy(&mut self, name: &str) {
        self.set_phase(name, "Running");
        self.set_ready(name, true);
    }

    /// One lifecycle step: Pending → Running → Ready. Returns false if the pod is already
    /// Running and Ready (or in a terminal phase).
    pub fn advance(&mut self, name: &str) -> bool {
        let p = self.pod(name);
        match (p.status.phase.as_str(), p.is_ready()) {
            ("" | "Pending", _) => self.set_phase(name, "Running"),
            ("Running", false) => self.set_ready(name, true),
            _ => return false,
        }
        true
    }

    /// Keeps a pod Terminating after deletion until `release`.
    pub fn hold(&mut self, name: &str) {
        let mut p = self.pod(name);
        if !p.metadata.finalizers.iter().any(|f| f == HOLD) {
            p.metadata.finalizers.push(HOLD.into());
            self.c.update(Object::Pod(p)).expect("add hold finalizer");
            self.pull();
        }
    }

    pub fn hold_all(&mut self) {
        for n in self.pod_names() {
            self.hold(&n);
        }
    }

    /// Removes the hold; a Terminating pod then disappears.
    pub fn release(&mut self, name: &str) {
        if let Some(mut p) = self.try_pod(name) {
            p.metadata.finalizers.retain(|f| f != HOLD);
            self.c
                .update(Object::Pod(p))
                .expect("remove hold finalizer");
            self.pull();
        }
    }

    /// Deletes a pod as a user would (kept Terminating if held).
    pub fn delete_pod(&mut self, name: &str) -> Result<Object, ApiError> {
        let ns = self.ns.clone();
        let r = self
            .c
            .delete(Kind::Pod, &ns, name, &DeleteOptions::default());
        self.pull();
        r
    }

    /// The pod object disappears from the API (force delete; holds are dropped first).
    pub fn vanish(&mut self, name: &str) {
        self.release(name);
        if self.try_pod(name).is_some() {
            let ns = self.ns.clone();
            let opts = DeleteOptions {
                grace_period_seconds: Some(0),
                ..Default::default()
            };
            self.c
                .delete(Kind::Pod, &ns, name, &opts)
                .expect("force delete");
        }
        self.pull();
    }

    /// Terminating pods that are held.
    pub fn terminating(&self) -> Vec<String> {
        self.pods()
            .into_iter()
            .filter(|p| p.metadata.deletion_timestamp.is_some())
            .map(|p| p.metadata.name)
            .collect()
    }

    // ----- the user's side -----------------------------------------------------------------

    pub fn update_set(&mut self, f: impl FnOnce(&mut StatefulSet)) -> Result<Object, ApiError> {
        let mut s = self.set();
        f(&mut s);
        let r = self.c.update(Object::StatefulSet(s));
        self.pull();
        r
    }

    pub fn scale(&mut self, n: i32) {
        self.update_set(|s| s.spec.replicas = Some(n))
            .expect("scale");
    }

    pub fn set_image(&mut self, image: &str) {
        self.update_set(|s| s.spec.template.spec.containers[0].image = image.into())
            .expect("image");
    }

    pub fn image_of(&self, name: &str) -> String {
        self.pod(name).spec.containers[0].image.clone()
    }

    pub fn revision_of(&self, name: &str) -> String {
        utils::pod_revision(&self.pod(name)).to_string()
    }

    // ----- converging ------------------------------------------------------------------------

    fn fingerprint(&self) -> Vec<(String, String, String)> {
        self.pods()
            .into_iter()
            .map(|p| (p.metadata.name, p.metadata.uid, p.metadata.resource_version))
            .collect()
    }

    /// Like upstream's scaleUpStatefulSetControl/updateStatefulSetControl: sync, then move the
    /// lowest unhealthy pod one step (or let one held Terminating pod go), until a sync changes
    /// nothing and every pod is Running and Ready. Returns the number of syncs.
    pub fn converge(&mut self) -> usize {
        self.converge_with(|_| {})
    }

    /// `converge` with a check run after every sync (for invariants).
    pub fn converge_with(&mut self, check: impl FnMut(&Driver)) -> usize {
        self.try_converge_with(check).unwrap_or_else(|| {
            panic!(
                "did not converge: pods {:?}, status {:?}",
                self.pod_names(),
                self.status()
            )
        })
    }

    /// `converge_with`, but None when 5,000 rounds do not settle the set.
    pub fn try_converge_with(&mut self, mut check: impl FnMut(&Driver)) -> Option<usize> {
        for i in 1..=5_000 {
            let before = self.fingerprint();
            let _ = self.sync();
            check(self);
            let changed = before != self.fingerprint();
            let pods = self.pods();
            if let Some(t) = pods
                .iter()
                .rev()
                .find(|p| p.metadata.deletion_timestamp.is_some())
            {
                let n = t.metadata.name.clone();
                self.release(&n);
                continue;
            }
            let unready: Vec<String> = pods
                .iter()
                .filter(|p| !utils::is_running_and_ready(p))
                .map(|p| p.metadata.name.clone())
                .collect();
            match unready.first() {
                Some(_) => {
                    // Start the lowest pod that can be: Failed/Succeeded pods are the
                    // controller's to delete, and a kubelet starts the pods behind them anyway
                    // (an OrderedReady set may be waiting for one of those).
                    let _ = unready.iter().any(|n| self.advance(n));
                }
                // Settled only with exactly the set's ordinals: the right count of the wrong
                // pods (foo-1 while foo-0 waits for a stale claim to go) is not.
                None if !changed && self.has_exactly_the_range() => return Some(i),
                // Stuck (e.g. a stale claim waiting for the garbage collector): let time pass.
                None if !changed => {
                    self.c.advance_by(1_000).expect("advance");
                    self.pull();
                }
                None => {}
            }
        }
        None
    }

    /// The pod names the set's spec asks for, in ordinal order.
    pub fn range_names(&self) -> Vec<String> {
        let set = self.set();
        (utils::start_ordinal(&set)..=utils::end_ordinal(&set))
            .map(|o| format!("{}-{o}", self.name))
            .collect()
    }

    /// Whether the pods are exactly `range_names` (in any order).
    fn has_exactly_the_range(&self) -> bool {
        let mut have = self.pod_names();
        let mut want = self.range_names();
        have.sort();
        want.sort();
        have == want
    }

    /// Pod name → controller-revision-hash.
    pub fn revisions_by_pod(&self) -> BTreeMap<String, String> {
        self.pods()
            .into_iter()
            .map(|p| (p.metadata.name.clone(), utils::pod_revision(&p).to_string()))
            .collect()
    }
}

/// `[prefix-a, prefix-b, ...]`.
pub fn names(prefix: &str, ordinals: impl IntoIterator<Item = i64>) -> Vec<String> {
    ordinals
        .into_iter()
        .map(|o| format!("{prefix}-{o}"))
        .collect()
}

pub fn ev(reason: &str, message: &str) -> (String, String) {
    (reason.to_string(), message.to_string())
}
