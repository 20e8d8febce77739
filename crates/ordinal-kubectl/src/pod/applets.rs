//! The commands a container offers, with busybox's or Debian coreutils' wording.

use super::{http, nslookup, Container, Flavor};
use crate::shell::{Exec, Shell};
use ordinal_sim::controls::SimAction;
use ordinal_sim::fs::{EntryKind, FsError};

pub enum Ran {
    Done(Exec),
    /// No such program in the image.
    NotFound,
}

/// Runs a command inside the shell (unknown commands: `sh: foo: not found`, exit 127).
pub fn run(c: &mut Container, sh: &mut Shell, argv: &[String], stdin: Option<&str>) -> Exec {
    match run_argv(c, sh, argv, stdin) {
        Ran::Done(e) => e,
        Ran::NotFound => Exec::fail(
            format!("{}{}: not found\n", c.flavor.sh_prefix(), argv[0]),
            127,
        ),
    }
}

fn ok(s: impl Into<String>) -> Ran {
    Ran::Done(Exec::ok(s))
}

fn fail(s: impl Into<String>, code: i32) -> Ran {
    Ran::Done(Exec::fail(s, code))
}

/// Splits `-abc` style flags from operands (stops at `--`).
fn split_flags(args: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut rest = Vec::new();
    let mut done = false;
    for a in args {
        if !done && a == "--" {
            done = true;
            continue;
        }
        if !done && a.len() > 1 && a.starts_with('-') {
            flags.push_str(&a[1..]);
        } else {
            rest.push(a.clone());
        }
    }
    (flags, rest)
}

pub fn run_argv(c: &mut Container, sh: &mut Shell, argv: &[String], stdin: Option<&str>) -> Ran {
    let name = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_string();
    let args = &argv[1..];
    let bb = c.flavor == Flavor::Busybox;
    match name.as_str() {
        "sh" | "ash" | "dash" => shell(c, args, stdin),
        "bash" if !bb => shell(c, args, stdin),
        "echo" | "true" | "false" | "exit" => {
            // Builtins when called through the shell; here the program form.
            let line = argv
                .iter()
                .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
                .collect::<Vec<_>>()
                .join(" ");
            let (e, _) = super::run_script(c, sh, &line, stdin);
            Ran::Done(e)
        }
        "hostname" => hostname(c, args),
        "cat" => cat(c, args, stdin),
        "ls" => ls(c, args),
        "rm" => rm(c, args),
        "mv" => mv(c, args),
        "mkdir" => mkdir(c, args),
        "touch" => touch(c, args),
        "test" => Ran::Done(test(c, args)),
        "[" => {
            if args.last().map(String::as_str) != Some("]") {
                return fail(format!("{}[: missing ]\n", c.flavor.sh_prefix()), 2);
            }
            Ran::Done(test(c, &args[..args.len() - 1]))
        }
        "cd" => {
            let target = args.first().cloned().unwrap_or_else(|| "/root".into());
            let abs = normalize(&c.abs(&target));
            let st =
                c.st.sim
                    .cluster()
                    .stat_file(&c.namespace, &c.pod, Some(&c.container), &abs);
            match st {
                Ok(EntryKind::Dir) => {
                    c.cwd = abs;
                    ok("")
                }
                Ok(_) => fail(cd_err(c.flavor, &target, "Not a directory"), 2),
                Err(e) => fail(cd_err(c.flavor, &target, e.strerror()), 2),
            }
        }
        "pwd" => ok(format!("{}\n", c.cwd)),
        "sleep" => {
            let secs: f64 = args
                .first()
                .and_then(|a| a.trim_end_matches('s').parse().ok())
                .unwrap_or(-1.0);
            if secs < 0.0 {
                let msg = if bb {
                    "sleep: invalid number\n".to_string()
                } else {
                    "sleep: missing operand\nTry 'sleep --help' for more information.\n".to_string()
                };
                return fail(msg, 1);
            }
            match c.st.sleep((secs * 1000.0) as u64) {
                Ok(()) => ok(""),
                Err(spent) => fail(spent.message("sleep"), 1),
            }
        }
        "date" => ok(format!("{}\n", date(c.st.now()))),
        "whoami" => ok("root\n"),
        "id" => ok(if bb {
            "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"
        } else {
            "uid=0(root) gid=0(root) groups=0(root)\n"
        }),
        "uname" => {
            let all = args.iter().any(|a| a == "-a");
            let host = pod_hostname(c);
            ok(if all {
                format!("Linux {host} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux\n")
            } else {
                "Linux\n".into()
            })
        }
        "env" | "printenv" => {
            let host = pod_hostname(c);
            ok(format!(
                "HOSTNAME={host}\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOME=/root\nKUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\n"
            ))
        }
        "grep" => grep(args, stdin),
        "wc" => {
            let text = stdin.unwrap_or("");
            if args.iter().any(|a| a == "-l") {
                ok(format!("{}\n", text.lines().count()))
            } else {
                ok(format!(
                    "{} {} {}\n",
                    text.lines().count(),
                    text.split_whitespace().count(),
                    text.len()
                ))
            }
        }
        "head" | "tail" => {
            let n = args
                .windows(2)
                .find(|w| w[0] == "-n")
                .and_then(|w| w[1].parse::<usize>().ok())
                .unwrap_or(10);
            let lines: Vec<&str> = stdin.unwrap_or("").lines().collect();
            let pick: Vec<&str> = if name == "head" {
                lines.iter().take(n).copied().collect()
            } else {
                lines
                    .iter()
                    .skip(lines.len().saturating_sub(n))
                    .copied()
                    .collect()
            };
            ok(pick.iter().map(|l| format!("{l}\n")).collect::<String>())
        }
        "nslookup" => match nslookup::Variant::of(&nslookup::image(c)) {
            Some(v) => Ran::Done(nslookup::run(c, v, args)),
            None => Ran::NotFound,
        },
        "wget" if bb => Ran::Done(http::wget(c, args)),
        "curl" if !bb => Ran::Done(http::curl(c, args)),
        _ => Ran::NotFound,
    }
}

