//! ReplicaSet and ReplicationController validation (RS8) and the `/scale` subresource of
//! ReplicaSets, ReplicationControllers and Deployments (RS10), with the API server's messages.

use ordinal_sim::api::*;
use ordinal_sim::testing::replicaset::*;
use ordinal_sim::{Cluster, ClusterConfig};

fn cluster() -> Cluster {
    Cluster::new(ClusterConfig {
        nodes: 0,
        ..Default::default()
    })
}

fn create_err(c: &mut Cluster, obj: Object) -> String {
    c.create(obj).expect_err("rejected").message
}

fn app(v: &str) -> Labels {
    [("app".to_string(), v.to_string())].into()
}

#[test]
fn a_selector_that_does_not_match_the_template_labels_is_refused() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", 2, &app("web"));
    rs.spec.template.metadata.labels = app("db");
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs)),
        "ReplicaSet.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`"
    );
    assert!(
        c.api.get::<ReplicaSet>("default", "web").is_none(),
        "nothing stored"
    );
}

#[test]
fn selector_required_and_not_empty() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", 1, &app("web"));
    rs.spec.selector = None;
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs.clone())),
        "ReplicaSet.apps \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]"
    );
    rs.spec.selector = Some(LabelSelector::default());
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs)),
        "ReplicaSet.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
    );
}

#[test]
fn negative_counts_and_a_restart_policy_other_than_always_are_refused() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", -1, &app("web"));
    rs.spec.min_ready_seconds = -5;
    rs.spec.template.spec.restart_policy = "Never".into();
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs)),
        "ReplicaSet.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]"
    );
}

#[test]
fn the_template_pod_spec_is_validated() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", 1, &app("web"));
    rs.spec.template.spec.containers.clear();
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs)),
        "ReplicaSet.apps \"web\" is invalid: spec.template.spec.containers: Required value"
    );
}

#[test]
fn the_selector_of_an_apps_v1_replica_set_is_immutable() {
    let mut c = cluster();
    c.create(Object::ReplicaSet(new_replica_set("web", 1, &app("web"))))
        .unwrap();
    let mut rs = c.api.get::<ReplicaSet>("default", "web").cloned().unwrap();
    let mut labels = app("web");
    labels.insert("tier".into(), "front".into());
    rs.spec.selector = Some(LabelSelector {
        match_labels: labels.clone(),
        ..Default::default()
    });
    rs.spec.template.metadata.labels = labels;
    let err = c.update(Object::ReplicaSet(rs)).unwrap_err().message;
    assert_eq!(
        err,
        "ReplicaSet.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"front\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    );
    let stored = c.api.get::<ReplicaSet>("default", "web").unwrap();
    assert_eq!(
        stored.spec.selector.as_ref().unwrap().match_labels,
        app("web")
    );
}

#[test]
fn a_replication_controller_needs_a_template() {
    let mut c = cluster();
    let mut rc = new_replication_controller("web", 1, &app("web"));
    rc.spec.template = None;
    assert_eq!(
        create_err(&mut c, Object::ReplicationController(rc.clone())),
        "ReplicationController \"web\" is invalid: spec.template: Required value"
    );
    rc.spec.selector.clear();
    assert_eq!(
        create_err(&mut c, Object::ReplicationController(rc)),
        "ReplicationController \"web\" is invalid: [spec.selector: Required value, spec.template: Required value]"
    );
}

