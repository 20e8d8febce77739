//! Conformance scenarios SC-43..SC-45 (scale, collections, status) and the API server's
//! StatefulSet/Pod/Service/PVC defaults and validation messages (V2–V7).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::{DeleteOptions, WatchType};
use ordinal_sim::features::Features;
use ordinal_sim::testing::driver::*;
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

#[test]
fn sc_43_scale_subresource() {
    let mut d = Driver::new(fixture_u(1));
    d.converge();
    let s = d.c.api.get_scale("default", "foo").unwrap();
    assert_eq!((s.spec.replicas, s.status.replicas), (1, 1));
    assert_eq!(s.status.selector, "foo=bar");
    let now = d.c.now;
    let s = d.c.api.update_scale("default", "foo", 2, now).unwrap();
    assert_eq!(s.spec.replicas, 2);
    assert_eq!(d.set().spec.replicas, Some(2));
    d.c.api.update_scale("default", "foo", 4, now).unwrap();
    assert_eq!(d.set().spec.replicas, Some(4));
    assert_eq!(
        d.c.api.update_scale("default", "foo", -1, now).unwrap_err().message,
        "Scale.autoscaling \"foo\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    );
    d.converge();
    assert_eq!(
        d.c.api.get_scale("default", "foo").unwrap().status.replicas,
        4
    );
}

#[test]
fn sc_44_list_patch_and_delete_collection() {
    let mut set = fixture_u(1);
    set.metadata.name = "test-ss".into();
    let mut d = Driver::new(set);
    d.converge();
    let r1 = d.status().current_revision;
    d.update_set(|s| {
        s.metadata.labels.insert("test-ss".into(), "patched".into());
        s.spec.replicas = Some(2);
        s.spec.template.spec.containers[0].image = "nginx:1.27".into();
        s.spec.template.spec.termination_grace_period_seconds = Some(1);
    })
    .unwrap();
    d.converge();
    let st = d.status();
    assert_ne!(st.update_revision, r1);
    assert_eq!((st.ready_replicas, st.updated_replicas), (2, 2));
    let listed: Vec<String> =
        d.c.api
            .list::<StatefulSet>(Some("default"))
            .filter(|s| s.metadata.labels.get("test-ss").map(String::as_str) == Some("patched"))
            .map(|s| s.metadata.name.clone())
            .collect();
    assert_eq!(listed, vec!["test-ss"]);
    for name in listed {
        d.c.delete(
            Kind::StatefulSet,
            "default",
            &name,
            &DeleteOptions::default(),
        )
        .unwrap();
    }
    assert_eq!(d.c.api.list::<StatefulSet>(Some("default")).count(), 0);
}

#[test]
fn sc_45_status_endpoints() {
    let mut d = Driver::new(fixture_u(1));
    d.converge();
    let seq = d.c.api.watch_seq();
    let mut s = d.set();
    s.status.conditions.push(Condition {
        type_: "StatusUpdate".into(),
        status: "True".into(),
        reason: "E2E".into(),
        message: "Set from e2e test".into(),
        ..Default::default()
    });
    d.c.update_status(Object::StatefulSet(s)).unwrap();
    let mut s = d.set();
    s.status.conditions.push(Condition {
        type_: "StatusPatched".into(),
        status: "True".into(),
        ..Default::default()
    });
    d.c.update_status(Object::StatefulSet(s)).unwrap();
    let seen: Vec<Vec<String>> =
        d.c.api
            .watch_since(seq)
            .filter(|e| e.type_ == WatchType::Modified)
            .filter_map(|e| match &e.object {
                Object::StatefulSet(s) => Some(
                    s.status
                        .conditions
                        .iter()
                        .map(|c| c.type_.clone())
                        .collect(),
                ),
                _ => None,
            })
            .collect();
    assert_eq!(
        seen,
        vec![
            vec!["StatusUpdate".to_string()],
            vec!["StatusUpdate".into(), "StatusPatched".into()]
        ]
    );
    // A sync that changes nothing leaves them; the next changing status write drops them.
    d.sync().unwrap();
    assert_eq!(d.set().status.conditions.len(), 2);
    d.scale(2);
    d.sync().unwrap();
    assert!(d.set().status.conditions.is_empty());
}

#[test]
fn statefulset_defaults() {
    let mut c = cluster();
    let mut s = fixture_u(3);
    s.spec.replicas = None;
    s.spec.update_strategy = None;
    s.spec.persistent_volume_claim_retention_policy = None;
    s.spec.revision_history_limit = None;
    s.spec.pod_management_policy = String::new();
    s.spec.template.spec.containers[0].ports = vec![ContainerPort {
        name: "web".into(),
        container_port: 80,
        ..Default::default()
    }];
    s.spec.template.spec.containers.push(Container {
        name: "sidecar".into(),
        image: "busybox:1.36".into(),
        ..Default::default()
    });
    let Object::StatefulSet(s) = c.create(Object::StatefulSet(s)).unwrap() else {
        unreachable!()
    };
    let spec = &s.spec;
    assert_eq!(spec.pod_management_policy, "OrderedReady");
    let strategy = spec.update_strategy.as_ref().unwrap();
    assert_eq!(strategy.type_, "RollingUpdate");
    assert_eq!(strategy.rolling_update.as_ref().unwrap().partition, Some(0));
    assert_eq!(
        strategy.rolling_update.as_ref().unwrap().max_unavailable,
        None,
        "gate off"
    );
    let policy = spec
        .persistent_volume_claim_retention_policy
        .as_ref()
        .unwrap();
    assert_eq!(
        (policy.when_scaled.as_str(), policy.when_deleted.as_str()),
        ("Retain", "Retain")
    );
    assert_eq!(
        (spec.replicas, spec.revision_history_limit),
        (Some(1), Some(10))
    );
    let t = &spec.template.spec;
    assert_eq!(
        (t.restart_policy.as_str(), t.dns_policy.as_str()),
        ("Always", "ClusterFirst")
    );
    assert_eq!(
        (
            t.scheduler_name.as_str(),
            t.termination_grace_period_seconds
        ),
        ("default-scheduler", Some(30))
    );
    let nginx = &t.containers[0];
    assert_eq!(nginx.image_pull_policy, "Always", "no tag means latest");
    assert_eq!(nginx.termination_message_path, "/dev/termination-log");
    assert_eq!(nginx.termination_message_policy, "File");
    assert_eq!(nginx.ports[0].protocol, "TCP");
    assert_eq!(t.containers[1].image_pull_policy, "IfNotPresent");
    assert_eq!(
        spec.volume_claim_templates[0].spec.volume_mode,
        "Filesystem"
    );
    assert_eq!(s.metadata.generation, 1);
    // Status is the system's: reset on create.
    assert_eq!(s.status, StatefulSetStatus::default());

    // An explicit `type: RollingUpdate` keeps rollingUpdate nil (U6 depends on it).
    let mut s2 = fixture_u(1);
    s2.metadata.name = "explicit".into();
    let Object::StatefulSet(s2) = c.create(Object::StatefulSet(s2)).unwrap() else {
        unreachable!()
    };
    assert_eq!(s2.rolling_update(), None);

    // With the gate on, maxUnavailable defaults to 1.
    let mut c = Cluster::new(ClusterConfig {
        nodes: 0,
        features: Features {
            max_unavailable_statefulset: true,
            ..Default::default()
        },
        ..Default::default()
    });
    let mut s3 = fixture_u(1);
    s3.spec.update_strategy = None;
    let Object::StatefulSet(s3) = c.create(Object::StatefulSet(s3)).unwrap() else {
        unreachable!()
    };
    assert_eq!(
        s3.rolling_update().unwrap().max_unavailable,
        Some(IntOrString::Int(1))
    );
}

/// Claim templates come back as whole PersistentVolumeClaims: apps/v1 conversion writes their
/// apiVersion and kind (overriding what the request said) and their phase defaults to Pending.
#[test]
fn claim_templates_read_back_with_type_and_status() {
    let mut d = Driver::new(fixture_u(1));
    let t = serde_json::to_value(&d.set().spec.volume_claim_templates[0]).unwrap();
    assert_eq!(
        t,
        serde_json::json!({
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": "datadir"},
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": "1"}},
                "volumeMode": "Filesystem"
            },
            "status": {"phase": "Pending"}
        })
    );
    // An update that leaves them out (or names another kind) is no spec change.
    d.update_set(|s| {
        let t = &mut s.spec.volume_claim_templates[0];
        t.api_version = String::new();
        t.kind = "Pod".into();
        t.status = Default::default();
        s.spec.replicas = Some(2);
    })
    .expect("only replicas changed");
    let t = &d.set().spec.volume_claim_templates[0];
    assert_eq!(
        (
            t.api_version.as_str(),
            t.kind.as_str(),
            t.status.phase.as_str()
        ),
        ("v1", "PersistentVolumeClaim", "Pending")
    );
}

