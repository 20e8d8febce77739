//! The scale-down order (controller_utils_test.go TestSortingActivePodsWithRanks,
//! replica_set_test.go TestGetPodsToDelete).

use ordinal_sim::api::*;
use ordinal_sim::apiserver::store::Shared;
use ordinal_sim::controller::replicaset::ranking::{
    self, deletion_cost, Chosen, Rule, POD_DELETION_COST,
};
use ordinal_sim::time::Timestamp;

const NOW: u64 = 1_000_000_000;

fn pod(name: &str) -> Pod {
    let mut p = Pod {
        metadata: ObjectMeta::named("default", name),
        ..Default::default()
    };
    p.metadata.uid = format!("uid-{name}");
    p.metadata.creation_timestamp = Some(Timestamp(NOW - 3_600_000));
    p
}

fn on(mut p: Pod, node: &str, phase: &str) -> Pod {
    p.spec.node_name = node.into();
    p.status.phase = phase.into();
    p
}

fn ready(mut p: Pod, since: u64) -> Pod {
    p.status.conditions.push(Condition {
        type_: "Ready".into(),
        status: "True".into(),
        last_transition_time: Some(Timestamp(since)),
        ..Default::default()
    });
    p
}

fn names(chosen: &[Chosen]) -> Vec<&str> {
    chosen
        .iter()
        .map(|c| c.pod.metadata.name.as_str())
        .collect()
}

/// The full order, by deleting all but the last.
fn order(pods: Vec<Pod>) -> Vec<String> {
    let shared: Vec<Shared<Pod>> = pods.into_iter().map(Shared::new).collect();
    let mut out = Vec::new();
    let mut rest = shared.clone();
    while rest.len() > 1 {
        let first = ranking::get_pods_to_delete(&rest, &shared, 1, NOW);
        let name = first[0].pod.metadata.name.clone();
        rest.retain(|p| p.metadata.name != name);
        out.push(name);
    }
    out.push(rest[0].metadata.name.clone());
    out
}

#[test]
fn sorting_active_pods_with_ranks() {
    let unscheduled = pod("unscheduled");
    let pending = on(pod("pending"), "node-1", "Pending");
    let unknown = on(pod("unknown"), "node-1", "Unknown");
    let not_ready = on(pod("not-ready"), "node-1", "Running");
    let mut cheap = ready(on(pod("cheap"), "node-2", "Running"), NOW - 600_000);
    cheap
        .metadata
        .annotations
        .insert(POD_DELETION_COST.into(), "-10".into());
    let ready_recently = ready(on(pod("ready-recently"), "node-3", "Running"), NOW - 10_000);
    let ready_long = ready(on(pod("ready-long"), "node-4", "Running"), NOW - 600_000);
    let got = order(vec![
        ready_long,
        ready_recently,
        cheap,
        not_ready,
        unknown,
        pending,
        unscheduled,
    ]);
    assert_eq!(
        got,
        [
            "unscheduled",
            "pending",
            "unknown",
            "not-ready",
            "cheap",
            "ready-recently",
            "ready-long"
        ]
    );
}

#[test]
fn doubled_up_pods_go_before_pods_alone_on_their_node() {
    let a = ready(on(pod("alone"), "node-1", "Running"), NOW - 600_000);
    let b = ready(on(pod("doubled-1"), "node-2", "Running"), NOW - 600_000);
    let c = ready(on(pod("doubled-2"), "node-2", "Running"), NOW - 600_000);
    let pods: Vec<Shared<Pod>> = [a, b, c].into_iter().map(Shared::new).collect();
    let chosen = ranking::get_pods_to_delete(&pods, &pods, 1, NOW);
    assert!(names(&chosen)[0].starts_with("doubled-"));
    assert_eq!(chosen[0].rule, Some(Rule::DoubledUp));
}

#[test]
fn restarts_then_newer_first_in_logarithmic_buckets() {
    let mut restarted = on(pod("restarted"), "node-1", "Running");
    restarted.status.container_statuses.push(ContainerStatus {
        name: "c".into(),
        restart_count: 3,
        ..Default::default()
    });
    let mut newer = on(pod("newer"), "node-1", "Running");
    newer.metadata.creation_timestamp = Some(Timestamp(NOW - 60_000));
    let older = on(pod("older"), "node-1", "Running");
    assert_eq!(
        order(vec![older.clone(), newer.clone(), restarted]),
        ["restarted", "newer", "older"]
    );
    // 60 s and 61 s old are in the same power-of-two bucket: the smaller UID goes first.
    let mut twin = on(pod("a-twin"), "node-1", "Running");
    twin.metadata.creation_timestamp = Some(Timestamp(NOW - 61_000));
    let shared: Vec<Shared<Pod>> = [newer, twin].into_iter().map(Shared::new).collect();
    let chosen = ranking::get_pods_to_delete(&shared, &shared, 1, NOW);
    assert_eq!(names(&chosen), ["a-twin"]);
    assert_eq!(chosen[0].rule, Some(Rule::Uid));
}

#[test]
fn get_pods_to_delete() {
    let pods: Vec<Shared<Pod>> = [
        ready(on(pod("r1"), "node-1", "Running"), NOW - 600_000),
        on(pod("p1"), "node-1", "Pending"),
        ready(on(pod("r2"), "node-2", "Running"), NOW - 600_000),
    ]
    .into_iter()
    .map(Shared::new)
    .collect();
    let chosen = ranking::get_pods_to_delete(&pods, &pods, 1, NOW);
    assert_eq!(names(&chosen), ["p1"]);
    assert_eq!(chosen[0].rule, Some(Rule::Phase));
    // Deleting every pod needs no ranking: the list order, no rule.
    let all = ranking::get_pods_to_delete(&pods, &pods, 3, NOW);
    assert_eq!(names(&all), ["r1", "p1", "r2"]);
    assert!(all.iter().all(|c| c.rule.is_none()));
}

#[test]
fn an_unparsable_deletion_cost_counts_as_zero() {
    let mut p = pod("x");
    p.metadata
        .annotations
        .insert(POD_DELETION_COST.into(), "cheap".into());
    assert_eq!(deletion_cost(&p), 0);
    p.metadata
        .annotations
        .insert(POD_DELETION_COST.into(), "2147483647".into());
    assert_eq!(deletion_cost(&p), i32::MAX);
}
