//! Fixture E (test/e2e/apps/statefulset.go with test/e2e/framework/statefulset): set `ss`, a
//! headless Service `test` selecting foo=bar,baz=blah, an httpd container `webserver`.

use super::node::*;
use crate::api::{
    Container, ExecAction, HostPathVolumeSource, HttpGetAction, IntOrString, LabelSelector, Object,
    ObjectMeta, Pod, Probe, RollingUpdateStatefulSetStrategy, Service, StatefulSet,
    StatefulSetStatus, StatefulSetUpdateStrategy, Volume, VolumeMount,
};
use crate::apiserver::WatchType;
use crate::controls::SimAction;
use crate::Cluster;

pub const HTTPD: &str = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
pub const HTTPD_NEW: &str = "registry.k8s.io/e2e-test-images/httpd:2.4.39-4";
const DOCROOT_INDEX: &str = "/usr/local/apache2/htdocs/index.html";

fn labels() -> crate::api::Labels {
    [
        ("foo".to_string(), "bar".to_string()),
        ("baz".to_string(), "blah".to_string()),
    ]
    .into()
}

/// Readiness HTTP GET /index.html:80, period 1 s, thresholds 1.
pub fn http_probe() -> Probe {
    Probe {
        http_get: Some(HttpGetAction {
            path: "/index.html".into(),
            port: IntOrString::Int(80),
            scheme: String::new(),
        }),
        period_seconds: Some(1),
        success_threshold: Some(1),
        failure_threshold: Some(1),
        ..Default::default()
    }
}

/// Readiness `test -f /data/statefulset-continue`: never Ready until resumed.
pub fn pause_probe() -> Probe {
    Probe {
        exec: Some(ExecAction {
            command: vec![
                "test".into(),
                "-f".into(),
                "/data/statefulset-continue".into(),
            ],
        }),
        period_seconds: Some(1),
        success_threshold: Some(1),
        failure_threshold: Some(1),
        ..Default::default()
    }
}

/// The governing headless service `test`.
pub fn service() -> Service {
    let mut s = headless("test", "");
    s.spec.selector = labels();
    s.spec.ports[0].name = "http".into();
    s
}

/// `NewStatefulSet(name, ns, "test", replicas, statefulPodMounts, podMounts, labels)` with the
/// given readiness probe; `with_pvc` adds claim template `datadir` at /data.
pub fn stateful_set(name: &str, replicas: i32, with_pvc: bool, probe: Probe) -> StatefulSet {
    let mut s = StatefulSet {
        metadata: ObjectMeta::named("default", name),
        ..Default::default()
    };
    s.spec.replicas = Some(replicas);
    s.spec.selector = Some(LabelSelector {
        match_labels: labels(),
        ..Default::default()
    });
    s.spec.service_name = "test".into();
    s.spec.template.metadata.labels = labels();
    let mut c = Container {
        name: "webserver".into(),
        image: HTTPD.into(),
        ..Default::default()
    };
    c.readiness_probe = Some(probe);
    c.volume_mounts.push(VolumeMount {
        name: "home".into(),
        mount_path: "/home".into(),
        read_only: false,
    });
    s.spec.template.spec.volumes.push(Volume {
        name: "home".into(),
        host_path: Some(HostPathVolumeSource {
            path: "/tmp/home".into(),
            type_: String::new(),
        }),
        ..Default::default()
    });
    if with_pvc {
        c.volume_mounts.push(VolumeMount {
            name: "datadir".into(),
            mount_path: "/data".into(),
            read_only: false,
        });
        s.spec
            .volume_claim_templates
            .push(claim_template("datadir", "1Gi"));
    }
    s.spec.template.spec.containers.push(c);
    s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: None,
    });
    s
}

pub fn with_partition(mut s: StatefulSet, partition: i32) -> StatefulSet {
    s.spec.update_strategy = Some(StatefulSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateStatefulSetStrategy {
            partition: Some(partition),
            max_unavailable: None,
        }),
    });
    s
}

pub fn start(c: &mut Cluster, s: StatefulSet) {
    if c.api.get::<Service>("default", "test").is_none() {
        c.create(Object::Service(service())).unwrap();
    }
    c.create(Object::StatefulSet(s)).unwrap();
}

pub fn set(c: &Cluster, name: &str) -> StatefulSet {
    c.api
        .get::<StatefulSet>("default", name)
        .cloned()
        .expect("statefulset")
}

