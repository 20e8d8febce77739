//! Validation with the API server's own messages (pkg/apis/apps/validation, core/validation,
//! apimachinery's util/validation). Messages and field paths follow upstream byte for byte where
//! we implement a check; values are printed like Go's field.Invalid does (%q strings, %#v maps).

use super::error::{ApiError, FieldError};
use crate::api::{
    Container, IntOrString, LabelSelector, Labels, Object, ObjectMeta, PersistentVolumeClaim, Pod,
    PodSpec, Service, StatefulSet, StatefulSetStatus,
};
use crate::features::Features;
use crate::gofmt::quote;
use std::collections::BTreeSet;

mod deployment;
mod replica_set;

/// The most replicas one StatefulSet may ask for in the simulator.
pub const MAX_REPLICAS: i32 = 10_000;

/// Create validation. (No create-time check depends on a feature gate yet.)
pub fn validate_create(obj: &Object) -> Result<(), ApiError> {
    let errs = match obj {
        Object::StatefulSet(s) => {
            let mut e = validate_object_meta(&s.metadata, NameRule::Dns1123Label);
            e.extend(validate_stateful_set_spec(s));
            e
        }
        Object::Pod(p) => validate_pod(p),
        Object::Deployment(d) => deployment::validate_deployment(d),
        Object::Service(s) => validate_service(s),
        Object::PersistentVolumeClaim(c) => validate_claim(c),
        Object::ControllerRevision(r) => {
            validate_object_meta(&r.metadata, NameRule::Dns1123Subdomain)
        }
        Object::ConfigMap(c) => {
            let mut e = validate_object_meta(&c.metadata, NameRule::Dns1123Subdomain);
            e.extend(validate_config_map_size(c));
            e
        }
        Object::ReplicaSet(r) => replica_set::validate_replica_set(r),
        Object::ReplicationController(r) => replica_set::validate_replication_controller(r, true),
        // ValidateNode: node names are DNS subdomains (ValidateNodeName).
        Object::Node(n) => validate_object_meta(&n.metadata, NameRule::Dns1123Subdomain),
        _ => Vec::new(),
    };
    result(obj, errs)
}

pub fn validate_update(old: &Object, new: &Object, features: &Features) -> Result<(), ApiError> {
    let errs = match (old, new) {
        // Update validation does not re-check the set's name (ValidateStatefulSetUpdate).
        (Object::StatefulSet(o), Object::StatefulSet(n)) => {
            let mut e = validate_meta_update(&n.metadata);
            e.extend(validate_stateful_set_spec(n));
            e.extend(validate_stateful_set_immutable(o, n, features));
            e
        }
        (Object::Pod(o), Object::Pod(n)) => {
            let mut e = validate_meta_update(&n.metadata);
            e.extend(validate_pod_update(o, n));
            e
        }
        (Object::Deployment(o), Object::Deployment(n)) => {
            deployment::validate_deployment_update(o, n)
        }
        (Object::Service(o), Object::Service(n)) => {
            let mut e = validate_service(n);
            if !o.spec.cluster_ip.is_empty() && o.spec.cluster_ip != n.spec.cluster_ip {
                e.push(FieldError::invalid(
                    "spec.clusterIPs[0]",
                    go_string_slice(std::slice::from_ref(&n.spec.cluster_ip)),
                    "may not change once set",
                ));
            }
            e
        }
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            let mut e = validate_meta_update(&n.metadata);
            e.extend(validate_claim_update(o, n));
            e
        }
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => {
            replica_set::validate_replica_set_update(o, n)
        }
        (Object::ReplicationController(_), Object::ReplicationController(n)) => {
            replica_set::validate_replication_controller(n, false)
        }
        (_, Object::ConfigMap(n)) => {
            let mut e = validate_annotations_size(&n.metadata);
            e.extend(validate_config_map_size(n));
            e
        }
        (_, n) => validate_annotations_size(n.meta()),
    };
    result(new, errs)
}

