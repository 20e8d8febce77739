//! Dynamic provisioning, binding, protection and reclaim.

use ordinal_sim::api::{Kind, Object, PersistentVolume};
use ordinal_sim::testing::node::*;

#[test]
fn wait_for_first_consumer_claim_is_provisioned_on_the_pods_node() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    c.advance_by(1000).unwrap();
    let cl = claim(&c, "data").unwrap();
    assert_eq!(
        cl.spec.storage_class_name.as_deref(),
        Some("standard"),
        "DefaultStorageClass admission"
    );
    assert_eq!(cl.status.phase, "Pending");
    assert_eq!(cl.metadata.finalizers, ["kubernetes.io/pvc-protection"]);
    assert_eq!(
        events_for(&c, "data"),
        [(
            "WaitForFirstConsumer".to_string(),
            "waiting for first consumer to be created before binding".to_string()
        )]
    );

    create(&mut c, pod_with_claim("app", "nginx", "data", "/data"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
    let cl = claim(&c, "data").unwrap();
    assert_eq!(cl.status.phase, "Bound");
    let pv_name = format!("pvc-{}", cl.metadata.uid);
    assert_eq!(cl.spec.volume_name, pv_name);
    assert_eq!(
        cl.metadata
            .annotations
            .get("volume.kubernetes.io/selected-node")
            .map(String::as_str),
        Some("node-1")
    );
    let pv = c.api.get::<PersistentVolume>("", &pv_name).unwrap();
    assert_eq!(pv.status.phase, "Bound");
    assert_eq!(pv.spec.persistent_volume_reclaim_policy, "Delete");
    let affinity = serde_json::to_value(&pv.spec.node_affinity).unwrap();
    assert_eq!(
        affinity["required"]["nodeSelectorTerms"][0]["matchExpressions"][0]["values"][0],
        "node-1"
    );
    let reasons = reasons_for(&c, "data");
    assert_eq!(
        reasons,
        [
            "WaitForFirstConsumer",
            "ExternalProvisioning",
            "Provisioning",
            "ProvisioningSucceeded"
        ]
    );
    let msgs = events_for(&c, "data");
    assert_eq!(
        msgs[3].1,
        format!("Successfully provisioned volume {pv_name}")
    );
    assert!(msgs[1].1.starts_with("Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path'"));
    // The scheduler only binds once the claim is bound.
    let scheduled_at = c
        .api
        .list::<ordinal_sim::api::Event>(None)
        .find(|e| e.reason == "Scheduled")
        .unwrap()
        .first_timestamp
        .unwrap();
    let provisioned_at = c
        .api
        .list::<ordinal_sim::api::Event>(None)
        .find(|e| e.reason == "ProvisioningSucceeded")
        .unwrap()
        .first_timestamp
        .unwrap();
    assert!(scheduled_at >= provisioned_at);
}

#[test]
fn a_claim_with_a_missing_class_keeps_its_pod_pending() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("gold"),
        "1Gi",
    )))
    .unwrap();
    create(&mut c, pod_with_claim("app", "nginx", "data", "/data"));
    c.advance_by(5_000).unwrap();
    assert_eq!(claim(&c, "data").unwrap().status.phase, "Pending");
    assert_eq!(
        events_for(&c, "data"),
        [(
            "ProvisioningFailed".to_string(),
            "storageclass.storage.k8s.io \"gold\" not found".to_string()
        )]
    );
    let p = get(&c, "app").unwrap();
    assert_eq!(p.spec.node_name, "");
    let cond = p
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled")
        .unwrap();
    let want = "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    assert_eq!(
        (
            cond.status.as_str(),
            cond.reason.as_str(),
            cond.message.as_str()
        ),
        ("False", "Unschedulable", want)
    );
    assert_eq!(
        events_for(&c, "app"),
        [("FailedScheduling".to_string(), want.to_string())]
    );
    // Creating the class lets it through.
    c.create(Object::StorageClass(network_class("gold", "Immediate")))
        .unwrap();
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
}

