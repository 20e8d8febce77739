//! The one resolver of what a command line names, after upstream's `resource.Builder`:
//! `FilenameParam` (`-f FILE…`), `ResourceTypeOrNameArgs` (`TYPE`, `TYPE1,TYPE2`,
//! `TYPE NAME…`, `TYPE/NAME…`), with `-l` / `--all` applied by the command to whole lists.
//! As upstream's commands configure their builders differently, each command keeps its own
//! error for "nothing named" and its own rule for names combined with selectors.

use crate::errors::Failure;
use crate::input::manifest;
use crate::input::resources::{resolve, Resolved, UNSIMULATED};
use ordinal_sim::api::Kind;

/// Resource arguments as `ResourceTypeOrNameArgs` reads them.
#[derive(Clone, Debug, PartialEq)]
pub enum ResourceArgs {
    /// Whole lists of these types (plural names kept for messages about unsimulated types).
    Lists(Vec<TypeRef>),
    /// Specific objects.
    Named(Vec<(TypeRef, String)>),
}

/// A resource type as named: one Ordinal simulates, or one kubectl knows that it does not.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    Kind(Kind),
    Unsimulated {
        plural: &'static str,
        kind: &'static str,
    },
}

impl TypeRef {
    pub fn kind(&self) -> Option<Kind> {
        match self {
            TypeRef::Kind(k) => Some(*k),
            TypeRef::Unsimulated { .. } => None,
        }
    }

    /// `statefulsets.apps`-style name for NotFound messages.
    pub fn qualified(&self) -> String {
        match self {
            TypeRef::Kind(k) => k.qualified_plural(),
            TypeRef::Unsimulated { plural, kind } => {
                let group = UNSIMULATED
                    .iter()
                    .find(|u| u.2 == *kind)
                    .map(|u| u.3.split_once('/').map_or("", |(g, _)| g))
                    .unwrap_or("");
                if group.is_empty() {
                    plural.to_string()
                } else {
                    format!("{plural}.{group}")
                }
            }
        }
    }
}

fn type_ref(name: &str) -> Result<Vec<TypeRef>, Failure> {
    // The `all` category, in discovery's order (DaemonSets, HPAs and Jobs are not simulated).
    if name == "all" {
        return Ok(vec![
            TypeRef::Kind(Kind::Pod),
            TypeRef::Kind(Kind::ReplicationController),
            TypeRef::Kind(Kind::Service),
            TypeRef::Kind(Kind::Deployment),
            TypeRef::Kind(Kind::ReplicaSet),
            TypeRef::Kind(Kind::StatefulSet),
        ]);
    }
    match resolve(name) {
        Some(Resolved::Kind(k)) => Ok(vec![TypeRef::Kind(k)]),
        Some(Resolved::Unsimulated(plural, kind)) => {
            Ok(vec![TypeRef::Unsimulated { plural, kind }])
        }
        None => Err(Failure::client(format!(
            "the server doesn't have a resource type \"{name}\""
        ))),
    }
}

