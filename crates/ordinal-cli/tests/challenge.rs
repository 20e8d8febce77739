//! `ordinal challenge`: exit 0 only when the script solves the challenge.

use std::io::Write;
use std::process::{Command, Stdio};

fn ordinal(args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ordinal"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ordinal");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn list_names_every_challenge_in_order() {
    let (out, _, code) = ordinal(&["challenge", "--list"], "");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 12, "{out}");
    assert!(lines[0].starts_with(" 1. dns-names "), "{out}");
    assert!(
        lines[11].starts_with("12. deployment-to-statefulset "),
        "{out}"
    );
}

#[test]
fn a_solving_script_exits_0_with_transcript_and_result() {
    let script = "kubectl scale statefulset web --replicas=1\nsleep 30\nkubectl get pvc -o name\n";
    let (out, err, code) = ordinal(&["challenge", "scale-keep-claims", "-"], script);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("$ kubectl scale statefulset web --replicas=1\nstatefulset.apps/web scaled\n$ sleep 30\n"), "{out}");
    assert!(out.contains("persistentvolumeclaim/www-web-2\n"), "{out}");
    assert!(
        out.contains("Scale to one, keep every claim: Solved: the goal is reached and every constraint held.\nCommands that changed the cluster: 1 (reference: 1). Simulated time: "),
        "{out}"
    );
}

#[test]
fn a_wrong_script_exits_1_and_says_which_constraint_broke() {
    let script = "kubectl delete pvc www-web-2 --wait=false\nkubectl scale statefulset web --replicas=1\nsleep 30\n";
    let (out, _, code) = ordinal(
        &["challenge", "--seed", "7", "scale-keep-claims", "-"],
        script,
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with("Scale to one, keep every claim: Failed \u{201c}without deleting any PersistentVolumeClaim\u{201d}: claim www-web-2 is being deleted.\n"), "{out}");
    let (out, _, code) = ordinal(
        &["challenge", "scale-keep-claims", "-"],
        "kubectl get pods\n",
    );
    assert_eq!(code, 1);
    assert!(
        out.ends_with(": Not yet: web still wants 3 replicas.\n"),
        "{out}"
    );
}

#[test]
fn bad_usage_exits_2_with_a_clear_message() {
    let (_, err, code) = ordinal(&["challenge", "no-such", "-"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "ordinal challenge: unknown challenge \"no-such\"; challenges: dns-names, "
        ),
        "{err}"
    );
    let (_, err, code) = ordinal(&["challenge", "dns-names"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ordinal challenge: expected a challenge ID and a SCRIPT"),
        "{err}"
    );
    let (_, err, code) = ordinal(&["challenge", "--seed", "x", "dns-names", "-"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ordinal challenge: --seed: not a number: x"),
        "{err}"
    );
    // An unreadable script is told as `ordinal SCRIPT` tells it (one reader for both).
    let (_, err, code) = ordinal(&["challenge", "dns-names", "/nonexistent/s.sh"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("ordinal: cannot read /nonexistent/s.sh: "),
        "{err}"
    );
}
