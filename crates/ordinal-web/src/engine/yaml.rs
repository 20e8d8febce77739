//! A small YAML reader for manifests: block mappings and sequences, plain and quoted scalars,
//! `[]`/`{}` flow collections of scalars, comments and `---` separated documents. Errors carry
//! the 1-based line they were found on, so the editor can point at it.

use serde_json::{Map, Number, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "yaml: line {}: {}", self.line, self.message)
    }
}

/// Most lines one manifest may have (bounded work for anything pasted into the editor).
pub const MAX_LINES: usize = 5_000;

#[derive(Debug)]
struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

/// One document of the stream, with the line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub first_line: usize,
    pub value: Value,
}

/// Parses every document in `src` (empty documents are skipped).
pub fn parse_documents(src: &str) -> Result<Vec<Document>, YamlError> {
    let mut docs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut first = 1;
    for (i, raw) in src.lines().enumerate() {
        let no = i + 1;
        if no > MAX_LINES {
            return Err(YamlError {
                line: no,
                message: format!("manifest is longer than {MAX_LINES} lines"),
            });
        }
        if raw.contains('\t') && raw.trim_start().starts_with('\t') {
            return Err(YamlError {
                line: no,
                message: "found character that cannot start any token (a tab used for indentation)"
                    .into(),
            });
        }
        let body = strip_comment(raw).trim_end();
        if body == "---" || body.starts_with("--- ") {
            if !lines.is_empty() {
                docs.push(Document {
                    first_line: first,
                    value: parse_lines(&lines)?,
                });
            }
            lines.clear();
            first = no + 1;
            continue;
        }
        if body.trim().is_empty() {
            continue;
        }
        let indent = body.len() - body.trim_start().len();
        lines.push(Line {
            no,
            indent,
            text: body.trim_start(),
        });
    }
    if !lines.is_empty() {
        docs.push(Document {
            first_line: first,
            value: parse_lines(&lines)?,
        });
    }
    Ok(docs)
}

