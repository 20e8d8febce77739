//! Probe handlers evaluated against the simulated container: exec commands look at its files,
//! HTTP GETs at a web server's document root, TCP at whether something listens.

use super::program::Program;
use crate::api::{Container, IntOrString, Probe};
use crate::fs::{EntryKind, Filesystems, FsError, View};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The probe's output (what follows `Readiness probe failed: `).
    Failure(String),
}

/// What a probe forced through the simulation controls does instead of its handler.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProbeOverride {
    /// Run the handler.
    #[default]
    Auto,
    Fail,
    Pass,
}

pub struct Target<'a> {
    pub container: &'a Container,
    pub program: &'a Program,
    pub ip: &'a str,
    pub fs: &'a Filesystems,
    pub view: &'a View,
}

pub fn evaluate(probe: &Probe, t: &Target) -> Outcome {
    if let Some(exec) = &probe.exec {
        return exec_probe(&exec.command, t);
    }
    if let Some(http) = &probe.http_get {
        let port = resolve_port(&http.port, t.container);
        let path = if http.path.is_empty() {
            "/"
        } else {
            http.path.as_str()
        };
        let scheme = if http.scheme.eq_ignore_ascii_case("https") {
            "https"
        } else {
            "http"
        };
        return http_probe(scheme, port, path, t);
    }
    if let Some(tcp) = &probe.tcp_socket {
        let port = resolve_port(&tcp.port, t.container);
        return match t.program.web {
            Some((_, p)) if p != port => Outcome::Failure(refused(t.ip, port)),
            _ => Outcome::Success,
        };
    }
    Outcome::Success
}

fn resolve_port(p: &IntOrString, c: &Container) -> i32 {
    match p {
        IntOrString::Int(n) => *n as i32,
        IntOrString::String(name) => c
            .ports
            .iter()
            .find(|cp| cp.name == *name)
            .map(|cp| cp.container_port)
            .or_else(|| name.parse().ok())
            .unwrap_or(-1),
    }
}

fn refused(ip: &str, port: i32) -> String {
    format!("dial tcp {ip}:{port}: connect: connection refused")
}

fn http_probe(scheme: &str, port: i32, path: &str, t: &Target) -> Outcome {
    let Some((docroot, listen)) = t.program.web else {
        return Outcome::Success;
    };
    let url = format!("{scheme}://{}:{port}{path}", t.ip);
    if port != listen {
        return Outcome::Failure(format!("Get \"{url}\": {}", refused(t.ip, port)));
    }
    let file = path.split('?').next().unwrap_or("/");
    let full = format!("{docroot}/{}", file.trim_start_matches('/'));
    let status = match t.fs.stat(t.view, &full) {
        Ok(EntryKind::Dir) => match t.fs.stat(
            t.view,
            &format!("{}/index.html", full.trim_end_matches('/')),
        ) {
            Ok(EntryKind::File) => 200,
            // nginx forbids directory listings; httpd's default config allows them.
            _ if docroot == super::images::NGINX_DOCROOT => 403,
            _ => 200,
        },
        Ok(_) => 200,
        Err(_) => 404,
    };
    if (200..400).contains(&status) {
        Outcome::Success
    } else {
        Outcome::Failure(format!("HTTP probe failed with statuscode: {status}"))
    }
}

/// Runs the few commands probes use (`test`, `[`, `cat`, `ls`, `true`, `false`, `exit`),
/// directly or through `sh -c`, joined by `&&`. Anything else succeeds.
fn exec_probe(command: &[String], t: &Target) -> Outcome {
    let words: Vec<String> = match command {
        [sh, flag, script, ..] if is_shell(sh) && flag == "-c" => {
            script.split_whitespace().map(str::to_string).collect()
        }
        _ => command.to_vec(),
    };
    for cmd in words.split(|w| w == "&&" || w == ";") {
        let cmd: Vec<&str> = cmd
            .iter()
            .map(|s| s.trim_end_matches(';'))
            .filter(|s| !s.is_empty())
            .collect();
        if let Outcome::Failure(out) = run(&cmd, t) {
            return Outcome::Failure(out);
        }
    }
    Outcome::Success
}

fn is_shell(s: &str) -> bool {
    matches!(s.rsplit('/').next(), Some("sh" | "bash" | "ash"))
}

