//! Dynamic provisioning, binding and attach/detach of volumes.

mod attach;
mod provisioning;
