//! Tab completion for the console, by position as kubectl's own shell completion offers words:
//! the command word, kubectl's subcommands, resource types, the names of objects of the type
//! typed (also as `TYPE/NAME`), each command's flags, `-o` formats and `sim`'s words. Plain Rust
//! over the snapshot, tested natively.

use crate::view::Snapshot;
use ordinal_sim::api::kinds::KINDS;
use ordinal_sim::api::Kind;

/// What Tab does to a line.
#[derive(Debug, PartialEq, Eq)]
pub struct Completion {
    /// The line after completing (unchanged when there was nothing to add).
    pub line: String,
    /// The candidates, listed when there are several and Tab could add nothing.
    pub candidates: Vec<String>,
}

/// What the learner's terminal runs.
const SHELL_COMMANDS: &[&str] = &[
    "kubectl", "sim", "sleep", "cat", "ls", "clear", "grep", "head", "tail", "wc", "help", "echo",
];
const SIM: &[&str] = &["node", "probe", "crash", "sleep", "timing", "help"];
const SIM_NODE: &[&str] = &["add", "stop", "start", "cut", "heal", "remove"];
const ROLLOUT: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];
const FORMATS: &[&str] = &[
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath=",
    "custom-columns=",
    "go-template=",
];
/// Short flags whose value is the next word.
const VALUE_SHORT: &[&str] = &["-n", "-o", "-l", "-f", "-c", "-L", "-p"];
/// Commands whose first argument is a pod name, a node name.
const POD_FIRST: &[&str] = &["exec", "logs", "attach", "port-forward"];
const NODE_FIRST: &[&str] = &["cordon", "uncordon", "drain"];

fn kind_of(word: &str) -> Option<Kind> {
    let w = word.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|k| {
            k.plural == w
                || k.singular == w
                || k.short_names.contains(&w.as_str())
                || k.name.eq_ignore_ascii_case(&w)
        })
        .map(|k| k.kind)
}

fn names(s: &Snapshot, kind: Kind) -> Vec<String> {
    match kind {
        Kind::Pod => s.pods.iter().map(|p| p.name.clone()).collect(),
        Kind::StatefulSet => s.sets.iter().map(|p| p.name.clone()).collect(),
        Kind::Deployment => s.deployments.iter().map(|p| p.name.clone()).collect(),
        Kind::ReplicaSet => s.replica_sets.iter().map(|p| p.name.clone()).collect(),
        Kind::PersistentVolumeClaim => s.claims.iter().map(|p| p.name.clone()).collect(),
        Kind::Node => s.nodes.iter().map(|p| p.name.clone()).collect(),
        Kind::Service => s.services.iter().map(|p| p.name.clone()).collect(),
        _ => Vec::new(),
    }
}

fn types() -> Vec<String> {
    let mut w = Vec::new();
    for k in KINDS {
        w.push(k.plural.to_string());
        w.extend(k.short_names.iter().map(|n| n.to_string()));
    }
    w
}

fn strs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The words that fit where `partial` is, after the words `prior` of the current command.
fn candidates(prior: &[&str], partial: &str, s: &Snapshot) -> Vec<String> {
    let Some((&cmd, args)) = prior.split_first() else {
        return strs(SHELL_COMMANDS);
    };
    match cmd {
        "kubectl" | "k" => {}
        "sim" => {
            return match args {
                [] => strs(SIM),
                ["node"] => strs(SIM_NODE),
                ["node", _] => names(s, Kind::Node),
                ["crash"] => names(s, Kind::Pod),
                ["probe"] => strs(&["readiness", "liveness", "startup"]),
                ["probe", _] => names(s, Kind::Pod),
                ["probe", _, _] => strs(&["fail", "pass", "auto"]),
                _ => Vec::new(),
            }
        }
        _ => return Vec::new(),
    }
    // kubectl: the positional words so far (flags and their values left out).
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        if VALUE_SHORT.contains(&a) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            words.push(a);
        }
        i += 1;
    }
    let command = words.first().copied();
    if args.last().is_some_and(|a| *a == "-o" || *a == "--output") {
        return strs(FORMATS);
    }
    if partial.starts_with("-o") && !partial.starts_with("--") {
        return FORMATS.iter().map(|f| format!("-o{f}")).collect();
    }
    if partial.starts_with('-') {
        return match command {
            Some(c) => ordinal_kubectl::cmd::command_flags(c),
            None => ordinal_kubectl::cmd::command_flags("version")
                .into_iter()
                .chain(ordinal_kubectl::cmd::command_flags("get"))
                .collect(),
        };
    }
    let Some(command) = command else {
        return ordinal_kubectl::cmd::command_names()
            .map(str::to_string)
            .collect();
    };
    let mut rest = &words[1..];
    match command {
        "rollout" => match rest.split_first() {
            None => return strs(ROLLOUT),
            Some((_, r)) => rest = r,
        },
        "set" => match rest.split_first() {
            None => return strs(&["image", "resources"]),
            Some((_, r)) => rest = r,
        },
        "create" if rest.is_empty() => return strs(&["deployment"]),
        c if POD_FIRST.contains(&c) => {
            return if rest.is_empty() {
                names(s, Kind::Pod)
            } else {
                Vec::new()
            }
        }
        c if NODE_FIRST.contains(&c) => {
            return if rest.is_empty() {
                names(s, Kind::Node)
            } else {
                Vec::new()
            }
        }
        "taint" if rest.len() == 1 => return names(s, Kind::Node),
        "api-resources" | "version" | "cluster-info" | "apply" => return Vec::new(),
        _ => {}
    }
    // `TYPE/NAME`: the names of that type, spelled with the type as typed.
    if let Some((t, _)) = partial.split_once('/') {
        return kind_of(t)
            .map(|k| {
                names(s, k)
                    .into_iter()
                    .map(|n| format!("{t}/{n}"))
                    .collect()
            })
            .unwrap_or_default();
    }
    match rest.first() {
        None => types(),
        Some(_) if command == "explain" => Vec::new(),
        // After a type: names of that type (several may follow: `delete pod web-0 web-1`).
        Some(t) => kind_of(t.split(',').next().unwrap_or(t))
            .map(|k| names(s, k))
            .unwrap_or_default(),
    }
}

