//! Plays a guided scenario for tests: one state per simulated second, start to end.

use super::Scenario;
use crate::engine::Engine;
use crate::view::Snapshot;

/// Calls `f` with the engine and its snapshot at every whole second of `sc`, up to its end.
pub fn every_second(sc: &'static Scenario, mut f: impl FnMut(&Engine, &Snapshot)) {
    let mut e = Engine::new(sc);
    let mut t = 0;
    while t <= sc.end_ms {
        while !e.advance_to(t) {}
        f(&e, &e.snapshot());
        t += 1000;
    }
}
