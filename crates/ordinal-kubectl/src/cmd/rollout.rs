//! `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets.

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{b, l, v, Flag};

pub const FLAGS: &[Flag] = &[
    v("timeout", None),
    v("watch", Some('w')),
    v("revision", None),
    v("to-revision", None),
    l("filename", Some('f')),
    l("selector", Some('l')),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
];

pub fn run(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("rollout is not available yet"))
}
