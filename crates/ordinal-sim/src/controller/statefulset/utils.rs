//! Identity, naming and pod predicates (stateful_set_utils.go): rules I1–I5 and the RR/Avail/
//! Healthy/Created/Terminating notation (§0.2 in docs/reference/statefulset-controller.md).

use crate::api::{
    OwnerReference, PersistentVolumeClaim, PersistentVolumeClaimTemplate, Pod, PvcVolumeSource,
    StatefulSet, Volume, POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL,
};
use crate::time::Millis;

/// `(parent, ordinal)` from `^(.*)-([0-9]+)$`; ordinal −1 when absent or not a 32-bit integer (I2).
pub fn get_parent_name_and_ordinal(name: &str) -> (&str, i64) {
    // Byte-wise: this runs for every pod on every sync.
    let Some(dash) = name.bytes().rposition(|b| b == b'-') else {
        return ("", -1);
    };
    let digits = &name.as_bytes()[dash + 1..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return ("", -1);
    }
    let mut ordinal: i64 = 0;
    for d in digits {
        ordinal = ordinal * 10 + i64::from(d - b'0');
        if ordinal > i64::from(i32::MAX) {
            return (&name[..dash], -1);
        }
    }
    (&name[..dash], ordinal)
}

/// Whether `name` is exactly `<parent>-<ordinal>` as `pod_name` would format it (no leading
/// zeros), without formatting it.
fn is_canonical_pod_name(name: &str, parent: &str, ordinal: i64) -> bool {
    name.len() > parent.len()
        && name.starts_with(parent)
        && name.as_bytes()[parent.len()] == b'-'
        && is_decimal(&name[parent.len() + 1..], ordinal)
}

/// `s == ordinal.to_string()` without the allocation.
fn is_decimal(s: &str, ordinal: i64) -> bool {
    let mut buf = [0u8; 20];
    let mut n = ordinal.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if ordinal < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    s.as_bytes() == &buf[i..]
}

pub fn get_ordinal(pod: &Pod) -> i64 {
    get_parent_name_and_ordinal(&pod.metadata.name).1
}

/// `spec.ordinals.start` (getStartOrdinal).
pub fn start_ordinal(set: &StatefulSet) -> i64 {
    set.start_ordinal() as i64
}

/// Last ordinal in range, inclusive (getEndOrdinal).
pub fn end_ordinal(set: &StatefulSet) -> i64 {
    start_ordinal(set) + set.replicas() as i64 - 1
}

pub fn pod_in_ordinal_range(pod: &Pod, set: &StatefulSet) -> bool {
    let o = get_ordinal(pod);
    o >= start_ordinal(set) && o <= end_ordinal(set)
}

/// `<set>-<ordinal>` (I1).
pub fn pod_name(set: &StatefulSet, ordinal: i64) -> String {
    format!("{}-{}", set.metadata.name, ordinal)
}

/// `<template>-<set>-<ordinal>` (I5).
pub fn claim_name(
    set: &StatefulSet,
    template: &PersistentVolumeClaimTemplate,
    ordinal: i64,
) -> String {
    format!(
        "{}-{}-{}",
        template.metadata.name, set.metadata.name, ordinal
    )
}

/// `name == claim_name(set, template, ordinal)` without formatting it.
fn is_claim_name(
    name: &str,
    set: &StatefulSet,
    template: &PersistentVolumeClaimTemplate,
    ordinal: i64,
) -> bool {
    let t = template.metadata.name.as_str();
    name.len() > t.len()
        && name.starts_with(t)
        && name.as_bytes()[t.len()] == b'-'
        && is_canonical_pod_name(&name[t.len() + 1..], &set.metadata.name, ordinal)
}

/// A pod is a member iff its parsed parent name is the set's name (isMemberOf).
pub fn is_member_of(set: &StatefulSet, pod: &Pod) -> bool {
    get_parent_name_and_ordinal(&pod.metadata.name).0 == set.metadata.name
}

/// identityMatches (I4): name, namespace and the pod-name label.
pub fn identity_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let (parent, ordinal) = get_parent_name_and_ordinal(&pod.metadata.name);
    ordinal >= 0
        && parent == set.metadata.name
        && is_canonical_pod_name(&pod.metadata.name, &set.metadata.name, ordinal)
        && pod.metadata.namespace == set.metadata.namespace
        && pod.metadata.labels.get(POD_NAME_LABEL) == Some(&pod.metadata.name)
}