/// core.MaxSecretSize: what a ConfigMap's (or Secret's) data may hold in all.
pub const MAX_CONFIG_MAP_BYTES: usize = 1024 * 1024;

/// apimachinery's TotalAnnotationSizeLimitB: keys and values of all annotations together.
pub const MAX_ANNOTATIONS_BYTES: usize = 256 * 1024;

/// ValidateConfigMap's size check: the values together (the error names the whole object).
fn validate_config_map_size(c: &crate::api::ConfigMap) -> Vec<FieldError> {
    let total: usize = c.data.values().map(String::len).sum();
    if total > MAX_CONFIG_MAP_BYTES {
        return vec![FieldError::too_long("[]", MAX_CONFIG_MAP_BYTES)];
    }
    Vec::new()
}

/// ValidateObjectMetaUpdate's checks of what an update may change: labels, then annotations.
fn validate_meta_update(m: &ObjectMeta) -> Vec<FieldError> {
    let mut e = validate_labels(&m.labels, "metadata.labels");
    e.extend(validate_annotations_size(m));
    e
}

/// ValidateAnnotationsSize.
fn validate_annotations_size(m: &ObjectMeta) -> Vec<FieldError> {
    let total: usize = m.annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > MAX_ANNOTATIONS_BYTES {
        return vec![FieldError::too_long(
            "metadata.annotations",
            MAX_ANNOTATIONS_BYTES,
        )];
    }
    Vec::new()
}

/// PUT on `/status` (ValidateStatefulSetStatusUpdate).
pub fn validate_status_update(old: &Object, new: &Object) -> Result<(), ApiError> {
    let errs = match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => {
            validate_stateful_set_status(&o.status, &n.status)
        }
        (_, Object::ReplicaSet(n)) => replica_set::validate_replica_set_status(&n.status),
        (_, Object::ReplicationController(n)) => {
            replica_set::validate_replica_set_status(&n.status)
        }
        _ => Vec::new(),
    };
    result(new, errs)
}

fn result(obj: &Object, errs: Vec<FieldError>) -> Result<(), ApiError> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(obj.kind(), &obj.meta().name, &errs))
    }
}

// ----- StatefulSet ------------------------------------------------------------------------------

