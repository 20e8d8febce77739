//! The console's transcript: every command with its output, newest at the bottom. Its own
//! component so that it re-renders only when a command ran or, while something in it is still
//! to happen, when the clock moves.
//!
//! It is drawn at an instant (`now`): output written later (`CommandOutput::written_by`) and
//! commands issued later are the future. While a command runs that part is hidden, as a
//! terminal has not printed it yet; after a seek back it shows dimmed, after a separator.

use super::controls::clock;
use crate::engine::{Actor, ConsoleEntry};
use crate::state::PtrEq;
use ordinal_sim::Millis;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: PtrEq<Vec<ConsoleEntry>>,
    /// Show only entries after this id (`clear`, Ctrl-L).
    #[prop_or_default]
    pub from: Option<u64>,
    /// Lines below the last command: Tab's candidates, abandoned lines.
    #[prop_or_default]
    pub scratch: Vec<String>,
    /// The instant drawn (`Millis::MAX`: everything has happened).
    #[prop_or(Millis::MAX)]
    pub now: Millis,
    /// A command is running: its unwritten output is hidden rather than dimmed.
    #[prop_or_default]
    pub running: bool,
}

/// How much of an entry has happened by `now`: None for all of it, else the bytes of its
/// combined output written by then (0 when the command itself comes later).
pub fn happened(e: &ConsoleEntry, now: Millis) -> Option<usize> {
    if e.at > now {
        return Some(0);
    }
    let n = e.output.written_by(now);
    (n < e.output.combined.len()).then_some(n)
}

#[function_component(Transcript)]
pub fn transcript(props: &Props) -> Html {
    let now = props.now;
    let mut separated = false;
    let mut separator = move || {
        let first = !separated;
        separated = true;
        html! {
            if first {
                <p class="future-sep">{ format!("After {} — not happened yet at the time you are viewing", clock(now)) }</p>
            }
        }
    };
    let shown = props
        .entries
        .iter()
        .filter(|e| props.from.is_none_or(|f| e.id > f))
        .filter(|e| !(props.running && e.at > now));
    html! {
            <div class="scroll term-out stick-bottom" role="log" aria-label="Command output" tabindex="0">
                <div>
                { for shown.map(|e| {
                    let by = if e.by == Actor::User { "by-user" } else { "by-script" };
                    let head = html! {
                        <div class="cmd-line">
                            <span class="prompt" aria-hidden="true">{ &e.prompt }</span>{ &e.line }
                            if e.by == Actor::Scenario { <span class="by" >{ " (scenario)" }</span> }
                        </div>
                    };
                    match happened(e, now) {
                        None => html! {
                            <div class={classes!("cmd", by)} key={e.id}>
                                { head }
                                if !e.output.stdout.is_empty() { <pre class="stdout">{ e.output.stdout.trim_end() }</pre> }
                                if !e.output.stderr.is_empty() { <pre class="stderr">{ e.output.stderr.trim_end() }</pre> }
                            </div>
                        },
                        Some(0) if e.at > now => html! {
                            <div class={classes!("cmd", by, "future")} key={e.id}>
                                { separator() }
                                { head }
                                if !e.output.combined.is_empty() { <pre>{ e.output.combined.trim_end() }</pre> }
                            </div>
                        },
                        Some(n) => {
                            let (written, later) = e.output.combined.split_at(n);
                            html! {
                                <div class={classes!("cmd", by)} key={e.id}>
                                    { head }
                                    if !written.is_empty() { <pre class="stdout">{ written.trim_end() }</pre> }
                                    if !props.running {
                                        { separator() }
                                        <pre class="future">{ later.trim_end() }</pre>
                                    }
                                </div>
                            }
                        }
                    }
                }) }
                if !props.scratch.is_empty() {
                    <pre class="scratch">{ props.scratch.join("\n") }</pre>
                }
                </div>
            </div>
    }
}
