//! The console: type kubectl or `sim` commands; history with ↑/↓; Tab completes (and lists
//! candidates when several fit) without ever leaving the input; Ctrl-C abandons the line, or
//! stops a running command; `clear` and Ctrl-L clear the screen. Every menu action also shows up
//! here as the command it ran. After a seek back it says what a command typed now replaces, and
//! after one was, what it replaced, with Undo.

use super::challenge_result::plural as commands;
use super::completion::complete;
use super::controls::clock;
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
    /// The instant the transcript is drawn at (`Frame::console_now`).
    #[prop_or(ordinal_sim::Millis::MAX)]
    pub now: ordinal_sim::Millis,
    /// A blocking command is running: Ctrl-C stops it, Enter waits for it.
    #[prop_or_default]
    pub running: bool,
    /// Commands after the time shown (what a command typed now replaces).
    #[prop_or_default]
    pub after_now: usize,
    /// The last branch (where, commands replaced), offered for undo.
    #[prop_or_default]
    pub branch: Option<(ordinal_sim::Millis, usize)>,
    #[prop_or_default]
    pub on_interrupt: Callback<()>,
    #[prop_or_default]
    pub on_undo: Callback<()>,
}

/// Where the transcript starts: after the last `clear` typed (or the entry Ctrl-L was pressed
/// at), as a terminal's screen does; the entries stay in the timeline.
pub fn shown_from(entries: &[ConsoleEntry], ctrl_l: Option<u64>) -> Option<u64> {
    let typed = entries
        .iter()
        .rev()
        .find(|e| e.by == Actor::User && e.line.trim() == "clear")
        .map(|e| e.id);
    typed.max(ctrl_l)
}

fn has_selection(el: &web_sys::HtmlInputElement) -> bool {
    matches!(
        (el.selection_start(), el.selection_end()),
        (Ok(Some(a)), Ok(Some(b))) if a != b
    )
}

#[function_component(Console)]
pub fn console(props: &Props) -> Html {
    let input = use_node_ref();
    let draft = use_state(String::new);
    // Position in the history while browsing with ↑/↓ (None: editing a new line).
    let cursor = use_state(|| None::<usize>);
    // Lines the terminal shows below the transcript until the next command: Tab's candidates,
    // an abandoned line (`$ kubectl get po^C`).
    let scratch = use_state(Vec::<String>::new);
    let ctrl_l = use_state(|| None::<u64>);
    let last_id = props.entries.last().map(|e| e.id);
    {
        // A command ran: what was below the old prompt scrolls into the past.
        let scratch = scratch.clone();
        use_effect_with(last_id, move |_| scratch.set(Vec::new()));
    }
    let history: Vec<String> = props
        .entries
        .iter()
        .filter(|e| e.by == Actor::User)
        .map(|e| e.line.clone())
        .collect();

    let onkeydown = {
        let (draft, cursor, on_run) = (draft.clone(), cursor.clone(), props.on_run.clone());
        let (scratch, ctrl_l, snapshot) = (scratch.clone(), ctrl_l.clone(), props.snapshot.clone());
        let prompt = props.prompt.clone();
        let (running, on_interrupt) = (props.running, props.on_interrupt.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
            match e.key().as_str() {
                // Ctrl-C copies a selection, as in any page; with none it abandons the line.
                "c" | "C" if ctrl && !has_selection(&el) && running => {
                    e.prevent_default();
                    on_interrupt.emit(());
                }
                "c" | "C" if ctrl && !has_selection(&el) => {
                    e.prevent_default();
                    let mut lines = (*scratch).clone();
                    lines.push(format!("{}{}^C", prompt, el.value()));
                    scratch.set(lines);
                    el.set_value("");
                    draft.set(String::new());
                    cursor.set(None);
                }
                "l" | "L" if ctrl => {
                    e.prevent_default();
                    ctrl_l.set(last_id);
                    scratch.set(Vec::new());
                }
                // A terminal runs one command at a time: the line waits for the prompt.
                "Enter" if running => e.prevent_default(),
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
                // Tab never leaves the input (Shift-Tab does, for the keyboard's way out).
                "Tab" if !e.shift_key() => {
                    e.prevent_default();
                    let line = el.value();
                    let done = complete(&line, &snapshot);
                    if done.line != line {
                        el.set_value(&done.line);
                    }
                    if !done.candidates.is_empty() {
                        let mut lines = (*scratch).clone();
                        lines.push(format!("{prompt}{line}"));
                        lines.push(done.candidates.join("  "));
                        // Only the newest listings: the terminal scrolls, this stays bounded.
                        let excess = lines.len().saturating_sub(8);
                        lines.drain(..excess);
                        scratch.set(lines);
                    }
                }
                _ => {}
            }
        })
    };

    html! {
        <section class="panel console" aria-labelledby="console-h">
            <h2 id="console-h">{ "Console" }</h2>
            <Transcript entries={props.entries.clone()} from={shown_from(&props.entries, *ctrl_l)}
                        scratch={(*scratch).clone()} now={props.now} running={props.running} />
            if let Some((at, n)) = props.branch {
                <p class="console-note branched" role="status">
                    { format!("Replaced what came after {}: {}. ", clock(at), commands(n)) }
                    <button type="button" class="undo" onclick={props.on_undo.reform(|_: MouseEvent| ())}>{ "Undo" }</button>
                </p>
            } else if props.after_now > 0 && !props.running {
                <p class="console-note">
                    { format!("A command typed now replaces what comes after {}: {}.", clock(props.now), commands(props.after_now)) }
                </p>
            }
            <form class="prompt-row" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="console-input" class="prompt">{ props.prompt.trim_end() }</label>
                <input id="console-input" ref={input} type="text" autocomplete="off" spellcheck="false"
                       autocapitalize="off" aria-label="Command" {onkeydown}
                       placeholder={if props.running { "Running… Ctrl-C to stop" } else { "kubectl get pods   (↑/↓ history, Tab completes, Ctrl-C, Ctrl-L)" }} />
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordinal_kubectl::CommandOutput;

    fn entry(id: u64, by: Actor, line: &str) -> ConsoleEntry {
        ConsoleEntry {
            id,
            at: 0,
            by,
            prompt: "$ ".into(),
            line: line.into(),
            output: CommandOutput::default(),
        }
    }

    #[test]
    fn clear_and_ctrl_l_hide_what_came_before() {
        let e = vec![
            entry(1, Actor::User, "kubectl get pods"),
            entry(2, Actor::User, "clear"),
            entry(3, Actor::Scenario, "kubectl scale sts web --replicas=3"),
        ];
        assert_eq!(shown_from(&e, None), Some(2));
        assert_eq!(shown_from(&e, Some(3)), Some(3));
        assert_eq!(shown_from(&e[..1], None), None);
    }
}