/// ValidateStatefulSetSpec, in upstream's order.
fn validate_stateful_set_spec(s: &StatefulSet) -> Vec<FieldError> {
    let spec = &s.spec;
    let mut errs = Vec::new();
    match spec.pod_management_policy.as_str() {
        "" => errs.push(FieldError::required("spec.podManagementPolicy", "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(FieldError::invalid(
            "spec.podManagementPolicy",
            quote(other),
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    match strategy.type_.as_str() {
        "" => errs.push(FieldError::required("spec.updateStrategy", "")),
        "OnDelete" => {
            if let Some(ru) = &strategy.rolling_update {
                errs.push(FieldError::invalid(
                    "spec.updateStrategy.rollingUpdate",
                    go_rolling_update(ru.partition, &ru.max_unavailable),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = &strategy.rolling_update {
                let path = "spec.updateStrategy.rollingUpdate";
                errs.extend(nonnegative(
                    &format!("{path}.partition"),
                    ru.partition.unwrap_or(0) as i64,
                ));
                if let Some(mu) = &ru.max_unavailable {
                    errs.extend(validate_max_unavailable(
                        mu,
                        &format!("{path}.maxUnavailable"),
                    ));
                }
            }
        }
        other => errs.push(FieldError::invalid(
            "spec.updateStrategy",
            format!(
                "apps.StatefulSetUpdateStrategy{{Type:{}, RollingUpdate:{}}}",
                quote(other),
                match &strategy.rolling_update {
                    None => "(*apps.RollingUpdateStatefulSetStrategy)(nil)".to_string(),
                    Some(r) => format!("&{}", go_rolling_update(r.partition, &r.max_unavailable)),
                }
            ),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    if let Some(p) = &spec.persistent_volume_claim_retention_policy {
        for (field, value) in [
            ("whenDeleted", &p.when_deleted),
            ("whenScaled", &p.when_scaled),
        ] {
            if value != "Retain" && value != "Delete" {
                errs.push(FieldError::unsupported(
                    &format!("spec.persistentVolumeClaimRetentionPolicy.{field}"),
                    value,
                    &["Retain", "Delete"],
                ));
            }
        }
    }
    let replicas = spec.replicas.unwrap_or(1);
    errs.extend(nonnegative("spec.replicas", replicas as i64));
    if replicas > MAX_REPLICAS {
        errs.push(FieldError::invalid(
            "spec.replicas",
            replicas,
            &format!("must be less than or equal to {MAX_REPLICAS} (the simulator's limit)"),
        ));
    }
    errs.extend(nonnegative(
        "spec.minReadySeconds",
        spec.min_ready_seconds.unwrap_or(0) as i64,
    ));
    if let Some(o) = &spec.ordinals {
        errs.extend(nonnegative("spec.ordinals.start", o.start as i64));
    }
    match &spec.selector {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(sel) => {
            errs.extend(validate_label_selector(sel, "spec.selector"));
            if sel.is_empty() {
                errs.push(FieldError::invalid(
                    "spec.selector",
                    go_label_selector(sel),
                    "empty selector is invalid for statefulset",
                ));
            }
        }
    }
    // A nil selector converts to labels.Nothing(), which is non-empty and matches nothing.
    let selector_matches_all = spec.selector.as_ref().is_some_and(LabelSelector::is_empty);
    let template_labels = &spec.template.metadata.labels;
    let matches = spec
        .selector
        .as_ref()
        .is_some_and(|s| s.matches(template_labels));
    if !selector_matches_all && !matches {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            go_string_map(template_labels),
            "`selector` does not match template `labels`",
        ));
    }
    errs.extend(validate_labels(template_labels, "spec.template.labels"));
    let restart = &spec.template.spec.restart_policy;
    if restart != "Always" {
        errs.push(FieldError::unsupported(
            "spec.template.spec.restartPolicy",
            restart,
            &["Always"],
        ));
    }
    if spec.template.spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            "activeDeadlineSeconds in StatefulSet is not Supported",
        ));
    }
    errs
}

/// ValidatePositiveIntOrPercent + "cannot be 0" + IsNotMoreThan100Percent.
fn validate_max_unavailable(v: &IntOrString, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match v {
        IntOrString::Int(i) => {
            errs.extend(nonnegative(path, *i));
            if *i == 0 {
                errs.push(FieldError::invalid(path, i, "cannot be 0"));
            }
        }
        IntOrString::String(s) => match parse_percent(s) {
            None => errs.push(FieldError::invalid(
                path,
                quote(s),
                "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            )),
            Some(p) => {
                if p == 0 {
                    errs.push(FieldError::invalid(path, quote(s), "cannot be 0"));
                }
                if p > 100 {
                    errs.push(FieldError::invalid(path, quote(s), "must not be greater than 100%"));
                }
            }
        },
    }
    errs
}

pub(crate) fn parse_percent(s: &str) -> Option<i64> {
    let digits = s.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// V6: everything but the mutable fields must stay as it was.
fn validate_stateful_set_immutable(
    old: &StatefulSet,
    new: &StatefulSet,
    features: &Features,
) -> Vec<FieldError> {
    let history_mutable = features.minor >= 35;
    let mut clone = new.spec.clone();
    clone.replicas = old.spec.replicas;
    clone.template = old.spec.template.clone();
    clone.update_strategy = old.spec.update_strategy.clone();
    clone.min_ready_seconds = old.spec.min_ready_seconds;
    clone.ordinals = old.spec.ordinals.clone();
    clone.persistent_volume_claim_retention_policy =
        old.spec.persistent_volume_claim_retention_policy.clone();
    if history_mutable {
        clone.revision_history_limit = old.spec.revision_history_limit;
    }
    if clone == old.spec {
        return Vec::new();
    }
    let fields = if history_mutable {
        "'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'"
    } else {
        "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'"
    };
    vec![FieldError::forbidden(
        "spec",
        &format!("updates to statefulset spec for fields other than {fields} are forbidden"),
    )]
}

/// V7: ValidateStatefulSetStatus + collisionCount may not decrease.
fn validate_stateful_set_status(old: &StatefulSetStatus, s: &StatefulSetStatus) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (f, v) in [
        ("replicas", s.replicas),
        ("readyReplicas", s.ready_replicas),
        ("currentReplicas", s.current_replicas),
        ("updatedReplicas", s.updated_replicas),
        ("availableReplicas", s.available_replicas),
    ] {
        errs.extend(nonnegative(&format!("status.{f}"), v as i64));
    }
    if let Some(g) = s.observed_generation {
        errs.extend(nonnegative("status.observedGeneration", g));
    }
    if let Some(c) = s.collision_count {
        errs.extend(nonnegative("status.collisionCount", c as i64));
    }
    let msg = "cannot be greater than status.replicas";
    for (f, v) in [
        ("readyReplicas", s.ready_replicas),
        ("currentReplicas", s.current_replicas),
        ("updatedReplicas", s.updated_replicas),
        ("availableReplicas", s.available_replicas),
    ] {
        if v > s.replicas {
            errs.push(FieldError::invalid(&format!("status.{f}"), v, msg));
        }
    }
    if s.available_replicas > s.ready_replicas {
        errs.push(FieldError::invalid(
            "status.availableReplicas",
            s.available_replicas,
            "cannot be greater than status.readyReplicas",
        ));
    }
    if let Some(o) = old.collision_count {
        if s.collision_count.is_none_or(|n| n < o) {
            errs.push(FieldError::invalid(
                "status.collisionCount",
                s.collision_count.unwrap_or(0),
                "cannot be decremented",
            ));
        }
    }
    errs
}

// ----- Pod --------------------------------------------------------------------------------------

fn validate_pod(p: &Pod) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&p.metadata, NameRule::Dns1123Subdomain);
    errs.extend(validate_pod_spec(&p.spec, "spec"));
    errs
}

fn validate_pod_spec(s: &PodSpec, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut volume_names = BTreeSet::new();
    for (i, v) in s.volumes.iter().enumerate() {
        let vp = format!("{path}.volumes[{i}]");
        if v.name.is_empty() {
            errs.push(FieldError::required(&format!("{vp}.name"), ""));
        } else {
            for msg in dns1123_label(&v.name) {
                errs.push(FieldError::invalid(
                    &format!("{vp}.name"),
                    quote(&v.name),
                    &msg,
                ));
            }
            if !volume_names.insert(v.name.as_str()) {
                errs.push(FieldError::duplicate(&format!("{vp}.name"), &v.name));
            }
        }
        if let Some(c) = &v.persistent_volume_claim {
            if c.claim_name.is_empty() {
                errs.push(FieldError::required(
                    &format!("{vp}.persistentVolumeClaim.claimName"),
                    "",
                ));
            }
        }
    }
    if s.containers.is_empty() {
        errs.push(FieldError::required(&format!("{path}.containers"), ""));
    }
    let mut names = BTreeSet::new();
    for (i, c) in s.containers.iter().enumerate() {
        errs.extend(validate_container(
            c,
            &format!("{path}.containers[{i}]"),
            &mut names,
            &volume_names,
        ));
    }
    match s.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        other => errs.push(FieldError::unsupported(
            &format!("{path}.restartPolicy"),
            other,
            &["Always", "OnFailure", "Never"],
        )),
    }
    for (field, value) in [("hostname", &s.hostname), ("subdomain", &s.subdomain)] {
        if !value.is_empty() {
            for msg in dns1123_label(value) {
                errs.push(FieldError::invalid(
                    &format!("{path}.{field}"),
                    quote(value),
                    &msg,
                ));
            }
        }
    }
    errs
}

fn validate_container<'a>(
    c: &'a Container,
    path: &str,
    names: &mut BTreeSet<&'a str>,
    volumes: &BTreeSet<&str>,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if c.name.is_empty() {
        errs.push(FieldError::required(&format!("{path}.name"), ""));
    } else {
        for msg in dns1123_label(&c.name) {
            errs.push(FieldError::invalid(
                &format!("{path}.name"),
                quote(&c.name),
                &msg,
            ));
        }
        if !names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&format!("{path}.name"), &c.name));
        }
    }
    if c.image.is_empty() {
        errs.push(FieldError::required(&format!("{path}.image"), ""));
    }
    let mut port_names = BTreeSet::new();
    for (i, p) in c.ports.iter().enumerate() {
        let pp = format!("{path}.ports[{i}]");
        if !p.name.is_empty() {
            if p.name.len() > 15 {
                errs.push(FieldError::invalid(
                    &format!("{pp}.name"),
                    quote(&p.name),
                    "must be no more than 15 characters",
                ));
            } else if !port_names.insert(p.name.as_str()) {
                errs.push(FieldError::duplicate(&format!("{pp}.name"), &p.name));
            }
        }
        if p.container_port == 0 {
            errs.push(FieldError::required(&format!("{pp}.containerPort"), ""));
        } else if !(1..=65535).contains(&p.container_port) {
            errs.push(FieldError::invalid(
                &format!("{pp}.containerPort"),
                p.container_port,
                PORT_RANGE,
            ));
        }
        if let Some(h) = p.host_port.filter(|h| *h != 0) {
            if !(1..=65535).contains(&h) {
                errs.push(FieldError::invalid(
                    &format!("{pp}.hostPort"),
                    h,
                    PORT_RANGE,
                ));
            }
        }
        errs.extend(validate_protocol(&p.protocol, &format!("{pp}.protocol")));
    }
    for (i, m) in c.volume_mounts.iter().enumerate() {
        let mp = format!("{path}.volumeMounts[{i}]");
        if m.name.is_empty() {
            errs.push(FieldError::required(&format!("{mp}.name"), ""));
        } else if !volumes.contains(m.name.as_str()) {
            errs.push(FieldError::not_found(&format!("{mp}.name"), &m.name));
        }
        if m.mount_path.is_empty() {
            errs.push(FieldError::required(&format!("{mp}.mountPath"), ""));
        }
    }
    errs
}

