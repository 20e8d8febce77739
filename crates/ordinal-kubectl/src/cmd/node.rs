//! `kubectl cordon`, `uncordon` and `drain` (k8s.io/kubectl/pkg/drain): evictions are graceful
//! deletes, and drain waits while simulated time runs until the pods are gone.

use super::{duration_flag, Kubectl};
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};
use ordinal_sim::api::{Kind, Node, Object, Pod};
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::Input;

pub const CORDON_FLAGS: &[Flag] = &[l("selector", Some('l')), v("dry-run", None)];
pub const DRAIN_FLAGS: &[Flag] = &[
    b("ignore-daemonsets", None),
    b("delete-emptydir-data", None),
    b("delete-local-data", None),
    b("force", None),
    v("grace-period", None),
    v("timeout", None),
    l("selector", Some('l')),
    v("pod-selector", None),
    b("disable-eviction", None),
    v("dry-run", None),
    v("skip-wait-for-delete-timeout", None),
    v("chunk-size", None),
];

fn nodes(k: &mut Kubectl) -> Result<Vec<Node>, Failure> {
    let args = k.flags.args.clone();
    let sel = k.selector()?;
    if args.is_empty() && sel.is_empty() {
        let cmd = k.path.trim_start_matches("kubectl ").to_string();
        return Err(usage_error(&k.path, &format!("USAGE: {cmd} NODE [flags]")));
    }
    if !args.is_empty() && !sel.is_empty() {
        return Err(usage_error(
            &k.path,
            "error: cannot specify both a node name and a --selector option",
        ));
    }
    let mut out = Vec::new();
    if args.is_empty() {
        for o in k.list_kind(Kind::Node, false, &sel)? {
            if let Object::Node(n) = o {
                out.push(n);
            }
        }
        return Ok(out);
    }
    for a in &args {
        let name = a
            .strip_prefix("node/")
            .or_else(|| a.strip_prefix("nodes/"))
            .unwrap_or(a);
        match k.st.get(Kind::Node, "", name) {
            Some(Object::Node(n)) => out.push(n.clone()),
            _ => {
                return Err(Failure::from_api(
                    &ordinal_sim::apiserver::ApiError::not_found(Kind::Node, name),
                ))
            }
        }
    }
    Ok(out)
}

/// Sets `spec.unschedulable`; prints `node/x cordoned` or `node/x already cordoned`.
fn set_unschedulable(k: &mut Kubectl, n: &Node, desired: bool) -> bool {
    let (done, already) = if desired {
        ("cordoned", "already cordoned")
    } else {
        ("uncordoned", "already uncordoned")
    };
    if n.spec.unschedulable == desired {
        k.print(&format!("node/{} {already}\n", n.metadata.name));
        return true;
    }
    let mut m = n.clone();
    m.spec.unschedulable = desired;
    m.metadata.resource_version.clear();
    if k.flags.get("dry-run").is_some_and(|d| d != "none") {
        k.print(&format!("node/{} {done} (dry run)\n", n.metadata.name));
        return true;
    }
    match k.st.update(Object::Node(m)) {
        Ok(_) => {
            k.print(&format!("node/{} {done}\n", n.metadata.name));
            true
        }
        Err(f) => {
            let verb = if desired { "cordon" } else { "uncordon" };
            k.warn(&format!(
                "error: unable to {verb} node \"{}\": {}",
                n.metadata.name,
                f.render().trim_end()
            ));
            false
        }
    }
}

pub fn run_cordon(k: &mut Kubectl) -> Result<(), Failure> {
    for n in nodes(k)? {
        set_unschedulable(k, &n, true);
    }
    Ok(())
}

pub fn run_uncordon(k: &mut Kubectl) -> Result<(), Failure> {
    for n in nodes(k)? {
        set_unschedulable(k, &n, false);
    }
    Ok(())
}

