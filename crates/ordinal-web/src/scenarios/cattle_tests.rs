//! The four cattle-and-pets scenarios played to their end natively, checking what the canvas and
//! the console show a learner at each step's moment (the e2e tests check the same in a browser).

use crate::engine::Engine;
use crate::scenarios::Scenario;
use crate::view::Snapshot;

fn play(id: &str) -> Engine {
    Engine::new(Scenario::by_id(id).unwrap())
}

fn at(e: &mut Engine, s: u64) -> Snapshot {
    while !e.advance_to(s * 1000) {}
    e.snapshot()
}

/// Every console line the scenario has run so far, with its output.
fn console(e: &Engine) -> String {
    e.console()
        .map(|c| format!("$ {}\n{}{}", c.line, c.output.stdout, c.output.stderr))
        .collect()
}

fn dump(id: &str, times: &[u64]) {
    let mut e = play(id);
    for &t in times {
        let s = at(&mut e, t);
        println!("== {id} at {t}s: {:?}", e.narration());
        for r in &s.replica_sets {
            println!(
                "  rs {} {:?} d{} c{} r{} rev{:?}",
                r.name, r.role, r.desired, r.current, r.ready, r.revision
            );
        }
        for p in &s.pods {
            println!(
                "  pod {} {} {} node={:?} ip={} rs={:?} wait={:?}",
                p.name, p.status, p.ready_column, p.node, p.ip, p.replica_set, p.waiting
            );
        }
        for c in &s.claims {
            println!("  claim {} {} users={:?}", c.name, c.phase, c.users);
        }
    }
    println!("{}", console(&e));
}

#[test]
#[ignore = "prints the scenarios for review"]
fn dump_all() {
    //dump("cattle-and-pets", &[20, 30, 45, 58, 75]);
    dump("database-as-replicaset", &[30, 45, 72, 80]);
    //dump("rolling-update-two-ways", &[27, 32, 40, 50, 75]);
    //dump("node-dies-three-ways", &[24, 100, 385, 440]);
}
