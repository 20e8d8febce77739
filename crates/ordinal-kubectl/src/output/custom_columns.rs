//! `-o custom-columns=HEADER:PATH,…` and `-o custom-columns-file=FILE` (cli-runtime's
//! CustomColumnsPrinter): one JSONPath per column, missing values as `<none>`, several values
//! joined by `,`, aligned by kubectl's table writer.

use crate::errors::Failure;
use crate::output::{jsonpath, table};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    /// Always `{.…}` (RelaxedJSONPathExpression).
    pub field_spec: String,
}

/// RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`.
pub fn relaxed_json_path(expr: &str) -> Result<String, Failure> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let inner = match expr.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
        Some(i) => i,
        None => expr,
    };
    let inner = inner.strip_prefix('.').unwrap_or(inner);
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err(Failure::client(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
        ));
    }
    Ok(format!("{{.{inner}}}"))
}

/// NewCustomColumnsPrinterFromSpec.
pub fn from_spec(spec: &str) -> Result<Vec<Column>, Failure> {
    if spec.is_empty() {
        return Err(Failure::client(
            "custom-columns format specified but no custom columns given",
        ));
    }
    spec.split(',')
        .map(|part| match part.split_once(':') {
            Some((header, path)) => Ok(Column {
                header: header.to_string(),
                field_spec: relaxed_json_path(path)?,
            }),
            None => Err(Failure::client(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ))),
        })
        .collect()
}

/// NewCustomColumnsPrinterFromTemplate: a line of headers, then a line of paths.
pub fn from_template(text: &str) -> Result<Vec<Column>, Failure> {
    const FORMAT: &str = "Expected format is one line of space separated headers, one line of space separated column specs.";
    let mut lines = text.lines();
    let headers: Vec<&str> = match lines.next() {
        Some(l) => l.split_whitespace().collect(),
        None => {
            return Err(Failure::client(format!(
                "invalid template, missing header line. {FORMAT}"
            )))
        }
    };
    let specs: Vec<&str> = match lines.next() {
        Some(l) => l.split_whitespace().collect(),
        None => {
            return Err(Failure::client(format!(
                "invalid template, missing spec line. {FORMAT}"
            )))
        }
    };
    if headers.len() != specs.len() {
        return Err(Failure::client(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        )));
    }
    headers
        .iter()
        .zip(specs)
        .map(|(h, s)| {
            Ok(Column {
                header: h.to_string(),
                field_spec: relaxed_json_path(s)?,
            })
        })
        .collect()
}

/// Go's `fmt.Sprint` of an unstructured JSON value (`map[a:1 b:x]`, `[x y]`).
fn go_sprint(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => ordinal_sim::gofmt::format_float(f),
            _ => n.to_string(),
        },
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(go_sprint).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(m) => {
            let mut kv: Vec<(&String, &Value)> = m.iter().collect();
            ordinal_sim::sort::sort_by(&mut kv, |a, b| a.0.cmp(b.0));
            let cells: Vec<String> = kv
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_sprint(v)))
                .collect();
            format!("map[{}]", cells.join(" "))
        }
    }
}

/// One row per object (a header first unless `no_headers`).
pub fn print(columns: &[Column], objs: &[Value], no_headers: bool) -> Result<String, Failure> {
    let mut rows = Vec::new();
    if !no_headers {
        rows.push(columns.iter().map(|c| c.header.clone()).collect());
    }
    for obj in objs {
        let mut row = Vec::new();
        for c in columns {
            let vals = jsonpath::find_results(&c.field_spec, obj).map_err(Failure::client)?;
            row.push(if vals.is_empty() {
                "<none>".to_string()
            } else {
                vals.iter().map(go_sprint).collect::<Vec<_>>().join(",")
            });
        }
        rows.push(row);
    }
    Ok(table::render(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn spec_errors_in_upstream_words() {
        assert_eq!(
            from_spec("").unwrap_err().render(),
            "error: custom-columns format specified but no custom columns given\n"
        );
        assert_eq!(
            from_spec("NAME:.metadata.name,NODE").unwrap_err().render(),
            "error: unexpected custom-columns spec: NODE, expected <header>:<json-path-expr>\n"
        );
        assert_eq!(
            from_template("NAME NODE\n.metadata.name\n")
                .unwrap_err()
                .render(),
            "error: number of headers (2) and field specifications (1) don't match\n"
        );
        assert_eq!(
            from_template("NAME\n").unwrap_err().render(),
            "error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n"
        );
    }

    #[test]
    fn relaxed_paths() {
        for p in [
            "metadata.name",
            ".metadata.name",
            "{metadata.name}",
            "{.metadata.name}",
        ] {
            assert_eq!(relaxed_json_path(p).unwrap(), "{.metadata.name}");
        }
    }

    #[test]
    fn rows_with_none_lists_and_maps() {
        let cols = from_spec(
            "NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels,R:.spec.replicas",
        )
        .unwrap();
        let objs = [
            json!({"metadata": {"name": "web-0", "labels": {"b": "2", "a": "x"}},
                   "spec": {"nodeName": "node-1", "replicas": 3,
                            "containers": [{"image": "nginx"}, {"image": "busybox"}]}}),
            json!({"metadata": {"name": "web-1"}, "spec": {}}),
        ];
        assert_eq!(
            print(&cols, &objs, false).unwrap(),
            "NAME    NODE     IMAGES          LABELS         R\n\
             web-0   node-1   nginx,busybox   map[a:x b:2]   3\n\
             web-1   <none>   <none>          <none>         <none>\n"
        );
        assert_eq!(print(&cols[..1], &objs, true).unwrap(), "web-0\nweb-1\n");
    }
}
