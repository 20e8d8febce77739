//! Which cluster a picture shows: a guided scenario's or a challenge's timeline at an instant,
//! or a script's cluster (`ordinal --svg-at 12s script.sh`), read into the app's `Snapshot`.

use crate::engine::{challenge, Engine};
use crate::scenarios::{Scenario, ALL};
use crate::share::MAX_LINK_MS;
use crate::view::Snapshot;
use ordinal_kubectl::Session;
use ordinal_sim::gofmt::duration_string;
use ordinal_sim::Millis;

/// A cluster at an instant, and the words that name the picture.
pub struct Scene {
    pub snapshot: Snapshot,
    /// `Ordered creation`, or a script's file name.
    pub title: String,
    pub at_ms: Millis,
}

/// The latest instant a picture may show (a shared link's bound: the same simulated day part).
pub const MAX_AT_MS: Millis = MAX_LINK_MS;

/// The scenario's or challenge's cluster at `at_ms`, on the timeline the app plays (a
/// challenge's setup, then the cluster the learner takes over). `id` is a scenario id, a
/// challenge id or `challenge-<id>` as in shared links.
pub fn scene_at(id: &str, at_ms: Millis) -> Result<Scene, String> {
    let (scenario, title) = if let Some(s) = Scenario::by_id(id) {
        (s, s.title.to_string())
    } else if let Some(ch) =
        challenge::by_scenario_id(id).or_else(|| ordinal_challenges::Challenge::by_id(id))
    {
        (
            challenge::scenario_for(ch),
            format!("Challenge: {}", ch.title),
        )
    } else {
        let ids: Vec<&str> = ALL.iter().map(|s| s.id).collect();
        return Err(format!(
            "unknown scenario or challenge \"{id}\"; scenarios: {} (challenges: ordinal challenge --list)",
            ids.join(", ")
        ));
    };
    bounded(at_ms)?;
    let mut engine = Engine::new(scenario);
    engine.seek(at_ms);
    Ok(Scene {
        snapshot: engine.snapshot(),
        title,
        at_ms: engine.now(),
    })
}

/// The instant a scenario's poster shows: the first whole second at which one of its pods is
/// Ready (the story has begun: the first pod is up, the next ones are coming), or where its
/// script ends when none ever is.
pub fn poster_instant(s: &'static Scenario) -> Millis {
    let mut engine = Engine::new(s);
    let mut t = 0;
    while t < s.end_ms {
        t += 1_000;
        engine.seek(t);
        if engine.snapshot().pods.iter().any(|p| p.ready) {
            return t;
        }
    }
    s.end_ms
}

/// A script's cluster (already run through `session`) at `at_ms`: back from its end by replay,
/// or on past it.
pub fn script_scene(session: &mut Session, at_ms: Millis, title: &str) -> Result<Scene, String> {
    bounded(at_ms)?;
    session
        .sim_mut()
        .seek(at_ms)
        .map_err(|e| format!("cannot show the cluster at {}: {e}", duration_string(at_ms)))?;
    Ok(Scene {
        snapshot: Snapshot::of(session.sim().cluster()),
        title: title.to_string(),
        at_ms: session.sim().now(),
    })
}

fn bounded(at_ms: Millis) -> Result<(), String> {
    if at_ms > MAX_AT_MS {
        Err(format!(
            "{} is past the last instant a picture shows ({})",
            duration_string(at_ms),
            duration_string(MAX_AT_MS)
        ))
    } else {
        Ok(())
    }
}
