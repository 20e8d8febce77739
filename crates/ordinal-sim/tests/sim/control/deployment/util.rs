//! deployment_util_test.go: TestResolveFenceposts, TestNewRSNewReplicas, TestMaxUnavailable,
//! TestFindNewReplicaSet, TestFindOldReplicaSets, TestDeploymentComplete,
//! TestDeploymentProgressing, TestDeploymentTimedOut, TestAnnotationUtils, and the hash.

use super::*;
use ordinal_sim::controller::deployment::conditions::{self, new_condition};
use ordinal_sim::controller::deployment::{hash, progress, util};

#[test]
fn test_resolve_fenceposts() {
    let cases = [
        (pct("0%"), pct("0%"), 0, (0, 1)),
        (pct("39%"), pct("39%"), 10, (4, 3)),
        (None, pct("39%"), 10, (0, 3)),
        (pct("39%"), None, 10, (4, 0)),
        (None, None, 10, (0, 1)),
        // The defaults on three replicas: surge rounds up to 1, unavailable down to 0.
        (pct("25%"), pct("25%"), 3, (1, 0)),
        (int(2), int(0), 10, (2, 0)),
    ];
    for (surge, unavailable, desired, want) in cases {
        assert_eq!(
            util::resolve_fenceposts(surge.as_ref(), unavailable.as_ref(), desired),
            want,
            "surge {surge:?} unavailable {unavailable:?} desired {desired}"
        );
    }
    // Upstream errors on a malformed value; validation refuses it before it gets here.
    assert_eq!(
        util::resolve_fenceposts(pct("oops").as_ref(), pct("39%").as_ref(), 10),
        (0, 3)
    );
}

