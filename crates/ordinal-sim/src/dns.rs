//! Cluster DNS as CoreDNS's `kubernetes` plugin answers it (docs/reference/dns.md, DNS-SPEC): pure
//! function over the store. Records come from Services and their EndpointSlices; only ready
//! endpoints are published (DNS2), so a pod's name resolves only while it is Ready — unless
//! the Service sets `publishNotReadyAddresses`. Names are returned without the trailing dot.

use crate::api::{EndpointSlice, Namespace, Service, SERVICE_NAME_LABEL};
use crate::apiserver::store::Store;

pub const CLUSTER_DOMAIN: &str = "cluster.local";
/// kube-dns' ClusterIP by kubeadm/kind convention (what `nslookup` prints as its server).
pub const DNS_SERVER: &str = "10.96.0.10";
/// CoreDNS `kubernetes` plugin default TTL.
pub const TTL: u32 = 5;
/// resolv.conf `options ndots:5` written by the kubelet.
pub const NDOTS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QType {
    A,
    Srv,
    Ptr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    A(String),
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    Ptr(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub ttl: u32,
    pub data: RData,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsError {
    /// No such name in the cluster zone.
    NxDomain { name: String },
    /// The name is outside `cluster.local`; CoreDNS would forward it, and the simulation has
    /// no upstream resolver.
    Upstream { name: String },
}

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DnsError::NxDomain { name } => write!(f, "** server can't find {name}: NXDOMAIN"),
            DnsError::Upstream { name } => write!(
                f,
                "** server can't find {name}: no upstream resolver in the simulation"
            ),
        }
    }
}

/// The answer to a query made from a pod: which expanded name answered, and its records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub name: String,
    pub records: Vec<Record>,
}

/// resolv.conf `search` list for pods in `namespace` (dnsPolicy ClusterFirst).
pub fn search_list(namespace: &str) -> Vec<String> {
    vec![
        format!("{namespace}.svc.{CLUSTER_DOMAIN}"),
        format!("svc.{CLUSTER_DOMAIN}"),
        CLUSTER_DOMAIN.to_string(),
    ]
}

/// Resolves `name` as a pod in `namespace` would (search path, ndots 5). A PTR query takes an
/// IPv4 address or an `in-addr.arpa` name.
pub fn resolve(
    store: &Store,
    namespace: &str,
    name: &str,
    qtype: QType,
) -> Result<Resolution, DnsError> {
    if qtype == QType::Ptr {
        let fq = if name.ends_with(".in-addr.arpa") || name.ends_with(".in-addr.arpa.") {
            name.trim_end_matches('.').to_string()
        } else {
            reverse_name(name)
        };
        return lookup(store, &fq, QType::Ptr).map(|records| Resolution { name: fq, records });
    }
    let candidates: Vec<String> = if let Some(abs) = name.strip_suffix('.') {
        vec![abs.to_string()]
    } else {
        let searched = search_list(namespace)
            .into_iter()
            .map(|d| format!("{name}.{d}"));
        if name.matches('.').count() >= NDOTS {
            std::iter::once(name.to_string()).chain(searched).collect()
        } else {
            searched.chain(std::iter::once(name.to_string())).collect()
        }
    };
    let mut last = DnsError::NxDomain {
        name: name.to_string(),
    };
    for c in candidates {
        match lookup(store, &c, qtype) {
            Ok(records) if !records.is_empty() => return Ok(Resolution { name: c, records }),
            Ok(_) => {}
            // Forwarded upstream: a public name would resolve out there; anything else
            // (`web-0.nginx`) comes back NXDOMAIN.
            Err(DnsError::Upstream { .. }) if looks_public(&c) => {
                last = DnsError::Upstream {
                    name: name.to_string(),
                }
            }
            Err(DnsError::Upstream { .. }) => {}
            Err(DnsError::NxDomain { .. }) => {}
        }
    }
    Err(last)
}

/// Whether a name ends in a common public top-level domain.
fn looks_public(name: &str) -> bool {
    const TLDS: [&str; 16] = [
        "com", "org", "net", "io", "dev", "edu", "gov", "co", "uk", "de", "fr", "app", "cloud",
        "ai", "info", "me",
    ];
    name.contains('.') && name.rsplit('.').next().is_some_and(|t| TLDS.contains(&t))
}

/// `4.3.2.1.in-addr.arpa` for `1.2.3.4`.
pub fn reverse_name(ip: &str) -> String {
    let mut parts: Vec<&str> = ip.split('.').collect();
    parts.reverse();
    format!("{}.in-addr.arpa", parts.join("."))
}

