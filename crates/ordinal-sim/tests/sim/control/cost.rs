//! A sync costs what exists, not what is desired: with OrderedReady only the pods the
//! controller has reached exist, and `spec.replicas` may be 10,000. Counted, not timed: syncs,
//! local pods built for missing ordinals, and timers fired.

use ordinal_sim::api::Pod;
use ordinal_sim::testing::bench::{desired_replicas, many_sets};
use ordinal_sim::Cluster;

const TEN_MINUTES: u64 = 600_000;

struct Work {
    pods: usize,
    syncs: u64,
    local_pods_built: u64,
    timers: u64,
}

fn work(c: &Cluster) -> Work {
    Work {
        pods: c.api.list::<Pod>(None).count(),
        syncs: c.statefulset.syncs,
        local_pods_built: c.statefulset.local_pods_built,
        timers: c.steps,
    }
}

#[test]
fn ten_thousand_desired_replicas_cost_what_the_existing_pods_cost() {
    let small = work(&desired_replicas(1_000, TEN_MINUTES));
    let large = work(&desired_replicas(10_000, TEN_MINUTES));
    // Far fewer pods exist than either set asks for, and the same ones.
    assert!(large.pods > 50 && large.pods < 1_000, "{} pods", large.pods);
    assert_eq!(large.pods, small.pods);
    // Ten times the desired replicas is not one more sync, timer or built pod.
    assert_eq!(large.syncs, small.syncs);
    assert_eq!(large.timers, small.timers);
    assert_eq!(large.local_pods_built, small.local_pods_built);
    // OrderedReady stops at the first missing ordinal: at most one local pod per sync
    // (building every missing one would be 9,800 per sync).
    assert!(
        large.local_pods_built <= large.syncs,
        "{} local pods built in {} syncs",
        large.local_pods_built,
        large.syncs
    );
    // Syncs follow the pods' own events: a bounded number per pod that exists.
    assert!(
        large.syncs <= 20 * large.pods as u64,
        "{} syncs for {} pods",
        large.syncs,
        large.pods
    );
}

#[test]
fn many_small_sets_each_cost_their_own_pods() {
    let c = many_sets(20, 2, 60_000);
    let w = work(&c);
    assert_eq!(w.pods, 40, "every set has both pods after a minute");
    assert!(w.local_pods_built <= w.syncs);
    assert!(w.syncs <= 20 * w.pods as u64, "{} syncs", w.syncs);
}
