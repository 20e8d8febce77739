//! `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets (polymorphichelpers:
//! StatefulSetStatusViewer, StatefulSetHistoryViewer, StatefulSetRollbacker) and, in
//! `deployment.rs`, for Deployments.

mod deployment;

use super::{duration_flag, Kubectl};
use crate::errors::{usage_error, Failure};
use crate::input::decode_error;
use crate::input::flags::{b, l, v, Flag};
use crate::input::merge;
use crate::input::resources::kind_string;
use crate::input::targets;
use crate::input::targets::{ResourceArgs, TypeRef};
use ordinal_sim::api::{ControllerRevision, Deployment, Kind, Object, StatefulSet};
use ordinal_sim::apiserver::WatchType;
use ordinal_sim::controller::statefulset::revisions::get_patch;
use ordinal_sim::Millis;

pub const FLAGS: &[Flag] = &[
    v("timeout", None),
    v("watch", Some('w')),
    v("revision", None),
    v("to-revision", None),
    l("filename", Some('f')),
    l("selector", Some('l')),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
];

const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// StatefulSetStatusViewer.Status: (message, done) or an error.
pub fn status_message(s: &StatefulSet) -> Result<(String, bool), String> {
    if s.update_strategy_type() != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let observed = s.status.observed_generation.unwrap_or(0);
    if observed == 0 || s.metadata.generation > observed {
        return Ok((
            "Waiting for statefulset spec update to be observed...\n".into(),
            false,
        ));
    }
    let replicas = s.spec.replicas;
    if let Some(r) = replicas {
        if s.status.ready_replicas < r {
            return Ok((
                format!(
                    "Waiting for {} pods to be ready...\n",
                    r - s.status.ready_replicas
                ),
                false,
            ));
        }
    }
    if let Some(ru) = s.rolling_update() {
        if let (Some(r), Some(p)) = (replicas, ru.partition) {
            if s.status.updated_replicas < r - p {
                return Ok((
                    format!(
                        "Waiting for partitioned roll out to finish: {} out of {} new pods have been updated...\n",
                        s.status.updated_replicas,
                        r - p
                    ),
                    false,
                ));
            }
        }
        return Ok((
            format!(
                "partitioned roll out complete: {} new pods have been updated...\n",
                s.status.updated_replicas
            ),
            true,
        ));
    }
    if s.status.update_revision != s.status.current_revision {
        return Ok((
            format!(
                "waiting for statefulset rolling update to complete {} pods at revision {}...\n",
                s.status.updated_replicas, s.status.update_revision
            ),
            false,
        ));
    }
    Ok((
        format!(
            "statefulset rolling update complete {} pods at revision {}...\n",
            s.status.current_replicas, s.status.current_revision
        ),
        true,
    ))
}

/// What polymorphichelpers answer for a kind without a rollout (`rollout history rs/x`):
/// each subcommand has its own words, and names the kind as a GroupKind (`ReplicaSet.apps`).
fn not_implemented(path: &str, kind: Kind, name: &str) -> Failure {
    let gk = match kind.group() {
        "" => kind.name().to_string(),
        g => format!("{}.{g}", kind.name()),
    };
    let verb = match path.rsplit(' ').next().unwrap_or("") {
        "history" => {
            return Failure::client(format!("no history viewer has been implemented for {gk:?}"))
        }
        "undo" => return Failure::client(format!("no rollbacker has been implemented for {gk:?}")),
        "pause" => "pausing",
        "resume" => "resuming",
        "restart" => "restarting",
        _ => return Failure::client(format!("no status viewer has been implemented for {gk}")),
    };
    Failure::client(format!(
        "{} {name:?} {verb} is not supported",
        kind.qualified_plural()
    ))
}

/// What `rollout` acts on: a StatefulSet or a Deployment.
#[derive(Clone)]
enum Rollable {
    Set(StatefulSet),
    Deploy(Deployment),
}

