//! A recorded timeline: the cluster plus every input with its instant, and periodic checkpoints,
//! so any past instant can be recovered by restoring a checkpoint and re-running the inputs.
//! Determinism makes the re-run exact.
//!
//! Memory is bounded by bytes, not by count (docs/memory.md): checkpoints and recorded inputs
//! each have a byte budget. Past it, checkpoints are first spaced further apart (up to
//! `MAX_CHECKPOINT_SPACING`), then the oldest are dropped with the inputs before them, so the
//! earliest reachable instant ([`Simulation::earliest`]) moves forward.

use crate::api::{Kind, Object};
use crate::apiserver::{size, ApiError, DeleteOptions};
use crate::cluster::{Cluster, ClusterConfig, SimError};
use crate::controls::SimAction;
use crate::time::Millis;

/// Everything from outside that changes the cluster.
#[derive(Clone, Debug)]
pub enum Input {
    Create(Object),
    Update(Object),
    UpdateStatus(Object),
    Delete {
        kind: Kind,
        namespace: String,
        name: String,
        opts: DeleteOptions,
    },
    /// PATCH `<kind>/<name>/scale`: `spec.replicas` through the `/scale` subresource.
    Scale {
        kind: Kind,
        namespace: String,
        name: String,
        replicas: i32,
    },
    Sim(SimAction),
}

/// What applying an input returned.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    Object(Object),
    Message(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    Api(ApiError),
    Sim(String),
    /// The timeline already holds `MAX_INPUTS` inputs.
    TooManyInputs,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Api(e) => write!(f, "{e}"),
            InputError::Sim(s) => f.write_str(s),
            InputError::TooManyInputs => write!(
                f,
                "the timeline holds at most {MAX_INPUTS} commands; reset the simulation to go on"
            ),
        }
    }
}

pub const MAX_INPUTS: usize = 20_000;
const MAX_CHECKPOINTS: usize = 48;
/// The checkpoints' estimated bytes together at most (each counts its whole store, although
/// unchanged objects are shared between checkpoints).
pub const MAX_CHECKPOINT_BYTES: usize = 96 * 1024 * 1024;
/// The recorded inputs' estimated bytes together at most.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;
/// Checkpoints start this far apart and are spaced further as they thin out...
const FIRST_CHECKPOINT_SPACING: Millis = 5_000;
/// ...but never further than this, so a seek re-runs at most an hour of simulated time.
pub const MAX_CHECKPOINT_SPACING: Millis = 3_600_000;
/// What one checkpoint's components, timers and queues take besides the store (a generous guess).
const CHECKPOINT_OVERHEAD: usize = 256 * 1024;

#[derive(Clone, Debug)]
struct Checkpoint {
    at: Millis,
    inputs_applied: usize,
    cluster: Box<Cluster>,
    /// Estimated bytes.
    bytes: usize,
}

impl Checkpoint {
    /// The cluster as it is now, without its watch history (long delivered; kept in every
    /// checkpoint it would multiply the history's memory).
    fn of(cluster: &Cluster, inputs_applied: usize) -> Checkpoint {
        let mut cluster = Box::new(cluster.clone());
        cluster.api.forget_watch_history();
        let store = &cluster.api.store;
        let bytes = size::estimate(store.json_bytes()) + store.total() * 2048 + CHECKPOINT_OVERHEAD;
        Checkpoint {
            at: cluster.now,
            inputs_applied,
            cluster,
            bytes,
        }
    }
}

/// An input with the instant it was applied at and its estimated bytes.
#[derive(Clone, Debug)]
struct Recorded {
    at: Millis,
    input: Input,
    bytes: usize,
}

impl Recorded {
    fn new(at: Millis, input: Input) -> Recorded {
        let bytes = match &input {
            Input::Create(o) | Input::Update(o) | Input::UpdateStatus(o) => {
                size::estimate(size::json_len(o))
            }
            Input::Delete {
                namespace, name, ..
            }
            | Input::Scale {
                namespace, name, ..
            } => 256 + namespace.len() + name.len(),
            Input::Sim(_) => 256,
        };
        Recorded { at, input, bytes }
    }
}

