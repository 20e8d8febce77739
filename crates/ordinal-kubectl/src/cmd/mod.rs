//! `kubectl …`: command dispatch, shared flag handling and output plumbing.

pub mod apply;
mod builder;
mod create_deployment;
pub mod delete;
pub mod describe;
mod dry_run;
pub mod exec;
pub mod explain;
pub mod expose;
pub mod get;
pub mod help;
pub mod label;
pub mod misc;
pub mod node;
pub mod patch;
pub mod rollout;
pub mod scale;
pub mod set;
pub mod taint;
pub mod top;
pub mod wait;

pub use builder::{list_types, read_sources, targets};

use crate::errors::{flag_error, Failure};
use crate::input::flags::{self, Flag, Parsed};
use crate::pod::PodSession;
use crate::shell::{Exec, Output};
use crate::state::State;
use ordinal_sim::api::{Kind, Object};

/// A running kubectl invocation.
pub struct Kubectl<'a> {
    pub st: &'a mut State,
    pub out: Output,
    pub stdin: Option<&'a str>,
    /// Failures that do not stop the command (printed at the end, exit code 1).
    pub errors: Vec<Failure>,
    /// `kubectl get` etc.
    pub path: String,
    pub flags: Parsed,
    /// A container shell the terminal attaches to when the command returns.
    pub attach: Option<PodSession>,
}

impl Kubectl<'_> {
    pub fn print(&mut self, s: &str) {
        self.out.out(s);
    }

    pub fn warn(&mut self, s: &str) {
        let mut s = s.to_string();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        self.out.err(&s);
    }

    /// The namespace for this command: `-n`, else the context's.
    pub fn namespace(&self) -> String {
        self.flags
            .get("namespace")
            .map(str::to_string)
            .unwrap_or_else(|| self.st.namespace.clone())
    }

    pub fn explicit_namespace(&self) -> Option<String> {
        self.flags.get("namespace").map(str::to_string)
    }

    /// kubectl version being imitated (the simulated cluster's minor version).
    pub fn minor(&self) -> u32 {
        self.st.sim.cluster().features().minor
    }
}

type Handler = fn(&mut Kubectl) -> Result<(), Failure>;

struct Command {
    name: &'static str,
    flags: &'static [Flag],
    run: Handler,
}

/// The commands this kubectl offers, in its `COMMANDS` order (for the console's Tab completion).
pub fn command_names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().map(|c| c.name)
}

/// Subcommand words and flags worth offering to Tab after the command names: `rollout` and
/// `set` subcommands, `create deployment`, and the flags the Deployment commands take.
pub fn completion_words() -> impl Iterator<Item = &'static str> {
    [
        "status",
        "history",
        "undo",
        "restart",
        "pause",
        "resume",
        "image",
        "deployment",
        "--image=",
        "--port=",
        "--to-revision=",
        "--revision=",
        "--target-port=",
        "--type=",
        "--show-labels",
    ]
    .into_iter()
}

const COMMANDS: &[Command] = &[
    Command {
        name: "get",
        flags: get::FLAGS,
        run: get::run,
    },
    Command {
        name: "describe",
        flags: describe::FLAGS,
        run: describe::run,
    },
    Command {
        name: "apply",
        flags: apply::APPLY_FLAGS,
        run: apply::run_apply,
    },
    Command {
        name: "create",
        flags: apply::CREATE_FLAGS,
        run: apply::run_create,
    },
    Command {
        name: "delete",
        flags: delete::FLAGS,
        run: delete::run,
    },
    Command {
        name: "scale",
        flags: scale::FLAGS,
        run: scale::run,
    },
    Command {
        name: "expose",
        flags: expose::FLAGS,
        run: expose::run,
    },
    Command {
        name: "set",
        flags: set::FLAGS,
        run: set::run,
    },
    Command {
        name: "patch",
        flags: patch::FLAGS,
        run: patch::run,
    },
    Command {
        name: "edit",
        flags: patch::EDIT_FLAGS,
        run: patch::run_edit,
    },
    Command {
        name: "label",
        flags: label::FLAGS,
        run: label::run_label,
    },
    Command {
        name: "annotate",
        flags: label::FLAGS,
        run: label::run_annotate,
    },
    Command {
        name: "rollout",
        flags: rollout::FLAGS,
        run: rollout::run,
    },
    Command {
        name: "cordon",
        flags: node::CORDON_FLAGS,
        run: node::run_cordon,
    },
    Command {
        name: "uncordon",
        flags: node::CORDON_FLAGS,
        run: node::run_uncordon,
    },
    Command {
        name: "drain",
        flags: node::DRAIN_FLAGS,
        run: node::run_drain,
    },
    Command {
        name: "taint",
        flags: taint::FLAGS,
        run: taint::run,
    },
    Command {
        name: "exec",
        flags: exec::EXEC_FLAGS,
        run: exec::run_exec,
    },
    Command {
        name: "run",
        flags: exec::RUN_FLAGS,
        run: exec::run_run,
    },
    Command {
        name: "top",
        flags: top::FLAGS,
        run: top::run,
    },
    Command {
        name: "wait",
        flags: wait::FLAGS,
        run: wait::run,
    },
    Command {
        name: "version",
        flags: misc::VERSION_FLAGS,
        run: misc::run_version,
    },
    Command {
        name: "explain",
        flags: explain::FLAGS,
        run: explain::run,
    },
    Command {
        name: "api-resources",
        flags: misc::API_RESOURCES_FLAGS,
        run: misc::run_api_resources,
    },
    Command {
        name: "config",
        flags: misc::CONFIG_FLAGS,
        run: misc::run_config,
    },
];

