//! The scheduler cache: what bound pods use on each node, kept up to date from pod watch events
//! (like kube-scheduler's `internal/cache`), so a scheduling cycle does not scan every pod.
//! Assumed pods are laid over it per cycle. Debug builds check it against a full scan.

use super::filters::{host_ports, pod_requests, NodeUsage};
use super::{is_terminal, pod_key, Assumed};
use crate::api::{Object, Pod};
use crate::apiserver::store::{Key, Store};
use crate::apiserver::{WatchEvent, WatchType};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What one pod takes on its node.
#[derive(Clone, Debug, PartialEq)]
struct PodUsage {
    node: String,
    ports: Vec<(i32, String)>,
    cpu_milli: u64,
    memory: u64,
}

impl PodUsage {
    fn of(p: &Pod, node: &str) -> Self {
        let (cpu_milli, memory) = pod_requests(p);
        PodUsage {
            node: node.to_string(),
            ports: host_ports(p),
            cpu_milli,
            memory,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct UsageCache {
    /// Bound pods that are not finished, by key.
    by_pod: BTreeMap<Key, PodUsage>,
    totals: NodeUsage,
}

impl UsageCache {
    /// Follows one watch event (every pod event must pass through here).
    pub(super) fn observe(&mut self, ev: &WatchEvent) {
        let Object::Pod(p) = &ev.object else {
            return;
        };
        let now =
            (ev.type_ != WatchType::Deleted && !p.spec.node_name.is_empty() && !is_terminal(p))
                .then(|| PodUsage::of(p, &p.spec.node_name));
        let k = pod_key(p);
        if self.by_pod.get(&k) == now.as_ref() {
            return;
        }
        if let Some(old) = self.by_pod.remove(&k) {
            self.totals.remove(&old);
        }
        if let Some(u) = now {
            self.totals.add(&u);
            self.by_pod.insert(k, u);
        }
    }

    /// Usage per node with the assumed pods counted on their chosen nodes.
    pub(super) fn usage<'a>(
        &'a self,
        store: &Store,
        assumed: &BTreeMap<Key, Assumed>,
    ) -> Cow<'a, NodeUsage> {
        let mut u = Cow::Borrowed(&self.totals);
        for (k, a) in assumed {
            let Some(p) = store.get::<Pod>(&k.0, &k.1) else {
                continue;
            };
            if is_terminal(p) {
                continue;
            }
            let u = u.to_mut();
            if let Some(bound) = self.by_pod.get(k) {
                u.remove(bound);
            }
            if !a.node.is_empty() {
                u.add(&PodUsage::of(p, &a.node));
            }
        }
        #[cfg(debug_assertions)]
        {
            let full = NodeUsage::collect(store, assumed);
            assert_eq!(
                sorted(&u),
                sorted(&full),
                "scheduler cache out of step with the store"
            );
        }
        u
    }
}

impl NodeUsage {
    fn add(&mut self, u: &PodUsage) {
        *self.pods.entry(u.node.clone()).or_default() += 1;
        self.ports
            .entry(u.node.clone())
            .or_default()
            .extend(u.ports.iter().cloned());
        *self.cpu_milli.entry(u.node.clone()).or_default() += u.cpu_milli;
        *self.memory.entry(u.node.clone()).or_default() += u.memory;
    }

    fn remove(&mut self, u: &PodUsage) {
        let n = &u.node;
        let Some(count) = self.pods.get_mut(n) else {
            return;
        };
        *count -= 1;
        if *count == 0 {
            // A node without pods has no entries (as in a full scan).
            self.pods.remove(n);
            self.ports.remove(n);
            self.cpu_milli.remove(n);
            self.memory.remove(n);
            return;
        }
        if let Some(ports) = self.ports.get_mut(n) {
            for p in &u.ports {
                if let Some(i) = ports.iter().position(|x| x == p) {
                    ports.remove(i);
                }
            }
        }
        if let Some(c) = self.cpu_milli.get_mut(n) {
            *c -= u.cpu_milli;
        }
        if let Some(m) = self.memory.get_mut(n) {
            *m -= u.memory;
        }
    }
}

/// Port lists compared as multisets.
#[cfg(debug_assertions)]
fn sorted(u: &NodeUsage) -> NodeUsage {
    let mut u = u.clone();
    for ports in u.ports.values_mut() {
        crate::sort::sort(ports);
    }
    u
}
