//! SC-40..SC-42: ordered scaling halts on unhealthy pods, burst scaling does not, and a pod
//! the kubelet rejects is deleted and recreated until it fits.

use ordinal_sim::api::{ContainerPort, Kind};
use ordinal_sim::apiserver::WatchType;
use ordinal_sim::testing::e2e::*;
use ordinal_sim::testing::node::*;

#[test]
fn sc_40_ordered_scaling_halts_on_unhealthy_pods() {
    let mut c = cluster();
    let since = c.api.watch_seq();
    start(&mut c, stateful_set("ss", 1, false, http_probe()));
    poll_until(&mut c, 30_000, |c| all_ready(c, "ss", 1));
    break_probe(&mut c, "ss-0");
    poll_until(&mut c, 5_000, |c| status(c, "ss").ready_replicas == 0);
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(3));
    hold_for(
        &mut c,
        10_000,
        |c| pod_names(c, "ss").len() == 1,
        "exactly one pod while ss-0 is unhealthy",
    );
    restore_probe(&mut c, "ss-0");
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss", 3));
    assert_eq!(
        order_of(&pod_events(&c, "ss", since), WatchType::Added),
        names("ss", 3)
    );

    for p in names("ss", 3) {
        break_probe(&mut c, &p);
    }
    poll_until(&mut c, 5_000, |c| status(c, "ss").ready_replicas == 0);
    let since = c.api.watch_seq();
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(0));
    hold_for(
        &mut c,
        10_000,
        |c| pod_names(c, "ss").len() == 3,
        "no pod is deleted while all are unhealthy",
    );
    for p in names("ss", 3) {
        restore_probe(&mut c, &p);
    }
    poll_until(&mut c, 60_000, |c| pod_names(c, "ss").is_empty());
    assert_eq!(
        order_of(&pod_events(&c, "ss", since), WatchType::Deleted),
        ["ss-2", "ss-1", "ss-0"]
    );
}

#[test]
fn sc_41_burst_scaling_runs_to_completion_with_unhealthy_pods() {
    let mut c = cluster();
    let mut s = stateful_set("ss", 1, false, http_probe());
    s.spec.pod_management_policy = "Parallel".into();
    start(&mut c, s);
    poll_until(&mut c, 30_000, |c| all_ready(c, "ss", 1));
    break_probe(&mut c, "ss-0");
    poll_until(&mut c, 5_000, |c| status(c, "ss").ready_replicas == 0);
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(3));
    let t = c.now;
    let three = poll_until(&mut c, 10_000, |c| pod_names(c, "ss").len() == 3);
    assert!(three - t < 10_000);
    assert!(!is_ready(&c, "ss-0"));
    restore_probe(&mut c, "ss-0");
    poll_until(&mut c, 60_000, |c| status(c, "ss").ready_replicas == 3);
    for p in names("ss", 3) {
        break_probe(&mut c, &p);
    }
    poll_until(&mut c, 5_000, |c| status(c, "ss").ready_replicas == 0);
    update_set(&mut c, "ss", |s| s.spec.replicas = Some(0));
    poll_until(&mut c, 10_000, |c| pod_names(c, "ss").is_empty());
    poll_until(&mut c, 5_000, |c| status(c, "ss").replicas == 0);
}

#[test]
fn sc_42_recreates_a_pod_the_kubelet_rejected() {
    let mut c = cluster();
    let port = || {
        vec![ContainerPort {
            container_port: 21017,
            host_port: Some(21017),
            ..Default::default()
        }]
    };
    let mut test_pod = pod("test-pod", "nginx");
    test_pod.spec.node_name = "node-1".into();
    test_pod.spec.containers[0].ports = port();
    create(&mut c, test_pod);
    poll_until(&mut c, 10_000, |c| is_ready(c, "test-pod"));
    let mut s = stateful_set("ss", 1, false, http_probe());
    s.spec.template.spec.node_name = "node-1".into();
    s.spec.template.spec.containers[0].ports = port();
    let since = c.api.watch_seq();
    start(&mut c, s);
    poll_until(&mut c, 10_000, |c| {
        get(c, "ss-0").is_some_and(|p| p.status.phase == "Failed")
    });
    let first = get(&c, "ss-0").unwrap().metadata.uid;
    assert_eq!(get(&c, "ss-0").unwrap().status.reason, "NodePorts");
    poll_until(&mut c, 10_000, |c| {
        pod_events(c, "ss", since)
            .iter()
            .any(|(t, _)| *t == WatchType::Deleted)
    });
    c.advance_by(1_000).unwrap();
    let deletes = event_count(
        &c,
        "ss",
        "SuccessfulDelete",
        "delete Pod ss-0 in StatefulSet ss successful",
    );
    let creates = event_count(
        &c,
        "ss",
        "SuccessfulCreate",
        "create Pod ss-0 in StatefulSet ss successful",
    );
    assert!(
        deletes >= 2 && creates >= deletes,
        "deleted {deletes} and created {creates} times"
    );
    c.delete(Kind::Pod, "default", "test-pod", &Default::default())
        .unwrap();
    poll_until(&mut c, 60_000, |c| running_and_ready(c, "ss-0"));
    assert_ne!(get(&c, "ss-0").unwrap().metadata.uid, first);
}
