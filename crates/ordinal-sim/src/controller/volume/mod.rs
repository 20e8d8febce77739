//! Storage: the PersistentVolume controller (binding claims to volumes, releasing and
//! reclaiming them), the external provisioners (local-path for the default class, a generic
//! CSI-like provisioner for any other), the attach/detach controller (ReadWriteOnce volumes
//! attach to one node at a time) and the PVC/PV protection controllers.

mod attach;
mod binder;
mod protection;
mod provisioner;

use super::{Ctx, Timer};
use crate::api::{Kind, Object, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass};
use crate::apiserver::store::{key, Key, Store};
use crate::apiserver::{WatchEvent, WatchType};
use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

pub const PV_CONTROLLER: &str = "persistentvolume-controller";
pub const AD_CONTROLLER: &str = "attachdetach-controller";
/// kind's default provisioner: node-local directories, so a volume pins its pod to a node.
pub const LOCAL_PATH: &str = "rancher.io/local-path";
/// attach/detach controller `maxWaitForUnmountDuration`.
pub const MAX_WAIT_FOR_UNMOUNT_MS: Millis = 6 * 60 * 1000;

pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
pub const ANN_STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const ANN_BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";
pub const ANN_PROVISIONED_BY: &str = "pv.kubernetes.io/provisioned-by";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// PV controller `syncClaim` for an unbound claim.
    SyncClaim(Key),
    /// The external provisioner finished creating a volume for the claim.
    Provision(Key),
    /// PV controller `syncVolume`.
    SyncVolume(String),
    /// The provisioner deletes a released volume (reclaim policy Delete).
    DeleteVolume(String),
    /// PVC or PV protection: remove the finalizer once nothing uses the object.
    Protect(Kind, Key),
    /// Attach/detach controller reconcile loop.
    Reconcile,
    /// An attach (pv, node) finished.
    Attached(String, String),
    /// A detach (pv, node) finished.
    Detached(String, String),
}

#[derive(Clone, Debug, Default)]
pub struct VolumeController {
    queued: BTreeSet<Work>,
    /// Claims with a provisioning operation in flight.
    provisioning: BTreeSet<Key>,
    /// Claims that already got their WaitForFirstConsumer / ExternalProvisioning event.
    announced: BTreeSet<(Key, &'static str)>,
    /// Provisioner identities (`<name>_<pod>_<uuid>`) by provisioner name, made on first use.
    identities: BTreeMap<String, String>,
    reconcile_at: Option<Millis>,
    in_flight: BTreeSet<(String, String)>,
    /// When an attached volume stopped being wanted on its node.
    detach_requested: BTreeMap<(String, String), Millis>,
    /// (PV, node) pairs whose pods were told about a Multi-Attach error: upstream reports once
    /// per volume and node (`SetMultiAttachError`), until no pod there wants it.
    multi_attach_reported: BTreeSet<(String, String)>,
}

impl VolumeController {
    fn enqueue(&mut self, ctx: &mut Ctx, w: Work) {
        if self.queued.insert(w.clone()) {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, Timer::Volume(w));
        }
    }

    fn request_reconcile(&mut self, ctx: &mut Ctx, at: Millis) {
        if self.reconcile_at.is_some_and(|t| t <= at) {
            return;
        }
        self.reconcile_at = Some(at);
        ctx.schedule(at, Timer::Volume(Work::Reconcile));
    }

    pub fn on_watch(&mut self, ev: &WatchEvent, ctx: &mut Ctx) {
        match &ev.object {
            Object::PersistentVolumeClaim(c) => {
                let k = key(&c.metadata.namespace, &c.metadata.name);
                if ev.type_ == WatchType::Deleted {
                    self.announced.retain(|(x, _)| *x != k);
                    if !c.spec.volume_name.is_empty() {
                        self.enqueue(ctx, Work::SyncVolume(c.spec.volume_name.clone()));
                    }
                } else {
                    if c.metadata.deletion_timestamp.is_some() {
                        self.enqueue(ctx, Work::Protect(Kind::PersistentVolumeClaim, k.clone()));
                    }
                    if c.status.phase != "Bound" {
                        self.enqueue(ctx, Work::SyncClaim(k));
                    }
                }
                let at = ctx.after(ctx.timing.controller_sync_ms);
                self.request_reconcile(ctx, at);
            }
            Object::PersistentVolume(pv) => {
                if ev.type_ != WatchType::Deleted {
                    if pv.metadata.deletion_timestamp.is_some() {
                        self.enqueue(
                            ctx,
                            Work::Protect(Kind::PersistentVolume, key("", &pv.metadata.name)),
                        );
                    }
                    self.enqueue(ctx, Work::SyncVolume(pv.metadata.name.clone()));
                }
                self.sync_unbound_claims(ctx);
            }
            Object::StorageClass(_) => self.sync_unbound_claims(ctx),
            Object::Pod(p) => self.on_pod(ev, p, ctx),
            Object::Node(n) => {
                let relevant = match &ev.old {
                    Some(Object::Node(o)) => {
                        o.status.volumes_in_use != n.status.volumes_in_use
                            || o.status.volumes_attached != n.status.volumes_attached
                            || o.spec.taints != n.spec.taints
                            || o.ready_status() != n.ready_status()
                    }
                    _ => true,
                };
                if relevant {
                    let at = ctx.after(ctx.timing.controller_sync_ms);
                    self.request_reconcile(ctx, at);
                }
            }
            _ => {}
        }
    }

