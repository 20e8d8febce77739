//! The page's playback keys: Space plays/pauses, N steps — from anywhere but a control.
//!
//! The listener is on the document and non-passive (gloo's default is passive, where
//! `preventDefault` is ignored with a console warning and Space scrolls the page, or an embedding
//! page's frame, away). A key pressed on a control (a button, a field, a tab, a menu item, a
//! canvas card) belongs to that control alone: Space there activates the control, not playback.

use crate::driver::Driver;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

/// Elements that handle Space and Enter themselves.
const CONTROLS: &str = "button, a[href], input, textarea, select, summary, [contenteditable], \
     [role=button], [role=tab], [role=menuitem], [role=checkbox], [role=radio], [role=switch], \
     [role=slider], [role=option], [role=link], [role=textbox], [role=combobox]";

/// What a key press on the document does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hotkey {
    /// Not ours: leave it (and its default action) alone.
    Pass,
    /// Play or pause; the key's default (scrolling) is prevented.
    Toggle,
    /// One step forward.
    Step,
    /// Ours, but nothing to do (a held-down Space repeating): only the scrolling is prevented.
    Swallow,
}

/// The decision, from the key and where it was pressed (`on_control`: inside a [`CONTROLS`]
/// element). Modifier chords are the browser's (Ctrl-Space, Alt-N, …).
pub fn decide(key: &str, modified: bool, repeat: bool, on_control: bool) -> Hotkey {
    if modified || on_control {
        return Hotkey::Pass;
    }
    match key {
        " " | "Spacebar" if repeat => Hotkey::Swallow,
        " " | "Spacebar" => Hotkey::Toggle,
        "n" | "N" if !repeat => Hotkey::Step,
        _ => Hotkey::Pass,
    }
}

fn on_control(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest(CONTROLS).ok().flatten().is_some())
}

/// Listens until the returned listener is dropped.
pub fn listen(driver: Driver) -> EventListener {
    EventListener::new_with_options(
        &gloo::utils::document(),
        "keydown",
        EventListenerOptions::enable_prevent_default(),
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if e.default_prevented() {
                return;
            }
            let modified = e.ctrl_key() || e.meta_key() || e.alt_key();
            match decide(&e.key(), modified, e.repeat(), on_control(e.target())) {
                Hotkey::Pass => {}
                Hotkey::Swallow => e.prevent_default(),
                Hotkey::Toggle => {
                    e.prevent_default();
                    driver.toggle();
                }
                Hotkey::Step => driver.step(),
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_toggles_only_away_from_controls() {
        assert_eq!(decide(" ", false, false, false), Hotkey::Toggle);
        assert_eq!(
            decide(" ", false, false, true),
            Hotkey::Pass,
            "a focused button gets Space alone"
        );
        assert_eq!(decide(" ", true, false, false), Hotkey::Pass, "Ctrl-Space");
    }

    #[test]
    fn held_space_does_not_flicker_play_and_pause_nor_scroll() {
        assert_eq!(decide(" ", false, true, false), Hotkey::Swallow);
    }

    #[test]
    fn n_steps_and_other_keys_pass() {
        assert_eq!(decide("n", false, false, false), Hotkey::Step);
        assert_eq!(decide("N", false, false, false), Hotkey::Step);
        assert_eq!(decide("n", false, false, true), Hotkey::Pass);
        assert_eq!(decide("Enter", false, false, false), Hotkey::Pass);
        assert_eq!(decide("ArrowDown", false, false, false), Hotkey::Pass);
    }
}