const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";

fn validate_protocol(protocol: &str, path: &str) -> Vec<FieldError> {
    match protocol {
        "" => vec![FieldError::required(path, "")],
        "TCP" | "UDP" | "SCTP" => Vec::new(),
        other => vec![FieldError::unsupported(
            path,
            other,
            &["SCTP", "TCP", "UDP"],
        )],
    }
}

/// ValidatePodUpdate: the spec is immutable except images, activeDeadlineSeconds, added
/// tolerations and terminationGracePeriodSeconds; binding (nodeName from empty) is allowed here
/// because the simulator binds through an update.
fn validate_pod_update(old: &Pod, new: &Pod) -> Vec<FieldError> {
    let mut munged = new.spec.clone();
    for (i, c) in munged.containers.iter_mut().enumerate() {
        if let Some(o) = old.spec.containers.get(i) {
            c.image = o.image.clone();
        }
    }
    munged.active_deadline_seconds = old.spec.active_deadline_seconds;
    munged.termination_grace_period_seconds = old.spec.termination_grace_period_seconds;
    if old
        .spec
        .tolerations
        .iter()
        .all(|t| new.spec.tolerations.contains(t))
    {
        munged.tolerations = old.spec.tolerations.clone();
    }
    if old.spec.node_name.is_empty() {
        munged.node_name = old.spec.node_name.clone();
    }
    let mut errs = Vec::new();
    if munged != old.spec {
        errs.push(FieldError::forbidden(
            "spec",
            "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
        ));
    }
    for (i, c) in new.spec.containers.iter().enumerate() {
        if c.image.is_empty() {
            errs.push(FieldError::required(
                &format!("spec.containers[{i}].image"),
                "",
            ));
        }
    }
    errs
}

