//! The one resolver of what a command line names, after upstream's `resource.Builder`:
//! `FilenameParam` (`-f FILE…`), `ResourceTypeOrNameArgs` (`TYPE`, `TYPE1,TYPE2`,
//! `TYPE NAME…`, `TYPE/NAME…`), with `-l` / `--all` applied by the command to whole lists.
//! As upstream's commands configure their builders differently, each command keeps its own
//! error for "nothing named" and its own rule for names combined with selectors.

use crate::errors::Failure;
use crate::input::manifest;
use crate::input::selector::{self, Target, TypeRef};
use ordinal_sim::api::Kind;

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

impl From<Target> for Targets {
    fn from(t: Target) -> Targets {
        match t {
            Target::Lists(types) => Targets::Lists(types),
            Target::Named(items) => Targets::Named(items),
        }
    }
}

/// Resource arguments alone (for commands without `-f`); `required` is the command's error
/// when there are none.
pub fn from_args(args: &[String], required: Failure) -> Result<Target, Failure> {
    if args.is_empty() {
        return Err(required);
    }
    selector::parse_targets(args)
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

    #[test]
    fn arguments_resolve_to_lists_or_names() {
        let none = from_args(&[], Failure::client("none")).unwrap_err();
        assert_eq!(none.render(), Failure::client("none").render());
        assert_eq!(
            from_args(&args(&["po,sts"]), no_name()).unwrap(),
            Target::Lists(vec![
                TypeRef::Kind(Kind::Pod),
                TypeRef::Kind(Kind::StatefulSet)
            ])
        );
        assert_eq!(
            from_args(&args(&["sts/web", "po/web-0"]), no_name()).unwrap(),
            Target::Named(vec![
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
