//! Attach/detach controller (pkg/controller/volume/attachdetach): attach each attachable
//! volume to the node of a pod that needs it, one node at a time for ReadWriteOnce; detach it
//! once the node has unmounted it — or after `maxWaitForUnmountDuration` (6 min) if the node is
//! unhealthy, or at once if the node has the `out-of-service` taint (non-graceful shutdown).

use super::*;
use crate::api::{AttachedVolume, Node, TAINT_OUT_OF_SERVICE};
use crate::apiserver::store::Shared;

/// The pods that want one volume on one node (handles: a reconcile copies no pod).
type Wanting = (String, Vec<Shared<Pod>>);

/// (PV name, unique volume name, node) for every attachable volume a live pod needs.
fn desired(store: &Store) -> BTreeMap<(String, String), Wanting> {
    let mut out: BTreeMap<(String, String), Wanting> = BTreeMap::new();
    for p in store.list_shared::<Pod>(None) {
        // desired state populator: terminated pods give their volumes up.
        if p.spec.node_name.is_empty() || is_pod_terminated(&p) {
            continue;
        }
        for claim in p.claim_names() {
            let Some(c) = store.get::<PersistentVolumeClaim>(&p.metadata.namespace, claim) else {
                continue;
            };
            if c.spec.volume_name.is_empty() || c.status.phase != "Bound" {
                continue;
            }
            let Some(pv) = store.get::<PersistentVolume>("", &c.spec.volume_name) else {
                continue;
            };
            let Some(unique) = unique_volume_name(pv) else {
                continue;
            };
            out.entry((pv.metadata.name.clone(), p.spec.node_name.clone()))
                .or_insert_with(|| (unique, Vec::new()))
                .1
                .push(p.clone());
        }
    }
    out
}

/// volumeutil.IsPodTerminated: a terminal phase, or being deleted with no container running.
fn is_pod_terminated(p: &Pod) -> bool {
    matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
        || (p.metadata.deletion_timestamp.is_some()
            && p.status
                .container_statuses
                .iter()
                .all(|s| s.state.running.is_none()))
}

/// Unique volume name → the first volume (in name order) with that name: one pass instead of
/// a scan of every volume per attachment.
fn volumes_by_unique_name(store: &Store) -> BTreeMap<String, &PersistentVolume> {
    let mut out = BTreeMap::new();
    for pv in store.list::<PersistentVolume>(None) {
        if let Some(unique) = unique_volume_name(pv) {
            out.entry(unique).or_insert(pv);
        }
    }
    out
}

/// Unique volume name → node for every attachment reported in node status.
fn actual(store: &Store) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in store.list::<Node>(None) {
        for a in &n.status.volumes_attached {
            out.entry(a.name.clone())
                .or_default()
                .push(n.metadata.name.clone());
        }
    }
    out
}

