//! Storage: the PersistentVolume controller (binding, reclaim), the dynamic provisioners, the
//! attach/detach controller and the PVC/PV protection controllers.

use super::Ctx;
use crate::api::{PersistentVolume, PersistentVolumeClaim};
use crate::apiserver::WatchEvent;
use crate::store::Store;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    Run,
}

#[derive(Clone, Debug, Default)]
pub struct VolumeController {}

impl VolumeController {
    pub fn on_watch(&mut self, _ev: &WatchEvent, _ctx: &mut Ctx) {}

    pub fn on_timer(&mut self, _work: Work, _ctx: &mut Ctx) {}
}

/// Available static volumes that can satisfy the claim, smallest first.
pub fn matching_volumes<'a>(
    _store: &'a Store,
    _c: &PersistentVolumeClaim,
) -> Vec<&'a PersistentVolume> {
    Vec::new()
}

/// The attach/detach controller's unique name for an attachable volume.
pub fn unique_volume_name(_pv: &PersistentVolume) -> Option<String> {
    None
}
