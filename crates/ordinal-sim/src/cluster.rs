//! The simulated cluster: API server, components, timers and one seeded random source.
//! Everything advances only when the caller moves time forward.

use crate::api::{
    Kind, Namespace, Node, NodeAddress, NodeSystemInfo, Object, ObjectMeta, StorageClass,
};
use crate::apiserver::{ApiError, ApiServer, DeleteOptions, WatchEvent};
use crate::controller::{components, Ctx, Timer, Timers};
use crate::features::Features;
use crate::rng::Rng;
use crate::time::Millis;
use crate::timing::TimingProfile;
use std::collections::BTreeMap;

/// How a fresh cluster looks.
#[derive(Clone, Debug)]
pub struct ClusterConfig {
    pub seed: u64,
    pub nodes: usize,
    pub timing: TimingProfile,
    pub features: Features,
    /// Most timers processed by one `advance_to` call.
    pub max_steps_per_call: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            seed: 1,
            nodes: 3,
            timing: TimingProfile::realistic(),
            features: Features::default(),
            max_steps_per_call: 2_000_000,
        }
    }
}

/// The most nodes a simulated cluster may have.
pub const MAX_NODES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    /// `advance_to` hit `max_steps_per_call`; time stopped at `reached`.
    StepLimit { reached: Millis },
    /// Time only moves forward.
    TimeTravel { now: Millis, requested: Millis },
    /// A seek before the earliest instant the simulation still keeps; it went there instead.
    Trimmed { earliest: Millis, requested: Millis },
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::StepLimit { reached } => write!(
                f,
                "simulation step limit reached at t={reached}ms; advance again to continue"
            ),
            SimError::TimeTravel { now, requested } => write!(
                f,
                "cannot move simulated time backwards (now {now}ms, requested {requested}ms)"
            ),
            SimError::Trimmed {
                earliest,
                requested,
            } => write!(
                f,
                "the timeline before t={earliest}ms was dropped to bound memory; showing t={earliest}ms instead of t={requested}ms"
            ),
        }
    }
}

/// Generates `Cluster` with one field per component, the borrow of all components next to a
/// `Ctx`, and the fan-out of watch events and timers, from the list in `components!`.
macro_rules! cluster {
    ($($field:ident: $ty:ty => $variant:ident($work:ty)),* $(,)?) => {
        #[derive(Clone, Debug)]
        pub struct Cluster {
            pub now: Millis,
            pub api: ApiServer,
            pub rng: Rng,
            pub timing: TimingProfile,
            pub timers: Timers,
            $(pub $field: $ty,)*
            pub max_steps_per_call: u64,
            /// Timers processed since creation.
            pub steps: u64,
        }

        /// Every component, borrowed beside the `Ctx` they share.
        struct Parts<'a> {
            $($field: &'a mut $ty,)*
        }

        impl Cluster {
            /// The cluster at time 0 with fresh components and nothing in the API server.
            fn empty(api: ApiServer, config: &ClusterConfig) -> Cluster {
                Cluster {
                    now: 0,
                    api,
                    rng: Rng::new(config.seed),
                    timing: config.timing.clone(),
                    timers: Timers::default(),
                    $($field: Default::default(),)*
                    max_steps_per_call: config.max_steps_per_call,
                    steps: 0,
                }
            }

            fn ctx(&mut self) -> (Ctx<'_>, Parts<'_>) {
                let Cluster { now, api, rng, timing, timers, $($field,)* .. } = self;
                (
                    Ctx { now: *now, api, timers, rng, timing },
                    Parts { $($field,)* },
                )
            }
        }

        impl Parts<'_> {
            /// Delivers one watch event to every component, in list order.
            fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
                $(self.$field.on_watch(ev, ctx);)*
            }

            /// Runs a timer on the component it belongs to.
            fn on_timer(&mut self, timer: Timer, ctx: &mut Ctx) {
                match timer {
                    $(Timer::$variant(w) => self.$field.on_timer(w, ctx),)*
                }
            }
        }
    };
}
components!(cluster);

