//! A panic must leave a readable error and a way out, never a dead page. (The hook puts this
//! markup in place of the page's body; here it goes into a div, so the test runner's page stays.)
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_crash_screen_explains_and_offers_a_reset() {
    let doc = gloo::utils::document();
    let host = doc.create_element("div").unwrap();
    host.set_inner_html(&ordinal_web::panic::crash_screen(
        "panicked at src/x.rs:1:1: <b>boom</b>",
    ));
    doc.body().unwrap().append_child(&host).unwrap();
    let alert = doc
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert replaces the page");
    let text = alert.text_content().unwrap();
    assert!(text.contains("Ordinal stopped"), "{text}");
    assert!(
        text.contains("<b>boom</b>"),
        "the detail is shown as text, not markup: {text}"
    );
    assert!(doc.query_selector("[role=alert] b").unwrap().is_none());
    let button: web_sys::HtmlElement = doc
        .query_selector("[role=alert] button")
        .unwrap()
        .expect("a reset button")
        .dyn_into()
        .unwrap();
    assert_eq!(button.text_content().unwrap(), "Reset and start again");
    // The reset drops the fragment (a shared link may be what broke) and reloads.
    assert_eq!(
        button.get_attribute("onclick").as_deref(),
        Some("location.replace(location.pathname + location.search)")
    );
}
