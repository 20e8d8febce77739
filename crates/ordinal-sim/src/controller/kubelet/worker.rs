//! The pod worker: every step of a pod's life on its node, each a timer handler that checks
//! the epoch it was scheduled with so superseded steps do nothing.

use super::images;
use super::probes::{self, Outcome, ProbeOverride};
use super::program::{program, OnSigterm};
use super::runtime::{
    exit_reason, Backoff, CState, CondTimes, ContainerRuntime, PodRuntime, ProbeKind, Stage,
};
use super::status;
use super::{Kubelets, PodRef, Work, COMPONENT};
use crate::api::{Node, Object, PersistentVolume, PersistentVolumeClaim, Pod, Probe};
use crate::apiserver::DeleteOptions;
use crate::controller::scheduler::{host_ports, matches_node_selector};
use crate::controller::{Ctx, Timer};
use crate::time::Millis;

/// How long the kubelet waits for volumes before reporting FailedMount (2 minutes).
const MOUNT_TIMEOUT_MS: u64 = 120_000;

fn schedule(ctx: &mut Ctx, at: Millis, w: Work) {
    ctx.schedule(at, Timer::Kubelet(w));
}

/// Kubelet events go nowhere while it cannot reach the API server.
fn event(ctx: &mut Ctx, connected: bool, pod: &Pod, type_: &str, reason: &str, msg: &str) {
    if connected {
        let node = pod.spec.node_name.clone();
        ctx.api.record_event(
            ctx.now,
            &Object::Pod(pod.clone()),
            type_,
            reason,
            msg,
            COMPONENT,
            &node,
        );
    }
}

/// A 64-hex-digit container ID from the cluster's random source.
fn container_id(ctx: &mut Ctx) -> String {
    (0..4)
        .map(|_| format!("{:016x}", ctx.rng.next_u64()))
        .collect()
}

fn probe_of(pod: &Pod, idx: usize, kind: ProbeKind) -> Option<Probe> {
    let c = pod.spec.containers.get(idx)?;
    match kind {
        ProbeKind::Readiness => c.readiness_probe.clone(),
        ProbeKind::Liveness => c.liveness_probe.clone(),
        ProbeKind::Startup => c.startup_probe.clone(),
    }
}

fn grace_ms(pod: &Pod) -> u64 {
    let secs = pod
        .metadata
        .deletion_grace_period_seconds
        .or(pod.spec.termination_grace_period_seconds)
        .unwrap_or(30)
        .max(0);
    secs as u64 * 1000
}

impl Kubelets {
    fn rt(&mut self, pr: &PodRef) -> Option<&mut PodRuntime> {
        self.nodes.get_mut(&pr.node)?.pods.get_mut(&pr.uid)
    }

    fn connected(&self, node: &str) -> bool {
        self.nodes.get(node).is_some_and(|a| a.connected())
    }

