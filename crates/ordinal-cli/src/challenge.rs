//! `ordinal challenge [--seed N] ID SCRIPT`: runs SCRIPT against a challenge's starting cluster,
//! prints the transcript and the checker's sentence, and exits 0 only when the script solves it.
//! `ordinal challenge --list` lists the challenges.

use ordinal_challenges::{run_script, Challenge, ALL};
use std::process::ExitCode;

pub const USAGE: &str = "Usage: ordinal challenge [--seed N] ID SCRIPT
       ordinal challenge --list

Runs SCRIPT (a file, or - for stdin) from the challenge's starting cluster, checking the goal
and the constraints after every command and every simulated step. Prints the transcript and
the result; exits 0 only when the script solves the challenge (1 when it does not, 2 on bad
usage).
";

pub fn main(argv: &[String]) -> ExitCode {
    let mut seed = None;
    let mut words = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        match a {
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--list" => {
                for (n, c) in ALL.iter().enumerate() {
                    println!("{:>2}. {:<27} {}", n + 1, c.id, c.title);
                }
                return ExitCode::SUCCESS;
            }
            "--seed" => {
                i += 1;
                match argv.get(i).map(|v| v.parse::<u64>()) {
                    Some(Ok(n)) => seed = Some(n),
                    Some(Err(_)) => return usage(&format!("--seed: not a number: {}", argv[i])),
                    None => return usage("--seed needs a value"),
                }
            }
            s if s.starts_with("--seed=") => match s["--seed=".len()..].parse::<u64>() {
                Ok(n) => seed = Some(n),
                Err(_) => return usage(&format!("--seed: not a number: {}", &s[7..])),
            },
            s if s.starts_with('-') && s != "-" => return usage(&format!("unknown option {s}")),
            _ => words.push(argv[i].clone()),
        }
        i += 1;
    }
    let [id, script] = words.as_slice() else {
        return usage("expected a challenge ID and a SCRIPT");
    };
    let Some(challenge) = Challenge::by_id(id) else {
        let ids: Vec<&str> = ALL.iter().map(|c| c.id).collect();
        return usage(&format!(
            "unknown challenge \"{id}\"; challenges: {}",
            ids.join(", ")
        ));
    };
    let text = match crate::read_script(script) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ordinal: {e}");
            return ExitCode::from(2);
        }
    };
    let run = run_script(challenge, seed, &text);
    let status = run.attempt.status();
    let mut out = run.transcript;
    out.push_str(&format!("\n{}: {}\n", challenge.title, status.sentence()));
    if let Some(s) = run.attempt.summary(run.session.sim().cluster()) {
        out.push_str(&format!(
            "Commands that changed the cluster: {} (reference: {}). Simulated time: {}.\n",
            s.commands,
            s.reference,
            ordinal_sim::gofmt::duration_string(s.took_ms)
        ));
    }
    print!("{out}");
    if status.is_solved() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("ordinal challenge: {msg}\n{USAGE}");
    ExitCode::from(2)
}
