//! kubectl's JSONPath templates (`-o jsonpath='{.items[*].metadata.name}'`): fields, indexes,
//! slices, `[*]`, filters `[?(@.type=="Ready")]`, `{range …}{end}`, string literals and `..`.

use crate::shell::MAX_OUTPUT;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Expr(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Root,
    Current,
    Field(String),
    Recursive(String),
    Index(i64),
    Slice(Option<i64>, Option<i64>),
    All,
    Filter(Vec<Step>, String, FilterValue),
    Exists(Vec<Step>),
    /// A quoted literal, kept as a value so evaluation can select it by reference.
    Literal(Value),
}

#[derive(Clone, Debug, PartialEq)]
enum FilterValue {
    Str(String),
    Num(f64),
    Path(Vec<Step>),
}

const MAX_TEMPLATE: usize = 4096;

/// Most values one template may select in all (`{[*]$[*]$…}` multiplies them at every `$`).
pub(crate) const MAX_VALUES: usize = 100_000;

/// What a template has cost so far; selection is by reference, so values are what it counts.
#[derive(Default)]
struct Work {
    values: usize,
}

impl Work {
    fn charge(&mut self, n: usize) -> Result<(), String> {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            return Err(format!("template selects more than {MAX_VALUES} values"));
        }
        Ok(())
    }
}

fn output_too_large() -> String {
    format!("template output is larger than {MAX_OUTPUT} bytes")
}

/// Evaluates a JSONPath template against `data`.
pub fn render(template: &str, data: &Value) -> Result<String, String> {
    if template.len() > MAX_TEMPLATE {
        return Err("template too long".into());
    }
    let nodes = parse_nodes(template)?;
    let mut out = String::new();
    let mut budget = 100_000usize;
    let mut work = Work::default();
    exec(&nodes, data, data, &mut out, &mut budget, &mut work)?;
    Ok(out)
}

/// JSONPath.FindResults with missing keys allowed: every value the template's expressions
/// select, in order (its literal text as strings).
pub fn find_results(template: &str, data: &Value) -> Result<Vec<Value>, String> {
    if template.len() > MAX_TEMPLATE {
        return Err("template too long".into());
    }
    let mut out = Vec::new();
    let mut work = Work::default();
    let mut bytes = 0usize;
    for n in parse_nodes(template)? {
        match n {
            Node::Text(t) => out.push(Value::String(t)),
            Node::Expr(steps) => {
                for v in eval(&steps, data, data, &mut work)? {
                    // Each result is copied out; bound the copies by the size they print.
                    bytes = bytes.saturating_add(value_text(v).len());
                    if bytes > MAX_OUTPUT {
                        return Err(output_too_large());
                    }
                    out.push(v.clone());
                }
            }
            Node::Range(..) => return Err("range is not supported in a column".into()),
        }
    }
    Ok(out)
}

fn parse_nodes(t: &str) -> Result<Vec<Node>, String> {
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    let (nodes, end) = parse_seq(&chars, &mut i, false)?;
    if end {
        return Err("not in range, nothing to end".into());
    }
    Ok(nodes)
}

