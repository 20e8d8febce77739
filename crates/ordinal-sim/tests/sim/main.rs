//! ordinal-sim's integration tests: one binary, one module per upstream test file it mirrors.
//! Fixtures live in the crate's `testing` module (the `testing` feature, on for dev builds).
//!
//! * `control`: the StatefulSet controller synced by hand, one reconcile per sync, like
//!   `pkg/controller/statefulset/stateful_set_control_test.go` (and its work queue, like
//!   `stateful_set_test.go`);
//! * `e2e`: the whole cluster running, like `test/e2e/apps/statefulset.go`;
//! * `node`: nodes, kubelets and the scheduler (pod lifecycle, restarts, node failure);
//! * `volume`: provisioning, binding and attaching volumes;
//! * `api`: the API server's defaults and validation, the garbage collector, DNS;
//! * `invariants`: properties over many seeds, determinism, and the core's dependency rules;
//! * `bench_scenarios`: the benchmark workloads at a small scale.

mod api;
mod bench_scenarios;
mod control;
mod e2e;
mod invariants;
mod node;
mod volume;
