//! Deployment validation, DEP16 (pkg/apis/apps/validation ValidateDeployment, ValidateDeploymentSpec,
//! ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePodTemplateSpecForReplicaSet;
//! the apps/v1 selector immutability of pkg/registry/apps/deployment/strategy.go), in upstream's
//! order and wording.

use super::{
    go_label_selector, nonnegative, parse_percent, validate_annotations_size,
    validate_label_selector, validate_labels, validate_object_meta, NameRule,
};
use crate::api::{Deployment, DeploymentStrategy, IntOrString};
use crate::apiserver::error::FieldError;
use crate::gofmt::quote;

/// ValidateDeployment: the name is a DNS subdomain.
pub fn validate_deployment(d: &Deployment) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&d.metadata, NameRule::Dns1123Subdomain);
    errs.extend(validate_deployment_spec(d));
    errs
}

/// ValidateDeploymentUpdate plus the apps/v1 strategy's immutable selector.
pub fn validate_deployment_update(old: &Deployment, new: &Deployment) -> Vec<FieldError> {
    let mut errs = validate_labels(&new.metadata.labels, "metadata.labels");
    errs.extend(validate_annotations_size(&new.metadata));
    errs.extend(validate_deployment_spec(new));
    if new.spec.selector != old.spec.selector {
        let value = new
            .spec
            .selector
            .as_ref()
            .map_or("null".to_string(), go_label_selector);
        errs.push(FieldError::invalid(
            "spec.selector",
            value,
            "field is immutable",
        ));
    }
    errs
}

/// ValidateDeploymentSpec.
fn validate_deployment_spec(d: &Deployment) -> Vec<FieldError> {
    let spec = &d.spec;
    let mut errs = nonnegative("spec.replicas", spec.replicas.unwrap_or(1) as i64);
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
    errs.extend(super::replica_set::validate_template_for_replica_set(
        &d.spec.template,
        d.spec.selector.as_ref(),
    ));
    errs.extend(validate_strategy(spec.strategy.as_ref()));
    errs.extend(nonnegative(
        "spec.minReadySeconds",
        spec.min_ready_seconds as i64,
    ));
    if let Some(limit) = spec.revision_history_limit {
        errs.extend(nonnegative("spec.revisionHistoryLimit", limit as i64));
    }
    if let Some(deadline) = spec.progress_deadline_seconds {
        errs.extend(nonnegative("spec.progressDeadlineSeconds", deadline as i64));
        if deadline <= spec.min_ready_seconds {
            errs.push(FieldError::invalid(
                "spec.progressDeadlineSeconds",
                deadline,
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

/// ValidateDeploymentStrategy.
fn validate_strategy(strategy: Option<&DeploymentStrategy>) -> Vec<FieldError> {
    let default = DeploymentStrategy::default();
    let s = strategy.unwrap_or(&default);
    let path = "spec.strategy";
    match s.type_.as_str() {
        "Recreate" if s.rolling_update.is_some() => vec![FieldError::forbidden(
            &format!("{path}.rollingUpdate"),
            "may not be specified when strategy `type` is 'Recreate'",
        )],
        "Recreate" => Vec::new(),
        "RollingUpdate" => match &s.rolling_update {
            None => vec![FieldError::required(
                &format!("{path}.rollingUpdate"),
                "this should be defaulted and never be nil",
            )],
            Some(ru) => {
                let zero = IntOrString::Int(0);
                let mu = ru.max_unavailable.as_ref().unwrap_or(&zero);
                let ms = ru.max_surge.as_ref().unwrap_or(&zero);
                let mu_path = format!("{path}.rollingUpdate.maxUnavailable");
                let mut errs = positive_int_or_percent(mu, &mu_path);
                errs.extend(positive_int_or_percent(
                    ms,
                    &format!("{path}.rollingUpdate.maxSurge"),
                ));
                if int_or_percent_value(mu) == 0 && int_or_percent_value(ms) == 0 {
                    errs.push(FieldError::invalid(
                        &mu_path,
                        show(mu),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
                if let IntOrString::String(v) = mu {
                    if parse_percent(v).is_some_and(|p| p > 100) {
                        errs.push(FieldError::invalid(
                            &mu_path,
                            show(mu),
                            "must not be greater than 100%",
                        ));
                    }
                }
                errs
            }
        },
        other => {
            // %#v prints a set pointer as its address, which differs per request anyway.
            let ru = if s.rolling_update.is_some() {
                "(*apps.RollingUpdateDeployment)(0xc000c0a3c0)"
            } else {
                "(*apps.RollingUpdateDeployment)(nil)"
            };
            vec![FieldError {
                field: path.into(),
                type_and_value: format!(
                    "Unsupported value: apps.DeploymentStrategy{{Type:{}, RollingUpdate:{ru}}}",
                    quote(other)
                ),
                detail: "supported values: \"Recreate\", \"RollingUpdate\"".into(),
            }]
        }
    }
}

/// An IntOrString as field.Invalid shows it: the number, or the quoted string.
fn show(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => quote(s),
    }
}

/// getIntOrPercentValue: the number, or the percentage's number (0 when malformed).
fn int_or_percent_value(v: &IntOrString) -> i64 {
    match v {
        IntOrString::Int(i) => *i,
        IntOrString::String(s) => parse_percent(s).unwrap_or(0),
    }
}

/// ValidatePositiveIntOrPercent: a non-negative integer or a well-formed percentage.
fn positive_int_or_percent(v: &IntOrString, path: &str) -> Vec<FieldError> {
    match v {
        IntOrString::Int(i) => nonnegative(path, *i),
        IntOrString::String(s) if parse_percent(s).is_none() => vec![FieldError::invalid(
            path,
            quote(s),
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        )],
        IntOrString::String(_) => Vec::new(),
    }
}
