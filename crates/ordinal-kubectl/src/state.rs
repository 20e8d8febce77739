//! What a terminal session keeps between commands, and the helpers every command uses to read
//! the cluster, write through the replayable timeline, and let simulated time pass.

use crate::errors::Failure;
use crate::input::files::{self, FileError, Node, Reader};
use ordinal_sim::api::{Kind, Object};
use ordinal_sim::apiserver::WatchEvent;
use ordinal_sim::{Input, Millis, Outcome, Simulation};
use std::collections::{BTreeMap, VecDeque};

/// Bounds for commands that wait.
#[derive(Clone, Debug)]
pub struct Limits {
    /// `get -w` stops after this long without a change to what it watches…
    pub watch_quiet_ms: Millis,
    /// …or after this long in total (unless `--request-timeout` says otherwise).
    pub watch_max_ms: Millis,
    /// Longest any single wait may run (`rollout status`, `wait`, `sleep`).
    pub max_wait_ms: Millis,
    /// Most simulated time one command line may let pass in total, however many waits it
    /// holds (`for i in $(seq 1000); do sleep 1h; done`): a line, and so a shared link, costs
    /// bounded work.
    pub max_line_ms: Millis,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            watch_quiet_ms: 15_000,
            watch_max_ms: 300_000,
            max_wait_ms: 3_600_000,
            max_line_ms: 3_600_000,
        }
    }
}

pub struct State {
    pub sim: Simulation,
    pub namespace: String,
    /// The learner's workspace: files by cleaned path (`input::files::clean`).
    pub files: BTreeMap<String, String>,
    /// The front end's reader under the workspace (the CLI's disk); None in the browser.
    pub reader: Option<Reader>,
    pub limits: Limits,
    /// The line being run may not move simulated time past this (`Limits::max_line_ms`).
    pub line_deadline: Millis,
    /// A front end's scripted lines, by instant, that run when the line's time reaches them
    /// (a scenario's step inside `sleep 30` runs at its own time, not after the sleep).
    pub scripted: VecDeque<(Millis, String)>,
    /// What ran of `scripted` during the line: instant, line, output.
    pub scripted_ran: Vec<(Millis, String, crate::CommandOutput)>,
    /// How many inputs the API server (or a fault control) accepted: a command that wrote.
    pub writes: u64,
}

/// A command line used up its simulated time (`Limits::max_line_ms`, the allowance).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineTimeSpent(pub Millis);

impl LineTimeSpent {
    /// `sleep: one command line may let at most 1h0m0s of simulated time pass`
    pub fn message(&self, command: &str) -> String {
        format!(
            "{command}: one command line may let at most {} of simulated time pass\n",
            ordinal_sim::gofmt::duration_string(self.0)
        )
    }
}

/// Most `advance_to` retries after a step-limit stop before giving up.
const MAX_ADVANCE_RETRIES: usize = 64;

impl State {
    pub fn now(&self) -> Millis {
        self.sim.now()
    }

    /// What `path` names, in the workspace or under it.
    pub fn open_file(&self, path: &str) -> Result<Node, FileError> {
        files::open(&self.files, self.reader.as_ref(), path)
    }

    /// One file's text.
    pub fn read_file(&self, path: &str) -> Result<String, FileError> {
        files::read(&self.files, self.reader.as_ref(), path)
    }

    /// Writes into the workspace (never through the reader: a script leaves the disk alone).
    pub fn write_file(&mut self, path: &str, data: &str, append: bool) {
        let key = files::clean(path);
        if append && !self.files.contains_key(&key) {
            if let Ok(old) = self.read_file(path) {
                self.files.insert(key.clone(), old);
            }
        }
        let e = self.files.entry(key).or_default();
        if !append {
            e.clear();
        }
        e.push_str(data);
    }

    pub fn get(&self, kind: Kind, ns: &str, name: &str) -> Option<&Object> {
        let ns = if kind.namespaced() { ns } else { "" };
        self.sim.cluster().api.store.get_object(kind, ns, name)
    }

    /// Objects of a kind in one namespace (None: all), ordered by namespace then name.
    pub fn list<'a>(&'a self, kind: Kind, ns: Option<&'a str>) -> Vec<&'a Object> {
        let ns = if kind.namespaced() { ns } else { None };
        self.sim
            .cluster()
            .api
            .store
            .list_objects(kind, ns)
            .collect()
    }

