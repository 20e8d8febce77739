//! Properties checked over many seeds, determinism, and the core's dependency rules.

mod determinism;
mod no_browser_deps;
mod properties;
mod replicaset;
