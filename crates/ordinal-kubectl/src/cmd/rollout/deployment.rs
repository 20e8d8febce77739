//! `rollout` for Deployments (polymorphichelpers: DeploymentStatusViewer,
//! DeploymentHistoryViewer, DeploymentRollbacker, ObjectPauser, ObjectResumer). A Deployment's
//! history is its ReplicaSets, each carrying its revision in an annotation.

use super::{history_table, Kubectl, CHANGE_CAUSE};
use crate::errors::Failure;
use crate::input::resources::kind_string;
use crate::output::describe::pod_template;
use ordinal_sim::api::{
    Deployment, Kind, Object, PodTemplateSpec, ReplicaSet, POD_TEMPLATE_HASH_LABEL,
    REVISION_ANNOTATION,
};
use ordinal_sim::controller::deployment::util::equal_ignore_hash;

/// The Progressing condition's reason once `progressDeadlineSeconds` has passed.
const TIMED_OUT_REASON: &str = "ProgressDeadlineExceeded";

/// Annotations a rollback keeps from the Deployment instead of taking them from the ReplicaSet.
const ANNOTATIONS_TO_SKIP: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION_ANNOTATION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "apps.kubernetes.io/deprecated.deployment.rollback.to",
];

fn head(d: &Deployment) -> String {
    format!("{}/{}", kind_string(Kind::Deployment), d.metadata.name)
}

/// deploymentutil.Revision: the annotation as a number, 0 when absent.
fn revision_of(annotations: &std::collections::BTreeMap<String, String>) -> Option<i64> {
    match annotations.get(REVISION_ANNOTATION) {
        None => Some(0),
        Some(v) => v.parse().ok(),
    }
}

/// DeploymentStatusViewer.Status: (message, done), or the error that ends the watch.
pub fn status_message(d: &Deployment, revision: i64) -> Result<(String, bool), String> {
    let name = &d.metadata.name;
    if revision > 0 {
        let current = revision_of(&d.metadata.annotations).unwrap_or(0);
        if current != revision {
            return Err(format!(
                "desired revision ({revision}) is different from the running revision ({current})"
            ));
        }
    }
    let s = &d.status;
    if d.metadata.generation > s.observed_generation.unwrap_or(0) {
        return Ok((
            "Waiting for deployment spec update to be observed...\n".into(),
            false,
        ));
    }
    let progressing = s.conditions.iter().find(|c| c.type_ == "Progressing");
    if progressing.is_some_and(|c| c.reason == TIMED_OUT_REASON) {
        return Err(format!(
            "deployment \"{name}\" exceeded its progress deadline"
        ));
    }
    if let Some(r) = d.spec.replicas {
        if s.updated_replicas < r {
            return Ok((
                format!(
                    "Waiting for deployment \"{name}\" rollout to finish: {} out of {r} new replicas have been updated...\n",
                    s.updated_replicas
                ),
                false,
            ));
        }
    }
    if s.replicas > s.updated_replicas {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n",
                s.replicas - s.updated_replicas
            ),
            false,
        ));
    }
    if s.available_replicas < s.updated_replicas {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...\n",
                s.available_replicas, s.updated_replicas
            ),
            false,
        ));
    }
    Ok((
        format!("deployment \"{name}\" successfully rolled out\n"),
        true,
    ))
}

/// The ReplicaSets whose controllerRef is the Deployment.
fn owned(k: &Kubectl, d: &Deployment) -> Vec<ReplicaSet> {
    k.st.list(Kind::ReplicaSet, Some(&d.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(r)
                if r.metadata
                    .controller_ref()
                    .is_some_and(|c| c.uid == d.metadata.uid) =>
            {
                Some(r.clone())
            }
            _ => None,
        })
        .collect()
}