// ----- Service ----------------------------------------------------------------------------------

fn validate_service(s: &Service) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&s.metadata, NameRule::Dns1035Label);
    let spec = &s.spec;
    match spec.type_.as_str() {
        "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName" => {}
        other => errs.push(FieldError::unsupported(
            "spec.type",
            other,
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        )),
    }
    let headless = spec.cluster_ip == "None";
    if spec.ports.is_empty() && !headless && spec.type_ != "ExternalName" {
        errs.push(FieldError::required("spec.ports", ""));
    }
    let mut names = BTreeSet::new();
    for (i, p) in spec.ports.iter().enumerate() {
        let pp = format!("spec.ports[{i}]");
        if spec.ports.len() > 1 && p.name.is_empty() {
            errs.push(FieldError::required(&format!("{pp}.name"), ""));
        } else if !p.name.is_empty() {
            for msg in dns1123_label(&p.name) {
                errs.push(FieldError::invalid(
                    &format!("{pp}.name"),
                    quote(&p.name),
                    &msg,
                ));
            }
            if !names.insert(p.name.as_str()) {
                errs.push(FieldError::duplicate(&format!("{pp}.name"), &p.name));
            }
        }
        if !(1..=65535).contains(&p.port) {
            errs.push(FieldError::invalid(
                &format!("{pp}.port"),
                p.port,
                PORT_RANGE,
            ));
        }
        errs.extend(validate_protocol(&p.protocol, &format!("{pp}.protocol")));
        // A defaulted targetPort (= port) is covered by the port's own error.
        if let Some(IntOrString::Int(t)) = &p.target_port {
            if *t != p.port as i64 && !(1..=65535).contains(t) {
                errs.push(FieldError::invalid(
                    &format!("{pp}.targetPort"),
                    t,
                    PORT_RANGE,
                ));
            }
        }
    }
    match spec.session_affinity.as_str() {
        "None" | "ClientIP" => {}
        other => errs.push(FieldError::unsupported(
            "spec.sessionAffinity",
            other,
            &["ClientIP", "None"],
        )),
    }
    errs
}

