//! kube-scheduler: binds pending pods to nodes. Filters run in the default plugin order
//! (NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
//! VolumeBinding); the first failing filter gives a node's reason. Among feasible nodes the one
//! with the fewest pods wins, then the lowest name (deterministic spreading). Unschedulable pods
//! are parked until a cluster event that could help (node, claim, volume, class changes, a pod
//! leaving), as the scheduling queue's `unschedulablePods` are.

use super::{Ctx, Timer};
use crate::api::{
    Node, NodeSelector, Object, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass,
    TAINT_UNSCHEDULABLE,
};
use crate::apiserver::{WatchEvent, WatchType};
use crate::store::{key, Key, Store};
use std::collections::{BTreeMap, BTreeSet};

pub const COMPONENT: &str = "default-scheduler";
/// PVC annotation the VolumeBinding plugin sets for WaitForFirstConsumer provisioning.
pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// One scheduling cycle for a pod.
    Schedule(Key),
    /// Move every parked pod back to the active queue.
    RetryUnschedulable,
    /// PreBind finished (its claims are bound): bind the assumed pod.
    BindAssumed(Key),
}

/// A pod whose node is chosen while its WaitForFirstConsumer claims are provisioned.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Assumed {
    uid: String,
    node: String,
}

#[derive(Clone, Debug, Default)]
pub struct Scheduler {
    queued: BTreeSet<Key>,
    unschedulable: BTreeSet<Key>,
    assumed: BTreeMap<Key, Assumed>,
    retry_pending: bool,
}

