//! Whole rollouts with the ReplicaSet controller, kubelets and scheduler running (upstream's
//! test/e2e/apps/deployment.go in spirit): RollingUpdate and Recreate to completion, rollback
//! reusing the old ReplicaSet, revisionHistoryLimit, pause, scaling mid-rollout, and the
//! progress deadline.

use super::cluster::{condition, deploy, replica_sets, web};
use ordinal_sim::api::*;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

/// The rollout of the current template is complete (updated = replicas = available, observed).
fn complete(c: &Cluster) -> bool {
    let d = deploy(c);
    let n = d.replicas();
    d.status.observed_generation == Some(d.metadata.generation)
        && d.status.updated_replicas == n
        && d.status.replicas == n
        && d.status.available_replicas == n
}

fn set_image(c: &mut Cluster, image: &str) {
    let mut d = deploy(c);
    d.spec.template.spec.containers[0].image = image.into();
    c.update(Object::Deployment(d)).unwrap();
}

fn edit(c: &mut Cluster, f: impl FnOnce(&mut Deployment)) {
    let mut d = deploy(c);
    f(&mut d);
    c.update(Object::Deployment(d)).unwrap();
}

fn scaling_events(c: &Cluster) -> Vec<String> {
    events_for(c, "web")
        .into_iter()
        .filter(|(r, _)| r == "ScalingReplicaSet")
        .map(|(_, m)| m)
        .collect()
}

/// Pods of the Deployment that are not terminating.
fn live_pods(c: &Cluster) -> Vec<Pod> {
    c.api
        .list::<Pod>(Some("default"))
        .filter(|p| p.metadata.labels.get("app").map(String::as_str) == Some("web"))
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .cloned()
        .collect()
}

fn started(replicas: i32) -> Cluster {
    let mut c = cluster();
    c.create(Object::Deployment(web(replicas))).unwrap();
    poll_until(&mut c, 60_000, complete);
    c
}

#[test]
fn rolling_update_completes_with_upstream_events_and_conditions() {
    let mut c = started(3);
    let first = replica_sets(&c)[0].metadata.name.clone();
    let d = deploy(&c);
    assert_eq!(
        condition(&d, "Available"),
        Some((
            "True".into(),
            "MinimumReplicasAvailable".into(),
            "Deployment has minimum availability.".into()
        ))
    );
    assert_eq!(
        condition(&d, "Progressing"),
        Some((
            "True".into(),
            "NewReplicaSetAvailable".into(),
            format!("ReplicaSet \"{first}\" has successfully progressed.")
        ))
    );
    // Cattle: pod names are the ReplicaSet's name and a random suffix, no ordinal.
    for p in live_pods(&c) {
        let suffix = p
            .metadata
            .name
            .strip_prefix(&format!("{first}-"))
            .expect("rs prefix");
        assert_eq!(suffix.len(), 5, "{}", p.metadata.name);
    }
    set_image(&mut c, "nginx:1.28");
    // During the rollout: never more than 3 + 1 live pods, never fewer than 3 available.
    let mut max_pods = 0;
    let end = c.now + 120_000;
    while !complete(&c) && c.now < end {
        c.advance_by(50).unwrap();
        max_pods = max_pods.max(live_pods(&c).len());
        let available: i32 = replica_sets(&c)
            .iter()
            .map(|r| r.status.available_replicas)
            .sum();
        // maxUnavailable 25% of 3 rounds down to 0.
        assert!(available >= 3, "available {available} at {}", c.now);
    }
    assert!(complete(&c), "rollout finished");
    assert!(max_pods <= 4, "maxSurge 25% of 3 is 1: saw {max_pods} pods");
    let rss = replica_sets(&c);
    assert_eq!(rss.len(), 2);
    let second = rss[1].metadata.name.clone();
    assert_eq!((rss[0].replicas(), rss[1].replicas()), (0, 3));
    // The surge-one/down-one dance, in upstream's words.
    let evs = scaling_events(&c);
    assert_eq!(evs[0], format!("Scaled up replica set {first} from 0 to 3"));
    assert_eq!(
        evs[1],
        format!("Scaled up replica set {second} from 0 to 1")
    );
    assert!(
        evs.contains(&format!("Scaled down replica set {first} from 3 to 2")),
        "{evs:?}"
    );
    assert!(
        evs.contains(&format!("Scaled up replica set {second} from 1 to 2")),
        "{evs:?}"
    );
    assert_eq!(
        evs.last().unwrap(),
        &format!("Scaled down replica set {first} from 1 to 0")
    );
    let d = deploy(&c);
    assert_eq!(
        d.metadata.annotations["deployment.kubernetes.io/revision"],
        "2"
    );
    assert_eq!(
        condition(&d, "Progressing").map(|c| c.2),
        Some(format!(
            "ReplicaSet \"{second}\" has successfully progressed."
        ))
    );
    let ev = c
        .api
        .list::<Event>(None)
        .find(|e| e.reason == "ScalingReplicaSet")
        .unwrap()
        .clone();
    assert_eq!(ev.source.component, "deployment-controller");
    assert_eq!(ev.involved_object.kind, "Deployment");
}

