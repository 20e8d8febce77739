//! The text filters a learner pipes kubectl into on their own machine — GNU `grep`, `head`,
//! `tail` and `wc` (coreutils and grep as a Linux terminal has them), over stdin or files.
//! Options, output layout, exit codes and error texts follow GNU's.

use super::interp::{Exec, Output};
use super::regex::Regex;

/// Runs `argv` if it is one of the filters; `read` reads a named file (`Err`: the OS error).
pub fn run(
    argv: &[String],
    stdin: Option<&str>,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Option<Exec> {
    let args = &argv[1..];
    Some(match argv[0].as_str() {
        "grep" => grep(args, stdin, read),
        "head" => head_tail(true, args, stdin, read),
        "tail" => head_tail(false, args, stdin, read),
        "wc" => wc(args, stdin, read),
        _ => return None,
    })
}

fn exec(out: Output, code: i32) -> Exec {
    Exec { output: out, code }
}

fn usage_error(cmd: &str, msg: &str, usage: &str) -> Exec {
    let mut o = Output::default();
    o.err(&format!(
        "{cmd}: {msg}\n{usage}Try '{cmd} --help' for more information.\n"
    ));
    exec(o, if cmd == "grep" { 2 } else { 1 })
}

/// Inputs: the named files, or stdin (`-` is stdin too).
fn inputs<'a>(
    files: &'a [String],
    stdin: Option<&'a str>,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Vec<(&'a str, Result<String, String>)> {
    if files.is_empty() {
        return vec![("-", Ok(stdin.unwrap_or("").to_string()))];
    }
    files
        .iter()
        .map(|f| {
            let text = if f == "-" {
                Ok(stdin.unwrap_or("").to_string())
            } else {
                read(f)
            };
            (f.as_str(), text)
        })
        .collect()
}

const GREP_USAGE: &str = "Usage: grep [OPTION]... PATTERNS [FILE]...\n";

