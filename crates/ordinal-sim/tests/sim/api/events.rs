//! Events as a real cluster keeps them: client-go's EventCorrelator (aggregation of similar
//! events, count of identical ones, the per-object spam filter) and the API server's 1 h
//! `--event-ttl`.

use ordinal_sim::api::*;
use ordinal_sim::testing::node::*;
use ordinal_sim::testing::replicaset::{foo_bar, new_replica_set};
use ordinal_sim::Cluster;

const MIN: u64 = 60_000;

fn events_about<'a>(c: &'a Cluster, name: &'a str) -> Vec<&'a Event> {
    c.api
        .list::<Event>(None)
        .filter(|e| e.involved_object.name == name)
        .collect()
}

fn record(c: &mut Cluster, obj: &Object, reason: &str, message: &str) {
    let now = c.now;
    c.api
        .record_event(now, obj, "Normal", reason, message, "kubelet", "node-1");
}

fn bare_pod() -> Object {
    let mut p = pod("p", "nginx");
    p.metadata.uid = "uid-p".into();
    Object::Pod(p)
}

#[test]
fn twenty_replicas_show_nine_creates_and_one_combined_event_of_eleven() {
    let mut c = cluster();
    c.create(Object::ReplicaSet(new_replica_set("web", 20, &foo_bar())))
        .unwrap();
    poll_until(&mut c, 30_000, |c| {
        c.api
            .list::<Pod>(Some("default"))
            .filter(|p| p.metadata.name.starts_with("web-"))
            .count()
            == 20
    });
    let evs: Vec<&Event> = events_about(&c, "web")
        .into_iter()
        .filter(|e| e.reason == "SuccessfulCreate")
        .collect();
    let single: Vec<_> = evs.iter().filter(|e| e.count == 1).collect();
    let combined: Vec<_> = evs
        .iter()
        .filter(|e| {
            e.message
                .starts_with("(combined from similar events): Created pod: web-")
        })
        .collect();
    assert_eq!(single.len(), 9, "{evs:#?}");
    assert!(single
        .iter()
        .all(|e| e.message.starts_with("Created pod: web-")));
    assert_eq!(combined.len(), 1, "{evs:#?}");
    assert_eq!(combined[0].count, 11);
    // The aggregator's own event: no reportingComponent, unlike the single ones.
    assert_eq!(combined[0].reporting_component, "");
    assert!(single
        .iter()
        .all(|e| e.reporting_component == "replicaset-controller"));
    assert_eq!(evs.len(), 10);
}

#[test]
fn identical_events_are_one_event_with_a_count() {
    let mut c = cluster();
    let p = bare_pod();
    let first = c.now;
    for _ in 0..5 {
        record(
            &mut c,
            &p,
            "BackOff",
            "Back-off restarting failed container",
        );
        c.advance_by(10_000).unwrap();
    }
    let evs = events_about(&c, "p");
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0].count, 5);
    assert_eq!(evs[0].first_timestamp.unwrap().0, first);
    assert_eq!(evs[0].last_timestamp.unwrap().0, first + 40_000);
}

#[test]
fn a_source_may_say_twenty_five_things_about_an_object_then_one_per_five_minutes() {
    let mut c = cluster();
    let p = bare_pod();
    for i in 0..30 {
        record(&mut c, &p, &format!("Reason{i}"), "something");
    }
    assert_eq!(events_about(&c, "p").len(), 25);
    c.advance_by(5 * MIN).unwrap();
    record(&mut c, &p, "Reason30", "something");
    record(&mut c, &p, "Reason31", "something");
    let evs = events_about(&c, "p");
    assert_eq!(evs.len(), 26);
    assert!(evs.iter().any(|e| e.reason == "Reason30"));
    assert!(!evs.iter().any(|e| e.reason == "Reason31"));
}

#[test]
fn an_event_is_gone_an_hour_after_its_last_write() {
    let mut c = cluster();
    let p = bare_pod();
    record(
        &mut c,
        &p,
        "Pulled",
        "Container image \"nginx\" already present on machine",
    );
    c.advance_by(59 * MIN).unwrap();
    assert_eq!(events_about(&c, "p").len(), 1, "kept at 59 min");
    c.advance_by(2 * MIN).unwrap();
    assert!(events_about(&c, "p").is_empty(), "gone at 61 min");

    // A rewrite starts the hour again.
    record(&mut c, &p, "Killing", "Stopping container nginx");
    c.advance_by(40 * MIN).unwrap();
    record(&mut c, &p, "Killing", "Stopping container nginx");
    c.advance_by(40 * MIN).unwrap();
    let evs = events_about(&c, "p");
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].count, 2);
    c.advance_by(21 * MIN).unwrap();
    assert!(events_about(&c, "p").is_empty());

    // The recorder still remembers it: the next one is created again with the next count.
    record(&mut c, &p, "Killing", "Stopping container nginx");
    let evs = events_about(&c, "p");
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].count, 3);
}

#[test]
fn similar_events_ten_minutes_apart_are_not_combined() {
    let mut c = cluster();
    let p = bare_pod();
    for i in 0..12 {
        record(&mut c, &p, "Started", &format!("Started container c{i}"));
        c.advance_by(11 * MIN).unwrap();
    }
    // The oldest have expired by now (EV5); the last five are all single events.
    let evs = events_about(&c, "p");
    assert_eq!(evs.len(), 5, "{evs:#?}");
    assert!(evs.iter().any(|e| e.message == "Started container c11"));
    assert!(evs
        .iter()
        .all(|e| e.count == 1 && !e.message.contains("combined")));
}

#[test]
fn a_dropped_repeat_is_still_counted_by_the_next_one_that_passes() {
    let mut c = cluster();
    let p = bare_pod();
    for i in 0..25 {
        record(&mut c, &p, &format!("Reason{i}"), "x");
    }
    record(&mut c, &p, "Reason0", "x"); // bucket empty: dropped, but counted
    assert_eq!(events_about(&c, "p").iter().map(|e| e.count).max(), Some(1));
    c.advance_by(5 * MIN).unwrap();
    record(&mut c, &p, "Reason0", "x");
    let evs = events_about(&c, "p");
    let r0: Vec<_> = evs.iter().filter(|e| e.reason == "Reason0").collect();
    assert_eq!(r0.len(), 1);
    assert_eq!(r0[0].count, 3);
}
