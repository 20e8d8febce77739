//! A learner's terminal over the simulated cluster: `Session::run(line)` parses the line as a
//! small shell (for-loops, `$(…)`, heredocs), runs `kubectl`, `sim` and `sleep`, and returns
//! what a terminal would show. Every change to the cluster goes through
//! `Simulation::apply(Input)` so the timeline can be replayed.

pub mod script;
pub mod sim_cmd;

use crate::cmd;
use crate::input::files::{self, FileError, Node, Reader};
use crate::pod::{self, AfterLine, PodSession};
use crate::shell::{self, Exec, Host, Shell};
use crate::state::{Limits, State};
use ordinal_sim::{ClusterConfig, Millis, Simulation};
use std::collections::BTreeMap;

/// How a session starts.
#[derive(Clone, Debug, Default)]
pub struct SessionConfig {
    pub cluster: ClusterConfig,
    /// The learner's workspace: files `kubectl apply -f`, `cat` and `<` read, by path.
    pub files: BTreeMap<String, String>,
    /// Where files not in the workspace are read from (the CLI: the script's directory).
    pub reader: Option<Reader>,
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
    /// When `combined` was written: `(t, n)` says its first `n` bytes were all written by
    /// instant `t`; the last mark is `(finished_ms, combined.len())`.
    pub marks: Vec<(Millis, usize)>,
}

impl CommandOutput {
    /// How many bytes of `combined` a terminal had shown by instant `t`.
    pub fn written_by(&self, t: Millis) -> usize {
        if t >= self.finished_ms {
            return self.combined.len();
        }
        self.marks
            .iter()
            .take_while(|(at, _)| *at <= t)
            .last()
            .map_or(0, |(_, n)| *n)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub at_ms: Millis,
    pub line: String,
    pub exit_code: i32,
}

/// The manifests of the StatefulSet Basics tutorial, by URL (the only way `-f` reaches them).
pub fn tutorial_files() -> BTreeMap<String, String> {
    crate::input::examples::EXAMPLES
        .iter()
        .map(|(url, text)| (url.to_string(), text.to_string()))
        .collect()
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
        let files = config
            .files
            .into_iter()
            .map(|(k, v)| (files::clean(&k), v))
            .collect();
        Session {
            state: State {
                sim: Simulation::new(config.cluster),
                namespace: "default".into(),
                files,
                reader: config.reader,
                limits: config.limits,
                line_deadline: Millis::MAX,
                scripted: Default::default(),
                scripted_ran: Vec::new(),
                writes: 0,
            },
            pod_shell: None,
            shell: Shell::new(),
            history: Vec::new(),
        }
    }

    pub fn sim(&self) -> &Simulation {
        &self.state.sim
    }