/// Parses resource arguments the way the resource builder does.
pub fn parse_targets(args: &[String]) -> Result<ResourceArgs, Failure> {
    if args.is_empty() {
        return Err(Failure::client("Required resource not specified."));
    }
    let slashed = args.iter().filter(|a| a.contains('/')).count();
    if slashed > 0 {
        if slashed != args.len() {
            return Err(Failure::client(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
            ));
        }
        let mut named = Vec::new();
        for a in args {
            let (t, n) = a.split_once('/').unwrap_or((a, ""));
            if n.is_empty() {
                return Err(Failure::client(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            for tr in type_ref(t)? {
                named.push((tr, n.to_string()));
            }
        }
        return Ok(ResourceArgs::Named(named));
    }
    let mut types = Vec::new();
    for t in args[0].split(',') {
        if t.is_empty() {
            continue;
        }
        for tr in type_ref(t)? {
            if !types.contains(&tr) {
                types.push(tr);
            }
        }
    }
    if args.len() == 1 {
        return Ok(ResourceArgs::Lists(types));
    }
    let mut named = Vec::new();
    for t in &types {
        for n in &args[1..] {
            named.push((t.clone(), n.clone()));
        }
    }
    Ok(ResourceArgs::Named(named))
}

/// What the command line names, before anything is looked up.
#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    /// `-f FILE…`: each source's name and text, read by `visit_files`.
    Files(Vec<(String, String)>),
    /// `TYPE[,TYPE…]` alone: whole lists of these types.
    Lists(Vec<TypeRef>),
    /// `TYPE NAME…` or `TYPE/NAME…`: specific objects.
    Named(Vec<(TypeRef, String)>),
}

impl From<ResourceArgs> for Targets {
    fn from(t: ResourceArgs) -> Targets {
        match t {
            ResourceArgs::Lists(types) => Targets::Lists(types),
            ResourceArgs::Named(items) => Targets::Named(items),
        }
    }
}

/// Resource arguments alone (for commands without `-f`); `required` is the command's error
/// when there are none.
pub fn from_args(args: &[String], required: Failure) -> Result<ResourceArgs, Failure> {
    if args.is_empty() {
        return Err(required);
    }
    parse_targets(args)
}

/// One manifest document named with `-f` (what upstream's FileVisitor yields as an Info).
#[derive(Clone, Debug, PartialEq)]
pub struct FileTarget {
    pub kind: Kind,
    pub name: String,
    /// `metadata.namespace`, when the manifest sets one.
    pub namespace: Option<String>,
}

impl FileTarget {
    pub fn namespace_or(&self, default: &str) -> String {
        self.namespace
            .clone()
            .unwrap_or_else(|| default.to_string())
    }
}

/// Visits every document of every `-f` source in order; the first error (from a manifest or
/// from `visit`) stops the walk, so errors come in the order the documents do.
pub fn visit_files(
    sources: &[(String, String)],
    mut visit: impl FnMut(FileTarget) -> Result<(), Failure>,
) -> Result<(), Failure> {
    for (src, text) in sources {
        for doc in manifest::parse_file(src, text)? {
            let (api, kind) = manifest::type_of(&doc)?;
            let kind = manifest::kind_of(&doc, &api, &kind)?;
            let meta = &doc.value["metadata"];
            visit(FileTarget {
                kind,
                name: meta["name"].as_str().unwrap_or("").to_string(),
                namespace: meta["namespace"].as_str().map(str::to_string),
            })?;
        }
    }
    Ok(())
}

/// `TYPE` without names, `-l` or `--all` (upstream's builder: "no name was specified").
pub fn no_name() -> Failure {
    Failure::client("resource(s) were provided, but no name was specified")
}

/// The server's NotFound for a named object, also for types kubectl knows but Ordinal does
/// not simulate (`statefulsets.apps "web" not found`, `deployments.apps "web" not found`).
pub fn not_found(t: &TypeRef, name: &str) -> Failure {
    Failure::Api {
        reason: "NotFound".into(),
        message: format!("{} \"{name}\" not found", t.qualified()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn resource_arguments() {
        assert_eq!(
            parse_targets(&words("pods")).unwrap(),
            ResourceArgs::Lists(vec![TypeRef::Kind(Kind::Pod)])
        );
        assert_eq!(
            parse_targets(&words("sts web")).unwrap(),
            ResourceArgs::Named(vec![(TypeRef::Kind(Kind::StatefulSet), "web".into())])
        );
        assert_eq!(
            parse_targets(&words("pod/web-0 sts/web")).unwrap(),
            ResourceArgs::Named(vec![
                (TypeRef::Kind(Kind::Pod), "web-0".into()),
                (TypeRef::Kind(Kind::StatefulSet), "web".into())
            ])
        );
        assert_eq!(
            parse_targets(&words("foos")).unwrap_err().render(),
            "error: the server doesn't have a resource type \"foos\"\n"
        );
        assert!(parse_targets(&words("pods pod/web-0")).is_err());
    }

    #[test]
    fn arguments_resolve_to_lists_or_names() {
        let none = from_args(&[], Failure::client("none")).unwrap_err();
        assert_eq!(none.render(), Failure::client("none").render());
        assert_eq!(
            from_args(&args(&["po,sts"]), no_name()).unwrap(),
            ResourceArgs::Lists(vec![
                TypeRef::Kind(Kind::Pod),
                TypeRef::Kind(Kind::StatefulSet)
            ])
        );
        assert_eq!(
            from_args(&args(&["sts/web", "po/web-0"]), no_name()).unwrap(),
            ResourceArgs::Named(vec![
                (TypeRef::Kind(Kind::StatefulSet), "web".into()),
                (TypeRef::Kind(Kind::Pod), "web-0".into())
            ])
        );
    }

    #[test]
    fn not_found_reads_like_the_servers() {
        let f = not_found(&TypeRef::Kind(Kind::StatefulSet), "web");
        let api = Failure::from_api(&ordinal_sim::apiserver::ApiError::not_found(
            Kind::StatefulSet,
            "web",
        ));
        assert_eq!(f.render(), api.render());
    }
}
