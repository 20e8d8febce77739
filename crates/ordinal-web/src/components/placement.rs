//! Computed styles and places of what the drawing moves. In the browser a style is the `style`
//! property (`~style`, CSSOM): it tweens (canvas.css transitions `transform`) and passes the CSP,
//! which blocks style attributes. On the native poster path (`crate::poster`, Yew's server-side
//! rendering) a property would be a `JsValue`, which exists only in wasm, and would not be
//! written anyway: there the style is `None` (`undefined`, which needs no JavaScript) and a card's
//! place is the SVG `transform` attribute of a group around it instead.

use yew::prelude::*;

/// `css` for a `~style` property in the browser (the same code as a plain `~style={css}`).
#[cfg(target_arch = "wasm32")]
pub fn style(css: String) -> String {
    css
}

/// Natively: no property at all (`undefined`).
#[cfg(not(target_arch = "wasm32"))]
pub fn style(_css: String) -> Option<String> {
    None
}

/// A card's place as the `~style` property (the browser's).
pub fn translate_css(x: f64, y: f64) -> impl Into<wasm_bindgen::JsValue> {
    style(format!("transform: translate({x}px, {y}px)"))
}

/// `card`, placed at (x, y). In the browser the card places itself (`translate_css`), so this is
/// `card` (nothing more in the wasm); natively it sits in a `<g transform>`.
#[cfg(target_arch = "wasm32")]
pub fn placed(card: Html, _x: f64, _y: f64) -> Html {
    card
}

/// Natively: the place as an SVG `transform` attribute around the card.
#[cfg(not(target_arch = "wasm32"))]
pub fn placed(card: Html, x: f64, y: f64) -> Html {
    html! { <g transform={format!("translate({x} {y})")}>{ card }</g> }
}
