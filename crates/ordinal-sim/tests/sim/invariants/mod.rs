//! Properties checked over many seeds, determinism, and the core's dependency rules.

mod deployment;
mod determinism;
mod no_browser_deps;
mod properties;
mod replicaset;
