//! syncReplicaSet and manageReplicas (replica_set_test.go).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::Verb;
use ordinal_sim::controller::replicaset::Decision;
use ordinal_sim::testing::replicaset::*;

fn normal(reason: &str, msg: String) -> Ev {
    ("Normal".into(), reason.into(), msg)
}

#[test]
fn sync_replica_set_does_nothing() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 2, &foo_bar()));
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    d.add_pod("foo-b", &foo_bar(), &RUNNING_READY, Some(&rs));
    let before = d.live_pods().len();
    d.sync("foo").unwrap();
    assert_eq!(d.live_pods().len(), before, "no pod created or deleted");
    assert!(d.events("foo").is_empty(), "{:?}", d.events("foo"));
    let rs = d.rs("foo");
    assert_eq!((rs.status.replicas, rs.status.ready_replicas), (2, 2));
    assert_eq!(rs.status.observed_generation, Some(1));
    let why = d.c.replicaset.explain("default", "foo").unwrap();
    assert_eq!(why.decision, Decision::AtDesiredCount { replicas: 2 });
}

#[test]
fn sync_replica_set_creates_pods_named_from_generate_name() {
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 3, &foo_bar()));
    d.sync("foo").unwrap();
    let owned = d.owned("foo");
    assert_eq!(owned.len(), 3);
    for name in &owned {
        let suffix = name.strip_prefix("foo-").expect("generateName foo-");
        assert_eq!(suffix.len(), 5, "{name}");
        assert!(
            suffix
                .chars()
                .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
            "upstream's alphabet: {name}"
        );
        let p = d.pod(name);
        assert_eq!(p.metadata.generate_name, "foo-");
        assert_eq!(p.metadata.labels, foo_bar(), "labels from the template");
        let r = p.metadata.controller_ref().unwrap();
        assert_eq!(
            (r.kind.as_str(), r.api_version.as_str()),
            ("ReplicaSet", "apps/v1")
        );
    }
    let mut created: Vec<Ev> = owned
        .iter()
        .map(|n| normal("SuccessfulCreate", format!("Created pod: {n}")))
        .collect();
    let mut evs = d.events("foo");
    created.sort();
    evs.sort();
    assert_eq!(evs, created);
    let e =
        d.c.replicaset
            .expectations
            .get(&("default".into(), "foo".into()));
    assert_eq!(
        e.map(|e| e.add),
        Some(0),
        "each create observed by the pod watch"
    );
}

#[test]
fn sync_replica_set_deletes_the_surplus() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    let pending = PodState {
        phase: "Pending",
        node: "",
        ready: false,
    };
    d.add_pod("foo-b", &foo_bar(), &pending, Some(&rs));
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo"), ["foo-a"], "the unscheduled pod goes first");
    assert_eq!(
        d.events("foo"),
        [normal("SuccessfulDelete", "Deleted pod: foo-b".into())]
    );
}

#[test]
fn sync_replica_set_create_failures() {
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 3, &foo_bar()));
    d.c.api.fail_nth(Verb::Create, Kind::Pod, 1);
    let err = d.sync("foo").unwrap_err();
    assert_eq!(err.message, "Internal error occurred: API server failed");
    assert!(
        d.owned("foo").is_empty(),
        "slow start: the first batch of one failed, so no more"
    );
    assert_eq!(
        d.events("foo"),
        [(
            "Warning".to_string(),
            "FailedCreate".to_string(),
            "Error creating: Internal error occurred: API server failed".to_string()
        )]
    );
    let rs = d.rs("foo");
    let cond = &rs.status.conditions[0];
    assert_eq!(
        (
            cond.type_.as_str(),
            cond.status.as_str(),
            cond.reason.as_str()
        ),
        ("ReplicaFailure", "True", "FailedCreate")
    );
    assert_eq!(cond.message, "Internal error occurred: API server failed");
    // The skipped creates were given back: the next sync creates all three.
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo").len(), 3);
    assert!(
        d.rs("foo").status.conditions.is_empty(),
        "ReplicaFailure removed on success"
    );
}

#[test]
fn sync_replica_set_slow_start_stops_after_the_failing_batch() {
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 10, &foo_bar()));
    // Batches 1, 2, 4: the 4th create fails, the rest of its batch still runs.
    d.c.api.fail_nth(Verb::Create, Kind::Pod, 4);
    d.sync("foo").unwrap_err();
    assert_eq!(d.owned("foo").len(), 6, "1 + 2 + (4 - 1)");
    let why = d.c.replicaset.explain("default", "foo").unwrap();
    assert!(matches!(
        why.decision,
        Decision::CreateFailed {
            created: 6,
            wanted: 10,
            ..
        }
    ));
}

#[test]
fn sync_replica_set_dormancy() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 2, &foo_bar()));
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    // Expectations of one create not yet observed keep the controller dormant.
    let k = ("default".to_string(), "foo".to_string());
    d.c.replicaset.expectations.expect_creations(&k, 1, d.c.now);
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo"), ["foo-a"], "no create while waiting");
    let why = d.c.replicaset.explain("default", "foo").unwrap();
    assert_eq!(
        why.decision,
        Decision::WaitingForExpectations { adds: 1, dels: 0 }
    );
    // Once observed (here: lowered by hand, as the pod watch would), it acts again.
    d.c.replicaset.expectations.creation_observed(&k);
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo").len(), 2);
}

