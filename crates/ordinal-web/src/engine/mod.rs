//! The engine behind the interface: one simulation, the scenario being played, every command
//! issued (by the scenario's script or by the learner) and the console transcript.
//!
//! Plain Rust with no browser dependencies, so it is tested natively. The driver owns the one
//! `Engine`; components only ever see `Snapshot`s and the transcript.
//!
//! Timeline rules:
//! - Scripted steps are issued when simulated time reaches them; commands become inputs of the
//!   `Simulation`, which replays them by itself after a seek back. A step that a blocking command
//!   carried time past (`sleep 30` over a step at 10 s) runs when the command ends (the horizon).
//! - A blocking command (one that lets time pass: `get -w`, `rollout status`, `sleep`) runs at
//!   once, then `start_user` shows the cluster from its start again and marks it `Running`
//!   until its end: the driver plays that recorded future forward, and the console shows only
//!   the output written by now (`CommandOutput::written_by`). Seeking or stepping while it runs
//!   ends the running view (the command is complete in the recorded future). `interrupt` (Ctrl-C)
//!   cuts it at now: its output ends in `^C`, exit 130, and whatever the line would still have
//!   done later is dropped (the entry keeps `stopped`, so a link replays the same cut).
//! - Everything after now is the future: the console shows it dimmed after a seek back. A
//!   command issued there (any command: the transcript stays in time order) branches the
//!   timeline: the recorded future (including scripted steps that had already run) is dropped,
//!   a command still running at that instant is stopped there as by Ctrl-C, the script
//!   continues from there, and `branch` keeps the timeline as it was (a `Link`) for undo.

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
/// Most bytes of output the console keeps (one line may print 4 MiB, so 400 entries could hold
/// gigabytes); the oldest entries go first, the newest always stays (docs/memory.md).
pub const MAX_CONSOLE_BYTES: usize = 16 << 20;
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
    /// Ctrl-C stopped the command at this instant: nothing it did after it happened.
    pub stopped: Option<Millis>,
}

/// A blocking command being played: the console shows what it wrote by now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Running {
    /// Its console entry.
    pub id: u64,
    pub until: Millis,
}

