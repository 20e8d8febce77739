//! The Go text/template subset kubectl users type: `{{.metadata.name}}`,
//! `{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}`, `{{range .items}}…{{end}}`,
//! `{{if …}}…{{else}}…{{end}}`, `{{index .metadata.labels "app"}}`, `{{len .items}}`,
//! `{{"\n"}}` and `{{printf "%s" …}}`.

use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Node {
    Text(String),
    Action(Expr),
    Range {
        key_var: Option<String>,
        val_var: Option<String>,
        expr: Expr,
        body: Vec<Node>,
        else_body: Vec<Node>,
    },
    If {
        expr: Expr,
        body: Vec<Node>,
        else_body: Vec<Node>,
    },
}

#[derive(Clone, Debug)]
enum Expr {
    Path(Option<String>, Vec<String>),
    Str(String),
    Num(f64),
    Call(String, Vec<Expr>),
}

/// Renders `template` against `data`. Errors read like Go's (`template: output:1: …`).
pub fn render(template: &str, data: &Value) -> Result<String, String> {
    if template.len() > 4096 {
        return Err("template: output: template too long".into());
    }
    let tokens = tokenize(template)?;
    let mut i = 0;
    let (nodes, stop) = parse(&tokens, &mut i)?;
    if let Some(s) = stop {
        return Err(format!("template: output:1: unexpected {{{{{s}}}}}"));
    }
    let mut out = String::new();
    let mut vars = BTreeMap::new();
    vars.insert("$".to_string(), data.clone());
    let mut budget = 100_000usize;
    exec(&nodes, data, &mut vars, &mut out, &mut budget)?;
    if out.len() > crate::shell::MAX_OUTPUT {
        return Err("template: output: too much output".into());
    }
    Ok(out)
}

enum Tok {
    Text(String),
    Action(String),
}

fn tokenize(t: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            out.push(Tok::Text(rest[..start].to_string()));
        }
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| "template: output:1: unclosed action".to_string())?;
        let mut inner = after[..end].to_string();
        // Trim markers `{{- ` and ` -}}`.
        if inner.starts_with('-') {
            inner.remove(0);
            if let Some(Tok::Text(prev)) = out.last_mut() {
                *prev = prev.trim_end().to_string();
            }
        }
        let trim_after = inner.ends_with('-');
        if trim_after {
            inner.pop();
        }
        out.push(Tok::Action(inner.trim().to_string()));
        rest = &after[end + 2..];
        if trim_after {
            rest = rest.trim_start();
        }
    }
    if !rest.is_empty() {
        out.push(Tok::Text(rest.to_string()));
    }
    Ok(out)
}

/// Parses until `{{end}}`/`{{else}}` (returned as the stop word) or the end.
fn parse(toks: &[Tok], i: &mut usize) -> Result<(Vec<Node>, Option<String>), String> {
    let mut nodes = Vec::new();
    while *i < toks.len() {
        let t = &toks[*i];
        *i += 1;
        match t {
            Tok::Text(s) => nodes.push(Node::Text(s.clone())),
            Tok::Action(a) => {
                if a == "end" || a == "else" {
                    return Ok((nodes, Some(a.clone())));
                }
                if a.starts_with("/*") {
                    continue;
                }
                if let Some(rest) = a.strip_prefix("range ") {
                    let (key_var, val_var, expr_src) = split_range_vars(rest.trim())?;
                    let expr = parse_expr(expr_src)?;
                    let (body, stop) = parse(toks, i)?;
                    let else_body = match stop.as_deref() {
                        Some("else") => {
                            let (b, s2) = parse(toks, i)?;
                            if s2.as_deref() != Some("end") {
                                return Err("template: output:1: unexpected EOF".into());
                            }
                            b
                        }
                        Some("end") => Vec::new(),
                        _ => return Err("template: output:1: unexpected EOF".into()),
                    };
                    nodes.push(Node::Range {
                        key_var,
                        val_var,
                        expr,
                        body,
                        else_body,
                    });
                    continue;
                }
                if let Some(rest) = a.strip_prefix("if ") {
                    let expr = parse_expr(rest.trim())?;
                    let (body, stop) = parse(toks, i)?;
                    let else_body = match stop.as_deref() {
                        Some("else") => {
                            let (b, s2) = parse(toks, i)?;
                            if s2.as_deref() != Some("end") {
                                return Err("template: output:1: unexpected EOF".into());
                            }
                            b
                        }
                        Some("end") => Vec::new(),
                        _ => return Err("template: output:1: unexpected EOF".into()),
                    };
                    nodes.push(Node::If {
                        expr,
                        body,
                        else_body,
                    });
                    continue;
                }
                nodes.push(Node::Action(parse_expr(a)?));
            }
        }
    }
    Ok((nodes, None))
}

type RangeVars<'a> = (Option<String>, Option<String>, &'a str);

