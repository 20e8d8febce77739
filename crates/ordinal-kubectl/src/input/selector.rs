//! Label selectors as `-l` takes them (`app=nginx,tier!=db,env in (a,b),!legacy`), after
//! apimachinery's `labels.Parse`.

use crate::errors::Failure;
use ordinal_sim::api::Labels;

/// A parsed label selector (`app=nginx,tier!=db,env in (a,b),!legacy`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selector {
    reqs: Vec<Req>,
}

#[derive(Clone, Debug, PartialEq)]
enum Req {
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

impl Selector {
    pub fn matches(&self, labels: &Labels) -> bool {
        self.reqs.iter().all(|r| match r {
            Req::Eq(k, v) => labels.get(k) == Some(v),
            Req::Ne(k, v) => labels.get(k) != Some(v),
            Req::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Req::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Req::Exists(k) => labels.contains_key(k),
            Req::NotExists(k) => !labels.contains_key(k),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 317
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// Parses `-l` (several `-l` flags are joined with commas by the caller).
pub fn parse_selector(s: &str) -> Result<Selector, Failure> {
    let mut reqs = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in chars {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    let bad = |p: &str| {
        Failure::client(format!(
            "unable to parse requirement: found '{}', expected: identifier",
            p.trim()
        ))
    };
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            if s.trim().is_empty() {
                continue;
            }
            return Err(bad(","));
        }
        let set_op = |op: &str| -> Option<(String, Vec<String>)> {
            let (k, rest) = p.split_once(op)?;
            let rest = rest.trim();
            let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
            Some((
                k.trim().to_string(),
                inner.split(',').map(|v| v.trim().to_string()).collect(),
            ))
        };
        let req = if let Some((k, vs)) = set_op(" notin ") {
            Req::NotIn(k, vs)
        } else if let Some((k, vs)) = set_op(" in ") {
            Req::In(k, vs)
        } else if let Some((k, v)) = p.split_once("!=") {
            Req::Ne(k.trim().into(), v.trim().into())
        } else if let Some((k, v)) = p.split_once("==") {
            Req::Eq(k.trim().into(), v.trim().into())
        } else if let Some((k, v)) = p.split_once('=') {
            Req::Eq(k.trim().into(), v.trim().into())
        } else if let Some(k) = p.strip_prefix('!') {
            Req::NotExists(k.trim().into())
        } else {
            Req::Exists(p.to_string())
        };
        let key = match &req {
            Req::Eq(k, _)
            | Req::Ne(k, _)
            | Req::In(k, _)
            | Req::NotIn(k, _)
            | Req::Exists(k)
            | Req::NotExists(k) => k,
        };
        if !valid_key(key) {
            return Err(bad(p));
        }
        reqs.push(req);
    }
    Ok(Selector { reqs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        let mut l = Labels::new();
        l.insert("app".into(), "nginx".into());
        l.insert("tier".into(), "web".into());
        for (s, want) in [
            ("app=nginx", true),
            ("app==nginx,tier=web", true),
            ("app!=nginx", false),
            ("tier in (web, db)", true),
            ("tier notin (web)", false),
            ("app", true),
            ("!app", false),
            ("missing", false),
        ] {
            assert_eq!(parse_selector(s).unwrap().matches(&l), want, "{s}");
        }
        assert!(parse_selector("a b=c").is_err());
    }
}
