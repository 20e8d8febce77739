//! Determinism: the same seed and the same inputs give the same event log, byte for byte.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::features::Features;
use ordinal_sim::rng::Rng;
use ordinal_sim::testing::builders::fast_config;
use ordinal_sim::testing::driver::*;
use ordinal_sim::Cluster;
use std::fmt::Write;

/// Every watch event since `from` as a line: sequence, instant, type, kind, name, UID and
/// resourceVersion, plus the message of Events and the phase/readiness/node of pods.
fn log(c: &Cluster, from: u64, out: &mut String) -> u64 {
    let mut last = from;
    for e in c.api.watch_since(from) {
        last = e.seq;
        let m = e.object.meta();
        let _ = write!(
            out,
            "{} {} {} {} {}/{} {} {}",
            e.seq,
            e.at,
            e.type_.as_str(),
            e.kind.name(),
            m.namespace,
            m.name,
            m.uid,
            m.resource_version
        );
        match &e.object {
            Object::Event(ev) => {
                let _ = write!(out, " {} {} x{}", ev.reason, ev.message, ev.count);
            }
            Object::Pod(p) => {
                let _ = write!(
                    out,
                    " {} {} {}",
                    p.status.phase,
                    p.is_ready(),
                    p.spec.node_name
                );
            }
            _ => {}
        }
        out.push('\n');
    }
    last
}

/// The whole store at the end, object by object.
fn store_dump(c: &Cluster, out: &mut String) {
    for kind in Kind::ALL {
        for o in c.api.store.list_objects(kind, None) {
            let _ = writeln!(out, "{}", o.to_json());
        }
    }
}

/// The StatefulSet controller and garbage collector on their own work queues, with a driver
/// playing the kubelet; inputs are drawn from a generator seeded independently of the cluster.
fn controller_run(seed: u64) -> String {
    let mut inputs = Rng::new(seed ^ 0x5EED);
    let set = if inputs.below(2) == 0 {
        fixture_u(3)
    } else {
        fixture_u_burst(3)
    };
    let mut d = Driver::with(
        with_policy(set, ("Delete", "Delete")),
        seed,
        Features::default(),
    );
    d.c.pause_statefulset_controller(false);
    let mut out = String::new();
    let mut seq = 0;
    for _ in 0..40 {
        let names = d.pod_names();
        let pick = |r: &mut Rng| {
            names
                .get(r.below(names.len().max(1) as u64) as usize)
                .cloned()
        };
        match inputs.below(6) {
            0 | 1 => {
                if let Some(n) = pick(&mut inputs) {
                    d.advance(&n);
                }
            }
            2 => d.scale(inputs.below(5) as i32),
            3 => d.set_image(["nginx", "nginx:1.27"][inputs.below(2) as usize]),
            4 => {
                if let Some(n) = pick(&mut inputs) {
                    let _ = d.delete_pod(&n);
                }
            }
            _ => {}
        }
        d.c.advance_by(inputs.below(1_000)).unwrap();
        seq = log(&d.c, seq, &mut out);
    }
    store_dump(&d.c, &mut out);
    out
}

/// The whole cluster with nodes, kubelets, scheduler and volumes.
fn cluster_run(seed: u64) -> String {
    let mut inputs = Rng::new(seed ^ 0xC1A5);
    let mut c = Cluster::new(fast_config(seed, 2));
    let mut set = fixture_u(3);
    set.spec.template.spec.volumes.clear();
    set.spec.template.spec.containers[0]
        .volume_mounts
        .truncate(1);
    c.create(Object::StatefulSet(set)).unwrap();
    let mut out = String::new();
    let mut seq = 0;
    for _ in 0..12 {
        c.advance_by(500 + inputs.below(3_000)).unwrap();
        match inputs.below(4) {
            0 => {
                let Some(mut s) = c.api.get::<StatefulSet>("default", "foo").cloned() else {
                    continue;
                };
                s.spec.replicas = Some(inputs.below(4) as i32);
                c.update(Object::StatefulSet(s)).unwrap();
            }
            1 => {
                let name = format!("foo-{}", inputs.below(3));
                let _ = c.delete(Kind::Pod, "default", &name, &DeleteOptions::default());
            }
            _ => {}
        }
        seq = log(&c, seq, &mut out);
    }
    store_dump(&c, &mut out);
    out
}

#[test]
fn same_seed_same_event_log_controller() {
    for seed in 0..40 {
        let (a, b) = (controller_run(seed), controller_run(seed));
        assert!(!a.is_empty());
        assert!(a == b, "seed {seed}: runs differ");
    }
}

#[test]
fn same_seed_same_event_log_whole_cluster() {
    for seed in 0..4 {
        let (a, b) = (cluster_run(seed), cluster_run(seed));
        assert!(a.contains(" Pod default/foo-0 "));
        assert!(a == b, "seed {seed}: runs differ");
    }
}

#[test]
fn different_seeds_differ() {
    assert_ne!(controller_run(1), controller_run(2));
}