fn split_range_vars(s: &str) -> Result<RangeVars<'_>, String> {
    if let Some((vars, expr)) = s.split_once(":=") {
        let names: Vec<&str> = vars.split(',').map(str::trim).collect();
        return match names.as_slice() {
            [v] => Ok((None, Some(v.to_string()), expr.trim())),
            [k, v] => Ok((Some(k.to_string()), Some(v.to_string()), expr.trim())),
            _ => Err("template: output:1: too many declarations in range".into()),
        };
    }
    Ok((None, None, s))
}

fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if in_str {
            cur.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                cur.push(c);
            }
            ' ' | '\t' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse_expr(s: &str) -> Result<Expr, String> {
    let parts = split_args(s);
    if parts.is_empty() {
        return Err("template: output:1: missing value for command".into());
    }
    if parts.len() > 1 {
        let args = parts[1..]
            .iter()
            .map(|p| parse_atom(p))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Expr::Call(parts[0].clone(), args));
    }
    parse_atom(&parts[0])
}

fn parse_atom(p: &str) -> Result<Expr, String> {
    if let Some(inner) = p.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        return Ok(Expr::Str(
            inner
                .replace("\\n", "\n")
                .replace("\\t", "\t")
                .replace("\\\"", "\""),
        ));
    }
    if let Ok(n) = p.parse::<f64>() {
        return Ok(Expr::Num(n));
    }
    if p == "." {
        return Ok(Expr::Path(None, Vec::new()));
    }
    if let Some(rest) = p.strip_prefix('$') {
        let mut it = rest.split('.');
        let var = format!("${}", it.next().unwrap_or(""));
        let fields = it.filter(|f| !f.is_empty()).map(str::to_string).collect();
        return Ok(Expr::Path(Some(var), fields));
    }
    if let Some(rest) = p.strip_prefix('.') {
        let fields = rest
            .split('.')
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        return Ok(Expr::Path(None, fields));
    }
    match p {
        "len" | "index" | "printf" | "print" | "println" | "not" | "eq" | "ne" | "and" | "or" => {
            Ok(Expr::Call(p.to_string(), Vec::new()))
        }
        _ => Err(format!("template: output:1: function \"{p}\" not defined")),
    }
}

fn eval(e: &Expr, dot: &Value, vars: &BTreeMap<String, Value>) -> Result<Option<Value>, String> {
    match e {
        Expr::Str(s) => Ok(Some(Value::String(s.clone()))),
        Expr::Num(n) => Ok(serde_json::Number::from_f64(*n).map(Value::Number)),
        Expr::Path(var, fields) => {
            let mut v = match var {
                None => dot.clone(),
                Some(name) => vars
                    .get(name)
                    .cloned()
                    .ok_or_else(|| format!("template: output:1: undefined variable \"{name}\""))?,
            };
            for f in fields {
                match v.get(f) {
                    Some(x) => v = x.clone(),
                    None => return Ok(None),
                }
            }
            Ok(Some(v))
        }
        Expr::Call(name, args) => {
            let vals: Vec<Option<Value>> = args
                .iter()
                .map(|a| eval(a, dot, vars))
                .collect::<Result<_, _>>()?;
            match name.as_str() {
                "len" => {
                    let n = match vals.first().cloned().flatten() {
                        Some(Value::Array(a)) => a.len(),
                        Some(Value::Object(m)) => m.len(),
                        Some(Value::String(s)) => s.len(),
                        _ => return Err("template: output:1: len of nil pointer".into()),
                    };
                    Ok(Some(Value::from(n)))
                }
                "index" => {
                    let mut v = vals.first().cloned().flatten();
                    for k in vals.iter().skip(1) {
                        v = match (v, k) {
                            (Some(Value::Object(m)), Some(Value::String(s))) => m.get(s).cloned(),
                            (Some(Value::Array(a)), Some(Value::Number(n))) => {
                                a.get(n.as_f64().unwrap_or(-1.0) as usize).cloned()
                            }
                            _ => None,
                        };
                    }
                    Ok(v)
                }
                "print" | "printf" | "println" => {
                    let texts: Vec<String> = vals.iter().map(|v| text(v.as_ref())).collect();
                    let s = if name == "printf" && !texts.is_empty() {
                        let mut fmt = texts[0].clone();
                        for t in &texts[1..] {
                            for spec in ["%s", "%v", "%d"] {
                                if let Some(pos) = fmt.find(spec) {
                                    fmt.replace_range(pos..pos + 2, t);
                                    break;
                                }
                            }
                        }
                        fmt
                    } else if name == "println" {
                        format!("{}\n", texts.join(" "))
                    } else {
                        texts.join(" ")
                    };
                    Ok(Some(Value::String(s)))
                }
                "not" => Ok(Some(Value::Bool(!truthy(
                    vals.first().and_then(|v| v.as_ref()),
                )))),
                "eq" | "ne" => {
                    let a = vals.first().cloned().flatten();
                    let b = vals.get(1).cloned().flatten();
                    let same = a == b;
                    Ok(Some(Value::Bool(if name == "eq" { same } else { !same })))
                }
                "and" => Ok(Some(Value::Bool(vals.iter().all(|v| truthy(v.as_ref()))))),
                "or" => Ok(Some(Value::Bool(vals.iter().any(|v| truthy(v.as_ref()))))),
                other => Err(format!(
                    "template: output:1: function \"{other}\" not defined"
                )),
            }
        }
    }
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
    }
}

