//! The view model: everything the interface shows, read out of one `Cluster` at one instant.
//! Plain data, built by a pure function; components render it and never see the simulator.

// The canvas shows the STATUS and READY columns exactly as `kubectl get pods` prints them.
use super::natural::natural_cmp;
use super::workloads::{self, DeploymentView, ReplicaSetView, RsRole};
use ordinal_kubectl::output::printers::pod_status;
use ordinal_sim::api::{
    ControllerRevision, EndpointSlice, Event, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    Service, StatefulSet, POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL, SERVICE_NAME_LABEL,
    TAINT_UNSCHEDULABLE,
};
use ordinal_sim::apiserver::WatchType;
use ordinal_sim::dns::{self, QType, RData};
use ordinal_sim::time::human_duration;
use ordinal_sim::{Cluster, Millis};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Most rows kept for the events and `get pods -w` panels.
pub const MAX_ROWS: usize = 120;
/// The cluster DNS zone (`cluster.local`).
pub const ZONE: &str = dns::CLUSTER_DOMAIN;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub now: Millis,
    pub nodes: Vec<NodeView>,
    pub sets: Vec<SetView>,
    pub deployments: Vec<DeploymentView>,
    /// ReplicaSets and ReplicationControllers.
    pub replica_sets: Vec<ReplicaSetView>,
    pub pods: Vec<PodView>,
    pub claims: Vec<ClaimView>,
    pub services: Vec<ServiceView>,
    /// PtrEq, and reused while unchanged, so panels can skip re-rendering cheaply.
    pub dns: Rc<Vec<DnsRecord>>,
    /// What the DNS records were computed from (Services' and EndpointSlices' versions).
    pub dns_key: u64,
    pub events: Rc<Vec<EventRow>>,
    pub pod_rows: Rc<Vec<PodRow>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub name: String,
    /// The Ready condition: "True", "False" or "Unknown".
    pub ready: String,
    pub unschedulable: bool,
    /// Taint keys with effects, `node.kubernetes.io/unreachable:NoExecute`.
    pub taints: Vec<String>,
}

impl NodeView {
    /// kubectl's STATUS column for nodes (`Ready`, `NotReady`, `Ready,SchedulingDisabled`).
    pub fn status(&self) -> String {
        let base = if self.ready == "True" {
            "Ready"
        } else {
            "NotReady"
        };
        if self.unschedulable {
            format!("{base},SchedulingDisabled")
        } else {
            base.to_string()
        }
    }
}

