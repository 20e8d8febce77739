//! Above a ReplicaSet's columns: the Deployment that owns it (one card across all its ReplicaSets)
//! and the ReplicaSet itself with its counts, so during a rollout the old and the new ReplicaSet
//! and how many pods each wants and has are side by side.

use super::icons::{resource, Res};
use super::set_header::short_image;
use crate::view::workloads::{DeploymentView, ReplicaSetView, RsRole};
use yew::prelude::*;

/// `3 desired · 3 current · 2 ready` (the columns of `kubectl get rs`).
pub fn rs_counts(r: &ReplicaSetView) -> String {
    format!(
        "{} desired · {} current · {} ready",
        r.desired, r.current, r.ready
    )
}

/// `3/3 ready · 3 up-to-date · 3 available` (the columns of `kubectl get deploy`).
pub fn deployment_counts(d: &DeploymentView) -> String {
    format!(
        "{}/{} ready · {} up-to-date · {} available",
        d.ready_replicas, d.desired, d.updated_replicas, d.available_replicas
    )
}

pub fn rs_role_word(role: RsRole) -> &'static str {
    match role {
        RsRole::New => "new",
        RsRole::Old => "old",
        RsRole::Settled => "",
    }
}

#[derive(Properties, PartialEq)]
pub struct DeploymentProps {
    pub deployment: DeploymentView,
    pub x: f64,
    pub width: f64,
    /// Old ReplicaSets kept at 0 replicas (for rollback), not drawn.
    pub idle: usize,
}

#[function_component(DeploymentHeader)]
pub fn deployment_header(props: &DeploymentProps) -> Html {
    let d = &props.deployment;
    let w = props.width - 16.0;
    let strategy = match &d.rolling {
        Some(r) => format!("RollingUpdate · {r}"),
        None => d.strategy.clone(),
    };
    let idle = match props.idle {
        0 => String::new(),
        1 => " · 1 old ReplicaSet at 0".into(),
        n => format!(" · {n} old ReplicaSets at 0"),
    };
    let label = format!(
        "Deployment {}: {}. {strategy}{}{idle}",
        d.name,
        deployment_counts(d),
        if d.paused { ", paused" } else { "" }
    );
    html! {
        <g class={classes!("workload-header", "deploy-header", d.deleting.then_some("deleting"))}
           data-deployment={d.name.clone()} role="img" aria-label={label}
           transform={format!("translate({} 8)", props.x + 8.0)}>
            <rect class="set-frame deploy-frame" width={w.to_string()} height="56" rx="10" />
            { resource(Res::Deployment, 22.0, 28.0, 14.0) }
            <text class="set-name" x="44" y="24">
                { format!("Deployment {}", d.name) }
                if d.paused { <tspan class="set-deleting">{ " (paused)" }</tspan> }
                if d.deleting { <tspan class="set-deleting">{ " (deleting)" }</tspan> }
            </text>
            <text class="set-summary" x="44" y="43">{ format!("{}{idle}", deployment_counts(d)) }</text>
        </g>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReplicaSetProps {
    /// None: the ReplicaSet is gone and only its pods remain.
    pub replica_set: Option<ReplicaSetView>,
    pub name: String,
    pub x: f64,
    pub width: f64,
    /// A Deployment card sits above (the ReplicaSet card moves down to the stamp row).
    pub under_deployment: bool,
}

#[function_component(ReplicaSetHeader)]
pub fn replica_set_header(props: &ReplicaSetProps) -> Html {
    let w = props.width - 16.0;
    let y = if props.under_deployment { 74.0 } else { 8.0 };
    let Some(r) = &props.replica_set else {
        return html! {
            <g class="workload-header rs-header gone" transform={format!("translate({} {y})", props.x + 8.0)}
               role="img" aria-label={format!("ReplicaSet {} is gone; its pods remain", props.name)}>
                <rect class="stamp-frame" width={w.to_string()} height="50" rx="6" />
                <text class="stamp-title" x="10" y="20">{ format!("{} (gone)", props.name) }</text>
            </g>
        };
    };
    let role = rs_role_word(r.role);
    let rev = r.revision.map(|n| format!("rev {n}")).unwrap_or_default();
    let tag = match (rev.is_empty(), role.is_empty()) {
        (false, false) => format!("{rev} · {role}"),
        (false, true) => rev.clone(),
        (true, _) => role.to_string(),
    };
    let rev_class = match r.role {
        RsRole::New => "rev-update-text",
        _ => "rev-current-text",
    };
    let image = r
        .images
        .first()
        .map(|i| short_image(i))
        .unwrap_or("no containers");
    let kind_word = if r.kind == "ReplicaSet" {
        "ReplicaSet"
    } else {
        "ReplicationController"
    };
    html! {
        <g class={classes!("workload-header", "rs-header", (r.role == RsRole::New).then_some("rolling"), r.deleting.then_some("deleting"))}
           data-rs={r.name.clone()} transform={format!("translate({} {y})", props.x + 8.0)}
           role="img" aria-label={format!("{kind_word} {}{}: {}, image {image}", r.name,
               if tag.is_empty() { String::new() } else { format!(" ({tag})") }, rs_counts(r))}>
            <rect class="stamp-frame rs-frame" width={w.to_string()} height="58" rx="6" />
            { resource(Res::ReplicaSet, 16.0, 18.0, 10.0) }
            <text class="stamp-title" x="32" y="22">{ &r.name }</text>
            <text class="stamp-line rs-counts" x="10" y="40">{ rs_counts(r) }</text>
            <text class={classes!("stamp-line", rev_class)} x="10" y="53">
                { if tag.is_empty() { image.to_string() } else { format!("{tag} · {image}") } }
            </text>
        </g>
    }
}
