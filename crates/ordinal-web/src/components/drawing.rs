//! The cluster drawing itself: node lanes, one column per ordinal, the set and its stamps
//! above, claims and volumes below. One element per object, keyed by name, so the browser can
//! tween each object's move (CSS transitions on transform/opacity). Pure: it draws a snapshot at
//! its layout, with no hooks and nothing measured, so the native poster (`crate::poster`)
//! renders it too.

use super::claim_card::ClaimCard;
use super::icons::{resource, Res};
use super::lane::NodeLane;
use super::menu_anchor::Anchor;
use super::placement::{placed, style, translate_css};
use super::pod_card::PodCard;
use super::set_header::SetHeader;
use super::svg_text::{fit_text, Fit};
use super::workload_header::{DeploymentHeader, ReplicaSetHeader};
use crate::state::Target;
use crate::view::layout::{Layout, CARD_H, CARD_W, COL_W, GUTTER_W, LANE_H, SERVICE_H, SERVICE_W};
use crate::view::Snapshot;
use yew::prelude::*;

/// Above this many pods the cards stop gliding between lanes (see `.crowded` in canvas.css).
const CROWDED_PODS: usize = 24;

/// Below this many pixels per layout unit the canvas scrolls sideways instead of shrinking.
const MIN_SCALE: f64 = 0.72;
/// A small cluster (up to two sets of four, "Parallel vs OrderedReady") may shrink further, so
/// it is seen whole beside the console at 1280×800 (and one set at 1024×768): its cards are few.
const MIN_SCALE_SMALL: f64 = 0.56;
const SMALL_WIDTH: f64 = 1450.0;
/// ...but a big cluster is shrunk to fit rather than scrolled past this width (about 36 columns
/// at `MIN_SCALE`, so 30 pods and a second small set stay readable): a huge SVG costs far more
/// to repaint on every frame than it gains in legibility.
const MAX_MIN_WIDTH: f64 = 4000.0;
/// Small clusters are not blown up beyond this.
const MAX_SCALE: f64 = 1.1;

