//! The console: type kubectl or `sim` commands; history with ↑/↓; Tab completes names of objects
//! that exist. Every menu action also shows up here as the command it ran.

use super::transcript::Transcript;
use crate::engine::{Actor, ConsoleEntry};
use crate::state::PtrEq;
use crate::view::Snapshot;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: PtrEq<Vec<ConsoleEntry>>,
    pub snapshot: PtrEq<Snapshot>,
    pub on_run: Callback<String>,
    /// `$ ` or a container shell's prompt.
    pub prompt: String,
}

/// Words Tab can complete: kubectl's commands, every kind's plural and short names (the core's
/// kind table, as `kubectl api-resources` lists them), common flags, and the names of objects
/// that exist now.
pub fn completion_words(s: &Snapshot) -> Vec<String> {
    let mut w: Vec<String> = ["kubectl", "sim"].iter().map(|s| s.to_string()).collect();
    w.extend(ordinal_kubectl::cmd::command_names().map(str::to_string));
    w.extend(ordinal_kubectl::cmd::completion_words().map(str::to_string));
    for k in ordinal_sim::api::kinds::KINDS {
        w.push(k.plural.to_string());
        w.extend(k.short_names.iter().map(|n| n.to_string()));
    }
    w.extend(
        [
            "--replicas=",
            "--grace-period=0",
            "--force",
            "-o",
            "wide",
            "yaml",
            "-w",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    w.extend(s.pods.iter().map(|p| p.name.clone()));
    w.extend(s.sets.iter().map(|p| p.name.clone()));
    w.extend(s.claims.iter().map(|p| p.name.clone()));
    w.extend(s.nodes.iter().map(|p| p.name.clone()));
    w.extend(s.services.iter().map(|p| p.name.clone()));
    w
}

/// Completes the last word of `line`: the unique match, or the longest common prefix.
pub fn complete(line: &str, words: &[String]) -> Option<String> {
    let start = line.rfind(' ').map_or(0, |i| i + 1);
    let partial = &line[start..];
    if partial.is_empty() {
        return None;
    }
    let mut matches: Vec<&String> = words.iter().filter(|w| w.starts_with(partial)).collect();
    ordinal_sim::sort::sort(&mut matches);
    matches.dedup();
    let first = matches.first()?;
    let common = matches.iter().fold(first.to_string(), |acc, w| {
        acc.chars()
            .zip(w.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    if common.len() <= partial.len() && matches.len() > 1 {
        return None;
    }
    let mut out = line[..start].to_string();
    out.push_str(&common);
    if matches.len() == 1 && !common.ends_with('=') {
        out.push(' ');
    }
    Some(out)
}

#[function_component(Console)]
pub fn console(props: &Props) -> Html {
    let input = use_node_ref();
    let draft = use_state(String::new);
    // Position in the history while browsing with ↑/↓ (None: editing a new line).
    let cursor = use_state(|| None::<usize>);
    let history: Vec<String> = props
        .entries
        .iter()
        .filter(|e| e.by == Actor::User)
        .map(|e| e.line.clone())
        .collect();

    let onkeydown = {
        let (draft, cursor, on_run) = (draft.clone(), cursor.clone(), props.on_run.clone());
        let words = completion_words(&props.snapshot);
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = el.value();
                    if !line.trim().is_empty() {
                        on_run.emit(line);
                    }
                    el.set_value("");
                    draft.set(String::new());
                    cursor.set(None);
                }
                "ArrowUp" if !history.is_empty() => {
                    e.prevent_default();
                    let i = match *cursor {
                        None => {
                            draft.set(el.value());
                            history.len() - 1
                        }
                        Some(i) => i.saturating_sub(1),
                    };
                    el.set_value(&history[i]);
                    cursor.set(Some(i));
                }
                "ArrowDown" => {
                    if let Some(i) = *cursor {
                        e.prevent_default();
                        if i + 1 < history.len() {
                            el.set_value(&history[i + 1]);
                            cursor.set(Some(i + 1));
                        } else {
                            el.set_value(&draft);
                            cursor.set(None);
                        }
                    }
                }
                "Tab" => {
                    // Tab completes when there is something to complete; otherwise it moves focus.
                    if let Some(done) = complete(&el.value(), &words) {
                        e.prevent_default();
                        el.set_value(&done);
                    }
                }
                _ => {}
            }
        })
    };

    html! {
        <section class="panel console" aria-labelledby="console-h">
            <h2 id="console-h">{ "Console" }</h2>
            <Transcript entries={props.entries.clone()} />
            <form class="prompt-row" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="console-input" class="prompt">{ props.prompt.trim_end() }</label>
                <input id="console-input" ref={input} type="text" autocomplete="off" spellcheck="false"
                       autocapitalize="off" placeholder="kubectl get pods   (↑/↓ history, Tab completes)"
                       aria-label="Command" {onkeydown} />
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<String> {
        [
            "kubectl",
            "web-0",
            "web-1",
            "www-web-0",
            "node-1",
            "--replicas=",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Tab offers the commands and resource names kubectl accepts, and nothing it would refuse.
    #[test]
    fn completion_words_are_what_kubectl_accepts() {
        let w = completion_words(&Snapshot::default());
        for want in [
            "get",
            "rollout",
            "api-resources",
            "statefulsets",
            "sts",
            "pvc",
            "cm",
            "deploy",
            "rs",
            "set",
            "expose",
            "pause",
            "--image=",
        ] {
            assert!(w.iter().any(|x| x == want), "{want} missing from {w:?}");
        }
        assert!(
            !w.iter().any(|x| x == "logs"),
            "kubectl logs is not offered yet"
        );
        let mut s = ordinal_kubectl::Session::new(ordinal_kubectl::SessionConfig::default());
        for k in ordinal_sim::api::kinds::KINDS {
            for name in std::iter::once(&k.plural).chain(k.short_names) {
                let out = s.run(&format!("kubectl get {name} -A"), None);
                assert_eq!(out.exit_code, 0, "kubectl get {name}: {}", out.stderr);
            }
        }
    }

    #[test]
    fn tab_completes_unique_names_and_common_prefixes() {
        assert_eq!(complete("kub", &words()).as_deref(), Some("kubectl "));
        assert_eq!(
            complete("kubectl delete pod web-", &words()).as_deref(),
            None,
            "web-0 and web-1 share only what is typed"
        );
        assert_eq!(
            complete("kubectl delete pod web-1", &words()).as_deref(),
            Some("kubectl delete pod web-1 ")
        );
        assert_eq!(complete("kubectl delete pod w", &words()), None);
        assert_eq!(
            complete("kubectl scale sts web --rep", &words()).as_deref(),
            Some("kubectl scale sts web --replicas=")
        );
        assert_eq!(complete("kubectl ", &words()), None);
    }
}
