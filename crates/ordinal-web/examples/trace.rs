//! Prints a scenario's pods, claims and the controller's explanation whenever they change, and
//! every command with its output: `cargo run -p ordinal-web --example trace -- <scenario> [step ms]`.
//! For writing scenario narration against what the simulation really does.

use ordinal_web::engine::Engine;
use ordinal_web::scenarios::Scenario;
fn main() {
    let id = std::env::args().nth(1).unwrap_or("ordered-creation".into());
    let step: u64 = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let s = Scenario::by_id(&id).unwrap();
    let mut e = Engine::new(s);
    let mut t = 0;
    let mut last = String::new();
    let mut seen = 0;
    let end: u64 = std::env::args()
        .nth(3)
        .map(|s| s.parse().unwrap())
        .unwrap_or(s.end_ms);
    while t <= end {
        e.advance_to(t);
        let snap = e.snapshot();
        let mut line = String::new();
        for p in &snap.pods {
            line += &format!(
                " {}[{} {} {} {:?} {}]",
                p.name,
                p.status,
                p.ready_column,
                p.node.clone().unwrap_or("-".into()),
                p.revision_role,
                p.revision_number.unwrap_or(0)
            );
        }
        for c in &snap.claims {
            line += &format!(
                " {}({} {})",
                c.name,
                c.phase,
                c.used_by.clone().unwrap_or("-".into())
            );
        }
        for set in &snap.sets {
            line += &format!(
                " | {} {}/{} why={:?}",
                set.name, set.replicas, set.desired, set.explanation
            );
        }
        line += &format!(" dns={}", snap.dns.len());
        if line != last {
            println!("t={:>6} {}", t, line);
            last = line;
        }
        let cons: Vec<_> = e.console().collect();
        for c in &cons[seen..] {
            println!(
                "   $ {} -> {}{}",
                c.line,
                c.output.stdout.trim_end(),
                c.output.stderr.trim_end()
            );
        }
        seen = cons.len();
        t += step;
    }
}
