//! Shells inside containers (`kubectl exec -it … sh`, `kubectl run -it …`).

use crate::shell::Exec;
use crate::state::State;

/// An interactive shell attached to a container.
#[derive(Clone, Debug)]
pub struct PodSession {
    pub namespace: String,
    pub pod: String,
    pub container: String,
}

impl PodSession {
    pub fn prompt(&self) -> String {
        "/ # ".into()
    }
}

/// Runs a line typed into an attached container shell.
pub fn run_interactive(st: &mut State, line: &str, _stdin: Option<&str>) -> Exec {
    if line.trim() == "exit" {
        st.pod_shell = None;
        return Exec::default();
    }
    Exec::fail("sh: not available yet\n", 127)
}
