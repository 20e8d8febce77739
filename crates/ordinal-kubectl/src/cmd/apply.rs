//! `kubectl apply -f` (client-side apply with `last-applied-configuration`) and `kubectl create`.

use super::{dry_run, read_sources, Kubectl};
use crate::errors::{usage_error, Failure};
use crate::input::decode_error;
use crate::input::flags::{b, l, v, Flag};
use crate::input::manifest::{self, Doc};
use crate::input::merge;
use crate::input::resources::kind_string;
use crate::input::yaml::to_json_compact;
use crate::output::print_flags::{self, Format};
use crate::output::printers;
use ordinal_sim::api::{ConfigMap, Kind, Namespace, Object, ObjectMeta};
use serde_json::Value;

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

pub const APPLY_FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
    b("server-side", None),
    b("force-conflicts", None),
    v("field-manager", None),
    v("validate", None),
    b("prune", None),
    l("selector", Some('l')),
    b("overwrite", None),
    b("wait", None),
    v("timeout", None),
    b("record", None),
];

pub const CREATE_FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
    b("save-config", None),
    v("validate", None),
    v("field-manager", None),
    l("from-literal", None),
    v("edit", None),
    l("image", None),
    v("replicas", Some('r')),
    v("port", None),
];

/// Decodes every document of every `-f` source, collecting per-document failures.
/// One document and what decoding it gave.
type DecodedDoc = (Doc, Result<manifest::Decoded, Failure>);

fn decode_all(k: &mut Kubectl) -> Result<Vec<DecodedDoc>, Failure> {
    let mut out = Vec::new();
    let sources = read_sources(k)?;
    if sources.is_empty() {
        return Err(Failure::client("must specify one of -f and -k"));
    }
    for (src, text) in sources {
        let docs = manifest::parse_file(&src, &text)?;
        for doc in docs {
            // Type and mapping are checked client-side while the builder reads the files, so
            // a failure there stops the command before anything is sent (upstream GetObjects).
            let (api, kind) = manifest::type_of(&doc)?;
            let kind = manifest::kind_of(&doc, &api, &kind)?;
            let decoded = manifest::decode(&doc, kind);
            out.push((doc, decoded));
        }
    }
    if out.is_empty() {
        return Err(Failure::client("no objects passed to apply"));
    }
    Ok(out)
}

/// The annotation value kubectl stores: the manifest as sent (namespace filled in, the
/// annotation itself left out), compact JSON with sorted keys, plus a newline.
fn last_applied_value(doc: &Value, namespace: &str) -> Value {
    let mut v = doc.clone();
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        if !namespace.is_empty() {
            meta.insert("namespace".into(), Value::String(namespace.into()));
        }
        let ann = meta
            .entry("annotations")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(a) = ann.as_object_mut() {
            a.remove(LAST_APPLIED);
        }
    }
    v
}

pub(super) fn print_result(
    k: &mut Kubectl,
    format: &Format,
    obj: &Object,
    verb: &str,
    suffix: &str,
) -> Result<(), Failure> {
    print_result_with(k, format, obj, verb, suffix, printers::to_value)
}

/// `kind/name verb` (with the dry-run suffix), or the object in the `-o` format as `shape`
/// makes it.
pub(super) fn print_result_with(
    k: &mut Kubectl,
    format: &Format,
    obj: &Object,
    verb: &str,
    suffix: &str,
    shape: impl Fn(&Object) -> Value,
) -> Result<(), Failure> {
    match format {
        Format::Table { .. } => {
            let line = format!(
                "{}/{} {verb}{suffix}\n",
                kind_string(obj.kind()),
                obj.meta().name
            );
            k.print(&line);
        }
        f => {
            let s = print_flags::render_with(f, &[obj], true, shape)?;
            k.print(&s);
        }
    }
    Ok(())
}

