//! A panic must never leave a dead page: the hook replaces the page with a readable error and a
//! button that starts again from a clean state (without the link that may have caused it).

use std::panic::PanicHookInfo;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn show(info: &PanicHookInfo<'_>) {
    let Some(body) = gloo::utils::document().body() else {
        return;
    };
    let detail = escape(&info.to_string());
    body.set_inner_html(&format!(
        r#"<div class="crash" role="alert">
  <h1>Ordinal stopped</h1>
  <p>Something went wrong inside the simulator. Nothing you did is lost if you shared a link
  before; the simulation itself restarts cleanly.</p>
  <pre>{detail}</pre>
  <button type="button" onclick="location.replace(location.pathname + location.search)">Reset and start again</button>
</div>"#
    ));
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("ordinal: {info}").into());
        show(info);
    }));
}
