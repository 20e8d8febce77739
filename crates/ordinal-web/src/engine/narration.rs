//! What the narration strip says: the script's sentence once what it states has happened, or —
//! once the learner's own commands have changed the cluster — the controllers' own words.

use crate::scenarios::cond::all_hold;
use crate::scenarios::Step;
use crate::view::Snapshot;
use ordinal_sim::Millis;

#[derive(Clone, Debug, PartialEq)]
pub enum Narration {
    /// Nothing narrated yet: the scenario's invitation.
    Invite,
    /// The script's sentence for this moment.
    Script(&'static str),
    /// A scripted command has run and what its sentence states has not happened yet (nor does
    /// the sentence before still hold): the command, so the strip says nothing untrue.
    Waiting(&'static str),
    /// The learner has left the script: what each controller says it is doing (the sentences
    /// of the controller panels), as `StatefulSet web: waiting for web-1 …`.
    Diverged(Vec<String>),
}

/// What the script says at `now`: the latest narrated step due whose conditions hold; while
/// they do not yet, the narrated step before it if its own still hold; else the latest command.
pub fn scripted(steps: &'static [Step], now: Millis, s: &Snapshot) -> Narration {
    let due = || steps.iter().take_while(|st| st.at_ms <= now);
    let (mut before, mut last) = (None, None);
    for st in due().filter(|st| !st.say.is_empty()) {
        (before, last) = (last, Some(st));
    }
    let holds = |st: &Option<&'static Step>| st.filter(|st| all_hold(st.when, s));
    match holds(&last).or(holds(&before)) {
        Some(st) => Narration::Script(st.say),
        None if last.is_none() => Narration::Invite,
        None => match due().filter(|st| !st.run.is_empty()).last() {
            Some(st) => Narration::Waiting(st.run),
            None => Narration::Invite,
        },
    }
}

/// Each controller's current explanation, as its panel shows it.
pub fn own_words(s: &Snapshot) -> Vec<String> {
    let sets = s.sets.iter().filter_map(|v| {
        let why = v.explanation.as_ref()?;
        Some(format!("StatefulSet {}: {why}", v.name))
    });
    let deployments = s.deployments.iter().filter_map(|v| {
        let why = v.explanation.as_ref()?;
        Some(format!("Deployment {}: {why}", v.name))
    });
    let replica_sets = s.replica_sets.iter().filter_map(|v| {
        let why = v.explanation.as_ref()?;
        Some(format!("{} {}: {why}", v.kind, v.name))
    });
    sets.chain(deployments).chain(replica_sets).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::scenarios::Scenario;

    fn told(e: &Engine) -> Narration {
        e.narration(&e.snapshot())
    }

    #[test]
    fn reads_keep_the_script_and_a_write_gives_way_to_the_controllers_words() {
        let mut e = Engine::new(Scenario::by_id("ordered-creation").unwrap());
        while !e.advance_to(6_000) {}
        assert!(
            matches!(told(&e), Narration::Script(t) if t.starts_with("The controller creates"))
        );
        for read in [
            "kubectl get pods",
            "kubectl describe sts web",
            "kubectl get sts -o yaml",
        ] {
            assert_eq!(e.run_user(read, "").exit_code, 0, "{read}");
        }
        // A write the API server refuses changes nothing either.
        assert_ne!(e.run_user("kubectl delete pod web-9", "").exit_code, 0);
        assert!(!e.diverged());
        assert!(matches!(told(&e), Narration::Script(_)));

        assert_eq!(
            e.run_user("kubectl scale sts web --replicas=3", "")
                .exit_code,
            0
        );
        while !e.advance_to(7_000) {}
        let s = e.snapshot();
        let why = s.set("web").unwrap().explanation.clone().unwrap();
        assert_eq!(
            e.narration(&s),
            Narration::Diverged(vec![format!("StatefulSet web: {why}")]),
            "the controller panel's own sentence"
        );
        // Later scripted steps still run, but their story is not told over the learner's cluster.
        while !e.advance_to(20_000) {}
        assert!(matches!(told(&e), Narration::Diverged(_)));

        // Back before the learner's command, the script is true again; forward, it is not.
        e.seek(5_000);
        assert!(matches!(told(&e), Narration::Script(_)));
        e.seek(8_000);
        assert!(matches!(told(&e), Narration::Diverged(_)));
    }

    #[test]
    fn a_fault_control_diverges_and_a_branch_before_it_forgets_it() {
        let mut e = Engine::new(Scenario::by_id("scale-down").unwrap());
        while !e.advance_to(30_000) {}
        assert_eq!(e.run_user("sim node cut node-1", "").exit_code, 0);
        assert!(e.diverged());
        e.seek(10_000);
        // Any command typed in the past starts a new future: the cut went with the old one…
        e.run_user("kubectl get pods", "");
        assert!(!e.diverged());
        e.seek(31_000);
        assert!(!e.diverged(), "the cut was in the replaced future");
        // …which the branch keeps for Undo, cut and all.
        let before = e.branch().expect("a branch to undo").before.clone();
        let mut old = Engine::restore(e.scenario(), &before);
        old.seek(31_000);
        assert!(old.diverged(), "the undone timeline has the cut again");
        // A read or a sleep of the learner's own is not a write.
        e.run_user("sleep 1", "");
        assert!(!e.diverged(), "sleeping writes nothing");
    }
}
