//! `kubectl version`, `api-resources` and `config`.

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, v, Flag};
use crate::input::resources;
use crate::output::table;

pub const VERSION_FLAGS: &[Flag] = &[b("client", None), v("output", Some('o'))];
pub const API_RESOURCES_FLAGS: &[Flag] = &[
    v("namespaced", None),
    b("no-headers", None),
    v("output", Some('o')),
    v("api-group", None),
    b("cached", None),
    v("verbs", None),
    v("sort-by", None),
];
pub const CONFIG_FLAGS: &[Flag] = &[
    b("current", None),
    b("minify", None),
    v("output", Some('o')),
    b("raw", None),
    b("flatten", None),
];

/// The context name kubectl shows for the simulated cluster.
pub const CONTEXT: &str = "ordinal";

/// Kustomize bundled with each kubectl minor version.
fn kustomize(minor: u32) -> &'static str {
    match minor {
        ..=31 => "v5.4.2",
        32 => "v5.5.0",
        33 => "v5.6.0",
        _ => "v5.7.1",
    }
}

pub fn run_version(k: &mut Kubectl) -> Result<(), Failure> {
    let minor = k.minor();
    let v = format!("v1.{minor}.0");
    let client_only = k.flags.bool("client");
    match k.flags.get("output") {
        None => {
            let mut s = format!(
                "Client Version: {v}\nKustomize Version: {}\n",
                kustomize(minor)
            );
            if !client_only {
                s.push_str(&format!("Server Version: {v}\n"));
            }
            k.print(&s);
        }
        Some(fmt @ ("json" | "yaml")) => {
            let info = |v: &str| {
                serde_json::json!({
                    "major": "1", "minor": minor.to_string(), "gitVersion": v,
                    "gitCommit": "", "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
                    "goVersion": "go1.24.0", "compiler": "gc", "platform": "linux/amd64"
                })
            };
            let mut doc = serde_json::json!({
                "clientVersion": info(&v),
                "kustomizeVersion": kustomize(minor),
            });
            if !client_only {
                doc["serverVersion"] = info(&v);
            }
            let text = if fmt == "json" {
                crate::input::yaml::to_json_pretty(&doc)
            } else {
                crate::input::yaml::to_yaml(&doc)
            };
            k.print(&text);
        }
        Some(other) => {
            return Err(Failure::client(format!(
                "--output must be 'yaml' or 'json', got {other}"
            )))
        }
    }
    Ok(())
}

pub fn run_api_resources(k: &mut Kubectl) -> Result<(), Failure> {
    let mut rows = resources::api_resources_table();
    if let Some(ns) = k.flags.get("namespaced") {
        let want = ns == "true";
        let header = rows.remove(0);
        rows.retain(|r| (r[3] == "true") == want);
        rows.insert(0, header);
    }
    if k.flags.get("output") == Some("name") {
        let names: String = rows
            .iter()
            .skip(1)
            .map(|r| {
                let kind = crate::input::resources::resolve(&r[0]);
                match kind {
                    Some(crate::input::resources::Resolved::Kind(kd)) if !kd.group().is_empty() => {
                        format!("{}.{}\n", r[0], kd.group())
                    }
                    _ => format!("{}\n", r[0]),
                }
            })
            .collect();
        k.print(&names);
        return Ok(());
    }
    if k.flags.bool("no-headers") {
        rows.remove(0);
    }
    k.print(&table::render(&rows));
    Ok(())
}

pub fn run_config(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(sub) = args.first() else {
        k.print(super::help::for_command("config").unwrap_or(""));
        return Ok(());
    };
    match sub.as_str() {
        "current-context" => k.print(&format!("{CONTEXT}\n")),
        "get-contexts" => {
            let ns = k.st.namespace.clone();
            k.print(&table::render(&[
                vec![
                    "CURRENT".into(),
                    "NAME".into(),
                    "CLUSTER".into(),
                    "AUTHINFO".into(),
                    "NAMESPACE".into(),
                ],
                vec![
                    "*".into(),
                    CONTEXT.into(),
                    CONTEXT.into(),
                    CONTEXT.into(),
                    ns,
                ],
            ]));
        }
        "set-context" => {
            let name = args.get(1).cloned();
            if !k.flags.bool("current") && name.is_none() {
                return Err(usage_error(
                    "kubectl config set-context",
                    "you must specify a non-empty context name or --current",
                ));
            }
            if let Some(n) = &name {
                if n != CONTEXT {
                    return Err(Failure::client(format!(
                        "this terminal has a single context, \"{CONTEXT}\""
                    )));
                }
            }
            if let Some(ns) = k.flags.get("namespace") {
                k.st.namespace = ns.to_string();
            }
            k.print(&format!("Context \"{CONTEXT}\" modified.\n"));
        }
        "view" => {
            let ns = k.st.namespace.clone();
            let doc = serde_json::json!({
                "apiVersion": "v1",
                "clusters": [{"cluster": {"certificate-authority-data": "DATA+OMITTED", "server": "https://127.0.0.1:6443"}, "name": CONTEXT}],
                "contexts": [{"context": {"cluster": CONTEXT, "namespace": ns, "user": CONTEXT}, "name": CONTEXT}],
                "current-context": CONTEXT,
                "kind": "Config",
                "preferences": {},
                "users": [{"name": CONTEXT, "user": {"client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED"}}]
            });
            match k.flags.get("output") {
                Some(o) if o.starts_with("jsonpath=") => {
                    let t = &o["jsonpath=".len()..];
                    let s = crate::output::jsonpath::render(t, &doc).map_err(Failure::client)?;
                    k.print(&s);
                }
                Some("json") => k.print(&crate::input::yaml::to_json_pretty(&doc)),
                _ => k.print(&crate::input::yaml::to_yaml(&doc)),
            }
        }
        other => {
            return Err(usage_error(
                "kubectl config",
                &format!("unknown command \"{other}\""),
            ))
        }
    }
    Ok(())
}
