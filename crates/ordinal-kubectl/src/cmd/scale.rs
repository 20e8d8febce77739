//! `kubectl scale` as upstream's `cmd/scale/scale.go` (RunScale) and `pkg/scale/scale.go`
//! (genericScaler) do it: every target is resolved first, then each one's `/scale` subresource
//! is written — a blind PATCH, or GET + precondition check + PUT when `--current-replicas` or
//! `--resource-version` is given — and with `--timeout` kubectl waits for the Scale's status to
//! reach the new size before printing `kind/name scaled`.

use super::{dry_run, Kubectl};
use crate::errors::{flag_error, Failure};
use crate::input::flags::parse_duration_ms;
use crate::input::flags::{b, l, v, Flag};
use crate::input::resources::kind_string;
use crate::input::targets::TypeRef;
use crate::input::targets::{self, Targets};
use crate::output::print_flags;
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::apiserver::ApiError;
use ordinal_sim::Input;

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

const CMD: &str = "kubectl scale";
/// `NewRetryParams(1*time.Second, o.Timeout)`: how often the Scale is read while waiting.
const POLL_MS: u64 = 1_000;

/// `--timeout` as pflag's DurationVar reads it, with Go's `time.ParseDuration` errors.
fn timeout_flag(k: &Kubectl) -> Result<u64, Failure> {
    let Some(s) = k.flags.get("timeout") else {
        return Ok(0);
    };
    if let Some(ms) = parse_duration_ms(s) {
        return Ok(ms);
    }
    let why = duration_error(s);
    Err(flag_error(
        CMD,
        &format!("invalid argument \"{s}\" for \"--timeout\" flag: {why}"),
    ))
}

/// Why `time.ParseDuration` rejects `s`: a number without a unit, an unknown unit, or else
/// not a duration at all.
fn duration_error(s: &str) -> String {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let num_end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    if num_end == 0 || body[..num_end].chars().all(|c| c == '.') {
        return format!("time: invalid duration \"{s}\"");
    }
    let rest = &body[num_end..];
    let unit_end = rest
        .find(|c: char| c.is_ascii_digit() || c == '.')
        .unwrap_or(rest.len());
    let unit = &rest[..unit_end];
    if unit.is_empty() {
        return format!("time: missing unit in duration \"{s}\"");
    }
    if !["ns", "us", "µs", "μs", "ms", "s", "m", "h"].contains(&unit) {
        return format!("time: unknown unit \"{unit}\" in duration \"{s}\"");
    }
    format!("time: invalid duration \"{s}\"")
}

/// `-o`: scale's PrintFlags have no table printer, so `wide` and custom columns are unknown.
fn output_format(k: &Kubectl) -> Result<print_flags::Format, Failure> {
    const ALLOWED: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";
    let o = k.flags.get("output");
    let name = o.map(|o| o.split_once('=').map_or(o, |(n, _)| n));
    if let Some(n) = name.filter(|n| !n.is_empty()) {
        if !ALLOWED.split(',').any(|a| a == n) {
            return Err(Failure::client(format!(
                "unable to match a printer suitable for the output format \"{}\", allowed formats are: {ALLOWED}",
                o.unwrap_or_default()
            )));
        }
    }
    print_flags::parse(o, None)
}

/// What `--dry-run` asked for.
#[derive(Clone, Copy, PartialEq)]
enum DryRun {
    None,
    Client,
    Server,
}

/// `ScalePrecondition`: -1 and "" mean no condition.
struct Precondition {
    size: i64,
    resource_version: String,
}