fn dashed(ip: &str) -> String {
    ip.replace('.', "-")
}

/// Ready endpoints of a service: (label used in DNS, address), in slice order.
fn ready_endpoints(store: &Store, svc: &Service) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let ns = &svc.metadata.namespace;
    for s in store.list::<EndpointSlice>(Some(ns)) {
        if s.metadata.labels.get(SERVICE_NAME_LABEL) != Some(&svc.metadata.name) {
            continue;
        }
        for e in &s.endpoints {
            if e.conditions.ready == Some(false) {
                continue;
            }
            for a in &e.addresses {
                let label = if e.hostname.is_empty() {
                    dashed(a)
                } else {
                    e.hostname.clone()
                };
                if !out.iter().any(|(_, x): &(String, String)| x == a) {
                    out.push((label, a.clone()));
                }
            }
        }
    }
    out
}

/// Port number of a named service port on the endpoints.
fn endpoint_port(store: &Store, svc: &Service, port_name: &str) -> Option<u16> {
    store
        .list::<EndpointSlice>(Some(&svc.metadata.namespace))
        .filter(|s| s.metadata.labels.get(SERVICE_NAME_LABEL) == Some(&svc.metadata.name))
        .flat_map(|s| &s.ports)
        .find(|p| p.name.eq_ignore_ascii_case(port_name))
        .and_then(|p| p.port)
        .map(|p| p as u16)
}

fn rec(name: &str, data: RData) -> Record {
    Record {
        name: name.to_string(),
        ttl: TTL,
        data,
    }
}

/// Answers one fully-qualified name (no search path).
pub fn lookup(store: &Store, fqdn: &str, qtype: QType) -> Result<Vec<Record>, DnsError> {
    let name = fqdn.trim_end_matches('.').to_ascii_lowercase();
    let nx = || DnsError::NxDomain { name: name.clone() };
    if let Some(rev) = name.strip_suffix(".in-addr.arpa") {
        if qtype != QType::Ptr {
            return Err(nx());
        }
        let mut octets: Vec<&str> = rev.split('.').collect();
        octets.reverse();
        return ptr(store, &octets.join("."), &name).ok_or_else(nx);
    }
    let Some(rest) = name.strip_suffix(&format!(".{CLUSTER_DOMAIN}")) else {
        return if name == CLUSTER_DOMAIN {
            Err(nx())
        } else {
            Err(DnsError::Upstream { name: name.clone() })
        };
    };
    let labels: Vec<&str> = rest.split('.').collect();
    match labels.as_slice() {
        [ip, ns, "pod"] if qtype == QType::A => {
            let addr = ip.replace('-', ".");
            let valid =
                addr.split('.').count() == 4 && addr.split('.').all(|o| o.parse::<u8>().is_ok());
            if valid && store.get::<Namespace>("", ns).is_some() {
                Ok(vec![rec(&name, RData::A(addr))])
            } else {
                Err(nx())
            }
        }
        [svc, ns, "svc"] => {
            let s = store.get::<Service>(ns, svc).ok_or_else(nx)?;
            service_records(store, s, &name, qtype)
        }
        [host, svc, ns, "svc"] if qtype == QType::A => {
            let s = store.get::<Service>(ns, svc).ok_or_else(nx)?;
            let hits: Vec<Record> = ready_endpoints(store, s)
                .into_iter()
                .filter(|(label, _)| label == host)
                .map(|(_, ip)| rec(&name, RData::A(ip)))
                .collect();
            if hits.is_empty() {
                Err(nx())
            } else {
                Ok(hits)
            }
        }
        [port, proto, svc, ns, "svc"] if qtype == QType::Srv => {
            let (Some(port), Some(proto)) = (port.strip_prefix('_'), proto.strip_prefix('_'))
            else {
                return Err(nx());
            };
            let s = store.get::<Service>(ns, svc).ok_or_else(nx)?;
            let sp = s
                .spec
                .ports
                .iter()
                .find(|p| {
                    !p.name.is_empty()
                        && p.name.eq_ignore_ascii_case(port)
                        && p.protocol.eq_ignore_ascii_case(proto)
                })
                .ok_or_else(nx)?;
            srv_records(store, s, sp, &name)
                .filter(|r| !r.is_empty())
                .map(weigh)
                .ok_or_else(nx)
        }
        _ => Err(nx()),
    }
}

fn svc_fqdn(s: &Service) -> String {
    format!(
        "{}.{}.svc.{CLUSTER_DOMAIN}",
        s.metadata.name, s.metadata.namespace
    )
}