/// The drawing of snapshot `s` at layout `l`. A function, not a component: the canvas calls it
/// in its own render (one component in the wasm, as before), the poster wraps it natively.
/// Inlined into the canvas in the wasm: one function, as when it was the canvas's own body.
#[cfg_attr(target_arch = "wasm32", inline(always))]
pub fn cluster_drawing(s: &Snapshot, l: &Layout, on_open: &Callback<(Target, Anchor)>) -> Html {
    let inset = (COL_W - CARD_W) / 2.0;
    let lanes_bottom = l.lanes_bottom();
    let top = l.top;

    let lanes = l.lanes.iter().enumerate().map(|(i, lane)| {
        let node = lane.node.as_deref().and_then(|n| s.node(n)).cloned();
        html! {
            <NodeLane key={lane.node.clone().unwrap_or_default()} lane={lane.clone()} {node}
                      width={l.width} index={i} on_open={on_open.clone()} />
        }
    });

    // Columns beyond the set's replicas, and wanted ordinals that have no pod yet.
    let mut away = Vec::new();
    let mut ghosts = Vec::new();
    for g in &l.groups {
        let Some(set) = g.set.as_deref().and_then(|n| s.set(n)) else {
            continue;
        };
        for c in &g.columns {
            if !c.wanted {
                away.push(html! {
                    <g key={format!("away-{}-{}", set.name, c.ordinal)} class="col-away">
                        <rect x={c.x.to_string()} y={top.to_string()} width={COL_W.to_string()}
                              height={(lanes_bottom - top).to_string()} />
                        <text x={(c.x + COL_W / 2.0).to_string()} y={(top + LANE_H - 10.0).to_string()}
                              text-anchor="middle">{ "beyond replicas" }</text>
                    </g>
                });
            } else if !c.occupied && !set.deleting {
                let name = format!("{}-{}", set.name, c.ordinal);
                ghosts.push(html! {
                    <g key={format!("ghost-{name}")} class="ghost" role="img"
                       aria-label={format!("{name} does not exist yet")}
                       transform={format!("translate({} {})", c.x + inset, top + (LANE_H - CARD_H) / 2.0)}>
                        <rect width={CARD_W.to_string()} height={CARD_H.to_string()} rx="10" />
                        <text class="ordinal" x="12" y="44">{ c.ordinal }</text>
                        <text class="ghost-name" x="58" y="22">{ &name }</text>
                        <text class="ghost-note" x="12" y="70">{ "not created yet" }</text>
                    </g>
                });
            }
        }
    }

    let partitions = l.groups.iter().filter_map(|g| {
        let x = g.partition_x?;
        let set = s.set(g.set.as_deref()?)?;
        let p = set.partition?;
        Some(html! {
            <g key={format!("partition-{}", set.name)} class="partition" role="img"
               aria-label={format!("Partition {p}: ordinals from {} up get the update revision", set.start + p)}>
                <line x1={x.to_string()} x2={x.to_string()} y1={(top - 6.0).to_string()}
                      y2={lanes_bottom.to_string()} />
                <rect class="partition-tag" x={(x - 44.0).to_string()} y={(top - 16.0).to_string()}
                      width="88" height="18" rx="9" />
                <text x={x.to_string()} y={(top - 3.0).to_string()} text-anchor="middle">
                    { format!("partition {p}") }
                </text>
            </g>
        })
    });

    // One line from every pod that names a claim: a StatefulSet pod's runs straight down to its
    // own claim; a ReplicaSet's replicas all run to the one claim they share.
    let mounts = s.claims.iter().flat_map(|c| {
        let claim = l.claim(&c.name);
        c.users.iter().filter_map(move |u| {
            let (pod, claim) = (l.pod(u)?, claim?);
            let top = pod.y + CARD_H;
            if (pod.x - claim.x).abs() < 1.0 {
                let h = (claim.y - top).max(0.0);
                let (x, y) = (claim.x + CARD_W / 2.0 - 1.5, top);
                return Some(placed(html! {
                    <rect key={format!("mount-{}-{u}", c.name)} class="mount" width="3" height={h.to_string()}
                          ~style={translate_css(x, y)} />
                }, x, y));
            }
            Some(html! {
                <line key={format!("mount-{}-{u}", c.name)} class="mount-line"
                      x1={(pod.x + CARD_W / 2.0).to_string()} y1={top.to_string()}
                      x2={(claim.x + CARD_W / 2.0).to_string()} y2={claim.y.to_string()} />
            })
        })
    });

    let claims = s.claims.iter().filter_map(|c| {
        let at = l.claim(&c.name)?;
        Some(placed(
            html! { <ClaimCard key={c.name.clone()} claim={c.clone()} x={at.x} y={at.y} /> },
            at.x,
            at.y,
        ))
    });

    let headers = l.groups.iter().filter_map(|g| {
        let set = s.set(g.set.as_deref()?)?;
        Some(html! {
            <SetHeader key={set.name.clone()} set={set.clone()} x={g.x} width={g.width}
                       on_open={on_open.clone()} />
        })
    });

    let rs_headers = l.groups.iter().filter_map(|g| {
        let name = g.replica_set.clone()?;
        let (key, replica_set) = (format!("rs-{name}"), s.replica_set(&name).cloned());
        Some(html! {
            <ReplicaSetHeader {key} {replica_set}
                              {name} x={g.x} width={g.width} under_deployment={g.deployment.is_some()} />
        })
    });
    // A Deployment's card spans all its ReplicaSets' groups (they sit side by side).
    let deploy_headers = s.deployments.iter().filter_map(|d| {
        let mine: Vec<_> = l
            .groups
            .iter()
            .filter(|g| g.deployment.as_deref() == Some(d.name.as_str()))
            .collect();
        let (first, last) = (mine.first()?, mine.last()?);
        let idle = s
            .replica_sets
            .iter()
            .filter(|r| r.deployment.as_deref() == Some(d.name.as_str()))
            .filter(|r| {
                !mine
                    .iter()
                    .any(|g| g.replica_set.as_deref() == Some(r.name.as_str()))
            })
            .count();
        Some(html! {
            <DeploymentHeader key={format!("deploy-{}", d.name)} deployment={d.clone()} x={first.x}
                              width={last.x + last.width - first.x} {idle} />
        })
    });

    let pods = s.pods.iter().filter_map(|p| {
        let at = l.pod(&p.name)?;
        let condemned = p
            .set
            .as_deref()
            .zip(p.ordinal)
            .and_then(|(set, o)| {
                l.groups
                    .iter()
                    .filter(|g| g.set.as_deref() == Some(set))
                    .flat_map(|g| g.columns.iter())
                    .find(|c| c.ordinal == o)
            })
            .is_some_and(|c| !c.wanted && s.set(p.set.as_deref().unwrap_or("")).is_some());
        Some(placed(
            html! {
                <PodCard key={p.name.clone()} pod={p.clone()} x={at.x} y={at.y} {condemned}
                         on_open={on_open.clone()} />
            },
            at.x,
            at.y,
        ))
    });

    let services = l.services.iter().filter_map(|at| {
        let svc = s.services.iter().find(|v| v.name == at.name)?;
        Some(html! {
            <g key={svc.name.clone()} class="service" role="img"
               aria-label={format!("Service {}{}, selector {}", svc.name, if svc.headless { " (headless)" } else { "" }, svc.selector)}
               transform={format!("translate({} {})", at.x, at.y)}>
                <rect class="service-frame" width={SERVICE_W.to_string()} height={SERVICE_H.to_string()} rx="8" />
                { resource(Res::Service, 16.0, 14.0, 9.0) }
                { fit_text(Fit { class: classes!("service-name"), x: 30.0, y: 18.0, text: svc.name.clone(), max_w: SERVICE_W - 36.0, font_px: 12.0, bold: true, ..Fit::default() }) }
                <text class="service-note" x="10" y="33">
                    { if svc.headless { "headless Service" } else { "Service" } }
                </text>
            </g>
        })
    });

    // A set that is gone but still has pods or claims: its name over their columns.
    let gone = l.groups.iter().filter_map(|g| {
        let name = g.set.as_deref()?;
        if s.set(name).is_some() {
            return None;
        }
        Some(html! {
            <g key={format!("gone-{name}")} class="set-gone" transform={format!("translate({} 8)", g.x + 8.0)}>
                { fit_text(Fit { class: classes!("set-name"), x: 0.0, y: 24.0, text: format!("StatefulSet {name}: deleted"), max_w: g.width - 16.0, font_px: 14.0, bold: true, ..Fit::default() }) }
                { fit_text(Fit { class: classes!("set-summary"), x: 0.0, y: 43.0, text: "what it left behind stays until deleted".to_string(), max_w: g.width - 16.0, font_px: 11.5, ..Fit::default() }) }
            </g>
        })
    });

    let empty =
        s.sets.is_empty() && s.replica_sets.is_empty() && s.pods.is_empty() && s.claims.is_empty();
    let crowded = s.pods.len() > CROWDED_PODS;
    let min_scale = if l.width <= SMALL_WIDTH {
        MIN_SCALE_SMALL
    } else {
        MIN_SCALE
    };
    let min_width = (l.width * min_scale).min(MAX_MIN_WIDTH).round();
    let max_width = (l.width * MAX_SCALE).round();
    // Every list sits in its own keyed <g>: Yew flattens `{ for … }` into its parent's children
    // and matches unkeyed children by position from the end, so without these one new pod
    // would shift every later sibling onto another's element and re-create it (and re-run its
    // appear animation): the whole canvas blinked whenever a pod came.
    html! {
        <svg class={classes!("cluster", crowded.then_some("crowded"))} viewBox={format!("0 0 {} {}", l.width, l.height)}
             ~style={style(format!("min-width: {min_width}px; max-width: {max_width}px; --aspect: {:.4}", l.width / l.height))}
             role="group" aria-label="The cluster: node lanes, one column per ordinal or replica, claims below">
            <defs key="defs">
                <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
                </pattern>
            </defs>
            <g key="storage" class="storage">
                <rect class="storage-band" x="0" y={(l.storage_y - 6.0).to_string()} width={l.width.to_string()}
                      height={(l.height - l.storage_y + 6.0).to_string()} />
                <text class="lane-name" x="12" y={(l.storage_y + 24.0).to_string()}>{ "Storage" }</text>
                <text class="lane-note" x="12" y={(l.storage_y + 42.0).to_string()}>{ "claims and volumes" }</text>
                <text class="lane-note" x="12" y={(l.storage_y + 58.0).to_string()}>{ "outlive their pods" }</text>
            </g>
            <g key="services" class="services">{ for services }</g>
            // The set cards come before the node lanes: Tab goes top to bottom, as drawn.
            <g key="headers" class="headers">{ for headers }{ for gone }</g>
            <g key="deployments" class="deployments">{ for deploy_headers }</g>
            <g key="replica-sets" class="replica-sets">{ for rs_headers }</g>
            <g key="lanes" class="lanes">{ for lanes }</g>
            <g key="away" class="away">{ for away }</g>
            <g key="partitions" class="partitions">{ for partitions }</g>
            <g key="mounts" class="mounts">{ for mounts }</g>
            <g key="ghosts" class="ghosts">{ for ghosts }</g>
            <g key="pods" class="pods">{ for pods }</g>
            <g key="claims" class="claims">{ for claims }</g>
            <g key="empty" class="empty">
                if empty {
                    <text class="canvas-empty" x={(GUTTER_W + 16.0).to_string()} y={(top / 2.0 - 8.0).to_string()}>
                        { "No workload yet." }
                    </text>
                    <text class="canvas-empty-note" x={(GUTTER_W + 16.0).to_string()} y={(top / 2.0 + 12.0).to_string()}>
                        { "Apply a manifest from the YAML editor or the console." }
                    </text>
                }
            </g>
        </svg>
    }
}
