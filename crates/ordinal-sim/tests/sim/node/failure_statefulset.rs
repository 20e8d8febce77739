//! Node failure under a StatefulSet (N1–N5): at most one pod per identity. The lost pod stays
//! Terminating, nothing replaces it, OrderedReady stalls; after a force delete the same name
//! comes back elsewhere and gets the same volume — once it is detached from the dead node.

use ordinal_sim::api::{Kind, Object, PersistentVolumeClaimTemplate};
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::e2e::*;
use ordinal_sim::testing::node::*;

#[test]
fn a_lost_pod_is_never_duplicated_and_comes_back_with_its_volume() {
    let mut c = cluster();
    c.create(Object::StorageClass(network_class(
        "disk",
        "WaitForFirstConsumer",
    )))
    .unwrap();
    let mut s = stateful_set("web", 3, false, http_probe());
    s.spec.template.spec.containers[0]
        .volume_mounts
        .push(ordinal_sim::api::VolumeMount {
            name: "www".into(),
            mount_path: "/usr/local/apache2/htdocs".into(),
            read_only: false,
        });
    s.spec
        .volume_claim_templates
        .push(PersistentVolumeClaimTemplate {
            metadata: ordinal_sim::api::ObjectMeta::named("", "www"),
            spec: pvc("www", Some("disk"), "1Gi").spec,
            ..Default::default()
        });
    // The volume hides the image's page: write one per pod before it can become Ready.
    start(&mut c, s);
    for p in names("web", 3) {
        poll_until(&mut c, 30_000, |c| {
            get(c, &p).is_some_and(|p| p.status.phase == "Running")
        });
        c.apply_sim(&SimAction::WriteFile {
            namespace: "default".into(),
            pod: p.clone(),
            container: None,
            path: "/usr/local/apache2/htdocs/index.html".into(),
            content: format!("{p}\n"),
            append: false,
        })
        .unwrap();
        poll_until(&mut c, 10_000, |c| running_and_ready(c, &p));
    }
    let lost_node = get(&c, "web-1").unwrap().spec.node_name;
    let old_uid = get(&c, "web-1").unwrap().metadata.uid;
    sim(
        &mut c,
        SimAction::StopKubelet {
            node: lost_node.clone(),
        },
    );

    poll_until(&mut c, 120_000, |c| status(c, "web").ready_replicas < 3);
    assert!(!is_ready(&c, "web-1"));
    // N1: the not-ready pod drops out of the headless service's DNS.
    c.advance_by(200).unwrap();
    let lookup = |c: &ordinal_sim::Cluster, n: &str| {
        ordinal_sim::dns::resolve(&c.api.store, "default", n, ordinal_sim::dns::QType::A)
            .map(|r| r.records.len())
    };
    assert!(lookup(&c, "web-1.test").is_err());
    assert_eq!(lookup(&c, "test"), Ok(2));
    let evicted = poll_until(&mut c, 400_000, |c| {
        get(c, "web-1")
            .unwrap()
            .metadata
            .deletion_timestamp
            .is_some()
    });
    update_set(&mut c, "web", |s| s.spec.replicas = Some(4));
    hold_for(
        &mut c,
        600_000,
        |c| get(c, "web-1").is_some_and(|p| p.metadata.uid == old_uid) && get(c, "web-3").is_none(),
        "the lost pod stays Terminating, is not replaced, and OrderedReady stalls",
    );
    assert!(c.now - evicted >= 600_000);

    let t = c.now;
    c.delete(
        Kind::Pod,
        "default",
        "web-1",
        &DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    poll_until(&mut c, 10_000, |c| {
        get(c, "web-1").is_some_and(|p| p.metadata.uid != old_uid)
    });
    let ready = poll_until(&mut c, 600_000, |c| running_and_ready(c, "web-1"));
    assert_ne!(get(&c, "web-1").unwrap().spec.node_name, lost_node);
    assert!(
        ready - t >= 360_000,
        "the volume is force-detached only after 6 minutes ({} ms)",
        ready - t
    );
    assert_eq!(
        c.read_file(
            "default",
            "web-1",
            None,
            "/usr/local/apache2/htdocs/index.html"
        )
        .unwrap(),
        "web-1\n"
    );
    poll_until(&mut c, 120_000, |c| get(c, "web-3").is_some());
}

#[test]
fn restart_policy_never_and_on_failure_pods_finish() {
    let mut c = cluster();
    let job = |name: &str, script: &str, policy: &str| {
        let mut p = pod(name, "busybox");
        p.spec.restart_policy = policy.into();
        p.spec.containers[0].command = vec!["sh".into(), "-c".into(), script.into()];
        p
    };
    create(&mut c, job("ok", "echo done", "Never"));
    create(&mut c, job("bad", "exit 3", "Never"));
    create(&mut c, job("retry", "sleep 2; exit 1", "OnFailure"));
    poll_until(&mut c, 10_000, |c| {
        get(c, "ok").unwrap().status.phase == "Succeeded"
            && get(c, "bad").unwrap().status.phase == "Failed"
    });
    let bad = get(&c, "bad").unwrap();
    let t = bad.status.container_statuses[0]
        .state
        .terminated
        .clone()
        .unwrap();
    assert_eq!((t.exit_code, t.reason.as_str()), (3, "Error"));
    let ready = bad
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "Ready")
        .unwrap();
    assert_eq!(
        (ready.status.as_str(), ready.reason.as_str()),
        ("False", "PodCompleted")
    );
    poll_until(&mut c, 60_000, |c| {
        get(c, "retry").unwrap().status.container_statuses[0].restart_count >= 2
    });
    assert_eq!(get(&c, "retry").unwrap().status.phase, "Running");
}
