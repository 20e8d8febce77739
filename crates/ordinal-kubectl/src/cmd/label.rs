//! `kubectl label` and `kubectl annotate`.

use super::Kubectl;
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets;
use crate::input::targets::ResourceArgs;
use ordinal_sim::api::Object;
use std::collections::BTreeMap;

pub const FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    l("selector", Some('l')),
    l("filename", Some('f')),
    b("recursive", Some('R')),
    v("output", Some('o')),
    v("dry-run", None),
    b("list", None),
    v("resource-version", None),
    b("all-namespaces", Some('A')),
];

pub fn run_label(k: &mut Kubectl) -> Result<(), Failure> {
    run(k, true)
}

pub fn run_annotate(k: &mut Kubectl) -> Result<(), Failure> {
    run(k, false)
}

fn run(k: &mut Kubectl, labels: bool) -> Result<(), Failure> {
    let what = if labels { "label" } else { "annotation" };
    let args = k.flags.args.clone();
    // Resource words first, then KEY=VAL / KEY- updates.
    let split = args
        .iter()
        .position(|a| {
            a.contains('=')
                || (a.ends_with('-') && !a.contains('/') && a.len() > 1 && args.len() > 1)
        })
        .unwrap_or(args.len());
    let (res, updates) = args.split_at(split);
    if res.is_empty() {
        return Err(Failure::client(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if updates.is_empty() && !k.flags.bool("list") {
        return Err(Failure::client(format!(
            "at least one {what} update is required"
        )));
    }
    let mut set: BTreeMap<String, String> = BTreeMap::new();
    let mut remove: Vec<String> = Vec::new();
    for u in updates {
        if let Some((key, val)) = u.split_once('=') {
            if key.is_empty() {
                return Err(Failure::client(format!("invalid {what} spec: {u}")));
            }
            set.insert(key.to_string(), val.to_string());
        } else if let Some(key) = u.strip_suffix('-') {
            remove.push(key.to_string());
        } else {
            return Err(Failure::client(format!("unknown {what} spec: {u}")));
        }
    }
    if remove.iter().any(|r| set.contains_key(r)) {
        return Err(Failure::client(format!(
            "can not both modify and remove {} in the same command",
            if labels { "a label" } else { "an annotation" }
        )));
    }
    let ns = k.namespace();
    let sel = k.selector()?;
    let mut objs: Vec<Object> = Vec::new();
    // `res` is not empty (checked above); label and annotate do not read `-f`.
    match targets::from_args(res, targets::no_name())? {
        ResourceArgs::Named(items) => {
            for (t, name) in items {
                match t.kind().and_then(|kd| k.st.get(kd, &ns, &name)) {
                    Some(o) => objs.push(o.clone()),
                    None => k.errors.push(targets::not_found(&t, &name)),
                }
            }
        }
        ResourceArgs::Lists(types) => {
            if sel.is_empty() && !k.flags.bool("all") {
                return Err(targets::no_name());
            }
            let all_ns = k.flags.bool("all-namespaces");
            objs.extend(super::list_types(k, &types, all_ns, &sel)?);
        }
    }
    let overwrite = k.flags.bool("overwrite");
    for mut obj in objs {
        let map = if labels {
            &mut obj.meta_mut().labels
        } else {
            &mut obj.meta_mut().annotations
        };
        if k.flags.bool("list") {
            let text: String = map.iter().map(|(a, b)| format!("{a}={b}\n")).collect();
            k.print(&text);
            continue;
        }
        let mut conflict = None;
        for (key, val) in &set {
            if let Some(cur) = map.get(key) {
                if cur != val && !overwrite {
                    conflict = Some(format!(
                        "'{key}' already has a value ({cur}), and --overwrite is false"
                    ));
                }
            }
        }
        if let Some(c) = conflict {
            k.errors.push(Failure::client(c));
            continue;
        }
        let before = map.clone();
        for (key, val) in &set {
            map.insert(key.clone(), val.clone());
        }
        for r in &remove {
            map.remove(r);
        }
        let changed = *map != before;
        let verb = if !changed {
            if labels {
                "not labeled"
            } else {
                "annotated"
            }
        } else if labels && set.is_empty() {
            "unlabeled"
        } else if labels {
            "labeled"
        } else {
            "annotated"
        };
        let line = format!("{}/{} {verb}\n", kind_string(obj.kind()), obj.meta().name);
        if changed && k.flags.get("dry-run").is_none_or(|d| d == "none") {
            obj.meta_mut().resource_version =
                k.flags.get("resource-version").unwrap_or("").to_string();
            if let Err(f) = k.st.update(obj) {
                k.errors.push(f);
                continue;
            }
        }
        k.print(&line);
    }
    Ok(())
}
