//! recreate_test.go: TestOldPodsRunning, TestScaleDownOldReplicaSets.

use super::*;
use ordinal_sim::apiserver::store::Shared;
use ordinal_sim::controller::deployment::recreate;

fn pod(phase: &str, terminating: bool) -> Pod {
    let mut p = Pod {
        metadata: ObjectMeta::named("default", "p"),
        ..Default::default()
    };
    p.status.phase = phase.into();
    if terminating {
        p.metadata.deletion_timestamp = Some(ordinal_sim::time::Timestamp(1));
    }
    p
}

/// (name, new RS, old RSs, pods by controller UID, expected).
type Case = (
    &'static str,
    Option<ReplicaSet>,
    Vec<ReplicaSet>,
    Vec<(String, Vec<Shared<Pod>>)>,
    bool,
);

#[test]
fn test_old_pods_running() {
    let rs0 = |name: &str, status_replicas: i32| {
        let mut r = rs(name, 0, 0, 1);
        r.status.replicas = status_replicas;
        r
    };
    let pods = |uid: &str, list: Vec<Pod>| {
        vec![(uid.to_string(), list.into_iter().map(Shared::new).collect())]
    };
    let cases: Vec<Case> = vec![
        ("no old RSs", None, vec![], vec![], false),
        (
            "old RSs with running pods",
            None,
            vec![rs0("some", 0), rs0("other", 0)],
            [
                pods("uid-some", vec![pod("Running", false)]),
                pods("uid-other", vec![pod("Running", false)]),
            ]
            .concat(),
            true,
        ),
        (
            "old RSs without pods but with non-zero status replicas",
            None,
            vec![rs0("rs-1", 1)],
            vec![],
            true,
        ),
        (
            "old RSs without pods or non-zero status replicas",
            None,
            vec![rs0("rs-1", 0)],
            vec![],
            false,
        ),
        (
            "old RSs with zero status replicas but pods in terminal state are present",
            None,
            vec![rs0("rs-1", 0)],
            pods(
                "uid-rs-1",
                vec![pod("Failed", false), pod("Succeeded", false)],
            ),
            false,
        ),
        (
            "old RSs with zero status replicas but pod in unknown phase present",
            None,
            vec![rs0("rs-1", 0)],
            pods("uid-rs-1", vec![pod("Unknown", false)]),
            true,
        ),
        (
            "old RSs with zero status replicas but pod in pending phase present",
            None,
            vec![rs0("rs-1", 0)],
            pods("uid-rs-1", vec![pod("Pending", false)]),
            true,
        ),
        (
            "old RSs with zero status replicas but Terminating pod in Running phase present",
            None,
            vec![rs0("rs-1", 0)],
            pods("uid-rs-1", vec![pod("Running", true)]),
            true,
        ),
        (
            "the new RS's own running pods do not count",
            Some(rs("new", 1, 1, 2)),
            vec![rs0("rs-1", 0)],
            pods("uid-new", vec![pod("Running", false)]),
            false,
        ),
    ];
    for (name, new_rs, old, map, want) in cases {
        assert_eq!(
            recreate::old_pods_running(new_rs.as_ref(), &old, &map),
            want,
            "{name}"
        );
    }
}

#[test]
fn test_scale_down_old_replica_sets() {
    let d = recreate(3);
    let old = vec![
        rs("foo-v1", 3, 3, 1),
        rs("foo-v0", 0, 0, 0),
        rs("foo-v2", 1, 0, 2),
    ];
    let mut rec = Recorder::default();
    assert!(recreate::scale_down_old_replica_sets(&mut rec, &old, &d).unwrap());
    let calls: Vec<(&str, i32, i32, &str)> = rec
        .calls
        .iter()
        .map(|c| (c.0.as_str(), c.1, c.2, c.3.as_str()))
        .collect();
    assert_eq!(
        calls,
        vec![("foo-v1", 3, 0, "down"), ("foo-v2", 1, 0, "down")]
    );
    let mut rec = Recorder::default();
    assert!(
        !recreate::scale_down_old_replica_sets(&mut rec, &[rs("foo-v0", 0, 0, 0)], &d).unwrap()
    );
}
