//! PVC and PV protection controllers: a terminating claim keeps its finalizer while any
//! scheduled pod references it; a terminating volume keeps its finalizer while it is Bound.

use super::*;
use crate::apiserver::admission::{PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER};

pub(super) fn protect(ctx: &mut Ctx, kind: Kind, k: &Key) {
    match kind {
        Kind::PersistentVolumeClaim => {
            let Some(c) = ctx.api.get::<PersistentVolumeClaim>(&k.0, &k.1).cloned() else {
                return;
            };
            if c.metadata.deletion_timestamp.is_none()
                || !c
                    .metadata
                    .finalizers
                    .iter()
                    .any(|f| f == PVC_PROTECTION_FINALIZER)
            {
                return;
            }
            // pvcprotection `podUsesPVC`: any pod bound to a node that mounts the claim.
            let in_use = ctx
                .api
                .list::<Pod>(Some(&k.0))
                .any(|p| !p.spec.node_name.is_empty() && p.claim_names().any(|n| n == k.1));
            if in_use {
                return;
            }
            let mut c = c;
            c.metadata
                .finalizers
                .retain(|f| f != PVC_PROTECTION_FINALIZER);
            let _ = ctx.api.update(Object::PersistentVolumeClaim(c), ctx.now);
        }
        Kind::PersistentVolume => {
            let Some(pv) = ctx.api.get::<PersistentVolume>("", &k.1).cloned() else {
                return;
            };
            if pv.metadata.deletion_timestamp.is_none() || pv.status.phase == "Bound" {
                return;
            }
            let mut pv = pv;
            pv.metadata
                .finalizers
                .retain(|f| f != PV_PROTECTION_FINALIZER);
            let _ = ctx.api.update(Object::PersistentVolume(pv), ctx.now);
        }
        _ => {}
    }
}
