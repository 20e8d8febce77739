//! The one mapping from the core's `DecodeError` to the texts kubectl shows: on create and
//! apply as the API server's strict decoder words them (`… cannot be handled as a
//! StatefulSet: …` with Go's encoding/json message, `Required value`, `strict decoding
//! error: unknown field …`), and the texts of patch, apply's merge and rollout undo.

use crate::errors::Failure;
use ordinal_sim::api::decode::DecodeError;
use ordinal_sim::api::Kind;

/// The server's BadRequest for a body it cannot decode into `kind`.
pub fn cannot_handle(kind: Kind, detail: &str) -> Failure {
    Failure::Api {
        reason: "BadRequest".into(),
        message: format!(
            "{k} in version \"v1\" cannot be handled as a {k}: {detail}",
            k = kind.name()
        ),
    }
}

/// A decode error of object `name` as the server reports it: a missing required field is
/// Invalid, a value of the wrong type a BadRequest in Go's words.
pub fn to_failure(e: DecodeError, kind: Kind, name: &str) -> Failure {
    match TypedError::from(e) {
        TypedError::Missing(path) => Failure::Invalid {
            kind: kind.name().into(),
            name: name.to_string(),
            causes: vec![format!("{path}: Required value")],
        },
        TypedError::Type(msg) => cannot_handle(kind, &msg.replace("{KIND}", kind.name())),
    }
}

/// `kubectl patch`: the patched object does not decode. Unlike create, the detail is the
/// core's own `path: message`, not Go's unmarshal text.
pub fn patched(kind: Kind, e: &DecodeError) -> Failure {
    cannot_handle(kind, &e.to_string())
}

/// `kubectl apply`: the three-way merge of `source` gives an object that does not decode.
pub fn applying_patch(source: &str, e: &DecodeError) -> Failure {
    Failure::Api {
        reason: "BadRequest".into(),
        message: format!("error when applying patch to \"{source}\": {e}"),
    }
}

/// `kubectl rollout undo`: the revision's template does not decode onto the set.
pub fn restoring_revision(revision: i64, e: &DecodeError) -> Failure {
    Failure::client(format!("failed restoring revision {revision}: {e}"))
}

/// Fields the strict decoder does not know (API paths such as `spec.foo`).
pub fn unknown_fields(kind: Kind, paths: &[String]) -> Failure {
    let list: Vec<String> = paths
        .iter()
        .map(|p| format!("unknown field \"{p}\""))
        .collect();
    cannot_handle(kind, &format!("strict decoding error: {}", list.join(", ")))
}

enum TypedError {
    /// A required field is missing (path in API form).
    Missing(String),
    /// A value of the wrong type: Go's `json: cannot unmarshal …` text.
    Type(String),
}

impl From<DecodeError> for TypedError {
    fn from(e: DecodeError) -> Self {
        if let Some(field) = e
            .message
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            return TypedError::Missing(if e.path.is_empty() {
                field.to_string()
            } else {
                format!("{}.{field}", e.path)
            });
        }
        TypedError::Type(go_unmarshal_error(&e.path, &e.message))
    }
}

/// Go's encoding/json message: `json: cannot unmarshal string into Go struct field
/// StatefulSetSpec.spec.replicas of type int32`.
fn go_unmarshal_error(path: &str, serde_msg: &str) -> String {
    let found = if serde_msg.contains("invalid type: string") {
        "string".to_string()
    } else if serde_msg.contains("invalid type: boolean") {
        "bool".to_string()
    } else if serde_msg.contains("invalid type: sequence") {
        "array".to_string()
    } else if serde_msg.contains("invalid type: map") {
        "object".to_string()
    } else if let Some(num) = serde_msg.split('`').nth(1).filter(|_| {
        serde_msg.contains("invalid value")
            || serde_msg.contains("floating point")
            || serde_msg.contains("integer")
    }) {
        format!("number {num}")
    } else if serde_msg.contains("invalid type: null") {
        "null".to_string()
    } else {
        return format!("json: {serde_msg}");
    };
    let expected = serde_msg.rsplit("expected ").next().unwrap_or("");
    let go_type = match expected.trim() {
        "i32" => "int32",
        "i64" => "int64",
        "u32" => "uint32",
        "u64" => "uint64",
        "a boolean" => "bool",
        "a string" => "string",
        "a sequence" => "[]interface {}",
        e if e.starts_with("struct ") => e.trim_start_matches("struct "),
        e if e.starts_with("a map") => "map[string]string",
        _ => "string",
    };
    let go_path = path
        .split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .collect::<Vec<_>>()
        .join(".");
    let parent = go_struct_of(path);
    format!(
        "json: cannot unmarshal {found} into Go struct field {parent}.{go_path} of type {go_type}"
    )
}

/// The Go struct that holds the field at `path` (best effort, for the error text).
fn go_struct_of(path: &str) -> String {
    let segs: Vec<&str> = path
        .split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .collect();
    let maps = [
        "labels",
        "annotations",
        "matchLabels",
        "nodeSelector",
        "data",
        "requests",
        "limits",
        "capacity",
        "selector",
    ];
    let mut parents: Vec<&str> = segs[..segs.len().saturating_sub(1)].to_vec();
    while parents.last().is_some_and(|p| maps.contains(p)) {
        parents.pop();
    }
    let joined = parents.join(".");
    let s = match parents.last().copied() {
        None => "{KIND}",
        Some("metadata") => "ObjectMeta",
        Some("spec") if joined.ends_with("template.spec") => "PodSpec",
        Some("spec") if joined.ends_with("volumeClaimTemplates.spec") => {
            "PersistentVolumeClaimSpec"
        }
        Some("spec") => "{KIND}Spec",
        Some("template") => "PodTemplateSpec",
        Some("containers") => "Container",
        Some("ports") if joined.contains("containers") => "ContainerPort",
        Some("ports") => "ServicePort",
        Some("volumeMounts") => "VolumeMount",
        Some("volumes") => "Volume",
        Some("env") => "EnvVar",
        Some("updateStrategy") => "StatefulSetUpdateStrategy",
        Some("rollingUpdate") => "RollingUpdateStatefulSetStrategy",
        Some("resources") => "ResourceRequirements",
        Some("readinessProbe" | "livenessProbe" | "startupProbe") => "Probe",
        Some("httpGet") => "HTTPGetAction",
        Some("volumeClaimTemplates") => "PersistentVolumeClaim",
        Some("ordinals") => "StatefulSetOrdinals",
        Some("persistentVolumeClaimRetentionPolicy") => {
            "StatefulSetPersistentVolumeClaimRetentionPolicy"
        }
        Some(_) => "Object",
    };
    s.to_string()
}
