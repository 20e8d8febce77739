//! One pod on the canvas: its ordinal as the largest mark, its status and readiness (glyph and
//! word), its IP and its revision (current and update revisions in distinct colours, named too).
//! Moves by CSS transform, so a pod that is scheduled or rescheduled slides between lanes.

use super::icons::{glyph, resource, Glyph, Res};
use super::menu_anchor::{activation, Anchor};
use super::placement::translate_css;
use super::svg_text::{fit_text, width, Fit};
use crate::state::Target;
use crate::view::layout::{CARD_H, CARD_W};
use crate::view::snapshot::{PodView, RevisionRole};
use crate::view::workloads::short_reason;
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
    // A Deployment's pods belong to the old or the new ReplicaSet of a rollout.
    let (current, update) = if p.replica_set.is_some() {
        ("old", "new")
    } else {
        ("current", "update")
    };
    match p.revision_role {
        RevisionRole::Current => format!("{rev} · {current}"),
        RevisionRole::Update => format!("{rev} · {update}"),
        RevisionRole::Settled | RevisionRole::Other => rev,
    }
}

/// A pod without an ordinal (a ReplicaSet's, or a bare pod): `web-6d4cf56db6-x7k2p` splits into
/// the owner's prefix and the random suffix the API server drew.
pub fn split_suffix(p: &PodView) -> (&str, &str) {
    match p.replica_set.as_deref() {
        Some(rs) => match p.name.strip_prefix(rs).and_then(|r| r.strip_prefix('-')) {
            Some(suffix) => (&p.name[..rs.len() + 1], suffix),
            None => (p.name.as_str(), ""),
        },
        None => (p.name.as_str(), ""),
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
    if p.ip.is_empty() {
        s.push_str(", no IP yet");
    } else {
        s.push_str(&format!(", IP {}", p.ip));
    }
    if let Some(rs) = &p.replica_set {
        s.push_str(&format!(", replica of {rs} (no ordinal)"));
    } else if p.ordinal.is_none() {
        s.push_str(", a bare pod (no controller)");
    }
    if let Some((reason, message)) = &p.waiting {
        s.push_str(&format!(". Waiting: {reason}: {message}"));
    }
    s
}

/// The ordinal's font size: two and three digits get smaller so they end before the name.
pub fn ordinal_px(o: i32) -> f64 {
    match o.unsigned_abs() {
        0..=9 => 40.0,
        10..=99 => 30.0,
        _ => 22.0,
    }
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
    let cattle = p.ordinal.is_none();
    let (prefix, suffix) = split_suffix(p);
    let badge = match &p.waiting {
        Some((reason, message)) => short_reason(reason, message),
        None if cattle && p.replica_set.is_none() => "bare pod".to_string(),
        None => revision_text(p),
    };
    let class = classes!(
        "pod",
        cattle.then_some("cattle"),
        p.waiting.is_some().then_some("stuck"),
        g.class(),
        p.terminating.then_some("terminating"),
        props.condemned.then_some("condemned"),
        p.orphan.then_some("orphan"),
    );
    let ip = if p.ip.is_empty() {
        "no IP yet".to_string()
    } else {
        p.ip.clone()
    };
    // The drawing is for the eyes; the hit area on top is the button and carries the whole
    // description, so the card's split texts are not a second, garbled name (axe's
    // label-content-name-mismatch).
    html! {
        <g class={class} data-pod={p.name.clone()}
           ~style={translate_css(props.x, props.y)}>
            <g class="card-art" aria-hidden="true">
                <rect class="card-frame" width={CARD_W.to_string()} height={CARD_H.to_string()} rx="10" />
                { resource(Res::Pod, CARD_W - 16.0, 16.0, 10.0) }
                if let Some(o) = p.ordinal {
                    {{
                        let px = ordinal_px(o);
                        let name_x = (12.0 + width(&o.to_string(), px, true) + 6.0).max(58.0);
                        html! { <>
                            <text class={classes!("ordinal", (px < 40.0).then_some("ordinal-small"), (px < 30.0).then_some("ordinal-tiny"))}
                                  x="12" y="44">{ o }</text>
                            { fit_text(Fit { class: classes!("pod-name"), x: name_x, y: 22.0, text: p.name.clone(), max_w: CARD_W - 30.0 - name_x, font_px: 13.0, bold: true, ..Fit::default() }) }
                            { fit_text(Fit { class: classes!("pod-ip"), x: name_x, y: 38.0, text: ip.clone(), max_w: CARD_W - 6.0 - name_x, font_px: 11.0, ..Fit::default() }) }
                        </> }
                    }}
                } else {
                    // No ordinal badge: the name's random suffix is the only identity.
                    { fit_text(Fit { class: classes!("pod-name", "cattle-prefix"), x: 10.0, y: 18.0, text: prefix.to_string(), max_w: CARD_W - 40.0, font_px: 11.0, bold: true, ..Fit::default() }) }
                    <text class="suffix" x="10" y="38">{ suffix }</text>
                    { fit_text(Fit { class: classes!("pod-ip"), x: if suffix.is_empty() { 10.0 } else { 66.0 }, y: 38.0, text: ip.clone(), max_w: CARD_W - 6.0 - if suffix.is_empty() { 10.0 } else { 66.0 }, font_px: 11.0, ..Fit::default() }) }
                }
                { glyph(g, 10.0, 51.0) }
                { fit_text(Fit { class: classes!("pod-status"), x: 30.0, y: 62.0, text: p.status.clone(), max_w: CARD_W - 36.0, font_px: 12.0, ..Fit::default() }) }
                { fit_text(Fit { class: classes!("pod-ready"), x: 30.0, y: 78.0, text: format!("{} · {}", if p.ready { "Ready" } else { "not Ready" }, p.ready_column), max_w: CARD_W - 36.0, font_px: 12.0, ..Fit::default() }) }
                <g class={classes!("rev-badge", if p.waiting.is_some() { "rev-stuck" } else { rev_class })} transform="translate(8 84)">
                    <rect width={(CARD_W - 16.0).to_string()} height="15" rx="7.5" />
                    { fit_text(Fit { class: classes!(), x: (CARD_W - 16.0) / 2.0, y: 11.0, text: badge, max_w: CARD_W - 24.0, font_px: 10.5, bold: true, middle: true }) }
                </g>
            </g>
            <rect class="hit" width={CARD_W.to_string()} height={CARD_H.to_string()} rx="10"
                  tabindex="0" role="button" aria-haspopup="dialog"
                  aria-label={format!("{}. Press Enter for actions.", describe(p))}
                  {onclick} {onkeydown} />
        </g>
    }
}
