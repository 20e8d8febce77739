//! The header's challenge picker: every challenge, solved ones ticked; picking one starts it
//! from its starting cluster, picking "none" goes back to the guided scenarios.

use ordinal_challenges::{Challenge, ALL};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub current: Option<&'static str>,
    /// Ids of the challenges solved (local storage).
    pub solved: Vec<String>,
    pub on_pick: Callback<Option<&'static Challenge>>,
}

#[function_component(ChallengePicker)]
pub fn challenge_picker(props: &Props) -> Html {
    let on_pick = props.on_pick.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(sel) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            on_pick.emit(Challenge::by_id(&sel.value()));
        }
    });
    html! {
        <label class="challenge-picker">
            <span>{ "Challenge" }</span>
            <select {onchange} aria-label="Challenge">
                <option value="" selected={props.current.is_none()}>{ "None: guided scenarios" }</option>
                { for ALL.iter().enumerate().map(|(i, c)| {
                    let done = props.solved.iter().any(|s| s == c.id);
                    let label = format!("{}{}. {}", if done { "✓ " } else { "" }, i + 1, c.title);
                    html! { <option value={c.id} selected={props.current == Some(c.id)}>{ label }</option> }
                }) }
            </select>
        </label>
    }
}