/// Completes the last word of `line` (the word under the cursor at the end of the line).
pub fn complete(line: &str, s: &Snapshot) -> Completion {
    // The current command: after the last pipe or list operator.
    let seg_start = line.rfind(['|', ';', '&']).map_or(0, |i| i + 1);
    let start = line
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1)
        .max(seg_start);
    let partial = &line[start..];
    let prior: Vec<&str> = line[seg_start..start].split_whitespace().collect();
    let mut matches: Vec<String> = candidates(&prior, partial, s)
        .into_iter()
        .filter(|w| w.starts_with(partial))
        .collect();
    ordinal_sim::sort::sort(&mut matches);
    matches.dedup();
    let unchanged = Completion {
        line: line.to_string(),
        candidates: Vec::new(),
    };
    let Some(first) = matches.first() else {
        return unchanged;
    };
    let common: String = matches.iter().fold(first.clone(), |acc, w| {
        acc.chars()
            .zip(w.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    let mut out = line[..start].to_string();
    out.push_str(&common);
    if matches.len() == 1 {
        if !common.ends_with(['=', '/']) {
            out.push(' ');
        }
        return Completion {
            line: out,
            candidates: Vec::new(),
        };
    }
    if common.len() > partial.len() {
        return Completion {
            line: out,
            candidates: Vec::new(),
        };
    }
    Completion {
        line: line.to_string(),
        candidates: matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::fixtures;

    fn snap() -> Snapshot {
        Snapshot {
            pods: vec![
                fixtures::pod("web-0", "web", 0, Some("node-1")),
                fixtures::pod("web-1", "web", 1, Some("node-2")),
                fixtures::pod("web-10", "web", 10, Some("node-1")),
            ],
            sets: vec![fixtures::set("web", 11)],
            nodes: vec![fixtures::node("node-1"), fixtures::node("node-2")],
            ..Snapshot::default()
        }
    }

    fn line(l: &str) -> String {
        complete(l, &snap()).line
    }

    fn listed(l: &str) -> Vec<String> {
        complete(l, &snap()).candidates
    }

    #[test]
    fn the_command_word_and_kubectls_subcommands() {
        assert_eq!(line("kub"), "kubectl ");
        assert_eq!(line("kubectl desc"), "kubectl describe ");
        assert_eq!(line("kubectl ro"), "kubectl rollout ");
        assert_eq!(line("kubectl rollout st"), "kubectl rollout status ");
        assert_eq!(line("kubectl get pods | gr"), "kubectl get pods | grep ");
        assert_eq!(
            listed("kubectl ge"),
            Vec::<String>::new(),
            "get is the only ge…"
        );
        assert!(listed("kubectl de").contains(&"delete".to_string()));
        assert!(listed("kubectl de").contains(&"describe".to_string()));
    }

    #[test]
    fn resource_types_then_names_of_that_type() {
        assert_eq!(line("kubectl get statefu"), "kubectl get statefulsets ");
        assert_eq!(line("kubectl delete pod web-1"), "kubectl delete pod web-1");
        assert_eq!(
            listed("kubectl delete pod web-1"),
            ["web-1", "web-10"],
            "both are listed"
        );
        assert_eq!(
            line("kubectl delete pod web-10"),
            "kubectl delete pod web-10 "
        );
        assert_eq!(
            line("kubectl describe po/web-0"),
            "kubectl describe po/web-0 "
        );
        assert_eq!(line("kubectl exec -it web-0"), "kubectl exec -it web-0 ");
        assert_eq!(
            listed("kubectl get sts w"),
            Vec::<String>::new(),
            "no set named w…"
        );
    }

    #[test]
    fn flags_of_the_command_and_output_formats() {
        assert_eq!(line("kubectl get pods --wat"), "kubectl get pods --watch");
        assert_eq!(
            line("kubectl scale sts web --repl"),
            "kubectl scale sts web --replicas="
        );
        assert_eq!(line("kubectl get pods -o ya"), "kubectl get pods -o yaml ");
        assert_eq!(line("kubectl get pods -o j"), "kubectl get pods -o json");
        assert_eq!(listed("kubectl get pods -o json"), ["json", "jsonpath="]);
    }

    #[test]
    fn sim_words() {
        assert_eq!(line("sim no"), "sim node ");
        assert_eq!(line("sim node st"), "sim node st");
        assert_eq!(listed("sim node st"), ["start", "stop"]);
    }
}