/// DeploymentHistoryViewer.ViewHistory with history.go's framing around it.
pub fn history(k: &Kubectl, d: &Deployment, revision: i64) -> Result<String, Failure> {
    let mut info: std::collections::BTreeMap<i64, PodTemplateSpec> = Default::default();
    for r in owned(k, d) {
        let Some(v) = revision_of(&r.metadata.annotations) else {
            continue;
        };
        let mut t = r.spec.template.clone();
        if let Some(cause) = r.metadata.annotations.get(CHANGE_CAUSE) {
            t.metadata
                .annotations
                .insert(CHANGE_CAUSE.into(), cause.clone());
        }
        info.insert(v, t);
    }
    let head = head(d);
    if info.is_empty() {
        return Ok(format!("{head} \nNo rollout history found.\n"));
    }
    if revision > 0 {
        let Some(t) = info.get(&revision) else {
            return Err(Failure::client("unable to find the specified revision"));
        };
        return Ok(format!(
            "{head} with revision #{revision}\n{}\n",
            pod_template(t)
        ));
    }
    let rows: Vec<(i64, Option<&String>)> = info
        .iter()
        .map(|(r, t)| (*r, t.metadata.annotations.get(CHANGE_CAUSE)))
        .collect();
    Ok(format!("{head} \n{}\n", history_table(&rows)))
}

/// deploymentRevision: the ReplicaSet of `to`, or of the revision before the newest when 0.
fn revision_set(k: &Kubectl, d: &Deployment, to: i64) -> Result<ReplicaSet, String> {
    let mut versioned: Vec<(i64, ReplicaSet)> = owned(k, d)
        .into_iter()
        .filter_map(|r| revision_of(&r.metadata.annotations).map(|v| (v, r)))
        .collect();
    if to > 0 {
        return versioned
            .into_iter()
            .find(|(v, _)| *v == to)
            .map(|(_, r)| r)
            .ok_or_else(|| format!("unable to find specified revision {to} in history"));
    }
    ordinal_sim::sort::sort_by_key(&mut versioned, |(v, _)| *v);
    versioned.pop();
    versioned.pop().map(|(_, r)| r).ok_or_else(|| {
        format!(
            "no rollout history found for deployment \"{}\"",
            d.metadata.name
        )
    })
}

/// DeploymentRollbacker.Rollback; failures go to `k.errors` so other targets still roll back.
pub fn undo(k: &mut Kubectl, d: &Deployment, to: i64) {
    let head = head(d);
    if to < 0 {
        k.errors.push(Failure::client(format!(
            "unable to find specified revision {to} in history"
        )));
        return;
    }
    let rs = match revision_set(k, d, to) {
        Ok(r) => r,
        Err(e) => {
            k.errors.push(Failure::client(e));
            return;
        }
    };
    match k.flags.get("dry-run") {
        Some("client") | Some("true") => {
            let text = pod_template(&rs.spec.template);
            k.print(&format!("{head} {text} (dry run)\n"));
            return;
        }
        Some("server") => {
            k.print(&format!("{head} rolled back (server dry run)\n"));
            return;
        }
        _ => {}
    }
    if d.spec.paused {
        k.errors.push(Failure::client(format!(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/{}' and try again",
            d.metadata.name
        )));
        return;
    }
    if equal_ignore_hash(&rs.spec.template, &d.spec.template) {
        k.print(&format!(
            "{head} skipped rollback (current template already matches revision {to})\n"
        ));
        return;
    }
    let mut template = rs.spec.template.clone();
    template.metadata.labels.remove(POD_TEMPLATE_HASH_LABEL);
    let mut annotations: std::collections::BTreeMap<String, String> = d
        .metadata
        .annotations
        .iter()
        .filter(|(key, _)| ANNOTATIONS_TO_SKIP.contains(&key.as_str()))
        .map(|(a, b)| (a.clone(), b.clone()))
        .collect();
    for (key, v) in &rs.metadata.annotations {
        if !ANNOTATIONS_TO_SKIP.contains(&key.as_str()) {
            annotations.insert(key.clone(), v.clone());
        }
    }
    let mut updated = d.clone();
    updated.spec.template = template;
    updated.metadata.annotations = annotations;
    updated.metadata.resource_version.clear();
    match k.st.update(Object::Deployment(updated)) {
        Ok(_) => k.print(&format!("{head} rolled back\n")),
        Err(f) => k.errors.push(Failure::client(format!(
            "failed restoring revision {to}: {}",
            f.render().trim_end()
        ))),
    }
}

