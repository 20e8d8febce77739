//! The kubelet of every node. It admits pods bound to its node, waits for their volumes, pulls
//! images, starts containers, runs probes, restarts crashed containers with back-off, stops
//! containers gracefully when a pod is deleted and then confirms the deletion, and posts node
//! heartbeats. A kubelet can be stopped (no work at all, containers keep running) or cut off
//! from the API server (it works locally but cannot read or write anything).

pub mod images;
pub mod probes;
pub mod program;
pub mod reference;
pub mod runtime;
pub mod status;
mod worker;

use super::{Ctx, Timer};
use crate::api::{Condition, Node, Object, PersistentVolumeClaim, Pod};
use crate::apiserver::store::{Key, Store};
use crate::apiserver::{WatchEvent, WatchType};
use crate::fs::{Backing, Filesystems, Mount, View};
use crate::time::Timestamp;
use probes::ProbeOverride;
use runtime::{PodRuntime, ProbeKind, Stage};
use std::collections::{BTreeMap, BTreeSet};

pub const COMPONENT: &str = "kubelet";

/// A pod on a node, by UID (a recreated pod with the same name is a different pod).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PodRef {
    pub node: String,
    pub uid: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// Post node status (Ready, heartbeat time, volumes in use).
    Heartbeat(String),
    /// Admit a new pod, re-check its volumes, or retry confirming its deletion.
    Sync(PodRef),
    /// Pod sandbox created: the pod has an IP. (pod epoch)
    SandboxReady(PodRef, u64),
    /// Image pull for container `idx` finished. (container epoch)
    Pulled(PodRef, usize, u64),
    /// Container `idx` created and started.
    Started(PodRef, usize, u64),
    /// Run one probe of container `idx`.
    Probe(PodRef, usize, ProbeKind, u64),
    /// Container `idx`'s process ended by itself.
    Exited(PodRef, usize, u64),
    /// Container `idx` finished stopping after a kill (liveness/startup failure).
    Killed(PodRef, usize, u64),
    /// Back-off over: restart container `idx` (or retry its image pull).
    Restart(PodRef, usize, u64),
    /// All containers of a deleted pod have stopped. (pod epoch)
    Stopped(PodRef, u64),
    /// Volumes still not mounted after two minutes.
    MountTimeout(PodRef, u64),
}

/// One node's kubelet.
#[derive(Clone, Debug, Default)]
pub struct NodeAgent {
    /// The kubelet process runs.
    pub running: bool,
    /// The node cannot reach the API server (and the API server cannot reach it).
    pub cut_off: bool,
    /// Images present in the node's containerd, by normalized reference.
    pub images: BTreeSet<String>,
    /// Pods the kubelet runs, by UID.
    pub pods: BTreeMap<String, PodRuntime>,
    /// Pods seen bound to this node and not yet admitted: UID → (namespace, name).
    pub pending: BTreeMap<String, Key>,
    /// `10.244.N` from the node's podCIDR.
    pub cidr_prefix: String,
    pub host_ip: String,
    /// Last host number handed out by host-local IPAM.
    pub last_ip: u32,
    pub heartbeat_scheduled: bool,
    /// What the kubelet last reported in `status.volumesInUse`.
    pub volumes_in_use: Vec<String>,
}

impl NodeAgent {
    /// Running and able to talk to the API server.
    pub fn connected(&self) -> bool {
        self.running && !self.cut_off
    }

    /// host-local IPAM: the next free address after the last one handed out.
    fn allocate_ip(&mut self) -> Option<String> {
        let used: BTreeSet<&str> = self.pods.values().filter_map(|p| p.ip.as_deref()).collect();
        // Hosts .2 to .254; `last_ip` 0 means none handed out yet.
        let last = self.last_ip.max(1) as i64 - 2;
        for i in 1..=253i64 {
            let host = ((last + i).rem_euclid(253) + 2) as u32;
            let ip = format!("{}.{host}", self.cidr_prefix);
            if !used.contains(ip.as_str()) {
                self.last_ip = host;
                return Some(ip);
            }
        }
        None
    }
}

#[derive(Clone, Debug, Default)]
pub struct Kubelets {
    pub nodes: BTreeMap<String, NodeAgent>,
    /// Every container's and volume's files.
    pub fs: Filesystems,
    /// Probe results forced through the simulation controls: (pod UID, container, probe).
    pub overrides: BTreeMap<(String, String, ProbeKind), ProbeOverride>,
}