// ----- PersistentVolumeClaim --------------------------------------------------------------------

fn validate_claim(c: &PersistentVolumeClaim) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&c.metadata, NameRule::Dns1123Subdomain);
    let spec = &c.spec;
    if spec.access_modes.is_empty() {
        errs.push(FieldError::required(
            "spec.accessModes",
            "at least 1 access mode is required",
        ));
    }
    for m in &spec.access_modes {
        if ![
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOnce",
            "ReadWriteOncePod",
        ]
        .contains(&m.as_str())
        {
            errs.push(FieldError::unsupported(
                "spec.accessModes",
                m,
                &[
                    "ReadOnlyMany",
                    "ReadWriteMany",
                    "ReadWriteOnce",
                    "ReadWriteOncePod",
                ],
            ));
        }
    }
    if !spec.resources.requests.contains_key("storage") {
        errs.push(FieldError::required("spec.resources[storage]", ""));
    }
    errs
}

/// Claims are immutable after creation except resources.requests; binding may set volumeName
/// once and a default class may be filled in for a claim created without one.
fn validate_claim_update(
    old: &PersistentVolumeClaim,
    new: &PersistentVolumeClaim,
) -> Vec<FieldError> {
    let mut munged = new.spec.clone();
    munged.resources.requests = old.spec.resources.requests.clone();
    if old.spec.volume_name.is_empty() {
        munged.volume_name = old.spec.volume_name.clone();
    }
    if old.spec.storage_class_name.is_none() {
        munged.storage_class_name = old.spec.storage_class_name.clone();
    }
    if munged == old.spec {
        Vec::new()
    } else {
        vec![FieldError::forbidden(
            "spec",
            "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
        )]
    }
}

// ----- metadata, names, labels ------------------------------------------------------------------

#[derive(Clone, Copy)]
enum NameRule {
    Dns1123Label,
    Dns1123Subdomain,
    Dns1035Label,
}

