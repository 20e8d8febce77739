//! Computed styles and places of what the drawing moves. In the browser a style is the `style`
//! property (`~style`, CSSOM): it tweens (canvas.css transitions `transform`) and passes the CSP,
//! which blocks style attributes. On the native poster path (`crate::poster`, Yew's server-side
//! rendering) a property would be a `JsValue`, which exists only in wasm, and would not be
//! written anyway: there the style is `None` (`undefined`, which needs no JavaScript) and a card's
//! place is the SVG `transform` attribute instead.

/// `css` for a `~style` property in the browser; None natively.
pub fn style(css: String) -> Option<String> {
    cfg!(target_arch = "wasm32").then_some(css)
}

/// A card's place as the `~style` property (the browser's).
pub fn translate_css(x: f64, y: f64) -> Option<String> {
    style(format!("transform: translate({x}px, {y}px)"))
}

/// The same place as an SVG `transform` attribute: natively only (None in the wasm, where the
/// property places the card and an attribute would move it twice).
pub fn translate_attr(x: f64, y: f64) -> Option<String> {
    cfg!(not(target_arch = "wasm32")).then(|| format!("translate({x} {y})"))
}
