//! Events as `kubectl get events` prints them, and pod changes as `kubectl get pods -w` prints
//! them, newest at the bottom.

use crate::view::snapshot::{EventRow, PodRow};
use ordinal_sim::time::human_duration;
use ordinal_sim::Millis;
use std::rc::Rc;
use yew::prelude::*;

/// Rows come shared and are reused while unchanged; the time only matters to the second (the
/// LAST SEEN column), so the panel re-renders when a row or a second changes, not every frame.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub events: Rc<Vec<EventRow>>,
    pub pod_rows: Rc<Vec<PodRow>>,
    /// Simulated time, whole seconds.
    pub now_s: Millis,
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Events,
    Pods,
}

#[function_component(EventsPanel)]
pub fn events_panel(props: &Props) -> Html {
    let tab = use_state(|| Tab::Events);
    let now = props.now_s * 1000;
    let pick = |t: Tab| {
        let tab = tab.clone();
        Callback::from(move |_: MouseEvent| tab.set(t))
    };
    let tab_button = |t: Tab, label: &str, id: &str| {
        html! {
            <button role="tab" id={id.to_string()} aria-selected={(*tab == t).to_string()}
                    aria-controls="events-body" tabindex={if *tab == t { "0" } else { "-1" }}
                    onclick={pick(t)}>{ label }</button>
        }
    };
    let body = match *tab {
        Tab::Events => html! {
            <table class="term events-table">
                <colgroup>
                    <col class="c-age" /><col class="c-type" /><col class="c-reason" /><col class="c-object" /><col />
                </colgroup>
                <thead><tr><th>{"LAST SEEN"}</th><th>{"TYPE"}</th><th>{"REASON"}</th><th>{"OBJECT"}</th><th>{"MESSAGE"}</th></tr></thead>
                <tbody>
                { for props.events.iter().map(|e| html! {
                    <tr key={e.seq} class={classes!((e.type_ == "Warning").then_some("warning"))}>
                        <td>{ human_duration(now.saturating_sub(e.last_seen_ms)) }</td>
                        <td>{ &e.type_ }</td>
                        // Narrow columns cut long reasons and objects; the full text is a hover away.
                        <td title={e.reason.clone()}>{ &e.reason }</td>
                        <td title={e.object.clone()}>{ &e.object }</td>
                        <td class="msg">{ if e.count > 1 { format!("{} (x{})", e.message, e.count) } else { e.message.clone() } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        },
        Tab::Pods => html! {
            <table class="term">
                <thead><tr><th>{"NAME"}</th><th>{"READY"}</th><th>{"STATUS"}</th><th>{"RESTARTS"}</th><th>{"AGE"}</th></tr></thead>
                <tbody>
                { for props.pod_rows.iter().map(|r| html! {
                    <tr key={r.seq} class={classes!(r.deleted.then_some("deleted"))}>
                        <td>{ &r.name }</td><td>{ &r.ready }</td><td>{ &r.status }</td>
                        <td>{ r.restarts }</td><td>{ &r.age }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        },
    };
    let empty = match *tab {
        Tab::Events => props.events.is_empty(),
        Tab::Pods => props.pod_rows.is_empty(),
    };
    html! {
        <section class="panel events" aria-labelledby="events-h">
            <div class="panel-head">
                <h2 id="events-h">{ "What happened" }</h2>
                <div role="tablist" aria-label="Event views">
                    { tab_button(Tab::Events, "kubectl get events", "tab-events") }
                    { tab_button(Tab::Pods, "kubectl get pods -w", "tab-pods") }
                </div>
            </div>
            // Newest rows stay in view like a terminal: the scroller lays its content out bottom-up
            // (CSS), so no script has to read scrollHeight (which forces a layout) per frame.
            <div id="events-body" class="scroll stick-bottom" role="tabpanel" tabindex="0"
                 aria-labelledby={if *tab == Tab::Events { "tab-events" } else { "tab-pods" }}>
                <div>
                    if empty { <p class="muted">{ "Nothing yet." }</p> } else { { body } }
                </div>
            </div>
        </section>
    }
}
