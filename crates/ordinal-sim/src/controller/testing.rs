//! What the shared controller modules' unit tests run against: the parts a `Ctx` borrows,
//! without a whole cluster.

use super::{Ctx, Timers};
use crate::api::{Namespace, NamespaceStatus, Object, ObjectMeta};
use crate::apiserver::ApiServer;
use crate::rng::Rng;
use crate::time::Millis;
use crate::timing::TimingProfile;

pub struct Env {
    pub now: Millis,
    pub api: ApiServer,
    pub timers: Timers,
    pub rng: Rng,
    pub timing: TimingProfile,
}

impl Env {
    /// An API server holding only the `default` namespace, at t = 1 s, realistic timing.
    pub fn new() -> Env {
        let mut api = ApiServer::new(1);
        let ns = Namespace {
            metadata: ObjectMeta::named("", "default"),
            status: NamespaceStatus {
                phase: "Active".into(),
            },
        };
        api.create(Object::Namespace(ns), 0)
            .expect("create namespace");
        Env {
            now: 1_000,
            api,
            timers: Timers::default(),
            rng: Rng::new(1),
            timing: TimingProfile::realistic(),
        }
    }

    pub fn ctx(&mut self) -> Ctx<'_> {
        Ctx {
            now: self.now,
            api: &mut self.api,
            timers: &mut self.timers,
            rng: &mut self.rng,
            timing: &self.timing,
        }
    }
}
