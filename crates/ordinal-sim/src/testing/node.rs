//! Helpers for whole-cluster tests: nodes, kubelets, scheduler and volumes all run, and the
//! test advances simulated time until what it waits for holds.

pub use super::builders::*;
use crate::api::{Container, Event, Object, ObjectMeta, Pod, PodSpec};
use crate::Cluster;

/// Three nodes, seed 1, fast timing.
pub fn cluster() -> Cluster {
    cluster_with(3, 1)
}

/// `nodes` nodes, fast timing.
pub fn cluster_with(nodes: usize, seed: u64) -> Cluster {
    Cluster::new(fast_config(seed, nodes))
}

pub fn pod(name: &str, image: &str) -> Pod {
    Pod {
        metadata: ObjectMeta {
            labels: [("app".to_string(), name.to_string())].into(),
            ..ObjectMeta::named("default", name)
        },
        spec: PodSpec {
            containers: vec![Container {
                name: container_name(image),
                image: image.into(),
                ..Default::default()
            }],
            ..Default::default()
        },
        ..Default::default()
    }
}

fn container_name(image: &str) -> String {
    image.split([':', '/']).next().unwrap_or("c").to_string()
}

pub fn create(c: &mut Cluster, p: Pod) {
    c.create(Object::Pod(p)).expect("create pod");
}

/// The uid of claim `name` in the default namespace (to tell a recreated claim from the old).
pub fn claim_uid(c: &Cluster, name: &str) -> String {
    c.api
        .get::<PersistentVolumeClaim>("default", name)
        .map(|pvc| pvc.metadata.uid.clone())
        .unwrap_or_else(|| panic!("claim {name} exists"))
}

pub fn get(c: &Cluster, name: &str) -> Option<Pod> {
    c.api.get::<Pod>("default", name).cloned()
}

/// Advances in fixed 100 ms steps until `pred` holds; returns the time it first held (rounded
/// up to a step). Compare `bench::run_timers_until`, which jumps from timer to timer.
pub fn poll_until(c: &mut Cluster, max_ms: u64, mut pred: impl FnMut(&Cluster) -> bool) -> u64 {
    let end = c.now + max_ms;
    while c.now < end {
        if pred(c) {
            return c.now;
        }
        c.advance_by(100).expect("advance");
    }
    assert!(
        pred(c),
        "condition not reached within {max_ms} ms (now {})",
        c.now
    );
    c.now
}

pub fn is_ready(c: &Cluster, name: &str) -> bool {
    get(c, name).is_some_and(|p| p.is_ready())
}

/// (reason, message) of every event about an object, oldest first.
pub fn events_for(c: &Cluster, name: &str) -> Vec<(String, String)> {
    let mut evs: Vec<&Event> = c
        .api
        .list::<Event>(None)
        .filter(|e| e.involved_object.name == name)
        .collect();
    evs.sort_by_key(|e| {
        (
            e.first_timestamp,
            e.metadata.resource_version.parse::<u64>().unwrap_or(0),
        )
    });
    evs.iter()
        .map(|e| (e.reason.clone(), e.message.clone()))
        .collect()
}

pub fn reasons_for(c: &Cluster, name: &str) -> Vec<String> {
    events_for(c, name).into_iter().map(|(r, _)| r).collect()
}

use crate::api::{PersistentVolumeClaim, PvcVolumeSource, StorageClass, Volume, VolumeMount};

/// A pod mounting `claim` at `mount`.
pub fn pod_with_claim(name: &str, image: &str, claim: &str, mount: &str) -> Pod {
    let mut p = pod(name, image);
    p.spec.volumes.push(Volume {
        name: "data".into(),
        persistent_volume_claim: Some(PvcVolumeSource {
            claim_name: claim.into(),
            read_only: false,
        }),
        ..Default::default()
    });
    p.spec.containers[0].volume_mounts.push(VolumeMount {
        name: "data".into(),
        mount_path: mount.into(),
        read_only: false,
    });
    p
}

/// A network-attached (CSI-style) class: volumes attach to one node at a time and follow pods.
pub fn network_class(name: &str, binding: &str) -> StorageClass {
    StorageClass {
        metadata: ObjectMeta::named("", name),
        provisioner: "disk.csi.example.com".into(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some(binding.into()),
        allow_volume_expansion: None,
    }
}

pub fn claim(c: &Cluster, name: &str) -> Option<PersistentVolumeClaim> {
    c.api.get::<PersistentVolumeClaim>("default", name).cloned()
}

/// A pod `name` labelled `app=<app>` with hostname `name` under subdomain `svc`.
pub fn member(name: &str, app: &str, svc: &str) -> Pod {
    let mut p = pod(name, "nginx");
    p.metadata.labels = [("app".to_string(), app.to_string())].into();
    p.spec.hostname = name.into();
    p.spec.subdomain = svc.into();
    p
}

use crate::api::Node;
use crate::controls::SimAction;

pub fn node(c: &Cluster, name: &str) -> Node {
    c.api.get::<Node>("", name).cloned().expect("node")
}

/// Pins a pod to a node with a nodeSelector on the hostname label.
pub fn on_node(mut p: Pod, node: &str) -> Pod {
    p.spec
        .node_selector
        .insert("kubernetes.io/hostname".into(), node.into());
    p
}

pub fn sim(c: &mut Cluster, a: SimAction) -> String {
    c.apply_sim(&a).unwrap_or_else(|e| panic!("{a:?}: {e}"))
}

/// "key:effect" of every taint on a node.
pub fn taints(c: &Cluster, name: &str) -> Vec<String> {
    node(c, name)
        .spec
        .taints
        .iter()
        .map(|t| format!("{}:{}", t.key, t.effect))
        .collect()
}

/// How many times an event was recorded (the recorder aggregates repeats into `count`).
pub fn event_count(c: &Cluster, name: &str, reason: &str, message: &str) -> i32 {
    c.api
        .list::<Event>(None)
        .filter(|e| e.involved_object.name == name && e.reason == reason && e.message == message)
        .map(|e| e.count)
        .sum()
}