/// Parses until `{end}` (returns true) or end of input.
fn parse_seq(c: &[char], i: &mut usize, in_range: bool) -> Result<(Vec<Node>, bool), String> {
    let mut nodes = Vec::new();
    let mut text = String::new();
    while *i < c.len() {
        if c[*i] != '{' {
            text.push(c[*i]);
            *i += 1;
            continue;
        }
        if !text.is_empty() {
            nodes.push(Node::Text(std::mem::take(&mut text)));
        }
        // Find the matching '}' (quotes may contain braces).
        let start = *i + 1;
        let mut j = start;
        let mut quote: Option<char> = None;
        while j < c.len() {
            match (quote, c[j]) {
                (Some(q), ch) if ch == q => quote = None,
                (Some(_), '\\') => j += 1,
                (None, '"') | (None, '\'') => quote = Some(c[j]),
                (None, '}') => break,
                _ => {}
            }
            j += 1;
        }
        if j >= c.len() {
            let s: String = c[*i..].iter().collect();
            return Err(format!("unclosed action: {s}"));
        }
        let inner: String = c[start..j].iter().collect();
        *i = j + 1;
        let inner = inner.trim();
        if inner == "end" {
            if !in_range {
                return Err("not in range, nothing to end".into());
            }
            return Ok((nodes, true));
        }
        if let Some(rest) = inner.strip_prefix("range") {
            let path = parse_path(rest.trim())?;
            let (body, ended) = parse_seq(c, i, true)?;
            if !ended {
                return Err("unclosed range".into());
            }
            nodes.push(Node::Range(path, body));
            continue;
        }
        nodes.push(Node::Expr(parse_path(inner)?));
    }
    if !text.is_empty() {
        nodes.push(Node::Text(text));
    }
    Ok((nodes, false))
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_path(s: &str) -> Result<Vec<Step>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    if c.is_empty() {
        return Ok(vec![Step::Current]);
    }
    if c[0] == '"' || c[0] == '\'' {
        let q = c[0];
        let end = c[1..]
            .iter()
            .position(|&x| x == q)
            .ok_or("unterminated string")?
            + 1;
        let lit: String = c[1..end].iter().collect();
        return Ok(vec![Step::Literal(Value::String(unescape(&lit)))]);
    }
    while i < c.len() {
        match c[i] {
            '$' => {
                steps.push(Step::Root);
                i += 1;
            }
            '@' => {
                steps.push(Step::Current);
                i += 1;
            }
            '.' => {
                if i + 1 < c.len() && c[i + 1] == '.' {
                    i += 2;
                    let name = read_ident(&c, &mut i);
                    steps.push(Step::Recursive(name));
                    continue;
                }
                i += 1;
                let name = read_ident(&c, &mut i);
                if !name.is_empty() {
                    steps.push(Step::Field(name));
                }
            }
            '[' => {
                let end = find_bracket_end(&c, i)?;
                let inner: String = c[i + 1..end].iter().collect();
                steps.push(parse_bracket(inner.trim())?);
                i = end + 1;
            }
            ' ' => i += 1,
            _ => {
                let name = read_ident(&c, &mut i);
                if name.is_empty() {
                    return Err(format!(
                        "unrecognized character in action: U+{:04X} '{}'",
                        c[i] as u32, c[i]
                    ));
                }
                steps.push(Step::Field(name));
            }
        }
    }
    Ok(steps)
}

/// A field name up to the next terminator; a backslash makes the character after it part of
/// the name and is dropped, as client-go's jsonpath `advance` and `parseField` do — so
/// `{.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}` names one key.
fn read_ident(c: &[char], i: &mut usize) -> String {
    let mut s = String::new();
    while *i < c.len() && !matches!(c[*i], '.' | '[' | ' ') {
        if c[*i] == '\\' && *i + 1 < c.len() {
            *i += 1;
        }
        s.push(c[*i]);
        *i += 1;
    }
    s
}

fn find_bracket_end(c: &[char], start: usize) -> Result<usize, String> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (j, &ch) in c.iter().enumerate().skip(start) {
        match (quote, ch) {
            (Some(q), x) if x == q => quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => quote = Some(ch),
            (None, '[') | (None, '(') => depth += 1,
            (None, ']') | (None, ')') => {
                depth -= 1;
                if depth == 0 && ch == ']' {
                    return Ok(j);
                }
            }
            _ => {}
        }
    }
    Err("unterminated array".into())
}

fn parse_bracket(inner: &str) -> Result<Step, String> {
    if inner == "*" {
        return Ok(Step::All);
    }
    if let Some(f) = inner.strip_prefix("?(").and_then(|x| x.strip_suffix(')')) {
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if let Some((l, r)) = f.split_once(op) {
                let left = parse_path(l.trim())?;
                let r = r.trim();
                let value = if (r.starts_with('"') && r.ends_with('"') && r.len() >= 2)
                    || (r.starts_with('\'') && r.ends_with('\'') && r.len() >= 2)
                {
                    FilterValue::Str(r[1..r.len() - 1].to_string())
                } else if let Ok(n) = r.parse::<f64>() {
                    FilterValue::Num(n)
                } else {
                    FilterValue::Path(parse_path(r)?)
                };
                return Ok(Step::Filter(left, op.to_string(), value));
            }
        }
        return Ok(Step::Exists(parse_path(f.trim())?));
    }
    if (inner.starts_with('\'') && inner.ends_with('\'')
        || inner.starts_with('"') && inner.ends_with('"'))
        && inner.len() >= 2
    {
        return Ok(Step::Field(inner[1..inner.len() - 1].to_string()));
    }
    if let Some((a, b)) = inner.split_once(':') {
        let p = |s: &str| -> Result<Option<i64>, String> {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse()
                    .map(Some)
                    .map_err(|_| format!("invalid array index {s}"))
            }
        };
        let b = b.split(':').next().unwrap_or("");
        return Ok(Step::Slice(p(a)?, p(b)?));
    }
    inner
        .parse::<i64>()
        .map(Step::Index)
        .map_err(|_| format!("invalid array index {inner}"))
}