fn grep(
    args: &[String],
    stdin: Option<&str>,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Exec {
    let (mut icase, mut invert, mut count, mut ere, mut fixed, mut number, mut quiet) =
        (false, false, false, false, false, false, false);
    let mut whole = false;
    // Context lines after and before each match (-A, -B, -C).
    let (mut after, mut before) = (0usize, 0usize);
    let mut patterns: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_operands || a == "-" || !a.starts_with('-') {
            rest.push(a.clone());
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            match long {
                "ignore-case" => icase = true,
                "invert-match" => invert = true,
                "count" => count = true,
                "extended-regexp" => ere = true,
                "fixed-strings" => fixed = true,
                "basic-regexp" => ere = false,
                "line-number" => number = true,
                "quiet" | "silent" => quiet = true,
                "line-regexp" => whole = true,
                _ if long.starts_with("color") || long.starts_with("colour") => {}
                _ if long.starts_with("regexp=") => patterns.push(long[7..].to_string()),
                _ => return usage_error("grep", &format!("unrecognized option '{a}'"), GREP_USAGE),
            }
            continue;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < flags.len() {
            match flags[k] {
                'i' | 'y' => icase = true,
                'v' => invert = true,
                'c' => count = true,
                'E' => ere = true,
                'G' => ere = false,
                'F' => fixed = true,
                'n' => number = true,
                'q' => quiet = true,
                'x' => whole = true,
                c @ ('A' | 'B' | 'C') => {
                    let tail: String = flags[k + 1..].iter().collect();
                    let v = if !tail.is_empty() {
                        tail
                    } else if let Some(p) = args.get(i) {
                        i += 1;
                        p.clone()
                    } else {
                        return usage_error(
                            "grep",
                            &format!("option requires an argument -- '{c}'"),
                            GREP_USAGE,
                        );
                    };
                    let Ok(n) = v.parse::<usize>() else {
                        let mut o = Output::default();
                        o.err(&format!("grep: {v}: invalid context length argument\n"));
                        return exec(o, 2);
                    };
                    match c {
                        'A' => after = n,
                        'B' => before = n,
                        _ => (after, before) = (n, n),
                    }
                    break;
                }
                'e' => {
                    let tail: String = flags[k + 1..].iter().collect();
                    if !tail.is_empty() {
                        patterns.push(tail);
                    } else if let Some(p) = args.get(i) {
                        patterns.push(p.clone());
                        i += 1;
                    } else {
                        return usage_error(
                            "grep",
                            "option requires an argument -- 'e'",
                            GREP_USAGE,
                        );
                    }
                    break;
                }
                c => return usage_error("grep", &format!("invalid option -- '{c}'"), GREP_USAGE),
            }
            k += 1;
        }
    }
    if patterns.is_empty() {
        if rest.is_empty() {
            let mut o = Output::default();
            o.err(&format!(
                "{GREP_USAGE}Try 'grep --help' for more information.\n"
            ));
            return exec(o, 2);
        }
        patterns.push(rest.remove(0));
    }
    // A pattern with newlines is one pattern per line, as grep reads it.
    let mut compiled = Vec::new();
    let mut warnings = String::new();
    for p in patterns.iter().flat_map(|p| p.split('\n')) {
        // -x: the pattern must match the whole line.
        let r = match (fixed, whole, ere) {
            (true, false, _) => Ok(Regex::literal(p, icase)),
            (true, true, _) => Ok(Regex::whole_literal(p, icase)),
            (false, true, true) => Regex::new(&format!("^({p})$"), true, icase),
            (false, true, false) => Regex::new(&format!("^\\({p}\\)$"), false, icase),
            (false, false, _) => Regex::new(p, ere, icase),
        };
        match r {
            Ok(r) => {
                for w in &r.warnings {
                    warnings.push_str(&format!("grep: warning: {w}\n"));
                }
                compiled.push(r)
            }
            Err(e) => {
                let mut o = Output::default();
                o.err(&format!("grep: {e}\n"));
                return exec(o, 2);
            }
        }
    }
    let many = rest.len() > 1;
    let mut out = Output::default();
    out.err(&warnings);
    let (mut any, mut trouble, mut printed) = (false, false, false);
    for (name, text) in inputs(&rest, stdin, read) {
        let label = if name == "-" {
            "(standard input)"
        } else {
            name
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                out.err(&format!("grep: {name}: {e}\n"));
                trouble = true;
                continue;
            }
        };
        let lines: Vec<&str> = text.lines().collect();
        let selected: Vec<bool> = lines
            .iter()
            .map(|l| compiled.iter().any(|r| r.is_match(l)) != invert)
            .collect();
        let n = selected.iter().filter(|s| **s).count();
        any |= n > 0;
        if !(quiet || count) {
            // Each selected line with its context; "--" between groups that do not touch.
            let mut next = 0usize;
            for (k, _) in selected.iter().enumerate().filter(|(_, s)| **s) {
                if out.is_full() {
                    break;
                }
                let from = k.saturating_sub(before).max(next);
                let to = (k + after).min(lines.len() - 1);
                if (after > 0 || before > 0) && printed && from > next {
                    out.out("--\n");
                }
                for (j, line) in lines.iter().enumerate().take(to + 1).skip(from) {
                    let sep = if selected[j] { ':' } else { '-' };
                    let mut s = String::new();
                    if many {
                        s.push_str(label);
                        s.push(sep);
                    }
                    if number {
                        s.push_str(&format!("{}{sep}", j + 1));
                    }
                    s.push_str(line);
                    s.push('\n');
                    out.out(&s);
                }
                printed = true;
                next = next.max(to + 1);
            }
        }
        if count && !quiet {
            out.out(&if many {
                format!("{label}:{n}\n")
            } else {
                format!("{n}\n")
            });
        }
    }
    let code = if trouble && !(quiet && any) {
        2
    } else if any {
        0
    } else {
        1
    };
    exec(out, code)
}

/// `-n N`, `-nN`, `-N`, `--lines=N`; head's `-n -N` (all but the last N) and tail's `-n +N`
/// (from line N on).
enum Count {
    First(usize),
    AllBut(usize),
    Last(usize),
    From(usize),
}

