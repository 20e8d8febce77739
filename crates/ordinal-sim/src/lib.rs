//! Ordinal's simulation core: a deterministic, single-threaded simulated cluster.
//! Time and seed are inputs; no wall clock, no OS randomness, no browser dependencies.
