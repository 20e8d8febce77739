//! kubectl, as a learner types it, over the simulated cluster.
//!
//! `Session::run(line)` is the entry point: a small shell runs `kubectl …`, `sim …` and
//! `sleep`, and every cluster change goes through `ordinal_sim::Simulation::apply`.
//!
//! Rooms: `input` reads what the learner typed (flags, targets, manifests, patches),
//! `output` prints what kubectl shows (tables, describe, `-o` formats), `session` keeps the
//! terminal between lines, `state` is what every command works on (the simulation, the
//! namespace, the files), `cmd` holds one file per kubectl command, `shell` and `pod` are the
//! terminal's shell and the shell inside a pod. Dependencies run one way:
//! session → cmd → pod → state.

pub mod cmd;
pub mod errors;
pub mod input;
pub mod output;
pub mod pod;
pub mod session;
pub mod shell;
pub mod state;

pub use input::files::{FileError, Files, Node, Reader};
pub use input::yaml;
pub use session::script;
pub use session::{CommandOutput, HistoryEntry, Session, SessionConfig};
pub use state::Limits;
