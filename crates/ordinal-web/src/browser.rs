//! Small wrappers over the browser APIs the app uses (location, history, performance marks).
//! Every call tolerates a missing API: the app must never die because of one.

use wasm_bindgen::JsValue;

/// The URL fragment, without `#`.
pub fn fragment() -> String {
    gloo::utils::window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// `?embed=1`: no page chrome, fits an iframe.
pub fn is_embed() -> bool {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv == "embed=1" || kv == "embed=true")
}

/// Replaces the fragment without a navigation or a history entry.
pub fn replace_fragment(fragment: &str) {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// The page's address with `fragment` (for the share box).
pub fn url_with_fragment(fragment: &str) -> String {
    let loc = gloo::utils::window().location();
    let base = loc.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_string();
    format!("{base}#{fragment}")
}

/// `performance.mark(name)`, read by the end-to-end tests' measurements.
pub fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        let _ = p.mark(name);
    }
}
