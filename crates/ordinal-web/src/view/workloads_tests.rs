//! The cattle half of the snapshot and layout, fed by objects created through the API server as
//! the controllers would create them: a Deployment mid-rollout with two ReplicaSets, their pods
//! (all naming one claim), a bare pod, and the attach controller's Multi-Attach warning.

use crate::view::layout::{Layout, COL_W};
use crate::view::snapshot::{RevisionRole, Snapshot};
use crate::view::workloads::RsRole;
use ordinal_sim::api::Object;
use ordinal_sim::{Cluster, ClusterConfig};
use serde_json::{from_value, json, Value};

fn create(c: &mut Cluster, kind: &str, v: Value) -> String {
    let obj = match kind {
        "Deployment" => Object::Deployment(from_value(v).unwrap()),
        "ReplicaSet" => Object::ReplicaSet(from_value(v).unwrap()),
        "Pod" => Object::Pod(from_value(v).unwrap()),
        "PersistentVolumeClaim" => Object::PersistentVolumeClaim(from_value(v).unwrap()),
        "Event" => Object::Event(from_value(v).unwrap()),
        _ => unreachable!("{kind}"),
    };
    match c.create(obj).unwrap_or_else(|e| panic!("{kind}: {e:?}")) {
        Object::Deployment(d) => d.metadata.uid,
        Object::ReplicaSet(r) => r.metadata.uid,
        Object::Pod(p) => p.metadata.uid,
        _ => String::new(),
    }
}

fn template(hash: &str) -> Value {
    json!({
        "metadata": {"labels": {"app": "web", "pod-template-hash": hash}},
        "spec": {
            "containers": [{"name": "nginx", "image": format!("nginx:{hash}"),
                            "volumeMounts": [{"name": "data", "mountPath": "/data"}]}],
            "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "data"}}]
        }
    })
}

fn rs(c: &mut Cluster, deploy_uid: &str, hash: &str, revision: &str, replicas: i32) -> String {
    create(
        c,
        "ReplicaSet",
        json!({
            "metadata": {"name": format!("web-{hash}"), "namespace": "default",
                         "labels": {"app": "web", "pod-template-hash": hash},
                         "annotations": {"deployment.kubernetes.io/revision": revision},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                              "uid": deploy_uid, "controller": true}]},
            "spec": {"replicas": replicas,
                     "selector": {"matchLabels": {"app": "web", "pod-template-hash": hash}},
                     "template": template(hash)}
        }),
    )
}

