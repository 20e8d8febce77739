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
    let (res, updates) = resources_and_pairs(&args, what)?;
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
    let (set, remove) = parse_pairs(&updates, what)?;
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
    match targets::from_args(&res, targets::no_name())? {
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

/// `KEY=VAL` (not starting with `=`) or `KEY-` (not a lone `-`) is an update; a key may carry a
/// prefix with `/` (`statefulset.kubernetes.io/pod-name-`). Resource words come first
/// (cmdutil.GetResourcesAndPairs).
fn is_pair(s: &str) -> bool {
    (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-")
}

fn resources_and_pairs(args: &[String], what: &str) -> Result<(Vec<String>, Vec<String>), Failure> {
    let mut res = Vec::new();
    let mut pairs = Vec::new();
    for a in args {
        match (pairs.is_empty(), is_pair(a)) {
            (_, true) => pairs.push(a.clone()),
            (true, false) => res.push(a.clone()),
            (false, false) => {
                return Err(Failure::client(format!(
                    "all resources must be specified before {what} changes: {a}"
                )))
            }
        }
    }
    Ok((res, pairs))
}

/// cmdutil.ParsePairs: `KEY=VAL` sets, `KEY-` removes.
fn parse_pairs(
    pairs: &[String],
    what: &str,
) -> Result<(BTreeMap<String, String>, Vec<String>), Failure> {
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    for p in pairs {
        if let Some((key, val)) = p.split_once('=').filter(|(k, _)| !k.is_empty()) {
            set.insert(key.to_string(), val.to_string());
        } else if let Some(key) = p.strip_suffix('-').filter(|_| p != "-") {
            remove.push(key.to_string());
        } else {
            return Err(Failure::client(format!("invalid {what} format: {p}")));
        }
    }
    Ok((set, remove))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prefixed_key_removal_is_an_update() {
        let (res, pairs) = resources_and_pairs(
            &strs(&["pod", "web-1", "statefulset.kubernetes.io/pod-name-"]),
            "label",
        )
        .unwrap();
        assert_eq!(res, strs(&["pod", "web-1"]));
        assert_eq!(pairs, strs(&["statefulset.kubernetes.io/pod-name-"]));
        let (set, remove) = parse_pairs(&pairs, "label").unwrap();
        assert!(set.is_empty());
        assert_eq!(remove, strs(&["statefulset.kubernetes.io/pod-name"]));
        let (res, pairs) =
            resources_and_pairs(&strs(&["pod/web-1", "a/b=c", "x-"]), "annotation").unwrap();
        assert_eq!(res, strs(&["pod/web-1"]));
        assert_eq!(pairs, strs(&["a/b=c", "x-"]));
    }

    #[test]
    fn resources_after_updates_are_rejected() {
        let err = resources_and_pairs(&strs(&["pod", "a=b", "web-1"]), "label").unwrap_err();
        assert_eq!(
            err.render(),
            "error: all resources must be specified before label changes: web-1\n"
        );
    }
}
