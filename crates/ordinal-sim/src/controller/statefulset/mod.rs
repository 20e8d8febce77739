//! The StatefulSet controller (pkg/controller/statefulset).

use super::Ctx;
use crate::apiserver::WatchEvent;
use crate::store::Key;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    /// Sync one StatefulSet key (namespace, name).
    Sync(Key),
}

#[derive(Clone, Debug, Default)]
pub struct StatefulSetController {}

impl StatefulSetController {
    pub fn on_watch(&mut self, _ev: &WatchEvent, _ctx: &mut Ctx) {}

    pub fn on_timer(&mut self, _work: Work, _ctx: &mut Ctx) {}
}
