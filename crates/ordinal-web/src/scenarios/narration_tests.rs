//! Every guided scenario, one state per simulated second: the narration and the drawing say
//! only what is true of the cluster drawn, in kubectl's words.

use super::walk::every_second;
use super::{Scenario, ALL};
use crate::components::lane::node_state;
use crate::components::set_header::summary;
use crate::engine::Narration;
use ordinal_kubectl::output::printers::columns::cells;
use ordinal_sim::api::{Node, Resource, StatefulSet};
use std::collections::BTreeSet;

#[test]
fn a_sentence_is_shown_only_while_what_it_states_holds_and_every_one_is_shown() {
    let mut failures = Vec::new();
    for sc in ALL {
        let mut shown = BTreeSet::new();
        every_second(sc, |e, s| {
            let Narration::Script(text) = e.narration(s) else {
                return;
            };
            shown.insert(text);
            let step = sc.steps.iter().find(|st| st.say == text).unwrap();
            let false_now: Vec<_> = step.when.iter().filter(|c| !c.holds(s)).collect();
            if !false_now.is_empty() {
                failures.push(format!(
                    "{} at {} s: {false_now:?} do not hold for {text:?}",
                    sc.id,
                    s.now / 1000
                ));
            }
        });
        for st in sc.steps.iter().filter(|st| !st.say.is_empty()) {
            if !shown.contains(st.say) {
                failures.push(format!("{}: never shown: {:?}", sc.id, st.say));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_narrated_step_states_its_condition_but_an_instruction() {
    let bare: Vec<_> = ALL
        .iter()
        .flat_map(|sc| sc.steps.iter())
        .filter(|st| !st.say.is_empty() && st.when.is_empty())
        .map(|st| st.say)
        .collect();
    // "Watch the DNS panel…" tells the learner where to look; it states nothing yet.
    assert_eq!(
        bare,
        ["Watch the DNS panel: web-0.nginx appears only once web-0 is Ready."]
    );
}

#[test]
fn the_set_card_counts_what_kubectl_get_sts_counts() {
    let mut differed = 0;
    for sc in ALL {
        every_second(sc, |e, s| {
            for v in &s.sets {
                let set = e.cluster().api.get::<StatefulSet>(&v.namespace, &v.name);
                let ready = cells(&set.unwrap().clone().into_object(), s.now)[1].clone();
                let card = summary(v);
                assert!(
                    card.starts_with(&format!("{ready} ready ·")),
                    "{} at {} s: card {card:?}, kubectl READY {ready}",
                    sc.id,
                    s.now / 1000
                );
                differed += usize::from(v.ready_replicas != v.replicas);
            }
        });
    }
    // The states where status.replicas and readyReplicas differ are the ones that matter.
    assert!(differed > 50, "{differed} states with pods not yet ready");
}

#[test]
fn node_lanes_say_what_kubectl_get_nodes_says() {
    let mut not_ready = 0;
    for id in ["node-failure", "node-dies-three-ways"] {
        every_second(Scenario::by_id(id).unwrap(), |e, s| {
            for n in &s.nodes {
                let node = e.cluster().api.get::<Node>("", &n.name).unwrap();
                let status = cells(&node.clone().into_object(), s.now)[1].clone();
                assert_eq!(node_state(Some(n), false).1, status, "{id} {}", n.name);
                not_ready += usize::from(n.ready == "Unknown");
            }
        });
    }
    assert!(not_ready > 100, "{not_ready} states of an unreachable node");
}

#[test]
fn parallel_creation_is_not_called_a_rolling_update() {
    let mut waits = 0;
    every_second(Scenario::by_id("parallel-vs-ordered").unwrap(), |_, s| {
        let why = s.set("par").and_then(|v| v.explanation.clone());
        let why = why.unwrap_or_default();
        assert!(
            !why.contains("rolling update"),
            "at {} s: {why}",
            s.now / 1000
        );
        waits += usize::from(why.starts_with("waiting for par-"));
    });
    assert!(waits > 0, "par's controller explains its wait");
}

#[test]
fn between_a_command_and_its_event_the_strip_waits_a_few_seconds_at_most() {
    for sc in ALL {
        let mut waited = Vec::new();
        every_second(sc, |e, s| {
            if let Narration::Waiting(run) = e.narration(s) {
                assert!(sc.steps.iter().any(|st| st.run == run));
                waited.push(s.now / 1000);
            }
        });
        // Consecutive seconds spent on "Just ran …" (a blocking command can repeat a second).
        let longest = waited
            .chunk_by(|a, b| b - a <= 1)
            .map(|run| run.len())
            .max()
            .unwrap_or(0);
        assert!(longest <= 5, "{}: waiting at {waited:?}", sc.id);
    }
}
