//! Plain-scalar resolution the way kubectl's YAML library does it (go-yaml v2, YAML 1.1 rules):
//! `yes`/`on`/`y` are booleans, `0755` is octal, `~` is null, and so on.

use serde_json::{Number, Value};

/// The JSON value a plain (unquoted) scalar stands for.
pub fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        // JSON has no NaN/Inf; sigs.k8s.io/yaml turns them into strings when converting.
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF"
        | "-.inf" | "-.Inf" | "-.INF" => return Value::String(s.to_string()),
        _ => {}
    }
    let first = s.as_bytes()[0];
    match first {
        b'.' => {
            if let Some(f) = parse_float(s) {
                return float_value(f, s);
            }
        }
        b'0'..=b'9' | b'+' | b'-' => {
            if looks_like_timestamp(s) {
                return Value::String(s.to_string());
            }
            let plain: String = s.chars().filter(|c| *c != '_').collect();
            if let Some(i) = parse_go_int(&plain) {
                return Value::Number(Number::from(i));
            }
            if let Some(u) = parse_go_uint(&plain) {
                return Value::Number(Number::from(u));
            }
            if is_yaml_float(&plain) {
                if let Some(f) = parse_float(&plain) {
                    return float_value(f, s);
                }
            }
        }
        _ => {}
    }
    Value::String(s.to_string())
}

/// Whether a string would resolve to something other than a string if written unquoted
/// (the emitter then double-quotes it, like go-yaml's `stringv`).
pub fn needs_quotes_to_stay_string(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    !matches!(resolve_plain(s), Value::String(ref v) if v == s && !is_special_float_word(s))
        || is_base60_float(s)
}

fn is_special_float_word(s: &str) -> bool {
    matches!(
        s,
        ".nan"
            | ".NaN"
            | ".NAN"
            | ".inf"
            | ".Inf"
            | ".INF"
            | "+.inf"
            | "+.Inf"
            | "+.INF"
            | "-.inf"
            | "-.Inf"
            | "-.INF"
    ) || (looks_like_timestamp(s))
}

fn float_value(f: f64, original: &str) -> Value {
    match Number::from_f64(f) {
        Some(n) => Value::Number(n),
        None => Value::String(original.to_string()),
    }
}

fn parse_float(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, `0x`/`0o`/`0b` prefixes, leading `0` = octal.
fn parse_go_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mag = parse_magnitude(body)?;
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some((-(mag as i128)) as i64)
        } else {
            None
        }
    } else if mag <= i64::MAX as u64 {
        Some(mag as i64)
    } else {
        None
    }
}

fn parse_go_uint(s: &str) -> Option<u64> {
    if s.starts_with('-') || s.starts_with('+') {
        return None;
    }
    parse_magnitude(s)
}

fn parse_magnitude(body: &str) -> Option<u64> {
    if body.is_empty() {
        return None;
    }
    let (radix, digits) = if let Some(r) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, r)
    } else if let Some(r) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, r)
    } else if let Some(r) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, r)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// go-yaml keeps timestamp-looking values as strings when decoding into interface{}.
/// Accepted forms (go-yaml `parseTimestamp`): `2006-01-02`, and that followed by `T`/`t`/` `
/// and `15:04:05`, optional fraction, optional `Z` or `±07:00`.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let date = b.len() >= 10
        && b[0..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if !date {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 {
        return false;
    }
    let t = &b[11..19];
    let time_ok = t[0..2].iter().all(u8::is_ascii_digit)
        && t[2] == b':'
        && t[3..5].iter().all(u8::is_ascii_digit)
        && t[5] == b':'
        && t[6..8].iter().all(u8::is_ascii_digit);
    if !time_ok {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(r) = rest.strip_prefix('.') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    match rest.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// `190:20:30` — quoted on output for compatibility (go-yaml `isBase60Float`).
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !(b[0].is_ascii_digit() || b[0] == b'+' || b[0] == b'-' || b[0] == b'.') {
        return false;
    }
    if !s.contains(':') {
        return false;
    }
    let body = s.trim_start_matches(['+', '-']);
    let mut parts = body.split(':');
    let Some(first) = parts.next() else {
        return false;
    };
    if first.is_empty() || !first.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return false;
    }
    for (i, p) in rest.iter().enumerate() {
        let (int, frac) = match p.split_once('.') {
            Some((a, f)) if i + 1 == rest.len() => (a, Some(f)),
            Some(_) => return false,
            None => (*p, None),
        };
        let ib = int.as_bytes();
        let ok = match ib.len() {
            1 => ib[0].is_ascii_digit(),
            2 => (b'0'..=b'5').contains(&ib[0]) && ib[1].is_ascii_digit(),
            _ => false,
        };
        if !ok || frac.is_some_and(|f| !f.chars().all(|c| c.is_ascii_digit() || c == '_')) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_1_1_resolution() {
        assert_eq!(resolve_plain("yes"), json!(true));
        assert_eq!(resolve_plain("Off"), json!(false));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("80"), json!(80));
        assert_eq!(resolve_plain("0755"), json!(493));
        assert_eq!(resolve_plain("0x1F"), json!(31));
        assert_eq!(resolve_plain("1_000"), json!(1000));
        assert_eq!(resolve_plain("-3"), json!(-3));
        assert_eq!(resolve_plain("1.5"), json!(1.5));
        assert_eq!(resolve_plain("1Gi"), json!("1Gi"));
        assert_eq!(resolve_plain("0.24"), json!(0.24));
        assert_eq!(resolve_plain("2026-01-01"), json!("2026-01-01"));
        assert_eq!(resolve_plain("nginx"), json!("nginx"));
        // Not octal, so Go parses it as a float.
        assert_eq!(resolve_plain("09"), json!(9.0));
    }

    #[test]
    fn strings_that_need_quotes() {
        for s in ["", "true", "80", "yes", "null", "1.5", "0755", "190:20:30"] {
            assert!(needs_quotes_to_stay_string(s), "{s}");
        }
        for s in ["nginx", "web-0", "1Gi", "ReadWriteOnce", "app=nginx"] {
            assert!(!needs_quotes_to_stay_string(s), "{s}");
        }
    }
}