/// A command typed in the past replaced what came after: the old timeline, for undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Branch {
    pub at: Millis,
    /// How many commands (scripted and the learner's) came after and are gone.
    pub replaced: usize,
    pub before: crate::share::Link,
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
    running: Option<Running>,
    branch: Option<Branch>,
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
            running: None,
            branch: None,
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

    /// The blocking command being played, if any.
    pub fn running(&self) -> Option<Running> {
        self.running
    }

    /// The last branch made by a command typed in the past, until undone or the next command.
    pub fn branch(&self) -> Option<&Branch> {
        self.branch.as_ref()
    }

    /// How many commands come after now (what a command typed now would replace).
    pub fn commands_after_now(&self) -> usize {
        let now = self.now();
        self.log.iter().filter(|e| e.at > now).count()
            + self
                .console
                .back()
                .filter(|c| c.at <= now && c.output.finished_ms > now)
                .map_or(0, |_| 1)
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
        let done = self.advance_clock_to(t);
        if self.running.is_some_and(|r| self.now() >= r.until) {
            self.running = None;
            self.commands_run += 1;
        }
        done
    }

    fn advance_clock_to(&mut self, t: Millis) -> bool {
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
            // A blocking command (`sleep 30`) may have carried time past a step: it runs when
            // the command ends (issuing it inside the recorded future would drop the rest).
            let now = self.now();
            let horizon = self.sim().horizon();
            let due = self
                .scenario
                .steps
                .get(self.script_next)
                .map(|s| {
                    (
                        s,
                        if now < horizon {
                            s.at_ms.max(horizon)
                        } else {
                            s.at_ms
                        },
                    )
                })
                .filter(|(_, at)| *at <= t);
            let Some((step, at)) = due else {
                return t < self.now() || self.sim_mut().advance_to(t).is_ok();
            };
            if at > self.now() && self.sim_mut().advance_to(at).is_err() {
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
        self.end_running();
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
        self.end_running();
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

    /// Runs a command the learner typed (or triggered by clicking), now, to its end.
    pub fn run_user(&mut self, line: &str, stdin: &str) -> CommandOutput {
        self.issue(line, stdin, Actor::User)
    }

    /// Runs a command as the console does: one that lets time pass is then played from its
    /// start (`Running`), its output appearing as it is written.
    pub fn start_user(&mut self, line: &str, stdin: &str) -> CommandOutput {
        let out = self.run_user(line, stdin);
        let played = out.finished_ms > out.started_ms && self.now() == out.finished_ms;
        if let Some(id) = self.last_user_entry().filter(|_| played) {
            self.seek(out.started_ms);
            self.running = Some(Running {
                id,
                until: out.finished_ms,
            });
        }
        out
    }

    /// Ctrl-C: stops the running command now. Its output is cut with `^C` and exit code 130,
    /// and what its line would have done later never happens. False if nothing was running.
    pub fn interrupt(&mut self) -> bool {
        let Some(r) = self.running.take() else {
            return false;
        };
        self.cut_last_command(r.id, self.now());
        true
    }

    /// Cuts the newest command (console entry `id`) at `t`, within its run.
    fn cut_last_command(&mut self, id: u64, t: Millis) {
        if t < self.now() {
            self.seek(t);
        }
        self.sim_mut().end_timeline_here();
        self.forget_future();
        if let Some(e) = self.log.iter_mut().rev().find(|e| e.by == Actor::User) {
            e.stopped = Some(t);
        }
        if let Some(c) = self.console.iter_mut().find(|c| c.id == id) {
            c.output = interrupted(&c.output, t);
        }
        self.commands_run += 1;
    }

    /// A command typed at `t` in the middle of an earlier one's run stops that one there, as
    /// Ctrl-C would have (and so a link replays the same).
    fn stop_unfinished(&mut self, t: Millis) {
        let Some(c) = self
            .console
            .iter_mut()
            .find(|c| c.at <= t && c.output.finished_ms > t)
        else {
            return;
        };
        c.output = interrupted(&c.output, t);
        let (at, line) = (c.at, c.line.clone());
        if let Some(e) = self
            .log
            .iter_mut()
            .rev()
            .find(|e| e.at == at && e.line == line)
        {
            e.stopped = Some(t);
        }
    }

    /// Replays a link's Ctrl-C: the command just run stops at `t`.
    pub(crate) fn stop_last_at(&mut self, t: Millis) {
        if let Some(id) = self.last_user_entry() {
            self.cut_last_command(id, t.min(self.now()));
        }
    }

    /// The console entry of the learner's newest command (scripted steps it ran come after).
    fn last_user_entry(&self) -> Option<u64> {
        let last = self.console.iter().rev().find(|c| c.by == Actor::User);
        last.map(|c| c.id)
    }

    /// Drops the log and console entries after now (the simulation dropped its future).
    fn forget_future(&mut self) {
        let now = self.now();
        self.log.retain(|e| e.at <= now);
        self.console.retain(|c| c.at <= now);
        self.script_next = self.log.iter().filter(|e| e.by == Actor::Scenario).count();
    }

    /// Seeking or stepping shows the command complete (in the recorded future).
    fn end_running(&mut self) {
        if self.running.take().is_some() {
            self.commands_run += 1;
        }
    }

    /// The link a shared session or an undo rebuilds this timeline from.
    pub fn link(&self, speed: f64) -> crate::share::Link {
        crate::share::Link {
            scenario: self.scenario.id.to_string(),
            now: self.now(),
            horizon: self.horizon(),
            speed,
            commands: self.log.clone(),
            capped: false,
        }
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
        self.end_running();
        let now = self.now();
        let prompt = self.prompt();
        let horizon_before = self.sim().horizon();
        let before = (by == Actor::User && now < self.horizon()).then(|| self.link(1.0));
        if before.is_some() {
            // Typed in the past, any command (even `get`) starts a new future from here.
            self.stop_unfinished(now);
            self.sim_mut().end_timeline_here();
        }
        let writes_before = self.session.writes();
        let (out, scripted) = self.session.run_with_script(
            line,
            (!stdin.is_empty()).then_some(stdin),
            self.upcoming_steps(by),
        );
        if let Some(run) = self.challenge.as_mut().filter(|_| by == Actor::User) {
            run.attempt.after_command(self.session.sim(), line, &out);
            run.refresh(self.session.sim());
        }
        if self.sim().horizon() < horizon_before {
            // The simulation dropped its recorded future: so does the command log.
            let replaced = self.log.iter().filter(|e| e.at > now).count();
            self.log.retain(|e| e.at <= now);
            self.console.retain(|c| c.at <= now);
            self.script_next = self.log.iter().filter(|e| e.by == Actor::Scenario).count();
            self.branch = before.map(|before| Branch {
                at: now,
                replaced,
                before,
            });
            self.diverged_at = self.diverged_at.filter(|t| *t <= now);
        } else if by == Actor::User {
            self.branch = None;
        }
        if by == Actor::User && self.session.writes() > writes_before {
            self.diverged_at.get_or_insert(now);
        }
        let entry = Entry {
            at: now,
            line: line.to_string(),
            stdin: stdin.to_string(),
            by,
            stopped: None,
        };
        let pos = self.log.partition_point(|e| e.at <= now);
        self.log.insert(pos, entry);
        self.record_console_at(now, prompt, line, by, out.clone());
        // Scripted steps the command's wait reached ran at their own instants.
        for (at, line, output) in scripted {
            self.script_next += 1;
            if line.is_empty() {
                continue;
            }
            let pos = self.log.partition_point(|e| e.at <= at);
            self.log.insert(
                pos,
                Entry {
                    at,
                    line: line.clone(),
                    stdin: String::new(),
                    by: Actor::Scenario,
                    stopped: None,
                },
            );
            self.record_console_at(at, "$ ".into(), &line, Actor::Scenario, output);
        }
        out
    }

    /// The script's steps still to come, for a learner's command that may wait past them.
    fn upcoming_steps(&self, by: Actor) -> Vec<(Millis, String)> {
        let steps = self.scenario.steps.get(self.script_next..).unwrap_or(&[]);
        if by != Actor::User || steps.first().is_none_or(|s| s.at_ms <= self.now()) {
            return Vec::new();
        }
        steps.iter().map(|s| (s.at_ms, s.run.to_string())).collect()
    }

    fn record_console(&mut self, prompt: String, line: &str, by: Actor, output: CommandOutput) {
        self.record_console_at(self.now(), prompt, line, by, output);
    }

    fn record_console_at(
        &mut self,
        at: Millis,
        prompt: String,
        line: &str,
        by: Actor,
        output: CommandOutput,
    ) {
        self.commands_run += 1;
        self.console.push_back(ConsoleEntry {
            id: self.commands_run,
            at,
            by,
            prompt,
            line: line.to_string(),
            output,
        });
        let mut bytes: usize = self.console.iter().map(ConsoleEntry::bytes).sum();
        while self.console.len() > MAX_CONSOLE
            || (bytes > MAX_CONSOLE_BYTES && self.console.len() > 1)
        {
            if let Some(gone) = self.console.pop_front() {
                bytes -= gone.bytes();
            }
        }
    }
}

impl ConsoleEntry {
    /// What the entry holds in text.
    fn bytes(&self) -> usize {
        let o = &self.output;
        self.line.len() + o.stdout.len() + o.stderr.len() + o.combined.len()
    }
}

/// A command's output as Ctrl-C at `t` left it: what it had written, then `^C`, exit 130.
fn interrupted(out: &CommandOutput, t: Millis) -> CommandOutput {
    let mut combined = out.combined[..out.written_by(t)].to_string();
    combined.push_str("^C\n");
    let mut marks: Vec<_> = out
        .marks
        .iter()
        .copied()
        .filter(|(at, _)| *at < t)
        .collect();
    marks.push((t, combined.len()));
    CommandOutput {
        stdout: combined.clone(),
        stderr: String::new(),
        combined,
        exit_code: 130,
        started_ms: out.started_ms,
        finished_ms: t,
        marks,
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

    fn last_output(e: &Engine) -> &CommandOutput {
        &e.console().last().expect("a command ran").output
    }

    /// What the canvas draws of the cluster (the event lists depend on where replays started).
    fn drawn(
        e: &Engine,
    ) -> (
        Vec<crate::view::snapshot::SetView>,
        Vec<crate::view::snapshot::PodView>,
    ) {
        let s = e.snapshot();
        (s.sets, s.pods)
    }

    fn uid_of(e: &Engine, pod: &str) -> Option<String> {
        let store = &e.sim().cluster().api.store;
        store
            .get_object(Kind::Pod, "default", pod)
            .map(|o| o.meta().uid.clone())
    }

    #[test]
    fn a_watch_shows_its_lines_only_up_to_now_while_it_plays() {
        let mut e = Engine::new(Scenario::first());
        let out = e.start_user("kubectl get pods -w", "");
        assert!(out.finished_ms > 0, "the watch let time pass");
        let running = e.running().expect("the watch is playing");
        assert_eq!(
            e.now(),
            0,
            "the cluster is shown from the command's start again"
        );
        let watch = |e: &Engine| {
            let c = e.console().find(|c| c.id == running.id).unwrap();
            c.output.clone()
        };
        let lines_at = |e: &Engine| {
            let o = watch(e);
            o.combined[..o.written_by(e.now())].lines().count()
        };
        let early = lines_at(&e);
        assert!(e.advance_to(5_000));
        let later = lines_at(&e);
        while e.running().is_some() {
            let next = (e.now() + 1_000).min(running.until);
            e.advance_to(next);
        }
        assert_eq!(e.now(), running.until);
        let all = watch(&e).combined.lines().count();
        assert!(early < later && later < all, "{early} < {later} < {all}");
        assert!(e.log().iter().any(|c| c.line == "kubectl get pods -w"));
    }

    #[test]
    fn a_scripted_step_inside_a_sleep_runs_at_its_own_instant_once() {
        let scenario = cat("scale-down");
        let step = scenario.steps.iter().find(|s| s.at_ms > 40_000).unwrap();
        let mut e = Engine::new(scenario);
        e.advance_to(40_000);
        let out = e.start_user("kubectl get sts web -w", "");
        assert!(
            out.finished_ms > step.at_ms,
            "the watch waits past the step"
        );
        let seen = |e: &Engine| {
            e.console()
                .filter(|c| c.by == Actor::Scenario && c.at > 40_000)
                .count()
        };
        e.advance_to(step.at_ms - 1);
        assert_eq!(
            seen(&e),
            1,
            "recorded, in the future of the running command"
        );
        assert_eq!(e.snapshot().set("web").unwrap().desired, 5, "not yet");
        while e.running().is_some() {
            let next = e.now() + 2_000;
            e.advance_to(next);
        }
        let ran = e
            .console()
            .find(|c| c.by == Actor::Scenario && c.at > 40_000)
            .unwrap();
        assert_eq!((ran.at, ran.line.as_str()), (step.at_ms, step.run));
        assert_eq!(e.snapshot().set("web").unwrap().desired, 3);
        let scripted = e.log().iter().filter(|c| c.by == Actor::Scenario).count();
        assert_eq!(
            scripted,
            e.scenario()
                .steps
                .iter()
                .filter(|s| !s.run.is_empty())
                .count(),
            "every step once"
        );
        // The watch saw the scale: its rows after the step's instant show it.
        assert!(out.combined.lines().count() > 2, "{}", out.combined);

        let b = Engine::restore(scenario, &e.link(1.0));
        assert_eq!(b.log(), e.log());
        assert_eq!(drawn(&b), drawn(&e));
    }

    #[test]
    fn ctrl_c_drops_the_rest_of_the_line_and_a_link_replays_it() {
        let mut e = Engine::new(Scenario::first());
        e.advance_to(20_000);
        let before = uid_of(&e, "web-0");
        e.start_user("echo start; sleep 5; kubectl delete pod web-0", "");
        e.advance_to(23_000);
        assert!(e.interrupt());
        assert_eq!(e.running(), None);
        let out = last_output(&e).clone();
        assert_eq!(out.combined, "start\n^C\n");
        assert_eq!((out.exit_code, out.finished_ms), (130, 23_000));
        e.advance_to(40_000);
        assert_eq!(uid_of(&e, "web-0"), before, "the delete never happened");
        assert_eq!(e.log().last().unwrap().stopped, Some(23_000));

        let b = Engine::restore(Scenario::first(), &e.link(1.0));
        assert_eq!(drawn(&b), drawn(&e));
        assert_eq!(b.log(), e.log());
        assert_eq!(last_output(&b), &out);
    }

    #[test]
    fn a_command_typed_in_the_past_says_what_it_replaced_and_undo_restores_it() {
        let mut a = Engine::new(Scenario::first());
        a.advance_to(5_000);
        a.run_user("kubectl scale sts web --replicas=4", "");
        a.advance_to(20_000);
        a.run_user("kubectl delete pod web-1", "");
        a.advance_to(30_000);
        a.seek(12_000);
        // The delete and the scenario's own step at 14 s.
        assert_eq!(a.commands_after_now(), 2);
        let (snapshot, log) = (a.snapshot(), a.log().to_vec());
        let future: Vec<_> = a
            .console()
            .filter(|c| c.at > 12_000)
            .map(|c| c.line.clone())
            .collect();
        assert_eq!(
            future,
            ["kubectl get pods -l app=nginx", "kubectl delete pod web-1"],
            "the console still holds the future"
        );

        a.run_user("kubectl scale sts web --replicas=2", "");
        let branch = a.branch().expect("the future was replaced").clone();
        assert_eq!((branch.at, branch.replaced), (12_000, 2));
        assert!(a.console().all(|c| c.line != "kubectl delete pod web-1"));

        let undone = Engine::restore(Scenario::first(), &branch.before);
        assert_eq!(undone.now(), 12_000);
        assert_eq!(undone.horizon(), 30_000);
        assert_eq!(drawn(&undone), (snapshot.sets, snapshot.pods));
        assert_eq!(undone.log(), log);
        assert!(undone
            .console()
            .any(|c| c.line == "kubectl delete pod web-1"));
    }

    #[test]
    fn typing_during_an_earlier_commands_run_stops_it_there() {
        let mut e = Engine::new(Scenario::first());
        e.advance_to(20_000);
        let before = uid_of(&e, "web-0");
        e.run_user("sleep 5; kubectl delete pod web-0", "");
        e.seek(22_000);
        assert_eq!(e.commands_after_now(), 1, "the sleep is still to finish");
        e.run_user("kubectl get pods", "");
        e.advance_to(40_000);
        assert_eq!(uid_of(&e, "web-0"), before);
        let b = Engine::restore(Scenario::first(), &e.link(1.0));
        assert_eq!(drawn(&b), drawn(&e));
        assert_eq!(b.log(), e.log());
    }

    #[test]
    fn the_console_keeps_a_bounded_number_of_bytes() {
        let mut e = Engine::new(Scenario::first());
        // Each line prints the 4 MiB a line may (then "output truncated").
        let line = format!("kubectl describe node{}", " node-1".repeat(3_000));
        for _ in 0..4 {
            let out = e.run_user(&line, "");
            assert!(out.stdout.len() > 3 << 20, "{} bytes", out.stdout.len());
        }
        let kept: usize = e.console().map(ConsoleEntry::bytes).sum();
        assert!(kept <= MAX_CONSOLE_BYTES, "{kept} bytes kept");
        let lines: Vec<_> = e.console().map(|c| c.line.as_str()).collect();
        assert_eq!(lines.last(), Some(&line.as_str()), "the newest stays");
        assert!(
            !lines.contains(&"kubectl apply -f web.yaml"),
            "the oldest went first"
        );
    }

    #[test]
    fn step_moves_to_the_next_visible_change() {
        let mut e = Engine::new(Scenario::first());
        let t = e.step().expect("something is due");
        assert!(t > 0);
        assert!(e.now() == t);
    }
}