fn cd_err(f: Flavor, target: &str, reason: &str) -> String {
    match f {
        Flavor::Busybox => format!("sh: cd: can't cd to {target}: {reason}\n"),
        Flavor::Debian => format!("sh: 1: cd: can't cd to {target}\n"),
    }
}

fn shell(c: &mut Container, args: &[String], stdin: Option<&str>) -> Ran {
    match args.first().map(String::as_str) {
        Some("-c") => {
            let Some(script) = args.get(1) else {
                let msg = match c.flavor {
                    Flavor::Busybox => "sh: -c requires an argument\n",
                    Flavor::Debian => "sh: 0: -c requires an argument\n",
                };
                return fail(msg, 2);
            };
            let mut sh = Shell::new();
            let (e, _) = super::run_script(c, &mut sh, script, stdin);
            Ran::Done(e)
        }
        Some(path) if !path.starts_with('-') => match c.read(path) {
            Ok(text) => {
                let mut sh = Shell::new();
                let (e, _) = super::run_script(c, &mut sh, &text, stdin);
                Ran::Done(e)
            }
            Err(e) => fail(
                match c.flavor {
                    Flavor::Busybox => format!("sh: can't open '{path}': {}\n", e.strerror()),
                    Flavor::Debian => format!("sh: 0: cannot open {path}: No such file\n"),
                },
                2,
            ),
        },
        _ => {
            // No -c: the script is whatever stdin holds.
            let text = stdin.unwrap_or("").to_string();
            let mut sh = Shell::new();
            let (e, _) = super::run_script(c, &mut sh, &text, None);
            Ran::Done(e)
        }
    }
}

fn pod_hostname(c: &Container) -> String {
    c.pod_object()
        .map(|p| {
            if p.spec.hostname.is_empty() {
                p.metadata.name.clone()
            } else {
                p.spec.hostname.clone()
            }
        })
        .unwrap_or_else(|| c.pod.clone())
}

fn hostname(c: &Container, args: &[String]) -> Ran {
    let Some(p) = c.pod_object() else {
        return ok(format!("{}\n", c.pod));
    };
    let host = pod_hostname(c);
    let fqdn = if p.spec.subdomain.is_empty() {
        host.clone()
    } else {
        format!(
            "{host}.{}.{}.svc.{}",
            p.spec.subdomain,
            p.metadata.namespace,
            ordinal_sim::dns::CLUSTER_DOMAIN
        )
    };
    match args.first().map(String::as_str) {
        None | Some("-s") | Some("--short") => ok(format!("{host}\n")),
        Some("-f") | Some("--fqdn") | Some("--long") => ok(format!("{fqdn}\n")),
        Some("-i") | Some("--ip-address") => ok(format!("{}\n", p.status.pod_ip)),
        Some("-d") | Some("--domain") => {
            let domain = fqdn.split_once('.').map_or("", |(_, d)| d).to_string();
            ok(format!("{domain}\n"))
        }
        Some(other) if other.starts_with('-') => fail(
            match c.flavor {
                Flavor::Busybox => format!(
                    "hostname: invalid option -- '{}'\n",
                    other.trim_start_matches('-')
                ),
                Flavor::Debian => format!(
                    "hostname: invalid option -- '{}'\n",
                    other.trim_start_matches('-')
                ),
            },
            1,
        ),
        Some(_) => fail("hostname: you must be root to change the host name\n", 1),
    }
}

