//! EndpointSlice controller (pkg/controller/endpointslice): one slice per Service with a
//! selector, one endpoint per selected pod that has an IP and is not finished (DNS2).

use super::{Ctx, Timer};
use crate::api::{
    Endpoint, EndpointConditions, EndpointPort, EndpointSlice, IntOrString, Kind, Object,
    ObjectMeta, ObjectReference, OwnerReference, Pod, Service, SERVICE_NAME_LABEL,
};
use crate::apiserver::store::{key, Key, Shared};
use crate::apiserver::{WatchEvent, WatchType};
use std::collections::BTreeSet;

pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// Reconcile the slices of one Service.
    Sync(Key),
}

#[derive(Clone, Debug, Default)]
pub struct EndpointSliceController {
    queued: BTreeSet<Key>,
}

fn selects(svc: &Service, labels: &crate::api::Labels) -> bool {
    !svc.spec.selector.is_empty()
        && svc
            .spec
            .selector
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
}

/// What about a pod shows in its endpoint.
fn endpoint_view(
    p: &Pod,
) -> (
    &crate::api::Labels,
    &str,
    bool,
    bool,
    &str,
    &str,
    &str,
    &str,
) {
    (
        &p.metadata.labels,
        &p.status.pod_ip,
        p.is_ready(),
        p.metadata.deletion_timestamp.is_some(),
        &p.status.phase,
        &p.spec.hostname,
        &p.spec.subdomain,
        &p.spec.node_name,
    )
}