/// A decoded document's object in the namespace it goes to, its warnings printed; `None`
/// after recording why not in `k.errors` (apply and create carry on with the next one).
fn placed(
    k: &mut Kubectl,
    doc: &Doc,
    decoded: Result<manifest::Decoded, Failure>,
    explicit_ns: Option<&str>,
    session_ns: &str,
) -> Option<(Object, String)> {
    let d = match decoded {
        Ok(d) => d,
        Err(f) => {
            k.errors.push(f.with_source("creating", &doc.source));
            return None;
        }
    };
    for w in &d.warnings {
        k.warn(w);
    }
    let mut obj = d.object;
    match manifest::target_namespace(&obj, explicit_ns, session_ns) {
        Ok(ns) => {
            obj.meta_mut().namespace = ns.clone();
            Some((obj, ns))
        }
        Err(f) => {
            k.errors.push(f);
            None
        }
    }
}

pub fn run_apply(k: &mut Kubectl) -> Result<(), Failure> {
    if !k.flags.has("filename") {
        return Err(Failure::client("must specify one of -f and -k"));
    }
    let suffix = dry_run::suffix(k)?;
    let format = print_flags::parse(k.flags.get("output"), None)?;
    let server_side = k.flags.bool("server-side");
    let explicit_ns = k.explicit_namespace();
    let session_ns = k.st.namespace.clone();
    for (doc, decoded) in decode_all(k)? {
        let Some((mut obj, ns)) = placed(k, &doc, decoded, explicit_ns.as_deref(), &session_ns)
        else {
            continue;
        };
        let kind = obj.kind();
        let name = obj.meta().name.clone();
        if name.is_empty() {
            k.errors.push(Failure::client(format!(
                "error when retrieving current configuration of:\nResource: \"{}\", GroupVersionKind: \"{}\"\nName: \"\", Namespace: \"{ns}\"\nfrom server for: \"{}\": resource name may not be empty",
                resource_gvr(kind),
                gvk(kind),
                doc.source
            )));
            continue;
        }
        let applied = last_applied_value(&doc.value, if kind.namespaced() { &ns } else { "" });
        let annotation = format!("{}\n", to_json_compact(&applied));
        let live = k.st.get(kind, &ns, &name).cloned();
        match live {
            None => {
                if !server_side {
                    obj.meta_mut()
                        .annotations
                        .insert(LAST_APPLIED.into(), annotation);
                }
                if let Some(sfx) = suffix {
                    print_result(k, &format, &obj, "created", sfx)?;
                    continue;
                }
                match k.st.create(obj) {
                    Ok(created) => {
                        let verb = if server_side {
                            "serverside-applied"
                        } else {
                            "created"
                        };
                        print_result(k, &format, &created, verb, "")?;
                    }
                    Err(f) => k.errors.push(f.with_source("creating", &doc.source)),
                }
            }
            Some(live) => {
                let live_json = live.to_json();
                let last = live
                    .meta()
                    .annotations
                    .get(LAST_APPLIED)
                    .and_then(|s| serde_json::from_str::<Value>(s).ok());
                // The manifest as sent, with its namespace and the new annotation.
                let mut new_json = doc.value.clone();
                if let Some(m) = new_json.get_mut("metadata").and_then(Value::as_object_mut) {
                    if kind.namespaced() {
                        m.insert("namespace".into(), Value::String(ns.clone()));
                    }
                    if !server_side {
                        let ann = m
                            .entry("annotations")
                            .or_insert_with(|| Value::Object(Default::default()));
                        if let Some(a) = ann.as_object_mut() {
                            a.insert(LAST_APPLIED.into(), Value::String(annotation.clone()));
                        }
                    }
                }
                if let Some(m) = new_json.as_object_mut() {
                    m.remove("status");
                }
                let last_for_merge = last.map(|mut v| {
                    if let Some(m) = v.as_object_mut() {
                        m.remove("status");
                    }
                    v
                });
                let merged = merge::three_way(&live_json, last_for_merge.as_ref(), &new_json);
                let mut updated = match Object::from_json(kind, merged) {
                    Ok(o) => o,
                    Err(e) => {
                        k.errors.push(decode_error::applying_patch(&doc.source, &e));
                        continue;
                    }
                };
                updated.meta_mut().resource_version.clear();
                if let Some(sfx) = suffix {
                    let changed = updated.to_json() != live.to_json();
                    let verb = if changed { "configured" } else { "unchanged" };
                    print_result(k, &format, &updated, verb, sfx)?;
                    continue;
                }
                let before = live.meta().resource_version.clone();
                match k.st.update(updated) {
                    Ok(after) => {
                        let verb = if server_side {
                            "serverside-applied"
                        } else if after.meta().resource_version == before {
                            "unchanged"
                        } else {
                            "configured"
                        };
                        print_result(k, &format, &after, verb, "")?;
                    }
                    Err(f) => k
                        .errors
                        .push(f.with_source("applying patch to", &doc.source)),
                }
            }
        }
    }
    Ok(())
}

