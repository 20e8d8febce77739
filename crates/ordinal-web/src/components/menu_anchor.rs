//! Opening a menu from a canvas object, by mouse or keyboard (Enter or Space), anchored under
//! the object that was activated.

pub use crate::state::Anchor;
use crate::state::Target;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Under the activated object. (Yew delegates events, so `currentTarget` is the app's root:
/// walk up from the event's target to the object's own element instead.)
fn anchor_of(target: Option<web_sys::EventTarget>) -> Anchor {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[role=button]").ok().flatten())
        .map(|el| {
            let r = el.get_bounding_client_rect();
            Anchor {
                x: r.left(),
                y: r.bottom(),
            }
        })
        .unwrap_or(Anchor { x: 16.0, y: 16.0 })
}

/// Click and key handlers that open the menu for `target`.
pub fn activation(
    target: Target,
    on_open: Callback<(Target, Anchor)>,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let t = target.clone();
    let open = on_open.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        open.emit((t.clone(), anchor_of(e.target())));
    });
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            e.stop_propagation();
            on_open.emit((target.clone(), anchor_of(e.target())));
        }
    });
    (onclick, onkeydown)
}
