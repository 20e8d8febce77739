//! UIDTrackingControllerExpectations (pkg/controller/controller_utils.go, RS2): how many creates
//! and which deletes a ReplicaSet still waits to see through its informer. Until they are seen
//! (or five minutes pass) the controller does not create or delete again, so a slow watch never
//! makes it act twice.

use crate::apiserver::store::Key;
use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

/// ExpectationsTimeout: unfulfilled expectations older than this no longer block a sync.
pub const EXPECTATIONS_TIMEOUT_MS: Millis = 5 * 60 * 1000;

/// ControlleeExpectations: outstanding adds and deletes, and when they were set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectation {
    pub add: i64,
    pub del: i64,
    pub timestamp: Millis,
}

impl Expectation {
    pub fn fulfilled(&self) -> bool {
        self.add <= 0 && self.del <= 0
    }
}

#[derive(Clone, Debug, Default)]
pub struct Expectations {
    counts: BTreeMap<Key, Expectation>,
    /// Pods (namespace/name) whose deletion is expected, per controller key.
    deleting: BTreeMap<Key, BTreeSet<String>>,
}

impl Expectations {
    pub fn get(&self, k: &Key) -> Option<&Expectation> {
        self.counts.get(k)
    }

    /// SatisfiedExpectations: none recorded, fulfilled, or expired.
    pub fn satisfied(&self, k: &Key, now: Millis) -> bool {
        match self.counts.get(k) {
            None => true,
            Some(e) => e.fulfilled() || now.saturating_sub(e.timestamp) > EXPECTATIONS_TIMEOUT_MS,
        }
    }

    /// ExpectCreations: a fresh record of `adds` creates.
    pub fn expect_creations(&mut self, k: &Key, adds: usize, now: Millis) {
        self.counts.insert(
            k.clone(),
            Expectation {
                add: adds as i64,
                del: 0,
                timestamp: now,
            },
        );
    }

    /// ExpectDeletions: a fresh record of these pods' deletions.
    pub fn expect_deletions(&mut self, k: &Key, pod_keys: Vec<String>, now: Millis) {
        let set: BTreeSet<String> = pod_keys.into_iter().collect();
        self.counts.insert(
            k.clone(),
            Expectation {
                add: 0,
                del: set.len() as i64,
                timestamp: now,
            },
        );
        self.deleting.insert(k.clone(), set);
    }

    /// CreationObserved (also used to give back creates that were never attempted).
    pub fn creation_observed(&mut self, k: &Key) {
        if let Some(e) = self.counts.get_mut(k) {
            e.add -= 1;
        }
    }

    /// DeletionObserved: counts only a pod whose deletion was expected, once.
    pub fn deletion_observed(&mut self, k: &Key, pod_key: &str) {
        if self.deleting.get_mut(k).is_some_and(|s| s.remove(pod_key)) {
            if let Some(e) = self.counts.get_mut(k) {
                e.del -= 1;
            }
        }
    }

    /// DeleteExpectations: the controller object is gone (or recreated under the same name).
    pub fn delete(&mut self, k: &Key) {
        self.counts.remove(k);
        self.deleting.remove(k);
    }
}

/// controller.PodKey.
pub fn pod_key(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}
