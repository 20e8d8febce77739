//! Defaulting (pkg/apis/*/v1/defaults.go), create-time field dropping (registry strategies) and
//! the status/spec split of the status subresource. Admission plugins are in `admission`.

use crate::api::Kind;
use crate::api::{
    Container, Deployment, DeploymentStrategy, IntOrString, Object, PersistentVolumeClaimSpec,
    PersistentVolumeClaimTemplate, PodSpec, Probe, PvcRetentionPolicy, ReplicaSet,
    ReplicationController, RollingUpdateDeployment, RollingUpdateStatefulSetStrategy, Service,
    StatefulSet, StatefulSetUpdateStrategy,
};
use crate::features::Features;

/// Applies the API server's defaults for the object's kind (SetDefaults_*).
pub fn apply(obj: &mut Object, features: &Features) {
    match obj {
        Object::Pod(p) => default_pod_spec(&mut p.spec),
        Object::StatefulSet(s) => default_stateful_set(s, features),
        Object::Deployment(d) => default_deployment(d),
        Object::ReplicaSet(r) => default_replica_set(r),
        Object::ReplicationController(r) => default_replication_controller(r),
        Object::Service(s) => default_service(s),
        Object::PersistentVolumeClaim(c) => default_claim_spec(&mut c.spec),
        _ => {}
    }
}

/// SetDefaults_StatefulSet (apps/v1), including the nested template and claim templates.
fn default_stateful_set(s: &mut StatefulSet, features: &Features) {
    let spec = &mut s.spec;
    if spec.pod_management_policy.is_empty() {
        spec.pod_management_policy = "OrderedReady".into();
    }
    let strategy = spec
        .update_strategy
        .get_or_insert_with(StatefulSetUpdateStrategy::default);
    // Only an omitted type gets an empty rollingUpdate block; an explicit `type: RollingUpdate`
    // keeps rollingUpdate nil, which the controller treats differently (U6).
    if strategy.type_.is_empty() {
        strategy.type_ = "RollingUpdate".into();
        if strategy.rolling_update.is_none() {
            strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy::default());
        }
    }
    if strategy.type_ == "RollingUpdate" {
        if let Some(ru) = strategy.rolling_update.as_mut() {
            if ru.partition.is_none() {
                ru.partition = Some(0);
            }
            if features.max_unavailable_statefulset && ru.max_unavailable.is_none() {
                ru.max_unavailable = Some(IntOrString::Int(1));
            }
        }
    }
    let policy = spec
        .persistent_volume_claim_retention_policy
        .get_or_insert_with(PvcRetentionPolicy::default);
    if policy.when_deleted.is_empty() {
        policy.when_deleted = "Retain".into();
    }
    if policy.when_scaled.is_empty() {
        policy.when_scaled = "Retain".into();
    }
    if spec.replicas.is_none() {
        spec.replicas = Some(1);
    }
    if spec.revision_history_limit.is_none() {
        spec.revision_history_limit = Some(10);
    }
    default_pod_spec(&mut spec.template.spec);
    for t in &mut spec.volume_claim_templates {
        default_claim_template(t);
    }
}

/// SetDefaults_Deployment (apps/v1): one replica, RollingUpdate with 25% surge and 25%
/// unavailable, 10 old ReplicaSets kept, a 600 s progress deadline.
fn default_deployment(d: &mut Deployment) {
    let spec = &mut d.spec;
    spec.replicas.get_or_insert(1);
    let strategy = spec
        .strategy
        .get_or_insert_with(DeploymentStrategy::default);
    if strategy.type_.is_empty() {
        strategy.type_ = "RollingUpdate".into();
    }
    if strategy.type_ == "RollingUpdate" {
        let ru = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDeployment::default);
        let quarter = || Some(IntOrString::String("25%".into()));
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = quarter();
        }
        if ru.max_surge.is_none() {
            ru.max_surge = quarter();
        }
    }
    spec.revision_history_limit.get_or_insert(10);
    spec.progress_deadline_seconds.get_or_insert(600);
    default_pod_spec(&mut spec.template.spec);
}

/// SetDefaults_ReplicaSet (apps/v1).
fn default_replica_set(r: &mut ReplicaSet) {
    r.spec.replicas.get_or_insert(1);
    default_pod_spec(&mut r.spec.template.spec);
}

/// SetDefaults_ReplicationController (core/v1): selector and labels default to the template's
/// labels.
fn default_replication_controller(r: &mut ReplicationController) {
    if let Some(t) = r.spec.template.as_mut() {
        if r.spec.selector.is_empty() {
            r.spec.selector = t.metadata.labels.clone();
        }
        if r.metadata.labels.is_empty() {
            r.metadata.labels = t.metadata.labels.clone();
        }
        default_pod_spec(&mut t.spec);
    }
    r.spec.replicas.get_or_insert(1);
}

