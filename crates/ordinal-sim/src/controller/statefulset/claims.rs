//! PVC retention policy owner references (P3; stateful_set_utils.go `isClaimOwnerUpToDate`,
//! `updateClaimOwnerRefForSetAndPod` and helpers).

use super::utils::pod_in_ordinal_range;
use crate::api::{ObjectMeta, OwnerReference, PersistentVolumeClaim, Pod, StatefulSet};

/// Which object an owner reference is meant to point at: group/version, kind, name, uid.
pub struct Owner<'a> {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub meta: &'a ObjectMeta,
}

pub fn set_owner(set: &StatefulSet) -> Owner<'_> {
    Owner {
        api_version: "apps/v1",
        kind: "StatefulSet",
        meta: &set.metadata,
    }
}

pub fn pod_owner(pod: &Pod) -> Owner<'_> {
    Owner {
        api_version: "v1",
        kind: "Pod",
        meta: &pod.metadata,
    }
}

/// `(whenScaled, whenDeleted)`, Retain when unset.
pub fn policy(set: &StatefulSet) -> (&str, &str) {
    set.retention_policy()
}

/// matchesRef: same group/version, kind and name (the UID is not compared).
fn matches_ref(r: &OwnerReference, owner: &Owner) -> bool {
    r.api_version == owner.api_version && r.kind == owner.kind && r.name == owner.meta.name
}

/// hasUnexpectedController: under a non-Retain/Retain policy, a controller ref to something other
/// than this set/pod, or a ref to this set/pod's name with another UID.
pub fn has_unexpected_controller(
    claim: &PersistentVolumeClaim,
    set: &StatefulSet,
    pod: &Pod,
) -> bool {
    if policy(set) == ("Retain", "Retain") {
        return false;
    }
    let (s, p) = (set_owner(set), pod_owner(pod));
    for r in &claim.metadata.owner_references {
        if matches_ref(r, &s) {
            if r.uid != set.metadata.uid {
                return true;
            }
            continue;
        }
        if matches_ref(r, &p) {
            if r.uid != pod.metadata.uid {
                return true;
            }
            continue;
        }
        if r.is_controller() {
            return true;
        }
    }
    false
}

/// hasNonControllerOwner: the set or pod (by UID) owns the claim without being its controller.
pub fn has_non_controller_owner(
    claim: &PersistentVolumeClaim,
    set: &StatefulSet,
    pod: &Pod,
) -> bool {
    claim
        .metadata
        .owner_references
        .iter()
        .any(|r| (r.uid == set.metadata.uid || r.uid == pod.metadata.uid) && !r.is_controller())
}

/// hasOwnerRef: by UID only.
pub fn has_owner_ref(target: &ObjectMeta, owner: &ObjectMeta) -> bool {
    target.owner_references.iter().any(|r| r.uid == owner.uid)
}

/// hasStaleOwnerRef: the first ref matching the owner's kind and name has another UID.
pub fn has_stale_owner_ref(claim: &PersistentVolumeClaim, owner: &Owner) -> bool {
    claim
        .metadata
        .owner_references
        .iter()
        .find(|r| matches_ref(r, owner))
        .is_some_and(|r| r.uid != owner.meta.uid)
}

/// isClaimOwnerUpToDate: whether the claim's refs already follow the policy table (P3). Stale
/// refs and foreign controllers count as up to date (the claim is left alone).
pub fn is_claim_owner_up_to_date(
    claim: &PersistentVolumeClaim,
    set: &StatefulSet,
    pod: &Pod,
) -> bool {
    if has_stale_owner_ref(claim, &set_owner(set)) || has_stale_owner_ref(claim, &pod_owner(pod)) {
        return true;
    }
    let (has_set, has_pod) = (
        has_owner_ref(&claim.metadata, &set.metadata),
        has_owner_ref(&claim.metadata, &pod.metadata),
    );
    if has_unexpected_controller(claim, set, pod) {
        return !(has_set || has_pod);
    }
    if has_non_controller_owner(claim, set, pod) {
        return false;
    }
    let scaled_down = !pod_in_ordinal_range(pod, set);
    match policy(set) {
        ("Retain", "Delete") => has_set && !has_pod,
        ("Delete", "Retain") => !has_set && scaled_down == has_pod,
        ("Delete", "Delete") => scaled_down != has_set && scaled_down == has_pod,
        _ => !has_set && !has_pod,
    }
}

/// updateClaimOwnerRefForSetAndPod: strip refs to this set/pod (by kind and name), then add the
/// refs the policy wants — none when a foreign controller owns the claim.
pub fn update_claim_owner_ref_for_set_and_pod(
    claim: &mut PersistentVolumeClaim,
    set: &StatefulSet,
    pod: &Pod,
) {
    let unexpected = has_unexpected_controller(claim, set, pod);
    let (s, p) = (set_owner(set), pod_owner(pod));
    claim
        .metadata
        .owner_references
        .retain(|r| !matches_ref(r, &s) && !matches_ref(r, &p));
    if unexpected {
        return;
    }
    let scaled_down = !pod_in_ordinal_range(pod, set);
    let refs = &mut claim.metadata.owner_references;
    match policy(set) {
        ("Retain", "Delete") => add_controller_ref(refs, &s),
        ("Delete", "Retain") if scaled_down => add_controller_ref(refs, &p),
        ("Delete", "Delete") if scaled_down => add_controller_ref(refs, &p),
        ("Delete", "Delete") => add_controller_ref(refs, &s),
        _ => {}
    }
}

/// addControllerRef: append a controller ref unless one with the owner's UID is present.
fn add_controller_ref(refs: &mut Vec<OwnerReference>, owner: &Owner) {
    if refs.iter().any(|r| r.uid == owner.meta.uid) {
        return;
    }
    refs.push(OwnerReference::controller(
        owner.api_version,
        owner.kind,
        &owner.meta.name,
        &owner.meta.uid,
    ));
}
