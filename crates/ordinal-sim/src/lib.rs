//! Ordinal's simulation core: a deterministic, single-threaded simulated cluster.
//! Time and seed are inputs; no wall clock, no OS randomness, no browser dependencies.

pub mod api;
pub mod apiserver;
pub mod cluster;
pub mod controller;
pub mod controls;
pub mod dns;
pub mod features;
pub mod fs;
pub mod gofmt;
pub mod rng;
pub mod simulation;
pub mod sort;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;
pub mod timing;

pub use cluster::{Cluster, ClusterConfig, SimError};
pub use simulation::{Input, InputError, Outcome, Simulation};
pub use time::Millis;
