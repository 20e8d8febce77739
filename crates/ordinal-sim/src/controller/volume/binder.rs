//! PV controller binding and reclaim (pkg/controller/volume/persistentvolume/pv_controller.go:
//! `syncUnboundClaim`, `syncVolume`, `bind`, `reclaimVolume`).

use super::delays_binding;
use super::*;
use crate::api::StorageClass;
use crate::api::{ANN_SELECTED_NODE, NO_PROVISIONER};

fn event(ctx: &mut Ctx, obj: Object, type_: &str, reason: &str, msg: &str, component: &str) {
    ctx.api
        .record_event(ctx.now, &obj, type_, reason, msg, component, "");
}

impl VolumeController {
    pub(super) fn sync_claim(&mut self, ctx: &mut Ctx, k: &Key) {
        let Some(c) = ctx.api.get::<PersistentVolumeClaim>(&k.0, &k.1).cloned() else {
            return;
        };
        if c.metadata.deletion_timestamp.is_some() || c.status.phase == "Bound" {
            return;
        }
        if c.status.phase.is_empty() {
            let mut p = c.clone();
            p.status.phase = "Pending".into();
            let _ = ctx
                .api
                .update_status(Object::PersistentVolumeClaim(p), ctx.now);
        }
        let Some(c) = ctx.api.get::<PersistentVolumeClaim>(&k.0, &k.1).cloned() else {
            return;
        };
        // A volume already chosen for the claim (pre-bound by the user, the scheduler or a
        // provisioner) is bound first.
        let chosen = if c.spec.volume_name.is_empty() {
            ctx.api.list::<PersistentVolume>(None).find(|pv| {
                pv.spec.claim_ref.as_ref().is_some_and(|r| {
                    r.namespace == c.metadata.namespace
                        && r.name == c.metadata.name
                        && (r.uid.is_empty() || r.uid == c.metadata.uid)
                })
            })
        } else {
            ctx.api.get::<PersistentVolume>("", &c.spec.volume_name)
        };
        if let Some(pv) = chosen.cloned() {
            self.bind(ctx, &pv, &c);
            return;
        }
        if !c.spec.volume_name.is_empty() {
            return; // pre-bound to a volume that does not exist (yet)
        }
        let class_name = super::claim_class(&c).to_string();
        if delays_binding(&ctx.api.store, &c) {
            match c.metadata.annotations.get(ANN_SELECTED_NODE).cloned() {
                None => {
                    if self.announced.insert((k.clone(), "WaitForFirstConsumer")) {
                        let msg = "waiting for first consumer to be created before binding";
                        event(
                            ctx,
                            Object::PersistentVolumeClaim(c),
                            "Normal",
                            "WaitForFirstConsumer",
                            msg,
                            PV_CONTROLLER,
                        );
                    }
                }
                Some(node) => {
                    let class = ctx.api.get::<StorageClass>("", &class_name).cloned();
                    if let Some(class) = class.filter(|s| s.provisioner != NO_PROVISIONER) {
                        self.start_provisioning(ctx, &c, &class, Some(node));
                    }
                }
            }
            return;
        }
        if let Some(pv) = matching_volumes(&ctx.api.store, &c)
            .first()
            .map(|pv| (*pv).clone())
        {
            self.bind(ctx, &pv, &c);
            return;
        }
        if class_name.is_empty() {
            if self.announced.insert((k.clone(), "FailedBinding")) {
                let msg =
                    "no persistent volumes available for this claim and no storage class is set";
                event(
                    ctx,
                    Object::PersistentVolumeClaim(c),
                    "Normal",
                    "FailedBinding",
                    msg,
                    PV_CONTROLLER,
                );
            }
            return;
        }
        match ctx.api.get::<StorageClass>("", &class_name).cloned() {
            None => {
                // Repeated on every resync in a real cluster; the recorder aggregates it.
                let msg = format!("storageclass.storage.k8s.io \"{class_name}\" not found");
                if self.announced.insert((k.clone(), "ProvisioningFailed")) {
                    event(
                        ctx,
                        Object::PersistentVolumeClaim(c),
                        "Warning",
                        "ProvisioningFailed",
                        &msg,
                        PV_CONTROLLER,
                    );
                }
            }
            Some(class) if class.provisioner == NO_PROVISIONER => {}
            Some(class) => self.start_provisioning(ctx, &c, &class, None),
        }
    }

