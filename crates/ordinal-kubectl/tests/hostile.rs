//! A hostile learner's campaign: seeded random command lines built from known-dangerous pieces
//! (alias bombs, JSONPath fan-out, repeated arguments, huge replicas, bad names and images) and
//! random mutations of them, each checked for what a browser tab needs: no panic, at most
//! 4 MiB of output, and peak memory under a budget, measured by a counting allocator.
//!
//! CI runs `HOSTILE_CASES` (default 150) lines; a bigger campaign by hand:
//! `HOSTILE_CASES=5000 HOSTILE_SEED=7 cargo test --release -p ordinal-kubectl --test hostile`
//! (`HOSTILE_SLOW=1` also names every line that took over half a second).
//! This binary holds one test so that nothing else allocates while a line is measured.

use ordinal_kubectl::{Session, SessionConfig};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            let now = if new >= l.size() {
                LIVE.fetch_add(new - l.size(), Relaxed) + (new - l.size())
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed) - (l.size() - new)
            };
            PEAK.fetch_max(now, Relaxed);
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// What one command line may add to memory at its peak.
const LINE_PEAK_BUDGET: usize = 256 << 20;
/// The shell's output bound plus room for its notice.
const OUTPUT_BOUND: usize = (4 << 20) + 256;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `depth` levels of nine aliases each, in flow or block form: 9^depth nodes if unbounded.
fn alias_bomb(depth: usize, flow: bool) -> String {
    let mut y = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\na0: &a0 [\"lol\"]\n",
    );
    for i in 1..=depth {
        let p = format!("*a{}", i - 1);
        if flow {
            y.push_str(&format!("a{i}: &a{i} [{}]\n", vec![p; 9].join(", ")));
        } else {
            y.push_str(&format!("a{i}: &a{i}\n"));
            for _ in 0..9 {
                y.push_str(&format!("  - {p}\n"));
            }
        }
    }
    y
}

const PIECES: usize = 18;
const COUNTS: [usize; 6] = [1, 2, 7, 100, 5_000, 100_000];

/// A random dangerous piece with a random count.
fn piece(r: &mut Rng) -> String {
    let (kind, n) = (r.below(PIECES), COUNTS[r.below(COUNTS.len())]);
    piece_of(kind, n, r.below(2) == 0)
}