/// A claim template as the API server returns it: apps/v1 conversion
/// (Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec) always writes its apiVersion and kind,
/// whatever the request said, and SetDefaults_PersistentVolumeClaim gives it phase Pending.
fn default_claim_template(t: &mut PersistentVolumeClaimTemplate) {
    t.api_version = "v1".into();
    t.kind = "PersistentVolumeClaim".into();
    default_claim_spec(&mut t.spec);
    if t.status.phase.is_empty() {
        t.status.phase = "Pending".into();
    }
}

/// SetDefaults_PodSpec / SetDefaults_Container / probe and port defaults.
fn default_pod_spec(s: &mut PodSpec) {
    if s.restart_policy.is_empty() {
        s.restart_policy = "Always".into();
    }
    if s.termination_grace_period_seconds.is_none() {
        s.termination_grace_period_seconds = Some(30);
    }
    if s.dns_policy.is_empty() {
        s.dns_policy = "ClusterFirst".into();
    }
    if s.scheduler_name.is_empty() {
        s.scheduler_name = "default-scheduler".into();
    }
    for c in &mut s.containers {
        default_container(c);
    }
}

fn default_container(c: &mut Container) {
    if c.termination_message_path.is_empty() {
        c.termination_message_path = "/dev/termination-log".into();
    }
    if c.termination_message_policy.is_empty() {
        c.termination_message_policy = "File".into();
    }
    if c.image_pull_policy.is_empty() && !c.image.is_empty() {
        c.image_pull_policy = if image_tag(&c.image) == "latest" {
            "Always"
        } else {
            "IfNotPresent"
        }
        .into();
    }
    for p in &mut c.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
    }
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        default_probe(probe);
    }
}

/// The image tag as docker's reference parser sees it: `latest` when neither a tag nor a digest
/// is given, empty when only a digest is.
fn image_tag(image: &str) -> &str {
    let (name, digest) = match image.split_once('@') {
        Some((n, _)) => (n, true),
        None => (image, false),
    };
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[last_slash..].rfind(':') {
        Some(i) => &name[last_slash + i + 1..],
        None if digest => "",
        None => "latest",
    }
}

fn default_probe(p: &mut Probe) {
    p.timeout_seconds.get_or_insert(1);
    p.period_seconds.get_or_insert(10);
    p.success_threshold.get_or_insert(1);
    p.failure_threshold.get_or_insert(3);
    if let Some(h) = p.http_get.as_mut() {
        if h.scheme.is_empty() {
            h.scheme = "HTTP".into();
        }
        if h.path.is_empty() {
            h.path = "/".into();
        }
    }
}

/// SetDefaults_Service and its ports.
fn default_service(s: &mut Service) {
    let spec = &mut s.spec;
    if spec.type_.is_empty() {
        spec.type_ = "ClusterIP".into();
    }
    if spec.session_affinity.is_empty() {
        spec.session_affinity = "None".into();
    }
    for p in &mut spec.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
        if p.target_port.is_none() {
            p.target_port = Some(IntOrString::Int(p.port as i64));
        }
    }
    if spec.cluster_ip == "None" && spec.cluster_ips.is_empty() {
        spec.cluster_ips = vec!["None".into()];
    }
}

fn default_claim_spec(s: &mut PersistentVolumeClaimSpec) {
    if s.volume_mode.is_empty() {
        s.volume_mode = "Filesystem".into();
    }
}

/// `dropStatefulSetDisabledFields`: with MaxUnavailableStatefulSet off, `maxUnavailable` is
/// cleared on create, and on update unless the stored object already used it (V3).
pub fn drop_disabled_fields(old: Option<&Object>, new: &mut Object, features: &Features) {
    let Object::StatefulSet(s) = new else { return };
    if features.max_unavailable_statefulset {
        return;
    }
    let old_uses = matches!(old, Some(Object::StatefulSet(o))
        if o.rolling_update().is_some_and(|r| r.max_unavailable.is_some()));
    if old_uses {
        return;
    }
    if let Some(ru) = s
        .spec
        .update_strategy
        .as_mut()
        .and_then(|u| u.rolling_update.as_mut())
    {
        ru.max_unavailable = None;
    }
}

