//! A challenge played in the page: the challenge's setup as a scenario the engine plays to its
//! start, and the attempt the engine feeds every command and every advance of the clock. What
//! the panel shows is `ChallengeView`, plain data rebuilt only when the attempt's state changes.

use crate::scenarios::{File, Scenario, Step};
use ordinal_challenges::{Attempt, Challenge, Status};
use ordinal_sim::{Millis, Simulation};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// How the attempt stands, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    NotYet,
    Solved,
    Failed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeView {
    pub challenge: &'static Challenge,
    pub standing: Standing,
    /// The checker's sentence.
    pub status: String,
    pub commands: usize,
    /// Once solved: simulated time taken and what the controllers did on the way.
    pub took_ms: Option<Millis>,
    pub events: Vec<(String, String, String)>,
}

thread_local! {
    /// The scenario built for each challenge, made once (the engine wants `&'static`).
    static SCENARIOS: RefCell<BTreeMap<&'static str, &'static Scenario>> =
        const { RefCell::new(BTreeMap::new()) };
}

/// Scenario ids of challenges start with this (a shared link names it).
pub const PREFIX: &str = "challenge-";

/// The challenge's setup as a scenario: its files, its setup steps, ending where the learner
/// takes over.
pub fn scenario_for(ch: &'static Challenge) -> &'static Scenario {
    SCENARIOS.with(|m| {
        *m.borrow_mut().entry(ch.id).or_insert_with(|| {
            let files: Vec<File> = ch
                .setup
                .files
                .iter()
                .map(|&(name, text)| File { name, text })
                .collect();
            let steps: Vec<Step> = ch
                .setup
                .steps
                .iter()
                .map(|&(at, run)| Step {
                    at_ms: at * 1000,
                    run,
                    say: "",
                    when: &[],
                })
                .collect();
            Box::leak(Box::new(Scenario {
                id: Box::leak(format!("{PREFIX}{}", ch.id).into_boxed_str()),
                title: ch.title,
                invite: ch.goal,
                nodes: ch.setup.nodes,
                seed: ch.setup.seed,
                files: Box::leak(files.into_boxed_slice()),
                steps: Box::leak(steps.into_boxed_slice()),
                end_ms: ch.start_ms(),
                speed: 4.0,
            }))
        })
    })
}

/// The challenge a scenario id names, if it is a challenge's.
pub fn by_scenario_id(id: &str) -> Option<&'static Challenge> {
    id.strip_prefix(PREFIX).and_then(Challenge::by_id)
}

/// The attempt and the view last built from it.
pub struct Run {
    pub attempt: Attempt,
    view: Rc<ChallengeView>,
    /// What the view was built from (compared without building a sentence).
    shown: (Status, usize),
}

impl Run {
    pub fn begin(ch: &'static Challenge, sim: &Simulation) -> Run {
        let attempt = Attempt::begin(ch, sim);
        let view = Rc::new(build(&attempt, sim));
        let shown = (attempt.status().clone(), attempt.commands_counted());
        Run {
            attempt,
            view,
            shown,
        }
    }

    pub fn view(&self) -> Rc<ChallengeView> {
        self.view.clone()
    }

    /// Rebuilds the view if what it shows changed.
    pub fn refresh(&mut self, sim: &Simulation) {
        let same = &self.shown.0 == self.attempt.status()
            && self.shown.1 == self.attempt.commands_counted();
        if !same {
            self.view = Rc::new(build(&self.attempt, sim));
            self.shown = (
                self.attempt.status().clone(),
                self.attempt.commands_counted(),
            );
        }
    }
}

fn build(a: &Attempt, sim: &Simulation) -> ChallengeView {
    let status = a.status();
    let summary = a.summary(sim.cluster());
    ChallengeView {
        challenge: a.challenge,
        standing: match status {
            Status::Solved => Standing::Solved,
            Status::Failed { .. } => Standing::Failed,
            Status::NotYet(_) => Standing::NotYet,
        },
        status: status.sentence(),
        commands: a.commands_counted(),
        took_ms: summary.as_ref().map(|s| s.took_ms),
        events: summary.map(|s| s.events).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;
    use ordinal_challenges::Challenge;

    fn status(e: &Engine) -> String {
        e.challenge().unwrap().status.clone()
    }

    #[test]
    fn a_challenge_starts_at_its_start_with_the_setup_run_and_nothing_counted() {
        let ch = Challenge::by_id("forced-rollback").unwrap();
        let e = Engine::for_challenge(ch);
        assert_eq!(e.now(), 70_000);
        let lines: Vec<&str> = e.console().map(|c| c.line.as_str()).collect();
        assert_eq!(
            lines,
            [
                "kubectl apply -f web.yaml",
                "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:does-not-exist"
            ]
        );
        let v = e.challenge().unwrap();
        assert_eq!(v.commands, 0);
        assert_eq!(
            v.status,
            "Not yet: the set's template asks for registry.k8s.io/nginx-slim:does-not-exist."
        );
    }

    #[test]
    fn typed_commands_and_the_clock_solve_it_as_the_cli_does() {
        let ch = Challenge::by_id("scale-keep-claims").unwrap();
        let mut e = Engine::for_challenge(ch);
        e.run_user("kubectl scale statefulset web --replicas=1", "");
        assert!(
            status(&e).starts_with("Not yet: web-2 is still there"),
            "{}",
            status(&e)
        );
        // The page's clock, not a sleep: the attempt is checked as time passes.
        let t = e.now();
        let mut at = t;
        while at < t + 40_000 {
            at += 20;
            e.advance_to(at);
        }
        let v = e.challenge().unwrap();
        assert_eq!(
            v.status,
            "Solved: the goal is reached and every constraint held."
        );
        assert_eq!(v.commands, 1);
        assert!(v.took_ms.unwrap() > 0);
        assert!(
            v.events
                .iter()
                .any(|(reason, object, _)| reason == "SuccessfulDelete"
                    && object == "statefulset/web"),
            "{:?}",
            v.events
        );
    }

    #[test]
    fn a_broken_constraint_is_reported_at_once() {
        let ch = Challenge::by_id("clean-up-keep-service").unwrap();
        let mut e = Engine::for_challenge(ch);
        e.run_user("kubectl delete service nginx", "");
        assert_eq!(
            status(&e),
            "Failed \u{201c}the Service nginx is never deleted\u{201d}: the Service nginx was deleted."
        );
    }
}