/// storageMatches (I4): every claim template has a volume pointing at the right claim.
pub fn storage_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let ordinal = get_ordinal(pod);
    if ordinal < 0 {
        return false;
    }
    set.spec.volume_claim_templates.iter().all(|t| {
        pod.spec
            .volumes
            .iter()
            .find(|v| v.name == t.metadata.name)
            .is_some_and(|v| {
                v.persistent_volume_claim
                    .as_ref()
                    .is_some_and(|c| is_claim_name(&c.claim_name, set, t, ordinal))
            })
    })
}

/// The claims a pod of this ordinal uses, built from the templates (getPersistentVolumeClaims):
/// template labels with the selector's matchLabels merged over them. In template order.
pub fn persistent_volume_claims(
    set: &StatefulSet,
    pod: &Pod,
) -> Vec<(String, PersistentVolumeClaim)> {
    let ordinal = get_ordinal(pod);
    let match_labels = set
        .spec
        .selector
        .as_ref()
        .map(|s| s.match_labels.clone())
        .unwrap_or_default();
    set.spec
        .volume_claim_templates
        .iter()
        .map(|t| {
            let mut claim = PersistentVolumeClaim {
                metadata: t.metadata.clone(),
                spec: t.spec.clone(),
                status: Default::default(),
            };
            claim.metadata.name = claim_name(set, t, ordinal);
            claim.metadata.namespace = set.metadata.namespace.clone();
            for (k, v) in &match_labels {
                claim.metadata.labels.insert(k.clone(), v.clone());
            }
            (t.metadata.name.clone(), claim)
        })
        .collect()
}

/// updateStorage: claim volumes replace template volumes of the same name; others are kept.
pub fn update_storage(set: &StatefulSet, pod: &mut Pod) {
    let claims = persistent_volume_claims(set, pod);
    let mut volumes: Vec<Volume> = claims
        .iter()
        .map(|(template, claim)| Volume {
            name: template.clone(),
            persistent_volume_claim: Some(PvcVolumeSource {
                claim_name: claim.metadata.name.clone(),
                read_only: false,
            }),
            ..Default::default()
        })
        .collect();
    for v in &pod.spec.volumes {
        if !claims.iter().any(|(t, _)| *t == v.name) {
            volumes.push(v.clone());
        }
    }
    pod.spec.volumes = volumes;
}

/// updateIdentity: name, namespace, pod-name and pod-index labels.
pub fn update_identity(set: &StatefulSet, pod: &mut Pod) {
    let ordinal = get_ordinal(pod);
    pod.metadata.name = pod_name(set, ordinal);
    pod.metadata.namespace = set.metadata.namespace.clone();
    pod.metadata
        .labels
        .insert(POD_NAME_LABEL.into(), pod.metadata.name.clone());
    pod.metadata
        .labels
        .insert(POD_INDEX_LABEL.into(), ordinal.to_string());
}

/// initIdentity: identity plus hostname and subdomain, set only at creation (immutable).
pub fn init_identity(set: &StatefulSet, pod: &mut Pod) {
    update_identity(set, pod);
    pod.spec.hostname = pod.metadata.name.clone();
    pod.spec.subdomain = set.spec.service_name.clone();
}

pub fn set_controller_ref(set: &StatefulSet) -> OwnerReference {
    super::CONTROLLER_KIND.controller_ref(&set.metadata)
}

/// newStatefulSetPod (I3): controller.GetPodFromTemplate, then identity and storage.
pub fn new_stateful_set_pod(set: &StatefulSet, ordinal: i64) -> Pod {
    let t = &set.spec.template;
    let mut pod = Pod::default();
    pod.metadata.labels = t.metadata.labels.clone();
    pod.metadata.annotations = t.metadata.annotations.clone();
    pod.metadata.finalizers = t.metadata.finalizers.clone();
    pod.metadata.generate_name = format!("{}-", set.metadata.name);
    pod.metadata.owner_references.push(set_controller_ref(set));
    pod.spec = t.spec.clone();
    pod.metadata.name = pod_name(set, ordinal);
    init_identity(set, &mut pod);
    update_storage(set, &mut pod);
    pod
}

