//! The postMessage protocol between an embedded Ordinal and the page around it
//! (`docs/embedding.md`), as plain data: JSON text in, JSON values out. `embed_bridge` moves them
//! across the window boundary.
//!
//! Every message is an object `{"protocol": "ordinal", "version": 1, "type": …}`. Anything else
//! (another library's messages, unknown types) is ignored without a reply; a known type with a
//! bad field gets an `error` reply naming it.

use crate::embed_params::parse_duration;
use crate::share::MAX_LINK_MS;
use ordinal_sim::Millis;
use serde_json::{json, Map, Value};

pub const PROTOCOL: &str = "ordinal";
/// The protocol's version; `ready` announces it. A message with a newer major version is ignored.
pub const VERSION: u64 = 1;
/// Longest message read (its JSON text).
pub const MAX_MESSAGE: usize = 64 * 1024;
/// Most of a command's output a `ran` reply carries, per stream.
pub const MAX_OUTPUT: usize = 16 * 1024;

/// What the embedding page can ask.
#[derive(Clone, Debug, PartialEq)]
pub enum In {
    Play,
    Pause,
    /// Show the state at an instant (pauses).
    Seek(Millis),
    Speed(f64),
    /// Run a console line; `id` is echoed in the `ran` reply.
    Run {
        command: String,
        id: Option<Value>,
    },
    /// Start a scenario from the beginning, paused.
    Load(String),
    /// `light`, `dark` or `auto` (the loader's `data-theme="page"` sends the page's).
    Theme(String),
}

/// Reads one message's JSON text: `Ok(None)` for anything that is not ours or not known,
/// `Err` (a one-line reason) for one of ours with a bad field.
pub fn parse(text: &str) -> Result<Option<In>, String> {
    if text.len() > MAX_MESSAGE {
        return Ok(None);
    }
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(text) else {
        return Ok(None);
    };
    if m.get("protocol").and_then(Value::as_str) != Some(PROTOCOL) {
        return Ok(None);
    }
    match m.get("version").and_then(Value::as_u64) {
        Some(v) if v <= VERSION => {}
        _ => return Ok(None),
    }
    let Some(kind) = m.get("type").and_then(Value::as_str) else {
        return Ok(None);
    };
    let msg = match kind {
        "play" => In::Play,
        "pause" => In::Pause,
        "seek" => In::Seek(instant(&m, "t")?),
        "speed" => In::Speed(
            m.get("speed")
                .and_then(Value::as_f64)
                .filter(|x| crate::state::SPEEDS.contains(x))
                .ok_or_else(|| {
                    bad(
                        kind,
                        "speed",
                        "must be one of 0.25, 0.5, 1, 2, 4, 8, 16",
                        m.get("speed"),
                    )
                })?,
        ),
        "run" => {
            let command = m
                .get("command")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|c| !c.is_empty() && !c.contains(['\n', '\r']))
                .ok_or_else(|| {
                    bad(
                        kind,
                        "command",
                        "must be a non-empty single line",
                        m.get("command"),
                    )
                })?;
            In::Run {
                command: command.to_string(),
                id: m.get("id").cloned(),
            }
        }
        "load" => In::Load(
            m.get("scenario")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(kind, "scenario", "must be a string", m.get("scenario")))?
                .to_string(),
        ),
        "theme" => In::Theme(
            m.get("theme")
                .and_then(Value::as_str)
                .filter(|t| matches!(*t, "light" | "dark" | "auto"))
                .ok_or_else(|| {
                    bad(
                        kind,
                        "theme",
                        "must be \"light\", \"dark\" or \"auto\"",
                        m.get("theme"),
                    )
                })?
                .to_string(),
        ),
        _ => return Ok(None),
    };
    Ok(Some(msg))
}

/// `t`: milliseconds (a number) or a Go duration (`"12s"`).
fn instant(m: &Map<String, Value>, key: &str) -> Result<Millis, String> {
    let v = m.get(key);
    let ms = match v {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => parse_duration(s).ok(),
        _ => None,
    };
    ms.filter(|ms| *ms <= MAX_LINK_MS).ok_or_else(|| {
        bad(
            "seek",
            key,
            "must be milliseconds or a duration such as \"12s\", at most 6h0m0s",
            v,
        )
    })
}