#[test]
fn expectations_expire_after_five_minutes() {
    let mut d = RsDriver::new();
    d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    let k = ("default".to_string(), "foo".to_string());
    d.c.replicaset.expectations.expect_creations(&k, 1, d.c.now);
    d.sync("foo").unwrap();
    assert!(d.owned("foo").is_empty());
    d.c.advance_by(5 * 60 * 1000 + 1).unwrap();
    d.sync("foo").unwrap();
    assert_eq!(
        d.owned("foo").len(),
        1,
        "an expired expectation no longer blocks"
    );
}

#[test]
fn controller_burst_replicas() {
    let mut d = RsDriver::new();
    d.c.api.limits.max_objects = 5_000;
    d.create_rs(new_replica_set("foo", 600, &foo_bar()));
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo").len(), 500, "at most burstReplicas per sync");
    d.sync("foo").unwrap();
    assert_eq!(d.owned("foo").len(), 600);
}

#[test]
fn deletion_timestamp() {
    let mut d = RsDriver::new();
    let rs = d.create_rs(new_replica_set("foo", 1, &foo_bar()));
    d.add_pod("foo-a", &foo_bar(), &RUNNING_READY, Some(&rs));
    d.add_pod("foo-b", &foo_bar(), &RUNNING_READY, Some(&rs));
    d.sync("foo").unwrap();
    let gone: Vec<String> = ["foo-a", "foo-b"]
        .iter()
        .filter(|n| d.pod(n).metadata.deletion_timestamp.is_some())
        .map(|n| n.to_string())
        .collect();
    assert_eq!(gone.len(), 1);
    // The graceful delete's MODIFIED (deletionTimestamp set) counts as the observed deletion.
    let k = ("default".to_string(), "foo".to_string());
    let e = d.c.replicaset.expectations.get(&k).unwrap();
    assert_eq!(
        e.del, 0,
        "deletion observed from the deletionTimestamp update"
    );
    // The terminating pod no longer counts: status shows one replica.
    d.sync("foo").unwrap();
    assert_eq!(d.rs("foo").status.replicas, 1);
}

#[test]
fn status_counts_ready_available_and_fully_labeled() {
    let mut d = RsDriver::new();
    let mut rs = new_replica_set("foo", 3, &foo_bar());
    rs.spec
        .template
        .metadata
        .labels
        .insert("tier".into(), "web".into());
    rs.spec.min_ready_seconds = 10;
    let rs = d.create_rs(rs);
    let full = rs.spec.template.metadata.labels.clone();
    d.add_pod("foo-a", &full, &RUNNING_READY, Some(&rs));
    d.add_pod("foo-b", &foo_bar(), &RUNNING_READY, Some(&rs));
    let not_ready = PodState {
        ready: false,
        ..RUNNING_READY
    };
    d.add_pod("foo-c", &full, &not_ready, Some(&rs));
    d.sync("foo").unwrap();
    let s = d.rs("foo").status;
    assert_eq!(
        (
            s.replicas,
            s.fully_labeled_replicas,
            s.ready_replicas,
            s.available_replicas
        ),
        (3, 2, 2, 0),
        "Ready for less than minReadySeconds is not available"
    );
    d.c.advance_by(11_000).unwrap();
    d.sync("foo").unwrap();
    assert_eq!(d.rs("foo").status.available_replicas, 2);
}

#[test]
fn replication_controller_is_served_by_the_same_logic() {
    let mut d = RsDriver::new();
    d.c.create(Object::ReplicationController(new_replication_controller(
        "nginx",
        2,
        &foo_bar(),
    )))
    .unwrap();
    d.c.sync_replicaset(Kind::ReplicationController, "default", "nginx")
        .unwrap();
    let pods = d.live_pods();
    assert_eq!(pods.len(), 2);
    for p in &pods {
        assert!(p.metadata.name.starts_with("nginx-"));
        let r = p.metadata.controller_ref().unwrap();
        assert_eq!(
            (r.kind.as_str(), r.api_version.as_str()),
            ("ReplicationController", "v1")
        );
    }
    let evs: Vec<&Event> =
        d.c.api
            .list::<Event>(None)
            .filter(|e| e.involved_object.name == "nginx")
            .collect();
    assert_eq!(evs.len(), 2);
    for e in evs {
        assert_eq!(e.involved_object.kind, "ReplicationController");
        assert_eq!(e.source.component, "replication-controller");
        assert_eq!(e.reason, "SuccessfulCreate");
    }
    let rc = |d: &RsDriver| {
        d.c.api
            .get::<ReplicationController>("default", "nginx")
            .cloned()
            .unwrap()
    };
    // Status counts the pods the sync started from, as upstream's calculateStatus does.
    assert_eq!(rc(&d).status.replicas, 0);
    d.c.sync_replicaset(Kind::ReplicationController, "default", "nginx")
        .unwrap();
    let rc = rc(&d);
    assert_eq!(rc.status.replicas, 2);
    assert_eq!(rc.status.observed_generation, Some(1));
}
