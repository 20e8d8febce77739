//! Simulation controls: machines come and go, timing changes, and runs are deterministic.

use ordinal_sim::api::{Event, Node};
use ordinal_sim::controls::SimAction;
use ordinal_sim::testing::node::*;
use ordinal_sim::Cluster;

#[test]
fn added_nodes_take_pods_and_removed_nodes_lose_theirs() {
    let mut c = cluster_with(1, 1);
    assert_eq!(
        sim(&mut c, SimAction::AddNode { name: None }),
        "node/node-2 added"
    );
    let n = node(&c, "node-2");
    assert_eq!(n.spec.pod_cidr, "10.244.2.0/24");
    create(&mut c, pod("a", "nginx"));
    create(&mut c, pod("b", "nginx"));
    poll_until(&mut c, 10_000, |c| is_ready(c, "a") && is_ready(c, "b"));
    let on2 = if get(&c, "a").unwrap().spec.node_name == "node-2" {
        "a"
    } else {
        "b"
    };
    assert!(get(&c, on2).unwrap().status.pod_ip.starts_with("10.244.2."));
    let t = c.now;
    assert_eq!(
        sim(
            &mut c,
            SimAction::RemoveNode {
                node: "node-2".into()
            }
        ),
        "node/node-2 removed"
    );
    assert!(c.api.get::<Node>("", "node-2").is_none());
    let gone = poll_until(&mut c, 120_000, |c| get(c, on2).is_none());
    assert!(gone - t >= 40_000, "pod GC waits out the quarantine");
    // A new machine with a free name and a free pod CIDR.
    assert_eq!(
        sim(&mut c, SimAction::AddNode { name: None }),
        "node/node-2 added"
    );
    assert_eq!(node(&c, "node-2").spec.pod_cidr, "10.244.2.0/24");
    assert_eq!(
        c.apply_sim(&SimAction::StopKubelet {
            node: "node-9".into()
        }),
        Err("nodes \"node-9\" not found".into())
    );
    assert!(c
        .apply_sim(&SimAction::SetTiming {
            profile: "warp".into()
        })
        .unwrap_err()
        .starts_with("unknown timing profile"));
}

fn run(seed: u64) -> Vec<String> {
    let mut c: Cluster = cluster_with(3, seed);
    for i in 0..4 {
        create(&mut c, pod(&format!("p{i}"), "nginx"));
    }
    c.advance_by(5_000).unwrap();
    sim(
        &mut c,
        SimAction::CrashContainer {
            namespace: "default".into(),
            pod: "p1".into(),
            container: None,
            exit_code: 1,
        },
    );
    c.advance_by(5_000).unwrap();
    let mut evs: Vec<&Event> = c.api.list::<Event>(None).collect();
    evs.sort_by_key(|e| (e.first_timestamp, e.metadata.name.clone()));
    let mut out: Vec<String> = evs
        .iter()
        .map(|e| {
            format!(
                "{:?} {} {} {}",
                e.first_timestamp, e.involved_object.name, e.reason, e.message
            )
        })
        .collect();
    out.extend(c.api.list::<ordinal_sim::api::Pod>(None).map(|p| {
        format!(
            "{} {} {}",
            p.metadata.name, p.spec.node_name, p.status.pod_ip
        )
    }));
    out
}

#[test]
fn same_seed_same_history() {
    let a = run(7);
    assert_eq!(a, run(7));
    assert_ne!(a, run(8), "another seed gives other timings and names");
    assert!(a
        .iter()
        .any(|l| l.contains("Successfully assigned default/p3")));
}

#[test]
fn node_names_are_dns_subdomains() {
    let mut c = cluster_with(1, 1);
    let rule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric \
                characters, '-' or '.', and must start and end with an alphanumeric character \
                (e.g. 'example.com', regex used for validation is \
                '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    for bad in ["<img src=x>", "Node-A", "-a"] {
        assert_eq!(
            c.apply_sim(&SimAction::AddNode {
                name: Some(bad.into())
            }),
            Err(format!(
                "Node \"{bad}\" is invalid: metadata.name: Invalid value: \"{bad}\": {rule}"
            ))
        );
        assert!(c.api.get::<Node>("", bad).is_none());
    }
    // The API server validates every Node create, not only the control's.
    let mut n = node(&c, "node-1");
    n.metadata = ordinal_sim::api::ObjectMeta::named("", "x_y");
    let err = c.create(ordinal_sim::api::Object::Node(n)).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("Node \"x_y\" is invalid: metadata.name: Invalid value: \"x_y\""));
    assert_eq!(
        sim(
            &mut c,
            SimAction::AddNode {
                name: Some("node-a.example".into())
            }
        ),
        "node/node-a.example added"
    );
}
