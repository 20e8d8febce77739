//! A plain pod goes Pending → scheduled → Running → Ready, with the kubelet's events.

use ordinal_sim::testing::node::*;

#[test]
fn nginx_pod_becomes_ready_with_kubelet_events() {
    let mut c = cluster();
    create(&mut c, pod("web", "nginx"));
    let p = get(&c, "web").unwrap();
    assert_eq!(p.spec.node_name, "");
    assert_eq!(
        p.spec.tolerations.len(),
        2,
        "DefaultTolerationSeconds adds two tolerations"
    );
    let t = poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    assert!(t > 300, "pull + start take time, ready at {t}");
    let p = get(&c, "web").unwrap();
    assert_eq!(p.spec.node_name, "node-1");
    assert_eq!(p.status.phase, "Running");
    assert_eq!(p.status.pod_ip, "10.244.1.2");
    assert_eq!(p.status.host_ip, "172.18.0.2");
    let cs = &p.status.container_statuses[0];
    assert!(cs.ready && cs.state.running.is_some());
    assert_eq!(cs.image, "docker.io/library/nginx:latest");
    let types: Vec<&str> = p
        .status
        .conditions
        .iter()
        .map(|c| c.type_.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled"
        ]
    );
    let evs = events_for(&c, "web");
    let reasons: Vec<&str> = evs.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        reasons,
        ["Scheduled", "Pulling", "Pulled", "Created", "Started"]
    );
    assert_eq!(evs[0].1, "Successfully assigned default/web to node-1");
    assert_eq!(evs[1].1, "Pulling image \"nginx\"");
    assert!(
        evs[2]
            .1
            .starts_with("Successfully pulled image \"nginx\" in "),
        "{}",
        evs[2].1
    );
    assert!(
        evs[2].1.ends_with("Image size: 72099410 bytes."),
        "{}",
        evs[2].1
    );
    assert_eq!(evs[3].1, "Created container: nginx");
    assert_eq!(evs[4].1, "Started container nginx");
}

#[test]
fn pods_spread_over_nodes_by_count_then_name() {
    let mut c = cluster();
    for i in 0..4 {
        create(&mut c, pod(&format!("p{i}"), "nginx:1.27"));
        c.advance_by(200).unwrap();
    }
    poll_until(&mut c, 10_000, |c| {
        (0..4).all(|i| is_ready(c, &format!("p{i}")))
    });
    let nodes: Vec<String> = (0..4)
        .map(|i| get(&c, &format!("p{i}")).unwrap().spec.node_name)
        .collect();
    assert_eq!(nodes, ["node-1", "node-2", "node-3", "node-1"]);
    assert_eq!(get(&c, "p3").unwrap().status.pod_ip, "10.244.1.3");
}

#[test]
fn deleting_a_pod_stops_its_container_then_the_kubelet_removes_it() {
    let mut c = cluster();
    create(&mut c, pod("web", "nginx"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
    c.delete(
        ordinal_sim::api::Kind::Pod,
        "default",
        "web",
        &Default::default(),
    )
    .unwrap();
    assert!(get(&c, "web")
        .unwrap()
        .metadata
        .deletion_timestamp
        .is_some());
    let gone = poll_until(&mut c, 5_000, |c| get(c, "web").is_none());
    assert!(gone > 0);
    let reasons = reasons_for(&c, "web");
    assert_eq!(reasons.last().map(String::as_str), Some("Killing"));
    assert!(events_for(&c, "web")
        .iter()
        .any(|(_, m)| m == "Stopping container nginx"));
}

#[test]
fn failed_api_calls_are_retried() {
    use ordinal_sim::api::Kind;
    use ordinal_sim::apiserver::Verb;
    let mut c = cluster();
    // The kubelet's first status writes and its deletion confirmation fail once each.
    c.api.fail_nth(Verb::UpdateStatus, Kind::Pod, 1);
    c.api.fail_nth(Verb::UpdateStatus, Kind::Pod, 3);
    create(&mut c, pod("web", "nginx"));
    poll_until(&mut c, 20_000, |c| is_ready(c, "web"));
    c.delete(Kind::Pod, "default", "web", &Default::default())
        .unwrap();
    c.api.fail_nth(Verb::Delete, Kind::Pod, 1);
    poll_until(&mut c, 10_000, |c| get(c, "web").is_none());
}

#[test]
fn created_event_text_follows_the_version() {
    use ordinal_sim::features::Features;
    use ordinal_sim::{Cluster, ClusterConfig};
    for (minor, want) in [
        (32, "Created container nginx"),
        (33, "Created container: nginx"),
    ] {
        let mut c = Cluster::new(ClusterConfig {
            features: Features {
                minor,
                ..Default::default()
            },
            ..fast_config(1, 1)
        });
        create(&mut c, pod("web", "nginx"));
        poll_until(&mut c, 10_000, |c| is_ready(c, "web"));
        assert!(
            events_for(&c, "web").contains(&("Created".into(), want.into())),
            "1.{minor}"
        );
    }
}
