//! The manifest editor: edit the scenario's YAML and apply it in one action
//! (`kubectl apply -f -`). Syntax errors and the API server's validation errors are shown at
//! their line.

use crate::engine::manifest_lines::{document_starts, line_of_path};
use crate::engine::CommandOutput;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The text to start from (the scenario's manifests). Give the editor a new `key` to reset it.
    pub initial: String,
    /// Applies a manifest; returns what kubectl printed.
    pub on_apply: Callback<String, CommandOutput>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// Field paths (`spec.replicas`, `spec.template.spec.containers[0].image`) in an error text.
fn field_paths(message: &str) -> Vec<String> {
    message
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.strip_suffix(':'))
        .filter(|w| (w.starts_with("spec.") || w.starts_with("metadata.")) && !w.contains('"'))
        .map(str::to_string)
        .collect()
}

/// Which document of `text` an error is about (`The StatefulSet "web" is invalid`): the first
/// line of the document with that kind and name, else the first document.
fn document_line(text: &str, message: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let starts = document_starts(text);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(lines.len(), |n| n - 2);
        let doc = &lines[(start - 1).min(lines.len())..end.min(lines.len())];
        let value = |key: &str| {
            doc.iter()
                .find_map(|l| l.trim().strip_prefix(key))
                .map(|v| v.trim().trim_matches('"').to_string())
        };
        if let (Some(kind), Some(name)) = (value("kind:"), value("name:")) {
            if message.contains(&format!("{kind} \"{name}\""))
                || message.contains(&format!("{}/{name}", kind.to_lowercase()))
            {
                return start;
            }
        }
    }
    1
}

/// `yaml: line 7: …` in an error text.
fn yaml_line(message: &str) -> Option<usize> {
    let rest = &message[message.find("line ")? + 5..];
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// Errors at their lines: YAML syntax first (kubectl's reader), then each stderr line of a
/// failed apply.
pub fn errors_for(text: &str, output: Option<&CommandOutput>) -> Vec<LineError> {
    if let Err(e) = ordinal_kubectl::yaml::parse_documents(text) {
        return vec![LineError {
            line: e.line.max(1),
            message: e.to_string(),
        }];
    }
    let Some(out) = output.filter(|o| o.exit_code != 0) else {
        return Vec::new();
    };
    out.stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("Warning:"))
        .map(|l| {
            let first = document_line(text, l);
            let line = field_paths(l)
                .first()
                .map(|p| line_of_path(text, first, p))
                .or_else(|| l.contains("yaml: line ").then(|| yaml_line(l)).flatten())
                .unwrap_or(first);
            LineError {
                line,
                message: l.to_string(),
            }
        })
        .collect()
}

#[function_component(YamlEditor)]
pub fn yaml_editor(props: &Props) -> Html {
    let text = use_state(|| props.initial.clone());
    let errors = use_state(Vec::<LineError>::new);
    let applied = use_state(|| None::<String>);
    let area = use_node_ref();
    let gutter = use_node_ref();
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                text.set(t.value());
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
        let (text, errors, applied, on_apply) = (
            text.clone(),
            errors.clone(),
            applied.clone(),
            props.on_apply.clone(),
        );
        Callback::from(move |_: MouseEvent| {
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
        Callback::from(move |_: MouseEvent| {
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
    let bad: Vec<usize> = errors.iter().map(|e| e.line).collect();
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
                    { for (1..=lines).map(|n| html! {
                        <div class={classes!("ln", bad.contains(&n).then_some("ln-error"))}>{ n }</div>
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: -1\n";

    #[test]
    fn a_validation_error_points_at_its_field() {
        let out = CommandOutput {
            stderr: "The StatefulSet \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n".into(),
            exit_code: 1,
            ..CommandOutput::default()
        };
        let errs = errors_for(TEXT, Some(&out));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 11);
    }

    #[test]
    fn a_syntax_error_points_at_its_line() {
        // go-yaml notices the missing ':' on the next line, and says so.
        let errs = errors_for("kind: Service\nmetadata\n  name: x\n", None);
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].message, "yaml: line 3: could not find expected ':'");
    }

    #[test]
    fn success_has_no_errors() {
        let out = CommandOutput {
            stdout: "service/nginx unchanged\n".into(),
            ..CommandOutput::default()
        };
        assert!(errors_for(TEXT, Some(&out)).is_empty());
    }
}
