//! The cluster drawing as the page shows it: the drawing (`drawing.rs`) in a box that scrolls
//! sideways when it is wider than the window, sized to the height the window leaves, with a cue
//! when it overflows and the legend under it. Everything measured lives here, in effects.

use super::drawing::cluster_drawing;
use super::legend::Legend;
use super::menu_anchor::Anchor;
use crate::state::{PtrEq, Target};
use crate::view::layout::{Layout, CARD_W};
use crate::view::Snapshot;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub snapshot: PtrEq<Snapshot>,
    pub layout: PtrEq<Layout>,
    pub on_open: Callback<(Target, Anchor)>,
}

/// The column of what changed last (the newest Event's pod or claim). When the drawing is wider
/// than the window (a phone, a big set) it scrolls to keep that in view: the point of the
/// moment — the pod being replaced, the canary past the partition — is not off-screen.
fn focus_x(s: &Snapshot, l: &Layout) -> Option<f64> {
    s.events.iter().rev().take(32).find_map(|e| {
        let (kind, name) = e.object.split_once('/')?;
        match kind {
            "pod" => l.pod(name).map(|p| p.x),
            "persistentvolumeclaim" => l.claim(name).map(|c| c.x),
            _ => None,
        }
    })
}

#[function_component(ClusterCanvas)]
pub fn cluster_canvas(props: &Props) -> Html {
    let s = &*props.snapshot;
    let l = &*props.layout;
    // Whether the drawing is wider than its box: then a cue says it scrolls sideways. Measured
    // after each render (the canvas renders only when the cluster changes) and on resize.
    let scroller = use_node_ref();
    let overflows = use_state_eq(|| false);
    let fit_h = use_state_eq(|| 0.0_f64);
    {
        let (scroller, overflows, fit_h) = (scroller.clone(), overflows.clone(), fit_h.clone());
        use_effect(move || {
            let measure = move || {
                let Some(el) = scroller.cast::<web_sys::HtmlElement>() else {
                    return;
                };
                // The height the window leaves below the drawing's top (minus the legend under
                // it), as --fit-h: on wide windows app.css sizes the drawing to it.
                let window = gloo::utils::window();
                let inner = window
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(0.0);
                let top = el.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
                let legend = el
                    .next_element_sibling()
                    .map_or(0.0, |n| n.get_bounding_client_rect().height());
                let fit = (inner - top - legend - 16.0).max(240.0).round();
                fit_h.set(fit);
                overflows.set(el.scroll_width() > el.client_width() + 1);
            };
            measure();
            let resize =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    measure()
                });
            move || drop(resize)
        });
    }
    {
        let scroller = scroller.clone();
        let (focus, width) = (focus_x(s, l), l.width);
        // Keyed by the column, not the instant: a learner who scrolled away is not pulled back
        // until something else happens somewhere else.
        use_effect_with(focus.map(|x| x.round() as i64), move |_| {
            let (Some(x), Some(el)) = (focus, scroller.cast::<web_sys::Element>()) else {
                return;
            };
            let (sw, cw) = (f64::from(el.scroll_width()), f64::from(el.client_width()));
            if sw <= cw + 1.0 || width <= 0.0 {
                return;
            }
            let scale = sw / width;
            let (left, right) = (x * scale, (x + CARD_W) * scale);
            let seen = f64::from(el.scroll_left());
            if left < seen || right > seen + cw {
                el.set_scroll_left(((left + right - cw) / 2.0).max(0.0) as i32);
            }
        });
    }
    html! { <>
        <div class="canvas-scroll" ref={scroller}
             ~style={if *fit_h > 0.0 { format!("--fit-h: {}px", *fit_h) } else { String::new() }}>
            { cluster_drawing(s, l, &props.on_open) }
        </div>
        if *overflows {
            <p class="scroll-cue">{ "More to the right: scroll the drawing sideways (Shift + wheel, or swipe) →" }</p>
        }
        <Legend />
    </> }
}