#[test]
fn test_new_rs_new_replicas() {
    // (strategy, deployment replicas, new RS replicas, maxSurge, expected)
    let cases = [
        (
            "can not scale up - to newRSReplicas",
            "RollingUpdate",
            1,
            5,
            1,
            5,
        ),
        ("scale up - to depReplicas", "RollingUpdate", 6, 2, 10, 6),
        ("recreate - to depReplicas", "Recreate", 3, 1, 1, 3),
    ];
    for (name, strategy, dep, new, surge, want) in cases {
        let mut d = deployment(dep, int(surge), None);
        if strategy == "Recreate" {
            d = recreate(dep);
        }
        let new_rs = rs("foo-new", new, 0, 1);
        let got = util::new_rs_new_replicas(&d, std::slice::from_ref(&new_rs), &new_rs);
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn test_max_unavailable() {
    let cases = [
        (
            "maxUnavailable less than replicas",
            deployment(10, int(1), int(5)),
            5,
        ),
        (
            "maxUnavailable equal replicas",
            deployment(10, int(1), int(10)),
            10,
        ),
        (
            "maxUnavailable greater than replicas",
            deployment(5, int(1), int(10)),
            5,
        ),
        (
            "maxUnavailable with replicas is 0",
            deployment(0, int(1), int(10)),
            0,
        ),
        (
            "maxUnavailable with Recreate deployment strategy",
            recreate(10),
            0,
        ),
        (
            "maxUnavailable less than replicas with percents",
            deployment(10, int(1), pct("50%")),
            5,
        ),
        (
            "maxUnavailable equal replicas with percents",
            deployment(10, int(1), pct("100%")),
            10,
        ),
        (
            "maxUnavailable greater than replicas with percents",
            deployment(5, int(1), pct("100%")),
            5,
        ),
    ];
    for (name, d, want) in cases {
        assert_eq!(util::max_unavailable(&d), want, "{name}");
    }
}

#[test]
fn test_find_new_replica_set() {
    let d = deployment(3, None, None);
    let mut new_rs = rs("foo-new", 1, 0, 20);
    new_rs.spec.template = d.spec.template.clone();
    new_rs
        .spec
        .template
        .metadata
        .labels
        .insert(POD_TEMPLATE_HASH_LABEL.into(), "abc".into());
    // The same template, created earlier: the oldest one wins.
    let mut older_dup = new_rs.clone();
    older_dup.metadata.name = "foo-dup".into();
    older_dup.metadata.uid = "uid-dup".into();
    older_dup.metadata.creation_timestamp = Some(ordinal_sim::time::Timestamp(10_000));
    let mut old = rs("foo-old", 2, 2, 5);
    old.spec.template.metadata.labels = [("foo".to_string(), "other".to_string())].into();
    let list = vec![new_rs.clone(), older_dup.clone(), old.clone()];
    let found = util::find_new_replica_set(&d, &list).map(|r| r.metadata.name);
    assert_eq!(found.as_deref(), Some("foo-dup"));
    let old_names: Vec<String> = util::find_old_replica_sets(&d, &list)
        .into_iter()
        .map(|r| r.metadata.name)
        .collect();
    assert_eq!(old_names, vec!["foo-new", "foo-old"]);
    assert!(util::find_new_replica_set(&d, &[old]).is_none());
}

fn status(replicas: i32, updated: i32, available: i32, observed: i64) -> DeploymentStatus {
    DeploymentStatus {
        replicas,
        updated_replicas: updated,
        available_replicas: available,
        observed_generation: Some(observed),
        ..Default::default()
    }
}

#[test]
fn test_deployment_complete() {
    let d = |replicas, generation| {
        let mut d = deployment(replicas, int(1), int(0));
        d.metadata.generation = generation;
        d
    };
    let cases = [
        (
            "not complete: min but not all pods become available",
            d(5, 1),
            status(5, 5, 4, 1),
            false,
        ),
        (
            "not complete: min availability is not honored",
            d(5, 1),
            status(5, 5, 3, 1),
            false,
        ),
        ("complete", d(5, 1), status(5, 5, 5, 1), true),
        (
            "not complete: all pods are available but not updated",
            d(5, 1),
            status(5, 4, 5, 1),
            false,
        ),
        (
            "not complete: still running old pods",
            d(1, 1),
            status(2, 1, 1, 1),
            false,
        ),
        (
            "not complete: one replica deployment never comes up",
            d(1, 1),
            status(1, 1, 0, 1),
            false,
        ),
        (
            "not complete: the new generation is not observed",
            d(5, 2),
            status(5, 5, 5, 1),
            false,
        ),
    ];
    for (name, d, st, want) in cases {
        assert_eq!(util::deployment_complete(&d, &st), want, "{name}");
    }
}

#[test]
fn test_deployment_progressing() {
    let with = |st: DeploymentStatus| {
        let mut d = deployment(3, None, int(1));
        d.status = st;
        d
    };
    let base = || DeploymentStatus {
        replicas: 2,
        updated_replicas: 1,
        ready_replicas: 1,
        available_replicas: 1,
        ..Default::default()
    };
    let cases = [
        (
            "progressing: updated pods",
            base(),
            DeploymentStatus {
                updated_replicas: 2,
                ..base()
            },
            true,
        ),
        ("not progressing", base(), base(), false),
        (
            "progressing: old pods removed",
            base(),
            DeploymentStatus {
                replicas: 1,
                ..base()
            },
            true,
        ),
        (
            "not progressing: less new pods",
            base(),
            DeploymentStatus {
                updated_replicas: 0,
                replicas: 1,
                ..base()
            },
            false,
        ),
        (
            "progressing: more ready pods",
            base(),
            DeploymentStatus {
                ready_replicas: 2,
                ..base()
            },
            true,
        ),
        (
            "progressing: more available pods",
            base(),
            DeploymentStatus {
                available_replicas: 2,
                ..base()
            },
            true,
        ),
    ];
    for (name, old, new, want) in cases {
        assert_eq!(
            util::deployment_progressing(&with(old), &new),
            want,
            "{name}"
        );
    }
}

#[test]
fn test_deployment_timed_out() {
    // A 10 s deadline; the Progressing condition last updated at t = 100 s.
    let mut d = deployment(3, None, int(1));
    d.spec.progress_deadline_seconds = Some(10);
    let st = |reason: &str| {
        let mut s = DeploymentStatus::default();
        conditions::set(
            &mut s,
            new_condition("Progressing", "True", reason, String::new(), 100_000),
        );
        s
    };
    assert!(
        !progress::timed_out(&d, &st("ReplicaSetUpdated"), 109_000),
        "within the deadline"
    );
    assert!(
        !progress::timed_out(&d, &st("ReplicaSetUpdated"), 110_000),
        "exactly at it"
    );
    assert!(
        progress::timed_out(&d, &st("ReplicaSetUpdated"), 110_001),
        "past it"
    );
    assert!(
        !progress::timed_out(&d, &st("NewReplicaSetAvailable"), 900_000),
        "complete never times out"
    );
    assert!(
        progress::timed_out(&d, &st("ProgressDeadlineExceeded"), 0),
        "already timed out"
    );
    d.spec.progress_deadline_seconds = Some(i32::MAX);
    assert!(
        !progress::timed_out(&d, &st("ReplicaSetUpdated"), 900_000_000),
        "no deadline"
    );
}

#[test]
fn test_annotation_utils() {
    let d = deployment(3, int(1), int(0));
    // A new ReplicaSet gets revision 1 and the replicas annotations.
    let mut new_rs = rs("foo-a", 0, 0, 1);
    assert!(util::set_new_replica_set_annotations(
        &d,
        &mut new_rs,
        1,
        false
    ));
    let a = &new_rs.metadata.annotations;
    assert_eq!(a["deployment.kubernetes.io/revision"], "1");
    assert_eq!(a["deployment.kubernetes.io/desired-replicas"], "3");
    assert_eq!(a["deployment.kubernetes.io/max-replicas"], "4");
    assert!(!a.contains_key("deployment.kubernetes.io/revision-history"));
    // Reused at revision 3 (a rollback): the old number moves into revision-history.
    assert!(util::set_new_replica_set_annotations(
        &d,
        &mut new_rs,
        3,
        true
    ));
    assert_eq!(
        new_rs.metadata.annotations["deployment.kubernetes.io/revision"],
        "3"
    );
    assert_eq!(
        new_rs.metadata.annotations["deployment.kubernetes.io/revision-history"],
        "1"
    );
    assert!(util::set_new_replica_set_annotations(
        &d,
        &mut new_rs,
        5,
        true
    ));
    assert_eq!(
        new_rs.metadata.annotations["deployment.kubernetes.io/revision-history"],
        "1,3"
    );
    // A lower revision never replaces a higher one.
    assert!(!util::set_new_replica_set_annotations(
        &d,
        &mut new_rs,
        2,
        true
    ));
    assert_eq!(
        new_rs.metadata.annotations["deployment.kubernetes.io/revision"],
        "5"
    );
    // The Deployment's own annotations are copied, kubectl's last-applied is not.
    let mut d2 = d.clone();
    d2.metadata.annotations.insert("team".into(), "db".into());
    d2.metadata.annotations.insert(
        "kubectl.kubernetes.io/last-applied-configuration".into(),
        "{}".into(),
    );
    let mut r = rs("foo-b", 0, 0, 1);
    util::set_new_replica_set_annotations(&d2, &mut r, 1, false);
    assert_eq!(
        r.metadata.annotations.get("team").map(String::as_str),
        Some("db")
    );
    assert!(!r
        .metadata
        .annotations
        .contains_key("kubectl.kubernetes.io/last-applied-configuration"));
}

#[test]
fn pod_template_hash_follows_template_and_collision_count() {
    let d = deployment(3, None, None);
    let h = hash::pod_template_hash(&d.spec.template, None);
    assert_eq!(
        h,
        hash::pod_template_hash(&d.spec.template.clone(), None),
        "stable"
    );
    assert!(h.len() <= 10 && !h.is_empty());
    assert!(
        h.bytes()
            .all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)),
        "{h}"
    );
    let mut t = d.spec.template.clone();
    t.spec.containers.push(Container {
        name: "nginx".into(),
        image: "nginx:1.27".into(),
        ..Default::default()
    });
    assert_ne!(
        h,
        hash::pod_template_hash(&t, None),
        "the template changes the hash"
    );
    assert_ne!(
        h,
        hash::pod_template_hash(&d.spec.template, Some(1)),
        "so does a collision"
    );
    assert_ne!(
        hash::pod_template_hash(&d.spec.template, Some(1)),
        hash::pod_template_hash(&d.spec.template, Some(2))
    );
}

#[test]
fn fnv1a_matches_go() {
    // Go: fnv.New32a() over "" and "a".
    assert_eq!(hash::fnv1a_32(b""), 0x811c9dc5);
    assert_eq!(hash::fnv1a_32(b"a"), 0xe40c292c);
}
