//! Conformance scenarios SC-25, SC-27..SC-32: availability, parallel throughput, termination,
//! deletion, adoption and release.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controller::statefulset::{utils, Blocked};
use ordinal_sim::testing::driver::*;

#[test]
fn sc_25_availability() {
    let mut set = fixture_u_burst(1);
    set.spec.min_ready_seconds = Some(3600);
    let mut d = Driver::new(set);
    d.sync().unwrap();
    d.set_phase("foo-0", "Running");
    // Move the clock to t = 3 h so "two hours ago" exists.
    d.c.advance_by(3 * 3600 * 1000).unwrap();
    let now = d.c.now;
    d.set_ready_at("foo-0", true, now - 2 * 3600 * 1000);
    d.sync().unwrap();
    assert_eq!(
        (d.status().ready_replicas, d.status().available_replicas),
        (1, 1)
    );
    d.set_ready_at("foo-0", true, now - 30 * 60 * 1000);
    d.sync().unwrap();
    assert_eq!(
        (d.status().ready_replicas, d.status().available_replicas),
        (1, 0)
    );
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.message()),
        Some(
            "waiting for foo-0 to be Available: Ready for 1800s of minReadySeconds 3600s"
                .to_string()
        )
    );
}

#[test]
fn sc_25_min_ready_seconds_orders_creation_through_requeues() {
    // With the work queue running: foo-1 only after foo-0 has been Ready for minReadySeconds.
    let mut set = fixture_u(2);
    set.spec.min_ready_seconds = Some(10);
    let mut d = Driver::new(set);
    d.c.pause_statefulset_controller(false);
    d.c.advance_by(100).unwrap();
    d.pull();
    assert_eq!(d.pod_names(), vec!["foo-0"]);
    d.make_healthy("foo-0");
    let ready_at = d.c.now;
    d.c.advance_by(9_000).unwrap();
    d.pull();
    assert_eq!(d.pod_names(), vec!["foo-0"], "not yet available");
    d.c.advance_by(3_000).unwrap();
    d.pull();
    assert_eq!(
        d.pod_names(),
        vec!["foo-0", "foo-1"],
        "requeued after minReadySeconds + 1 s"
    );
    let created = d.pod("foo-1").metadata.creation_timestamp.unwrap().0;
    // Ready's lastTransitionTime has one-second resolution, as read back from the API.
    let ready_second = ready_at / 1000 * 1000;
    assert!(
        created > ready_second + 10_000 && created <= ready_at + 11_100,
        "created at {created}"
    );
}

#[test]
fn sc_27_parallel_scale() {
    for (from, to) in [(3, 30), (10, 1), (501, 0), (0, 1000)] {
        let mut set = fixture_u_burst(from);
        set.spec.volume_claim_templates[0]
            .metadata
            .labels
            .insert("test".into(), "test".into());
        let mut d = Driver::new(set);
        d.sync().unwrap();
        assert_eq!(d.pods().len(), from as usize);
        d.sync().unwrap();
        assert_eq!(d.status().replicas, from);
        d.scale(to);
        let mut syncs = 0;
        while d.status().replicas != to {
            d.sync().unwrap();
            syncs += 1;
            assert!(syncs <= 2, "{from}→{to} took more than 2 syncs");
        }
        assert_eq!(d.pods().len(), to as usize);
        if let Some(c) = d.claims().first() {
            let labels: Vec<(&str, &str)> = c
                .metadata
                .labels
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(labels, vec![("foo", "bar"), ("test", "test")]);
        }
    }
}

fn add_terminating_member(d: &mut Driver, ordinal: i64) {
    let set = d.set();
    let mut pod = utils::new_stateful_set_pod(&set, ordinal);
    utils::set_pod_revision(&mut pod, &set.status.update_revision);
    pod.metadata.finalizers.push(HOLD.into());
    d.c.create(Object::Pod(pod)).unwrap();
    let name = format!("foo-{ordinal}");
    d.make_healthy(&name);
    d.delete_pod(&name).unwrap();
}

#[test]
fn sc_28_respects_termination() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    add_terminating_member(&mut d, 3);
    add_terminating_member(&mut d, 4);
    d.clear_events();
    d.sync().unwrap();
    assert!(d.events.is_empty(), "no create or delete: {:?}", d.events);
    assert_eq!(d.pod_names(), names("foo", 0..5));
    assert_eq!(d.terminating(), names("foo", 3..5));
    assert_eq!(d.status().replicas, 5, "terminating pods are counted");
    d.release("foo-3");
    d.release("foo-4");
    d.scale(0);
    d.converge();
    assert!(d.pods().is_empty());
}

#[test]
fn sc_29_blocks_scaling() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    d.hold("foo-0");
    d.scale(5);
    d.delete_pod("foo-0").unwrap();
    d.clear_events();
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..3));
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.blocked.clone()),
        Some(Blocked::WaitingForTermination {
            pod: "foo-0".into()
        })
    );
    d.release("foo-0");
    d.sync().unwrap();
    assert_eq!(d.pod_names(), names("foo", 0..3));
    assert_eq!(
        d.pod_log_lines(),
        vec!["DELETED foo-0", "ADDED foo-0"],
        "foo-0 recreated and nothing else"
    );
}