    /// `syncVolume`: bind a pre-bound volume, or release and reclaim one whose claim is gone.
    pub(super) fn sync_volume(&mut self, ctx: &mut Ctx, name: &str) {
        let Some(pv) = ctx.api.get::<PersistentVolume>("", name).cloned() else {
            return;
        };
        let Some(r) = pv.spec.claim_ref.clone() else {
            if pv.status.phase.is_empty() {
                set_phase(ctx, &pv, "Available");
            }
            return;
        };
        let claim = ctx
            .api
            .get::<PersistentVolumeClaim>(&r.namespace, &r.name)
            .cloned();
        match claim {
            Some(c) if r.uid.is_empty() || r.uid == c.metadata.uid => {
                if c.spec.volume_name == pv.metadata.name && c.status.phase == "Bound" {
                    if pv.status.phase != "Bound" {
                        set_phase(ctx, &pv, "Bound");
                    }
                } else if c.spec.volume_name.is_empty() || c.spec.volume_name == pv.metadata.name {
                    self.bind(ctx, &pv, &c);
                }
            }
            _ => {
                // The claim is gone: the volume is Released and reclaimed by its policy.
                if pv.status.phase != "Released" && pv.status.phase != "Failed" {
                    if pv.status.phase.is_empty() && r.uid.is_empty() {
                        return; // pre-bound by name to a claim not created yet
                    }
                    set_phase(ctx, &pv, "Released");
                }
                if pv.spec.persistent_volume_reclaim_policy == "Delete"
                    && pv.metadata.deletion_timestamp.is_none()
                {
                    let at = ctx.after(ctx.timing.provision_ms);
                    ctx.schedule(
                        at,
                        Timer::Volume(Work::DeleteVolume(pv.metadata.name.clone())),
                    );
                }
            }
        }
    }

    /// The provisioner removes the backing storage and the PV object (policy Delete).
    pub(super) fn delete_volume(&mut self, ctx: &mut Ctx, name: &str) {
        let Some(pv) = ctx.api.get::<PersistentVolume>("", name) else {
            return;
        };
        if pv.status.phase != "Released" || pv.metadata.deletion_timestamp.is_some() {
            return;
        }
        let _ = ctx.api.delete(
            Kind::PersistentVolume,
            "",
            name,
            &Default::default(),
            ctx.now,
        );
    }

    /// `bind`: volume → claim ref + Bound; claim → volumeName, annotations, Bound.
    pub(super) fn bind(&mut self, ctx: &mut Ctx, pv: &PersistentVolume, c: &PersistentVolumeClaim) {
        let now = ctx.now;
        let mut v = pv.clone();
        let wanted_ref = c.object_reference();
        let set_ref = v
            .spec
            .claim_ref
            .as_ref()
            .is_none_or(|r| r.uid != wanted_ref.uid);
        if set_ref {
            if v.spec.claim_ref.is_none() {
                v.metadata
                    .annotations
                    .insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
            }
            v.spec.claim_ref = Some(wanted_ref);
            match ctx.api.update(Object::PersistentVolume(v), now) {
                Ok(Object::PersistentVolume(w)) => v = w,
                _ => return,
            }
        }
        if v.status.phase != "Bound" {
            v.status.phase = "Bound".into();
            match ctx
                .api
                .update_status(Object::PersistentVolume(v.clone()), now)
            {
                Ok(Object::PersistentVolume(w)) => v = w,
                _ => return,
            }
        }
        let mut claim = c.clone();
        if claim.spec.volume_name != v.metadata.name
            || !claim.metadata.annotations.contains_key(ANN_BIND_COMPLETED)
        {
            claim.spec.volume_name = v.metadata.name.clone();
            claim
                .metadata
                .annotations
                .insert(ANN_BIND_COMPLETED.into(), "yes".into());
            claim
                .metadata
                .annotations
                .insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
            match ctx.api.update(Object::PersistentVolumeClaim(claim), now) {
                Ok(Object::PersistentVolumeClaim(w)) => claim = w,
                _ => return,
            }
        }
        claim.status.phase = "Bound".into();
        claim.status.access_modes = v.spec.access_modes.clone();
        claim.status.capacity = v.spec.capacity.clone();
        let _ = ctx
            .api
            .update_status(Object::PersistentVolumeClaim(claim), now);
    }
}

fn set_phase(ctx: &mut Ctx, pv: &PersistentVolume, phase: &str) {
    let mut v = pv.clone();
    v.status.phase = phase.into();
    let _ = ctx.api.update_status(Object::PersistentVolume(v), ctx.now);
}
