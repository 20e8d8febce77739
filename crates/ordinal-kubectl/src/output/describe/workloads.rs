//! describe.go's DeploymentDescriber, ReplicaSetDescriber and ReplicationControllerDescriber.

use super::{
    annotations_multiline, controlled_by, events, labels_multiline, phase_counts, template_section,
    time_or_unknown, W,
};
use crate::output::printers::columns::format_labels;
use ordinal_sim::api::*;
use ordinal_sim::controller::deployment::util::{by_creation, equal_ignore_hash};
use ordinal_sim::time::Millis;

/// intstr.IntOrString.String.
fn int_or_string(v: Option<&IntOrString>) -> String {
    match v {
        Some(IntOrString::Int(i)) => i.to_string(),
        Some(IntOrString::String(s)) => s.clone(),
        None => "<nil>".into(),
    }
}

/// printReplicaSetsByLabels: `web-6d4cf56db6 (3/3 replicas created), …` or `<none>`.
fn replica_sets_line(sets: &[&ReplicaSet]) -> String {
    if sets.is_empty() {
        return "<none>".into();
    }
    sets.iter()
        .map(|r| {
            format!(
                "{} ({}/{} replicas created)",
                r.metadata.name,
                r.status.replicas,
                r.replicas()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `Conditions:` table of Deployments, ReplicaSets and ReplicationControllers.
fn conditions<'a>(w: &mut W, rows: impl Iterator<Item = (&'a str, &'a str, &'a str)>) {
    let rows: Vec<_> = rows.collect();
    if rows.is_empty() {
        return;
    }
    w.line(0, "Conditions:");
    w.line(1, "Type\tStatus\tReason");
    w.line(1, "----\t------\t------");
    for (t, s, r) in rows {
        w.line(1, &format!("{t} \t{s}\t{r}"));
    }
}

/// The Deployment's own ReplicaSets split as deploymentutil.GetAllReplicaSets does: the new one
/// (the oldest whose template equals the Deployment's, pod-template-hash aside) and every other.
pub fn split_replica_sets<'a>(
    d: &Deployment,
    owned: &[&'a ReplicaSet],
) -> (Vec<&'a ReplicaSet>, Option<&'a ReplicaSet>) {
    let mut by_age: Vec<&ReplicaSet> = owned.to_vec();
    ordinal_sim::sort::sort_by(&mut by_age, |a, b| by_creation(a, b));
    let new = by_age
        .into_iter()
        .find(|r| equal_ignore_hash(&r.spec.template, &d.spec.template));
    let old = owned
        .iter()
        .copied()
        .filter(|r| new.is_none_or(|n| n.metadata.uid != r.metadata.uid))
        .collect();
    (old, new)
}

pub fn deployment(d: &Deployment, owned: &[&ReplicaSet], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &d.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    w.line(
        0,
        &format!(
            "CreationTimestamp:\t{}",
            time_or_unknown(m.creation_timestamp)
        ),
    );
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    let sel = d
        .spec
        .selector
        .as_ref()
        .map(|x| x.to_selector_string())
        .unwrap_or_default();
    w.line(0, &format!("Selector:\t{sel}"));
    let s = &d.status;
    w.line(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable",
            d.replicas(),
            s.updated_replicas,
            s.replicas,
            s.available_replicas,
            s.unavailable_replicas
        ),
    );
    w.line(0, &format!("StrategyType:\t{}", d.strategy_type()));
    w.line(
        0,
        &format!("MinReadySeconds:\t{}", d.spec.min_ready_seconds),
    );
    if let Some(ru) = d.rolling_update() {
        w.line(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge",
                int_or_string(ru.max_unavailable.as_ref()),
                int_or_string(ru.max_surge.as_ref())
            ),
        );
    }
    template_section(&mut w, &d.spec.template);
    conditions(
        &mut w,
        s.conditions
            .iter()
            .map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())),
    );
    let (old, new) = split_replica_sets(d, owned);
    if !old.is_empty() || new.is_some() {
        w.line(0, &format!("OldReplicaSets:\t{}", replica_sets_line(&old)));
        let new: Vec<&ReplicaSet> = new.into_iter().collect();
        w.line(0, &format!("NewReplicaSet:\t{}", replica_sets_line(&new)));
    }
    events(&mut w, evs, now);
    w.finish()
}

pub fn replicaset(r: &ReplicaSet, pods: &[&Pod], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &r.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    // metav1.FormatLabelSelector prints an empty selector as <none>.
    let sel = r
        .spec
        .selector
        .as_ref()
        .map(|x| x.to_selector_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "<none>".into());
    w.line(0, &format!("Selector:\t{sel}"));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    if let Some(c) = controlled_by(m) {
        w.line(0, &format!("Controlled By:\t{c}"));
    }
    w.line(
        0,
        &format!(
            "Replicas:\t{} current / {} desired",
            r.status.replicas,
            r.replicas()
        ),
    );
    let (ru, wt, su, f) = phase_counts(pods);
    w.line(
        0,
        &format!("Pods Status:\t{ru} Running / {wt} Waiting / {su} Succeeded / {f} Failed"),
    );
    template_section(&mut w, &r.spec.template);
    conditions(
        &mut w,
        r.status
            .conditions
            .iter()
            .map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())),
    );
    events(&mut w, evs, now);
    w.finish()
}

