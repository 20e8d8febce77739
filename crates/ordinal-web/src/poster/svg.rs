//! One standalone SVG file of a scene: the canvas's drawing, rendered by Yew's server side,
//! inside a root `<svg>` that carries what a still picture needs on its own — a `<title>` and an
//! `aria-label`, the app's stylesheets (the same files the page links, light and dark by
//! prefers-color-scheme), a background — and no script, so it works as `<img src>`.

use super::Scene;
use crate::components::drawing::cluster_drawing;
use crate::state::PtrEq;
use crate::view::{Layout, Snapshot};
use ordinal_sim::gofmt::duration_string;
use yew::prelude::*;
use yew::LocalServerRenderer;

/// The page's stylesheets the drawing needs, in the page's order (index.html).
const STYLESHEETS: [&str; 3] = [
    include_str!("../../../../web/base.css"),
    include_str!("../../../../web/palette.css"),
    include_str!("../../../../web/canvas.css"),
];
/// A still picture: no entrance animation or glide, and the background and border the page's
/// `svg.cluster` box would give.
const STILL: &str = "*{animation:none!important;transition:none!important}\
.poster-bg{fill:var(--bg);stroke:var(--border)}";
/// Most pod names the picture's label lists.
const NAMED_PODS: usize = 8;

/// The scene as an SVG document.
pub fn render(scene: &Scene) -> String {
    let layout = Layout::of(&scene.snapshot);
    let (w, h) = (layout.width, layout.height);
    let props = StillProps {
        snapshot: PtrEq::new(scene.snapshot.clone()),
        layout: PtrEq::new(layout),
    };
    let drawing = draw(props);
    // A picture has nothing to focus: the cards' keyboard stops belong to the live app.
    let drawing = drawing.replace(" tabindex=\"0\"", "");
    let label = escape(&label(scene));
    let css: String = STYLESHEETS.into_iter().map(minify).collect::<String>() + STILL;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>\
         <style>{}</style><rect class=\"poster-bg\" x=\"0.5\" y=\"0.5\" width=\"{}\" \
         height=\"{}\" rx=\"8\"/>{drawing}</svg>\n",
        escape(&css),
        w - 1.0,
        h - 1.0
    )
}

#[derive(Properties, PartialEq)]
struct StillProps {
    snapshot: PtrEq<Snapshot>,
    layout: PtrEq<Layout>,
}

/// The canvas's drawing, with nothing to open.
#[function_component(Still)]
fn still(props: &StillProps) -> Html {
    cluster_drawing(&props.snapshot, &props.layout, &Callback::noop())
}

/// Yew's server-side rendering of the drawing, on a one-thread runtime (its props hold `Rc`s).
fn draw(props: StillProps) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let local = tokio::task::LocalSet::new();
    runtime.block_on(
        local.run_until(
            LocalServerRenderer::<Still>::with_props(props)
                .hydratable(false)
                .render(),
        ),
    )
}

/// `Ordered creation at 12s: 2 pods (web-0 Running, web-1 Pending), 2 claims.`
fn label(scene: &Scene) -> String {
    let s = &scene.snapshot;
    let mut pods: Vec<String> = s
        .pods
        .iter()
        .take(NAMED_PODS)
        .map(|p| format!("{} {}", p.name, p.status))
        .collect();
    if s.pods.len() > NAMED_PODS {
        pods.push(format!("{} more", s.pods.len() - NAMED_PODS));
    }
    let pods = match s.pods.len() {
        0 => "no pods".to_string(),
        1 => format!("1 pod ({})", pods.join(", ")),
        n => format!("{n} pods ({})", pods.join(", ")),
    };
    let claims = match s.claims.len() {
        1 => "1 claim".to_string(),
        n => format!("{n} claims"),
    };
    format!(
        "{} at {}: {pods}, {claims}.",
        scene.title,
        duration_string(scene.at_ms)
    )
}

/// Text and attribute values in XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A stylesheet without its comments and with its whitespace runs cut to one space (the rules
/// are the page's; a poster is smaller without the prose).
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut joined = words.join(" ");
    for tight in ["{", "}", ";", ","] {
        joined = joined
            .replace(&format!(" {tight}"), tight)
            .replace(&format!("{tight} "), tight);
    }
    joined.replace(": ", ":")
}