    /// Admit a newly bound pod, re-check volumes, or retry a deletion confirmation.
    pub(super) fn sync(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
    fn admit(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
    fn check_volumes(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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

    pub(super) fn mount_timeout(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
        let connected = self.connected(&pr.node);
        let Some(rt) = self.rt(pr) else { return };
        if rt.stage != Stage::WaitingVolumes || rt.epoch != epoch {
            return;
        }
        let pod = rt.pod.clone();
        let claims: Vec<String> = pod
            .spec
            .volumes
            .iter()
            .filter(|v| v.persistent_volume_claim.is_some())
            .map(|v| v.name.clone())
            .collect();
        let msg = format!(
            "Unable to attach or mount volumes: unmounted volumes=[{}], unattached volumes=[{}], failed to process volumes=[]: timed out waiting for the condition",
            claims.join(" "),
            claims.join(" ")
        );
        event(ctx, connected, &pod, "Warning", "FailedMount", &msg);
        schedule(
            ctx,
            ctx.now + MOUNT_TIMEOUT_MS,
            Work::MountTimeout(pr.clone(), epoch),
        );
    }

    pub(super) fn sandbox_ready(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
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

    /// kubelet `startContainer` step 1: make sure the image is there (`EnsureImageExists`).
    fn start_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
        let connected = self.connected(&pr.node);
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        let Some(spec) = rt.pod.spec.containers.get(idx).cloned() else {
            return;
        };
        let pod = rt.pod.clone();
        let c = &mut rt.containers[idx];
        c.epoch += 1;
        c.restart_at = None;
        let e = c.epoch;
        let full = images::normalize(&spec.image);
        let present = agent.images.contains(&full);
        let policy = images::pull_policy(&spec.image, &spec.image_pull_policy).to_string();
        if policy == "Never" && !present {
            let msg = format!(
                "Container image \"{}\" is not present with pull policy of Never",
                spec.image
            );
            c.state = CState::waiting("ErrImageNeverPull", &msg);
            event(ctx, connected, &pod, "Warning", "ErrImageNeverPull", &msg);
            event(
                ctx,
                connected,
                &pod,
                "Warning",
                "Failed",
                "Error: ErrImageNeverPull",
            );
            self.push_status(ctx, pr);
            return;
        }
        if policy == "Always" || !present {
            c.pull_started = ctx.now;
            let pull = images::pull_ms(&spec.image, ctx.timing.image_pull_ms, present);
            let at = ctx.after(pull);
            event(
                ctx,
                connected,
                &pod,
                "Normal",
                "Pulling",
                &format!("Pulling image \"{}\"", spec.image),
            );
            schedule(ctx, at, Work::Pulled(pr.clone(), idx, e));
            return;
        }
        let msg = format!(
            "Container image \"{}\" already present on machine",
            spec.image
        );
        event(ctx, connected, &pod, "Normal", "Pulled", &msg);
        let at = ctx.after(ctx.timing.container_start_ms / 2);
        schedule(ctx, at, Work::Started(pr.clone(), idx, e));
    }

    pub(super) fn pulled(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        if !agent.running {
            return;
        }
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        if rt.containers.get(idx).is_none_or(|c| c.epoch != epoch) || rt.stage != Stage::Running {
            return;
        }
        let pod = rt.pod.clone();
        let image = rt.containers[idx].image.clone();
        if !images::exists_in_registry(&image) {
            let err = images::pull_error(&image);
            let c = &mut rt.containers[idx];
            c.state = CState::waiting("ErrImagePull", &err);
            c.pull_backoff = Some(Backoff::next(c.pull_backoff, now));
            let delay = c.pull_backoff.map_or(10_000, |b| b.delay_ms);
            c.restart_at = Some(now + delay);
            event(
                ctx,
                connected,
                &pod,
                "Warning",
                "Failed",
                &format!("Failed to pull image \"{image}\": {err}"),
            );
            event(
                ctx,
                connected,
                &pod,
                "Warning",
                "Failed",
                "Error: ErrImagePull",
            );
            // The next sync (about a second later) reports the back-off.
            let at = ctx.after(1000);
            schedule(ctx, at, Work::Restart(pr.clone(), idx, epoch));
            self.push_status(ctx, pr);
            return;
        }
        agent.images.insert(images::normalize(&image));
        rt.containers[idx].image_pulled = true;
        rt.containers[idx].pull_backoff = None;
        let took = images::go_duration(now.saturating_sub(rt.containers[idx].pull_started));
        let msg = format!(
            "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {} bytes.",
            images::size_bytes(&image)
        );
        event(ctx, connected, &pod, "Normal", "Pulled", &msg);
        let at = ctx.after(ctx.timing.container_start_ms / 2);
        schedule(ctx, at, Work::Started(pr.clone(), idx, epoch));
    }

    /// Creates and starts the container: fresh root filesystem, probes, its own exit.
    pub(super) fn started(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let cid = container_id(ctx);
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        if !agent.running {
            return;
        }
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        if rt.containers.get(idx).is_none_or(|c| c.epoch != epoch) || rt.stage != Stage::Running {
            return;
        }
        let pod = rt.pod.clone();
        let spec = pod.spec.containers[idx].clone();
        let ip = rt.ip.clone().unwrap_or_default();
        let c = &mut rt.containers[idx];
        c.image_pulled = true;
        c.container_id = cid;
        c.state = CState::Running { started_at: now };
        c.started = spec.startup_probe.is_none();
        c.ready = spec.readiness_probe.is_none() && c.started;
        c.runs.clear();
        c.exits_at = c
            .program
            .exits_after
            .map(|(ms, code)| (now + ms.max(1), code));
        let exits_at = c.exits_at;
        let name = c.name.clone();
        // A new container starts from its image; the kubelet adds /etc/hostname and /etc/hosts.
        let mut layer = images::layer(&spec.image);
        let hostname = if pod.spec.hostname.is_empty() {
            pod.metadata.name.clone()
        } else {
            pod.spec.hostname.clone()
        };
        let fqdn = if pod.spec.subdomain.is_empty() {
            String::new()
        } else {
            format!(
                "{hostname}.{}.{}.svc.cluster.local\t",
                pod.spec.subdomain, pod.metadata.namespace
            )
        };
        let hosts = format!(
            "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{ip}\t{fqdn}{hostname}\n"
        );
        let resolv = format!(
            "search {}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
            pod.metadata.namespace
        );
        let view_root = crate::fs::View {
            rootfs: crate::fs::Backing::Rootfs(pr.uid.clone(), name.clone()),
            mounts: vec![],
        };
        self.fs
            .reset_rootfs(&pr.uid, &name, std::mem::take(&mut layer));
        for (path, content) in [
            ("/etc/hostname", format!("{hostname}\n")),
            ("/etc/hosts", hosts),
            ("/etc/resolv.conf", resolv),
        ] {
            let _ = self.fs.write(&view_root, path, &content, false);
        }
        let created = if ctx.features.minor >= 32 {
            format!("Created container: {name}")
        } else {
            format!("Created container {name}")
        };
        event(ctx, connected, &pod, "Normal", "Created", &created);
        event(
            ctx,
            connected,
            &pod,
            "Normal",
            "Started",
            &format!("Started container {name}"),
        );
        for kind in [
            ProbeKind::Startup,
            ProbeKind::Liveness,
            ProbeKind::Readiness,
        ] {
            if let Some(p) = probe_of(&pod, idx, kind) {
                let delay = p.initial_delay_seconds.unwrap_or(0).max(0) as u64 * 1000;
                schedule(ctx, now + delay, Work::Probe(pr.clone(), idx, kind, epoch));
            }
        }
        if let Some((at, _)) = exits_at {
            schedule(ctx, at, Work::Exited(pr.clone(), idx, epoch));
        }
        self.push_status(ctx, pr);
    }

    /// One prober worker tick (pkg/kubelet/prober/worker.go `doProbe`).
    pub(super) fn probe(
        &mut self,
        ctx: &mut Ctx,
        pr: &PodRef,
        idx: usize,
        kind: ProbeKind,
        epoch: u64,
    ) {
        let connected = self.connected(&pr.node);
        let Some(agent) = self.nodes.get(&pr.node) else {
            return;
        };
        if !agent.running {
            return;
        }
        let Some(rt) = agent.pods.get(&pr.uid) else {
            return;
        };
        let Some(c) = rt.containers.get(idx) else {
            return;
        };
        if c.epoch != epoch || !c.state.is_running() || rt.stage != Stage::Running {
            return;
        }
        let Some(spec) = probe_of(&rt.pod, idx, kind) else {
            return;
        };
        let period = spec.period_seconds.unwrap_or(10).max(1) as u64 * 1000;
        let next = ctx.now + period;
        // Liveness and readiness wait for the startup probe; a passed startup probe stops.
        if kind != ProbeKind::Startup && !c.started {
            schedule(ctx, next, Work::Probe(pr.clone(), idx, kind, epoch));
            return;
        }
        if kind == ProbeKind::Startup && c.started {
            return;
        }
        let forced = self
            .overrides
            .get(&(pr.uid.clone(), c.name.clone(), kind))
            .copied()
            .unwrap_or_default();
        let outcome = match forced {
            ProbeOverride::Pass => Outcome::Success,
            ProbeOverride::Fail => {
                Outcome::Failure(forced_failure(&spec, rt.ip.as_deref().unwrap_or("")))
            }
            ProbeOverride::Auto => {
                let container = &rt.pod.spec.containers[idx];
                match self.container_view(&ctx.api.store, &rt.pod, &container.name) {
                    Some(view) => {
                        let target = probes::Target {
                            container,
                            program: &c.program,
                            ip: rt.ip.as_deref().unwrap_or(""),
                            fs: &self.fs,
                            view: &view,
                        };
                        probes::evaluate(&spec, &target)
                    }
                    None => Outcome::Success,
                }
            }
        };
        let pod = rt.pod.clone();
        let name = c.name.clone();
        let success_threshold = spec.success_threshold.unwrap_or(1).max(1) as u32;
        let failure_threshold = spec.failure_threshold.unwrap_or(3).max(1) as u32;
        let Some(rt) = self.rt(pr) else { return };
        let c = &mut rt.containers[idx];
        let run = c.runs.entry(kind).or_default();
        let mut changed = false;
        let mut kill: Option<String> = None;
        match &outcome {
            Outcome::Success => {
                run.successes += 1;
                run.failures = 0;
                match kind {
                    ProbeKind::Readiness if !c.ready && run.successes >= success_threshold => {
                        c.ready = true;
                        changed = true;
                    }
                    ProbeKind::Startup => {
                        c.started = true;
                        c.ready = pod.spec.containers[idx].readiness_probe.is_none();
                        changed = true;
                    }
                    _ => {}
                }
            }
            Outcome::Failure(_) => {
                run.failures += 1;
                run.successes = 0;
                if run.failures >= failure_threshold {
                    match kind {
                        ProbeKind::Readiness if c.ready => {
                            c.ready = false;
                            changed = true;
                        }
                        ProbeKind::Liveness | ProbeKind::Startup => {
                            kill = Some(format!(
                                "Container {name} failed {} probe, will be restarted",
                                kind.title().to_ascii_lowercase()
                            ));
                        }
                        _ => {}
                    }
                }
            }
        }
        if let Outcome::Failure(out) = &outcome {
            event(
                ctx,
                connected,
                &pod,
                "Warning",
                "Unhealthy",
                &format!("{} probe failed: {out}", kind.title()),
            );
        }
        if let Some(msg) = kill {
            self.kill_container(ctx, pr, idx, &msg);
            return;
        }
        if !(kind == ProbeKind::Startup && matches!(outcome, Outcome::Success)) {
            schedule(ctx, next, Work::Probe(pr.clone(), idx, kind, epoch));
        }
        if changed {
            self.push_status(ctx, pr);
        }
    }

    /// Stops one container (liveness/startup failure or a simulated kill); it restarts per policy.
    fn kill_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, message: &str) {
        let connected = self.connected(&pr.node);
        let stop_ms = ctx.after(ctx.timing.container_stop_ms) - ctx.now;
        let Some(rt) = self.rt(pr) else { return };
        let grace = rt
            .pod
            .spec
            .termination_grace_period_seconds
            .unwrap_or(30)
            .max(0) as u64
            * 1000;
        let pod = rt.pod.clone();
        let c = &mut rt.containers[idx];
        c.epoch += 1;
        c.ready = false;
        let e = c.epoch;
        let after = match c.program.on_sigterm {
            OnSigterm::Exit(_) => stop_ms.min(grace),
            OnSigterm::Ignore => grace,
        };
        event(ctx, connected, &pod, "Normal", "Killing", message);
        schedule(ctx, ctx.now + after, Work::Killed(pr.clone(), idx, e));
        self.push_status(ctx, pr);
    }

    pub(super) fn killed(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
        let now = ctx.now;
        let Some(rt) = self.rt(pr) else { return };
        let Some(c) = rt.containers.get_mut(idx) else {
            return;
        };
        if c.epoch != epoch {
            return;
        }
        let code = match c.program.on_sigterm {
            OnSigterm::Exit(code) => code,
            OnSigterm::Ignore => 137,
        };
        terminate(c, code, now);
        self.after_exit(ctx, pr, idx);
    }

    pub(super) fn exited(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
        let now = ctx.now;
        let Some(rt) = self.rt(pr) else { return };
        let Some(c) = rt.containers.get_mut(idx) else {
            return;
        };
        if c.epoch != epoch || !c.state.is_running() {
            return;
        }
        let code = c.exits_at.map_or(0, |(_, code)| code);
        terminate(c, code, now);
        self.after_exit(ctx, pr, idx);
    }

    /// Crashes a running container with an exit code (simulation control).
    pub fn crash_container(
        &mut self,
        ctx: &mut Ctx,
        pr: &PodRef,
        idx: usize,
        exit_code: i32,
    ) -> bool {
        let now = ctx.now;
        let Some(rt) = self.rt(pr) else { return false };
        let Some(c) = rt.containers.get_mut(idx) else {
            return false;
        };
        if !c.state.is_running() {
            return false;
        }
        terminate(c, exit_code, now);
        self.after_exit(ctx, pr, idx);
        true
    }

    /// A container ended: restart it (with back-off) or, if none will run again, finish the pod.
    fn after_exit(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let running = self.nodes.get(&pr.node).is_some_and(|a| a.running);
        let Some(rt) = self.rt(pr) else { return };
        if rt.stage != Stage::Running {
            return;
        }
        let fmt_pod = rt.format();
        let pod = rt.pod.clone();
        let c = &mut rt.containers[idx];
        c.epoch += 1;
        let e = c.epoch;
        let code = c.state.exit_code().unwrap_or(0);
        let restart = match pod.spec.restart_policy.as_str() {
            "Never" => false,
            "OnFailure" => code != 0,
            _ => true,
        };
        if !restart {
            if rt
                .containers
                .iter()
                .all(|c| matches!(c.state, CState::Terminated { .. }))
            {
                rt.stage = Stage::Completed;
                rt.mounted.clear();
                self.push_status(ctx, pr);
                self.sync_node_volumes(ctx, &pr.node);
            } else {
                self.push_status(ctx, pr);
            }
            return;
        }
        if !running {
            self.push_status(ctx, pr);
            return;
        }
        // kubelet `doBackOff`: in back-off if the last restart's delay has not passed since the
        // container finished.
        let in_backoff = c.backoff.is_some_and(|b| !b.expired(now));
        if !in_backoff {
            c.restart_at = Some(now);
            let at = ctx.after(ctx.timing.controller_sync_ms);
            schedule(ctx, at, Work::Restart(pr.clone(), idx, e));
            self.push_status(ctx, pr);
            return;
        }
        let delay = c.backoff.map_or(0, |b| b.delay_ms);
        let name = c.name.clone();
        c.last_terminated = Some(c.state.clone());
        c.state = CState::waiting(
            "CrashLoopBackOff",
            &format!(
                "back-off {} restarting failed container={name} pod={fmt_pod}",
                images::go_duration(delay)
            ),
        );
        c.restart_at = Some(now + delay);
        schedule(ctx, now + delay, Work::Restart(pr.clone(), idx, e));
        event(
            ctx,
            connected,
            &pod,
            "Warning",
            "BackOff",
            &format!("Back-off restarting failed container {name} in pod {fmt_pod}"),
        );
        self.push_status(ctx, pr);
    }

    /// Back-off elapsed: restart a crashed container, or move an image pull on.
    pub(super) fn restart(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        if !agent.running {
            return;
        }
        let Some(rt) = agent.pods.get_mut(&pr.uid) else {
            return;
        };
        if rt.stage != Stage::Running || rt.containers.get(idx).is_none_or(|c| c.epoch != epoch) {
            return;
        }
        let pod = rt.pod.clone();
        let c = &mut rt.containers[idx];
        if let CState::Waiting { reason, .. } = &c.state {
            if reason == "ErrImagePull" {
                let image = c.image.clone();
                let msg = format!("Back-off pulling image \"{image}\"");
                c.state = CState::waiting("ImagePullBackOff", &msg);
                let at = c.restart_at.unwrap_or(now).max(now);
                schedule(ctx, at, Work::Restart(pr.clone(), idx, epoch));
                event(ctx, connected, &pod, "Normal", "BackOff", &msg);
                event(
                    ctx,
                    connected,
                    &pod,
                    "Warning",
                    "Failed",
                    "Error: ImagePullBackOff",
                );
                self.push_status(ctx, pr);
                return;
            }
            if reason == "ImagePullBackOff" {
                self.start_container(ctx, pr, idx);
                return;
            }
        }
        // A container that ran before: count the restart and bump the back-off (`Backoff.Next`).
        let finished = match (&c.state, &c.last_terminated) {
            (CState::Terminated { finished_at, .. }, _) => Some(*finished_at),
            (_, Some(CState::Terminated { finished_at, .. })) => Some(*finished_at),
            _ => None,
        };
        if let Some(f) = finished {
            if let CState::Terminated { .. } = c.state {
                c.last_terminated = Some(c.state.clone());
            }
            c.backoff = Some(Backoff::next(c.backoff, f));
            c.restart_count += 1;
        }
        self.start_container(ctx, pr, idx);
    }

    /// The pod got a deletionTimestamp (or a shorter grace period).
    pub(super) fn on_deletion(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let Some(rt) = self.runtime(&pr.node, &pr.uid) else {
            return;
        };
        match rt.stage {
            Stage::Stopping => {
                let deadline = ctx.now + grace_ms(&rt.pod);
                if deadline < rt.stop_deadline {
                    self.begin_termination(ctx, pr);
                }
            }
            Stage::Stopped => {}
            _ => self.begin_termination(ctx, pr),
        }
    }

    /// kubelet `killPod`: SIGTERM every running container; each stops when its process exits
    /// or at the end of the grace period.
    fn begin_termination(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let connected = self.connected(&pr.node);
        let now = ctx.now;
        let stop_ms = ctx.after(ctx.timing.container_stop_ms) - now;
        let Some(rt) = self.rt(pr) else { return };
        let grace = grace_ms(&rt.pod);
        let pod = rt.pod.clone();
        let was_stopping = rt.stage == Stage::Stopping;
        rt.epoch += 1;
        let e = rt.epoch;
        let mut longest = 0;
        let mut killing = Vec::new();
        for c in &mut rt.containers {
            c.epoch += 1;
            if !c.state.is_running() {
                continue;
            }
            let t = match c.program.on_sigterm {
                OnSigterm::Exit(_) => stop_ms.min(grace),
                OnSigterm::Ignore => grace,
            };
            longest = longest.max(t);
            killing.push(c.name.clone());
        }
        if rt.stage == Stage::Running || rt.stage == Stage::Stopping {
            rt.stage = Stage::Stopping;
            rt.stop_deadline = now + longest;
            if !was_stopping {
                for name in killing {
                    event(
                        ctx,
                        connected,
                        &pod,
                        "Normal",
                        "Killing",
                        &format!("Stopping container {name}"),
                    );
                }
            }
            schedule(ctx, now + longest, Work::Stopped(pr.clone(), e));
            return;
        }
        // Nothing ever ran (waiting for volumes, rejected, or already completed).
        rt.stage = Stage::Stopped;
        self.stopped_done(ctx, pr);
    }

    pub(super) fn stopped(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
        let now = ctx.now;
        let Some(rt) = self.rt(pr) else { return };
        if rt.epoch != epoch || rt.stage != Stage::Stopping {
            return;
        }
        for c in &mut rt.containers {
            if c.state.is_running() {
                let code = match c.program.on_sigterm {
                    OnSigterm::Exit(code) => code,
                    OnSigterm::Ignore => 137,
                };
                terminate(c, code, now);
            }
            c.ready = false;
        }
        rt.stage = Stage::Stopped;
        self.stopped_done(ctx, pr);
    }

    fn stopped_done(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        if let Some(rt) = self.rt(pr) {
            rt.mounted.clear();
        }
        self.push_status(ctx, pr);
        self.sync_node_volumes(ctx, &pr.node);
        self.confirm_deletion(ctx, pr);
    }

    /// Status manager: once containers are gone, delete the pod object with grace 0.
    pub(super) fn confirm_deletion(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        if !self.connected(&pr.node) {
            return;
        }
        let Some(rt) = self.runtime(&pr.node, &pr.uid) else {
            return;
        };
        let (ns, name) = (rt.namespace().to_string(), rt.name().to_string());
        let opts = DeleteOptions {
            grace_period_seconds: Some(0),
            precondition_uid: Some(pr.uid.clone()),
            ..Default::default()
        };
        let gone = match ctx
            .api
            .delete(crate::api::Kind::Pod, &ns, &name, &opts, ctx.now)
        {
            // Finalizers may keep the object; it goes when they are removed.
            Ok(_) => ctx
                .api
                .get::<Pod>(&ns, &name)
                .is_none_or(|p| p.metadata.uid != pr.uid),
            Err(e) if e.reason == crate::apiserver::Reason::InternalError => {
                // A failed call is retried on the next sync.
                let at = ctx.after(1_000);
                schedule(ctx, at, Work::Sync(pr.clone()));
                false
            }
            // NotFound, or the UID precondition failed: our pod is gone.
            Err(_) => true,
        };
        if gone {
            self.cleanup(ctx, pr);
        }
    }

    /// The pod object is gone: kill whatever still runs and forget the pod.
    pub(super) fn cleanup(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        let Some(agent) = self.nodes.get_mut(&pr.node) else {
            return;
        };
        if agent.pods.remove(&pr.uid).is_none() {
            return;
        }
        self.fs.drop_pod(&pr.uid);
        self.overrides.retain(|(uid, _, _), _| *uid != pr.uid);
        self.sync_node_volumes(ctx, &pr.node);
    }

    /// Writes the pod's status if it changed (status manager `syncPod`).
    pub(super) fn push_status(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
    pub(super) fn sync_node_volumes(&mut self, ctx: &mut Ctx, node: &str) {
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
        in_use.sort();
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
    pub(super) fn resume(&mut self, ctx: &mut Ctx, node: &str) {
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

    fn resume_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
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

/// Marks a container terminated with `code` at `now`.
fn terminate(c: &mut ContainerRuntime, code: i32, now: Millis) {
    let started_at = match c.state {
        CState::Running { started_at } => started_at,
        _ => now,
    };
    c.state = CState::Terminated {
        exit_code: code,
        reason: exit_reason(code).into(),
        started_at,
        finished_at: now,
    };
    c.ready = false;
    c.exits_at = None;
}

/// What a forced failure says: the handler's usual failure text.
fn forced_failure(p: &Probe, ip: &str) -> String {
    if p.http_get.is_some() {
        return "HTTP probe failed with statuscode: 500".into();
    }
    if let Some(t) = &p.tcp_socket {
        let port = match &t.port {
            crate::api::IntOrString::Int(n) => n.to_string(),
            crate::api::IntOrString::String(s) => s.clone(),
        };
        return format!("dial tcp {ip}:{port}: connect: connection refused");
    }
    String::new()
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
