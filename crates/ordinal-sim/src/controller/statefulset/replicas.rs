//! The in-range pods of a sync by index (R3): the claimed pods, with every hole filled by a
//! local, not yet created pod (newVersionedStatefulSetPod).
//!
//! Upstream builds all `spec.replicas` local pods up front. Here a hole's pod is built the first
//! time the reconcile looks at it, so a sync costs what it visits: OrderedReady stops at the
//! first hole, so `--replicas=10000` with three pods builds one local pod, not 9,997. A hole's
//! local pod has no status, so it counts toward no status counter; recounting visits only the
//! claimed pods.

use super::utils::new_versioned_stateful_set_pod;
use crate::api::{Pod, StatefulSet};
use crate::apiserver::store::Shared;
use std::cell::{Cell, OnceCell};
use std::collections::BTreeMap;

/// What a hole's local pod is built from (newVersionedStatefulSetPod's arguments).
pub struct Templates<'a> {
    pub current_set: &'a StatefulSet,
    pub update_set: &'a StatefulSet,
    pub current_revision: &'a str,
    pub update_revision: &'a str,
    /// The ordinal of index 0 (`spec.ordinals.start`).
    pub start: i64,
}

pub struct Replicas<'a> {
    /// One cell per index; claimed pods are set up front, holes when first read.
    cells: Vec<OnceCell<Shared<Pod>>>,
    /// The claimed pods by index (the last one wins when two parse to the same ordinal).
    claimed: BTreeMap<usize, Shared<Pod>>,
    templates: Templates<'a>,
    built: Cell<usize>,
}

impl<'a> Replicas<'a> {
    /// `len` slots (spec.replicas), `claimed` as (index, pod) in listing order.
    pub fn new(
        len: usize,
        claimed: impl IntoIterator<Item = (usize, Shared<Pod>)>,
        templates: Templates<'a>,
    ) -> Self {
        let mut by_index = BTreeMap::new();
        for (i, pod) in claimed {
            by_index.insert(i, pod);
        }
        let mut cells: Vec<OnceCell<Shared<Pod>>> = Vec::with_capacity(len);
        cells.resize_with(len, OnceCell::new);
        for (&i, pod) in &by_index {
            let _ = cells[i].set(pod.clone());
        }
        Replicas {
            cells,
            claimed: by_index,
            templates,
            built: Cell::new(0),
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The pod at index `i`: the claimed one, or the hole's local pod (built once).
    pub fn get(&self, i: usize) -> &Shared<Pod> {
        self.cells[i].get_or_init(|| {
            self.built.set(self.built.get() + 1);
            let t = &self.templates;
            Shared::new(new_versioned_stateful_set_pod(
                t.current_set,
                t.update_set,
                t.current_revision,
                t.update_revision,
                t.start + i as i64,
            ))
        })
    }

    /// Every index in order, building holes as the iteration reaches them.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Shared<Pod>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The claimed pods in index order: all that status counters can see.
    pub fn claimed(&self) -> impl Iterator<Item = &Shared<Pod>> + '_ {
        self.claimed.values()
    }

    /// How many holes' local pods were built.
    pub fn built(&self) -> usize {
        self.built.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::statefulset::utils::{is_created, pod_revision};

    fn set() -> StatefulSet {
        let mut s = StatefulSet::default();
        s.metadata.name = "web".into();
        s.metadata.namespace = "default".into();
        s
    }

    fn claimed(name: &str) -> Shared<Pod> {
        let mut p = Pod::default();
        p.metadata.name = name.into();
        p.status.phase = "Running".into();
        Shared::new(p)
    }

    #[test]
    fn holes_are_built_only_when_read() {
        let s = set();
        let templates = Templates {
            current_set: &s,
            update_set: &s,
            current_revision: "web-a",
            update_revision: "web-b",
            start: 0,
        };
        let r = Replicas::new(10_000, [(0, claimed("web-0"))], templates);
        assert_eq!(r.len(), 10_000);
        assert_eq!(r.built(), 0);
        assert_eq!(r.get(0).metadata.name, "web-0");
        assert_eq!(r.built(), 0, "a claimed pod is not rebuilt");
        let hole = r.get(1);
        assert_eq!(hole.metadata.name, "web-1");
        assert!(!is_created(hole));
        assert_eq!(pod_revision(hole), "web-b");
        r.get(1);
        assert_eq!(r.built(), 1, "a hole is built once");
        assert_eq!(r.claimed().count(), 1);
        assert_eq!(r.iter().take(3).count(), 3);
        assert_eq!(r.built(), 2);
    }
}
