//! Shells inside containers: `kubectl exec web-0 -- sh -c '…'`, `kubectl exec -it web-0 -- sh`
//! and `kubectl run -it --image busybox:1.28 …`. Commands are a small set of busybox / Debian
//! applets over the cluster's container filesystems (writes go through `SimAction`s so they
//! replay), DNS and the web servers images run.

mod applets;
mod http;
mod nslookup;

use crate::shell::{self, Exec, Host, Shell};
use crate::state::State;
use ordinal_sim::api::{Kind, Object, Pod};
use ordinal_sim::controls::SimAction;
use ordinal_sim::fs::FsError;
use ordinal_sim::Input;

/// Which userland the image has: busybox (busybox, alpine) or Debian (nginx, most others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Busybox,
    Debian,
}

impl Flavor {
    pub fn of(image: &str) -> Flavor {
        let name = ordinal_sim::controller::kubelet::images::short_name(image);
        if name.starts_with("busybox") || name.starts_with("alpine") {
            Flavor::Busybox
        } else {
            Flavor::Debian
        }
    }

    /// `sh: foo: not found` (ash) or `sh: 1: foo: not found` (dash).
    pub fn sh_prefix(self) -> &'static str {
        match self {
            Flavor::Busybox => "sh: ",
            Flavor::Debian => "sh: 1: ",
        }
    }
}

/// An interactive shell attached to a container.
#[derive(Clone, Debug)]
pub struct PodSession {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub flavor: Flavor,
    pub cwd: String,
    pub shell: Shell,
    /// Attached by `kubectl run`: leaving ends the container (and `--rm` deletes the pod).
    pub from_run: bool,
    pub rm_on_exit: bool,
}

impl PodSession {
    pub fn prompt(&self) -> String {
        match self.flavor {
            Flavor::Busybox => format!("{} # ", self.cwd),
            Flavor::Debian => "# ".into(),
        }
    }
}

/// The container a command runs in.
pub struct Container<'a> {
    pub st: &'a mut State,
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub flavor: Flavor,
    pub cwd: String,
}

impl Container<'_> {
    pub fn pod_object(&self) -> Option<Pod> {
        match self.st.get(Kind::Pod, &self.namespace, &self.pod) {
            Some(Object::Pod(p)) => Some(p.clone()),
            _ => None,
        }
    }

    /// An absolute path from one relative to the working directory.
    pub fn abs(&self, p: &str) -> String {
        if p.starts_with('/') {
            p.to_string()
        } else if self.cwd == "/" {
            format!("/{p}")
        } else {
            format!("{}/{p}", self.cwd)
        }
    }

    pub fn read(&self, path: &str) -> Result<String, FsError> {
        self.st.sim.cluster().read_file(
            &self.namespace,
            &self.pod,
            Some(&self.container),
            &self.abs(path),
        )
    }

    /// Applies a file change through the timeline. The error text is the core's
    /// `path: strerror`; the caller words it per applet.
    pub fn change(&mut self, action: SimAction) -> Result<(), String> {
        self.st
            .apply(Input::Sim(action))
            .map(|_| ())
            .map_err(|f| match f {
                crate::errors::Failure::Client(m) => m,
                other => other.render(),
            })
    }

    pub fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let path = self.abs(path);
        self.change(SimAction::WriteFile {
            namespace: self.namespace.clone(),
            pod: self.pod.clone(),
            container: Some(self.container.clone()),
            path,
            content: data.to_string(),
            append,
        })
    }
}

impl Host for Container<'_> {
    fn shell_name(&self) -> &str {
        "sh"
    }

    fn now(&self) -> Option<u64> {
        Some(self.st.now())
    }

    fn exec(&mut self, sh: &mut Shell, argv: &[String], stdin: Option<&str>) -> Exec {
        applets::run(self, sh, argv, stdin)
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.read(path).map_err(|e| match self.flavor {
            Flavor::Busybox => format!("can't open '{path}': {}", e.strerror()),
            Flavor::Debian => format!("1: cannot open {path}: {}", dash_reason(&e)),
        })
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        if path == "/dev/null" {
            return Ok(());
        }
        let flavor = self.flavor;
        self.write(path, data, append).map_err(|e| {
            let reason = e.rsplit(": ").next().unwrap_or(&e).trim_end().to_string();
            match flavor {
                Flavor::Busybox => {
                    let r = if reason == "No such file or directory" {
                        "nonexistent directory".to_string()
                    } else {
                        reason
                    };
                    format!("can't create {path}: {r}")
                }
                Flavor::Debian => {
                    let r = if reason == "No such file or directory" {
                        "Directory nonexistent".to_string()
                    } else {
                        reason
                    };
                    format!("1: cannot create {path}: {r}")
                }
            }
        })
    }
}

fn dash_reason(e: &FsError) -> &'static str {
    match e {
        FsError::NotFound(_) => "No such file",
        other => other.strerror(),
    }
}

