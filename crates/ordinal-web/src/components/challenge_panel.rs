//! The challenge panel above the canvas: the goal, the constraints, the checker's sentence as it
//! changes, hints revealed one at a time and the reference solution on request. Compact, so the
//! canvas stays in view.

use crate::components::challenge_result::ChallengeResult;
use crate::engine::challenge::{ChallengeView, Standing};
use crate::state::PtrEq;
use ordinal_challenges::Challenge;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: PtrEq<ChallengeView>,
    /// How many challenges are solved (local storage).
    pub solved: usize,
    pub on_pick: Callback<Option<&'static Challenge>>,
    pub on_clear: Callback<()>,
}

#[function_component(ChallengePanel)]
pub fn challenge_panel(props: &Props) -> Html {
    let v = &*props.view;
    let ch = v.challenge;
    let hints = use_state(|| 0usize);
    let solution = use_state(|| false);
    let number = ordinal_challenges::ALL
        .iter()
        .position(|c| c.id == ch.id)
        .map_or(0, |i| i + 1);
    let more_hint = {
        let hints = hints.clone();
        let n = ch.hints.len();
        Callback::from(move |_| hints.set((*hints + 1).min(n)))
    };
    let toggle_solution = {
        let solution = solution.clone();
        Callback::from(move |_| solution.set(!*solution))
    };
    let restart = props.on_pick.reform(move |_: MouseEvent| Some(ch));
    let status_class = match v.standing {
        Standing::NotYet => "not-yet",
        Standing::Solved => "solved",
        Standing::Failed => "failed",
    };
    let mut rules: Vec<String> = ch.constraints.iter().map(|c| c.to_string()).collect();
    if let Some(max) = ch.max_commands {
        rules.push(format!("in at most {max} commands that change the cluster"));
    }
    html! {
        <section class="challenge" aria-labelledby="challenge-title">
            <div class="challenge-head">
                <h2 id="challenge-title" class="challenge-title">{ format!("Challenge {number}: {}", ch.title) }</h2>
                <p class="challenge-goal">{ ch.goal }</p>
            </div>
            if !rules.is_empty() {
                <ul class="challenge-rules" aria-label="Constraints">
                    { for rules.iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            }
            <p class={classes!("challenge-status", status_class)} role="status">
                { &v.status }
                <span class="challenge-count">{ format!(" Commands: {} (reference {}).", v.commands, ch.reference_commands) }</span>
            </p>
            <div class="challenge-actions">
                <button class="challenge-hint" onclick={more_hint} disabled={*hints >= ch.hints.len()}>
                    { if *hints == 0 { "Hint".to_string() } else { format!("Another hint ({} of {})", *hints, ch.hints.len()) } }
                </button>
                <button class="challenge-show" aria-expanded={solution.to_string()} onclick={toggle_solution}>
                    { if *solution { "Hide solution" } else { "Show solution" } }
                </button>
                <button class="challenge-restart" onclick={restart}>{ "Start over" }</button>
            </div>
            if *hints > 0 {
                <ol class="challenge-hints">
                    { for ch.hints.iter().take(*hints).map(|h| html! { <li>{ h }</li> }) }
                </ol>
            }
            if *solution {
                <pre class="challenge-solution" aria-label="Reference solution" tabindex="0"><code>{ ch.solution.join("\n") }</code></pre>
            }
            if v.standing == Standing::Solved {
                <ChallengeResult view={props.view.clone()} solved={props.solved}
                                 on_pick={props.on_pick.clone()} on_clear={props.on_clear.clone()} />
            }
        </section>
    }
}
