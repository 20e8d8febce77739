//! What a container's process does, read from its image and command: whether it keeps
//! running, when it exits by itself and with what code, how it reacts to SIGTERM, and whether
//! it serves HTTP from a document root.

use super::images::{self, ImageKind};
use crate::api::Container;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// Exits by itself after this long with this code (None: runs until stopped).
    pub exits_after: Option<(u64, i32)>,
    /// What SIGTERM does.
    pub on_sigterm: OnSigterm,
    /// A web server's document root and port.
    pub web: Option<(&'static str, i32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnSigterm {
    /// Shuts down promptly with this exit code.
    Exit(i32),
    /// PID 1 shell without a trap: SIGTERM is ignored, SIGKILL at the end of the grace period
    /// (exit code 137).
    Ignore,
}

pub fn program(c: &Container) -> Program {
    let kind = images::kind(&c.image);
    let web = match kind {
        ImageKind::Nginx => Some((images::NGINX_DOCROOT, 80)),
        ImageKind::Httpd => Some((images::HTTPD_DOCROOT, 80)),
        _ => None,
    };
    let words: Vec<&str> = c
        .command
        .iter()
        .chain(&c.args)
        .flat_map(|s| s.split_whitespace())
        .collect();
    if words.is_empty() {
        return match kind {
            // `kubectl run -i`: the image's shell reads the attached stdin and keeps running;
            // as PID 1 it ignores SIGTERM.
            ImageKind::Shell if c.stdin => Program {
                exits_after: None,
                on_sigterm: OnSigterm::Ignore,
                web: None,
            },
            ImageKind::Shell => Program {
                exits_after: Some((0, 0)),
                on_sigterm: OnSigterm::Exit(0),
                web: None,
            },
            _ => Program {
                exits_after: None,
                on_sigterm: OnSigterm::Exit(0),
                web,
            },
        };
    }
    let script = words.join(" ");
    let shell = matches!(
        words[0].rsplit('/').next(),
        Some("sh" | "bash" | "ash" | "dash")
    );
    // PID 1 only reacts to signals it handles: shells and coreutils install no SIGTERM handler.
    let no_handler = shell
        || matches!(
            words[0].rsplit('/').next(),
            Some("sleep" | "tail" | "cat" | "yes" | "watch")
        );
    let sigterm = match trap_exit_code(&words) {
        Some(code) => OnSigterm::Exit(code),
        None if no_handler => OnSigterm::Ignore,
        None => OnSigterm::Exit(0),
    };
    let forever = script.contains("sleep infinity")
        || script.contains("tail -f")
        || script.contains("while true")
        || script.contains("while :")
        || script.contains("nginx")
        || script.contains("httpd");
    let exit_code = explicit_exit(&words).unwrap_or(0);
    let exits_after = if forever {
        None
    } else if let Some(secs) = sleep_seconds(&words) {
        Some((secs * 1000, exit_code))
    } else if shell
        || explicit_exit(&words).is_some()
        || matches!(words[0], "echo" | "true" | "false" | "date" | "ls" | "cat")
    {
        Some((0, if words[0] == "false" { 1 } else { exit_code }))
    } else {
        None
    };
    Program {
        exits_after,
        on_sigterm: sigterm,
        web: if forever || exits_after.is_none() {
            web
        } else {
            None
        },
    }
}

/// Total of `sleep N` commands (seconds; `1m`/`1h` suffixes allowed).
fn sleep_seconds(words: &[&str]) -> Option<u64> {
    let mut total = None;
    for w in words.windows(2) {
        if w[0].trim_start_matches([';', '&', '(']) == "sleep" {
            let arg = w[1].trim_end_matches([';', '&', ')']);
            let (num, mult) = match arg.chars().last() {
                Some('s') => (&arg[..arg.len() - 1], 1),
                Some('m') => (&arg[..arg.len() - 1], 60),
                Some('h') => (&arg[..arg.len() - 1], 3600),
                Some('d') => (&arg[..arg.len() - 1], 86_400),
                _ => (arg, 1),
            };
            if let Ok(n) = num.parse::<f64>() {
                *total.get_or_insert(0) += (n * mult as f64) as u64;
            }
        }
    }
    total
}

/// The code of an `exit N` outside a trap.
fn explicit_exit(words: &[&str]) -> Option<i32> {
    let mut in_trap = false;
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        if *w == "trap" {
            in_trap = true;
        }
        if in_trap && (w.ends_with('\'') || w.ends_with('"')) && i > 0 && words[i - 1] != "trap" {
            in_trap = false;
            continue;
        }
        if !in_trap && w.trim_start_matches([';', '&']) == "exit" {
            found = words
                .get(i + 1)
                .and_then(|n| n.trim_end_matches([';', ')']).parse().ok())
                .or(Some(0));
        }
    }
    found
}

/// `trap 'exit 1' TERM` → 1.
fn trap_exit_code(words: &[&str]) -> Option<i32> {
    let i = words.iter().position(|w| *w == "trap")?;
    let body: Vec<&str> = words[i + 1..].iter().take(3).copied().collect();
    let pos = body
        .iter()
        .position(|w| w.trim_start_matches(['\'', '"']) == "exit")?;
    let code = body
        .get(pos + 1)
        .map(|c| c.trim_matches(['\'', '"', ';']))
        .and_then(|c| c.parse().ok());
    Some(code.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(image: &str, cmd: &[&str]) -> Container {
        Container {
            name: "c".into(),
            image: image.into(),
            command: cmd.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn servers_run_forever_and_exit_cleanly() {
        let p = program(&c("nginx", &[]));
        assert_eq!(p.exits_after, None);
        assert_eq!(p.on_sigterm, OnSigterm::Exit(0));
        assert_eq!(p.web, Some(("/usr/share/nginx/html", 80)));
    }

    #[test]
    fn shells() {
        assert_eq!(program(&c("busybox", &[])).exits_after, Some((0, 0)));
        let sleeper = program(&c("busybox", &["sh", "-c", "sleep 3600"]));
        assert_eq!(sleeper.exits_after, Some((3_600_000, 0)));
        assert_eq!(sleeper.on_sigterm, OnSigterm::Ignore);
        assert_eq!(
            program(&c("busybox", &["sh", "-c", "exit 1"])).exits_after,
            Some((0, 1))
        );
        assert_eq!(
            program(&c("busybox", &["sh", "-c", "sleep 5; exit 3"])).exits_after,
            Some((5000, 3))
        );
        let trap = program(&c(
            "busybox",
            &[
                "sh",
                "-c",
                "trap 'exit 1' TERM; while true; do sleep 1; done",
            ],
        ));
        assert_eq!(trap.exits_after, None);
        assert_eq!(trap.on_sigterm, OnSigterm::Exit(1));
        assert_eq!(
            program(&c("busybox", &["sleep", "infinity"])).exits_after,
            None
        );
    }
}
