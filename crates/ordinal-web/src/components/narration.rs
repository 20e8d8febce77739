//! The strip above the canvas: the scenario's invitation before anything happened, then what to
//! notice at this moment — or, once the learner's commands changed the cluster, what the
//! controllers themselves say, with a way back to the script. Its height is fixed in CSS so a
//! longer sentence never moves the canvas.

use crate::engine::Narration as Told;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub title: &'static str,
    pub invite: &'static str,
    pub narration: Told,
    pub fresh: bool,
    pub on_restart: Callback<()>,
}

#[function_component(Narration)]
pub fn narration(props: &Props) -> Html {
    // The title runs into the sentence, so a sentence takes no line of its own to start.
    let title = html! { <><span class="scenario-title">{ props.title }</span>{ " " }</> };
    let (state, body) = match &props.narration {
        _ if props.fresh => ("invite", html! { <p>{ title }{ props.invite }</p> }),
        Told::Invite => ("invite", html! { <p>{ title }{ props.invite }</p> }),
        Told::Script(text) => ("script", html! { <p>{ title }{ *text }</p> }),
        Told::Waiting(run) => (
            "waiting",
            html! { <p>{ title }{ "Just ran " }<code>{ *run }</code>{ " — watch what it does." }</p> },
        ),
        Told::Diverged(words) => ("diverged", diverged(title, words, &props.on_restart)),
    };
    html! {
        <div class={classes!("narration", state)} data-narration={state}>{ body }</div>
    }
}

fn diverged(title: Html, words: &[String], on_restart: &Callback<()>) -> Html {
    let onclick = on_restart.reform(|_: MouseEvent| ());
    html! {
        <>
            <p>
                { title }
                <strong>{ "Off script: " }</strong>
                { "your commands changed the cluster. " }
                if words.is_empty() {
                    { "No controller is explaining anything right now. " }
                } else {
                    { "The controllers say: " }
                }
            </p>
            if !words.is_empty() {
                <ul class="own-words" aria-label="What the controllers say">
                    { for words.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
            { " " }
            <button type="button" class="restart" {onclick}>{ "Restart the scenario" }</button>
        </>
    }
}
