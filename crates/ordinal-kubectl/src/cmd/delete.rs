//! `kubectl delete` with cascading strategies, grace periods, `--force`, and (like kubectl's
//! default `--wait=true`) waiting while simulated time runs until the objects are gone.

use super::{duration_flag, Kubectl};
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets::TypeRef;
use crate::input::targets::{self, Targets};
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::apiserver::{DeleteOptions, Propagation};
use ordinal_sim::Input;

pub const FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    l("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    v("cascade", None),
    v("grace-period", None),
    b("force", None),
    b("now", None),
    v("wait", None),
    v("timeout", None),
    b("ignore-not-found", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("interactive", Some('i')),
    v("field-selector", None),
    b("recursive", Some('R')),
];

/// The resource builder's message when nothing was named.
pub const NO_RESOURCES: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// How long `delete` waits for objects to disappear when no `--timeout` is given. A real
/// kubectl waits up to a week; a learner would press Ctrl-C long before.
const DEFAULT_WAIT_MS: u64 = 120_000;

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let all = k.flags.bool("all");
    let sel = k.selector()?;
    if all && !sel.is_empty() {
        return Err(Failure::client(
            "cannot set --all and --selector at the same time",
        ));
    }
    // Propagation.
    let cascade = k.flags.get("cascade").unwrap_or("background");
    let propagation = match cascade {
        "background" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" => Propagation::Orphan,
        "true" => {
            k.warn("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.");
            Propagation::Background
        }
        "false" => {
            k.warn("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.");
            Propagation::Orphan
        }
        other => {
            return Err(Failure::client(format!(
                "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
            )))
        }
    };
    // Grace period rules from delete.go Complete/Validate.
    let mut grace: i64 = match k.flags.get("grace-period") {
        None => -1,
        Some(s) => s.parse().map_err(|_| {
            Failure::client(format!(
                "invalid argument \"{s}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{s}\": invalid syntax"
            ))
        })?,
    };
    let force = k.flags.bool("force");
    if k.flags.bool("now") {
        if grace != -1 {
            return Err(Failure::client(
                "--now and --grace-period cannot be specified together",
            ));
        }
        grace = 1;
    }
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    if force && grace > 0 {
        return Err(Failure::client(
            "--force and --grace-period greater than 0 cannot be specified together",
        ));
    }
    if force && grace == 0 {
        k.warn("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.");
    }
    let wait = match k.flags.get("wait") {
        None | Some("true") => true,
        Some("false") => false,
        Some(s) => {
            return Err(Failure::client(format!(
                "invalid argument \"{s}\" for \"--wait\" flag: strconv.ParseBool: parsing \"{s}\": invalid syntax"
            )))
        }
    };
    let name_only = k.flags.get("output") == Some("name");
    if let Some(o) = k.flags.get("output").filter(|o| *o != "name") {
        return Err(Failure::client(format!(
            "unexpected -o output mode: {o}. We only support '-o name'"
        )));
    }
    let ns = k.namespace();
    let all_ns = k.flags.bool("all-namespaces");
    let ignore_nf = k.flags.bool("ignore-not-found");

    // What to delete.
    let mut to_delete: Vec<(Kind, String, String)> = Vec::new();
    match super::targets(k, &args, Failure::client(NO_RESOURCES))? {
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            let tns = if t.kind.namespaced() {
                t.namespace_or(&ns)
            } else {
                String::new()
            };
            to_delete.push((t.kind, tns, t.name));
            Ok(())
        })?,
        Targets::Lists(types) => {
            if !all && sel.is_empty() && k.flags.get("field-selector").is_none() {
                return Err(targets::no_name());
            }
            for o in super::list_types(k, &types, all_ns, &sel)? {
                to_delete.push((o.kind(), o.meta().namespace.clone(), o.meta().name.clone()));
            }
        }
        Targets::Named(items) => {
            if all || !sel.is_empty() {
                return Err(Failure::client(
                    "name cannot be provided when a selector is specified",
                ));
            }
            for (t, name) in items {
                match t {
                    TypeRef::Kind(kd) => to_delete.push((
                        kd,
                        if kd.namespaced() {
                            ns.clone()
                        } else {
                            String::new()
                        },
                        name,
                    )),
                    TypeRef::Unsimulated { .. } => {
                        if !ignore_nf {
                            k.errors.push(targets::not_found(&t, &name));
                        }
                    }
                }
            }
        }
    }

    let minor = k.minor();
    let mut deleted: Vec<(Kind, String, String, String)> = Vec::new();
    let mut found = 0;
    for (kind, tns, name) in to_delete {
        let opts = DeleteOptions {
            grace_period_seconds: (grace >= 0).then_some(grace),
            propagation: Some(propagation),
            precondition_uid: None,
        };
        let uid = k.st.get(kind, &tns, &name).map(|o| o.meta().uid.clone());
        let r = k.st.apply(Input::Delete {
            kind,
            namespace: tns.clone(),
            name: name.clone(),
            opts,
        });
        match r {
            Ok(_) => {
                found += 1;
                let ks = kind_string(kind);
                if name_only {
                    k.print(&format!("{ks}/{name}\n"));
                } else {
                    let mut op = if grace == 0 {
                        "force deleted"
                    } else {
                        "deleted"
                    }
                    .to_string();
                    // kubectl 1.34 names the namespace (kubernetes/kubectl #126619).
                    if minor >= 34 && kind.namespaced() {
                        op = format!("{op} from {tns} namespace");
                    }
                    k.print(&format!("{ks} \"{name}\" {op}\n"));
                }
                deleted.push((kind, tns, name, uid.unwrap_or_default()));
            }
            Err(f) => {
                let nf = matches!(&f, Failure::Api { reason, .. } if reason == "NotFound");
                if !(nf && ignore_nf) {
                    k.errors.push(f);
                }
            }
        }
    }
    if found == 0 && k.errors.is_empty() {
        k.print("No resources found\n");
        return Ok(());
    }
    if wait && !deleted.is_empty() {
        let timeout = duration_flag(k, "timeout", DEFAULT_WAIT_MS)?;
        wait_gone(k, &deleted, timeout);
    }
    Ok(())
}

fn is_gone(st: &crate::state::State, kind: Kind, ns: &str, name: &str, uid: &str) -> bool {
    st.get(kind, ns, name)
        .is_none_or(|o: &Object| o.meta().uid != uid)
}

/// Lets time run until every deleted object (by UID) is gone, or the timeout passes.
pub(crate) fn wait_gone(
    k: &mut Kubectl,
    deleted: &[(Kind, String, String, String)],
    timeout_ms: u64,
) {
    let all_gone = |st: &crate::state::State| {
        deleted
            .iter()
            .all(|(kd, ns, n, uid)| is_gone(st, *kd, ns, n, uid))
    };
    if all_gone(k.st) {
        return;
    }
    // What was printed (`pod "web-0" deleted`) shows before the wait, as kubectl's does.
    k.out.mark(k.st.now());
    let deadline = k.st.now() + timeout_ms.min(k.st.limits.max_wait_ms);
    let done =
        k.st.watch_until(deadline, |st, ev| ev.is_none() && all_gone(st));
    if !done {
        if let Some((kd, _, n, _)) = deleted
            .iter()
            .find(|(kd, ns, n, uid)| !is_gone(k.st, *kd, ns, n, uid))
        {
            k.errors.push(Failure::client(format!(
                "timed out waiting for the condition on {}/{n}",
                kd.plural()
            )));
        }
    }
}
