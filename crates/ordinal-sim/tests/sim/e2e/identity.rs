//! SC-34, SC-35: identity and storage survive restarts; a deleted predecessor is refilled.

use ordinal_sim::api::{Kind, PersistentVolumeClaim};
use ordinal_sim::apiserver::{DeleteOptions, WatchType};
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::e2e::*;
use ordinal_sim::testing::node::*;

#[test]
fn sc_34_basic_identity() {
    let mut c = cluster();
    start(&mut c, stateful_set("ss", 3, true, pause_probe()));
    for p in names("ss", 3) {
        resume_next(&mut c, &p);
    }
    poll_until(&mut c, 10_000, |c| status(c, "ss").ready_replicas == 3);
    assert_eq!(pod_names(&c, "ss"), names("ss", 3));
    for (i, p) in names("ss", 3).iter().enumerate() {
        assert_eq!(
            c.read_file("default", p, None, "/etc/hostname").unwrap(),
            format!("{p}\n")
        );
        let pod = get(&c, p).unwrap();
        assert_eq!(
            (pod.spec.hostname.as_str(), pod.spec.subdomain.as_str()),
            (p.as_str(), "test")
        );
        let claim = c
            .api
            .get::<PersistentVolumeClaim>("default", &format!("datadir-ss-{i}"))
            .unwrap();
        assert_eq!(claim.status.phase, "Bound");
        // `echo $(hostname) > /data/hostname; sync` and a symlink to it.
        c.apply_sim(&SimAction::WriteFile {
            namespace: "default".into(),
            pod: p.clone(),
            container: None,
            path: "/data/hostname".into(),
            content: format!("{p}\n"),
            append: false,
        })
        .unwrap();
        c.apply_sim(&SimAction::Symlink {
            namespace: "default".into(),
            pod: p.clone(),
            container: None,
            target: "/data/hostname".into(),
            path: "/data/link".into(),
        })
        .unwrap();
    }
    // Restart the set: scale to 0, then back to 3.
    let since = c.api.watch_seq();
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(0));
    poll_until(&mut c, 120_000, |c| pod_names(c, "ss").is_empty());
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(3));
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss", 3));
    let evs = pod_events(&c, "ss", since);
    assert_eq!(order_of(&evs, WatchType::Deleted), ["ss-2", "ss-1", "ss-0"]);
    assert_eq!(order_of(&evs, WatchType::Added), names("ss", 3));
    for p in names("ss", 3) {
        assert_eq!(
            c.read_file("default", &p, None, "/data/hostname").unwrap(),
            format!("{p}\n"),
            "{p} reads its own data"
        );
        assert_eq!(
            c.read_file("default", &p, None, "/data/link").unwrap(),
            format!("{p}\n")
        );
    }
}

#[test]
fn sc_35_no_deadlock_when_a_predecessor_is_deleted() {
    let mut c = cluster();
    start(&mut c, stateful_set("ss", 2, true, pause_probe()));
    poll_until(&mut c, 30_000, |c| {
        get(c, "ss-0").is_some_and(|p| p.status.phase == "Running")
    });
    c.advance_by(2_000).unwrap();
    assert!(!is_ready(&c, "ss-0"));
    assert_eq!(pod_names(&c, "ss"), ["ss-0"]);
    resume_next(&mut c, "ss-0");
    poll_until(&mut c, 30_000, |c| {
        get(c, "ss-1").is_some_and(|p| p.status.phase == "Running")
    });
    assert!(!is_ready(&c, "ss-1"));
    let old = get(&c, "ss-0").unwrap().metadata.uid;
    c.delete(
        Kind::Pod,
        "default",
        "ss-0",
        &DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    // Refilled although ss-1 is not healthy; the marker file is on its claim, so it is Ready.
    poll_until(&mut c, 30_000, |c| running_and_ready(c, "ss-0"));
    assert_ne!(get(&c, "ss-0").unwrap().metadata.uid, old);
    let st = status(&c, "ss");
    assert_eq!((st.replicas, st.ready_replicas), (2, 1));
    resume_next(&mut c, "ss-1");
    poll_until(&mut c, 10_000, |c| status(c, "ss").ready_replicas == 2);
}

/// A claim deleted while its pod waits for scheduling (WaitForFirstConsumer PreBind) is
/// reported by the scheduler and recreated by the controller; the set then converges.
#[test]
fn claim_deleted_while_pod_is_unscheduled_is_recreated() {
    let mut c = cluster();
    start(&mut c, stateful_set("ss", 2, true, http_probe()));
    // The scheduler has chosen a node and waits in PreBind for the volume.
    poll_until(&mut c, 10_000, |c| {
        c.scheduler.assumed_node("default", "ss-0").is_some()
    });
    assert_eq!(get(&c, "ss-0").unwrap().spec.node_name, "");
    let old = claim_uid(&c, "datadir-ss-0");
    c.delete(
        Kind::PersistentVolumeClaim,
        "default",
        "datadir-ss-0",
        &DeleteOptions::default(),
    )
    .unwrap();
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss", 2));
    let want = "0/3 nodes are available: persistentvolumeclaim \"datadir-ss-0\" not found. \
                preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    let evs: Vec<(String, String)> = events_for(&c, "ss-0")
        .into_iter()
        .filter(|(r, _)| r == "FailedScheduling" || r == "Scheduled")
        .collect();
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(evs[0], ("FailedScheduling".to_string(), want.to_string()));
    assert_eq!(evs[1].0, "Scheduled");
    let claim = c
        .api
        .get::<PersistentVolumeClaim>("default", "datadir-ss-0")
        .unwrap();
    assert_ne!(claim.metadata.uid, old, "a new claim");
    assert_eq!(claim.status.phase, "Bound");
    assert!(events_for(&c, "ss").contains(&(
        "SuccessfulCreate".to_string(),
        "create Claim datadir-ss-0 Pod ss-0 in StatefulSet ss success".to_string()
    )));
}
