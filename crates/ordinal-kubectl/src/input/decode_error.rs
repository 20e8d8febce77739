//! The one mapping from the core's `DecodeError` to the texts kubectl shows: on create and
//! apply as the API server's strict decoder words them (`… cannot be handled as a
//! StatefulSet: …` with Go's encoding/json message, `Required value`, `strict decoding
//! error: unknown field …`), and the texts of patch, apply's merge and rollout undo.

use crate::errors::Failure;
use ordinal_sim::api::decode::DecodeError;
use ordinal_sim::api::Kind;
use serde_json::Value;

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

/// `kubectl patch`: the patched object does not decode. The API server's patch handler wraps
/// the decoder's error as an Invalid `patch` value (patch.go, applyPatchToObject and
/// applyJSPatch): for a strategic merge patch the value is the patch as Go's `%+v` prints a
/// map and the error the unstructured converter's; for merge and JSON patches the value is the
/// patched object's JSON and the error encoding/json's, as apply reports it.
pub fn patched(
    kind: Kind,
    name: &str,
    e: DecodeError,
    strategic: &Value,
    patched_json: &Value,
) -> Failure {
    let (value, detail) = match TypedError::from(e.clone()) {
        TypedError::Missing(_) => return to_failure(e, kind, name),
        TypedError::Type(go) if strategic.is_null() => (
            ordinal_sim::gofmt::json::marshal(patched_json),
            go.replace("{KIND}", kind.name()),
        ),
        TypedError::Type(_) => (go_value(strategic), converter_error(&e.message)),
    };
    Failure::Invalid {
        kind: String::new(),
        name: String::new(),
        causes: vec![format!(
            "patch: Invalid value: {}: {detail}",
            ordinal_sim::gofmt::quote(&value)
        )],
    }
}

/// runtime.DefaultUnstructuredConverter's words for a value of the wrong type (converter.go,
/// fromUnstructured and the slice, map and struct helpers). Whole JSON numbers arrive as int64.
fn converter_error(serde_msg: &str) -> String {
    let found = [
        ("invalid type: string", "string"),
        ("invalid type: boolean", "bool"),
        ("invalid type: floating point", "float64"),
        ("invalid type: integer", "int64"),
        ("invalid value: integer", "int64"),
        ("invalid type: map", "map"),
        ("invalid type: sequence", "slice"),
    ]
    .iter()
    .find(|(p, _)| serde_msg.starts_with(p))
    .map(|(_, k)| *k);
    let expected = serde_msg.rsplit("expected ").next().unwrap_or("").trim();
    let target = match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" => expected
            .replace('i', "int")
            .replace('u', "uint")
            .replace('f', "float"),
        "a string" => "string".into(),
        "a boolean" => "bool".into(),
        e if e.starts_with("a sequence") || e.starts_with("a seq") => "slice".into(),
        e if e.starts_with("a map") => "map".into(),
        e if e.starts_with("struct ") => "struct".into(),
        _ => String::new(),
    };
    let Some(found) = found else {
        return format!("json: {serde_msg}");
    };
    let numeric = |k: &str| k.starts_with("int") || k.starts_with("uint") || k.starts_with("float");
    match target.as_str() {
        "slice" => format!("cannot restore slice from {found}"),
        "map" => format!("cannot restore map from {found}"),
        "struct" => format!("cannot restore struct from: {found}"),
        "" => format!("json: {serde_msg}"),
        // Go converts between numbers, and integers to strings, then refuses what JSON would.
        t if (numeric(found) && numeric(t)) || (found == "int64" && t == "string") => {
            format!("cannot convert {found} to {t}")
        }
        t => format!("unrecognized type: {t}"),
    }
}

/// A JSON value as Go's `fmt` prints it with `%+v` after `json.Unmarshal` into
/// `map[string]interface{}`: `map[spec:map[replicas:0.5]]`, keys sorted, whole numbers as
/// integers (apimachinery's json.Unmarshal turns them into int64).
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && (f != f.trunc() || f.abs() >= 9.2e18) => go_float(f),
            _ => n.to_string().trim_end_matches(".0").to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(go_value).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            ordinal_sim::sort::sort(&mut keys);
            let items: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", go_value(&m[*k])))
                .collect();
            format!("map[{}]", items.join(" "))
        }
    }
}

/// `%v` of a float64 (strconv's shortest `'g'`): `%e` form when the exponent is below -4 or
/// at least 6.
fn go_float(f: f64) -> String {
    let exp = f.abs().log10().floor() as i32;
    if (-4..6).contains(&exp) {
        return f.to_string();
    }
    let s = format!("{f:e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = e.strip_prefix('-').map_or(('+', e), |d| ('-', d));
    format!("{m}e{sign}{digits:0>2}")
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
