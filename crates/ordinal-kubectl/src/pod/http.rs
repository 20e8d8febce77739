//! HTTP from inside a container (`curl`, `wget`): the name is resolved by cluster DNS (or is
//! `localhost`), the address is found among pod IPs and Service ClusterIPs, and the target
//! container's web server (nginx/httpd images) serves files from its document root — the
//! volume a StatefulSet mounts there, for the tutorial. Missing files get nginx's 404 page,
//! a directory without index.html its 403.

use super::Container;
use crate::shell::Exec;
use ordinal_sim::api::{Kind, Object, Pod, Service};
use ordinal_sim::controller::kubelet::program::program;
use ordinal_sim::dns::{self, QType, RData};
use ordinal_sim::fs::{EntryKind, FsError};

pub enum Failure {
    /// The name did not resolve.
    Resolve(String),
    /// Nothing listens there (no web server, wrong port, container not running).
    Refused,
    /// The pod's node cannot be reached.
    Timeout,
}

pub struct Response {
    pub status: u16,
    pub body: String,
}

fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Internal Server Error",
    }
}

fn nginx_error(code: u16) -> String {
    let t = format!("{code} {}", status_text(code));
    format!(
        "<html>\r\n<head><title>{t}</title></head>\r\n<body>\r\n<center><h1>{t}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// Splits `http://host:port/path` → (host, port, path).
pub fn parse_url(url: &str) -> Option<(String, i32, String)> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| (!url.contains("://")).then_some(url))?;
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().ok()?),
        None => (hostport.to_string(), 80),
    };
    if host.is_empty() {
        return None;
    }
    Some((host, port, path))
}

fn pod_by_ip<'a>(c: &'a Container, ip: &str) -> Option<&'a Pod> {
    c.st.list(Kind::Pod, None)
        .into_iter()
        .find_map(|o| match o {
            Object::Pod(p) if p.status.pod_ip == ip && p.metadata.deletion_timestamp.is_none() => {
                Some(p)
            }
            _ => None,
        })
}

fn service_backend(c: &Container, ip: &str) -> Option<String> {
    let svc = c
        .st
        .list(Kind::Service, None)
        .into_iter()
        .find_map(|o| match o {
            Object::Service(s) if s.spec.cluster_ip == ip && !s.is_headless() => Some(s.clone()),
            _ => None,
        })?;
    first_ready_endpoint(c, &svc)
}

fn first_ready_endpoint(c: &Container, svc: &Service) -> Option<String> {
    c.st.list(Kind::EndpointSlice, Some(&svc.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::EndpointSlice(e)
                if e.metadata.labels.get(ordinal_sim::api::SERVICE_NAME_LABEL)
                    == Some(&svc.metadata.name) =>
            {
                Some(e)
            }
            _ => None,
        })
        .flat_map(|e| e.endpoints.iter())
        .filter(|e| e.conditions.ready != Some(false))
        .find_map(|e| e.addresses.first().cloned())
}

