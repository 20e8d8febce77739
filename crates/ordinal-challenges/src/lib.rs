//! Challenges: a starting cluster, a goal, constraints on the way there, hints and a reference
//! solution. An [`Attempt`] watches the learner's commands and every simulated step and says,
//! in one sentence, whether the goal is reached, not yet, or a constraint was broken.
//!
//! Pure Rust over `ordinal-sim` and `ordinal-kubectl`: the web app and the CLI share it.

mod attempt;
mod catalog;
mod challenge;
pub mod checks;
mod manifests;
mod script;

pub use attempt::{Attempt, Summary};
pub use catalog::ALL;
pub use challenge::{Challenge, Ctx, Record, Setup, Status};
pub use script::{run_script, solution_script, ScriptRun};
