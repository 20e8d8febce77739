//! The controller's plumbing (C1–C4): watch handlers, the deduplicating queue, failure backoff,
//! and the explanations it records on every sync.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::Verb;
use ordinal_sim::controller::statefulset::Blocked;
use ordinal_sim::testing::driver::*;
use ordinal_sim::time::Timestamp;

/// A driver whose controller runs from its own work queue.
fn running(set: StatefulSet) -> Driver {
    let mut d = Driver::new(set);
    d.c.pause_statefulset_controller(false);
    d
}

/// Runs timers one instant at a time until `until`, returning the times at which syncs ran.
fn sync_times(d: &mut Driver, until: u64) -> Vec<u64> {
    let mut times = Vec::new();
    while let Some(at) = d.c.next_wake() {
        if at > until {
            break;
        }
        let before = d.c.statefulset.syncs;
        d.c.step();
        if d.c.statefulset.syncs > before {
            times.push(at);
        }
    }
    d.pull();
    times
}

#[test]
fn a_key_is_queued_once() {
    let mut d = running(fixture_u_burst(5));
    sync_times(&mut d, 1_000);
    assert_eq!(d.pods().len(), 5);
    let before = d.c.statefulset.syncs;
    // Five pod updates in one instant: one sync.
    for n in names("foo", 0..5) {
        d.set_phase(&n, "Running");
    }
    assert_eq!(d.c.statefulset.queued().count(), 1);
    let until = d.c.now + 1_000;
    sync_times(&mut d, until);
    // Running-not-Ready changes no counter, so no status write queues another sync.
    assert_eq!(d.c.statefulset.syncs - before, 1);
}

#[test]
fn claim_and_revision_changes_do_not_enqueue() {
    let mut d = running(fixture_u(1));
    sync_times(&mut d, 1_000);
    let before = d.c.statefulset.syncs;
    let mut c = d.claim("datadir-foo-0");
    c.metadata.labels.insert("touched".into(), "yes".into());
    d.c.update(Object::PersistentVolumeClaim(c)).unwrap();
    let mut r = d.revisions().remove(0);
    r.metadata
        .annotations
        .insert("touched".into(), "yes".into());
    d.c.update(Object::ControllerRevision(r)).unwrap();
    assert_eq!(d.c.statefulset.queued().count(), 0);
    let until = d.c.now + 1_000;
    sync_times(&mut d, until);
    assert_eq!(d.c.statefulset.syncs, before);
}

#[test]
fn failed_syncs_back_off_exponentially() {
    let mut d = running(fixture_u(0));
    for n in 1..=4 {
        d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, n);
    }
    let times = sync_times(&mut d, 1_000);
    let gaps: Vec<u64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    // Four failures: retries after 5, 10, 20 and 40 ms; the fifth sync succeeds and writes
    // status, whose watch event queues one more (quiet) sync.
    assert_eq!(&gaps[..4], &[5, 10, 20, 40]);
    assert_eq!(
        d.c.statefulset.failures("default", "foo"),
        0,
        "forgotten after success"
    );
    assert_eq!(d.status().observed_generation, Some(1));
}

#[test]
fn explanations_follow_the_decision_path() {
    let mut d = Driver::new(fixture_u(3));
    d.sync().unwrap();
    let msg = |d: &Driver| {
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.message())
            .unwrap()
    };
    assert_eq!(msg(&d), "created foo-0; waiting for it to start");
    d.sync().unwrap();
    assert_eq!(msg(&d), "waiting for foo-0 to be Running and Ready");
    d.converge();
    assert_eq!(
        msg(&d),
        "nothing to do: every replica is Running, Ready and up to date"
    );

    // E2E "halt if any stateful pod is unhealthy": all unready, scale to 0 → blocked at foo-2.
    for n in names("foo", 0..3) {
        d.set_ready(&n, false);
    }
    d.scale(0);
    d.syncs(2);
    assert_eq!(d.pods().len(), 3);
    assert_eq!(msg(&d), "scale-down blocked: foo-2 is unhealthy");
    assert_eq!(
        d.c.statefulset.explain("default", "foo").unwrap().blocked,
        Blocked::ScaleDownBlockedByUnhealthy {
            pod: "foo-2".into()
        }
    );
}

#[test]
fn explains_pods_on_unreachable_nodes() {
    let mut d = Driver::new(fixture_u(2));
    d.converge();
    let mut node = Node {
        metadata: ObjectMeta::named("", "node-9"),
        ..Default::default()
    };
    node.spec.taints = vec![Taint {
        key: TAINT_UNREACHABLE.into(),
        value: String::new(),
        effect: "NoExecute".into(),
        time_added: Some(Timestamp(0)),
    }];
    node.status.conditions = vec![Condition {
        type_: "Ready".into(),
        status: "Unknown".into(),
        ..Default::default()
    }];
    d.c.create(Object::Node(node)).unwrap();
    let now = d.c.now;
    d.c.api.bind("default", "foo-1", "node-9", now).unwrap();
    d.set_ready("foo-1", false);
    d.scale(3);
    d.sync().unwrap();
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.message()),
        Some("foo-1 is on unreachable node-9 and not Ready; everything after it waits".into())
    );
    // Evicted: Terminating, and the kubelet cannot confirm.
    d.delete_pod("foo-1").unwrap();
    d.sync().unwrap();
    assert_eq!(
        d.pod_names(),
        names("foo", 0..2),
        "no replacement, no foo-2"
    );
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.blocked.clone()),
        Some(Blocked::PodOnUnreachableNode {
            pod: "foo-1".into(),
            node: "node-9".into(),
            terminating: true
        })
    );
    assert_eq!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| e.message()),
        Some("foo-1 is on unreachable node-9; no replacement until it is confirmed gone".into())
    );
}
