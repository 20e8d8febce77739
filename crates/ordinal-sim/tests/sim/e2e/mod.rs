//! The whole cluster running under fixture E (upstream's `test/e2e/apps/statefulset.go`).

mod availability;
mod identity;
mod scaling;
mod updates;
