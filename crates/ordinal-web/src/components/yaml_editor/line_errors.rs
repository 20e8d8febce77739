//! Where in the editor's text each error belongs: a YAML syntax error at its line, an API
//! error at the line of the field it names, else at the first line of its document.

use super::manifest_lines::{document_starts, line_of_path};
use crate::engine::CommandOutput;

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