fn validate_object_meta(m: &ObjectMeta, rule: NameRule) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !m.name.is_empty() {
        let msgs = match rule {
            NameRule::Dns1123Label => dns1123_label(&m.name),
            NameRule::Dns1123Subdomain => dns1123_subdomain(&m.name),
            NameRule::Dns1035Label => dns1035_label(&m.name),
        };
        for msg in msgs {
            errs.push(FieldError::invalid("metadata.name", quote(&m.name), &msg));
        }
    }
    errs.extend(validate_labels(&m.labels, "metadata.labels"));
    errs.extend(validate_annotations_size(m));
    errs
}

/// ValidateLabels: qualified-name keys, label values.
pub fn validate_labels(labels: &Labels, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels {
        for msg in qualified_name(k) {
            errs.push(FieldError::invalid(path, quote(k), &msg));
        }
        for msg in label_value(v) {
            errs.push(FieldError::invalid(path, quote(v), &msg));
        }
    }
    errs
}

fn validate_label_selector(sel: &LabelSelector, path: &str) -> Vec<FieldError> {
    let mut errs = validate_labels(&sel.match_labels, &format!("{path}.matchLabels"));
    for (i, e) in sel.match_expressions.iter().enumerate() {
        let ep = format!("{path}.matchExpressions[{i}]");
        match e.operator.as_str() {
            "In" | "NotIn" => {
                if e.values.is_empty() {
                    errs.push(FieldError::required(
                        &format!("{ep}.values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if !e.values.is_empty() {
                    errs.push(FieldError::forbidden(
                        &format!("{ep}.values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            other => errs.push(FieldError::invalid(
                &format!("{ep}.operator"),
                quote(other),
                "not a valid selector operator",
            )),
        }
        for msg in qualified_name(&e.key) {
            errs.push(FieldError::invalid(
                &format!("{ep}.key"),
                quote(&e.key),
                &msg,
            ));
        }
    }
    errs
}

fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut out = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(&format!("'{e}', "));
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn label_shape_ok(s: &str, first: fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && first(b[0])
        && is_alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| is_alnum_lower(c) || c == b'-')
}

/// IsDNS1123Label.
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    if s.len() > 63 {
        msgs.push("must be no more than 63 characters".to_string());
    }
    if !label_shape_ok(s, is_alnum_lower) {
        msgs.push(regex_error(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
            &["my-name", "123-abc"],
        ));
    }
    msgs
}

/// IsDNS1123Subdomain.
pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    if s.len() > 253 {
        msgs.push("must be no more than 253 characters".to_string());
    }
    if !s
        .split('.')
        .all(|part| label_shape_ok(part, is_alnum_lower))
    {
        msgs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            &["example.com"],
        ));
    }
    msgs
}

/// IsDNS1035Label (Service names).
pub fn dns1035_label(s: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    if s.len() > 63 {
        msgs.push("must be no more than 63 characters".to_string());
    }
    if !label_shape_ok(s, |b| b.is_ascii_lowercase()) {
        msgs.push(regex_error(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            "[a-z]([-a-z0-9]*[a-z0-9])?",
            &["my-name", "abc-123"],
        ));
    }
    msgs
}

fn qualified_part_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
}

/// IsQualifiedName (label keys).
pub fn qualified_name(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split('/').collect();
    let name = match parts.as_slice() {
        [n] => *n,
        [prefix, n] => {
            if prefix.is_empty() {
                return vec!["prefix part must be non-empty".into()];
            }
            let msgs: Vec<String> =
                dns1123_subdomain(prefix).into_iter().map(|m| format!("prefix part {m}")).collect();
            if !msgs.is_empty() {
                return msgs;
            }
            *n
        }
        _ => {
            return vec![format!(
                "{} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(
                    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
                    &["MyName", "my.name", "123-abc"],
                )
            )]
        }
    };
    let mut msgs = Vec::new();
    if name.is_empty() {
        msgs.push("name part must be non-empty".into());
        return msgs;
    }
    if name.len() > 63 {
        msgs.push("name part must be no more than 63 characters".into());
    }
    if !qualified_part_ok(name) {
        msgs.push(regex_error(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]",
            &["MyName", "my.name", "123-abc"],
        ));
    }
    msgs
}

