//! Where in the editor's text each error belongs: a YAML syntax error at its line, an API
//! error at the line of the field it names, else at the first line of its document.

use super::manifest_lines::{document_starts, line_in, visited};
use crate::engine::CommandOutput;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
    /// What to do about a common trap (an immutable field), when the message is one.
    pub hint: Option<String>,
}

/// The API server's answer to a change of a field that cannot change, and what a learner does
/// about it: kubectl's own advice for StatefulSets is to delete the set but keep its pods
/// (`--cascade=orphan`), then apply again; the new set adopts them.
fn hint_for(message: &str) -> Option<String> {
    let immutable = message.contains("field is immutable")
        || (message.contains("Forbidden") && message.contains("are forbidden"));
    if !immutable {
        return None;
    }
    let words: Vec<&str> = message.split_whitespace().collect();
    let target = words.windows(3).find_map(|w| {
        (w[0] == "The" && w[2].starts_with('"'))
            .then(|| (w[1].to_lowercase(), w[2].trim_matches('"').to_string()))
    });
    let (kind, name) = target.unwrap_or(("statefulset".into(), "NAME".into()));
    Some(format!(
        "This field cannot change on an existing {kind}. To change it, delete the {kind} but keep its pods: \
         kubectl delete {kind} {name} --cascade=orphan — then Apply again: the new {kind} adopts the pods."
    ))
}

/// Field paths (`spec.replicas`, `spec.template.spec.containers[0].image`) in an error text:
/// a validation error's `path:`, a strict decoding error's `unknown field "path"`, Go's
/// `cannot unmarshal … into Go struct field StatefulSetSpec.spec.replicas of type int32`. A
/// selector that does not match the template's labels is shown at the selector (the labels may
/// be right; the selector is what the learner usually edits).
fn field_paths(message: &str) -> Vec<String> {
    if message.contains("`selector` does not match template `labels`") {
        return vec!["spec.selector".into()];
    }
    if let Some(rest) = message.split("unknown field \"").nth(1) {
        if let Some(path) = rest.split('"').next() {
            return vec![path.to_string()];
        }
    }
    if let Some(rest) = message.split("Go struct field ").nth(1) {
        if let Some(field) = rest.split_whitespace().next() {
            // `StatefulSetSpec.spec.replicas`: the Go type first, then the JSON path.
            let path = field
                .split_once('.')
                .filter(|(t, _)| t.starts_with(|c: char| c.is_ascii_uppercase()))
                .map_or(field, |(_, p)| p);
            return vec![path.to_string()];
        }
    }
    message
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.strip_suffix(':'))
        .filter(|w| (w.starts_with("spec.") || w.starts_with("metadata.")) && !w.contains('"'))
        .map(str::to_string)
        .collect()
}

/// The documents of a manifest, indexed once per apply so each error line costs its own length
/// (not the manifest's: a paste of thousands of lines may fail with thousands of errors).
struct Documents<'a> {
    lines: Vec<&'a str>,
    /// `StatefulSet "web"` and `statefulset/web` → the first line of the first such document.
    by_name: HashMap<String, usize>,
    /// `StatefulSet` → the first line of the first StatefulSet document.
    by_kind: HashMap<String, usize>,
}

