//! Node lifecycle controller (pkg/controller/nodelifecycle) and taint-based eviction
//! (pkg/controller/tainteviction), N1–N2. Every 5 s it checks heartbeats: a node silent for
//! `node-monitor-grace-period` goes Ready=Unknown, gets the `unreachable` taints and its pods
//! are marked not Ready. Pods tolerate the NoExecute taint for their `tolerationSeconds`
//! (300 s by default), then are deleted gracefully — and stay Terminating, because no kubelet
//! confirms. The controller also keeps the condition and cordon NoSchedule taints in step.

use super::{Ctx, Timer};
use crate::api::{
    Condition, Node, Object, Pod, Taint, Toleration, TAINT_NOT_READY, TAINT_UNREACHABLE,
    TAINT_UNSCHEDULABLE,
};
use crate::apiserver::store::{key, Key};
use crate::apiserver::{WatchEvent, WatchType};
use crate::time::{Millis, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

pub const COMPONENT: &str = "node-controller";
pub const TAINT_EVICTION_COMPONENT: &str = "taint-eviction-controller";
/// `--node-monitor-period`.
pub const MONITOR_PERIOD_MS: Millis = 5_000;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// `monitorNodeHealth`, every 5 s.
    Monitor,
    /// Bring a node's controller-owned taints in line with its conditions and cordon state.
    Taints(String),
    /// A pod's toleration ran out: evict it (pod key, UID).
    Evict(Key, String),
}

/// An eviction the taint manager has queued.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Scheduled {
    uid: String,
    created_at: Millis,
    fire_at: Millis,
}

#[derive(Clone, Debug, Default)]
pub struct NodeLifecycleController {
    started: bool,
    evictions: BTreeMap<Key, Scheduled>,
    taints_queued: BTreeSet<String>,
}

fn no_execute(n: &Node) -> Vec<Taint> {
    n.spec
        .taints
        .iter()
        .filter(|t| t.effect == "NoExecute")
        .cloned()
        .collect()
}

/// Taint keys/effects the controller owns on a node, in the order it adds them.
fn wanted_taints(n: &Node) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    match n.ready_status() {
        "Unknown" => out.extend([
            (TAINT_UNREACHABLE, "NoExecute"),
            (TAINT_UNREACHABLE, "NoSchedule"),
        ]),
        "False" => out.extend([
            (TAINT_NOT_READY, "NoExecute"),
            (TAINT_NOT_READY, "NoSchedule"),
        ]),
        _ => {}
    }
    if n.spec.unschedulable {
        out.push((TAINT_UNSCHEDULABLE, "NoSchedule"));
    }
    out
}

fn owned(t: &Taint) -> bool {
    [TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE].contains(&t.key.as_str())
}

impl NodeLifecycleController {
    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        if !self.started {
            self.started = true;
            let at = ctx.now + MONITOR_PERIOD_MS;
            ctx.schedule(at, Timer::NodeLifecycle(Work::Monitor));
        }
        match &ev.object {
            Object::Node(n) => {
                let name = n.metadata.name.clone();
                let old = match &ev.old {
                    Some(Object::Node(o)) => Some(o),
                    _ => None,
                };
                if ev.type_ != WatchType::Deleted
                    && old.is_none_or(|o| {
                        o.spec.unschedulable != n.spec.unschedulable
                            || o.ready_status() != n.ready_status()
                    })
                    && self.taints_queued.insert(name.clone())
                {
                    let at = ctx.after(ctx.timing.controller_sync_ms);
                    ctx.schedule(at, Timer::NodeLifecycle(Work::Taints(name.clone())));
                }
                let before = old.map(no_execute).unwrap_or_default();
                let after = if ev.type_ == WatchType::Deleted {
                    Vec::new()
                } else {
                    no_execute(n)
                };
                if before != after {
                    self.node_taints_changed(ctx, &name, &after);
                }
            }
            Object::Pod(p) => {
                let k = key(&p.metadata.namespace, &p.metadata.name);
                if ev.type_ == WatchType::Deleted {
                    self.evictions.remove(&k);
                    return;
                }
                let changed = match &ev.old {
                    Some(Object::Pod(o)) => {
                        o.spec.node_name != p.spec.node_name
                            || o.spec.tolerations != p.spec.tolerations
                    }
                    _ => true,
                };
                if changed && !p.spec.node_name.is_empty() {
                    let taints = ctx
                        .api
                        .get::<Node>("", &p.spec.node_name)
                        .map(no_execute)
                        .unwrap_or_default();
                    self.process_pod(ctx, p, &taints);
                }
            }
            _ => {}
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        match work {
            Work::Monitor => {
                let at = ctx.now + MONITOR_PERIOD_MS;
                ctx.schedule(at, Timer::NodeLifecycle(Work::Monitor));
                self.monitor(ctx);
            }
            Work::Taints(node) => {
                self.taints_queued.remove(&node);
                reconcile_taints(ctx, &node);
            }
            Work::Evict(k, uid) => self.evict(ctx, &k, &uid),
        }
    }