#[test]
fn rollback_reuses_the_old_replica_set_and_renumbers_it() {
    let mut c = started(2);
    set_image(&mut c, "nginx:1.28");
    poll_until(&mut c, 120_000, complete);
    let before: Vec<String> = replica_sets(&c)
        .into_iter()
        .map(|r| r.metadata.name)
        .collect();
    // `rollout undo` in apps/v1 writes the old template back.
    set_image(&mut c, "nginx:1.27");
    poll_until(&mut c, 120_000, complete);
    let rss = replica_sets(&c);
    let names: Vec<String> = rss.iter().map(|r| r.metadata.name.clone()).collect();
    assert_eq!(names, before, "no third ReplicaSet");
    let first = &rss[0];
    assert_eq!(first.replicas(), 2);
    assert_eq!(
        first.metadata.annotations["deployment.kubernetes.io/revision"],
        "3"
    );
    assert_eq!(
        first.metadata.annotations["deployment.kubernetes.io/revision-history"],
        "1"
    );
    assert_eq!(rss[1].replicas(), 0);
    assert_eq!(
        deploy(&c).metadata.annotations["deployment.kubernetes.io/revision"],
        "3"
    );
}

#[test]
fn revision_history_limit_deletes_the_oldest_scaled_down_replica_sets() {
    let mut c = cluster();
    let mut d = web(1);
    d.spec.revision_history_limit = Some(1);
    c.create(Object::Deployment(d)).unwrap();
    poll_until(&mut c, 60_000, complete);
    for image in ["nginx:1.28", "nginx:1.29", "nginx:1.30"] {
        set_image(&mut c, image);
        poll_until(&mut c, 120_000, complete);
    }
    c.advance_by(2_000).unwrap();
    let revs: Vec<String> = replica_sets(&c)
        .iter()
        .map(|r| r.metadata.annotations["deployment.kubernetes.io/revision"].clone())
        .collect();
    assert_eq!(
        revs,
        vec!["3", "4"],
        "the newest old one and the current one"
    );
}

#[test]
fn recreate_deletes_every_old_pod_before_starting_new_ones() {
    let mut c = cluster();
    let mut d = web(3);
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "Recreate".into(),
        rolling_update: None,
    });
    c.create(Object::Deployment(d)).unwrap();
    poll_until(&mut c, 60_000, complete);
    let first = replica_sets(&c)[0].metadata.name.clone();
    set_image(&mut c, "nginx:1.28");
    let end = c.now + 120_000;
    while !complete(&c) && c.now < end {
        c.advance_by(50).unwrap();
        // Never an old and a new pod at once, terminating ones included.
        let pods: Vec<Pod> = c
            .api
            .list::<Pod>(Some("default"))
            .filter(|p| p.metadata.labels.get("app").map(String::as_str) == Some("web"))
            .cloned()
            .collect();
        let old = pods
            .iter()
            .filter(|p| p.metadata.name.starts_with(&first))
            .count();
        assert!(
            old == 0 || old == pods.len(),
            "old and new pods together at {}",
            c.now
        );
    }
    assert!(complete(&c));
    let second = replica_sets(&c)[1].metadata.name.clone();
    assert_eq!(
        scaling_events(&c)[1..],
        [
            format!("Scaled down replica set {first} from 3 to 0"),
            format!("Scaled up replica set {second} from 0 to 3")
        ]
    );
}

#[test]
fn paused_deployment_scales_but_does_not_roll_out() {
    let mut c = started(2);
    edit(&mut c, |d| d.spec.paused = true);
    c.advance_by(500).unwrap();
    assert_eq!(
        condition(&deploy(&c), "Progressing").map(|c| (c.0, c.1, c.2)),
        Some((
            "Unknown".into(),
            "DeploymentPaused".into(),
            "Deployment is paused".into()
        ))
    );
    set_image(&mut c, "nginx:1.28");
    edit(&mut c, |d| d.spec.replicas = Some(3));
    c.advance_by(20_000).unwrap();
    let rss = replica_sets(&c);
    assert_eq!(rss.len(), 1, "no new ReplicaSet while paused");
    assert_eq!(rss[0].replicas(), 3, "but scaling happens");
    edit(&mut c, |d| d.spec.paused = false);
    c.advance_by(100).unwrap();
    let reasons: Vec<String> = c
        .api
        .list::<Event>(None)
        .filter(|e| e.involved_object.name == "web")
        .map(|e| e.reason.clone())
        .collect();
    assert!(
        reasons.iter().all(|r| r == "ScalingReplicaSet"),
        "{reasons:?}"
    );
    poll_until(&mut c, 120_000, complete);
    assert_eq!(replica_sets(&c).len(), 2, "the rollout ran after resume");
}