impl<'a> Documents<'a> {
    fn of(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let starts = document_starts(text);
        let mut by_name = HashMap::new();
        let mut by_kind = HashMap::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(lines.len(), |n| n - 2);
            let doc = &lines[(start - 1).min(lines.len())..end.min(lines.len())];
            visited(doc.len());
            let value = |key: &str| {
                doc.iter()
                    .find_map(|l| l.trim().strip_prefix(key))
                    .map(|v| v.trim().trim_matches('"').to_string())
            };
            if let Some(kind) = value("kind:") {
                by_kind.entry(kind).or_insert(start);
            }
            if let (Some(kind), Some(name)) = (value("kind:"), value("name:")) {
                by_name.entry(format!("{kind} \"{name}\"")).or_insert(start);
                by_name
                    .entry(format!("{}/{name}", kind.to_lowercase()))
                    .or_insert(start);
            }
        }
        Documents {
            lines,
            by_name,
            by_kind,
        }
    }

    /// Which document an error is about (`The StatefulSet "web" is invalid`,
    /// `statefulsets.apps "web"`, `statefulset/web`): its first line, else the first document's.
    fn line_of(&self, message: &str) -> usize {
        // A decoding error names no object: `… cannot be handled as a StatefulSet: …`.
        if let Some(rest) = message.split("cannot be handled as a ").nth(1) {
            let kind = rest.split(':').next().unwrap_or("");
            if let Some(&start) = self.by_kind.get(kind) {
                return start;
            }
        }
        let words: Vec<&str> = message.split_whitespace().collect();
        let quoted = words.windows(2).map(|w| format!("{} {}", w[0], w[1]));
        let slashed = words
            .iter()
            .filter(|w| w.contains('/'))
            .map(|w| w.trim_end_matches([':', ',']).to_string());
        quoted
            .chain(slashed)
            .filter_map(|k| {
                let k = k.trim_end_matches([':', ',']);
                self.by_name.get(k).copied()
            })
            .min()
            .unwrap_or(1)
    }
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
            hint: None,
        }];
    }
    let Some(out) = output.filter(|o| o.exit_code != 0) else {
        return Vec::new();
    };
    let docs = Documents::of(text);
    out.stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("Warning:"))
        .map(|l| {
            let first = docs.line_of(l);
            let line = field_paths(l)
                .first()
                .map(|p| line_in(&docs.lines, first, p))
                .or_else(|| l.contains("yaml: line ").then(|| yaml_line(l)).flatten())
                .unwrap_or(first);
            LineError {
                line,
                message: l.to_string(),
                hint: hint_for(l),
            }
        })
        .collect()
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

    fn failed(stderr: &str) -> CommandOutput {
        CommandOutput {
            stderr: format!("{stderr}\n"),
            exit_code: 1,
            ..CommandOutput::default()
        }
    }

    const WEB: &str = include_str!("../../../../ordinal-kubectl/manifests/web.yaml");

    #[test]
    fn an_unknown_field_and_a_wrong_type_point_at_their_own_line() {
        let text = WEB.replace("  replicas: 2", "  replica: 2");
        let errs = errors_for(&text, Some(&failed("Error from server (BadRequest): error when creating \"STDIN\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.replica\"")));
        assert_eq!(
            errs[0].line, 21,
            "spec.replica, in the StatefulSet's document"
        );
        let text = WEB.replace("  replicas: 2", "  replicas: \"two\"");
        let errs = errors_for(&text, Some(&failed("Error from server (BadRequest): error when creating \"STDIN\": StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32")));
        assert_eq!(errs[0].line, 21);
        assert_eq!(errs[0].hint, None);
    }

    #[test]
    fn a_selector_mismatch_points_at_the_selector_of_the_set() {
        let errs = errors_for(WEB, Some(&failed("The StatefulSet \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`")));
        assert_eq!(
            errs[0].line, 22,
            "the StatefulSet's selector, not the Service's"
        );
    }

    #[test]
    fn an_immutable_field_gets_the_orphan_hint() {
        let errs = errors_for(WEB, Some(&failed("The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")));
        let hint = errs[0].hint.as_deref().unwrap();
        assert!(
            hint.contains("kubectl delete statefulset web --cascade=orphan"),
            "{hint}"
        );
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

    /// `n` lines of ConfigMaps, and the error kubectl prints for each.
    fn configmaps(n: usize) -> (String, CommandOutput) {
        let docs = n / 8;
        let text: String = (0..docs)
            .map(|i| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\ndata:\n  a: \"1\"\n  b: \"2\"\n---\n"))
            .collect();
        let stderr: String = (0..docs)
            .map(|i| {
                format!(
                    "The ConfigMap \"cm-{i}\" is invalid: metadata.name: Invalid value: \"x\"\n"
                )
            })
            .collect();
        let out = CommandOutput {
            stderr,
            exit_code: 1,
            ..CommandOutput::default()
        };
        (text, out)
    }

    #[test]
    fn each_error_finds_its_own_document() {
        let (text, out) = configmaps(800);
        let errs = errors_for(&text, Some(&out));
        assert_eq!(errs.len(), 100);
        for (i, e) in errs.iter().enumerate() {
            assert_eq!(e.line, i * 8 + 4, "cm-{i}'s metadata.name");
        }
    }

    #[test]
    fn placing_errors_grows_with_the_text_not_its_square() {
        use super::super::manifest_lines::LINES_VISITED;
        // Counted in lines examined, not timed: the same on a loaded machine as on an idle one.
        let work = |n: usize| {
            let (text, out) = configmaps(n);
            LINES_VISITED.with(|c| c.set(0));
            assert_eq!(errors_for(&text, Some(&out)).len(), n / 8);
            LINES_VISITED.with(|c| c.get())
        };
        let (small, big) = (work(1_000), work(8_000));
        assert!(
            small >= 1_000,
            "every line is looked at least once: {small}"
        );
        // Eight times the text (and the errors): linear is about 8x, quadratic 64x.
        assert!(
            big <= small * 10,
            "1,000 lines: {small} examined; 8,000 lines: {big}"
        );
    }
}
