//! `kubectl explain` text: kubectl's plaintext template (explain/v2 `plaintext.tmpl`) over the
//! schema Ordinal serves, one table per kind in `core.rs`, `apps.rs`, `discovery.rs`,
//! `storage.rs`, `workloads.rs` and the shared `meta.rs`.

mod apps;
mod core;
mod discovery;
mod meta;
pub mod schema;
mod storage;
mod workloads;

use ordinal_sim::api::kinds::KindInfo;
use ordinal_sim::api::Kind;
use schema::{Field, Schema};

/// The schema of a kind's top-level object.
pub fn root(kind: Kind) -> &'static Schema {
    match kind {
        Kind::ConfigMap => &core::CONFIG_MAP,
        Kind::Event => &core::EVENT,
        Kind::Namespace => &core::NAMESPACE,
        Kind::Node => &core::NODE,
        Kind::PersistentVolumeClaim => &core::PVC,
        Kind::PersistentVolume => &core::PV,
        Kind::Pod => &core::POD,
        Kind::Service => &core::SERVICE,
        Kind::ControllerRevision => &apps::CONTROLLER_REVISION,
        Kind::StatefulSet => &apps::STATEFUL_SET,
        Kind::EndpointSlice => &discovery::ENDPOINT_SLICE,
        Kind::StorageClass => &storage::STORAGE_CLASS,
        Kind::Deployment => &workloads::DEPLOYMENT,
        Kind::ReplicaSet => &workloads::REPLICA_SET,
        Kind::ReplicationController => &workloads::REPLICATION_CONTROLLER,
    }
}

/// What explain prints: the text so far (the header is written before a field lookup can
/// fail) and, on failure, the error.
pub struct Explained {
    pub out: String,
    pub error: Option<String>,
}

/// Renders `kubectl explain` for a kind and a field path.
pub fn explain(info: &KindInfo, path: &[String], recursive: bool) -> Explained {
    let mut out = String::new();
    if !info.group().is_empty() {
        out.push_str(&format!("GROUP:      {}\n", info.group()));
    }
    out.push_str(&format!("KIND:       {}\n", info.name));
    out.push_str(&format!("VERSION:    {}\n\n", info.version()));
    let root = root(info.kind);
    // Walk the path; arrays and maps are stepped through to their element type.
    let mut at: Option<&Field> = None;
    let mut schema = Some(root);
    for (i, seg) in path.iter().enumerate() {
        let Some(field) = schema.and_then(|s| s.fields.iter().find(|f| f.name == seg)) else {
            // The template names the path's last segment, whichever one is missing.
            let last = path.last().map(String::as_str).unwrap_or_default();
            return Explained {
                out,
                error: Some(format!("error: field \"{last}\" does not exist")),
            };
        };
        if i + 1 == path.len() {
            out.push_str(&format!("FIELD: {} <{}>\n", field.name, field.ty.guess()));
            if !field.enums.is_empty() {
                out.push_str("ENUM:");
                for v in field.enums {
                    out.push_str(&format!("\n    {v}"));
                }
            }
            out.push_str("\n\n");
        }
        at = Some(field);
        schema = field.ty.schema();
    }
    // DESCRIPTION: the field's own text, then its type's (the template joins them as is).
    let mut description = match at {
        None => root.description.to_string(),
        Some(f) => {
            let mut d = f.description.to_string();
            if let Some(s) = f.ty.schema() {
                d.push_str(s.description);
            }
            d
        }
    };
    if description.is_empty() {
        description.push_str("<empty>");
    }
    out.push_str("DESCRIPTION:\n");
    out.push_str(&indent(&wrap(&description, 76), 4));
    out.push('\n');
    let fields = schema
        .map(|s| field_list(s, 1, recursive))
        .unwrap_or_default();
    if !fields.is_empty() {
        out.push_str("FIELDS:\n");
        out.push_str(&fields);
    }
    out.push('\n');
    Explained { out, error: None }
}

/// `name<TAB><type> -required-`, then (unless recursive) the description and a blank line;
/// recursive lists nest two spaces per level.
fn field_list(s: &Schema, level: usize, recursive: bool) -> String {
    let mut fields: Vec<&Field> = s.fields.iter().collect();
    ordinal_sim::sort::sort_by_key(&mut fields, |f| f.name);
    let pad = level * 2;
    let mut out = String::new();
    for f in fields {
        out.push_str(&" ".repeat(pad));
        out.push_str(&format!("{}\t<{}>", f.name, f.ty.guess()));
        if f.required {
            out.push_str(" -required-");
        }
        if !f.enums.is_empty() {
            // The one-line view lists four values at most.
            let mut list = f
                .enums
                .iter()
                .take(4)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if f.enums.len() > 4 {
                list.push_str(", ....");
            }
            out.push_str(&format!("\n{}enum: {list}", " ".repeat(pad)));
        }
        out.push('\n');
        if recursive {
            if let Some(sub) = f.ty.schema() {
                out.push_str(&field_list(sub, level + 1, true));
            }
        } else {
            let d = if f.description.is_empty() {
                "<no description>"
            } else {
                f.description
            };
            out.push_str(&indent(&wrap(d, 78 - pad), pad + 2));
            out.push_str("\n\n");
        }
    }
    out
}

/// kubectl's `wrap`: line breaks dropped, then greedy word wrapping to `width` columns
/// (go-wordwrap: a word never splits, a line never exceeds the width unless one word does).
pub fn wrap(s: &str, width: usize) -> String {
    let s = s.replace('\n', "");
    let mut out = String::new();
    let mut line = 0;
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            // go-wordwrap breaks once the word's first characters no longer fit; a word as
            // long as the line still moves to a line of its own.
            if line > 0 && line + 1 + word.len().min(width.saturating_sub(1)) > width {
                out.push('\n');
                line = 0;
            } else {
                out.push(' ');
                line += 1;
            }
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// kubectl's `indent`: the pad before the first line and after every line break.
fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

#[cfg(test)]
mod tests;
