//! Every scenario in `tests/golden/*.sh` is run through the `ordinal` binary and its transcript
//! compared with `tests/golden/*.golden`. `UPDATE_GOLDEN=1 cargo test -p ordinal-cli` rewrites the
//! goldens (read them before committing: they are the story a learner will see).

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn run(script: &Path, extra: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_ordinal"))
        .args(extra)
        .arg(script)
        .output()
        .expect("run ordinal");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Options for `ordinal` from a script's first line, `# ordinal-args: --feature-gates X=true`
/// (a comment to the script itself, so the transcript does not show it).
fn script_args(script: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(script).expect("read script");
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# ordinal-args:"))
        .map(|a| a.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn scenario_transcripts_match_goldens() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(
        scripts.len() >= 10,
        "expected the scenario scripts, found {}",
        scripts.len()
    );
    let mut failures = Vec::new();
    for script in &scripts {
        let args = script_args(script);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (stdout, stderr, code) = run(script, &args);
        assert_eq!(code, 0, "{}: {stderr}", script.display());
        let golden = script.with_extension("golden");
        if update {
            std::fs::write(&golden, &stdout).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != stdout {
            let line = want
                .lines()
                .zip(stdout.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(stdout.lines().count()));
            failures.push(format!(
                "{} differs from its golden at line {}:\n  golden: {:?}\n  actual: {:?}",
                script.display(),
                line + 1,
                want.lines().nth(line).unwrap_or(""),
                stdout.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn same_seed_same_transcript_and_jsonl_shape() {
    let script = golden_dir().join("01-ordered-creation.sh");
    let (a, _, _) = run(&script, &["--seed", "7", "--timing", "fast"]);
    let (b, _, _) = run(&script, &["--seed", "7", "--timing", "fast"]);
    assert_eq!(a, b, "a run is determined by its seed");
    let (jsonl, _, code) = run(&script, &["--jsonl"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 7, "one object per command");
    assert_eq!(
        lines[0]["command"],
        "kubectl apply -f https://k8s.io/examples/application/web/web.yaml"
    );
    assert_eq!(
        lines[0]["stdout"],
        "service/nginx created\nstatefulset.apps/web created\n"
    );
    assert_eq!(lines[0]["exit_code"], 0);
    assert_eq!(lines[0]["time_ms"], 0);
    assert!(lines[1]["time_ms"] == 0 && lines[2]["time_ms"].as_u64().unwrap_or(0) > 10_000);
}

#[test]
fn unreadable_script_is_an_error() {
    let (stdout, stderr, code) = run(Path::new("/nonexistent/script.sh"), &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("ordinal: cannot read /nonexistent/script.sh:"),
        "{stderr}"
    );
}

#[test]
fn feature_gates_are_checked_in_component_bases_words() {
    let script = golden_dir().join("01-ordered-creation.sh");
    let (stdout, stderr, code) = run(&script, &["--feature-gates", "Foo=true"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with(
            "ordinal: invalid argument \"Foo=true\" for \"--feature-gates\" flag: unrecognized feature gate: Foo\n"
        ),
        "{stderr}"
    );
    let (_, stderr, code) = run(&script, &["--feature-gates=MaxUnavailableStatefulSet"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("ordinal: invalid argument \"MaxUnavailableStatefulSet\" for \"--feature-gates\" flag: missing bool value for MaxUnavailableStatefulSet\n"),
        "{stderr}"
    );
}

#[test]
fn an_endless_script_is_refused_after_the_bound() {
    let (stdout, stderr, code) = run(Path::new("/dev/zero"), &[]);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "ordinal: cannot read /dev/zero: file is larger than the 1048576-byte limit\n"
    );
    assert_eq!(code, 2);
}
