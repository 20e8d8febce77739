//! Pictures without the app (native builds only): the drawing the live view shows — the same
//! `components/drawing.rs` and the card components under it, over the same `Snapshot` and
//! `Layout` — rendered by Yew's server side into one standalone SVG file (`svg.rs`), of a scenario, a challenge or a script's
//! cluster at any instant (`scene.rs`). The CLI's `--svg-at` and `ordinal posters` call these;
//! the committed `web/posters/*.svg` are `posters()` (tests check they are current).

mod scene;
mod svg;

pub use scene::{poster_instant, scene_at, script_scene, Scene, MAX_AT_MS};
pub use svg::render;

use crate::scenarios::ALL;

/// Where the guided scenarios' posters are committed (and what Trunk copies into dist/).
pub const POSTERS_DIR: &str = "web/posters";

/// Every guided scenario's poster: (file name, SVG text), at the instant that tells its story.
pub fn posters() -> Vec<(String, String)> {
    ALL.iter()
        .map(|s| {
            let at = poster_instant(s);
            let scene = scene_at(s.id, at).expect("a guided scenario");
            (format!("{}.svg", s.id), render(&scene))
        })
        .collect()
}

#[cfg(test)]
mod tests;
