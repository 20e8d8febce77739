//! `kubectl set image (-f FILE | TYPE NAME) CONTAINER=IMAGE…` (set_image.go): changes the
//! image of containers in a pod or a pod template, and says nothing when nothing changed.

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets::{self, Targets, TypeRef};
use ordinal_sim::api::{Container, Object};

pub const FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    l("selector", Some('l')),
    b("all", None),
    b("local", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
    v("field-manager", None),
];

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(sub) = args.first() else {
        k.print(super::help::for_command("set").unwrap_or(""));
        return Ok(());
    };
    match sub.as_str() {
        "image" => {
            k.path = "kubectl set image".into();
            image(k, &args[1..])
        }
        other => Err(usage_error(
            "kubectl set",
            &format!("unknown command \"{other}\""),
        )),
    }
}

/// cmdutil.GetResourcesAndPairs + ParsePairs: resources first, then `NAME=IMAGE` pairs.
fn split_pairs(args: &[String]) -> Result<(Vec<String>, Vec<(String, String)>), Failure> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for a in args {
        match a.split_once('=') {
            Some((name, image)) => {
                if name.is_empty() {
                    return Err(Failure::client(format!("invalid image format: {a:?}")));
                }
                pairs.push((name.to_string(), image.to_string()));
            }
            None if !pairs.is_empty() => {
                return Err(Failure::client(format!(
                    "all resources must be specified before image changes: {a}"
                )))
            }
            None => resources.push(a.clone()),
        }
    }
    Ok((resources, pairs))
}

/// The containers whose images `set image` may change (pods, and kinds with a pod template).
fn containers(o: &mut Object) -> Option<&mut Vec<Container>> {
    match o {
        Object::Pod(p) => Some(&mut p.spec.containers),
        Object::Deployment(d) => Some(&mut d.spec.template.spec.containers),
        Object::ReplicaSet(r) => Some(&mut r.spec.template.spec.containers),
        Object::StatefulSet(s) => Some(&mut s.spec.template.spec.containers),
        Object::ReplicationController(r) => {
            r.spec.template.as_mut().map(|t| &mut t.spec.containers)
        }
        _ => None,
    }
}

/// The message of an API error without cmdutil's `Error from server (…): ` head.
fn bare(f: &Failure) -> String {
    match f {
        Failure::Api { message, .. } => message.clone(),
        other => other.render().trim_end().to_string(),
    }
}

fn image(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let (resources, pairs) = split_pairs(args)?;
    if k.flags.bool("all") && k.flags.has("selector") {
        return Err(Failure::client(
            "cannot set --all and --selector at the same time",
        ));
    }
    let ns = k.namespace();
    let sel = k.selector()?;
    let mut found: Vec<Object> = Vec::new();
    match super::targets(k, &resources, Failure::client(super::delete::NO_RESOURCES))? {
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            match k.st.get(t.kind, &ns, &t.name) {
                Some(o) => found.push(o.clone()),
                None => {
                    return Err(targets::not_found(&TypeRef::Kind(t.kind), &t.name));
                }
            }
            Ok(())
        })?,
        Targets::Named(items) => {
            for (t, n) in items {
                match t.kind().and_then(|kd| k.st.get(kd, &ns, &n)) {
                    Some(o) => found.push(o.clone()),
                    None => return Err(targets::not_found(&t, &n)),
                }
            }
        }
        Targets::Lists(types) => {
            if sel.is_empty() && !k.flags.bool("all") {
                return Err(targets::no_name());
            }
            found = super::list_types(k, &types, false, &sel)?;
        }
    }
    if pairs.is_empty() {
        return Err(Failure::client("at least one image update is required"));
    }
    if pairs.len() > 1 && pairs.iter().any(|(n, _)| n == "*") {
        return Err(Failure::client(
            "all containers are already specified by *, but saw more than one container_name=container_image pairs",
        ));
    }
    let mut errs: Vec<String> = Vec::new();
    for mut obj in found {
        let head = format!("{}/{}", kind_string(obj.kind()), obj.meta().name);
        let Some(list) = containers(&mut obj) else {
            errs.push(format!(
                "error: {head} the object is not a pod or does not have a pod template: *v1.{}\n",
                obj.kind().name()
            ));
            continue;
        };
        let mut changed = false;
        for (name, image) in &pairs {
            let mut hit = false;
            for c in list.iter_mut().filter(|c| c.name == *name || name == "*") {
                hit = true;
                changed |= c.image != *image;
                c.image = image.clone();
            }
            if !hit {
                errs.push(format!("unable to find container named {name:?}"));
            }
        }
        // An unchanged object makes an empty patch, which set image skips without a word.
        if !changed {
            continue;
        }
        match k.flags.get("dry-run") {
            Some("client") | Some("true") => {
                k.print(&format!("{head} image updated (dry run)\n"));
                continue;
            }
            Some("server") => {
                k.print(&format!("{head} image updated (server dry run)\n"));
                continue;
            }
            _ => {}
        }
        obj.meta_mut().resource_version.clear();
        match k.st.update(obj) {
            Ok(_) => k.print(&format!("{head} image updated\n")),
            Err(f) => errs.push(format!(
                "failed to patch image update to pod template: {}",
                bare(&f)
            )),
        }
    }
    // utilerrors.NewAggregate: one error as itself, more as `[a, b]`.
    match errs.len() {
        0 => {}
        1 => k.errors.push(Failure::client(errs.remove(0))),
        _ => k
            .errors
            .push(Failure::client(format!("[{}]", errs.join(", ")))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: &[&str]) -> Vec<String> {
        a.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn images_follow_the_resources_as_kubectl_requires() {
        let (r, p) = split_pairs(&s(&["deployment/web", "nginx=nginx:1.16.1"])).unwrap();
        assert_eq!(r, s(&["deployment/web"]));
        assert_eq!(p, vec![("nginx".to_string(), "nginx:1.16.1".to_string())]);
        let e = split_pairs(&s(&["deployment/web", "a=b", "c"])).unwrap_err();
        assert_eq!(
            e.render(),
            "error: all resources must be specified before image changes: c\n"
        );
        let e = split_pairs(&s(&["deployment/web", "=b"])).unwrap_err();
        assert_eq!(e.render(), "error: invalid image format: \"=b\"\n");
    }
}