/// Create resets status for kinds whose status the system owns; pods and claims start Pending
/// (pod strategy PrepareForCreate; PVC status defaulting), pods get their QoS class.
pub fn reset_status_on_create(obj: &mut Object) {
    match obj {
        Object::StatefulSet(s) => s.status = Default::default(),
        Object::Deployment(d) => d.status = Default::default(),
        Object::ReplicaSet(r) => r.status = Default::default(),
        Object::ReplicationController(r) => r.status = Default::default(),
        Object::Pod(p) => {
            p.status = Default::default();
            p.status.phase = "Pending".into();
            p.status.qos_class = qos_class(&p.spec).into();
        }
        Object::PersistentVolumeClaim(c) => {
            c.status = Default::default();
            c.status.phase = "Pending".into();
        }
        _ => {}
    }
}

/// qos.GetPodQOS over cpu and memory: no requests/limits → BestEffort; every container with
/// limits equal to requests for both → Guaranteed; else Burstable.
fn qos_class(spec: &PodSpec) -> &'static str {
    let res = ["cpu", "memory"];
    let any = spec.containers.iter().any(|c| {
        res.iter()
            .any(|r| c.resources.requests.contains_key(*r) || c.resources.limits.contains_key(*r))
    });
    if !any {
        return "BestEffort";
    }
    let guaranteed = spec.containers.iter().all(|c| {
        res.iter().all(|r| {
            let limit = c.resources.limits.get(*r);
            limit.is_some()
                && c.resources
                    .requests
                    .get(*r)
                    .is_none_or(|q| Some(q) == limit)
        })
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// A PUT to the main resource keeps the stored status.
pub fn keep_status(old: &Object, new: &mut Object) {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => keep(&o.status, &mut n.status),
        (Object::Deployment(o), Object::Deployment(n)) => keep(&o.status, &mut n.status),
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => keep(&o.status, &mut n.status),
        (Object::ReplicationController(o), Object::ReplicationController(n)) => {
            keep(&o.status, &mut n.status)
        }
        (Object::Pod(o), Object::Pod(n)) => keep(&o.status, &mut n.status),
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            keep(&o.status, &mut n.status)
        }
        (Object::PersistentVolume(o), Object::PersistentVolume(n)) => {
            keep(&o.status, &mut n.status)
        }
        (Object::Node(o), Object::Node(n)) => keep(&o.status, &mut n.status),
        (Object::Namespace(o), Object::Namespace(n)) => keep(&o.status, &mut n.status),
        _ => {}
    }
}

/// `*new = old.clone()`, skipped when they are already equal (a compare costs less than a
/// copy, and writers usually send the stored value back).
fn keep<T: Clone + PartialEq>(old: &T, new: &mut T) {
    if old != new {
        *new = old.clone();
    }
}

/// A PUT to `/status` keeps the stored spec and metadata.
pub fn keep_spec_and_meta(old: &Object, new: &mut Object) {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (Object::Pod(o), Object::Pod(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        // deploymentStatusStrategy resets only spec and labels: the controller writes the
        // revision annotation together with the status.
        (Object::Deployment(o), Object::Deployment(n)) => {
            keep(&o.spec, &mut n.spec);
            let annotations = std::mem::take(&mut n.metadata.annotations);
            keep(&o.metadata, &mut n.metadata);
            n.metadata.annotations = annotations;
        }
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (Object::ReplicationController(o), Object::ReplicationController(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (Object::PersistentVolume(o), Object::PersistentVolume(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (Object::Node(o), Object::Node(n)) => {
            keep(&o.spec, &mut n.spec);
            keep(&o.metadata, &mut n.metadata);
        }
        (_, n) => *n = old.clone(),
    }
}

/// Whether the spec differs (drives `metadata.generation`, which only the workload kinds
/// track here).
pub fn spec_changed(old: &Object, new: &Object) -> bool {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => o.spec != n.spec,
        (Object::Deployment(o), Object::Deployment(n)) => o.spec != n.spec,
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => o.spec != n.spec,
        (Object::ReplicationController(o), Object::ReplicationController(n)) => o.spec != n.spec,
        _ => false,
    }
}

/// Kinds whose strategy sets `metadata.generation` to 1 on create and bumps it on spec changes.
pub fn tracks_generation(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::StatefulSet | Kind::Deployment | Kind::ReplicaSet | Kind::ReplicationController
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tags() {
        assert_eq!(image_tag("nginx"), "latest");
        assert_eq!(image_tag("nginx:1.27"), "1.27");
        assert_eq!(image_tag("registry.k8s.io:5000/nginx-slim"), "latest");
        assert_eq!(image_tag("registry.k8s.io:5000/nginx-slim:0.8"), "0.8");
        assert_eq!(image_tag("nginx@sha256:abc"), "");
        assert_eq!(image_tag("nginx:1.2@sha256:abc"), "1.2");
    }
}
