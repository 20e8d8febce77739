//! Command-line flags with pflag's rules (as kubectl uses them): `--name=value`, `--name value`,
//! `-n value`, `-nvalue`, grouped booleans `-it`, `--` ends flags, flags anywhere among
//! arguments, and pflag's exact error messages.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    Bool,
    /// A single value (the last one wins).
    Value,
    /// Repeatable; each occurrence may hold a comma-separated list.
    List,
}

#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
}

pub const fn b(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        kind: FlagKind::Bool,
    }
}

pub const fn v(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        kind: FlagKind::Value,
    }
}

pub const fn l(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        kind: FlagKind::List,
    }
}

/// Flags every kubectl command accepts.
pub const GLOBAL: &[Flag] = &[
    v("namespace", Some('n')),
    v("context", None),
    v("cluster", None),
    v("user", None),
    v("kubeconfig", None),
    v("request-timeout", None),
    v("server", Some('s')),
    v("v", Some('v')),
    b("help", Some('h')),
    b("insecure-skip-tls-verify", None),
    b("match-server-version", None),
    b("warnings-as-errors", None),
];

#[derive(Clone, Debug, Default)]
pub struct Parsed {
    values: BTreeMap<&'static str, Vec<String>>,
    /// Positional arguments before `--`.
    pub args: Vec<String>,
    /// Everything after `--` (None if there was no `--`).
    pub after_dash: Option<Vec<String>>,
}