    fn on_pod(&mut self, ev: &WatchEvent, p: &Pod, ctx: &mut Ctx) {
        if p.claim_names().next().is_none() {
            return;
        }
        let at = ctx.after(ctx.timing.controller_sync_ms);
        self.request_reconcile(ctx, at);
        // A pod going away may free a claim that waits for deletion (pvc-protection).
        if ev.type_ == WatchType::Deleted
            || matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
        {
            let ns = p.metadata.namespace.clone();
            for name in p.claim_names() {
                let terminating = ctx
                    .api
                    .get::<PersistentVolumeClaim>(&ns, name)
                    .is_some_and(|c| c.metadata.deletion_timestamp.is_some());
                if terminating {
                    self.enqueue(
                        ctx,
                        Work::Protect(Kind::PersistentVolumeClaim, key(&ns, name)),
                    );
                }
            }
        }
    }

    fn sync_unbound_claims(&mut self, ctx: &mut Ctx) {
        let unbound: Vec<Key> = ctx
            .api
            .list::<PersistentVolumeClaim>(None)
            .filter(|c| c.status.phase != "Bound" && c.metadata.deletion_timestamp.is_none())
            .map(|c| key(&c.metadata.namespace, &c.metadata.name))
            .collect();
        for k in unbound {
            self.enqueue(ctx, Work::SyncClaim(k));
        }
    }

    pub fn on_timer(&mut self, work: Work, ctx: &mut Ctx) {
        self.queued.remove(&work);
        match work {
            Work::SyncClaim(k) => self.sync_claim(ctx, &k),
            Work::Provision(k) => self.provision(ctx, &k),
            Work::SyncVolume(name) => self.sync_volume(ctx, &name),
            Work::DeleteVolume(name) => self.delete_volume(ctx, &name),
            Work::Protect(kind, k) => protection::protect(ctx, kind, &k),
            Work::Reconcile => {
                if self.reconcile_at.is_some_and(|t| t <= ctx.now) {
                    self.reconcile_at = None;
                }
                self.reconcile(ctx);
            }
            Work::Attached(pv, node) => self.attached(ctx, &pv, &node),
            Work::Detached(pv, node) => self.detached(ctx, &pv, &node),
        }
    }
}

/// The storage a claim asks for (`resources.requests.storage`).
pub fn requested_storage(c: &PersistentVolumeClaim) -> String {
    c.spec
        .resources
        .requests
        .get("storage")
        .cloned()
        .unwrap_or_else(|| "1Gi".into())
}

/// volume.IsDelayBindingMode: only a class that exists and says WaitForFirstConsumer delays.
pub fn delays_binding(store: &Store, c: &PersistentVolumeClaim) -> bool {
    claim_storage_class(store, c)
        .is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"))
}

/// The claim's StorageClass object, when it names one that exists.
pub fn claim_storage_class<'a>(
    store: &'a Store,
    c: &PersistentVolumeClaim,
) -> Option<&'a StorageClass> {
    match c.spec.storage_class_name.as_deref() {
        None | Some("") => None,
        Some(n) => store.get::<StorageClass>("", n),
    }
}

fn storage_bytes(q: &str) -> u64 {
    crate::api::quantity::parse_bytes(q).unwrap_or(0)
}

fn access_modes(c: &PersistentVolumeClaim) -> Vec<String> {
    if c.spec.access_modes.is_empty() {
        vec!["ReadWriteOnce".into()]
    } else {
        c.spec.access_modes.clone()
    }
}

fn claim_class(c: &PersistentVolumeClaim) -> &str {
    c.spec.storage_class_name.as_deref().unwrap_or("")
}

/// Available static volumes that can satisfy the claim, smallest first (PV controller
/// `findBestMatchForClaim`).
pub fn matching_volumes<'a>(
    store: &'a Store,
    c: &PersistentVolumeClaim,
) -> Vec<&'a PersistentVolume> {
    let want = storage_bytes(&requested_storage(c));
    let modes = access_modes(c);
    let mut out: Vec<&PersistentVolume> = store
        .list::<PersistentVolume>(None)
        .filter(|pv| {
            let free = match &pv.spec.claim_ref {
                None => true,
                Some(r) => {
                    r.namespace == c.metadata.namespace
                        && r.name == c.metadata.name
                        && (r.uid.is_empty() || r.uid == c.metadata.uid)
                }
            };
            free && pv.metadata.deletion_timestamp.is_none()
                && matches!(pv.status.phase.as_str(), "" | "Available")
                && pv.spec.storage_class_name == claim_class(c)
                && storage_bytes(pv.spec.capacity.get("storage").map_or("0", String::as_str))
                    >= want
                && modes.iter().all(|m| pv.spec.access_modes.contains(m))
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |pv| {
        (
            storage_bytes(pv.spec.capacity.get("storage").map_or("0", String::as_str)),
            pv.metadata.name.clone(),
        )
    });
    out
}

/// The attach/detach controller's unique name for an attachable (CSI) volume; node-local
/// volumes are not attached.
pub fn unique_volume_name(pv: &PersistentVolume) -> Option<String> {
    let csi = pv.spec.csi.as_ref()?;
    let driver = csi.get("driver")?.as_str()?;
    let handle = csi.get("volumeHandle")?.as_str()?;
    Some(format!("kubernetes.io/csi/{driver}^{handle}"))
}

/// reconciler `isMultiAttachForbidden`: a volume with access modes, none of them a "Many" one
/// (ReadWriteOnce, ReadWriteOncePod), attaches to one node at a time; with no modes the
/// controller does not know and lets the attacher try.
fn exclusive(pv: &PersistentVolume) -> bool {
    !pv.spec.access_modes.is_empty()
        && !pv
            .spec
            .access_modes
            .iter()
            .any(|m| m == "ReadWriteMany" || m == "ReadOnlyMany")
}
