//! External provisioners (sig-storage-lib-external-provisioner as used by local-path and CSI
//! external-provisioner): create a PersistentVolume for a claim, pre-bound to it.

use super::*;
use crate::api::ANN_SELECTED_NODE;
use crate::api::{
    HostPathVolumeSource, LabelSelectorRequirement, NodeSelector, NodeSelectorTerm, ObjectMeta,
    PersistentVolumeSpec, StorageClass, VolumeNodeAffinity,
};

impl VolumeController {
    /// `provisionClaimOperationExternal`: annotate the claim for the provisioner, announce it,
    /// and let the provisioner work.
    pub(super) fn start_provisioning(
        &mut self,
        ctx: &mut Ctx,
        c: &PersistentVolumeClaim,
        class: &StorageClass,
        node: Option<String>,
    ) {
        let k = key(&c.metadata.namespace, &c.metadata.name);
        if self.provisioning.contains(&k) {
            return;
        }
        let p = class.provisioner.clone();
        if c.metadata.annotations.get(ANN_STORAGE_PROVISIONER) != Some(&p) {
            let mut claim = c.clone();
            claim
                .metadata
                .annotations
                .insert(ANN_BETA_STORAGE_PROVISIONER.into(), p.clone());
            claim
                .metadata
                .annotations
                .insert(ANN_STORAGE_PROVISIONER.into(), p.clone());
            if ctx
                .api
                .update(Object::PersistentVolumeClaim(claim), ctx.now)
                .is_err()
            {
                return;
            }
        }
        let Some(c) = ctx.api.get::<PersistentVolumeClaim>(&k.0, &k.1).cloned() else {
            return;
        };
        let obj = Object::PersistentVolumeClaim(c.clone());
        if self.announced.insert((k.clone(), "ExternalProvisioning")) {
            let msg = format!(
                "Waiting for a volume to be created either by the external provisioner '{p}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."
            );
            ctx.api.record_event(
                ctx.now,
                &obj,
                "Normal",
                "ExternalProvisioning",
                &msg,
                PV_CONTROLLER,
                "",
            );
        }
        let identity = self.identity(ctx, &p);
        if p == LOCAL_PATH && node.is_none() {
            // local-path can only provision on a node: Immediate binding does not work with it.
            let msg = format!(
                "failed to provision volume with StorageClass \"{}\": configuration error, no node was specified",
                class.metadata.name
            );
            if self.announced.insert((k, "ProvisioningFailed")) {
                ctx.api.record_event(
                    ctx.now,
                    &obj,
                    "Warning",
                    "ProvisioningFailed",
                    &msg,
                    &identity,
                    "",
                );
            }
            return;
        }
        let msg = format!(
            "External provisioner is provisioning volume for claim \"{}/{}\"",
            k.0, k.1
        );
        ctx.api
            .record_event(ctx.now, &obj, "Normal", "Provisioning", &msg, &identity, "");
        self.provisioning.insert(k.clone());
        let at = ctx.after(ctx.timing.provision_ms);
        ctx.schedule(at, Timer::Volume(Work::Provision(k)));
    }

    /// The provisioner's event source: `<provisioner>_<its pod>_<uuid>`.
    fn identity(&mut self, ctx: &mut Ctx, provisioner: &str) -> String {
        if let Some(id) = self.identities.get(provisioner) {
            return id.clone();
        }
        let pod = if provisioner == LOCAL_PATH {
            format!(
                "local-path-provisioner-{}-{}",
                ctx.rng.token(10),
                ctx.rng.token(5)
            )
        } else {
            format!(
                "{}-controller-0",
                provisioner.split('.').next().unwrap_or("csi")
            )
        };
        let uuid = ctx.rng.uuid();
        let id = format!("{provisioner}_{pod}_{uuid}");
        self.identities.insert(provisioner.into(), id.clone());
        id
    }

    /// Creates the volume `pvc-<claim uid>`, pre-bound to the claim.
    pub(super) fn provision(&mut self, ctx: &mut Ctx, k: &Key) {
        self.provisioning.remove(k);
        let Some(c) = ctx.api.get::<PersistentVolumeClaim>(&k.0, &k.1).cloned() else {
            return;
        };
        if c.metadata.deletion_timestamp.is_some() || !c.spec.volume_name.is_empty() {
            return;
        }
        let class_name = claim_class(&c).to_string();
        let Some(class) = ctx.api.get::<StorageClass>("", &class_name).cloned() else {
            return;
        };
        let name = format!("pvc-{}", c.metadata.uid);
        let node = c.metadata.annotations.get(ANN_SELECTED_NODE).cloned();
        let mut meta = ObjectMeta::named("", &name);
        meta.annotations
            .insert(ANN_PROVISIONED_BY.into(), class.provisioner.clone());
        let mut spec = PersistentVolumeSpec {
            capacity: [("storage".to_string(), requested_storage(&c))].into(),
            access_modes: access_modes(&c),
            claim_ref: None,
            persistent_volume_reclaim_policy: class
                .reclaim_policy
                .clone()
                .unwrap_or_else(|| "Delete".into()),
            storage_class_name: class_name,
            volume_mode: "Filesystem".into(),
            ..Default::default()
        };
        if class.provisioner == LOCAL_PATH {
            let Some(node) = node else { return };
            meta.annotations
                .insert("local.path.provisioner/selected-node".into(), node.clone());
            spec.host_path = Some(HostPathVolumeSource {
                path: format!("/var/local-path-provisioner/{name}_{}_{}", k.0, k.1),
                type_: "DirectoryOrCreate".into(),
            });
            spec.node_affinity = Some(VolumeNodeAffinity {
                required: NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: vec![LabelSelectorRequirement {
                            key: "kubernetes.io/hostname".into(),
                            operator: "In".into(),
                            values: vec![node],
                        }],
                    }],
                },
            });
        } else {
            let handle = format!("vol-{:016x}", ctx.rng.next_u64());
            spec.csi = Some(serde_json::json!({
                "driver": class.provisioner,
                "volumeHandle": handle,
                "fsType": "ext4",
            }));
        }
        spec.claim_ref = Some(c.object_reference());
        let pv = PersistentVolume {
            metadata: meta,
            spec,
            status: Default::default(),
        };
        if ctx
            .api
            .create(Object::PersistentVolume(pv), ctx.now)
            .is_err()
        {
            return;
        }
        let identity = self.identity(ctx, &class.provisioner);
        let msg = format!("Successfully provisioned volume {name}");
        ctx.api.record_event(
            ctx.now,
            &Object::PersistentVolumeClaim(c),
            "Normal",
            "ProvisioningSucceeded",
            &msg,
            &identity,
            "",
        );
    }
}
