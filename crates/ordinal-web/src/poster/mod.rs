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

/// The page's first paint (index.html): what the app shows as it starts, the first scenario at
/// 0 s, so the swap to the live drawing changes nothing in the picture.
pub const FIRST_PAINT: &str = "first-paint.svg";

/// Every guided scenario's poster at the instant that tells its story, then the first paint:
/// (file name, SVG text).
pub fn posters() -> Vec<(String, String)> {
    let first = scene_at(ALL[0].id, 0).expect("the first scenario");
    ALL.iter()
        .map(|s| {
            let at = poster_instant(s);
            let scene = scene_at(s.id, at).expect("a guided scenario");
            (format!("{}.svg", s.id), render(&scene))
        })
        .chain([(FIRST_PAINT.to_string(), render(&first))])
        .collect()
}

#[cfg(test)]
mod tests;
