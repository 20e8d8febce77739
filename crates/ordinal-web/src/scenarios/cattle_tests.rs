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
    assert!(
        cat.line.ends_with("-- cat /var/lib/mysql/rows"),
        "{}",
        cat.line
    );
    let rows: Vec<&str> = cat.output.stdout.lines().collect();
    let want: Vec<String> = names.iter().map(|n| format!("row from {n}")).collect();
    assert_eq!(rows, want, "every replica's row in the one file");
}

/// Cattle pods that are not terminating.
fn live<'a>(s: &'a Snapshot, prefix: &str) -> Vec<&'a str> {
    s.pods
        .iter()
        .filter(|p| p.replica_set.is_some() && p.name.starts_with(prefix) && !p.terminating)
        .map(|p| p.name.as_str())
        .collect()
}

#[test]
fn a_deleted_cattle_pod_returns_under_a_new_name_a_pet_under_its_own() {
    let mut e = play("cattle-and-pets");
    let before = at(&mut e, 22);
    let cattle = live(&before, "cattle-");
    assert_eq!(cattle.len(), 3);
    assert!(cattle.iter().all(|n| {
        let suffix = n.rsplit('-').next().unwrap();
        suffix.len() == 5
            && suffix
                .chars()
                .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c))
    }));
    let after = at(&mut e, 34);
    let now = live(&after, "cattle-");
    let fresh: Vec<_> = now.iter().filter(|n| !cattle.contains(n)).collect();
    assert_eq!((now.len(), fresh.len()), (3, 1), "{cattle:?} → {now:?}");
    let new_ip = &after.pod(fresh[0]).unwrap().ip;
    assert!(
        before.pods.iter().all(|p| p.ip != *new_ip),
        "a new IP: {new_ip}"
    );

    let s = at(&mut e, 48);
    let pet = s.pod("pets-1").expect("pets-1 is back under its name");
    assert!(pet.ready);
    assert_eq!(pet.claims, ["www-pets-1"]);
    assert!(s
        .dns
        .iter()
        .any(|r| r.name == "pets-1.pets.default.svc.cluster.local" && r.value == pet.ip));

    let s = at(&mut e, 78);
    assert_eq!(live(&s, "cattle-").len(), 2);
    assert!(s.pod("pets-2").is_none(), "the highest ordinal went");
    assert!(s.pod("pets-1").is_some() && s.pod("pets-0").is_some());
    let kept = s.claims.iter().find(|c| c.name == "www-pets-2").unwrap();
    assert!(kept.users.is_empty(), "its claim stays, detached");
}

#[test]
fn a_deployment_surges_while_a_statefulset_replaces_from_the_top() {
    let mut e = play("rolling-update-two-ways");
    let mut most = 0;
    let mut pets_order = Vec::new();
    for t in 28..75 {
        let s = at(&mut e, t);
        most = most.max(live(&s, "cattle-").len());
        if let Some(p) = s
            .pods
            .iter()
            .find(|p| p.name.starts_with("pets-") && p.terminating)
        {
            if pets_order.last() != Some(&p.name) {
                pets_order.push(p.name.clone());
            }
        }
    }
    assert_eq!(most, 6, "replicas 4 + maxSurge 2, never more");
    assert_eq!(pets_order, ["pets-2", "pets-1", "pets-0"]);
    let s = at(&mut e, 75);
    let rs: Vec<_> = s
        .replica_sets
        .iter()
        .map(|r| (r.revision, r.desired))
        .collect();
    assert_eq!(
        rs,
        [(Some(1), 0), (Some(2), 4)],
        "the old ReplicaSet is kept at 0"
    );
}

#[test]
fn after_a_node_dies_cattle_is_replaced_the_pet_waits_the_bare_pod_is_gone() {
    let mut e = play("node-dies-three-ways");
    let s = at(&mut e, 24);
    let on_node_2 = |s: &Snapshot, prefix: &str| -> Vec<String> {
        s.pods
            .iter()
            .filter(|p| p.name.starts_with(prefix) && p.node.as_deref() == Some("node-2"))
            .map(|p| p.name.clone())
            .collect()
    };
    let lost_cattle = on_node_2(&s, "cattle-");
    let lost_pet = on_node_2(&s, "pets-");
    assert_eq!(
        (lost_cattle.len(), lost_pet.len()),
        (1, 1),
        "one of each on node-2"
    );
    assert_eq!(s.pod("bare").unwrap().node.as_deref(), Some("node-2"));

    let s = at(&mut e, 390);
    assert!(s.pod(&lost_cattle[0]).unwrap().terminating);
    assert_eq!(live(&s, "cattle-").len(), 3, "already replaced elsewhere");
    let pet = s.pod(&lost_pet[0]).unwrap();
    assert!(pet.terminating, "the pet is evicted but not replaced");
    assert!(s.pod("bare").unwrap().terminating);

    let s = at(&mut e, 445);
    assert!(s.pod("bare").is_none(), "nothing recreates a bare pod");
    let pet = s.pod(&lost_pet[0]).expect("recreated under its name");
    assert!(!pet.terminating);
}

/// The tutorial's web.yaml starts at nginx-slim:0.21, so every scripted image change in every
/// scenario is a real change: none answers "(no change)" and no step's command fails.
#[test]
fn every_scripted_image_change_changes_something() {
    for s in crate::scenarios::ALL {
        let mut e = Engine::new(s);
        while !e.advance_to(s.end_ms) {}
        let changes: Vec<_> = e
            .console()
            .filter(|c| c.line.contains("image"))
            .map(|c| (c.line.clone(), c.output.stdout.clone()))
            .collect();
        for (line, out) in &changes {
            if line.starts_with("kubectl patch") || line.starts_with("kubectl set image") {
                assert!(!out.contains("(no change)"), "{}: {line} → {out}", s.id);
                assert!(!out.is_empty(), "{}: {line} printed nothing", s.id);
            }
        }
    }
    let s = Scenario::by_id("rolling-update-partition").unwrap();
    assert!(s.manifest().contains("nginx-slim:0.21"));
    assert!(s.steps.iter().any(|st| st.run.contains("nginx-slim:0.24")));
}