fn head_tail(
    head: bool,
    args: &[String],
    stdin: Option<&str>,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Exec {
    let cmd = if head { "head" } else { "tail" };
    let usage = String::new();
    let mut spec: Option<String> = None;
    let mut files = Vec::new();
    let mut quiet = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "-n" || a == "--lines" {
            let Some(v) = args.get(i) else {
                return usage_error(cmd, "option requires an argument -- 'n'", &usage);
            };
            spec = Some(v.clone());
            i += 1;
        } else if let Some(v) = a.strip_prefix("--lines=") {
            spec = Some(v.to_string());
        } else if let Some(v) = a.strip_prefix("-n") {
            spec = Some(v.to_string());
        } else if a == "-q" || a == "--quiet" || a == "--silent" {
            quiet = true;
        } else if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) {
            spec = Some(a[1..].to_string());
        } else if a.starts_with("--") && a.len() > 2 {
            return usage_error(cmd, &format!("unrecognized option '{a}'"), &usage);
        } else if a.starts_with('-') && a.len() > 1 {
            let c = a.chars().nth(1).unwrap();
            return usage_error(cmd, &format!("invalid option -- '{c}'"), &usage);
        } else {
            files.push(a.clone());
        }
    }
    let count = match spec.as_deref() {
        None => {
            if head {
                Count::First(10)
            } else {
                Count::Last(10)
            }
        }
        Some(v) => {
            let (sign, digits) = match v.chars().next() {
                Some(c @ ('+' | '-')) => (Some(c), &v[1..]),
                _ => (None, v),
            };
            let Ok(n) = digits.parse::<usize>() else {
                let mut o = Output::default();
                o.err(&format!("{cmd}: invalid number of lines: ‘{v}’\n"));
                return exec(o, 1);
            };
            match (head, sign) {
                (true, Some('-')) => Count::AllBut(n),
                (true, _) => Count::First(n),
                (false, Some('+')) => Count::From(n),
                (false, _) => Count::Last(n),
            }
        }
    };
    let many = files.len() > 1 && !quiet;
    let mut out = Output::default();
    let mut code = 0;
    for (k, (name, text)) in inputs(&files, stdin, read).into_iter().enumerate() {
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                out.err(&format!("{cmd}: cannot open '{name}' for reading: {e}\n"));
                code = 1;
                continue;
            }
        };
        if many {
            let label = if name == "-" { "standard input" } else { name };
            out.out(&format!(
                "{}==> {label} <==\n",
                if k > 0 { "\n" } else { "" }
            ));
        }
        // Lines keep their own terminators (a last line without one stays without).
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let n = lines.len();
        let range = match count {
            Count::First(c) => 0..c.min(n),
            Count::AllBut(c) => 0..n.saturating_sub(c),
            Count::Last(c) => n.saturating_sub(c)..n,
            Count::From(c) => c.saturating_sub(1).min(n)..n,
        };
        out.out(&lines[range].concat());
    }
    exec(out, code)
}

