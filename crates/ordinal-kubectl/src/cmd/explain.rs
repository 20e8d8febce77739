//! `kubectl explain TYPE[.field…] [--recursive] [--api-version=GROUP/VERSION]`: the schema of
//! a kind Ordinal serves, in kubectl's plaintext layout (`output/explain`).

use super::Kubectl;
use crate::errors::Failure;
use crate::input::flags::{b, v, Flag};
use crate::input::resources::{resolve, Resolved};
use crate::output::explain;
use ordinal_sim::api::kinds::{KindInfo, KINDS};
use ordinal_sim::api::Kind;

pub const FLAGS: &[Flag] = &[
    b("recursive", None),
    v("api-version", None),
    v("output", Some('o')),
];

/// The kind a resource name means to the REST mapper, with the group when one is given
/// (`statefulsets.apps`); any other name is not served.
fn resource_for(name: &str) -> Option<Kind> {
    let (base, group) = match name.split_once('.') {
        Some((b, g)) => (b, Some(g)),
        None => (name, None),
    };
    match resolve(base)? {
        Resolved::Kind(k) if group.is_none_or(|g| g == k.group()) => Some(k),
        _ => None,
    }
}

/// Splits `TYPE.field.field`: without --api-version the longest dotted prefix that names a
/// resource wins (`statefulsets.apps.spec`), with it only the first segment is the type.
fn split(arg: &str, prefix_match: bool) -> Result<(Kind, Vec<String>), Failure> {
    let arg = arg.strip_suffix('.').unwrap_or(arg);
    let parts: Vec<&str> = arg.split('.').collect();
    if prefix_match {
        for i in (1..=parts.len()).rev() {
            if let Some(k) = resource_for(&parts[..i].join(".")) {
                return Ok((k, parts[i..].iter().map(|s| s.to_string()).collect()));
            }
        }
    }
    match resolve(parts[0]) {
        Some(Resolved::Kind(k)) => Ok((k, parts[1..].iter().map(|s| s.to_string()).collect())),
        // A real server would explain these; Ordinal lists them empty and has no schema.
        Some(Resolved::Unsimulated(plural, _)) => Err(Failure::client(format!(
            "{plural} are not simulated by Ordinal, so there is no schema to explain"
        ))),
        None => Err(Failure::client(format!(
            "the server doesn't have a resource type \"{}\"",
            parts[0]
        ))),
    }
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    if args.is_empty() {
        return Err(Failure::client(
            "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
        ));
    }
    if args.len() > 1 {
        return Err(Failure::client(
            "We accept only this format: explain RESOURCE\n",
        ));
    }
    let api_version = k.flags.get("api-version").unwrap_or("").to_string();
    let (kind, path) = split(&args[0], api_version.is_empty())?;
    match k.flags.get("output").unwrap_or("plaintext") {
        "plaintext" => {}
        other => {
            return Err(Failure::client(format!(
                "--output={other} is not simulated here; only plaintext is"
            )))
        }
    }
    let mut info: &KindInfo = kind.info();
    if !api_version.is_empty() {
        let (group, version) = parse_group_version(&api_version)?;
        let plural = info.plural;
        let gvr = format!("{group}/{version}, Resource={plural}");
        // The document for the group/version must exist, then the resource in it.
        if !KINDS
            .iter()
            .any(|i| i.group() == group && i.version() == version)
        {
            return Err(Failure::client(format!(
                "couldn't find resource for \"{gvr}\""
            )));
        }
        info = KINDS
            .iter()
            .find(|i| i.plural == plural && i.group() == group && i.version() == version)
            .ok_or_else(|| {
                Failure::client(format!("error: GVR ({gvr}) not found in OpenAPI schema"))
            })?;
    }
    let recursive = k.flags.bool("recursive");
    let e = explain::explain(info, &path, recursive);
    k.print(&e.out);
    match e.error {
        Some(msg) => Err(Failure::client(msg)),
        None => Ok(()),
    }
}

/// apimachinery's ParseGroupVersion: `v1`, `apps/v1`; more slashes are an error.
fn parse_group_version(gv: &str) -> Result<(String, String), Failure> {
    match gv.split('/').collect::<Vec<_>>().as_slice() {
        [v] => Ok((String::new(), v.to_string())),
        [g, v] => Ok((g.to_string(), v.to_string())),
        _ => Err(Failure::client(format!(
            "unexpected GroupVersion string: {gv}"
        ))),
    }
}
