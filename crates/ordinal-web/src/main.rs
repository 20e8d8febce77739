use yew::prelude::*;

// The root component. `crates/ordinal-web/tests/` mounts it in headless Chromium (it includes this
// file as a module), so keep `App` public and its `<main>` element.
#[function_component(App)]
pub fn app() -> Html {
    html! { <main><h1>{ "Ordinal" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
