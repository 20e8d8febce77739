//! `kubectl exec` and `kubectl run`: commands in containers, and interactive shells the
//! session keeps open until `exit`.

use super::{duration_flag, Kubectl};
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};
use crate::output::print_flags;
use crate::pod::{self, Flavor, PodSession};
use crate::shell::Shell;
use ordinal_sim::api::{Container, Kind, Object, ObjectMeta, Pod};
use ordinal_sim::fs::FsError;

pub const EXEC_FLAGS: &[Flag] = &[
    v("container", Some('c')),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    b("quiet", Some('q')),
    l("filename", Some('f')),
    v("pod-running-timeout", None),
];

pub const RUN_FLAGS: &[Flag] = &[
    v("image", None),
    b("stdin", Some('i')),
    b("tty", Some('t')),
    v("restart", None),
    b("rm", None),
    v("labels", Some('l')),
    l("env", None),
    v("port", None),
    b("command", None),
    v("dry-run", None),
    v("output", Some('o')),
    v("overrides", None),
    v("pod-running-timeout", None),
    b("attach", None),
    b("quiet", Some('q')),
    v("image-pull-policy", None),
    l("annotations", None),
];

const SHELLS: &[&str] = &["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"];

/// Finds the pod for `POD`, `pod/NAME` or `sts/NAME` (its first pod).
fn resolve_pod(k: &Kubectl, arg: &str) -> Result<Pod, Failure> {
    let ns = k.namespace();
    let (kind, name) = match arg.split_once('/') {
        Some((t, n)) => match crate::input::resources::resolve(t) {
            Some(crate::input::resources::Resolved::Kind(kd)) => (kd, n.to_string()),
            _ => {
                return Err(Failure::client(format!(
                    "the server doesn't have a resource type \"{t}\""
                )))
            }
        },
        None => (Kind::Pod, arg.to_string()),
    };
    match kind {
        Kind::Pod => match k.st.get(Kind::Pod, &ns, &name) {
            Some(Object::Pod(p)) => Ok(p.clone()),
            _ => Err(Failure::from_api(
                &ordinal_sim::apiserver::ApiError::not_found(Kind::Pod, &name),
            )),
        },
        Kind::StatefulSet => {
            let Some(Object::StatefulSet(s)) = k.st.get(Kind::StatefulSet, &ns, &name).cloned()
            else {
                return Err(Failure::from_api(
                    &ordinal_sim::apiserver::ApiError::not_found(kind, &name),
                ));
            };
            let sel = s.spec.selector.clone().unwrap_or_default();
            k.st.list(Kind::Pod, Some(&ns))
                .into_iter()
                .find_map(|o| match o {
                    Object::Pod(p) if sel.matches(&p.metadata.labels) => Some(p.clone()),
                    _ => None,
                })
                .ok_or_else(|| Failure::client(format!("no pods found for statefulset/{name}")))
        }
        other => Err(Failure::client(format!(
            "cannot attach to {}: selector for {} not implemented",
            other.name(),
            other.name()
        ))),
    }
}

/// Picks the container (`-c`, else the first, noting the choice like kubectl does).
fn pick_container(k: &mut Kubectl, p: &Pod) -> Result<(String, String), Failure> {
    if let Some(c) = k.flags.get("container") {
        return match p.spec.containers.iter().find(|x| x.name == c) {
            Some(x) => Ok((x.name.clone(), x.image.clone())),
            None => Err(Failure::Api {
                reason: "BadRequest".into(),
                message: format!("container {c} is not valid for pod {}", p.metadata.name),
            }),
        };
    }
    let Some(first) = p.spec.containers.first() else {
        return Err(Failure::client(format!(
            "pod {} has no containers",
            p.metadata.name
        )));
    };
    if p.spec.containers.len() > 1 && !k.flags.bool("quiet") {
        let names: Vec<&str> = p.spec.containers.iter().map(|c| c.name.as_str()).collect();
        k.warn(&format!(
            "Defaulted container \"{}\" out of: {}",
            first.name,
            names.join(", ")
        ));
    }
    Ok((first.name.clone(), first.image.clone()))
}

