//! The `/scale` subresource of StatefulSets (V8): `autoscaling/v1` Scale reads and writes
//! `spec.replicas`; `status.replicas` mirrors the set's status and `status.selector` its selector.

use super::{ApiError, ApiServer, FieldError};
use crate::api::{Kind, Object, ObjectMeta, StatefulSet};
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

fn scale_of(s: &StatefulSet) -> Scale {
    Scale {
        metadata: ObjectMeta {
            name: s.metadata.name.clone(),
            namespace: s.metadata.namespace.clone(),
            uid: s.metadata.uid.clone(),
            resource_version: s.metadata.resource_version.clone(),
            creation_timestamp: s.metadata.creation_timestamp,
            ..Default::default()
        },
        spec: ScaleSpec {
            replicas: s.replicas(),
        },
        status: ScaleStatus {
            replicas: s.status.replicas,
            selector: s
                .spec
                .selector
                .as_ref()
                .map(|l| l.to_selector_string())
                .unwrap_or_default(),
        },
    }
}

impl ApiServer {
    /// GET `statefulsets/<name>/scale`.
    pub fn get_scale(&self, namespace: &str, name: &str) -> Result<Scale, ApiError> {
        self.get::<StatefulSet>(namespace, name)
            .map(scale_of)
            .ok_or_else(|| ApiError::not_found(Kind::StatefulSet, name))
    }

    /// PUT/PATCH `statefulsets/<name>/scale`: sets `spec.replicas` through a normal update
    /// (defaulting, validation and generation bump apply).
    pub fn update_scale(
        &mut self,
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
        let mut set = self
            .get::<StatefulSet>(namespace, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(Kind::StatefulSet, name))?;
        set.spec.replicas = Some(replicas);
        match self.update(Object::StatefulSet(set), now)? {
            Object::StatefulSet(s) => Ok(scale_of(&s)),
            _ => Err(ApiError::internal()),
        }
    }
}
