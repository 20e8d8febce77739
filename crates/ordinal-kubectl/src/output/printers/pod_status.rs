//! The pod `STATUS`, `READY` and `RESTARTS` columns, computed like `printPod`
//! (pkg/printers/internalversion/printers.go).

use ordinal_sim::api::Pod;
use ordinal_sim::time::{human_duration, Millis};

/// `NodeLost`: the reason the node controller once set on pods of unreachable nodes
/// (node.NodeUnreachablePodReason); kubectl shows such terminating pods as `Unknown`.
pub const NODE_UNREACHABLE_POD_REASON: &str = "NodeLost";

/// The aggregate status text of a pod, e.g. `ContainerCreating`, `CrashLoopBackOff`,
/// `Completed`, `Terminating`.
pub fn status(pod: &Pod) -> String {
    let mut reason = if pod.status.reason.is_empty() {
        pod.status.phase.clone()
    } else {
        pod.status.reason.clone()
    };
    if let Some(c) = pod
        .status
        .conditions
        .iter()
        .find(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated")
    {
        reason = c.reason.clone();
    }
    let mut has_running = false;
    for cs in pod.status.container_statuses.iter().rev() {
        if let Some(w) = cs.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
            reason = w.reason.clone();
        } else if let Some(t) = cs.state.terminated.as_ref() {
            if !t.reason.is_empty() {
                reason = t.reason.clone();
            } else {
                reason = format!("ExitCode:{}", t.exit_code);
            }
        } else if cs.ready && cs.state.running.is_some() {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        reason = if pod.is_ready() {
            "Running".into()
        } else {
            "NotReady".into()
        };
    }
    let terminal = matches!(pod.status.phase.as_str(), "Failed" | "Succeeded");
    if pod.metadata.deletion_timestamp.is_some() && pod.status.reason == NODE_UNREACHABLE_POD_REASON
    {
        reason = "Unknown".into();
    } else if pod.metadata.deletion_timestamp.is_some() && !terminal {
        reason = "Terminating".into();
    }
    reason
}

/// `ready/total` containers.
pub fn ready(pod: &Pod) -> String {
    let total = pod.spec.containers.len();
    let ready = pod
        .status
        .container_statuses
        .iter()
        .filter(|c| {
            c.ready
                && c.state.running.is_some()
                && c.state.waiting.is_none()
                && c.state.terminated.is_none()
        })
        .count();
    format!("{ready}/{total}")
}

/// Restart count, with `(5m ago)` when there was a restart.
pub fn restarts(pod: &Pod, now: Millis) -> String {
    let mut n = 0i64;
    let mut last: Option<Millis> = None;
    for cs in &pod.status.container_statuses {
        n += i64::from(cs.restart_count);
        if let Some(t) = cs
            .last_state
            .terminated
            .as_ref()
            .and_then(|t| t.finished_at)
        {
            last = Some(last.map_or(t.ms(), |l: Millis| l.max(t.ms())));
        }
    }
    match last {
        Some(t) if n != 0 => format!("{n} ({} ago)", human_duration(now.saturating_sub(t))),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::*;
    use ordinal_sim::time::Timestamp;

    fn pod(phase: &str) -> Pod {
        let mut p = Pod::default();
        p.metadata.name = "web-0".into();
        p.spec.containers.push(Container {
            name: "nginx".into(),
            ..Default::default()
        });
        p.status.phase = phase.into();
        p
    }

    fn cs(state: ContainerState, ready: bool) -> ContainerStatus {
        ContainerStatus {
            name: "nginx".into(),
            state,
            ready,
            ..Default::default()
        }
    }

    #[test]
    fn statuses_like_kubectl() {
        let p = pod("Pending");
        assert_eq!(status(&p), "Pending");
        assert_eq!(ready(&p), "0/1");

        let mut p = pod("Pending");
        p.status.container_statuses.push(cs(
            ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: "ContainerCreating".into(),
                    message: String::new(),
                }),
                ..Default::default()
            },
            false,
        ));
        assert_eq!(status(&p), "ContainerCreating");

        let mut p = pod("Running");
        p.status.container_statuses.push(cs(
            ContainerState {
                running: Some(ContainerStateRunning { started_at: None }),
                ..Default::default()
            },
            true,
        ));
        assert_eq!(status(&p), "Running");
        assert_eq!(ready(&p), "1/1");
        p.metadata.deletion_timestamp = Some(Timestamp(5));
        assert_eq!(status(&p), "Terminating");
        p.status.reason = NODE_UNREACHABLE_POD_REASON.into();
        assert_eq!(status(&p), "Unknown");

        let mut p = pod("Running");
        let mut c = cs(
            ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: "CrashLoopBackOff".into(),
                    message: String::new(),
                }),
                ..Default::default()
            },
            false,
        );
        c.restart_count = 3;
        c.last_state.terminated = Some(ContainerStateTerminated {
            exit_code: 1,
            reason: "Error".into(),
            started_at: None,
            finished_at: Some(Timestamp(10_000)),
        });
        p.status.container_statuses.push(c);
        assert_eq!(status(&p), "CrashLoopBackOff");
        assert_eq!(restarts(&p, 70_000), "3 (60s ago)");

        let mut p = pod("Succeeded");
        p.status.container_statuses.push(cs(
            ContainerState {
                terminated: Some(ContainerStateTerminated {
                    exit_code: 0,
                    reason: "Completed".into(),
                    started_at: None,
                    finished_at: None,
                }),
                ..Default::default()
            },
            false,
        ));
        assert_eq!(status(&p), "Completed");
        p.metadata.deletion_timestamp = Some(Timestamp(1));
        assert_eq!(
            status(&p),
            "Completed",
            "terminal pods are not shown as Terminating"
        );
    }
}