impl Cluster {
    /// An empty cluster with the `default` namespace, `config.nodes` ready nodes and a default
    /// StorageClass `standard` (dynamic provisioning, WaitForFirstConsumer, like kind).
    pub fn new(config: ClusterConfig) -> Cluster {
        let mut api = ApiServer::new(config.seed);
        api.features = config.features.clone();
        let mut c = Cluster::empty(api, &config);
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let obj = Object::Namespace(Namespace {
                metadata: ObjectMeta::named("", ns),
                status: crate::api::NamespaceStatus {
                    phase: "Active".into(),
                },
            });
            c.create(obj).expect("bootstrap namespace");
        }
        let mut sc = StorageClass {
            metadata: ObjectMeta::named("", "standard"),
            provisioner: "rancher.io/local-path".into(),
            reclaim_policy: Some("Delete".into()),
            volume_binding_mode: Some("WaitForFirstConsumer".into()),
            allow_volume_expansion: None,
        };
        sc.metadata
            .annotations
            .insert(crate::api::DEFAULT_CLASS_ANNOTATION.into(), "true".into());
        c.create(Object::StorageClass(sc))
            .expect("bootstrap storage class");
        for svc in bootstrap_services() {
            c.create(Object::Service(svc)).expect("bootstrap service");
        }
        for i in 1..=config.nodes.min(MAX_NODES) {
            c.add_node(&format!("node-{i}")).expect("bootstrap node");
        }
        c
    }

    /// Registers a node as its kubelet would: Ready, with an InternalIP and a pod CIDR.
    pub fn add_node(&mut self, name: &str) -> Result<Object, ApiError> {
        // The name first, as a kubelet's registration fails on it before labels derived from
        // it (kubernetes.io/hostname) could be judged.
        crate::apiserver::validation::validate_create(&Object::Node(Node {
            metadata: ObjectMeta::named("", name),
            ..Default::default()
        }))?;
        // The lowest pod CIDR index no current node uses (a re-added node must not reuse a
        // live node's addresses).
        let used: Vec<String> = self
            .api
            .store
            .list::<Node>(None)
            .map(|n| n.spec.pod_cidr.clone())
            .collect();
        let n = (1..)
            .find(|i| !used.contains(&format!("10.244.{i}.0/24")))
            .unwrap_or(1);
        let mut node = Node {
            metadata: ObjectMeta::named("", name),
            ..Default::default()
        };
        let labels = &mut node.metadata.labels;
        labels.insert("kubernetes.io/hostname".into(), name.into());
        labels.insert("kubernetes.io/os".into(), "linux".into());
        labels.insert("kubernetes.io/arch".into(), "amd64".into());
        node.spec.pod_cidr = format!("10.244.{n}.0/24");
        node.status.addresses = vec![
            NodeAddress {
                type_: "InternalIP".into(),
                address: format!("172.18.0.{}", n + 1),
            },
            NodeAddress {
                type_: "Hostname".into(),
                address: name.into(),
            },
        ];
        let cap: BTreeMap<String, String> = [("cpu", "4"), ("memory", "8Gi"), ("pods", "110")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        node.status.capacity = cap.clone();
        node.status.allocatable = cap;
        node.status.node_info = NodeSystemInfo {
            kubelet_version: format!("v1.{}.0", self.features().minor),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            kernel_version: "6.1.0-27-amd64".into(),
            container_runtime_version: "containerd://1.7.24".into(),
            architecture: "amd64".into(),
            operating_system: "linux".into(),
        };
        node.status.conditions = vec![crate::api::Condition {
            type_: "Ready".into(),
            status: "True".into(),
            last_transition_time: Some(crate::time::Timestamp(self.now)),
            last_heartbeat_time: Some(crate::time::Timestamp(self.now)),
            reason: "KubeletReady".into(),
            message: "kubelet is posting ready status".into(),
        }];
        self.create(Object::Node(node))
    }

    /// Runs `f` with the kubelets and a component context, then delivers the watch events it
    /// caused (used by the simulation controls).
    pub(crate) fn with_kubelets<R>(
        &mut self,
        f: impl FnOnce(&mut crate::controller::kubelet::Kubelets, &mut Ctx<'_>) -> R,
    ) -> R {
        let (mut ctx, p) = self.ctx();
        let r = f(p.kubelet, &mut ctx);
        self.settle();
        r
    }

    /// The feature gates and version. The API server owns them: it defaults, drops and
    /// validates fields by them.
    pub fn features(&self) -> &Features {
        &self.api.features
    }

    /// Delivers every pending watch event to every component (they only schedule work).
    pub fn settle(&mut self) {
        loop {
            let events = self.api.drain_watch();
            if events.is_empty() {
                return;
            }
            let (mut ctx, mut p) = self.ctx();
            for ev in &events {
                p.on_watch(ev, &mut ctx);
            }
        }
    }

    fn run_timer(&mut self, timer: Timer) {
        let (mut ctx, mut p) = self.ctx();
        p.on_timer(timer, &mut ctx);
    }

    /// When the cluster next has something to do, if anything.
    pub fn next_wake(&self) -> Option<Millis> {
        self.timers.next_at()
    }

    /// Runs every timer due up to `t` in order, then sets the clock to `t`.
    pub fn advance_to(&mut self, t: Millis) -> Result<(), SimError> {
        if t < self.now {
            return Err(SimError::TimeTravel {
                now: self.now,
                requested: t,
            });
        }
        self.settle();
        let mut budget = self.max_steps_per_call;
        while let Some((at, timer)) = self.timers.pop_due(t) {
            if budget == 0 {
                self.timers.schedule(at, timer);
                return Err(SimError::StepLimit { reached: self.now });
            }
            budget -= 1;
            self.steps += 1;
            self.now = at;
            self.api.expire_events(at);
            self.run_timer(timer);
            self.settle();
        }
        self.api.expire_events(t);
        self.now = t;
        Ok(())
    }

    /// Processes the next due timer (and everything at the same instant); returns the new time.
    pub fn step(&mut self) -> Option<Millis> {
        let at = self.next_wake()?;
        self.advance_to(at).ok()?;
        Some(at)
    }

    pub fn advance_by(&mut self, ms: Millis) -> Result<(), SimError> {
        self.advance_to(self.now.saturating_add(ms))
    }

    // ----- the StatefulSet controller, driven by hand (tests, the UI's step mode) --------------

    /// Runs one StatefulSet sync for `namespace/name` now, then delivers the watch events.
    pub fn sync_statefulset(
        &mut self,
        namespace: &str,
        name: &str,
    ) -> Result<(), crate::controller::statefulset::SyncError> {
        let (mut ctx, p) = self.ctx();
        let r = p.statefulset.sync_now(namespace, name, &mut ctx);
        self.settle();
        r
    }

    /// Pauses (true) or resumes (false) the StatefulSet controller's work queue.
    pub fn pause_statefulset_controller(&mut self, paused: bool) {
        if paused {
            self.statefulset.queue.pause();
        } else {
            let (mut ctx, p) = self.ctx();
            p.statefulset.resume(&mut ctx);
        }
    }

    // ----- the ReplicaSet controller (and replication manager), driven by hand -----------------

    /// Runs one sync of the ReplicaSet (`Kind::ReplicaSet`) or ReplicationController
    /// (`Kind::ReplicationController`) `namespace/name` now, then delivers the watch events.
    pub fn sync_replicaset(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Result<(), crate::controller::error::SyncError> {
        let (mut ctx, p) = self.ctx();
        let r = if kind == Kind::ReplicationController {
            p.replication.sync_now(namespace, name, &mut ctx)
        } else {
            p.replicaset.sync_now(namespace, name, &mut ctx)
        };
        self.settle();
        r
    }

    /// What the last sync of a ReplicaSet or ReplicationController decided (RS9).
    pub fn explain_replicaset(
        &self,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Option<&crate::controller::replicaset::Explanation> {
        if kind == Kind::ReplicationController {
            self.replication.explain(namespace, name)
        } else {
            self.replicaset.explain(namespace, name)
        }
    }

    /// Pauses (true) or resumes (false) both ReplicaSet controllers' work queues.
    pub fn pause_replicaset_controllers(&mut self, paused: bool) {
        if paused {
            self.replicaset.queue.pause();
            self.replication.queue.pause();
        } else {
            let (mut ctx, p) = self.ctx();
            p.replicaset.resume(&mut ctx);
            p.replication.resume(&mut ctx);
        }
    }

    // ----- user-facing writes (kubectl, the UI, tests) ---------------------------------------

    pub fn create(&mut self, obj: Object) -> Result<Object, ApiError> {
        let r = self.api.create(obj, self.now);
        self.settle();
        r
    }

    pub fn update(&mut self, obj: Object) -> Result<Object, ApiError> {
        let r = self.api.update(obj, self.now);
        self.settle();
        r
    }

    /// Writes `spec.replicas` through the `/scale` subresource; returns the scaled object.
    pub fn update_scale(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        replicas: i32,
    ) -> Result<Object, ApiError> {
        let r = self
            .api
            .update_scale_for(kind, namespace, name, replicas, self.now)
            .and_then(|_| {
                self.api
                    .store
                    .get_object(kind, namespace, name)
                    .cloned()
                    .ok_or_else(ApiError::internal)
            });
        self.settle();
        r
    }

    pub fn update_status(&mut self, obj: Object) -> Result<Object, ApiError> {
        let r = self.api.update_status(obj, self.now);
        self.settle();
        r
    }

    pub fn delete(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        opts: &DeleteOptions,
    ) -> Result<Object, ApiError> {
        let r = self.api.delete(kind, namespace, name, opts, self.now);
        self.settle();
        r
    }
}

/// The Services every cluster starts with: `kubernetes` (the API server) and `kube-dns`
/// (cluster DNS, answering at 10.96.0.10 as in `/etc/resolv.conf`).
fn bootstrap_services() -> [crate::api::Service; 2] {
    use crate::api::{IntOrString, Service, ServicePort};
    let port = |name: &str, protocol: &str, port: i32, target: IntOrString| ServicePort {
        name: name.into(),
        protocol: protocol.into(),
        port,
        target_port: Some(target),
    };
    let labels = |pairs: &[(&str, &str)]| -> crate::api::Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let mut api = Service {
        metadata: ObjectMeta::named("default", "kubernetes"),
        ..Default::default()
    };
    api.metadata.labels = labels(&[("component", "apiserver"), ("provider", "kubernetes")]);
    api.spec.cluster_ip = "10.96.0.1".into();
    api.spec.ports = vec![port("https", "TCP", 443, IntOrString::Int(6443))];
    let mut dns = Service {
        metadata: ObjectMeta::named("kube-system", "kube-dns"),
        ..Default::default()
    };
    dns.metadata.labels = labels(&[
        ("k8s-app", "kube-dns"),
        ("kubernetes.io/cluster-service", "true"),
        ("kubernetes.io/name", "CoreDNS"),
    ]);
    dns.spec.cluster_ip = "10.96.0.10".into();
    dns.spec.selector = labels(&[("k8s-app", "kube-dns")]);
    dns.spec.ports = vec![
        port("dns", "UDP", 53, IntOrString::Int(53)),
        port("dns-tcp", "TCP", 53, IntOrString::Int(53)),
        port("metrics", "TCP", 9153, IntOrString::Int(9153)),
    ];
    [api, dns]
}
