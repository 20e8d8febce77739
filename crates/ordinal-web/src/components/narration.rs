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
    let body = match &props.narration {
        Told::Diverged(words) if !props.fresh => diverged(words, &props.on_restart),
        Told::Script(text) if !props.fresh => html! { <p>{ *text }</p> },
        Told::Waiting(run) if !props.fresh => html! {
            <p class="waiting">{ "Just ran " }<code>{ *run }</code>{ " — watch what it does." }</p>
        },
        _ => html! { <p>{ props.invite }</p> },
    };
    let state = match &props.narration {
        _ if props.fresh => "invite",
        Told::Invite => "invite",
        Told::Script(_) => "script",
        Told::Waiting(_) => "waiting",
        Told::Diverged(_) => "diverged",
    };
    html! {
        <div class={classes!("narration", state)} data-narration={state}>
            <span class="scenario-title">{ props.title }</span>
            { body }
        </div>
    }
}

fn diverged(words: &[String], on_restart: &Callback<()>) -> Html {
    let onclick = on_restart.reform(|_: MouseEvent| ());
    html! {
        <div class="off-script">
            <p>
                <strong>{ "Off script: " }</strong>
                { "your commands changed the cluster, so the scenario's story no longer applies. " }
                if words.is_empty() {
                    { "No controller is explaining anything right now." }
                } else {
                    { "The controllers say:" }
                }
            </p>
            if !words.is_empty() {
                <ul class="own-words" aria-label="What the controllers say">
                    { for words.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
            <button type="button" class="restart" {onclick}>{ "Restart the scenario" }</button>
        </div>
    }
}