fn eval<'a>(
    steps: &'a [Step],
    root: &'a Value,
    cur: &'a Value,
    work: &mut Work,
) -> Result<Vec<&'a Value>, String> {
    let mut vals: Vec<&'a Value> = vec![cur];
    for s in steps {
        let mut next = Vec::new();
        for &v in &vals {
            match s {
                Step::Root => next.push(root),
                Step::Current => next.push(v),
                Step::Literal(l) => next.push(l),
                Step::Field(f) => {
                    if let Some(x) = v.get(f) {
                        next.push(x);
                    }
                }
                Step::Recursive(f) => collect_recursive(v, f, &mut next),
                Step::Index(n) => {
                    if let Value::Array(a) = v {
                        let idx = if *n < 0 { a.len() as i64 + n } else { *n };
                        if idx >= 0 {
                            if let Some(x) = a.get(idx as usize) {
                                next.push(x);
                            }
                        }
                    }
                }
                Step::Slice(a, b) => {
                    if let Value::Array(arr) = v {
                        let len = arr.len() as i64;
                        let norm = |x: i64| if x < 0 { (len + x).max(0) } else { x.min(len) };
                        let s = norm(a.unwrap_or(0));
                        let e = norm(b.unwrap_or(len));
                        if s < e {
                            next.extend(arr[s as usize..e as usize].iter());
                        }
                    }
                }
                Step::All => match v {
                    Value::Array(a) => next.extend(a.iter()),
                    Value::Object(m) => next.extend(m.values()),
                    _ => {}
                },
                Step::Exists(p) => {
                    if let Value::Array(a) = v {
                        for item in a {
                            if !eval(p, root, item, work)?.is_empty() {
                                next.push(item);
                            }
                        }
                    }
                }
                Step::Filter(left, op, right) => {
                    if let Value::Array(a) = v {
                        for item in a {
                            let l = eval(left, root, item, work)?;
                            let Some(lv) = l.first() else { continue };
                            let keep = match right {
                                FilterValue::Str(s) => compare_str(lv, s, op),
                                FilterValue::Num(n) => {
                                    lv.as_f64().is_some_and(|x| compare_num(x, *n, op))
                                }
                                FilterValue::Path(p) => eval(p, root, item, work)?
                                    .first()
                                    .is_some_and(|r| match (lv.as_f64(), r.as_f64()) {
                                        (Some(x), Some(y)) => compare_num(x, y, op),
                                        _ => compare_str(lv, &value_text(r), op),
                                    }),
                            };
                            if keep {
                                next.push(item);
                            }
                        }
                    }
                }
            }
        }
        work.charge(next.len())?;
        vals = next;
    }
    Ok(vals)
}

fn compare_str(l: &Value, r: &str, op: &str) -> bool {
    let lt = value_text(l);
    match op {
        "==" => lt == r,
        "!=" => lt != r,
        "<" => lt.as_str() < r,
        ">" => lt.as_str() > r,
        "<=" => lt.as_str() <= r,
        ">=" => lt.as_str() >= r,
        _ => false,
    }
}

fn compare_num(l: f64, r: f64, op: &str) -> bool {
    match op {
        "==" => l == r,
        "!=" => l != r,
        "<" => l < r,
        ">" => l > r,
        "<=" => l <= r,
        ">=" => l >= r,
        _ => false,
    }
}

fn collect_recursive<'a>(v: &'a Value, f: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get(f) {
                out.push(x);
            }
            for x in m.values() {
                collect_recursive(x, f, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                collect_recursive(x, f, out);
            }
        }
        _ => {}
    }
}

/// How a value prints: strings raw, others as compact JSON.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => crate::input::yaml::to_json_compact(other),
    }
}

