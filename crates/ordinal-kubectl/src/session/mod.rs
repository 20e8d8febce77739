//! A learner's terminal over the simulated cluster: `Session::run(line)` parses the line as a
//! small shell (for-loops, `$(…)`, heredocs), runs `kubectl`, `sim` and `sleep`, and returns
//! what a terminal would show. Every change to the cluster goes through
//! `Simulation::apply(Input)` so the timeline can be replayed.

pub mod script;
pub mod sim_cmd;

use crate::cmd;
use crate::pod::{self, AfterLine, PodSession};
use crate::shell::{self, Exec, Host, Shell};
use crate::state::{Limits, State};
use ordinal_sim::{ClusterConfig, Millis, Simulation};
use std::collections::BTreeMap;

/// How a session starts.
#[derive(Clone, Debug, Default)]
pub struct SessionConfig {
    pub cluster: ClusterConfig,
    /// Files `kubectl apply -f` can read, by name (the tutorial's manifests are always there).
    pub files: BTreeMap<String, String>,
    pub limits: Limits,
}

/// What one command line produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommandOutput {
    pub stdout: String,
    pub stderr: String,
    /// stdout and stderr interleaved in the order a terminal shows them.
    pub combined: String,
    pub exit_code: i32,
    /// Simulated time when the command started and ended (blocking commands let time pass).
    pub started_ms: Millis,
    pub finished_ms: Millis,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub at_ms: Millis,
    pub line: String,
    pub exit_code: i32,
}

/// The manifests of the StatefulSet Basics tutorial, by file name and by URL.
pub fn tutorial_files() -> BTreeMap<String, String> {
    let web = include_str!("../../manifests/web.yaml");
    let parallel = include_str!("../../manifests/web-parallel.yaml");
    let mut m = BTreeMap::new();
    m.insert("web.yaml".into(), web.to_string());
    m.insert("web-parallel.yaml".into(), parallel.to_string());
    m.insert(
        "https://k8s.io/examples/application/web/web.yaml".into(),
        web.to_string(),
    );
    m.insert(
        "https://k8s.io/examples/application/web/web-parallel.yaml".into(),
        parallel.to_string(),
    );
    m
}

const MAX_HISTORY: usize = 1_000;
const MAX_LINE: usize = 256 * 1024;

pub struct Session {
    state: State,
    /// The container shell lines go to, while one is attached.
    pod_shell: Option<PodSession>,
    shell: Shell,
    history: Vec<HistoryEntry>,
}

impl Session {
    pub fn new(config: SessionConfig) -> Session {
        let mut files = tutorial_files();
        files.extend(config.files);
        Session {
            state: State {
                sim: Simulation::new(config.cluster),
                namespace: "default".into(),
                files,
                limits: config.limits,
            },
            pod_shell: None,
            shell: Shell::new(),
            history: Vec::new(),
        }
    }

    pub fn sim(&self) -> &Simulation {
        &self.state.sim
    }

    /// For the UI's clock and scrubbing; commands should go through `run`.
    pub fn sim_mut(&mut self) -> &mut Simulation {
        &mut self.state.sim
    }

    pub fn namespace(&self) -> &str {
        &self.state.namespace
    }

    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    pub fn files(&self) -> &BTreeMap<String, String> {
        &self.state.files
    }

    /// Adds or replaces a file `kubectl apply -f <name>` can read.
    pub fn set_file(&mut self, name: &str, content: &str) {
        self.state.files.insert(name.into(), content.into());
    }

    /// Whether lines go to a shell inside a container (after `kubectl exec -it … sh` or
    /// `kubectl run -it …`), until `exit`.
    pub fn in_container(&self) -> bool {
        self.pod_shell.is_some()
    }

    /// The prompt a terminal shows before the next line.
    pub fn prompt(&self) -> String {
        match &self.pod_shell {
            Some(p) => p.prompt(),
            None => "$ ".into(),
        }
    }