impl EndpointSliceController {
    fn enqueue(&mut self, ctx: &mut Ctx, k: Key) {
        if self.queued.insert(k.clone()) {
            let at = ctx.after(ctx.timing.endpoints_ms);
            ctx.schedule(at, Timer::EndpointSlice(Work::Sync(k)));
        }
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match &ev.object {
            Object::Service(s) => self.enqueue(ctx, key(&s.metadata.namespace, &s.metadata.name)),
            Object::Pod(p) => {
                let old = match &ev.old {
                    Some(Object::Pod(o)) => Some(o),
                    _ => None,
                };
                if ev.type_ == WatchType::Modified
                    && old.is_some_and(|o| endpoint_view(o) == endpoint_view(p))
                {
                    return;
                }
                let ns = p.metadata.namespace.clone();
                let services: Vec<Key> = ctx
                    .api
                    .list::<Service>(Some(&ns))
                    .filter(|s| {
                        selects(s, &p.metadata.labels)
                            || old.is_some_and(|o| selects(s, &o.metadata.labels))
                    })
                    .map(|s| key(&ns, &s.metadata.name))
                    .collect();
                for k in services {
                    self.enqueue(ctx, k);
                }
            }
            Object::EndpointSlice(s) if ev.type_ == WatchType::Deleted => {
                if let Some(svc) = s.metadata.labels.get(SERVICE_NAME_LABEL) {
                    if s.metadata.labels.get(MANAGED_BY_LABEL).map(String::as_str)
                        == Some(MANAGED_BY)
                    {
                        self.enqueue(ctx, key(&s.metadata.namespace, svc));
                    }
                }
            }
            _ => {}
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        let Work::Sync(k) = work;
        self.queued.remove(&k);
        sync_service(ctx, &k);
    }
}

/// `reconcile`: the slice the service should have, created or updated in place; extra
/// slices removed.
fn sync_service(ctx: &mut Ctx, k: &Key) {
    let Some(svc) = ctx.api.get::<Service>(&k.0, &k.1).cloned() else {
        return;
    };
    if svc.spec.selector.is_empty() || svc.metadata.deletion_timestamp.is_some() {
        return;
    }
    let mut pods: Vec<&Pod> = ctx
        .api
        .list::<Pod>(Some(&k.0))
        .filter(|p| selects(&svc, &p.metadata.labels))
        // ShouldPodBeInEndpoints(pod, includeTerminating=true)
        .filter(|p| {
            !p.status.pod_ip.is_empty()
                && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
        })
        .collect();
    crate::sort::sort_by(&mut pods, |a, b| a.metadata.name.cmp(&b.metadata.name));
    let publish = svc.spec.publish_not_ready_addresses;
    let endpoints: Vec<Endpoint> = pods
        .iter()
        .map(|p| {
            let terminating = p.metadata.deletion_timestamp.is_some();
            // podToEndpoint: serving is the pod's Ready condition even when
            // publishNotReadyAddresses makes the endpoint ready.
            let serving = p.is_ready();
            let hostname = if !p.spec.hostname.is_empty() && p.spec.subdomain == svc.metadata.name {
                p.spec.hostname.clone()
            } else {
                String::new()
            };
            Endpoint {
                addresses: vec![p.status.pod_ip.clone()],
                conditions: EndpointConditions {
                    ready: Some(publish || (serving && !terminating)),
                    serving: Some(serving),
                    terminating: Some(terminating),
                },
                hostname,
                node_name: p.spec.node_name.clone(),
                target_ref: Some(ObjectReference {
                    kind: "Pod".into(),
                    namespace: p.metadata.namespace.clone(),
                    name: p.metadata.name.clone(),
                    uid: p.metadata.uid.clone(),
                    ..Default::default()
                }),
            }
        })
        .collect();
    let ports: Vec<EndpointPort> = if endpoints.is_empty() {
        Vec::new()
    } else {
        svc.spec
            .ports
            .iter()
            .map(|sp| EndpointPort {
                name: sp.name.clone(),
                port: Some(target_port(sp, pods.first().copied())),
                protocol: if sp.protocol.is_empty() {
                    "TCP".into()
                } else {
                    sp.protocol.clone()
                },
            })
            .collect()
    };
    let mut labels = svc.metadata.labels.clone();
    labels.insert(SERVICE_NAME_LABEL.into(), svc.metadata.name.clone());
    labels.insert(MANAGED_BY_LABEL.into(), MANAGED_BY.into());
    if svc.is_headless() {
        labels.insert(HEADLESS_LABEL.into(), String::new());
    }
    let mut existing: Vec<Shared<EndpointSlice>> = ctx
        .api
        .store
        .list_shared::<EndpointSlice>(Some(&k.0))
        .filter(|s| {
            s.metadata.labels.get(SERVICE_NAME_LABEL) == Some(&svc.metadata.name)
                && s.metadata.labels.get(MANAGED_BY_LABEL).map(String::as_str) == Some(MANAGED_BY)
        })
        .collect();
    crate::sort::sort_by(&mut existing, |a, b| a.metadata.name.cmp(&b.metadata.name));
    let plan = place_endpoints(&existing, endpoints);
    let now = ctx.now;
    let mut kept_one = false;
    for (slice, eps) in existing.iter().zip(&plan.existing) {
        // A Service without endpoints keeps one empty placeholder slice.
        let keep_placeholder = plan.is_empty() && !kept_one;
        if eps.is_empty() && !keep_placeholder {
            let _ = ctx.api.delete(
                Kind::EndpointSlice,
                &k.0,
                &slice.metadata.name,
                &Default::default(),
                now,
            );
            continue;
        }
        kept_one = true;
        let slice_ports = if eps.is_empty() {
            Vec::new()
        } else {
            ports.clone()
        };
        if &slice.endpoints != eps || slice.ports != slice_ports || slice.metadata.labels != labels
        {
            let mut s = EndpointSlice::clone(slice);
            s.endpoints = eps.clone();
            s.ports = slice_ports;
            s.metadata.labels = labels.clone();
            let _ = ctx.api.update(Object::EndpointSlice(s), now);
        }
    }
    let mut fresh = plan.fresh;
    if fresh.is_empty() && !kept_one {
        fresh.push(Vec::new());
    }
    for eps in fresh {
        let slice = EndpointSlice {
            metadata: ObjectMeta {
                generate_name: format!("{}-", svc.metadata.name),
                namespace: k.0.clone(),
                labels: labels.clone(),
                owner_references: vec![OwnerReference::controller(
                    "v1",
                    "Service",
                    &svc.metadata.name,
                    &svc.metadata.uid,
                )],
                ..Default::default()
            },
            address_type: "IPv4".into(),
            ports: if eps.is_empty() {
                Vec::new()
            } else {
                ports.clone()
            },
            endpoints: eps,
        };
        let _ = ctx.api.create(Object::EndpointSlice(slice), now);
    }
}

/// kube-controller-manager's `--max-endpoints-per-slice` default.
pub const MAX_ENDPOINTS_PER_SLICE: usize = 100;

/// Where each desired endpoint goes: the reconciler keeps an endpoint in the slice that already
/// holds it (updated in place), drops endpoints no longer wanted, fills slices with room, and only
/// then opens new slices of at most [`MAX_ENDPOINTS_PER_SLICE`].
struct Placement {
    /// The endpoints each existing slice should hold, in the order given.
    existing: Vec<Vec<Endpoint>>,
    /// Endpoints for new slices.
    fresh: Vec<Vec<Endpoint>>,
}

impl Placement {
    fn is_empty(&self) -> bool {
        self.existing.iter().chain(&self.fresh).all(Vec::is_empty)
    }
}

fn endpoint_key(e: &Endpoint) -> &str {
    e.target_ref.as_ref().map_or("", |r| r.name.as_str())
}

fn place_endpoints(existing: &[Shared<EndpointSlice>], desired: Vec<Endpoint>) -> Placement {
    let mut wanted: std::collections::BTreeMap<String, Endpoint> = desired
        .into_iter()
        .map(|e| (endpoint_key(&e).to_string(), e))
        .collect();
    let mut placed: Vec<Vec<Endpoint>> = existing
        .iter()
        .map(|s| {
            s.endpoints
                .iter()
                .filter_map(|e| wanted.remove(endpoint_key(e)))
                .collect()
        })
        .collect();
    let mut fresh: Vec<Vec<Endpoint>> = Vec::new();
    for (_, e) in wanted {
        if let Some(room) = placed
            .iter_mut()
            .chain(fresh.iter_mut())
            .find(|eps| !eps.is_empty() && eps.len() < MAX_ENDPOINTS_PER_SLICE)
        {
            room.push(e);
        } else if let Some(empty) = placed.iter_mut().find(|eps| eps.is_empty()) {
            // An emptied (or placeholder) slice is reused before a new one is created.
            empty.push(e);
        } else {
            fresh.push(vec![e]);
        }
    }
    Placement {
        existing: placed,
        fresh,
    }
}

/// The port endpoints listen on: an int targetPort, a named container port, or the port.
fn target_port(sp: &crate::api::ServicePort, pod: Option<&Pod>) -> i32 {
    match &sp.target_port {
        Some(IntOrString::Int(n)) if *n > 0 => *n as i32,
        Some(IntOrString::String(name)) => pod
            .and_then(|p| {
                p.spec
                    .containers
                    .iter()
                    .flat_map(|c| &c.ports)
                    .find(|cp| cp.name == *name)
            })
            .map(|cp| cp.container_port)
            .unwrap_or(sp.port),
        _ => sp.port,
    }
}
