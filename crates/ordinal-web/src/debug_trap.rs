//! Ways to make the wasm side die as it does in the field, so the end-to-end tests can check
//! that the crash screen appears for each (tests/e2e/ui-crash.test.mjs). Installed as
//! `window.ordinalDebugTrap(kind)` only when automation drives the page (`navigator.webdriver`):
//! no link, click or command reaches it.

use wasm_bindgen::prelude::*;

/// Out of memory: allocates until the allocator fails. Rust then aborts without a panic (no
/// panic hook runs), which in wasm is an `unreachable` trap.
fn exhaust_memory() {
    let mut hog: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut chunk = Vec::<u8>::with_capacity(256 << 20);
        chunk.push(1);
        hog.push(chunk);
        std::hint::black_box(&hog);
    }
}

fn trap(kind: &str) {
    match kind {
        "oom" => exhaust_memory(),
        "panic" => panic!("ordinalDebugTrap(\"panic\")"),
        #[cfg(target_arch = "wasm32")]
        "unreachable" => core::arch::wasm32::unreachable(),
        _ => web_sys::console::warn_1(&format!("ordinalDebugTrap: unknown kind {kind:?}").into()),
    }
}

pub fn install() {
    if !crate::browser::is_automated() {
        return;
    }
    let hook = Closure::<dyn Fn(String)>::new(|kind: String| trap(&kind));
    let _ = js_sys::Reflect::set(
        &gloo::utils::window(),
        &"ordinalDebugTrap".into(),
        hook.as_ref(),
    );
    hook.forget();
}
