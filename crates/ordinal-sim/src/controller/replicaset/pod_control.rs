//! RealPodControl (pkg/controller/controller_utils.go, RS4): pods from the template and their
//! events, recorded on the ReplicaSet (or ReplicationController) by its own component.

use super::flavor::{Flavor, InvolvedAs};
use crate::api::{Kind, Object, Pod, ReplicaSet};
use crate::apiserver::{ApiError, Reason};
use crate::controller::error::SyncError;
use crate::controller::Ctx;

fn record<F: Flavor>(ctx: &mut Ctx, rs: &ReplicaSet, type_: &str, reason: &str, message: &str) {
    let involved = InvolvedAs {
        kind: F::KIND,
        meta: &rs.metadata,
    };
    ctx.api
        .record_event(ctx.now, &involved, type_, reason, message, F::COMPONENT, "");
}

/// getPodsPrefix: `<name>-`, unless that is not a valid pod name prefix (then the bare name).
fn pods_prefix(name: &str) -> String {
    let prefix = format!("{name}-");
    // ValidatePodName with prefix=true: a DNS subdomain once the suffix is added (≤ 253).
    if prefix.len() > 253 - 5 {
        name.to_string()
    } else {
        prefix
    }
}

/// GetPodFromTemplate: the template's labels, annotations, finalizers and spec, `generateName`
/// from the controller's name, and the controller reference.
pub fn pod_from_template<F: Flavor>(rs: &ReplicaSet) -> Pod {
    let t = &rs.spec.template;
    let mut pod = Pod::default();
    pod.metadata.namespace.clone_from(&rs.metadata.namespace);
    pod.metadata.labels.clone_from(&t.metadata.labels);
    pod.metadata.annotations.clone_from(&t.metadata.annotations);
    pod.metadata.finalizers.clone_from(&t.metadata.finalizers);
    pod.metadata.generate_name = pods_prefix(&rs.metadata.name);
    pod.metadata
        .owner_references
        .push(F::CONTROLLER_KIND.controller_ref(&rs.metadata));
    pod.spec = t.spec.clone();
    pod
}

/// CreatePods: `SuccessfulCreate` "Created pod: NAME" or `FailedCreate` "Error creating: ERR".
pub fn create_pod<F: Flavor>(ctx: &mut Ctx, rs: &ReplicaSet) -> Result<String, SyncError> {
    let pod = pod_from_template::<F>(rs);
    if pod.metadata.labels.is_empty() {
        return Err(SyncError::new("unable to create pods, no labels"));
    }
    match ctx.api.create(Object::Pod(pod), ctx.now) {
        Ok(created) => {
            let name = created.meta().name.clone();
            record::<F>(
                ctx,
                rs,
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {name}"),
            );
            Ok(name)
        }
        Err(e) => {
            record::<F>(
                ctx,
                rs,
                "Warning",
                "FailedCreate",
                &format!("Error creating: {}", e.message),
            );
            Err(SyncError::from(e))
        }
    }
}

/// DeletePod: `SuccessfulDelete` "Deleted pod: NAME", or `FailedDelete` "Error deleting: ERR"
/// (a pod already gone is no event and returns NotFound).
pub fn delete_pod<F: Flavor>(ctx: &mut Ctx, rs: &ReplicaSet, name: &str) -> Result<(), SyncError> {
    let ns = rs.metadata.namespace.clone();
    match ctx
        .api
        .delete(Kind::Pod, &ns, name, &Default::default(), ctx.now)
    {
        Ok(_) => {
            record::<F>(
                ctx,
                rs,
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {name}"),
            );
            Ok(())
        }
        Err(e) if e.reason == Reason::NotFound => Err(SyncError::from(e)),
        Err(e) => {
            let ApiError { message, .. } = e;
            record::<F>(
                ctx,
                rs,
                "Warning",
                "FailedDelete",
                &format!("Error deleting: {message}"),
            );
            Err(SyncError::new(format!("unable to delete pods: {message}")))
        }
    }
}
