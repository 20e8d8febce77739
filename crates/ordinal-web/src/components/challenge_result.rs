//! The result screen once a challenge is solved: commands against the reference (golf), the
//! simulated time taken, what the controllers did on the way (from the events), the next one.

use crate::engine::challenge::ChallengeView;
use crate::state::PtrEq;
use ordinal_challenges::Challenge;
use yew::prelude::*;

/// Most events listed.
const MAX_EVENTS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: PtrEq<ChallengeView>,
    pub solved: usize,
    pub on_pick: Callback<Option<&'static Challenge>>,
    pub on_clear: Callback<()>,
}

/// `1 command`, `3 commands`.
pub fn plural(n: usize) -> String {
    if n == 1 {
        "1 command".into()
    } else {
        format!("{n} commands")
    }
}

#[function_component(ChallengeResult)]
pub fn challenge_result(props: &Props) -> Html {
    let v = &*props.view;
    let ch = v.challenge;
    let took = v
        .took_ms
        .map(ordinal_sim::gofmt::duration_string)
        .unwrap_or_default();
    let golf = match v.commands.cmp(&ch.reference_commands) {
        std::cmp::Ordering::Less => "fewer than the reference!",
        std::cmp::Ordering::Equal => "as many as the reference.",
        std::cmp::Ordering::Greater => "the reference needs fewer.",
    };
    let shown: Vec<&(String, String, String)> = v.events.iter().rev().take(MAX_EVENTS).collect();
    let next = ch.next();
    let total = ordinal_challenges::ALL.len();
    html! {
        <div class="challenge-result" role="region" aria-label="Challenge solved">
            <p class="result-head">
                <strong>{ "Solved!" }</strong>
                { format!(" {} changed the cluster: {golf} Simulated time: {took}.", plural(v.commands)) }
            </p>
            <p class="result-teaches">{ ch.teaches }</p>
            if !shown.is_empty() {
                <details class="result-events">
                    <summary>{ format!("What the controllers did ({} events)", v.events.len()) }</summary>
                    <ul>
                        { for shown.iter().rev().map(|(reason, object, message)| html! {
                            <li><span class="ev-reason">{ reason }</span>{ " " }<span class="ev-object">{ object }</span>{ ": " }{ message }</li>
                        }) }
                    </ul>
                </details>
            }
            <div class="result-actions">
                if let Some(n) = next {
                    <button class="result-next" onclick={props.on_pick.reform(move |_: MouseEvent| Some(n))}>
                        { format!("Next challenge: {}", n.title) }
                    </button>
                }
                <span class="result-progress">{ format!("{} of {total} solved", props.solved) }</span>
                <button class="result-clear" onclick={props.on_clear.reform(|_: MouseEvent| ())}>{ "Clear progress" }</button>
            </div>
        </div>
    }
}
