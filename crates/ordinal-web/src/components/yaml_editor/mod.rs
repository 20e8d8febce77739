//! The manifest editor: edit the scenario's YAML and apply it in one action
//! (`kubectl apply -f -`). Syntax errors and the API server's validation errors are shown at
//! their line. Typing re-checks the syntax after a pause (errors of an older text never stay).

mod gutter;
mod line_errors;
mod manifest_lines;

use crate::engine::CommandOutput;
use line_errors::{errors_for, LineError};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The text to start from (the scenario's manifests). Give the editor a new `key` to reset it.
    pub initial: String,
    /// Applies a manifest; returns what kubectl printed.
    pub on_apply: Callback<String, CommandOutput>,
}

/// How long typing must pause before the text is checked again.
const CHECK_AFTER_MS: u32 = 350;

#[function_component(YamlEditor)]
pub fn yaml_editor(props: &Props) -> Html {
    let text = use_state(|| props.initial.clone());
    let errors = use_state(Vec::<LineError>::new);
    let applied = use_state(|| None::<String>);
    let area = use_node_ref();
    let gutter = use_node_ref();
    // The pending re-check: replaced (so cancelled) by each keystroke.
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let oninput = {
        let (text, errors, applied, pending) = (
            text.clone(),
            errors.clone(),
            applied.clone(),
            pending.clone(),
        );
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                let value = t.value();
                text.set(value.clone());
                let (errors, applied) = (errors.clone(), applied.clone());
                *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    CHECK_AFTER_MS,
                    move || {
                        errors.set(errors_for(&value, None));
                        applied.set(None);
                    },
                ));
            }
        })
    };
    let onscroll = {
        let (area, gutter) = (area.clone(), gutter.clone());
        Callback::from(move |_: Event| {
            if let (Some(a), Some(g)) = (
                area.cast::<web_sys::Element>(),
                gutter.cast::<web_sys::Element>(),
            ) {
                g.set_scroll_top(a.scroll_top());
            }
        })
    };
    let apply = {
        let (text, errors, applied, on_apply, pending) = (
            text.clone(),
            errors.clone(),
            applied.clone(),
            props.on_apply.clone(),
            pending.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // Applying checks this text now: a pending check would only hide what apply said.
            pending.borrow_mut().take();
            let t = (*text).clone();
            let syntax = errors_for(&t, None);
            if !syntax.is_empty() {
                errors.set(syntax);
                applied.set(None);
                return;
            }
            let out = on_apply.emit(t.clone());
            let errs = errors_for(&t, Some(&out));
            applied.set(errs.is_empty().then(|| out.stdout.trim().to_string()));
            errors.set(errs);
        })
    };
    let reset = {
        let (text, errors, applied, initial) = (
            text.clone(),
            errors.clone(),
            applied.clone(),
            props.initial.clone(),
        );
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| {
            pending.borrow_mut().take();
            text.set(initial.clone());
            errors.set(Vec::new());
            applied.set(None);
        })
    };
    let go_to = |line: usize| {
        let (area, text) = (area.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                let start: usize = text
                    .split('\n')
                    .take(line - 1)
                    .map(|l| l.chars().count() + 1)
                    .sum();
                let len = text
                    .split('\n')
                    .nth(line - 1)
                    .map_or(0, |l| l.chars().count());
                let _ = a.focus();
                let _ = a.set_selection_range(start as u32, (start + len) as u32);
            }
        })
    };
    let lines = text.split('\n').count().max(1);
    let gutter_runs = use_memo((lines, (*errors).clone()), |(lines, errors)| {
        gutter::runs(*lines, errors.iter().map(|e| e.line))
    });
    html! {
        <section class="panel editor" aria-labelledby="editor-h">
            <div class="panel-head">
                <h2 id="editor-h">{ "Manifest (YAML)" }</h2>
                <div class="editor-actions">
                    <button class="primary" onclick={apply}>{ "Apply" }</button>
                    <button onclick={reset}>{ "Reset" }</button>
                </div>
            </div>
            <div class={classes!("editor-body", (!errors.is_empty()).then_some("has-errors"))}>
                <div class="gutter" ref={gutter} aria-hidden="true">
                    { for gutter_runs.iter().map(|r| match r {
                        gutter::Run::Plain(numbers) => html! { <div class="ln-run">{ numbers }</div> },
                        gutter::Run::Error(n) => html! { <div class="ln ln-error">{ n }</div> },
                    }) }
                </div>
                <textarea ref={area.clone()} value={(*text).clone()} {oninput} {onscroll} spellcheck="false"
                          aria-label="Manifest YAML" aria-invalid={(!errors.is_empty()).to_string()}
                          aria-describedby="editor-errors" wrap="off" rows="16" />
            </div>
            <div id="editor-errors" aria-live="polite">
                if !errors.is_empty() {
                    <ul class="editor-errors">
                        { for errors.iter().map(|e| html! {
                            <li>
                                <button class="linkish" onclick={go_to(e.line)}>{ format!("Line {}", e.line) }</button>
                                { format!(": {}", e.message) }
                                if let Some(h) = &e.hint { <p class="editor-hint">{ h }</p> }
                            </li>
                        }) }
                    </ul>
                } else if let Some(ok) = &*applied {
                    <pre class="editor-ok">{ ok }</pre>
                }
            </div>
        </section>
    }
}
