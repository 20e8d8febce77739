//! Questions checks ask of the cluster, in the learner's terms (a pod is Ready, a claim kept
//! its identity, two copies of one pod run). Everything reads; nothing here changes the cluster.

use ordinal_sim::api::{
    Deployment, Event, PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet,
};
use ordinal_sim::dns::{self, QType};
use ordinal_sim::Cluster;
use std::collections::BTreeMap;

pub const NS: &str = "default";

/// The cluster as the challenge started: object UIDs by name (a new UID is a new object,
/// however alike), and where each pod ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub pods: BTreeMap<String, (String, String)>,
    pub claims: BTreeMap<String, String>,
    /// Claim name → the PersistentVolume bound to it (where its data lives).
    pub volumes: BTreeMap<String, String>,
    pub services: BTreeMap<String, String>,
    pub sets: BTreeMap<String, String>,
    /// Events by UID with their count, to tell what happened since.
    pub events: BTreeMap<String, i32>,
    pub start_ms: ordinal_sim::Millis,
}

impl Baseline {
    pub fn of(c: &Cluster) -> Baseline {
        // Maps filled by insert, not collect: collecting into a BTreeMap sorts, and every
        // element type would add a sort's code to the page.
        let mut b = Baseline {
            start_ms: c.now,
            ..Baseline::default()
        };
        for p in c.api.list::<Pod>(Some(NS)) {
            let at = (p.metadata.uid.clone(), p.spec.node_name.clone());
            b.pods.insert(p.metadata.name.clone(), at);
        }
        for p in c.api.list::<PersistentVolumeClaim>(Some(NS)) {
            b.claims
                .insert(p.metadata.name.clone(), p.metadata.uid.clone());
            if !p.spec.volume_name.is_empty() {
                b.volumes
                    .insert(p.metadata.name.clone(), p.spec.volume_name.clone());
            }
        }
        for s in c.api.list::<Service>(Some(NS)) {
            b.services
                .insert(s.metadata.name.clone(), s.metadata.uid.clone());
        }
        for s in c.api.list::<StatefulSet>(Some(NS)) {
            b.sets
                .insert(s.metadata.name.clone(), s.metadata.uid.clone());
        }
        for e in c.api.list::<Event>(Some(NS)) {
            b.events.insert(e.metadata.uid.clone(), e.count);
        }
        b
    }

    /// The node a pod ran on at the start.
    pub fn node_of(&self, pod: &str) -> Option<&str> {
        self.pods.get(pod).map(|(_, n)| n.as_str())
    }
}

pub fn pod<'a>(c: &'a Cluster, name: &str) -> Option<&'a Pod> {
    c.api.get::<Pod>(NS, name)
}

pub fn pods(c: &Cluster) -> impl Iterator<Item = &Pod> {
    c.api.list::<Pod>(Some(NS))
}

pub fn set<'a>(c: &'a Cluster, name: &str) -> Option<&'a StatefulSet> {
    c.api.get::<StatefulSet>(NS, name)
}

pub fn deployment<'a>(c: &'a Cluster, name: &str) -> Option<&'a Deployment> {
    c.api.get::<Deployment>(NS, name)
}

pub fn claim<'a>(c: &'a Cluster, name: &str) -> Option<&'a PersistentVolumeClaim> {
    c.api.get::<PersistentVolumeClaim>(NS, name)
}

pub fn claims(c: &Cluster) -> impl Iterator<Item = &PersistentVolumeClaim> {
    c.api.list::<PersistentVolumeClaim>(Some(NS))
}

pub fn volume<'a>(c: &'a Cluster, name: &str) -> Option<&'a PersistentVolume> {
    c.api.get::<PersistentVolume>("", name)
}

pub fn service<'a>(c: &'a Cluster, name: &str) -> Option<&'a Service> {
    c.api.get::<Service>(NS, name)
}

