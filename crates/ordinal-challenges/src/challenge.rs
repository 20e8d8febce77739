//! What a challenge is (plain data and two check functions) and the verdict a check gives.

use crate::checks::Baseline;
use ordinal_kubectl::{Session, SessionConfig};
use ordinal_sim::{Cluster, ClusterConfig, Millis};

/// The cluster a challenge starts from: manifests in the workspace, commands run at instants
/// (faults are `sim …` lines), and the instant the learner takes over.
#[derive(Debug)]
pub struct Setup {
    pub nodes: usize,
    pub seed: u64,
    /// Files `kubectl apply -f NAME` reads, by name.
    pub files: &'static [(&'static str, &'static str)],
    /// (seconds, command line), in time order.
    pub steps: &'static [(Millis, &'static str)],
    /// When the learner takes over, in seconds.
    pub start_s: Millis,
}

/// One command the learner ran, as the checker sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: String,
    pub exit_code: i32,
    pub stdout: String,
    pub at_ms: Millis,
    /// The command changed the cluster (it applied at least one input).
    pub changed: bool,
}

/// What a check reads: the cluster now, the cluster as the challenge started, the commands.
pub struct Ctx<'a> {
    pub cluster: &'a Cluster,
    pub base: &'a Baseline,
    pub commands: &'a [Record],
}

pub struct Challenge {
    /// Stable id, used in URLs (`?challenge=<id>`) and on the command line.
    pub id: &'static str,
    pub title: &'static str,
    /// One or two sentences.
    pub goal: &'static str,
    /// What the learner takes away.
    pub teaches: &'static str,
    pub setup: Setup,
    /// Said to the learner; `watch` names a broken one by its index.
    pub constraints: &'static [&'static str],
    /// Most commands that change the cluster, if the challenge limits them.
    pub max_commands: Option<usize>,
    /// Two or three, each more concrete.
    pub hints: &'static [&'static str],
    /// Console lines that solve it (shown only on request).
    pub solution: &'static [&'static str],
    /// How many of the solution's commands change the cluster (the par to beat).
    pub reference_commands: usize,
    /// Ok when the goal is reached; otherwise why not yet, in one sentence.
    pub goal_check: fn(&Ctx) -> Result<(), String>,
    /// Run after every command and every simulated step: the index of a broken constraint and
    /// why, in one sentence.
    pub watch: fn(&Ctx) -> Result<(), (usize, String)>,
}

impl std::fmt::Debug for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Challenge").field("id", &self.id).finish()
    }
}

impl PartialEq for Challenge {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Where an attempt stands, sticky once Solved or Failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Solved,
    NotYet(String),
    Failed { constraint: String, reason: String },
}

impl Status {
    /// The status as one sentence.
    pub fn sentence(&self) -> String {
        match self {
            Status::Solved => "Solved: the goal is reached and every constraint held.".into(),
            Status::NotYet(why) => format!("Not yet: {why}"),
            Status::Failed { constraint, reason } => {
                format!("Failed \u{201c}{constraint}\u{201d}: {reason}")
            }
        }
    }

    pub fn is_solved(&self) -> bool {
        matches!(self, Status::Solved)
    }

    pub fn is_failed(&self) -> bool {
        matches!(self, Status::Failed { .. })
    }
}

impl Challenge {
    pub fn by_id(id: &str) -> Option<&'static Challenge> {
        crate::ALL.iter().copied().find(|c| c.id == id)
    }

    /// The challenge after this one in the list (None after the last).
    pub fn next(&self) -> Option<&'static Challenge> {
        let i = crate::ALL.iter().position(|c| c.id == self.id)?;
        crate::ALL.get(i + 1).copied()
    }

    pub fn start_ms(&self) -> Millis {
        self.setup.start_s * 1000
    }

    /// The cluster configuration the challenge starts from (`seed` overrides its own).
    pub fn cluster_config(&self, seed: Option<u64>) -> ClusterConfig {
        ClusterConfig {
            seed: seed.unwrap_or(self.setup.seed),
            nodes: self.setup.nodes,
            ..ClusterConfig::default()
        }
    }

    /// A terminal session at the challenge's start: its files in the workspace, its setup
    /// steps run at their instants, simulated time at `start_s`.
    pub fn start_session(&self, seed: Option<u64>) -> Session {
        let mut session = Session::new(SessionConfig {
            cluster: self.cluster_config(seed),
            files: self
                .setup
                .files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            ..SessionConfig::default()
        });
        for (at_s, line) in self.setup.steps {
            let at = at_s * 1000;
            if at > session.sim().now() {
                let _ = session.sim_mut().advance_to(at);
            }
            session.run(line, None);
        }
        let start = self.start_ms();
        if start > session.sim().now() {
            let _ = session.sim_mut().advance_to(start);
        }
        session
    }
}