#[test]
fn sc_30_set_being_deleted() {
    // (a) A set with a deletionTimestamp creates nothing.
    let mut set = fixture_u(3);
    set.metadata.finalizers.push("test/keep".into());
    let mut d = Driver::new(set);
    d.c.delete(
        Kind::StatefulSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    assert!(d.set().metadata.deletion_timestamp.is_some());
    d.syncs(2);
    assert!(d.pods().is_empty());
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.blocked.clone()),
        Some(Blocked::SetDeleting)
    );

    // (b) Orphans are not adopted by a set being deleted: the sync fails at revision adoption.
    let mut set = fixture_u(3);
    set.metadata.finalizers.push("test/keep".into());
    let mut d = Driver::new(set);
    let mut orphan = utils::new_stateful_set_pod(&d.set(), 1);
    orphan.metadata.owner_references.clear();
    d.c.create(Object::Pod(orphan)).unwrap();
    let mut cr = ordinal_sim::controller::statefulset::revisions::new_revision(&d.set(), 1, 0);
    cr.metadata.owner_references.clear();
    d.c.create(Object::ControllerRevision(cr)).unwrap();
    d.c.delete(
        Kind::StatefulSet,
        "default",
        "foo",
        &DeleteOptions::default(),
    )
    .unwrap();
    let err = d.sync().unwrap_err();
    assert!(
        err.message.starts_with("can't adopt ControllerRevisions: default/foo has just been deleted at 2026-01-01 00:00:00 +0000 UTC"),
        "{}",
        err.message
    );
    assert_eq!(d.pod_names(), vec!["foo-1"]);
    assert!(d.pod("foo-1").metadata.owner_references.is_empty());
    assert!(d.revisions()[0].metadata.owner_references.is_empty());
}

#[test]
fn sc_31_adoption_and_release() {
    // Adopt: foo-2 (orphan, matching) is adopted; foo-3 (no labels) and xfoo-4 (wrong name) are not.
    let mut d = Driver::new(fixture_u(5));
    let set = d.set();
    let mut orphan = utils::new_stateful_set_pod(&set, 2);
    orphan.metadata.owner_references.clear();
    d.c.create(Object::Pod(orphan)).unwrap();
    let mut unlabeled = utils::new_stateful_set_pod(&set, 3);
    unlabeled.metadata.owner_references.clear();
    unlabeled.metadata.labels.clear();
    d.c.create(Object::Pod(unlabeled)).unwrap();
    let mut wrong = utils::new_stateful_set_pod(&set, 4);
    wrong.metadata.owner_references.clear();
    wrong.metadata.name = "xfoo-4".into();
    d.c.create(Object::Pod(wrong)).unwrap();
    d.sync().unwrap();
    let owned = |d: &Driver, n: &str| d.pod(n).metadata.controller_ref().map(|r| r.uid.clone());
    assert_eq!(owned(&d, "foo-2"), Some(set.metadata.uid.clone()));
    assert_eq!(owned(&d, "foo-3"), None);
    assert_eq!(owned(&d, "xfoo-4"), None);

    // Release: owned pods that lose their labels are released.
    let mut d = Driver::new(fixture_u(1));
    d.converge();
    let mut p = d.pod("foo-0");
    p.metadata.owner_references.clear();
    d.c.update(Object::Pod(p)).unwrap();
    d.sync().unwrap();
    let r = d
        .pod("foo-0")
        .metadata
        .controller_ref()
        .cloned()
        .expect("re-adopted");
    assert_eq!((r.kind.as_str(), r.name.as_str()), ("StatefulSet", "foo"));
    let mut p = d.pod("foo-0");
    p.metadata.labels.remove("foo");
    d.c.update(Object::Pod(p)).unwrap();
    d.clear_events();
    let err = d.sync().unwrap_err();
    assert!(
        d.pod("foo-0").metadata.owner_references.is_empty(),
        "released"
    );
    assert_eq!(
        err.message, "pods \"foo-0\" already exists",
        "the create of foo-0 collides"
    );
    assert!(d.events.is_empty(), "no event for AlreadyExists");
    let mut p = d.pod("foo-0");
    p.metadata.labels.insert("foo".into(), "bar".into());
    d.c.update(Object::Pod(p)).unwrap();
    d.sync().unwrap();
    assert!(
        d.pod("foo-0").metadata.controller_ref().is_some(),
        "adopted again"
    );
}

#[test]
fn sc_32_orphan_revision_adoption() {
    let mut d = Driver::new(fixture_u(1));
    d.sync().unwrap();
    let set = d.set();
    let mut other = set.clone();
    other.spec.template.spec.containers[0].image = "other".into();
    let mut orphan = ordinal_sim::controller::statefulset::revisions::new_revision(&other, 5, 0);
    orphan.metadata.owner_references.clear();
    let name = orphan.metadata.name.clone();
    d.c.create(Object::ControllerRevision(orphan)).unwrap();
    d.sync().unwrap();
    let adopted = d
        .revisions()
        .into_iter()
        .find(|r| r.metadata.name == name)
        .unwrap();
    let r = adopted.metadata.controller_ref().unwrap();
    assert_eq!(
        (r.name.as_str(), r.uid.as_str()),
        ("foo", set.metadata.uid.as_str())
    );
}
