//! kube-scheduler: binds pending pods to nodes. Filters run in the default plugin order
//! (NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
//! VolumeRestrictions, VolumeBinding); the first failing filter gives a node's reason. A bound
//! local volume narrows the nodes tried to its own (VolumeBinding's PreFilterResult). Among feasible nodes the one
//! with the fewest pods wins, then the lowest name (deterministic spreading). Unschedulable pods
//! are parked until a cluster event that could help (node, claim, volume, class changes, a pod
//! leaving), as the scheduling queue's `unschedulablePods` are.

mod cache;
mod filters;

use filters::{find_node, has_provisioner, static_volume_for};
pub use filters::{host_ports, matches_node_selector, pod_requests};

use super::{Ctx, Timer};
use crate::api::{Node, Object, PersistentVolumeClaim, Pod, ANN_SELECTED_NODE};
use crate::apiserver::store::{key, Key};
use crate::apiserver::{WatchEvent, WatchType};
use std::collections::{BTreeMap, BTreeSet};

pub const COMPONENT: &str = "default-scheduler";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// One scheduling cycle for a pod.
    Schedule(Key),
    /// Move every parked pod back to the active queue.
    RetryUnschedulable,
    /// PreBind finished (its claims are bound): bind the assumed pod.
    BindAssumed(Key),
}

/// A pod whose node is chosen while its WaitForFirstConsumer claims are provisioned.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Assumed {
    uid: String,
    node: String,
}

#[derive(Clone, Debug, Default)]
pub struct Scheduler {
    queued: BTreeSet<Key>,
    /// The active queue in arrival order: pods are tried first come, first served, as
    /// upstream's activeQ does for pods of equal priority.
    active: std::collections::VecDeque<Key>,
    unschedulable: BTreeSet<Key>,
    assumed: BTreeMap<Key, Assumed>,
    retry_pending: bool,
    usage: cache::UsageCache,
}

