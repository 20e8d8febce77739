//! `kubectl label` and `kubectl annotate`.

use super::Kubectl;
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets;
use crate::input::targets::ResourceArgs;
use ordinal_sim::api::Object;
use ordinal_sim::apiserver::validation::label_value;
use ordinal_sim::gofmt::quote;
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
        if labels {
            // RunLabel says so for each removed label the object does not have.
            for r in &remove {
                if !map.contains_key(r) {
                    k.print(&format!("label {} not found.\n", quote(r)));
                }
            }
        }
        if !overwrite {
            if let Some(c) = overwrite_conflict(map, &set, labels) {
                k.errors.push(Failure::client(c));
                continue;
            }
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
        } else if labels && !overwrite && json_len(map) < json_len(&before) {
            // updateDataChangeMsg: the object's JSON got shorter.
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

fn json_len(m: &BTreeMap<String, String>) -> usize {
    serde_json::to_string(m).map_or(0, |s| s.len())
}

/// label's parseLabels (exactly one `=`, a valid value) or annotate's cmdutil.ParsePairs
/// (`KEY=VAL` split at the first `=`); `KEY-` removes.
fn parse_pairs(
    pairs: &[String],
    what: &str,
) -> Result<(BTreeMap<String, String>, Vec<String>), Failure> {
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    let mut invalid = Vec::new();
    for p in pairs {
        if what == "label" && p.contains('=') {
            let parts: Vec<&str> = p.split('=').collect();
            if parts.len() != 2 {
                return Err(Failure::client(format!("invalid label spec: {p}")));
            }
            let errs = label_value(parts[1]);
            if !errs.is_empty() {
                return Err(Failure::client(format!(
                    "invalid label value: {}: {}",
                    quote(p),
                    errs.join(";")
                )));
            }
            set.insert(parts[0].to_string(), parts[1].to_string());
        } else if let Some((key, val)) = p.split_once('=').filter(|(k, _)| !k.is_empty()) {
            set.insert(key.to_string(), val.to_string());
        } else if let Some(key) = p.strip_suffix('-').filter(|_| p != "-") {
            remove.push(key.to_string());
        } else if what == "label" {
            return Err(Failure::client(format!("unknown label spec: {p}")));
        } else {
            invalid.push(p.as_str());
        }
    }
    if !invalid.is_empty() {
        return Err(Failure::client(format!(
            "invalid {what} format: {}",
            invalid.join(", ")
        )));
    }
    Ok((set, remove))
}

/// validateNoOverwrites (label: any existing key) and validateNoAnnotationOverwrites
/// (annotate: an existing key with another value).
fn overwrite_conflict(
    cur: &BTreeMap<String, String>,
    set: &BTreeMap<String, String>,
    labels: bool,
) -> Option<String> {
    if labels {
        let errs: Vec<String> = set
            .keys()
            .filter_map(|k| cur.get(k).map(|v| (k, v)))
            .map(|(k, v)| format!("'{k}' already has a value ({v}), and --overwrite is false"))
            .collect();
        return match errs.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => Some(format!("[{}]", many.join(", "))),
        };
    }
    let found: Vec<String> = set
        .iter()
        .filter_map(|(k, v)| cur.get(k).filter(|c| *c != v).map(|c| (k, c)))
        .map(|(k, c)| format!("'{k}' already has a value ({c})"))
        .collect();
    (!found.is_empty()).then(|| {
        format!(
            "--overwrite is false but found the following declared annotation(s): {}",
            found.join("; ")
        )
    })
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
    fn label_and_annotation_spec_errors() {
        let err = |v: &[&str], what: &str| parse_pairs(&strs(v), what).unwrap_err().render();
        assert_eq!(
            err(&["a=b=c"], "label"),
            "error: invalid label spec: a=b=c\n"
        );
        assert_eq!(err(&["a"], "label"), "error: unknown label spec: a\n");
        assert_eq!(
            err(&["a", "b"], "annotation"),
            "error: invalid annotation format: a, b\n"
        );
        let (set, _) = parse_pairs(&strs(&["a=b=c"]), "annotation").unwrap();
        assert_eq!(set.get("a").map(String::as_str), Some("b=c"));
        let cur: BTreeMap<String, String> = [("app".to_string(), "nginx".to_string())].into();
        let same: BTreeMap<String, String> = [("app".to_string(), "nginx".to_string())].into();
        assert_eq!(
            overwrite_conflict(&cur, &same, true).as_deref(),
            Some("'app' already has a value (nginx), and --overwrite is false")
        );
        assert_eq!(overwrite_conflict(&cur, &same, false), None);
        let other: BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into();
        assert_eq!(
            overwrite_conflict(&cur, &other, false).as_deref(),
            Some("--overwrite is false but found the following declared annotation(s): 'app' already has a value (nginx)")
        );
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
