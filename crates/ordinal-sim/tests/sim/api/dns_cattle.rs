//! DNS for cattle (DNS8): pods without `hostname`/`subdomain` have no name of their own under
//! a Service; a ClusterIP Service is one virtual IP; a headless one lists every ready pod.

use ordinal_sim::api::{Object, Service};
use ordinal_sim::dns::{self, DnsError, QType, RData};
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

fn a_records(c: &Cluster, name: &str) -> Result<Vec<String>, DnsError> {
    dns::resolve(&c.api.store, "default", name, QType::A).map(|r| {
        r.records
            .into_iter()
            .filter_map(|r| match r.data {
                RData::A(ip) => Some(ip),
                _ => None,
            })
            .collect()
    })
}

fn nx(name: &str) -> Result<Vec<String>, DnsError> {
    Err(DnsError::NxDomain { name: name.into() })
}

/// Three Ready nginx pods labelled app=web, a headless Service `web-headless` and a ClusterIP
/// Service `web` over them; `web-sj4kq` sets hostname `db` but a subdomain naming no Service,
/// `web-7cz9d` hostname `db2` under `web-headless`.
fn cattle_behind_services() -> Cluster {
    let mut c = cluster();
    c.create(Object::Service(headless("web-headless", "web")))
        .unwrap();
    let mut vip = headless("web", "web");
    vip.spec.cluster_ip = String::new();
    c.create(Object::Service(vip)).unwrap();
    let mut a = pod("web-2x8mf", "nginx");
    let mut b = pod("web-sj4kq", "nginx");
    let mut d = pod("web-7cz9d", "nginx");
    b.spec.hostname = "db".into();
    b.spec.subdomain = "elsewhere".into();
    d.spec.hostname = "db2".into();
    d.spec.subdomain = "web-headless".into();
    for p in [&mut a, &mut b, &mut d] {
        p.metadata.labels = [("app".to_string(), "web".to_string())].into();
    }
    for p in [a, b, d] {
        create(&mut c, p);
    }
    poll_until(&mut c, 10_000, |c| {
        ["web-2x8mf", "web-sj4kq", "web-7cz9d"]
            .iter()
            .all(|n| is_ready(c, n))
    });
    c.advance_by(1_000).unwrap();
    c
}

fn ip(c: &Cluster, name: &str) -> String {
    get(c, name).unwrap().status.pod_ip
}

#[test]
fn dns8_a_cluster_ip_service_is_one_virtual_ip() {
    let c = cattle_behind_services();
    let vip = c
        .api
        .get::<Service>("default", "web")
        .unwrap()
        .spec
        .cluster_ip
        .clone();
    assert_eq!(a_records(&c, "web").unwrap(), [vip]);
    assert_eq!(a_records(&c, "web-2x8mf.web"), nx("web-2x8mf.web"));
}

#[test]
fn dns8_a_headless_service_lists_every_ready_pod_but_names_none_by_pod_name() {
    let c = cattle_behind_services();
    let mut got = a_records(&c, "web-headless").unwrap();
    got.sort();
    let mut want: Vec<String> = ["web-2x8mf", "web-sj4kq", "web-7cz9d"]
        .iter()
        .map(|n| ip(&c, n))
        .collect();
    want.sort();
    assert_eq!(got, want);
    for name in [
        "web-2x8mf.web-headless",
        "web-sj4kq.web-headless",
        "db.web-headless",
    ] {
        assert_eq!(a_records(&c, name), nx(name), "{name}");
    }
    // hostname + subdomain naming this Service is a name.
    assert_eq!(
        a_records(&c, "db2.web-headless").unwrap(),
        [ip(&c, "web-7cz9d")]
    );
    // CoreDNS names an endpoint without hostname by its dashed address.
    let dashed = format!("{}.web-headless", ip(&c, "web-2x8mf").replace('.', "-"));
    assert_eq!(a_records(&c, &dashed).unwrap(), [ip(&c, "web-2x8mf")]);
}