/// Whether the default scheduler is responsible for this pod now.
pub fn needs_scheduling(p: &Pod) -> bool {
    p.spec.node_name.is_empty()
        && p.metadata.deletion_timestamp.is_none()
        && matches!(p.spec.scheduler_name.as_str(), "" | COMPONENT)
        && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

fn pod_key(p: &Pod) -> Key {
    key(&p.metadata.namespace, &p.metadata.name)
}

fn is_terminal(p: &Pod) -> bool {
    matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

impl Scheduler {
    /// Pods waiting for their claims to be provisioned, with the chosen node.
    pub fn assumed_node(&self, namespace: &str, name: &str) -> Option<&str> {
        self.assumed
            .get(&key(namespace, name))
            .map(|a| a.node.as_str())
    }

    pub fn is_parked(&self, namespace: &str, name: &str) -> bool {
        self.unschedulable.contains(&key(namespace, name))
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match (&ev.object, ev.type_) {
            (Object::Pod(p), WatchType::Deleted) => {
                let k = pod_key(p);
                self.unschedulable.remove(&k);
                self.assumed.remove(&k);
                if !p.spec.node_name.is_empty() {
                    self.request_retry(ctx);
                }
            }
            (Object::Pod(p), _) => self.on_pod(ev, p, ctx),
            (Object::Node(n), WatchType::Modified) => {
                if let Some(Object::Node(old)) = &ev.old {
                    if scheduling_view(old) != scheduling_view(n) {
                        self.request_retry(ctx);
                    }
                }
            }
            // Queueing hints: only additions and updates of nodes, volumes, classes and
            // claims can make a parked pod schedulable (VolumeBinding `EventsToRegister`).
            (Object::Node(_), WatchType::Added)
            | (Object::PersistentVolume(_), WatchType::Added | WatchType::Modified)
            | (Object::StorageClass(_), WatchType::Added | WatchType::Modified) => {
                self.request_retry(ctx)
            }
            (Object::PersistentVolumeClaim(c), WatchType::Added | WatchType::Modified) => {
                self.request_retry(ctx);
                let waiting: Vec<Key> = self
                    .assumed
                    .keys()
                    .filter(|k| k.0 == c.metadata.namespace)
                    .cloned()
                    .collect();
                for k in waiting {
                    let at = ctx.after(ctx.timing.controller_sync_ms);
                    ctx.schedule(at, Timer::Scheduler(Work::BindAssumed(k)));
                }
            }
            _ => {}
        }
    }

    fn on_pod(&mut self, ev: &WatchEvent, p: &Pod, ctx: &mut Ctx) {
        let k = pod_key(p);
        if !needs_scheduling(p) {
            self.unschedulable.remove(&k);
            if !p.spec.node_name.is_empty() {
                self.assumed.remove(&k);
            }
            // A bound pod that finished or is going away frees its node's ports and slots.
            let freed = match &ev.old {
                Some(Object::Pod(o)) => {
                    !o.spec.node_name.is_empty()
                        && ((!is_terminal(o) && is_terminal(p))
                            || (o.metadata.deletion_timestamp.is_none()
                                && p.metadata.deletion_timestamp.is_some()))
                }
                _ => false,
            };
            if freed {
                self.request_retry(ctx);
            }
            return;
        }
        if self.assumed.contains_key(&k) || self.queued.contains(&k) {
            return;
        }
        if self.unschedulable.contains(&k) {
            // Only a change to what the pod asks for can make it schedulable by itself.
            let spec_changed = match &ev.old {
                Some(Object::Pod(o)) => o.spec != p.spec || o.metadata.labels != p.metadata.labels,
                None => true,
                _ => false,
            };
            if !spec_changed {
                return;
            }
            self.unschedulable.remove(&k);
        }
        self.enqueue(k, ctx);
    }

    fn enqueue(&mut self, k: Key, ctx: &mut Ctx) {
        if self.queued.insert(k.clone()) {
            let at = ctx.after(ctx.timing.scheduler_ms);
            ctx.schedule(at, Timer::Scheduler(Work::Schedule(k)));
        }
    }

    fn request_retry(&mut self, ctx: &mut Ctx) {
        if !self.unschedulable.is_empty() && !self.retry_pending {
            self.retry_pending = true;
            let at = ctx.after(ctx.timing.scheduler_ms);
            ctx.schedule(at, Timer::Scheduler(Work::RetryUnschedulable));
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        match work {
            Work::Schedule(k) => {
                self.queued.remove(&k);
                self.schedule_one(&k, ctx);
            }
            Work::RetryUnschedulable => {
                self.retry_pending = false;
                for k in std::mem::take(&mut self.unschedulable) {
                    self.enqueue(k, ctx);
                }
            }
            Work::BindAssumed(k) => self.bind_assumed(&k, ctx),
        }
    }

    fn schedule_one(&mut self, k: &Key, ctx: &mut Ctx) {
        let Some(pod) = ctx.api.get::<Pod>(&k.0, &k.1).cloned() else {
            return;
        };
        if !needs_scheduling(&pod) || self.assumed.contains_key(k) {
            return;
        }
        match find_node(&ctx.api.store, &pod, &self.assumed) {
            Ok(node) => self.assume(pod, node, ctx),
            Err(msg) => {
                self.unschedulable.insert(k.clone());
                record_failure(&pod, &msg, ctx);
            }
        }
    }

    /// VolumeBinding PreBind: point WaitForFirstConsumer claims at the node (dynamic
    /// provisioning) or pre-bind a matching static volume, then wait for them to bind.
    fn assume(&mut self, pod: Pod, node: String, ctx: &mut Ctx) {
        let store = &ctx.api.store;
        let mut claim_writes = Vec::new();
        let mut volume_writes = Vec::new();
        for name in pod.claim_names() {
            let Some(c) = store.get::<PersistentVolumeClaim>(&pod.metadata.namespace, name) else {
                continue;
            };
            if claim_is_bound(c) || !c.spec.volume_name.is_empty() {
                continue;
            }
            match static_volume_for(store, c, &node) {
                Some(pv) if !has_provisioner(store, c) => {
                    let mut pv = pv.clone();
                    pv.spec.claim_ref = Some(claim_ref(c));
                    volume_writes.push(pv);
                }
                _ => {
                    if c.metadata.annotations.get(ANN_SELECTED_NODE) != Some(&node) {
                        let mut c = c.clone();
                        c.metadata
                            .annotations
                            .insert(ANN_SELECTED_NODE.into(), node.clone());
                        claim_writes.push(c);
                    }
                }
            }
        }
        for c in claim_writes {
            let _ = ctx.api.update(Object::PersistentVolumeClaim(c), ctx.now);
        }
        for pv in volume_writes {
            let _ = ctx.api.update(Object::PersistentVolume(pv), ctx.now);
        }
        let k = pod_key(&pod);
        self.assumed.insert(
            k.clone(),
            Assumed {
                uid: pod.metadata.uid.clone(),
                node,
            },
        );
        self.bind_assumed(&k, ctx);
    }

    fn bind_assumed(&mut self, k: &Key, ctx: &mut Ctx) {
        let Some(a) = self.assumed.get(k).cloned() else {
            return;
        };
        let Some(pod) = ctx.api.get::<Pod>(&k.0, &k.1).cloned() else {
            self.assumed.remove(k);
            return;
        };
        if pod.metadata.uid != a.uid || !needs_scheduling(&pod) {
            self.assumed.remove(k);
            return;
        }
        let all_bound = pod.claim_names().all(|n| {
            ctx.api
                .get::<PersistentVolumeClaim>(&k.0, n)
                .is_some_and(claim_is_bound)
        });
        if !all_bound {
            return;
        }
        self.assumed.remove(k);
        match ctx.api.bind(&k.0, &k.1, &a.node, ctx.now) {
            Ok(_) => {
                let msg = format!("Successfully assigned {}/{} to {}", k.0, k.1, a.node);
                ctx.api.record_event(
                    ctx.now,
                    &Object::Pod(pod),
                    "Normal",
                    "Scheduled",
                    &msg,
                    COMPONENT,
                    "",
                );
            }
            // A failed binding sends the pod back to the queue.
            Err(_) => self.enqueue(k.clone(), ctx),
        }
    }
}

/// What about a node can change a scheduling decision (not heartbeats).
fn scheduling_view(
    n: &Node,
) -> (
    bool,
    &Vec<crate::api::Taint>,
    &crate::api::Labels,
    &str,
    &std::collections::BTreeMap<String, String>,
) {
    (
        n.spec.unschedulable,
        &n.spec.taints,
        &n.metadata.labels,
        n.ready_status(),
        &n.status.allocatable,
    )
}

fn claim_is_bound(c: &PersistentVolumeClaim) -> bool {
    c.status.phase == "Bound" && !c.spec.volume_name.is_empty()
}

fn claim_ref(c: &PersistentVolumeClaim) -> crate::api::ObjectReference {
    crate::api::ObjectReference {
        api_version: "v1".into(),
        kind: "PersistentVolumeClaim".into(),
        namespace: c.metadata.namespace.clone(),
        name: c.metadata.name.clone(),
        uid: c.metadata.uid.clone(),
        resource_version: c.metadata.resource_version.clone(),
        field_path: String::new(),
    }
}

/// PodScheduled=False/Unschedulable with the scheduler's message, and a FailedScheduling event.
fn record_failure(pod: &Pod, msg: &str, ctx: &mut Ctx) {
    let mut p = pod.clone();
    let conds = &mut p.status.conditions;
    let changed = match conds.iter_mut().find(|c| c.type_ == "PodScheduled") {
        Some(c) if c.status == "False" && c.reason == "Unschedulable" && c.message == msg => false,
        Some(c) => {
            if c.status != "False" {
                c.last_transition_time = Some(crate::time::Timestamp(ctx.now));
            }
            c.status = "False".into();
            c.reason = "Unschedulable".into();
            c.message = msg.into();
            true
        }
        None => {
            conds.push(crate::api::Condition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                last_transition_time: Some(crate::time::Timestamp(ctx.now)),
                last_heartbeat_time: None,
                reason: "Unschedulable".into(),
                message: msg.into(),
            });
            true
        }
    };
    if changed {
        let _ = ctx.api.update_status(Object::Pod(p), ctx.now);
    }
    ctx.api.record_event(
        ctx.now,
        &Object::Pod(pod.clone()),
        "Warning",
        "FailedScheduling",
        msg,
        COMPONENT,
        "",
    );
}

/// How a filter rejected a node: the reason text and whether preemption could help.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rejection {
    reasons: Vec<String>,
    resolvable: bool,
}

impl Rejection {
    fn unresolvable(r: &str) -> Self {
        Rejection {
            reasons: vec![r.to_string()],
            resolvable: false,
        }
    }
}

/// One scheduling cycle: the chosen node, or the scheduler's FitError text.
fn find_node(store: &Store, pod: &Pod, assumed: &BTreeMap<Key, Assumed>) -> Result<String, String> {
    let nodes: Vec<&Node> = store.list::<Node>(None).collect();
    if nodes.is_empty() {
        return Err("no nodes available to schedule pods".into());
    }
    let n = nodes.len();
    let postfilter = |rejections: &[Rejection]| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for r in rejections {
            let msg = if r.resolvable {
                "No preemption victims found for incoming pod"
            } else {
                "Preemption is not helpful for scheduling"
            };
            *counts.entry(msg).or_default() += 1;
        }
        let mut parts: Vec<String> = counts.iter().map(|(m, c)| format!("{c} {m}")).collect();
        parts.sort();
        format!(
            "preemption: 0/{n} nodes are available: {}.",
            parts.join(", ")
        )
    };
    if let Err(msg) = volume_prefilter(store, pod) {
        let all = vec![Rejection::unresolvable(""); n];
        return Err(format!(
            "0/{n} nodes are available: {msg}. {}",
            postfilter(&all)
        ));
    }
    let usage = NodeUsage::collect(store, assumed);
    let mut feasible: Vec<(usize, &str)> = Vec::new();
    let mut rejections = Vec::new();
    for node in &nodes {
        match filter(store, pod, node, &usage) {
            Ok(()) => feasible.push((usage.pods(&node.metadata.name), &node.metadata.name)),
            Err(r) => rejections.push(r),
        }
    }
    if let Some((_, name)) = feasible.into_iter().min() {
        return Ok(name.to_string());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rejections {
        for reason in &r.reasons {
            *counts.entry(reason).or_default() += 1;
        }
    }
    let mut parts: Vec<String> = counts.iter().map(|(m, c)| format!("{c} {m}")).collect();
    parts.sort();
    Err(format!(
        "0/{n} nodes are available: {}. {}",
        parts.join(", "),
        postfilter(&rejections)
    ))
}

/// VolumeBinding PreFilter: every claim must exist, not be terminating, and be bound unless
/// its class delays binding.
fn volume_prefilter(store: &Store, pod: &Pod) -> Result<(), String> {
    let ns = &pod.metadata.namespace;
    let mut unbound_immediate = false;
    for name in pod.claim_names() {
        let Some(c) = store.get::<PersistentVolumeClaim>(ns, name) else {
            return Err(format!("persistentvolumeclaim \"{name}\" not found"));
        };
        if c.metadata.deletion_timestamp.is_some() {
            return Err(format!("persistentvolumeclaim \"{name}\" is being deleted"));
        }
        if claim_is_bound(c) {
            if store
                .get::<PersistentVolume>("", &c.spec.volume_name)
                .is_none()
            {
                return Err("pvc(s) bound to non-existent pv(s)".into());
            }
        } else if c.spec.volume_name.is_empty() && !delays_binding(store, c) {
            unbound_immediate = true;
        }
    }
    if unbound_immediate {
        return Err("pod has unbound immediate PersistentVolumeClaims".into());
    }
    Ok(())
}

/// volume.IsDelayBindingMode: only a class that exists and says WaitForFirstConsumer delays.
pub fn delays_binding(store: &Store, c: &PersistentVolumeClaim) -> bool {
    claim_class(store, c)
        .is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"))
}

fn claim_class<'a>(store: &'a Store, c: &PersistentVolumeClaim) -> Option<&'a StorageClass> {
    match c.spec.storage_class_name.as_deref() {
        None | Some("") => None,
        Some(n) => store.get::<StorageClass>("", n),
    }
}