fn parse_lines(lines: &[Line]) -> Result<Value, YamlError> {
    let mut pos = 0;
    let v = parse_block(lines, &mut pos, lines[0].indent)?;
    if let Some(l) = lines.get(pos) {
        return Err(YamlError {
            line: l.no,
            message: "did not find expected key (check the indentation)".into(),
        });
    }
    Ok(v)
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

fn parse_block(lines: &[Line], pos: &mut usize, indent: usize) -> Result<Value, YamlError> {
    let l = &lines[*pos];
    if l.text == "-" || l.text.starts_with("- ") {
        parse_seq(lines, pos, indent)
    } else {
        parse_map(lines, pos, indent)
    }
}

fn parse_seq(lines: &[Line], pos: &mut usize, indent: usize) -> Result<Value, YamlError> {
    let mut items = Vec::new();
    while let Some(l) = lines.get(*pos) {
        if l.indent < indent {
            break;
        }
        if l.indent > indent {
            return Err(bad_indent(l.no));
        }
        if !(l.text == "-" || l.text.starts_with("- ")) {
            break;
        }
        let rest = l.text[1..].trim_start();
        if rest.is_empty() {
            *pos += 1;
            items.push(nested_or_null(lines, pos, indent)?);
            continue;
        }
        // `- key: value` opens a mapping whose keys sit at the column after "- ".
        let inner = l.indent + (l.text.len() - rest.len());
        if split_key(rest).is_some() {
            let virt = Line {
                no: l.no,
                indent: inner,
                text: rest,
            };
            let mut sub: Vec<Line> = vec![virt];
            let mut j = *pos + 1;
            while let Some(n) = lines.get(j) {
                if n.indent <= indent {
                    break;
                }
                sub.push(Line {
                    no: n.no,
                    indent: n.indent,
                    text: n.text,
                });
                j += 1;
            }
            let mut p = 0;
            let v = parse_map(&sub, &mut p, inner)?;
            if let Some(extra) = sub.get(p) {
                return Err(bad_indent(extra.no));
            }
            items.push(v);
            *pos = j;
        } else {
            items.push(scalar(rest, l.no)?);
            *pos += 1;
        }
    }
    Ok(Value::Array(items))
}

fn parse_map(lines: &[Line], pos: &mut usize, indent: usize) -> Result<Value, YamlError> {
    let mut map = Map::new();
    while let Some(l) = lines.get(*pos) {
        if l.indent < indent {
            break;
        }
        if l.indent > indent {
            return Err(bad_indent(l.no));
        }
        if l.text.starts_with("- ") || l.text == "-" {
            return Err(YamlError {
                line: l.no,
                message: "did not find expected key (a list item where a key was expected)".into(),
            });
        }
        let Some((key, rest)) = split_key(l.text) else {
            return Err(YamlError {
                line: l.no,
                message: format!(
                    "could not find expected ':' after {:?}",
                    l.text.chars().take(40).collect::<String>()
                ),
            });
        };
        let key = unquote(key, l.no)?;
        if map.contains_key(&key) {
            return Err(YamlError {
                line: l.no,
                message: format!("mapping key {key:?} already defined"),
            });
        }
        *pos += 1;
        let value = if rest.is_empty() {
            // The value is the nested block; a sequence may sit at the key's own indent.
            match lines.get(*pos) {
                Some(n) if n.indent == indent && (n.text.starts_with("- ") || n.text == "-") => {
                    parse_seq(lines, pos, indent)?
                }
                _ => nested_or_null(lines, pos, indent)?,
            }
        } else if rest == "|" || rest == "|-" || rest == ">" || rest == ">-" {
            block_scalar(lines, pos, indent, rest)
        } else {
            scalar(rest, l.no)?
        };
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

fn bad_indent(line: usize) -> YamlError {
    YamlError {
        line,
        message: "mapping values are not allowed in this context (check the indentation)".into(),
    }
}

fn nested_or_null(lines: &[Line], pos: &mut usize, indent: usize) -> Result<Value, YamlError> {
    match lines.get(*pos) {
        Some(n) if n.indent > indent => parse_block(lines, pos, n.indent),
        _ => Ok(Value::Null),
    }
}

/// `|` and `>` scalars: the following more-indented lines (blank lines are not kept).
fn block_scalar(lines: &[Line], pos: &mut usize, indent: usize, style: &str) -> Value {
    let mut parts = Vec::new();
    while let Some(n) = lines.get(*pos) {
        if n.indent <= indent {
            break;
        }
        parts.push(n.text);
        *pos += 1;
    }
    let sep = if style.starts_with('>') { " " } else { "\n" };
    let mut s = parts.join(sep);
    if !style.ends_with('-') {
        s.push('\n');
    }
    Value::String(s)
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

fn unquote(s: &str, line: usize) -> Result<String, YamlError> {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix('"') {
        let inner = inner.strip_suffix('"').ok_or_else(|| YamlError {
            line,
            message: "found unexpected end of stream (unclosed double quote)".into(),
        })?;
        return serde_json::from_str::<String>(&format!("\"{inner}\"")).map_err(|_| YamlError {
            line,
            message: "found unknown escape character".into(),
        });
    }
    if let Some(inner) = t.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'').ok_or_else(|| YamlError {
            line,
            message: "found unexpected end of stream (unclosed single quote)".into(),
        })?;
        return Ok(inner.replace("''", "'"));
    }
    Ok(t.to_string())
}

fn scalar(s: &str, line: usize) -> Result<Value, YamlError> {
    let t = s.trim();
    if t.starts_with('"') || t.starts_with('\'') {
        return unquote(t, line).map(Value::String);
    }
    if let Some(inner) = t.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or_else(|| YamlError {
            line,
            message: "did not find expected ',' or ']'".into(),
        })?;
        return split_flow(inner)
            .into_iter()
            .map(|p| scalar(p, line))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if let Some(inner) = t.strip_prefix('{') {
        let inner = inner.strip_suffix('}').ok_or_else(|| YamlError {
            line,
            message: "did not find expected ',' or '}'".into(),
        })?;
        let mut m = Map::new();
        for p in split_flow(inner) {
            let (k, v) = split_key(p).ok_or_else(|| YamlError {
                line,
                message: format!("could not find expected ':' in {p:?}"),
            })?;
            m.insert(unquote(k, line)?, scalar(v, line)?);
        }
        return Ok(Value::Object(m));
    }
    Ok(plain(t))
}

fn split_flow(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (i, c) in s.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            (',', None) => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = s[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Plain scalars: YAML 1.2 core schema (null, booleans, integers, floats), else a string.
fn plain(t: &str) -> Value {
    match t {
        "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = t.parse::<i64>() {
        return Value::Number(i.into());
    }
    if t.contains('.') && t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
        if let Some(n) = t.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(t.to_string())
}

/// The 1-based line of `path` (`spec.template.spec.containers[0].image`) in document text
/// starting at `first_line`, found by walking the keys' indentation; the document's first line
/// when not found.
pub fn line_of_path(src: &str, first_line: usize, path: &str) -> usize {
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
    for (i, raw) in src.lines().enumerate().skip(first_line.saturating_sub(1)) {
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
    use serde_json::json;

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
    fn reads_the_tutorial_statefulset() {
        let docs = parse_documents(WEB).unwrap();
        assert_eq!(docs.len(), 1);
        let v = &docs[0].value;
        assert_eq!(v["metadata"]["name"], json!("web"));
        assert_eq!(v["spec"]["replicas"], json!(2));
        let c = &v["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["image"], json!("registry.k8s.io/nginx-slim:0.24"));
        assert_eq!(c["ports"][0], json!({"containerPort": 80, "name": "web"}));
        let t = &v["spec"]["volumeClaimTemplates"][0];
        assert_eq!(t["spec"]["accessModes"], json!(["ReadWriteOnce"]));
        assert_eq!(t["spec"]["resources"]["requests"]["storage"], json!("1Gi"));
    }

    #[test]
    fn documents_and_quotes() {
        let docs = parse_documents("a: '1'\n---\nb: \"x: y\"\nc: null\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].value, json!({"a": "1"}));
        assert_eq!(docs[1].value, json!({"b": "x: y", "c": null}));
        assert_eq!(docs[1].first_line, 3);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_documents("a: 1\nb:\n  c: 2\n    d: 3\n").unwrap_err();
        assert_eq!(e.line, 4);
        let e = parse_documents("a: 1\njust words\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("expected ':'"), "{}", e.message);
        let e = parse_documents("a: 1\na: 2\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("already defined")), (2, true));
    }

    #[test]
    fn finds_the_line_of_a_field() {
        assert_eq!(line_of_path(WEB, 1, "spec.replicas"), 6);
        assert_eq!(
            line_of_path(WEB, 1, "spec.template.spec.containers[0].image"),
            14
        );
        assert_eq!(line_of_path(WEB, 1, "metadata.name"), 4);
    }
}