/// newVersionedStatefulSetPod (U6). Go precedence: `RollingUpdate && nilRU && o < S+cur ||
/// !nilRU && o < S+partition` picks the current revision; anything else the update revision.
pub fn new_versioned_stateful_set_pod(
    current_set: &StatefulSet,
    update_set: &StatefulSet,
    current_revision: &str,
    update_revision: &str,
    ordinal: i64,
) -> Pod {
    let start = start_ordinal(current_set);
    let ru = current_set.rolling_update();
    let use_current = (current_set.update_strategy_type() == "RollingUpdate"
        && ru.is_none()
        && ordinal < start + current_set.status.current_replicas as i64)
        || ru.is_some_and(|r| ordinal < start + r.partition.unwrap_or(0) as i64);
    let (set, revision) = if use_current {
        (current_set, current_revision)
    } else {
        (update_set, update_revision)
    };
    let mut pod = new_stateful_set_pod(set, ordinal);
    set_pod_revision(&mut pod, revision);
    pod
}

pub fn set_pod_revision(pod: &mut Pod, revision: &str) {
    pod.metadata
        .labels
        .insert(REVISION_LABEL.into(), revision.into());
}

pub fn pod_revision(pod: &Pod) -> &str {
    pod.metadata
        .labels
        .get(REVISION_LABEL)
        .map_or("", String::as_str)
}

// ----- predicates (§0.2) ---------------------------------------------------------------------

/// RR(p): phase Running and condition Ready True.
pub fn is_running_and_ready(pod: &Pod) -> bool {
    pod.status.phase == "Running" && pod.is_ready()
}

/// podutil.IsPodAvailable: Ready, and Ready for more than minReadySeconds. The transition time
/// is compared at the API's one-second resolution, as the controller reads it from its cache.
pub fn is_running_and_available(pod: &Pod, min_ready_seconds: i32, now: Millis) -> bool {
    if !pod.is_ready() {
        return false;
    }
    if min_ready_seconds <= 0 {
        return true;
    }
    // A Ready condition without lastTransitionTime never counts as available.
    pod.ready_since()
        .is_some_and(|t| t.0 / 1000 * 1000 + min_ready_seconds as u64 * 1000 < now)
}

/// How long the pod has been Ready (ms at the API's resolution), if it is Ready.
pub fn ready_for_ms(pod: &Pod, now: Millis) -> Option<Millis> {
    let t = pod.ready_since()?;
    Some(now.saturating_sub(t.0 / 1000 * 1000))
}

pub fn is_created(pod: &Pod) -> bool {
    !pod.status.phase.is_empty()
}

pub fn is_pending(pod: &Pod) -> bool {
    pod.status.phase == "Pending"
}

pub fn is_failed(pod: &Pod) -> bool {
    pod.status.phase == "Failed"
}

pub fn is_succeeded(pod: &Pod) -> bool {
    pod.status.phase == "Succeeded"
}

pub fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// Healthy(p): Running and Ready and not terminating.
pub fn is_healthy(pod: &Pod) -> bool {
    is_running_and_ready(pod) && !is_terminating(pod)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parent_and_ordinal() {
        assert_eq!(get_parent_name_and_ordinal("web-0"), ("web", 0));
        assert_eq!(get_parent_name_and_ordinal("my-web-12"), ("my-web", 12));
        assert_eq!(get_parent_name_and_ordinal("web-01"), ("web", 1));
        assert_eq!(get_parent_name_and_ordinal("web"), ("", -1));
        assert_eq!(get_parent_name_and_ordinal("web-x"), ("", -1));
        assert_eq!(get_parent_name_and_ordinal("web-99999999999"), ("web", -1));
        assert_eq!(get_parent_name_and_ordinal("-5"), ("", 5));
        assert_eq!(
            get_parent_name_and_ordinal("web-2147483647"),
            ("web", 2147483647)
        );
        assert_eq!(get_parent_name_and_ordinal("web-2147483648"), ("web", -1));
        assert_eq!(get_parent_name_and_ordinal("web-"), ("", -1));
    }

    #[test]
    fn canonical_names_match_the_formatted_ones() {
        for (name, parent, ordinal) in [
            ("web-0", "web", 0),
            ("web-12", "web", 12),
            ("web-012", "web", 12),
            ("web-1", "web", 12),
            ("webx-1", "web", 1),
            ("we-1", "web", 1),
            ("web-2147483647", "web", 2147483647),
            ("web--1", "web", -1),
        ] {
            assert_eq!(
                is_canonical_pod_name(name, parent, ordinal),
                name == format!("{parent}-{ordinal}"),
                "{name}"
            );
        }
    }
}