    /// `monitorNodeHealth`: nodes whose kubelet went quiet become Unknown.
    fn monitor(&mut self, ctx: &mut Ctx) {
        let grace = ctx.features().node_monitor_grace_ms();
        let now = ctx.now;
        let nodes: Vec<Node> = ctx.api.list::<Node>(None).cloned().collect();
        for n in nodes {
            let ready = n.status.conditions.iter().find(|c| c.type_ == "Ready");
            let heard = ready
                .and_then(|c| c.last_heartbeat_time)
                .or(n.metadata.creation_timestamp)
                .map_or(0, |t| t.0);
            if now <= heard + grace || n.ready_status() == "Unknown" {
                continue;
            }
            let was_ready = n.ready_status() == "True";
            let mut updated = n.clone();
            for t in ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"] {
                let conds = &mut updated.status.conditions;
                match conds.iter_mut().find(|c| c.type_ == t) {
                    Some(c) => {
                        if c.status != "Unknown" {
                            c.status = "Unknown".into();
                            c.reason = "NodeStatusUnknown".into();
                            c.message = "Kubelet stopped posting node status.".into();
                            c.last_transition_time = Some(Timestamp(now));
                        }
                    }
                    None => conds.push(Condition {
                        type_: t.into(),
                        status: "Unknown".into(),
                        last_transition_time: Some(Timestamp(now)),
                        last_heartbeat_time: n.metadata.creation_timestamp,
                        reason: "NodeStatusNeverUpdated".into(),
                        message: "Kubelet never posted node status.".into(),
                    }),
                }
            }
            if ctx.api.update_status(Object::Node(updated), now).is_err() {
                continue;
            }
            if was_ready {
                let msg = format!("Node {} status is now: NodeNotReady", n.metadata.name);
                ctx.api.record_event(
                    now,
                    &Object::Node(n.clone()),
                    "Normal",
                    "NodeNotReady",
                    &msg,
                    COMPONENT,
                    "",
                );
                mark_pods_not_ready(ctx, &n.metadata.name);
            }
            reconcile_taints(ctx, &n.metadata.name);
        }
    }

    /// Taint manager `handleNodeUpdate`: re-decide every pod on the node.
    fn node_taints_changed(&mut self, ctx: &mut Ctx, node: &str, taints: &[Taint]) {
        let pods: Vec<Pod> = ctx
            .api
            .list::<Pod>(None)
            .filter(|p| p.spec.node_name == node)
            .cloned()
            .collect();
        for p in pods {
            self.process_pod(ctx, &p, taints);
        }
    }

    /// Taint manager `processPodOnNode`.
    fn process_pod(&mut self, ctx: &mut Ctx, p: &Pod, taints: &[Taint]) {
        let k = key(&p.metadata.namespace, &p.metadata.name);
        if taints.is_empty() {
            self.cancel(ctx, p);
            return;
        }
        if p.metadata.deletion_timestamp.is_some() {
            return;
        }
        let now = ctx.now;
        let used: Vec<&Toleration> = p
            .spec
            .tolerations
            .iter()
            .filter(|t| taints.iter().any(|taint| t.tolerates(taint)))
            .collect();
        let all_tolerated = taints.iter().all(|t| t.tolerated_by(&p.spec.tolerations));
        let wait_ms = if !all_tolerated {
            Some(0)
        } else {
            // getMinTolerationTime: no seconds anywhere means forever; ≤0 means now.
            let secs: Vec<i64> = used.iter().filter_map(|t| t.toleration_seconds).collect();
            if used.is_empty() {
                Some(0)
            } else if secs.is_empty() {
                None
            } else {
                Some(secs.iter().min().copied().unwrap_or(0).max(0) as u64 * 1000)
            }
        };
        let Some(wait_ms) = wait_ms else {
            self.cancel(ctx, p);
            return;
        };
        let mut start = now;
        if let Some(s) = self.evictions.get(&k) {
            if s.uid == p.metadata.uid && all_tolerated {
                if s.created_at + wait_ms < now + wait_ms {
                    return; // the earlier deadline stands
                }
                start = s.created_at;
            }
        }
        let fire_at = start + wait_ms;
        self.evictions.insert(
            k.clone(),
            Scheduled {
                uid: p.metadata.uid.clone(),
                created_at: start,
                fire_at,
            },
        );
        ctx.schedule(
            fire_at,
            Timer::NodeLifecycle(Work::Evict(k, p.metadata.uid.clone())),
        );
    }

    fn cancel(&mut self, ctx: &mut Ctx, p: &Pod) {
        let k = key(&p.metadata.namespace, &p.metadata.name);
        if self.evictions.remove(&k).is_some() {
            let msg = format!("Cancelling deletion of Pod {}/{}", k.0, k.1);
            ctx.api.record_event(
                ctx.now,
                &Object::Pod(p.clone()),
                "Normal",
                "TaintManagerEviction",
                &msg,
                TAINT_EVICTION_COMPONENT,
                "",
            );
        }
    }

    /// `deletePodHandler`: event, DisruptionTarget condition, graceful delete.
    fn evict(&mut self, ctx: &mut Ctx, k: &Key, uid: &str) {
        let Some(s) = self.evictions.get(k) else {
            return;
        };
        if s.uid != uid || s.fire_at > ctx.now {
            return;
        }
        self.evictions.remove(k);
        let Some(p) = ctx.api.get::<Pod>(&k.0, &k.1).cloned() else {
            return;
        };
        if p.metadata.uid != uid {
            return;
        }
        let now = ctx.now;
        let msg = format!("Marking for deletion Pod {}/{}", k.0, k.1);
        ctx.api.record_event(
            now,
            &Object::Pod(p.clone()),
            "Normal",
            "TaintManagerEviction",
            &msg,
            TAINT_EVICTION_COMPONENT,
            "",
        );
        let mut updated = p.clone();
        if !updated
            .status
            .conditions
            .iter()
            .any(|c| c.type_ == "DisruptionTarget" && c.status == "True")
        {
            updated
                .status
                .conditions
                .retain(|c| c.type_ != "DisruptionTarget");
            updated.status.conditions.push(Condition {
                type_: "DisruptionTarget".into(),
                status: "True".into(),
                last_transition_time: Some(Timestamp(now)),
                last_heartbeat_time: None,
                reason: "DeletionByTaintManager".into(),
                message: "Taint manager: deleting due to NoExecute taint".into(),
            });
            let _ = ctx.api.update_status(Object::Pod(updated), now);
        }
        if let Err(e) = ctx
            .api
            .delete(crate::api::Kind::Pod, &k.0, &k.1, &Default::default(), now)
        {
            if e.reason == crate::apiserver::Reason::InternalError {
                // `deletePodHandler` retries a failed delete.
                let at = now + 10;
                self.evictions.insert(
                    k.clone(),
                    Scheduled {
                        uid: uid.into(),
                        created_at: now,
                        fire_at: at,
                    },
                );
                ctx.schedule(at, Timer::NodeLifecycle(Work::Evict(k.clone(), uid.into())));
            }
        }
    }
}