/// Dangerous piece number `kind`, `n` times as big.
fn piece_of(kind: usize, n: usize, flow: bool) -> String {
    match kind {
        0 => format!(
            "kubectl get pods -o jsonpath='{{{}}}'",
            "[*]$".repeat(n.min(12))
        ),
        1 => format!(
            "kubectl get sts -o jsonpath='{{range .items[*]}}{}{{end}}'",
            "{$}".repeat(n.min(50))
        ),
        2 => format!("kubectl describe node{}", " node-1".repeat(n.min(37_000))),
        3 => format!("kubectl get pods{}", " web-0".repeat(n.min(43_000))),
        4 => format!(
            "kubectl apply -f - <<EOF\n{}EOF",
            alias_bomb(n.min(8), flow)
        ),
        5 => format!("kubectl scale sts web --replicas={n}"),
        6 => format!("sim node add '<b>{n}</b>'"),
        7 => format!("kubectl run r{n} --image='<img src=x onerror=alert({n})>'"),
        8 => format!("kubectl patch sts web -p '{{\"spec\":{{\"replicas\":{n}.5}}}}'"),
        9 => format!(
            "kubectl label pods --all {}",
            (0..n.min(300))
                .map(|i| format!("k{i}=v"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        10 => format!(
            "kubectl get pods -o go-template='{}'",
            "{{range .items}}{{.}}{{end}}".repeat(n.min(40))
        ),
        11 => format!(
            "for i in {}; do kubectl get pods -o yaml; done",
            "x ".repeat(n.min(2_000))
        ),
        12 => format!(
            "kubectl create configmap big --from-literal=k={}",
            "x".repeat(n.min(200_000))
        ),
        13 => "sleep 30s".into(),
        16 => format!(
            "kubectl get pods -o go-template='{{{{range .items}}}}{{{{.}}}}{{{{end}}}}'{}",
            " web-0".repeat(n.min(43_000))
        ),
        17 => format!("kubectl get pods -o json{}", " web-0".repeat(n.min(43_000))),
        14 => format!(
            "echo {} | kubectl apply -f -",
            "'a: [&x 1, *x, *x]'".repeat(n.min(100))
        ),
        _ => format!(
            "kubectl get events -o custom-columns={}",
            "A:.metadata.name,".repeat(n.min(1_000))
        ),
    }
}

/// A piece, sometimes with bytes flipped, cut or repeated (the mutations a careless paste makes).
fn line(r: &mut Rng) -> String {
    let mut l = piece(r);
    for _ in 0..r.below(3) {
        if l.is_empty() {
            break;
        }
        let mut at = r.below(l.len());
        while !l.is_char_boundary(at) {
            at -= 1;
        }
        match r.below(4) {
            0 => l.insert(at, ['{', '[', '*', '&', '$', '\'', '"', '\n'][r.below(8)]),
            1 => l.truncate(at),
            2 => {
                let tail = l[at..].to_string();
                l.push_str(&tail);
            }
            _ => l.push_str(&piece(r)),
        }
    }
    l
}

fn session() -> Session {
    let mut s = Session::new(SessionConfig::default());
    s.run(
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml",
        None,
    );
    s.run("sleep 20s", None);
    s
}

#[test]
fn hostile_lines_stay_within_output_and_memory_bounds() {
    let cases = env("HOSTILE_CASES", 150);
    let mut r = Rng(env("HOSTILE_SEED", 0x9E37_79B9_7F4A_7C15) | 1);
    let mut s = session();
    let (mut worst_peak, mut worst_line) = (0usize, String::new());
    let mut failures = 0u64;
    // Every piece at its biggest first, in both alias forms, then the random campaign.
    let biggest =
        (0..PIECES).flat_map(|k| [piece_of(k, 100_000, true), piece_of(k, 100_000, false)]);
    let lines: Vec<String> = biggest.chain((0..cases).map(|_| line(&mut r))).collect();
    let cases = lines.len() as u64;
    for (i, l) in lines.into_iter().enumerate() {
        if i % 25 == 0 {
            s = session();
        }
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let t0 = std::time::Instant::now();
        let out = s.run(&l, None);
        if std::env::var("HOSTILE_SLOW").is_ok() && t0.elapsed().as_millis() > 500 {
            eprintln!(
                "slow {} ms: {:?}",
                t0.elapsed().as_millis(),
                l.chars().take(100).collect::<String>()
            );
        }
        let peak = PEAK.load(Relaxed).saturating_sub(before);
        let short: String = l.chars().take(120).collect();
        assert!(
            out.combined.len() <= OUTPUT_BOUND,
            "case {i}: {} bytes of output from {short:?}",
            out.combined.len()
        );
        assert!(
            peak <= LINE_PEAK_BUDGET,
            "case {i}: peak {} MiB from {short:?}",
            peak >> 20
        );
        failures += u64::from(out.exit_code != 0);
        if peak > worst_peak {
            (worst_peak, worst_line) = (peak, short);
        }
        // What a line did must leave the terminal working.
        let (o, code) = {
            let o = s.run("kubectl get sts web -o name", None);
            (o.combined, o.exit_code)
        };
        assert_eq!(
            (o.as_str(), code),
            ("statefulset.apps/web\n", 0),
            "case {i}: after {l:?}"
        );
    }
    eprintln!(
        "hostile: {cases} lines, {failures} refused, worst peak {} KiB from {worst_line:?}",
        worst_peak >> 10
    );
    assert!(
        failures > 0 && failures < cases,
        "the pieces must both pass and fail"
    );
}
