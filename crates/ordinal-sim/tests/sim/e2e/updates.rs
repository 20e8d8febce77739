//! SC-36..SC-39: rolling updates, rollbacks, partitions, stuck terminating pods, OnDelete.

use ordinal_sim::api::{Container, ControllerRevision, Kind, PersistentVolumeClaim};
use ordinal_sim::apiserver::{DeleteOptions, WatchType};
use ordinal_sim::testing::e2e::*;
use ordinal_sim::testing::node::*;

fn claim_uids(c: &ordinal_sim::Cluster) -> Vec<String> {
    c.api
        .list::<PersistentVolumeClaim>(Some("default"))
        .map(|p| p.metadata.uid.clone())
        .collect()
}

fn set_image(c: &mut ordinal_sim::Cluster, name: &str, image: &str) {
    update_set(c, name, |s| {
        s.spec.template.spec.containers[0].image = image.into()
    });
}

#[test]
fn sc_36_rolling_update_and_rollback() {
    let mut c = cluster();
    start(&mut c, stateful_set("ss2", 3, true, http_probe()));
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss2", 3));
    let claims = claim_uids(&c);
    let st = status(&c, "ss2");
    let ra = st.current_revision.clone();
    assert_eq!(st.update_revision, ra);
    assert!(names("ss2", 3).iter().all(|p| revision(&c, p) == ra));

    break_probe(&mut c, "ss2-1");
    poll_until(&mut c, 5_000, |c| !is_ready(c, "ss2-1"));
    set_image(&mut c, "ss2", HTTPD_NEW);
    poll_until(&mut c, 5_000, |c| status(c, "ss2").update_revision != ra);
    let rb = status(&c, "ss2").update_revision;
    assert_eq!(status(&c, "ss2").current_revision, ra);
    hold_for(
        &mut c,
        10_000,
        |c| {
            names("ss2", 3).iter().all(|p| {
                revision(c, p) == ra && get(c, p).unwrap().metadata.deletion_timestamp.is_none()
            })
        },
        "no pod is replaced while ss2-1 is unready",
    );

    let since = c.api.watch_seq();
    restore_probe(&mut c, "ss2-1");
    poll_until(&mut c, 120_000, |c| {
        status(c, "ss2").current_revision == rb && all_ready(c, "ss2", 3)
    });
    assert_eq!(
        order_of(&pod_events(&c, "ss2", since), WatchType::Deleted),
        ["ss2-2", "ss2-1", "ss2-0"]
    );
    assert!(names("ss2", 3)
        .iter()
        .all(|p| revision(&c, p) == rb && image(&c, p) == HTTPD_NEW));

    // Roll back: the old revision is reused.
    break_probe(&mut c, "ss2-1");
    poll_until(&mut c, 5_000, |c| !is_ready(c, "ss2-1"));
    set_image(&mut c, "ss2", HTTPD);
    poll_until(&mut c, 5_000, |c| status(c, "ss2").update_revision == ra);
    assert_eq!(status(&c, "ss2").current_revision, rb);
    let since = c.api.watch_seq();
    restore_probe(&mut c, "ss2-1");
    poll_until(&mut c, 120_000, |c| {
        status(c, "ss2").current_revision == ra && all_ready(c, "ss2", 3)
    });
    assert_eq!(
        order_of(&pod_events(&c, "ss2", since), WatchType::Deleted),
        ["ss2-2", "ss2-1", "ss2-0"]
    );
    assert!(names("ss2", 3)
        .iter()
        .all(|p| revision(&c, p) == ra && image(&c, p) == HTTPD));
    assert_eq!(claim_uids(&c), claims, "the claims are never touched");
    assert_eq!(c.api.list::<ControllerRevision>(Some("default")).count(), 2);
}

#[test]
fn sc_37_canary_and_phased_rollout() {
    let mut c = cluster();
    start(
        &mut c,
        with_partition(stateful_set("ss2", 3, false, http_probe()), 3),
    );
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss2", 3));
    let ra = status(&c, "ss2").current_revision;
    set_image(&mut c, "ss2", HTTPD_NEW);
    poll_until(&mut c, 5_000, |c| status(c, "ss2").update_revision != ra);
    let rb = status(&c, "ss2").update_revision;
    hold_for(
        &mut c,
        5_000,
        |c| names("ss2", 3).iter().all(|p| revision(c, p) == ra),
        "partition 3 updates nothing",
    );

    let partition = |c: &mut ordinal_sim::Cluster, p: i32| {
        update_set(c, "ss2", |s| {
            if let Some(ru) = s
                .spec
                .update_strategy
                .as_mut()
                .and_then(|u| u.rolling_update.as_mut())
            {
                ru.partition = Some(p);
            }
        })
    };
    partition(&mut c, 2);
    poll_until(&mut c, 60_000, |c| {
        revision(c, "ss2-2") == rb && all_ready(c, "ss2", 3)
    });
    assert_eq!(
        (revision(&c, "ss2-0"), revision(&c, "ss2-1")),
        (ra.clone(), ra.clone())
    );
    assert_eq!(image(&c, "ss2-2"), HTTPD_NEW);

    // Deleted pods come back at the revision their ordinal belongs to.
    let force = DeleteOptions {
        grace_period_seconds: Some(0),
        ..Default::default()
    };
    c.delete(Kind::Pod, "default", "ss2-0", &force).unwrap();
    c.delete(Kind::Pod, "default", "ss2-2", &force).unwrap();
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss2", 3));
    assert_eq!(
        (revision(&c, "ss2-0"), image(&c, "ss2-0")),
        (ra.clone(), HTTPD.to_string())
    );
    assert_eq!(
        (revision(&c, "ss2-2"), image(&c, "ss2-2")),
        (rb.clone(), HTTPD_NEW.to_string())
    );

    partition(&mut c, 1);
    poll_until(&mut c, 60_000, |c| {
        revision(c, "ss2-1") == rb && all_ready(c, "ss2", 3)
    });
    assert_eq!(revision(&c, "ss2-0"), ra);
    partition(&mut c, 0);
    poll_until(&mut c, 60_000, |c| {
        status(c, "ss2").current_revision == rb && all_ready(c, "ss2", 3)
    });
    assert!(names("ss2", 3).iter().all(|p| revision(&c, p) == rb));
}

