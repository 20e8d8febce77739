//! EndpointSlice controller: one slice per Service, endpoints per selected pod.

use super::Ctx;
use crate::apiserver::WatchEvent;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work {
    Run,
}

#[derive(Clone, Debug, Default)]
pub struct EndpointSliceController {}

impl EndpointSliceController {
    pub fn on_watch(&mut self, _ev: &WatchEvent, _ctx: &mut Ctx) {}

    pub fn on_timer(&mut self, _work: Work, _ctx: &mut Ctx) {}
}
