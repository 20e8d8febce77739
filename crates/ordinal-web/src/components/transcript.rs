//! The console's transcript: every command with its output, newest at the bottom. Its own
//! component so that it re-renders only when a command ran, not on every frame.

use crate::engine::{Actor, ConsoleEntry};
use crate::state::PtrEq;
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
}

#[function_component(Transcript)]
pub fn transcript(props: &Props) -> Html {
    html! {
            <div class="scroll term-out stick-bottom" role="log" aria-label="Command output" tabindex="0">
                <div>
                { for props.entries.iter().filter(|e| props.from.is_none_or(|f| e.id > f)).map(|e| html! {
                    <div class={classes!("cmd", if e.by == Actor::User { "by-user" } else { "by-script" })} key={e.id}>
                        <div class="cmd-line">
                            <span class="prompt" aria-hidden="true">{ &e.prompt }</span>{ &e.line }
                            if e.by == Actor::Scenario { <span class="by" >{ " (scenario)" }</span> }
                        </div>
                        if !e.output.stdout.is_empty() { <pre class="stdout">{ e.output.stdout.trim_end() }</pre> }
                        if !e.output.stderr.is_empty() { <pre class="stderr">{ e.output.stderr.trim_end() }</pre> }
                    </div>
                }) }
                if !props.scratch.is_empty() {
                    <pre class="scratch">{ props.scratch.join("\n") }</pre>
                }
                </div>
            </div>
    }
}