    /// How many writes the session's commands have made (reads never count).
    pub fn writes(&self) -> u64 {
        self.state.writes
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
        self.state.files.insert(files::clean(name), content.into());
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

    /// Like `run`, with a front end's scripted lines (instant, line) that run at their instants
    /// if the line lets time reach them. Returns the line's output and what of them ran.
    pub fn run_with_script(
        &mut self,
        line: &str,
        stdin: Option<&str>,
        scripted: Vec<(Millis, String)>,
    ) -> (CommandOutput, Vec<(Millis, String, CommandOutput)>) {
        self.state.scripted = scripted.into();
        let out = self.run(line, stdin);
        self.state.scripted.clear();
        (out, std::mem::take(&mut self.state.scripted_ran))
    }

    /// Runs one command line (it may carry here-document lines after it). `stdin` is what a
    /// pipe would feed (`kubectl apply -f -`).
    pub fn run(&mut self, line: &str, stdin: Option<&str>) -> CommandOutput {
        let started = self.state.now();
        self.state.line_deadline = started.saturating_add(self.state.limits.max_line_ms);
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
        command_output(&exec, started, self.state.now())
    }
}

/// What a line's run left, as a front end shows it.
fn command_output(exec: &Exec, started: Millis, finished: Millis) -> CommandOutput {
    let combined = exec.output.combined();
    let mut marks = exec.output.marks().to_vec();
    marks.retain(|(t, n)| *t < finished && *n <= combined.len());
    marks.push((finished, combined.len()));
    CommandOutput {
        stdout: exec.output.stdout(),
        stderr: exec.output.stderr(),
        combined,
        exit_code: exec.code,
        started_ms: started,
        finished_ms: finished,
        marks,
    }
}

/// Runs a front end's scripted line in the middle of another line's wait (`State::scripted`):
/// a shell of its own, on the learner's machine (never inside a container).
pub(crate) fn run_scripted(st: &mut State, line: &str) -> CommandOutput {
    let started = st.now();
    let exec = match shell::parse(line) {
        Ok(script) => {
            let mut pod_shell = None;
            let mut term = Terminal {
                st,
                pod_shell: &mut pod_shell,
            };
            Shell::new().run(&mut term, &script, None)
        }
        Err(e) => Exec::fail(format!("bash: {e}\n"), 2),
    };
    command_output(&exec, started, st.now())
}

/// The commands the learner's terminal has, for "did you mean" (the shell's builtins too).
const TERMINAL_COMMANDS: [&str; 18] = [
    "kubectl", "sim", "sleep", "cat", "ls", "clear", "pwd", "help", "grep", "head", "tail", "wc",
    "echo", "true", "false", "exit", "export", "unset",
];

/// bash's "command not found"; for a near miss of a command this terminal has, the suggestion
/// Ubuntu's command-not-found handler prints instead (`Command 'kubctl' not found, did you
/// mean:`), naming the command only (it is installed here, there is no package to offer).
fn not_found(name: &str) -> Exec {
    let mut near: Vec<&str> = TERMINAL_COMMANDS
        .iter()
        .copied()
        .filter(|c| *c != name && osa_distance(name, c) <= if name.len() <= 4 { 1 } else { 2 })
        .collect();
    ordinal_sim::sort::sort_by_key(&mut near, |c| (osa_distance(name, c), *c));
    near.truncate(3);
    if near.is_empty() || name.contains('/') {
        return Exec::fail(format!("bash: {name}: command not found\n"), 127);
    }
    let mut msg = format!("Command '{name}' not found, did you mean:\n");
    for c in near {
        msg.push_str(&format!("  command '{c}'\n"));
    }
    Exec::fail(msg, 127)
}

/// Edit distance counting a swap of two neighbours as one edit (`grpe` is one from `grep`).
fn osa_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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

    fn now(&self) -> Option<u64> {
        Some(self.st.now())
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
                    match self.st.read_file(a) {
                        Ok(t) => out.output.out(&t),
                        Err(e) => {
                            out.output.err(&format!("cat: {a}: {}\n", os_error(&e, a)));
                            out.code = 1;
                        }
                    }
                }
                out
            }
            "ls" => ls(self.st, args),
            "clear" => Exec::default(),
            "pwd" => Exec::ok("/home/learner\n"),
            "help" => Exec::ok(
                "This terminal runs kubectl against a simulated cluster.\n  kubectl --help   the kubectl commands available\n  sim help         simulator controls (nodes, probes, crashes, time)\n  sleep 10s        let simulated time pass\n  ls, cat FILE     the manifest files you can apply\n",
            ),
            "grep" | "head" | "tail" | "wc" => {
                let st = &*self.st;
                let mut read = |p: &str| st.read_file(p).map_err(|e| os_error(&e, p));
                crate::shell::filters::run(argv, stdin, &mut read).unwrap_or_default()
            }
            other => not_found(other),
        }
    }

    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.st
            .read_file(path)
            .map_err(|e| format!("{path}: {}", os_error(&e, path)))
    }

    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        if path == "/dev/null" {
            return Ok(());
        }
        self.st.write_file(path, data, append);
        Ok(())
    }
}

/// A read failure as the C library words it for `cat` and the shell.
fn os_error(e: &FileError, path: &str) -> String {
    match e {
        FileError::NotFound => "No such file or directory".into(),
        FileError::Other(m) if m.ends_with("is a directory") => "Is a directory".into(),
        other => other.describe(path),
    }
}

/// `ls [PATH…]`: a directory's names in order, one a line (as when not on a terminal).
fn ls(st: &State, args: &[String]) -> Exec {
    let paths: Vec<String> = if args.is_empty() {
        vec![".".into()]
    } else {
        args.to_vec()
    };
    let mut out = Exec::default();
    for p in &paths {
        match st.open_file(p) {
            Ok(Node::File(_)) => out.output.out(&format!("{p}\n")),
            Ok(Node::Dir(mut entries)) => {
                ordinal_sim::sort::sort(&mut entries);
                if paths.len() > 1 {
                    out.output.out(&format!("{p}:\n"));
                }
                for (name, _) in entries {
                    out.output.out(&format!("{name}\n"));
                }
            }
            Err(_) => {
                out.output.err(&format!(
                    "ls: cannot access '{p}': No such file or directory\n"
                ));
                out.code = 2;
            }
        }
    }
    out
}
