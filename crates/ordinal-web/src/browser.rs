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

/// The query string, without `?` (the embed parameters, docs/embedding.md).
pub fn query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
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

/// Sets (or, None, removes) `?challenge=<id>` in the address, keeping the other parameters
/// (`embed=1`) and the fragment, without a navigation.
pub fn set_challenge_param(id: Option<&str>) {
    let window = gloo::utils::window();
    let loc = window.location();
    let search = loc.search().unwrap_or_default();
    let mut params: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("challenge="))
        .map(str::to_string)
        .collect();
    if let Some(id) = id {
        params.push(format!("challenge={id}"));
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    let url = format!(
        "{}{query}{}",
        loc.pathname().unwrap_or_default(),
        loc.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The challenges solved so far (local storage), by id.
pub fn solved_challenges() -> Vec<String> {
    local_storage()
        .and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten())
        .map(|v| {
            v.split(',')
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Remembers that `id` was solved.
pub fn mark_solved(id: &str) {
    let mut ids = solved_challenges();
    if !ids.iter().any(|i| i == id) {
        ids.push(id.to_string());
        if let Some(s) = local_storage() {
            let _ = s.set_item(PROGRESS_KEY, &ids.join(","));
        }
    }
}

/// Forgets every challenge solved.
pub fn clear_progress() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(PROGRESS_KEY);
    }
}

const PROGRESS_KEY: &str = "ordinal-challenges-solved";

/// Local storage, if the browser lets the page have it (private modes may not).
fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
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

/// Keeps `window.ordinalShareLink` at the link of what is on screen (or about to run): a wasm
/// trap leaves no Rust code able to build it, and the crash screen (web/crash.js) offers it.
pub fn remember_link(fragment: &str) {
    let url = url_with_fragment(fragment);
    let _ = js_sys::Reflect::set(
        &gloo::utils::window(),
        &"ordinalShareLink".into(),
        &url.into(),
    );
}

/// Whether the page is driven by automation (WebDriver, the end-to-end tests' Chromium).
pub fn is_automated() -> bool {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::get(&navigator, &"webdriver".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// `performance.mark(name)`, read by the end-to-end tests' measurements.
pub fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        let _ = p.mark(name);
    }
}

/// `performance.now()` in milliseconds (0 where there is no Performance API, and in native
/// tests, where a link's replay then runs in one go).
pub fn now_ms() -> f64 {
    if cfg!(not(target_arch = "wasm32")) {
        return 0.0;
    }
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// `?profile=1`: the driver publishes where each frame's time goes.
pub fn is_profiling() -> bool {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
        .contains("profile=1")
}

/// Sets `window.ordinalProfile` to `[frames, advance ms, snapshot ms, render ms]` (totals).
pub fn publish_profile(totals: &[f64; 4]) {
    let arr = js_sys::Array::new();
    for t in totals {
        arr.push(&JsValue::from_f64(*t));
    }
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"ordinalProfile".into(), &arr);
}

thread_local! {
    static RENDERS: std::cell::Cell<(f64, f64)> = const { std::cell::Cell::new((0.0, 0.0)) };
}

/// Adds one App render's duration to `window.ordinalRender` (`[renders, total ms]`).
pub fn add_render_time(ms: f64) {
    let (n, total) = RENDERS.with(|r| {
        let (n, t) = r.get();
        r.set((n + 1.0, t + ms));
        (n + 1.0, t + ms)
    });
    let arr = js_sys::Array::of2(&JsValue::from_f64(n), &JsValue::from_f64(total));
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"ordinalRender".into(), &arr);
}
