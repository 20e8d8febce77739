//! The STATUS and READY columns of `kubectl get pods` (kubectl printers `printPod`, simplified to
//! the states the simulator produces).

use ordinal_sim::api::Pod;

/// `Pending`, `ContainerCreating`, `Running`, `CrashLoopBackOff`, `Error`, `Terminating`…
pub fn pod_status_column(p: &Pod) -> String {
    let mut reason = if p.status.reason.is_empty() {
        if p.status.phase.is_empty() {
            "Pending".to_string()
        } else {
            p.status.phase.clone()
        }
    } else {
        p.status.reason.clone()
    };
    let mut has_running = false;
    for c in p.status.container_statuses.iter().rev() {
        if let Some(w) = c.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
            reason = w.reason.clone();
        } else if let Some(t) = &c.state.terminated {
            reason = if !t.reason.is_empty() {
                t.reason.clone()
            } else {
                format!("ExitCode:{}", t.exit_code)
            };
        } else if c.state.running.is_some() && c.ready {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        reason = "Running".into();
    }
    if p.metadata.is_terminating() {
        // kubectl: pods on a lost node show `Unknown`, others `Terminating`.
        reason = if p.status.reason == "NodeLost" {
            "Unknown".into()
        } else {
            "Terminating".into()
        };
    }
    reason
}

/// `ready/total` containers.
pub fn pod_ready_column(p: &Pod) -> String {
    let ready = p
        .status
        .container_statuses
        .iter()
        .filter(|c| c.ready)
        .count();
    format!("{ready}/{}", p.spec.containers.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_sim::api::{ContainerState, ContainerStateWaiting, ContainerStatus};
    use ordinal_sim::time::Timestamp;

    #[test]
    fn waiting_reason_wins_then_terminating() {
        let mut p = Pod::default();
        p.spec.containers = vec![Default::default()];
        assert_eq!(pod_status_column(&p), "Pending");
        assert_eq!(pod_ready_column(&p), "0/1");
        p.status.phase = "Pending".into();
        p.status.container_statuses = vec![ContainerStatus {
            state: ContainerState {
                waiting: Some(ContainerStateWaiting {
                    reason: "ContainerCreating".into(),
                    message: String::new(),
                }),
                ..Default::default()
            },
            ..Default::default()
        }];
        assert_eq!(pod_status_column(&p), "ContainerCreating");
        p.metadata.deletion_timestamp = Some(Timestamp(1));
        assert_eq!(pod_status_column(&p), "Terminating");
    }
}