#[derive(Clone, Debug)]
pub struct Simulation {
    cluster: Cluster,
    /// Inputs in the order applied, since the earliest checkpoint.
    inputs: Vec<Recorded>,
    /// How many of `inputs` the current `cluster` has seen.
    applied: usize,
    checkpoints: Vec<Checkpoint>,
    checkpoint_every_ms: Millis,
    /// The furthest instant the timeline has reached.
    horizon: Millis,
}

impl Simulation {
    pub fn new(config: ClusterConfig) -> Self {
        let cluster = Cluster::new(config);
        let first = Checkpoint::of(&cluster, 0);
        Simulation {
            cluster,
            inputs: Vec::new(),
            applied: 0,
            checkpoints: vec![first],
            checkpoint_every_ms: FIRST_CHECKPOINT_SPACING,
            horizon: 0,
        }
    }

    /// The earliest instant a seek can reach: the oldest checkpoint kept. 0 until the byte
    /// budgets (or the spacing cap) make the simulation drop its oldest checkpoints.
    pub fn earliest(&self) -> Millis {
        self.checkpoints[0].at
    }

    /// Estimated bytes of the checkpoints and the recorded inputs (what the budgets bound).
    pub fn history_bytes(&self) -> (usize, usize) {
        (
            self.checkpoints.iter().map(|c| c.bytes).sum(),
            self.inputs.iter().map(|r| r.bytes).sum(),
        )
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    pub fn now(&self) -> Millis {
        self.cluster.now
    }

    pub fn horizon(&self) -> Millis {
        self.horizon
    }

    /// Instants at which inputs were applied (the timeline's marks).
    pub fn input_times(&self) -> impl Iterator<Item = (Millis, &Input)> {
        self.inputs.iter().map(|r| (r.at, &r.input))
    }

    /// Applies an input now. If the clock is behind the horizon (after a seek back), the
    /// recorded future is discarded first: the timeline branches here.
    pub fn apply(&mut self, input: Input) -> Result<Outcome, InputError> {
        if self.inputs.len() >= MAX_INPUTS {
            return Err(InputError::TooManyInputs);
        }
        self.truncate_future();
        let r = run_input(&mut self.cluster, &input);
        self.inputs.push(Recorded::new(self.cluster.now, input));
        self.applied = self.inputs.len();
        self.bound_inputs();
        r
    }

    /// Keeps the recorded inputs within `MAX_INPUT_BYTES`: drops the oldest checkpoints and
    /// the inputs before them; if the inputs after the last checkpoint alone are too many, a
    /// checkpoint now makes all of them unnecessary.
    fn bound_inputs(&mut self) {
        while self.history_bytes().1 > MAX_INPUT_BYTES && self.checkpoints.len() > 1 {
            self.drop_oldest_checkpoint();
        }
        if self.history_bytes().1 > MAX_INPUT_BYTES {
            let now = self.cluster.now;
            // A checkpoint at this instant predates the inputs applied since: replace it.
            self.checkpoints.retain(|c| c.at < now);
            self.checkpoints
                .push(Checkpoint::of(&self.cluster, self.applied));
            self.checkpoints.drain(..self.checkpoints.len() - 1);
            self.forget_inputs_before_first();
        }
    }

    /// Drops the oldest checkpoint (never the only one) and the inputs only it needed.
    fn drop_oldest_checkpoint(&mut self) {
        if self.checkpoints.len() < 2 {
            return;
        }
        self.checkpoints.remove(0);
        self.forget_inputs_before_first();
    }

    /// Drops the inputs before the first checkpoint: no seek can replay them any more.
    fn forget_inputs_before_first(&mut self) {
        let n = self.checkpoints[0].inputs_applied;
        self.inputs.drain(..n);
        self.applied = self.applied.saturating_sub(n);
        for c in &mut self.checkpoints {
            c.inputs_applied -= n;
        }
    }

    /// Drops the recorded future: the timeline ends now (a command stopped with Ctrl-C).
    pub fn end_timeline_here(&mut self) {
        self.truncate_future();
    }

    fn truncate_future(&mut self) {
        let now = self.cluster.now;
        if self.applied < self.inputs.len() || self.horizon > now {
            self.inputs.truncate(self.applied);
            self.checkpoints
                .retain(|c| c.at <= now && c.inputs_applied <= self.applied);
            self.horizon = now;
        }
    }

    /// Moves forward to `t`, re-applying recorded inputs on the way and taking checkpoints.
    pub fn advance_to(&mut self, t: Millis) -> Result<(), SimError> {
        if t < self.cluster.now {
            return Err(SimError::TimeTravel {
                now: self.cluster.now,
                requested: t,
            });
        }
        loop {
            let next_input = self
                .inputs
                .get(self.applied)
                .map(|r| r.at)
                .filter(|at| *at <= t);
            let last_cp = self.checkpoints.last().map_or(0, |c| c.at);
            // Never behind the clock (thinning may leave the last checkpoint further back).
            let next_cp = (last_cp + self.checkpoint_every_ms).max(self.cluster.now);
            let target = [Some(t), next_input, Some(next_cp)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(t);
            self.cluster.advance_to(target)?;
            if target == next_cp && next_cp <= t {
                self.take_checkpoint();
            }
            if next_input == Some(target) {
                let input = self.inputs[self.applied].input.clone();
                // Errors were already reported when the input was first applied.
                let _ = run_input(&mut self.cluster, &input);
                self.applied += 1;
                continue;
            }
            if target == t {
                break;
            }
        }
        self.horizon = self.horizon.max(t);
        Ok(())
    }

    /// Recovers the state at any instant in `[earliest, horizon]` (or beyond, by advancing).
    /// Before `earliest` it goes to `earliest` and says so.
    pub fn seek(&mut self, t: Millis) -> Result<(), SimError> {
        let earliest = self.earliest();
        if t < earliest {
            self.seek(earliest)?;
            return Err(SimError::Trimmed {
                earliest,
                requested: t,
            });
        }
        let cp = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.at <= t)
            .unwrap_or(&self.checkpoints[0]);
        // Forward within the recorded horizon: restart from the nearest checkpoint when it is
        // closer than the present, so a seek never re-runs more than one checkpoint interval.
        if t >= self.cluster.now && (cp.at <= self.cluster.now || t > self.horizon) {
            return self.advance_to(t);
        }
        self.cluster = (*cp.cluster).clone();
        self.applied = cp.inputs_applied;
        let horizon = self.horizon;
        self.advance_to(t)?;
        self.horizon = horizon;
        Ok(())
    }

    fn take_checkpoint(&mut self) {
        let at = self.cluster.now;
        if self.checkpoints.iter().any(|c| c.at == at) {
            return;
        }
        self.checkpoints
            .push(Checkpoint::of(&self.cluster, self.applied));
        while self.checkpoints.len() > MAX_CHECKPOINTS
            || (self.history_bytes().0 > MAX_CHECKPOINT_BYTES && self.checkpoints.len() > 1)
        {
            if self.checkpoint_every_ms < MAX_CHECKPOINT_SPACING {
                self.thin_checkpoints();
            } else {
                self.drop_oldest_checkpoint();
            }
        }
    }

    /// Keeps the first, the last and every other checkpoint between, and spaces future
    /// checkpoints twice as far (up to `MAX_CHECKPOINT_SPACING`).
    fn thin_checkpoints(&mut self) {
        let last = self.checkpoints.len() - 1;
        let kept: Vec<Checkpoint> = self
            .checkpoints
            .drain(..)
            .enumerate()
            .filter(|(i, _)| i % 2 == 0 || *i == last)
            .map(|(_, c)| c)
            .collect();
        self.checkpoints = kept;
        self.checkpoint_every_ms = (self.checkpoint_every_ms * 2).min(MAX_CHECKPOINT_SPACING);
    }
}

fn run_input(cluster: &mut Cluster, input: &Input) -> Result<Outcome, InputError> {
    match input {
        Input::Create(o) => cluster
            .create(o.clone())
            .map(Outcome::Object)
            .map_err(InputError::Api),
        Input::Update(o) => cluster
            .update(o.clone())
            .map(Outcome::Object)
            .map_err(InputError::Api),
        Input::UpdateStatus(o) => cluster
            .update_status(o.clone())
            .map(Outcome::Object)
            .map_err(InputError::Api),
        Input::Delete {
            kind,
            namespace,
            name,
            opts,
        } => cluster
            .delete(*kind, namespace, name, opts)
            .map(Outcome::Object)
            .map_err(InputError::Api),
        Input::Scale {
            kind,
            namespace,
            name,
            replicas,
        } => cluster
            .update_scale(*kind, namespace, name, *replicas)
            .map(Outcome::Object)
            .map_err(InputError::Api),
        Input::Sim(a) => cluster
            .apply_sim(a)
            .map(Outcome::Message)
            .map_err(InputError::Sim),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConfigMap, ObjectMeta};

    fn cm(name: &str) -> Input {
        Input::Create(Object::ConfigMap(ConfigMap {
            metadata: ObjectMeta::named("default", name),
            data: Default::default(),
        }))
    }

    fn names(s: &Simulation) -> Vec<String> {
        s.cluster()
            .api
            .list::<ConfigMap>(Some("default"))
            .map(|c| c.metadata.name.clone())
            .collect()
    }

    #[test]
    fn seek_back_and_forth_reproduces_state() {
        let mut s = Simulation::new(ClusterConfig::default());
        s.advance_to(1_000).unwrap();
        s.apply(cm("a")).unwrap();
        s.advance_to(60_000).unwrap();
        s.apply(cm("b")).unwrap();
        s.advance_to(120_000).unwrap();
        let rv_end = s
            .cluster()
            .api
            .get::<ConfigMap>("default", "b")
            .unwrap()
            .metadata
            .clone();
        s.seek(30_000).unwrap();
        assert_eq!(names(&s), vec!["a"]);
        assert_eq!(s.horizon(), 120_000);
        s.seek(500).unwrap();
        assert!(names(&s).is_empty());
        s.seek(120_000).unwrap();
        assert_eq!(names(&s), vec!["a", "b"]);
        let again = s
            .cluster()
            .api
            .get::<ConfigMap>("default", "b")
            .unwrap()
            .metadata
            .clone();
        assert_eq!(
            again, rv_end,
            "re-run must reproduce uid and resourceVersion exactly"
        );
    }

    fn big(fill: char) -> Input {
        let mut c = ConfigMap {
            metadata: ObjectMeta::named("default", "big"),
            data: Default::default(),
        };
        c.data
            .insert("k".into(), fill.to_string().repeat(1024 * 1024 - 64));
        Input::Update(Object::ConfigMap(c))
    }

    fn big_fill(s: &Simulation) -> char {
        let c = s.cluster().api.get::<ConfigMap>("default", "big").unwrap();
        c.data["k"].chars().next().unwrap()
    }

    #[test]
    fn inputs_past_the_byte_budget_move_the_earliest_instant_forward() {
        let mut s = Simulation::new(ClusterConfig::default());
        s.apply(cm("big")).unwrap();
        let fills: Vec<char> = ('a'..='p').collect();
        for (i, f) in fills.iter().enumerate() {
            s.advance_to(1_000 * (i as u64 + 1)).unwrap();
            s.apply(big(*f)).unwrap();
        }
        s.advance_to(20_000).unwrap();
        assert!(s.history_bytes().1 <= MAX_INPUT_BYTES);
        let earliest = s.earliest();
        assert!(earliest > 0, "16 MiB-sized inputs must trim the timeline");
        // Every instant from `earliest` on still replays exactly.
        for t in (earliest..=16_000).step_by(1_000) {
            s.seek(t).unwrap();
            assert_eq!(big_fill(&s), fills[(t / 1_000) as usize - 1], "at {t}");
        }
        assert_eq!(
            s.seek(500),
            Err(SimError::Trimmed {
                earliest,
                requested: 500
            })
        );
        assert_eq!(s.now(), earliest);
    }

    #[test]
    fn applying_after_a_seek_back_branches_the_timeline() {
        let mut s = Simulation::new(ClusterConfig::default());
        s.apply(cm("a")).unwrap();
        s.advance_to(10_000).unwrap();
        s.apply(cm("b")).unwrap();
        s.advance_to(20_000).unwrap();
        s.seek(5_000).unwrap();
        s.apply(cm("c")).unwrap();
        s.advance_to(20_000).unwrap();
        assert_eq!(names(&s), vec!["a", "c"]);
    }
}