    /// Applies an input through the timeline.
    pub fn apply(&mut self, input: Input) -> Result<Outcome, Failure> {
        let out = self.sim.apply(input).map_err(|e| match e {
            ordinal_sim::InputError::Api(a) => Failure::from_api(&a),
            ordinal_sim::InputError::Sim(s) => Failure::client(s),
            other => Failure::client(other.to_string()),
        });
        self.writes += u64::from(out.is_ok());
        out
    }

    pub fn create(&mut self, obj: Object) -> Result<Object, Failure> {
        match self.apply(Input::Create(obj))? {
            Outcome::Object(o) => Ok(o),
            Outcome::Message(m) => Err(Failure::client(m)),
        }
    }

    pub fn update(&mut self, obj: Object) -> Result<Object, Failure> {
        match self.apply(Input::Update(obj))? {
            Outcome::Object(o) => Ok(o),
            Outcome::Message(m) => Err(Failure::client(m)),
        }
    }

    /// Moves simulated time to `t` (never backwards, never past the line's deadline), riding
    /// over step-limit pauses.
    pub fn advance_to(&mut self, t: Millis) {
        let t = t.min(self.line_deadline);
        while let Some(at) = self.scripted.front().map(|s| s.0).filter(|at| *at <= t) {
            self.advance_clock_to(at);
            let Some((at, line)) = self.scripted.pop_front() else {
                break;
            };
            // The scripted line's own waits do not run further scripted lines.
            let queued = std::mem::take(&mut self.scripted);
            // The script's writes are not the learner's (`writes` tells a front end when the
            // learner changed the cluster).
            let writes = self.writes;
            let out = crate::session::run_scripted(self, &line);
            self.writes = writes;
            self.scripted = queued;
            self.scripted_ran.push((at, line, out));
        }
        self.advance_clock_to(t);
    }

    fn advance_clock_to(&mut self, t: Millis) {
        for _ in 0..MAX_ADVANCE_RETRIES {
            match self.sim.advance_to(t) {
                Ok(()) => return,
                Err(ordinal_sim::SimError::StepLimit { .. }) => continue,
                Err(ordinal_sim::SimError::TimeTravel { .. })
                | Err(ordinal_sim::SimError::Trimmed { .. }) => return,
            }
        }
    }

    /// Lets `ms` of simulated time pass (at most `max_wait_ms`). Err when the line's own
    /// allowance ends first: time then stops at the deadline.
    pub fn sleep(&mut self, ms: Millis) -> Result<(), LineTimeSpent> {
        let t = self.now().saturating_add(ms.min(self.limits.max_wait_ms));
        self.advance_to(t);
        if t > self.line_deadline {
            return Err(LineTimeSpent(self.limits.max_line_ms));
        }
        Ok(())
    }

    /// Advances time in small steps up to `deadline`, handing every new watch event to `on`
    /// (and `None` once after each step, to check time-based conditions); stops early when
    /// `on` returns true. Returns whether `on` asked to stop.
    pub fn watch_until(
        &mut self,
        deadline: Millis,
        mut on: impl FnMut(&State, Option<&WatchEvent>) -> bool,
    ) -> bool {
        // A wait that reaches the line's deadline ends as if its own timeout had.
        let deadline = deadline.min(self.line_deadline);
        let mut seq = self.sim.cluster().api.watch_seq();
        loop {
            let now = self.now();
            if now >= deadline {
                return false;
            }
            let next = self
                .sim
                .cluster()
                .next_wake()
                .map_or(deadline, |w| w.max(now).min(deadline));
            // Always make progress, even if a timer is due right now.
            let target = if next <= now { now } else { next };
            self.advance_to(target);
            let events: Vec<WatchEvent> =
                self.sim.cluster().api.watch_since(seq).cloned().collect();
            if let Some(last) = events.last() {
                seq = last.seq;
            }
            for ev in &events {
                if on(self, Some(ev)) {
                    return true;
                }
            }
            if on(self, None) {
                return true;
            }
            if target == now && events.is_empty() {
                // Nothing happened at this instant; jump a little to avoid spinning.
                let step = (deadline - now).min(1_000);
                self.advance_to(now + step);
            }
        }
    }
}