/// The API server's and kubelet's refusals, as kubectl prints them.
fn check_reachable(k: &Kubectl, p: &Pod, container: &str) -> Result<(), Failure> {
    if matches!(p.status.phase.as_str(), "Succeeded" | "Failed") {
        return Err(Failure::client(format!(
            "cannot exec into a container in a completed pod; current phase is {}",
            p.status.phase
        )));
    }
    let r = k.st.sim.cluster().stat_file(
        &p.metadata.namespace,
        &p.metadata.name,
        Some(container),
        "/",
    );
    match r {
        Ok(_) => Ok(()),
        Err(FsError::NodeUnreachable { node }) => {
            let ip = match k.st.get(Kind::Node, "", &node) {
                Some(Object::Node(n)) => n.internal_ip().to_string(),
                _ => String::new(),
            };
            Err(Failure::Api {
                reason: "InternalError".into(),
                message: format!(
                    "Internal error occurred: error dialing backend: dial tcp {ip}:10250: connect: connection refused"
                )
                .replacen("Internal error occurred: ", "", 0),
            })
        }
        Err(FsError::ContainerNotRunning { .. }) | Err(FsError::ContainerNotFound { .. }) => {
            Err(Failure::client(format!(
                "unable to upgrade connection: container not found (\"{container}\")"
            )))
        }
        Err(FsError::PodNotFound { pod, .. }) => Err(Failure::from_api(
            &ordinal_sim::apiserver::ApiError::not_found(Kind::Pod, &pod),
        )),
        Err(e) => Err(Failure::client(e.to_string())),
    }
}

pub fn run_exec(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(target) = args.first().cloned() else {
        return Err(Failure::client(
            "pod, type/name or --filename must be specified",
        ));
    };
    if args.len() > 1 {
        return Err(usage_error(
            &k.path,
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
        ));
    }
    let Some(cmd) = k.flags.after_dash.clone().filter(|c| !c.is_empty()) else {
        return Err(Failure::client(
            "you must specify at least one command for the container",
        ));
    };
    let p = resolve_pod(k, &target)?;
    let (container, image) = pick_container(k, &p)?;
    check_reachable(k, &p, &container)?;
    let flavor = Flavor::of(&image);
    let stdin_flag = k.flags.bool("stdin");
    let tty = k.flags.bool("tty");
    if tty && !stdin_flag {
        k.warn("Unable to use a TTY - input is not a terminal or the right kind of file");
    }
    let ns = p.metadata.namespace.clone();
    let name = p.metadata.name.clone();
    let is_shell = SHELLS.contains(&cmd[0].as_str()) && cmd.len() == 1;
    if is_shell && stdin_flag && k.stdin.is_none() {
        if flavor == Flavor::Busybox && cmd[0].contains("bash") {
            return Err(exec_not_found(&cmd[0]));
        }
        // An interactive shell: the session sends the next lines to it until `exit`.
        k.attach = Some(PodSession {
            namespace: ns,
            pod: name,
            container,
            flavor,
            cwd: "/".into(),
            shell: Shell::new(),
            from_run: false,
            rm_on_exit: false,
        });
        return Ok(());
    }
    let stdin = if stdin_flag { k.stdin } else { None };
    let r = pod::exec_once(k.st, &ns, &name, &container, flavor, &cmd, stdin);
    let code = r.code;
    k.out.append(r.output);
    if code != 0 {
        return Err(Failure::Exit(code));
    }
    Ok(())
}

fn exec_not_found(cmd: &str) -> Failure {
    Failure::client(format!(
        "Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: OCI runtime exec failed: exec failed: unable to start container process: exec: \"{cmd}\": executable file not found in $PATH: unknown"
    ))
}

