//! The Kubernetes version simulated and its feature gates: behaviour that differs by release.

/// Version- and gate-dependent behaviour (§0.1 in docs/reference/statefulset-controller.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// Kubernetes minor version simulated, 31..=34.
    pub minor: u32,
    /// MaxUnavailableStatefulSet (alpha, off in 1.31–1.34).
    pub max_unavailable_statefulset: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            minor: 33,
            max_unavailable_statefulset: false,
        }
    }
}

impl Features {
    /// node-monitor-grace-period: 40 s up to 1.31, 50 s from 1.32.
    pub fn node_monitor_grace_ms(&self) -> u64 {
        if self.minor <= 31 {
            40_000
        } else {
            50_000
        }
    }
}