fn cat(c: &Container, args: &[String], stdin: Option<&str>) -> Ran {
    let (_, files) = split_flags(args);
    if files.is_empty() {
        return ok(stdin.unwrap_or("").to_string());
    }
    let mut out = Exec::default();
    for f in &files {
        if f == "-" {
            out.output.out(stdin.unwrap_or(""));
            continue;
        }
        match c.read(f) {
            Ok(t) => out.output.out(&t),
            Err(e) => {
                out.code = 1;
                out.output.err(&match c.flavor {
                    Flavor::Busybox => format!("cat: can't open '{f}': {}\n", e.strerror()),
                    Flavor::Debian => format!("cat: {f}: {}\n", e.strerror()),
                });
            }
        }
    }
    Ran::Done(out)
}

fn ls(c: &Container, args: &[String]) -> Ran {
    let (flags, mut paths) = split_flags(args);
    let long = flags.contains('l');
    let all = flags.contains('a');
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut out = Exec::default();
    let many = paths.len() > 1;
    for (i, p) in paths.iter().enumerate() {
        let abs = normalize(&c.abs(p));
        match c
            .st
            .sim
            .cluster()
            .list_dir(&c.namespace, &c.pod, Some(&c.container), &abs)
        {
            Ok(mut entries) => {
                ordinal_sim::sort::sort_by(&mut entries, |a, b| a.name.cmp(&b.name));
                if many {
                    if i > 0 {
                        out.output.out("\n");
                    }
                    out.output.out(&format!("{p}:\n"));
                }
                if long {
                    out.output.out(&format!("total {}\n", entries.len() * 4));
                }
                if all {
                    for dot in [".", ".."] {
                        out.output.out(&if long {
                            long_line(c, dot, EntryKind::Dir, 4096, None)
                        } else {
                            format!("{dot}\n")
                        });
                    }
                }
                for e in entries {
                    if !all && e.name.starts_with('.') {
                        continue;
                    }
                    let line = if long {
                        long_line(c, &e.name, e.kind, e.size, e.target.as_deref())
                    } else {
                        format!("{}\n", e.name)
                    };
                    out.output.out(&line);
                }
            }
            Err(e) => {
                out.code = if c.flavor == Flavor::Busybox { 1 } else { 2 };
                out.output.err(&match c.flavor {
                    Flavor::Busybox => format!("ls: {p}: {}\n", e.strerror()),
                    Flavor::Debian => format!("ls: cannot access '{p}': {}\n", e.strerror()),
                });
            }
        }
    }
    Ran::Done(out)
}

fn long_line(
    c: &Container,
    name: &str,
    kind: EntryKind,
    size: usize,
    target: Option<&str>,
) -> String {
    let (mode, size) = match kind {
        EntryKind::Dir => ("drwxr-xr-x", 4096),
        EntryKind::File => ("-rw-r--r--", size),
        EntryKind::Symlink => ("lrwxrwxrwx", target.map_or(0, str::len)),
    };
    let date = ls_date(c.st.now());
    let link = target.map(|t| format!(" -> {t}")).unwrap_or_default();
    match c.flavor {
        Flavor::Busybox => format!("{mode}    1 root     root     {size:>9} {date} {name}{link}\n"),
        Flavor::Debian => format!("{mode} 1 root root {size:>4} {date} {name}{link}\n"),
    }
}

