//! JSON text the way kubectl's `-o json` printer writes it (Go `json.MarshalIndent` with four
//! spaces): keys sorted, `<`, `>` and `&` escaped as `\u003c`…, empty objects as `{}`.

use serde_json::Value;

pub fn to_json_pretty(v: &Value) -> String {
    let mut out = String::new();
    write(v, 0, &mut out);
    out.push('\n');
    out
}

/// Compact form (as stored in `last-applied-configuration`).
pub fn to_json_compact(v: &Value) -> String {
    let mut out = String::new();
    write_compact(v, &mut out);
    out
}

fn write(v: &Value, depth: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push_str("{\n");
            let mut keys: Vec<&String> = m.keys().collect();
            ordinal_sim::sort::sort(&mut keys);
            for (i, k) in keys.iter().enumerate() {
                out.push_str(&"    ".repeat(depth + 1));
                string(k, out);
                out.push_str(": ");
                write(&m[*k], depth + 1, out);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"    ".repeat(depth));
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, item) in a.iter().enumerate() {
                out.push_str(&"    ".repeat(depth + 1));
                write(item, depth + 1, out);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"    ".repeat(depth));
            out.push(']');
        }
        other => write_compact(other, out),
    }
}

use ordinal_sim::gofmt::json::{write_json as write_compact, write_str as string};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_go_marshal_indent() {
        let v = json!({"b": [1, 2], "a": {"x": "<none>"}, "c": {}, "d": []});
        assert_eq!(
            to_json_pretty(&v),
            "{\n    \"a\": {\n        \"x\": \"\\u003cnone\\u003e\"\n    },\n    \"b\": [\n        1,\n        2\n    ],\n    \"c\": {},\n    \"d\": []\n}\n"
        );
        assert_eq!(
            to_json_compact(&json!({"b":1,"a":[true,null]})),
            "{\"a\":[true,null],\"b\":1}"
        );
    }
}
