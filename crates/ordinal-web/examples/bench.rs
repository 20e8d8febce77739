//! Rough native timings of the per-frame work with 100 pods: `cargo run --release -p ordinal-web
//! --example bench`. (The browser is slower; this says where the time goes.)
use ordinal_web::engine::Engine;
use ordinal_web::scenarios::Scenario;
use ordinal_web::view::Layout;
use std::time::Instant;

fn main() {
    let mut e = Engine::new(Scenario::by_id("parallel-vs-ordered").unwrap());
    e.run_user("kubectl scale sts par --replicas=100", "");
    let (mut adv, mut snap, mut lay, mut frames) = (0.0, 0.0, 0.0, 0);
    let mut t = 0;
    let mut prev = e.snapshot();
    while t < 12_000 {
        t += 33;
        let a = Instant::now();
        e.advance_to(t);
        let b = Instant::now();
        let s = e.snapshot_after(&prev);
        let c = Instant::now();
        let _l = Layout::of(&s);
        let d = Instant::now();
        adv += (b - a).as_secs_f64();
        snap += (c - b).as_secs_f64();
        lay += (d - c).as_secs_f64();
        frames += 1;
        prev = s;
    }
    let ms = |x: f64| x * 1000.0 / frames as f64;
    println!(
        "per frame: advance {:.2} ms, snapshot {:.2} ms, layout {:.2} ms ({frames} frames)",
        ms(adv),
        ms(snap),
        ms(lay)
    );
    for target in [2_000, 9_000, 5_000] {
        let a = Instant::now();
        e.seek(target);
        println!(
            "seek to {target}: {:.1} ms",
            a.elapsed().as_secs_f64() * 1000.0
        );
    }
}
