//! What the interface shows, as plain data: the snapshot (read from the cluster) and the layout
//! (where each object goes on the canvas). Both are pure functions, tested natively.

#[cfg(any(test, feature = "testing"))]
pub mod fixtures;
pub mod layout;
#[cfg(test)]
mod layout_tests;
pub mod natural;
pub mod snapshot;
pub mod timeline;
pub mod workloads;

pub use layout::Layout;
pub use snapshot::Snapshot;

/// Most ordinal columns drawn per StatefulSet.
pub const MAX_COLUMNS: usize = 200;
