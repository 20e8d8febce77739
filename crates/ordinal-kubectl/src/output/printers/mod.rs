//! kubectl's output formats: tables (with `-o wide`, `--show-labels`, `-L`, namespace and kind
//! prefixes), `-o name`, `-o yaml`, `-o json`, `-o jsonpath=…`, `-o go-template=…`.

pub mod columns;
pub mod pod_status;

use crate::input::resources::kind_string;
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::time::Millis;

/// How a table is decorated.
#[derive(Clone, Debug, Default)]
pub struct TableOpts {
    pub wide: bool,
    pub show_labels: bool,
    pub with_namespace: bool,
    pub with_kind: bool,
    pub label_columns: Vec<String>,
    pub no_headers: bool,
}

/// The header row for a kind.
pub fn header(kind: Kind, o: &TableOpts) -> Vec<String> {
    let mut h: Vec<String> = Vec::new();
    if o.with_namespace && kind.namespaced() {
        h.push("NAMESPACE".into());
    }
    for c in columns::columns(kind) {
        if !c.wide || o.wide {
            h.push(c.name.to_string());
        }
    }
    for l in &o.label_columns {
        h.push(l.rsplit('/').next().unwrap_or(l).to_ascii_uppercase());
    }
    if o.show_labels {
        h.push("LABELS".into());
    }
    h
}

/// One object's row.
pub fn row(obj: &Object, now: Millis, o: &TableOpts) -> Vec<String> {
    let kind = obj.kind();
    let cells = columns::cells(obj, now);
    let mut r: Vec<String> = Vec::new();
    if o.with_namespace && kind.namespaced() {
        r.push(obj.meta().namespace.clone());
    }
    for (i, c) in columns::columns(kind).iter().enumerate() {
        if c.wide && !o.wide {
            continue;
        }
        let mut cell = cells.get(i).cloned().unwrap_or_default();
        // The name column carries the kind prefix when several kinds are printed.
        if o.with_kind && c.name == "NAME" && i == 0 {
            cell = format!("{}/{}", kind_string(kind), cell);
        }
        r.push(cell);
    }
    let labels = &obj.meta().labels;
    for l in &o.label_columns {
        r.push(labels.get(l).cloned().unwrap_or_default());
    }
    if o.show_labels {
        r.push(columns::format_labels(labels));
    }
    r
}

/// `-o name`: `pod/web-0`, `statefulset.apps/web`.
pub fn name_of(obj: &Object) -> String {
    format!("{}/{}", kind_string(obj.kind()), obj.meta().name)
}

/// The object as `-o yaml/json` shows it: API-server JSON with kind and apiVersion.
pub fn to_value(obj: &Object) -> serde_json::Value {
    let mut v = obj.to_json();
    drop_empty_template_names(&mut v, false);
    v
}

/// Embedded ObjectMeta (pod templates, claim templates) has no name in real output; the
/// simulator's types always serialize `name`, so drop empty ones below the top level.
fn drop_empty_template_names(v: &mut serde_json::Value, nested: bool) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if k == "metadata" && nested {
                    if let Some(meta) = child.as_object_mut() {
                        if meta.get("name").and_then(|n| n.as_str()) == Some("") {
                            meta.remove("name");
                        }
                    }
                }
                drop_empty_template_names(child, true);
            }
        }
        serde_json::Value::Array(a) => {
            for child in a {
                drop_empty_template_names(child, true);
            }
        }
        _ => {}
    }
}

/// A `kind: List` wrapper as kubectl prints for several objects.
pub fn list_value(objs: &[&Object]) -> serde_json::Value {
    let items: Vec<serde_json::Value> = objs.iter().map(|o| to_value(o)).collect();
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    })
}

#[cfg(test)]
mod tests;
