//! Scenario scripts: one command per line (a here-document, a quoted string or a `for` loop
//! may continue over several lines), `#` comment lines, blank lines ignored. Running one
//! produces the transcript a terminal would show.

use crate::session::{CommandOutput, Session};
use crate::shell::{self, ParseError};

/// One command as typed: its lines (the first after the prompt, the rest after `> `).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub lines: Vec<String>,
}

impl Step {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

fn incomplete(e: &ParseError) -> bool {
    matches!(
        e,
        ParseError::UnexpectedEof
            | ParseError::UnterminatedQuote(_)
            | ParseError::Unterminated(_)
            | ParseError::HereDocEof(_)
    )
}

/// Splits a script into commands. Lines keep growing a command while the shell says the
/// text so far is incomplete (open quote, heredoc, `for` without `done`, trailing `\`).
pub fn split(script: &str) -> Vec<Step> {
    let lines: Vec<&str> = script.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i];
        let t = first.trim();
        i += 1;
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let mut cur = vec![first.to_string()];
        loop {
            let text = cur.join("\n");
            let needs_more =
                text.ends_with('\\') || matches!(shell::parse(&text), Err(ref e) if incomplete(e));
            if !needs_more || i >= lines.len() {
                break;
            }
            cur.push(lines[i].to_string());
            i += 1;
        }
        steps.push(Step { lines: cur });
    }
    steps
}

/// One executed step.
#[derive(Clone, Debug)]
pub struct Ran {
    pub prompt: String,
    pub step: Step,
    pub output: CommandOutput,
}

impl Ran {
    /// The step as a terminal shows it: the prompt and command, `> ` continuation lines, then
    /// everything the command printed.
    pub fn transcript(&self) -> String {
        let mut s = String::new();
        for (i, l) in self.step.lines.iter().enumerate() {
            if i == 0 {
                s.push_str(&self.prompt);
            } else {
                s.push_str("> ");
            }
            s.push_str(l);
            s.push('\n');
        }
        s.push_str(&self.output.combined);
        if !self.output.combined.is_empty() && !self.output.combined.ends_with('\n') {
            // The next prompt starts on a new line in a transcript.
            s.push('\n');
        }
        s
    }
}

/// Runs every step of a script against the session.
pub fn run(session: &mut Session, script: &str) -> Vec<Ran> {
    let mut out = Vec::new();
    for step in split(script) {
        let prompt = session.prompt();
        let output = session.run(&step.text(), None);
        out.push(Ran {
            prompt,
            step,
            output,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_commands_heredocs_and_loops() {
        let script = "# comment\nkubectl get pods\n\nkubectl apply -f - <<EOF\nkind: X\nEOF\nfor i in 0 1; do\n  echo $i\ndone\necho 'a\nb'\n";
        let steps = split(script);
        assert_eq!(
            steps.iter().map(|s| s.lines.len()).collect::<Vec<_>>(),
            vec![1, 3, 3, 2]
        );
        assert_eq!(steps[1].lines[2], "EOF");
    }
}