/// `MarkPodsNotReady`: every pod on the node gets Ready=False and a NodeNotReady event.
fn mark_pods_not_ready(ctx: &mut Ctx, node: &str) {
    let now = ctx.now;
    let pods: Vec<Pod> = ctx
        .api
        .list::<Pod>(None)
        .filter(|p| p.spec.node_name == node)
        .cloned()
        .collect();
    for p in pods {
        let mut updated = p.clone();
        let Some(c) = updated
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "Ready")
        else {
            continue;
        };
        if c.status == "False" {
            continue;
        }
        c.status = "False".into();
        c.last_transition_time = Some(Timestamp(now));
        if ctx.api.update_status(Object::Pod(updated), now).is_ok() {
            ctx.api.record_event(
                now,
                &Object::Pod(p),
                "Warning",
                "NodeNotReady",
                "Node is not ready",
                COMPONENT,
                "",
            );
        }
    }
}

/// `doNoExecuteTaintingPass` / `doNoScheduleTaintingPass`: the controller-owned taints follow
/// the Ready condition and `spec.unschedulable`; other taints are left alone.
fn reconcile_taints(ctx: &mut Ctx, node: &str) {
    let Some(n) = ctx.api.get::<Node>("", node).cloned() else {
        return;
    };
    let wanted = wanted_taints(&n);
    let have: Vec<(&str, &str)> = n
        .spec
        .taints
        .iter()
        .filter(|t| owned(t))
        .map(|t| (t.key.as_str(), t.effect.as_str()))
        .collect();
    let same = have.len() == wanted.len() && wanted.iter().all(|w| have.contains(w));
    if same {
        return;
    }
    let now = Timestamp(ctx.now);
    let mut taints: Vec<Taint> = n
        .spec
        .taints
        .iter()
        .filter(|t| !owned(t) || wanted.contains(&(t.key.as_str(), t.effect.as_str())))
        .cloned()
        .collect();
    for (k, e) in wanted {
        if !taints.iter().any(|t| t.key == k && t.effect == e) {
            let time_added = (e == "NoExecute").then_some(now);
            taints.push(Taint {
                key: k.into(),
                value: String::new(),
                effect: e.into(),
                time_added,
            });
        }
    }
    let mut updated = n;
    updated.spec.taints = taints;
    let _ = ctx.api.update(Object::Node(updated), ctx.now);
}