/// Whether the claim's class has a dynamic provisioner.
fn has_provisioner(store: &Store, c: &PersistentVolumeClaim) -> bool {
    claim_class(store, c).is_some_and(|sc| sc.provisioner != NO_PROVISIONER)
}

pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";

/// An Available static volume that fits the claim and is reachable from the node.
fn static_volume_for<'a>(
    store: &'a Store,
    c: &PersistentVolumeClaim,
    node: &str,
) -> Option<&'a PersistentVolume> {
    let labels = store
        .get::<Node>("", node)
        .map(|n| n.metadata.labels.clone())
        .unwrap_or_default();
    crate::controller::volume::matching_volumes(store, c)
        .into_iter()
        .find(|pv| volume_reaches(pv, &labels))
}

fn volume_reaches(pv: &PersistentVolume, labels: &crate::api::Labels) -> bool {
    pv.spec
        .node_affinity
        .as_ref()
        .is_none_or(|a| a.required.matches(labels))
}

/// Pods, ports and requests already placed on each node (bound or assumed, not finished).
struct NodeUsage {
    pods: BTreeMap<String, usize>,
    ports: BTreeMap<String, Vec<(i32, String)>>,
    cpu_milli: BTreeMap<String, u64>,
    memory: BTreeMap<String, u64>,
}

