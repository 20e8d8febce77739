//! deployment_controller_test.go and progress_test.go over a whole cluster: the controller runs
//! from its watch events, its ReplicaSets named `<deploy>-<pod-template-hash>`, the events and
//! conditions it writes.

use ordinal_sim::api::*;
use ordinal_sim::controller::deployment::hash;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

/// `web`: nginx, `app=web`, the given replicas, everything else defaulted.
pub fn web(replicas: i32) -> Deployment {
    let labels: Labels = [("app".to_string(), "web".to_string())].into();
    let mut d = Deployment {
        metadata: ObjectMeta::named("default", "web"),
        ..Default::default()
    };
    d.spec.replicas = Some(replicas);
    d.spec.selector = Some(LabelSelector {
        match_labels: labels.clone(),
        ..Default::default()
    });
    d.spec.template.metadata.labels = labels;
    d.spec.template.spec.containers = vec![Container {
        name: "nginx".into(),
        image: "nginx:1.27".into(),
        ..Default::default()
    }];
    d
}

pub fn deploy(c: &Cluster) -> Deployment {
    c.api
        .get::<Deployment>("default", "web")
        .expect("web")
        .clone()
}

/// The Deployment's ReplicaSets, oldest first.
pub fn replica_sets(c: &Cluster) -> Vec<ReplicaSet> {
    let mut v: Vec<ReplicaSet> = c.api.list::<ReplicaSet>(Some("default")).cloned().collect();
    v.sort_by_key(|r| (r.metadata.creation_timestamp, r.metadata.name.clone()));
    v
}

pub fn condition(d: &Deployment, type_: &str) -> Option<(String, String, String)> {
    d.status
        .conditions
        .iter()
        .find(|c| c.type_ == type_)
        .map(|c| (c.status.clone(), c.reason.clone(), c.message.clone()))
}

pub fn expected_name(c: &Cluster, collision: Option<i32>) -> String {
    let d = deploy(c);
    format!(
        "web-{}",
        hash::pod_template_hash(&d.spec.template, collision)
    )
}

#[test]
fn test_sync_deployment_creates_replica_set() {
    let mut c = cluster();
    c.create(Object::Deployment(web(3))).unwrap();
    c.advance_by(200).unwrap();
    let name = expected_name(&c, None);
    let rss = replica_sets(&c);
    assert_eq!(rss.len(), 1);
    let rs = &rss[0];
    assert_eq!(rs.metadata.name, name);
    let hash = name.trim_start_matches("web-");
    assert_eq!(rs.spec.replicas, Some(3));
    assert_eq!(
        rs.metadata
            .labels
            .get("pod-template-hash")
            .map(String::as_str),
        Some(hash)
    );
    let sel = rs.spec.selector.as_ref().unwrap();
    assert_eq!(
        sel.match_labels
            .get("pod-template-hash")
            .map(String::as_str),
        Some(hash)
    );
    assert_eq!(
        rs.spec
            .template
            .metadata
            .labels
            .get("pod-template-hash")
            .map(String::as_str),
        Some(hash)
    );
    let a = &rs.metadata.annotations;
    assert_eq!(a["deployment.kubernetes.io/revision"], "1");
    assert_eq!(a["deployment.kubernetes.io/desired-replicas"], "3");
    assert_eq!(a["deployment.kubernetes.io/max-replicas"], "4");
    let owner = rs.metadata.controller_ref().unwrap();
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str()),
        ("Deployment", "web")
    );
    let d = deploy(&c);
    assert_eq!(
        d.metadata.annotations["deployment.kubernetes.io/revision"],
        "1"
    );
    assert_eq!(d.status.observed_generation, Some(1));
    // Created now; once the ReplicaSet controller reports pods, "is progressing".
    let (status, reason, message) = condition(&d, "Progressing").unwrap();
    assert_eq!(status, "True");
    match reason.as_str() {
        "NewReplicaSetCreated" => {
            assert_eq!(message, format!("Created new replica set \"{name}\""))
        }
        "ReplicaSetUpdated" => {
            assert_eq!(message, format!("ReplicaSet \"{name}\" is progressing."))
        }
        other => panic!("unexpected reason {other}"),
    }
    assert_eq!(
        events_for(&c, "web").first().cloned(),
        Some((
            "ScalingReplicaSet".to_string(),
            format!("Scaled up replica set {name} from 0 to 3")
        ))
    );
}

#[test]
fn test_dont_sync_deployments_with_empty_pod_selector() {
    // Validation refuses an empty selector, so the controller never sees one: the create fails
    // and no ReplicaSet appears.
    let mut c = cluster();
    let mut d = web(1);
    d.spec.selector = Some(LabelSelector::default());
    assert!(c.create(Object::Deployment(d)).is_err());
    c.advance_by(500).unwrap();
    assert!(replica_sets(&c).is_empty());
}

#[test]
fn template_change_creates_a_second_replica_set_within_max_surge() {
    let mut c = cluster();
    c.create(Object::Deployment(web(4))).unwrap();
    c.advance_by(200).unwrap();
    let first = replica_sets(&c)[0].metadata.name.clone();
    let mut d = deploy(&c);
    d.spec.template.spec.containers[0].image = "nginx:1.28".into();
    c.update(Object::Deployment(d)).unwrap();
    c.advance_by(50).unwrap();
    let rss = replica_sets(&c);
    assert_eq!(rss.len(), 2, "one ReplicaSet per template");
    let second = &rss[1];
    assert_ne!(second.metadata.name, first);
    assert_eq!(second.metadata.name, expected_name(&c, None));
    assert_eq!(
        second.metadata.annotations["deployment.kubernetes.io/revision"],
        "2"
    );
    // 4 replicas, 25% surge rounds up to 1: at most 5 pods in all, never more.
    let total: i32 = rss.iter().map(ReplicaSet::replicas).sum();
    assert!(total <= 5, "{total} replicas across {rss:?}");
    assert_eq!(
        deploy(&c).metadata.annotations["deployment.kubernetes.io/revision"],
        "2"
    );
}

#[test]
fn hash_collision_bumps_collision_count() {
    let mut c = cluster();
    // Someone else's ReplicaSet already holds the name the template hashes to (the defaulted
    // template, read from a probe cluster).
    let d = web(2);
    let mut probe = cluster();
    probe.create(Object::Deployment(d.clone())).unwrap();
    let name = expected_name(&probe, None);
    let mut squatter = ReplicaSet {
        metadata: ObjectMeta::named("default", &name),
        ..Default::default()
    };
    squatter.spec.replicas = Some(0);
    let other: Labels = [("app".to_string(), "squatter".to_string())].into();
    squatter.spec.selector = Some(LabelSelector {
        match_labels: other.clone(),
        ..Default::default()
    });
    squatter.spec.template.metadata.labels = other;
    squatter.spec.template.spec.containers = d.spec.template.spec.containers.clone();
    c.create(Object::ReplicaSet(squatter)).unwrap();
    c.create(Object::Deployment(d)).unwrap();
    c.advance_by(500).unwrap();
    let dep = deploy(&c);
    assert_eq!(dep.status.collision_count, Some(1));
    let names: Vec<String> = replica_sets(&c)
        .into_iter()
        .map(|r| r.metadata.name)
        .collect();
    assert!(names.contains(&expected_name(&c, Some(1))), "{names:?}");
    assert!(names.contains(&name));
}
