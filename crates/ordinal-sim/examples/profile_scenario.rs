//! Runs one benchmark scenario once, for a profiler:
//! `cargo run --profile bench --example profile_scenario -- scale 1000`
//! (`scale N`, `ordered N`, `rolling N`, `seek COUNT`, `fingerprint`).
//! `fingerprint` prints hashes of every watch event and of the final store of each scenario at
//! a small scale: an optimisation must leave them unchanged (determinism, identical behaviour).

use ordinal_sim::testing::bench::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("scale", String::as_str);
    let n: i32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    match what {
        "scale" => {
            let mut c = empty_set(n as usize, "Parallel");
            let took = scale_up(&mut c, n);
            println!("parallel 0→{n}: {took} ms simulated, {} steps", c.steps);
        }
        "stats" => {
            let mut c = unbounded(empty_set(n as usize, "Parallel"));
            let since = c.api.watch_seq();
            scale_up(&mut c, n);
            let mut counts = std::collections::BTreeMap::new();
            for e in c.api.watch_since(since) {
                *counts.entry((e.kind, e.type_.as_str())).or_insert(0) += 1;
            }
            println!("{} steps, syncs {}", c.steps, c.statefulset.syncs);
            for ((k, t), n) in counts {
                println!("{k:?} {t}: {n}");
            }
        }
        "ordered" => {
            let mut c = empty_set(n as usize, "OrderedReady");
            let took = scale_up(&mut c, n);
            println!("ordered 0→{n}: {took} ms simulated, {} steps", c.steps);
        }
        "rolling" => {
            let mut c = ready_set(n);
            let took = rolling_update(&mut c);
            println!("rolling {n}: {took} ms simulated, {} steps", c.steps);
        }
        "seek" => {
            let mut sim = one_hour_trace();
            println!("trace: {} steps", sim.cluster().steps);
            let mut at = Instants::new(42);
            for _ in 0..n {
                sim.seek(at.next_instant()).expect("seek");
            }
        }
        "fingerprint" => fingerprint(),
        _ => eprintln!("unknown scenario {what}"),
    }
}

/// FNV-1a over a string.
fn fnv(h: &mut u64, s: &str) {
    for b in s.bytes() {
        *h ^= b as u64;
        *h = h.wrapping_mul(0x100000001b3);
    }
}

fn store_hash(c: &ordinal_sim::Cluster) -> u64 {
    let mut h = 0xcbf29ce484222325;
    for k in ordinal_sim::api::Kind::ALL {
        for o in c.api.store.list_objects(k, None) {
            fnv(&mut h, &o.to_json().to_string());
        }
    }
    fnv(&mut h, &format!("{} {} {}", c.now, c.steps, c.timers.len()));
    h
}

fn history_hash(c: &ordinal_sim::Cluster) -> u64 {
    let mut h = 0xcbf29ce484222325;
    for e in c.api.watch_since(0) {
        fnv(&mut h, &format!("{} {} {:?} ", e.seq, e.at, e.type_));
        fnv(&mut h, &e.object.to_json().to_string());
        if let Some(o) = &e.old {
            fnv(&mut h, &o.to_json().to_string());
        }
    }
    h
}

fn unbounded(mut c: ordinal_sim::Cluster) -> ordinal_sim::Cluster {
    c.api.limits.max_watch_history = usize::MAX;
    c
}

fn fingerprint() {
    let mut c = unbounded(empty_set(300, "Parallel"));
    scale_up(&mut c, 300);
    println!(
        "scale 300: history {:016x} store {:016x}",
        history_hash(&c),
        store_hash(&c)
    );
    let mut c = unbounded(empty_set(30, "OrderedReady"));
    scale_up(&mut c, 30);
    println!(
        "ordered 30: history {:016x} store {:016x}",
        history_hash(&c),
        store_hash(&c)
    );
    let mut c = unbounded(empty_set(60, "Parallel"));
    scale_up(&mut c, 60);
    rolling_update(&mut c);
    println!(
        "rolling 60: history {:016x} store {:016x}",
        history_hash(&c),
        store_hash(&c)
    );
    let mut sim = one_hour_trace();
    println!("trace: store {:016x}", store_hash(sim.cluster()));
    let mut at = Instants::new(42);
    for _ in 0..6 {
        let t = at.next_instant();
        sim.seek(t).expect("seek");
        println!("seek {t}: store {:016x}", store_hash(sim.cluster()));
    }
}