fn rm(c: &mut Container, args: &[String]) -> Ran {
    let (flags, paths) = split_flags(args);
    let recursive = flags.contains('r') || flags.contains('R');
    let force = flags.contains('f');
    if paths.is_empty() {
        return fail(
            match c.flavor {
                Flavor::Busybox => "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n",
                Flavor::Debian => "rm: missing operand\nTry 'rm --help' for more information.\n",
            },
            1,
        );
    }
    let mut out = Exec::default();
    for p in paths {
        let abs = c.abs(&p);
        let st =
            c.st.sim
                .cluster()
                .stat_file(&c.namespace, &c.pod, Some(&c.container), &abs);
        if let Ok(EntryKind::Dir) = st {
            if !recursive {
                out.code = 1;
                out.output.err(&match c.flavor {
                    Flavor::Busybox => format!("rm: '{p}' is a directory\n"),
                    Flavor::Debian => format!("rm: cannot remove '{p}': Is a directory\n"),
                });
                continue;
            }
        }
        if let Err(e) = st {
            if !force {
                out.code = 1;
                out.output.err(&match c.flavor {
                    Flavor::Busybox => format!("rm: can't remove '{p}': {}\n", e.strerror()),
                    Flavor::Debian => format!("rm: cannot remove '{p}': {}\n", e.strerror()),
                });
            }
            continue;
        }
        let action = SimAction::RemoveFile {
            namespace: c.namespace.clone(),
            pod: c.pod.clone(),
            container: Some(c.container.clone()),
            path: abs,
            recursive,
        };
        if let Err(e) = c.change(action) {
            out.code = 1;
            let reason = e.rsplit(": ").next().unwrap_or(&e).trim_end().to_string();
            out.output.err(&match c.flavor {
                Flavor::Busybox => format!("rm: can't remove '{p}': {reason}\n"),
                Flavor::Debian => format!("rm: cannot remove '{p}': {reason}\n"),
            });
        }
    }
    Ran::Done(out)
}

fn mv(c: &mut Container, args: &[String]) -> Ran {
    let (_, paths) = split_flags(args);
    if paths.len() != 2 {
        return fail(
            match c.flavor {
                Flavor::Busybox => "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: mv [-fin] SOURCE DEST\n",
                Flavor::Debian => "mv: missing destination file operand\nTry 'mv --help' for more information.\n",
            },
            1,
        );
    }
    let (from, to) = (c.abs(&paths[0]), c.abs(&paths[1]));
    if let Err(e) =
        c.st.sim
            .cluster()
            .stat_file(&c.namespace, &c.pod, Some(&c.container), &from)
    {
        return fail(
            match c.flavor {
                Flavor::Busybox => format!("mv: can't rename '{}': {}\n", paths[0], e.strerror()),
                Flavor::Debian => format!("mv: cannot stat '{}': {}\n", paths[0], e.strerror()),
            },
            1,
        );
    }
    // `mv file dir/` moves into the directory.
    let to = match c
        .st
        .sim
        .cluster()
        .stat_file(&c.namespace, &c.pod, Some(&c.container), &to)
    {
        Ok(EntryKind::Dir) => {
            let base = from.rsplit('/').next().unwrap_or(&from).to_string();
            format!("{}/{base}", to.trim_end_matches('/'))
        }
        _ => to,
    };
    let action = SimAction::Rename {
        namespace: c.namespace.clone(),
        pod: c.pod.clone(),
        container: Some(c.container.clone()),
        from,
        to,
    };
    match c.change(action) {
        Ok(()) => ok(""),
        Err(e) => {
            let reason = e.rsplit(": ").next().unwrap_or(&e).trim_end().to_string();
            fail(
                match c.flavor {
                    Flavor::Busybox => format!("mv: can't rename '{}': {reason}\n", paths[0]),
                    Flavor::Debian => format!(
                        "mv: cannot move '{}' to '{}': {reason}\n",
                        paths[0], paths[1]
                    ),
                },
                1,
            )
        }
    }
}

fn mkdir(c: &mut Container, args: &[String]) -> Ran {
    let (flags, paths) = split_flags(args);
    let parents = flags.contains('p');
    let mut out = Exec::default();
    for p in paths {
        let action = SimAction::MakeDir {
            namespace: c.namespace.clone(),
            pod: c.pod.clone(),
            container: Some(c.container.clone()),
            path: c.abs(&p),
            parents,
        };
        if let Err(e) = c.change(action) {
            out.code = 1;
            let reason = e.rsplit(": ").next().unwrap_or(&e).trim_end().to_string();
            out.output.err(&match c.flavor {
                Flavor::Busybox => format!("mkdir: can't create directory '{p}': {reason}\n"),
                Flavor::Debian => format!("mkdir: cannot create directory '{p}': {reason}\n"),
            });
        }
    }
    Ran::Done(out)
}

