//! One learner's attempt at a challenge: the commands so far, checked after every command and
//! every simulated step. A command that let time pass (`sleep 2m`, `kubectl rollout status`)
//! is re-walked on a copy of the timeline, wake by wake, so a constraint broken and restored
//! inside it (two copies of web-1 for ten seconds) is still seen.

use crate::challenge::{Challenge, Ctx, Record, Status};
use crate::checks::{self, Baseline};
use ordinal_kubectl::CommandOutput;
use ordinal_sim::{Cluster, Millis, Simulation};

/// Most wakes one re-walk looks at; past it the rest of the interval is checked at its end.
const MAX_REPLAY_WAKES: usize = 20_000;
/// Most commands kept for the checker (older ones only count).
const MAX_RECORDS: usize = 1_000;
/// Most bytes of a command's output kept for the checker.
const MAX_STDOUT: usize = 16 * 1024;

#[derive(Clone, Debug)]
pub struct Attempt {
    pub challenge: &'static Challenge,
    base: Baseline,
    commands: Vec<Record>,
    /// Commands that changed the cluster, all of them (also those no longer in `commands`).
    changed: usize,
    status: Status,
    /// Inputs the timeline held at the last look (to tell whether a command changed anything).
    inputs_seen: usize,
    solved_at: Option<Millis>,
    last_seen: Millis,
}

/// The result screen's facts.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub commands: usize,
    pub reference: usize,
    /// Simulated time from the start to the moment the goal was reached.
    pub took_ms: Millis,
    /// What the controllers did on the way: (reason, object, message), oldest first.
    pub events: Vec<(String, String, String)>,
}

impl Attempt {
    /// Starts watching at the simulation's current instant (the challenge's start).
    pub fn begin(challenge: &'static Challenge, sim: &Simulation) -> Attempt {
        let mut a = Attempt {
            challenge,
            base: Baseline::of(sim.cluster()),
            commands: Vec::new(),
            changed: 0,
            status: Status::NotYet(String::new()),
            inputs_seen: sim.input_times().count(),
            solved_at: None,
            last_seen: sim.now(),
        };
        a.evaluate(sim.cluster());
        a
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn baseline(&self) -> &Baseline {
        &self.base
    }

    /// Commands that changed the cluster so far.
    pub fn commands_counted(&self) -> usize {
        self.changed
    }

    pub fn records(&self) -> &[Record] {
        &self.commands
    }

    /// After a command ran: records it, re-walks the time it let pass, then checks.
    pub fn after_command(&mut self, sim: &Simulation, line: &str, out: &CommandOutput) -> &Status {
        let inputs = sim.input_times().count();
        let changed = inputs > self.inputs_seen;
        self.inputs_seen = inputs;
        if changed {
            self.changed += 1;
        }
        if self.commands.len() >= MAX_RECORDS {
            self.commands.remove(0);
        }
        let mut stdout = out.stdout.clone();
        if stdout.len() > MAX_STDOUT {
            let mut cut = MAX_STDOUT;
            while !stdout.is_char_boundary(cut) {
                cut -= 1;
            }
            stdout.truncate(cut);
        }
        self.commands.push(Record {
            line: line.to_string(),
            exit_code: out.exit_code,
            stdout,
            at_ms: out.started_ms,
            changed,
        });
        if out.finished_ms > out.started_ms && !self.is_over() {
            self.rewalk(sim, out.started_ms, out.finished_ms);
        }
        self.observe(sim)
    }

    /// After simulated time moved (the web app's clock): checks the cluster as it is now.
    pub fn observe(&mut self, sim: &Simulation) -> &Status {
        // A seek back shows the past; the attempt goes on from where it had got to.
        if sim.now() >= self.last_seen {
            self.last_seen = sim.now();
            self.inputs_seen = self.inputs_seen.min(sim.input_times().count());
            self.evaluate(sim.cluster());
        }
        &self.status
    }

    /// The result screen's facts, once solved.
    pub fn summary(&self, cluster: &Cluster) -> Option<Summary> {
        let at = self.solved_at?;
        Some(Summary {
            commands: self.changed,
            reference: self.challenge.reference_commands,
            took_ms: at.saturating_sub(self.base.start_ms),
            events: checks::events_since(cluster, &self.base),
        })
    }

    fn is_over(&self) -> bool {
        self.status.is_solved() || self.status.is_failed()
    }

    /// Checks every wake of `[from, to]` on a copy of the timeline.
    fn rewalk(&mut self, sim: &Simulation, from: Millis, to: Millis) {
        let mut copy = sim.clone();
        if copy.seek(from).is_err() {
            return;
        }
        for _ in 0..MAX_REPLAY_WAKES {
            let now = copy.now();
            if now >= to {
                return;
            }
            let next = copy.cluster().next_wake().unwrap_or(to).clamp(now + 1, to);
            let next_input = copy
                .input_times()
                .map(|(t, _)| t)
                .find(|t| *t > now)
                .unwrap_or(to);
            let _ = copy.advance_to(next.min(next_input));
            if self.watch_only(copy.cluster()) {
                return;
            }
        }
        let _ = copy.advance_to(to);
        self.watch_only(copy.cluster());
    }

    /// Runs only the constraints (the goal is judged on the real timeline). True if one broke.
    fn watch_only(&mut self, cluster: &Cluster) -> bool {
        let ctx = Ctx {
            cluster,
            base: &self.base,
            commands: &self.commands,
        };
        if let Err((i, reason)) = (self.challenge.watch)(&ctx) {
            self.fail(i, reason);
            return true;
        }
        false
    }

    fn fail(&mut self, i: usize, reason: String) {
        let constraint = self
            .challenge
            .constraints
            .get(i)
            .copied()
            .unwrap_or("the challenge's rules")
            .to_string();
        self.status = Status::Failed { constraint, reason };
    }

    fn evaluate(&mut self, cluster: &Cluster) {
        if self.is_over() {
            return;
        }
        if self.watch_only(cluster) {
            return;
        }
        if let Some(max) = self.challenge.max_commands {
            if self.changed > max {
                let constraint = format!("in at most {max} commands that change the cluster");
                self.status = Status::Failed {
                    constraint,
                    reason: format!("{} commands changed the cluster.", self.changed),
                };
                return;
            }
        }
        let ctx = Ctx {
            cluster,
            base: &self.base,
            commands: &self.commands,
        };
        self.status = match (self.challenge.goal_check)(&ctx) {
            Ok(()) => {
                self.solved_at = Some(cluster.now);
                Status::Solved
            }
            Err(why) => Status::NotYet(why),
        };
    }
}
