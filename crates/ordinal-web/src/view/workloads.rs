//! The cattle half of the snapshot: Deployments, their ReplicaSets (and ReplicationControllers,
//! which the older texts compare against) read out of the cluster as plain data, and why a pod
//! is stuck (the newest warning event about it while it waits).

use ordinal_sim::api::{
    Deployment, Event, IntOrString, ObjectMeta, Pod, ReplicaSet, ReplicaSetStatus,
    ReplicationController, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION,
};
use ordinal_sim::Cluster;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct DeploymentView {
    pub name: String,
    pub namespace: String,
    pub desired: i32,
    pub replicas: i32,
    pub updated_replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    /// `RollingUpdate` or `Recreate`.
    pub strategy: String,
    /// `maxSurge 25% · maxUnavailable 25%` (RollingUpdate only).
    pub rolling: Option<String>,
    pub paused: bool,
    pub images: Vec<String>,
    /// `Available`, `Progressing`… with status, reason and message, as the controller set them.
    pub conditions: Vec<ConditionView>,
    pub generation: i64,
    pub observed_generation: Option<i64>,
    pub deleting: bool,
    /// The Deployment controller's own sentence for its last decision, when it gives one.
    pub explanation: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConditionView {
    pub type_: String,
    pub status: String,
    pub reason: String,
    pub message: String,
}

/// Which ReplicaSet of a Deployment this is while a rollout is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsRole {
    /// The Deployment's newest revision (and an older one still has pods or replicas).
    New,
    /// An older revision that still has pods or replicas.
    Old,
    /// Nothing is rolling out (or no Deployment owns it).
    Settled,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReplicaSetView {
    pub name: String,
    pub namespace: String,
    /// `ReplicaSet` or `ReplicationController`.
    pub kind: &'static str,
    /// The Deployment that controls it.
    pub deployment: Option<String>,
    /// spec.replicas (DESIRED).
    pub desired: i32,
    /// status.replicas (CURRENT).
    pub current: i32,
    pub ready: i32,
    pub available: i32,
    /// `deployment.kubernetes.io/revision`.
    pub revision: Option<i64>,
    pub template_hash: String,
    pub images: Vec<String>,
    pub role: RsRole,
    pub deleting: bool,
    /// The ReplicaSet controller's own sentence for its last decision, when it gives one.
    pub explanation: Option<String>,
}

impl ReplicaSetView {
    /// Drawn on the canvas: it wants pods, or it is the newest revision of its Deployment
    /// (old ReplicaSets scaled to 0 are kept for rollback and only counted).
    pub fn shown(&self, all: &[ReplicaSetView]) -> bool {
        self.desired > 0 || self.current > 0 || self.role == RsRole::New || {
            let newest = all
                .iter()
                .filter(|r| r.deployment.is_some() && r.deployment == self.deployment)
                .max_by_key(|r| r.revision);
            newest.is_none_or(|n| n.name == self.name)
        }
    }
}

fn images(spec: &ordinal_sim::api::PodSpec) -> Vec<String> {
    spec.containers.iter().map(|c| c.image.clone()).collect()
}

fn percent(v: &Option<IntOrString>) -> String {
    match v {
        Some(IntOrString::Int(n)) => n.to_string(),
        Some(IntOrString::String(s)) => s.clone(),
        None => "25%".into(),
    }
}

pub fn deployment_view(d: &Deployment) -> DeploymentView {
    let rolling = (d.strategy_type() == "RollingUpdate").then(|| {
        let r = d.rolling_update();
        format!(
            "maxSurge {} · maxUnavailable {}",
            percent(&r.and_then(|r| r.max_surge.clone())),
            percent(&r.and_then(|r| r.max_unavailable.clone()))
        )
    });
    DeploymentView {
        name: d.metadata.name.clone(),
        namespace: d.metadata.namespace.clone(),
        desired: d.replicas(),
        replicas: d.status.replicas,
        updated_replicas: d.status.updated_replicas,
        ready_replicas: d.status.ready_replicas,
        available_replicas: d.status.available_replicas,
        strategy: d.strategy_type().to_string(),
        rolling,
        paused: d.spec.paused,
        images: images(&d.spec.template.spec),
        conditions: d
            .status
            .conditions
            .iter()
            .map(|c| ConditionView {
                type_: c.type_.clone(),
                status: c.status.clone(),
                reason: c.reason.clone(),
                message: c.message.clone(),
            })
            .collect(),
        generation: d.metadata.generation,
        observed_generation: d.status.observed_generation,
        deleting: d.metadata.is_terminating(),
        explanation: None,
    }
}

fn owning_deployment(m: &ObjectMeta) -> Option<String> {
    m.controller_ref()
        .filter(|r| r.kind == "Deployment")
        .map(|r| r.name.clone())
}

fn rs_view(
    kind: &'static str,
    m: &ObjectMeta,
    desired: i32,
    status: &ReplicaSetStatus,
    images: Vec<String>,
) -> ReplicaSetView {
    ReplicaSetView {
        name: m.name.clone(),
        namespace: m.namespace.clone(),
        kind,
        deployment: owning_deployment(m),
        desired,
        current: status.replicas,
        ready: status.ready_replicas,
        available: status.available_replicas,
        revision: m
            .annotations
            .get(REVISION_ANNOTATION)
            .and_then(|r| r.parse().ok()),
        template_hash: m
            .labels
            .get(POD_TEMPLATE_HASH_LABEL)
            .cloned()
            .unwrap_or_default(),
        images,
        role: RsRole::Settled,
        deleting: m.is_terminating(),
        explanation: None,
    }
}

/// ReplicaSets then ReplicationControllers; within a Deployment, oldest revision first, and the
/// new/old roles set while more than one revision still has pods or replicas.
pub fn replica_set_views(cluster: &Cluster) -> Vec<ReplicaSetView> {
    let api = &cluster.api;
    let mut out: Vec<ReplicaSetView> = api
        .list::<ReplicaSet>(None)
        .map(|r| {
            let mut v = rs_view(
                "ReplicaSet",
                &r.metadata,
                r.replicas(),
                &r.status,
                images(&r.spec.template.spec),
            );
            let why = cluster.replicaset.explain(&v.namespace, &v.name);
            v.explanation = why.map(|e| sentence(&e.message()));
            v
        })
        .collect();
    ordinal_sim::sort::sort_by(&mut out, |a, b| {
        (&a.namespace, &a.deployment, a.revision, &a.name).cmp(&(
            &b.namespace,
            &b.deployment,
            b.revision,
            &b.name,
        ))
    });
    let mut by_deployment: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in out.iter().enumerate() {
        if let Some(d) = &r.deployment {
            by_deployment
                .entry((r.namespace.clone(), d.clone()))
                .or_default()
                .push(i);
        }
    }
    for members in by_deployment.values() {
        let active = members
            .iter()
            .filter(|&&i| out[i].desired > 0 || out[i].current > 0)
            .count();
        let newest = members.iter().copied().max_by_key(|&i| out[i].revision);
        let newest_idle = newest.is_some_and(|n| out[n].desired == 0 && out[n].current == 0);
        // Two revisions with pods, or (Recreate) the old one still up while the new one waits.
        if active > 1 || (active > 0 && newest_idle) {
            for &i in members {
                out[i].role = if Some(i) == newest {
                    RsRole::New
                } else {
                    RsRole::Old
                };
            }
        }
    }
    out.extend(api.list::<ReplicationController>(None).map(|r| {
        let mut v = rs_view(
            "ReplicationController",
            &r.metadata,
            r.replicas(),
            &r.status,
            r.spec
                .template
                .as_ref()
                .map(|t| images(&t.spec))
                .unwrap_or_default(),
        );
        let why = cluster.replication.explain(&v.namespace, &v.name);
        v.explanation = why.map(|e| sentence(&e.message()));
        v
    }));
    out
}

/// The core's explanations are clauses (`created 2 pods: …`); the panel shows a sentence.
pub fn sentence(clause: &str) -> String {
    let mut c = clause.chars();
    let mut s: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    if !s.is_empty() && !s.ends_with('.') {
        s.push('.');
    }
    s
}

pub fn deployment_views(cluster: &Cluster) -> Vec<DeploymentView> {
    cluster
        .api
        .list::<Deployment>(None)
        .map(|d| {
            let mut v = deployment_view(d);
            let why = cluster.deployment.explain(&v.namespace, &v.name);
            v.explanation = why.map(|e| sentence(&e.decision.message()));
            v
        })
        .collect()
}

/// The ReplicaSet or ReplicationController controlling a pod.
pub fn pod_replica_set(p: &Pod) -> Option<String> {
    p.metadata
        .controller_ref()
        .filter(|r| r.kind == "ReplicaSet" || r.kind == "ReplicationController")
        .map(|r| r.name.clone())
}

/// Reasons a waiting pod's newest warning can explain: the volume is attached elsewhere
/// (Multi-Attach), cannot be mounted, or the scheduler found no node.
const WAIT_REASONS: &[&str] = &["FailedAttachVolume", "FailedMount", "FailedScheduling"];

/// Why each not-yet-running pod waits: its newest warning event among `WAIT_REASONS`
/// (reason, message), keyed by (namespace, pod name). Events about an earlier pod of the same
/// name (a StatefulSet's recreated pod) are skipped by UID.
pub fn waiting_reasons(cluster: &Cluster) -> BTreeMap<(String, String), (String, String)> {
    let api = &cluster.api;
    let mut newest: BTreeMap<(String, String), (u64, String, String)> = BTreeMap::new();
    for e in api.list::<Event>(None) {
        let o = &e.involved_object;
        if o.kind != "Pod" || e.type_ != "Warning" || !WAIT_REASONS.contains(&e.reason.as_str()) {
            continue;
        }
        let Some(pod) = api.get::<Pod>(&o.namespace, &o.name) else {
            continue;
        };
        if !o.uid.is_empty() && o.uid != pod.metadata.uid {
            continue;
        }
        let waiting = pod.status.phase.is_empty() || pod.status.phase == "Pending";
        if !waiting || pod.metadata.is_terminating() {
            continue;
        }
        let at = e
            .last_timestamp
            .or(e.metadata.creation_timestamp)
            .map_or(0, |t| t.ms());
        let key = (o.namespace.clone(), o.name.clone());
        if newest.get(&key).is_none_or(|(t, _, _)| *t <= at) {
            newest.insert(key, (at, e.reason.clone(), e.message.clone()));
        }
    }
    newest
        .into_iter()
        .map(|(k, (_, r, m))| (k, (r, m)))
        .collect()
}

/// A short badge for a waiting reason: `Multi-Attach error` for the attach controller's
/// message, else the reason itself.
pub fn short_reason(reason: &str, message: &str) -> String {
    if message.starts_with("Multi-Attach error") {
        "Multi-Attach error".into()
    } else {
        reason.to_string()
    }
}

#[cfg(test)]
#[path = "workloads_tests.rs"]
mod tests;
