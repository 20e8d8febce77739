//! sync_test.go TestScale: resizing a Deployment mid-rollout shares the change between its
//! active ReplicaSets in proportion (largest first; ties newest first up, oldest first down).

use super::*;
use ordinal_sim::controller::deployment::{scaling, util};

struct Case {
    name: &'static str,
    replicas: i32,
    surge: i32,
    old_replicas: i32,
    old_surge: i32,
    /// (name, size, available); the new ReplicaSet is the newest.
    new_rs: Option<(&'static str, i32, i32)>,
    old_rss: Vec<(&'static str, i32, i32)>,
    expected_new: Option<i32>,
    expected_old: Vec<i32>,
}

fn case(
    name: &'static str,
    (replicas, old_replicas): (i32, i32),
    new_rs: Option<(&'static str, i32)>,
    old_rss: Vec<(&'static str, i32)>,
    expected_new: Option<i32>,
    expected_old: Vec<i32>,
) -> Case {
    Case {
        name,
        replicas,
        surge: 0,
        old_replicas,
        old_surge: 0,
        new_rs: new_rs.map(|(n, s)| (n, s, 0)),
        old_rss: old_rss.into_iter().map(|(n, s)| (n, s, 0)).collect(),
        expected_new,
        expected_old,
    }
}

fn cases() -> Vec<Case> {
    let mut out = vec![
        case(
            "normal scaling event: 10 -> 12",
            (12, 10),
            Some(("foo-v1", 10)),
            vec![],
            Some(12),
            vec![],
        ),
        case(
            "normal scaling event: 10 -> 5",
            (5, 10),
            Some(("foo-v1", 10)),
            vec![],
            Some(5),
            vec![],
        ),
        case(
            "proportional scaling: 5 -> 10",
            (10, 5),
            Some(("foo-v2", 2)),
            vec![("foo-v1", 3)],
            Some(4),
            vec![6],
        ),
        case(
            "proportional scaling: 5 -> 3",
            (3, 5),
            Some(("foo-v2", 2)),
            vec![("foo-v1", 3)],
            Some(1),
            vec![2],
        ),
        case(
            "proportional scaling: 9 -> 4",
            (4, 9),
            Some(("foo-v2", 8)),
            vec![("foo-v1", 1)],
            Some(4),
            vec![0],
        ),
        case(
            "proportional scaling: 7 -> 10",
            (10, 7),
            Some(("foo-v3", 2)),
            vec![("foo-v2", 3), ("foo-v1", 2)],
            Some(3),
            vec![4, 3],
        ),
        case(
            "proportional scaling: 13 -> 8",
            (8, 13),
            Some(("foo-v3", 2)),
            vec![("foo-v2", 8), ("foo-v1", 3)],
            Some(1),
            vec![5, 2],
        ),
        // Scales up the new replica set.
        case(
            "leftover distribution: 3 -> 4",
            (4, 3),
            Some(("foo-v3", 1)),
            vec![("foo-v2", 1), ("foo-v1", 1)],
            Some(2),
            vec![1, 1],
        ),
        // Scales down the older replica set.
        case(
            "leftover distribution: 3 -> 2",
            (2, 3),
            Some(("foo-v3", 1)),
            vec![("foo-v2", 1), ("foo-v1", 1)],
            Some(1),
            vec![1, 0],
        ),
        // Scales up the latest replica set first.
        case(
            "proportional scaling (no new rs): 4 -> 5",
            (5, 4),
            None,
            vec![("foo-v2", 2), ("foo-v1", 2)],
            None,
            vec![3, 2],
        ),
        // Scales down to zero.
        case(
            "proportional scaling: 6 -> 0",
            (0, 6),
            Some(("foo-v3", 3)),
            vec![("foo-v2", 2), ("foo-v1", 1)],
            Some(0),
            vec![0, 0],
        ),
        // Scales up from zero.
        case(
            "proportional scaling: 0 -> 6",
            (6, 0),
            Some(("foo-v3", 0)),
            vec![("foo-v2", 0), ("foo-v1", 0)],
            Some(6),
            vec![0, 0],
        ),
        case(
            "change both size and template",
            (12, 10),
            None,
            vec![("foo-v2", 7), ("foo-v1", 3)],
            None,
            vec![8, 4],
        ),
    ];
    let mut surge = case(
        "deployment with surge pods",
        (20, 10),
        Some(("foo-v2", 6)),
        vec![("foo-v1", 6)],
        Some(11),
        vec![11],
    );
    (surge.surge, surge.old_surge) = (2, 2);
    out.push(surge);
    let mut both = case(
        "change both surge and size",
        (50, 10),
        Some(("foo-v2", 5)),
        vec![("foo-v1", 8)],
        Some(22),
        vec![34],
    );
    (both.surge, both.old_surge) = (6, 3);
    out.push(both);
    out.push(Case {
        name: "saturated but broken new replica set does not affect old pods",
        replicas: 2,
        surge: 1,
        old_replicas: 2,
        old_surge: 1,
        new_rs: Some(("foo-v2", 2, 0)),
        old_rss: vec![("foo-v1", 1, 1)],
        expected_new: Some(2),
        expected_old: vec![1],
    });
    out
}

#[test]
fn test_scale() {
    for c in cases() {
        let unavailable = if c.name.starts_with("saturated") {
            1
        } else {
            0
        };
        let d = deployment(c.replicas, int(c.surge as i64), int(unavailable));
        let old_d = deployment(c.old_replicas, int(c.old_surge as i64), int(unavailable));
        // Every ReplicaSet is annotated with the old Deployment's size, as a sync left it.
        let annotate = |(name, size, available): (&str, i32, i32), at| {
            let mut r = rs(name, size, available, at);
            util::set_replicas_annotations(
                &mut r,
                old_d.replicas(),
                old_d.replicas() + util::max_surge(&old_d),
            );
            r
        };
        let n_old = c.old_rss.len() as u64;
        let new_rs = c.new_rs.map(|t| annotate(t, n_old + 1));
        let old: Vec<ReplicaSet> = c
            .old_rss
            .iter()
            .enumerate()
            .map(|(i, t)| annotate(*t, n_old - i as u64))
            .collect();
        let mut rec = Recorder::default();
        scaling::scale(&mut rec, &d, new_rs.as_ref(), &old).unwrap();
        if let (Some(n), Some(want)) = (&new_rs, c.expected_new) {
            let got = rec.size_of(&n.metadata.name).unwrap_or(n.replicas());
            assert_eq!(got, want, "{}: new", c.name);
        }
        let got: Vec<i32> = old
            .iter()
            .map(|r| rec.size_of(&r.metadata.name).unwrap_or(r.replicas()))
            .collect();
        assert_eq!(got, c.expected_old, "{}: old", c.name);
        let total: i32 = got.iter().sum::<i32>()
            + new_rs
                .as_ref()
                .map_or(0, |n| rec.size_of(&n.metadata.name).unwrap_or(n.replicas()));
        assert!(total <= c.replicas + c.surge, "{}: {total} pods", c.name);
    }
}

#[test]
fn scaling_events_say_up_and_down() {
    let d = deployment(10, int(0), int(1));
    let old_d = deployment(5, int(0), int(1));
    let mut new_rs = rs("foo-v2", 2, 0, 2);
    let mut old = rs("foo-v1", 3, 3, 1);
    for r in [&mut new_rs, &mut old] {
        util::set_replicas_annotations(r, old_d.replicas(), old_d.replicas());
    }
    let mut rec = Recorder::default();
    scaling::scale(&mut rec, &d, Some(&new_rs), &[old]).unwrap();
    let msgs: Vec<String> = rec
        .calls
        .iter()
        .map(|(n, from, to, op)| scaling::scaling_message(op, n, *from, *to))
        .collect();
    assert_eq!(
        msgs,
        vec![
            "Scaled up replica set foo-v1 from 3 to 6",
            "Scaled up replica set foo-v2 from 2 to 4"
        ]
    );
}
