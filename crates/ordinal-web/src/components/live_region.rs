//! A polite live region: screen readers hear controller events as they happen.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
}

#[function_component(LiveRegion)]
pub fn live_region(props: &Props) -> Html {
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            { &props.text }
        </div>
    }
}
