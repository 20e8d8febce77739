//! A StatefulSet above its columns: the set itself, and its pod template and claim templates drawn
//! as stamps — every pod and claim below is stamped from them.

use super::icons::{resource, Res};
use super::menu_anchor::{activation, Anchor};
use super::svg_text::{fit_text, Fit};
use crate::state::Target;
use crate::view::snapshot::SetView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub set: SetView,
    pub x: f64,
    pub width: f64,
    pub on_open: Callback<(Target, Anchor)>,
}

/// `nginx-slim:0.21` from `registry.k8s.io/nginx-slim:0.21`.
pub fn short_image(image: &str) -> &str {
    image.rsplit('/').next().unwrap_or(image)
}

/// `2/3 ready` — kubectl get sts' READY column (readyReplicas/spec.replicas) — then the policies.
pub fn summary(s: &SetView) -> String {
    let mut parts = vec![
        format!("{}/{} ready", s.ready_replicas, s.desired),
        s.pod_management_policy.clone(),
    ];
    match (s.strategy.as_str(), s.partition) {
        ("RollingUpdate", Some(p)) if p > 0 => parts.push(format!("RollingUpdate, partition {p}")),
        (st, _) => parts.push(st.to_string()),
    }
    parts.join(" · ")
}

#[function_component(SetHeader)]
pub fn set_header(props: &Props) -> Html {
    let s = &props.set;
    let w = props.width - 16.0;
    let (onclick, onkeydown) = activation(Target::Set(s.name.clone()), props.on_open.clone());
    let stamp_w = if s.claim_templates.is_empty() {
        w
    } else {
        (w - 8.0) / 2.0
    };
    let rev = match s.update_revision_number {
        Some(n) => format!("rev {n}"),
        None => "no revision yet".into(),
    };
    let rolling = !s.update_revision.is_empty() && s.update_revision != s.current_revision;
    html! {
        <g class={classes!("set-header", s.deleting.then_some("deleting"))} data-set={s.name.clone()}
           transform={format!("translate({} 8)", props.x + 8.0)}>
            <g class="set-card">
                <g aria-hidden="true">
                    <rect class="set-frame" width={w.to_string()} height="56" rx="10" />
                    { resource(Res::StatefulSet, 22.0, 28.0, 14.0) }
                    { fit_text(Fit { class: classes!("set-name"), x: 44.0, y: 24.0, text: format!("StatefulSet {}{}", s.name, if s.deleting { " (deleting)" } else { "" }), max_w: w - 52.0, font_px: 14.0, bold: true, ..Fit::default() }) }
                    { fit_text(Fit { class: classes!("set-summary"), x: 44.0, y: 43.0, text: summary(s), max_w: w - 52.0, font_px: 11.5, ..Fit::default() }) }
                </g>
                <rect class="hit" width={w.to_string()} height="56" rx="10" tabindex="0" role="button"
                      aria-haspopup="dialog"
                      aria-label={format!("StatefulSet {}: {}. Press Enter for actions.", s.name, summary(s))}
                      {onclick} {onkeydown} />
            </g>
            <g class={classes!("stamp", "stamp-template", rolling.then_some("rolling"))} transform="translate(0 66)"
               role="img" aria-label={format!("Pod template {rev}: {}", s.images.join(", "))}>
                <rect class="stamp-frame" width={stamp_w.to_string()} height="58" rx="4" />
                { resource(Res::Pod, 16.0, 18.0, 9.0) }
                <text class="stamp-title" x="30" y="22">{ "Pod template" }</text>
                { fit_text(Fit { class: classes!("stamp-line"), x: 10.0, y: 40.0, text: s.images.first().map(|i| short_image(i)).unwrap_or("no containers").to_string(), max_w: stamp_w - 16.0, font_px: 11.0, ..Fit::default() }) }
                <text class={classes!("stamp-line", if rolling { "rev-update-text" } else { "rev-current-text" })} x="10" y="53">
                    { if rolling { format!("{rev} · update") } else { rev.clone() } }
                </text>
            </g>
            {
                for s.claim_templates.iter().take(1).map(|t| html! {
                    <g class="stamp stamp-claim"
                       transform={format!("translate({} 66)", stamp_w + 8.0)}
                       role="img" aria-label={format!("Claim template {}: {} {}", t.name, t.size, t.access_modes)}>
                        <rect class="stamp-frame" width={stamp_w.to_string()} height="58" rx="4" />
                        { resource(Res::Claim, 16.0, 18.0, 9.0) }
                        <text class="stamp-title" x="30" y="22">{ "Claim template" }</text>
                        { fit_text(Fit { class: classes!("stamp-line"), x: 10.0, y: 40.0, text: format!("{} · {}", t.name, t.size), max_w: stamp_w - 16.0, font_px: 11.0, ..Fit::default() }) }
                        <text class="stamp-line" x="10" y="53">{ t.access_modes.replace("ReadWriteOnce", "RWO") }</text>
                    </g>
                })
            }
        </g>
    }
}