fn exec(
    nodes: &[Node],
    root: &Value,
    cur: &Value,
    out: &mut String,
    budget: &mut usize,
    work: &mut Work,
) -> Result<(), String> {
    for n in nodes {
        if *budget == 0 {
            return Err("template output too large".into());
        }
        *budget -= 1;
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Expr(steps) => {
                for (i, v) in eval(steps, root, cur, work)?.into_iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(&value_text(v));
                    if out.len() > MAX_OUTPUT {
                        return Err(output_too_large());
                    }
                }
            }
            Node::Range(steps, body) => {
                for v in eval(steps, root, cur, work)? {
                    exec(body, root, v, out, budget, work)?;
                }
            }
        }
        if out.len() > MAX_OUTPUT {
            return Err(output_too_large());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list() -> Value {
        json!({"kind": "List", "items": [
            {"metadata": {"name": "web-0", "labels": {"app": "nginx"}},
             "status": {"podIP": "10.0.0.1", "conditions": [{"type": "Ready", "status": "True"}]}},
            {"metadata": {"name": "web-1"},
             "status": {"podIP": "10.0.0.2", "conditions": [{"type": "Ready", "status": "False"}]}}
        ]})
    }

    #[test]
    fn kubectl_examples() {
        let d = list();
        assert_eq!(
            render("{.items[*].metadata.name}", &d).unwrap(),
            "web-0 web-1"
        );
        assert_eq!(
            render(
                "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.podIP}{\"\\n\"}{end}",
                &d
            )
            .unwrap(),
            "web-0\t10.0.0.1\nweb-1\t10.0.0.2\n"
        );
        assert_eq!(
            render(
                "{.items[?(@.status.conditions[0].status==\"True\")].metadata.name}",
                &d
            )
            .unwrap(),
            "web-0"
        );
        assert_eq!(
            render("{.items[0].metadata.labels}", &d).unwrap(),
            "{\"app\":\"nginx\"}"
        );
        assert_eq!(render("{.items[-1].metadata.name}", &d).unwrap(), "web-1");
        assert_eq!(render("{..podIP}", &d).unwrap(), "10.0.0.1 10.0.0.2");
        assert_eq!(
            render("names: {.items[0:1].metadata.name}", &d).unwrap(),
            "names: web-0"
        );
        assert_eq!(render("{.items[0].metadata['name']}", &d).unwrap(), "web-0");
        assert_eq!(render("{.missing}", &d).unwrap(), "");
        assert!(render("{.items[", &d).is_err());
        assert!(render("{end}", &d).is_err());
        assert!(render("{range .items[*]}x", &d).is_err());
    }

    #[test]
    fn escaped_dots_name_one_key() {
        let d = json!({"metadata": {"annotations": {
            "kubectl.kubernetes.io/restartedAt": "2026-12-04T19:00:00Z"}}});
        assert_eq!(
            render(
                r"{.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}",
                &d
            )
            .unwrap(),
            "2026-12-04T19:00:00Z"
        );
        // Unescaped, the dots split the name into three fields that do not exist.
        assert_eq!(
            render(
                "{.metadata.annotations.kubectl.kubernetes.io/restartedAt}",
                &d
            )
            .unwrap(),
            ""
        );
    }

    /// Five fields at the root, so every `[*]$` multiplies the values by five.
    fn five() -> Value {
        json!({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    }

    #[test]
    fn dollar_fan_out_is_bounded_by_values_selected() {
        let fan = |k: usize| format!("{{{}[*]}}", "[*]$".repeat(k));
        // Every step's values count: 5^6 = 15,625 at the end (23,435 in all) fit the budget...
        let ok = render(&fan(5), &five()).unwrap();
        assert_eq!(ok.split(' ').count(), 5usize.pow(6));
        // ...5^7 (175,780 in all) do not: the count stops it before any output is built.
        assert_eq!(
            render(&fan(6), &five()).unwrap_err(),
            "template selects more than 100000 values"
        );
        assert_eq!(
            render(&fan(8), &five()).unwrap_err(),
            "template selects more than 100000 values"
        );
        assert_eq!(
            find_results(&fan(8), &five()).unwrap_err(),
            "template selects more than 100000 values"
        );
    }

    #[test]
    fn output_is_bounded_in_bytes() {
        // 512 values of 10 KiB each: few values, 5 MiB of text.
        let big = json!({"s": "x".repeat(10 << 10), "items": vec![0; 512]});
        assert_eq!(
            render("{range .items[*]}{$.s}{end}", &big).unwrap_err(),
            "template output is larger than 4194304 bytes"
        );
        assert_eq!(
            find_results("{.items[*]}{$.s}{$.s}", &big).map(|v| v.len()),
            Ok(514)
        );
        let many = json!({"s": "x".repeat(10 << 10), "items": vec![json!({"s": "x".repeat(10 << 10)}); 512]});
        assert_eq!(
            find_results("{.items[*].s}", &many).unwrap_err(),
            "template output is larger than 4194304 bytes"
        );
    }

    #[test]
    fn fuzz_never_panics() {
        let atoms = [
            "{", "}", ".", "items", "[", "]", "*", "?(", ")", "@", "==", "\"", "range", "end", "'",
            "-1", ":", "..", "$", " ",
        ];
        let mut g = crate::input::yaml::tests::Gen::new(11);
        let d = list();
        for _ in 0..3000 {
            let n = g.below(12);
            let s: String = (0..n).map(|_| g.pick(&atoms)).collect();
            let _ = render(&s, &d);
        }
    }
}
