//! Native benchmarks of the simulation core: wall time to run simulated work to completion.
//! `cargo bench -p ordinal-sim` (scenarios in `src/testing/bench.rs`; figures in BENCHMARKS.md).

use divan::Bencher;
use ordinal_sim::testing::bench::*;
use std::cell::RefCell;

fn main() {
    divan::main();
}

/// 1, 2 and the growth series: Parallel 0 → n until status.readyReplicas == n.
#[divan::bench(args = [100, 1_000, 3_000, 10_000], sample_count = 5, sample_size = 1)]
fn parallel_scale_up(bencher: Bencher, n: i32) {
    bencher
        .with_inputs(|| empty_set(n as usize, "Parallel"))
        .bench_local_values(|mut c| {
            scale_up(&mut c, n);
            c
        });
}

/// 3: OrderedReady 0 → 100 until all Ready.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn ordered_ready_scale_up_100(bencher: Bencher) {
    bencher
        .with_inputs(|| empty_set(100, "OrderedReady"))
        .bench_local_values(|mut c| {
            scale_up(&mut c, 100);
            c
        });
}

/// 4: a rolling update (new image) of 1,000 Parallel pods until currentRevision ==
/// updateRevision.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn rolling_update_1000(bencher: Bencher) {
    bencher
        .with_inputs(|| ready_set(1_000))
        .bench_local_values(|mut c| {
            rolling_update(&mut c);
            c
        });
}

/// 5: seeking a recorded one-hour timeline to random instants, back and forth.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn seek_one_hour_trace(bencher: Bencher) {
    let sim = RefCell::new(one_hour_trace());
    let mut at = Instants::new(42);
    bencher.bench_local(|| {
        let t = at.next_instant();
        sim.borrow_mut().seek(t).expect("seek");
    });
}

/// 6: OrderedReady asking for n replicas, ten simulated minutes (about 330 pods exist).
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 3, sample_size = 1)]
fn desired_replicas_ten_minutes(n: i32) -> ordinal_sim::Cluster {
    desired_replicas(n, 600_000)
}

/// 7: 250 OrderedReady sets of 2 pods with claims and a Service each, 20 simulated seconds.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn many_sets_250x2() -> ordinal_sim::Cluster {
    many_sets(250, 2, 20_000)
}

/// 8: Deployment 0 → n until every replica is available (the webernetes comparison).
#[divan::bench(args = [1_000], sample_count = 3, sample_size = 1)]
fn deployment_scale_up_to(bencher: Bencher, n: i32) {
    bencher
        .with_inputs(|| empty_deployment(n as usize))
        .bench_local_values(|mut c| {
            deployment_scale_up(&mut c, n);
            c
        });
}

/// 9: a rolling update (new image) of a Deployment of 1,000 replicas until complete.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn deployment_rolling_update_1000(bencher: Bencher) {
    bencher
        .with_inputs(|| ready_deployment(1_000))
        .bench_local_values(|mut c| {
            deployment_rolling_update(&mut c);
            c
        });
}
