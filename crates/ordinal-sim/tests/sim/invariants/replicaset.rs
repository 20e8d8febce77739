//! The ReplicaSet controller's guarantees over random seeds, in a whole running cluster:
//! scaling, pod deletions, bare pods that match, relabelled pods, deletion costs and stopped
//! kubelets, in random order and at random instants.
//!
//! After every step: no pod has two controller references, and every controller reference of a
//! pod names a ReplicaSet or ReplicationController that exists with that UID.
//! Once settled: each ReplicaSet/RC owns exactly `replicas` active pods, every pod it owns
//! matches its selector, and its status says so for its current generation.
//! Per seed: the same inputs give the same pods, names and events (determinism).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controls::SimAction;
use ordinal_sim::rng::Rng;
use ordinal_sim::testing::builders::fast_config;
use ordinal_sim::testing::replicaset::{new_replica_set, new_replication_controller};
use ordinal_sim::Cluster;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Seeds CI runs; more by hand: `ORDINAL_SEEDS=500 cargo test --release -p ordinal-sim --test
/// sim replica_set_invariants`.
const SEEDS: u64 = 40;
const STEPS: usize = 25;
const NODES: usize = 3;

fn app(v: &str) -> Labels {
    [("app".to_string(), v.to_string())].into()
}

/// The controllers under test: (kind, name).
const OWNERS: [(Kind, &str); 3] = [
    (Kind::ReplicaSet, "web"),
    // Selects the same pods as `web`: controller references keep them apart.
    (Kind::ReplicaSet, "overlap"),
    (Kind::ReplicationController, "legacy"),
];

fn setup(rng: &mut Rng, seed: u64) -> Cluster {
    let mut c = Cluster::new(fast_config(seed, NODES));
    let web = new_replica_set("web", 1 + rng.below(4) as i32, &app("web"));
    c.create(Object::ReplicaSet(web)).unwrap();
    let overlap = new_replica_set("overlap", rng.below(3) as i32, &app("web"));
    c.create(Object::ReplicaSet(overlap)).unwrap();
    let legacy = new_replication_controller("legacy", rng.below(3) as i32, &app("legacy"));
    c.create(Object::ReplicationController(legacy)).unwrap();
    c
}

fn pod_names(c: &Cluster) -> Vec<String> {
    c.api
        .list::<Pod>(Some("default"))
        .map(|p| p.metadata.name.clone())
        .collect()
}

fn pick(rng: &mut Rng, v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v[rng.below(v.len() as u64) as usize].clone())
}

fn set_replicas(c: &mut Cluster, kind: Kind, name: &str, n: i32) {
    let now = c.now;
    c.api
        .update_scale_for(kind, "default", name, n, now)
        .unwrap();
    c.settle();
}

fn random_step(c: &mut Cluster, rng: &mut Rng, stopped: &mut BTreeSet<String>, n: usize) -> String {
    match rng.below(7) {
        0 | 1 => {
            let (kind, name) = OWNERS[rng.below(3) as usize];
            let r = rng.below(6) as i32;
            set_replicas(c, kind, name, r);
            format!("scale {name} to {r}")
        }
        2 => match pick(rng, &pod_names(c)) {
            Some(p) => {
                let _ = c.delete(Kind::Pod, "default", &p, &DeleteOptions::default());
                format!("delete {p}")
            }
            None => "nothing to delete".into(),
        },
        3 => {
            let mut p = Pod {
                metadata: ObjectMeta::named("default", &format!("bare-{n}")),
                ..Default::default()
            };
            p.metadata.labels = app(if rng.below(2) == 0 { "web" } else { "legacy" });
            p.spec = new_replica_set("x", 1, &app("x")).spec.template.spec;
            c.create(Object::Pod(p)).unwrap();
            format!("bare pod bare-{n}")
        }
        4 => match pick(rng, &pod_names(c)) {
            Some(name) => {
                let mut p = c.api.get::<Pod>("default", &name).cloned().unwrap();
                if rng.below(2) == 0 {
                    p.metadata.labels = app("debug");
                } else {
                    p.metadata.annotations.insert(
                        "controller.kubernetes.io/pod-deletion-cost".into(),
                        (rng.below(200) as i64 - 100).to_string(),
                    );
                }
                let _ = c.update(Object::Pod(p));
                format!("relabel or annotate {name}")
            }
            None => "nothing to relabel".into(),
        },
        5 => {
            let node = format!("node-{}", 1 + rng.below(NODES as u64));
            let action = if stopped.remove(&node) {
                SimAction::StartKubelet { node: node.clone() }
            } else {
                stopped.insert(node.clone());
                SimAction::StopKubelet { node: node.clone() }
            };
            c.apply_sim(&action).unwrap();
            format!("{action:?}")
        }
        _ => "wait".into(),
    }
}

