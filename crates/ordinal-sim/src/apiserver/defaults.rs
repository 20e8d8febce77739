//! Defaulting (pkg/apis/*/v1/defaults.go) and the status/spec split of the status subresource.

use crate::api::Object;

/// Applies the API server's defaults for the object's kind.
pub fn apply(obj: &mut Object) {
    if let Object::Pod(p) = obj {
        let s = &mut p.spec;
        if s.restart_policy.is_empty() {
            s.restart_policy = "Always".into();
        }
        if s.termination_grace_period_seconds.is_none() {
            s.termination_grace_period_seconds = Some(30);
        }
        if s.dns_policy.is_empty() {
            s.dns_policy = "ClusterFirst".into();
        }
        if s.scheduler_name.is_empty() {
            s.scheduler_name = "default-scheduler".into();
        }
    }
}

/// Create resets status for kinds whose status the system owns.
pub fn reset_status_on_create(obj: &mut Object) {
    match obj {
        Object::StatefulSet(s) => s.status = Default::default(),
        Object::Pod(p) => p.status = Default::default(),
        Object::PersistentVolumeClaim(c) => c.status = Default::default(),
        _ => {}
    }
}

/// A PUT to the main resource keeps the stored status.
pub fn keep_status(old: &Object, new: &mut Object) {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => n.status = o.status.clone(),
        (Object::Pod(o), Object::Pod(n)) => n.status = o.status.clone(),
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            n.status = o.status.clone()
        }
        (Object::PersistentVolume(o), Object::PersistentVolume(n)) => n.status = o.status.clone(),
        (Object::Node(o), Object::Node(n)) => n.status = o.status.clone(),
        (Object::Namespace(o), Object::Namespace(n)) => n.status = o.status.clone(),
        _ => {}
    }
}

/// A PUT to `/status` keeps the stored spec and metadata.
pub fn keep_spec_and_meta(old: &Object, new: &mut Object) {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => {
            n.spec = o.spec.clone();
            n.metadata = o.metadata.clone();
        }
        (Object::Pod(o), Object::Pod(n)) => {
            n.spec = o.spec.clone();
            n.metadata = o.metadata.clone();
        }
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            n.spec = o.spec.clone();
            n.metadata = o.metadata.clone();
        }
        (Object::PersistentVolume(o), Object::PersistentVolume(n)) => {
            n.spec = o.spec.clone();
            n.metadata = o.metadata.clone();
        }
        (Object::Node(o), Object::Node(n)) => {
            n.spec = o.spec.clone();
            n.metadata = o.metadata.clone();
        }
        (_, n) => *n = old.clone(),
    }
}

/// Whether the spec differs (drives `metadata.generation`).
pub fn spec_changed(old: &Object, new: &Object) -> bool {
    match (old, new) {
        (Object::StatefulSet(o), Object::StatefulSet(n)) => o.spec != n.spec,
        _ => false,
    }
}
