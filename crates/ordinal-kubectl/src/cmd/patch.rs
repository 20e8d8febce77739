//! `kubectl patch` and `kubectl edit`.

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{l, v, Flag};

pub const FLAGS: &[Flag] = &[
    v("patch", Some('p')),
    v("patch-file", None),
    v("type", None),
    l("filename", Some('f')),
    v("output", Some('o')),
    v("dry-run", None),
    v("subresource", None),
    b_local(),
];

const fn b_local() -> Flag {
    crate::flags::b("local", None)
}

pub const EDIT_FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    v("output", Some('o')),
    crate::flags::b("windows-line-endings", None),
    crate::flags::b("save-config", None),
    v("subresource", None),
];

pub fn run(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("patch is not available yet"))
}

pub fn run_edit(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("edit is not available yet"))
}
