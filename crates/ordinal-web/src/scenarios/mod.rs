//! Guided scenarios: a manifest, scripted commands at simulated instants, and a short narration
//! of what to notice at each step. Plain data; the engine runs it.

mod catalog;
#[cfg(test)]
mod cattle_tests;
pub mod cond;
mod manifests;
#[cfg(test)]
mod narration_tests;
#[cfg(test)]
pub mod walk;

pub use catalog::ALL;
pub use cond::Cond;

use ordinal_sim::Millis;

#[derive(Debug, PartialEq)]
pub struct Scenario {
    /// Stable id, used in shared links.
    pub id: &'static str,
    pub title: &'static str,
    /// One line inviting the learner to press play, shown before anything has happened.
    pub invite: &'static str,
    pub nodes: usize,
    pub seed: u64,
    /// Manifests the steps and the YAML editor refer to, by file name.
    pub files: &'static [File],
    pub steps: &'static [Step],
    /// When the scripted part is over; playing pauses there once.
    pub end_ms: Millis,
    /// The playback speed the scenario starts at (long waits play faster).
    pub speed: f64,
}

#[derive(Debug, PartialEq)]
pub struct File {
    pub name: &'static str,
    pub text: &'static str,
}

#[derive(Debug, PartialEq)]
pub struct Step {
    pub at_ms: Millis,
    /// The command, exactly as the console shows it (empty: narration only).
    pub run: &'static str,
    /// What to notice from here on.
    pub say: &'static str,
    /// What `say` states about the cluster: it is shown once all of these hold.
    pub when: &'static [Cond],
}

impl Step {
    /// The step whose narration waits until `conds` hold.
    pub const fn when(self, conds: &'static [Cond]) -> Step {
        Step {
            at_ms: self.at_ms,
            run: self.run,
            say: self.say,
            when: conds,
        }
    }
}

impl Scenario {
    pub fn by_id(id: &str) -> Option<&'static Scenario> {
        ALL.iter().copied().find(|s| s.id == id)
    }

    pub fn first() -> &'static Scenario {
        ALL[0]
    }

    pub fn file(&self, name: &str) -> Option<&'static str> {
        self.files.iter().find(|f| f.name == name).map(|f| f.text)
    }

    /// All of the scenario's manifests as one YAML stream (the editor's starting text).
    pub fn manifest(&self) -> String {
        self.files
            .iter()
            .map(|f| f.text.trim_end())
            .collect::<Vec<_>>()
            .join("\n---\n")
            + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_steps_are_in_time_order() {
        let mut ids: Vec<_> = ALL.iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
        for s in ALL {
            assert!(
                s.steps.windows(2).all(|w| w[0].at_ms <= w[1].at_ms),
                "{}: steps out of order",
                s.id
            );
            assert!(
                s.steps.last().is_none_or(|l| l.at_ms < s.end_ms),
                "{}: ends before its last step",
                s.id
            );
            assert!(!s.invite.is_empty() && s.nodes > 0);
        }
    }

    #[test]
    fn every_manifest_parses_and_every_file_reference_exists() {
        for s in ALL {
            for f in s.files {
                let docs = ordinal_kubectl::yaml::parse_documents(f.text)
                    .unwrap_or_else(|e| panic!("{}/{}: {e}", s.id, f.name));
                assert!(!docs.is_empty(), "{}/{} is empty", s.id, f.name);
            }
            for step in s.steps {
                if let Some(i) = step.run.find("-f ") {
                    let name = step.run[i + 3..].split_whitespace().next().unwrap();
                    assert!(s.file(name).is_some(), "{}: no file {name}", s.id);
                }
            }
        }
    }
}