pub fn replication_controller(
    r: &ReplicationController,
    pods: &[&Pod],
    evs: &[&Event],
    now: Millis,
) -> String {
    let mut w = W::new();
    let m = &r.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    w.line(
        0,
        &format!("Selector:\t{}", format_labels(&r.spec.selector)),
    );
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(
        0,
        &format!(
            "Replicas:\t{} current / {} desired",
            r.status.replicas,
            r.replicas()
        ),
    );
    let (ru, wt, su, f) = phase_counts(pods);
    w.line(
        0,
        &format!("Pods Status:\t{ru} Running / {wt} Waiting / {su} Succeeded / {f} Failed"),
    );
    match &r.spec.template {
        Some(t) => template_section(&mut w, t),
        // DescribePodTemplate writes `<unset>` without a newline.
        None => {
            w.line(0, "Pod Template:");
            w.write(1, "<unset>");
        }
    }
    conditions(
        &mut w,
        r.status
            .conditions
            .iter()
            .map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())),
    );
    events(&mut w, evs, now);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::{DeploymentCondition, ReplicaSetCondition};

    fn template(image: &str, hash: Option<&str>) -> PodTemplateSpec {
        let mut t = PodTemplateSpec::default();
        t.metadata.labels.insert("app".into(), "web".into());
        if let Some(h) = hash {
            t.metadata
                .labels
                .insert(POD_TEMPLATE_HASH_LABEL.into(), h.into());
        }
        t.spec.containers.push(Container {
            name: "nginx".into(),
            image: image.into(),
            ..Default::default()
        });
        t
    }

    fn rs(name: &str, image: &str, hash: &str, created: u64, want: i32, have: i32) -> ReplicaSet {
        let mut r = ReplicaSet::default();
        r.metadata.name = name.into();
        r.metadata.uid = name.into();
        r.metadata.creation_timestamp = Some(ordinal_sim::time::Timestamp(created));
        r.spec.replicas = Some(want);
        r.spec.template = template(image, Some(hash));
        r.status.replicas = have;
        r
    }

    #[test]
    fn a_deployment_names_its_new_and_old_replica_sets_and_conditions() {
        let mut d = Deployment::default();
        d.metadata.name = "web".into();
        d.spec.replicas = Some(3);
        d.spec.template = template("nginx:1.16.1", None);
        d.spec.strategy = Some(DeploymentStrategy {
            type_: "RollingUpdate".into(),
            rolling_update: Some(RollingUpdateDeployment {
                max_unavailable: Some(IntOrString::String("25%".into())),
                max_surge: Some(IntOrString::Int(1)),
            }),
        });
        d.status.conditions.push(DeploymentCondition {
            type_: "Progressing".into(),
            status: "True".into(),
            reason: "ReplicaSetUpdated".into(),
            ..Default::default()
        });
        let old = rs("web-aaa", "nginx:1.14.2", "aaa", 1_000, 2, 2);
        let new = rs("web-bbb", "nginx:1.16.1", "bbb", 9_000, 2, 1);
        let text = deployment(&d, &[&old, &new], &[], 10_000);
        assert!(text.contains("Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Progressing    True    ReplicaSetUpdated\n"), "{text}");
        assert!(text.contains("OldReplicaSets:  web-aaa (2/2 replicas created)\nNewReplicaSet:   web-bbb (1/2 replicas created)\n"), "{text}");
        assert!(
            text.contains("RollingUpdateStrategy:  25% max unavailable, 1 max surge\n"),
            "{text}"
        );
        assert!(text.contains("Replicas:               3 desired | 0 updated | 0 total | 0 available | 0 unavailable\n"), "{text}");
        // No ReplicaSet at all: describe leaves both lines out.
        let bare = deployment(&d, &[], &[], 10_000);
        assert!(!bare.contains("NewReplicaSet"), "{bare}");
    }

    #[test]
    fn a_replica_set_shows_its_owner_counts_and_conditions() {
        let mut r = rs("web-aaa", "nginx", "aaa", 0, 3, 2);
        r.spec.selector = Some(LabelSelector {
            match_labels: [("app".to_string(), "web".to_string())]
                .into_iter()
                .collect(),
            ..Default::default()
        });
        r.metadata.owner_references.push(OwnerReference {
            kind: "Deployment".into(),
            name: "web".into(),
            controller: Some(true),
            ..Default::default()
        });
        r.status.conditions.push(ReplicaSetCondition {
            type_: "ReplicaFailure".into(),
            status: "True".into(),
            reason: "FailedCreate".into(),
            ..Default::default()
        });
        let text = replicaset(&r, &[], &[], 0);
        assert!(text.contains("Selector:       app=web\n"), "{text}");
        assert!(text.contains("Controlled By:  Deployment/web"), "{text}");
        assert!(
            text.contains("Replicas:       2 current / 3 desired\n"),
            "{text}"
        );
        assert!(
            text.contains("Pods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"),
            "{text}"
        );
        assert!(
            text.contains("ReplicaFailure   True    FailedCreate"),
            "{text}"
        );
    }

    #[test]
    fn a_replication_controller_without_template_says_unset() {
        let mut r = ReplicationController::default();
        r.metadata.name = "old".into();
        r.spec.replicas = Some(1);
        let text = replication_controller(&r, &[], &[], 0);
        assert!(text.contains("Pod Template:\n  <unset>Events:"), "{text}");
        assert!(text.contains("Selector:     <none>"), "{text}");
    }
}
