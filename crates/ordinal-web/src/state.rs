//! The interface's state as plain data, the actions that change it, and the reducer (the Elm
//! update function). The driver publishes `Frame`s into it; everything else is UI-local.

use crate::engine::replay::{Notice, Progress};
use crate::engine::{Actor, ConsoleEntry, Entry};
use crate::scenarios::Scenario;
use crate::view::{Layout, Snapshot};
use ordinal_sim::Millis;
use std::rc::Rc;
use yew::Reducible;

/// PtrEq, immutable data that compares by identity: a new value means "re-render".
#[derive(Debug)]
pub struct PtrEq<T>(pub Rc<T>);

impl<T> Clone for PtrEq<T> {
    fn clone(&self) -> Self {
        PtrEq(self.0.clone())
    }
}

impl<T> PartialEq for PtrEq<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for PtrEq<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> PtrEq<T> {
    pub fn new(v: T) -> Self {
        PtrEq(Rc::new(v))
    }
}

/// A mark on the timeline: when a command was issued and by whom.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub at: Millis,
    pub line: String,
    pub by: Actor,
}

impl From<&Entry> for Mark {
    fn from(e: &Entry) -> Self {
        Mark {
            at: e.at,
            line: e.line.clone(),
            by: e.by,
        }
    }
}

/// The speeds offered, as multiples of real time.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// Everything the driver publishes about the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub scenario: &'static Scenario,
    pub snapshot: PtrEq<Snapshot>,
    pub layout: PtrEq<Layout>,
    pub now: Millis,
    pub horizon: Millis,
    pub playing: bool,
    pub speed: f64,
    pub marks: PtrEq<Vec<Mark>>,
    pub console: PtrEq<Vec<ConsoleEntry>>,
    pub narration: crate::engine::Narration,
    /// Nothing has been played or done yet: show the scenario's invitation.
    pub fresh: bool,
    /// The console prompt (`$ `, or a container shell's after `kubectl exec -it … sh`).
    pub prompt: String,
    /// A shared link still being replayed: how far it has got.
    pub replay: Option<Progress>,
    /// What the learner should know about the link they opened (cut to the bounds, stopped).
    pub notice: Option<Notice>,
    /// The challenge being attempted, if any.
    pub challenge: Option<PtrEq<crate::engine::challenge::ChallengeView>>,
    /// A blocking command is playing (the console input says Ctrl-C stops it).
    pub running: bool,
    /// The instant the transcript is drawn at (what is later shows as the future); MAX when
    /// everything in it has happened.
    pub console_now: Millis,
    /// How many commands come after now: what a command typed now replaces.
    pub after_now: usize,
    /// The last branch: where, and how many commands it replaced (undo offered).
    pub branch: Option<(Millis, usize)>,
}

impl Frame {
    /// The scrubber's extent: the scenario's end or as far as the timeline has gone.
    pub fn extent(&self) -> Millis {
        self.horizon.max(self.scenario.end_ms).max(self.now)
    }
}

/// What a click on the canvas opened a menu for.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Pod(String),
    Node(String),
    Set(String),
}

/// Where a menu opens, in viewport pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub frame: Frame,
    pub menu: Option<(Target, Anchor)>,
    /// The polite live region's text (controller events, narrated as they happen).
    pub announcement: String,
}

pub enum Action {
    Publish(Frame),
    OpenMenu(Target, Anchor),
    CloseMenu,
    Announce(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Publish(frame) => next.frame = frame,
            Action::OpenMenu(t, a) => next.menu = Some((t, a)),
            Action::CloseMenu => next.menu = None,
            Action::Announce(text) => next.announcement = text,
        }
        Rc::new(next)
    }
}

impl AppState {
    pub fn new(frame: Frame) -> Self {
        AppState {
            frame,
            menu: None,
            announcement: String::new(),
        }
    }
}

/// The nearest offered speed to `x` (for speeds read from a shared link).
pub fn nearest_speed(x: f64) -> f64 {
    SPEEDS
        .iter()
        .copied()
        .min_by(|a, b| (a - x).abs().total_cmp(&(b - x).abs()))
        .unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_snap_to_the_offered_ones() {
        assert_eq!(nearest_speed(3.0), 2.0);
        assert_eq!(nearest_speed(100.0), 16.0);
        assert_eq!(nearest_speed(0.0), 0.25);
        assert_eq!(nearest_speed(f64::NAN), 0.25);
    }
}
