//! `kubectl rollout status|history|undo|restart|pause|resume` as they apply to StatefulSets
//! (polymorphichelpers: StatefulSetStatusViewer, StatefulSetHistoryViewer, StatefulSetRollbacker).

use super::{duration_flag, Kubectl};
use crate::errors::{usage_error, Failure};
use crate::input::decode_error;
use crate::input::flags::{b, l, v, Flag};
use crate::input::merge;
use crate::input::resources::kind_string;
use crate::input::targets;
use crate::input::targets::{ResourceArgs, TypeRef};
use ordinal_sim::api::{ControllerRevision, Kind, Object, StatefulSet};
use ordinal_sim::apiserver::WatchType;
use ordinal_sim::controller::statefulset::revisions::get_patch;

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

fn find_sets(k: &mut Kubectl, args: &[String]) -> Result<Vec<StatefulSet>, Failure> {
    let required = Failure::client("required resource not specified");
    let named = targets::from_args(args, required)?;
    let ns = k.namespace();
    let mut out = Vec::new();
    match named {
        ResourceArgs::Named(items) => {
            for (t, name) in items {
                match t {
                    TypeRef::Kind(Kind::StatefulSet) => {
                        match k.st.get(Kind::StatefulSet, &ns, &name) {
                            Some(Object::StatefulSet(s)) => out.push(s.clone()),
                            _ => return Err(targets::not_found(&t, &name)),
                        }
                    }
                    TypeRef::Kind(kd) => {
                        return Err(Failure::client(format!(
                            "no status viewer has been implemented for {}",
                            kd.name()
                        )))
                    }
                    other => return Err(targets::not_found(&other, &name)),
                }
            }
        }
        ResourceArgs::Lists(types) => {
            let sel = k.selector()?;
            // Only StatefulSets have a status viewer here; other listed types are skipped.
            if types.contains(&TypeRef::Kind(Kind::StatefulSet)) {
                for o in k.list_kind(Kind::StatefulSet, false, &sel)? {
                    if let Object::StatefulSet(s) = o {
                        out.push(s);
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
    v.sort_by_key(|c| c.revision);
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
            let sets = find_sets(k, rest)?;
            for s in sets {
                let verb = if sub == "pause" {
                    "pausing"
                } else {
                    "resuming"
                };
                k.errors.push(Failure::client(format!(
                    "statefulsets.apps \"{}\" {verb} is not supported",
                    s.metadata.name
                )));
            }
            Ok(())
        }
        other => Err(usage_error(
            "kubectl rollout",
            &format!("unknown command \"{other}\""),
        )),
    }
}

fn status(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let sets = find_sets(k, args)?;
    let Some(s) = sets.first().cloned() else {
        return Err(Failure::client("no objects passed to rollout status"));
    };
    let watch = k.flags.get("watch") != Some("false");
    let timeout = duration_flag(k, "timeout", k.st.limits.max_wait_ms)?;
    let (msg, done) = status_message(&s).map_err(Failure::client)?;
    k.print(&msg);
    if done || !watch {
        return Ok(());
    }
    let ns = s.metadata.namespace.clone();
    let name = s.metadata.name.clone();
    let deadline = k.st.now() + timeout.min(k.st.limits.max_wait_ms);
    let mut lines: Vec<String> = Vec::new();
    let mut failure: Option<String> = None;
    let finished = k.st.watch_until(deadline, |_st, ev| {
        let Some(ev) = ev else { return false };
        if ev.kind != Kind::StatefulSet || ev.type_ == WatchType::Deleted {
            return false;
        }
        let Object::StatefulSet(cur) = &ev.object else {
            return false;
        };
        if cur.metadata.name != name || cur.metadata.namespace != ns {
            return false;
        }
        match status_message(cur) {
            Ok((m, done)) => {
                lines.push(m);
                done
            }
            Err(e) => {
                failure = Some(e);
                true
            }
        }
    });
    for l in lines {
        k.print(&l);
    }
    if let Some(e) = failure {
        return Err(Failure::client(e));
    }
    if !finished {
        return Err(Failure::client("timed out waiting for the condition"));
    }
    Ok(())
}

fn history_cmd(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let revision: i64 =
        match k.flags.get("revision") {
            None => 0,
            Some(r) => r.parse().ok().filter(|n: &i64| *n >= 0).ok_or_else(|| {
                Failure::client(format!("revision must be a positive integer: {r}"))
            })?,
        };
    for s in find_sets(k, args)? {
        let h = history(k, &s);
        let head = format!("{}/{}", kind_string(Kind::StatefulSet), s.metadata.name);
        if h.is_empty() {
            k.print(&format!("{head} No rollout history found.\n"));
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
            let text = crate::output::describe::pod_template(&set);
            k.print(&format!("{head} with revision #{revision}\n{text}\n"));
            continue;
        }
        let mut rows = String::from("REVISION\tCHANGE-CAUSE\n");
        for c in &h {
            let cause = c
                .metadata
                .annotations
                .get(CHANGE_CAUSE)
                .cloned()
                .unwrap_or_else(|| "<none>".into());
            rows.push_str(&format!("{}\t{cause}\n", c.revision));
        }
        let mut tw = crate::output::table::TabWriter::describe();
        tw.write(&rows);
        k.print(&format!("{head} \n{}\n", tw.flush()));
    }
    Ok(())
}

fn undo(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let to: i64 = match k.flags.get("to-revision") {
        None => 0,
        Some(r) => r.parse().map_err(|_| {
            Failure::client(format!(
                "invalid argument \"{r}\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"{r}\": invalid syntax"
            ))
        })?,
    };
    for s in find_sets(k, args)? {
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
            k.print(&format!(
                "{head} skipped rollback (current template already matches revision {})\n",
                target.revision
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

fn restart(k: &mut Kubectl, args: &[String]) -> Result<(), Failure> {
    let now = ordinal_sim::time::Timestamp(k.st.now()).rfc3339();
    for mut s in find_sets(k, args)? {
        let head = format!("{}/{}", kind_string(Kind::StatefulSet), s.metadata.name);
        s.spec
            .template
            .metadata
            .annotations
            .insert("kubectl.kubernetes.io/restartedAt".into(), now.clone());
        s.metadata.resource_version.clear();
        match k.st.update(Object::StatefulSet(s)) {
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