fn bad(kind: &str, field: &str, detail: &str, got: Option<&Value>) -> String {
    let got = got.map_or("nothing".to_string(), |v| {
        let s = ordinal_sim::gofmt::json::marshal(v);
        if s.len() > 60 {
            format!("{}…", &s[..floor(&s, 60)])
        } else {
            s
        }
    });
    format!("{kind}: {field}: Invalid value: {got}: {detail}")
}

/// What the frame tells the embedding page. Every message carries `protocol` and `version`.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    /// The app has rendered and obeys messages from now on.
    Ready {
        scenario: &'static str,
        title: &'static str,
        state: State,
        height: u32,
    },
    /// The content's height changed (CSS pixels).
    Resized { height: u32, width: u32 },
    /// Time and play state: on every change of playing or speed, on seeks, and while playing at
    /// most a few times a second.
    State(State),
    /// Playing reached the scenario's end (or the embed's `stop-at`) and paused there.
    Finished { scenario: &'static str, at: Millis },
    /// A challenge was solved (sent by the challenges feature).
    Solved { challenge: String },
    /// A bad parameter or message, one line.
    Error { message: String },
    /// The reply to `run`.
    Ran {
        id: Option<Value>,
        command: String,
        exit_code: i32,
        stdout: String,
        stderr: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct State {
    pub now: Millis,
    pub playing: bool,
    pub speed: f64,
    /// Where playing pauses once (the scenario's end or `stop-at`).
    pub end: Millis,
}

impl State {
    fn json(&self) -> Value {
        json!({ "now": self.now, "playing": self.playing, "speed": self.speed, "end": self.end })
    }
}

impl Out {
    pub fn to_json(&self) -> Value {
        let (kind, mut body) = match self {
            Out::Ready {
                scenario,
                title,
                state,
                height,
            } => {
                let mut b = state.json();
                b["scenario"] = json!(scenario);
                b["title"] = json!(title);
                b["height"] = json!(height);
                ("ready", b)
            }
            Out::Resized { height, width } => {
                ("resized", json!({ "height": height, "width": width }))
            }
            Out::State(s) => ("state", s.json()),
            Out::Finished { scenario, at } => {
                ("finished", json!({ "scenario": scenario, "now": at }))
            }
            Out::Solved { challenge } => ("solved", json!({ "challenge": challenge })),
            Out::Error { message } => ("error", json!({ "message": message })),
            Out::Ran {
                id,
                command,
                exit_code,
                stdout,
                stderr,
            } => (
                "ran",
                json!({
                    "id": id,
                    "command": command,
                    "exitCode": exit_code,
                    "stdout": cut(stdout),
                    "stderr": cut(stderr),
                }),
            ),
        };
        body["protocol"] = json!(PROTOCOL);
        body["version"] = json!(VERSION);
        body["type"] = json!(kind);
        body
    }
}

fn cut(s: &str) -> &str {
    &s[..floor(s, MAX_OUTPUT)]
}

/// The largest char boundary at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(body: &str) -> Result<Option<In>, String> {
        parse(&format!(r#"{{"protocol":"ordinal","version":1,{body}}}"#))
    }

    #[test]
    fn every_known_message_is_read() {
        assert_eq!(msg(r#""type":"play""#), Ok(Some(In::Play)));
        assert_eq!(msg(r#""type":"pause""#), Ok(Some(In::Pause)));
        assert_eq!(
            msg(r#""type":"seek","t":12000"#),
            Ok(Some(In::Seek(12_000)))
        );
        assert_eq!(
            msg(r#""type":"seek","t":"1m2s""#),
            Ok(Some(In::Seek(62_000)))
        );
        assert_eq!(msg(r#""type":"speed","speed":4"#), Ok(Some(In::Speed(4.0))));
        assert_eq!(
            msg(r#""type":"run","command":" kubectl get pods ","id":7"#),
            Ok(Some(In::Run {
                command: "kubectl get pods".into(),
                id: Some(json!(7))
            }))
        );
        assert_eq!(
            msg(r#""type":"load","scenario":"scale-down""#),
            Ok(Some(In::Load("scale-down".into())))
        );
        assert_eq!(
            msg(r#""type":"theme","theme":"dark""#),
            Ok(Some(In::Theme("dark".into())))
        );
    }

    #[test]
    fn what_is_not_ours_or_not_known_is_ignored_silently() {
        for text in [
            "",
            "null",
            "42",
            r#""play""#,
            "[1,2]",
            r#"{"type":"play"}"#,
            r#"{"protocol":"other","version":1,"type":"play"}"#,
            r#"{"protocol":"ordinal","type":"play"}"#,
            r#"{"protocol":"ordinal","version":2,"type":"play"}"#,
            r#"{"protocol":"ordinal","version":1,"type":"dance"}"#,
            r#"{"protocol":"ordinal","version":1}"#,
        ] {
            assert_eq!(parse(text), Ok(None), "{text}");
        }
        let huge = format!(
            r#"{{"protocol":"ordinal","version":1,"type":"run","command":"{}"}}"#,
            "x".repeat(MAX_MESSAGE)
        );
        assert_eq!(parse(&huge), Ok(None));
    }

    #[test]
    fn a_known_message_with_a_bad_field_names_it() {
        assert_eq!(
            msg(r#""type":"seek","t":-5"#),
            Err("seek: t: Invalid value: -5: must be milliseconds or a duration such as \"12s\", at most 6h0m0s".into())
        );
        assert_eq!(
            msg(r#""type":"seek""#),
            Err("seek: t: Invalid value: nothing: must be milliseconds or a duration such as \"12s\", at most 6h0m0s".into())
        );
        assert_eq!(
            msg(r#""type":"seek","t":"7h""#).unwrap_err(),
            "seek: t: Invalid value: \"7h\": must be milliseconds or a duration such as \"12s\", at most 6h0m0s"
        );
        assert_eq!(
            msg(r#""type":"speed","speed":3"#),
            Err("speed: speed: Invalid value: 3: must be one of 0.25, 0.5, 1, 2, 4, 8, 16".into())
        );
        assert_eq!(
            msg(r#""type":"run","command":"a\nb""#),
            Err("run: command: Invalid value: \"a\\nb\": must be a non-empty single line".into())
        );
        assert!(msg(r#""type":"run","command":"   ""#).is_err());
        assert!(msg(r#""type":"load","scenario":3"#).is_err());
        assert!(msg(r#""type":"theme","theme":"pink""#).is_err());
    }

    #[test]
    fn replies_carry_protocol_version_and_type() {
        let state = State {
            now: 1500,
            playing: true,
            speed: 2.0,
            end: 20_000,
        };
        assert_eq!(
            Out::State(state).to_json(),
            json!({"protocol":"ordinal","version":1,"type":"state","now":1500,"playing":true,"speed":2.0,"end":20000})
        );
        let ready = Out::Ready {
            scenario: "ordered-creation",
            title: "Ordered creation",
            state,
            height: 900,
        }
        .to_json();
        assert_eq!(ready["type"], "ready");
        assert_eq!(ready["title"], "Ordered creation");
        assert_eq!(ready["height"], 900);
        let ran = Out::Ran {
            id: Some(json!("a")),
            command: "kubectl get pods".into(),
            exit_code: 1,
            stdout: "é".repeat(MAX_OUTPUT),
            stderr: "No resources found in default namespace.\n".into(),
        }
        .to_json();
        assert_eq!(ran["exitCode"], 1);
        assert_eq!(ran["id"], "a");
        assert!(ran["stdout"].as_str().unwrap().len() <= MAX_OUTPUT);
        assert_eq!(
            Out::Finished {
                scenario: "scale-down",
                at: 80_000
            }
            .to_json()["now"],
            80_000
        );
    }
}