#[test]
fn data_on_a_volume_outlives_the_pod_and_dies_with_the_volume() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    create(
        &mut c,
        pod_with_claim("app", "nginx", "data", "/usr/share/nginx/html"),
    );
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
    // The volume hides the image's index.html.
    let err = c
        .read_file("default", "app", None, "/usr/share/nginx/html/index.html")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "/usr/share/nginx/html/index.html: No such file or directory"
    );
    c.write_file(
        "default",
        "app",
        None,
        "/usr/share/nginx/html/index.html",
        "hello\n",
        false,
    )
    .unwrap();
    c.write_file("default", "app", None, "/tmp/scratch", "gone soon", false)
        .unwrap();
    let pv = claim(&c, "data").unwrap().spec.volume_name;
    c.delete(Kind::Pod, "default", "app", &Default::default())
        .unwrap();
    // Deleting the claim while a pod uses it leaves it Terminating.
    c.delete(
        Kind::PersistentVolumeClaim,
        "default",
        "data",
        &Default::default(),
    )
    .unwrap();
    c.advance_by(100).unwrap();
    assert!(claim(&c, "data")
        .unwrap()
        .metadata
        .deletion_timestamp
        .is_some());
    poll_until(&mut c, 5_000, |c| get(c, "app").is_none());
    // The pod is gone, so the claim goes, and with policy Delete its volume and data too.
    poll_until(&mut c, 5_000, |c| claim(c, "data").is_none());
    poll_until(&mut c, 5_000, |c| {
        c.api.get::<PersistentVolume>("", &pv).is_none()
    });
    assert_eq!(c.kubelet.fs.tree_count(), 0, "no files left anywhere");
}

#[test]
fn a_new_pod_on_the_same_claim_reads_the_old_data() {
    let mut c = cluster();
    c.create(Object::PersistentVolumeClaim(pvc("data", None, "1Gi")))
        .unwrap();
    let mut p = pod_with_claim("app", "busybox", "data", "/data");
    p.spec.containers[0].command = vec!["sleep".into(), "3600".into()];
    create(&mut c, p.clone());
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
    c.write_file("default", "app", None, "/data/hostname", "app\n", false)
        .unwrap();
    let t0 = c.now;
    c.delete(Kind::Pod, "default", "app", &Default::default())
        .unwrap();
    // `sleep` as PID 1 ignores SIGTERM: the pod takes its whole 30 s grace period.
    let gone = poll_until(&mut c, 60_000, |c| get(c, "app").is_none());
    assert!(
        (30_000..31_000).contains(&(gone - t0)),
        "gone {} ms after the delete",
        gone - t0
    );
    create(&mut c, p);
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
    assert_eq!(
        c.read_file("default", "app", None, "/data/hostname")
            .unwrap(),
        "app\n"
    );
    assert_eq!(
        get(&c, "app").unwrap().spec.node_name,
        "node-1",
        "a local-path volume pins the pod to its node"
    );
}

#[test]
fn a_retained_volume_is_released_with_its_data() {
    let mut c = cluster();
    let mut class = network_class("keep", "Immediate");
    class.reclaim_policy = Some("Retain".into());
    c.create(Object::StorageClass(class)).unwrap();
    c.create(Object::PersistentVolumeClaim(pvc(
        "data",
        Some("keep"),
        "2Gi",
    )))
    .unwrap();
    poll_until(&mut c, 5_000, |c| {
        claim(c, "data").unwrap().status.phase == "Bound"
    });
    let cl = claim(&c, "data").unwrap();
    assert_eq!(
        cl.status.capacity.get("storage").map(String::as_str),
        Some("2Gi")
    );
    let pv = cl.spec.volume_name.clone();
    create(&mut c, pod_with_claim("app", "nginx", "data", "/data"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "app"));
    c.write_file("default", "app", None, "/data/keep", "me", false)
        .unwrap();
    c.delete(Kind::Pod, "default", "app", &Default::default())
        .unwrap();
    c.delete(
        Kind::PersistentVolumeClaim,
        "default",
        "data",
        &Default::default(),
    )
    .unwrap();
    poll_until(&mut c, 10_000, |c| claim(c, "data").is_none());
    poll_until(&mut c, 5_000, |c| {
        c.api
            .get::<PersistentVolume>("", &pv)
            .is_some_and(|v| v.status.phase == "Released")
    });
    c.advance_by(60_000).unwrap();
    let v = c.api.get::<PersistentVolume>("", &pv).unwrap();
    assert_eq!(
        (
            v.status.phase.as_str(),
            v.spec.persistent_volume_reclaim_policy.as_str()
        ),
        ("Released", "Retain")
    );
    assert_eq!(c.kubelet.fs.tree_count(), 1, "the volume's data is kept");
}
