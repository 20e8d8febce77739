//! kubectl, as a learner types it, over the simulated cluster.
//!
//! `Session::run(line)` is the entry point: a small shell runs `kubectl …`, `sim …` and
//! `sleep`, and every cluster change goes through `ordinal_sim::Simulation::apply`.

pub mod cmd;
pub mod errors;
pub mod pod;
pub mod session;
pub mod shell;

// Transitional: the files moved into folders; the next commit fixes the paths.
pub mod input {
    pub mod flags;
    pub mod manifest;
    pub mod merge;
    pub mod query;
    pub mod resources;
    pub mod yaml;
}
pub mod output {
    pub mod describe;
    pub mod format;
    pub mod gotemplate;
    pub mod jsonpath;
    pub mod printers;
    pub mod table;
    pub mod timefmt;
    pub use format::*;
}
pub use input::{flags, manifest, merge, query, resources, yaml};
pub use output::{describe, gotemplate, jsonpath, printers, table, timefmt};
#[path = "session/script.rs"]
pub mod script;
#[path = "session/sim_cmd.rs"]
pub mod sim_cmd;
#[path = "session/state.rs"]
pub mod state;

pub use session::{CommandOutput, HistoryEntry, Session, SessionConfig};
pub use state::Limits;
