//! The menu a click (or Enter) on a pod, a node or the StatefulSet opens. Every item runs the
//! equivalent command through the console; the menu shows that command before you choose it.

use crate::commands as cmd;
use crate::state::{Anchor, PtrEq, Target};
use crate::view::Snapshot;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub target: Target,
    pub anchor: Anchor,
    pub snapshot: PtrEq<Snapshot>,
    /// Runs a command line.
    pub on_run: Callback<String>,
    /// Puts text in the console's input and focuses it.
    pub on_prefill: Callback<String>,
    pub on_close: Callback<()>,
}

fn item(label: &str, line: String, on_run: &Callback<String>, on_close: &Callback<()>) -> Html {
    menu_item(true, label, line, on_run, on_close)
}

/// An action; `in_menu`: inside a `role="menu"` list (the pod and node menus). The StatefulSet's
/// panel holds forms, which a menu may not, so it is a plain list of buttons.
fn menu_item(
    in_menu: bool,
    label: &str,
    line: String,
    on_run: &Callback<String>,
    on_close: &Callback<()>,
) -> Html {
    let (run, close) = (on_run.clone(), on_close.clone());
    let l = line.clone();
    html! {
        <li role={in_menu.then_some("none")}>
            <button role={in_menu.then_some("menuitem")} class="menu-item" title={line.clone()}
                    onclick={Callback::from(move |_| { run.emit(l.clone()); close.emit(()); })}>
                <span class="menu-label">{ label }</span>
                <code class="menu-cmd">{ line }</code>
            </button>
        </li>
    }
}

fn input_value(id: &str) -> String {
    gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .or_else(|| {
            gloo::utils::document()
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
        })
        .unwrap_or_default()
}

