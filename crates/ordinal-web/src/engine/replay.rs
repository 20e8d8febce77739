//! Rebuilding a shared link a slice at a time: the learner's commands at their instants, then
//! the link's horizon, then its current time. The driver runs one slice per animation frame, so
//! a long link shows its progress, and the learner can stop it and keep what was replayed.
//!
//! Everything a link can ask for is bounded: its instants by `share::MAX_LINK_MS` (decoding cuts
//! them), and the time its commands let pass by the same bound, checked here, since each command
//! (`sleep 1h`) may move time on by itself.

use super::{Actor, Engine, Entry};
use crate::share::{Link, MAX_LINK_MS};
use ordinal_sim::Millis;
use std::collections::VecDeque;

/// Simulated time advanced between checks of the slice's budget.
const CHUNK_MS: Millis = 5_000;

/// Where a replay has got to, for the progress indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Simulated time reached so far, and the time the link asks for.
    pub at: Millis,
    pub total: Millis,
    pub commands_done: usize,
    pub commands: usize,
}

pub struct Replay {
    pending: VecDeque<Entry>,
    commands: usize,
    horizon: Millis,
    now: Millis,
    /// The link asked for more than a link may (cut when decoded or while replaying).
    capped: bool,
    /// Commands left out for reaching past the bound.
    dropped: usize,
}

impl Replay {
    pub fn new(link: &Link) -> Replay {
        let pending: VecDeque<Entry> = link
            .commands
            .iter()
            .filter(|c| c.by == Actor::User)
            .cloned()
            .collect();
        Replay {
            commands: pending.len(),
            pending,
            horizon: link.horizon.min(MAX_LINK_MS),
            now: link.now.min(MAX_LINK_MS),
            capped: link.capped,
            dropped: 0,
        }
    }

    pub fn progress(&self, e: &Engine) -> Progress {
        let last = self.pending.back().map_or(0, |c| c.at.min(MAX_LINK_MS));
        Progress {
            at: e.now(),
            total: self.horizon.max(last).max(e.now()),
            commands_done: self.commands - self.pending.len(),
            commands: self.commands,
        }
    }

    /// Replays until done (true) or until `more()` says the slice's time is up (false; call
    /// again). `more` is asked after every command and every `CHUNK_MS` of simulated time.
    pub fn work(&mut self, e: &mut Engine, mut more: impl FnMut() -> bool) -> bool {
        while let Some(c) = self.pending.front() {
            if e.now() >= MAX_LINK_MS {
                // Commands before this one let time run to the bound: the rest are left out.
                self.dropped += self.pending.len();
                self.pending.clear();
                self.capped = true;
                break;
            }
            if c.at > e.now() {
                let _ = e.advance_to(c.at.min(e.now() + CHUNK_MS));
            } else {
                let c = self.pending.pop_front().expect("front exists");
                let out = e.run_user(&c.line, &c.stdin);
                if let Some(t) = c.stopped.filter(|t| *t >= c.at && *t < out.finished_ms) {
                    e.stop_last_at(t);
                }
            }
            if !more() {
                return false;
            }
        }
        let horizon = self.horizon.max(self.now);
        while e.now() < horizon {
            let _ = e.advance_to(horizon.min(e.now() + CHUNK_MS));
            if !more() {
                return false;
            }
        }
        e.seek(self.now);
        true
    }

    /// What the learner should be told about the bound, if the link met it.
    pub fn notice(&self) -> Option<Notice> {
        self.capped.then_some(Notice::Capped {
            limit: MAX_LINK_MS,
            left_out: self.dropped,
        })
    }

    /// Stops where the replay has got to, keeping it: what the learner should be told.
    pub fn stop(self, e: &Engine) -> Notice {
        Notice::Stopped {
            at: e.now(),
            done: self.commands - self.pending.len(),
            commands: self.commands,
        }
    }
}

/// Why a shared link shows less than it asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// It reached past `limit`; `left_out` commands came after it.
    Capped { limit: Millis, left_out: usize },
    /// The learner stopped the replay at `at`, after `done` of its `commands`.
    Stopped {
        at: Millis,
        done: usize,
        commands: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::Scenario;

    fn link(now: Millis, horizon: Millis, commands: Vec<Entry>, capped: bool) -> Link {
        Link {
            scenario: Scenario::first().id.into(),
            now,
            horizon,
            speed: 1.0,
            commands,
            capped,
        }
    }

    fn sleeps(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                at: i as Millis,
                line: "sleep 1h".into(),
                stdin: String::new(),
                by: Actor::User,
                stopped: None,
            })
            .collect()
    }

    #[test]
    fn commands_that_sleep_past_the_bound_are_left_out_and_noted() {
        let mut e = Engine::new(Scenario::first());
        let mut r = Replay::new(&link(0, 0, sleeps(2_000), false));
        let started = std::time::Instant::now();
        assert!(r.work(&mut e, || true));
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        let ran = e.log().iter().filter(|c| c.by == Actor::User).count();
        assert_eq!(ran, 6, "six hours of `sleep 1h`, then the bound");
        assert_eq!(e.horizon(), MAX_LINK_MS);
        assert_eq!(
            r.notice(),
            Some(Notice::Capped {
                limit: MAX_LINK_MS,
                left_out: 1_994
            })
        );
    }

    #[test]
    fn a_replay_goes_in_slices_and_stops_keeping_what_it_replayed() {
        let mut e = Engine::new(Scenario::first());
        let mut r = Replay::new(&link(MAX_LINK_MS, MAX_LINK_MS, sleeps(3), true));
        let mut slices = 0;
        while !r.work(&mut e, || false) {
            slices += 1;
            let p = r.progress(&e);
            assert_eq!(p.total, MAX_LINK_MS);
            assert!(p.at <= p.total);
            if p.at >= 4 * 3_600_000 {
                break;
            }
        }
        // One command or one chunk per slice: the three sleeps, then 5 s chunks to 4 hours.
        assert!(slices > 3 + 100, "{slices} slices");
        let reached = e.now();
        assert!((4 * 3_600_000..MAX_LINK_MS).contains(&reached), "{reached}");
        assert_eq!(
            r.stop(&e),
            Notice::Stopped {
                at: reached,
                done: 3,
                commands: 3
            }
        );
        assert_eq!(e.now(), reached, "stopping keeps the state reached");
        assert_eq!(e.log().iter().filter(|c| c.by == Actor::User).count(), 3);
    }

    #[test]
    fn the_largest_time_a_link_can_name_costs_bounded_work() {
        let l = crate::share::decode("s=ordered-creation&t=18446744073709551615").unwrap();
        let started = std::time::Instant::now();
        let e = Engine::restore(Scenario::first(), &l);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert_eq!(e.now(), MAX_LINK_MS);
        assert_eq!(
            Replay::new(&l).notice(),
            Some(Notice::Capped {
                limit: MAX_LINK_MS,
                left_out: 0
            })
        );
    }
}
