//! The engine behind the interface: one simulation, the scenario being played, every command
//! issued (by the scenario's script or by the learner) and the console transcript.
//!
//! Plain Rust with no browser dependencies, so it is tested natively. The driver owns the one
//! `Engine`; components only ever see `Snapshot`s and the transcript.
//!
//! Timeline rules: scripted steps are issued when simulated time reaches them; commands become
//! inputs of the `Simulation`, which replays them by itself after a seek back. A command issued
//! after seeking back branches the timeline: the recorded future (including scripted steps that
//! had already run) is dropped, and the script continues from there.

pub mod challenge;
pub mod narration;
pub mod replay;

use crate::scenarios::Scenario;
use crate::view::Snapshot;
pub use narration::Narration;
pub use ordinal_kubectl::CommandOutput;
use ordinal_kubectl::{Session, SessionConfig};
use ordinal_sim::api::Kind;
use ordinal_sim::apiserver::WatchEvent;
use ordinal_sim::{ClusterConfig, Millis, Simulation};
use std::collections::VecDeque;

/// Most transcript entries kept in the console.
pub const MAX_CONSOLE: usize = 400;
/// Most timers one `advance_to` call may run; the driver simply continues on the next frame.
pub const STEPS_PER_CALL: u64 = 20_000;
/// How far "step" looks for the next visible change before giving up.
pub const MAX_STEP_WAKES: usize = 2_000;
/// Most wakes one `advance_to` steps through one by one during a challenge (then it jumps).
const MAX_CHALLENGE_WAKES: usize = 2_000;
/// Longest command line or stdin accepted (bounded work, bounded shared links).
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Scenario,
    User,
}

/// A command issued at an instant: the timeline's marks and what a shared link replays.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub at: Millis,
    pub line: String,
    /// Text piped to the command (the YAML editor's manifest); empty for none.
    pub stdin: String,
    pub by: Actor,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleEntry {
    pub id: u64,
    pub at: Millis,
    pub by: Actor,
    /// The prompt the line was typed at (`$ `, or a container shell's).
    pub prompt: String,
    pub line: String,
    pub output: CommandOutput,
}

/// Changes whenever anything the interface shows may have changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Version {
    watch_seq: u64,
    commands: u64,
}

pub struct Engine {
    session: Session,
    scenario: &'static Scenario,
    /// Index of the next scripted step not yet issued on this timeline.
    script_next: usize,
    log: Vec<Entry>,
    console: VecDeque<ConsoleEntry>,
    commands_run: u64,
    /// The challenge being attempted, if the scenario is a challenge's.
    challenge: Option<challenge::Run>,
    /// When a learner's command first wrote to the cluster on this timeline: from then on the
    /// script no longer describes what is drawn.
    diverged_at: Option<Millis>,
}

impl Engine {
    /// A fresh cluster for `scenario`, with the steps scheduled at t=0 already issued.
    pub fn new(scenario: &'static Scenario) -> Engine {
        let config = ClusterConfig {
            seed: scenario.seed,
            nodes: scenario.nodes,
            max_steps_per_call: STEPS_PER_CALL,
            ..ClusterConfig::default()
        };
        let files = scenario
            .files
            .iter()
            .map(|f| (f.name.to_string(), f.text.to_string()))
            .collect();
        let mut e = Engine {
            session: Session::new(SessionConfig {
                cluster: config,
                files,
                ..SessionConfig::default()
            }),
            scenario,
            script_next: 0,
            log: Vec::new(),
            console: VecDeque::new(),
            commands_run: 0,
            challenge: None,
            diverged_at: None,
        };
        let _ = e.advance_to(0);
        e
    }

    /// A challenge's starting cluster (its setup played to its start), with the attempt begun.
    pub fn for_challenge(ch: &'static ordinal_challenges::Challenge) -> Engine {
        let mut e = Engine::new(challenge::scenario_for(ch));
        e.advance_fully(ch.start_ms());
        e.challenge = Some(challenge::Run::begin(ch, e.sim()));
        e
    }

