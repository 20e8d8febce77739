//! The benchmark scenarios, shared by `benches/sim.rs` (timed), `examples/profile_scenario.rs`
//! and `tests/sim/bench_scenarios.rs` (a small-scale smoke run in the normal test suite, so the
//! benchmarks cannot silently rot).
//!
//! Every scenario starts from a fresh cluster with `TimingProfile::fast()`. The pods are one
//! nginx container each, no probe (Ready as soon as the container started), governed by a
//! headless Service `web` (so EndpointSlices and DNS follow every pod).

use super::builders::{claim_template, fast_config, headless};
use crate::api::{
    Container, ContainerPort, LabelSelector, Labels, Node, Object, ObjectMeta, Probe, Service,
    StatefulSet, StatefulSetUpdateStrategy, VolumeMount,
};
use crate::controls::SimAction;
use crate::{Cluster, Input, Millis, Simulation};

pub const NGINX: &str = "nginx:1.27";
pub const NGINX_NEW: &str = "nginx:1.28";

/// Nodes for `replicas` pods: one per 100 pods (at least 3, at most the simulator's 64).
pub fn nodes_for(replicas: usize) -> usize {
    replicas.div_ceil(100).clamp(3, crate::cluster::MAX_NODES)
}

/// Pods per node: the default 110 unless the nodes need more (10,000 pods on 64 nodes).
pub fn pods_per_node(replicas: usize) -> usize {
    (replicas.div_ceil(nodes_for(replicas)) + 10).max(110)
}

/// The etcd quota for `replicas` pods: the shipped one, or 8 KiB a pod when that is more.
pub fn quota_for(replicas: usize) -> usize {
    crate::apiserver::size::QUOTA_BYTES.max(replicas * 8 * 1024)
}

/// A fresh cluster sized for `replicas` pods, with the headless Service `web` in place.
pub fn cluster_for(replicas: usize, seed: u64) -> Cluster {
    let mut c = Cluster::new(fast_config(seed, nodes_for(replicas)));
    // A Running pod is about 2.5 KB of JSON: 10,000 of them overflow the 24 MiB quota the
    // browser's memory budget sets, and every status write that grows a pod is refused
    // ("database space exceeded"), so none gets Ready. Benchmarks measure the controllers,
    // not that bound: give them room (upstream's default quota is 2 GB).
    c.api.limits.quota_bytes = quota_for(replicas);
    let pods = pods_per_node(replicas);
    if pods != 110 {
        let nodes: Vec<Node> = c.api.list::<Node>(None).cloned().collect();
        for mut n in nodes {
            n.status.capacity.insert("pods".into(), pods.to_string());
            n.status.allocatable.insert("pods".into(), pods.to_string());
            c.update_status(Object::Node(n))
                .expect("raise pod capacity");
        }
    }
    c.create(Object::Service(headless_service()))
        .expect("create service");
    c
}

fn labels() -> Labels {
    [("app".to_string(), "web".to_string())].into()
}

/// The governing headless Service `web` (selects app=web, port 80 named `http`).
pub fn headless_service() -> Service {
    let mut s = headless("web", "web");
    s.spec.ports[0].name = "http".into();
    s
}

/// StatefulSet `web` with `replicas` nginx pods under `policy` (Parallel / OrderedReady).
pub fn web_set(replicas: i32, policy: &str) -> StatefulSet {
    let mut s = StatefulSet {
        metadata: ObjectMeta::named("default", "web"),
        ..Default::default()
    };
    s.spec.replicas = Some(replicas);
    s.spec.selector = Some(LabelSelector {
        match_labels: labels(),
        ..Default::default()
    });
    s.spec.service_name = "web".into();
    s.spec.pod_management_policy = policy.into();
    s.spec.template.metadata.labels = labels();
    s.spec.template.spec.containers.push(Container {
        name: "nginx".into(),
        image: NGINX.into(),
        ports: vec![ContainerPort {
            name: "http".into(),
            container_port: 80,
            ..Default::default()
        }],
        ..Default::default()
    });
    s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: None,
    });
    s
}

pub fn set(c: &Cluster) -> &StatefulSet {
    c.api
        .get::<StatefulSet>("default", "web")
        .expect("statefulset web")
}

/// Changes the set like `kubectl edit` would (a read-modify-write through the API server).
pub fn edit(c: &mut Cluster, f: impl FnOnce(&mut StatefulSet)) {
    let mut s = set(c).clone();
    f(&mut s);
    c.update(Object::StatefulSet(s))
        .expect("update statefulset");
}

/// Runs the cluster timer by timer until `done` holds; panics after `max_ms` simulated time.
/// Returns the simulated instant it first held (exact, unlike `node::poll_until`'s steps).
pub fn run_timers_until(
    c: &mut Cluster,
    max_ms: Millis,
    done: impl Fn(&Cluster) -> bool,
) -> Millis {
    let end = c.now + max_ms;
    while !done(c) {
        match c.next_wake() {
            Some(t) if t <= end => {
                c.advance_to(t).expect("advance");
            }
            _ => panic!(
                "goal not reached within {max_ms} ms of simulated time (now {} ms, status {:?})",
                c.now,
                set(c).status
            ),
        }
    }
    c.now
}

