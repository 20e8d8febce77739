//! `kubectl label` and `kubectl annotate`.

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{b, l, v, Flag};

pub const FLAGS: &[Flag] = &[
    b("overwrite", None),
    b("all", None),
    l("selector", Some('l')),
    l("filename", Some('f')),
    v("output", Some('o')),
    v("dry-run", None),
    b("list", None),
    v("resource-version", None),
    b("all-namespaces", Some('A')),
];

pub fn run_label(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("label is not available yet"))
}

pub fn run_annotate(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("annotate is not available yet"))
}
