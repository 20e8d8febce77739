//! The pod worker: every step of a pod's life on its node, each a timer handler that checks
//! the epoch it was scheduled with so superseded steps do nothing. This file admits pods and
//! waits for their volumes and sandbox; the other steps live next to it.

mod containers;
mod probe;
mod resync;
mod termination;

use super::images;
use super::probes::{self, Outcome, ProbeOverride};
use super::program::{program, OnSigterm};
use super::runtime::{CondTimes, ContainerRuntime, PodRuntime, ProbeKind, Stage};
use super::status;
use super::{Kubelets, PodRef, Work, COMPONENT};
use crate::api::{Node, Object, PersistentVolume, PersistentVolumeClaim, Pod, Probe};
use crate::apiserver::DeleteOptions;
use crate::controller::scheduler::{host_ports, matches_node_selector};
use crate::controller::{Ctx, Timer};
use crate::time::Millis;

/// How long the kubelet waits for volumes before reporting FailedMount (2 minutes).
pub(super) const MOUNT_TIMEOUT_MS: u64 = 120_000;

pub(super) fn schedule(ctx: &mut Ctx, at: Millis, w: Work) {
    ctx.schedule(at, Timer::Kubelet(w));
}

/// Kubelet events go nowhere while it cannot reach the API server.
pub(super) fn event(
    ctx: &mut Ctx,
    connected: bool,
    pod: &Pod,
    type_: &str,
    reason: &str,
    msg: &str,
) {
    if connected {
        let node = pod.spec.node_name.clone();
        ctx.api
            .record_event(ctx.now, pod, type_, reason, msg, COMPONENT, &node);
    }
}

/// A 64-hex-digit container ID from the cluster's random source.
pub(super) fn container_id(ctx: &mut Ctx) -> String {
    (0..4)
        .map(|_| format!("{:016x}", ctx.rng.next_u64()))
        .collect()
}

pub(super) fn probe_of(pod: &Pod, idx: usize, kind: ProbeKind) -> Option<Probe> {
    let c = pod.spec.containers.get(idx)?;
    match kind {
        ProbeKind::Readiness => c.readiness_probe.clone(),
        ProbeKind::Liveness => c.liveness_probe.clone(),
        ProbeKind::Startup => c.startup_probe.clone(),
    }
}

pub(super) fn grace_ms(pod: &Pod) -> u64 {
    let secs = pod
        .metadata
        .deletion_grace_period_seconds
        .or(pod.spec.termination_grace_period_seconds)
        .unwrap_or(30)
        .max(0);
    secs as u64 * 1000
}

impl Kubelets {
    pub(crate) fn rt(&mut self, pr: &PodRef) -> Option<&mut PodRuntime> {
        self.nodes.get_mut(&pr.node)?.pods.get_mut(&pr.uid)
    }

    pub(crate) fn connected(&self, node: &str) -> bool {
        self.nodes.get(node).is_some_and(|a| a.connected())
    }

    /// Admit a newly bound pod, re-check volumes, or retry a deletion confirmation.
    pub(crate) fn sync(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        if !self.connected(&pr.node) {
            return;
        }
        if self.runtime(&pr.node, &pr.uid).is_some_and(|r| r.dirty) {
            self.push_status(ctx, pr);
        }
        match self.runtime(&pr.node, &pr.uid).map(|r| r.stage) {
            Some(Stage::WaitingVolumes) => self.check_volumes(ctx, pr),
            Some(Stage::Stopped) => self.confirm_deletion(ctx, pr),
            Some(_) => {}
            None => self.admit(ctx, pr),
        }
    }

