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

#[test]
fn database_replicas_fight_over_one_claim_and_write_the_same_file() {
    let mut e = play("database-as-replicaset");
    let s = at(&mut e, 30);
    let db: Vec<_> = s
        .pods
        .iter()
        .filter(|p| p.replica_set.as_deref() == Some("db"))
        .collect();
    assert_eq!(db.len(), 3);
    let running: Vec<_> = db.iter().filter(|p| p.status == "Running").collect();
    assert_eq!(running.len(), 1, "one replica has the disk");
    let holder = &running[0].name;
    for p in db.iter().filter(|p| p.status != "Running") {
        assert_eq!(p.status, "ContainerCreating", "{}", p.name);
        let (reason, message) = p.waiting.clone().expect("says why it waits");
        assert_eq!(reason, "FailedAttachVolume");
        assert!(
            message.starts_with("Multi-Attach error for volume \"pvc-")
                && message.ends_with(&format!("Volume is already used by pod(s) {holder}")),
            "{message}"
        );
        assert_ne!(p.node, running[0].node, "on another node than the disk");
    }
    let data = s.claims.iter().find(|c| c.name == "data").unwrap();
    assert_eq!(data.users.len(), 3, "one claim for all three replicas");

    let s = at(&mut e, 80);
    let names: Vec<&str> = s
        .pods
        .iter()
        .filter(|p| p.replica_set.as_deref() == Some("db-local"))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names.len(), 3);
    let cat = e.console().last().unwrap();
    assert!(cat.line.ends_with("-- cat /var/lib/mysql/rows"), "{}", cat.line);
    let rows: Vec<&str> = cat.output.stdout.lines().collect();
    let want: Vec<String> = names.iter().map(|n| format!("row from {n}")).collect();
    assert_eq!(rows, want, "every replica's row in the one file");
}