/// Running and Ready, and not being deleted.
pub fn is_ready(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none() && p.status.phase == "Running" && p.is_ready()
}

/// `web-1` is Ready.
pub fn ready(c: &Cluster, name: &str) -> bool {
    pod(c, name).is_some_and(is_ready)
}

/// The first container's image.
pub fn image(p: &Pod) -> &str {
    p.spec.containers.first().map_or("", |c| c.image.as_str())
}

/// How many copies of the pod `name` have a running container on some machine, including
/// machines the control plane cannot see (a cut-off node keeps running what it ran).
pub fn running_copies(c: &Cluster, name: &str) -> usize {
    c.kubelet
        .nodes
        .values()
        .flat_map(|n| n.pods.values())
        .filter(|r| r.namespace() == NS && r.name() == name)
        .filter(|r| r.containers.iter().any(|k| k.state.is_running()))
        .count()
}

/// The pods named `set-N` (N a number), by name.
pub fn set_pods<'a>(c: &'a Cluster, set: &str) -> Vec<&'a Pod> {
    let prefix = format!("{set}-");
    pods(c)
        .filter(|p| {
            p.metadata
                .name
                .strip_prefix(&prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect()
}

/// The first claim named at the start that is gone or was replaced (a new UID), if any.
pub fn lost_claim(c: &Cluster, base: &crate::checks::Baseline) -> Option<String> {
    base.claims
        .iter()
        .find_map(|(name, uid)| match claim(c, name) {
            Some(p) if &p.metadata.uid == uid && p.metadata.deletion_timestamp.is_none() => None,
            Some(p) if &p.metadata.uid == uid => Some(format!("claim {name} is being deleted")),
            Some(_) => Some(format!(
                "claim {name} was deleted and replaced by a new, empty one"
            )),
            None => Some(format!("claim {name} was deleted")),
        })
}

/// The first pod named at the start that was deleted or replaced, among `names`.
pub fn replaced_pod(c: &Cluster, base: &Baseline, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let (uid, _) = base.pods.get(*name)?;
        match pod(c, name) {
            Some(p) if &p.metadata.uid == uid && p.metadata.deletion_timestamp.is_none() => None,
            Some(p) if &p.metadata.uid == uid => Some(format!("{name} is being deleted")),
            _ => Some(format!("{name} was deleted and recreated")),
        }
    })
}

/// What `NAME` answers in cluster DNS from the default namespace (A records' addresses).
pub fn resolve(c: &Cluster, name: &str) -> Vec<String> {
    let fqdn = format!("{name}.{NS}.svc.{}", dns::CLUSTER_DOMAIN);
    dns::lookup(&c.api.store, &fqdn, QType::A)
        .map(|rs| {
            rs.into_iter()
                .filter_map(|r| match r.data {
                    dns::RData::A(ip) => Some(ip),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `N of M` Ready pods of the set, as a sentence fragment.
pub fn ready_count(c: &Cluster, set: &str) -> usize {
    set_pods(c, set).into_iter().filter(|p| is_ready(p)).count()
}

/// Events new or repeated since the start, oldest first: (reason, object, message).
pub fn events_since(c: &Cluster, base: &Baseline) -> Vec<(String, String, String)> {
    // Ordered by resourceVersion through a map filled by insert (see `Baseline::of`).
    let mut by_version: BTreeMap<u64, &Event> = BTreeMap::new();
    for e in c.api.list::<Event>(Some(NS)) {
        if base.events.get(&e.metadata.uid) != Some(&e.count) {
            let rv = e.metadata.resource_version.parse().unwrap_or(u64::MAX);
            by_version.insert(rv, e);
        }
    }
    by_version
        .into_values()
        .map(|e| {
            (
                e.reason.clone(),
                format!(
                    "{}/{}",
                    e.involved_object.kind.to_ascii_lowercase(),
                    e.involved_object.name
                ),
                e.message.clone(),
            )
        })
        .collect()
}
