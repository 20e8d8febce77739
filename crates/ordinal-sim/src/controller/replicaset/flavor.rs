//! The two kinds one controller serves (RS1): apps/v1 ReplicaSets as they are, and core/v1
//! ReplicationControllers converted to a ReplicaSet on read and back on the status write, as
//! upstream's pkg/controller/replication wraps the ReplicaSet controller (conversion.go).

use super::Work;
use crate::api::{
    Kind, LabelSelector, Labels, Object, ObjectMeta, ReplicaSet, ReplicaSetSpec, ReplicaSetStatus,
    ReplicationController,
};
use crate::apiserver::{ApiError, ApiServer, Involved};
use crate::controller::controller_ref::ControllerKind;
use crate::controller::Timer;
use crate::time::Millis;

/// What differs between the ReplicaSet controller and the replication manager.
pub trait Flavor: Clone + std::fmt::Debug + 'static {
    /// The kind the controller reads and writes.
    const KIND: Kind;
    /// What its pods' controller references name.
    const CONTROLLER_KIND: ControllerKind;
    /// The event source component.
    const COMPONENT: &'static str;
    /// Wraps the controller's queue work into the cluster's timer type.
    fn timer(work: Work) -> Timer;
    /// The object as a ReplicaSet, if it is one of this controller's kind.
    fn as_replica_set(obj: &Object) -> Option<ReplicaSet>;
    /// PUT `/status` with `status` on the object `rs` was read from (its resourceVersion).
    fn update_status(
        api: &mut ApiServer,
        rs: &ReplicaSet,
        status: ReplicaSetStatus,
        now: Millis,
    ) -> Result<ReplicaSet, ApiError>;

    /// Whether the object (of this kind) has a non-empty selector matching `labels`.
    fn selects(obj: &Object, labels: &Labels) -> bool;
    /// Its spec.minReadySeconds.
    fn min_ready_seconds(obj: &Object) -> i32;

    fn get(api: &ApiServer, namespace: &str, name: &str) -> Option<ReplicaSet> {
        api.store
            .get_object(Self::KIND, namespace, name)
            .and_then(Self::as_replica_set)
    }

    fn list(api: &ApiServer, namespace: &str) -> Vec<ReplicaSet> {
        api.store
            .list_objects(Self::KIND, Some(namespace))
            .filter_map(Self::as_replica_set)
            .collect()
    }
}

/// pkg/controller/replicaset: `replicaset-controller`.
#[derive(Clone, Debug)]
pub struct Rs;

impl Flavor for Rs {
    const KIND: Kind = Kind::ReplicaSet;
    const CONTROLLER_KIND: ControllerKind = ControllerKind {
        api_version: "apps/v1",
        kind: "ReplicaSet",
    };
    const COMPONENT: &'static str = "replicaset-controller";

    fn timer(work: Work) -> Timer {
        Timer::ReplicaSet(work)
    }

    fn as_replica_set(obj: &Object) -> Option<ReplicaSet> {
        match obj {
            Object::ReplicaSet(rs) => Some(rs.clone()),
            _ => None,
        }
    }

    fn selects(obj: &Object, labels: &Labels) -> bool {
        match obj {
            Object::ReplicaSet(rs) => rs
                .spec
                .selector
                .as_ref()
                .is_some_and(|s| !s.is_empty() && s.matches(labels)),
            _ => false,
        }
    }

    fn min_ready_seconds(obj: &Object) -> i32 {
        match obj {
            Object::ReplicaSet(rs) => rs.spec.min_ready_seconds,
            _ => 0,
        }
    }

    fn update_status(
        api: &mut ApiServer,
        rs: &ReplicaSet,
        status: ReplicaSetStatus,
        now: Millis,
    ) -> Result<ReplicaSet, ApiError> {
        let mut rs = rs.clone();
        rs.status = status;
        match api.update_status(Object::ReplicaSet(rs), now)? {
            Object::ReplicaSet(rs) => Ok(rs),
            _ => Err(ApiError::internal()),
        }
    }
}

/// pkg/controller/replication: `replication-controller`, the ReplicaSet logic over RCs.
#[derive(Clone, Debug)]
pub struct Rc;

impl Flavor for Rc {
    const KIND: Kind = Kind::ReplicationController;
    const CONTROLLER_KIND: ControllerKind = ControllerKind {
        api_version: "v1",
        kind: "ReplicationController",
    };
    const COMPONENT: &'static str = "replication-controller";

    fn timer(work: Work) -> Timer {
        Timer::ReplicationController(work)
    }

    fn as_replica_set(obj: &Object) -> Option<ReplicaSet> {
        match obj {
            Object::ReplicationController(rc) => Some(rs_from_rc(rc)),
            _ => None,
        }
    }

    fn selects(obj: &Object, labels: &Labels) -> bool {
        match obj {
            Object::ReplicationController(rc) => {
                let sel = &rc.spec.selector;
                !sel.is_empty() && sel.iter().all(|(k, v)| labels.get(k) == Some(v))
            }
            _ => false,
        }
    }

    fn min_ready_seconds(obj: &Object) -> i32 {
        match obj {
            Object::ReplicationController(rc) => rc.spec.min_ready_seconds,
            _ => 0,
        }
    }

    fn update_status(
        api: &mut ApiServer,
        rs: &ReplicaSet,
        status: ReplicaSetStatus,
        now: Millis,
    ) -> Result<ReplicaSet, ApiError> {
        let m = &rs.metadata;
        let mut rc = api
            .get::<ReplicationController>(&m.namespace, &m.name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(Kind::ReplicationController, &m.name))?;
        // The version the sync read, so a concurrent write conflicts as it would upstream.
        rc.metadata.resource_version.clone_from(&m.resource_version);
        rc.status = status;
        match api.update_status(Object::ReplicationController(rc), now)? {
            Object::ReplicationController(rc) => Ok(rs_from_rc(&rc)),
            _ => Err(ApiError::internal()),
        }
    }
}

/// Convert_v1_ReplicationController_To_apps_ReplicaSet: the map selector becomes matchLabels.
pub fn rs_from_rc(rc: &ReplicationController) -> ReplicaSet {
    ReplicaSet {
        metadata: rc.metadata.clone(),
        spec: ReplicaSetSpec {
            replicas: rc.spec.replicas,
            min_ready_seconds: rc.spec.min_ready_seconds,
            selector: Some(LabelSelector {
                match_labels: rc.spec.selector.clone(),
                ..Default::default()
            }),
            template: rc.spec.template.clone().unwrap_or_default(),
        },
        status: rc.status.clone(),
    }
}

/// The object an event is recorded on: the controller's own kind, so an RC's events name the
/// RC (upstream's recorder sees the converted object's original kind).
pub struct InvolvedAs<'a> {
    pub kind: Kind,
    pub meta: &'a ObjectMeta,
}

impl Involved for InvolvedAs<'_> {
    fn kind(&self) -> Kind {
        self.kind
    }
    fn meta(&self) -> &ObjectMeta {
        self.meta
    }
}
