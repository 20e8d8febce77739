//! Conformance scenarios SC-05..SC-11 and SC-26: failed pods, API failures, status writes.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::Verb;
use ordinal_sim::controller::statefulset::Blocked;
use ordinal_sim::testing::driver::*;

const API_FAILED: &str = "Internal error occurred: API server failed";

fn added(d: &Driver) -> usize {
    d.pod_log.iter().filter(|(t, _)| t == "ADDED").count()
}

fn deleted(d: &Driver) -> usize {
    d.pod_log.iter().filter(|(t, _)| t == "DELETED").count()
}

/// SC-05/SC-06: the terminal pod is deleted in one sync and recreated in a later one.
fn recreates_terminal_pod(phase: &str, burst: bool) {
    let mut d = Driver::new(fixture_u_or_burst(burst, 3));
    d.sync().unwrap();
    let first_uid = d.pod("foo-0").metadata.uid;
    d.set_phase("foo-0", phase);
    let (a, e) = (added(&d), d.events.len());
    d.sync().unwrap();
    assert_eq!(deleted(&d), 1, "exactly one DELETE");
    assert_eq!(added(&d), a, "no CREATE in the deleting sync");
    assert!(d.try_pod("foo-0").is_none());
    assert_eq!(
        d.events[e].2,
        "delete Pod foo-0 in StatefulSet foo successful"
    );
    d.sync().unwrap();
    let again = d.pod("foo-0");
    assert_ne!(again.metadata.uid, first_uid);
    assert_eq!(added(&d), if burst { 4 } else { 2 });
    assert_eq!(deleted(&d), 1);
    let pod_events: Vec<String> = d
        .events
        .iter()
        .filter(|e| e.2.contains("Pod foo-0") && !e.2.contains("Claim"))
        .map(|e| e.1.clone())
        .collect();
    assert_eq!(
        pod_events,
        vec!["SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate"]
    );
    assert!(!d.reasons().iter().any(|r| r.starts_with("Recreating")));
}

#[test]
fn sc_05_recreates_failed_pod() {
    recreates_terminal_pod("Failed", false);
    recreates_terminal_pod("Failed", true);
}

#[test]
fn sc_06_recreates_succeeded_pod() {
    recreates_terminal_pod("Succeeded", false);
    recreates_terminal_pod("Succeeded", true);
}

#[test]
fn sc_07_recreates_failed_pod_with_delete_failure() {
    for phase in ["Failed", "Succeeded"] {
        let mut d = Driver::new(fixture_u(3));
        d.sync().unwrap();
        d.set_phase("foo-0", phase);
        d.c.api.fail_nth(Verb::Delete, Kind::Pod, 1);
        let err = d.sync().unwrap_err();
        assert_eq!(err.message, API_FAILED);
        assert_eq!(
            d.events.last().map(|e| (e.1.clone(), e.2.clone())),
            Some(ev(
                "FailedDelete",
                "delete Pod foo-0 in StatefulSet foo failed error: Internal error occurred: API server failed"
            ))
        );
        assert_eq!(d.status().replicas, 1, "status still written");
        assert!(d.try_pod("foo-0").is_some());
        d.sync().unwrap();
        assert!(d.try_pod("foo-0").is_none(), "second DELETE succeeds");
        d.sync().unwrap();
        assert!(d.try_pod("foo-0").is_some(), "recreated");
        let deletes = d.reasons().iter().filter(|r| r.ends_with("Delete")).count();
        assert_eq!(deletes, 2, "two DELETE calls");
    }
}

#[test]
fn sc_08_create_pod_failure() {
    for burst in [false, true] {
        let mut d = Driver::new(fixture_u_or_burst(burst, 3));
        d.c.api.fail_nth(Verb::Create, Kind::Pod, 2);
        d.converge();
        let failed: Vec<String> = d
            .events
            .iter()
            .filter(|e| e.1 == "FailedCreate")
            .map(|e| e.2.clone())
            .collect();
        assert_eq!(
            failed,
            vec![
                "create Pod foo-1 in StatefulSet foo failed error: Internal error occurred: API server failed"
                    .to_string()
            ]
        );
        let (r, ready, _, updated, _) = d.counts();
        assert_eq!((r, ready, updated), (3, 3, 3));
    }
}

