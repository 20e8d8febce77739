//! Shapes drawn by us in the spirit of the Kubernetes icon set (a heptagon badge per resource,
//! with a short label), and small status glyphs. Status is never shown by colour alone: every
//! glyph sits next to its word.

use yew::prelude::*;

/// Resource kinds with an icon.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Res {
    Pod,
    Claim,
    Volume,
    Service,
    StatefulSet,
    Deployment,
    ReplicaSet,
    Node,
}

impl Res {
    fn label(self) -> &'static str {
        match self {
            Res::Pod => "pod",
            Res::Claim => "pvc",
            Res::Volume => "pv",
            Res::Service => "svc",
            Res::StatefulSet => "sts",
            Res::Deployment => "deploy",
            Res::ReplicaSet => "rs",
            Res::Node => "node",
        }
    }
}

/// Heptagon of radius `r` centred at the origin, as a path.
fn heptagon(r: f64) -> String {
    let mut d = String::new();
    for k in 0..7 {
        let a = (-90.0 + k as f64 * 360.0 / 7.0).to_radians();
        let (x, y) = (r * a.cos(), r * a.sin());
        d.push_str(&format!("{}{x:.1} {y:.1} ", if k == 0 { "M" } else { "L" }));
    }
    d.push('Z');
    d
}

/// A resource badge centred at (`x`, `y`).
pub fn resource(kind: Res, x: f64, y: f64, r: f64) -> Html {
    let font = if kind.label().len() > 3 {
        r * 0.62
    } else {
        r * 0.78
    };
    html! {
        <g class={classes!("res-icon", format!("res-{}", kind.label()))}
           transform={format!("translate({x} {y})")} aria-hidden="true">
            <path d={heptagon(r)} class="res-shape" />
            <text class="res-label" text-anchor="middle" dy="0.35em"
                  font-size={format!("{font:.1}")}>{ kind.label() }</text>
        </g>
    }
}

/// What a status glyph means.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Glyph {
    Ready,
    NotReady,
    Waiting,
    Failed,
    Terminating,
    Unknown,
}

impl Glyph {
    pub fn class(self) -> &'static str {
        match self {
            Glyph::Ready => "g-ready",
            Glyph::NotReady => "g-notready",
            Glyph::Waiting => "g-waiting",
            Glyph::Failed => "g-failed",
            Glyph::Terminating => "g-terminating",
            Glyph::Unknown => "g-unknown",
        }
    }
}

/// Playback button icons (drawn, so they never depend on a font having the symbol).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ButtonIcon {
    Play,
    Pause,
    Step,
}

pub fn button_icon(i: ButtonIcon) -> Html {
    let d = match i {
        ButtonIcon::Play => "M3 2 L13 8 L3 14 Z",
        ButtonIcon::Pause => "M3 2 H6.5 V14 H3 Z M9.5 2 H13 V14 H9.5 Z",
        ButtonIcon::Step => "M2 2 L10 8 L2 14 Z M11 2 H14 V14 H11 Z",
    };
    html! {
        <svg class="button-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d={d} fill="currentColor" />
        </svg>
    }
}

/// A 14×14 status glyph with its top-left corner at (`x`, `y`).
pub fn glyph(g: Glyph, x: f64, y: f64) -> Html {
    let body = match g {
        Glyph::Ready => html! { <path d="M3.5 7.2 L6 9.7 L10.6 4.6" class="g-stroke" /> },
        Glyph::NotReady => html! {
            <>
                <path d="M7 3.6 V8" class="g-stroke" />
                <circle cx="7" cy="10.4" r="0.9" class="g-dot" />
            </>
        },
        Glyph::Waiting => html! { <path d="M7 3.6 V7.2 L9.6 8.8" class="g-stroke" /> },
        Glyph::Failed => {
            html! { <path d="M4.4 4.4 L9.6 9.6 M9.6 4.4 L4.4 9.6" class="g-stroke" /> }
        }
        Glyph::Terminating => html! { <rect x="4.5" y="4.5" width="5" height="5" class="g-dot" /> },
        Glyph::Unknown => html! {
            <text x="7" y="10.6" text-anchor="middle" class="g-q">{"?"}</text>
        },
    };
    html! {
        <g class={classes!("glyph", g.class())} transform={format!("translate({x} {y})")}
           aria-hidden="true">
            <circle cx="7" cy="7" r="6.3" class="g-ring" />
            { body }
        </g>
    }
}