/// The menu's actions in order: its items, and each form's field and button.
fn actions(root: &NodeRef) -> Vec<web_sys::HtmlElement> {
    let Some(el) = root.cast::<web_sys::Element>() else {
        return Vec::new();
    };
    let Ok(list) = el.query_selector_all("ul button, ul input, ul select") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Where an arrow key moves focus among `n` actions from `at` (wrapping, as WAI-ARIA's menu
/// pattern does); `None`: not a key the menu moves on.
pub fn menu_move(key: &str, at: Option<usize>, n: usize, own_arrows: bool) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match key {
        "ArrowDown" if !own_arrows => Some(at.map_or(0, |i| (i + 1) % n)),
        "ArrowUp" if !own_arrows => Some(at.map_or(n - 1, |i| (i + n - 1) % n)),
        "Home" if !own_arrows => Some(0),
        "End" if !own_arrows => Some(n - 1),
        _ => None,
    }
}

#[function_component(ActionMenu)]
pub fn action_menu(props: &Props) -> Html {
    let confirm_force = use_state(|| false);
    let root = use_node_ref();
    // The card (or lane, or set header) that opened the menu: Esc and × give focus back to it.
    let opener = use_mut_ref(|| None::<web_sys::Element>);
    {
        // Focus the first action (not the × in the header) so the keyboard lands in the menu.
        let (root, opener) = (root.clone(), opener.clone());
        use_effect_with(props.target.clone(), move |_| {
            if opener.borrow().is_none() {
                *opener.borrow_mut() = gloo::utils::document().active_element();
            }
            if let Some(first) = actions(&root).into_iter().next() {
                let _ = first.focus();
            }
        });
    }
    let close_to_opener = {
        let (close, opener) = (props.on_close.clone(), opener.clone());
        Callback::from(move |()| {
            if let Some(el) = opener.borrow().as_ref().filter(|el| el.is_connected()) {
                // The opener is usually an SVG card: `focus` is HTMLElement's and SVGElement's
                // alike, and web-sys calls it structurally.
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
            close.emit(());
        })
    };
    let onkeydown = {
        let (close, root) = (close_to_opener.clone(), root.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
                return;
            }
            // A number field or a select keeps its own arrows (they change its value).
            let own_arrows = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT"));
            let all = actions(&root);
            let at = gloo::utils::document().active_element().and_then(|a| {
                all.iter()
                    .position(|el| *el == *a.unchecked_ref::<web_sys::HtmlElement>())
            });
            if let Some(next) = menu_move(&key, at, all.len(), own_arrows) {
                e.prevent_default();
                let _ = all[next].focus();
            }
        })
    };
    let (run, close) = (&props.on_run, &props.on_close);
    let s = &*props.snapshot;
    let (title, body) = match &props.target {
        Target::Pod(name) => {
            let ready = s.pod(name).is_some_and(|p| p.ready);
            let shell = {
                let (prefill, run, close, line) = (
                    props.on_prefill.clone(),
                    run.clone(),
                    close.clone(),
                    cmd::pod_shell(name),
                );
                html! {
                    <li role="none">
                        <button role="menuitem" class="menu-item"
                                onclick={Callback::from(move |_| {
                                    run.emit(line.clone());
                                    close.emit(());
                                    // Type into the container's shell next (`exit` leaves it).
                                    prefill.emit(String::new());
                                })}>
                            <span class="menu-label">{ "Open a shell" }</span>
                            <code class="menu-cmd">{ cmd::pod_shell(name) }</code>
                        </button>
                    </li>
                }
            };
            let force = if *confirm_force {
                html! {
                    <li role="none" class="menu-warning">
                        <p role="alert">
                            { "Force deletion removes the Pod object without waiting for the kubelet to confirm the container stopped. \
                               The controller then creates a new pod with the same name — if the old one is still running (a partitioned node), \
                               two pods share one identity and one volume. StatefulSets promise at most one; this breaks that promise." }
                        </p>
                        { item("Force delete anyway", cmd::force_delete_pod(name), run, close) }
                    </li>
                }
            } else {
                let c = confirm_force.clone();
                html! {
                    <li role="none">
                        <button role="menuitem" class="menu-item danger" onclick={Callback::from(move |_| c.set(true))}>
                            <span class="menu-label">{ "Force delete…" }</span>
                            <code class="menu-cmd">{ cmd::force_delete_pod(name) }</code>
                        </button>
                    </li>
                }
            };
            (
                format!("Pod {name}"),
                html! {
                    <>
                        { item("Delete", cmd::delete_pod(name), run, close) }
                        { force }
                        if ready {
                            { item("Break readiness", cmd::pod_unready(name), run, close) }
                        } else {
                            { item("Heal readiness", cmd::pod_ready(name), run, close) }
                        }
                        { item("Crash the container", cmd::pod_crash(name), run, close) }
                        { shell }
                    </>
                },
            )
        }
        Target::Node(name) => {
            let cordoned = s.node(name).is_some_and(|n| n.unschedulable);
            let healthy = s.node(name).is_some_and(|n| n.ready == "True");
            (
                format!("Node {name}"),
                html! {
                    <>
                        if cordoned {
                            { item("Uncordon", cmd::uncordon(name), run, close) }
                        } else {
                            { item("Cordon", cmd::cordon(name), run, close) }
                        }
                        { item("Drain", cmd::drain(name), run, close) }
                        if healthy {
                            { item("Stop its kubelet", cmd::node_stop(name), run, close) }
                            { item("Cut it off the network", cmd::node_cut(name), run, close) }
                        } else {
                            { item("Start its kubelet", cmd::node_start(name), run, close) }
                            { item("Reconnect it", cmd::node_heal(name), run, close) }
                        }
                        { item("Remove the machine", cmd::node_remove(name), run, close) }
                        { item("Delete the Node object", cmd::delete_node(name), run, close) }
                    </>
                },
            )
        }
        Target::Set(name) => {
            let set = s.set(name).cloned();
            let replicas = set.as_ref().map_or(1, |v| v.desired);
            let partition = set.as_ref().and_then(|v| v.partition).unwrap_or(0);
            let image = set
                .as_ref()
                .and_then(|v| v.images.first().cloned())
                .unwrap_or_default();
            let strategy = set
                .as_ref()
                .map_or("RollingUpdate".to_string(), |v| v.strategy.clone());
            let policy = set.as_ref().map_or("OrderedReady".to_string(), |v| {
                v.pod_management_policy.clone()
            });
            let (when_scaled, when_deleted) = set
                .as_ref()
                .map_or(("Retain".to_string(), "Retain".to_string()), |v| {
                    (v.when_scaled.clone(), v.when_deleted.clone())
                });
            let n = name.clone();
            let submit = |f: Box<dyn Fn() -> String>| {
                let (run, close) = (run.clone(), close.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    run.emit(f());
                    close.emit(());
                })
            };
            let (n1, n2, n3, n4, n5) = (n.clone(), n.clone(), n.clone(), n.clone(), n.clone());
            let select = |id: &str, label: &str, options: &[&str], current: &str| {
                html! {
                    <label class="menu-field">{ label }
                        <select id={id.to_string()}>
                            { for options.iter().map(|o| html! { <option value={o.to_string()} selected={*o == current}>{ *o }</option> }) }
                        </select>
                    </label>
                }
            };
            (
                format!("StatefulSet {name}"),
                html! {
                    <>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::scale(&n1, input_value("menu-replicas").trim().parse().unwrap_or(replicas))))}>
                            <label class="menu-field">{ "replicas" }
                                <input id="menu-replicas" type="number" min="0" max="200" value={replicas.to_string()} />
                            </label>
                            <button type="submit">{ "Scale" }</button>
                        </form></li>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::partition(&n2, input_value("menu-partition").trim().parse().unwrap_or(partition))))}>
                            <label class="menu-field">{ "partition" }
                                <input id="menu-partition" type="number" min="0" value={partition.to_string()} />
                            </label>
                            <button type="submit">{ "Set partition" }</button>
                        </form></li>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::set_image(&n3, &input_value("menu-image"))))}>
                            <label class="menu-field">{ "image" }
                                <input id="menu-image" type="text" value={image} spellcheck="false" />
                            </label>
                            <button type="submit">{ "Set image" }</button>
                        </form></li>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::update_strategy(&n4, &input_value("menu-strategy"))))}>
                            { select("menu-strategy", "updateStrategy", &["RollingUpdate", "OnDelete"], &strategy) }
                            <button type="submit">{ "Apply strategy" }</button>
                        </form></li>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::pod_management_policy(&n5, &input_value("menu-policy"))))}>
                            { select("menu-policy", "podManagementPolicy", &["OrderedReady", "Parallel"], &policy) }
                            <button type="submit">{ "Apply policy" }</button>
                        </form></li>
                        <li><form class="menu-form" onsubmit={submit(Box::new(move || cmd::retention(&n, &input_value("menu-when-scaled"), &input_value("menu-when-deleted"))))}>
                            { select("menu-when-scaled", "whenScaled", &["Retain", "Delete"], &when_scaled) }
                            { select("menu-when-deleted", "whenDeleted", &["Retain", "Delete"], &when_deleted) }
                            <button type="submit">{ "Apply retention" }</button>
                        </form></li>
                        { menu_item(false, "Delete the StatefulSet", cmd::delete_set(name, false), run, close) }
                        { menu_item(false, "Delete it, keep the pods", cmd::delete_set(name, true), run, close) }
                    </>
                },
            )
        }
    };
    let backdrop = props.on_close.reform(|_: MouseEvent| ());
    let vw = gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    let vh = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let left = props.anchor.x.min(vw - 340.0).max(4.0);
    // Below the object when there is room, else as low as fits: never outside the viewport.
    let top = (props.anchor.y + 4.0).min(vh - 360.0).max(4.0);
    html! {
        <>
            <div class="menu-backdrop" onclick={backdrop}></div>
            <div class="menu" role="dialog" aria-label={format!("Actions for {title}")} ref={root} {onkeydown}
                 ~style={format!("left: {left}px; top: {top}px; max-height: {}px", (vh - top - 8.0).max(120.0))}>
                <div class="menu-head">
                    <strong>{ title }</strong>
                    <button class="menu-close" aria-label="Close" onclick={close_to_opener.reform(|_: MouseEvent| ())}>{ "×" }</button>
                </div>
                <ul role={(!matches!(props.target, Target::Set(_))).then_some("menu")}>{ body }</ul>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::menu_move;

    #[test]
    fn arrows_move_through_the_actions_and_wrap() {
        assert_eq!(menu_move("ArrowDown", Some(0), 3, false), Some(1));
        assert_eq!(menu_move("ArrowDown", Some(2), 3, false), Some(0));
        assert_eq!(menu_move("ArrowUp", Some(0), 3, false), Some(2));
        assert_eq!(menu_move("Home", Some(2), 3, false), Some(0));
        assert_eq!(menu_move("End", None, 3, false), Some(2));
        assert_eq!(
            menu_move("ArrowDown", Some(1), 3, true),
            None,
            "a number field's own arrows"
        );
        assert_eq!(menu_move("Enter", Some(1), 3, false), None);
        assert_eq!(menu_move("ArrowDown", None, 0, false), None);
    }
}
