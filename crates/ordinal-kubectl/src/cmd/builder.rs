//! The Kubectl side of the target resolver (upstream: resource.Builder with the command's
//! flags): `-f` sources, resource arguments, and whole lists filtered by namespace, `-l` and
//! `--field-selector`. The parsing itself is `input::targets`.

use super::Kubectl;
use crate::errors::Failure;
use crate::input::examples;
use crate::input::files::{self, FileError};
use crate::input::selector::{parse_selector, Selector};
use crate::input::targets::{self, Targets, TypeRef};
use ordinal_sim::api::{Kind, Object};

/// What the command names: its `-f` sources if given, else its resource arguments;
/// `required` is the command's error when there are neither.
pub fn targets(k: &Kubectl, args: &[String], required: Failure) -> Result<Targets, Failure> {
    if k.flags.has("filename") {
        return Ok(Targets::Files(read_sources(k)?));
    }
    targets::from_args(args, required).map(Targets::from)
}

/// Objects of the listed (simulated) types, with the command's namespace and selector filters.
pub fn list_types(
    k: &Kubectl,
    types: &[TypeRef],
    all_ns: bool,
    sel: &Selector,
) -> Result<Vec<Object>, Failure> {
    let mut out = Vec::new();
    for t in types {
        if let TypeRef::Kind(kd) = t {
            out.extend(k.list_kind(*kd, all_ns, sel)?);
        }
    }
    Ok(out)
}

/// Reads every `-f` source, as upstream's Builder.FilenameParam does: `-` is stdin, a URL is
/// one of the tutorial's examples, a path is a file or a directory walked by `input::files`.
/// A path that does not exist may be a glob (`-f 'dir/*.yaml'`). Every path is checked before
/// anything is read; several bad paths are reported together.
pub fn read_sources(k: &Kubectl) -> Result<Vec<(String, String)>, Failure> {
    let recursive = k.flags.bool("recursive");
    let mut out = Vec::new();
    let mut errs: Vec<String> = Vec::new();
    // A string slice flag: `-f a.yaml,b.yaml` is two files.
    for f in k.flags.list("filename") {
        if f == "-" {
            let text = k.stdin.unwrap_or("");
            out.push(("STDIN".to_string(), text.to_string()));
            continue;
        }
        if f.starts_with("http://") || f.starts_with("https://") {
            match examples::example(&f) {
                Some(text) => out.push((f.clone(), text.to_string())),
                None => errs.push(format!(
                    "unable to read URL \"{f}\", server reported 404 Not Found, status code=404"
                )),
            }
            continue;
        }
        // expandIfFilePattern: a path that does not exist may be a glob.
        let paths = match k.st.open_file(&f) {
            Err(FileError::NotFound) => match files::glob(&k.st.files, k.st.reader.as_ref(), &f) {
                Err(e) => {
                    errs.push(format!("pattern \"{f}\" is not valid: {e}"));
                    continue;
                }
                Ok(m) if m.is_empty() => {
                    errs.push(format!("the path \"{f}\" does not exist"));
                    continue;
                }
                Ok(m) => m,
            },
            _ => vec![f.clone()],
        };
        for p in &paths {
            match files::expand(&k.st.files, k.st.reader.as_ref(), p, recursive) {
                Err(FileError::NotFound) => errs.push(format!("the path \"{p}\" does not exist")),
                Err(e) => errs.push(format!("error reading \"{p}\": {}", e.describe(p))),
                Ok(found) => out.extend(found),
            }
        }
        // Upstream checks this after each -f value: nothing read so far, and no error yet.
        if out.is_empty() && errs.is_empty() {
            errs.push(format!(
                "error reading [{}]: recognized file extensions are [{}]",
                paths.join(" "),
                files::FILE_EXTENSIONS.join(" ")
            ));
        }
    }
    match errs.len() {
        0 => Ok(out),
        1 => Err(Failure::client(errs.remove(0))),
        // An aggregate of errors: one a line, without the `error: ` prefix.
        _ => Err(Failure::Raw(
            errs.iter().map(|e| format!("{e}\n")).collect::<String>(),
        )),
    }
}

pub(crate) fn field_selector_matches(obj: &Object, fs: &str) -> Result<bool, Failure> {
    for part in fs.split(',').filter(|p| !p.is_empty()) {
        let (key, want, neg) = if let Some((k, v)) = part.split_once("!=") {
            (k, v, true)
        } else if let Some((k, v)) = part.split_once("==") {
            (k, v, false)
        } else if let Some((k, v)) = part.split_once('=') {
            (k, v, false)
        } else {
            return Err(Failure::client(format!(
                "invalid selector: '{fs}'; can't understand '{part}'"
            )));
        };
        let got = match (key, obj) {
            ("metadata.name", o) => o.meta().name.clone(),
            ("metadata.namespace", o) => o.meta().namespace.clone(),
            ("spec.nodeName", Object::Pod(p)) => p.spec.node_name.clone(),
            ("status.phase", Object::Pod(p)) => p.status.phase.clone(),
            ("involvedObject.name", Object::Event(e)) => e.involved_object.name.clone(),
            ("involvedObject.kind", Object::Event(e)) => e.involved_object.kind.clone(),
            ("type", Object::Event(e)) => e.type_.clone(),
            ("reason", Object::Event(e)) => e.reason.clone(),
            ("spec.unschedulable", Object::Node(n)) => n.spec.unschedulable.to_string(),
            _ => {
                return Err(Failure::Api {
                    reason: "BadRequest".into(),
                    message: format!(
                        "Unable to find \"{}\" that match label selector \"\", field selector \"{fs}\": \"{key}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                        obj.kind().qualified_plural()
                    ),
                })
            }
        };
        if (got == want) == neg {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Events are named `<object>.<time in hex>` in a real cluster, so a list is grouped by
/// object and chronological within it; reproduce that order.
pub(crate) fn sort_events(objs: &mut [Object]) {
    let rv = |o: &Object| o.meta().resource_version.parse::<u64>().unwrap_or(0);
    ordinal_sim::sort::sort_by(objs, |a, b| match (a, b) {
        (Object::Event(x), Object::Event(y)) => (
            &x.metadata.namespace,
            &x.involved_object.name,
            x.first_timestamp,
            rv(a),
        )
            .cmp(&(
                &y.metadata.namespace,
                &y.involved_object.name,
                y.first_timestamp,
                rv(b),
            )),
        _ => std::cmp::Ordering::Equal,
    });
}

impl Kubectl<'_> {
    pub(crate) fn selector(&self) -> Result<Selector, Failure> {
        parse_selector(&self.flags.list("selector").join(","))
    }

    /// Lists one type with the command's namespace/selector filters.
    pub(crate) fn list_kind(
        &self,
        kind: Kind,
        all_ns: bool,
        sel: &Selector,
    ) -> Result<Vec<Object>, Failure> {
        let ns = self.namespace();
        let mut out: Vec<Object> = self
            .st
            .list(kind, if all_ns { None } else { Some(&ns) })
            .into_iter()
            .filter(|o| sel.matches(&o.meta().labels))
            .cloned()
            .collect();
        if let Some(fs) = self.flags.get("field-selector") {
            let mut kept = Vec::new();
            for o in out {
                if field_selector_matches(&o, fs)? {
                    kept.push(o);
                }
            }
            out = kept;
        }
        if kind == Kind::Event {
            sort_events(&mut out);
        }
        Ok(out)
    }
}
