//! A panic must never leave a dead page: the hook replaces the page with a readable error and a
//! button that starts again from a clean state (without the link that may have caused it).

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The crash screen's markup; `detail` is shown as text.
pub fn crash_screen(detail: &str) -> String {
    let detail = escape(detail);
    format!(
        r#"<div class="crash" role="alert">
  <h1>Ordinal stopped</h1>
  <p>Something went wrong inside the simulator. Nothing you did is lost if you shared a link
  before; the simulation itself restarts cleanly.</p>
  <pre>{detail}</pre>
  <button type="button" onclick="location.replace(location.pathname + location.search)">Reset and start again</button>
</div>"#
    )
}

/// Replaces the page with the crash screen.
fn show_crash(detail: &str) {
    if let Some(body) = gloo::utils::document().body() {
        body.set_inner_html(&crash_screen(detail));
    }
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("ordinal: {info}").into());
        show_crash(&info.to_string());
    }));
}
