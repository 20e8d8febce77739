//! The kubelet's local view of its pods and containers (what containerd would report), kept
//! apart from the API objects it writes.

use super::program::Program;
use crate::api::Pod;
use crate::time::Millis;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CState {
    Waiting {
        reason: String,
        message: String,
    },
    Running {
        started_at: Millis,
    },
    Terminated {
        exit_code: i32,
        reason: String,
        started_at: Millis,
        finished_at: Millis,
    },
}

impl CState {
    pub fn waiting(reason: &str, message: &str) -> Self {
        CState::Waiting {
            reason: reason.into(),
            message: message.into(),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, CState::Running { .. })
    }

    /// Exit code of a terminated container.
    pub fn exit_code(&self) -> Option<i32> {
        match self {
            CState::Terminated { exit_code, .. } => Some(*exit_code),
            _ => None,
        }
    }
}

/// `Completed` for exit code 0, else `Error` (what containerd reports for non-OOM exits).
pub fn exit_reason(code: i32) -> &'static str {
    if code == 0 {
        "Completed"
    } else {
        "Error"
    }
}

/// client-go `flowcontrol.Backoff` entry for one key: current delay and when it was last bumped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub delay_ms: u64,
    pub last_update: Millis,
}

/// kubelet's container restart back-off: 10 s doubling to 5 minutes.
pub const BACKOFF_INITIAL_MS: u64 = 10_000;
pub const BACKOFF_MAX_MS: u64 = 300_000;

impl Backoff {
    /// `hasExpired`: an entry untouched for twice the maximum starts over.
    pub fn expired(&self, event_time: Millis) -> bool {
        event_time.saturating_sub(self.last_update) > 2 * BACKOFF_MAX_MS
    }

    /// `Backoff.Next(key, eventTime)`.
    pub fn next(prev: Option<Backoff>, event_time: Millis) -> Backoff {
        match prev {
            Some(b) if !b.expired(event_time) => Backoff {
                delay_ms: (b.delay_ms * 2).min(BACKOFF_MAX_MS),
                last_update: event_time,
            },
            _ => Backoff {
                delay_ms: BACKOFF_INITIAL_MS,
                last_update: event_time,
            },
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum ProbeKind {
    Readiness,
    Liveness,
    Startup,
}

impl ProbeKind {
    pub fn title(self) -> &'static str {
        match self {
            ProbeKind::Readiness => "Readiness",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Startup => "Startup",
        }
    }
}

/// Consecutive outcomes of one probe (prober worker `resultRun`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProbeRun {
    pub successes: u32,
    pub failures: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContainerRuntime {
    pub name: String,
    pub image: String,
    pub program: Program,
    pub state: CState,
    pub last_terminated: Option<CState>,
    pub restart_count: i32,
    pub ready: bool,
    pub started: bool,
    /// Bumped whenever the container instance changes; timers carrying an older epoch are stale.
    pub epoch: u64,
    pub container_id: String,
    pub image_pulled: bool,
    /// When the current image pull began (for the Pulled event's duration).
    pub pull_started: Millis,
    pub runs: BTreeMap<ProbeKind, ProbeRun>,
    pub backoff: Option<Backoff>,
    pub pull_backoff: Option<Backoff>,
    /// When the running process ends by itself, and its exit code.
    pub exits_at: Option<(Millis, i32)>,
    /// A restart is due at this time (back-off or retry), if any.
    pub restart_at: Option<Millis>,
}

impl ContainerRuntime {
    pub fn new(name: &str, image: &str, program: Program) -> Self {
        ContainerRuntime {
            name: name.into(),
            image: image.into(),
            program,
            state: CState::waiting("ContainerCreating", ""),
            last_terminated: None,
            restart_count: 0,
            ready: false,
            started: false,
            epoch: 0,
            container_id: String::new(),
            image_pulled: false,
            pull_started: 0,
            runs: BTreeMap::new(),
            backoff: None,
            pull_backoff: None,
            exits_at: None,
            restart_at: None,
        }
    }
}

/// Where a pod is in the kubelet's pod worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Admitted; waiting for its volumes to be attached and mounted.
    WaitingVolumes,
    /// Volumes ready; the sandbox (network namespace, IP) is being created.
    CreatingSandbox,
    /// Sandbox up; containers are being started or run.
    Running,
    /// Every container ended and none will restart (restartPolicy Never/OnFailure).
    Completed,
    /// Deletion seen; containers got SIGTERM and are stopping.
    Stopping,
    /// Containers stopped after deletion; waiting to confirm the deletion to the API server.
    Stopped,
    /// Rejected at admission (phase Failed).
    Rejected,
}

/// When each kubelet-owned pod condition last changed, and to what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CondTimes {
    pub ready_to_start: (bool, Millis),
    pub initialized: (bool, Millis),
    pub containers_ready: (bool, Millis),
    pub ready: (bool, Millis),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodRuntime {
    pub uid: String,
    /// The pod as last seen from the API server.
    pub pod: Pod,
    pub stage: Stage,
    pub epoch: u64,
    pub ip: Option<String>,
    pub start_time: Millis,
    pub containers: Vec<ContainerRuntime>,
    pub rejected: Option<(String, String)>,
    pub conds: CondTimes,
    /// When the graceful stop ends (Stopping).
    pub stop_deadline: Millis,
    /// PersistentVolumes this pod has mounted (by PV name).
    pub mounted: Vec<String>,
    /// The last wait for volumes ended because one could not be processed (FailedMount with
    /// the populator's error), so the next one starts afresh.
    pub mount_failed: bool,
    /// A status change could not be written (cut off); write it when reconnected.
    pub dirty: bool,
}

impl PodRuntime {
    pub fn namespace(&self) -> &str {
        &self.pod.metadata.namespace
    }

    pub fn name(&self) -> &str {
        &self.pod.metadata.name
    }

    /// `name_namespace(uid)` as the kubelet's `format.Pod` prints pods.
    pub fn format(&self) -> String {
        format!("{}_{}({})", self.name(), self.namespace(), self.uid)
    }

    pub fn container_index(&self, name: &str) -> Option<usize> {
        self.containers.iter().position(|c| c.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_five_minutes_and_resets_after_ten_idle_minutes() {
        let mut b = Backoff::next(None, 0);
        let mut seen = vec![b.delay_ms / 1000];
        for i in 1..8 {
            b = Backoff::next(Some(b), i * 1000);
            seen.push(b.delay_ms / 1000);
        }
        assert_eq!(seen, [10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(Backoff::next(Some(b), 7000 + 600_001).delay_ms, 10_000);
    }
}
