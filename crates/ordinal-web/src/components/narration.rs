//! One line above the canvas: the scenario's invitation before anything happened, then what to
//! notice at this moment.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub title: &'static str,
    pub invite: &'static str,
    pub narration: Option<&'static str>,
    pub fresh: bool,
}

#[function_component(Narration)]
pub fn narration(props: &Props) -> Html {
    let text = if props.fresh {
        props.invite
    } else {
        props.narration.unwrap_or(props.invite)
    };
    html! {
        <div class={classes!("narration", props.fresh.then_some("invite"))}>
            <span class="scenario-title">{ props.title }</span>
            <p>{ text }</p>
        </div>
    }
}
