//! EndpointSlices and DNS records for headless services (DNS2–DNS5).

use ordinal_sim::api::{EndpointSlice, HttpGetAction, IntOrString, Object, Probe};
use ordinal_sim::controller::kubelet::{probes::ProbeOverride, runtime::ProbeKind};
use ordinal_sim::controls::SimAction;
use ordinal_sim::dns::{self, DnsError, QType, RData};
use ordinal_sim::testing::node::*;

fn a_records(c: &ordinal_sim::Cluster, name: &str) -> Result<Vec<String>, DnsError> {
    dns::resolve(&c.api.store, "default", name, QType::A).map(|r| {
        r.records
            .into_iter()
            .map(|r| match r.data {
                RData::A(ip) => ip,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    })
}

fn with_probe(mut p: ordinal_sim::api::Pod) -> ordinal_sim::api::Pod {
    p.spec.containers[0].readiness_probe = Some(Probe {
        http_get: Some(HttpGetAction {
            path: "/index.html".into(),
            port: IntOrString::Int(80),
            scheme: String::new(),
        }),
        period_seconds: Some(1),
        ..Default::default()
    });
    p
}

#[test]
fn headless_service_publishes_ready_pods_by_hostname() {
    let mut c = cluster();
    c.create(Object::Service(headless("nginx", "nginx")))
        .unwrap();
    create(&mut c, with_probe(member("web-0", "nginx", "nginx")));
    create(&mut c, with_probe(member("web-1", "nginx", "nginx")));
    poll_until(&mut c, 10_000, |c| {
        is_ready(c, "web-0") && is_ready(c, "web-1")
    });
    c.advance_by(100).unwrap();
    let slices: Vec<&EndpointSlice> = c.api.list::<EndpointSlice>(Some("default")).collect();
    assert_eq!(slices.len(), 1);
    let s = slices[0];
    assert!(s.metadata.name.starts_with("nginx-") && s.metadata.name.len() == "nginx-".len() + 5);
    assert_eq!(
        s.metadata
            .labels
            .get("kubernetes.io/service-name")
            .map(String::as_str),
        Some("nginx")
    );
    let hosts: Vec<&str> = s.endpoints.iter().map(|e| e.hostname.as_str()).collect();
    assert_eq!(hosts, ["web-0", "web-1"]);
    assert_eq!(s.ports[0].port, Some(80));

    let ip0 = get(&c, "web-0").unwrap().status.pod_ip;
    let ip1 = get(&c, "web-1").unwrap().status.pod_ip;
    let r = dns::resolve(&c.api.store, "default", "web-0.nginx", QType::A).unwrap();
    assert_eq!(r.name, "web-0.nginx.default.svc.cluster.local");
    assert_eq!(a_records(&c, "web-0.nginx").unwrap(), vec![ip0.clone()]);
    assert_eq!(a_records(&c, "nginx").unwrap(), [ip0.clone(), ip1.clone()]);
    let srv = dns::resolve(&c.api.store, "default", "_web._tcp.nginx", QType::Srv).unwrap();
    let targets: Vec<String> = srv
        .records
        .iter()
        .map(|r| match &r.data {
            RData::Srv { port, target, .. } => format!("{target}:{port}"),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        targets,
        [
            "web-0.nginx.default.svc.cluster.local:80",
            "web-1.nginx.default.svc.cluster.local:80"
        ]
    );
    let ptr = dns::resolve(&c.api.store, "default", &ip1, QType::Ptr).unwrap();
    assert_eq!(
        ptr.records[0].data,
        RData::Ptr("web-1.nginx.default.svc.cluster.local".into())
    );

    // Breaking web-1's probe drops it from DNS; its name no longer resolves.
    c.apply_sim(&SimAction::SetProbe {
        namespace: "default".into(),
        pod: "web-1".into(),
        container: None,
        probe: ProbeKind::Readiness,
        mode: ProbeOverride::Fail,
    })
    .unwrap();
    poll_until(&mut c, 10_000, |c| !is_ready(c, "web-1"));
    c.advance_by(100).unwrap();
    assert_eq!(a_records(&c, "nginx").unwrap(), [ip0]);
    assert_eq!(
        a_records(&c, "web-1.nginx"),
        Err(DnsError::NxDomain {
            name: "web-1.nginx".into()
        })
    );
    let unhealthy = events_for(&c, "web-1")
        .into_iter()
        .filter(|(r, _)| r == "Unhealthy")
        .collect::<Vec<_>>();
    assert_eq!(
        unhealthy[0].1,
        "Readiness probe failed: HTTP probe failed with statuscode: 500"
    );
}

#[test]
fn publish_not_ready_addresses_answers_for_unready_pods() {
    let mut c = cluster();
    let mut svc = headless("nginx", "nginx");
    svc.spec.publish_not_ready_addresses = true;
    c.create(Object::Service(svc)).unwrap();
    c.create(Object::Service(headless("strict", "nginx")))
        .unwrap();
    let mut p = with_probe(member("web-0", "nginx", "nginx"));
    // Never ready: the probe looks for a page that is not there.
    if let Some(h) = p.spec.containers[0]
        .readiness_probe
        .as_mut()
        .and_then(|r| r.http_get.as_mut())
    {
        h.path = "/missing.html".into();
    }
    create(&mut c, p);
    poll_until(&mut c, 10_000, |c| {
        get(c, "web-0").is_some_and(|p| !p.status.pod_ip.is_empty())
    });
    c.advance_by(3_000).unwrap();
    assert!(!is_ready(&c, "web-0"));
    let ip = get(&c, "web-0").unwrap().status.pod_ip;
    assert_eq!(a_records(&c, "web-0.nginx").unwrap(), [ip]);
    // podToEndpoint: ready because the service publishes not-ready addresses,
    // serving follows the pod's Ready condition, terminating its deletion.
    let slice = c
        .api
        .list::<EndpointSlice>(Some("default"))
        .find(|s| s.metadata.labels.get("kubernetes.io/service-name") == Some(&"nginx".to_string()))
        .unwrap();
    let conditions = &slice.endpoints[0].conditions;
    assert_eq!(
        (conditions.ready, conditions.serving, conditions.terminating),
        (Some(true), Some(false), Some(false))
    );
    assert_eq!(
        a_records(&c, "strict"),
        Err(DnsError::NxDomain {
            name: "strict".into()
        })
    );
    assert_eq!(
        events_for(&c, "web-0")
            .iter()
            .filter(|(r, _)| r == "Unhealthy")
            .map(|(_, m)| m.as_str())
            .next(),
        Some("Readiness probe failed: HTTP probe failed with statuscode: 404")
    );
}

#[test]
fn cluster_ip_services_resolve_to_their_cluster_ip() {
    let mut c = cluster();
    let mut svc = headless("api", "api");
    svc.spec.cluster_ip = String::new();
    c.create(Object::Service(svc)).unwrap();
    let ip = c
        .api
        .get::<ordinal_sim::api::Service>("default", "api")
        .unwrap()
        .spec
        .cluster_ip
        .clone();
    assert!(ip.starts_with("10.") && ip != "None", "{ip}");
    assert_eq!(
        a_records(&c, "api.default.svc.cluster.local").unwrap(),
        vec![ip.clone()]
    );
    assert_eq!(a_records(&c, "api.default").unwrap(), [ip]);
    assert_eq!(
        a_records(&c, "example.com"),
        Err(DnsError::Upstream {
            name: "example.com".into()
        })
    );
}

#[test]
fn deleting_the_service_removes_its_slice_and_its_names() {
    let mut c = cluster();
    c.create(Object::Service(headless("nginx", "nginx")))
        .unwrap();
    create(&mut c, member("web-0", "nginx", "nginx"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web-0"));
    c.advance_by(100).unwrap();
    assert_eq!(a_records(&c, "web-0.nginx").map(|r| r.len()), Ok(1));
    c.delete(
        ordinal_sim::api::Kind::Service,
        "default",
        "nginx",
        &Default::default(),
    )
    .unwrap();
    poll_until(&mut c, 5_000, |c| {
        c.api.list::<EndpointSlice>(Some("default")).count() == 0
    });
    assert_eq!(
        a_records(&c, "web-0.nginx"),
        Err(DnsError::NxDomain {
            name: "web-0.nginx".into()
        })
    );
}
