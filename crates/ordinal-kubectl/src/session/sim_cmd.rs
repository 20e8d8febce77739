//! `sim …`: what a real cluster cannot be told (node failures, probe results, crashes, time).
//! Every action is a `SimAction` applied through the timeline, so it replays.

use crate::input::flags::parse_duration_ms;
use crate::shell::Exec;
use crate::state::State;
use ordinal_sim::controller::kubelet::probes::ProbeOverride;
use ordinal_sim::controller::kubelet::runtime::ProbeKind;
use ordinal_sim::controls::SimAction;
use ordinal_sim::Input;

pub const HELP: &str = "Simulator controls (not kubectl: a real cluster has no such commands).

  sim node stop <node>          stop the node's kubelet (containers keep running, heartbeats stop)
  sim node start <node>         start it again
  sim node cut <node>           cut the node off the network (kubelet runs, cannot reach the API)
  sim node heal <node>          reconnect it
  sim node add [<name>]         add a machine (default name: the next node-N)
  sim node remove <node>        the machine is gone for good (its Node object is deleted)
  sim probe <pod> readiness|liveness|startup fail|pass|auto [-c container] [-n namespace]
                                force a probe result, or let the probe decide again (auto)
  sim crash <pod> [<container>] [--exit-code N] [-n namespace]
                                the container's process dies (default exit code 1)
  sim timing realistic|fast     how long image pulls, starts and provisioning take
  sim sleep <duration>          let simulated time pass (also: sleep 30s)
  sim help                      this text

Durations: 500ms, 10s, 5m, 1h30m (a bare number means seconds).
";

fn usage(msg: &str) -> Exec {
    Exec::fail(format!("sim: {msg} (see \"sim help\")\n"), 1)
}

/// `-n ns` / `--namespace ns` / `-c name` / `--exit-code N` among positional words.
struct Opts {
    words: Vec<String>,
    namespace: Option<String>,
    container: Option<String>,
    exit_code: Option<String>,
}

fn opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        words: Vec::new(),
        namespace: None,
        container: None,
        exit_code: None,
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let take = |i: &mut usize| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            *i += 1;
            args.get(*i)
                .cloned()
                .ok_or_else(|| format!("flag needs an argument: {flag}"))
        };
        match flag.as_str() {
            "-n" | "--namespace" => o.namespace = Some(take(&mut i)?),
            "-c" | "--container" => o.container = Some(take(&mut i)?),
            "--exit-code" => o.exit_code = Some(take(&mut i)?),
            f if f.starts_with('-') => return Err(format!("unknown flag: {f}")),
            _ => o.words.push(a.clone()),
        }
        i += 1;
    }
    Ok(o)
}

pub fn run(st: &mut State, args: &[String]) -> Exec {
    let Some(sub) = args.first() else {
        return Exec::ok(HELP);
    };
    let o = match opts(&args[1..]) {
        Ok(o) => o,
        Err(e) => return usage(&e),
    };
    let ns = o.namespace.clone().unwrap_or_else(|| st.namespace.clone());
    let w = &o.words;
    match sub.as_str() {
        "help" | "--help" | "-h" => Exec::ok(HELP),
        "sleep" => sleep(st, w, "sim sleep"),
        "timing" => match w.first() {
            Some(p) => apply(st, SimAction::SetTiming { profile: p.clone() }),
            None => usage("expected a timing profile: realistic or fast"),
        },
        "node" => {
            let (Some(verb), node) = (w.first(), w.get(1).cloned()) else {
                return usage("expected: sim node stop|start|cut|heal|add|remove <node>");
            };
            let need = |n: Option<String>| n.ok_or("expected a node name");
            let action = match verb.as_str() {
                "add" => Ok(SimAction::AddNode { name: node }),
                "stop" => need(node).map(|node| SimAction::StopKubelet { node }),
                "start" => need(node).map(|node| SimAction::StartKubelet { node }),
                "cut" => need(node).map(|node| SimAction::CutOffNode { node }),
                "heal" | "reconnect" => need(node).map(|node| SimAction::ReconnectNode { node }),
                "remove" | "delete" => need(node).map(|node| SimAction::RemoveNode { node }),
                other => return usage(&format!("unknown node action \"{other}\"")),
            };
            match action {
                Ok(a) => apply(st, a),
                Err(e) => usage(e),
            }
        }
        "probe" => {
            let [pod, probe, mode] = w.as_slice() else {
                return usage(
                    "expected: sim probe <pod> readiness|liveness|startup fail|pass|auto",
                );
            };
            let probe = match probe.as_str() {
                "readiness" => ProbeKind::Readiness,
                "liveness" => ProbeKind::Liveness,
                "startup" => ProbeKind::Startup,
                other => return usage(&format!("unknown probe \"{other}\"")),
            };
            let mode = match mode.as_str() {
                "fail" => ProbeOverride::Fail,
                "pass" => ProbeOverride::Pass,
                "auto" => ProbeOverride::Auto,
                other => return usage(&format!("unknown probe mode \"{other}\"")),
            };
            apply(
                st,
                SimAction::SetProbe {
                    namespace: ns,
                    pod: pod.clone(),
                    container: o.container.clone(),
                    probe,
                    mode,
                },
            )
        }
        "crash" => {
            let Some(pod) = w.first() else {
                return usage("expected: sim crash <pod> [<container>]");
            };
            let exit_code = match o.exit_code.as_deref().map(str::parse::<i32>) {
                None => 1,
                Some(Ok(c)) => c,
                Some(Err(_)) => return usage("--exit-code must be a number"),
            };
            apply(
                st,
                SimAction::CrashContainer {
                    namespace: ns,
                    pod: pod.clone(),
                    container: w.get(1).cloned().or(o.container.clone()),
                    exit_code,
                },
            )
        }
        other => usage(&format!("unknown command \"{other}\"")),
    }
}

fn apply(st: &mut State, action: SimAction) -> Exec {
    match st.apply(Input::Sim(action)) {
        Ok(ordinal_sim::Outcome::Message(m)) => Exec::ok(format!("{m}\n")),
        Ok(_) => Exec::default(),
        Err(f) => {
            let text = f.render();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            Exec::fail(format!("sim: {text}"), 1)
        }
    }
}

/// `sleep 10s` / `sleep 10` / `sim sleep 2m`: simulated time passes.
pub fn sleep(st: &mut State, args: &[String], name: &str) -> Exec {
    let Some(a) = args.first() else {
        return Exec::fail(format!("{name}: missing operand\n"), 1);
    };
    let ms = if a.chars().all(|c| c.is_ascii_digit() || c == '.') {
        a.parse::<f64>().ok().map(|s| (s * 1000.0) as u64)
    } else if let Some(d) = a.strip_suffix('d').and_then(|n| n.parse::<u64>().ok()) {
        Some(d.saturating_mul(86_400_000))
    } else {
        parse_duration_ms(a)
    };
    match ms {
        Some(ms) => match st.sleep(ms) {
            Ok(()) => Exec::default(),
            Err(spent) => Exec::fail(spent.message(name), 1),
        },
        None => Exec::fail(format!("{name}: invalid time interval '{a}'\n"), 1),
    }
}
