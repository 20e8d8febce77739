//! Every rule code cited in the sources resolves in a clone: each code named in a comment (`//`,
//! `///`, `//!`, `/* */`) or a scenario test name (`sc_46_…` → `SC-46`) of any `.rs` file under
//! `crates/` must start a heading in `docs/reference/*.md`. Only comments and test names are read,
//! never string literals, so SVG path data (`"M3 2 H6.5 V14"`), event reasons (`"E2E"`) and
//! identifiers (`dns1123_label`) cannot be mistaken for citations.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Upstream-file aliases checked like rule codes. Aliases that are also ordinary words in
/// comments (`VAL` in "KEY=VAL", `ST`, `SU`, `DEF`) are documented but not checked.
const ALIASES: &[&str] = &[
    "CTL", "UTL", "PCTL", "SSC", "CT", "UT", "HIST", "STRAT", "FEAT", "E2E", "E2EFW", "DNS-SPEC",
];

/// The reference files, which comments must name by their path in the repository.
const REFERENCE_FILES: &[&str] = &[
    "statefulset-controller.md",
    "conformance-scenarios.md",
    "dns.md",
    "replicaset.md",
    "deployment.md",
    "storage.md",
    "events.md",
];

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "target") {
                rs_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Heading texts of docs/reference/*.md, without the leading `#`s.
fn headings() -> Vec<String> {
    let dir = root().join("docs/reference");
    let mut out = Vec::new();
    for e in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            for line in fs::read_to_string(&p).unwrap().lines() {
                if line.starts_with('#') {
                    out.push(line.trim_start_matches('#').trim().to_string());
                }
            }
        }
    }
    out
}

fn resolves(code: &str, headings: &[String]) -> bool {
    headings.iter().any(|h| {
        h.strip_prefix(code)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

/// The comment text of a Rust source, as (line number, text) pieces. A small lexer: it skips
/// string, raw-string, byte-string and char literals so that `//` inside them is not a comment.
fn comments(src: &str) -> Vec<(usize, String)> {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<(usize, String)> = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '/' && at(i + 1) == '/' {
            let start = i;
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
            out.push((line, c[start..i].iter().collect()));
        } else if ch == '/' && at(i + 1) == '*' {
            let (mut depth, mut text) = (0, String::new());
            let mut text_line = line;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        out.push((text_line, std::mem::take(&mut text)));
                        line += 1;
                        text_line = line;
                    } else {
                        text.push(c[i]);
                    }
                    i += 1;
                }
            }
            out.push((text_line, text));
        } else if ch == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 1;
        } else if ch == 'r'
            && (at(i + 1) == '"' || at(i + 1) == '#')
            && !(i > 0 && ident_char(c[i - 1]) && c[i - 1] != 'b')
        {
            // Raw string r"…", r#"…"#: ends at a quote followed by as many hashes.
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                i += 1;
                continue;
            }
            i = j + 1;
            loop {
                if i >= c.len() {
                    break;
                }
                if c[i] == '\n' {
                    line += 1;
                }
                if c[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            if ch == '\n' {
                line += 1;
            }
            i += 1;
        }
    }
    out
}

/// Whether a word of comment text is a rule code: `§4.1`, `SC-46`, `DNS2`, `ST1`, `R8a`, `R13′`,
/// `C5.3`, `V7`, or one of the checked aliases.
fn is_code(w: &str) -> bool {
    if let Some(n) = w.strip_prefix('§') {
        return !n.is_empty() && n.split('.').all(is_digits);
    }
    if let Some(n) = w.strip_prefix("SC-") {
        return n.len() == 2 && is_digits(n);
    }
    if let Some(n) = w.strip_prefix("DNS") {
        return is_digits(n);
    }
    // The ReplicaSet controller's rules (docs/reference/replicaset.md).
    if let Some(n) = w.strip_prefix("RS") {
        return is_digits(n);
    }
    // The Deployment controller's rules (docs/reference/deployment.md).
    if let Some(n) = w.strip_prefix("DEP") {
        return is_digits(n);
    }
    // Event correlation and TTL (docs/reference/events.md).
    if let Some(n) = w.strip_prefix("EV") {
        return is_digits(n);
    }
    // Storage shared by many pods (docs/reference/storage.md).
    if let Some(n) = w.strip_prefix("ST") {
        return is_digits(n);
    }
    if ALIASES.contains(&w)
        || (w.starts_with("DOC-") && w[4..].chars().all(|c| c.is_ascii_uppercase()) && w.len() > 4)
    {
        return true;
    }
    let mut cs = w.chars();
    let Some(letter) = cs.next() else {
        return false;
    };
    if !"VICSHUAPDNR".contains(letter) {
        return false;
    }
    let rest = cs.as_str();
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (num, tail) = rest.split_at(digits_end);
    if num.is_empty() {
        return false;
    }
    match tail {
        "" => true,
        "′" => letter == 'R',
        t if letter == 'R' && t.len() == 1 => ('a'..='f').contains(&t.chars().next().unwrap()),
        t => t.strip_prefix('.').is_some_and(is_digits),
    }
}

/// Whether `c` can be part of an identifier (so an `r` after it is not a raw-string prefix).
fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// The codes cited in one piece of comment text, including `Fixture U` / `fixture E`.
fn codes_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '§' | '′')))
        .flat_map(|w| w.split(".."))
        .map(|w| w.trim_end_matches(['.', '-']))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if is_code(w) {
            out.push(w.to_string());
        } else if (*w == "Fixture" || *w == "fixture")
            && words
                .get(k + 1)
                .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()))
        {
            out.push(format!("Fixture {}", words[k + 1]));
        }
    }
    out
}

/// `SC-NN` for a scenario test named `sc_NN_…`.
fn test_name_code(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("fn sc_")?;
    let n = rest.get(..2)?;
    (is_digits(n) && rest[2..].starts_with('_')).then(|| format!("SC-{n}"))
}

/// (file:line, code) for every citation in crates/, this file excepted (it names the
/// reference files on purpose).
fn citations() -> Vec<(String, String)> {
    let root = root();
    let mut files = Vec::new();
    rs_files(&root.join("crates"), &mut files);
    let me = Path::new(file!()).file_name().unwrap();
    let mut out = Vec::new();
    for f in files {
        if f.file_name() == Some(me) && f.parent().is_some_and(|p| p.ends_with("ordinal-cli/tests"))
        {
            continue;
        }
        let src = fs::read_to_string(&f).unwrap();
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        for (line, text) in comments(&src) {
            for code in codes_in(&text) {
                out.push((format!("{rel}:{line}"), code));
            }
        }
        for (k, l) in src.lines().enumerate() {
            if let Some(code) = test_name_code(l) {
                out.push((format!("{rel}:{}", k + 1), code));
            }
        }
    }
    out
}

#[test]
fn every_cited_code_is_a_heading_in_docs_reference() {
    let headings = headings();
    let cited = citations();
    // Guard against a vacuous pass (wrong root, lexer eating everything).
    assert!(cited.len() > 150, "only {} citations found", cited.len());
    let unresolved: Vec<String> = cited
        .iter()
        .filter(|(_, code)| !resolves(code, &headings))
        .map(|(at, code)| format!("{at}: {code}"))
        .collect();
    assert!(
        unresolved.is_empty(),
        "codes with no heading in docs/reference/*.md:\n{}",
        unresolved.join("\n")
    );
}

#[test]
fn sources_name_reference_files_by_their_path() {
    let root = root();
    let mut files = Vec::new();
    rs_files(&root.join("crates"), &mut files);
    let me = Path::new(file!()).file_name().unwrap();
    let mut bad = Vec::new();
    for f in files {
        if f.file_name() == Some(me) && f.parent().is_some_and(|p| p.ends_with("ordinal-cli/tests"))
        {
            continue;
        }
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        for (k, line) in fs::read_to_string(&f).unwrap().lines().enumerate() {
            for name in REFERENCE_FILES {
                for (pos, _) in line.match_indices(name) {
                    if !line[..pos].ends_with("docs/reference/") {
                        bad.push(format!("{rel}:{}: {name}", k + 1));
                    }
                }
            }
            for outside in ["shared/reference", "reference §"] {
                if line.contains(outside) {
                    bad.push(format!("{rel}:{}: {outside}", k + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "name the reference as docs/reference/<file>:\n{}",
        bad.join("\n")
    );
}

#[test]
fn lexer_reads_comments_and_skips_literals() {
    let src = "let d = \"M3 2 H6.5 V14\"; // R8a and SC-46\nlet r = r#\"// R99\"#; let c = '\"';\n/* C5.3 */ let e = \"E2E\"; /// Fixture U, §4.1, R13′, R10b/c\n";
    let found: Vec<(usize, String)> = comments(src)
        .into_iter()
        .flat_map(|(l, t)| codes_in(&t).into_iter().map(move |c| (l, c)))
        .collect();
    let want = [
        (1, "R8a"),
        (1, "SC-46"),
        (3, "C5.3"),
        (3, "Fixture U"),
        (3, "§4.1"),
        (3, "R13′"),
        (3, "R10b"),
    ];
    assert_eq!(
        found,
        want.iter()
            .map(|(l, c)| (*l, c.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        codes_in("R1–R13, SC-01..SC-11"),
        ["R1", "R13", "SC-01", "SC-11"]
    );
    assert!(codes_in("IPv4 apps/v1 dns1123 E0101 KEY=VAL L13").is_empty());
    assert_eq!(
        test_name_code("fn sc_46_min_ready_seconds_zero() {"),
        Some("SC-46".into())
    );
}
