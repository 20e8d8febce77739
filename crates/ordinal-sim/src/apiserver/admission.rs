//! The admission plugins a default API server runs whose effect shows: DefaultTolerationSeconds,
//! ServiceAccount, DefaultStorageClass, StorageObjectInUseProtection, and the Service ClusterIP
//! allocator. Called by the API server on create, after defaulting.

use crate::api::{
    Object, Pod, Service, StorageClass, Toleration, DEFAULT_CLASS_ANNOTATION, TAINT_NOT_READY,
    TAINT_UNREACHABLE,
};
use crate::apiserver::store::Store;
use crate::rng::Rng;

pub const PVC_PROTECTION_FINALIZER: &str = "kubernetes.io/pvc-protection";
pub const PV_PROTECTION_FINALIZER: &str = "kubernetes.io/pv-protection";
/// plugin/pkg/admission/defaulttolerationseconds: `--default-not-ready-toleration-seconds` and
/// `--default-unreachable-toleration-seconds` both default to 300.
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// Runs every plugin that applies to the object's kind (create only).
pub fn admit_create(obj: &mut Object, store: &Store, rng: &mut Rng) {
    match obj {
        Object::Pod(p) => {
            default_tolerations(p);
            admit_service_account(p);
        }
        Object::PersistentVolumeClaim(c) => {
            if c.spec.storage_class_name.is_none() {
                c.spec.storage_class_name = default_storage_class(store);
            }
            add_finalizer(&mut c.metadata.finalizers, PVC_PROTECTION_FINALIZER);
        }
        Object::PersistentVolume(v) => {
            add_finalizer(&mut v.metadata.finalizers, PV_PROTECTION_FINALIZER)
        }
        Object::Service(s) => allocate_cluster_ips(s, store, rng),
        _ => {}
    }
}

/// The ServiceAccount admission plugin: pods run as `default` unless they name an account.
fn admit_service_account(p: &mut Pod) {
    if p.spec.service_account_name.is_empty() {
        p.spec.service_account_name = "default".into();
    }
}

fn add_finalizer(finalizers: &mut Vec<String>, f: &str) {
    if !finalizers.iter().any(|x| x == f) {
        finalizers.push(f.to_string());
    }
}

/// DefaultTolerationSeconds: every pod tolerates `not-ready` and `unreachable` NoExecute taints
/// for 300 s unless it already tolerates them (N2). This is what makes eviction wait 5 minutes.
pub fn default_tolerations(pod: &mut Pod) {
    let covers = |t: &Toleration, key: &str| {
        (t.key == key || t.key.is_empty()) && (t.effect == "NoExecute" || t.effect.is_empty())
    };
    let tolerations = &pod.spec.tolerations;
    let has_not_ready = tolerations.iter().any(|t| covers(t, TAINT_NOT_READY));
    let has_unreachable = tolerations.iter().any(|t| covers(t, TAINT_UNREACHABLE));
    for (present, key) in [
        (has_not_ready, TAINT_NOT_READY),
        (has_unreachable, TAINT_UNREACHABLE),
    ] {
        if !present {
            pod.spec.tolerations.push(Toleration {
                key: key.into(),
                operator: "Exists".into(),
                value: String::new(),
                effect: "NoExecute".into(),
                toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
            });
        }
    }
}

/// DefaultStorageClass: a claim without `storageClassName` gets the class annotated as default
/// (the newest one when several are).
pub fn default_storage_class(store: &Store) -> Option<String> {
    store
        .list::<StorageClass>(None)
        .filter(|c| {
            c.metadata
                .annotations
                .get(DEFAULT_CLASS_ANNOTATION)
                .map(String::as_str)
                == Some("true")
        })
        .max_by_key(|c| (c.metadata.creation_timestamp, c.metadata.name.clone()))
        .map(|c| c.metadata.name.clone())
}

/// ClusterIP allocation from the service CIDR 10.96.0.0/12. The Service's other defaults
/// (type, session affinity, port protocol and targetPort) were applied by defaulting.
fn allocate_cluster_ips(s: &mut Service, store: &Store, rng: &mut Rng) {
    let spec = &mut s.spec;
    if spec.cluster_ip.is_empty() {
        spec.cluster_ip = allocate_cluster_ip(store, rng);
    }
    if spec.cluster_ips.is_empty() {
        spec.cluster_ips = vec![spec.cluster_ip.clone()];
    }
}

/// A free address in 10.96.0.0/12, skipping the first 16 (10.96.0.1 is `kubernetes`,
/// 10.96.0.10 is kube-dns by convention).
pub fn allocate_cluster_ip(store: &Store, rng: &mut Rng) -> String {
    const SIZE: u64 = 1 << 20;
    const FIRST: u64 = 16;
    let used: std::collections::BTreeSet<String> = store
        .list::<Service>(None)
        .map(|s| s.spec.cluster_ip.clone())
        .collect();
    let start = FIRST + rng.below(SIZE - FIRST - 1);
    for i in 0..SIZE {
        let n = FIRST + (start - FIRST + i) % (SIZE - FIRST - 1);
        let ip = format!("10.{}.{}.{}", 96 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
        if !used.contains(&ip) {
            return ip;
        }
    }
    "None".into()
}
