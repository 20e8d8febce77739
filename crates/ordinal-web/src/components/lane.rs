//! One node as a lane across the canvas, with its name and condition in the gutter. The first
//! lane holds pods the scheduler has not placed yet.

use super::icons::{glyph, resource, Glyph, Res};
use super::menu_anchor::{activation, Anchor};
use super::svg_text::{fit_text, Fit};
use crate::state::Target;
use crate::view::layout::{Lane, GUTTER_W, LANE_H};
use crate::view::snapshot::NodeView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lane: Lane,
    pub node: Option<NodeView>,
    pub width: f64,
    pub index: usize,
    pub on_open: Callback<(Target, Anchor)>,
}

/// The glyph and words for a node's state: kubectl's STATUS column (`NotReady`, never
/// `Unknown`; `Ready,SchedulingDisabled` when cordoned).
pub fn node_state(node: Option<&NodeView>, missing: bool) -> (Glyph, String) {
    match node {
        _ if missing => (Glyph::Failed, "deleted".into()),
        None => (Glyph::Unknown, "unknown".into()),
        Some(n) => {
            let g = match n.ready.as_str() {
                "True" => Glyph::Ready,
                "Unknown" => Glyph::Unknown,
                _ => Glyph::Failed,
            };
            (g, n.status())
        }
    }
}

/// Lines under the state that say what kubectl's word hides: why a node is NotReady when its
/// Ready condition is Unknown, and its taints.
fn notes(node: Option<&NodeView>) -> Vec<String> {
    let Some(n) = node else {
        return Vec::new();
    };
    let unknown = (n.ready == "Unknown").then(|| "Ready: Unknown".to_string());
    let taints = n
        .taints
        .iter()
        .map(|t| format!("taint: {}", t.rsplit('/').next().unwrap_or(t)));
    unknown.into_iter().chain(taints).take(3).collect()
}

#[function_component(NodeLane)]
pub fn node_lane(props: &Props) -> Html {
    let lane = &props.lane;
    let y = lane.y;
    let Some(name) = lane.node.clone() else {
        return html! {
            <g class="lane lane-queue">
                <rect x="0" y={y.to_string()} width={props.width.to_string()} height={LANE_H.to_string()} />
                <text class="lane-name" x="12" y={(y + 28.0).to_string()}>{ "Not scheduled" }</text>
                <text class="lane-note" x="12" y={(y + 46.0).to_string()}>{ "new pods wait here" }</text>
                <text class="lane-note" x="12" y={(y + 62.0).to_string()}>{ "for a node" }</text>
            </g>
        };
    };
    let (g, state) = node_state(props.node.as_ref(), lane.missing);
    let healthy = g == Glyph::Ready;
    let cordoned = props.node.as_ref().is_some_and(|n| n.unschedulable);
    let (onclick, onkeydown) = activation(Target::Node(name.clone()), props.on_open.clone());
    let notes = notes(props.node.as_ref());
    let unknown = props.node.as_ref().is_some_and(|n| n.ready == "Unknown");
    // kubectl's `Ready,SchedulingDisabled` on two lines: the gutter is narrow.
    let (word, scheduling) = state.split_once(',').unwrap_or((&state, ""));
    html! {
        <g class={classes!("lane", (props.index % 2 == 1).then_some("alt"), (!healthy).then_some("unhealthy"), cordoned.then_some("cordoned"))}
           data-node={name.clone()}>
            <rect x="0" y={y.to_string()} width={props.width.to_string()} height={LANE_H.to_string()} />
            if !healthy {
                <rect class="lane-hatch" x={GUTTER_W.to_string()} y={y.to_string()}
                      width={(props.width - GUTTER_W).max(0.0).to_string()} height={LANE_H.to_string()} />
            }
            <g class="lane-label">
                <g class="lane-art" aria-hidden="true">
                    { resource(Res::Node, 22.0, y + 26.0, 11.0) }
                    { fit_text(Fit { class: classes!("lane-name"), x: 40.0, y: y + 31.0, text: name.clone(), max_w: GUTTER_W - 48.0, font_px: 13.0, bold: true, ..Fit::default() }) }
                    { glyph(g, 12.0, y + 44.0) }
                    { fit_text(Fit { class: classes!("lane-state"), x: 32.0, y: y + 55.0, text: word.to_string(), max_w: GUTTER_W - 40.0, font_px: 11.0, bold: true, ..Fit::default() }) }
                    {
                        for (!scheduling.is_empty()).then(|| scheduling.to_string()).into_iter().chain(notes).take(3).enumerate().map(|(i, t)| html! {
                            { fit_text(Fit { class: classes!("lane-note"), x: 12.0, y: y + 72.0 + i as f64 * 14.0, text: t, max_w: GUTTER_W - 20.0, font_px: 11.0, ..Fit::default() }) }
                        })
                    }
                </g>
                // The button is the hit area, without text of its own: its name is the sentence.
                <rect class="lane-label-hit" x="4" y={(y + 6.0).to_string()} width={(GUTTER_W - 12.0).to_string()}
                      height={(LANE_H - 12.0).to_string()} rx="8"
                      tabindex={(!lane.missing).then_some("0")} role={if lane.missing { "img" } else { "button" }}
                      aria-haspopup={(!lane.missing).then_some("dialog")}
                      aria-label={format!("Node {name}: {state}{}.{}", if unknown { " (Ready: Unknown)" } else { "" }, if lane.missing { "" } else { " Press Enter for actions." })}
                      {onclick} {onkeydown} />
            </g>
        </g>
    }
}
