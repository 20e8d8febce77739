//! The URL interface of an embed (`docs/embedding.md`): every query parameter, parsed and checked
//! here in plain Rust. A bad value never stops the app: it is dropped, the default applies, and a
//! one-line notice in apimachinery's field-error wording (`field.Invalid`, `field.NotSupported`,
//! `field.TooMany`, `field.Duplicate` in k8s.io/apimachinery/pkg/util/validation/field/errors.go)
//! says why, on screen and to the embedding page.

use crate::driver::Driver;
use crate::scenarios::{Scenario, ALL};
use crate::share::{Link, MAX_LINK_MS};
use crate::state::SPEEDS;
use ordinal_sim::gofmt::{duration_string, format_float, quote};
use ordinal_sim::Millis;

/// Longest query string read; a longer one is ignored as a whole (with a notice).
pub const MAX_QUERY: usize = 64 * 1024;
/// Most `command=` parameters run on load.
pub const MAX_COMMANDS: usize = 20;
/// Longest single command.
pub const MAX_COMMAND: usize = 4 * 1024;
/// Longest caption, in characters.
pub const MAX_CAPTION: usize = 200;
/// Most notices shown (a query full of mistakes must not fill the frame).
pub const MAX_NOTICES: usize = 8;
/// How much of a bad value a notice quotes.
const QUOTE_CHARS: usize = 60;

/// Every parameter the app reads. `embed` and `profile` are older; `challenge` is read by the
/// challenges feature (kept here so it is not reported as unknown).
pub const KNOWN: &[&str] = &[
    "embed",
    "profile",
    "scenario",
    "challenge",
    "autoplay",
    "speed",
    "start-at",
    "stop-at",
    "panels",
    "layout",
    "command",
    "manifest",
    "theme",
    "motion",
    "readonly",
    "caption",
];