fn service_records(
    store: &Store,
    s: &Service,
    name: &str,
    qtype: QType,
) -> Result<Vec<Record>, DnsError> {
    let nx = || DnsError::NxDomain {
        name: name.to_string(),
    };
    match qtype {
        QType::A if !s.is_headless() && !s.spec.cluster_ip.is_empty() => {
            Ok(vec![rec(name, RData::A(s.spec.cluster_ip.clone()))])
        }
        QType::A => {
            let eps = ready_endpoints(store, s);
            if eps.is_empty() {
                return Err(nx());
            }
            Ok(eps
                .into_iter()
                .map(|(_, ip)| rec(name, RData::A(ip)))
                .collect())
        }
        QType::Srv => {
            let mut out = Vec::new();
            for sp in s.spec.ports.iter().filter(|p| !p.name.is_empty()) {
                let owner = format!(
                    "_{}._{}.{}",
                    sp.name,
                    sp.protocol.to_ascii_lowercase(),
                    svc_fqdn(s)
                );
                out.extend(
                    srv_records(store, s, sp, &owner)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|mut r| {
                            r.name = name.to_string();
                            r
                        }),
                );
            }
            if out.is_empty() {
                Err(nx())
            } else {
                Ok(weigh(out))
            }
        }
        QType::Ptr => Err(nx()),
    }
}

/// SRV records for one named port (DNS3): one per ready endpoint for a headless service,
/// one pointing at the service for a ClusterIP service.
fn srv_records(
    store: &Store,
    s: &Service,
    sp: &crate::api::ServicePort,
    owner: &str,
) -> Option<Vec<Record>> {
    if !s.is_headless() {
        let port = sp.port as u16;
        return Some(vec![rec(
            owner,
            RData::Srv {
                priority: 0,
                weight: 100,
                port,
                target: svc_fqdn(s),
            },
        )]);
    }
    let eps = ready_endpoints(store, s);
    let port = endpoint_port(store, s, &sp.name).unwrap_or(sp.port as u16);
    Some(
        eps.into_iter()
            .map(|(label, _)| {
                rec(
                    owner,
                    RData::Srv {
                        priority: 0,
                        weight: 100,
                        port,
                        target: format!("{label}.{}", svc_fqdn(s)),
                    },
                )
            })
            .collect(),
    )
}

/// Shares 100 among the answer's SRV records the way CoreDNS does (DNS6): every record the
/// kubernetes plugin makes has priority 0 and no weight of its own, so each gets
/// floor(100 / n), at least 1.
fn weigh(mut records: Vec<Record>) -> Vec<Record> {
    let total = 100.0 * records.len() as f64;
    let w = ((100.0 / total * 100.0).floor() as u16).max(1);
    for r in &mut records {
        if let RData::Srv { weight, .. } = &mut r.data {
            *weight = w;
        }
    }
    records
}

/// PTR for an address that is a ready endpoint of a headless service, or a ClusterIP.
fn ptr(store: &Store, ip: &str, name: &str) -> Option<Vec<Record>> {
    let mut out = Vec::new();
    for s in store.list::<Service>(None) {
        if s.is_headless() {
            for (label, addr) in ready_endpoints(store, s) {
                if addr == ip {
                    out.push(rec(name, RData::Ptr(format!("{label}.{}", svc_fqdn(s)))));
                }
            }
        } else if s.spec.cluster_ip == ip {
            out.push(rec(name, RData::Ptr(svc_fqdn(s))));
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_and_reverse_names() {
        assert_eq!(
            search_list("default"),
            [
                "default.svc.cluster.local",
                "svc.cluster.local",
                "cluster.local"
            ]
        );
        assert_eq!(reverse_name("10.244.1.2"), "2.1.244.10.in-addr.arpa");
        let weights = |n: usize| {
            let srv = RData::Srv {
                priority: 0,
                weight: 0,
                port: 80,
                target: "t".into(),
            };
            let recs = vec![rec("x", srv); n];
            match &weigh(recs)[0].data {
                RData::Srv { weight, .. } => *weight,
                _ => unreachable!(),
            }
        };
        assert_eq!(
            [1, 2, 3, 5, 6, 7, 10, 101, 300].map(weights),
            [100, 50, 33, 20, 16, 14, 10, 1, 1]
        );
        let store = Store::default();
        assert_eq!(
            lookup(&store, "example.com", QType::A),
            Err(DnsError::Upstream {
                name: "example.com".into()
            })
        );
        assert_eq!(
            resolve(&store, "default", "nginx", QType::A),
            Err(DnsError::NxDomain {
                name: "nginx".into()
            })
        );
    }
}
