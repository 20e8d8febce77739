//! progress_test.go TestRequeueStuckDeployment, and calculateStatus's Available condition
//! (sync_test.go).

use super::*;
use ordinal_sim::controller::deployment::conditions::{self, new_condition};
use ordinal_sim::controller::deployment::progress;
use ordinal_sim::controller::deployment::sync::Requeue;

/// currentDeployment: a 60 s deadline (or `deadline`), the given status and Progressing reason
/// (None: no condition), its lastUpdateTime at t = 100 s.
fn current(
    deadline: Option<i32>,
    (replicas, updated, available): (i32, i32, i32),
    reason: Option<&str>,
) -> Deployment {
    let mut d = deployment(3, int(1), int(0));
    d.spec.progress_deadline_seconds = deadline;
    d.status = DeploymentStatus {
        observed_generation: Some(1),
        replicas,
        updated_replicas: updated,
        available_replicas: available,
        ..Default::default()
    };
    if let Some(r) = reason {
        let status = if r == "ProgressDeadlineExceeded" {
            "False"
        } else {
            "True"
        };
        conditions::set(
            &mut d.status,
            new_condition("Progressing", status, r, String::new(), 100_000),
        );
    }
    d
}

#[test]
fn test_requeue_stuck_deployment() {
    let st = |r, u, a| DeploymentStatus {
        observed_generation: Some(1),
        replicas: r,
        updated_replicas: u,
        available_replicas: a,
        ..Default::default()
    };
    let cases = [
        (
            "nil progressDeadlineSeconds specified",
            current(None, (3, 2, 2), Some("ReplicaSetUpdated")),
            st(3, 2, 2),
            130_000,
            Requeue::No,
        ),
        (
            "infinite progressDeadlineSeconds specified",
            current(Some(i32::MAX), (3, 2, 2), Some("ReplicaSetUpdated")),
            st(3, 2, 2),
            130_000,
            Requeue::No,
        ),
        (
            "no progressing condition found",
            current(Some(60), (3, 2, 2), None),
            st(3, 2, 2),
            130_000,
            Requeue::No,
        ),
        (
            "complete deployment does not need to be requeued",
            current(Some(60), (3, 3, 3), Some("ReplicaSetUpdated")),
            st(3, 3, 3),
            130_000,
            Requeue::No,
        ),
        (
            "already failed deployment does not need to be requeued",
            current(Some(60), (3, 2, 0), Some("ProgressDeadlineExceeded")),
            st(3, 2, 0),
            130_000,
            Requeue::No,
        ),
        // 30 s left: look again a second after the deadline.
        (
            "stuck deployment - 30s",
            current(Some(60), (3, 2, 1), Some("ReplicaSetUpdated")),
            st(3, 2, 1),
            130_000,
            Requeue::After(31_000),
        ),
        (
            "stuck deployment - 1s",
            current(Some(60), (3, 2, 1), Some("ReplicaSetUpdated")),
            st(3, 2, 1),
            159_000,
            Requeue::After(2_000),
        ),
        (
            "failed deployment - less than a second => now",
            current(Some(60), (3, 2, 1), Some("ReplicaSetUpdated")),
            st(3, 2, 1),
            159_500,
            Requeue::RateLimited,
        ),
    ];
    for (name, d, status, now, want) in cases {
        assert_eq!(progress::requeue_stuck(&d, &status, now), want, "{name}");
    }
}

#[test]
fn available_condition_follows_max_unavailable() {
    // 4 replicas, maxUnavailable 1: 3 available is enough, 2 is not.
    let d = deployment(4, int(1), int(1));
    let all = |available| vec![rs("foo-v1", 4, available, 1)];
    let cond = |st: &DeploymentStatus| {
        let c = conditions::get(st, "Available").unwrap();
        (c.status.clone(), c.reason.clone(), c.message.clone())
    };
    let st = progress::calculate_status(&all(3), None, &d, 5_000);
    assert_eq!(
        cond(&st),
        (
            "True".into(),
            "MinimumReplicasAvailable".into(),
            "Deployment has minimum availability.".into()
        )
    );
    assert_eq!(
        (st.replicas, st.available_replicas, st.unavailable_replicas),
        (4, 3, 1)
    );
    let st = progress::calculate_status(&all(2), None, &d, 5_000);
    assert_eq!(
        cond(&st),
        (
            "False".into(),
            "MinimumReplicasUnavailable".into(),
            "Deployment does not have minimum availability.".into()
        )
    );
    // Unchanged status and reason keep both times; a changed status moves the transition time.
    let mut d2 = d.clone();
    d2.status = progress::calculate_status(&all(3), None, &d, 5_000);
    let again = progress::calculate_status(&all(4), None, &d2, 9_000);
    let c = conditions::get(&again, "Available").unwrap();
    assert_eq!(c.last_transition_time.map(|t| t.0), Some(5_000));
    let flipped = progress::calculate_status(&all(0), None, &d2, 9_000);
    let c = conditions::get(&flipped, "Available").unwrap();
    assert_eq!(c.last_transition_time.map(|t| t.0), Some(9_000));
}
