//! PtrEq links: the URL fragment holds the scenario, the learner's commands with their instants,
//! the current time, the horizon and the speed — enough to rebuild exactly what was on screen,
//! since the simulation is deterministic.
//!
//! `#s=ordered-creation&t=12000&h=30000&x=2&c=5000,kubectl%20scale%20sts%20web%20--replicas%3D4`
//! (`c`: entries separated by `;`, fields by `,`: instant, command, optional stdin).

use crate::engine::{Actor, Entry};
use ordinal_sim::Millis;

/// Most commands a link may carry.
pub const MAX_ENTRIES: usize = 2_000;
/// Longest fragment read (links longer than this are ignored, not half-applied).
pub const MAX_FRAGMENT: usize = 512 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub scenario: String,
    pub now: Millis,
    pub horizon: Millis,
    pub speed: f64,
    /// The learner's commands only; the scenario's own steps replay by themselves.
    pub commands: Vec<Entry>,
}

pub fn encode(link: &Link) -> String {
    let commands: Vec<String> = link
        .commands
        .iter()
        .filter(|e| e.by == Actor::User)
        .map(|e| {
            let mut s = format!("{},{}", e.at, escape(&e.line));
            if !e.stdin.is_empty() {
                s.push(',');
                s.push_str(&escape(&e.stdin));
            }
            s
        })
        .collect();
    let mut out = format!(
        "s={}&t={}&h={}&x={}",
        escape(&link.scenario),
        link.now,
        link.horizon,
        link.speed
    );
    if !commands.is_empty() {
        out.push_str("&c=");
        out.push_str(&commands.join(";"));
    }
    out
}

/// Reads a fragment (with or without the leading `#`); None if it is not one of our links.
pub fn decode(fragment: &str) -> Option<Link> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    if f.is_empty() || f.len() > MAX_FRAGMENT {
        return None;
    }
    let mut link = Link {
        scenario: String::new(),
        now: 0,
        horizon: 0,
        speed: 1.0,
        commands: Vec::new(),
    };
    for pair in f.split('&') {
        let (k, v) = pair.split_once('=')?;
        match k {
            "s" => link.scenario = unescape(v)?,
            "t" => link.now = v.parse().ok()?,
            "h" => link.horizon = v.parse().ok()?,
            "x" => link.speed = v.parse().ok().filter(|x: &f64| x.is_finite())?,
            "c" => {
                for item in v.split(';').take(MAX_ENTRIES) {
                    let mut fields = item.splitn(3, ',');
                    let at = fields.next()?.parse().ok()?;
                    let line = unescape(fields.next()?)?;
                    let stdin = fields.next().map(unescape).unwrap_or(Some(String::new()))?;
                    link.commands.push(Entry {
                        at,
                        line,
                        stdin,
                        by: Actor::User,
                    });
                }
            }
            _ => {}
        }
    }
    if link.scenario.is_empty() {
        return None;
    }
    // Commands must be in time order for the replay to reproduce the original.
    if link.commands.windows(2).any(|w| w[0].at > w[1].at) {
        return None;
    }
    Some(link)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_./~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: Millis, line: &str, stdin: &str) -> Entry {
        Entry {
            at,
            line: line.into(),
            stdin: stdin.into(),
            by: Actor::User,
        }
    }

    #[test]
    fn a_link_round_trips() {
        let link = Link {
            scenario: "scale-down".into(),
            now: 12_000,
            horizon: 30_500,
            speed: 0.25,
            commands: vec![
                entry(5_000, "kubectl scale sts web --replicas=4", ""),
                entry(
                    9_000,
                    "kubectl apply -f -",
                    "kind: Service\nmetadata:\n  name: a,b;c&d=%\n",
                ),
            ],
        };
        let frag = encode(&link);
        assert!(frag.starts_with("s=scale-down&t=12000&h=30500&x=0.25&c=5000,kubectl%20scale"));
        assert_eq!(decode(&format!("#{frag}")), Some(link));
    }

    #[test]
    fn scenario_steps_are_not_in_the_link() {
        let mut scripted = entry(0, "kubectl apply -f web.yaml", "");
        scripted.by = Actor::Scenario;
        let link = Link {
            scenario: "ordered-creation".into(),
            now: 0,
            horizon: 0,
            speed: 1.0,
            commands: vec![scripted],
        };
        assert_eq!(encode(&link), "s=ordered-creation&t=0&h=0&x=1");
    }

    #[test]
    fn foreign_or_broken_fragments_are_ignored() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#section-2"), None);
        assert_eq!(decode("s=x&t=abc"), None);
        assert_eq!(decode("s=x&c=5,%ZZ"), None);
        assert_eq!(decode("s=x&c=9,a;5,b"), None, "commands out of order");
        assert!(decode("s=x&x=inf").is_none());
    }
}
