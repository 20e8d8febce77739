//! Conformance scenarios SC-54..SC-57: `spec.ordinals.start`.

use ordinal_sim::api::*;
use ordinal_sim::testing::driver::*;

fn with_start(mut s: StatefulSet, start: Option<i32>) -> StatefulSet {
    s.spec.ordinals = start.map(|start| StatefulSetOrdinals { start });
    s
}

/// Starts at `from`, converges, switches to `to` with `replicas`, converges.
fn move_start(from: Option<i32>, to: Option<i32>, replicas: i32, policy: (&str, &str)) -> Driver {
    let mut d = Driver::new(with_policy(with_start(fixture_u(2), from), policy));
    d.converge();
    d.clear_events();
    d.update_set(|s| {
        s.spec.replicas = Some(replicas);
        s.spec.ordinals = to.map(|start| StatefulSetOrdinals { start });
    })
    .unwrap();
    d.converge();
    d
}

#[test]
fn sc_54_setting_start_ordinal() {
    let d = move_start(None, Some(2), 3, ("Retain", "Retain"));
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "ADDED foo-2",
            "ADDED foo-3",
            "ADDED foo-4",
            "DELETED foo-1",
            "DELETED foo-0"
        ]
    );
    assert_eq!(d.pod_names(), names("foo", 2..5));
    let (r, ready, ..) = d.counts();
    assert_eq!((r, ready), (3, 3));
}

#[test]
fn sc_54_creation_waits_for_each_pod() {
    let mut d = Driver::new(fixture_u(2));
    d.converge();
    d.update_set(|s| {
        s.spec.replicas = Some(3);
        s.spec.ordinals = Some(StatefulSetOrdinals { start: 2 });
    })
    .unwrap();
    d.syncs(3);
    assert_eq!(
        d.pod_names(),
        names("foo", 0..3),
        "foo-3 waits for foo-2 to be Ready"
    );
}

#[test]
fn sc_55_increasing_start_ordinal() {
    let d = move_start(Some(2), Some(4), 2, ("Retain", "Retain"));
    assert_eq!(
        d.pod_log_lines(),
        vec![
            "ADDED foo-4",
            "ADDED foo-5",
            "DELETED foo-3",
            "DELETED foo-2"
        ]
    );
    assert_eq!(d.pod_names(), names("foo", 4..6));
}

#[test]
fn sc_56_decreasing_start_ordinal() {
    let d = move_start(Some(3), Some(2), 2, ("Retain", "Retain"));
    assert_eq!(d.pod_log_lines(), vec!["ADDED foo-2", "DELETED foo-4"]);
    assert_eq!(d.pod_names(), names("foo", 2..4));
}

#[test]
fn sc_57_removing_start_ordinal() {
    for policy in [("Retain", "Retain"), ("Delete", "Retain")] {
        let mut d = move_start(Some(3), None, 2, policy);
        assert_eq!(
            d.pod_log_lines(),
            vec![
                "ADDED foo-0",
                "ADDED foo-1",
                "DELETED foo-4",
                "DELETED foo-3"
            ]
        );
        assert_eq!(d.pod_names(), names("foo", 0..2));
        d.c.advance_by(30_000).unwrap();
        if policy.0 == "Delete" {
            assert_eq!(d.claim_names(), names("datadir-foo", 0..2), "{policy:?}");
        } else {
            assert_eq!(
                d.claim_names(),
                names("datadir-foo", [0, 1, 3, 4]),
                "{policy:?}"
            );
        }
    }
}
