//! The pod status the kubelet computes from its runtime view (kubelet `generateAPIPodStatus`,
//! `getPhase`, status manager merge).

use super::images;
use super::runtime::{CState, PodRuntime, Stage};
use crate::api::{
    Condition, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, IpAddress, Pod, PodStatus,
};
use crate::time::{Millis, Timestamp};

/// Pod conditions the kubelet owns, in the order it writes them.
pub const OWNED: [&str; 4] = [
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
];

/// kubelet `getPhase` (no init containers).
pub fn phase(rt: &PodRuntime) -> &'static str {
    match rt.stage {
        Stage::Rejected => return "Failed",
        Stage::WaitingVolumes | Stage::CreatingSandbox => return "Pending",
        _ => {}
    }
    let (mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0);
    for c in &rt.containers {
        match &c.state {
            CState::Running { .. } => running += 1,
            CState::Terminated { exit_code, .. } => {
                stopped += 1;
                if *exit_code == 0 {
                    succeeded += 1;
                }
            }
            CState::Waiting { .. } if c.last_terminated.is_some() => stopped += 1,
            CState::Waiting { .. } => waiting += 1,
        }
    }
    let terminal = matches!(rt.stage, Stage::Stopped | Stage::Completed);
    if waiting > 0 && !terminal {
        return "Pending";
    }
    if running > 0 && !terminal {
        return "Running";
    }
    if stopped == 0 {
        return "Pending";
    }
    // Since 1.27 a pod that is done (deleted or finished) gets a terminal phase.
    if terminal {
        return if stopped == succeeded {
            "Succeeded"
        } else {
            "Failed"
        };
    }
    match rt.pod.spec.restart_policy.as_str() {
        "Never" if stopped == succeeded => "Succeeded",
        "Never" => "Failed",
        "OnFailure" if stopped == succeeded => "Succeeded",
        _ => "Running",
    }
}

/// Recomputes the kubelet-owned conditions, stamping transition times.
pub fn refresh_conditions(rt: &mut PodRuntime, now: Millis) {
    let sandbox = matches!(rt.stage, Stage::Running | Stage::Stopping);
    let initialized = !matches!(rt.stage, Stage::Rejected);
    let containers_ready = matches!(rt.stage, Stage::Running | Stage::Stopping)
        && rt
            .containers
            .iter()
            .all(|c| c.ready && c.state.is_running());
    let set = |slot: &mut (bool, Millis), v: bool| {
        if slot.0 != v {
            *slot = (v, now);
        }
    };
    set(&mut rt.conds.ready_to_start, sandbox);
    set(&mut rt.conds.initialized, initialized);
    set(&mut rt.conds.containers_ready, containers_ready);
    set(&mut rt.conds.ready, containers_ready);
}

fn cond(type_: &str, v: (bool, Millis), reason: &str, message: &str) -> Condition {
    Condition {
        type_: type_.into(),
        status: if v.0 { "True" } else { "False" }.into(),
        last_transition_time: Some(Timestamp(v.1)),
        last_heartbeat_time: None,
        reason: if v.0 { String::new() } else { reason.into() },
        message: if v.0 { String::new() } else { message.into() },
    }
}

fn container_state(s: &CState) -> ContainerState {
    match s {
        CState::Waiting { reason, message } => ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: reason.clone(),
                message: message.clone(),
            }),
            ..Default::default()
        },
        CState::Running { started_at } => ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(Timestamp(*started_at)),
            }),
            ..Default::default()
        },
        CState::Terminated {
            exit_code,
            reason,
            started_at,
            finished_at,
        } => ContainerState {
            terminated: Some(ContainerStateTerminated {
                exit_code: *exit_code,
                reason: reason.clone(),
                started_at: Some(Timestamp(*started_at)),
                finished_at: Some(Timestamp(*finished_at)),
            }),
            ..Default::default()
        },
    }
}

/// Kubernetes QoS class from requests and limits.
pub fn qos_class(pod: &Pod) -> &'static str {
    let cs = &pod.spec.containers;
    if cs.iter().all(|c| c.resources.is_empty()) {
        return "BestEffort";
    }
    let guaranteed = cs.iter().all(|c| {
        let r = &c.resources;
        ["cpu", "memory"].iter().all(|k| {
            r.limits.contains_key(*k)
                && r.requests
                    .get(*k)
                    .is_none_or(|req| Some(req) == r.limits.get(*k))
        })
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// The full status the kubelet wants, merged with conditions other components own.
pub fn build(rt: &PodRuntime, host_ip: &str, api: &PodStatus) -> PodStatus {
    let mut s = PodStatus {
        phase: phase(rt).into(),
        qos_class: qos_class(&rt.pod).into(),
        ..Default::default()
    };
    if !host_ip.is_empty() {
        s.host_ip = host_ip.into();
        s.host_ips = vec![IpAddress { ip: host_ip.into() }];
    }
    if let Some((reason, message)) = &rt.rejected {
        s.reason = reason.clone();
        s.message = message.clone();
        s.conditions = others(api);
        return s;
    }
    s.start_time = Some(Timestamp(rt.start_time));
    if let Some(ip) = &rt.ip {
        s.pod_ip = ip.clone();
        s.pod_ips = vec![IpAddress { ip: ip.clone() }];
    }
    let terminal = matches!(s.phase.as_str(), "Succeeded" | "Failed");
    let unready: Vec<&str> = rt
        .containers
        .iter()
        .filter(|c| !(c.ready && c.state.is_running()))
        .map(|c| c.name.as_str())
        .collect();
    let (reason, message) = if terminal {
        ("PodCompleted", String::new())
    } else {
        (
            "ContainersNotReady",
            format!("containers with unready status: [{}]", unready.join(" ")),
        )
    };
    let mut init = cond("Initialized", rt.conds.initialized, "", "");
    if terminal {
        init.reason = "PodCompleted".into();
    }
    s.conditions = vec![
        cond("PodReadyToStartContainers", rt.conds.ready_to_start, "", ""),
        init,
        cond("Ready", rt.conds.ready, reason, &message),
        cond(
            "ContainersReady",
            rt.conds.containers_ready,
            reason,
            &message,
        ),
    ];
    s.conditions.extend(others(api));
    s.container_statuses = rt
        .containers
        .iter()
        .map(|c| ContainerStatus {
            name: c.name.clone(),
            state: container_state(&c.state),
            last_state: c
                .last_terminated
                .as_ref()
                .map(container_state)
                .unwrap_or_default(),
            ready: c.ready && c.state.is_running(),
            restart_count: c.restart_count,
            image: if c.image_pulled {
                images::normalize(&c.image)
            } else {
                c.image.clone()
            },
            image_id: if c.image_pulled {
                images::image_id(&c.image)
            } else {
                String::new()
            },
            container_id: if c.container_id.is_empty() {
                String::new()
            } else {
                format!("containerd://{}", c.container_id)
            },
            started: Some(c.started && c.state.is_running()),
        })
        .collect();
    s
}

/// Conditions written by others (PodScheduled, DisruptionTarget, …), kept as they are.
fn others(api: &PodStatus) -> Vec<Condition> {
    api.conditions
        .iter()
        .filter(|c| !OWNED.contains(&c.type_.as_str()))
        .cloned()
        .collect()
}
