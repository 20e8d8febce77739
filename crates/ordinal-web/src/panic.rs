//! A panic must never leave a dead page. The crash screen itself is web/crash.js (installed by
//! web/boot.js before the wasm starts), because a wasm trap such as running out of memory leaves
//! no Rust code able to draw it; the panic hook only hands it the panic's message.

use wasm_bindgen::{JsCast, JsValue};

/// Shows the crash screen with `detail`; true if web/crash.js was there to show it.
fn show_crash(detail: &str) -> bool {
    let window = gloo::utils::window();
    let Ok(show) = js_sys::Reflect::get(&window, &"ordinalCrash".into()) else {
        return false;
    };
    let Some(show) = show.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    show.call1(&JsValue::NULL, &detail.into()).is_ok()
}

pub fn install() {
    // Through Yew: a plain `std::panic::set_hook` is replaced by Yew's console-only hook when the
    // app is rendered.
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("ordinal: {info}").into());
        if !show_crash(&info.to_string()) {
            // Started without web/boot.js (a custom loader): at least say what happened.
            if let Some(body) = gloo::utils::document().body() {
                body.set_text_content(Some(&format!("Ordinal stopped: {info}")));
            }
        }
    }));
}
