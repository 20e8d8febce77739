//! The Deployment and ReplicaSet controllers' state beside the StatefulSet controller's: each
//! Deployment's counts and conditions, each ReplicaSet's desired/current/ready, the controller's
//! own sentence for its last decision, and every pod that waits with the reason it waits.

use super::learn_more::{learn_more, DEPLOYMENTS};
use super::workload_header::{deployment_counts, rs_counts, rs_role_word};
use crate::state::PtrEq;
use crate::view::Snapshot;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub snapshot: PtrEq<Snapshot>,
}

#[function_component(WorkloadPanel)]
pub fn workload_panel(props: &Props) -> Html {
    let s = &*props.snapshot;
    let stuck: Vec<_> = s.pods.iter().filter(|p| p.waiting.is_some()).collect();
    if s.deployments.is_empty() && s.replica_sets.is_empty() && stuck.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel controller workloads" aria-labelledby="workloads-h">
            <div class="panel-head"><h2 id="workloads-h">{ "Deployment and ReplicaSet controllers" }</h2>{ learn_more(DEPLOYMENTS, "Deployments") }</div>
            { for s.deployments.iter().map(|d| html! {
                <div class="set-status" key={format!("d-{}", d.name)} data-deployment={d.name.clone()}>
                    <h3>{ format!("Deployment {}", d.name) }
                        if d.paused { <span class="badge warn">{ "paused" }</span> }
                        if d.deleting { <span class="badge warn">{ "being deleted" }</span> }
                    </h3>
                    <p class="replicas">{ deployment_counts(d) }</p>
                    <p class="policies muted">
                        { match &d.rolling { Some(r) => format!("RollingUpdate · {r}"), None => d.strategy.clone() } }
                    </p>
                    <ul class="conditions">
                        { for d.conditions.iter().map(|c| html! {
                            <li key={c.type_.clone()}>
                                <strong>{ format!("{}={}", c.type_, c.status) }</strong>
                                { format!(" {}", c.reason) }
                                if !c.message.is_empty() { <span class="muted">{ format!(": {}", c.message) }</span> }
                            </li>
                        }) }
                    </ul>
                    if let Some(why) = &d.explanation {
                        <p class="explanation" aria-label="What the Deployment controller is doing">{ why }</p>
                    }
                </div>
            }) }
            { for s.replica_sets.iter().map(|r| {
                let role = rs_role_word(r.role);
                html! {
                    <div class="set-status" key={format!("rs-{}", r.name)} data-rs={r.name.clone()}>
                        <h3>{ format!("{} {}", r.kind, r.name) }
                            if !role.is_empty() { <span class="badge">{ format!(" {role}") }</span> }
                        </h3>
                        <p class="replicas">
                            { rs_counts(r) }
                            if let Some(n) = r.revision { <span class="muted">{ format!(" · rev {n}") }</span> }
                        </p>
                        if let Some(why) = &r.explanation {
                            <p class="explanation" aria-label="What the ReplicaSet controller is doing">{ why }</p>
                        }
                    </div>
                }
            }) }
            if !stuck.is_empty() {
                <h3>{ "Waiting pods" }</h3>
                <ul class="waiting">
                    { for stuck.iter().map(|p| {
                        let (reason, message) = p.waiting.clone().unwrap_or_default();
                        html! {
                            <li key={p.name.clone()} data-pod={p.name.clone()}>
                                <strong>{ format!("{} ", p.name) }</strong>
                                <span class="reason">{ reason }</span>
                                { format!(": {message}") }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