impl Parsed {
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }

    pub fn get(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    pub fn bool(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }

    /// All values of a list flag, split on commas.
    pub fn list(&self, long: &str) -> Vec<String> {
        self.values
            .get(long)
            .map(|vs| {
                vs.iter()
                    .flat_map(|v| v.split(','))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Raw occurrences (no comma splitting).
    pub fn all(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }

    pub fn int(&self, long: &str) -> Result<Option<i64>, String> {
        match self.get(long) {
            None => Ok(None),
            Some(s) => s.parse::<i64>().map(Some).map_err(|_| {
                format!(
                    "invalid argument \"{s}\" for \"--{long}\" flag: strconv.ParseInt: parsing \"{s}\": invalid syntax"
                )
            }),
        }
    }
}

fn find_long<'a>(specs: &'a [&'a [Flag]], name: &str) -> Option<&'a Flag> {
    specs.iter().flat_map(|s| s.iter()).find(|f| f.long == name)
}

fn find_short<'a>(specs: &'a [&'a [Flag]], c: char) -> Option<&'a Flag> {
    specs
        .iter()
        .flat_map(|s| s.iter())
        .find(|f| f.short == Some(c))
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `argv` (without the command words). Errors are pflag's messages, without prefix.
pub fn parse(specs: &[&[Flag]], argv: &[String]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    let set = |p: &mut Parsed, f: &Flag, val: String| {
        p.values.entry(f.long).or_default().push(val);
    };
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.after_dash = Some(argv[i..].to_vec());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(f) = find_long(specs, name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            match f.kind {
                FlagKind::Bool => {
                    let val = match inline {
                        None => "true".to_string(),
                        Some(v) => match parse_bool(&v) {
                            Some(b) => b.to_string(),
                            None => {
                                let names = match f.short {
                                    Some(c) => format!("-{c}, --{name}"),
                                    None => format!("--{name}"),
                                };
                                return Err(format!(
                                    "invalid argument \"{v}\" for \"{names}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"
                                ));
                            }
                        },
                    };
                    set(&mut p, f, val);
                }
                _ => {
                    let val = match inline {
                        Some(v) => v,
                        None => {
                            if i >= argv.len() {
                                return Err(format!("flag needs an argument: --{name}"));
                            }
                            i += 1;
                            argv[i - 1].clone()
                        }
                    };
                    set(&mut p, f, val);
                }
            }
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                let Some(f) = find_short(specs, c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {a}"));
                };
                j += 1;
                match f.kind {
                    FlagKind::Bool => {
                        if j < chars.len() && chars[j] == '=' {
                            let v: String = chars[j + 1..].iter().collect();
                            match parse_bool(&v) {
                                Some(b) => set(&mut p, f, b.to_string()),
                                None => {
                                    return Err(format!(
                                        "invalid argument \"{v}\" for \"-{c}, --{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax",
                                        f.long
                                    ))
                                }
                            }
                            j = chars.len();
                        } else {
                            set(&mut p, f, "true".into());
                        }
                    }
                    _ => {
                        let rest: String = chars[j..].iter().collect();
                        let val = if !rest.is_empty() {
                            rest.strip_prefix('=').unwrap_or(&rest).to_string()
                        } else if i < argv.len() {
                            i += 1;
                            argv[i - 1].clone()
                        } else {
                            return Err(format!("flag needs an argument: '{c}' in -{c}"));
                        };
                        set(&mut p, f, val);
                        j = chars.len();
                    }
                }
            }
            continue;
        }
        p.args.push(a.clone());
    }
    Ok(p)
}

/// Splits `kubectl [global flags] <command> …`: returns the index of the first word that is not
/// a flag or a global flag's value.
pub fn first_word(argv: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            return None;
        }
        if let Some(body) = a.strip_prefix("--") {
            if !body.contains('=') {
                if let Some(f) = find_long(&[GLOBAL], body) {
                    if f.kind != FlagKind::Bool {
                        i += 1;
                    }
                }
            }
        } else if a.len() == 2 && a.starts_with('-') {
            let c = a.chars().nth(1).unwrap_or('-');
            if let Some(f) = find_short(&[GLOBAL], c) {
                if f.kind != FlagKind::Bool {
                    i += 1;
                }
            }
        } else if !a.starts_with('-') || a == "-" {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Go's `time.ParseDuration` subset kubectl flags use: `30s`, `5m`, `1h30m`, `500ms`, `0`.
pub fn parse_duration_ms(s: &str) -> Option<u64> {
    if s == "0" {
        return Some(0);
    }
    let mut total: f64 = 0.0;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let n: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1_000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "us" | "µs" => 0.001,
            "ns" => 0.000_001,
            _ => return None,
        };
        total += n * mult;
        rest = &rest[unit_len..];
    }
    if !total.is_finite() || total > 1e15 {
        return None;
    }
    Some(total.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    const SPECS: &[Flag] = &[
        v("output", Some('o')),
        l("selector", Some('l')),
        b("watch", Some('w')),
        b("stdin", Some('i')),
        b("tty", Some('t')),
        v("replicas", None),
    ];

    #[test]
    fn pflag_forms() {
        let p = parse(
            &[SPECS, GLOBAL],
            &argv("pods -l app=nginx -owide --watch -n kube-system web-0"),
        )
        .unwrap();
        assert_eq!(p.args, vec!["pods", "web-0"]);
        assert_eq!(p.list("selector"), vec!["app=nginx"]);
        assert_eq!(p.get("output"), Some("wide"));
        assert!(p.bool("watch"));
        assert_eq!(p.get("namespace"), Some("kube-system"));
        let p = parse(&[SPECS, GLOBAL], &argv("-it web-0 -- sh -c hostname")).unwrap();
        assert!(p.bool("stdin") && p.bool("tty"));
        assert_eq!(p.after_dash, Some(argv("sh -c hostname")));
        let p = parse(
            &[SPECS, GLOBAL],
            &argv("--replicas=3 -o=yaml --watch=false"),
        )
        .unwrap();
        assert_eq!(p.get("replicas"), Some("3"));
        assert_eq!(p.get("output"), Some("yaml"));
        assert!(!p.bool("watch"));
    }

    #[test]
    fn pflag_errors() {
        assert_eq!(
            parse(&[SPECS], &argv("--bogus")).unwrap_err(),
            "unknown flag: --bogus"
        );
        assert_eq!(
            parse(&[SPECS], &argv("-x")).unwrap_err(),
            "unknown shorthand flag: 'x' in -x"
        );
        assert_eq!(
            parse(&[SPECS], &argv("-o")).unwrap_err(),
            "flag needs an argument: 'o' in -o"
        );
        assert_eq!(
            parse(&[SPECS], &argv("--output")).unwrap_err(),
            "flag needs an argument: --output"
        );
        assert_eq!(
            parse(&[SPECS], &argv("--watch=maybe")).unwrap_err(),
            "invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
    }

    #[test]
    fn global_flags_before_the_command() {
        assert_eq!(first_word(&argv("-n foo get pods")), Some(2));
        assert_eq!(first_word(&argv("--namespace=foo get")), Some(1));
        assert_eq!(first_word(&argv("get")), Some(0));
        assert_eq!(first_word(&argv("-n")), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("30s"), Some(30_000));
        assert_eq!(parse_duration_ms("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration_ms("500ms"), Some(500));
        assert_eq!(parse_duration_ms("1.5m"), Some(90_000));
        assert_eq!(parse_duration_ms("10"), None);
        assert_eq!(parse_duration_ms("s"), None);
    }

    #[test]
    fn fuzz_flags_never_panic() {
        let atoms = [
            "-", "--", "-o", "--output", "=", "x", "-it", "-ix", "--watch=", "-l", "a,b", "--", "é",
        ];
        let mut g = crate::input::yaml::tests::Gen::new(3);
        for _ in 0..3000 {
            let n = g.below(6);
            let a: Vec<String> = (0..n)
                .map(|_| {
                    let k = 1 + g.below(2);
                    (0..k).map(|_| g.pick(&atoms)).collect::<String>()
                })
                .collect();
            let _ = parse(&[SPECS, GLOBAL], &a);
            let _ = first_word(&a);
        }
    }
}
