//! From manifest text to typed objects, with the client- and server-side errors kubectl shows:
//! YAML syntax, missing apiVersion/kind, unknown kinds, wrong field types and unknown fields
//! (`strict decoding error`).

use crate::errors::Failure;
use crate::input::decode_error;
use crate::input::resources::{self, UNSIMULATED};
use crate::input::yaml;
use ordinal_sim::api::*;
use serde_json::Value;

/// One document of a manifest, with the file it came from (`STDIN` for `-f -`).
#[derive(Clone, Debug)]
pub struct Doc {
    pub source: String,
    pub value: Value,
}

/// Parses a file's text into documents (`kind: List` is expanded into its items).
pub fn parse_file(source: &str, text: &str) -> Result<Vec<Doc>, Failure> {
    let docs = yaml::parse_documents(text).map_err(|e| {
        Failure::client(format!(
            "error parsing {source}: error converting YAML to JSON: {e}"
        ))
    })?;
    let mut out = Vec::new();
    for d in docs {
        let is_list = d
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| k.ends_with("List"))
            && d.get("items").is_some_and(Value::is_array);
        if is_list {
            if let Some(Value::Array(items)) = d.get("items") {
                for i in items {
                    out.push(Doc {
                        source: source.to_string(),
                        value: i.clone(),
                    });
                }
            }
            continue;
        }
        out.push(Doc {
            source: source.to_string(),
            value: d,
        });
    }
    Ok(out)
}

/// A decoded object plus warnings to print (fields Ordinal does not simulate).
#[derive(Clone, Debug)]
pub struct Decoded {
    pub object: Object,
    pub warnings: Vec<String>,
}

fn validation_error(source: &str, msgs: &[&str]) -> Failure {
    let body = match msgs {
        [one] => one.to_string(),
        many => format!("[{}]", many.join(", ")),
    };
    Failure::client(format!(
        "error validating \"{source}\": error validating data: {body}; if you choose to ignore these errors, turn validation off with --validate=false"
    ))
}

/// The apiVersion/kind pair of a document, checked like kubectl's client-side validation.
pub fn type_of(doc: &Doc) -> Result<(String, String), Failure> {
    let Value::Object(m) = &doc.value else {
        return Err(validation_error(
            &doc.source,
            &["apiVersion not set", "kind not set"],
        ));
    };
    let api = m.get("apiVersion");
    let kind = m.get("kind");
    let mut errs = Vec::new();
    match api {
        None => errs.push("apiVersion not set"),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("apiVersion isn't string type"),
    }
    match kind {
        None => errs.push("kind not set"),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("kind isn't string type"),
    }
    if !errs.is_empty() {
        return Err(validation_error(&doc.source, &errs));
    }
    Ok((
        api.and_then(Value::as_str).unwrap_or("").to_string(),
        kind.and_then(Value::as_str).unwrap_or("").to_string(),
    ))
}

