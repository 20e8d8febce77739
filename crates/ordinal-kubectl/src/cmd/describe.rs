//! `kubectl describe TYPE [NAME_PREFIX | -l label] | TYPE/NAME`.

use super::Kubectl;
use crate::errors::Failure;
use crate::input::flags::{b, l, Flag};
use crate::input::targets::TypeRef;
use crate::input::targets::{self, Targets};
use crate::output::describe as d;
use ordinal_sim::api::kinds::Describer;
use ordinal_sim::api::{
    EndpointSlice, Event, Kind, Object, ObjectMeta, Pod, ReplicaSet, SERVICE_NAME_LABEL,
};
use std::rc::Rc;

pub const FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    l("selector", Some('l')),
    b("all-namespaces", Some('A')),
    b("show-events", None),
    b("recursive", Some('R')),
    crate::input::flags::v("chunk-size", None),
];

fn controlled_by(m: &ObjectMeta, uid: &str) -> bool {
    m.controller_ref().is_some_and(|r| r.uid == uid)
}

/// Pods whose controllerRef is `uid` (getPodStatusForController skips orphans and others').
fn owned_pods<'a>(k: &'a Kubectl, ns: &'a str, uid: &str) -> Vec<&'a Pod> {
    k.st.list(Kind::Pod, Some(ns))
        .into_iter()
        .filter_map(|x| match x {
            Object::Pod(p) if controlled_by(&p.metadata, uid) => Some(p),
            _ => None,
        })
        .collect()
}

/// Renders the description of one stored object.
pub fn describe_object(k: &Kubectl, o: &Object, show_events: bool) -> String {
    let now = k.st.now();
    let uid = o.meta().uid.clone();
    let evs_owned: Vec<Event> = if show_events {
        k.st.list(Kind::Event, None)
            .into_iter()
            .filter_map(|e| match e {
                Object::Event(ev) if ev.involved_object.uid == uid => Some(ev.clone()),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let evs: Vec<&Event> = evs_owned.iter().collect();
    let ns = o.meta().namespace.clone();
    // The kind's row names its describer; kinds without a dedicated one get the generic text.
    if o.kind().info().describer == Describer::Generic {
        return d::generic(o, &evs, now);
    }
    match o {
        Object::Pod(p) => d::pod(p, &evs, now),
        Object::StatefulSet(s) => d::statefulset(s, &owned_pods(k, &ns, &uid), &evs, now),
        Object::ReplicaSet(r) => d::replicaset(r, &owned_pods(k, &ns, &uid), &evs, now),
        Object::ReplicationController(r) => {
            d::replication_controller(r, &owned_pods(k, &ns, &uid), &evs, now)
        }
        Object::Deployment(dep) => {
            let sets: Vec<&ReplicaSet> =
                k.st.list(Kind::ReplicaSet, Some(&ns))
                    .into_iter()
                    .filter_map(|x| match x {
                        Object::ReplicaSet(r) if controlled_by(&r.metadata, &uid) => Some(r),
                        _ => None,
                    })
                    .collect();
            d::deployment(dep, &sets, &evs, now)
        }
        Object::PersistentVolumeClaim(c) => {
            let used_by: Vec<String> =
                k.st.list(Kind::Pod, Some(&ns))
                    .into_iter()
                    .filter_map(|x| match x {
                        Object::Pod(p) if p.claim_names().any(|n| n == c.metadata.name) => {
                            Some(p.metadata.name.clone())
                        }
                        _ => None,
                    })
                    .collect();
            d::pvc(c, &used_by, &evs, now)
        }
        Object::PersistentVolume(v) => d::pv(v, &evs, now),
        Object::Node(n) => {
            let pods: Vec<Pod> =
                k.st.list(Kind::Pod, None)
                    .into_iter()
                    .filter_map(|x| match x {
                        Object::Pod(p)
                            if p.spec.node_name == n.metadata.name
                                && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed") =>
                        {
                            Some(p.clone())
                        }
                        _ => None,
                    })
                    .collect();
            let refs: Vec<&Pod> = pods.iter().collect();
            d::node(n, &refs, &evs, now)
        }
        Object::Service(s) => {
            let slices: Vec<EndpointSlice> = k
                .st
                .list(Kind::EndpointSlice, Some(&ns))
                .into_iter()
                .filter_map(|x| match x {
                    Object::EndpointSlice(e)
                        if e.metadata.labels.get(SERVICE_NAME_LABEL) == Some(&s.metadata.name) =>
                    {
                        Some(e.clone())
                    }
                    _ => None,
                })
                .collect();
            let refs: Vec<&EndpointSlice> = slices.iter().collect();
            d::service(s, &refs, &evs, now)
        }
        Object::Namespace(n) => d::namespace(n),
        other => d::generic(other, &evs, now),
    }
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let show_events = k.flags.get("show-events") != Some("false");
    let all_ns = k.flags.bool("all-namespaces");
    let ns = k.namespace();
    let sel = k.selector()?;
    // Shared: a name given many times (`describe node a a a …`) is one copy of its object.
    let mut objs: Vec<Rc<Object>> = Vec::new();
    let mut copies = super::Copies::default();
    let args = k.flags.args.clone();
    let required = Failure::client(
        "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.",
    );
    match super::targets(k, &args, required)? {
        // describe looks manifests up in the command's namespace, not the manifest's.
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            match k.st.get(t.kind, &ns, &t.name) {
                Some(o) => objs.push(copies.of(o)),
                None => k
                    .errors
                    .push(targets::not_found(&TypeRef::Kind(t.kind), &t.name)),
            }
            Ok(())
        })?,
        Targets::Lists(types) => {
            objs.extend(
                super::list_types(k, &types, all_ns, &sel)?
                    .into_iter()
                    .map(Rc::new),
            );
            if objs.is_empty() {
                if all_ns {
                    k.warn("No resources found");
                } else {
                    k.warn(&format!("No resources found in {ns} namespace."));
                }
                return Ok(());
            }
        }
        Targets::Named(items) => {
            for (t, name) in items {
                let Some(kd) = t.kind() else {
                    k.errors.push(targets::not_found(&t, &name));
                    continue;
                };
                if let Some(o) = k.st.get(kd, &ns, &name) {
                    objs.push(copies.of(o));
                    continue;
                }
                // describe falls back to a name prefix match (`describe pods web`).
                let prefixed: Vec<Rc<Object>> =
                    k.st.list(kd, Some(&ns))
                        .into_iter()
                        .filter(|o| o.meta().name.starts_with(&name))
                        .map(|o| copies.of(o))
                        .collect();
                if prefixed.is_empty() {
                    k.errors.push(targets::not_found(&t, &name));
                }
                objs.extend(prefixed);
            }
        }
    }
    for (i, o) in objs.iter().enumerate() {
        // The terminal keeps only so much: stop describing once it is full.
        if k.out.is_full() {
            break;
        }
        let text = describe_object(k, o, show_events);
        if i > 0 {
            k.print("\n\n");
        }
        k.print(&text);
    }
    Ok(())
}