/// After every step: at most one controller reference per pod, and it resolves.
fn check_refs(c: &Cluster, ctx: &str) {
    for p in c.api.list::<Pod>(Some("default")) {
        let controllers: Vec<&OwnerReference> = p
            .metadata
            .owner_references
            .iter()
            .filter(|r| r.controller == Some(true))
            .collect();
        assert!(
            controllers.len() <= 1,
            "{ctx}: {} has {controllers:?}",
            p.metadata.name
        );
        for r in controllers {
            let kind = Kind::from_name(&r.kind).unwrap();
            let owner = c.api.store.get_object(kind, "default", &r.name);
            assert!(
                owner.is_some_and(|o| o.meta().uid == r.uid),
                "{ctx}: {} names a missing {} {}",
                p.metadata.name,
                r.kind,
                r.name
            );
        }
    }
}

fn as_rs(c: &Cluster, kind: Kind, name: &str) -> ReplicaSet {
    let obj = c.api.store.get_object(kind, "default", name).unwrap();
    match obj {
        Object::ReplicaSet(r) => r.clone(),
        Object::ReplicationController(rc) => {
            ordinal_sim::controller::replicaset::flavor::rs_from_rc(rc)
        }
        _ => unreachable!(),
    }
}

/// Once settled: exactly `replicas` active pods each, all matching, status up to date.
fn check_settled(c: &Cluster, ctx: &str) {
    for (kind, name) in OWNERS {
        let rs = as_rs(c, kind, name);
        let sel = rs.spec.selector.clone().unwrap();
        let owned: Vec<&Pod> = c
            .api
            .list::<Pod>(Some("default"))
            .filter(|p| {
                p.metadata
                    .controller_ref()
                    .is_some_and(|r| r.uid == rs.metadata.uid)
            })
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter(|p| !matches!(p.status.phase.as_str(), "Failed" | "Succeeded"))
            .collect();
        let names: Vec<&str> = owned.iter().map(|p| p.metadata.name.as_str()).collect();
        assert_eq!(
            owned.len() as i32,
            rs.replicas(),
            "{ctx}: {name} owns {names:?}"
        );
        for p in &owned {
            assert!(
                sel.matches(&p.metadata.labels),
                "{ctx}: {name} owns non-matching {}",
                p.metadata.name
            );
        }
        assert_eq!(rs.status.replicas, rs.replicas(), "{ctx}: {name} status");
        assert_eq!(
            rs.status.observed_generation,
            Some(rs.metadata.generation),
            "{ctx}: {name} observedGeneration"
        );
    }
}

/// Runs one seed; returns a fingerprint (pods and events) for the determinism check.
fn run_seed(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut c = setup(&mut rng, seed);
    let mut stopped = BTreeSet::new();
    let mut trail = Vec::new();
    for n in 0..STEPS {
        let step = random_step(&mut c, &mut rng, &mut stopped, n);
        trail.push(step);
        c.advance_by(50 + rng.below(3000)).unwrap();
        check_refs(&c, &format!("seed {seed} after {trail:?}"));
    }
    for node in std::mem::take(&mut stopped) {
        c.apply_sim(&SimAction::StartKubelet { node }).unwrap();
    }
    c.advance_by(120_000).unwrap();
    let ctx = format!("seed {seed} settled after {trail:?}");
    check_refs(&c, &ctx);
    check_settled(&c, &ctx);
    let mut out = String::new();
    for p in c.api.list::<Pod>(Some("default")) {
        let _ = writeln!(
            out,
            "{} {} {}",
            p.metadata.name, p.metadata.uid, p.spec.node_name
        );
    }
    for e in c.api.list::<Event>(None) {
        let _ = writeln!(out, "{} {} {}", e.involved_object.name, e.reason, e.message);
    }
    out
}

fn seeds() -> std::ops::Range<u64> {
    let n = std::env::var("ORDINAL_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEEDS);
    0..n
}

#[test]
fn replica_set_invariants_hold_over_random_seeds() {
    for seed in seeds() {
        run_seed(seed);
    }
}

#[test]
fn replica_set_runs_are_deterministic_per_seed() {
    for seed in 0..3 {
        let (a, b) = (run_seed(seed), run_seed(seed));
        assert!(a.contains("SuccessfulCreate"), "a run that did something");
        assert_eq!(a, b, "seed {seed}");
    }
    assert_ne!(run_seed(1), run_seed(2), "different seeds, different names");
}