/// Go's `fmt.Sprint` of a decoded JSON value (maps as `map[k:v]`, missing as `<no value>`).
fn text(v: Option<&Value>) -> String {
    match v {
        None => "<no value>".into(),
        Some(Value::Null) => "<nil>".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else {
                crate::input::yaml::emit::go_float(n.as_f64().unwrap_or(0.0))
            }
        }
        Some(Value::Array(a)) => format!(
            "[{}]",
            a.iter()
                .map(|x| text(Some(x)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Some(Value::Object(m)) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, x)| format!("{k}:{}", text(Some(x))))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn exec(
    nodes: &[Node],
    dot: &Value,
    vars: &mut BTreeMap<String, Value>,
    out: &mut String,
    budget: &mut usize,
) -> Result<(), String> {
    for n in nodes {
        if *budget == 0 {
            return Err("template: output: too much output".into());
        }
        *budget -= 1;
        // A few nodes can print a big value many times: bound the bytes too.
        if out.len() > crate::shell::MAX_OUTPUT {
            return Err("template: output: too much output".into());
        }
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Action(e) => out.push_str(&text(eval(e, dot, vars)?.as_ref())),
            Node::If {
                expr,
                body,
                else_body,
            } => {
                if truthy(eval(expr, dot, vars)?.as_ref()) {
                    exec(body, dot, vars, out, budget)?;
                } else {
                    exec(else_body, dot, vars, out, budget)?;
                }
            }
            Node::Range {
                key_var,
                val_var,
                expr,
                body,
                else_body,
            } => {
                let items: Vec<(Value, Value)> = match eval(expr, dot, vars)? {
                    Some(Value::Array(a)) => a
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (Value::from(i), v))
                        .collect(),
                    Some(Value::Object(m)) => {
                        m.into_iter().map(|(k, v)| (Value::String(k), v)).collect()
                    }
                    None | Some(Value::Null) => Vec::new(),
                    Some(other) => {
                        return Err(format!(
                            "template: output:1: range can't iterate over {}",
                            text(Some(&other))
                        ))
                    }
                };
                if items.is_empty() {
                    exec(else_body, dot, vars, out, budget)?;
                }
                for (k, v) in items {
                    if let Some(kv) = key_var {
                        vars.insert(kv.clone(), k);
                    }
                    if let Some(vv) = val_var {
                        vars.insert(vv.clone(), v.clone());
                    }
                    exec(body, &v, vars, out, budget)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn output_is_bounded_in_bytes() {
        // 512 range items each printing 10 KiB: few nodes, 5 MiB of text.
        let big = json!({"s": "x".repeat(10 << 10), "items": vec![0; 512]});
        assert_eq!(
            render("{{range .items}}{{$.s}}{{end}}", &big).unwrap_err(),
            "template: output: too much output"
        );
        assert_eq!(
            render("{{range .items}}{{.}}{{end}}", &big).unwrap().len(),
            512
        );
    }

    #[test]
    fn tutorial_template() {
        let pod = json!({"spec": {"containers": [{"image": "registry.k8s.io/nginx-slim:0.21"}]},
                         "metadata": {"name": "web-2", "labels": {"app": "nginx"}}});
        assert_eq!(
            render(
                "{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}",
                &pod
            )
            .unwrap(),
            "registry.k8s.io/nginx-slim:0.21"
        );
        assert_eq!(
            render("{{.metadata.name}}{{\"\\n\"}}", &pod).unwrap(),
            "web-2\n"
        );
        assert_eq!(
            render("{{index .metadata.labels \"app\"}}", &pod).unwrap(),
            "nginx"
        );
        assert_eq!(render("{{.nope}}", &pod).unwrap(), "<no value>");
        assert_eq!(
            render("{{if .metadata.labels}}yes{{else}}no{{end}}", &pod).unwrap(),
            "yes"
        );
        assert_eq!(render("{{len .spec.containers}}", &pod).unwrap(), "1");
        let list = json!({"items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]});
        assert_eq!(
            render("{{range .items}}{{.metadata.name}} {{end}}", &list).unwrap(),
            "a b "
        );
        assert!(render("{{range .items}}", &list).is_err());
        assert!(render("{{nosuchfn .x}}", &list).is_err());
    }

    #[test]
    fn fuzz_never_panics() {
        let atoms = [
            "{{", "}}", ".", "range", "end", "if", "else", "$", "$i", ":=", ",", "\"", "items",
            " ", "len", "index", "-",
        ];
        let mut g = crate::input::yaml::tests::Gen::new(5);
        let d = json!({"items": [{"a": 1}], "x": {"y": "z"}});
        for _ in 0..3000 {
            let n = g.below(12);
            let s: String = (0..n).map(|_| g.pick(&atoms)).collect();
            let _ = render(&s, &d);
        }
    }
}
