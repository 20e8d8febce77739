//! Where things are in manifest text: the line of a field path (`spec.replicas`) and the first
//! line of each `---` document, so the editor can show an API error at its line. (Parsing is
//! kubectl's: `ordinal_kubectl::yaml`.)

#[cfg(test)]
thread_local! {
    /// Lines examined while placing errors: tests check the cost by this count, not by time.
    pub static LINES_VISITED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `n` examined lines (in tests only).
pub fn visited(n: usize) {
    #[cfg(test)]
    LINES_VISITED.with(|c| c.set(c.get() + n));
    let _ = n;
}

/// The 1-based first line of every document in a YAML stream.
pub fn document_starts(src: &str) -> Vec<usize> {
    let mut starts = vec![1];
    for (i, raw) in src.lines().enumerate() {
        let t = raw.trim_end();
        if t == "---" || t.starts_with("--- ") {
            starts.push(i + 2);
        }
    }
    starts
}

fn strip_comment(s: &str) -> &str {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && (prev == ' ' || i == 0) => return &s[..i],
            _ => {}
        }
        prev = c;
    }
    s
}

/// Splits `key: value` at the first `:` followed by a space or the end, outside quotes.
fn split_key(s: &str) -> Option<(&str, &str)> {
    let (mut single, mut double) = (false, false);
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b':' if !single && !double && (i + 1 == bytes.len() || bytes[i + 1] == b' ') => {
                let key = s[..i].trim_end();
                if key.is_empty() || key.starts_with('{') || key.starts_with('[') {
                    return None;
                }
                return Some((key, s[i + 1..].trim()));
            }
            _ => {}
        }
    }
    None
}

/// The 1-based line of `path` (`spec.template.spec.containers[0].image`) in document text
/// starting at `first_line`, found by walking the keys' indentation; the document's first line
/// when not found.
#[cfg(test)]
pub fn line_of_path(src: &str, first_line: usize, path: &str) -> usize {
    line_in(&src.lines().collect::<Vec<_>>(), first_line, path)
}

/// `line_of_path` over the text's lines, starting right at `first_line` (no walk from the top:
/// each error line costs only its own document's length).
pub fn line_in(lines: &[&str], first_line: usize, path: &str) -> usize {
    let keys: Vec<String> = path
        .split('.')
        .map(|k| k.split('[').next().unwrap_or(k).to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let mut best = first_line;
    let mut depth = 0;
    // Indentation of the last matched key: the block under it ends at a line indented no more,
    // except for `- ` items, which may sit at the key's own indentation.
    let mut parent: Option<usize> = None;
    let from = first_line.saturating_sub(1).min(lines.len());
    for (i, raw) in lines[from..].iter().enumerate().map(|(i, l)| (i + from, l)) {
        visited(1);
        let body = strip_comment(raw);
        if body.trim().is_empty() {
            continue;
        }
        if body.trim() == "---" && i + 1 > first_line {
            break;
        }
        let indent = body.len() - body.trim_start().len();
        let trimmed = body.trim_start();
        if let Some(p) = parent {
            if indent < p || (indent == p && !trimmed.starts_with("- ")) {
                break;
            }
        }
        let Some(want) = keys.get(depth) else { break };
        let text = trimmed.trim_start_matches("- ");
        if let Some((k, _)) = split_key(text) {
            if k.trim_matches('"') == want {
                best = i + 1;
                depth += 1;
                parent = Some(indent + (trimmed.len() - text.len()));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEB: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web   # the set
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ \"ReadWriteOnce\" ]
      resources:
        requests:
          storage: 1Gi
";

    #[test]
    fn finds_the_line_of_a_field() {
        assert_eq!(line_of_path(WEB, 1, "spec.replicas"), 6);
        assert_eq!(
            line_of_path(WEB, 1, "spec.template.spec.containers[0].image"),
            14
        );
        assert_eq!(line_of_path(WEB, 1, "metadata.name"), 4);
    }

    #[test]
    fn documents_start_after_their_separator() {
        assert_eq!(document_starts("a: 1\n---\nb: 2\n--- \nc: 3\n"), [1, 3, 5]);
    }
}
