//! Deletion: SIGTERM, the grace period, the final status, and confirming with grace 0.

use super::containers::terminate;
use super::*;
use crate::controller::kubelet::runtime::Stage;

impl Kubelets {
    /// The pod got a deletionTimestamp (or a shorter grace period).
    pub(crate) fn on_deletion(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
    pub(crate) fn begin_termination(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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

    pub(crate) fn stopped(&mut self, ctx: &mut Ctx, pr: &PodRef, epoch: u64) {
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

    pub(crate) fn stopped_done(&mut self, ctx: &mut Ctx, pr: &PodRef) {
        if let Some(rt) = self.rt(pr) {
            rt.mounted.clear();
        }
        self.push_status(ctx, pr);
        self.sync_node_volumes(ctx, &pr.node);
        self.confirm_deletion(ctx, pr);
    }

    /// Status manager: once containers are gone, delete the pod object with grace 0.
    pub(crate) fn confirm_deletion(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
    pub(crate) fn cleanup(&mut self, ctx: &mut Ctx, pr: &PodRef) {
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
}