/// `PreconditionError.Error()`.
fn precondition_error(what: &str, expected: &str, actual: &str) -> Failure {
    Failure::client(format!("Expected {what} to be {expected}, was {actual}"))
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    // Flag values cobra cannot parse are its errors, before anything else runs.
    let replicas = k.flags.int("replicas").map_err(|e| flag_error(CMD, &e))?;
    let replicas = replicas.unwrap_or_default();
    let current = k
        .flags
        .int("current-replicas")
        .map_err(|e| flag_error(CMD, &e))?
        .unwrap_or(-1);
    let timeout = timeout_flag(k)?;
    if !k.flags.has("replicas") {
        return Err(crate::errors::command_failed(
            k.st.now(),
            "required flag(s) \"replicas\" not set",
        ));
    }
    let dry = match dry_run::suffix(k)? {
        None => DryRun::None,
        Some(" (dry run)") => DryRun::Client,
        Some(_) => DryRun::Server,
    };
    let format = output_format(k)?;
    // ScaleOptions.Validate.
    if replicas < 0 {
        return Err(Failure::client(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    if current < -1 {
        return Err(Failure::client(
            "The --current-replicas must specify an integer of -1 or greater",
        ));
    }
    let replicas = replicas.min(i64::from(i32::MAX)) as i32;
    let resource_version = k.flags.get("resource-version").unwrap_or("").to_string();

    let (infos, info_errs) = resolve(k)?;
    if !resource_version.is_empty() && infos.len() > 1 {
        return Err(Failure::client(
            "cannot use --resource-version with multiple resources",
        ));
    }
    if infos.is_empty() {
        if info_errs.is_empty() {
            return Err(Failure::client("no objects passed to scale"));
        }
        k.errors.extend(info_errs);
        return Ok(());
    }
    // Only a precondition makes kubectl GET the Scale first.
    let pre = (current != -1 || !resource_version.is_empty()).then_some(Precondition {
        size: current,
        resource_version,
    });
    let suffix = match dry {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    for info in infos {
        let mut obj = match info {
            Info::Live(o) => *o,
            // A manifest's object that the server does not have: the Scale write says so.
            Info::File(kind, ns, name) => {
                if name.is_empty() {
                    return Err(Failure::client("resource name may not be empty"));
                }
                if dry == DryRun::Client {
                    k.print(&format!("{}/{name} scaled{suffix}\n", kind_string(kind)));
                    continue;
                }
                scale_one(k, kind, &ns, &name, replicas, pre.as_ref(), dry)?;
                continue;
            }
        };
        if dry == DryRun::Client {
            // The client's copy, with the new size; nothing is sent.
            set_replicas(&mut obj, replicas);
            super::apply::print_result(k, &format, &obj, "scaled", suffix)?;
            continue;
        }
        let (kind, ns, name) = (
            obj.kind(),
            obj.meta().namespace.clone(),
            obj.meta().name.clone(),
        );
        let scaled = scale_one(k, kind, &ns, &name, replicas, pre.as_ref(), dry)?;
        let shown = match scaled {
            Some(o) => o,
            None => {
                set_replicas(&mut obj, replicas);
                obj
            }
        };
        if dry == DryRun::None && timeout > 0 {
            wait_for_replicas(k, kind, &ns, &name, replicas, timeout)?;
        }
        super::apply::print_result(k, &format, &shown, "scaled", suffix)?;
    }
    k.errors.extend(info_errs);
    Ok(())
}

/// One of the builder's infos.
enum Info {
    /// Named or listed, fetched from the server.
    Live(Box<Object>),
    /// From `-f`, which the builder does not fetch: (kind, namespace, name).
    File(Kind, String, String),
}

/// The builder's infos: the objects named, listed or in `-f`. A missing named one is an
/// error reported after the others are scaled (ContinueOnError); a manifest's object is not
/// fetched, so a missing one fails when its Scale is written.
fn resolve(k: &mut Kubectl) -> Result<(Vec<Info>, Vec<Failure>), Failure> {
    let ns = k.namespace();
    let sel = k.selector()?;
    let args = k.flags.args.clone();
    let mut named: Vec<(Kind, String, String)> = Vec::new();
    let mut errs = Vec::new();
    let mut infos = Vec::new();
    match super::targets(k, &args, Failure::client(super::delete::NO_RESOURCES))? {
        Targets::Files(sources) => {
            let explicit = k.explicit_namespace();
            targets::visit_files(&sources, |t| {
                if let (Some(own), Some(n)) = (&t.namespace, &explicit) {
                    if own != n && t.kind.namespaced() {
                        return Err(Failure::client(format!(
                            "the namespace from the provided object \"{own}\" does not match the namespace \"{n}\". You must pass '--namespace={own}' to perform this operation."
                        )));
                    }
                }
                let tns = if t.kind.namespaced() {
                    t.namespace_or(&ns)
                } else {
                    String::new()
                };
                infos.push(match k.st.get(t.kind, &tns, &t.name) {
                    Some(o) if !t.name.is_empty() => Info::Live(Box::new(o.clone())),
                    _ => Info::File(t.kind, tns, t.name),
                });
                Ok(())
            })?
        }
        Targets::Named(items) => {
            for (t, n) in items {
                match t {
                    TypeRef::Kind(kd) => {
                        let tns = if kd.namespaced() {
                            ns.clone()
                        } else {
                            String::new()
                        };
                        named.push((kd, tns, n));
                    }
                    TypeRef::Unsimulated { .. } => errs.push(targets::not_found(&t, &n)),
                }
            }
        }
        Targets::Lists(types) => {
            if sel.is_empty() && !k.flags.bool("all") {
                return Err(targets::no_name());
            }
            let listed = super::list_types(k, &types, false, &sel)?;
            infos.extend(listed.into_iter().map(|o| Info::Live(Box::new(o))));
        }
    }
    for (kind, tns, name) in named {
        match k.st.get(kind, &tns, &name) {
            Some(o) => infos.push(Info::Live(Box::new(o.clone()))),
            None => errs.push(Failure::from_api(&ApiError::not_found(kind, &name))),
        }
    }
    Ok((infos, errs))
}

/// `genericScaler.ScaleSimple` on one object; the scaled object, or None for a server dry run.
/// A kind without `/scale` is the server's 404 for an unknown path.
fn scale_one(
    k: &mut Kubectl,
    kind: Kind,
    ns: &str,
    name: &str,
    replicas: i32,
    pre: Option<&Precondition>,
    dry: DryRun,
) -> Result<Option<Object>, Failure> {
    let api = &k.st.sim.cluster().api;
    let scale = api
        .get_scale_for(kind, ns, name)
        .map_err(|e| Failure::from_api(&e))?;
    if let Some(p) = pre {
        if p.size != -1 && i64::from(scale.spec.replicas) != p.size {
            return Err(precondition_error(
                "replicas",
                &p.size.to_string(),
                &scale.spec.replicas.to_string(),
            ));
        }
        let rv = &scale.metadata.resource_version;
        if !p.resource_version.is_empty() && *rv != p.resource_version {
            return Err(precondition_error(
                "resource version",
                &p.resource_version,
                rv,
            ));
        }
    }
    if dry == DryRun::Server {
        return Ok(None);
    }
    let out = k.st.apply(Input::Scale {
        kind,
        namespace: ns.to_string(),
        name: name.to_string(),
        replicas,
    })?;
    match out {
        ordinal_sim::Outcome::Object(o) => Ok(Some(o)),
        ordinal_sim::Outcome::Message(m) => Err(Failure::client(m)),
    }
}

/// `WaitForScaleHasDesiredReplicas`: done when the Scale's status reaches the new size, or
/// when someone else has changed its spec meanwhile.
fn wait_for_replicas(
    k: &mut Kubectl,
    kind: Kind,
    ns: &str,
    name: &str,
    desired: i32,
    timeout: u64,
) -> Result<(), Failure> {
    let synced = |st: &crate::state::State| -> Result<bool, Failure> {
        let s = st
            .sim
            .cluster()
            .api
            .get_scale_for(kind, ns, name)
            .map_err(|e| Failure::from_api(&e))?;
        Ok(s.spec.replicas != desired || s.status.replicas == desired)
    };
    // wait.PollImmediate: a GET now, then one a second up to the timeout.
    let start = k.st.now();
    let deadline = start + timeout.min(k.st.limits.max_wait_ms);
    let mut at = start;
    loop {
        if synced(k.st)? {
            return Ok(());
        }
        at += POLL_MS;
        if at > deadline {
            break;
        }
        k.st.advance_to(at);
        if k.st.now() < at {
            break; // the line's own time ran out
        }
    }
    k.st.advance_to(deadline);
    Err(Failure::client(format!(
        "timed out waiting for \"{name}\" to be synced"
    )))
}

/// `spec.replicas` on the client's copy (upstream's updateReplicas, for what is printed).
fn set_replicas(o: &mut Object, replicas: i32) {
    match o {
        Object::StatefulSet(s) => s.spec.replicas = Some(replicas),
        Object::Deployment(d) => d.spec.replicas = Some(replicas),
        Object::ReplicaSet(r) => r.spec.replicas = Some(replicas),
        Object::ReplicationController(r) => r.spec.replicas = Some(replicas),
        _ => {}
    }
}
