//! The `/scale` subresource of StatefulSets (V8), ReplicaSets, ReplicationControllers and
//! Deployments (RS10): `autoscaling/v1` Scale reads and writes `spec.replicas`;
//! `status.replicas` mirrors the object's status and `status.selector` its selector.

use super::{ApiError, ApiServer, FieldError, Reason};
use crate::api::{Kind, LabelSelector, Object, ObjectMeta};
use crate::time::Millis;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    pub metadata: ObjectMeta,
    pub spec: ScaleSpec,
    pub status: ScaleStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleSpec {
    #[serde(default)]
    pub replicas: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleStatus {
    pub replicas: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub selector: String,
}

/// The Scale of one object: its metadata, `spec.replicas`, `status.replicas` and selector.
fn scale(meta: &ObjectMeta, replicas: i32, status_replicas: i32, selector: String) -> Scale {
    Scale {
        metadata: ObjectMeta {
            name: meta.name.clone(),
            namespace: meta.namespace.clone(),
            uid: meta.uid.clone(),
            resource_version: meta.resource_version.clone(),
            creation_timestamp: meta.creation_timestamp,
            ..Default::default()
        },
        spec: ScaleSpec { replicas },
        status: ScaleStatus {
            replicas: status_replicas,
            selector,
        },
    }
}

fn selector_string(s: &Option<LabelSelector>) -> String {
    s.as_ref()
        .map(|l| l.to_selector_string())
        .unwrap_or_default()
}

/// The Scale of an object that has one; None for other kinds.
fn scale_of(obj: &Object) -> Option<Scale> {
    Some(match obj {
        Object::StatefulSet(s) => scale(
            &s.metadata,
            s.replicas(),
            s.status.replicas,
            selector_string(&s.spec.selector),
        ),
        Object::ReplicaSet(r) => scale(
            &r.metadata,
            r.replicas(),
            r.status.replicas,
            selector_string(&r.spec.selector),
        ),
        Object::Deployment(d) => scale(
            &d.metadata,
            d.replicas(),
            d.status.replicas,
            selector_string(&d.spec.selector),
        ),
        // An RC's map selector, as labels.SelectorFromSet prints it.
        Object::ReplicationController(r) => scale(
            &r.metadata,
            r.replicas(),
            r.status.replicas,
            LabelSelector {
                match_labels: r.spec.selector.clone(),
                ..Default::default()
            }
            .to_selector_string(),
        ),
        _ => return None,
    })
}

/// Sets `spec.replicas` on an object that has a Scale.
fn set_replicas(obj: &mut Object, replicas: i32) -> bool {
    match obj {
        Object::StatefulSet(s) => s.spec.replicas = Some(replicas),
        Object::ReplicaSet(r) => r.spec.replicas = Some(replicas),
        Object::Deployment(d) => d.spec.replicas = Some(replicas),
        Object::ReplicationController(r) => r.spec.replicas = Some(replicas),
        _ => return false,
    }
    true
}

/// A kind without a `/scale` subresource: the 404 of an unknown path.
fn no_scale() -> ApiError {
    ApiError {
        reason: Reason::NotFound,
        message: "the server could not find the requested resource".into(),
        details: None,
    }
}

impl ApiServer {
    /// GET `statefulsets/<name>/scale`.
    pub fn get_scale(&self, namespace: &str, name: &str) -> Result<Scale, ApiError> {
        self.get_scale_for(Kind::StatefulSet, namespace, name)
    }

    /// PUT/PATCH `statefulsets/<name>/scale`.
    pub fn update_scale(
        &mut self,
        namespace: &str,
        name: &str,
        replicas: i32,
        now: Millis,
    ) -> Result<Scale, ApiError> {
        self.update_scale_for(Kind::StatefulSet, namespace, name, replicas, now)
    }

    /// GET `<kind>/<name>/scale` (RS10): StatefulSets, ReplicaSets, Deployments and
    /// ReplicationControllers.
    pub fn get_scale_for(
        &self,
        kind: Kind,
        namespace: &str,
        name: &str,
    ) -> Result<Scale, ApiError> {
        let obj = self
            .store
            .get_object(kind, namespace, name)
            .ok_or_else(|| ApiError::not_found(kind, name))?;
        scale_of(obj).ok_or_else(no_scale)
    }

    /// PUT/PATCH `<kind>/<name>/scale`: sets `spec.replicas` through a normal update
    /// (defaulting, validation and generation bump apply).
    pub fn update_scale_for(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        replicas: i32,
        now: Millis,
    ) -> Result<Scale, ApiError> {
        if replicas < 0 {
            return Err(ApiError::invalid_group_kind(
                "Scale",
                "autoscaling",
                name,
                &[FieldError::invalid(
                    "spec.replicas",
                    replicas,
                    "must be greater than or equal to 0",
                )],
            ));
        }
        let mut obj = self
            .store
            .get_object(kind, namespace, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(kind, name))?;
        if !set_replicas(&mut obj, replicas) {
            return Err(no_scale());
        }
        let updated = self.update(obj, now)?;
        scale_of(&updated).ok_or_else(ApiError::internal)
    }
}
