//! `kubectl taint` (k8s.io/kubectl/pkg/cmd/taint): adds or removes node taints through a node
//! update, so the scheduler, the node lifecycle controller and the pod GC see them.

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::{resolve, Resolved};
use ordinal_sim::api::{Kind, Node, Object, Taint};
use ordinal_sim::apiserver::validation::{label_value, qualified_name};
use ordinal_sim::apiserver::ApiError;
use ordinal_sim::gofmt::quote;

pub const FLAGS: &[Flag] = &[
    l("selector", Some('l')),
    b("overwrite", None),
    b("all", None),
    v("dry-run", None),
    v("output", Some('o')),
    v("field-manager", None),
    v("validate", None),
];

const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// A taint argument with its effect (empty for `key-`).
#[derive(Clone, Debug, PartialEq)]
pub struct TaintSpec {
    pub key: String,
    pub value: String,
    pub effect: String,
}

impl TaintSpec {
    /// Taint.ToString: `key=value:effect`, `key:effect`, `key`.
    fn to_go_string(&self) -> String {
        match (self.value.is_empty(), self.effect.is_empty()) {
            (true, true) => self.key.clone(),
            (false, true) => format!("{}={}:", self.key, self.value),
            (true, false) => format!("{}:{}", self.key, self.effect),
            (false, false) => format!("{}={}:{}", self.key, self.value, self.effect),
        }
    }

    fn matches(&self, t: &Taint) -> bool {
        self.key == t.key && self.effect == t.effect
    }
}

/// parseTaint: `key=value:effect`, `key:effect` or `key`.
fn parse_taint(st: &str) -> Result<TaintSpec, String> {
    let parts: Vec<&str> = st.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (key.to_string(), String::new(), String::new()),
        [kv, effect] => {
            if !EFFECTS.contains(effect) {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            if kv.len() > 2 {
                return Err(format!("invalid taint spec: {st}"));
            }
            let value = kv.get(1).map(|s| s.to_string()).unwrap_or_default();
            if kv.len() == 2 {
                let errs = label_value(&value);
                if !errs.is_empty() {
                    return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
                }
            }
            (kv[0].to_string(), value, effect.to_string())
        }
        _ => return Err(format!("invalid taint spec: {st}")),
    };
    let errs = qualified_name(&key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
    }
    Ok(TaintSpec { key, value, effect })
}

/// parseTaints: taints to add (an effect is required) and taints to remove (`…-`).
pub fn parse_taints(specs: &[String]) -> Result<(Vec<TaintSpec>, Vec<TaintSpec>), String> {
    let mut add: Vec<TaintSpec> = Vec::new();
    let mut remove = Vec::new();
    for s in specs {
        if let Some(r) = s.strip_suffix('-') {
            let t = parse_taint(r)?;
            remove.push(TaintSpec {
                value: String::new(),
                ..t
            });
            continue;
        }
        let t = parse_taint(s)?;
        if t.effect.is_empty() {
            return Err(format!("invalid taint spec: {s}"));
        }
        if add.iter().any(|a| a.key == t.key && a.effect == t.effect) {
            // Go's %v of a v1.Taint struct.
            return Err(format!(
                "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                t.key, t.value, t.effect
            ));
        }
        add.push(t);
    }
    Ok((add, remove))
}

/// `key=v:E` and `-` args split as the command does: anything with `=`, `:` or a trailing `-` is
/// a taint, and all resources come first.
fn resources_and_taints(args: &[String]) -> Result<(Vec<String>, Vec<String>), Failure> {
    let mut res = Vec::new();
    let mut taints = Vec::new();
    for a in args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        match (taints.is_empty(), is_taint) {
            (_, true) => taints.push(a.clone()),
            (true, false) => res.push(a.clone()),
            (false, false) => {
                return Err(Failure::client(format!(
                    "all resources must be specified before taint changes: {a}"
                )))
            }
        }
    }
    Ok((res, taints))
}