#[test]
fn pod_service_and_claim_defaults() {
    let mut c = cluster();
    let pod = Pod {
        metadata: ObjectMeta::named("default", "web"),
        spec: PodSpec {
            containers: vec![Container {
                name: "c".into(),
                image: "nginx:1.27".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    let Object::Pod(p) = c.create(Object::Pod(pod)).unwrap() else {
        unreachable!()
    };
    assert_eq!(
        p.status.phase, "Pending",
        "the API server sets Pending on create"
    );
    assert_eq!(p.status.qos_class, "BestEffort");
    assert_eq!(p.spec.service_account_name, "default");
    assert_eq!(p.spec.containers[0].image_pull_policy, "IfNotPresent");

    let svc = Service {
        metadata: ObjectMeta::named("default", "nginx"),
        spec: ServiceSpec {
            cluster_ip: "None".into(),
            ports: vec![ServicePort {
                name: "web".into(),
                port: 80,
                ..Default::default()
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    let Object::Service(s) = c.create(Object::Service(svc)).unwrap() else {
        unreachable!()
    };
    assert_eq!(
        (s.spec.type_.as_str(), s.spec.session_affinity.as_str()),
        ("ClusterIP", "None")
    );
    assert_eq!(s.spec.ports[0].protocol, "TCP");
    assert_eq!(s.spec.ports[0].target_port, Some(IntOrString::Int(80)));
    assert_eq!(s.spec.cluster_ips, vec!["None"]);

    let mut claim = PersistentVolumeClaim {
        metadata: ObjectMeta::named("default", "data"),
        ..Default::default()
    };
    claim.spec.access_modes = vec!["ReadWriteOnce".into()];
    claim
        .spec
        .resources
        .requests
        .insert("storage".into(), "1Gi".into());
    let Object::PersistentVolumeClaim(claim) =
        c.create(Object::PersistentVolumeClaim(claim)).unwrap()
    else {
        unreachable!()
    };
    assert_eq!(claim.spec.volume_mode, "Filesystem");
    assert_eq!(claim.status.phase, "Pending");
}

#[test]
fn statefulset_validation_messages() {
    let mut c = cluster();
    let check = |c: &mut Cluster, f: &dyn Fn(&mut StatefulSet), want: &str| {
        let mut s = fixture_u(1);
        f(&mut s);
        assert_eq!(create_err(c, Object::StatefulSet(s)), want);
    };
    check(&mut c, &|s| s.spec.replicas = Some(-1),
        "StatefulSet.apps \"foo\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    check(&mut c, &|s| s.spec.replicas = Some(10_001),
        "StatefulSet.apps \"foo\" is invalid: spec.replicas: Invalid value: 10001: must be less than or equal to 10000 (the simulator's limit)");
    check(&mut c, &|s| s.metadata.name = "Web".into(),
        "StatefulSet.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    check(&mut c, &|s| s.spec.selector = None,
        "StatefulSet.apps \"foo\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"foo\":\"bar\"}: `selector` does not match template `labels`]");
    check(&mut c, &|s| s.spec.selector = Some(LabelSelector::default()),
        "StatefulSet.apps \"foo\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset");
    check(&mut c, &|s| { s.spec.template.metadata.labels.insert("foo".into(), "baz".into()); },
        "StatefulSet.apps \"foo\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"foo\":\"baz\"}: `selector` does not match template `labels`");
    check(&mut c, &|s| s.spec.pod_management_policy = "Sometimes".into(),
        "StatefulSet.apps \"foo\" is invalid: spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or 'Parallel'");
    check(&mut c, &|s| s.spec.update_strategy.as_mut().unwrap().type_ = "Recreate".into(),
        "StatefulSet.apps \"foo\" is invalid: spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Recreate\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'");
    check(&mut c, &|s| s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
            type_: "OnDelete".into(),
            rolling_update: Some(RollingUpdateStatefulSetStrategy { partition: Some(1), max_unavailable: None }),
        }),
        "StatefulSet.apps \"foo\" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'");
    check(&mut c, &|s| s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
            type_: "RollingUpdate".into(),
            rolling_update: Some(RollingUpdateStatefulSetStrategy { partition: Some(-1), max_unavailable: None }),
        }),
        "StatefulSet.apps \"foo\" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0");
    check(&mut c, &|s| s.spec.persistent_volume_claim_retention_policy.as_mut().unwrap().when_scaled = "Keep".into(),
        "StatefulSet.apps \"foo\" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"");
    check(&mut c, &|s| s.spec.template.spec.restart_policy = "Never".into(),
        "StatefulSet.apps \"foo\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    check(&mut c, &|s| s.spec.template.spec.active_deadline_seconds = Some(10),
        "StatefulSet.apps \"foo\" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported");
    check(&mut c, &|s| s.spec.ordinals = Some(StatefulSetOrdinals { start: -2 }),
        "StatefulSet.apps \"foo\" is invalid: spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0");
    check(&mut c, &|s| s.spec.min_ready_seconds = Some(-5),
        "StatefulSet.apps \"foo\" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0");
    // Nothing was stored by the rejected writes.
    assert_eq!(c.api.list::<StatefulSet>(None).count(), 0);
}

#[test]
fn statefulset_immutability_and_status_validation() {
    let mut d = Driver::new(fixture_u(1));
    let forbidden = "StatefulSet.apps \"foo\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    for f in [
        (|s: &mut StatefulSet| s.spec.service_name = "other".into()) as fn(&mut StatefulSet),
        |s| s.spec.pod_management_policy = "Parallel".into(),
        |s| s.spec.revision_history_limit = Some(3),
        |s| s.spec.volume_claim_templates.clear(),
    ] {
        assert_eq!(d.update_set(f).unwrap_err().message, forbidden);
    }
    // A selector change: two causes in the details, the second with commas of its own.
    let err = d
        .update_set(|s| {
            if let Some(sel) = s.spec.selector.as_mut() {
                sel.match_labels.insert("app".into(), "x".into());
            }
        })
        .unwrap_err();
    let details = err.details.expect("Invalid carries StatusDetails");
    assert_eq!(
        (details.kind.as_str(), details.name.as_str()),
        ("StatefulSet", "foo")
    );
    let causes: Vec<String> = details
        .causes
        .iter()
        .map(|c| format!("{}: {}", c.field, c.message))
        .collect();
    assert_eq!(causes.len(), 2, "{causes:?}");
    assert_eq!(causes[1], forbidden.split_once(" is invalid: ").unwrap().1);
    for f in [
        (|s: &mut StatefulSet| s.spec.replicas = Some(4)) as fn(&mut StatefulSet),
        |s| s.spec.min_ready_seconds = Some(5),
        |s| s.spec.ordinals = Some(StatefulSetOrdinals { start: 1 }),
    ] {
        d.update_set(f).expect("mutable field");
    }
    assert_eq!(
        d.set().metadata.generation,
        4,
        "one generation per spec change"
    );

    let mut s = d.set();
    s.status.replicas = 1;
    s.status.ready_replicas = 2;
    assert_eq!(
        d.c.update_status(Object::StatefulSet(s)).unwrap_err().message,
        "StatefulSet.apps \"foo\" is invalid: status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas"
    );
}

#[test]
fn pod_validation_surfaces_as_failed_create() {
    // Issue #137728: a template without an image is accepted; every pod create fails.
    let mut s = fixture_u(1);
    s.spec.template.spec.containers[0].image = String::new();
    let mut d = Driver::new(s);
    assert!(d.sync().is_err());
    assert_eq!(
        d.events.last().map(|e| e.2.clone()),
        Some("create Pod foo-0 in StatefulSet foo failed error: Pod \"foo-0\" is invalid: spec.containers[0].image: Required value".into())
    );

    // V4: a 60-character set name makes the revision label too long for a pod.
    let mut s = fixture_u(1);
    s.metadata.name = "a".repeat(60);
    let mut d = Driver::new(s);
    assert!(d.sync().is_err());
    let msg = d.events.last().map(|e| e.2.clone()).unwrap();
    assert!(msg.contains("metadata.labels: Invalid value: \""), "{msg}");
    assert!(
        msg.contains("\": must be no more than 63 characters"),
        "{msg}"
    );

    // A mount of a volume that neither the template nor the claim templates define.
    let mut s = fixture_u(1);
    s.spec.template.spec.containers[0]
        .volume_mounts
        .push(VolumeMount {
            name: "www".into(),
            mount_path: "/www".into(),
            read_only: false,
        });
    let mut d = Driver::new(s);
    assert!(d.sync().is_err());
    assert_eq!(
        d.events.last().map(|e| e.2.clone()),
        Some("create Pod foo-0 in StatefulSet foo failed error: Pod \"foo-0\" is invalid: spec.containers[0].volumeMounts[2].name: Not found: \"www\"".into())
    );
}

#[test]
fn service_and_claim_validation() {
    let mut c = cluster();
    let svc = Service {
        metadata: ObjectMeta::named("default", "1web"),
        spec: ServiceSpec {
            ports: vec![ServicePort {
                port: 0,
                ..Default::default()
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        create_err(&mut c, Object::Service(svc)),
        "Service \"1web\" is invalid: [metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive]"
    );
    let claim = PersistentVolumeClaim {
        metadata: ObjectMeta::named("default", "data"),
        ..Default::default()
    };
    assert_eq!(
        create_err(&mut c, Object::PersistentVolumeClaim(claim)),
        "PersistentVolumeClaim \"data\" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]"
    );
    let pod = Pod {
        metadata: ObjectMeta::named("default", "p"),
        ..Default::default()
    };
    assert_eq!(
        create_err(&mut c, Object::Pod(pod)),
        "Pod \"p\" is invalid: spec.containers: Required value"
    );
}

#[test]
fn pod_volumes_are_immutable_so_storage_repair_fails() {
    // I4: a pod whose claim volume was tampered with cannot be repaired (volumes are
    // immutable): each sync reports FailedUpdate.
    let mut d = Driver::new(fixture_u(1));
    d.converge();
    let pod = d.pod("foo-0");
    let mut bad = pod.clone();
    bad.metadata.labels.remove(POD_NAME_LABEL);
    d.c.update(Object::Pod(bad)).unwrap();
    d.clear_events();
    d.sync().unwrap();
    assert_eq!(
        d.event_msgs(),
        vec![ev(
            "SuccessfulUpdate",
            "update Pod foo-0 in StatefulSet foo successful"
        )]
    );
    assert_eq!(
        d.pod("foo-0")
            .metadata
            .labels
            .get(POD_NAME_LABEL)
            .map(String::as_str),
        Some("foo-0")
    );
    // The revision label is never repaired; the pod-index label alone is not checked.
    let mut p = d.pod("foo-0");
    p.metadata.labels.remove(POD_INDEX_LABEL);
    d.c.update(Object::Pod(p)).unwrap();
    d.clear_events();
    d.sync().unwrap();
    assert!(d.events.is_empty());
    assert!(!d.pod("foo-0").metadata.labels.contains_key(POD_INDEX_LABEL));

    // An adopted pod whose claim volume points elsewhere: volumes are immutable, so every sync
    // reports FailedUpdate.
    let mut d = Driver::new(fixture_u(1));
    let mut orphan = ordinal_sim::controller::statefulset::utils::new_stateful_set_pod(&d.set(), 0);
    orphan.metadata.owner_references.clear();
    for v in &mut orphan.spec.volumes {
        if let Some(c) = v.persistent_volume_claim.as_mut() {
            c.claim_name = "somewhere-else".into();
        }
    }
    d.c.create(Object::Pod(orphan)).unwrap();
    d.make_healthy("foo-0");
    let want = "update Pod foo-0 in StatefulSet foo failed error: Pod \"foo-0\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
    for _ in 0..2 {
        assert!(d.sync().is_err());
        assert_eq!(
            d.events.last().map(|e| (e.1.clone(), e.2.clone())),
            Some(ev("FailedUpdate", want))
        );
    }
    assert!(
        d.claim_names().contains(&"datadir-foo-0".to_string()),
        "the missing claim is created"
    );
}