impl Kubelets {
    pub fn agent(&self, node: &str) -> Option<&NodeAgent> {
        self.nodes.get(node)
    }

    /// The kubelet's runtime view of a pod, if it runs on some node.
    pub fn runtime(&self, node: &str, uid: &str) -> Option<&PodRuntime> {
        self.nodes.get(node)?.pods.get(uid)
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match &ev.object {
            Object::Node(n) => self.on_node(ev, n, ctx),
            Object::Pod(p) => self.on_pod(ev, p, ctx),
            Object::PersistentVolume(pv) if ev.type_ == WatchType::Deleted => {
                self.fs.drop_volume(&pv.metadata.name);
                self.recheck_volumes(ctx);
            }
            Object::PersistentVolumeClaim(_) | Object::PersistentVolume(_) => {
                self.recheck_volumes(ctx)
            }
            _ => {}
        }
    }

    fn on_node(&mut self, ev: &WatchEvent, n: &Node, ctx: &mut Ctx) {
        let name = n.metadata.name.clone();
        if ev.type_ == WatchType::Deleted {
            return;
        }
        let agent = self.nodes.entry(name.clone()).or_insert_with(|| NodeAgent {
            running: true,
            ..Default::default()
        });
        agent.cidr_prefix = n
            .spec
            .pod_cidr
            .rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default();
        agent.host_ip = n.internal_ip().to_string();
        if ev.type_ == WatchType::Added && agent.running && !agent.heartbeat_scheduled {
            agent.heartbeat_scheduled = true;
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::Kubelet(Work::Heartbeat(name)));
            return;
        }
        let attached_changed = match &ev.old {
            Some(Object::Node(o)) => o.status.volumes_attached != n.status.volumes_attached,
            _ => false,
        };
        if attached_changed {
            self.recheck_volumes(ctx);
        }
    }

    fn on_pod(&mut self, ev: &WatchEvent, p: &Pod, ctx: &mut Ctx) {
        let node = p.spec.node_name.clone();
        let uid = p.metadata.uid.clone();
        let Some(agent) = self.nodes.get_mut(&node) else {
            return;
        };
        if !agent.connected() {
            return; // a kubelet that cannot watch learns about changes when it resyncs
        }
        let pr = PodRef {
            node,
            uid: uid.clone(),
        };
        if ev.type_ == WatchType::Deleted {
            agent.pending.remove(&uid);
            if agent.pods.contains_key(&uid) {
                self.cleanup(ctx, &pr);
            }
            return;
        }
        if let Some(rt) = agent.pods.get_mut(&uid) {
            rt.pod = p.clone();
            if p.metadata.deletion_timestamp.is_some() {
                self.on_deletion(ctx, &pr);
            }
            return;
        }
        if matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
            && p.metadata.deletion_timestamp.is_none()
        {
            return;
        }
        if agent
            .pending
            .insert(uid, (p.metadata.namespace.clone(), p.metadata.name.clone()))
            .is_none()
        {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::Kubelet(Work::Sync(pr)));
        }
    }

    /// Claims, volumes or attachments changed: pods waiting for volumes look again.
    fn recheck_volumes(&mut self, ctx: &mut Ctx) {
        let mut due = Vec::new();
        for (node, agent) in &self.nodes {
            if !agent.connected() {
                continue;
            }
            for (uid, rt) in &agent.pods {
                if rt.stage == Stage::WaitingVolumes {
                    due.push(PodRef {
                        node: node.clone(),
                        uid: uid.clone(),
                    });
                }
            }
        }
        for pr in due {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::Kubelet(Work::Sync(pr)));
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        match work {
            Work::Heartbeat(node) => self.heartbeat(ctx, &node),
            Work::Sync(pr) => self.sync(ctx, &pr),
            Work::SandboxReady(pr, e) => self.sandbox_ready(ctx, &pr, e),
            Work::Pulled(pr, i, e) => self.pulled(ctx, &pr, i, e),
            Work::Started(pr, i, e) => self.started(ctx, &pr, i, e),
            Work::Probe(pr, i, k, e) => self.probe(ctx, &pr, i, k, e),
            Work::Exited(pr, i, e) => self.exited(ctx, &pr, i, e),
            Work::Killed(pr, i, e) => self.killed(ctx, &pr, i, e),
            Work::Restart(pr, i, e) => self.restart(ctx, &pr, i, e),
            Work::Stopped(pr, e) => self.stopped(ctx, &pr, e),
            Work::MountTimeout(pr, e) => self.mount_timeout(ctx, &pr, e),
        }
    }

    /// Node status update: the Ready condition with a fresh heartbeat, the pressure
    /// conditions, and the volumes in use (kubelet `setNodeStatus`).
    fn heartbeat(&mut self, ctx: &mut Ctx, node: &str) {
        let Some(agent) = self.nodes.get_mut(node) else {
            return;
        };
        if !agent.running {
            agent.heartbeat_scheduled = false;
            return;
        }
        let at = ctx.after(ctx.timing.heartbeat_ms);
        ctx.schedule(at, Timer::Kubelet(Work::Heartbeat(node.to_string())));
        if agent.cut_off {
            return;
        }
        let in_use = agent.volumes_in_use.clone();
        post_node_status(ctx, node, Some(in_use));
    }

    /// Stops or starts the kubelet process. Stopping keeps containers running but nothing is
    /// probed, restarted or reported; starting resyncs with the API server.
    pub fn set_running(&mut self, ctx: &mut Ctx, node: &str, running: bool) -> bool {
        let Some(agent) = self.nodes.get_mut(node) else {
            return false;
        };
        if agent.running == running {
            return false;
        }
        agent.running = running;
        if !running {
            // Every pending step of this kubelet dies with the process.
            for rt in agent.pods.values_mut() {
                rt.epoch += 1;
                for c in &mut rt.containers {
                    c.epoch += 1;
                }
            }
            return true;
        }
        self.resume(ctx, node);
        if let Some(agent) = self.nodes.get_mut(node) {
            if !agent.heartbeat_scheduled {
                agent.heartbeat_scheduled = true;
                let at = ctx.after(ctx.timing.controller_sync_ms);
                ctx.schedule(at, Timer::Kubelet(Work::Heartbeat(node.to_string())));
            }
        }
        if self.nodes.get(node).is_some_and(|a| a.connected()) {
            self.resync(ctx, node);
        }
        true
    }

    /// Cuts the node off the network or reconnects it.
    pub fn set_cut_off(&mut self, ctx: &mut Ctx, node: &str, cut_off: bool) -> bool {
        let Some(agent) = self.nodes.get_mut(node) else {
            return false;
        };
        if agent.cut_off == cut_off {
            return false;
        }
        agent.cut_off = cut_off;
        if !cut_off && agent.running {
            self.resync(ctx, node);
            let in_use = self.nodes.get(node).map(|a| a.volumes_in_use.clone());
            post_node_status(ctx, node, in_use);
        }
        true
    }

    /// Brings the kubelet in line with the API server after it could not watch: admits new
    /// pods, stops deleted ones, forgets vanished ones and writes every pending status.
    fn resync(&mut self, ctx: &mut Ctx, node: &str) {
        let api_pods: Vec<Pod> = ctx
            .api
            .list::<Pod>(None)
            .filter(|p| p.spec.node_name == node)
            .cloned()
            .collect();
        let Some(agent) = self.nodes.get_mut(node) else {
            return;
        };
        let api_uids: BTreeSet<&str> = api_pods.iter().map(|p| p.metadata.uid.as_str()).collect();
        let gone: Vec<String> = agent
            .pods
            .keys()
            .filter(|u| !api_uids.contains(u.as_str()))
            .cloned()
            .collect();
        agent.pending.retain(|u, _| api_uids.contains(u.as_str()));
        for uid in gone {
            self.cleanup(
                ctx,
                &PodRef {
                    node: node.into(),
                    uid,
                },
            );
        }
        for p in api_pods {
            let pr = PodRef {
                node: node.into(),
                uid: p.metadata.uid.clone(),
            };
            let Some(agent) = self.nodes.get_mut(node) else {
                return;
            };
            match agent.pods.get_mut(&pr.uid) {
                Some(rt) => {
                    rt.pod = p.clone();
                    rt.dirty = true;
                    if p.metadata.deletion_timestamp.is_some() {
                        self.on_deletion(ctx, &pr);
                    }
                    if self
                        .runtime(node, &pr.uid)
                        .is_some_and(|rt| rt.stage == Stage::Stopped)
                    {
                        self.confirm_deletion(ctx, &pr);
                    }
                    if self.runtime(node, &pr.uid).is_some_and(|rt| rt.dirty) {
                        self.push_status(ctx, &pr);
                    }
                }
                None => {
                    let terminal = matches!(p.status.phase.as_str(), "Succeeded" | "Failed");
                    if (!terminal || p.metadata.deletion_timestamp.is_some())
                        && agent
                            .pending
                            .insert(
                                pr.uid.clone(),
                                (p.metadata.namespace.clone(), p.metadata.name.clone()),
                            )
                            .is_none()
                    {
                        let at = ctx.after(ctx.timing.controller_sync_ms);
                        ctx.schedule(at, Timer::Kubelet(Work::Sync(pr)));
                    }
                }
            }
        }
        self.sync_node_volumes(ctx, node);
    }

    /// The set of files a container sees, or why it cannot be reached.
    pub fn container_view(&self, store: &Store, pod: &Pod, container: &str) -> Option<View> {
        let spec = pod.spec.containers.iter().find(|c| c.name == container)?;
        let uid = &pod.metadata.uid;
        let mounts = spec
            .volume_mounts
            .iter()
            .filter_map(|m| {
                let vol = pod.spec.volumes.iter().find(|v| v.name == m.name)?;
                let backing = if let Some(c) = &vol.persistent_volume_claim {
                    let claim = store
                        .get::<PersistentVolumeClaim>(&pod.metadata.namespace, &c.claim_name)?;
                    if claim.spec.volume_name.is_empty() {
                        return None;
                    }
                    Backing::Volume(claim.spec.volume_name.clone())
                } else if let Some(h) = &vol.host_path {
                    Backing::HostPath(pod.spec.node_name.clone(), h.path.clone())
                } else {
                    Backing::EmptyDir(uid.clone(), vol.name.clone())
                };
                let read_only = m.read_only
                    || vol.config_map.is_some()
                    || vol
                        .persistent_volume_claim
                        .as_ref()
                        .is_some_and(|c| c.read_only);
                Some(Mount {
                    path: m.mount_path.clone(),
                    backing,
                    read_only,
                })
            })
            .collect();
        Some(View {
            rootfs: Backing::Rootfs(uid.clone(), container.into()),
            mounts,
        })
    }
}

