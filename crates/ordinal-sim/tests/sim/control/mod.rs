//! The StatefulSet controller, one reconcile per sync (upstream's `stateful_set_control_test.go`
//! and, for the work queue, `stateful_set_test.go`); the ReplicaSet controller in `replicaset/`
//! (upstream's `replica_set_test.go` and `controller_utils_test.go`).

mod claims;
mod cost;
mod deployment;
mod failures;
mod lifecycle;
mod ordinals;
mod replicaset;
mod scale;
mod updates;
mod workqueue;