pub fn status(c: &Cluster, name: &str) -> StatefulSetStatus {
    set(c, name).status
}

pub fn update_set(c: &mut Cluster, name: &str, f: impl FnOnce(&mut StatefulSet)) {
    let mut s = set(c, name);
    f(&mut s);
    c.update(Object::StatefulSet(s)).unwrap();
}

/// Pods of the set, by name.
pub fn pod_names(c: &Cluster, set_name: &str) -> Vec<String> {
    let prefix = format!("{set_name}-");
    c.api
        .list::<Pod>(Some("default"))
        .filter(|p| p.metadata.name.starts_with(&prefix))
        .map(|p| p.metadata.name.clone())
        .collect()
}

pub fn names(set_name: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{set_name}-{i}")).collect()
}

pub fn revision(c: &Cluster, pod: &str) -> String {
    get(c, pod)
        .map(|p| {
            p.metadata
                .labels
                .get("controller-revision-hash")
                .cloned()
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

pub fn image(c: &Cluster, pod: &str) -> String {
    get(c, pod)
        .map(|p| p.spec.containers[0].image.clone())
        .unwrap_or_default()
}

pub fn running_and_ready(c: &Cluster, pod: &str) -> bool {
    get(c, pod).is_some_and(|p| {
        p.status.phase == "Running" && p.is_ready() && p.metadata.deletion_timestamp.is_none()
    })
}

pub fn all_ready(c: &Cluster, set_name: &str, n: usize) -> bool {
    pod_names(c, set_name).len() == n && names(set_name, n).iter().all(|p| running_and_ready(c, p))
}

fn sim_in(c: &mut Cluster, pod: &str, a: impl FnOnce(String) -> SimAction) {
    let action = a(pod.to_string());
    c.apply_sim(&action)
        .unwrap_or_else(|e| panic!("{action:?}: {e}"));
}

/// `mv -v /usr/local/apache2/htdocs/index.html /tmp/`: the HTTP probe fails.
pub fn break_probe(c: &mut Cluster, pod: &str) {
    sim_in(c, pod, |pod| SimAction::Rename {
        namespace: "default".into(),
        pod,
        container: None,
        from: DOCROOT_INDEX.into(),
        to: "/tmp/".into(),
    });
}

/// `mv -v /tmp/index.html /usr/local/apache2/htdocs/`.
pub fn restore_probe(c: &mut Cluster, pod: &str) {
    sim_in(c, pod, |pod| SimAction::Rename {
        namespace: "default".into(),
        pod,
        container: None,
        from: "/tmp/index.html".into(),
        to: "/usr/local/apache2/htdocs/".into(),
    });
}

/// `touch /data/statefulset-continue`: a paused pod becomes Ready.
pub fn resume(c: &mut Cluster, pod: &str) {
    sim_in(c, pod, |pod| SimAction::WriteFile {
        namespace: "default".into(),
        pod,
        container: None,
        path: "/data/statefulset-continue".into(),
        content: String::new(),
        append: false,
    });
}

/// Waits for a pod to run (not necessarily Ready), then resumes it and waits for Ready.
pub fn resume_next(c: &mut Cluster, pod: &str) {
    poll_until(c, 30_000, |c| {
        get(c, pod)
            .is_some_and(|p| p.status.phase == "Running" && p.metadata.deletion_timestamp.is_none())
    });
    resume(c, pod);
    poll_until(c, 10_000, |c| running_and_ready(c, pod));
}

/// Pod watch events (type, name) for the set since watch sequence `since`.
pub fn pod_events(c: &Cluster, set_name: &str, since: u64) -> Vec<(WatchType, String)> {
    let prefix = format!("{set_name}-");
    c.api
        .watch_since(since)
        .filter(|e| e.kind == crate::api::Kind::Pod && e.object.meta().name.starts_with(&prefix))
        .map(|e| (e.type_, e.object.meta().name.clone()))
        .collect()
}

/// Names in the order of their first ADDED / DELETED event.
pub fn order_of(events: &[(WatchType, String)], t: WatchType) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (ty, n) in events {
        if *ty == t && !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// Advances `ms`, checking `inv` after every 100 ms step.
pub fn hold_for(c: &mut Cluster, ms: u64, mut inv: impl FnMut(&Cluster) -> bool, what: &str) {
    let end = c.now + ms;
    while c.now < end {
        c.advance_by(100).unwrap();
        assert!(inv(c), "{what} (at {} ms)", c.now);
    }
}
