//! What the kubelet's volume manager says when a pod's volumes are not ready (ST2): the
//! desired-state populator's errors for volumes it cannot process, and the FailedMount text.

use crate::api::{Node, PersistentVolume, PersistentVolumeClaim, Pod};
use crate::controller::Ctx;

/// desired-state populator `createVolumeSpec`/`getPVCExtractPV`: one error per claim volume
/// that cannot be added (claim missing, being deleted, not bound; volume missing).
pub(super) fn processing_errors(ctx: &Ctx, pod: &Pod) -> Vec<String> {
    let store = &ctx.api.store;
    let ns = &pod.metadata.namespace;
    let mut out = Vec::new();
    for v in &pod.spec.volumes {
        let Some(src) = &v.persistent_volume_claim else {
            continue;
        };
        let claim = &src.claim_name;
        let why = match store.get::<PersistentVolumeClaim>(ns, claim) {
            None => format!(
                "failed to fetch PVC from API server: persistentvolumeclaims \"{claim}\" not found"
            ),
            Some(c) if c.metadata.deletion_timestamp.is_some() => {
                format!("can't start pod because PVC {ns}/{claim} is being deleted")
            }
            Some(c) if c.status.phase != "Bound" || c.spec.volume_name.is_empty() => format!(
                "PVC {ns}/{claim} has non-bound phase ({:?}) or empty pvc.Spec.VolumeName ({:?})",
                c.status.phase, c.spec.volume_name
            ),
            Some(c) => match store.get::<PersistentVolume>("", &c.spec.volume_name) {
                None => format!(
                    "failed to fetch PV {:?} from API server: persistentvolumes {:?} not found",
                    c.spec.volume_name, c.spec.volume_name
                ),
                Some(_) => continue,
            },
        };
        out.push(format!("error processing PVC {ns}/{claim}: {why}"));
    }
    out
}

/// volume manager `WaitForAttachAndMount`'s error as the pod worker reports it: every claim
/// volume not mounted, those of an attachable volume not attached to `node`, those the
/// populator could not process — sorted pod volume names — then `cause`.
pub(super) fn failed_mount_message(ctx: &Ctx, pod: &Pod, node: &str, cause: &str) -> String {
    let store = &ctx.api.store;
    let attached: Vec<&str> = store
        .get::<Node>("", node)
        .map(|n| {
            n.status
                .volumes_attached
                .iter()
                .map(|a| a.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    let (mut unmounted, mut unattached, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for v in &pod.spec.volumes {
        let Some(src) = &v.persistent_volume_claim else {
            continue;
        };
        unmounted.push(v.name.as_str());
        let pv = store
            .get::<PersistentVolumeClaim>(&pod.metadata.namespace, &src.claim_name)
            .filter(|c| {
                c.status.phase == "Bound"
                    && !c.spec.volume_name.is_empty()
                    && c.metadata.deletion_timestamp.is_none()
            })
            .and_then(|c| store.get::<PersistentVolume>("", &c.spec.volume_name));
        match pv {
            None => failed.push(v.name.as_str()),
            Some(pv) => {
                if crate::controller::volume::unique_volume_name(pv)
                    .is_some_and(|u| !attached.contains(&u.as_str()))
                {
                    unattached.push(v.name.as_str());
                }
            }
        }
    }
    for l in [&mut unmounted, &mut unattached, &mut failed] {
        crate::sort::sort(l);
    }
    format!(
        "Unable to attach or mount volumes: unmounted volumes=[{}], unattached volumes=[{}], failed to process volumes=[{}]: {cause}",
        unmounted.join(" "),
        unattached.join(" "),
        failed.join(" ")
    )
}
