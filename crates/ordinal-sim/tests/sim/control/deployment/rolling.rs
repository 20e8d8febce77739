//! rolling_test.go: TestDeploymentController_reconcileNewReplicaSet,
//! TestDeploymentController_reconcileOldReplicaSets,
//! TestDeploymentController_cleanupUnhealthyReplicas,
//! TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate.

use super::*;
use ordinal_sim::controller::deployment::rolling;

#[test]
fn test_deployment_controller_reconcile_new_replica_set() {
    // (deployment replicas, maxSurge, old replicas, new replicas, expected new size if scaled)
    let cases = [
        (10, 0, 10, 0, None),
        (10, 2, 10, 0, Some(2)),
        (10, 2, 5, 0, Some(7)),
        (10, 2, 10, 2, None),
        // Should scale down.
        (2, 0, 2, 3, Some(2)),
    ];
    for (i, (replicas, surge, old_n, new_n, want)) in cases.into_iter().enumerate() {
        let new_rs = rs("foo-v2", new_n, 0, 2);
        let old = rs("foo-v1", old_n, old_n, 1);
        let all = vec![new_rs.clone(), old];
        let d = deployment(replicas, int(surge), int(0));
        let mut rec = Recorder::default();
        let scaled = rolling::reconcile_new_replica_set(&mut rec, &all, &new_rs, &d).unwrap();
        assert_eq!(scaled, want.is_some(), "case {i}: scaled");
        assert_eq!(
            rec.calls.len(),
            usize::from(want.is_some()),
            "case {i}: one write"
        );
        assert_eq!(rec.size_of("foo-v2"), want, "case {i}: new size");
    }
}

#[test]
fn test_deployment_controller_reconcile_old_replica_sets() {
    // (replicas, maxUnavailable, old replicas, new replicas, ready old, ready new, expected old)
    let cases = [
        (10, 0, 10, 0, 10, 0, Some(9)),
        (10, 2, 10, 0, 10, 0, Some(8)),
        // Unhealthy replicas of old replica sets are cleaned up.
        (10, 2, 10, 0, 8, 0, Some(8)),
        // One unhealthy replica cleaned up and one ready pod scaled down.
        (10, 2, 10, 0, 9, 0, Some(8)),
        // The new ReplicaSet's unavailable pods stop further scale-down.
        (10, 2, 8, 2, 8, 0, None),
    ];
    for (i, (replicas, mu, old_n, new_n, ready_old, ready_new, want)) in
        cases.into_iter().enumerate()
    {
        let new_rs = rs("foo-new", new_n, ready_new, 2);
        let old = rs("foo-old", old_n, ready_old, 1);
        let all = vec![old.clone(), new_rs.clone()];
        let d = deployment(replicas, int(0), int(mu));
        let mut rec = Recorder::default();
        let scaled = rolling::reconcile_old_replica_sets(&mut rec, &all, &[old], &new_rs, &d);
        assert_eq!(scaled > 0, want.is_some(), "case {i}: scaled");
        assert_eq!(rec.size_of("foo-old"), want, "case {i}: old size");
        assert!(
            rec.calls.iter().all(|c| c.3 == "down"),
            "case {i}: {:?}",
            rec.calls
        );
    }
}

#[test]
fn test_deployment_controller_cleanup_unhealthy_replicas() {
    // (old replicas, ready, max cleanup, expected cleaned)
    let cases = [(10, 8, 1, 1), (10, 8, 3, 2), (10, 8, 0, 0), (10, 10, 3, 0)];
    for (i, (old_n, ready, max, want)) in cases.into_iter().enumerate() {
        let old = rs("foo-v2", old_n, ready, 1);
        let d = deployment(10, int(2), int(2));
        let mut rec = Recorder::default();
        let (after, cleaned) =
            rolling::cleanup_unhealthy_replicas(&mut rec, &[old], &d, max).unwrap();
        assert_eq!(cleaned, want, "case {i}");
        assert_eq!(after[0].replicas(), old_n - want, "case {i}: returned size");
    }
}

#[test]
fn cleanup_unhealthy_replicas_goes_oldest_first() {
    let d = deployment(10, int(2), int(2));
    let older = rs("foo-v1", 3, 1, 1);
    let newer = rs("foo-v2", 3, 1, 2);
    let mut rec = Recorder::default();
    let (_, cleaned) =
        rolling::cleanup_unhealthy_replicas(&mut rec, &[newer, older], &d, 3).unwrap();
    assert_eq!(cleaned, 3);
    let order: Vec<(&str, i32, i32)> = rec.calls.iter().map(|c| (c.0.as_str(), c.1, c.2)).collect();
    assert_eq!(order, vec![("foo-v1", 3, 1), ("foo-v2", 3, 2)]);
}

#[test]
fn test_deployment_controller_scale_down_old_replica_sets_for_rolling_update() {
    // (replicas, maxUnavailable, ready, old replicas, expected old)
    let cases = [
        (10, 0, 10, 10, Some(9)),
        (10, 2, 10, 10, Some(8)),
        (10, 2, 8, 10, None),
        (10, 2, 10, 0, None),
        (10, 2, 1, 10, None),
    ];
    for (i, (replicas, mu, ready, old_n, want)) in cases.into_iter().enumerate() {
        let old = rs("foo-v2", old_n, ready, 1);
        let d = deployment(replicas, int(0), int(mu));
        let mut rec = Recorder::default();
        let scaled = rolling::scale_down_old_replica_sets_for_rolling_update(
            &mut rec,
            std::slice::from_ref(&old),
            std::slice::from_ref(&old),
            &d,
        )
        .unwrap();
        assert_eq!(scaled > 0, want.is_some(), "case {i}");
        assert_eq!(
            rec.calls.len(),
            usize::from(want.is_some()),
            "case {i}: one update"
        );
        assert_eq!(rec.size_of("foo-v2"), want, "case {i}");
    }
}
