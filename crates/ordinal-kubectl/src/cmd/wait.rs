//! `kubectl wait --for=condition=X[=V] | delete | create | jsonpath='{…}'=V`, letting simulated
//! time pass until every object meets the condition or the timeout (default 30s) ends.

use super::{duration_flag, Kubectl};
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets;
use crate::input::targets::{ResourceArgs, TypeRef};
use crate::state::State;
use ordinal_sim::api::{Kind, Object};

pub const FLAGS: &[Flag] = &[
    v("for", None),
    v("timeout", None),
    l("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    l("filename", Some('f')),
    b("recursive", Some('R')),
    v("field-selector", None),
    v("output", Some('o')),
    b("local", None),
];

#[derive(Clone, Debug)]
enum Cond {
    Delete,
    Create,
    Condition(String, String),
    JsonPath(String, Option<String>),
}

fn parse_for(s: &str) -> Result<Cond, Failure> {
    let lower = s.to_ascii_lowercase();
    if lower == "delete" {
        return Ok(Cond::Delete);
    }
    if lower == "create" {
        return Ok(Cond::Create);
    }
    if let Some(rest) = s.strip_prefix("condition=") {
        let (name, val) = match rest.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => (rest.to_string(), "True".to_string()),
        };
        return Ok(Cond::Condition(name, val));
    }
    if let Some(rest) = s.strip_prefix("jsonpath=") {
        // `{.status.readyReplicas}=3`: the value follows the closing brace.
        let (path, val) = match rest.rfind('}') {
            Some(i) => {
                let p = &rest[..=i];
                let v = rest[i + 1..].strip_prefix('=').map(str::to_string);
                (p.to_string(), v)
            }
            None => (rest.to_string(), None),
        };
        if !path.starts_with('{') {
            return Err(Failure::client(format!(
                "unrecognized JSONPath expression: {path}"
            )));
        }
        return Ok(Cond::JsonPath(path, val));
    }
    Err(Failure::client(format!("unrecognized condition: \"{s}\"")))
}

fn holds(st: &State, cond: &Cond, kind: Kind, ns: &str, name: &str, uid: &str) -> bool {
    let obj = st.get(kind, ns, name);
    match cond {
        Cond::Delete => obj.is_none_or(|o| o.meta().uid != uid),
        Cond::Create => obj.is_some(),
        Cond::Condition(t, want) => {
            let Some(o) = obj else { return false };
            let conds = match o {
                Object::Pod(p) => &p.status.conditions,
                Object::Node(n) => &n.status.conditions,
                Object::PersistentVolumeClaim(c) => &c.status.conditions,
                Object::StatefulSet(s) => &s.status.conditions,
                _ => return false,
            };
            conds
                .iter()
                .any(|c| c.type_.eq_ignore_ascii_case(t) && c.status.eq_ignore_ascii_case(want))
        }
        Cond::JsonPath(path, want) => {
            let Some(o) = obj else { return false };
            let got = crate::output::jsonpath::render(path, &o.to_json()).unwrap_or_default();
            match want {
                Some(w) => got == *w,
                None => !got.is_empty(),
            }
        }
    }
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let Some(f) = k.flags.get("for").map(str::to_string) else {
        return Err(Failure::client("unrecognized condition: \"\""));
    };
    let cond = parse_for(&f)?;
    let timeout = duration_flag(k, "timeout", 30_000)?;
    let args = k.flags.args.clone();
    // wait does not read `-f`; no arguments reads as "no name".
    if args.is_empty() {
        return Err(targets::no_name());
    }
    let ns = k.namespace();
    let sel = k.selector()?;
    let named = targets::from_args(&args, targets::no_name())?;
    // (kind, namespace, name, uid at the start)
    let mut watched: Vec<(Kind, String, String, String)> = Vec::new();
    match named {
        ResourceArgs::Named(items) => {
            for (t, name) in items {
                let TypeRef::Kind(kd) = t else {
                    return Err(targets::not_found(&t, &name));
                };
                let tns = if kd.namespaced() {
                    ns.clone()
                } else {
                    String::new()
                };
                match k.st.get(kd, &tns, &name) {
                    Some(o) => watched.push((kd, tns, name, o.meta().uid.clone())),
                    None if matches!(cond, Cond::Delete | Cond::Create) => {
                        watched.push((kd, tns, name, String::new()))
                    }
                    None => return Err(targets::not_found(&t, &name)),
                }
            }
        }
        ResourceArgs::Lists(types) => {
            if sel.is_empty() && !k.flags.bool("all") {
                return Err(targets::no_name());
            }
            let all_ns = k.flags.bool("all-namespaces");
            for o in super::list_types(k, &types, all_ns, &sel)? {
                let m = o.meta();
                watched.push((o.kind(), m.namespace.clone(), m.name.clone(), m.uid.clone()));
            }
            if watched.is_empty() {
                return Err(Failure::client("no matching resources found"));
            }
        }
    }
    let start = k.st.now();
    let deadline = start + timeout.min(k.st.limits.max_wait_ms);
    let mut met: Vec<bool> = vec![false; watched.len()];
    // Which object met the condition, and when: its line appears at that instant.
    let mut order: Vec<(usize, u64)> = Vec::new();
    let check = |st: &State, met: &mut Vec<bool>, order: &mut Vec<(usize, u64)>| {
        for (i, (kd, tns, name, uid)) in watched.iter().enumerate() {
            if !met[i] && holds(st, &cond, *kd, tns, name, uid) {
                met[i] = true;
                order.push((i, st.now()));
            }
        }
        met.iter().all(|m| *m)
    };
    if !check(k.st, &mut met, &mut order) {
        k.st.watch_until(deadline, |st, ev| {
            ev.is_none() && check(st, &mut met, &mut order)
        });
    }
    k.out.mark(start);
    for (i, at) in order {
        let (kd, _, name, _) = &watched[i];
        k.print(&format!("{}/{name} condition met\n", kind_string(*kd)));
        k.out.mark(at);
    }
    if let Some(i) = met.iter().position(|m| !m) {
        let (kd, _, name, _) = &watched[i];
        return Err(Failure::client(format!(
            "timed out waiting for the condition on {}/{name}",
            kd.plural()
        )));
    }
    Ok(())
}
