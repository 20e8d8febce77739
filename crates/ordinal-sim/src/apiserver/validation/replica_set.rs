//! ReplicaSet and ReplicationController validation (RS8) with the API server's messages:
//! pkg/apis/apps/validation `ValidateReplicaSet*`, pkg/apis/core/validation
//! `ValidateReplicationController*`, and the apps/v1 strategy's immutable selector.

use super::{
    go_label_selector, go_string_map, nonnegative, validate_annotations_size,
    validate_label_selector, validate_labels, validate_object_meta, validate_pod_spec, NameRule,
};
use crate::api::{
    LabelSelector, Labels, PodTemplateSpec, ReplicaSet, ReplicaSetStatus, ReplicationController,
};
use crate::apiserver::error::FieldError;

/// ValidateReplicaSet (create).
pub fn validate_replica_set(rs: &ReplicaSet) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&rs.metadata, NameRule::Dns1123Subdomain);
    errs.extend(validate_replica_set_spec(rs));
    errs
}

/// ValidateReplicaSetUpdate plus the apps/v1 strategy's rule that the selector is immutable.
pub fn validate_replica_set_update(old: &ReplicaSet, new: &ReplicaSet) -> Vec<FieldError> {
    let mut errs = validate_labels(&new.metadata.labels, "metadata.labels");
    errs.extend(validate_annotations_size(&new.metadata));
    errs.extend(validate_replica_set_spec(new));
    if new.spec.selector != old.spec.selector {
        errs.push(FieldError::invalid(
            "spec.selector",
            new.spec
                .selector
                .as_ref()
                .map_or("null".to_string(), go_label_selector),
            "field is immutable",
        ));
    }
    errs
}

/// ValidateReplicaSetSpec, in upstream's order.
fn validate_replica_set_spec(rs: &ReplicaSet) -> Vec<FieldError> {
    let spec = &rs.spec;
    let mut errs = nonnegative("spec.replicas", spec.replicas.unwrap_or(1) as i64);
    errs.extend(nonnegative(
        "spec.minReadySeconds",
        spec.min_ready_seconds as i64,
    ));
    match &spec.selector {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(sel) => {
            errs.extend(validate_label_selector(sel, "spec.selector"));
            if sel.is_empty() {
                errs.push(FieldError::invalid(
                    "spec.selector",
                    go_label_selector(sel),
                    "empty selector is invalid for deployment",
                ));
            }
        }
    }
    errs.extend(validate_template_for_replica_set(
        &spec.template,
        spec.selector.as_ref(),
    ));
    errs
}

/// ValidatePodTemplateSpecForReplicaSet, which Deployments share. A nil selector converts to
/// labels.Nothing(), which matches no labels; an empty one to Everything(), which is not
/// compared.
pub(super) fn validate_template_for_replica_set(
    t: &PodTemplateSpec,
    selector: Option<&LabelSelector>,
) -> Vec<FieldError> {
    validate_template(
        t,
        |labels| selector.is_some_and(|s| s.is_empty() || s.matches(labels)),
        "ReplicaSet",
    )
}

/// ValidatePodTemplateSpecForReplicaSet / ValidatePodTemplateSpecForRC: the labels match the
/// selector, a valid pod template, restartPolicy Always, no activeDeadlineSeconds.
fn validate_template(
    t: &PodTemplateSpec,
    selects: impl Fn(&Labels) -> bool,
    kind: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let labels = &t.metadata.labels;
    if !selects(labels) {
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            go_string_map(labels),
            "`selector` does not match template `labels`",
        ));
    }
    errs.extend(validate_labels(labels, "spec.template.labels"));
    errs.extend(validate_pod_spec(&t.spec, "spec.template.spec"));
    let restart = &t.spec.restart_policy;
    if restart != "Always" {
        errs.push(FieldError::unsupported(
            "spec.template.spec.restartPolicy",
            restart,
            &["Always"],
        ));
    }
    if t.spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            &format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
    errs
}

/// ValidateReplicationController (create) and, without the name, ValidateReplicationControllerUpdate
/// (an RC's selector may change).
pub fn validate_replication_controller(
    rc: &ReplicationController,
    create: bool,
) -> Vec<FieldError> {
    let mut errs = if create {
        validate_object_meta(&rc.metadata, NameRule::Dns1123Subdomain)
    } else {
        let mut e = validate_labels(&rc.metadata.labels, "metadata.labels");
        e.extend(validate_annotations_size(&rc.metadata));
        e
    };
    let spec = &rc.spec;
    errs.extend(nonnegative(
        "spec.minReadySeconds",
        spec.min_ready_seconds as i64,
    ));
    // ValidateNonEmptySelector.
    if spec.selector.is_empty() {
        errs.push(FieldError::required("spec.selector", ""));
    }
    errs.extend(nonnegative(
        "spec.replicas",
        spec.replicas.unwrap_or(1) as i64,
    ));
    match &spec.template {
        None => errs.push(FieldError::required("spec.template", "")),
        Some(t) => {
            let sel = &spec.selector;
            errs.extend(validate_template(
                t,
                |labels| sel.is_empty() || sel.iter().all(|(k, v)| labels.get(k) == Some(v)),
                "ReplicationController",
            ));
        }
    }
    errs
}

/// ValidateReplicaSetStatus / ValidateReplicationControllerStatus.
pub fn validate_replica_set_status(s: &ReplicaSetStatus) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (f, v) in [
        ("replicas", s.replicas),
        ("fullyLabeledReplicas", s.fully_labeled_replicas),
        ("readyReplicas", s.ready_replicas),
        ("availableReplicas", s.available_replicas),
    ] {
        errs.extend(nonnegative(&format!("status.{f}"), v as i64));
    }
    errs.extend(nonnegative(
        "status.observedGeneration",
        s.observed_generation.unwrap_or(0),
    ));
    let msg = "cannot be greater than status.replicas";
    for (f, v) in [
        ("fullyLabeledReplicas", s.fully_labeled_replicas),
        ("readyReplicas", s.ready_replicas),
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
            "cannot be greater than readyReplicas",
        ));
    }
    errs
}
