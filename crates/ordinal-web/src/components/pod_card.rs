//! One pod on the canvas: its ordinal as the largest mark, its status and readiness (glyph and
//! word), its IP and its revision (current and update revisions in distinct colours, named too).
//! Moves by CSS transform, so a pod that is scheduled or rescheduled slides between lanes.

use super::icons::{glyph, resource, Glyph, Res};
use super::menu_anchor::{activation, Anchor};
use crate::state::Target;
use crate::view::layout::{CARD_H, CARD_W};
use crate::view::snapshot::{PodView, RevisionRole};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pod: PodView,
    pub x: f64,
    pub y: f64,
    /// The pod's column is beyond the set's desired replicas (it is about to go).
    pub condemned: bool,
    pub on_open: Callback<(Target, Anchor)>,
}

/// The status glyph for a pod, matching its STATUS column.
pub fn pod_glyph(p: &PodView) -> Glyph {
    if p.terminating {
        return if p.status == "Unknown" {
            Glyph::Unknown
        } else {
            Glyph::Terminating
        };
    }
    match (p.phase.as_str(), p.status.as_str()) {
        (_, "Error" | "CrashLoopBackOff" | "ErrImagePull" | "ImagePullBackOff" | "OOMKilled") => {
            Glyph::Failed
        }
        ("Failed", _) => Glyph::Failed,
        ("Unknown", _) => Glyph::Unknown,
        ("Running", _) if p.ready => Glyph::Ready,
        ("Running", _) => Glyph::NotReady,
        ("Succeeded", _) => Glyph::Terminating,
        _ => Glyph::Waiting,
    }
}

/// `rev 2 · update`, or a short hash when the revision object is unknown.
pub fn revision_text(p: &PodView) -> String {
    let rev = match p.revision_number {
        Some(n) => format!("rev {n}"),
        None if p.revision.is_empty() => "no revision".to_string(),
        None => {
            let short: String = p
                .revision
                .rsplit('-')
                .next()
                .unwrap_or("")
                .chars()
                .take(6)
                .collect();
            format!("rev {short}")
        }
    };
    match p.revision_role {
        RevisionRole::Current => format!("{rev} · current"),
        RevisionRole::Update => format!("{rev} · update"),
        RevisionRole::Settled | RevisionRole::Other => rev,
    }
}

pub fn describe(p: &PodView) -> String {
    let mut s = format!(
        "Pod {}: {}, {}",
        p.name,
        p.status,
        if p.ready { "Ready" } else { "not Ready" }
    );
    s.push_str(&format!(", {}", revision_text(p)));
    match &p.node {
        Some(n) => s.push_str(&format!(", on {n}")),
        None => s.push_str(", not scheduled yet"),
    }
    if !p.ip.is_empty() {
        s.push_str(&format!(", IP {}", p.ip));
    }
    s
}

#[function_component(PodCard)]
pub fn pod_card(props: &Props) -> Html {
    let p = &props.pod;
    let g = pod_glyph(p);
    let rev_class = match p.revision_role {
        RevisionRole::Update => "rev-update",
        RevisionRole::Current | RevisionRole::Settled => "rev-current",
        RevisionRole::Other => "rev-other",
    };
    let (onclick, onkeydown) = activation(Target::Pod(p.name.clone()), props.on_open.clone());
    let ordinal = p
        .ordinal
        .map(|o| o.to_string())
        .unwrap_or_else(|| "·".into());
    let class = classes!(
        "pod",
        g.class(),
        p.terminating.then_some("terminating"),
        props.condemned.then_some("condemned"),
        p.orphan.then_some("orphan"),
    );
    html! {
        <g class={class} data-pod={p.name.clone()} tabindex="0" role="button"
           aria-label={format!("{}. Press Enter for actions.", describe(p))}
           ~style={format!("transform: translate({}px, {}px)", props.x, props.y)}
           {onclick} {onkeydown}>
            <rect class="card-frame" width={CARD_W.to_string()} height={CARD_H.to_string()} rx="10" />
            <text class="ordinal" x="12" y="44" aria-hidden="true">{ ordinal }</text>
            { resource(Res::Pod, CARD_W - 16.0, 16.0, 10.0) }
            <text class="pod-name" x="58" y="22">{ &p.name }</text>
            <text class="pod-ip" x="58" y="38">
                { if p.ip.is_empty() { "no IP yet".to_string() } else { p.ip.clone() } }
            </text>
            { glyph(g, 10.0, 51.0) }
            <text class="pod-status" x="30" y="62">{ &p.status }</text>
            <text class="pod-ready" x="30" y="78">
                { format!("{} · {}", if p.ready { "Ready" } else { "not Ready" }, p.ready_column) }
            </text>
            <g class={classes!("rev-badge", rev_class)} transform="translate(8 84)">
                <rect width={(CARD_W - 16.0).to_string()} height="15" rx="7.5" />
                <text x={((CARD_W - 16.0) / 2.0).to_string()} y="11" text-anchor="middle">
                    { revision_text(p) }
                </text>
            </g>
        </g>
    }
}
