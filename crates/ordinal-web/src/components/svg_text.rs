//! SVG text that stays inside its box. SVG does not wrap or clip text, so a name longer than its
//! card would run over the next card: the text is cut to the width it has, with an ellipsis, and
//! the whole text goes in a `<title>` (the browser's tooltip).
//!
//! Widths are estimated, not measured (measuring needs layout, and the canvas is rendered in one
//! pass): an upper bound per character of the UI font, so a cut text always fits.

use yew::prelude::*;

/// Advance per pixel of font size, an upper bound over the fonts the page may get: DejaVu Sans
/// (what `system-ui` is on many Linux systems) is the widest of them, Arial-metric fonts narrower.
fn advance(c: char, bold: bool) -> f64 {
    let base = match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.32,
        'f' | 't' | 'r' | '-' | '(' | ')' | '/' => 0.42,
        'm' | 'w' => 0.98,
        'M' | 'W' => 1.0,
        'A'..='Z' => 0.74,
        '0'..='9' => 0.64,
        '…' => 1.0,
        '→' => 0.84,
        _ => 0.63,
    };
    if bold {
        base * 1.1
    } else {
        base
    }
}

/// Estimated width of `text` at `font_px`.
pub fn width(text: &str, font_px: f64, bold: bool) -> f64 {
    text.chars().map(|c| advance(c, bold)).sum::<f64>() * font_px
}

/// `text`, or its longest start that fits in `max_w` with an ellipsis after it.
pub fn fit(text: &str, max_w: f64, font_px: f64, bold: bool) -> (String, bool) {
    if width(text, font_px, bold) <= max_w {
        return (text.to_string(), false);
    }
    let room = max_w - advance('…', bold) * font_px;
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += advance(c, bold) * font_px;
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    (out, true)
}

/// One line of text for `fit_text`.
#[derive(Default)]
pub struct Fit {
    pub class: Classes,
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// The width the text may take, from `x`.
    pub max_w: f64,
    /// The font size the CSS gives `class` (px).
    pub font_px: f64,
    pub bold: bool,
    /// Centred on `x` (`text-anchor: middle`).
    pub middle: bool,
}

/// Up to this much too wide (by the estimate), a text is drawn whole and squeezed into its box
/// (`textLength`): a status word stays whole. Beyond it, it is cut.
const SQUEEZE: f64 = 1.3;

/// One line of SVG text kept inside `max_w`: squeezed a little, or cut with the full text as its
/// `<title>`. (A function, not a component: there are a dozen per card.)
pub fn fit_text(p: Fit) -> Html {
    let w = width(&p.text, p.font_px, p.bold);
    let squeeze = w > p.max_w && w <= p.max_w * SQUEEZE;
    let (shown, cut) = if squeeze {
        (p.text.clone(), false)
    } else {
        fit(&p.text, p.max_w, p.font_px, p.bold)
    };
    html! {
        <text class={p.class} x={p.x.to_string()} y={p.y.to_string()}
              text-anchor={p.middle.then_some("middle")}
              textLength={squeeze.then(|| p.max_w.to_string())}
              lengthAdjust={squeeze.then_some("spacingAndGlyphs")}>
            { shown }
            if cut { <title>{ p.text }</title> }
        </text>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_is_cut_to_its_box_and_a_short_one_is_not() {
        assert_eq!(fit("web-0", 70.0, 13.0, true), ("web-0".to_string(), false));
        let (shown, cut) = fit("web-6d4cf56db6-x7k2p-and-more", 116.0, 11.0, false);
        assert!(cut && shown.ends_with('…'), "{shown}");
        assert!(width(&shown, 11.0, false) <= 116.0, "{shown} fits");
        assert!("web-6d4cf56db6-x7k2p-and-more".starts_with(shown.trim_end_matches('…')));
    }
}