#[test]
fn sc_38_partition_1_and_pod_0_stuck_terminating() {
    let mut c = cluster();
    let mut s = with_partition(stateful_set("ss3", 3, false, http_probe()), 1);
    // ss3: an extra container that exits 1 on SIGTERM.
    s.spec.template.spec.containers.push(Container {
        name: "busybox".into(),
        image: "busybox:1.36".into(),
        command: vec![
            "sh".into(),
            "-c".into(),
            "trap 'exit 1' TERM; while true; do sleep 1; done".into(),
        ],
        ..Default::default()
    });
    start(&mut c, s);
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss3", 3));
    let ra = status(&c, "ss3").current_revision;
    let mut p0 = get(&c, "ss3-0").unwrap();
    p0.metadata
        .finalizers
        .push("example.com/test-finalizer".into());
    c.update(ordinal_sim::api::Object::Pod(p0)).unwrap();
    update_set(&mut c, "ss3", |s| {
        s.spec.template.spec.containers[0].image = HTTPD_NEW.into()
    });
    poll_until(&mut c, 120_000, |c| {
        let st = status(c, "ss3");
        st.updated_replicas == 2 && st.ready_replicas == 3 && st.replicas == 3
    });
    let rb = status(&c, "ss3").update_revision;
    assert_eq!(
        (revision(&c, "ss3-1"), revision(&c, "ss3-2")),
        (rb.clone(), rb.clone())
    );
    assert_eq!(revision(&c, "ss3-0"), ra);

    let old = get(&c, "ss3-0").unwrap().metadata.uid;
    c.delete(Kind::Pod, "default", "ss3-0", &DeleteOptions::default())
        .unwrap();
    poll_until(&mut c, 30_000, |c| {
        get(c, "ss3-0").is_some_and(|p| p.status.phase == "Failed")
    });
    poll_until(&mut c, 5_000, |c| status(c, "ss3").ready_replicas == 2);
    hold_for(
        &mut c,
        10_000,
        |c| {
            get(c, "ss3-0")
                .is_some_and(|p| p.metadata.uid == old && p.metadata.deletion_timestamp.is_some())
        },
        "no replacement while pod-0 is terminating",
    );
    assert!(
        !events_for(&c, "ss3")
            .iter()
            .any(|(r, m)| r == "SuccessfulDelete" && m.contains("ss3-0")),
        "no delete by the controller"
    );
    let mut p0 = get(&c, "ss3-0").unwrap();
    p0.metadata.finalizers.clear();
    c.update(ordinal_sim::api::Object::Pod(p0)).unwrap();
    poll_until(&mut c, 60_000, |c| {
        get(c, "ss3-0").is_some_and(|p| p.metadata.uid != old)
            && status(c, "ss3").ready_replicas == 3
    });
    assert_eq!(
        revision(&c, "ss3-0"),
        ra,
        "below the partition: the old revision"
    );
    assert_eq!(
        (revision(&c, "ss3-1"), revision(&c, "ss3-2")),
        (rb.clone(), rb)
    );
}

#[test]
fn sc_39_on_delete_legacy_replacement() {
    let mut c = cluster();
    let mut s = stateful_set("ss2", 3, false, http_probe());
    s.spec.update_strategy = Some(ordinal_sim::api::StatefulSetUpdateStrategy {
        type_: "OnDelete".into(),
        rolling_update: None,
    });
    start(&mut c, s);
    poll_until(&mut c, 60_000, |c| all_ready(c, "ss2", 3));
    let ra = status(&c, "ss2").current_revision;
    let delete_all = |c: &mut ordinal_sim::Cluster| {
        for p in names("ss2", 3) {
            c.delete(Kind::Pod, "default", &p, &DeleteOptions::default())
                .unwrap();
        }
    };
    let uids = |c: &ordinal_sim::Cluster| {
        names("ss2", 3)
            .iter()
            .map(|p| get(c, p).map(|p| p.metadata.uid).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let before = uids(&c);
    delete_all(&mut c);
    poll_until(&mut c, 120_000, |c| {
        all_ready(c, "ss2", 3) && uids(c).iter().zip(&before).all(|(a, b)| a != b)
    });
    assert!(names("ss2", 3).iter().all(|p| revision(&c, p) == ra));
    set_image(&mut c, "ss2", HTTPD_NEW);
    poll_until(&mut c, 5_000, |c| status(c, "ss2").update_revision != ra);
    let rb = status(&c, "ss2").update_revision;
    let before = uids(&c);
    hold_for(
        &mut c,
        10_000,
        |c| uids(c) == before,
        "OnDelete restarts nothing",
    );
    delete_all(&mut c);
    poll_until(&mut c, 120_000, |c| {
        all_ready(c, "ss2", 3) && uids(c).iter().zip(&before).all(|(a, b)| a != b)
    });
    assert!(names("ss2", 3)
        .iter()
        .all(|p| revision(&c, p) == rb && image(&c, p) == HTTPD_NEW));
}
