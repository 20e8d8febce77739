//! Reporting: pod status and volumes in use, and picking pods up after a kubelet restart.

use super::containers::terminate;
use super::*;
use crate::controller::kubelet::runtime::{CState, ProbeKind, Stage};

impl Kubelets {
    /// Writes the pod's status if it changed (status manager `syncPod`).
    pub(crate) fn push_status(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        let host_ip = agent.host_ip.clone();
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        status::refresh_conditions(rt, now);
        if !connected {
            rt.dirty = true;
            return;
        }
        rt.dirty = false;
        let (ns, name) = (rt.namespace().to_string(), rt.name().to_string());
        let Some(current) = ctx.api.get::<Pod>(&ns, &name).cloned() else {
            return;
        };
        if current.metadata.uid != pr.uid {
            return;
        }
        let wanted = status::build(rt, &host_ip, &current.status);
        if wanted == current.status {
            return;
        }
        let mut p = current;
        p.status = wanted;
        match ctx.api.update_status(Object::Pod(p), now) {
            Ok(Object::Pod(written)) => rt.pod.metadata = written.metadata,
            Ok(_) => {}
            Err(_) => {
                // The status manager retries on its next sync (every 10 s in a real kubelet).
                rt.dirty = true;
                schedule(ctx, now + 10_000, Work::Sync(pr.clone()));
            }
        }
    }

    /// Reports the attachable volumes this node has mounted (`status.volumesInUse`).
    pub(crate) fn sync_node_volumes(&mut self, ctx: &mut Ctx, node: &str) {
        let Some(agent) = self.nodes.get_mut(node) else {
            return;
        };
        let mut in_use: Vec<String> = agent
            .pods
            .values()
            .flat_map(|rt| rt.mounted.iter())
            .filter_map(|pv| ctx.api.get::<PersistentVolume>("", pv))
            .filter_map(crate::controller::volume::unique_volume_name)
            .collect();
        crate::sort::sort(&mut in_use);
        in_use.dedup();
        if in_use == agent.volumes_in_use {
            return;
        }
        agent.volumes_in_use = in_use.clone();
        if !agent.connected() {
            return;
        }
        if let Some(mut n) = ctx.api.get::<Node>("", node).cloned() {
            n.status.volumes_in_use = in_use;
            let _ = ctx.api.update_status(Object::Node(n), ctx.now);
        }
    }

    /// After the kubelet process starts again: pick up every pod where it was.
    pub(crate) fn resume(&mut self, ctx: &mut Ctx, node: &str) {
        let now = ctx.now;
        let Some(agent) = self.nodes.get_mut(node) else {
            return;
        };
        let uids: Vec<String> = agent.pods.keys().cloned().collect();
        for uid in uids {
            let pr = PodRef {
                node: node.into(),
                uid,
            };
            let Some(rt) = self.rt(&pr) else { continue };
            rt.epoch += 1;
            let e = rt.epoch;
            match rt.stage {
                Stage::WaitingVolumes => {
                    let at = ctx.after(ctx.timing.controller_sync_ms);
                    schedule(ctx, at, Work::Sync(pr.clone()));
                }
                Stage::CreatingSandbox => {
                    let at = ctx.after(ctx.timing.container_start_ms / 2);
                    schedule(ctx, at, Work::SandboxReady(pr.clone(), e));
                }
                Stage::Stopping => {
                    schedule(ctx, rt.stop_deadline.max(now), Work::Stopped(pr.clone(), e))
                }
                Stage::Running => {
                    let n = rt.containers.len();
                    for idx in 0..n {
                        self.resume_container(ctx, &pr, idx);
                    }
                }
                Stage::Completed | Stage::Stopped | Stage::Rejected => {}
            }
        }
    }

    pub(crate) fn resume_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
        let now = ctx.now;
        let Some(rt) = self.rt(pr) else { return };
        let pod = rt.pod.clone();
        let c = &mut rt.containers[idx];
        c.epoch += 1;
        let e = c.epoch;
        match c.state.clone() {
            CState::Running { .. } => {
                if let Some((at, code)) = c.exits_at {
                    if at <= now {
                        terminate(c, code, at);
                        self.after_exit(ctx, pr, idx);
                        return;
                    }
                    schedule(ctx, at, Work::Exited(pr.clone(), idx, e));
                }
                for kind in [
                    ProbeKind::Startup,
                    ProbeKind::Liveness,
                    ProbeKind::Readiness,
                ] {
                    if probe_of(&pod, idx, kind).is_some() {
                        schedule(ctx, now, Work::Probe(pr.clone(), idx, kind, e));
                    }
                }
            }
            CState::Terminated { .. } => self.after_exit(ctx, pr, idx),
            CState::Waiting { reason, .. } => match reason.as_str() {
                "CrashLoopBackOff" | "ImagePullBackOff" | "ErrImagePull" => {
                    let at = c.restart_at.unwrap_or(now).max(now);
                    schedule(ctx, at, Work::Restart(pr.clone(), idx, e));
                }
                _ => self.start_container(ctx, pr, idx),
            },
        }
    }
}