fn resource_gvr(kind: Kind) -> String {
    let i = kind.info();
    format!("{}/{}, Resource={}", i.group(), i.version(), i.plural)
}

fn gvk(kind: Kind) -> String {
    let i = kind.info();
    format!("{}/{}, Kind={}", i.group(), i.version(), i.name)
}

pub fn run_create(k: &mut Kubectl) -> Result<(), Failure> {
    let suffix = dry_run::suffix(k)?;
    let format = print_flags::parse(k.flags.get("output"), None)?;
    if !k.flags.has("filename") {
        return create_subcommand(k, &format, suffix);
    }
    let explicit_ns = k.explicit_namespace();
    let session_ns = k.st.namespace.clone();
    let save_config = k.flags.bool("save-config");
    for (doc, decoded) in decode_all(k)? {
        let Some((mut obj, ns)) = placed(k, &doc, decoded, explicit_ns.as_deref(), &session_ns)
        else {
            continue;
        };
        if save_config {
            let applied =
                last_applied_value(&doc.value, if obj.kind().namespaced() { &ns } else { "" });
            obj.meta_mut().annotations.insert(
                LAST_APPLIED.into(),
                format!("{}\n", to_json_compact(&applied)),
            );
        }
        if let Some(sfx) = suffix {
            print_result(k, &format, &obj, "created", sfx)?;
            continue;
        }
        match k.st.create(obj) {
            Ok(o) => print_result(k, &format, &o, "created", "")?,
            Err(f) => k.errors.push(f.with_source("creating", &doc.source)),
        }
    }
    Ok(())
}

/// `kubectl create namespace NAME`, `kubectl create configmap NAME --from-literal=k=v` and
/// `kubectl create deployment NAME --image=IMAGE`.
fn create_subcommand(
    k: &mut Kubectl,
    format: &Format,
    suffix: Option<&str>,
) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(what) = args.first() else {
        return Err(usage_error(&k.path, "must specify one of -f and -k"));
    };
    let obj = match what.as_str() {
        "namespace" | "ns" => {
            let Some(name) = args.get(1) else {
                return Err(usage_error(
                    "kubectl create namespace",
                    "exactly one NAME is required, got 0",
                ));
            };
            Object::Namespace(Namespace {
                metadata: ObjectMeta::named("", name),
                status: ordinal_sim::api::NamespaceStatus {
                    phase: "Active".into(),
                },
            })
        }
        "deployment" | "deploy" => super::create_deployment::build(k)?,
        "configmap" | "cm" => {
            let Some(name) = args.get(1) else {
                return Err(usage_error(
                    "kubectl create configmap",
                    "exactly one NAME is required, got 0",
                ));
            };
            let mut cm = ConfigMap {
                metadata: ObjectMeta::named(&k.namespace(), name),
                data: Default::default(),
            };
            for lit in k.flags.all("from-literal") {
                let Some((key, val)) = lit.split_once('=') else {
                    return Err(Failure::client(format!(
                        "invalid literal source {lit}, expected key=value"
                    )));
                };
                cm.data.insert(key.into(), val.into());
            }
            Object::ConfigMap(cm)
        }
        _ => {
            return Err(usage_error(
                "kubectl create",
                &format!("Unexpected args: [{}]", args.join(" ")),
            ))
        }
    };
    if let Some(sfx) = suffix {
        return dry_run::print_generated(k, format, &obj, "created", sfx);
    }
    let created = k.st.create(obj)?;
    print_result(k, format, &created, "created", "")
}