fn touch(c: &mut Container, args: &[String]) -> Ran {
    let (_, paths) = split_flags(args);
    let mut out = Exec::default();
    for p in paths {
        if let Err(e) = c.write(&p, "", true) {
            out.code = 1;
            let reason = e.rsplit(": ").next().unwrap_or(&e).trim_end().to_string();
            out.output.err(&match c.flavor {
                Flavor::Busybox => format!("touch: {p}: {reason}\n"),
                Flavor::Debian => format!("touch: cannot touch '{p}': {reason}\n"),
            });
        }
    }
    Ran::Done(out)
}

/// `test` / `[`: file tests, string tests and `=`/`!=`/integer comparisons.
fn test(c: &Container, args: &[String]) -> Exec {
    let stat = |p: &str| -> Result<EntryKind, FsError> {
        c.st.sim
            .cluster()
            .stat_file(&c.namespace, &c.pod, Some(&c.container), &c.abs(p))
    };
    let truth = match args {
        [] => false,
        [s] => !s.is_empty(),
        [op, x] if op == "!" => x.is_empty(),
        [op, p] => match op.as_str() {
            "-f" => stat(p).is_ok_and(|k| k == EntryKind::File),
            "-d" => stat(p).is_ok_and(|k| k == EntryKind::Dir),
            "-e" => stat(p).is_ok(),
            "-s" => c.read(p).is_ok_and(|t| !t.is_empty()),
            "-L" | "-h" => stat(p).is_ok_and(|k| k == EntryKind::Symlink),
            "-z" => p.is_empty(),
            "-n" => !p.is_empty(),
            "-r" | "-w" | "-x" => stat(p).is_ok(),
            _ => {
                return Exec::fail(
                    format!("{}test: {op}: unexpected operator\n", c.flavor.sh_prefix()),
                    2,
                )
            }
        },
        [a, op, b] => match op.as_str() {
            "=" | "==" => a == b,
            "!=" => a != b,
            "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" => {
                let (Ok(x), Ok(y)) = (a.parse::<i64>(), b.parse::<i64>()) else {
                    return Exec::fail(
                        format!("{}test: Illegal number: {a}\n", c.flavor.sh_prefix()),
                        2,
                    );
                };
                match op.as_str() {
                    "-eq" => x == y,
                    "-ne" => x != y,
                    "-lt" => x < y,
                    "-le" => x <= y,
                    "-gt" => x > y,
                    _ => x >= y,
                }
            }
            _ => {
                return Exec::fail(
                    format!("{}test: {op}: unexpected operator\n", c.flavor.sh_prefix()),
                    2,
                )
            }
        },
        _ => {
            return Exec::fail(
                format!("{}test: too many arguments\n", c.flavor.sh_prefix()),
                2,
            )
        }
    };
    Exec {
        output: Default::default(),
        code: i32::from(!truth),
    }
}

fn grep(args: &[String], stdin: Option<&str>) -> Ran {
    let (flags, rest) = split_flags(args);
    let Some(pat) = rest.first() else {
        return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
    };
    let ci = flags.contains('i');
    let invert = flags.contains('v');
    let count = flags.contains('c');
    let p = if ci { pat.to_lowercase() } else { pat.clone() };
    let matched: Vec<&str> = stdin
        .unwrap_or("")
        .lines()
        .filter(|l| {
            let hay = if ci { l.to_lowercase() } else { l.to_string() };
            hay.contains(&p) != invert
        })
        .collect();
    let code = i32::from(matched.is_empty());
    let out = if count {
        format!("{}\n", matched.len())
    } else {
        matched.iter().map(|l| format!("{l}\n")).collect()
    };
    Ran::Done(Exec {
        output: {
            let mut o = crate::shell::Output::default();
            o.out(&out);
            o
        },
        code,
    })
}

/// `/a/./b/../c` → `/a/c`.
pub fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// `date`: `Thu Jan  1 00:00:05 UTC 2026`.
fn date(ms: u64) -> String {
    let c = ordinal_sim::time::to_civil(ms);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
        c.weekday_abbr(),
        c.month_abbr(),
        c.day,
        c.hour(),
        c.minute(),
        c.second(),
        c.year
    )
}

/// `ls -l` date: `Jan  1 00:05`.
fn ls_date(ms: u64) -> String {
    let c = ordinal_sim::time::to_civil(ms);
    format!(
        "{} {:>2} {:02}:{:02}",
        c.month_abbr(),
        c.day,
        c.hour(),
        c.minute()
    )
}