pub fn run_drain(k: &mut Kubectl) -> Result<(), Failure> {
    let force = k.flags.bool("force");
    let empty_dir_ok = k.flags.bool("delete-emptydir-data") || k.flags.bool("delete-local-data");
    if k.flags.bool("delete-local-data") {
        k.warn("Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.");
    }
    let grace: Option<i64> = match k.flags.get("grace-period") {
        None => None,
        Some(s) => {
            let g: i64 = s.parse().map_err(|_| {
                Failure::client(format!(
                    "invalid argument \"{s}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{s}\": invalid syntax"
                ))
            })?;
            (g >= 0).then_some(g)
        }
    };
    let timeout = duration_flag(k, "timeout", k.st.limits.max_wait_ms)?;
    let mut pending_nodes = Vec::new();
    let mut final_errors: Vec<String> = Vec::new();
    for n in nodes(k)? {
        let node = n.metadata.name.clone();
        if !set_unschedulable(k, &n, true) {
            pending_nodes.push(node);
            continue;
        }
        // Pods on the node that drain would evict, with kubectl's filters.
        let pods: Vec<Pod> =
            k.st.list(Kind::Pod, None)
                .into_iter()
                .filter_map(|o| match o {
                    Object::Pod(p) if p.spec.node_name == node => Some(p.clone()),
                    _ => None,
                })
                .collect();
        let mut to_evict: Vec<Pod> = Vec::new();
        let mut unmanaged: Vec<String> = Vec::new();
        let mut local: Vec<String> = Vec::new();
        for p in pods {
            let terminal = matches!(p.status.phase.as_str(), "Succeeded" | "Failed");
            let id = format!("{}/{}", p.metadata.namespace, p.metadata.name);
            if !terminal && p.metadata.controller_ref().is_none() {
                unmanaged.push(id.clone());
                if !force {
                    continue;
                }
            }
            if p.spec.volumes.iter().any(|v| v.empty_dir.is_some()) && !terminal {
                local.push(id.clone());
                if !empty_dir_ok {
                    continue;
                }
            }
            to_evict.push(p);
        }
        let mut fatal = Vec::new();
        if !unmanaged.is_empty() && !force {
            fatal.push(format!(
                "cannot delete Pods that declare no controller (use --force to override): {}",
                unmanaged.join(", ")
            ));
        }
        if !local.is_empty() && !empty_dir_ok {
            fatal.push(format!(
                "cannot delete Pods with local storage (use --delete-emptydir-data to override): {}",
                local.join(", ")
            ));
        }
        if !fatal.is_empty() {
            k.warn(&format!(
                "error: unable to drain node \"{node}\" due to error: {}, continuing command...",
                fatal.join(", ")
            ));
            final_errors.extend(fatal);
            pending_nodes.push(node);
            continue;
        }
        let mut warnings = Vec::new();
        if !unmanaged.is_empty() {
            warnings.push(format!(
                "deleting Pods that declare no controller: {}",
                unmanaged.join(", ")
            ));
        }
        if !local.is_empty() {
            warnings.push(format!(
                "deleting Pods with local storage: {}",
                local.join(", ")
            ));
        }
        if !warnings.is_empty() {
            k.warn(&format!("Warning: {}", warnings.join("; ")));
        }
        let mut evicted: Vec<(String, String, String)> = Vec::new();
        for p in &to_evict {
            k.print(&format!(
                "evicting pod {}/{}\n",
                p.metadata.namespace, p.metadata.name
            ));
            let r = k.st.apply(Input::Delete {
                kind: Kind::Pod,
                namespace: p.metadata.namespace.clone(),
                name: p.metadata.name.clone(),
                opts: DeleteOptions {
                    grace_period_seconds: grace,
                    propagation: None,
                    precondition_uid: Some(p.metadata.uid.clone()),
                },
            });
            match r {
                Ok(_) => evicted.push((
                    p.metadata.namespace.clone(),
                    p.metadata.name.clone(),
                    p.metadata.uid.clone(),
                )),
                Err(f) => k.warn(&format!(
                    "error when evicting pods/\"{}\" -n \"{}\" (will retry after 5s): {}",
                    p.metadata.name,
                    p.metadata.namespace,
                    f.render().trim_end()
                )),
            }
        }
        // Wait for each evicted pod to be gone; report them as they go.
        let deadline = k.st.now() + timeout.min(k.st.limits.max_wait_ms);
        let mut remaining = evicted.clone();
        let mut gone_order: Vec<String> = Vec::new();
        k.st.watch_until(deadline, |st, ev| {
            if ev.is_some() {
                return false;
            }
            remaining.retain(|(ns, name, uid)| {
                let gone = st
                    .get(Kind::Pod, ns, name)
                    .is_none_or(|o| o.meta().uid != *uid);
                if gone {
                    gone_order.push(name.clone());
                }
                !gone
            });
            remaining.is_empty()
        });
        for name in &gone_order {
            k.print(&format!("pod/{name} evicted\n"));
        }
        if !remaining.is_empty() {
            let names: Vec<String> = remaining.iter().map(|(_, n, _)| n.clone()).collect();
            k.warn(&format!(
                "There are pending pods in node \"{node}\" when an error occurred: error when waiting for pod \"{}\" in namespace \"{}\" to terminate: global timeout reached: {}",
                names[0],
                remaining[0].0,
                ordinal_sim::gofmt::duration_string(timeout)
            ));
            for n in &names {
                k.warn(&format!("pod/{n}"));
            }
            pending_nodes.push(node);
            final_errors.push(format!(
                "unable to drain node \"{}\" due to error: global timeout reached",
                n.metadata.name
            ));
            continue;
        }
        k.print(&format!("node/{node} drained\n"));
    }
    if !pending_nodes.is_empty() {
        let mut msg = String::from("There are pending nodes to be drained:\n");
        for n in &pending_nodes {
            msg.push_str(&format!(" {n}\n"));
        }
        for e in &final_errors {
            msg.push_str(&format!("{e}\n"));
        }
        return Err(Failure::Raw(msg));
    }
    Ok(())
}
