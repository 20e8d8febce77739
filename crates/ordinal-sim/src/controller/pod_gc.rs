//! Pod garbage collector (pkg/controller/podgc), N4: every 20 s it force-deletes pods bound to
//! nodes that no longer exist (after a 40 s quarantine), terminating pods on not-ready nodes
//! tainted `out-of-service`, and terminating pods that were never scheduled. Each is first
//! marked Failed, then deleted with grace period 0.

use super::{Ctx, Timer};
use crate::api::{Condition, Kind, Node, Object, Pod, TAINT_OUT_OF_SERVICE};
use crate::apiserver::{DeleteOptions, WatchEvent};
use crate::time::{Millis, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

/// `gcCheckPeriod`.
pub const GC_CHECK_PERIOD_MS: Millis = 20_000;
/// `quarantineTime`: how long a node must stay missing before its pods are collected.
pub const QUARANTINE_MS: Millis = 40_000;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    Gc,
}

#[derive(Clone, Debug, Default)]
pub struct PodGcController {
    started: bool,
    /// Missing node → when its quarantine ends (the delaying queue).
    quarantine: BTreeMap<String, Millis>,
}

impl PodGcController {
    pub fn on_watch(&mut self, _ev: &WatchEvent, ctx: &mut Ctx) {
        if !self.started {
            self.started = true;
            ctx.schedule(ctx.now + GC_CHECK_PERIOD_MS, Timer::PodGc(Work::Gc));
        }
    }

    pub fn on_timer(&mut self, _work: Work, ctx: &mut Ctx) {
        ctx.schedule(ctx.now + GC_CHECK_PERIOD_MS, Timer::PodGc(Work::Gc));
        let pods: Vec<Pod> = ctx.api.list::<Pod>(None).cloned().collect();
        let nodes: BTreeMap<String, Node> = ctx
            .api
            .list::<Node>(None)
            .map(|n| (n.metadata.name.clone(), n.clone()))
            .collect();
        self.gc_terminating(ctx, &pods, &nodes);
        self.gc_orphaned(ctx, &pods, &nodes);
        for p in pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_some() && p.spec.node_name.is_empty())
        {
            mark_failed_and_delete(ctx, p, None);
        }
    }

    /// Terminating pods on a node that is not Ready and has the out-of-service taint.
    fn gc_terminating(&mut self, ctx: &mut Ctx, pods: &[Pod], nodes: &BTreeMap<String, Node>) {
        for p in pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_some())
        {
            let Some(n) = nodes.get(&p.spec.node_name) else {
                continue;
            };
            if n.ready_status() != "True"
                && n.spec.taints.iter().any(|t| t.key == TAINT_OUT_OF_SERVICE)
            {
                mark_failed_and_delete(ctx, p, None);
            }
        }
    }

    /// Pods bound to nodes that have been gone for the whole quarantine.
    fn gc_orphaned(&mut self, ctx: &mut Ctx, pods: &[Pod], nodes: &BTreeMap<String, Node>) {
        let now = ctx.now;
        for p in pods {
            if !p.spec.node_name.is_empty() && !nodes.contains_key(&p.spec.node_name) {
                self.quarantine
                    .entry(p.spec.node_name.clone())
                    .or_insert(now + QUARANTINE_MS);
            }
        }
        let due: Vec<String> = self
            .quarantine
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(n, _)| n.clone())
            .collect();
        let mut deleted = BTreeSet::new();
        for node in due {
            self.quarantine.remove(&node);
            if ctx.api.get::<Node>("", &node).is_none() {
                deleted.insert(node);
            }
        }
        for p in pods.iter().filter(|p| deleted.contains(&p.spec.node_name)) {
            let cond = Condition {
                type_: "DisruptionTarget".into(),
                status: "True".into(),
                last_transition_time: Some(Timestamp(now)),
                last_heartbeat_time: None,
                reason: "DeletionByPodGC".into(),
                message: "PodGC: node no longer exists".into(),
            };
            mark_failed_and_delete(ctx, p, Some(cond));
        }
    }
}

/// `markFailedAndDeletePodWithCondition`.
fn mark_failed_and_delete(ctx: &mut Ctx, p: &Pod, cond: Option<Condition>) {
    let now = ctx.now;
    let (ns, name) = (p.metadata.namespace.clone(), p.metadata.name.clone());
    if !matches!(p.status.phase.as_str(), "Succeeded" | "Failed") {
        let mut updated = p.clone();
        updated.status.phase = "Failed".into();
        if let Some(c) = cond {
            updated.status.conditions.retain(|x| x.type_ != c.type_);
            updated.status.conditions.push(c);
        }
        if ctx.api.update_status(Object::Pod(updated), now).is_err() {
            return;
        }
    }
    let opts = DeleteOptions {
        grace_period_seconds: Some(0),
        precondition_uid: Some(p.metadata.uid.clone()),
        ..Default::default()
    };
    let _ = ctx.api.delete(Kind::Pod, &ns, &name, &opts, now);
}