pub fn all_ready(c: &Cluster, n: i32) -> bool {
    let s = set(c);
    s.status.ready_replicas == n && s.status.observed_generation == Some(s.metadata.generation)
}

/// The controller has seen the latest spec and every pod runs the update revision.
pub fn rolled_out(c: &Cluster) -> bool {
    let s = set(c);
    let st = &s.status;
    st.observed_generation == Some(s.metadata.generation)
        && !st.update_revision.is_empty()
        && st.current_revision == st.update_revision
}

/// Setup for a scale-up: a fresh cluster with set `web` at 0 replicas.
pub fn empty_set(replicas: usize, policy: &str) -> Cluster {
    let mut c = cluster_for(replicas, 1);
    c.create(Object::StatefulSet(web_set(0, policy)))
        .expect("create statefulset");
    c.settle();
    c
}

/// Scenarios 1–3: scale `web` from 0 to `n` and run until every replica is Ready.
pub fn scale_up(c: &mut Cluster, n: i32) -> Millis {
    let start = c.now;
    edit(c, |s| s.spec.replicas = Some(n));
    // A minute of simulated time per 100 pods is far more than any policy needs.
    run_timers_until(c, 60_000 + n as u64 * 600, |c| all_ready(c, n)) - start
}

/// Setup for a rolling update: `n` Parallel pods, all Ready.
pub fn ready_set(n: i32) -> Cluster {
    let mut c = empty_set(n as usize, "Parallel");
    scale_up(&mut c, n);
    c
}

/// Scenario 4: change the image and run until currentRevision == updateRevision (pods are
/// replaced one at a time, highest ordinal first, each waiting for its successor's readiness).
pub fn rolling_update(c: &mut Cluster) -> Millis {
    let start = c.now;
    edit(c, |s| {
        s.spec.template.spec.containers[0].image = NGINX_NEW.into()
    });
    let n = set(c).replicas() as u64;
    run_timers_until(c, 60_000 + n * 5_000, rolled_out) - start
}

// ----- scenario 5: a recorded one-hour timeline ---------------------------------------------

pub const HOUR_MS: Millis = 3_600_000;

fn minutes(m: u64) -> Millis {
    m * 60_000
}

/// A one-hour trace of an OrderedReady set of 20 pods with claims and a readiness probe:
/// a rolling update, scale down and up, a node cut off for ten minutes, another update.
pub fn one_hour_trace() -> Simulation {
    let mut sim = Simulation::new(fast_config(7, 3));
    let apply = |sim: &mut Simulation, input: Input| {
        sim.apply(input).expect("apply input");
    };
    let mut s = web_set(20, "OrderedReady");
    let c = &mut s.spec.template.spec.containers[0];
    c.readiness_probe = Some(Probe {
        http_get: Some(crate::api::HttpGetAction {
            path: "/".into(),
            port: crate::api::IntOrString::Int(80),
            scheme: String::new(),
        }),
        period_seconds: Some(5),
        ..Default::default()
    });
    c.volume_mounts.push(VolumeMount {
        name: "data".into(),
        mount_path: "/data".into(),
        read_only: false,
    });
    s.spec
        .volume_claim_templates
        .push(claim_template("data", "1Gi"));

    apply(&mut sim, Input::Create(Object::Service(headless_service())));
    apply(&mut sim, Input::Create(Object::StatefulSet(s)));
    let edit = |sim: &mut Simulation, at: Millis, f: &dyn Fn(&mut StatefulSet)| {
        sim.advance_to(at).expect("advance");
        let mut s = set(sim.cluster()).clone();
        f(&mut s);
        sim.apply(Input::Update(Object::StatefulSet(s)))
            .expect("update statefulset");
    };
    edit(&mut sim, minutes(5), &|s| {
        s.spec.template.spec.containers[0].image = NGINX_NEW.into()
    });
    edit(&mut sim, minutes(15), &|s| s.spec.replicas = Some(10));
    edit(&mut sim, minutes(20), &|s| s.spec.replicas = Some(25));
    sim.advance_to(minutes(30)).expect("advance");
    apply(
        &mut sim,
        Input::Sim(SimAction::CutOffNode {
            node: "node-2".into(),
        }),
    );
    sim.advance_to(minutes(40)).expect("advance");
    apply(
        &mut sim,
        Input::Sim(SimAction::ReconnectNode {
            node: "node-2".into(),
        }),
    );
    edit(&mut sim, minutes(45), &|s| {
        s.spec.template.spec.containers[0].image = NGINX.into()
    });
    edit(&mut sim, minutes(50), &|s| s.spec.replicas = Some(20));
    sim.advance_to(HOUR_MS).expect("advance");
    sim
}

/// Seeded instants in `[0, HOUR_MS]` for the seek benchmark (xorshift; no OS randomness).
pub struct Instants(u64);

impl Instants {
    pub fn new(seed: u64) -> Self {
        Instants(seed.max(1))
    }

