//! The controller's state for each StatefulSet: desired vs current replicas, the status counters,
//! the revisions, and the controller's own explanation of what it is doing.

use super::learn_more::{learn_more, STATEFULSETS};
use crate::state::PtrEq;
use crate::view::Snapshot;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub snapshot: PtrEq<Snapshot>,
}

fn revision(name: &str, number: Option<i64>) -> String {
    match (name.is_empty(), number) {
        (true, _) => "—".into(),
        (false, Some(n)) => format!("rev {n} · {name}"),
        (false, None) => name.to_string(),
    }
}

#[function_component(ControllerPanel)]
pub fn controller_panel(props: &Props) -> Html {
    let s = &*props.snapshot;
    if s.sets.is_empty() {
        return html! {
            <section class="panel controller" aria-labelledby="controller-h">
                <div class="panel-head"><h2 id="controller-h">{ "StatefulSet controller" }</h2>{ learn_more(STATEFULSETS, "StatefulSets") }</div>
                <p class="muted">{ "No StatefulSet exists right now." }</p>
            </section>
        };
    }
    html! {
        <section class="panel controller" aria-labelledby="controller-h">
            <div class="panel-head"><h2 id="controller-h">{ "StatefulSet controller" }</h2>{ learn_more(STATEFULSETS, "StatefulSets") }</div>
            { for s.sets.iter().map(|set| {
                let rolling = set.current_revision != set.update_revision && !set.update_revision.is_empty();
                let synced = set.observed_generation == Some(set.generation);
                html! {
                    <div class="set-status" key={set.name.clone()} data-set={set.name.clone()}>
                        <h3>{ format!("{}", set.name) }
                            if set.deleting { <span class="badge warn">{ "being deleted" }</span> }
                        </h3>
                        <p class="replicas">
                            <span class="big" aria-label={format!("{} current of {} desired replicas", set.replicas, set.desired)}>
                                { format!("{} / {}", set.replicas, set.desired) }
                            </span>
                            <span class="muted">{ " replicas (current / desired)" }</span>
                        </p>
                        <dl class="counters">
                            <div><dt>{ "ready" }</dt><dd>{ set.ready_replicas }</dd></div>
                            <div><dt>{ "available" }</dt><dd>{ set.available_replicas }</dd></div>
                            <div><dt>{ "current" }</dt><dd>{ set.current_replicas }</dd></div>
                            <div><dt>{ "updated" }</dt><dd>{ set.updated_replicas }</dd></div>
                        </dl>
                        <dl class="revisions">
                            <div><dt><span class="swatch rev-current" aria-hidden="true"></span>{ "current revision" }</dt>
                                 <dd>{ revision(&set.current_revision, set.current_revision_number) }</dd></div>
                            <div><dt><span class="swatch rev-update" aria-hidden="true"></span>{ "update revision" }</dt>
                                 <dd>
                                    { revision(&set.update_revision, set.update_revision_number) }
                                    if rolling { <span class="badge">{ " rolling out" }</span> }
                                 </dd></div>
                        </dl>
                        <p class="policies muted">
                            { format!("{} · {}{} · claims on scale-down: {}, on delete: {}",
                                set.pod_management_policy,
                                set.strategy,
                                set.partition.filter(|p| *p > 0).map(|p| format!(" (partition {p})")).unwrap_or_default(),
                                set.when_scaled, set.when_deleted) }
                            if !synced { <span>{ " · status not yet observed" }</span> }
                        </p>
                        if let Some(why) = &set.explanation {
                            <p class="explanation" aria-label="What the controller is doing">{ why }</p>
                        }
                    </div>
                }
            }) }
        </section>
    }
}