#[test]
fn a_replication_controller_selector_may_change() {
    let mut c = cluster();
    c.create(Object::ReplicationController(new_replication_controller(
        "web",
        1,
        &app("web"),
    )))
    .unwrap();
    let mut rc = c
        .api
        .get::<ReplicationController>("default", "web")
        .cloned()
        .unwrap();
    let mut labels = app("web");
    labels.insert("v".into(), "2".into());
    rc.spec.selector = labels.clone();
    rc.spec.template.as_mut().unwrap().metadata.labels = labels.clone();
    c.update(Object::ReplicationController(rc)).unwrap();
    let mut rc = c
        .api
        .get::<ReplicationController>("default", "web")
        .cloned()
        .unwrap();
    assert_eq!(rc.spec.selector, labels);
    rc.spec.template.as_mut().unwrap().metadata.labels = app("db");
    assert_eq!(
        c.update(Object::ReplicationController(rc)).unwrap_err().message,
        "ReplicationController \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn status_counters_are_validated() {
    let mut c = cluster();
    c.create(Object::ReplicaSet(new_replica_set("web", 1, &app("web"))))
        .unwrap();
    let mut rs = c.api.get::<ReplicaSet>("default", "web").cloned().unwrap();
    rs.status.replicas = 1;
    rs.status.ready_replicas = 1;
    rs.status.available_replicas = 2;
    assert_eq!(
        c.update_status(Object::ReplicaSet(rs)).unwrap_err().message,
        "ReplicaSet.apps \"web\" is invalid: [status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas]"
    );
}

#[test]
fn scale_subresource_of_replica_sets_rcs_and_deployments() {
    let mut c = cluster();
    c.create(Object::ReplicaSet(new_replica_set("rs", 1, &app("rs"))))
        .unwrap();
    c.create(Object::ReplicationController(new_replication_controller(
        "rc",
        2,
        &app("rc"),
    )))
    .unwrap();
    let mut d = Deployment {
        metadata: ObjectMeta::named("default", "deploy"),
        ..Default::default()
    };
    d.spec.replicas = Some(3);
    d.spec.selector = Some(LabelSelector {
        match_labels: app("deploy"),
        ..Default::default()
    });
    d.spec.template = new_replica_set("x", 1, &app("deploy")).spec.template;
    c.create(Object::Deployment(d)).unwrap();
    for (kind, name, replicas) in [
        (Kind::ReplicaSet, "rs", 1),
        (Kind::ReplicationController, "rc", 2),
        (Kind::Deployment, "deploy", 3),
    ] {
        let s = c.api.get_scale_for(kind, "default", name).unwrap();
        assert_eq!(s.spec.replicas, replicas, "{kind:?}");
        assert_eq!(s.status.selector, format!("app={name}"), "{kind:?}");
        let now = c.now;
        let s = c
            .api
            .update_scale_for(kind, "default", name, 5, now)
            .unwrap();
        assert_eq!(s.spec.replicas, 5);
        assert_eq!(
            c.api
                .get_scale_for(kind, "default", name)
                .unwrap()
                .spec
                .replicas,
            5
        );
    }
    assert_eq!(
        c.api
            .get_scale_for(Kind::ReplicaSet, "default", "nope")
            .unwrap_err()
            .message,
        "replicasets.apps \"nope\" not found"
    );
    assert_eq!(
        c.api
            .get_scale_for(Kind::Pod, "default", "nope")
            .unwrap_err()
            .message,
        "pods \"nope\" not found"
    );
}

#[test]
fn active_deadline_seconds_is_forbidden_in_a_template() {
    let mut c = cluster();
    let mut rs = new_replica_set("web", 1, &app("web"));
    rs.spec.template.spec.active_deadline_seconds = Some(30);
    assert_eq!(
        create_err(&mut c, Object::ReplicaSet(rs)),
        "ReplicaSet.apps \"web\" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"
    );
    let mut rc = new_replication_controller("web", 1, &app("web"));
    rc.spec
        .template
        .as_mut()
        .unwrap()
        .spec
        .active_deadline_seconds = Some(30);
    assert_eq!(
        create_err(&mut c, Object::ReplicationController(rc)),
        "ReplicationController \"web\" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported"
    );
}

/// `Input::Scale` on the timeline: kubectl's write goes through `/scale` and is replayed on seek.
#[test]
fn scale_input_writes_replicas_and_replays() {
    use ordinal_sim::{Input, Outcome, Simulation};
    let mut sim = Simulation::new(ClusterConfig {
        nodes: 0,
        ..Default::default()
    });
    let rs = new_replica_set("rs", 1, &app("rs"));
    sim.apply(Input::Create(Object::ReplicaSet(rs))).unwrap();
    sim.advance_to(1_000).unwrap();
    let scale = |replicas| Input::Scale {
        kind: Kind::ReplicaSet,
        namespace: "default".into(),
        name: "rs".into(),
        replicas,
    };
    let Outcome::Object(Object::ReplicaSet(o)) = sim.apply(scale(4)).unwrap() else {
        panic!("not a ReplicaSet");
    };
    assert_eq!(o.spec.replicas, Some(4));
    assert_eq!(o.metadata.generation, 2);
    let err = sim.apply(scale(-1)).unwrap_err().to_string();
    assert!(err.contains("must be greater than or equal to 0"), "{err}");
    sim.advance_to(2_000).unwrap();
    sim.seek(0).unwrap();
    sim.seek(2_000).unwrap();
    let s = sim
        .cluster()
        .api
        .get_scale_for(Kind::ReplicaSet, "default", "rs")
        .unwrap();
    assert_eq!(s.spec.replicas, 4);
}