/// The panels an embed can show, in the order `panels=` lists them.
pub const PANEL_NAMES: [&str; 6] = ["cluster", "controller", "dns", "console", "events", "yaml"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels {
    /// The narration, the playback controls and the canvas.
    pub cluster: bool,
    /// The StatefulSet controller's panel and the Deployment/ReplicaSet panel.
    pub controller: bool,
    pub dns: bool,
    pub console: bool,
    pub events: bool,
    pub yaml: bool,
}

impl Panels {
    pub const ALL: Panels = Panels {
        cluster: true,
        controller: true,
        dns: true,
        console: true,
        events: true,
        yaml: true,
    };
    /// What `?embed=1` showed before panels could be chosen.
    pub const EMBED: Panels = Panels {
        cluster: true,
        controller: true,
        dns: false,
        console: true,
        events: true,
        yaml: false,
    };
    const NONE: Panels = Panels {
        cluster: false,
        controller: false,
        dns: false,
        console: false,
        events: false,
        yaml: false,
    };

    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "cluster" => &mut self.cluster,
            "controller" => &mut self.controller,
            "dns" => &mut self.dns,
            "console" => &mut self.console,
            "events" => &mut self.events,
            "yaml" => &mut self.yaml,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// One column: cluster, then the panels under it (fits 360 px).
    #[default]
    Stack,
    /// The cluster with the side panels beside it, as on the full page (wide frames).
    Side,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The value of `<html data-theme>` (None: follow the system).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn parse(v: &str) -> Option<Theme> {
        match v {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EmbedParams {
    pub embed: bool,
    pub scenario: Option<&'static Scenario>,
    /// `?challenge=ID`, checked only for its shape here; the challenges feature resolves it.
    pub challenge: Option<String>,
    pub autoplay: bool,
    pub speed: Option<f64>,
    pub start_at: Option<Millis>,
    pub stop_at: Option<Millis>,
    pub panels: Panels,
    pub layout: Layout,
    pub commands: Vec<String>,
    /// YAML applied on load (`kubectl apply -f -`), before the commands.
    pub manifest: Option<String>,
    pub theme: Theme,
    /// `motion=reduce`: no transitions, whatever the system says.
    pub reduce_motion: bool,
    /// No console, no YAML editor, no action menus: the reader watches and scrubs.
    pub read_only: bool,
    pub caption: Option<String>,
    /// What was wrong with the query, one line each.
    pub notices: Vec<String>,
}

impl Default for EmbedParams {
    fn default() -> Self {
        EmbedParams::parse("")
    }
}

impl EmbedParams {
    /// Reads a query string (with or without the leading `?`).
    pub fn parse(query: &str) -> EmbedParams {
        let q = query.strip_prefix('?').unwrap_or(query);
        let mut notices = Vec::new();
        let pairs: Vec<(String, String)> = if q.len() > MAX_QUERY {
            notices.push(format!(
                "the query is longer than {MAX_QUERY} bytes and was ignored"
            ));
            Vec::new()
        } else {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (form_decode(k), form_decode(v))
                })
                .collect()
        };
        let mut p = Parser {
            pairs: &pairs,
            notices,
        };
        for (k, _) in &pairs {
            if !KNOWN.contains(&k.as_str()) {
                let n = format!("unknown parameter {}", quote(&short(k)));
                if !p.notices.contains(&n) {
                    p.notices.push(n);
                }
            }
        }

        let embed = p.boolean("embed").unwrap_or(false);
        let scenario = p.one("scenario").and_then(|v| {
            let found = Scenario::by_id(&v);
            if found.is_none() {
                let ids: Vec<&str> = ALL.iter().map(|s| s.id).collect();
                p.not_supported("scenario", &v, &ids);
            }
            found
        });
        let challenge = p.one("challenge").and_then(|v| {
            let ok = !v.is_empty()
                && v.len() <= 63
                && v.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                p.invalid(
                    "challenge",
                    &v,
                    "must consist of lower case alphanumeric characters or '-'",
                );
            }
            ok.then_some(v)
        });
        let autoplay = p.boolean("autoplay").unwrap_or(false);
        let speed = p.one("speed").and_then(|v| {
            let x = v.parse::<f64>().ok();
            let found = x.and_then(|x| SPEEDS.iter().copied().find(|s| *s == x));
            if found.is_none() {
                let offered: Vec<String> = SPEEDS.iter().map(|s| format_float(*s)).collect();
                let offered: Vec<&str> = offered.iter().map(String::as_str).collect();
                p.not_supported("speed", &v, &offered);
            }
            found
        });
        let start_at = p.instant("start-at");
        let mut stop_at = p.instant("stop-at");
        if let (Some(start), Some(stop)) = (start_at, stop_at) {
            if stop <= start {
                let v = p.one_raw("stop-at").unwrap_or_default();
                p.invalid(
                    "stop-at",
                    &v,
                    &format!("must be later than start-at ({})", duration_string(start)),
                );
                stop_at = None;
            }
        }
        let read_only = p.boolean("readonly").unwrap_or(false);
        let mut panels = p
            .panels()
            .unwrap_or(if embed { Panels::EMBED } else { Panels::ALL });
        if read_only {
            // Read-only means nothing to type into, whatever `panels` asked for.
            panels.console = false;
            panels.yaml = false;
        }
        let layout = p
            .choice("layout", &["stack", "side"])
            .map_or(Layout::Stack, |v| match v {
                "side" => Layout::Side,
                _ => Layout::Stack,
            });
        let theme = p
            .choice("theme", &["auto", "light", "dark"])
            .and_then(Theme::parse)
            .unwrap_or_default();
        let reduce_motion = p.choice("motion", &["auto", "reduce"]) == Some("reduce");
        let caption = p.one("caption").and_then(|v| {
            let v = v.trim().to_string();
            if v.chars().count() > MAX_CAPTION {
                p.notices.push(format!(
                    "caption: Too long: may not be more than {MAX_CAPTION} characters"
                ));
                return Some(v.chars().take(MAX_CAPTION).collect());
            }
            (!v.is_empty()).then_some(v)
        });
        let commands = p.commands();
        let manifest = p.one("manifest").filter(|m| !m.trim().is_empty());

        let mut notices = p.notices;
        if notices.len() > MAX_NOTICES {
            let more = notices.len() - (MAX_NOTICES - 1);
            notices.truncate(MAX_NOTICES - 1);
            notices.push(format!("and {more} more problems with the query"));
        }
        EmbedParams {
            embed,
            scenario,
            challenge,
            autoplay,
            speed,
            start_at,
            stop_at,
            panels,
            layout,
            commands,
            manifest,
            theme,
            reduce_motion,
            read_only,
            caption,
            notices,
        }
    }

    /// A driver set up as the parameters ask: a shared link (the fragment) wins over
    /// `scenario=`; then the speed, the start instant and the commands on load. Notices about
    /// what could not be done are added to `self.notices`. Playing starts later (`autoplay`),
    /// once the driver is connected.
    pub fn driver(&mut self, link: Option<Link>) -> Driver {
        let from_link = link.is_some();
        if let (Some(l), Some(s)) = (&link, self.scenario) {
            if l.scenario != s.id {
                self.notices.push(format!(
                    "scenario: {} was ignored: the link names {}",
                    quote(s.id),
                    quote(&short(&l.scenario))
                ));
            }
        }
        let challenge = self.challenge.as_deref().and_then(|id| {
            let found = ordinal_challenges::Challenge::by_id(id);
            if found.is_none() {
                let ids: Vec<&str> = ordinal_challenges::ALL.iter().map(|c| c.id).collect();
                self.notices.push(format!(
                    "challenge: Unsupported value: {}: supported values: {}",
                    quote(&short(id)),
                    ids.iter().map(|i| quote(i)).collect::<Vec<_>>().join(", ")
                ));
            }
            found
        });
        let driver = Driver::start(link, challenge);
        if !from_link && challenge.is_none() {
            if let Some(s) = self.scenario {
                driver.load(s);
            }
        }
        if let Some(x) = self.speed {
            driver.set_speed(x);
        }
        if let Some(t) = self.start_at {
            driver.seek(t);
        }
        driver.set_stop_at(self.stop_at);
        if let Some(yaml) = &self.manifest {
            let out = driver.run("kubectl apply -f -", yaml);
            if out.exit_code != 0 {
                let first = out.stderr.lines().next().unwrap_or("").trim();
                self.notices.push(format!(
                    "manifest: exit code {}: {}",
                    out.exit_code,
                    short(first)
                ));
            }
        }
        for (i, line) in self.commands.iter().enumerate() {
            let out = driver.run(line, "");
            if out.exit_code != 0 && self.notices.len() < MAX_NOTICES {
                let first = out.stderr.lines().next().unwrap_or("").trim();
                self.notices.push(format!(
                    "command[{i}]: exit code {}: {}",
                    out.exit_code,
                    short(first)
                ));
            }
        }
        driver
    }
}

struct Parser<'a> {
    pairs: &'a [(String, String)],
    notices: Vec<String>,
}

