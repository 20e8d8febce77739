//! The API server's size bounds, in upstream's words: the request body (3 MiB), a ConfigMap's
//! data (1 MiB), annotations (256 KiB), etcd's object limit (1.5 MiB) and its quota. A refused
//! write leaves the stored object as it was.

use ordinal_sim::api::*;
use ordinal_sim::apiserver::{Reason, WatchType};
use ordinal_sim::{Cluster, ClusterConfig};

fn cluster() -> Cluster {
    Cluster::new(ClusterConfig {
        nodes: 0,
        ..Default::default()
    })
}

fn config_map(name: &str, bytes: usize) -> Object {
    let mut c = ConfigMap {
        metadata: ObjectMeta::named("default", name),
        data: Default::default(),
    };
    c.data.insert("k".into(), "x".repeat(bytes));
    Object::ConfigMap(c)
}

#[test]
fn a_config_map_over_one_mebibyte_is_invalid_on_create_and_update() {
    let mut c = cluster();
    let e = c.create(config_map("big", 2 * 1024 * 1024)).unwrap_err();
    assert_eq!(e.reason, Reason::Invalid);
    assert_eq!(
        e.message,
        "ConfigMap \"big\" is invalid: []: Too long: must have at most 1048576 bytes"
    );
    assert!(c.api.get::<ConfigMap>("default", "big").is_none());
    // Exactly 1 MiB is allowed; one byte more is not, and the stored data stays.
    c.create(config_map("big", 1024 * 1024)).unwrap();
    let e = c.update(config_map("big", 1024 * 1024 + 1)).unwrap_err();
    assert_eq!(e.reason, Reason::Invalid);
    let kept = c.api.get::<ConfigMap>("default", "big").unwrap();
    assert_eq!(kept.data["k"].len(), 1024 * 1024);
}

#[test]
fn a_request_body_over_three_mebibytes_is_too_large() {
    let mut c = cluster();
    let e = c.create(config_map("huge", 4 * 1024 * 1024)).unwrap_err();
    assert_eq!(
        (e.reason.clone(), e.reason.code()),
        (Reason::RequestEntityTooLarge, 413)
    );
    assert_eq!(e.message, "Request entity too large: limit is 3145728");
    assert!(c.api.get::<ConfigMap>("default", "huge").is_none());
}

#[test]
fn annotations_over_256_kibibytes_are_invalid() {
    let mut c = cluster();
    let Object::ConfigMap(mut cm) = config_map("a", 1) else {
        unreachable!()
    };
    cm.metadata
        .annotations
        .insert("note".into(), "y".repeat(300 * 1024));
    let e = c.create(Object::ConfigMap(cm)).unwrap_err();
    assert_eq!(
        e.message,
        "ConfigMap \"a\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes"
    );
}

#[test]
fn an_object_over_etcds_limit_is_refused_by_etcd() {
    let mut c = cluster();
    // 2 MiB of environment: under the request limit, no field limit, over etcd's 1.5 MiB.
    let mut p = ordinal_sim::testing::node::pod("fat", "busybox");
    p.spec.containers[0].env.push(EnvVar {
        name: "BLOB".into(),
        value: "z".repeat(2 * 1024 * 1024),
    });
    let rv_before = c.api.watch_seq();
    let e = c.create(Object::Pod(p)).unwrap_err();
    assert_eq!((e.reason.clone(), e.reason.code()), (Reason::Unknown, 500));
    assert_eq!(e.message, "etcdserver: request is too large");
    assert!(c.api.get::<Pod>("default", "fat").is_none());
    assert_eq!(
        c.api.watch_seq(),
        rv_before,
        "a refused write emits nothing"
    );
}

#[test]
fn the_database_quota_refuses_growth_but_not_shrinking() {
    let mut c = cluster();
    let mut n = 0;
    let e = loop {
        match c.create(config_map(&format!("cm-{n}"), 1024 * 1024)) {
            Ok(_) => n += 1,
            Err(e) => break e,
        }
        assert!(n < 100, "never refused");
    };
    assert_eq!(e.message, "etcdserver: mvcc: database space exceeded");
    assert!(n > 10, "only {n} ConfigMaps of 1 MiB fit");
    // Making an object smaller always fits; deleting one makes room again.
    c.update(config_map("cm-0", 10)).unwrap();
    c.create(config_map(&format!("cm-{n}"), 1024 * 1024))
        .unwrap();
    let deleted = c
        .delete(Kind::ConfigMap, "default", "cm-1", &Default::default())
        .unwrap();
    assert_eq!(deleted.meta().name, "cm-1");
    c.create(config_map("again", 1024 * 1024)).unwrap();
    let last = c.api.watch_since(0).last().unwrap();
    assert_eq!(
        (last.type_, last.object.meta().name.as_str()),
        (WatchType::Added, "again")
    );
}

/// ValidateObjectMetaUpdate checks annotations on every update, whatever the kind: a patch that
/// grows them past 256 KiB is refused and the stored object stays as it was.
#[test]
fn annotations_over_256_kibibytes_are_invalid_on_update_of_every_kind() {
    use ordinal_sim::testing::builders::{headless, pvc};
    let mut c = cluster();
    let objects = [
        Object::StatefulSet(ordinal_sim::testing::bench::web_set(1, "OrderedReady")),
        Object::Pod(ordinal_sim::testing::node::pod("p", "busybox")),
        Object::Service(headless("nginx", "nginx")),
        Object::PersistentVolumeClaim(pvc("data", None, "1Gi")),
        Object::Deployment(ordinal_sim::testing::bench::web_deployment(1)),
        config_map("cm", 1),
    ];
    for obj in objects {
        let created = c.create(obj).unwrap();
        let mut big = created.clone();
        big.meta_mut()
            .annotations
            .insert("note".into(), "y".repeat(300 * 1024));
        let e = c.update(big).unwrap_err();
        let kind = created.kind();
        assert_eq!(e.reason, Reason::Invalid, "{kind:?}");
        assert!(
            e.message
                .ends_with("metadata.annotations: Too long: must have at most 262144 bytes"),
            "{kind:?}: {}",
            e.message
        );
        let kept = c
            .api
            .store
            .get_object(kind, "default", &created.meta().name)
            .unwrap();
        assert!(kept.meta().annotations.is_empty(), "{kind:?} kept");
    }
}
