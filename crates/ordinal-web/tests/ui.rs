//! Browser tests of the real components in headless Chromium: render, act through the DOM, and
//! assert on what a person sees.
#![cfg(target_arch = "wasm32")]

use ordinal_web::components::{
    action_menu::{ActionMenu, Props as MenuProps},
    canvas::{ClusterCanvas, Props as CanvasProps},
    console::{Console, Props as ConsoleProps},
    controller_panel::{ControllerPanel, Props as PanelProps},
    transcript::{Props as TranscriptProps, Transcript},
    yaml_editor::{Props as EditorProps, YamlEditor},
};
use ordinal_web::engine::{Actor, CommandOutput, ConsoleEntry};
use ordinal_web::state::{Anchor, PtrEq, Target};
use ordinal_web::view::{fixtures, Layout, Snapshot};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> web_sys::Element {
    let div = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::scheduler::flush().await;
    sleep(Duration::ZERO).await;
    yew::scheduler::flush().await;
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn all_text(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

fn canvas_props(s: Snapshot) -> CanvasProps {
    let layout = Layout::of(&s);
    CanvasProps {
        snapshot: PtrEq::new(s),
        layout: PtrEq::new(layout),
        on_open: Callback::noop(),
    }
}

#[wasm_bindgen_test]
async fn the_canvas_draws_pods_by_ordinal_with_status_words_and_revisions() {
    let root = mount_point();
    let h = yew::Renderer::<ClusterCanvas>::with_root_and_props(
        root.clone(),
        canvas_props(fixtures::rolling_update()),
    )
    .render();
    settle().await;

    let web0 = root
        .query_selector("[data-pod='web-0']")
        .unwrap()
        .expect("web-0 drawn");
    assert_eq!(
        text(&web0, ".ordinal"),
        "0",
        "the ordinal is the largest mark"
    );
    assert_eq!(text(&web0, ".pod-status"), "Running");
    assert_eq!(text(&web0, ".pod-ready"), "Ready · 1/1");
    let web1_ready = text(
        &root.query_selector("[data-pod='web-1']").unwrap().unwrap(),
        ".pod-ready",
    );
    assert_eq!(web1_ready, "not Ready · 0/1");
    assert_eq!(text(&web0, ".rev-badge"), "rev 1 · current");
    let web1 = root.query_selector("[data-pod='web-1']").unwrap().unwrap();
    assert_eq!(text(&web1, ".pod-status"), "ContainerCreating");
    assert_eq!(text(&web1, ".rev-badge"), "rev 2 · update");
    assert!(
        web1.query_selector(".rev-update").unwrap().is_some(),
        "update revision has its own colour class"
    );
    // web-2 is beyond the desired 2 replicas and terminating.
    let web2 = root.query_selector("[data-pod='web-2']").unwrap().unwrap();
    let class = web2.get_attribute("class").unwrap();
    assert!(
        class.contains("terminating") && class.contains("condemned"),
        "{class}"
    );
    // The partition is drawn as a line with its value.
    assert_eq!(text(&root, ".partition").trim(), "partition 1");
    // Pods carry a label a screen reader can use, on the card's focusable hit area.
    let label = web1
        .query_selector(".hit")
        .unwrap()
        .and_then(|hit| hit.get_attribute("aria-label"))
        .unwrap_or_default();
    assert!(
        label.starts_with("Pod web-1: ContainerCreating, not Ready, rev 2 · update, on node-2"),
        "{label}"
    );

    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn claims_sit_under_their_ordinal_and_a_detached_one_has_no_mount() {
    let root = mount_point();
    let h = yew::Renderer::<ClusterCanvas>::with_root_and_props(
        root.clone(),
        canvas_props(fixtures::rolling_update()),
    )
    .render();
    settle().await;

    let names = all_text(&root, ".claim .claim-name");
    assert_eq!(names, ["www-web-0", "www-web-1", "www-web-2", "www-web-3"]);
    let detached = root
        .query_selector("[data-claim='www-web-3']")
        .unwrap()
        .unwrap();
    assert!(detached
        .get_attribute("class")
        .unwrap()
        .contains("detached"));
    assert!(text(&detached, ".claim-status").contains("detached"));
    assert!(text(&detached, ".claim-volume").starts_with("→ pvc-"));
    // One mount line per claim in use: 3, none for www-web-3.
    assert_eq!(root.query_selector_all(".mount").unwrap().length(), 3);
    // The set's stamps.
    assert!(text(&root, ".stamp-template").contains("nginx-slim:0.21"));
    assert!(text(&root, ".stamp-template").contains("rev 2 · update"));
    assert!(text(&root, ".stamp-claim").contains("www · 1Gi"));
    // The unreachable node says so in kubectl's word, and why beside it.
    let lane = root
        .query_selector("[data-node='node-3']")
        .unwrap()
        .unwrap();
    assert_eq!(text(&lane, ".lane-state"), "NotReady");
    assert!(lane.text_content().unwrap().contains("Ready: Unknown"));
    assert!(lane
        .text_content()
        .unwrap()
        .contains("unreachable:NoExecute"));

    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn wanted_pods_that_do_not_exist_yet_are_drawn_as_placeholders() {
    let root = mount_point();
    let mut s = fixtures::rolling_update();
    s.pods.clear();
    s.claims.clear();
    let h =
        yew::Renderer::<ClusterCanvas>::with_root_and_props(root.clone(), canvas_props(s)).render();
    settle().await;
    let ghosts = all_text(&root, ".ghost .ghost-name");
    assert_eq!(ghosts, ["web-0", "web-1"]);
    assert!(text(&root, ".ghost").contains("not created yet"));
    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_controller_panel_shows_desired_vs_current_and_its_explanation() {
    let root = mount_point();
    let props = PanelProps {
        snapshot: PtrEq::new(fixtures::rolling_update()),
    };
    let h = yew::Renderer::<ControllerPanel>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert_eq!(text(&root, ".replicas .big"), "3 / 2");
    let counters = all_text(&root, ".counters dd");
    assert_eq!(
        counters,
        ["1", "2", "2", "1"],
        "ready, available, current, updated"
    );
    assert!(text(&root, ".revisions").contains("rolling out"));
    assert_eq!(
        text(&root, ".explanation"),
        "Waiting for web-1 to be Running and Ready before updating web-0."
    );
    h.destroy();
    root.remove();
}

fn entry(id: u64, line: &str, by: Actor) -> ConsoleEntry {
    ConsoleEntry {
        id,
        at: 0,
        by,
        prompt: "$ ".into(),
        line: line.into(),
        output: CommandOutput {
            stdout: format!("ran {line}\n"),
            combined: format!("ran {line}\n"),
            ..CommandOutput::default()
        },
    }
}

fn key(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// A watch from 1 s that wrote a row at 1 s and one at 4 s, then a command at 6 s.
fn timeline() -> Vec<ConsoleEntry> {
    let mut watch = entry(1, "kubectl get pods -w", Actor::User);
    watch.at = 1_000;
    let rows = "NAME    READY\nweb-0   0/1\nweb-0   1/1\n";
    watch.output = CommandOutput {
        stdout: rows.into(),
        combined: rows.into(),
        started_ms: 1_000,
        finished_ms: 5_000,
        marks: vec![(1_000, 26), (4_000, 38), (5_000, 38)],
        ..CommandOutput::default()
    };
    let mut later = entry(2, "kubectl get pvc", Actor::User);
    later.at = 6_000;
    vec![watch, later]
}

#[wasm_bindgen_test]
async fn the_transcript_hides_what_a_running_command_has_not_written_and_dims_the_future() {
    let root = mount_point();
    let props = |now, running| TranscriptProps {
        entries: PtrEq::new(timeline()),
        from: None,
        scratch: Vec::new(),
        now,
        running,
    };
    let mut h =
        yew::Renderer::<Transcript>::with_root_and_props(root.clone(), props(2_000, true)).render();
    settle().await;
    assert_eq!(text(&root, "pre.stdout"), "NAME    READY\nweb-0   0/1");
    assert!(
        root.query_selector(".future-sep").unwrap().is_none(),
        "nothing of the future while it runs"
    );
    assert!(!text(&root, ".term-out").contains("get pvc"));

    h.update(props(2_000, false));
    settle().await;
    assert_eq!(
        text(&root, ".future-sep"),
        "After 0:02.000 — not happened yet at the time you are viewing"
    );
    assert_eq!(text(&root, "pre.future"), "web-0   1/1");
    assert!(text(&root, ".cmd.future").contains("kubectl get pvc"));

    h.update(props(u64::MAX, false));
    settle().await;
    assert!(root.query_selector(".future-sep").unwrap().is_none());
    assert_eq!(root.query_selector_all(".cmd.future").unwrap().length(), 0);
    h.destroy();
}

#[wasm_bindgen_test]
async fn the_console_runs_lines_recalls_history_and_completes_names() {
    let root = mount_point();
    let ran: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = ran.clone();
    let props = ConsoleProps {
        entries: PtrEq::new(vec![
            entry(1, "kubectl apply -f web.yaml", Actor::Scenario),
            entry(2, "kubectl get pods", Actor::User),
            entry(3, "kubectl get pvc", Actor::User),
        ]),
        snapshot: PtrEq::new(fixtures::rolling_update()),
        on_run: Callback::from(move |l: String| sink.borrow_mut().push(l)),
        prompt: "$ ".into(),
        now: u64::MAX,
        running: false,
        after_now: 0,
        branch: None,
        on_interrupt: Callback::noop(),
        on_undo: Callback::noop(),
    };
    let h = yew::Renderer::<Console>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert!(text(&root, ".term-out").contains("ran kubectl get pvc"));
    assert!(text(&root, ".by-script").contains("(scenario)"));

    let input: web_sys::HtmlInputElement = root
        .query_selector("#console-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    key(&input, "ArrowUp");
    assert_eq!(
        input.value(),
        "kubectl get pvc",
        "↑ recalls the newest of the learner's commands"
    );
    key(&input, "ArrowUp");
    assert_eq!(input.value(), "kubectl get pods");
    key(&input, "ArrowUp");
    assert_eq!(
        input.value(),
        "kubectl get pods",
        "the scenario's own commands are not in the history"
    );
    key(&input, "ArrowDown");
    key(&input, "ArrowDown");
    assert_eq!(input.value(), "", "↓ past the newest returns to the draft");

    input.set_value("kubectl delete pod web-2");
    key(&input, "Tab");
    assert_eq!(input.value(), "kubectl delete pod web-2 ");
    input.set_value("kubectl describe pod www-web-");
    key(&input, "Tab");
    assert_eq!(
        input.value(),
        "kubectl describe pod www-web-",
        "ambiguous: left alone"
    );
    key(&input, "Enter");
    assert_eq!(*ran.borrow(), ["kubectl describe pod www-web-"]);
    assert_eq!(input.value(), "");

    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_editor_shows_a_yaml_error_at_its_line_and_does_not_apply() {
    let root = mount_point();
    let applied: Rc<RefCell<u32>> = Rc::default();
    let count = applied.clone();
    let props = EditorProps {
        initial: "apiVersion: v1\nkind: Service\nmetadata\n  name: nginx\n".into(),
        on_apply: Callback::from(move |_: String| {
            *count.borrow_mut() += 1;
            CommandOutput::default()
        }),
    };
    let h = yew::Renderer::<YamlEditor>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let apply: web_sys::HtmlElement = root
        .query_selector("button.primary")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    apply.click();
    settle().await;
    assert_eq!(
        text(&root, ".editor-errors"),
        "Line 4: yaml: line 4: could not find expected ':'"
    );
    assert_eq!(
        all_text(&root, ".ln-error"),
        ["4"],
        "the gutter marks line 4"
    );
    assert_eq!(
        *applied.borrow(),
        0,
        "a manifest that does not parse is not sent"
    );
    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_pod_menu_shows_each_command_and_warns_before_force_delete() {
    let root = mount_point();
    let ran: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = ran.clone();
    let closed: Rc<RefCell<u32>> = Rc::default();
    let closes = closed.clone();
    let props = MenuProps {
        target: Target::Pod("web-1".into()),
        anchor: Anchor { x: 10.0, y: 10.0 },
        snapshot: PtrEq::new(fixtures::rolling_update()),
        on_run: Callback::from(move |l: String| sink.borrow_mut().push(l)),
        on_prefill: Callback::noop(),
        on_close: Callback::from(move |_| *closes.borrow_mut() += 1),
    };
    let h = yew::Renderer::<ActionMenu>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let labels = all_text(&root, ".menu-label");
    assert_eq!(
        labels,
        [
            "Delete",
            "Force delete…",
            "Heal readiness",
            "Crash the container",
            "Open a shell"
        ],
        "web-1 is not Ready, so the menu offers to heal it"
    );
    let force: web_sys::HtmlElement = root
        .query_selector(".menu-item.danger")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    force.click();
    settle().await;
    assert!(text(&root, ".menu-warning [role=alert]").contains("at most one"));
    assert!(
        ran.borrow().is_empty(),
        "nothing runs before the confirmation"
    );
    let confirm: web_sys::HtmlElement = root
        .query_selector(".menu-warning button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    confirm.click();
    settle().await;
    assert_eq!(
        *ran.borrow(),
        ["kubectl delete pod web-1 --grace-period=0 --force"]
    );
    assert_eq!(*closed.borrow(), 1);
    h.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_app_starts_paused_on_the_first_scenario_and_plays() {
    let root = mount_point();
    let h = yew::Renderer::<ordinal_web::App>::with_root(root.clone()).render();
    settle().await;
    assert!(
        text(&root, ".narration").contains("Press ▶ Play"),
        "an invitation, never an empty canvas"
    );
    assert_eq!(text(&root, ".clock"), "t = 0:00.000");
    assert!(
        root.query_selector("[data-set='web']").unwrap().is_some(),
        "the tutorial's set is on screen"
    );
    assert_eq!(
        all_text(&root, "[data-node] .lane-name"),
        ["node-1", "node-2", "node-3"]
    );

    let play: web_sys::HtmlElement = root
        .query_selector("button.play")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("false"));
    play.click();
    settle().await;
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("true"));
    sleep(Duration::from_millis(400)).await;
    settle().await;
    assert_ne!(
        text(&root, ".clock"),
        "t = 0:00.000",
        "time moves while playing"
    );
    play.click();
    settle().await;
    let paused_at = text(&root, ".clock");
    sleep(Duration::from_millis(200)).await;
    settle().await;
    assert_eq!(text(&root, ".clock"), paused_at, "and stops when paused");

    h.destroy();
    root.remove();
}