/// Performs a GET from the container `c`.
pub fn get(c: &Container, host: &str, port: i32, path: &str) -> Result<Response, Failure> {
    let target: Pod = if host == "localhost" || host == "127.0.0.1" {
        c.pod_object().ok_or(Failure::Refused)?
    } else {
        let ip = if host.chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
            host.to_string()
        } else {
            let res = dns::resolve(&c.st.sim.cluster().api.store, &c.namespace, host, QType::A)
                .map_err(|_| Failure::Resolve(host.to_string()))?;
            res.records
                .iter()
                .find_map(|r| match &r.data {
                    RData::A(ip) => Some(ip.clone()),
                    _ => None,
                })
                .ok_or_else(|| Failure::Resolve(host.to_string()))?
        };
        let ip = service_backend(c, &ip).unwrap_or(ip);
        pod_by_ip(c, &ip).cloned().ok_or(Failure::Timeout)?
    };
    // The first container that serves HTTP on that port.
    let server = target.spec.containers.iter().find_map(|ct| {
        program(ct)
            .web
            .filter(|(_, p)| *p == port)
            .map(|(root, _)| (ct.name.clone(), root))
    });
    let Some((container, root)) = server else {
        return Err(Failure::Refused);
    };
    let cluster = c.st.sim.cluster();
    let ns = &target.metadata.namespace;
    let name = &target.metadata.name;
    let clean = path.split('?').next().unwrap_or("/");
    let file = format!("{root}{clean}");
    let serve_index = |dir: &str| -> Result<Response, Failure> {
        let index = format!("{}/index.html", dir.trim_end_matches('/'));
        match cluster.read_file(ns, name, Some(&container), &index) {
            Ok(body) => Ok(Response { status: 200, body }),
            Err(FsError::NotFound(_)) => Ok(Response {
                status: 403,
                body: nginx_error(403),
            }),
            Err(e) => Err(unreachable(&e)),
        }
    };
    match cluster.stat_file(ns, name, Some(&container), &file) {
        Ok(EntryKind::Dir) => serve_index(&file),
        Ok(_) => match cluster.read_file(ns, name, Some(&container), &file) {
            Ok(body) => Ok(Response { status: 200, body }),
            Err(FsError::IsADirectory(_)) => serve_index(&file),
            Err(FsError::NotFound(_)) => Ok(Response {
                status: 404,
                body: nginx_error(404),
            }),
            Err(e) => Err(unreachable(&e)),
        },
        Err(FsError::NotFound(_)) | Err(FsError::NotADirectory(_)) => Ok(Response {
            status: 404,
            body: nginx_error(404),
        }),
        Err(e) => Err(unreachable(&e)),
    }
}

fn unreachable(e: &FsError) -> Failure {
    match e {
        FsError::NodeUnreachable { .. } => Failure::Timeout,
        _ => Failure::Refused,
    }
}

/// Debian's curl: body on stdout; `-s` silences errors, `-i` adds headers, `-o` writes a file.
pub fn curl(c: &mut Container, args: &[String]) -> Exec {
    let mut silent = false;
    let mut show_errors = false;
    let mut include = false;
    let mut fail_on_error = false;
    let mut out_file: Option<String> = None;
    let mut url: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-o" | "--output" => {
                i += 1;
                out_file = args.get(i).cloned();
            }
            "--silent" => silent = true,
            "--include" => include = true,
            "--fail" => fail_on_error = true,
            "--show-error" => show_errors = true,
            s if s.starts_with('-') && !s.starts_with("--") => {
                for ch in s[1..].chars() {
                    match ch {
                        's' => silent = true,
                        'S' => show_errors = true,
                        'i' => include = true,
                        'f' => fail_on_error = true,
                        'L' | 'v' | 'k' => {}
                        _ => {}
                    }
                }
            }
            _ => url = Some(a.clone()),
        }
        i += 1;
    }
    let Some(url) = url else {
        return Exec::fail(
            "curl: try 'curl --help' or 'curl --manual' for more information\n",
            2,
        );
    };
    let quiet = silent && !show_errors;
    let Some((host, port, path)) = parse_url(&url) else {
        return Exec::fail(
            if quiet {
                String::new()
            } else {
                "curl: (3) URL rejected: Bad hostname\n".to_string()
            },
            3,
        );
    };
    match get(c, &host, port, &path) {
        Ok(r) => {
            if fail_on_error && r.status >= 400 {
                return Exec::fail(
                    if quiet {
                        String::new()
                    } else {
                        format!(
                            "curl: (22) The requested URL returned error: {}\n",
                            r.status
                        )
                    },
                    22,
                );
            }
            let mut text = String::new();
            if include {
                text.push_str(&format!(
                    "HTTP/1.1 {} {}\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n",
                    r.status,
                    status_text(r.status),
                    r.body.len()
                ));
            }
            text.push_str(&r.body);
            if let Some(f) = out_file {
                if let Err(e) = c.write(&f, &text, false) {
                    return Exec::fail(
                        format!("curl: (23) Failure writing output to destination: {e}\n"),
                        23,
                    );
                }
                return Exec::default();
            }
            Exec::ok(text)
        }
        Err(Failure::Resolve(h)) => Exec::fail(
            if quiet {
                String::new()
            } else {
                format!("curl: (6) Could not resolve host: {h}\n")
            },
            6,
        ),
        Err(Failure::Refused) => Exec::fail(
            if quiet {
                String::new()
            } else {
                format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n")
            },
            7,
        ),
        Err(Failure::Timeout) => {
            // A connect timeout takes a while.
            // Past the line's time allowance the timeout simply ends sooner.
            let _ = c.st.sleep(130_000);
            Exec::fail(
                if quiet {
                    String::new()
                } else {
                    format!("curl: (28) Failed to connect to {host} port {port} after 130000 ms: Couldn't connect to server\n")
                },
                28,
            )
        }
    }
}