/// IsValidLabelValue.
pub fn label_value(s: &str) -> Vec<String> {
    let mut msgs = Vec::new();
    if s.len() > 63 {
        msgs.push("must be no more than 63 characters".into());
    }
    if !s.is_empty() && !qualified_part_ok(s) {
        msgs.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
            &["MyValue", "my_value", "12345"],
        ));
    }
    msgs
}

fn nonnegative(path: &str, v: i64) -> Vec<FieldError> {
    if v < 0 {
        vec![FieldError::invalid(
            path,
            v,
            "must be greater than or equal to 0",
        )]
    } else {
        Vec::new()
    }
}

// ----- Go value printing (field.Invalid uses %q for strings and %#v for composites) ------------

fn go_string_map(m: &Labels) -> String {
    if m.is_empty() {
        return "map[string]string(nil)".into();
    }
    let body: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    format!("map[string]string{{{}}}", body.join(", "))
}

fn go_string_slice(v: &[String]) -> String {
    let body: Vec<String> = v.iter().map(|s| quote(s)).collect();
    format!("[]string{{{}}}", body.join(", "))
}

fn go_label_selector(s: &LabelSelector) -> String {
    let exprs = if s.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let items: Vec<String> = s
            .match_expressions
            .iter()
            .map(|e| {
                format!(
                    "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{}}}",
                    quote(&e.key),
                    quote(&e.operator),
                    if e.values.is_empty() {
                        "[]string(nil)".into()
                    } else {
                        go_string_slice(&e.values)
                    }
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
    };
    format!(
        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{}}}",
        go_string_map(&s.match_labels),
        exprs
    )
}

fn go_rolling_update(partition: Option<i32>, max_unavailable: &Option<IntOrString>) -> String {
    let mu = match max_unavailable {
        None => "(*intstr.IntOrString)(nil)".to_string(),
        Some(IntOrString::Int(i)) => {
            format!("&intstr.IntOrString{{Type:0, IntVal:{i}, StrVal:\"\"}}")
        }
        Some(IntOrString::String(s)) => format!(
            "&intstr.IntOrString{{Type:1, IntVal:0, StrVal:{}}}",
            quote(s)
        ),
    };
    format!(
        "apps.RollingUpdateStatefulSetStrategy{{Partition:{}, MaxUnavailable:{mu}}}",
        partition.unwrap_or(0)
    )
}

impl FieldError {
    /// `field: Duplicate value: "x"`.
    pub fn duplicate(field: &str, value: &str) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: format!("Duplicate value: {}", quote(value)),
            detail: String::new(),
        }
    }

    /// `field: Not found: "x"`.
    pub fn not_found(field: &str, value: &str) -> Self {
        FieldError {
            field: field.into(),
            type_and_value: format!("Not found: {}", quote(value)),
            detail: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_label_messages() {
        assert!(dns1123_label("web").is_empty());
        assert_eq!(
            dns1123_label("Web")[0],
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        );
        assert_eq!(
            dns1123_label(&"a".repeat(64)),
            vec!["must be no more than 63 characters".to_string()]
        );
        assert!(dns1123_subdomain("datadir-web-0").is_empty());
        assert!(!dns1123_subdomain("web..0").is_empty());
        assert!(!dns1035_label("1web").is_empty());
        assert!(label_value("").is_empty());
        assert!(qualified_name("apps.kubernetes.io/pod-index").is_empty());
        assert!(!qualified_name("a/b/c").is_empty());
    }

    #[test]
    fn go_printing() {
        let mut m = Labels::new();
        m.insert("app".into(), "nginx".into());
        assert_eq!(go_string_map(&m), "map[string]string{\"app\":\"nginx\"}");
        assert_eq!(
            go_label_selector(&LabelSelector::default()),
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
        );
    }
}
