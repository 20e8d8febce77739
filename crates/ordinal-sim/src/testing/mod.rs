//! Fixtures shared by this crate's integration tests (`tests/sim/`), benchmarks and examples.
//! Behind the `testing` feature, off by default, so none of it reaches the shipped wasm.
//!
//! * [`builders`]: the one config, Service, claim and claim-template builder everyone uses;
//! * [`driver`]: fixture U and a [`driver::Driver`] that syncs the StatefulSet controller by
//!   hand, like upstream's `stateful_set_control_test.go`;
//! * [`node`]: helpers for whole-cluster tests (nodes, kubelets, scheduler, volumes running);
//! * [`e2e`]: fixture E, like upstream's `test/e2e/apps/statefulset.go`;
//! * [`replicaset`]: newReplicaSet/newPod and a driver syncing the ReplicaSet controller by hand;
//! * [`bench`]: the benchmark workloads, also smoke-tested at a small scale.

pub mod bench;
pub mod builders;
pub mod driver;
pub mod e2e;
pub mod node;
pub mod replicaset;
