//! The memory budget (docs/memory.md): whatever a script or a link does, the simulation's live
//! heap stays under `BUDGET`. A counting global allocator measures the peak of live bytes; the
//! scenarios run one at a time (a lock), so no other test's allocations are counted.
//!
//! The defaults fit CI; `ORDINAL_MEMORY_HOURS` and `ORDINAL_MEMORY_CONTAINERS` run the full-size
//! campaign by hand (`cargo test --release -p ordinal-sim --test memory`).

use ordinal_sim::api::{ConfigMap, Container, Object, ObjectMeta, Pod};
use ordinal_sim::testing::e2e;
use ordinal_sim::{ClusterConfig, Input, SimError, Simulation};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

const BUDGET: usize = 256 * 1024 * 1024;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

// SAFETY: forwards to the system allocator; the counters are only statistics.
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
static COUNTING: Counting = Counting;

/// Live bytes above what was live when the scenario started, at most so far.
struct Meter {
    base: usize,
}

impl Meter {
    fn start() -> Meter {
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        Meter { base }
    }
    fn peak(&self) -> usize {
        PEAK.load(Relaxed).saturating_sub(self.base)
    }
    fn live(&self) -> usize {
        LIVE.load(Relaxed).saturating_sub(self.base)
    }
    /// Fails as soon as the budget is crossed (rather than after exhausting the machine).
    fn check(&self, when: &str) {
        let peak = self.peak();
        assert!(
            peak < BUDGET,
            "{when}: peak {} MiB over the {} MiB budget",
            peak >> 20,
            BUDGET >> 20
        );
    }
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const HOUR: u64 = 3_600_000;

#[test]
fn an_idle_cluster_stays_within_budget_for_simulated_days() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let hours = env("ORDINAL_MEMORY_HOURS", 100);
    let m = Meter::start();
    let mut s = Simulation::new(ClusterConfig::default());
    let mut set = e2e::stateful_set("ss", 3, true, e2e::http_probe());
    set.spec.template.spec.containers[0].readiness_probe = None;
    s.apply(Input::Create(Object::Service(e2e::service())))
        .unwrap();
    s.apply(Input::Create(Object::StatefulSet(set))).unwrap();
    let mut live_at_half = 0;
    for h in 1..=hours {
        // Like `for i in $(seq 1000); do sleep 1h; done`.
        s.advance_to(h * HOUR).unwrap();
        m.check(&format!("after {h} simulated hours"));
        if h == hours / 2 {
            live_at_half = m.live();
        }
    }
    eprintln!(
        "idle {hours} h: peak {} KiB, live {} KiB, earliest reachable {} h",
        m.peak() >> 10,
        m.live() >> 10,
        s.earliest() / HOUR
    );
    assert!(
        m.live() < live_at_half + 4 * 1024 * 1024,
        "memory grows with simulated time: {} KiB at {} h, {} KiB at {hours} h",
        live_at_half >> 10,
        hours / 2,
        m.live() >> 10
    );
    // The far past was dropped, and a seek there says so and lands on the earliest instant.
    let earliest = s.earliest();
    assert!(earliest > 0 && earliest < hours * HOUR);
    assert_eq!(
        s.seek(0),
        Err(SimError::Trimmed {
            earliest,
            requested: 0
        })
    );
    assert_eq!(s.now(), earliest);
    assert_eq!(s.cluster().api.list::<Pod>(Some("default")).count(), 3);
    s.seek(hours * HOUR).unwrap();
    assert_eq!(s.now(), hours * HOUR);
}

#[test]
fn a_pod_template_with_a_thousand_containers_stays_within_budget() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // The kubelet's cost per container is quadratic today: CI runs 200, by hand 1000.
    let containers = env("ORDINAL_MEMORY_CONTAINERS", 200) as usize;
    let m = Meter::start();
    let mut s = Simulation::new(ClusterConfig::default());
    let mut set = e2e::stateful_set("ss", 2, true, e2e::http_probe());
    let c0 = set.spec.template.spec.containers[0].clone();
    set.spec.template.spec.containers = (0..containers)
        .map(|i| Container {
            name: format!("c{i}"),
            readiness_probe: None,
            volume_mounts: Vec::new(),
            ..c0.clone()
        })
        .collect();
    s.apply(Input::Create(Object::Service(e2e::service())))
        .unwrap();
    s.apply(Input::Create(Object::StatefulSet(set))).unwrap();
    for t in 1..=60 {
        s.advance_to(t * 1000).unwrap();
        m.check(&format!("after {t} simulated seconds"));
    }
    eprintln!(
        "{containers} containers × 2 replicas, 60 s: peak {} MiB",
        m.peak() >> 20
    );
    for name in ["ss-0", "ss-1"] {
        let pod = s.cluster().api.get::<Pod>("default", name).expect(name);
        assert_eq!(pod.status.container_statuses.len(), containers, "{name}");
    }
    // Seeking back still reproduces the past.
    s.seek(2_000).unwrap();
    assert!(s.cluster().api.get::<Pod>("default", "ss-1").is_none());
    m.check("after seeking back");
}

fn config_map(name: &str, fill: char, bytes: usize) -> Object {
    let mut c = ConfigMap {
        metadata: ObjectMeta::named("default", name),
        data: Default::default(),
    };
    c.data.insert("data".into(), fill.to_string().repeat(bytes));
    Object::ConfigMap(c)
}

#[test]
fn many_objects_near_the_size_bound_stay_within_budget() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let m = Meter::start();
    let mut s = Simulation::new(ClusterConfig::default());
    let near = 1024 * 1024 - 1024;
    let mut created = 0;
    let refusal = loop {
        match s.apply(Input::Create(config_map(
            &format!("cm-{created}"),
            'a',
            near,
        ))) {
            Ok(_) => created += 1,
            Err(e) => break e.to_string(),
        }
        assert!(created < 1000, "the API server never refused");
    };
    assert_eq!(refusal, "etcdserver: mvcc: database space exceeded");
    // Every object rewritten, again and again, with time passing between the rounds.
    for round in 0..12u64 {
        let fill = (b'b' + (round % 20) as u8) as char;
        for i in 0..created {
            s.apply(Input::Update(config_map(&format!("cm-{i}"), fill, near)))
                .unwrap();
        }
        s.advance_to((round + 1) * 10_000).unwrap();
        m.check(&format!("after round {round}"));
    }
    eprintln!(
        "{created} ConfigMaps of {near} bytes, 12 rewrites: peak {} MiB",
        m.peak() >> 20
    );
    // The latest state is intact, and the earliest reachable instant is reachable.
    let last = s.cluster().api.get::<ConfigMap>("default", "cm-0").unwrap();
    assert!(last.data["data"].starts_with('m'));
    let earliest = s.earliest();
    s.seek(earliest).unwrap();
    assert_eq!(s.now(), earliest);
    m.check("after seeking back");
}