/// Writes the kubelet's node status. `volumes_in_use` None keeps what is there.
fn post_node_status(ctx: &mut Ctx, node: &str, volumes_in_use: Option<Vec<String>>) {
    let Some(old) = ctx.api.get::<Node>("", node).cloned() else {
        return;
    };
    let mut n = old.clone();
    let now = Timestamp(ctx.now);
    let was_ready = old.ready_status() == "True";
    let wanted = [
        (
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        (
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        (
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
        (
            "Ready",
            "True",
            "KubeletReady",
            "kubelet is posting ready status",
        ),
    ];
    let mut conds: Vec<Condition> = wanted
        .iter()
        .map(|(t, s, r, m)| {
            let prev = old.status.conditions.iter().find(|c| c.type_ == *t);
            let since = match prev {
                Some(c) if c.status == *s => c.last_transition_time.unwrap_or(now),
                _ => now,
            };
            Condition {
                type_: (*t).into(),
                status: (*s).into(),
                last_transition_time: Some(since),
                last_heartbeat_time: Some(now),
                reason: (*r).into(),
                message: (*m).into(),
            }
        })
        .collect();
    conds.extend(
        old.status
            .conditions
            .iter()
            .filter(|c| !wanted.iter().any(|w| w.0 == c.type_))
            .cloned(),
    );
    n.status.conditions = conds;
    if let Some(v) = volumes_in_use {
        n.status.volumes_in_use = v;
    }
    // The condition setters record an event when a condition they had reported flips back
    // (e.g. after the node controller marked it Unknown); a brand-new node is quiet here.
    let mut transitions: Vec<&str> = [
        ("MemoryPressure", "False", "NodeHasSufficientMemory"),
        ("DiskPressure", "False", "NodeHasNoDiskPressure"),
        ("PIDPressure", "False", "NodeHasSufficientPID"),
    ]
    .iter()
    .filter(|(t, s, _)| {
        old.status
            .conditions
            .iter()
            .any(|c| c.type_ == *t && c.status != *s)
    })
    .map(|(_, _, e)| *e)
    .collect();
    if !was_ready {
        transitions.push("NodeReady");
    }
    if ctx.api.update_status(Object::Node(n), ctx.now).is_ok() {
        for reason in transitions {
            let msg = format!("Node {node} status is now: {reason}");
            ctx.api.record_event(
                ctx.now,
                &Object::Node(old.clone()),
                "Normal",
                reason,
                &msg,
                COMPONENT,
                node,
            );
        }
    }
}
