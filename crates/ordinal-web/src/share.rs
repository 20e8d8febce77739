//! PtrEq links: the URL fragment holds the scenario, the learner's commands with their instants,
//! the current time, the horizon and the speed — enough to rebuild exactly what was on screen,
//! since the simulation is deterministic.
//!
//! `#s=ordered-creation&t=12000&h=30000&x=2&c=5000,kubectl%20scale%20sts%20web%20--replicas%3D4`
//! (`c`: entries separated by `;`, fields by `,`: instant, command, optional stdin, and the
//! instant Ctrl-C stopped it, if it did — `5000,sleep%2010,,8000`; links without it still read).

use crate::engine::{Actor, Entry};
use ordinal_sim::Millis;

/// Most commands a link may carry.
pub const MAX_ENTRIES: usize = 2_000;
/// Furthest simulated instant a link may reach: its time, its horizon, its commands and the
/// time they let pass. Replaying costs in proportion to it; six hours is far past any scenario.
pub const MAX_LINK_MS: Millis = 6 * 3_600_000;
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
    /// Decoding cut what the link asked for to the bounds (`MAX_LINK_MS`, `MAX_ENTRIES`).
    pub capped: bool,
}

pub fn encode(link: &Link) -> String {
    let commands: Vec<String> = link
        .commands
        .iter()
        .filter(|e| e.by == Actor::User)
        .map(|e| {
            let mut s = format!("{},{}", e.at, escape(&e.line));
            if !e.stdin.is_empty() || e.stopped.is_some() {
                s.push(',');
                s.push_str(&escape(&e.stdin));
            }
            if let Some(t) = e.stopped {
                s.push_str(&format!(",{t}"));
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
        capped: false,
    };
    for pair in f.split('&') {
        let (k, v) = pair.split_once('=')?;
        match k {
            "s" => link.scenario = unescape(v)?,
            "t" => link.now = instant(v, &mut link.capped)?,
            "h" => link.horizon = instant(v, &mut link.capped)?,
            "x" => link.speed = v.parse().ok().filter(|x: &f64| x.is_finite())?,
            "c" => {
                let mut items = v.split(';');
                for item in items.by_ref().take(MAX_ENTRIES) {
                    let mut fields = item.splitn(4, ',');
                    let mut past = false;
                    let at = instant(fields.next()?, &mut past)?;
                    let line = unescape(fields.next()?)?;
                    let stdin = fields.next().map(unescape).unwrap_or(Some(String::new()))?;
                    let stopped = match fields.next() {
                        Some(v) => Some(instant(v, &mut link.capped)?.max(at)),
                        None => None,
                    };
                    if past {
                        // Past the bound: never replayed (and so are all after it).
                        link.capped = true;
                        continue;
                    }
                    link.commands.push(Entry {
                        at,
                        line,
                        stdin,
                        by: Actor::User,
                        stopped,
                    });
                }
                link.capped |= items.next().is_some();
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

/// A time in milliseconds, cut to `MAX_LINK_MS` (noting it in `capped`); digits too many for
/// a u64 are cut as well. None if it is not a number.
fn instant(v: &str, capped: &mut bool) -> Option<Millis> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms = v.parse::<Millis>().unwrap_or(Millis::MAX);
    if ms > MAX_LINK_MS {
        *capped = true;
    }
    Some(ms.min(MAX_LINK_MS))
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
            stopped: None,
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
            capped: false,
        };
        let frag = encode(&link);
        assert!(frag.starts_with("s=scale-down&t=12000&h=30500&x=0.25&c=5000,kubectl%20scale"));
        assert_eq!(decode(&format!("#{frag}")), Some(link));
    }

    #[test]
    fn a_stopped_command_keeps_its_instant_and_old_links_still_read() {
        let mut stopped = entry(5_000, "sleep 10", "");
        stopped.stopped = Some(8_000);
        let link = Link {
            scenario: "scale-down".into(),
            now: 8_000,
            horizon: 8_000,
            speed: 1.0,
            commands: vec![stopped, entry(8_000, "kubectl get pods", "")],
            capped: false,
        };
        let frag = encode(&link);
        assert!(
            frag.ends_with("&c=5000,sleep%2010,,8000;8000,kubectl%20get%20pods"),
            "{frag}"
        );
        assert_eq!(decode(&frag), Some(link));
        // A link from before Ctrl-C existed: two or three fields.
        let old =
            decode("s=x&c=5000,sleep%2010;6000,kubectl%20apply%20-f%20-,kind%3A%20x").unwrap();
        assert!(old.commands.iter().all(|c| c.stopped.is_none()));
        assert_eq!(old.commands[1].stdin, "kind: x");
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
            capped: false,
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
        assert_eq!(decode("s=x&t=1e9"), None, "not a number of milliseconds");
        assert_eq!(decode("s=x&t=-5"), None);
    }

    #[test]
    fn times_past_the_bound_are_cut_to_it_and_say_so() {
        let huge = decode("s=x&t=18446744073709551615&h=99999999999999999999999").unwrap();
        assert_eq!((huge.now, huge.horizon), (MAX_LINK_MS, MAX_LINK_MS));
        assert!(huge.capped);
        let fine = decode(&format!("s=x&t={MAX_LINK_MS}&h={MAX_LINK_MS}")).unwrap();
        assert!(!fine.capped, "the bound itself is allowed");
        let late = decode("s=x&c=5,a;86400000,b;86400001,c").unwrap();
        assert!(late.capped);
        let lines: Vec<_> = late.commands.iter().map(|c| c.line.as_str()).collect();
        assert_eq!(lines, ["a"], "commands past the bound are left out");
    }

    #[test]
    fn commands_past_the_most_a_link_carries_are_cut_and_say_so() {
        let many: Vec<String> = (0..MAX_ENTRIES + 5).map(|i| format!("{i},x")).collect();
        let link = decode(&format!("s=x&c={}", many.join(";"))).unwrap();
        assert_eq!(link.commands.len(), MAX_ENTRIES);
        assert!(link.capped);
        let exact: Vec<String> = (0..MAX_ENTRIES).map(|i| format!("{i},x")).collect();
        assert!(
            !decode(&format!("s=x&c={}", exact.join(";")))
                .unwrap()
                .capped
        );
    }
}
