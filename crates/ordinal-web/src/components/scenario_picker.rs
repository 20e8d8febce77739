//! The guided scenarios, one of which is loaded (from its start, paused) when picked.

use crate::scenarios::{Scenario, ALL};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub current: &'static str,
    pub on_pick: Callback<&'static Scenario>,
}

#[function_component(ScenarioPicker)]
pub fn scenario_picker(props: &Props) -> Html {
    let on_pick = props.on_pick.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(sel) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            if let Some(s) = Scenario::by_id(&sel.value()) {
                on_pick.emit(s);
            }
        }
    });
    html! {
        <label class="picker">
            <span>{ "Scenario" }</span>
            <select {onchange} aria-label="Guided scenario">
                // A challenge is on: no scenario is.
                if Scenario::by_id(props.current).is_none() {
                    <option value="" selected=true disabled=true>{ "—" }</option>
                }
                { for ALL.iter().enumerate().map(|(i, s)| html! {
                    <option value={s.id} selected={s.id == props.current}>{ format!("{}. {}", i + 1, s.title) }</option>
                }) }
            </select>
        </label>
    }
}
