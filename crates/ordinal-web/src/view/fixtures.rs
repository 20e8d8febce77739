//! Hand-built view data for tests (native and in the browser): a cluster in the middle of a
//! partitioned rolling update, with a scale-down under way and a claim left behind.

use super::snapshot::*;
use std::rc::Rc;

pub fn node(name: &str) -> NodeView {
    NodeView {
        name: name.into(),
        ready: "True".into(),
        unschedulable: false,
        taints: vec![],
    }
}

pub fn pod(name: &str, set: &str, ordinal: i32, node: Option<&str>) -> PodView {
    PodView {
        name: name.into(),
        namespace: "default".into(),
        set: Some(set.into()),
        orphan: false,
        ordinal: Some(ordinal),
        node: node.map(str::to_string),
        phase: "Running".into(),
        status: "Running".into(),
        ready_column: "1/1".into(),
        ready: true,
        terminating: false,
        revision: "web-5d8f9c7b4".into(),
        revision_number: Some(1),
        revision_role: RevisionRole::Settled,
        image: "registry.k8s.io/nginx-slim:0.21".into(),
        ip: format!("10.244.{}.{}", ordinal + 1, ordinal + 10),
        restarts: 0,
        claims: vec![format!("www-{name}")],
        replica_set: None,
        created_ms: 0,
        waiting: None,
    }
}

pub fn claim(name: &str, set: &str, ordinal: i32, used_by: Option<&str>) -> ClaimView {
    ClaimView {
        name: name.into(),
        namespace: "default".into(),
        set: Some(set.into()),
        ordinal: Some(ordinal),
        template: Some("www".into()),
        phase: "Bound".into(),
        volume: format!("pvc-0f3c9a1e-{ordinal}b2d-4c55-9e0a-7d1f"),
        capacity: "1Gi".into(),
        used_by: used_by.map(str::to_string),
        users: used_by.into_iter().map(str::to_string).collect(),
        owners: vec![],
        terminating: false,
        volume_node: Some("node-1".into()),
    }
}

pub fn set(name: &str, desired: i32) -> SetView {
    SetView {
        name: name.into(),
        namespace: "default".into(),
        desired,
        start: 0,
        replicas: desired,
        ready_replicas: desired,
        current_replicas: desired,
        updated_replicas: desired,
        available_replicas: desired,
        current_revision: format!("{name}-5d8f9c7b4"),
        current_revision_number: Some(1),
        update_revision: format!("{name}-5d8f9c7b4"),
        update_revision_number: Some(1),
        generation: 1,
        observed_generation: Some(1),
        strategy: "RollingUpdate".into(),
        partition: None,
        pod_management_policy: "OrderedReady".into(),
        when_scaled: "Retain".into(),
        when_deleted: "Retain".into(),
        service_name: "nginx".into(),
        container: "nginx".into(),
        images: vec!["registry.k8s.io/nginx-slim:0.21".into()],
        claim_templates: vec![ClaimTemplateView {
            name: "www".into(),
            size: "1Gi".into(),
            access_modes: "ReadWriteOnce".into(),
        }],
        min_ready_seconds: 0,
        deleting: false,
        explanation: None,
    }
}

/// `web` wants 2 replicas with partition 1 while rev 2 rolls out: web-0 is Ready at the current
/// revision, web-1 is being created at the update revision, web-2 is terminating (beyond
/// replicas), and www-web-3 was left behind by an earlier scale-down.
pub fn rolling_update() -> Snapshot {
    let mut web = set("web", 2);
    web.replicas = 3;
    web.ready_replicas = 1;
    web.current_replicas = 2;
    web.updated_replicas = 1;
    web.update_revision = "web-7c6b5d9f8".into();
    web.update_revision_number = Some(2);
    web.partition = Some(1);
    web.generation = 2;
    web.explanation =
        Some("Waiting for web-1 to be Running and Ready before updating web-0.".into());

    let mut p0 = pod("web-0", "web", 0, Some("node-1"));
    p0.revision_role = RevisionRole::Current;
    let mut p1 = pod("web-1", "web", 1, Some("node-2"));
    p1.phase = "Pending".into();
    p1.status = "ContainerCreating".into();
    p1.ready = false;
    p1.ready_column = "0/1".into();
    p1.ip = String::new();
    p1.revision = "web-7c6b5d9f8".into();
    p1.revision_number = Some(2);
    p1.revision_role = RevisionRole::Update;
    let mut p2 = pod("web-2", "web", 2, Some("node-3"));
    p2.terminating = true;
    p2.status = "Terminating".into();
    p2.revision_role = RevisionRole::Current;

    let mut n3 = node("node-3");
    n3.ready = "Unknown".into();
    n3.taints = vec!["node.kubernetes.io/unreachable:NoExecute".into()];

    Snapshot {
        now: 42_000,
        nodes: vec![node("node-1"), node("node-2"), n3],
        pods: vec![p0, p1, p2],
        claims: vec![
            claim("www-web-0", "web", 0, Some("web-0")),
            claim("www-web-1", "web", 1, Some("web-1")),
            claim("www-web-2", "web", 2, Some("web-2")),
            claim("www-web-3", "web", 3, None),
        ],
        sets: vec![web],
        deployments: vec![],
        replica_sets: vec![],
        services: vec![ServiceView {
            name: "nginx".into(),
            namespace: "default".into(),
            headless: true,
            selector: "app=nginx".into(),
            ports: "80/TCP".into(),
        }],
        dns: Rc::new(vec![DnsRecord {
            name: "web-0.nginx.default.svc.cluster.local".into(),
            type_: "A",
            value: "10.244.1.10".into(),
        }]),
        dns_key: 0,
        events: Rc::new(vec![EventRow {
            seq: 1234,
            last_seen_ms: 40_000,
            type_: "Normal".into(),
            reason: "SuccessfulDelete".into(),
            object: "statefulset/web".into(),
            message: "delete Pod web-2 in StatefulSet web successful".into(),
            count: 1,
            component: "statefulset-controller".into(),
        }]),
        pod_rows: Rc::new(vec![PodRow {
            seq: 7,
            at: 41_000,
            name: "web-1".into(),
            ready: "0/1".into(),
            status: "ContainerCreating".into(),
            restarts: 0,
            age: "1s".into(),
            deleted: false,
        }]),
    }
}