/// Runs a script as `sh -c` would in the container; also says whether it ran `exit`.
pub fn run_script(
    c: &mut Container,
    sh: &mut Shell,
    script: &str,
    stdin: Option<&str>,
) -> (Exec, Option<i32>) {
    match shell::parse(script) {
        Ok(s) => {
            let r = sh.run(c, &s, stdin);
            match sh.exited.take() {
                Some(code) => (
                    Exec {
                        output: r.output,
                        code,
                    },
                    Some(code),
                ),
                None => (r, None),
            }
        }
        Err(e) => {
            let msg = match c.flavor {
                Flavor::Busybox => format!("sh: syntax error: {}\n", busybox_syntax(&e)),
                Flavor::Debian => format!("sh: 1: Syntax error: {}\n", dash_syntax(&e)),
            };
            (Exec::fail(msg, 2), None)
        }
    }
}

fn busybox_syntax(e: &shell::ParseError) -> String {
    match e {
        shell::ParseError::UnterminatedQuote(_) => "unterminated quoted string".into(),
        shell::ParseError::Unexpected(t) => format!("unexpected \"{t}\""),
        _ => "unexpected end of file".into(),
    }
}

fn dash_syntax(e: &shell::ParseError) -> String {
    match e {
        shell::ParseError::UnterminatedQuote(q) => format!("Unterminated quoted string ({q})"),
        shell::ParseError::Unexpected(t) => format!("\"{t}\" unexpected"),
        _ => "end of file unexpected".into(),
    }
}

/// Where the terminal stands after a line typed into an attached container shell.
pub enum AfterLine {
    /// Still attached: the next line goes to this shell too.
    Attached(PodSession),
    /// Back at the learner's terminal.
    Detached,
    /// Back at the terminal, and `kubectl run --rm` asks for the pod's deletion, which the
    /// session runs as `kubectl delete pod NAME -n NAMESPACE` (so the pod shell never calls
    /// back into the command dispatcher).
    DeletePod { namespace: String, pod: String },
}

impl AfterLine {
    /// The kubectl argv for `DeletePod`.
    pub fn delete_argv(namespace: &str, pod: &str) -> Vec<String> {
        ["delete", "pod", pod, "-n", namespace]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
}

/// A line typed into an attached container shell.
pub fn run_interactive(
    st: &mut State,
    mut session: PodSession,
    line: &str,
    stdin: Option<&str>,
) -> (Exec, AfterLine) {
    let mut c = Container {
        st,
        namespace: session.namespace.clone(),
        pod: session.pod.clone(),
        container: session.container.clone(),
        flavor: session.flavor,
        cwd: session.cwd.clone(),
    };
    // The container may have gone away (deleted, node lost) while the shell was open.
    if c.pod_object().is_none() {
        let out = Exec::fail(
            "error: unable to upgrade connection: container not found\n",
            1,
        );
        return (out, AfterLine::Detached);
    }
    let (mut out, exited) = run_script(&mut c, &mut session.shell, line, stdin);
    session.cwd = c.cwd.clone();
    match exited {
        None => (out, AfterLine::Attached(session)),
        Some(code) => {
            let next = leave(st, &session, code, &mut out);
            (out, next)
        }
    }
}

/// What happens when the attached shell ends.
fn leave(st: &mut State, s: &PodSession, code: i32, out: &mut Exec) -> AfterLine {
    out.code = code;
    if !s.from_run {
        if code != 0 {
            out.output
                .err(&format!("command terminated with exit code {code}\n"));
        }
        return AfterLine::Detached;
    }
    // `kubectl run`: the container's main process was the shell; it exits now.
    let _ = st.apply(Input::Sim(SimAction::CrashContainer {
        namespace: s.namespace.clone(),
        pod: s.pod.clone(),
        container: Some(s.container.clone()),
        exit_code: code,
    }));
    if s.rm_on_exit {
        return AfterLine::DeletePod {
            namespace: s.namespace.clone(),
            pod: s.pod.clone(),
        };
    }
    AfterLine::Detached
}

/// `kubectl exec POD -- argv…` (not interactive).
pub fn exec_once(
    st: &mut State,
    namespace: &str,
    pod: &str,
    container: &str,
    flavor: Flavor,
    argv: &[String],
    stdin: Option<&str>,
) -> Exec {
    let mut c = Container {
        st,
        namespace: namespace.into(),
        pod: pod.into(),
        container: container.into(),
        flavor,
        cwd: "/".into(),
    };
    let mut sh = Shell::new();
    let r = applets::run_argv(&mut c, &mut sh, argv, stdin);
    let mut r = match r {
        applets::Ran::Done(e) => e,
        applets::Ran::NotFound => {
            let out = Exec::fail(
                format!(
                    "error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown\n",
                    exec_id(pod, &argv[0]),
                    argv[0]
                ),
                1,
            );
            return out;
        }
    };
    if r.code != 0 {
        r.output
            .err(&format!("command terminated with exit code {}\n", r.code));
    }
    r
}

/// A stable 64-hex-digit exec id (containerd prints one in its errors).
fn exec_id(pod: &str, cmd: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in pod.bytes().chain(cmd.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut s = String::new();
    for i in 0..4 {
        s.push_str(&format!(
            "{:016x}",
            h.rotate_left(i * 16) ^ (i as u64 * 0x9e37)
        ));
    }
    s
}
