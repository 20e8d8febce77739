//! A whole attempt from a script (the CLI and the tests): the challenge's start, then each
//! command of the script, the attempt checking after every one.

use crate::{Attempt, Challenge};
use ordinal_kubectl::{script, Session};

pub struct ScriptRun {
    /// What a terminal would have shown.
    pub transcript: String,
    pub attempt: Attempt,
    pub session: Session,
}

/// Runs `text` (one command per line, `#` comments, here-documents) against the challenge.
/// Stops early once the attempt has failed: nothing after can mend it.
pub fn run_script(challenge: &'static Challenge, seed: Option<u64>, text: &str) -> ScriptRun {
    let mut session = challenge.start_session(seed);
    let mut attempt = Attempt::begin(challenge, session.sim());
    let mut transcript = String::new();
    for step in script::split(text) {
        if attempt.status().is_failed() {
            break;
        }
        let prompt = session.prompt();
        let line = step.text();
        let output = session.run(&line, None);
        attempt.after_command(session.sim(), &line, &output);
        transcript.push_str(
            &script::Ran {
                prompt,
                step,
                output,
            }
            .transcript(),
        );
    }
    ScriptRun {
        transcript,
        attempt,
        session,
    }
}

/// The reference solution as a script.
pub fn solution_script(challenge: &Challenge) -> String {
    challenge.solution.join("\n") + "\n"
}