/// Whether the default scheduler is responsible for this pod now.
pub fn needs_scheduling(p: &Pod) -> bool {
    p.spec.node_name.is_empty()
        && p.metadata.deletion_timestamp.is_none()
        && matches!(p.spec.scheduler_name.as_str(), "" | COMPONENT)
        && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

fn pod_key(p: &Pod) -> Key {
    key(&p.metadata.namespace, &p.metadata.name)
}

fn is_terminal(p: &Pod) -> bool {
    matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

impl Scheduler {
    /// Pods waiting for their claims to be provisioned, with the chosen node.
    pub fn assumed_node(&self, namespace: &str, name: &str) -> Option<&str> {
        self.assumed
            .get(&key(namespace, name))
            .map(|a| a.node.as_str())
    }

    pub fn is_parked(&self, namespace: &str, name: &str) -> bool {
        self.unschedulable.contains(&key(namespace, name))
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        self.usage.observe(ev);
        match (&ev.object, ev.type_) {
            (Object::Pod(p), WatchType::Deleted) => {
                let k = pod_key(p);
                self.unschedulable.remove(&k);
                self.assumed.remove(&k);
                if !p.spec.node_name.is_empty() {
                    self.request_retry(ctx);
                }
            }
            (Object::Pod(p), _) => self.on_pod(ev, p, ctx),
            (Object::Node(n), WatchType::Modified) => {
                if let Some(Object::Node(old)) = &ev.old {
                    if scheduling_view(old) != scheduling_view(n) {
                        self.request_retry(ctx);
                    }
                }
            }
            // Queueing hints: only additions and updates of nodes, volumes, classes and
            // claims can make a parked pod schedulable (VolumeBinding `EventsToRegister`).
            (Object::Node(_), WatchType::Added)
            | (Object::PersistentVolume(_), WatchType::Added | WatchType::Modified)
            | (Object::StorageClass(_), WatchType::Added | WatchType::Modified) => {
                self.request_retry(ctx)
            }
            (Object::PersistentVolumeClaim(c), WatchType::Added | WatchType::Modified) => {
                self.request_retry(ctx);
                let waiting: Vec<Key> = self
                    .assumed
                    .keys()
                    .filter(|k| k.0 == c.metadata.namespace)
                    .cloned()
                    .collect();
                for k in waiting {
                    let at = ctx.after(ctx.timing.controller_sync_ms);
                    ctx.schedule(at, Timer::Scheduler(Work::BindAssumed(k)));
                }
            }
            (Object::PersistentVolumeClaim(c), WatchType::Deleted) => self.on_claim_deleted(c, ctx),
            _ => {}
        }
    }

    /// A claim of a pod waiting in PreBind went away: PreBind fails, the pod is unreserved and
    /// goes back to the queue, where VolumeBinding's PreFilter reports the missing claim
    /// (FailedScheduling, PodScheduled=False). That status update lets the StatefulSet
    /// controller recreate the claim (R8c).
    fn on_claim_deleted(&mut self, c: &PersistentVolumeClaim, ctx: &mut Ctx) {
        let ns = &c.metadata.namespace;
        let name = &c.metadata.name;
        let waiting: Vec<Key> = self
            .assumed
            .keys()
            .filter(|k| &k.0 == ns)
            .filter(|k| {
                ctx.api
                    .get::<Pod>(&k.0, &k.1)
                    .is_some_and(|p| p.claim_names().any(|n| n == name))
            })
            .cloned()
            .collect();
        for k in waiting {
            self.assumed.remove(&k);
            self.enqueue(k, ctx);
        }
    }

    fn on_pod(&mut self, ev: &WatchEvent, p: &Pod, ctx: &mut Ctx) {
        let k = pod_key(p);
        if !needs_scheduling(p) {
            self.unschedulable.remove(&k);
            if !p.spec.node_name.is_empty() {
                self.assumed.remove(&k);
            }
            // A bound pod that finished or is going away frees its node's ports and slots.
            let freed = match &ev.old {
                Some(Object::Pod(o)) => {
                    !o.spec.node_name.is_empty()
                        && ((!is_terminal(o) && is_terminal(p))
                            || (o.metadata.deletion_timestamp.is_none()
                                && p.metadata.deletion_timestamp.is_some()))
                }
                _ => false,
            };
            if freed {
                self.request_retry(ctx);
            }
            return;
        }
        if self.assumed.contains_key(&k) || self.queued.contains(&k) {
            return;
        }
        if self.unschedulable.contains(&k) {
            // Only a change to what the pod asks for can make it schedulable by itself.
            let spec_changed = match &ev.old {
                Some(Object::Pod(o)) => o.spec != p.spec || o.metadata.labels != p.metadata.labels,
                None => true,
                _ => false,
            };
            if !spec_changed {
                return;
            }
            self.unschedulable.remove(&k);
        }
        self.enqueue(k, ctx);
    }

    fn enqueue(&mut self, k: Key, ctx: &mut Ctx) {
        if self.queued.insert(k.clone()) {
            self.active.push_back(k.clone());
            let at = ctx.after(ctx.timing.scheduler_ms);
            ctx.schedule(at, Timer::Scheduler(Work::Schedule(k)));
        }
    }

    fn request_retry(&mut self, ctx: &mut Ctx) {
        if !self.unschedulable.is_empty() && !self.retry_pending {
            self.retry_pending = true;
            let at = ctx.after(ctx.timing.scheduler_ms);
            ctx.schedule(at, Timer::Scheduler(Work::RetryUnschedulable));
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        match work {
            Work::Schedule(_) => {
                // Each wake-up takes the oldest queued pod, whatever its jittered timer said.
                if let Some(k) = self.active.pop_front() {
                    self.queued.remove(&k);
                    self.schedule_one(&k, ctx);
                }
            }
            Work::RetryUnschedulable => {
                self.retry_pending = false;
                for k in std::mem::take(&mut self.unschedulable) {
                    self.enqueue(k, ctx);
                }
            }
            Work::BindAssumed(k) => self.bind_assumed(&k, ctx),
        }
    }

    fn schedule_one(&mut self, k: &Key, ctx: &mut Ctx) {
        let Some(pod) = ctx.api.get::<Pod>(&k.0, &k.1).cloned() else {
            return;
        };
        if !needs_scheduling(&pod) || self.assumed.contains_key(k) {
            return;
        }
        let usage = self.usage.usage(&ctx.api.store, &self.assumed);
        match find_node(&ctx.api.store, &pod, &usage, &self.assumed) {
            Ok(node) => self.assume(pod, node, ctx),
            Err(msg) => {
                self.unschedulable.insert(k.clone());
                record_failure(&pod, &msg, ctx);
            }
        }
    }

    /// VolumeBinding PreBind: point WaitForFirstConsumer claims at the node (dynamic
    /// provisioning) or pre-bind a matching static volume, then wait for them to bind.
    fn assume(&mut self, pod: Pod, node: String, ctx: &mut Ctx) {
        let store = &ctx.api.store;
        let mut claim_writes = Vec::new();
        let mut volume_writes = Vec::new();
        for name in pod.claim_names() {
            let Some(c) = store.get::<PersistentVolumeClaim>(&pod.metadata.namespace, name) else {
                continue;
            };
            if claim_is_bound(c) || !c.spec.volume_name.is_empty() {
                continue;
            }
            match static_volume_for(store, c, &node) {
                Some(pv) if !has_provisioner(store, c) => {
                    let mut pv = pv.clone();
                    pv.spec.claim_ref = Some(c.object_reference());
                    volume_writes.push(pv);
                }
                _ => {
                    if c.metadata.annotations.get(ANN_SELECTED_NODE) != Some(&node) {
                        let mut c = c.clone();
                        c.metadata
                            .annotations
                            .insert(ANN_SELECTED_NODE.into(), node.clone());
                        claim_writes.push(c);
                    }
                }
            }
        }
        for c in claim_writes {
            let _ = ctx.api.update(Object::PersistentVolumeClaim(c), ctx.now);
        }
        for pv in volume_writes {
            let _ = ctx.api.update(Object::PersistentVolume(pv), ctx.now);
        }
        let k = pod_key(&pod);
        self.assumed.insert(
            k.clone(),
            Assumed {
                uid: pod.metadata.uid.clone(),
                node,
            },
        );
        self.bind_assumed(&k, ctx);
    }

    fn bind_assumed(&mut self, k: &Key, ctx: &mut Ctx) {
        let Some(a) = self.assumed.get(k).cloned() else {
            return;
        };
        // Every claim event in the namespace wakes every assumed pod there: look before copying.
        let Some(pod) = ctx.api.store.get_shared::<Pod>(&k.0, &k.1) else {
            self.assumed.remove(k);
            return;
        };
        if pod.metadata.uid != a.uid || !needs_scheduling(&pod) {
            self.assumed.remove(k);
            return;
        }
        let all_bound = pod.claim_names().all(|n| {
            ctx.api
                .get::<PersistentVolumeClaim>(&k.0, n)
                .is_some_and(claim_is_bound)
        });
        if !all_bound {
            return;
        }
        self.assumed.remove(k);
        match ctx.api.bind(&k.0, &k.1, &a.node, ctx.now) {
            Ok(_) => {
                let msg = format!("Successfully assigned {}/{} to {}", k.0, k.1, a.node);
                ctx.api
                    .record_event(ctx.now, &*pod, "Normal", "Scheduled", &msg, COMPONENT, "");
            }
            // A failed binding sends the pod back to the queue.
            Err(_) => self.enqueue(k.clone(), ctx),
        }
    }
}

/// What about a node can change a scheduling decision (not heartbeats).
fn scheduling_view(
    n: &Node,
) -> (
    bool,
    &Vec<crate::api::Taint>,
    &crate::api::Labels,
    &str,
    &std::collections::BTreeMap<String, String>,
) {
    (
        n.spec.unschedulable,
        &n.spec.taints,
        &n.metadata.labels,
        n.ready_status(),
        &n.status.allocatable,
    )
}

fn claim_is_bound(c: &PersistentVolumeClaim) -> bool {
    c.status.phase == "Bound" && !c.spec.volume_name.is_empty()
}

/// PodScheduled=False/Unschedulable with the scheduler's message, and a FailedScheduling event.
fn record_failure(pod: &Pod, msg: &str, ctx: &mut Ctx) {
    let mut p = pod.clone();
    let conds = &mut p.status.conditions;
    let changed = match conds.iter_mut().find(|c| c.type_ == "PodScheduled") {
        Some(c) if c.status == "False" && c.reason == "Unschedulable" && c.message == msg => false,
        Some(c) => {
            if c.status != "False" {
                c.last_transition_time = Some(crate::time::Timestamp(ctx.now));
            }
            c.status = "False".into();
            c.reason = "Unschedulable".into();
            c.message = msg.into();
            true
        }
        None => {
            conds.push(crate::api::Condition {
                type_: "PodScheduled".into(),
                status: "False".into(),
                last_transition_time: Some(crate::time::Timestamp(ctx.now)),
                last_heartbeat_time: None,
                reason: "Unschedulable".into(),
                message: msg.into(),
            });
            true
        }
    };
    if changed {
        let _ = ctx.api.update_status(Object::Pod(p), ctx.now);
    }
    ctx.api.record_event(
        ctx.now,
        pod,
        "Warning",
        "FailedScheduling",
        msg,
        COMPONENT,
        "",
    );
}
