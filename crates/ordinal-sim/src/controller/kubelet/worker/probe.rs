//! Probe ticks: run the handler (or a forced result), count outcomes, act on thresholds.

use super::*;
use crate::controller::kubelet::runtime::{ProbeKind, Stage};

impl Kubelets {
    /// One prober worker tick (pkg/kubelet/prober/worker.go `doProbe`).
    pub(crate) fn probe(
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