fn run(cmd: &[&str], t: &Target) -> Outcome {
    let stat = |p: &str| t.fs.stat(t.view, p);
    match cmd {
        [] => Outcome::Success,
        ["true"] => Outcome::Success,
        ["false"] => Outcome::Failure(String::new()),
        ["exit", code] => {
            if *code == "0" {
                Outcome::Success
            } else {
                Outcome::Failure(String::new())
            }
        }
        ["test", flag, path] | ["[", flag, path, "]"] => {
            let ok = match (*flag, stat(path)) {
                ("-f", Ok(EntryKind::File)) => true,
                ("-d", Ok(EntryKind::Dir)) => true,
                ("-e", Ok(_)) => true,
                ("-s", Ok(EntryKind::File)) => t.fs.read(t.view, path).is_ok_and(|c| !c.is_empty()),
                _ => false,
            };
            if ok {
                Outcome::Success
            } else {
                Outcome::Failure(String::new())
            }
        }
        ["cat", paths @ ..] => {
            for p in paths {
                if let Err(e) = t.fs.read(t.view, p) {
                    let why = match e {
                        FsError::IsADirectory(_) => format!("cat: read error: {}", e.strerror()),
                        _ => format!("cat: can't open '{p}': {}", e.strerror()),
                    };
                    return Outcome::Failure(why);
                }
            }
            Outcome::Success
        }
        ["ls", paths @ ..] => {
            for p in paths.iter().filter(|p| !p.starts_with('-')) {
                if let Err(e) = stat(p) {
                    return Outcome::Failure(format!("ls: {p}: {}", e.strerror()));
                }
            }
            Outcome::Success
        }
        _ => Outcome::Success,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ExecAction, HttpGetAction};
    use crate::controller::kubelet::{images, program::program};
    use crate::fs::{Backing, Mount};

    fn setup(mount_docroot: bool) -> (Filesystems, View, Container) {
        let mut fs = Filesystems::default();
        fs.reset_rootfs("u", "nginx", images::layer("nginx"));
        let mounts = if mount_docroot {
            vec![Mount {
                path: images::NGINX_DOCROOT.into(),
                backing: Backing::Volume("pv".into()),
                read_only: false,
            }]
        } else {
            vec![]
        };
        let view = View {
            rootfs: Backing::Rootfs("u".into(), "nginx".into()),
            mounts,
        };
        let c = Container {
            name: "nginx".into(),
            image: "nginx".into(),
            ..Default::default()
        };
        (fs, view, c)
    }

    fn http(path: &str, port: i64) -> Probe {
        Probe {
            http_get: Some(HttpGetAction {
                path: path.into(),
                port: IntOrString::Int(port),
                scheme: String::new(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn http_probes_look_at_the_docroot() {
        let (mut fs, view, c) = setup(false);
        let prog = program(&c);
        let t = Target {
            container: &c,
            program: &prog,
            ip: "10.244.1.2",
            fs: &fs,
            view: &view,
        };
        assert_eq!(evaluate(&http("/index.html", 80), &t), Outcome::Success);
        assert_eq!(
            evaluate(&http("/missing", 80), &t),
            Outcome::Failure("HTTP probe failed with statuscode: 404".into())
        );
        assert_eq!(
            evaluate(&http("/", 8080), &t),
            Outcome::Failure("Get \"http://10.244.1.2:8080/\": dial tcp 10.244.1.2:8080: connect: connection refused".into())
        );
        fs.remove(&view, "/usr/share/nginx/html/index.html", false)
            .unwrap();
        let t = Target {
            container: &c,
            program: &prog,
            ip: "10.244.1.2",
            fs: &fs,
            view: &view,
        };
        assert_eq!(
            evaluate(&http("/", 80), &t),
            Outcome::Failure("HTTP probe failed with statuscode: 403".into())
        );
    }

    #[test]
    fn a_volume_over_the_docroot_hides_the_image_page() {
        let (fs, view, c) = setup(true);
        let prog = program(&c);
        let t = Target {
            container: &c,
            program: &prog,
            ip: "10.244.1.2",
            fs: &fs,
            view: &view,
        };
        assert_eq!(
            evaluate(&http("/index.html", 80), &t),
            Outcome::Failure("HTTP probe failed with statuscode: 404".into())
        );
    }

    #[test]
    fn exec_probes_look_at_files() {
        let (mut fs, view, c) = setup(false);
        let prog = program(&c);
        let exec = |cmd: &[&str]| Probe {
            exec: Some(ExecAction {
                command: cmd.iter().map(|s| s.to_string()).collect(),
            }),
            ..Default::default()
        };
        {
            let t = Target {
                container: &c,
                program: &prog,
                ip: "ip",
                fs: &fs,
                view: &view,
            };
            assert_eq!(
                evaluate(&exec(&["test", "-f", "/tmp/ready"]), &t),
                Outcome::Failure(String::new())
            );
            assert_eq!(
                evaluate(&exec(&["cat", "/tmp/healthy"]), &t),
                Outcome::Failure(
                    "cat: can't open '/tmp/healthy': No such file or directory".into()
                )
            );
        }
        fs.write(&view, "/tmp/ready", "", false).unwrap();
        let t = Target {
            container: &c,
            program: &prog,
            ip: "ip",
            fs: &fs,
            view: &view,
        };
        assert_eq!(
            evaluate(&exec(&["sh", "-c", "test -f /tmp/ready && true"]), &t),
            Outcome::Success
        );
    }
}
