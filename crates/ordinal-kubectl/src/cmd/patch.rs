//! `kubectl patch` (strategic, merge, json) and `kubectl edit` (no editor in this terminal).

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::decode_error;
use crate::input::flags::{b, l, v, Flag};
use crate::input::merge;
use crate::input::resources::kind_string;
use crate::input::targets::TypeRef;
use crate::input::targets::{self, Targets};
use crate::output::print_flags;
use ordinal_sim::api::Object;
use serde_json::Value;

pub const FLAGS: &[Flag] = &[
    v("patch", Some('p')),
    v("patch-file", None),
    v("type", None),
    l("filename", Some('f')),
    b("recursive", Some('R')),
    v("output", Some('o')),
    v("dry-run", None),
    v("subresource", None),
    b("local", None),
    b("record", None),
];

pub const EDIT_FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    b("recursive", Some('R')),
    v("output", Some('o')),
    b("windows-line-endings", None),
    b("save-config", None),
    v("subresource", None),
];

/// Finds the objects named by the arguments or `-f`; patch stops at the first missing one.
fn targets(k: &mut Kubectl) -> Result<Vec<Object>, Failure> {
    let ns = k.namespace();
    let mut out = Vec::new();
    let args = k.flags.args.clone();
    let required = usage_error(&k.path, "must specify resource name");
    match super::targets(k, &args, required)? {
        // Manifests are looked up in the command's namespace, not the manifest's.
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            match k.st.get(t.kind, &ns, &t.name) {
                Some(o) => out.push(o.clone()),
                None => return Err(targets::not_found(&TypeRef::Kind(t.kind), &t.name)),
            }
            Ok(())
        })?,
        Targets::Named(items) => {
            for (t, name) in items {
                match t.kind().and_then(|kd| k.st.get(kd, &ns, &name)) {
                    Some(o) => out.push(o.clone()),
                    None => return Err(targets::not_found(&t, &name)),
                }
            }
        }
        Targets::Lists(_) => return Err(targets::no_name()),
    }
    Ok(out)
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let patch_text = match (k.flags.get("patch"), k.flags.get("patch-file")) {
        (Some(_), Some(_)) => {
            return Err(Failure::client(
                "cannot specify --patch and --patch-file together",
            ))
        }
        (Some(p), None) => p.to_string(),
        (None, Some(f)) => k.st.read_file(f).map_err(|e| {
            Failure::client(format!("unable to read patch file: {}", e.describe(f)))
        })?,
        (None, None) => {
            return Err(Failure::client(
                "must specify --patch or --patch-file containing the contents of the patch",
            ))
        }
    };
    let ptype = k.flags.get("type").unwrap_or("strategic").to_string();
    if !matches!(ptype.as_str(), "json" | "merge" | "strategic") {
        return Err(Failure::client(format!(
            "--type must be one of [json merge strategic], not \"{ptype}\""
        )));
    }
    // The patch may be JSON or YAML.
    let patch: Value = match crate::input::yaml::parse_documents(&patch_text) {
        Ok(mut docs) if docs.len() == 1 => docs.remove(0),
        Ok(_) => Value::Object(Default::default()),
        Err(e) => {
            return Err(Failure::client(format!(
                "unable to parse \"{patch_text}\": {e}"
            )))
        }
    };
    let format = match k.flags.get("output") {
        Some(o) => Some(print_flags::parse(Some(o), None)?),
        None => None,
    };
    let dry = k
        .flags
        .get("dry-run")
        .filter(|d| *d != "none")
        .map(str::to_string);
    for obj in targets(k)? {
        let kind = obj.kind();
        let mut json = obj.to_json();
        match ptype.as_str() {
            "json" => {
                if merge::json_patch(&mut json, &patch).is_err() {
                    k.errors.push(Failure::Raw(
                        "The request is invalid: the server rejected our request due to an error in our request\n".into(),
                    ));
                    continue;
                }
            }
            "merge" => merge::merge_patch(&mut json, &patch),
            _ => {
                if !patch.is_object() {
                    k.errors.push(Failure::Api {
                        reason: "BadRequest".into(),
                        message: "json: cannot unmarshal array into Go value of type map[string]interface {}".into(),
                    });
                    continue;
                }
                merge::strategic_merge(&mut json, &patch)
            }
        }
        let mut patched = match Object::from_json(kind, json.clone()) {
            Ok(o) => o,
            Err(e) => {
                let strategic = if ptype == "strategic" {
                    patch.clone()
                } else {
                    Value::Null
                };
                k.errors.push(decode_error::patched(
                    kind,
                    &obj.meta().name,
                    e,
                    &strategic,
                    &json,
                ));
                continue;
            }
        };
        // Identity is the live object's; the patch cannot rename or move it.
        patched.meta_mut().name = obj.meta().name.clone();
        patched.meta_mut().namespace = obj.meta().namespace.clone();
        patched.meta_mut().resource_version.clear();
        let line = |o: &Object, changed: bool, sfx: &str| {
            format!(
                "{}/{} patched{}{sfx}\n",
                kind_string(o.kind()),
                o.meta().name,
                if changed { "" } else { " (no change)" }
            )
        };
        if let Some(d) = &dry {
            let changed = patched.to_json() != obj.to_json();
            let sfx = if d == "server" {
                " (server dry run)"
            } else {
                " (dry run)"
            };
            k.print(&line(&patched, changed, sfx));
            continue;
        }
        let before = obj.meta().resource_version.clone();
        match k.st.update(patched) {
            Ok(after) => {
                let changed = after.meta().resource_version != before;
                match &format {
                    Some(f) => {
                        let s = print_flags::render(f, &[&after], true)?;
                        k.print(&s);
                    }
                    None => k.print(&line(&after, changed, "")),
                }
            }
            Err(f) => k.errors.push(f),
        }
    }
    Ok(())
}

/// This terminal has no editor; say so the way kubectl does when it cannot start one.
pub fn run_edit(k: &mut Kubectl) -> Result<(), Failure> {
    let objs = targets(k)?;
    if objs.is_empty() {
        return Err(Failure::client("edit cancelled, no objects found"));
    }
    Err(Failure::client(
        "unable to launch the editor \"vi\": exec: \"vi\": executable file not found in $PATH (this terminal has no editor: use \"kubectl patch\" or \"kubectl apply\" instead)",
    ))
}
