//! `kubectl cordon`, `uncordon` and `drain`.

use super::Kubectl;
use crate::errors::Failure;
use crate::flags::{b, l, v, Flag};

pub const CORDON_FLAGS: &[Flag] = &[l("selector", Some('l')), v("dry-run", None)];
pub const DRAIN_FLAGS: &[Flag] = &[
    b("ignore-daemonsets", None),
    b("delete-emptydir-data", None),
    b("delete-local-data", None),
    b("force", None),
    v("grace-period", None),
    v("timeout", None),
    l("selector", Some('l')),
    v("pod-selector", None),
    b("disable-eviction", None),
    v("dry-run", None),
    v("skip-wait-for-delete-timeout", None),
    v("chunk-size", None),
];

pub fn run_cordon(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("cordon is not available yet"))
}

pub fn run_uncordon(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("uncordon is not available yet"))
}

pub fn run_drain(_k: &mut Kubectl) -> Result<(), Failure> {
    Err(Failure::client("drain is not available yet"))
}
