//! kubectl, as a learner types it, over the simulated cluster.
//!
//! `Session::run(line)` is the entry point: a small shell runs `kubectl …`, `sim …` and
//! `sleep`, and every cluster change goes through `ordinal_sim::Simulation::apply`.

pub mod cmd;
pub mod describe;
pub mod errors;
pub mod flags;
pub mod gotemplate;
pub mod jsonpath;
pub mod manifest;
pub mod merge;
pub mod output;
pub mod pod;
pub mod printers;
pub mod query;
pub mod resources;
pub mod session;
pub mod shell;
pub mod sim_cmd;
pub mod state;
pub mod table;
pub mod timefmt;
pub mod yaml;

pub use session::{CommandOutput, HistoryEntry, Session, SessionConfig};
pub use state::Limits;
pub mod script;