impl VolumeController {
    pub(super) fn reconcile(&mut self, ctx: &mut Ctx) {
        let store = &ctx.api.store;
        let want = desired(store);
        let have = actual(store);
        let volumes = volumes_by_unique_name(store);
        let now = ctx.now;
        let mut attach = Vec::new();
        let mut detach = Vec::new();
        let mut multi_attach = Vec::new();
        let mut wake: Option<Millis> = None;
        // Detach what no pod on that node needs any more.
        for (unique, nodes) in &have {
            for node in nodes {
                let Some(pv) = volumes.get(unique) else {
                    detach.push((String::new(), unique.clone(), node.clone()));
                    continue;
                };
                let pair = (pv.metadata.name.clone(), node.clone());
                if want.contains_key(&pair) {
                    self.detach_requested.remove(&pair);
                    continue;
                }
                let since = *self.detach_requested.entry(pair.clone()).or_insert(now);
                let n = store.get::<Node>("", node);
                let mounted = n.is_some_and(|n| n.status.volumes_in_use.contains(unique));
                let out_of_service =
                    n.is_some_and(|n| n.spec.taints.iter().any(|t| t.key == TAINT_OUT_OF_SERVICE));
                let healthy = n.is_some_and(|n| n.ready_status() == "True");
                let timed_out = now >= since + MAX_WAIT_FOR_UNMOUNT_MS && !healthy;
                if !mounted || out_of_service || timed_out {
                    detach.push((pair.0, unique.clone(), node.clone()));
                } else if !healthy {
                    let at = since + MAX_WAIT_FOR_UNMOUNT_MS;
                    wake = Some(wake.map_or(at, |w: Millis| w.min(at)));
                }
            }
        }
        // Attach what pods need, refusing a second node for an exclusive volume.
        for ((pv_name, node), (unique, pods)) in &want {
            let attached_to = have.get(unique).cloned().unwrap_or_default();
            if attached_to.contains(node) {
                continue;
            }
            let Some(pv) = store.get::<PersistentVolume>("", pv_name) else {
                continue;
            };
            // IsOperationPending: one operation at a time per exclusive volume, whatever node.
            if exclusive(pv) && self.in_flight.iter().any(|(v, _)| v == pv_name) {
                continue;
            }
            if exclusive(pv) && !attached_to.is_empty() {
                let pair = (pv_name.clone(), node.clone());
                if !self.multi_attach_reported.contains(&pair) {
                    // GetVolumePodsOnNodes: the pods that want it on the nodes holding it.
                    let mut users: Vec<(String, String)> = attached_to
                        .iter()
                        .filter_map(|n| want.get(&(pv_name.clone(), n.clone())))
                        .flat_map(|(_, ps)| ps.iter())
                        .map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone()))
                        .collect();
                    crate::sort::sort_by(&mut users, |a, b| a.1.cmp(&b.1));
                    multi_attach.push((pair, pods.clone(), users));
                }
                continue;
            }
            attach.push((pv_name.clone(), node.clone()));
        }
        for (pv_name, unique, node) in detach {
            let pair = (
                if pv_name.is_empty() {
                    unique.clone()
                } else {
                    pv_name
                },
                node,
            );
            if self.in_flight.insert(pair.clone()) {
                let at = ctx.after(ctx.timing.attach_ms);
                ctx.schedule(at, Timer::Volume(Work::Detached(pair.0, pair.1)));
            }
        }
        for pair in attach {
            if self.in_flight.insert(pair.clone()) {
                let at = ctx.after(ctx.timing.attach_ms);
                ctx.schedule(at, Timer::Volume(Work::Attached(pair.0, pair.1)));
            }
        }
        for ((pv_name, node), pods, users) in multi_attach {
            for p in &pods {
                let msg = multi_attach_message(&pv_name, &p.metadata.namespace, &users);
                ctx.api.record_event(
                    now,
                    &**p,
                    "Warning",
                    "FailedAttachVolume",
                    &msg,
                    AD_CONTROLLER,
                    "",
                );
            }
            self.multi_attach_reported.insert((pv_name, node));
        }
        // A (volume, node) that no pod wants any more forgets it was reported.
        self.multi_attach_reported
            .retain(|pair| want.contains_key(pair));
        if let Some(at) = wake {
            self.request_reconcile(ctx, at);
        }
    }

    pub(super) fn attached(&mut self, ctx: &mut Ctx, pv_name: &str, node: &str) {
        self.in_flight
            .remove(&(pv_name.to_string(), node.to_string()));
        let store = &ctx.api.store;
        let Some(pv) = store.get::<PersistentVolume>("", pv_name) else {
            return;
        };
        let Some(unique) = unique_volume_name(pv) else {
            return;
        };
        let want = desired(store);
        let Some((_, pods)) = want.get(&(pv_name.to_string(), node.to_string())).cloned() else {
            return;
        };
        let others = actual(store).get(&unique).cloned().unwrap_or_default();
        if exclusive(pv) && others.iter().any(|n| n != node) {
            self.request_reconcile(ctx, ctx.now);
            return;
        }
        let Some(mut n) = store.get::<Node>("", node).cloned() else {
            return;
        };
        if !n.status.volumes_attached.iter().any(|a| a.name == unique) {
            n.status.volumes_attached.push(AttachedVolume {
                name: unique,
                device_path: String::new(),
            });
            if ctx.api.update_status(Object::Node(n), ctx.now).is_err() {
                return;
            }
        }
        self.multi_attach_reported
            .remove(&(pv_name.to_string(), node.to_string()));
        let msg = format!("AttachVolume.Attach succeeded for volume \"{pv_name}\"");
        for p in pods {
            ctx.api.record_event(
                ctx.now,
                &*p,
                "Normal",
                "SuccessfulAttachVolume",
                &msg,
                AD_CONTROLLER,
                "",
            );
        }
    }

    pub(super) fn detached(&mut self, ctx: &mut Ctx, pv_or_unique: &str, node: &str) {
        self.in_flight
            .remove(&(pv_or_unique.to_string(), node.to_string()));
        self.detach_requested
            .remove(&(pv_or_unique.to_string(), node.to_string()));
        let unique = match ctx.api.get::<PersistentVolume>("", pv_or_unique) {
            Some(pv) => unique_volume_name(pv).unwrap_or_default(),
            None => pv_or_unique.to_string(),
        };
        if let Some(mut n) = ctx.api.get::<Node>("", node).cloned() {
            let before = n.status.volumes_attached.len();
            n.status.volumes_attached.retain(|a| a.name != unique);
            if n.status.volumes_attached.len() != before {
                let _ = ctx.api.update_status(Object::Node(n), ctx.now);
            }
        }
        // Someone may be waiting for this volume on another node.
        self.request_reconcile(ctx, ctx.now);
    }
}

