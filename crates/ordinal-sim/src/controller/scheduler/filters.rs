//! The scheduling cycle's filters (PreFilter and Filter of the default plugins) and the
//! scheduler's FitError text.

use super::{claim_is_bound, is_terminal, pod_key, Assumed};
use crate::api::quantity::{parse_bytes, parse_cpu_milli};
use crate::api::ANN_SELECTED_NODE;
use crate::api::{
    Node, NodeSelector, PersistentVolume, PersistentVolumeClaim, Pod, NO_PROVISIONER,
    TAINT_UNSCHEDULABLE,
};
use crate::apiserver::store::{Key, Store};
use crate::controller::volume::{claim_storage_class, delays_binding};
use std::collections::{BTreeMap, BTreeSet};

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
pub(super) fn find_node(
    store: &Store,
    pod: &Pod,
    usage: &NodeUsage,
    assumed: &BTreeMap<Key, Assumed>,
) -> Result<String, String> {
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
        crate::sort::sort(&mut parts);
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
    let rwop_conflict = read_write_once_pod_in_use(store, pod, assumed);
    // VolumeBinding's PreFilterResult: a bound local volume names the only nodes worth trying;
    // the framework marks every other node "didn't satisfy plugin(s) [VolumeBinding]".
    let eligible = eligible_nodes(store, pod);
    if eligible.as_ref().is_some_and(|e| e.is_empty()) {
        let all = vec![Rejection::unresolvable(""); n];
        return Err(format!(
            "0/{n} nodes are available: node(s) didn't satisfy plugin VolumeBinding. {}",
            postfilter(&all)
        ));
    }
    let mut feasible: Vec<(usize, &str)> = Vec::new();
    let mut rejections = Vec::new();
    for node in &nodes {
        if eligible
            .as_ref()
            .is_some_and(|e| !e.contains(&node.metadata.name))
        {
            rejections.push(Rejection::unresolvable(
                "node(s) didn't satisfy plugin(s) [VolumeBinding]",
            ));
            continue;
        }
        match filter(store, pod, node, usage, rwop_conflict) {
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
    crate::sort::sort(&mut parts);
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

/// VolumeRestrictions PreFilter (ST4): whether a ReadWriteOncePod claim of the pod is already
/// used by a scheduled (bound or assumed) pod that has not finished.
fn read_write_once_pod_in_use(store: &Store, pod: &Pod, assumed: &BTreeMap<Key, Assumed>) -> bool {
    let ns = &pod.metadata.namespace;
    let rwop: Vec<&str> = pod
        .claim_names()
        .filter(|name| {
            store
                .get::<PersistentVolumeClaim>(ns, name)
                .is_some_and(|c| c.spec.access_modes.iter().any(|m| m == "ReadWriteOncePod"))
        })
        .collect();
    if rwop.is_empty() {
        return false;
    }
    store.list::<Pod>(Some(ns)).any(|other| {
        other.metadata.uid != pod.metadata.uid
            && (!other.spec.node_name.is_empty() || assumed.contains_key(&pod_key(other)))
            && !is_terminal(other)
            && other.claim_names().any(|c| rwop.contains(&c))
    })
}

/// volumeBinder `GetEligibleNodes` (ST3): the intersection of the hostnames that the bound
/// claims' local volumes are pinned to (`kubernetes.io/hostname In [...]`), or None when no
/// bound volume pins the pod.
fn eligible_nodes(store: &Store, pod: &Pod) -> Option<BTreeSet<String>> {
    let mut out: Option<BTreeSet<String>> = None;
    for name in pod.claim_names() {
        let Some(c) = store.get::<PersistentVolumeClaim>(&pod.metadata.namespace, name) else {
            continue;
        };
        if !claim_is_bound(c) {
            continue;
        }
        let Some(pv) = store.get::<PersistentVolume>("", &c.spec.volume_name) else {
            continue;
        };
        let names = local_volume_node_names(pv);
        if names.is_empty() {
            continue;
        }
        out = Some(match out {
            None => names,
            Some(prev) => prev.intersection(&names).cloned().collect(),
        });
    }
    out
}

/// volumeutil `GetLocalPersistentVolumeNodeNames`: per term, the intersection of its
/// hostname-In expressions; the union over terms.
fn local_volume_node_names(pv: &PersistentVolume) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(a) = &pv.spec.node_affinity else {
        return out;
    };
    for term in &a.required.node_selector_terms {
        let mut nodes: Option<BTreeSet<String>> = None;
        for e in &term.match_expressions {
            if e.key == "kubernetes.io/hostname" && e.operator == "In" {
                let vals: BTreeSet<String> = e.values.iter().cloned().collect();
                nodes = Some(match nodes {
                    None => vals,
                    Some(prev) => prev.intersection(&vals).cloned().collect(),
                });
            }
        }
        out.extend(nodes.unwrap_or_default());
    }
    out
}

/// Whether the claim's class has a dynamic provisioner.
pub(super) fn has_provisioner(store: &Store, c: &PersistentVolumeClaim) -> bool {
    claim_storage_class(store, c).is_some_and(|sc| sc.provisioner != NO_PROVISIONER)
}

/// An Available static volume that fits the claim and is reachable from the node.
pub(super) fn static_volume_for<'a>(
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
/// A node has entries only while it has pods. Kept up to date by `cache::UsageCache`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct NodeUsage {
    pub(super) pods: BTreeMap<String, usize>,
    pub(super) ports: BTreeMap<String, Vec<(i32, String)>>,
    pub(super) cpu_milli: BTreeMap<String, u64>,
    pub(super) memory: BTreeMap<String, u64>,
}

impl NodeUsage {
    /// From scratch, over every pod (what the cache must always equal).
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub(super) fn collect(store: &Store, assumed: &BTreeMap<Key, Assumed>) -> Self {
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
    crate::api::decode::decode_lenient(v).ok()
}

fn filter(
    store: &Store,
    pod: &Pod,
    node: &Node,
    usage: &NodeUsage,
    rwop_conflict: bool,
) -> Result<(), Rejection> {
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
    // VolumeRestrictions: preemption could help (Unschedulable), if the user were of lower
    // priority.
    if rwop_conflict {
        return Err(Rejection {
            reasons: vec![
                "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode".into(),
            ],
            resolvable: true,
        });
    }
    volume_binding(store, pod, node)
}

/// VolumeBinding Filter (`FindPodVolumes`, ST3): bound volumes must reach the node; an unbound
/// delayed claim already pointed at another node (`selected-node`) rules this node out, as
/// does a claim with neither a provisioner nor a matching static volume here.
fn volume_binding(store: &Store, pod: &Pod, node: &Node) -> Result<(), Rejection> {
    let name = node.metadata.name.as_str();
    let (mut bound_ok, mut unbound_ok) = (true, true);
    for claim in pod.claim_names() {
        let Some(c) = store.get::<PersistentVolumeClaim>(&pod.metadata.namespace, claim) else {
            continue;
        };
        let pv_name = &c.spec.volume_name;
        if !pv_name.is_empty() {
            if let Some(pv) = store.get::<PersistentVolume>("", pv_name) {
                bound_ok &= volume_reaches(pv, &node.metadata.labels);
            }
        } else {
            // The fast path: a claim already pointed at another node fits nowhere else.
            let elsewhere = c
                .metadata
                .annotations
                .get(ANN_SELECTED_NODE)
                .is_some_and(|n| n != name);
            if elsewhere
                || (!has_provisioner(store, c) && static_volume_for(store, c, name).is_none())
            {
                unbound_ok = false;
            }
        }
    }
    let mut reasons = Vec::new();
    if !bound_ok {
        reasons.push("node(s) had volume node affinity conflict".to_string());
    }
    if !unbound_ok {
        reasons.push("node(s) didn't find available persistent volumes to bind".to_string());
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(Rejection {
            reasons,
            resolvable: false,
        })
    }
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