/// Real kubectl commands that this terminal does not offer.
const NOT_OFFERED: &[&str] = &[
    "logs",
    "port-forward",
    "cp",
    "attach",
    "auth",
    "certificate",
    "cluster-info",
    "autoscale",
    "diff",
    "kustomize",
    "replace",
    "debug",
    "events",
    "proxy",
    "plugin",
    "completion",
    "alpha",
    "api-versions",
];

/// Levenshtein distance for cobra's "Did you mean this?".
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn unknown_command(name: &str) -> Failure {
    let mut suggestions: Vec<&str> = COMMANDS
        .iter()
        .map(|c| c.name)
        .chain(NOT_OFFERED.iter().copied())
        .filter(|c| distance(name, c) <= 2 || c.starts_with(&name.to_ascii_lowercase()))
        .collect();
    suggestions.sort();
    // cobra's own message and prefix; its suggestions end with a blank line.
    let mut msg = format!("Error: unknown command \"{name}\" for \"kubectl\"\n");
    if !suggestions.is_empty() {
        msg.push_str("\nDid you mean this?\n");
        for s in suggestions {
            msg.push_str(&format!("\t{s}\n"));
        }
        msg.push('\n');
    }
    Failure::Raw(msg)
}

/// What a kubectl invocation leaves: its output, and the container shell the terminal attaches
/// to next (`kubectl exec -it POD -- sh`, `kubectl run -it …`), which the session keeps.
pub struct Ran {
    pub exec: Exec,
    pub attach: Option<PodSession>,
}

/// Runs `kubectl <argv…>` against the session state.
pub fn run(st: &mut State, argv: &[String], stdin: Option<&str>) -> Ran {
    let mut k = Kubectl {
        st,
        out: Output::default(),
        stdin,
        errors: Vec::new(),
        path: "kubectl".into(),
        flags: Parsed::default(),
        attach: None,
    };
    let code = match dispatch(&mut k, argv) {
        Ok(()) if k.errors.is_empty() => 0,
        Ok(()) => 1,
        Err(Failure::Exit(code)) => code,
        Err(f) => {
            k.errors.push(f);
            1
        }
    };
    for e in std::mem::take(&mut k.errors) {
        k.out.err(&e.render());
    }
    Ran {
        exec: Exec {
            output: k.out,
            code,
        },
        attach: k.attach,
    }
}

fn dispatch(k: &mut Kubectl, argv: &[String]) -> Result<(), Failure> {
    let Some(i) = flags::first_word(argv) else {
        // `kubectl`, `kubectl --help`, or only global flags.
        // Parsed only to reject unknown flags the way kubectl does.
        flags::parse(&[flags::GLOBAL], argv).map_err(|e| flag_error("kubectl", &e))?;
        k.print(help::ROOT);
        return Ok(());
    };
    let name = argv[i].as_str();
    let mut rest: Vec<String> = argv[..i].to_vec();
    rest.extend_from_slice(&argv[i + 1..]);
    if name == "help" {
        let topic = rest.iter().find(|a| !a.starts_with('-'));
        match topic {
            None => k.print(help::ROOT),
            Some(t) => match help::for_command(t) {
                Some(h) => k.print(h),
                None => {
                    k.print(help::ROOT);
                    k.warn(&format!("Unknown help topic [`{t}`]"));
                }
            },
        }
        return Ok(());
    }
    let Some(cmd) = COMMANDS.iter().find(|c| c.name == name) else {
        if NOT_OFFERED.contains(&name) {
            return Err(Failure::client(format!(
                "\"kubectl {name}\" is not available in Ordinal's simulated terminal (see \"kubectl --help\" for the commands it offers)"
            )));
        }
        return Err(unknown_command(name));
    };
    k.path = format!("kubectl {name}");
    // `kubectl exec POD -- cmd` keeps everything after `--` verbatim.
    let parsed =
        flags::parse(&[cmd.flags, flags::GLOBAL], &rest).map_err(|e| flag_error(&k.path, &e))?;
    if parsed.bool("help") {
        let sub = parsed.args.first().cloned();
        let text = match (name, sub.as_deref()) {
            ("rollout" | "config" | "set" | "create", Some(s)) => {
                help::for_command(&format!("{name} {s}"))
            }
            _ => None,
        }
        .or_else(|| help::for_command(name))
        .unwrap_or(help::ROOT);
        k.print(text);
        return Ok(());
    }
    // `-v` (verbosity) is accepted and ignored.
    k.flags = parsed;
    (cmd.run)(k)
}

/// Parses `--timeout`-style durations; `0` or absent gives `default_ms`.
pub fn duration_flag(k: &Kubectl, name: &str, default_ms: u64) -> Result<u64, Failure> {
    match k.flags.get(name) {
        None => Ok(default_ms),
        Some(s) => match flags::parse_duration_ms(s) {
            Some(0) => Ok(default_ms),
            Some(ms) => Ok(ms),
            None => Err(Failure::client(format!(
                "invalid argument \"{s}\" for \"--{name}\" flag: time: invalid duration \"{s}\""
            ))),
        },
    }
}

/// Copies of stored objects for one command's output, one per object however often it is
/// named (`get pods a a a …` must not copy `a` once per argument).
#[derive(Default)]
pub struct Copies(std::collections::BTreeMap<(Kind, String, String), std::rc::Rc<Object>>);

impl Copies {
    pub fn of(&mut self, o: &Object) -> std::rc::Rc<Object> {
        let key = (o.kind(), o.meta().namespace.clone(), o.meta().name.clone());
        self.0
            .entry(key)
            .or_insert_with(|| std::rc::Rc::new(o.clone()))
            .clone()
    }
}
