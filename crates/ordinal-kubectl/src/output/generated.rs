//! What kubectl prints for an object one of its own generators built (`create deployment`,
//! `create namespace`, `create configmap`, `run`, `expose`) under `--dry-run=client`: the Go
//! struct as encoding/json writes it. A struct field that is not a pointer is never dropped by
//! `omitempty`, so empty ones print as `{}`, and an unset `metav1.Time` prints as `null` — the
//! `creationTimestamp: null` every `kubectl create … --dry-run=client -o yaml` shows. The
//! namespace is set only when `-n` was given (`if o.EnforceNamespace` in kubectl's
//! create_deployment.go, create_configmap.go, run.go, expose.go).

use super::printers::to_value;
use ordinal_sim::api::Object;
use serde_json::{json, Map, Value};

pub fn client_object(obj: &Object, explicit_namespace: bool) -> Value {
    let mut v = to_value(obj);
    let Some(top) = v.as_object_mut() else {
        return v;
    };
    let meta = object(top, "metadata");
    meta.insert("creationTimestamp".into(), Value::Null);
    if !explicit_namespace {
        meta.remove("namespace");
    }
    match obj {
        Object::Deployment(_) => {
            let spec = object(top, "spec");
            spec.entry("strategy").or_insert_with(|| json!({}));
            pod_template(spec);
            top.insert("status".into(), json!({}));
        }
        Object::Pod(_) => {
            let spec = object(top, "spec");
            pod_spec(spec);
            // run.go's generator sets both; the API server would default them the same way.
            spec.entry("dnsPolicy")
                .or_insert_with(|| json!("ClusterFirst"));
            spec.entry("restartPolicy")
                .or_insert_with(|| json!("Always"));
            top.insert("status".into(), json!({}));
        }
        Object::Namespace(_) => {
            // The phase is the API server's to set; the generator leaves spec and status empty.
            top.insert("spec".into(), json!({}));
            top.insert("status".into(), json!({}));
        }
        Object::Service(_) => {
            top.insert("status".into(), json!({"loadBalancer": {}}));
        }
        _ => {}
    }
    v
}

/// `spec.template`: its metadata's unset creationTimestamp and its containers' resources.
fn pod_template(spec: &mut Map<String, Value>) {
    let template = object(spec, "template");
    object(template, "metadata").insert("creationTimestamp".into(), Value::Null);
    pod_spec(object(template, "spec"));
}

fn pod_spec(spec: &mut Map<String, Value>) {
    if let Some(Value::Array(containers)) = spec.get_mut("containers") {
        for c in containers.iter_mut().filter_map(Value::as_object_mut) {
            c.entry("resources").or_insert_with(|| json!({}));
        }
    }
}

/// The object under `key`, made one if it is missing or not an object.
fn object<'a>(m: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = m.entry(key).or_insert_with(|| json!({}));
    if !slot.is_object() {
        *slot = json!({});
    }
    slot.as_object_mut().expect("made an object above")
}