    pub fn next_instant(&mut self) -> Millis {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % (HOUR_MS + 1)
    }
}

// ----- scenarios 6 and 7: cost follows the objects that exist --------------------------------

/// Scenario 6: an OrderedReady set `web` that asks for `desired` replicas on a default cluster
/// (3 nodes, realistic timing), run for `ms` of simulated time: only the pods OrderedReady has
/// reached by then exist (about 190 in ten minutes), however large `desired` is.
pub fn desired_replicas(desired: i32, ms: Millis) -> Cluster {
    let mut c = Cluster::new(crate::ClusterConfig::default());
    c.create(Object::Service(headless_service()))
        .expect("create service");
    c.create(Object::StatefulSet(web_set(desired, "OrderedReady")))
        .expect("create statefulset");
    c.advance_by(ms).expect("advance");
    c
}

/// Scenario 7: `sets` OrderedReady sets of `replicas` pods, each with its own headless Service
/// and a claim per pod, created at once on a default cluster and run for `ms`.
pub fn many_sets(sets: usize, replicas: i32, ms: Millis) -> Cluster {
    let mut c = Cluster::new(crate::ClusterConfig::default());
    for i in 0..sets {
        let name = format!("s{i}");
        let labels: Labels = [("app".to_string(), name.clone())].into();
        c.create(Object::Service(headless(&name, &name)))
            .expect("create service");
        let mut s = web_set(replicas, "OrderedReady");
        s.metadata.name = name.clone();
        s.spec.service_name = name;
        s.spec.selector = Some(LabelSelector {
            match_labels: labels.clone(),
            ..Default::default()
        });
        s.spec.template.metadata.labels = labels;
        s.spec.template.spec.containers[0]
            .volume_mounts
            .push(VolumeMount {
                name: "www".into(),
                mount_path: "/usr/share/nginx/html".into(),
                read_only: false,
            });
        s.spec
            .volume_claim_templates
            .push(claim_template("www", "1Gi"));
        c.create(Object::StatefulSet(s))
            .expect("create statefulset");
    }
    c.advance_by(ms).expect("advance");
    c
}

// ----- scenarios 8 and 9: a Deployment (cattle) of n replicas ---------------------------------

/// Deployment `web`: n nginx pods labelled app=web (so the headless Service `web` of
/// `cluster_for` selects them), the default RollingUpdate strategy (25 % surge, 25 % unavailable).
pub fn web_deployment(replicas: i32) -> crate::api::Deployment {
    let mut d = crate::api::Deployment {
        metadata: ObjectMeta::named("default", "web"),
        ..Default::default()
    };
    d.spec.replicas = Some(replicas);
    d.spec.selector = Some(LabelSelector {
        match_labels: labels(),
        ..Default::default()
    });
    d.spec.template = web_set(0, "Parallel").spec.template;
    d
}

pub fn deployment(c: &Cluster) -> &crate::api::Deployment {
    c.api
        .get::<crate::api::Deployment>("default", "web")
        .expect("deployment web")
}

/// What `kubectl rollout status deployment/web` waits for: the latest spec observed, every
/// replica updated and available, none of the old ones left.
pub fn deployment_rolled_out(c: &Cluster) -> bool {
    let d = deployment(c);
    let st = &d.status;
    let n = d.spec.replicas.unwrap_or(1);
    st.observed_generation == Some(d.metadata.generation)
        && st.updated_replicas == n
        && st.replicas == n
        && st.available_replicas == n
}

/// Setup: a fresh cluster sized for `n` pods with Deployment `web` at 0 replicas.
pub fn empty_deployment(n: usize) -> Cluster {
    let mut c = cluster_for(n, 1);
    c.create(Object::Deployment(web_deployment(0)))
        .expect("create deployment");
    c.settle();
    c
}

/// Scenario 8: scale Deployment `web` from 0 to `n` until every replica is available (the
/// webernetes peer benchmark's workload).
pub fn deployment_scale_up(c: &mut Cluster, n: i32) -> Millis {
    let start = c.now;
    let mut d = deployment(c).clone();
    d.spec.replicas = Some(n);
    c.update(Object::Deployment(d)).expect("update deployment");
    run_timers_until(c, 60_000 + n as u64 * 600, deployment_rolled_out) - start
}

/// Setup for scenario 9: Deployment `web` with `n` available pods.
pub fn ready_deployment(n: i32) -> Cluster {
    let mut c = empty_deployment(n as usize);
    deployment_scale_up(&mut c, n);
    c
}

/// Scenario 9: a new image for Deployment `web`, run until the rollout is complete.
pub fn deployment_rolling_update(c: &mut Cluster) -> Millis {
    let start = c.now;
    let mut d = deployment(c).clone();
    d.spec.template.spec.containers[0].image = NGINX_NEW.into();
    let n = d.spec.replicas.unwrap_or(1) as u64;
    c.update(Object::Deployment(d)).expect("update deployment");
    run_timers_until(c, 60_000 + n * 5_000, deployment_rolled_out) - start
}
