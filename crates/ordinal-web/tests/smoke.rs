//! Browser smoke tests: mount the real `App` in headless Chromium (wasm-bindgen-test-runner +
//! chromedriver; `scripts/test` sets that up) and check what a person would see.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` attached to the page's body, for one test to render into.
fn mount_point() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").expect("create div");
    gloo::utils::body().append_child(&div).expect("append div");
    div
}

#[wasm_bindgen_test]
async fn app_renders_its_heading() {
    let root = mount_point();
    let handle = yew::Renderer::<ordinal_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    sleep(std::time::Duration::ZERO).await;

    assert!(
        root.query_selector("main").unwrap().is_some(),
        "the App renders a <main> element"
    );
    let heading = root
        .query_selector("h1")
        .unwrap()
        .expect("the App renders an <h1>");
    assert_eq!(heading.text_content().unwrap_or_default().trim(), "Ordinal");

    handle.destroy();
    root.remove();
}