    /// The challenge panel's data, when a challenge is being attempted.
    pub fn challenge(&self) -> Option<std::rc::Rc<challenge::ChallengeView>> {
        self.challenge.as_ref().map(|r| r.view())
    }

    /// Rebuilds a shared session at once (the driver does it a slice per frame instead).
    pub fn restore(scenario: &'static Scenario, link: &crate::share::Link) -> Engine {
        let mut e = Engine::new(scenario);
        replay::Replay::new(link).work(&mut e, || true);
        e
    }

    pub fn scenario(&self) -> &'static Scenario {
        self.scenario
    }

    /// The cluster as it is now (what kubectl would read).
    pub fn cluster(&self) -> &ordinal_sim::Cluster {
        self.sim().cluster()
    }

    fn sim(&self) -> &Simulation {
        self.session.sim()
    }

    fn sim_mut(&mut self) -> &mut Simulation {
        self.session.sim_mut()
    }

    /// The console's prompt: `$ `, or a container shell's after `kubectl exec -it … sh`.
    pub fn prompt(&self) -> String {
        self.session.prompt()
    }

    pub fn now(&self) -> Millis {
        self.sim().now()
    }

    pub fn horizon(&self) -> Millis {
        self.sim().horizon().max(self.now())
    }

    pub fn version(&self) -> Version {
        Version {
            watch_seq: self.sim().cluster().api.watch_seq(),
            commands: self.commands_run,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(self.sim().cluster())
    }

    /// A snapshot that reuses unchanged parts of `previous`.
    pub fn snapshot_after(&self, previous: &Snapshot) -> Snapshot {
        Snapshot::after(self.sim().cluster(), Some(previous))
    }

    /// How many commands have run (changes whenever the transcript or the marks change).
    pub fn commands_run(&self) -> usize {
        self.commands_run as usize
    }

    /// Every command on the current timeline, in time order.
    pub fn log(&self) -> &[Entry] {
        &self.log
    }

    pub fn console(&self) -> impl Iterator<Item = &ConsoleEntry> {
        self.console.iter()
    }

    /// What the narration says about `snapshot`, the current moment's: the script's latest
    /// sentence that has come true, or the controllers' own words once the learner diverged.
    pub fn narration(&self, snapshot: &Snapshot) -> Narration {
        if self.diverged() {
            return Narration::Diverged(narration::own_words(snapshot));
        }
        narration::scripted(self.scenario.steps, self.now(), snapshot)
    }

    /// Whether a learner's command has changed the cluster by now (a read never does; seeking
    /// back before that command returns to the script).
    pub fn diverged(&self) -> bool {
        self.diverged_at.is_some_and(|t| t <= self.now())
    }

    /// Moves simulated time forward to `t`, issuing scripted steps on the way. Stops early (and
    /// returns false) when the per-call step budget runs out; call again to continue.
    pub fn advance_to(&mut self, t: Millis) -> bool {
        if self.challenge.is_none() {
            return self.advance_script_to(t);
        }
        // During a challenge, wake by wake: the attempt sees every simulated step.
        for _ in 0..MAX_CHALLENGE_WAKES {
            let now = self.now();
            let wake = self.sim().cluster().next_wake().filter(|w| *w > now);
            let next = wake.map_or(t, |w| w.min(t));
            let done = self.advance_script_to(next);
            self.observe_challenge();
            if !done || next >= t || self.now() >= t {
                return done;
            }
        }
        let done = self.advance_script_to(t);
        self.observe_challenge();
        done
    }

    fn observe_challenge(&mut self) {
        if let Some(run) = self.challenge.as_mut() {
            run.attempt.observe(self.session.sim());
            run.refresh(self.session.sim());
        }
    }

    fn advance_script_to(&mut self, t: Millis) -> bool {
        loop {
            let due = self
                .scenario
                .steps
                .get(self.script_next)
                .filter(|s| s.at_ms <= t);
            let Some(step) = due else {
                return t < self.now() || self.sim_mut().advance_to(t).is_ok();
            };
            // A blocking command (`sleep 30`) may have carried time past a step: run it now.
            if step.at_ms > self.now() && self.sim_mut().advance_to(step.at_ms).is_err() {
                return false;
            }
            self.script_next += 1;
            if !step.run.is_empty() {
                self.issue(step.run, "", Actor::Scenario);
            }
        }
    }

    /// `advance_to` until done, within a bound (for restoring links and seeking forward).
    fn advance_fully(&mut self, t: Millis) {
        for _ in 0..1_000 {
            if self.advance_to(t) {
                return;
            }
        }
    }

    /// Shows the state at any instant: back by replaying from a checkpoint, forward by advancing.
    pub fn seek(&mut self, t: Millis) {
        if t >= self.now() {
            self.advance_fully(t);
        } else {
            for _ in 0..1_000 {
                match self.sim_mut().seek(t) {
                    Ok(()) => break,
                    Err(_) if self.now() < t => {
                        if self.sim_mut().advance_to(t).is_ok() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
        }
    }

    /// Advances to the next instant at which something visible changes (a pod, a claim, the
    /// set, an event — not a node heartbeat). Returns the new time, or None if nothing is due.
    pub fn step(&mut self) -> Option<Millis> {
        let start = self.sim().cluster().api.watch_seq();
        let started_at = self.now();
        for _ in 0..MAX_STEP_WAKES {
            let next = [
                self.sim().cluster().next_wake(),
                self.scenario.steps.get(self.script_next).map(|s| s.at_ms),
                self.sim()
                    .input_times()
                    .map(|(t, _)| t)
                    .find(|t| *t > self.now()),
            ]
            .into_iter()
            .flatten()
            .filter(|t| *t >= self.now())
            .min()?;
            let before = self.commands_run;
            self.advance_fully(next);
            let visible = self.sim().cluster().api.watch_since(start).any(is_visible);
            if visible || self.commands_run != before {
                return Some(self.now());
            }
            if next == started_at && self.now() == started_at {
                // A wake at the current instant that changed nothing: look past it.
                let _ = self.sim_mut().advance_to(started_at + 1);
            }
        }
        Some(self.now())
    }

    /// Runs a command the learner typed (or triggered by clicking), now.
    pub fn run_user(&mut self, line: &str, stdin: &str) -> CommandOutput {
        self.issue(line, stdin, Actor::User)
    }

    fn issue(&mut self, line: &str, stdin: &str, by: Actor) -> CommandOutput {
        let line = line.trim();
        if line.len() > MAX_INPUT_BYTES || stdin.len() > MAX_INPUT_BYTES {
            let msg = format!("error: input longer than {MAX_INPUT_BYTES} bytes\n");
            let out = CommandOutput {
                stderr: msg.clone(),
                combined: msg,
                exit_code: 1,
                ..CommandOutput::default()
            };
            let prompt = self.prompt();
            self.record_console(prompt, line, by, out.clone());
            return out;
        }
        let now = self.now();
        let prompt = self.prompt();
        let horizon_before = self.sim().horizon();
        let writes_before = self.session.writes();
        let out = self.session.run(line, (!stdin.is_empty()).then_some(stdin));
        if let Some(run) = self.challenge.as_mut().filter(|_| by == Actor::User) {
            run.attempt.after_command(self.session.sim(), line, &out);
            run.refresh(self.session.sim());
        }
        if self.sim().horizon() < horizon_before {
            // The simulation dropped its recorded future: so does the command log.
            self.log.retain(|e| e.at <= now);
            self.script_next = self.log.iter().filter(|e| e.by == Actor::Scenario).count();
            self.diverged_at = self.diverged_at.filter(|t| *t <= now);
        }
        if by == Actor::User && self.session.writes() > writes_before {
            self.diverged_at.get_or_insert(now);
        }
        let entry = Entry {
            at: now,
            line: line.to_string(),
            stdin: stdin.to_string(),
            by,
        };
        let pos = self.log.partition_point(|e| e.at <= now);
        self.log.insert(pos, entry);
        self.record_console(prompt, line, by, out.clone());
        out
    }

    fn record_console(&mut self, prompt: String, line: &str, by: Actor, output: CommandOutput) {
        self.commands_run += 1;
        self.console.push_back(ConsoleEntry {
            id: self.commands_run,
            at: self.now(),
            by,
            prompt,
            line: line.to_string(),
            output,
        });
        while self.console.len() > MAX_CONSOLE {
            self.console.pop_front();
        }
    }
}

/// Whether a change is something the learner can see (node heartbeats are not).
fn is_visible(ev: &WatchEvent) -> bool {
    match (&ev.old, &ev.object) {
        (Some(ordinal_sim::api::Object::Node(a)), ordinal_sim::api::Object::Node(b)) => {
            a.ready_status() != b.ready_status() || a.spec != b.spec
        }
        _ => ev.kind != Kind::Namespace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::Scenario;

    fn cat(id: &str) -> &'static Scenario {
        Scenario::by_id(id).unwrap()
    }

    fn set_names(e: &Engine) -> Vec<String> {
        e.snapshot().sets.iter().map(|s| s.name.clone()).collect()
    }

    #[test]
    fn the_first_scenario_starts_with_its_manifest_applied() {
        let e = Engine::new(Scenario::first());
        assert_eq!(e.now(), 0);
        assert_eq!(set_names(&e), ["web"]);
        let lines: Vec<_> = e.console().map(|c| c.line.as_str()).collect();
        assert_eq!(lines, ["kubectl apply -f web.yaml"]);
        let out: Vec<_> = e.console().map(|c| c.output.stdout.as_str()).collect();
        assert_eq!(
            out,
            ["service/nginx created\nstatefulset.apps/web created\n"]
        );
    }

    #[test]
    fn scripted_steps_run_once_even_after_seeking_back() {
        let mut e = Engine::new(cat("scale-down"));
        assert!(e.advance_to(60_000));
        assert_eq!(e.snapshot().set("web").unwrap().desired, 3);
        let issued = e.log().len();
        e.seek(20_000);
        assert_eq!(e.snapshot().set("web").unwrap().desired, 5);
        assert_eq!(e.now(), 20_000);
        assert_eq!(e.horizon(), 60_000);
        e.seek(60_000);
        assert_eq!(e.log().len(), issued, "no step issued twice");
        assert_eq!(e.snapshot().set("web").unwrap().desired, 3);
    }

    #[test]
    fn a_command_after_seeking_back_branches_and_the_script_resumes() {
        let mut e = Engine::new(cat("scale-down"));
        e.advance_to(60_000);
        e.seek(20_000);
        let out = e.run_user("kubectl scale sts web --replicas=7", "");
        assert_eq!(out.exit_code, 0, "{out:?}");
        assert_eq!(e.horizon(), 20_000, "the recorded future is gone");
        assert!(e.log().iter().all(|c| c.at <= 20_000));
        assert_eq!(e.snapshot().set("web").unwrap().desired, 7);
        e.advance_to(60_000);
        // The scripted scale to 3 at 50 s runs again on the new branch.
        assert_eq!(e.snapshot().set("web").unwrap().desired, 3);
    }

    #[test]
    fn a_restored_session_matches_the_original() {
        let mut a = Engine::new(Scenario::first());
        a.advance_to(5_000);
        a.run_user("kubectl scale sts web --replicas=4", "");
        a.advance_to(9_000);
        a.run_user("kubectl delete pod web-0", "");
        a.advance_to(30_000);
        a.seek(12_000);
        let link = crate::share::Link {
            scenario: Scenario::first().id.into(),
            now: a.now(),
            horizon: a.horizon(),
            speed: 1.0,
            commands: a.log().to_vec(),
            capped: false,
        };
        let b = Engine::restore(Scenario::first(), &link);
        assert_eq!(b.now(), 12_000);
        assert_eq!(b.horizon(), 30_000);
        assert_eq!(b.snapshot(), a.snapshot());
        assert_eq!(b.log(), a.log());
    }

    #[test]
    fn step_moves_to_the_next_visible_change() {
        let mut e = Engine::new(Scenario::first());
        let t = e.step().expect("something is due");
        assert!(t > 0);
        assert!(e.now() == t);
    }
}
