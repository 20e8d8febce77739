//! Container steps: image pulls, create/start, exits, kills and restarts with back-off.

use super::*;
use crate::controller::kubelet::reference;
use crate::controller::kubelet::runtime::{
    exit_reason, Backoff, CState, ContainerRuntime, ProbeKind, Stage,
};

impl Kubelets {
    /// kubelet `startContainer` step 1: make sure the image is there (`EnsureImageExists`).
    pub(crate) fn start_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
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
        // EnsureImageExists: the reference is parsed before the pull policy is looked at; both
        // failures leave the container waiting with the reason an event also carries.
        let refused = if let Some(msg) = reference::invalid_image_message(&spec.image) {
            Some(("InvalidImageName", "InspectFailed", msg))
        } else if policy == "Never" && !present {
            let msg = format!(
                "Container image \"{}\" is not present with pull policy of Never",
                spec.image
            );
            Some(("ErrImageNeverPull", "ErrImageNeverPull", msg))
        } else {
            None
        };
        if let Some((reason, event_reason, msg)) = refused {
            c.state = CState::waiting(reason, &msg);
            event(ctx, connected, &pod, "Warning", event_reason, &msg);
            let failed = format!("Error: {reason}");
            event(ctx, connected, &pod, "Warning", "Failed", &failed);
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

    pub(crate) fn pulled(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
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
        let took =
            crate::gofmt::duration_string(now.saturating_sub(rt.containers[idx].pull_started));
        let msg = format!(
            "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {} bytes.",
            images::size_bytes(&image)
        );
        event(ctx, connected, &pod, "Normal", "Pulled", &msg);
        let at = ctx.after(ctx.timing.container_start_ms / 2);
        schedule(ctx, at, Work::Started(pr.clone(), idx, epoch));
    }

    /// Creates and starts the container: fresh root filesystem, probes, its own exit.
    pub(crate) fn started(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
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
        // kubernetes#130471 (1.33) added the colon; 1.35 drops the name again (#134043).
        let created = if ctx.features().minor >= 33 {
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

    /// Stops one container (liveness/startup failure or a simulated kill); it restarts per policy.
    pub(crate) fn kill_container(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, message: &str) {
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

    pub(crate) fn killed(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
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

    pub(crate) fn exited(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
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
    pub(crate) fn after_exit(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize) {
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
                crate::gofmt::duration_string(delay)
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
    pub(crate) fn restart(&mut self, ctx: &mut Ctx, pr: &PodRef, idx: usize, epoch: u64) {
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
}

/// Marks a container terminated with `code` at `now`.
pub(super) fn terminate(c: &mut ContainerRuntime, code: i32, now: Millis) {
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