fn meta_str<'a>(doc: &'a Value, key: &str) -> &'a str {
    doc.get("metadata")
        .and_then(|m| m.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Resolves the document's Kind; unknown kinds give kubectl's mapping error.
pub fn kind_of(doc: &Doc, api_version: &str, kind: &str) -> Result<Kind, Failure> {
    if let Some(k) = resources::kind_for(api_version, kind) {
        return Ok(k);
    }
    if let Some((_, _, k, v, _)) = UNSIMULATED
        .iter()
        .find(|u| u.2 == kind && u.3 == api_version)
    {
        return Err(Failure::client(format!(
            "{k} ({v}) is a real Kubernetes kind, but Ordinal does not simulate it: this cluster runs StatefulSets and the objects around them (Pods, Services, EndpointSlices, PersistentVolumeClaims, PersistentVolumes, StorageClasses, ConfigMaps, Namespaces, Nodes)"
        )));
    }
    Err(Failure::Raw(format!(
        "error: resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first\n",
        meta_str(&doc.value, "name"),
        meta_str(&doc.value, "namespace"),
        doc.source
    )))
}

/// Real Kubernetes fields the simulator has no model for: accepted with a warning, then dropped.
const UNSIMULATED_FIELDS: &[&str] = &[
    "initContainers",
    "securityContext",
    "imagePullSecrets",
    "serviceAccount",
    "automountServiceAccountToken",
    "enableServiceLinks",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "priorityClassName",
    "priority",
    "topologySpreadConstraints",
    "readinessGates",
    "runtimeClassName",
    "preemptionPolicy",
    "overhead",
    "shareProcessNamespace",
    "setHostnameAsFQDN",
    "dnsConfig",
    "hostAliases",
    "ephemeralContainers",
    "os",
    "schedulingGates",
    "resourceClaims",
    "hostUsers",
    "lifecycle",
    "workingDir",
    "envFrom",
    "volumeDevices",
    "resizePolicy",
    "secret",
    "projected",
    "downwardAPI",
    "nfs",
    "ephemeral",
    "nodePort",
    "appProtocol",
    "externalIPs",
    "externalName",
    "loadBalancerIP",
    "ipFamilies",
    "ipFamilyPolicy",
    "internalTrafficPolicy",
    "externalTrafficPolicy",
    "sessionAffinityConfig",
    "healthCheckNodePort",
    "allocateLoadBalancerNodePorts",
    "loadBalancerClass",
    "trafficDistribution",
    "dataSource",
    "dataSourceRef",
    "volumeAttributesClassName",
    "grpc",
    "httpHeaders",
    "host",
    "valueFrom",
    "mountPropagation",
    "subPath",
    "subPathExpr",
    "recursiveReadOnly",
    "managedFields",
    "selfLink",
    "terminationGracePeriodSeconds",
    "mountOptions",
    "allowedTopologies",
    "parameters",
    "binaryData",
    "immutable",
    "spec",
];

/// Decodes a document into a typed object like the API server's strict decoder.
pub fn decode(doc: &Doc, kind: Kind) -> Result<Decoded, Failure> {
    let mut v = doc.value.clone();
    if let Value::Object(m) = &mut v {
        m.remove("apiVersion");
        m.remove("kind");
        // The server resets status on create; do not reject fields of a pasted status.
        m.remove("status");
        if let Some(Value::Object(meta)) = m.get_mut("metadata") {
            for k in ["managedFields", "selfLink"] {
                meta.remove(k);
            }
        }
    }
    let name = meta_str(&doc.value, "name");
    let (object, unknown) =
        Object::decode(kind, &v).map_err(|e| decode_error::to_failure(e, kind, name))?;
    let (simulated_gaps, truly_unknown): (Vec<String>, Vec<String>) =
        unknown.into_iter().partition(|p| {
            let last = p.rsplit(['.', '[']).next().unwrap_or(p);
            UNSIMULATED_FIELDS.contains(&last) && p != "spec"
        });
    if !truly_unknown.is_empty() {
        return Err(decode_error::unknown_fields(kind, &truly_unknown));
    }
    let warnings = simulated_gaps
        .into_iter()
        .map(|p| {
            format!("Warning: field \"{p}\" is valid Kubernetes but not simulated by Ordinal; it was dropped")
        })
        .collect();
    Ok(Decoded { object, warnings })
}

/// The namespace an object goes to: its own, else `-n`, else the session's; a conflict between
/// the manifest and an explicit `-n` is kubectl's error.
pub fn target_namespace(
    obj: &Object,
    explicit: Option<&str>,
    session_ns: &str,
) -> Result<String, Failure> {
    if !obj.kind().namespaced() {
        return Ok(String::new());
    }
    let own = &obj.meta().namespace;
    match explicit {
        Some(ns) if !own.is_empty() && own != ns => Err(Failure::client(format!(
            "the namespace from the provided object \"{own}\" does not match the namespace \"{ns}\". You must pass '--namespace={own}' to perform this operation."
        ))),
        Some(ns) if own.is_empty() => Ok(ns.to_string()),
        _ if own.is_empty() => Ok(session_ns.to_string()),
        _ => Ok(own.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        parse_file("f.yaml", text).unwrap().remove(0)
    }

    fn decode_text(text: &str) -> Result<Decoded, Failure> {
        let d = doc(text);
        let (api, kind) = type_of(&d)?;
        let k = kind_of(&d, &api, &kind)?;
        decode(&d, k)
    }

    #[test]
    fn web_yaml_decodes_without_warnings() {
        let docs = parse_file("web.yaml", crate::input::yaml::tests::WEB_YAML).unwrap();
        let mut kinds = Vec::new();
        for d in &docs {
            let (api, kind) = type_of(d).unwrap();
            let k = kind_of(d, &api, &kind).unwrap();
            let dec = decode(d, k).unwrap();
            assert!(dec.warnings.is_empty(), "{:?}", dec.warnings);
            kinds.push(dec.object.kind());
        }
        assert_eq!(kinds, vec![Kind::Service, Kind::StatefulSet]);
    }

    #[test]
    fn unknown_field_is_a_strict_decoding_error() {
        let e = decode_text("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  foo: 1\n  template:\n    spec:\n      containers:\n      - name: c\n        bar: 2\n")
            .unwrap_err()
            .with_source("creating", "web.yaml");
        assert_eq!(
            e.render(),
            "Error from server (BadRequest): error when creating \"web.yaml\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.foo\", unknown field \"spec.template.spec.containers[0].bar\"\n"
        );
    }

    #[test]
    fn wrong_type_is_gos_unmarshal_error() {
        let e = decode_text("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: two\n").unwrap_err();
        assert_eq!(
            e.render(),
            "Error from server (BadRequest): StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32\n"
        );
    }

    #[test]
    fn unknown_kind_and_missing_kind() {
        let e = decode_text("apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n").unwrap_err();
        assert_eq!(
            e.render(),
            "error: resource mapping not found for name: \"x\" namespace: \"\" from \"f.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n"
        );
        let e = decode_text("metadata:\n  name: x\n").unwrap_err();
        assert_eq!(
            e.render(),
            "error: error validating \"f.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n"
        );
    }

    #[test]
    fn real_but_unsimulated_fields_warn() {
        let d = decode_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext: {}\n  containers:\n  - name: c\n    image: busybox\n").unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("spec.securityContext"));
    }

    #[test]
    fn missing_required_field_is_invalid() {
        let e = decode_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: busybox\n").unwrap_err();
        assert_eq!(
            e.render(),
            "The Pod \"p\" is invalid: spec.containers[0].name: Required value\n"
        );
    }
}