fn pod(c: &mut Cluster, rs: &str, rs_uid: &str, suffix: &str, node: &str) -> String {
    let hash = rs.trim_start_matches("web-");
    let mut p = template(hash);
    p["metadata"]["name"] = json!(format!("{rs}-{suffix}"));
    p["metadata"]["namespace"] = json!("default");
    p["metadata"]["ownerReferences"] = json!([{"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "name": rs, "uid": rs_uid, "controller": true}]);
    p["spec"]["nodeName"] = json!(node);
    create(c, "Pod", p)
}

/// web is rolling from revision 1 (web-5b9f7c, two pods) to revision 2 (web-7d4c9b, one pod),
/// every pod naming claim `data`; web-7d4c9b-x2k9q waits on Multi-Attach; `debug` is bare.
fn rollout() -> Cluster {
    let mut c = Cluster::new(ClusterConfig::default());
    let d = create(
        &mut c,
        "Deployment",
        json!({
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:7d4c9b"}]}}}
        }),
    );
    let old = rs(&mut c, &d, "5b9f7c", "1", 2);
    let new = rs(&mut c, &d, "7d4c9b", "2", 1);
    create(
        &mut c,
        "PersistentVolumeClaim",
        json!({"metadata": {"name": "data", "namespace": "default"},
               "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}),
    );
    pod(&mut c, "web-5b9f7c", &old, "qz7tw", "node-1");
    pod(&mut c, "web-5b9f7c", &old, "b4m8n", "node-1");
    let stuck = pod(&mut c, "web-7d4c9b", &new, "x2k9q", "node-2");
    create(
        &mut c,
        "Pod",
        json!({"metadata": {"name": "debug", "namespace": "default"},
               "spec": {"containers": [{"name": "sh", "image": "busybox"}]}}),
    );
    create(
        &mut c,
        "Event",
        json!({"metadata": {"name": "web-7d4c9b-x2k9q.1", "namespace": "default"},
               "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web-7d4c9b-x2k9q", "uid": stuck},
               "type": "Warning", "reason": "FailedAttachVolume", "count": 1,
               "message": "Multi-Attach error for volume \"pvc-1\" Volume is already used by pod(s) web-5b9f7c-qz7tw, web-5b9f7c-b4m8n"}),
    );
    c
}

#[test]
fn a_rollout_shows_the_old_and_the_new_replica_set_with_their_counts() {
    let snap = Snapshot::of(&rollout());
    let roles: Vec<_> = snap
        .replica_sets
        .iter()
        .map(|r| (r.name.as_str(), r.revision, r.desired, r.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("web-5b9f7c", Some(1), 2, RsRole::Old),
            ("web-7d4c9b", Some(2), 1, RsRole::New)
        ]
    );
    let p = snap.pod("web-7d4c9b-x2k9q").unwrap();
    assert_eq!(p.replica_set.as_deref(), Some("web-7d4c9b"));
    assert_eq!((p.ordinal, p.revision_role), (None, RevisionRole::Update));
    assert_eq!(crate::components::pod_card::revision_text(p), "rev 2 · new");
    assert_eq!(
        crate::components::pod_card::split_suffix(p),
        ("web-7d4c9b-", "x2k9q")
    );
    let old = snap.pod("web-5b9f7c-qz7tw").unwrap();
    assert_eq!(
        crate::components::pod_card::revision_text(old),
        "rev 1 · old"
    );
}

#[test]
fn a_pod_stuck_on_multi_attach_says_why() {
    let snap = Snapshot::of(&rollout());
    let p = snap.pod("web-7d4c9b-x2k9q").unwrap();
    let (reason, message) = p.waiting.clone().expect("the warning is the pod's reason");
    assert_eq!(reason, "FailedAttachVolume");
    assert!(message.starts_with("Multi-Attach error for volume \"pvc-1\""));
    assert_eq!(
        crate::view::workloads::short_reason(&reason, &message),
        "Multi-Attach error"
    );
    assert!(crate::components::pod_card::describe(p).contains("Volume is already used by pod(s)"));
    assert_eq!(snap.pod("web-5b9f7c-qz7tw").unwrap().waiting, None);
}

#[test]
fn a_shared_claim_is_drawn_once_under_the_first_replica_and_every_pod_mounts_it() {
    let snap = Snapshot::of(&rollout());
    let claim = snap.claims.iter().find(|c| c.name == "data").unwrap();
    assert_eq!(claim.users.len(), 3, "{:?}", claim.users);
    let l = Layout::of(&snap);
    assert_eq!(l.claims.iter().filter(|c| c.name == "data").count(), 1);
    let groups: Vec<_> = l
        .groups
        .iter()
        .map(|g| {
            (
                g.replica_set.as_deref(),
                g.deployment.as_deref(),
                g.columns.len(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (Some("web-5b9f7c"), Some("web"), 2),
            (Some("web-7d4c9b"), Some("web"), 1),
            (None, None, 1)
        ],
        "old ReplicaSet, new ReplicaSet, then the bare pod"
    );
    let first = l.pod(&claim.users[0]).unwrap();
    assert_eq!(l.claim("data").unwrap().x, first.x);
    // The new ReplicaSet's pod sits right of the old ones, the bare pod after both.
    let (a, b) = (
        l.pod("web-5b9f7c-qz7tw").unwrap(),
        l.pod("web-5b9f7c-b4m8n").unwrap(),
    );
    assert_eq!((b.x - a.x).abs(), COL_W);
    assert!(l.pod("web-7d4c9b-x2k9q").unwrap().x > a.x.max(b.x));
    assert!(l.pod("debug").unwrap().x > l.pod("web-7d4c9b-x2k9q").unwrap().x);
}

#[test]
fn an_old_replica_set_at_zero_is_counted_not_drawn() {
    let mut c = rollout();
    let mut old: ordinal_sim::api::ReplicaSet = c
        .api
        .get::<ordinal_sim::api::ReplicaSet>("default", "web-5b9f7c")
        .unwrap()
        .clone();
    old.spec.replicas = Some(0);
    c.update(Object::ReplicaSet(old)).unwrap();
    let now = ordinal_sim::apiserver::DeleteOptions {
        grace_period_seconds: Some(0),
        ..Default::default()
    };
    for name in ["web-5b9f7c-qz7tw", "web-5b9f7c-b4m8n"] {
        c.delete(ordinal_sim::api::Kind::Pod, "default", name, &now)
            .unwrap();
    }
    let snap = Snapshot::of(&c);
    let l = Layout::of(&snap);
    let drawn: Vec<_> = l
        .groups
        .iter()
        .filter_map(|g| g.replica_set.as_deref())
        .collect();
    assert_eq!(drawn, ["web-7d4c9b"]);
    assert_eq!(
        snap.replica_set("web-5b9f7c").unwrap().role,
        RsRole::Settled
    );
}
