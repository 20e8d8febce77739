//! `ordinal`: runs a scenario script against a fresh simulated cluster and prints the
//! transcript exactly as a terminal would show it (or one JSON object per command).

mod challenge;
mod files;
mod svg;

use ordinal_kubectl::{script, Reader, Session, SessionConfig};
use ordinal_sim::features::Features;
use ordinal_sim::timing::TimingProfile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str =
    "Usage: ordinal [--seed N] [--timing realistic|fast] [--nodes N] [--kubernetes 1.31..1.34]
               [--feature-gates Name=true,...] [--jsonl] SCRIPT
       ordinal --svg-at DURATION [-o FILE] SCENARIO|CHALLENGE|SCRIPT
       ordinal posters DIR
       ordinal challenge [--seed N] ID SCRIPT | --list

Runs SCRIPT (a file, or - for stdin) against a fresh simulated cluster: one command per line,
# comments, here-documents (kubectl apply -f - <<EOF ... EOF), sleep 10s to let time pass.
kubectl reads -f files relative to the script's directory (stdin: the current directory).
--feature-gates sets the cluster's gates (MaxUnavailableStatefulSet, AllAlpha, AllBeta).
Prints the terminal transcript; --jsonl prints one JSON object per command instead.
--svg-at 12s draws the cluster at that instant (Go duration syntax) as the app does, into one
standalone SVG (stdout, or -o FILE): of a guided scenario or a challenge by id, or of SCRIPT's
cluster (the options above apply to it). `ordinal posters DIR` writes every guided scenario's
poster (web/posters/ is generated so).
";

struct Args {
    seed: u64,
    timing: TimingProfile,
    nodes: usize,
    minor: u32,
    /// `--feature-gates` values, applied in order once the version is known.
    gates: Vec<String>,
    jsonl: bool,
    script: String,
    /// `--svg-at`: draw the cluster at this instant instead of printing the transcript.
    svg_at: Option<ordinal_sim::Millis>,
    /// `-o`: where the SVG goes (stdout when absent).
    output: Option<String>,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut a = Args {
        seed: 1,
        timing: TimingProfile::realistic(),
        nodes: 3,
        minor: 33,
        gates: Vec::new(),
        jsonl: false,
        script: String::new(),
        svg_at: None,
        output: None,
    };
    let mut i = 0;
    let mut script = None;
    while i < argv.len() {
        let arg = &argv[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let value = |i: &mut usize| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            *i += 1;
            argv.get(*i).cloned().ok_or(format!("{name} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--seed" => {
                let v = value(&mut i)?;
                a.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--timing" => {
                let v = value(&mut i)?;
                a.timing = TimingProfile::by_name(&v)
                    .ok_or(format!("--timing: expected realistic or fast, got {v}"))?;
            }
            "--nodes" => {
                let v = value(&mut i)?;
                a.nodes = v
                    .parse()
                    .map_err(|_| format!("--nodes: not a number: {v}"))?;
            }
            "--kubernetes" => {
                let v = value(&mut i)?;
                let minor = v
                    .trim_start_matches('v')
                    .strip_prefix("1.")
                    .and_then(|m| m.split('.').next())
                    .and_then(|m| m.parse::<u32>().ok())
                    .filter(|m| (31..=34).contains(m))
                    .ok_or(format!("--kubernetes: expected 1.31 to 1.34, got {v}"))?;
                a.minor = minor;
            }
            "--feature-gates" => {
                let v = value(&mut i)?;
                // Checked here so a bad value stops before the script runs.
                Features::default().set_feature_gates(&v).map_err(|e| {
                    format!("invalid argument \"{v}\" for \"--feature-gates\" flag: {e}")
                })?;
                a.gates.push(v);
            }
            "--jsonl" => a.jsonl = true,
            "--svg-at" => {
                let v = value(&mut i)?;
                let at = ordinal_web::embed_params::parse_duration(&v)
                    .map_err(|e| format!("invalid argument \"{v}\" for \"--svg-at\" flag: {e}"))?;
                a.svg_at = Some(at);
            }
            "-o" | "--output" => a.output = Some(value(&mut i)?),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            _ => {
                if script.is_some() {
                    return Err("only one SCRIPT may be given".into());
                }
                script = Some(arg.clone());
            }
        }
        i += 1;
    }
    a.script = script.ok_or("missing SCRIPT")?;
    if a.output.is_some() && a.svg_at.is_none() {
        return Err("-o is for --svg-at".into());
    }
    Ok(a)
}

/// Where relative paths in the script start: the script's directory, as a shell started
/// there would see them (a script on stdin: the current directory).
fn script_dir(script: &str) -> PathBuf {
    if script == "-" {
        return PathBuf::from(".");
    }
    match Path::new(script).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match argv.first().map(String::as_str) {
        Some("challenge") => return challenge::main(&argv[1..]),
        Some("posters") => return svg::posters(&argv[1..]),
        _ => {}
    }
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage(&e),
    };
    if let Some(at) = args.svg_at {
        // An id, or a name that is no file: a scenario (the error lists them).
        let file = args.script == "-" || Path::new(&args.script).exists();
        if svg::is_id(&args.script) || !file {
            return svg::of_id(&args.script, at, args.output.as_deref());
        }
    }
    let text = match read_script(&args.script) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ordinal: {e}");
            return ExitCode::from(2);
        }
    };
    let mut session = session(&args);
    let ran = script::run(&mut session, &text);
    if let Some(at) = args.svg_at {
        return svg::of_script(&mut session, &args.script, at, args.output.as_deref());
    }
    let mut stdout = String::new();
    for ran in ran {
        if args.jsonl {
            let obj = serde_json::json!({
                "time_ms": ran.output.started_ms,
                "command": ran.step.text(),
                "stdout": ran.output.stdout,
                "stderr": ran.output.stderr,
                "exit_code": ran.output.exit_code,
            });
            stdout.push_str(&obj.to_string());
            stdout.push('\n');
        } else {
            stdout.push_str(&ran.transcript());
        }
    }
    print!("{stdout}");
    ExitCode::SUCCESS
}

/// A usage error: the message, the usage text, exit code 2.
fn usage(e: &str) -> ExitCode {
    eprintln!("ordinal: {e}\n{USAGE}");
    ExitCode::from(2)
}

/// The script's text (a file, or `-` for stdin), bounded and UTF-8.
pub(crate) fn read_script(script: &str) -> Result<String, String> {
    let read = if script == "-" {
        files::read_bounded(std::io::stdin())
    } else {
        std::fs::File::open(script).and_then(files::read_bounded)
    };
    let name = if script == "-" { "stdin" } else { script };
    match read.map(|b| b.map(String::from_utf8)) {
        Ok(Some(Ok(s))) => Ok(s),
        Ok(Some(Err(_))) => Err(format!("cannot read {name}: not UTF-8 text")),
        Ok(None) => Err(format!("cannot read {name}: {}", files::too_large())),
        Err(e) => Err(format!("cannot read {name}: {e}")),
    }
}

/// A fresh cluster with the options' seed, nodes, timing, version and gates, reading files
/// relative to the script.
fn session(args: &Args) -> Session {
    let mut config = SessionConfig::default();
    config.cluster.seed = args.seed;
    config.cluster.nodes = args.nodes;
    config.cluster.timing = args.timing.clone();
    config.cluster.features.minor = args.minor;
    for g in &args.gates {
        // Already validated by parse_args.
        let _ = config.cluster.features.set_feature_gates(g);
    }
    config.reader = Some(Reader(Arc::new(files::DiskFiles {
        base: script_dir(&args.script),
    })));
    Session::new(config)
}