    /// kubelet `HandlePodAdditions` → `canAdmitPod` → pod worker start.
    pub(crate) fn admit(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        let Some(key) = agent.pending.remove(&pr.uid) else {
            return;
        };
        let Some(pod) = ctx.api.get::<Pod>(&key.0, &key.1).cloned() else {
            return;
        };
        if pod.metadata.uid != pr.uid || pod.spec.node_name != pr.node {
            return;
        }
        if pod.metadata.deletion_timestamp.is_some() {
            // Deleted before it ever started: nothing to stop.
            let opts = DeleteOptions {
                grace_period_seconds: Some(0),
                precondition_uid: Some(pr.uid.clone()),
                ..Default::default()
            };
            let _ = ctx
                .api
                .delete(crate::api::Kind::Pod, &key.0, &key.1, &opts, ctx.now);
            return;
        }
        if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
            return;
        }
        let node_obj = ctx.api.get::<Node>("", &pr.node).cloned();
        let rejection = if node_obj
            .as_ref()
            .is_some_and(|n| !matches_node_selector(&pod, n))
        {
            Some((
                "NodeAffinity",
                "node(s) didn't match Pod's node affinity/selector",
            ))
        } else {
            let wanted = host_ports(&pod);
            let taken = agent
                .pods
                .values()
                .filter(|o| !matches!(o.stage, Stage::Rejected | Stage::Completed | Stage::Stopped))
                .flat_map(|o| host_ports(&o.pod))
                .any(|p| wanted.contains(&p));
            taken.then_some((
                "NodePorts",
                "node(s) didn't have free ports for the requested pod ports",
            ))
        };
        let now = ctx.now;
        let containers = pod
            .spec
            .containers
            .iter()
            .map(|c| ContainerRuntime::new(&c.name, &c.image, program(c)))
            .collect();
        let mut rt = PodRuntime {
            uid: pr.uid.clone(),
            pod: pod.clone(),
            stage: Stage::WaitingVolumes,
            epoch: 0,
            ip: None,
            start_time: now,
            containers,
            rejected: None,
            conds: CondTimes {
                ready_to_start: (false, now),
                initialized: (true, now),
                containers_ready: (false, now),
                ready: (false, now),
            },
            stop_deadline: 0,
            mounted: Vec::new(),
            dirty: false,
        };
        if let Some((reason, desc)) = rejection {
            // kubelet `rejectPod`: a Warning event and phase Failed.
            let msg = format!("Predicate {reason} failed: {desc}");
            rt.stage = Stage::Rejected;
            rt.rejected = Some((reason.into(), format!("Pod was rejected: {msg}")));
            agent.pods.insert(pr.uid.clone(), rt);
            event(ctx, true, &pod, "Warning", reason, &msg);
            self.push_status(ctx, pr);
            return;
        }
        agent.pods.insert(pr.uid.clone(), rt);
        self.push_status(ctx, pr);
        schedule(
            ctx,
            now + MOUNT_TIMEOUT_MS,
            Work::MountTimeout(pr.clone(), 0),
        );
        self.check_volumes(ctx, pr);
    }

    /// Volume manager `WaitForAttachAndMount`: every claim bound, every attachable volume
    /// attached to this node.
    pub(crate) fn check_volumes(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let Some(rt) = self.runtime(&pr.node, &pr.uid) else {
            return;
        };
        if rt.stage != Stage::WaitingVolumes {
            return;
        }
        let Ok(mounted) = volumes_ready(ctx, &rt.pod, &pr.node) else {
            return;
        };
        let attach = if mounted.is_empty() {
            0
        } else {
            ctx.timing.attach_ms
        };
        let delay = ctx.after(ctx.timing.container_start_ms / 2 + attach);
        let Some(rt) = self.rt(pr) else { return };
        rt.mounted = mounted;
        rt.stage = Stage::CreatingSandbox;
        rt.epoch += 1;
        let e = rt.epoch;
        schedule(ctx, delay, Work::SandboxReady(pr.clone(), e));
        self.sync_node_volumes(ctx, &pr.node);
    }

    pub(crate) fn mount_timeout(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
        let connected = self.connected(&pr.node);
        let Some(rt) = self.rt(pr) else { return };
        if rt.stage != Stage::WaitingVolumes || rt.epoch != epoch {
            return;
        }
        let pod = rt.pod.clone();
        let msg = mount_timeout_message(ctx, &pod, &pr.node);
        event(ctx, connected, &pod, "Warning", "FailedMount", &msg);
        schedule(
            ctx,
            ctx.now + MOUNT_TIMEOUT_MS,
            Work::MountTimeout(pr.clone(), epoch),
        );
    }

    pub(crate) fn sandbox_ready(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        if !agent
            .pods
            .get(&pr.uid)
            .is_some_and(|r| r.epoch == epoch && r.stage == Stage::CreatingSandbox)
        {
            return;
        }
        let ip = agent.allocate_ip();
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        rt.ip = ip;
        rt.stage = Stage::Running;
        for idx in 0..rt.containers.len() {
            self.start_container(ctx, pr, idx);
        }
        self.push_status(ctx, pr);
    }
}

/// volume manager `WaitForAttachAndMount` after its 2-minute timeout: every claim volume is
/// unmounted; those whose attachable volume is not attached to `node` are unattached, those
/// the desired-state populator could not add (claim missing or unbound) failed to process.
fn mount_timeout_message(ctx: &Ctx, pod: &Pod, node: &str) -> String {
    let store = &ctx.api.store;
    let attached: Vec<String> = store
        .get::<Node>("", node)
        .map(|n| {
            n.status
                .volumes_attached
                .iter()
                .map(|a| a.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let (mut unmounted, mut unattached, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for v in &pod.spec.volumes {
        let Some(src) = &v.persistent_volume_claim else {
            continue;
        };
        unmounted.push(v.name.clone());
        let pv = store
            .get::<PersistentVolumeClaim>(&pod.metadata.namespace, &src.claim_name)
            .filter(|c| c.status.phase == "Bound" && !c.spec.volume_name.is_empty())
            .and_then(|c| store.get::<PersistentVolume>("", &c.spec.volume_name));
        match pv {
            None => failed.push(v.name.clone()),
            Some(pv) => {
                if crate::controller::volume::unique_volume_name(pv)
                    .is_some_and(|u| !attached.contains(&u))
                {
                    unattached.push(v.name.clone());
                }
            }
        }
    }
    for l in [&mut unmounted, &mut unattached, &mut failed] {
        l.sort();
    }
    format!(
        "Unable to attach or mount volumes: unmounted volumes=[{}], unattached volumes=[{}], failed to process volumes=[{}]: timed out waiting for the condition",
        unmounted.join(" "),
        unattached.join(" "),
        failed.join(" ")
    )
}

/// Which of the pod's claims are ready to mount on `node`: PV names, or not yet.
fn volumes_ready(ctx: &Ctx, pod: &Pod, node: &str) -> Result<Vec<String>, ()> {
    let store = &ctx.api.store;
    let attached: Vec<String> = store
        .get::<Node>("", node)
        .map(|n| {
            n.status
                .volumes_attached
                .iter()
                .map(|a| a.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let mut pvs = Vec::new();
    for name in pod.claim_names() {
        let c = store
            .get::<PersistentVolumeClaim>(&pod.metadata.namespace, name)
            .ok_or(())?;
        if c.status.phase != "Bound" || c.spec.volume_name.is_empty() {
            return Err(());
        }
        let pv = store
            .get::<PersistentVolume>("", &c.spec.volume_name)
            .ok_or(())?;
        if let Some(unique) = crate::controller::volume::unique_volume_name(pv) {
            if !attached.contains(&unique) {
                return Err(());
            }
        }
        pvs.push(c.spec.volume_name.clone());
    }
    Ok(pvs)
}