fn find_sets(k: &mut Kubectl, args: &[String]) -> Result<Vec<Rollable>, Failure> {
    let required = Failure::client("required resource not specified");
    let named = targets::from_args(args, required)?;
    let ns = k.namespace();
    let mut out = Vec::new();
    match named {
        ResourceArgs::Named(items) => {
            for (t, name) in items {
                match t {
                    TypeRef::Kind(Kind::StatefulSet | Kind::Deployment) => {
                        match k.st.get(t.kind().unwrap_or(Kind::StatefulSet), &ns, &name) {
                            Some(Object::StatefulSet(s)) => out.push(Rollable::Set(s.clone())),
                            Some(Object::Deployment(d)) => out.push(Rollable::Deploy(d.clone())),
                            _ => return Err(targets::not_found(&t, &name)),
                        }
                    }
                    TypeRef::Kind(kd) => {
                        if k.st.get(kd, &ns, &name).is_none() {
                            return Err(targets::not_found(&t, &name));
                        }
                        return Err(not_implemented(&k.path, kd, &name));
                    }
                    other => return Err(targets::not_found(&other, &name)),
                }
            }
        }
        ResourceArgs::Lists(types) => {
            let sel = k.selector()?;
            // Only Deployments and StatefulSets roll out here; other listed types are skipped.
            for kind in [Kind::Deployment, Kind::StatefulSet] {
                if !types.contains(&TypeRef::Kind(kind)) {
                    continue;
                }
                for o in k.list_kind(kind, false, &sel)? {
                    match o {
                        Object::StatefulSet(s) => out.push(Rollable::Set(s)),
                        Object::Deployment(d) => out.push(Rollable::Deploy(d)),
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The set's ControllerRevisions, by revision number.
fn history(k: &Kubectl, s: &StatefulSet) -> Vec<ControllerRevision> {
    let mut v: Vec<ControllerRevision> =
        k.st.list(Kind::ControllerRevision, Some(&s.metadata.namespace))
            .into_iter()
            .filter_map(|o| match o {
                Object::ControllerRevision(cr)
                    if cr
                        .metadata
                        .controller_ref()
                        .is_some_and(|r| r.uid == s.metadata.uid) =>
                {
                    Some(cr.clone())
                }
                _ => None,
            })
            .collect();
    ordinal_sim::sort::sort_by_key(&mut v, |c| c.revision);
    v
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(sub) = args.first().cloned() else {
        k.print(super::help::for_command("rollout").unwrap_or(""));
        return Ok(());
    };
    let rest = &args[1..];
    k.path = format!("kubectl rollout {sub}");
    match sub.as_str() {
        "status" => status(k, rest),
        "history" => history_cmd(k, rest),
        "undo" => undo(k, rest),
        "restart" => restart(k, rest),
        "pause" | "resume" => {
            let pause = sub == "pause";
            for t in find_sets(k, rest)? {
                match t {
                    Rollable::Deploy(d) => deployment::pause_or_resume(k, d, pause),
                    Rollable::Set(s) => {
                        let verb = if pause { "pausing" } else { "resuming" };
                        k.errors.push(Failure::client(format!(
                            "statefulsets.apps \"{}\" {verb} is not supported",
                            s.metadata.name
                        )));
                    }
                }
            }
            Ok(())
        }
        other => Err(usage_error(
            "kubectl rollout",
            &format!("unknown command \"{other}\""),
        )),
    }
}

impl Rollable {
    fn object(&self) -> Object {
        match self {
            Rollable::Set(s) => Object::StatefulSet(s.clone()),
            Rollable::Deploy(d) => Object::Deployment(d.clone()),
        }
    }
}

/// The status viewer's answer for a watched object, if it is a kind that rolls out.
fn status_of(o: &Object, revision: i64) -> Option<Result<(String, bool), String>> {
    match o {
        Object::StatefulSet(s) => Some(status_message(s)),
        Object::Deployment(d) => Some(deployment::status_message(d, revision)),
        _ => None,
    }
}

/// An integer flag; a value that is not one is pflag's error, printed by cobra.
fn int_flag(k: &Kubectl, name: &str) -> Result<i64, Failure> {
    k.flags
        .int(name)
        .map(Option::unwrap_or_default)
        .map_err(|e| crate::errors::flag_error(&k.path, &e))
}

fn status(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let revision = int_flag(k, "revision")?;
    let sets = find_sets(k, args)?;
    let Some(first) = sets.first().map(Rollable::object) else {
        return Err(Failure::client("no objects passed to rollout status"));
    };
    let watch = k.flags.get("watch") != Some("false");
    let timeout = duration_flag(k, "timeout", k.st.limits.max_wait_ms)?;
    let Some(answer) = status_of(&first, revision) else {
        return Ok(());
    };
    let (msg, done) = answer.map_err(Failure::client)?;
    k.print(&msg);
    if done || !watch {
        return Ok(());
    }
    let kind = first.kind();
    let ns = first.meta().namespace.clone();
    let name = first.meta().name.clone();
    k.out.mark(k.st.now());
    let deadline = k.st.now() + timeout.min(k.st.limits.max_wait_ms);
    let mut lines: Vec<(String, Millis)> = Vec::new();
    let mut failure: Option<String> = None;
    let finished = k.st.watch_until(deadline, |_st, ev| {
        let Some(ev) = ev else { return false };
        if ev.kind != kind || ev.type_ == WatchType::Deleted {
            return false;
        }
        let m = ev.object.meta();
        if m.name != name || m.namespace != ns {
            return false;
        }
        match status_of(&ev.object, revision) {
            Some(Ok((m, done))) => {
                lines.push((m, ev.at));
                done
            }
            Some(Err(e)) => {
                failure = Some(e);
                true
            }
            None => false,
        }
    });
    for (l, at) in lines {
        k.print(&l);
        k.out.mark(at);
    }
    if let Some(e) = failure {
        return Err(Failure::client(e));
    }
    if !finished {
        return Err(Failure::client("timed out waiting for the condition"));
    }
    Ok(())
}

/// The REVISION / CHANGE-CAUSE table (history.go prints it through a tabwriter).
fn history_table(rows: &[(i64, Option<&String>)]) -> String {
    let mut text = String::from("REVISION\tCHANGE-CAUSE\n");
    for (rev, cause) in rows {
        let cause = cause.map_or("<none>", |c| c.as_str());
        text.push_str(&format!("{rev}\t{cause}\n"));
    }
    let mut tw = crate::output::table::TabWriter::describe();
    tw.write(&text);
    tw.flush()
}

fn history_cmd(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let revision = int_flag(k, "revision")?;
    if revision < 0 {
        return Err(Failure::client(format!(
            "revision must be a positive integer: {revision}"
        )));
    }
    for t in find_sets(k, args)? {
        let s = match t {
            Rollable::Deploy(d) => {
                let text = deployment::history(k, &d, revision)?;
                k.print(&text);
                continue;
            }
            Rollable::Set(s) => s,
        };
        let h = history(k, &s);
        let head = format!("{}/{}", kind_string(Kind::StatefulSet), s.metadata.name);
        if h.is_empty() {
            k.print(&format!("{head} \nNo rollout history found.\n"));
            continue;
        }
        if revision > 0 {
            let Some(cr) = h.iter().find(|c| c.revision == revision) else {
                return Err(Failure::client("unable to find the specified revision"));
            };
            let mut applied = s.to_object_json();
            merge::strategic_merge(&mut applied, &cr.data);
            let set = match Object::from_json(Kind::StatefulSet, applied) {
                Ok(Object::StatefulSet(x)) => x,
                _ => {
                    return Err(Failure::client(format!(
                        "unable to parse history {}",
                        cr.metadata.name
                    )))
                }
            };
            let text = crate::output::describe::pod_template(&set.spec.template);
            k.print(&format!("{head} with revision #{revision}\n{text}\n"));
            continue;
        }
        let rows: Vec<(i64, Option<&String>)> = h
            .iter()
            .map(|c| (c.revision, c.metadata.annotations.get(CHANGE_CAUSE)))
            .collect();
        let table = history_table(&rows);
        k.print(&format!("{head} \n{table}\n"));
    }
    Ok(())
}

fn undo(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let to = int_flag(k, "to-revision")?;
    for t in find_sets(k, args)? {
        let s = match t {
            Rollable::Deploy(d) => {
                deployment::undo(k, &d, to);
                continue;
            }
            Rollable::Set(s) => s,
        };
        let head = format!("{}/{}", kind_string(Kind::StatefulSet), s.metadata.name);
        if to < 0 {
            k.errors.push(Failure::client(format!(
                "unable to find specified revision {to} in history"
            )));
            continue;
        }
        let h = history(k, &s);
        if to == 0 && h.len() <= 1 {
            k.errors
                .push(Failure::client("no last revision to roll back to"));
            continue;
        }
        let target = if to == 0 {
            h.get(h.len() - 2).cloned()
        } else {
            h.iter().find(|c| c.revision == to).cloned()
        };
        let Some(target) = target else {
            k.errors.push(Failure::client(format!(
                "unable to find specified revision {to} in history"
            )));
            continue;
        };
        if get_patch(&s) == target.data {
            // The rollbacker names the revision asked for (0 when none was), not the one found.
            k.print(&format!(
                "{head} skipped rollback (current template already matches revision {to})\n"
            ));
            continue;
        }
        let mut json = s.to_object_json();
        merge::strategic_merge(&mut json, &target.data);
        let mut updated = Object::from_json(Kind::StatefulSet, json)
            .map_err(|e| decode_error::restoring_revision(target.revision, &e))?;
        updated.meta_mut().resource_version.clear();
        match k.st.update(updated) {
            Ok(_) => k.print(&format!("{head} rolled back\n")),
            Err(f) => k.errors.push(Failure::client(format!(
                "failed restoring revision {}: {}",
                target.revision,
                f.render().trim_end()
            ))),
        }
    }
    Ok(())
}

pub(crate) const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

fn restart(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let now = ordinal_sim::time::Timestamp(k.st.now()).rfc3339();
    for t in find_sets(k, args)? {
        let (head, obj) = match t {
            Rollable::Set(mut s) => {
                s.spec
                    .template
                    .metadata
                    .annotations
                    .insert(RESTARTED_AT.into(), now.clone());
                s.metadata.resource_version.clear();
                let head = format!("{}/{}", kind_string(Kind::StatefulSet), s.metadata.name);
                (head, Object::StatefulSet(s))
            }
            Rollable::Deploy(mut d) => {
                if d.spec.paused {
                    k.errors.push(Failure::client(
                        "can't restart paused deployment (run rollout resume first)",
                    ));
                    continue;
                }
                d.spec
                    .template
                    .metadata
                    .annotations
                    .insert(RESTARTED_AT.into(), now.clone());
                d.metadata.resource_version.clear();
                let head = format!("{}/{}", kind_string(Kind::Deployment), d.metadata.name);
                (head, Object::Deployment(d))
            }
        };
        match k.st.update(obj) {
            Ok(_) => k.print(&format!("{head} restarted\n")),
            Err(f) => k.errors.push(f),
        }
    }
    Ok(())
}

trait ToJson {
    fn to_object_json(&self) -> serde_json::Value;
}

impl ToJson for StatefulSet {
    fn to_object_json(&self) -> serde_json::Value {
        Object::StatefulSet(self.clone()).to_json()
    }
}