    /// Runs one command line (it may carry here-document lines after it). `stdin` is what a
    /// pipe would feed (`kubectl apply -f -`).
    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> CommandOutput {
        let started = self.state.now();
        let exec = if line.len() > MAX_LINE {
            Exec::fail("bash: line too long\n", 1)
        } else if let Some(attached) = self.pod_shell.take() {
            let (mut exec, next) = pod::run_interactive(&mut self.state, attached, line, stdin);
            match next {
                AfterLine::Attached(s) => self.pod_shell = Some(s),
                AfterLine::Detached => {}
                AfterLine::DeletePod { namespace, pod } => {
                    let argv = AfterLine::delete_argv(&namespace, &pod);
                    let deleted = cmd::run(&mut self.state, &argv, None);
                    exec.output.append(deleted.exec.output);
                }
            }
            exec
        } else {
            match shell::parse(line) {
                Ok(script) => {
                    let mut term = Terminal {
                        st: &mut self.state,
                        pod_shell: &mut self.pod_shell,
                    };
                    let r = self.shell.run(&mut term, &script, stdin);
                    self.shell.exited = None;
                    r
                }
                Err(e) => Exec::fail(format!("bash: {e}\n"), 2),
            }
        };
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            if self.history.len() >= MAX_HISTORY {
                self.history.remove(0);
            }
            self.history.push(HistoryEntry {
                at_ms: started,
                line: line.to_string(),
                exit_code: exec.code,
            });
        }
        CommandOutput {
            stdout: exec.output.stdout(),
            stderr: exec.output.stderr(),
            combined: exec.output.combined(),
            exit_code: exec.code,
            started_ms: started,
            finished_ms: self.state.now(),
        }
    }
}

/// The learner's own machine: it can run kubectl, sim, sleep and read the manifest files.
struct Terminal<'a> {
    st: &'a mut State,
    pod_shell: &'a mut Option<PodSession>,
}

impl Host for Terminal<'_> {
    fn shell_name(&self) -> &str {
        "bash"
    }

    fn exec(&mut self, _sh: &mut Shell, argv: &[String], stdin: Option<&str>) -> Exec {
        let args = &argv[1..];
        match argv[0].as_str() {
            "kubectl" | "k" => {
                let ran = cmd::run(self.st, args, stdin);
                if let Some(attach) = ran.attach {
                    *self.pod_shell = Some(attach);
                }
                ran.exec
            }
            "sim" => crate::session::sim_cmd::run(self.st, args),
            "sleep" => crate::session::sim_cmd::sleep(self.st, args, "sleep"),
            "cat" => {
                if args.is_empty() {
                    return Exec::ok(stdin.unwrap_or("").to_string());
                }
                let mut out = Exec::default();
                for a in args {
                    match self.st.files.get(a) {
                        Some(t) => out.output.out(t),
                        None => {
                            out.output.err(&format!("cat: {a}: No such file or directory\n"));
                            out.code = 1;
                        }
                    }
                }
                out
            }
            "ls" => {
                let names: Vec<&String> = self
                    .st
                    .files
                    .keys()
                    .filter(|k| !k.contains("://"))
                    .collect();
                Exec::ok(
                    names
                        .iter()
                        .map(|n| format!("{n}\n"))
                        .collect::<String>(),
                )
            }
            "clear" => Exec::default(),
            "pwd" => Exec::ok("/home/learner\n"),
            "help" => Exec::ok(
                "This terminal runs kubectl against a simulated cluster.\n  kubectl --help   the kubectl commands available\n  sim help         simulator controls (nodes, probes, crashes, time)\n  sleep 10s        let simulated time pass\n  ls, cat FILE     the manifest files you can apply\n",
            ),
            other => Exec::fail(format!("bash: {other}: command not found\n"), 127),
        }
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.st
            .files
            .get(path)
            .cloned()
            .ok_or_else(|| format!("{path}: No such file or directory"))
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        if path == "/dev/null" {
            return Ok(());
        }
        let e = self.st.files.entry(path.to_string()).or_default();
        if !append {
            e.clear();
        }
        e.push_str(data);
        Ok(())
    }
}
