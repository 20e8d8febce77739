//! What the canvas's marks mean, in one line under it: a learner should not have to guess why a
//! card is dashed or a column shaded. The swatches use the canvas's own classes (app.css), so the
//! legend cannot drift from the drawing.

use yew::prelude::*;

/// One swatch: a small card outline drawn with the mark's class.
fn swatch(class: &'static str) -> Html {
    html! {
        <svg class="legend-swatch" width="30" height="16" viewBox="0 0 30 16" aria-hidden="true" focusable="false">
            <rect class={class} x="1.5" y="1.5" width="27" height="13" rx="3" />
        </svg>
    }
}

fn line_swatch() -> Html {
    html! {
        <svg class="legend-swatch" width="12" height="16" viewBox="0 0 12 16" aria-hidden="true" focusable="false">
            <line class="lg-partition" x1="6" y1="0" x2="6" y2="16" />
        </svg>
    }
}

#[function_component(Legend)]
pub fn legend() -> Html {
    html! {
        <ul class="legend" aria-label="What the marks mean">
            <li>{ swatch("lg-terminating") }{ "dashed: terminating" }</li>
            <li>{ swatch("lg-waiting") }<span title="not created yet, Pending, or a claim whose pod is gone">{ "dotted: waiting" }</span></li>
            <li>{ swatch("lg-away") }<span title="the set no longer wants this ordinal: its pod is about to be removed">{ "shaded: beyond replicas" }</span></li>
            <li>{ line_swatch() }{ "orange line: partition" }</li>
        </ul>
    }
}