/// Which revision a pod runs, relative to its StatefulSet's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevisionRole {
    /// `status.currentRevision` (and the update revision differs).
    Current,
    /// `status.updateRevision` (and the current revision differs).
    Update,
    /// Current and update revision are the same: nothing is rolling out.
    Settled,
    /// Neither, or no revision label.
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodView {
    pub name: String,
    pub namespace: String,
    /// The StatefulSet whose pod this is (controller owner, else the pod-name label's prefix).
    pub set: Option<String>,
    /// True when no controller owns the pod (orphaned by `--cascade=orphan`).
    pub orphan: bool,
    /// The ReplicaSet (or ReplicationController) that controls the pod: a cattle pod.
    pub replica_set: Option<String>,
    /// When the pod was created (cattle pods are drawn oldest first).
    pub created_ms: Millis,
    /// Why a waiting pod waits: its newest warning (reason, message), e.g. FailedAttachVolume
    /// "Multi-Attach error for volume …".
    pub waiting: Option<(String, String)>,
    pub ordinal: Option<i32>,
    pub node: Option<String>,
    pub phase: String,
    /// kubectl's STATUS column (`ContainerCreating`, `Running`, `Terminating`…).
    pub status: String,
    /// kubectl's READY column (`1/1`).
    pub ready_column: String,
    pub ready: bool,
    pub terminating: bool,
    pub revision: String,
    pub revision_number: Option<i64>,
    pub revision_role: RevisionRole,
    pub image: String,
    pub ip: String,
    pub restarts: i32,
    pub claims: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClaimTemplateView {
    pub name: String,
    pub size: String,
    pub access_modes: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetView {
    pub name: String,
    pub namespace: String,
    pub desired: i32,
    pub start: i32,
    pub replicas: i32,
    pub ready_replicas: i32,
    pub current_replicas: i32,
    pub updated_replicas: i32,
    pub available_replicas: i32,
    pub current_revision: String,
    pub current_revision_number: Option<i64>,
    pub update_revision: String,
    pub update_revision_number: Option<i64>,
    pub generation: i64,
    pub observed_generation: Option<i64>,
    /// `RollingUpdate` or `OnDelete`.
    pub strategy: String,
    pub partition: Option<i32>,
    /// `OrderedReady` or `Parallel`.
    pub pod_management_policy: String,
    pub when_scaled: String,
    pub when_deleted: String,
    pub service_name: String,
    /// The first container's name (what `kubectl set image` addresses).
    pub container: String,
    pub images: Vec<String>,
    pub claim_templates: Vec<ClaimTemplateView>,
    pub min_ready_seconds: i32,
    pub deleting: bool,
    /// The controller's own explanation of what it is doing or waiting for, when it gives one.
    pub explanation: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClaimView {
    pub name: String,
    pub namespace: String,
    /// The StatefulSet and ordinal this claim was stamped for (`www-web-2` → web, 2).
    pub set: Option<String>,
    pub ordinal: Option<i32>,
    pub template: Option<String>,
    pub phase: String,
    pub volume: String,
    pub capacity: String,
    /// The pod that mounts this claim right now, if one exists.
    pub used_by: Option<String>,
    /// Every pod whose spec names this claim (a ReplicaSet's replicas all share one).
    pub users: Vec<String>,
    /// Owner references (kind/name), e.g. `Pod/web-2` under a Delete retention policy.
    pub owners: Vec<String>,
    pub terminating: bool,
    /// The node a local volume lives on.
    pub volume_node: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceView {
    pub name: String,
    pub namespace: String,
    pub headless: bool,
    pub selector: String,
    pub ports: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsRecord {
    pub name: String,
    /// `A` or `SRV`.
    pub type_: &'static str,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// The Event's resourceVersion: orders events that share an instant.
    pub seq: u64,
    pub last_seen_ms: Millis,
    pub type_: String,
    pub reason: String,
    /// `pod/web-0`, as `kubectl get events` prints the OBJECT column.
    pub object: String,
    pub message: String,
    pub count: i32,
    pub component: String,
}

/// One `kubectl get pods -w` line: the pod as it was after a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodRow {
    pub seq: u64,
    pub at: Millis,
    pub name: String,
    pub ready: String,
    pub status: String,
    pub restarts: i32,
    pub age: String,
    pub deleted: bool,
}

impl Snapshot {
    pub fn set(&self, name: &str) -> Option<&SetView> {
        self.sets.iter().find(|s| s.name == name)
    }

    pub fn replica_set(&self, name: &str) -> Option<&ReplicaSetView> {
        self.replica_sets.iter().find(|r| r.name == name)
    }

    pub fn deployment(&self, name: &str) -> Option<&DeploymentView> {
        self.deployments.iter().find(|d| d.name == name)
    }

    pub fn pod(&self, name: &str) -> Option<&PodView> {
        self.pods.iter().find(|p| p.name == name)
    }

    pub fn node(&self, name: &str) -> Option<&NodeView> {
        self.nodes.iter().find(|n| n.name == name)
    }

    /// Reads everything the interface shows out of the cluster.
    pub fn of(cluster: &Cluster) -> Snapshot {
        Snapshot::after(cluster, None)
    }

    /// Like `of`, reusing the previous snapshot's DNS records when nothing they come from
    /// changed (answering every name costs more than the rest of the snapshot together).
    pub fn after(cluster: &Cluster, previous: Option<&Snapshot>) -> Snapshot {
        let api = &cluster.api;
        let now = cluster.now;
        let revision_number =
            |ns: &str, name: &str| api.get::<ControllerRevision>(ns, name).map(|r| r.revision);
        let sets: Vec<SetView> = api
            .list::<StatefulSet>(None)
            .map(|s| set_view(s, &revision_number, explanation(cluster, s)))
            .collect();
        let nodes = api.list::<Node>(None).map(node_view).collect();
        let deployments = workloads::deployment_views(cluster);
        let replica_sets = workloads::replica_set_views(cluster);
        let waiting = workloads::waiting_reasons(cluster);
        let mut pods: Vec<PodView> = api
            .list::<Pod>(None)
            .map(|p| {
                let mut v = pod_view(p, &sets, &revision_number);
                cattle_view(&mut v, p, &replica_sets, &waiting);
                v
            })
            .collect();
        // Natural order (web-2 before web-10): the canvas's tab order and every list follow it.
        ordinal_sim::sort::sort_by(&mut pods, |a, b| {
            natural_cmp(&a.namespace, &b.namespace).then(natural_cmp(&a.name, &b.name))
        });
        let mut claims: Vec<ClaimView> = api
            .list::<PersistentVolumeClaim>(None)
            .map(|c| claim_view(c, &sets, &pods, cluster))
            .collect();
        ordinal_sim::sort::sort_by(&mut claims, |a, b| {
            natural_cmp(&a.namespace, &b.namespace).then(natural_cmp(&a.name, &b.name))
        });
        let services: Vec<ServiceView> = api.list::<Service>(None).map(service_view).collect();
        let dns_key = dns_key(cluster);
        let dns = match previous {
            Some(p) if p.dns_key == dns_key => p.dns.clone(),
            _ => Rc::new(dns_records(cluster)),
        };
        // Reuse the previous rows when they came out the same (same values: same Rc).
        let reuse = |new: Vec<EventRow>| match previous {
            Some(p) if *p.events == new => p.events.clone(),
            _ => Rc::new(new),
        };
        let events = reuse(event_rows(cluster));
        let pod_rows = {
            let new = pod_rows(cluster);
            match previous {
                Some(p) if *p.pod_rows == new => p.pod_rows.clone(),
                _ => Rc::new(new),
            }
        };
        Snapshot {
            now,
            dns,
            dns_key,
            events,
            pod_rows,
            nodes,
            sets,
            deployments,
            replica_sets,
            pods,
            claims,
            services,
        }
    }
}

fn node_view(n: &Node) -> NodeView {
    NodeView {
        name: n.metadata.name.clone(),
        ready: n.ready_status().to_string(),
        unschedulable: n.spec.unschedulable,
        taints: n
            .spec
            .taints
            .iter()
            .filter(|t| !(n.spec.unschedulable && t.key == TAINT_UNSCHEDULABLE))
            .map(|t| format!("{}:{}", t.key, t.effect))
            .collect(),
    }
}

fn set_view(
    s: &StatefulSet,
    revision_number: &dyn Fn(&str, &str) -> Option<i64>,
    explanation: Option<String>,
) -> SetView {
    let ns = &s.metadata.namespace;
    let (when_scaled, when_deleted) = s.retention_policy();
    SetView {
        name: s.metadata.name.clone(),
        namespace: ns.clone(),
        desired: s.replicas(),
        start: s.start_ordinal(),
        replicas: s.status.replicas,
        ready_replicas: s.status.ready_replicas,
        current_replicas: s.status.current_replicas,
        updated_replicas: s.status.updated_replicas,
        available_replicas: s.status.available_replicas,
        current_revision_number: revision_number(ns, &s.status.current_revision),
        current_revision: s.status.current_revision.clone(),
        update_revision_number: revision_number(ns, &s.status.update_revision),
        update_revision: s.status.update_revision.clone(),
        generation: s.metadata.generation,
        observed_generation: s.status.observed_generation,
        strategy: s.update_strategy_type().to_string(),
        partition: s.rolling_update().and_then(|r| r.partition),
        pod_management_policy: if s.allows_burst() {
            "Parallel".into()
        } else {
            "OrderedReady".into()
        },
        when_scaled: when_scaled.into(),
        when_deleted: when_deleted.into(),
        service_name: s.spec.service_name.clone(),
        container: s
            .spec
            .template
            .spec
            .containers
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        images: s
            .spec
            .template
            .spec
            .containers
            .iter()
            .map(|c| c.image.clone())
            .collect(),
        claim_templates: s
            .spec
            .volume_claim_templates
            .iter()
            .map(|t| ClaimTemplateView {
                name: t.metadata.name.clone(),
                size: t
                    .spec
                    .resources
                    .requests
                    .get("storage")
                    .cloned()
                    .unwrap_or_default(),
                access_modes: t.spec.access_modes.join(","),
            })
            .collect(),
        min_ready_seconds: s.min_ready_seconds(),
        deleting: s.metadata.is_terminating(),
        explanation,
    }
}

/// The controller's explanation of its last sync of a set (core `StatefulSetController::explain`).
fn explanation(cluster: &Cluster, set: &StatefulSet) -> Option<String> {
    cluster
        .statefulset
        .explain(&set.metadata.namespace, &set.metadata.name)
        .map(|e| e.message())
}

/// The set a pod belongs to: its controller owner, or (orphans) the prefix of its pod-name label.
fn pod_set(p: &Pod) -> (Option<String>, bool) {
    if let Some(r) = p.metadata.controller_ref() {
        if r.kind == "StatefulSet" {
            return (Some(r.name.clone()), false);
        }
        return (None, false);
    }
    let by_label = p
        .metadata
        .labels
        .get(POD_NAME_LABEL)
        .and_then(|n| n.rsplit_once('-'))
        .filter(|(_, ord)| ord.parse::<i32>().is_ok())
        .map(|(set, _)| set.to_string());
    let orphan = by_label.is_some();
    (by_label, orphan)
}

fn pod_ordinal(p: &Pod, set: Option<&str>) -> Option<i32> {
    if let Some(i) = p
        .metadata
        .labels
        .get(POD_INDEX_LABEL)
        .and_then(|v| v.parse().ok())
    {
        return Some(i);
    }
    let set = set?;
    p.metadata
        .name
        .strip_prefix(set)?
        .strip_prefix('-')?
        .parse()
        .ok()
}

fn pod_view(
    p: &Pod,
    sets: &[SetView],
    revision_number: &dyn Fn(&str, &str) -> Option<i64>,
) -> PodView {
    let (set, orphan) = pod_set(p);
    let ordinal = pod_ordinal(p, set.as_deref());
    let revision = p
        .metadata
        .labels
        .get(REVISION_LABEL)
        .cloned()
        .unwrap_or_default();
    let owner = set.as_deref().and_then(|n| {
        sets.iter()
            .find(|s| s.name == n && s.namespace == p.metadata.namespace)
    });
    let revision_role = match owner {
        Some(s) if !revision.is_empty() => {
            let (cur, upd) = (&s.current_revision, &s.update_revision);
            if revision == *cur && revision == *upd {
                RevisionRole::Settled
            } else if revision == *upd {
                RevisionRole::Update
            } else if revision == *cur {
                RevisionRole::Current
            } else {
                RevisionRole::Other
            }
        }
        _ => RevisionRole::Other,
    };
    PodView {
        name: p.metadata.name.clone(),
        namespace: p.metadata.namespace.clone(),
        orphan,
        ordinal,
        node: Some(p.spec.node_name.clone()).filter(|n| !n.is_empty()),
        phase: if p.status.phase.is_empty() {
            "Pending".into()
        } else {
            p.status.phase.clone()
        },
        status: pod_status::status(p),
        ready_column: pod_status::ready(p),
        ready: p.is_ready(),
        terminating: p.metadata.is_terminating(),
        revision_number: revision_number(&p.metadata.namespace, &revision),
        revision,
        revision_role,
        image: p
            .spec
            .containers
            .first()
            .map(|c| c.image.clone())
            .unwrap_or_default(),
        ip: p.status.pod_ip.clone(),
        restarts: p
            .status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum(),
        claims: p.claim_names().map(str::to_string).collect(),
        set,
        replica_set: None,
        created_ms: p.metadata.creation_timestamp.map_or(0, |t| t.ms()),
        waiting: None,
    }
}

/// The ReplicaSet side of a pod: its owner, its revision and role (new or old ReplicaSet of a
/// rollout), and why it waits.
fn cattle_view(
    v: &mut PodView,
    p: &Pod,
    replica_sets: &[ReplicaSetView],
    waiting: &BTreeMap<(String, String), (String, String)>,
) {
    v.waiting = waiting
        .get(&(p.metadata.namespace.clone(), p.metadata.name.clone()))
        .cloned();
    let Some(rs) = workloads::pod_replica_set(p) else {
        return;
    };
    if let Some(r) = replica_sets
        .iter()
        .find(|r| r.name == rs && r.namespace == p.metadata.namespace)
    {
        v.revision_number = r.revision;
        v.revision = r.template_hash.clone();
        v.revision_role = match r.role {
            RsRole::New => RevisionRole::Update,
            RsRole::Old => RevisionRole::Current,
            RsRole::Settled => RevisionRole::Settled,
        };
    }
    v.replica_set = Some(rs);
}

/// `www-web-2` against set `web` with template `www` → (web, www, 2).
fn claim_identity(name: &str, ns: &str, sets: &[SetView]) -> Option<(String, String, i32)> {
    sets.iter().filter(|s| s.namespace == ns).find_map(|s| {
        s.claim_templates.iter().find_map(|t| {
            let ord = name
                .strip_prefix(t.name.as_str())?
                .strip_prefix('-')?
                .strip_prefix(s.name.as_str())?
                .strip_prefix('-')?
                .parse()
                .ok()?;
            Some((s.name.clone(), t.name.clone(), ord))
        })
    })
}

/// Claims outlive their set: without a set, read `<template>-<set>-<ordinal>` from pod names.
fn claim_identity_from_pods(name: &str, pods: &[PodView]) -> Option<(String, String, i32)> {
    pods.iter().find_map(|p| {
        let (set, ord) = (p.set.as_ref()?, p.ordinal?);
        let suffix = format!("-{set}-{ord}");
        let template = name.strip_suffix(suffix.as_str())?;
        Some((set.clone(), template.to_string(), ord))
    })
}

/// Set and pods both gone (`kubectl delete sts` with whenDeleted: Retain): the name alone,
/// `<template>-<set>-<ordinal>`, split at its first dash. The tutorial's templates (`www`,
/// `data`) have none; a template that has one only makes the group's name longer.
fn claim_identity_from_name(name: &str) -> Option<(String, String, i32)> {
    let (rest, ord) = name.rsplit_once('-')?;
    if ord.is_empty() || ord.len() > 9 || !ord.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (template, set) = rest.split_once('-')?;
    if template.is_empty() || set.is_empty() {
        return None;
    }
    Some((set.to_string(), template.to_string(), ord.parse().ok()?))
}

fn claim_view(
    c: &PersistentVolumeClaim,
    sets: &[SetView],
    pods: &[PodView],
    cluster: &Cluster,
) -> ClaimView {
    let name = &c.metadata.name;
    let ns = &c.metadata.namespace;
    let users: Vec<String> = pods
        .iter()
        .filter(|p| p.namespace == *ns && p.claims.iter().any(|n| n == name))
        .map(|p| p.name.clone())
        .collect();
    let id = claim_identity(name, ns, sets)
        .or_else(|| claim_identity_from_pods(name, pods))
        .or_else(|| {
            users
                .is_empty()
                .then(|| claim_identity_from_name(name))
                .flatten()
        });
    let used_by = users.first().cloned();
    let volume = c.spec.volume_name.clone();
    let volume_node = cluster
        .api
        .get::<PersistentVolume>("", &volume)
        .and_then(|pv| pv.spec.node_affinity.as_ref())
        .and_then(|a| a.required.node_selector_terms.first())
        .and_then(|t| t.match_expressions.first())
        .and_then(|e| e.values.first().cloned());
    ClaimView {
        name: name.clone(),
        namespace: ns.clone(),
        set: id.as_ref().map(|i| i.0.clone()),
        template: id.as_ref().map(|i| i.1.clone()),
        ordinal: id.map(|i| i.2),
        phase: if c.status.phase.is_empty() {
            "Pending".into()
        } else {
            c.status.phase.clone()
        },
        capacity: c
            .status
            .capacity
            .get("storage")
            .or_else(|| c.spec.resources.requests.get("storage"))
            .cloned()
            .unwrap_or_default(),
        volume,
        used_by,
        users,
        owners: c
            .metadata
            .owner_references
            .iter()
            .map(|r| format!("{}/{}", r.kind, r.name))
            .collect(),
        terminating: c.metadata.is_terminating(),
        volume_node,
    }
}

fn service_view(s: &Service) -> ServiceView {
    ServiceView {
        name: s.metadata.name.clone(),
        namespace: s.metadata.namespace.clone(),
        headless: s.is_headless(),
        selector: s
            .spec
            .selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        ports: s
            .spec
            .ports
            .iter()
            .map(|p| p.port_protocol())
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// A fingerprint of everything DNS answers depend on: Services and EndpointSlices (FNV-1a over
/// their names and resourceVersions).
fn dns_key(cluster: &Cluster) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    for svc in cluster.api.list::<Service>(None) {
        eat(&svc.metadata.name);
        eat(&svc.metadata.resource_version);
    }
    for es in cluster.api.list::<EndpointSlice>(None) {
        eat(&es.metadata.name);
        eat(&es.metadata.resource_version);
    }
    h
}

/// DNS records of headless Services that exist right now, as the cluster DNS answers them
/// (core `dns::lookup`; docs/reference/dns.md DNS3): the Service's A records (one per ready endpoint),
/// one A record per ready endpoint hostname, and SRV records per named port. The ready
/// addresses come from the core's answer for the Service name; each hostname's address from
/// the EndpointSlices (one lookup per Service instead of one per pod).
fn dns_records(cluster: &Cluster) -> Vec<DnsRecord> {
    let api = &cluster.api;
    let mut out = Vec::new();
    let record = |r: dns::Record| {
        let (type_, value) = match r.data {
            RData::A(ip) => ("A", ip),
            RData::Srv {
                priority,
                weight,
                port,
                target,
            } => ("SRV", format!("{priority} {weight} {port} {target}.")),
            RData::Ptr(p) => ("PTR", p),
        };
        DnsRecord {
            name: r.name,
            type_,
            value,
        }
    };
    for svc in api.list::<Service>(None).filter(|s| s.is_headless()) {
        let ns = &svc.metadata.namespace;
        let base = format!("{}.{ns}.svc.{ZONE}", svc.metadata.name);
        let service_a = dns::lookup(&api.store, &base, QType::A).unwrap_or_default();
        let ready: Vec<&str> = service_a
            .iter()
            .filter_map(|r| match &r.data {
                RData::A(ip) => Some(ip.as_str()),
                _ => None,
            })
            .collect();
        let mut hosts: Vec<(&str, &str)> = api
            .list::<EndpointSlice>(Some(ns))
            .filter(|e| e.metadata.labels.get(SERVICE_NAME_LABEL) == Some(&svc.metadata.name))
            .flat_map(|e| e.endpoints.iter())
            .filter(|e| !e.hostname.is_empty())
            .flat_map(|e| {
                e.addresses
                    .iter()
                    .map(move |a| (e.hostname.as_str(), a.as_str()))
            })
            .filter(|(_, ip)| ready.contains(ip))
            .collect();
        // web-2 before web-10, as the pods are drawn.
        ordinal_sim::sort::sort_by(&mut hosts, |a, b| natural_cmp(a.0, b.0).then(a.1.cmp(b.1)));
        hosts.dedup();
        for (host, ip) in hosts {
            out.push(DnsRecord {
                name: format!("{host}.{base}"),
                type_: "A",
                value: ip.to_string(),
            });
        }
        out.extend(service_a.into_iter().map(record));
        for p in svc.spec.ports.iter().filter(|p| !p.name.is_empty()) {
            let proto = if p.protocol.is_empty() {
                "tcp".to_string()
            } else {
                p.protocol.to_lowercase()
            };
            let name = format!("_{}._{proto}.{base}", p.name);
            out.extend(
                dns::lookup(&api.store, &name, QType::Srv)
                    .unwrap_or_default()
                    .into_iter()
                    .map(record),
            );
        }
    }
    out
}

/// The newest `MAX_ROWS` events, oldest first (like `kubectl get events
/// --sort-by=.lastTimestamp`). Sorted by reference first: only the rows kept are built.
fn event_rows(cluster: &Cluster) -> Vec<EventRow> {
    let key = |e: &Event| {
        (
            e.last_timestamp
                .or(e.metadata.creation_timestamp)
                .map_or(0, |t| t.ms()),
            e.metadata.resource_version.parse::<u64>().unwrap_or(0),
        )
    };
    let mut events: Vec<(Millis, u64, &Event)> = cluster
        .api
        .list::<Event>(None)
        .map(|e| {
            let (at, seq) = key(e);
            (at, seq, e)
        })
        .collect();
    ordinal_sim::sort::sort_by_key(&mut events, |(at, seq, _)| (*at, *seq));
    let skip = events.len().saturating_sub(MAX_ROWS);
    events[skip..]
        .iter()
        .map(|&(last_seen_ms, seq, e)| EventRow {
            seq,
            last_seen_ms,
            type_: e.type_.clone(),
            reason: e.reason.clone(),
            object: format!(
                "{}/{}",
                e.involved_object.kind.to_lowercase(),
                e.involved_object.name
            ),
            message: e.message.clone(),
            count: e.count,
            component: e.source.component.clone(),
        })
        .collect()
}

fn pod_rows(cluster: &Cluster) -> Vec<PodRow> {
    let mut rows: Vec<PodRow> = Vec::new();
    let history: Vec<_> = cluster
        .api
        .watch_since(0)
        .filter(|e| e.kind == ordinal_sim::api::Kind::Pod)
        .collect();
    for ev in history.iter().rev() {
        if rows.len() >= MAX_ROWS {
            break;
        }
        let ordinal_sim::api::Object::Pod(p) = &ev.object else {
            continue;
        };
        let created = p.metadata.creation_timestamp.map_or(ev.at, |t| t.ms());
        rows.push(PodRow {
            seq: ev.seq,
            at: ev.at,
            name: p.metadata.name.clone(),
            ready: pod_status::ready(p),
            status: pod_status::status(p),
            restarts: p
                .status
                .container_statuses
                .iter()
                .map(|c| c.restart_count)
                .sum(),
            age: human_duration(ev.at.saturating_sub(created)),
            deleted: ev.type_ == WatchType::Deleted,
        });
    }
    rows.reverse();
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::{Object, ObjectMeta, OwnerReference};
    use ordinal_sim::ClusterConfig;

    fn set_with_claims() -> SetView {
        SetView {
            name: "web".into(),
            namespace: "default".into(),
            desired: 2,
            start: 0,
            replicas: 0,
            ready_replicas: 0,
            current_replicas: 0,
            updated_replicas: 0,
            available_replicas: 0,
            current_revision: String::new(),
            current_revision_number: None,
            update_revision: String::new(),
            update_revision_number: None,
            generation: 1,
            observed_generation: None,
            strategy: "RollingUpdate".into(),
            partition: None,
            pod_management_policy: "OrderedReady".into(),
            when_scaled: "Retain".into(),
            when_deleted: "Retain".into(),
            service_name: "nginx".into(),
            container: "nginx".into(),
            images: vec![],
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

    #[test]
    fn claims_are_matched_to_their_set_and_ordinal() {
        let sets = vec![set_with_claims()];
        assert_eq!(
            claim_identity("www-web-12", "default", &sets),
            Some(("web".into(), "www".into(), 12))
        );
        assert_eq!(claim_identity("www-web-x", "default", &sets), None);
        assert_eq!(claim_identity("www-web-1", "other", &sets), None);
    }

    /// The canvas and `kubectl get pods` never disagree: at every second of creation, a rolling
    /// update to an image that cannot be pulled, and a scale-down, each pod's STATUS and READY
    /// on the canvas are the columns kubectl prints.
    #[test]
    fn pod_cards_show_what_kubectl_get_pods_prints() {
        let mut s = ordinal_kubectl::Session::new(ordinal_kubectl::SessionConfig::default());
        let mut seen = std::collections::BTreeSet::new();
        let steps = [
            "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
            r#"kubectl patch statefulset web --type=json -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:no-such-tag"}]'"#,
            "kubectl scale statefulset web --replicas=1",
        ];
        for step in steps {
            assert_eq!(s.run(step, None).exit_code, 0, "{step}");
            for _ in 0..40 {
                let t = s.sim().now() + 1000;
                s.sim_mut().advance_to(t).unwrap();
                let out = s.run("kubectl get pods --no-headers", None);
                let snap = Snapshot::of(s.sim().cluster());
                for row in out.stdout.lines() {
                    let cols: Vec<&str> = row.split_whitespace().collect();
                    let card = snap.pod(cols[0]).expect("every listed pod is drawn");
                    assert_eq!(
                        (card.ready_column.as_str(), card.status.as_str()),
                        (cols[1], cols[2]),
                        "{row}"
                    );
                    seen.insert(cols[2].to_string());
                }
            }
        }
        // The walk went through the states a learner sees, not just Running.
        for status in [
            "ContainerCreating",
            "Running",
            "ErrImagePull",
            "Terminating",
        ] {
            assert!(seen.contains(status), "never saw {status}: {seen:?}");
        }
    }

    #[test]
    fn an_orphaned_pod_keeps_its_set_and_ordinal() {
        let mut c = ordinal_sim::Cluster::new(ClusterConfig::default());
        let mut pod = Pod {
            metadata: ObjectMeta::named("default", "web-3"),
            ..Default::default()
        };
        pod.metadata
            .labels
            .insert(POD_NAME_LABEL.into(), "web-3".into());
        pod.spec.containers = vec![Default::default()];
        pod.spec.containers[0].name = "nginx".into();
        pod.spec.containers[0].image = "nginx".into();
        c.create(Object::Pod(pod.clone())).unwrap();
        let snap = Snapshot::of(&c);
        let p = snap.pod("web-3").expect("pod in snapshot");
        assert_eq!(p.set.as_deref(), Some("web"));
        assert!(p.orphan);
        assert_eq!(p.ordinal, Some(3));
        assert_eq!(p.status, "Pending");

        let mut owned = pod;
        owned.metadata.name = "db-0".into();
        owned.metadata.labels.clear();
        owned.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            "db",
            "u1",
        )];
        c.create(Object::Pod(owned)).unwrap();
        let snap = Snapshot::of(&c);
        let p = snap.pod("db-0").unwrap();
        assert_eq!(
            (p.set.as_deref(), p.orphan, p.ordinal),
            (Some("db"), false, Some(0))
        );
        // The pods -w panel saw both creations, in order.
        let names: Vec<_> = snap.pod_rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["web-3", "db-0"]);
    }

    #[test]
    fn nodes_show_kubectl_status() {
        let c = ordinal_sim::Cluster::new(ClusterConfig::default());
        let snap = Snapshot::of(&c);
        let names: Vec<_> = snap.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["node-1", "node-2", "node-3"]);
        assert_eq!(snap.nodes[0].status(), "Ready");
        let mut n = snap.nodes[0].clone();
        n.unschedulable = true;
        assert_eq!(n.status(), "Ready,SchedulingDisabled");
    }
}
