//! Which objects a command names: `pods`, `pods web-0 web-1`, `pods,sts`, `sts/web`, `all`,
//! with `-l` label selectors — kubectl's resource builder rules and errors.

use crate::errors::Failure;
use crate::input::resources::{resolve, Resolved};
use ordinal_sim::api::{Kind, Labels};

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Whole lists of these types (plural names kept for messages about unsimulated types).
    Lists(Vec<TypeRef>),
    /// Specific objects.
    Named(Vec<(TypeRef, String)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    Kind(Kind),
    Unsimulated {
        plural: &'static str,
        kind: &'static str,
    },
}

impl TypeRef {
    pub fn kind(&self) -> Option<Kind> {
        match self {
            TypeRef::Kind(k) => Some(*k),
            TypeRef::Unsimulated { .. } => None,
        }
    }

    /// `statefulsets.apps`-style name for NotFound messages.
    pub fn qualified(&self) -> String {
        match self {
            TypeRef::Kind(k) => k.qualified_plural(),
            TypeRef::Unsimulated { plural, kind } => {
                let group = crate::input::resources::UNSIMULATED
                    .iter()
                    .find(|u| u.2 == *kind)
                    .map(|u| u.3.split_once('/').map_or("", |(g, _)| g))
                    .unwrap_or("");
                if group.is_empty() {
                    plural.to_string()
                } else {
                    format!("{plural}.{group}")
                }
            }
        }
    }
}

fn type_ref(name: &str) -> Result<Vec<TypeRef>, Failure> {
    if name == "all" {
        return Ok(vec![
            TypeRef::Kind(Kind::Pod),
            TypeRef::Kind(Kind::Service),
            TypeRef::Kind(Kind::StatefulSet),
        ]);
    }
    match resolve(name) {
        Some(Resolved::Kind(k)) => Ok(vec![TypeRef::Kind(k)]),
        Some(Resolved::Unsimulated(plural, kind)) => {
            Ok(vec![TypeRef::Unsimulated { plural, kind }])
        }
        None => Err(Failure::client(format!(
            "the server doesn't have a resource type \"{name}\""
        ))),
    }
}

/// Parses resource arguments the way the resource builder does.
pub fn parse_targets(args: &[String]) -> Result<Target, Failure> {
    if args.is_empty() {
        return Err(Failure::client("Required resource not specified."));
    }
    let slashed = args.iter().filter(|a| a.contains('/')).count();
    if slashed > 0 {
        if slashed != args.len() {
            return Err(Failure::client(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
            ));
        }
        let mut named = Vec::new();
        for a in args {
            let (t, n) = a.split_once('/').unwrap_or((a, ""));
            if n.is_empty() {
                return Err(Failure::client(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            for tr in type_ref(t)? {
                named.push((tr, n.to_string()));
            }
        }
        return Ok(Target::Named(named));
    }
    let mut types = Vec::new();
    for t in args[0].split(',') {
        if t.is_empty() {
            continue;
        }
        for tr in type_ref(t)? {
            if !types.contains(&tr) {
                types.push(tr);
            }
        }
    }
    if args.len() == 1 {
        return Ok(Target::Lists(types));
    }
    let mut named = Vec::new();
    for t in &types {
        for n in &args[1..] {
            named.push((t.clone(), n.clone()));
        }
    }
    Ok(Target::Named(named))
}

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

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn targets() {
        assert_eq!(
            parse_targets(&args("pods")).unwrap(),
            Target::Lists(vec![TypeRef::Kind(Kind::Pod)])
        );
        assert_eq!(
            parse_targets(&args("sts web")).unwrap(),
            Target::Named(vec![(TypeRef::Kind(Kind::StatefulSet), "web".into())])
        );
        assert_eq!(
            parse_targets(&args("pod/web-0 sts/web")).unwrap(),
            Target::Named(vec![
                (TypeRef::Kind(Kind::Pod), "web-0".into()),
                (TypeRef::Kind(Kind::StatefulSet), "web".into())
            ])
        );
        assert_eq!(
            parse_targets(&args("foos")).unwrap_err().render(),
            "error: the server doesn't have a resource type \"foos\"\n"
        );
        assert!(parse_targets(&args("pods pod/web-0")).is_err());
    }

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