impl NodeUsage {
    fn collect(store: &Store, assumed: &BTreeMap<Key, Assumed>) -> Self {
        let mut u = NodeUsage {
            pods: BTreeMap::new(),
            ports: BTreeMap::new(),
            cpu_milli: BTreeMap::new(),
            memory: BTreeMap::new(),
        };
        for p in store.list::<Pod>(None) {
            let node = match assumed.get(&pod_key(p)) {
                Some(a) => a.node.as_str(),
                None => p.spec.node_name.as_str(),
            };
            if node.is_empty() || is_terminal(p) {
                continue;
            }
            *u.pods.entry(node.into()).or_default() += 1;
            u.ports
                .entry(node.into())
                .or_default()
                .extend(host_ports(p));
            let (cpu, mem) = pod_requests(p);
            *u.cpu_milli.entry(node.into()).or_default() += cpu;
            *u.memory.entry(node.into()).or_default() += mem;
        }
        u
    }

    fn pods(&self, node: &str) -> usize {
        self.pods.get(node).copied().unwrap_or(0)
    }
}

/// (hostPort, protocol) pairs a pod claims on its node.
pub fn host_ports(p: &Pod) -> Vec<(i32, String)> {
    p.spec
        .containers
        .iter()
        .flat_map(|c| &c.ports)
        .filter_map(|port| match port.host_port {
            Some(h) if h > 0 => Some((
                h,
                if port.protocol.is_empty() {
                    "TCP".to_string()
                } else {
                    port.protocol.clone()
                },
            )),
            _ => None,
        })
        .collect()
}

