//! `kubectl exec` and `kubectl run` (filled in with the container shell).

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{b, l, v, Flag};

pub const EXEC_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    b("quiet", Some('q')),
    l("filename", Some('f')),
    v("pod-running-timeout", None),
];

pub const RUN_FLAGS: &[Flag] = &[
    v("image", None),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    v("restart", None),
    b("rm", None),
    l("labels", Some('l')),
    l("env", None),
    v("port", None),
    b("command", None),
    v("dry-run", None),
    v("output", Some('o')),
    v("overrides", None),
    v("pod-running-timeout", None),
    b("attach", None),
    b("quiet", Some('q')),
    v("image-pull-policy", None),
    l("annotations", None),
];

pub fn run_exec(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("exec is not available yet"))
}

pub fn run_run(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("run is not available yet"))
}
