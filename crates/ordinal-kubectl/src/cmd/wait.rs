//! `kubectl wait --for=condition=…|delete|jsonpath=…`.

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{b, l, v, Flag};

pub const FLAGS: &[Flag] = &[
    v("for", None),
    v("timeout", None),
    l("selector", Some('l')),
    b("all", None),
    b("all-namespaces", Some('A')),
    l("filename", Some('f')),
    v("field-selector", None),
    v("output", Some('o')),
    b("local", None),
];

pub fn run(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("wait is not available yet"))
}
