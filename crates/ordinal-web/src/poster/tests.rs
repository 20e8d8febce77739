//! The posters draw what the snapshot holds where the layout puts it, stand alone as SVG files,
//! and the committed ones are what the code draws now.

use super::*;
use crate::view::Layout;
use std::path::Path;

/// The opening tag just before the element carrying `attr`: the group that places a card.
fn placing<'a>(svg: &'a str, attr: &str) -> &'a str {
    let card = svg.find(tag_with(svg, attr)).unwrap();
    let start = svg[..card].rfind("<g ").unwrap();
    &svg[start..card]
}

/// The opening tag of the element carrying `attr` (e.g. `data-pod="web-0"`).
fn tag_with<'a>(svg: &'a str, attr: &str) -> &'a str {
    let at = svg
        .find(attr)
        .unwrap_or_else(|| panic!("{attr} is not drawn"));
    let start = svg[..at].rfind('<').unwrap();
    let end = at + svg[at..].find('>').unwrap();
    &svg[start..=end]
}

#[test]
fn a_scene_draws_its_pods_and_claims_where_the_layout_puts_them() {
    let scene = scene_at("ordered-creation", 20_000).unwrap();
    let layout = Layout::of(&scene.snapshot);
    assert!(scene.snapshot.pods.len() >= 2, "two pods by 20s");
    assert!(!scene.snapshot.claims.is_empty());
    let svg = render(&scene);
    for p in &scene.snapshot.pods {
        let at = layout.pod(&p.name).unwrap();
        let tag = tag_with(&svg, &format!("data-pod=\"{}\"", p.name));
        let place = placing(&svg, &format!("data-pod=\"{}\"", p.name));
        assert!(
            place.contains(&format!("transform=\"translate({} {})\"", at.x, at.y)),
            "{} at ({}, {}): {tag}",
            p.name,
            at.x,
            at.y
        );
        // Its card says what kubectl's STATUS column says.
        let card = &svg[svg.find(tag).unwrap() + tag.len()..];
        let card = &card[..card.find("data-pod=").unwrap_or(card.len())];
        assert!(
            card.contains(&format!(">{}<", p.status)),
            "{}: {card}",
            p.status
        );
    }
    for c in &scene.snapshot.claims {
        let at = layout.claim(&c.name).unwrap();
        let tag = placing(&svg, &format!("data-claim=\"{}\"", c.name));
        assert!(
            tag.contains(&format!("transform=\"translate({} {})\"", at.x, at.y)),
            "{}: {tag}",
            c.name
        );
    }
}

#[test]
fn a_poster_stands_alone_as_an_image() {
    let svg = render(&scene_at("ordered-creation", 20_000).unwrap());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    assert!(svg.trim_end().ends_with("</svg>"));
    let root = tag_with(&svg, "xmlns=");
    assert!(root.contains("role=\"img\""), "{root}");
    assert!(
        root.contains("aria-label=\"Ordered creation at 20s: "),
        "{root}"
    );
    assert!(svg.contains("<title>Ordered creation at 20s: "));
    // Light and dark, from the page's own palette; the drawing's rules; nothing to run.
    assert!(svg.contains("color-scheme:light dark") && svg.contains("light-dark("));
    assert!(svg.contains("svg.cluster text{"));
    for never in [
        "<script",
        "onclick",
        "<!--",
        "tabindex",
        "style=\"",
        "javascript:",
    ] {
        assert!(!svg.contains(never), "{never}");
    }
    // XML: no raw `<` or `&` inside the embedded stylesheet.
    let style = &svg[svg.find("<style>").unwrap() + 7..svg.find("</style>").unwrap()];
    assert!(!style.contains('<'));
    assert!(style.split('&').skip(1).all(|e| e.starts_with("gt;")
        || e.starts_with("quot;")
        || e.starts_with("amp;")
        || e.starts_with("lt;")));
}

#[test]
fn a_challenge_is_drawn_from_its_setup() {
    let ch = ordinal_challenges::ALL[0];
    let scene = scene_at(ch.id, ch.start_ms()).unwrap();
    assert_eq!(scene.title, format!("Challenge: {}", ch.title));
    let svg = render(&scene);
    for p in &scene.snapshot.pods {
        tag_with(&svg, &format!("data-pod=\"{}\"", p.name));
    }
    let prefixed = scene_at(&format!("challenge-{}", ch.id), ch.start_ms()).unwrap();
    assert_eq!(render(&prefixed), svg);
}

#[test]
fn bad_scenes_are_clear_errors() {
    let e = scene_at("ordred-creation", 0).err().unwrap();
    assert!(
        e.starts_with(
            "unknown scenario or challenge \"ordred-creation\"; scenarios: ordered-creation, "
        ),
        "{e}"
    );
    let e = scene_at("ordered-creation", MAX_AT_MS + 1).err().unwrap();
    assert_eq!(
        e,
        "6h0m0.001s is past the last instant a picture shows (6h0m0s)"
    );
}

#[test]
fn the_committed_posters_are_what_the_code_draws() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(POSTERS_DIR);
    let fix = "regenerate them: cargo run -p ordinal-cli -- posters web/posters";
    let posters = posters();
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; {fix}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut drawn: Vec<String> = posters.iter().map(|(n, _)| n.clone()).collect();
    drawn.sort();
    assert_eq!(committed, drawn, "{POSTERS_DIR}/ holds other files; {fix}");
    for (name, svg) in &posters {
        let file = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            file == *svg,
            "{POSTERS_DIR}/{name} is not what the code draws now; {fix}"
        );
        assert!(svg.len() < 64 * 1024, "{name}: {} bytes", svg.len());
    }
}

#[test]
fn the_first_paint_shows_the_first_scenario_as_the_app_starts_at_its_size() {
    let html = include_str!("../../../../index.html");
    let all = posters();
    let (name, svg) = all.iter().find(|(n, _)| n == FIRST_PAINT).unwrap();
    assert!(svg.contains("aria-label=\"Ordered creation at 0s: no pods, 0 claims.\""));
    assert!(
        svg.contains("not created yet"),
        "the ghosts of web-0 and web-1, as the app starts"
    );
    let root = tag_with(svg, "xmlns=");
    let size = |attr: &str| {
        let at = root.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
        root[at..at + root[at..].find('"').unwrap()].to_string()
    };
    let img = format!(
        "<img src=\"posters/{name}\" width=\"{}\" height=\"{}\"",
        size("width"),
        size("height")
    );
    assert!(
        html.contains(&img),
        "index.html's first paint should be {img}"
    );
}