/// reorganizeTaints: the new list (added first, then the old ones not replaced, minus the removed)
/// and the operation kubectl reports.
fn reorganize(
    old: &[Taint],
    overwrite: bool,
    add: &[TaintSpec],
    remove: &[TaintSpec],
) -> Result<(&'static str, Vec<Taint>), Failure> {
    let mut new: Vec<Taint> = add
        .iter()
        .map(|t| Taint {
            key: t.key.clone(),
            value: t.value.clone(),
            effect: t.effect.clone(),
            time_added: None,
        })
        .collect();
    for o in old {
        if !new.iter().any(|n| n.key == o.key && n.effect == o.effect) {
            new.push(o.clone());
        }
    }
    let added = old.len() != new.len();
    let mut missing = Vec::new();
    // Upstream keeps only the last removal's outcome for the operation.
    let mut deleted = false;
    for r in remove {
        let before = new.len();
        new.retain(|t| {
            if r.effect.is_empty() {
                t.key != r.key
            } else {
                !r.matches(t)
            }
        });
        deleted = new.len() != before;
        if !deleted {
            missing.push(format!("taint {} not found", quote(&r.to_go_string())));
        }
    }
    match missing.as_slice() {
        [] => {}
        [one] => return Err(Failure::client(one.clone())),
        many => return Err(Failure::client(format!("[{}]", many.join(", ")))),
    }
    let op = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((op, new))
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let (res, taint_args) = resources_and_taints(&args)?;
    if res.is_empty() {
        return Err(Failure::client(
            "one or more resources must be specified as <resource> <name>",
        ));
    }
    if taint_args.is_empty() {
        return Err(Failure::client("at least one taint update is required"));
    }
    let (add, remove) = parse_taints(&taint_args).map_err(|e| usage_error(&k.path, &e))?;
    let ty = res[0].to_ascii_lowercase();
    match resolve(&ty) {
        Some(Resolved::Kind(Kind::Node)) => {}
        Some(_) => {
            return Err(Failure::client(format!(
                "invalid resource type {ty}, only node types are supported"
            )))
        }
        None => {
            return Err(Failure::client(format!(
                "the server doesn't have a resource type \"{ty}\""
            )))
        }
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| remove.iter().map(move |r| (a, r)))
        .filter(|(a, r)| a.key == r.key && (r.effect.is_empty() || a.effect == r.effect))
        .map(|(_, r)| format!("{{\"{}\":\"{}\"}}", r.key, r.effect))
        .collect();
    if !conflicts.is_empty() {
        return Err(Failure::client(format!(
            "can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        )));
    }
    let sel = k.selector()?;
    let all = k.flags.bool("all");
    if all && !sel.is_empty() {
        return Err(Failure::client(
            "setting 'all' parameter with a non empty selector is prohibited",
        ));
    }
    if !all && sel.is_empty() && res.len() < 2 {
        return Err(Failure::client(
            "at least one resource name must be specified since 'all' parameter is not set",
        ));
    }
    let mut nodes: Vec<Node> = Vec::new();
    if all || !sel.is_empty() {
        for o in k.list_kind(Kind::Node, false, &sel)? {
            if let Object::Node(n) = o {
                nodes.push(n);
            }
        }
    } else {
        for name in &res[1..] {
            match k.st.get(Kind::Node, "", name) {
                Some(Object::Node(n)) => nodes.push(n.clone()),
                _ => k
                    .errors
                    .push(Failure::from_api(&ApiError::not_found(Kind::Node, name))),
            }
        }
    }
    let overwrite = k.flags.bool("overwrite");
    let dry_run = k.flags.get("dry-run").is_some_and(|d| d != "none");
    for n in nodes {
        if !overwrite {
            let exists: Vec<&str> = add
                .iter()
                .filter(|a| n.spec.taints.iter().any(|t| a.matches(t)))
                .map(|a| a.key.as_str())
                .collect();
            if !exists.is_empty() {
                k.errors.push(Failure::client(format!(
                    "node {} already has {} taint(s) with same effect(s) and --overwrite is false",
                    n.metadata.name,
                    exists.join(",")
                )));
                continue;
            }
        }
        let (op, taints) = match reorganize(&n.spec.taints, overwrite, &add, &remove) {
            Ok(r) => r,
            Err(f) => {
                k.errors.push(f);
                continue;
            }
        };
        let name = n.metadata.name.clone();
        if dry_run {
            k.print(&format!("node/{name} {op} (dry run)\n"));
            continue;
        }
        let mut m = n;
        m.spec.taints = taints;
        m.metadata.resource_version.clear();
        match k.st.update(Object::Node(m)) {
            Ok(_) => k.print(&format!("node/{name} {op}\n")),
            Err(f) => k.errors.push(f),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn spec(key: &str, value: &str, effect: &str) -> TaintSpec {
        TaintSpec {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        }
    }

    #[test]
    fn parses_the_three_forms() {
        let (add, remove) = parse_taints(&strs(&[
            "node.kubernetes.io/out-of-service=nodeshutdown:NoExecute",
            "dedicated:NoSchedule",
            "a:PreferNoSchedule-",
            "b-",
        ]))
        .unwrap();
        assert_eq!(
            add,
            vec![
                spec(
                    "node.kubernetes.io/out-of-service",
                    "nodeshutdown",
                    "NoExecute"
                ),
                spec("dedicated", "", "NoSchedule"),
            ]
        );
        assert_eq!(
            remove,
            vec![spec("a", "", "PreferNoSchedule"), spec("b", "", "")]
        );
    }

    #[test]
    fn parse_errors_in_kubectl_words() {
        let err = |s: &str| parse_taints(&strs(&[s])).unwrap_err();
        assert_eq!(
            err("a=b:Bad"),
            "invalid taint effect: Bad, unsupported taint effect"
        );
        assert_eq!(err("a=b"), "invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        assert_eq!(err("dedicated"), "invalid taint spec: dedicated");
        assert_eq!(err("a:b:c"), "invalid taint spec: a:b:c");
        assert_eq!(
            parse_taints(&strs(&["a=1:NoSchedule", "a=2:NoSchedule"])).unwrap_err(),
            "duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}"
        );
    }

    #[test]
    fn operations_and_missing_taints() {
        let old = vec![Taint {
            key: "a".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        }];
        let (op, new) = reorganize(&old, false, &[spec("b", "x", "NoExecute")], &[]).unwrap();
        assert_eq!(op, "tainted");
        assert_eq!(
            new.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        let (op, new) = reorganize(&old, false, &[], &[spec("a", "", "")]).unwrap();
        assert_eq!((op, new.len()), ("untainted", 0));
        let (op, _) = reorganize(&old, true, &[spec("a", "y", "NoSchedule")], &[]).unwrap();
        assert_eq!(op, "modified");
        let err = reorganize(&old, false, &[], &[spec("c", "", "NoExecute")]).unwrap_err();
        assert_eq!(err.render(), "error: taint \"c:NoExecute\" not found\n");
    }
}
