//! `sim …`: what a real cluster cannot be told (node failures, probe results, crashes, time).
//! Every action is a `SimAction` applied through the timeline.

use crate::flags::parse_duration_ms;
use crate::shell::Exec;
use crate::state::State;
use ordinal_sim::sim::SimAction;
use ordinal_sim::Input;

pub const HELP: &str = "Simulator controls (not kubectl: a real cluster has no such commands).

  sim timing realistic|fast        how long image pulls, starts and provisioning take
  sim sleep <duration>             let simulated time pass (also: sleep 30s)
  sim help                         this text

Durations: 500ms, 10s, 5m, 1h30m (a bare number means seconds).
";

pub fn run(st: &mut State, args: &[String]) -> Exec {
    let Some(sub) = args.first() else {
        return Exec::ok(HELP);
    };
    match sub.as_str() {
        "help" | "--help" | "-h" => Exec::ok(HELP),
        "sleep" => sleep(st, &args[1..], "sim sleep"),
        "timing" => match args.get(1) {
            Some(p) => apply(st, SimAction::SetTiming { profile: p.clone() }),
            None => Exec::fail("sim timing: expected realistic or fast\n", 1),
        },
        other => Exec::fail(
            format!("sim: unknown command \"{other}\" (see \"sim help\")\n"),
            1,
        ),
    }
}

fn apply(st: &mut State, action: SimAction) -> Exec {
    match st.apply(Input::Sim(action)) {
        Ok(ordinal_sim::Outcome::Message(m)) => Exec::ok(format!("{m}\n")),
        Ok(_) => Exec::default(),
        Err(f) => Exec::fail(f.render().replacen("error: ", "sim: ", 1), 1),
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
        Some(d * 86_400_000)
    } else {
        parse_duration_ms(a)
    };
    match ms {
        Some(ms) => {
            st.sleep(ms);
            Exec::default()
        }
        None => Exec::fail(format!("{name}: invalid time interval '{a}'\n"), 1),
    }
}