pub fn run_run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(name) = args.first().cloned() else {
        return Err(usage_error(&k.path, "NAME is required for run"));
    };
    let Some(image) = k.flags.get("image").map(str::to_string) else {
        return Err(crate::errors::command_failed(
            k.st.now(),
            "required flag(s) \"image\" not set",
        ));
    };
    let stdin = k.flags.bool("stdin");
    let tty = k.flags.bool("tty");
    if tty && !stdin {
        return Err(usage_error(
            &k.path,
            "-i/--stdin is required for containers with -t/--tty=true",
        ));
    }
    let restart = k.flags.get("restart").unwrap_or("Always").to_string();
    if !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return Err(usage_error(
            &k.path,
            &format!("invalid restart policy: {restart}"),
        ));
    }
    let rm = k.flags.bool("rm");
    let attach = stdin || k.flags.bool("attach");
    if rm && !attach {
        return Err(usage_error(
            &k.path,
            "--rm should only be used for attached containers",
        ));
    }
    let ns = k.namespace();
    let mut cmd: Vec<String> = k.flags.after_dash.clone().unwrap_or_default();
    cmd.extend(args[1..].iter().cloned());
    let mut labels = std::collections::BTreeMap::new();
    match k.flags.get("labels") {
        Some(ls) => {
            for kv in ls.split(',') {
                let Some((a, b)) = kv.split_once('=') else {
                    return Err(Failure::client(format!("invalid label spec: {kv}")));
                };
                labels.insert(a.to_string(), b.to_string());
            }
        }
        None => {
            labels.insert("run".to_string(), name.clone());
        }
    }
    let mut c = Container {
        name: name.clone(),
        image: image.clone(),
        stdin,
        stdin_once: stdin,
        tty,
        ..Default::default()
    };
    if k.flags.bool("command") {
        c.command = cmd.clone();
    } else {
        c.args = cmd.clone();
    }
    let mut pod = Pod {
        metadata: ObjectMeta::named(&ns, &name),
        ..Default::default()
    };
    pod.metadata.labels = labels;
    pod.spec.containers.push(c);
    pod.spec.restart_policy = restart.clone();
    if let Some(sfx) = super::dry_run::suffix(k)? {
        let format = print_flags::parse(k.flags.get("output"), None)?;
        return super::dry_run::print_generated(k, &format, &Object::Pod(pod), "created", sfx);
    }
    k.st.create(Object::Pod(pod))?;
    if !attach {
        k.print(&format!("pod/{name} created\n"));
        return Ok(());
    }
    // Attached: wait until the container runs (or ends).
    let timeout = duration_flag(k, "pod-running-timeout", 60_000)?;
    let deadline = k.st.now() + timeout;
    let started = k.st.watch_until(deadline, |st, ev| {
        ev.is_none()
            && match st.get(Kind::Pod, &ns, &name) {
                Some(Object::Pod(p)) => {
                    let running = p
                        .status
                        .container_statuses
                        .iter()
                        .any(|s| s.state.running.is_some());
                    running || matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
                }
                _ => true,
            }
    });
    if !started {
        return Err(Failure::client("timed out waiting for the condition"));
    }
    let flavor = Flavor::of(&image);
    let interactive_shell =
        tty && (cmd.is_empty() || (cmd.len() == 1 && SHELLS.contains(&cmd[0].as_str())));
    if interactive_shell && k.stdin.is_none() {
        k.warn("If you don't see a command prompt, try pressing enter.");
        k.attach = Some(PodSession {
            namespace: ns,
            pod: name.clone(),
            container: name,
            flavor,
            cwd: "/".into(),
            shell: Shell::new(),
            from_run: true,
            rm_on_exit: rm,
        });
        return Ok(());
    }
    // A command (or a script on stdin): run it as the container's process, then end it.
    let argv: Vec<String> = if cmd.is_empty() {
        vec!["sh".to_string()]
    } else {
        cmd
    };
    let r = pod::exec_once(k.st, &ns, &name, &name, flavor, &argv, k.stdin);
    let code = r.code;
    let mut output = r.output;
    // exec_once adds kubectl-exec's trailer; `run` reports through the pod status instead.
    output.retain(|(_, t)| !t.starts_with("command terminated with exit code"));
    k.out.append(output);
    let _ = k.st.apply(ordinal_sim::Input::Sim(
        ordinal_sim::controls::SimAction::CrashContainer {
            namespace: ns.clone(),
            pod: name.clone(),
            container: Some(name.clone()),
            exit_code: code,
        },
    ));
    if rm {
        let r = super::run(
            k.st,
            &[
                "delete".into(),
                "pod".into(),
                name.clone(),
                "-n".into(),
                ns.clone(),
            ],
            None,
        );
        k.out.append(r.exec.output);
    }
    if code != 0 {
        return Err(Failure::Raw(format!(
            "pod {ns}/{name} terminated (Error)\n\n"
        )));
    }
    Ok(())
}
