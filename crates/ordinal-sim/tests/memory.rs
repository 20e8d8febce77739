//! Probe (temporary): measures peak live heap bytes of simulation scenarios.

use ordinal_sim::api::*;
use ordinal_sim::testing::e2e;
use ordinal_sim::{ClusterConfig, Input, Simulation};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Relaxed);
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(b: usize) -> f64 {
    b as f64 / 1048576.0
}

#[test]
fn probe_idle() {
    let t0 = std::time::Instant::now();
    let mut s = Simulation::new(ClusterConfig::default());
    let probe = std::env::var("PROBE").is_ok();
    let mut set = e2e::stateful_set("ss", 3, true, e2e::http_probe());
    if !probe { set.spec.template.spec.containers[0].readiness_probe = None; }
    s.apply(Input::Create(Object::Service(e2e::service()))).unwrap();
    s.apply(Input::Create(Object::StatefulSet(set))).unwrap();
    let hours: u64 = std::env::var("HOURS").ok().and_then(|h| h.parse().ok()).unwrap_or(50);
    for h in 1..=hours {
        s.advance_to(h * 3_600_000).unwrap();
        if h % 10 == 0 {
            eprintln!("h={h} live={:.1}MB peak={:.1}MB objs={} t={:?} steps={} hist={:?} earliest={}", mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)), s.cluster().api.store.total(), t0.elapsed(), s.cluster().steps, s.history_bytes(), s.earliest());
        }
    }
}

#[test]
fn probe_big() {
    let t0 = std::time::Instant::now();
    let mut s = Simulation::new(ClusterConfig::default());
    let mut set = e2e::stateful_set("ss", 2, true, e2e::http_probe());
    let c0 = set.spec.template.spec.containers[0].clone();
    set.spec.template.spec.containers = (0..1000).map(|i| { let mut c = c0.clone(); c.name = format!("c{i}"); c.volume_mounts.clear(); c.readiness_probe = None; c }).collect();
    s.apply(Input::Create(Object::Service(e2e::service()))).unwrap();
    let r = s.apply(Input::Create(Object::StatefulSet(set)));
    eprintln!("create: {:?}", r.as_ref().err());
    let secs: u64 = std::env::var("SECS").ok().and_then(|h| h.parse().ok()).unwrap_or(30);
    for t in 1..=secs {
        s.advance_to(t * 1000).unwrap();
        if t % 5 == 0 {
            eprintln!("t={t} live={:.1}MB peak={:.1}MB objs={} el={:?} hist={:?} watch={} earliest={}", mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)), s.cluster().api.store.total(), t0.elapsed(), s.history_bytes(), s.cluster().api.watch_history_bytes(), s.earliest());
        }
    }
    let pod = s.cluster().api.get::<Pod>("default", "ss-0").unwrap();
    eprintln!("pod json={} statuses={}", ordinal_sim::apiserver::size::json_len(&Object::Pod(pod.clone())), pod.status.container_statuses.len());
}