/// busybox wget: `wget -qO- URL` prints the body; `wget URL` saves index.html.
pub fn wget(c: &mut Container, args: &[String]) -> Exec {
    let mut quiet = false;
    let mut out_file: Option<String> = None;
    let mut url: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(f) = a.strip_prefix("-O") {
            if f.is_empty() {
                i += 1;
                out_file = args.get(i).cloned();
            } else {
                out_file = Some(f.to_string());
            }
        } else if a.starts_with('-') && a.len() > 1 {
            let flags = &a[1..];
            if flags.contains('q') {
                quiet = true;
            }
            if let Some(pos) = flags.find('O') {
                let f = &flags[pos + 1..];
                if f.is_empty() {
                    i += 1;
                    out_file = args.get(i).cloned();
                } else {
                    out_file = Some(f.to_string());
                }
            }
        } else {
            url = Some(a.clone());
        }
        i += 1;
    }
    let Some(url) = url else {
        return Exec::fail("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE]\n\t[--header 'header: value'] [-Y|--proxy on/off] [-P DIR]\n\t[-S|--server-response] [-U|--user-agent AGENT] [-T SEC] URL...\n", 1);
    };
    let Some((host, port, path)) = parse_url(&url) else {
        return Exec::fail(format!("wget: bad address '{url}'\n"), 1);
    };
    let mut out = Exec::default();
    if !quiet {
        out.output.err(&format!(
            "Connecting to {host}{}\n",
            if port == 80 {
                String::new()
            } else {
                format!(":{port}")
            }
        ));
    }
    match get(c, &host, port, &path) {
        Ok(r) if r.status >= 400 => {
            out.output.err(&format!(
                "wget: server returned error: HTTP/1.1 {} {}\n",
                r.status,
                status_text(r.status)
            ));
            out.code = 1;
            out
        }
        Ok(r) => {
            let target = out_file.unwrap_or_else(|| {
                let base = path.rsplit('/').next().unwrap_or("");
                if base.is_empty() {
                    "index.html".into()
                } else {
                    base.to_string()
                }
            });
            if target == "-" {
                out.output.out(&r.body);
            } else {
                if let Err(e) = c.write(&target, &r.body, false) {
                    out.output
                        .err(&format!("wget: can't open '{target}': {e}\n"));
                    out.code = 1;
                    return out;
                }
                if !quiet {
                    out.output.err(&format!("saving to '{target}'\n{target}             100% |*******************************|    {}  0:00:00 ETA\n'{target}' saved\n", r.body.len()));
                }
            }
            out
        }
        Err(Failure::Resolve(_)) => {
            out.output.err(&format!("wget: bad address '{host}'\n"));
            out.code = 1;
            out
        }
        Err(Failure::Refused) => {
            out.output.err(
                "wget: can't connect to remote host: Connection refused
",
            );
            out.code = 1;
            out
        }
        Err(Failure::Timeout) => {
            let _ = c.st.sleep(130_000);
            out.output
                .err("wget: can't connect to remote host: Connection timed out\n");
            out.code = 1;
            out
        }
    }
}