/// reconciler `reportMultiAttachError` (ST1): the pods of the scheduled pod's namespace that hold the
/// volume on another node by name, the others only counted; with none left (they are gone but
/// the volume is still attached) the generic text.
fn multi_attach_message(pv_name: &str, namespace: &str, users: &[(String, String)]) -> String {
    let prefix = format!("Multi-Attach error for volume \"{pv_name}\"");
    if users.is_empty() {
        return format!(
            "{prefix} Volume is already exclusively attached to one node and can't be attached to another"
        );
    }
    let local: Vec<&str> = users
        .iter()
        .filter(|(ns, _)| ns == namespace)
        .map(|(_, name)| name.as_str())
        .collect();
    let others = users.len() - local.len();
    let msg = match (local.is_empty(), others) {
        (false, 0) => format!("Volume is already used by pod(s) {}", local.join(", ")),
        (false, n) => format!(
            "Volume is already used by pod(s) {} and {n} pod(s) in different namespaces",
            local.join(", ")
        ),
        (true, n) => format!("Volume is already used by {n} pod(s) in different namespaces"),
    };
    format!("{prefix} {msg}")
}

#[cfg(test)]
mod tests {
    use super::multi_attach_message;

    fn users(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(ns, n)| (ns.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn pods_of_other_namespaces_are_counted_not_named() {
        let m = |u: &[(&str, &str)]| multi_attach_message("pv-1", "shop", &users(u));
        assert_eq!(
            m(&[("shop", "web-a"), ("shop", "web-b")]),
            "Multi-Attach error for volume \"pv-1\" Volume is already used by pod(s) web-a, web-b"
        );
        assert_eq!(
            m(&[("shop", "web-a"), ("blog", "x"), ("blog", "y")]),
            "Multi-Attach error for volume \"pv-1\" Volume is already used by pod(s) web-a and 2 pod(s) in different namespaces"
        );
        assert_eq!(
            m(&[("blog", "x")]),
            "Multi-Attach error for volume \"pv-1\" Volume is already used by 1 pod(s) in different namespaces"
        );
        assert_eq!(
            m(&[]),
            "Multi-Attach error for volume \"pv-1\" Volume is already exclusively attached to one node and can't be attached to another"
        );
    }
}
