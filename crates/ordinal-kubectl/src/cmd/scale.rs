//! `kubectl scale` through the scale subresource (spec.replicas) of StatefulSets, Deployments,
//! ReplicaSets and ReplicationControllers.

use super::{duration_flag, Kubectl};
use crate::errors::Failure;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets::TypeRef;
use crate::input::targets::{self, Targets};
use ordinal_sim::api::{Kind, Object};

pub const FLAGS: &[Flag] = &[
    v("replicas", None),
    v("current-replicas", None),
    v("resource-version", None),
    l("filename", Some('f')),
    l("selector", Some('l')),
    b("all", None),
    v("timeout", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
];

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let Some(rep) = k.flags.get("replicas") else {
        return Err(crate::errors::command_failed(
            k.st.now(),
            "required flag(s) \"replicas\" not set",
        ));
    };
    let replicas: i64 = rep.parse().map_err(|_| {
        Failure::client(format!(
            "invalid argument \"{rep}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{rep}\": invalid syntax"
        ))
    })?;
    if replicas < 0 {
        return Err(Failure::client(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    let current = k.flags.int("current-replicas").map_err(Failure::client)?;
    let ns = k.namespace();
    let sel = k.selector()?;
    let mut to_scale: Vec<(Kind, String)> = Vec::new();
    let args = k.flags.args.clone();
    match super::targets(k, &args, Failure::client(super::delete::NO_RESOURCES))? {
        // Manifests are scaled in the command's namespace, not the manifest's.
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            to_scale.push((t.kind, t.name));
            Ok(())
        })?,
        Targets::Named(items) => {
            for (t, n) in items {
                match t {
                    TypeRef::Kind(kd) => to_scale.push((kd, n)),
                    TypeRef::Unsimulated { .. } => return Err(targets::not_found(&t, &n)),
                }
            }
        }
        Targets::Lists(types) => {
            if sel.is_empty() && !k.flags.bool("all") {
                return Err(targets::no_name());
            }
            for o in super::list_types(k, &types, false, &sel)? {
                to_scale.push((o.kind(), o.meta().name.clone()));
            }
        }
    }
    if to_scale.is_empty() {
        return Err(Failure::client("no objects passed to scale"));
    }
    for (kind, name) in to_scale {
        let Some(obj) = k.st.get(kind, &ns, &name).cloned() else {
            k.errors.push(Failure::from_api(
                &ordinal_sim::apiserver::ApiError::not_found(kind, &name),
            ));
            continue;
        };
        let mut obj = obj;
        let Some(now) = spec_replicas(&mut obj) else {
            k.errors.push(Failure::Api {
                reason: "NotFound".into(),
                message: "the server could not find the requested resource".into(),
            });
            continue;
        };
        if let Some(c) = current {
            if i64::from(now.unwrap_or(1)) != c {
                k.errors.push(Failure::client(format!(
                    "Expected replicas to be {c}, was {}",
                    now.unwrap_or(1)
                )));
                continue;
            }
        }
        *now = Some(replicas.min(i64::from(i32::MAX)) as i32);
        obj.meta_mut().resource_version = k.flags.get("resource-version").unwrap_or("").to_string();
        match k.st.update(obj) {
            Ok(o) => {
                let line = if k.flags.get("output") == Some("name") {
                    format!("{}/{}\n", kind_string(o.kind()), o.meta().name)
                } else {
                    format!("{}/{} scaled\n", kind_string(o.kind()), o.meta().name)
                };
                k.print(&line);
            }
            Err(f) => k.errors.push(f),
        }
    }
    let _ = duration_flag(k, "timeout", 0)?;
    Ok(())
}

/// `spec.replicas` of a kind with a scale subresource.
fn spec_replicas(o: &mut Object) -> Option<&mut Option<i32>> {
    match o {
        Object::StatefulSet(s) => Some(&mut s.spec.replicas),
        Object::Deployment(d) => Some(&mut d.spec.replicas),
        Object::ReplicaSet(r) => Some(&mut r.spec.replicas),
        Object::ReplicationController(r) => Some(&mut r.spec.replicas),
        _ => None,
    }
}
