//! Fixtures for the ReplicaSet controller's tests, like upstream's replica_set_test.go:
//! `newReplicaSet`, `newPod`, and a driver with no nodes and the controllers paused, so each
//! `sync` is exactly one syncReplicaSet and pods are in whatever state the test writes.

use super::builders::fast_config;
use crate::api::*;
use crate::controller::error::SyncError;
use crate::controller::replicaset::{Flavor, Rs};
use crate::time::Timestamp;
use crate::Cluster;

/// The labels newReplicaSet selects: `foo=bar`.
pub fn foo_bar() -> Labels {
    [("foo".to_string(), "bar".to_string())].into()
}

fn template(labels: &Labels) -> PodTemplateSpec {
    let mut t = PodTemplateSpec::default();
    t.metadata.labels = labels.clone();
    t.spec.containers = vec![Container {
        name: "foo".into(),
        image: "foo/bar".into(),
        ..Default::default()
    }];
    t
}

/// newReplicaSet: default/`name`, `replicas`, selector and template labels `labels`.
pub fn new_replica_set(name: &str, replicas: i32, labels: &Labels) -> ReplicaSet {
    ReplicaSet {
        metadata: ObjectMeta::named("default", name),
        spec: ReplicaSetSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector {
                match_labels: labels.clone(),
                ..Default::default()
            }),
            template: template(labels),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// newReplicationController: the same over a map selector.
pub fn new_replication_controller(
    name: &str,
    replicas: i32,
    labels: &Labels,
) -> ReplicationController {
    ReplicationController {
        metadata: ObjectMeta::named("default", name),
        spec: ReplicationControllerSpec {
            replicas: Some(replicas),
            selector: labels.clone(),
            template: Some(template(labels)),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// How a test pod looks: newPod's phase, node and readiness.
#[derive(Clone, Debug)]
pub struct PodState {
    pub phase: &'static str,
    pub node: &'static str,
    pub ready: bool,
}

pub const RUNNING_READY: PodState = PodState {
    phase: "Running",
    node: "node-1",
    ready: true,
};

/// One event: (type, reason, message).
pub type Ev = (String, String, String);

pub struct RsDriver {
    pub c: Cluster,
}

impl Default for RsDriver {
    fn default() -> Self {
        Self::new()
    }
}

impl RsDriver {
    /// No nodes, seed 1, the ReplicaSet controllers paused.
    pub fn new() -> RsDriver {
        Self::with_seed(1)
    }

    pub fn with_seed(seed: u64) -> RsDriver {
        let mut c = Cluster::new(fast_config(seed, 0));
        c.pause_replicaset_controllers(true);
        RsDriver { c }
    }

    /// Creates a ReplicaSet and returns it as stored.
    pub fn create_rs(&mut self, rs: ReplicaSet) -> ReplicaSet {
        match self.c.create(Object::ReplicaSet(rs)).expect("create rs") {
            Object::ReplicaSet(r) => r,
            _ => unreachable!(),
        }
    }

    pub fn rs(&self, name: &str) -> ReplicaSet {
        self.c
            .api
            .get::<ReplicaSet>("default", name)
            .cloned()
            .expect("rs exists")
    }

    /// One syncReplicaSet of default/`name`.
    pub fn sync(&mut self, name: &str) -> Result<(), SyncError> {
        self.c.sync_replicaset(Rs::KIND, "default", name)
    }

    /// Creates pod `name` with `labels` in `state`, controlled by `owner` if given (newPod).
    pub fn add_pod(
        &mut self,
        name: &str,
        labels: &Labels,
        state: &PodState,
        owner: Option<&ReplicaSet>,
    ) -> Pod {
        let mut p = Pod {
            metadata: ObjectMeta::named("default", name),
            ..Default::default()
        };
        p.metadata.labels = labels.clone();
        if let Some(rs) = owner {
            p.metadata
                .owner_references
                .push(Rs::CONTROLLER_KIND.controller_ref(&rs.metadata));
        }
        p.spec = template(labels).spec;
        p.spec.node_name = state.node.into();
        self.c.create(Object::Pod(p)).expect("create pod");
        self.set_state(name, state)
    }

    /// Writes a pod's phase and Ready condition (Ready since now when ready).
    pub fn set_state(&mut self, name: &str, state: &PodState) -> Pod {
        let mut p = self.pod(name);
        p.status.phase = state.phase.into();
        p.status.conditions.retain(|c| c.type_ != "Ready");
        p.status.conditions.push(Condition {
            type_: "Ready".into(),
            status: if state.ready { "True" } else { "False" }.into(),
            last_transition_time: Some(Timestamp(self.c.now)),
            ..Default::default()
        });
        self.c.update_status(Object::Pod(p)).expect("pod status");
        self.pod(name)
    }

    pub fn pod(&self, name: &str) -> Pod {
        self.c
            .api
            .get::<Pod>("default", name)
            .cloned()
            .unwrap_or_else(|| panic!("pod {name} exists"))
    }

    /// Pods in default that are not being deleted, by name.
    pub fn live_pods(&self) -> Vec<Pod> {
        self.c
            .api
            .list::<Pod>(Some("default"))
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .cloned()
            .collect()
    }

    /// Names of the live pods whose controller is `rs`.
    pub fn owned(&self, rs: &str) -> Vec<String> {
        let uid = self.rs(rs).metadata.uid;
        self.live_pods()
            .into_iter()
            .filter(|p| p.metadata.controller_ref().is_some_and(|r| r.uid == uid))
            .map(|p| p.metadata.name)
            .collect()
    }

    /// Every event recorded on object `name`, oldest first: (type, reason, message).
    pub fn events(&self, name: &str) -> Vec<Ev> {
        let mut evs: Vec<&Event> = self
            .c
            .api
            .list::<Event>(None)
            .filter(|e| e.involved_object.name == name)
            .collect();
        evs.sort_by_key(|e| e.metadata.resource_version.parse::<u64>().unwrap_or(0));
        evs.iter()
            .map(|e| (e.type_.clone(), e.reason.clone(), e.message.clone()))
            .collect()
    }
}
