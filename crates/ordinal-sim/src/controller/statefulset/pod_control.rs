//! Pod and claim writes with their events (stateful_pod_control.go; events §14). Every write goes
//! through the API server at `ctx.now`; events are recorded on the StatefulSet.

use super::claims::{
    has_stale_owner_ref, has_unexpected_controller, is_claim_owner_up_to_date, pod_owner,
    update_claim_owner_ref_for_set_and_pod,
};
use super::error::{SyncError, SyncResult};
use super::utils::{
    claim_name, get_ordinal, identity_matches, persistent_volume_claims, storage_matches,
    update_identity, update_storage,
};
use crate::api::{Kind, Object, PersistentVolumeClaim, Pod, StatefulSet};
use crate::apiserver::Reason;
use crate::controller::Ctx;

pub const COMPONENT: &str = "statefulset-controller";

fn title(verb: &str) -> String {
    let mut c = verb.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn record(ctx: &mut Ctx, set: &StatefulSet, type_: &str, reason: &str, message: &str) {
    ctx.api
        .record_event(ctx.now, set, type_, reason, message, COMPONENT, "");
}

/// recordPodEvent: `Successful<Verb>` / `Failed<Verb>`.
pub fn record_pod_event(
    ctx: &mut Ctx,
    set: &StatefulSet,
    verb: &str,
    pod: &str,
    err: Option<&SyncError>,
) {
    let set_name = &set.metadata.name;
    match err {
        None => record(
            ctx,
            set,
            "Normal",
            &format!("Successful{}", title(verb)),
            &format!("{verb} Pod {pod} in StatefulSet {set_name} successful"),
        ),
        Some(e) => record(
            ctx,
            set,
            "Warning",
            &format!("Failed{}", title(verb)),
            &format!("{verb} Pod {pod} in StatefulSet {set_name} failed error: {e}"),
        ),
    }
}

/// recordClaimEvent (note "success", and "for Pod" only in the failure message).
fn record_claim_event(
    ctx: &mut Ctx,
    set: &StatefulSet,
    verb: &str,
    pod: &str,
    claim: &str,
    err: Option<&SyncError>,
) {
    let set_name = &set.metadata.name;
    match err {
        None => record(
            ctx,
            set,
            "Normal",
            &format!("Successful{}", title(verb)),
            &format!("{verb} Claim {claim} Pod {pod} in StatefulSet {set_name} success"),
        ),
        Some(e) => record(
            ctx,
            set,
            "Warning",
            &format!("Failed{}", title(verb)),
            &format!(
                "{verb} Claim {claim} for Pod {pod} in StatefulSet {set_name} failed error: {e}"
            ),
        ),
    }
}

/// createPersistentVolumeClaims (P1): create every missing claim (event per claim); a claim that
/// is being deleted is an error.
pub fn create_persistent_volume_claims(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pod: &Pod,
) -> SyncResult<()> {
    let mut errs = Vec::new();
    for (_, claim) in persistent_volume_claims(set, pod) {
        let name = claim.metadata.name.clone();
        match ctx
            .api
            .get::<PersistentVolumeClaim>(&claim.metadata.namespace, &name)
        {
            None => match ctx
                .api
                .create(Object::PersistentVolumeClaim(claim), ctx.now)
            {
                Ok(_) => record_claim_event(ctx, set, "create", &pod.metadata.name, &name, None),
                Err(e) => {
                    let already = e.is_already_exists();
                    let err = SyncError::from(e);
                    if !already {
                        record_claim_event(
                            ctx,
                            set,
                            "create",
                            &pod.metadata.name,
                            &name,
                            Some(&err),
                        );
                    }
                    errs.push(SyncError::new(format!(
                        "failed to create PVC {name}: {err}"
                    )));
                }
            },
            Some(existing) if existing.metadata.deletion_timestamp.is_some() => {
                errs.push(SyncError::new(format!("pvc {name} is being deleted")));
            }
            Some(_) => {}
        }
    }
    SyncError::aggregate(errs).map_or(Ok(()), Err)
}

/// createMissingPersistentVolumeClaims (R8c, P2): missing claims of a Pending pod, then owner refs.
pub fn create_missing_persistent_volume_claims(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pod: &Pod,
) -> SyncResult<()> {
    create_persistent_volume_claims(ctx, set, pod)?;
    if let Err(e) = update_pod_claim_for_retention_policy(ctx, set, pod) {
        record_pod_event(ctx, set, "update", &pod.metadata.name, Some(&e));
        return Err(e);
    }
    Ok(())
}

/// CreateStatefulPod: claims first, then the pod, then claim owner refs. AlreadyExists on the pod
/// is returned without an event.
pub fn create_stateful_pod(ctx: &mut Ctx, set: &StatefulSet, pod: &Pod) -> SyncResult<()> {
    if let Err(e) = create_persistent_volume_claims(ctx, set, pod) {
        record_pod_event(ctx, set, "create", &pod.metadata.name, Some(&e));
        return Err(e);
    }
    let created = ctx
        .api
        .create(Object::Pod(pod.clone()), ctx.now)
        .map(|_| ())
        .map_err(SyncError::from);
    if let Err(e) = &created {
        if e.is_already_exists() {
            return created;
        }
    }
    if let Err(e) = update_pod_claim_for_retention_policy(ctx, set, pod) {
        record_pod_event(ctx, set, "update", &pod.metadata.name, Some(&e));
        return Err(e);
    }
    record_pod_event(
        ctx,
        set,
        "create",
        &pod.metadata.name,
        created.as_ref().err(),
    );
    created
}

/// retry.DefaultBackoff allows this many attempts for a conflicting pod update.
const UPDATE_ATTEMPTS: usize = 4;

/// UpdateStatefulPod (I4): repair identity labels, storage volumes (creating missing claims) and
/// claim owner refs, then update the pod if anything changed; on a conflict, re-read the pod
/// and try again (RetryOnConflict).
pub fn update_stateful_pod(ctx: &mut Ctx, set: &StatefulSet, pod: &Pod) -> SyncResult<()> {
    let mut pod = pod.clone();
    let mut attempted = false;
    let mut result = Ok(());
    for _ in 0..UPDATE_ATTEMPTS {
        result = try_update_stateful_pod(ctx, set, &mut pod, &mut attempted);
        if !matches!(&result, Err(e) if e.reason == Some(Reason::Conflict)) {
            break;
        }
    }
    if attempted {
        record_pod_event(
            ctx,
            set,
            "update",
            &pod.metadata.name,
            result.as_ref().err(),
        );
    }
    result
}

fn try_update_stateful_pod(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pod: &mut Pod,
    attempted: &mut bool,
) -> SyncResult<()> {
    let mut consistent = true;
    if !identity_matches(set, pod) {
        update_identity(set, pod);
        consistent = false;
    }
    if !storage_matches(set, pod) {
        update_storage(set, pod);
        consistent = false;
        if let Err(e) = create_persistent_volume_claims(ctx, set, pod) {
            record_pod_event(ctx, set, "update", &pod.metadata.name, Some(&e));
            return Err(e);
        }
    }
    match claims_match_retention_policy(ctx, set, pod) {
        Err(e) => {
            record_pod_event(ctx, set, "update", &pod.metadata.name, Some(&e));
            return Err(e);
        }
        Ok(false) => {
            if let Err(e) = update_pod_claim_for_retention_policy(ctx, set, pod) {
                record_pod_event(ctx, set, "update", &pod.metadata.name, Some(&e));
                return Err(e);
            }
            consistent = false;
        }
        Ok(true) => {}
    }
    if consistent {
        return Ok(());
    }
    *attempted = true;
    match ctx.api.update(Object::Pod(pod.clone()), ctx.now) {
        Ok(_) => Ok(()),
        Err(e) => {
            if let Some(fresh) = ctx
                .api
                .get::<Pod>(&pod.metadata.namespace, &pod.metadata.name)
            {
                *pod = fresh.clone();
            }
            Err(e.into())
        }
    }
}

/// DeleteStatefulPod: a default (graceful) delete and its event.
pub fn delete_stateful_pod(ctx: &mut Ctx, set: &StatefulSet, pod: &Pod) -> SyncResult<()> {
    let result = ctx
        .api
        .delete(
            Kind::Pod,
            &pod.metadata.namespace,
            &pod.metadata.name,
            &Default::default(),
            ctx.now,
        )
        .map(|_| ())
        .map_err(SyncError::from);
    record_pod_event(
        ctx,
        set,
        "delete",
        &pod.metadata.name,
        result.as_ref().err(),
    );
    result
}

/// ClaimsMatchRetentionPolicy: missing claims are skipped (picked up on a later sync).
pub fn claims_match_retention_policy(ctx: &Ctx, set: &StatefulSet, pod: &Pod) -> SyncResult<bool> {
    let ordinal = get_ordinal(pod);
    for t in &set.spec.volume_claim_templates {
        let name = claim_name(set, t, ordinal);
        if let Some(claim) = ctx
            .api
            .get::<PersistentVolumeClaim>(&set.metadata.namespace, &name)
        {
            if !is_claim_owner_up_to_date(claim, set, pod) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// UpdatePodClaimForRetentionPolicy (P3), warning `ConflictingController` for foreign controllers.
pub fn update_pod_claim_for_retention_policy(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pod: &Pod,
) -> SyncResult<()> {
    let ordinal = get_ordinal(pod);
    for t in &set.spec.volume_claim_templates {
        let name = claim_name(set, t, ordinal);
        let Some(claim) = ctx
            .api
            .get::<PersistentVolumeClaim>(&set.metadata.namespace, &name)
            .cloned()
        else {
            continue;
        };
        if has_unexpected_controller(&claim, set, pod) {
            record(
                ctx,
                set,
                "Warning",
                "ConflictingController",
                &format!("PersistentVolumeClaim {name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim"),
            );
        }
        if !is_claim_owner_up_to_date(&claim, set, pod) {
            let mut claim = claim;
            update_claim_owner_ref_for_set_and_pod(&mut claim, set, pod);
            if let Err(e) = ctx
                .api
                .update(Object::PersistentVolumeClaim(claim), ctx.now)
            {
                return Err(SyncError::new(format!(
                    "could not update claim {name} for delete policy ownerRefs: {e}"
                )));
            }
        }
    }
    Ok(())
}

/// PodClaimIsStale (P6): under whenScaled=Delete, a claim still owned by an earlier pod of this
/// name blocks creation. Returns the stale claim's name.
pub fn pod_claim_is_stale(ctx: &Ctx, set: &StatefulSet, pod: &Pod) -> Option<String> {
    if set.retention_policy().0 == "Retain" {
        return None;
    }
    persistent_volume_claims(set, pod)
        .into_iter()
        .find_map(|(_, c)| {
            let existing = ctx
                .api
                .get::<PersistentVolumeClaim>(&c.metadata.namespace, &c.metadata.name)?;
            has_stale_owner_ref(existing, &pod_owner(pod)).then(|| c.metadata.name.clone())
        })
}