#[test]
fn sc_09_update_set_status_failure() {
    let mut d = Driver::new(fixture_u(3));
    d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, 2);
    let mut errors = 0;
    let mut synced = 0;
    while synced < 200 {
        synced += 1;
        if let Err(e) = d.sync() {
            assert_eq!(e.message, API_FAILED);
            errors += 1;
        }
        let pods = d.pods();
        match pods
            .iter()
            .find(|p| !ordinal_sim::controller::statefulset::utils::is_running_and_ready(p))
        {
            Some(p) => {
                let n = p.metadata.name.clone();
                d.advance(&n);
            }
            None if pods.len() == 3 && d.counts().1 == 3 => break,
            None => {}
        }
    }
    assert_eq!(errors, 1, "only the failed status write fails a sync");
    let (r, ready, _, updated, _) = d.counts();
    assert_eq!((r, ready, updated), (3, 3, 3));
}

#[test]
fn sc_10_new_revision_delete_pod_failure() {
    let mut d = Driver::new(fixture_u(3));
    d.converge();
    let r1 = d.status().current_revision;
    d.set_image("nginx-new");
    d.c.api.fail_nth(Verb::Delete, Kind::Pod, 1);
    let err = d.sync().unwrap_err();
    assert_eq!(err.message, API_FAILED);
    let revs = d.revisions();
    assert_eq!(revs.len(), 2);
    let r2 = revs[1].metadata.name.clone();
    assert_eq!(
        d.events.last().map(|e| e.2.clone()),
        Some(format!(
            "delete Pod foo-2 in StatefulSet foo failed error: {API_FAILED}"
        ))
    );
    let st = d.status();
    assert_eq!(
        (st.current_revision.clone(), st.update_revision.clone()),
        (r1, r2)
    );
    assert_eq!((st.current_replicas, st.updated_replicas), (3, 0));
    d.sync().unwrap();
    assert!(d.try_pod("foo-2").is_none());
    assert_eq!(d.status().current_replicas, 2);
}

#[test]
fn sc_11_recreates_pvc_for_pending_pod() {
    let mut d = Driver::new(fixture_u(3));
    d.sync().unwrap();
    let pod_uid = d.pod("foo-0").metadata.uid;
    let ns = d.ns.clone();
    d.c.delete(
        Kind::PersistentVolumeClaim,
        &ns,
        "datadir-foo-0",
        &Default::default(),
    )
    .unwrap();
    // An unscheduled pod does not hold the claim: pvc-protection lets it go.
    d.c.advance_by(5_000).unwrap();
    assert!(d.claim_names().is_empty());
    d.pull();
    d.clear_events();
    d.set_phase("foo-0", "Pending");
    d.sync().unwrap();
    assert_eq!(d.claim_names(), vec!["datadir-foo-0"]);
    assert_eq!(
        d.event_msgs(),
        vec![ev(
            "SuccessfulCreate",
            "create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success"
        )]
    );
    assert_eq!(d.pod_names(), vec!["foo-0"]);
    assert_eq!(
        d.pod("foo-0").metadata.uid,
        pod_uid,
        "no pod created or deleted"
    );
}

#[test]
fn sc_26_status_written_despite_sync_error() {
    // No error: the status is written.
    let mut d = Driver::new(fixture_u(3));
    d.sync().unwrap();
    assert_eq!(d.status_writes, 1);

    // Pod-create error: status written, the create error returned.
    let mut d = Driver::new(fixture_u(3));
    d.c.api.fail_nth(Verb::Create, Kind::Pod, 1);
    assert_eq!(d.sync().unwrap_err().message, API_FAILED);
    assert_eq!(d.status_writes, 1);
    assert!(matches!(
        d.c.statefulset.explain("default", "foo").map(|e| &e.blocked),
        Some(Blocked::CreateFailed { pod, .. }) if pod == "foo-0"
    ));

    // Status-write errors: one attempt per sync (two injected failures fail two syncs).
    let mut d = Driver::new(fixture_u(3));
    d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, 1);
    d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, 2);
    assert!(d.sync().is_err());
    assert!(matches!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| &e.blocked),
        Some(Blocked::Created { .. })
    ));
    assert_eq!(d.status_writes, 0);
    assert!(d.sync().is_err());
    assert_eq!(d.status_writes, 0);
    d.sync().unwrap();
    assert_eq!(d.status_writes, 1);

    // Both: the create error wins.
    let mut d = Driver::new(fixture_u(3));
    d.c.api.fail_nth(Verb::Create, Kind::Pod, 1);
    d.c.api.fail_nth(Verb::UpdateStatus, Kind::StatefulSet, 1);
    assert!(d.sync().is_err());
    assert_eq!(d.status_writes, 0);
    assert!(matches!(
        d.c.statefulset
            .explain("default", "foo")
            .map(|e| &e.blocked),
        Some(Blocked::CreateFailed { .. })
    ));
}