/// `rollout pause` / `rollout resume`: ObjectPauser / ObjectResumer on `spec.paused`.
pub fn pause_or_resume(k: &mut Kubectl, mut d: Deployment, pause: bool) {
    if d.spec.paused == pause {
        let why = if pause {
            "is already paused"
        } else {
            "is not paused"
        };
        k.errors.push(Failure::client(format!(
            "deployments.apps \"{}\" {why}",
            d.metadata.name
        )));
        return;
    }
    let head = head(&d);
    d.spec.paused = pause;
    d.metadata.resource_version.clear();
    match k.st.update(Object::Deployment(d)) {
        Ok(_) => {
            let verb = if pause { "paused" } else { "resumed" };
            k.print(&format!("{head} {verb}\n"));
        }
        Err(f) => k.errors.push(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::{DeploymentCondition, DeploymentStatus};

    fn deploy(
        generation: i64,
        observed: i64,
        replicas: i32,
        status: DeploymentStatus,
    ) -> Deployment {
        let mut d = Deployment::default();
        d.metadata.name = "web".into();
        d.metadata.generation = generation;
        d.spec.replicas = Some(replicas);
        d.status = DeploymentStatus {
            observed_generation: Some(observed),
            ..status
        };
        d
    }

    fn msg(d: &Deployment) -> (String, bool) {
        status_message(d, 0).unwrap()
    }

    #[test]
    fn rollout_status_walks_through_upstreams_messages_in_order() {
        let unobserved = deploy(2, 1, 3, DeploymentStatus::default());
        assert_eq!(
            msg(&unobserved),
            (
                "Waiting for deployment spec update to be observed...\n".into(),
                false
            )
        );
        let updating = deploy(
            2,
            2,
            3,
            DeploymentStatus {
                replicas: 4,
                updated_replicas: 1,
                ..Default::default()
            },
        );
        assert_eq!(
            msg(&updating).0,
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n"
        );
        let old_left = deploy(
            2,
            2,
            3,
            DeploymentStatus {
                replicas: 4,
                updated_replicas: 3,
                ..Default::default()
            },
        );
        assert_eq!(
            msg(&old_left).0,
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n"
        );
        let unavailable = deploy(
            2,
            2,
            3,
            DeploymentStatus {
                replicas: 3,
                updated_replicas: 3,
                available_replicas: 1,
                ..Default::default()
            },
        );
        assert_eq!(
            msg(&unavailable),
            ("Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...\n".into(), false)
        );
        let done = deploy(
            2,
            2,
            3,
            DeploymentStatus {
                replicas: 3,
                updated_replicas: 3,
                available_replicas: 3,
                ..Default::default()
            },
        );
        assert_eq!(
            msg(&done),
            ("deployment \"web\" successfully rolled out\n".into(), true)
        );
    }

    #[test]
    fn rollout_status_fails_past_the_progress_deadline_and_on_another_revision() {
        let mut d = deploy(
            1,
            1,
            3,
            DeploymentStatus {
                replicas: 3,
                updated_replicas: 1,
                ..Default::default()
            },
        );
        d.status.conditions.push(DeploymentCondition {
            type_: "Progressing".into(),
            status: "False".into(),
            reason: TIMED_OUT_REASON.into(),
            ..Default::default()
        });
        assert_eq!(
            status_message(&d, 0).unwrap_err(),
            "deployment \"web\" exceeded its progress deadline"
        );
        d.metadata
            .annotations
            .insert(REVISION_ANNOTATION.into(), "2".into());
        assert_eq!(
            status_message(&d, 3).unwrap_err(),
            "desired revision (3) is different from the running revision (2)"
        );
    }
}