impl Parser<'_> {
    /// The raw value of a parameter that may appear once (the last one counts; a repeat is
    /// reported).
    fn one_raw(&self, key: &str) -> Option<String> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn one(&mut self, key: &str) -> Option<String> {
        let values: Vec<&String> = self
            .pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .collect();
        if values.len() > 1 {
            let dup = values[values.len() - 1].clone();
            self.notices
                .push(format!("{key}: Duplicate value: {}", quote(&short(&dup))));
        }
        values.last().map(|v| (*v).clone())
    }

    fn invalid(&mut self, key: &str, value: &str, detail: &str) {
        self.notices.push(format!(
            "{key}: Invalid value: {}: {detail}",
            quote(&short(value))
        ));
    }

    fn not_supported(&mut self, key: &str, value: &str, supported: &[&str]) {
        let list: Vec<String> = supported.iter().map(|s| quote(s)).collect();
        self.notices.push(format!(
            "{key}: Unsupported value: {}: supported values: {}",
            quote(&short(value)),
            list.join(", ")
        ));
    }

    /// `?key`, `key=1`, `key=true`, `key=0`, `key=false`.
    fn boolean(&mut self, key: &str) -> Option<bool> {
        let v = self.one(key)?;
        match v.as_str() {
            "" | "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => {
                self.not_supported(key, &v, &["true", "false"]);
                None
            }
        }
    }

    fn choice(&mut self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        let v = self.one(key)?;
        let found = allowed.iter().copied().find(|a| *a == v);
        if found.is_none() {
            self.not_supported(key, &v, allowed);
        }
        found
    }

    fn instant(&mut self, key: &str) -> Option<Millis> {
        let v = self.one(key)?;
        match parse_duration(&v) {
            Ok(ms) if ms <= MAX_LINK_MS => Some(ms),
            Ok(_) => {
                self.invalid(
                    key,
                    &v,
                    &format!("must be no more than {}", duration_string(MAX_LINK_MS)),
                );
                None
            }
            Err(e) => {
                self.invalid(key, &v, &e);
                None
            }
        }
    }

    fn panels(&mut self) -> Option<Panels> {
        let v = self.one("panels")?;
        let mut panels = Panels::NONE;
        let mut any = false;
        for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match panels.slot(name) {
                Some(slot) => {
                    *slot = true;
                    any = true;
                }
                None => self.not_supported("panels", name, &PANEL_NAMES),
            }
        }
        if !any {
            if v.trim().is_empty() {
                self.invalid("panels", &v, "must name at least one panel");
            }
            return None;
        }
        Some(panels)
    }

    fn commands(&mut self) -> Vec<String> {
        let all: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, _)| k == "command")
            .map(|(_, v)| v.trim().to_string())
            .collect();
        if all.len() > MAX_COMMANDS {
            self.notices.push(format!(
                "command: Too many: {}: must have at most {MAX_COMMANDS} items",
                all.len()
            ));
        }
        let mut out = Vec::new();
        for (i, c) in all.into_iter().take(MAX_COMMANDS).enumerate() {
            if c.is_empty() {
                self.notices.push(format!("command[{i}]: Required value"));
            } else if c.len() > MAX_COMMAND {
                self.notices.push(format!(
                    "command[{i}]: Too long: may not be more than {MAX_COMMAND} bytes"
                ));
            } else if c.contains(['\n', '\r']) {
                self.invalid(&format!("command[{i}]"), &c, "must be a single line");
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// A Go duration (`time.ParseDuration`, units `h`, `m`, `s`, `ms`) in milliseconds, rounded down.
/// The errors are Go's.
pub fn parse_duration(s: &str) -> Result<Millis, String> {
    let invalid = || format!("time: invalid duration {}", quote(s));
    if s == "0" {
        return Ok(0);
    }
    if let Some(positive) = s.strip_prefix('-') {
        return match parse_duration(positive) {
            Ok(_) => Err("must be greater than or equal to 0".into()),
            Err(_) => Err(invalid()),
        };
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut rest = s.strip_prefix('+').unwrap_or(s);
    if rest.is_empty() {
        return Err(invalid());
    }
    // Microseconds, to add fractions exactly; checked against overflow.
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let number = &rest[..digits];
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if (whole.is_empty() && frac.is_empty()) || frac.contains('.') {
            return Err(invalid());
        }
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let per: u64 = match unit {
            "" => return Err(format!("time: missing unit in duration {}", quote(s))),
            "h" => 3_600_000_000,
            "m" => 60_000_000,
            "s" => 1_000_000,
            "ms" => 1_000,
            "us" | "µs" | "μs" => 1,
            "ns" => 0,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    quote(unit),
                    quote(s)
                ))
            }
        };
        if whole.len() > 20 || frac.len() > 20 {
            return Err(invalid());
        }
        let w: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| invalid())?
        };
        let mut f: u64 = 0;
        let mut scale: u64 = 1;
        for d in frac.bytes().take(12) {
            f = f * 10 + u64::from(d - b'0');
            scale *= 10;
        }
        total = total
            .checked_add(w.checked_mul(per).ok_or_else(invalid)?)
            .and_then(|t| t.checked_add(f.checked_mul(per)? / scale))
            .ok_or_else(invalid)?;
    }
    Ok(total / 1_000)
}

/// `application/x-www-form-urlencoded` decoding (what `URLSearchParams` writes): `+` is a
/// space, `%XX` a byte; a malformed escape is kept as it is.
pub fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A value cut for quoting in a notice.
fn short(v: &str) -> String {
    if v.chars().count() <= QUOTE_CHARS {
        return v.to_string();
    }
    let mut s: String = v.chars().take(QUOTE_CHARS).collect();
    s.push('…');
    s
}

#[cfg(test)]
#[path = "embed_params_tests.rs"]
mod tests;
