//! One PersistentVolumeClaim in the storage band, with the volume bound to it
//! (`www-web-0 → pvc-…`). A claim whose pod is gone stays in its column, drawn detached.

use super::icons::{resource, Res};
use super::placement::translate_css;
use super::svg_text::{fit_text, Fit};
use crate::view::layout::CARD_W;
use crate::view::snapshot::ClaimView;
use yew::prelude::*;

pub const CLAIM_CARD_H: f64 = 78.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub claim: ClaimView,
    pub x: f64,
    pub y: f64,
}

/// `pvc-1a2b3c4d…`: volume names are long; the start is enough to tell them apart.
pub fn short_volume(name: &str) -> String {
    if name.is_empty() {
        return "no volume yet".into();
    }
    let short: String = name.chars().take(14).collect();
    if short.len() < name.len() {
        format!("{short}…")
    } else {
        short
    }
}

pub fn describe(c: &ClaimView) -> String {
    let mut s = format!("Claim {}: {}", c.name, c.phase);
    if !c.volume.is_empty() {
        s.push_str(&format!(", bound to volume {}", c.volume));
    }
    match &c.used_by {
        Some(p) => s.push_str(&format!(", mounted by {p}")),
        None => s.push_str(", detached (no pod uses it)"),
    }
    if !c.owners.is_empty() {
        s.push_str(&format!(", owned by {}", c.owners.join(", ")));
    }
    s
}

#[function_component(ClaimCard)]
pub fn claim_card(props: &Props) -> Html {
    let c = &props.claim;
    let detached = c.used_by.is_none();
    let status = if c.terminating {
        "Terminating".to_string()
    } else if detached {
        format!("{} · detached", c.phase)
    } else {
        format!("{} · {}", c.phase, c.capacity)
    };
    html! {
        <g class={classes!("claim", detached.then_some("detached"), c.terminating.then_some("terminating"))}
           data-claim={c.name.clone()} role="img" aria-label={describe(c)} tabindex="0"
           ~style={translate_css(props.x, props.y)}>
            <rect class="claim-frame" width={CARD_W.to_string()} height={CLAIM_CARD_H.to_string()} rx="6" />
            { resource(Res::Claim, 15.0, 16.0, 10.0) }
            { fit_text(Fit { class: classes!("claim-name"), x: 30.0, y: 20.0, text: c.name.clone(), max_w: CARD_W - 36.0, font_px: 12.0, bold: true, ..Fit::default() }) }
            { fit_text(Fit { class: classes!("claim-status"), x: 30.0, y: 36.0, text: status, max_w: CARD_W - 36.0, font_px: 12.0, ..Fit::default() }) }
            { resource(Res::Volume, 15.0, 56.0, 10.0) }
            <text class="claim-volume" x="30" y="54">{ format!("→ {}", short_volume(&c.volume)) }</text>
            { fit_text(Fit { class: classes!("claim-owner"), x: 30.0, y: 69.0, max_w: CARD_W - 36.0, font_px: 11.0, text: if let Some(o) = c.owners.first() {
                        format!("owned by {o}")
                    } else if let Some(n) = &c.volume_node {
                        format!("on {n}")
                    } else {
                        String::new()
                    }, ..Fit::default() }) }
        </g>
    }
}
