//! The benchmark scenarios at a small scale: each reaches its goal, so `cargo bench` cannot
//! silently rot. No timing assertions (see BENCHMARKS.md for the figures).

use ordinal_sim::api::Pod;
use ordinal_sim::testing::bench::*;

fn ready_pods(c: &ordinal_sim::Cluster) -> usize {
    c.api
        .list::<Pod>(Some("default"))
        .filter(|p| p.is_ready())
        .count()
}

#[test]
fn parallel_scale_up_reaches_all_ready() {
    let mut c = empty_set(30, "Parallel");
    let took = scale_up(&mut c, 30);
    assert_eq!(set(&c).status.ready_replicas, 30);
    assert_eq!(ready_pods(&c), 30);
    // Parallel: every pod starts at once, so well under 30 sequential pod starts.
    assert!(took < 5_000, "parallel scale-up took {took} ms simulated");
}

#[test]
fn large_clusters_get_enough_pod_capacity() {
    assert_eq!((nodes_for(100), pods_per_node(100)), (3, 110));
    assert_eq!((nodes_for(1_000), pods_per_node(1_000)), (10, 110));
    assert_eq!((nodes_for(10_000), pods_per_node(10_000)), (64, 167));
    let c = cluster_for(10_000, 1);
    let node = c
        .api
        .get::<ordinal_sim::api::Node>("", "node-64")
        .expect("node-64");
    assert_eq!(node.status.allocatable["pods"], "167");
}

#[test]
fn ordered_ready_scale_up_reaches_all_ready_in_order() {
    let mut c = empty_set(5, "OrderedReady");
    let since = c.api.watch_seq();
    scale_up(&mut c, 5);
    assert_eq!(set(&c).status.ready_replicas, 5);
    let created: Vec<String> = c
        .api
        .watch_since(since)
        .filter(|e| e.type_ == ordinal_sim::apiserver::WatchType::Added)
        .filter_map(|e| match &e.object {
            ordinal_sim::api::Object::Pod(p) => Some(p.metadata.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(created, ["web-0", "web-1", "web-2", "web-3", "web-4"]);
}

#[test]
fn rolling_update_replaces_every_pod() {
    let mut c = ready_set(6);
    let old = set(&c).status.current_revision.clone();
    rolling_update(&mut c);
    let status = &set(&c).status;
    assert_ne!(status.update_revision, old);
    assert_eq!(status.current_revision, status.update_revision);
    assert_eq!(status.updated_replicas, 6);
    for p in c.api.list::<Pod>(Some("default")) {
        assert_eq!(p.spec.containers[0].image, NGINX_NEW, "{}", p.metadata.name);
    }
}

#[test]
fn seeking_the_one_hour_trace_is_exact() {
    let mut sim = one_hour_trace();
    assert_eq!(sim.horizon(), HOUR_MS);
    let end_rv = set(sim.cluster()).metadata.resource_version.clone();
    assert_eq!(set(sim.cluster()).status.ready_replicas, 20);
    let mut at = Instants::new(42);
    for _ in 0..3 {
        let t = at.next_instant();
        sim.seek(t).expect("seek");
        assert_eq!(sim.now(), t);
    }
    sim.seek(HOUR_MS).expect("seek");
    assert_eq!(set(sim.cluster()).metadata.resource_version, end_rv);
    assert_eq!(set(sim.cluster()).status.ready_replicas, 20);
}

/// The EndpointSlice controller caps slices at 100 endpoints (kube-controller-manager's
/// `--max-endpoints-per-slice` default), and DNS answers from all of them.
#[test]
fn endpoints_are_split_into_slices_of_at_most_100() {
    use ordinal_sim::api::EndpointSlice;
    use ordinal_sim::dns::{self, QType};
    let mut c = empty_set(250, "Parallel");
    scale_up(&mut c, 250);
    c.advance_by(2_000).unwrap();
    let mut sizes: Vec<usize> = c
        .api
        .list::<EndpointSlice>(Some("default"))
        .map(|s| s.endpoints.len())
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [50, 100, 100]);
    let all = dns::resolve(&c.api.store, "default", "web", QType::A).unwrap();
    assert_eq!(
        all.records.len(),
        250,
        "one A record per ready pod, across slices"
    );
    let one = dns::resolve(&c.api.store, "default", "web-249.web", QType::A).unwrap();
    assert_eq!(one.records.len(), 1);

    // Scaling down empties slices; the emptied ones are deleted.
    edit(&mut c, |s| s.spec.replicas = Some(20));
    run_timers_until(&mut c, 600_000, |c| {
        c.api.list::<Pod>(Some("default")).count() == 20
    });
    c.advance_by(2_000).unwrap();
    let total: usize = c
        .api
        .list::<EndpointSlice>(Some("default"))
        .map(|s| s.endpoints.len())
        .sum();
    assert_eq!(total, 20);
    assert!(c
        .api
        .list::<EndpointSlice>(Some("default"))
        .all(|s| !s.endpoints.is_empty()));
}

#[test]
fn deployment_scale_up_and_rolling_update_replace_every_pod() {
    let mut c = empty_deployment(40);
    deployment_scale_up(&mut c, 40);
    assert_eq!(deployment(&c).status.available_replicas, 40);
    assert_eq!(ready_pods(&c), 40);
    deployment_rolling_update(&mut c);
    let st = &deployment(&c).status;
    assert_eq!(
        (st.replicas, st.updated_replicas, st.available_replicas),
        (40, 40, 40)
    );
    let pods: Vec<&Pod> = c
        .api
        .list::<Pod>(Some("default"))
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .collect();
    assert_eq!(pods.len(), 40, "no old ReplicaSet pod is left running");
    for p in pods {
        assert_eq!(p.spec.containers[0].image, NGINX_NEW, "{}", p.metadata.name);
    }
}

/// Why 0 → 10,000 never finished: the pods outgrow the simulated etcd's quota, every status
/// write that grows a pod is refused, and no pod gets Ready. Shown here at 100 pods with a quota
/// a tenth of what they need; the benchmark fixture sizes the quota to the pods.
#[test]
fn a_set_bigger_than_the_etcd_quota_never_gets_ready() {
    let mut c = empty_set(100, "Parallel");
    let used = c.api.store.json_bytes();
    c.api.limits.quota_bytes = used + 25 * 1024;
    edit(&mut c, |s| s.spec.replicas = Some(100));
    c.advance_by(120_000).unwrap();
    // Parallel creates the pods at once; they take the room their status writes need, as the
    // 10,000 run did (10,000 pods, ready 0, after 101 simulated minutes).
    let pods = c.api.list::<Pod>(Some("default")).count();
    assert!(pods > 0, "the pods themselves fit");
    assert_eq!(set(&c).status.ready_replicas, 0, "{pods} pods, none Ready");

    // The same set with the fixture's quota gets there.
    let mut c = empty_set(100, "Parallel");
    scale_up(&mut c, 100);
    assert_eq!(set(&c).status.ready_replicas, 100);
}

#[test]
fn big_benchmark_clusters_get_a_quota_their_pods_fit() {
    use ordinal_sim::apiserver::size::QUOTA_BYTES;
    assert_eq!(cluster_for(1_000, 1).api.limits.quota_bytes, QUOTA_BYTES);
    let c = cluster_for(10_000, 1);
    assert_eq!(c.api.limits.quota_bytes, 10_000 * 8 * 1024);
    assert!(c.api.limits.quota_bytes > QUOTA_BYTES);
}