fn wc(
    args: &[String],
    stdin: Option<&str>,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Exec {
    let usage = "";
    let (mut lines, mut words, mut bytes, mut chars) = (false, false, false, false);
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--lines" => lines = true,
            "--words" => words = true,
            "--bytes" => bytes = true,
            "--chars" => chars = true,
            "-" => files.push(a.clone()),
            s if s.starts_with("--") => {
                return usage_error("wc", &format!("unrecognized option '{s}'"), usage)
            }
            s if s.starts_with('-') => {
                for c in s[1..].chars() {
                    match c {
                        'l' => lines = true,
                        'w' => words = true,
                        'c' => bytes = true,
                        'm' => chars = true,
                        c => return usage_error("wc", &format!("invalid option -- '{c}'"), usage),
                    }
                }
            }
            _ => files.push(a.clone()),
        }
    }
    if !(lines || words || bytes || chars) {
        (lines, words, bytes) = (true, true, true);
    }
    let mut rows: Vec<(Option<String>, [usize; 4])> = Vec::new();
    let mut out = Output::default();
    let mut code = 0;
    let from_stdin = files.is_empty() || files.iter().any(|f| f == "-");
    for (name, text) in inputs(&files, stdin, read) {
        match text {
            Ok(t) => rows.push((
                (!files.is_empty()).then(|| name.to_string()),
                [
                    t.matches('\n').count(),
                    t.split_whitespace().count(),
                    t.chars().count(),
                    t.len(),
                ],
            )),
            Err(e) => {
                out.err(&format!("wc: {name}: {e}\n"));
                code = 1;
            }
        }
    }
    if files.len() > 1 {
        let mut total = [0; 4];
        for (_, r) in &rows {
            for k in 0..4 {
                total[k] += r[k];
            }
        }
        rows.push((Some("total".into()), total));
    }
    let shown: Vec<usize> = [lines, words, chars, bytes]
        .iter()
        .enumerate()
        .filter(|(_, on)| **on)
        .map(|(k, _)| k)
        .collect();
    // GNU's width: 1 for a single count of a single input; 7 when reading a pipe; else the
    // digits of the total byte count.
    let width = if shown.len() == 1 && rows.len() == 1 {
        1
    } else if from_stdin {
        7
    } else {
        let total: usize = rows.iter().map(|(_, r)| r[3]).max().unwrap_or(0);
        total.to_string().len()
    };
    for (name, r) in rows {
        let mut cols: Vec<String> = shown.iter().map(|&k| format!("{:>width$}", r[k])).collect();
        if let Some(n) = name {
            cols.push(n);
        }
        out.out(&format!("{}\n", cols.join(" ")));
    }
    exec(out, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PODS: &str = "NAME    READY   STATUS    RESTARTS   AGE\n\
web-0   1/1     Running   0          50s\n\
web-1   0/1     Pending   0          3s\n\
web-10  1/1     Running   0          20s\n";

    fn sh(line: &str, stdin: &str) -> (String, String, i32) {
        let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut read = |p: &str| -> Result<String, String> {
            match p {
                "pods.txt" => Ok(PODS.to_string()),
                _ => Err("No such file or directory".into()),
            }
        };
        let e = run(&argv, Some(stdin), &mut read).unwrap();
        (e.output.stdout(), e.output.stderr(), e.code)
    }

    #[test]
    fn grep_selects_counts_inverts_and_folds_case() {
        assert_eq!(
            sh("grep Running", PODS).0,
            "web-0   1/1     Running   0          50s\nweb-10  1/1     Running   0          20s\n"
        );
        assert_eq!(sh("grep -c Running", PODS), ("2\n".into(), "".into(), 0));
        assert_eq!(sh("grep -vc Running", PODS).0, "2\n");
        assert_eq!(sh("grep -ic running", PODS).0, "2\n");
        assert_eq!(sh("grep -E web-(0|1)\\s", PODS).0.lines().count(), 2);
        assert_eq!(sh("grep ^web-1", PODS).0.lines().count(), 2);
        assert_eq!(sh("grep -j nope", PODS).2, 2);
        assert_eq!(sh("grep -x web", "web\nweb-0\n").0, "web\n");
        assert_eq!(sh("grep -xF web-0", "web\nweb-0\n").0, "web-0\n");
        assert_eq!(sh("grep Failed", PODS), ("".into(), "".into(), 1));
        assert_eq!(sh("grep -c Failed", PODS), ("0\n".into(), "".into(), 1));
        assert_eq!(
            sh("grep -A1 web-0", PODS).0,
            "web-0   1/1     Running   0          50s\nweb-1   0/1     Pending   0          3s\n"
        );
        assert_eq!(
            sh("grep -n -B1 web-1$", "a\nweb-1\nb\nc\nweb-1\n").0,
            "1-a\n2:web-1\n--\n4-c\n5:web-1\n"
        );
        assert_eq!(
            sh("grep -C 1 x", "x\na\nx\n").0,
            "x\na\nx\n",
            "touching groups merge"
        );
        assert_eq!(
            sh("grep -n Pending", PODS).0,
            "3:web-1   0/1     Pending   0          3s\n"
        );
    }

    #[test]
    fn grep_errors_are_gnus() {
        assert_eq!(
            sh("grep", ""),
            (
                "".into(),
                "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
                    .into(),
                2
            )
        );
        assert_eq!(
            sh("grep -j x", "").1,
            "grep: invalid option -- 'j'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
        );
        assert_eq!(
            sh("grep [abc", "").1,
            "grep: Unmatched [, [^, [:, [., or [=\n"
        );
        assert_eq!(
            sh("grep x missing.txt", ""),
            (
                "".into(),
                "grep: missing.txt: No such file or directory\n".into(),
                2
            )
        );
        assert_eq!(
            sh("grep -c web pods.txt -", "web\n").0,
            "pods.txt:3\n(standard input):1\n"
        );
    }

    #[test]
    fn head_and_tail_take_lines() {
        assert_eq!(
            sh("head -n 1", PODS).0,
            "NAME    READY   STATUS    RESTARTS   AGE\n"
        );
        assert_eq!(sh("head -2", PODS).0.lines().count(), 2);
        assert_eq!(sh("head -n -3", PODS).0.lines().count(), 1);
        assert_eq!(
            sh("tail -n 1", PODS).0,
            "web-10  1/1     Running   0          20s\n"
        );
        assert_eq!(sh("tail -n +2", PODS).0.lines().count(), 3);
        assert_eq!(
            sh("tail -1", "a\nb").0,
            "b",
            "a last line without newline stays so"
        );
        assert_eq!(sh("head", &"x\n".repeat(20)).0.lines().count(), 10);
        assert_eq!(
            sh("head -n x", PODS),
            ("".into(), "head: invalid number of lines: ‘x’\n".into(), 1)
        );
        assert_eq!(
            sh("head -n1 pods.txt -", "stdin\n").0,
            "==> pods.txt <==\nNAME    READY   STATUS    RESTARTS   AGE\n\n==> standard input <==\nstdin\n"
        );
    }

    #[test]
    fn wc_counts_as_coreutils_prints() {
        assert_eq!(sh("wc -l", PODS).0, "4\n");
        assert_eq!(sh("wc -w", PODS).0, "20\n");
        assert_eq!(sh("wc -c", "abc\n").0, "4\n");
        assert_eq!(sh("wc", "a b\nc\n").0, "      2       3       6\n");
        assert_eq!(sh("wc -l pods.txt", "").0, "4 pods.txt\n");
        assert_eq!(sh("wc -lw pods.txt", "").0, "  4  20 pods.txt\n");
        assert_eq!(
            sh("wc -q", "").1,
            "wc: invalid option -- 'q'\nTry 'wc --help' for more information.\n"
        );
    }
}