/// Whether the pod's nodeSelector and required node affinity match the node's labels.
pub fn matches_node_selector(pod: &Pod, node: &Node) -> bool {
    let labels = &node.metadata.labels;
    if !pod
        .spec
        .node_selector
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v))
    {
        return false;
    }
    match required_node_affinity(pod) {
        Some(sel) => sel.matches(labels),
        None => true,
    }
}

fn required_node_affinity(pod: &Pod) -> Option<NodeSelector> {
    let v = pod
        .spec
        .affinity
        .as_ref()?
        .get("nodeAffinity")?
        .get("requiredDuringSchedulingIgnoredDuringExecution")?;
    serde_json::from_value(v.clone()).ok()
}

fn filter(store: &Store, pod: &Pod, node: &Node, usage: &NodeUsage) -> Result<(), Rejection> {
    let name = node.metadata.name.as_str();
    // NodeUnschedulable
    if node.spec.unschedulable {
        let taint = crate::api::Taint {
            key: TAINT_UNSCHEDULABLE.into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        if !taint.tolerated_by(&pod.spec.tolerations) {
            return Err(Rejection::unresolvable("node(s) were unschedulable"));
        }
    }
    // TaintToleration
    if let Some(t) = node
        .spec
        .taints
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .find(|t| !t.tolerated_by(&pod.spec.tolerations))
    {
        return Err(Rejection::unresolvable(&format!(
            "node(s) had untolerated taint {{{}: {}}}",
            t.key, t.value
        )));
    }
    // NodeAffinity
    if !matches_node_selector(pod, node) {
        return Err(Rejection::unresolvable(
            "node(s) didn't match Pod's node affinity/selector",
        ));
    }
    // NodePorts
    let wanted = host_ports(pod);
    if !wanted.is_empty() {
        let used = usage.ports.get(name).cloned().unwrap_or_default();
        if wanted.iter().any(|w| used.contains(w)) {
            return Err(Rejection {
                reasons: vec!["node(s) didn't have free ports for the requested pod ports".into()],
                resolvable: true,
            });
        }
    }
    // NodeResourcesFit
    let mut short = Vec::new();
    let alloc = &node.status.allocatable;
    let max_pods = alloc
        .get("pods")
        .and_then(|q| q.parse::<usize>().ok())
        .unwrap_or(110);
    if usage.pods(name) + 1 > max_pods {
        short.push("Too many pods".to_string());
    }
    let (cpu, mem) = pod_requests(pod);
    let cpu_cap = alloc
        .get("cpu")
        .and_then(|q| parse_cpu_milli(q))
        .unwrap_or(u64::MAX);
    let mem_cap = alloc
        .get("memory")
        .and_then(|q| parse_bytes(q))
        .unwrap_or(u64::MAX);
    if cpu > 0 && usage.cpu_milli.get(name).copied().unwrap_or(0) + cpu > cpu_cap {
        short.push("Insufficient cpu".into());
    }
    if mem > 0 && usage.memory.get(name).copied().unwrap_or(0) + mem > mem_cap {
        short.push("Insufficient memory".into());
    }
    if !short.is_empty() {
        return Err(Rejection {
            reasons: short,
            resolvable: true,
        });
    }
    // VolumeBinding
    for claim in pod.claim_names() {
        let Some(c) = store.get::<PersistentVolumeClaim>(&pod.metadata.namespace, claim) else {
            continue;
        };
        let pv_name = &c.spec.volume_name;
        if !pv_name.is_empty() {
            if let Some(pv) = store.get::<PersistentVolume>("", pv_name) {
                if !volume_reaches(pv, &node.metadata.labels) {
                    return Err(Rejection::unresolvable(
                        "node(s) had volume node affinity conflict",
                    ));
                }
            }
        } else if !has_provisioner(store, c) && static_volume_for(store, c, name).is_none() {
            return Err(Rejection::unresolvable(
                "node(s) didn't find available persistent volumes to bind",
            ));
        }
    }
    Ok(())
}

/// Sum of the containers' requests: (millicores, bytes).
pub fn pod_requests(p: &Pod) -> (u64, u64) {
    p.spec.containers.iter().fold((0, 0), |(c, m), ctr| {
        let r = &ctr.resources.requests;
        (
            c + r.get("cpu").and_then(|q| parse_cpu_milli(q)).unwrap_or(0),
            m + r.get("memory").and_then(|q| parse_bytes(q)).unwrap_or(0),
        )
    })
}

/// `500m` → 500, `2` → 2000, `0.5` → 500.
pub fn parse_cpu_milli(q: &str) -> Option<u64> {
    let q = q.trim();
    if let Some(m) = q.strip_suffix('m') {
        return m.parse().ok();
    }
    q.parse::<f64>()
        .ok()
        .filter(|v| *v >= 0.0)
        .map(|v| (v * 1000.0).round() as u64)
}

/// `128Mi`, `1Gi`, `500M`, `1e9`, `1000` → bytes.
pub fn parse_bytes(q: &str) -> Option<u64> {
    const SUFFIXES: [(&str, u64); 12] = [
        ("Ki", 1 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
        ("Pi", 1 << 50),
        ("Ei", 1 << 60),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
        ("T", 1_000_000_000_000),
        ("P", 1_000_000_000_000_000),
        ("E", 1_000_000_000_000_000_000),
    ];
    let q = q.trim();
    for (s, mult) in SUFFIXES {
        if let Some(n) = q.strip_suffix(s) {
            return n
                .parse::<f64>()
                .ok()
                .filter(|v| *v >= 0.0)
                .map(|v| (v * mult as f64) as u64);
        }
    }
    q.parse::<f64>()
        .ok()
        .filter(|v| *v >= 0.0)
        .map(|v| v as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(parse_cpu_milli("500m"), Some(500));
        assert_eq!(parse_cpu_milli("2"), Some(2000));
        assert_eq!(parse_cpu_milli("0.25"), Some(250));
        assert_eq!(parse_bytes("1Gi"), Some(1 << 30));
        assert_eq!(parse_bytes("128Mi"), Some(128 << 20));
        assert_eq!(parse_bytes("1G"), Some(1_000_000_000));
        assert_eq!(parse_bytes("x"), None);
    }
}