#[test]
fn scaling_mid_rollout_is_proportional() {
    let mut c = cluster();
    let mut d = web(10);
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(IntOrString::Int(3)),
            max_unavailable: Some(IntOrString::Int(2)),
        }),
    });
    c.create(Object::Deployment(d)).unwrap();
    poll_until(&mut c, 60_000, complete);
    // A rollout that cannot finish: the new image does not exist.
    set_image(&mut c, "nginx:does-not-exist");
    c.advance_by(3_000).unwrap();
    let rss = replica_sets(&c);
    let (old, new) = (rss[0].replicas(), rss[1].replicas());
    assert_eq!(
        (old, new),
        (8, 5),
        "surge 3 on 10, old down to 10 - 2 available"
    );
    edit(&mut c, |d| d.spec.replicas = Some(20));
    c.advance_by(1_000).unwrap();
    let rss = replica_sets(&c);
    // 13 → 23 pods: 10 more, shared 8:5 → +6 and +4 (rounded), leftovers to the largest.
    assert_eq!((rss[0].replicas(), rss[1].replicas()), (14, 9));
}

#[test]
fn progress_deadline_exceeded_reports_and_the_rollout_keeps_its_pods() {
    let mut c = cluster();
    let mut d = web(2);
    d.spec.progress_deadline_seconds = Some(10);
    c.create(Object::Deployment(d)).unwrap();
    poll_until(&mut c, 60_000, complete);
    set_image(&mut c, "nginx:does-not-exist");
    let t0 = c.now;
    let at = poll_until(&mut c, 60_000, |c| {
        condition(&deploy(c), "Progressing").is_some_and(|p| p.1 == "ProgressDeadlineExceeded")
    });
    assert!(
        at - t0 >= 10_000 && at - t0 <= 13_000,
        "after the 10 s deadline, at {}",
        at - t0
    );
    let new = replica_sets(&c)[1].metadata.name.clone();
    let (status, _, message) = condition(&deploy(&c), "Progressing").unwrap();
    assert_eq!(status, "False");
    assert_eq!(
        message,
        format!("ReplicaSet \"{new}\" has timed out progressing.")
    );
    // The old pods keep serving; Available stays True.
    assert_eq!(condition(&deploy(&c), "Available").unwrap().0, "True");
    let explained = c
        .deployment
        .explain("default", "web")
        .unwrap()
        .decision
        .message();
    assert!(
        explained.contains("ProgressDeadlineExceeded"),
        "{explained}"
    );
}

#[test]
fn the_explanation_follows_the_rollout() {
    use ordinal_sim::controller::deployment::Decision;
    let mut c = started(4);
    assert!(matches!(
        c.deployment.explain("default", "web").map(|e| &e.decision),
        Some(Decision::Complete { .. })
    ));
    set_image(&mut c, "nginx:1.28");
    let mut seen: Vec<&'static str> = Vec::new();
    let end = c.now + 120_000;
    while !complete(&c) && c.now < end {
        // 1 ms steps: a decision lasts until the next sync, which can be a few ms away.
        c.advance_by(1).unwrap();
        let kind = match c
            .deployment
            .explain("default", "web")
            .map(|e| e.decision.clone())
        {
            Some(Decision::Surging { max_surge, .. }) => {
                assert_eq!(max_surge, 1, "25% of 4 rounded up");
                "surging"
            }
            Some(Decision::ScalingDownOld {
                max_unavailable, ..
            }) => {
                assert_eq!(max_unavailable, 1, "25% of 4 rounded down");
                "scaling down"
            }
            Some(Decision::Complete { .. }) => "complete",
            Some(_) => "waiting",
            None => "none",
        };
        if seen.last() != Some(&kind) {
            seen.push(kind);
        }
    }
    c.advance_by(200).unwrap();
    assert!(
        seen.contains(&"surging") && seen.contains(&"scaling down"),
        "{seen:?}"
    );
    let last = c
        .deployment
        .explain("default", "web")
        .unwrap()
        .decision
        .message();
    assert!(
        last.starts_with("nothing to do: every replica of web-"),
        "{last}"
    );
}
