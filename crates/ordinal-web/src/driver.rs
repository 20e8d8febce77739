//! The driver: the one place that owns the engine and the animation clock.
//!
//! While playing, each `requestAnimationFrame` maps the wall time since the previous frame to
//! simulated time by the chosen speed and advances the engine (a bounded number of timers per
//! frame). After every change it publishes a `Frame`; a new snapshot is built only when the
//! cluster changed. Components call the driver's methods; they never touch the engine.
//!
//! A shared link is rebuilt a slice per animation frame (`engine::replay`), publishing its
//! progress; any action of the learner's stops it and keeps what was replayed.
//!
//! A blocking command (`engine::Running`) runs the clock at the chosen speed even when paused,
//! as a terminal would; when it ends, the play state it found returns. Play and pause while it
//! runs only choose that state; Ctrl-C (`interrupt_command`) stops it; seek and step show it
//! complete; loading a scenario or challenge leaves it behind with its timeline. Undo of a
//! branch rebuilds the old timeline's link like a shared one.

use crate::engine::challenge::{self, by_scenario_id as challenge_of};
use crate::engine::replay::{Notice, Replay};
use crate::engine::{Actor, CommandOutput, Engine, Entry};
use crate::scenarios::Scenario;
use crate::share::{self, Link};
use crate::state::{nearest_speed, Frame, Mark, PtrEq};
use crate::view::{Layout, Snapshot};
use gloo::render::{request_animation_frame, AnimationFrame};
use ordinal_sim::Millis;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// Longest wall-time gap one frame accounts for (a hidden tab must not jump minutes ahead).
const MAX_FRAME_GAP_MS: f64 = 100.0;
/// Wall time one frame may spend simulating. When a busy cluster needs more, simulated time
/// falls behind the chosen speed instead of the page dropping frames.
const SIM_BUDGET_MS: f64 = 7.0;
/// Simulated time advanced between budget checks.
const SIM_CHUNK_MS: Millis = 20;
/// While playing, how often (wall ms) the crash screen's link is brought up to date.
const REMEMBER_EVERY_MS: f64 = 1_000.0;
/// Wall time a shared link's replay may take before the page first renders: short links look
/// instant, long ones render at once and go on with a progress bar.
const FIRST_REPLAY_MS: f64 = 50.0;
/// Wall time each later animation frame gives the replay.
const REPLAY_SLICE_MS: f64 = 25.0;
/// While replaying, frames between carry only the progress bar; the canvas and the rest are
/// rebuilt this often (a snapshot per frame would cost more than the replay on a slow device).
const REPLAY_FULL_FRAME_MS: f64 = 1_000.0;

#[derive(Clone)]
pub struct Driver {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Driver {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

struct Published {
    version: crate::engine::Version,
    /// Commands issued when the transcript and marks were built (they change far less often).
    commands: usize,
    snapshot: PtrEq<Snapshot>,
    layout: PtrEq<Layout>,
    marks: PtrEq<Vec<Mark>>,
    console: PtrEq<Vec<crate::engine::ConsoleEntry>>,
}

struct Inner {
    engine: Engine,
    playing: bool,
    speed: f64,
    last_ts: Option<f64>,
    /// Fractional simulated milliseconds not yet applied.
    carry: f64,
    raf: Option<AnimationFrame>,
    published: Option<Published>,
    /// Playing pauses once at the scenario's end (or at `stop_at`).
    end_paused: bool,
    /// An embed's `stop-at`: where playing pauses instead of the scenario's end.
    stop_at: Option<Millis>,
    fresh: bool,
    on_frame: Callback<Frame>,
    on_announce: Callback<String>,
    /// The newest event already announced (its resourceVersion).
    announced: u64,
    /// Whether to keep the URL fragment in sync (off in tests that mount several apps).
    write_url: bool,
    /// With `?profile=1`: frames, and total ms spent advancing, building snapshots, rendering.
    profile: Option<[f64; 4]>,
    /// Wall time (ms) the crash screen's link was last written while playing.
    remembered_at: f64,
    /// A shared link still being rebuilt, and the frame that continues it.
    replay: Option<Replay>,
    replay_raf: Option<AnimationFrame>,
    /// What the learner should know about the link they opened (cut, or stopped).
    notice: Option<Notice>,
    /// The last frame published in full, and when (for progress-only frames while replaying).
    last_full: Option<(Frame, f64)>,
}

impl Driver {
    /// A driver for the scenario a shared link names, or the first scenario.
    pub fn from_link(link: Option<Link>) -> Driver {
        Self::start(link, None)
    }

    /// A driver for `?challenge=<id>` (which wins), else the scenario a link names, else the
    /// first scenario. A link made during a challenge names the challenge's scenario.
    pub fn start(
        link: Option<Link>,
        challenge: Option<&'static ordinal_challenges::Challenge>,
    ) -> Driver {
        let linked = link
            .as_ref()
            .and_then(|l| engine_for(&l.scenario).map(|e| (e, l)));
        let (mut engine, speed, mut replay) = match (challenge, linked) {
            (Some(c), linked)
                if linked
                    .as_ref()
                    .is_none_or(|(e, _)| e.challenge().is_none_or(|v| v.challenge.id != c.id)) =>
            {
                (
                    Engine::for_challenge(c),
                    challenge::scenario_for(c).speed,
                    None,
                )
            }
            (_, Some((engine, l))) => (engine, nearest_speed(l.speed), Some(Replay::new(l))),
            (_, None) => {
                let s = Scenario::first();
                (Engine::new(s), s.speed, None)
            }
        };
        let mut notice = None;
        if let Some(r) = replay.as_mut() {
            let t0 = crate::browser::now_ms();
            if r.work(&mut engine, || {
                crate::browser::now_ms() - t0 < FIRST_REPLAY_MS
            }) {
                notice = r.notice();
                replay = None;
            }
        }
        let fresh = (engine.now() == 0 && engine.log().iter().all(|e| e.at == 0))
            || (engine.challenge().is_some()
                && engine.log().iter().all(|e| e.by == Actor::Scenario));
        Driver {
            inner: Rc::new(RefCell::new(Inner {
                engine,
                playing: false,
                speed,
                last_ts: None,
                carry: 0.0,
                raf: None,
                published: None,
                end_paused: false,
                stop_at: None,
                fresh,
                on_frame: Callback::noop(),
                on_announce: Callback::noop(),
                announced: 0,
                profile: None,
                write_url: false,
                remembered_at: f64::NEG_INFINITY,
                replay,
                replay_raf: None,
                notice,
                last_full: None,
            })),
        }
    }

    /// Where published frames and announcements go (the app's reducer).
    pub fn connect(&self, on_frame: Callback<Frame>, on_announce: Callback<String>) {
        if self.inner.borrow().replay.is_some() {
            self.schedule_replay();
        }
        let mut d = self.inner.borrow_mut();
        d.on_frame = on_frame;
        d.on_announce = on_announce;
        // Whatever was already on screen counts as announced.
        d.announced = d
            .engine
            .snapshot()
            .events
            .iter()
            .map(|e| e.seq)
            .max()
            .unwrap_or(0);
    }

    /// `?challenge=` in the address follows what is loaded, once the driver keeps the URL (in
    /// the page; not before it is connected, nor in native tests, which have no address).
    fn address_challenge(&self, id: Option<&str>) {
        if self.inner.borrow().write_url {
            crate::browser::set_challenge_param(id);
        }
    }

    /// Keep the URL fragment in sync with what is shown.
    pub fn sync_url(&self, on: bool) {
        self.inner.borrow_mut().write_url = on;
    }

    /// Measure each animation frame's parts (`window.ordinalProfile`).
    pub fn profile(&self, on: bool) {
        self.inner.borrow_mut().profile = on.then_some([0.0; 4]);
    }

    /// The frame as it is now (building a snapshot if anything changed).
    pub fn frame(&self) -> Frame {
        self.inner.borrow_mut().frame()
    }

    pub fn play(&self) {
        self.interrupt();
        {
            let mut d = self.inner.borrow_mut();
            if d.playing {
                return;
            }
            d.playing = true;
            d.fresh = false;
            d.last_ts = None;
        }
        self.schedule();
        self.publish(false);
    }

    pub fn pause(&self) {
        {
            let mut d = self.inner.borrow_mut();
            d.playing = false;
            if d.engine.running().is_none() {
                d.raf = None;
            }
        }
        self.publish(true);
    }

    pub fn toggle(&self) {
        let playing = self.inner.borrow().playing;
        if playing {
            self.pause()
        } else {
            self.play()
        }
    }

    pub fn set_speed(&self, speed: f64) {
        self.inner.borrow_mut().speed = nearest_speed(speed);
        self.publish(true);
    }

    /// Pauses and moves to the next visible change.
    pub fn step(&self) {
        self.interrupt();
        {
            let mut d = self.inner.borrow_mut();
            d.playing = false;
            d.raf = None;
            d.fresh = false;
            d.engine.step();
        }
        self.publish(true);
    }

    /// Pauses and shows the state at `t`.
    pub fn seek(&self, t: Millis) {
        self.interrupt();
        {
            let mut d = self.inner.borrow_mut();
            d.playing = false;
            d.raf = None;
            d.fresh = false;
            d.engine.seek(t);
            // Scrubbing past the end should not pause there again.
            d.end_paused = d.end_paused || t >= d.pause_at();
        }
        self.publish(true);
    }

    /// Runs a command now, as the learner (console, menus, editor); one that lets time pass
    /// then plays (`engine::Running`). Returns its whole output.
    pub fn run(&self, line: &str, stdin: &str) -> CommandOutput {
        self.interrupt();
        let (out, clock) = {
            let mut d = self.inner.borrow_mut();
            d.fresh = false;
            if d.write_url {
                // If this command is what kills the page, the crash screen's link must hold it.
                crate::browser::remember_link(&share::encode(&d.link_running(line, stdin)));
            }
            let out = d.engine.start_user(line, stdin);
            let clock = d.engine.running().is_some() && d.raf.is_none();
            if clock {
                d.last_ts = None;
            }
            (out, clock)
        };
        if clock {
            self.schedule();
        }
        self.publish(true);
        out
    }

    /// Ctrl-C in the console: stops the running command now.
    pub fn interrupt_command(&self) {
        {
            let mut d = self.inner.borrow_mut();
            if !d.engine.interrupt() {
                return;
            }
            if !d.playing {
                d.raf = None;
            }
        }
        self.publish(true);
    }

    /// Undoes the last branch: the timeline from before it is rebuilt, as a shared link is.
    pub fn undo_branch(&self) {
        let link = {
            let d = self.inner.borrow();
            let Some(b) = d.engine.branch() else {
                return;
            };
            let mut link = b.before.clone();
            link.speed = d.speed;
            link
        };
        let Some(engine) = engine_for(&link.scenario) else {
            return;
        };
        let speed = self.inner.borrow().speed;
        self.load_engine(engine);
        {
            let mut d = self.inner.borrow_mut();
            d.speed = speed;
            d.fresh = false;
            d.replay = Some(Replay::new(&link));
        }
        self.schedule_replay();
        self.publish(false);
    }

    /// Starts a scenario from the beginning, paused.
    /// Loads a guided scenario (and leaves any challenge: `?challenge=` goes from the address).
    pub fn load(&self, scenario: &'static Scenario) {
        self.load_engine(Engine::new(scenario));
        self.address_challenge(None);
    }

    /// Starts a challenge from its starting cluster (or, None, goes back to the first scenario).
    pub fn load_challenge(&self, ch: Option<&'static ordinal_challenges::Challenge>) {
        match ch {
            Some(c) => {
                self.load_engine(Engine::for_challenge(c));
                self.address_challenge(Some(c.id));
            }
            None => self.load(Scenario::first()),
        }
    }

    fn load_engine(&self, engine: Engine) {
        let scenario = engine.scenario();
        {
            let mut d = self.inner.borrow_mut();
            d.engine = engine;
            d.playing = false;
            d.raf = None;
            d.speed = scenario.speed;
            d.end_paused = false;
            d.stop_at = None;
            d.fresh = true;
            d.published = None;
            d.announced = 0;
            d.replay = None;
            d.replay_raf = None;
            d.notice = None;
        }
        self.publish(true);
    }

    /// Makes playing pause once at `t` instead of at the scenario's end (an embed's `stop-at`).
    pub fn set_stop_at(&self, t: Option<Millis>) {
        let mut d = self.inner.borrow_mut();
        d.stop_at = t;
        d.end_paused = t.is_some_and(|t| d.engine.now() >= t);
    }

    /// Where playing pauses once: `stop_at`, or the scenario's end.
    pub fn pause_at(&self) -> Millis {
        self.inner.borrow().pause_at()
    }

    /// Stops a shared link's replay where it has got to (the learner keeps that).
    pub fn stop_replay(&self) {
        self.interrupt();
        self.publish(true);
    }

    /// Hides the notice about the link.
    pub fn dismiss_notice(&self) {
        self.inner.borrow_mut().notice = None;
        self.publish(false);
    }

    /// Ends a running replay before the learner's own action, noting where it stopped.
    fn interrupt(&self) {
        let mut d = self.inner.borrow_mut();
        if let Some(r) = d.replay.take() {
            d.replay_raf = None;
            d.fresh = false;
            d.notice = Some(r.stop(&d.engine));
        }
    }

    fn schedule_replay(&self) {
        let me = self.clone();
        let handle = request_animation_frame(move |_| me.on_replay_frame());
        self.inner.borrow_mut().replay_raf = Some(handle);
    }

    fn on_replay_frame(&self) {
        let done = {
            let mut d = self.inner.borrow_mut();
            let Inner { engine, replay, .. } = &mut *d;
            let Some(r) = replay.as_mut() else {
                return;
            };
            let t0 = crate::browser::now_ms();
            if r.work(engine, || crate::browser::now_ms() - t0 < REPLAY_SLICE_MS) {
                d.notice = d.replay.take().and_then(|r| r.notice());
                d.replay_raf = None;
                d.fresh = d.engine.now() == 0 && d.engine.log().iter().all(|e| e.at == 0);
                // Nor is its last slice news.
                let frame = d.frame();
                let _ = d.next_announcement(&frame.snapshot);
                true
            } else {
                false
            }
        };
        if !done {
            self.schedule_replay();
        }
        let light = {
            let d = self.inner.borrow();
            let now = crate::browser::now_ms();
            match d.last_full.as_ref() {
                Some((frame, at)) if !done && now - at < REPLAY_FULL_FRAME_MS => {
                    let mut frame = frame.clone();
                    frame.replay = d.replay.as_ref().map(|r| r.progress(&d.engine));
                    Some((frame, d.on_frame.clone()))
                }
                _ => None,
            }
        };
        match light {
            Some((frame, cb)) => cb.emit(frame),
            None => {
                self.publish(done);
            }
        }
    }

    /// The shareable link for what is on screen now.
    pub fn link(&self) -> Link {
        self.inner.borrow().link()
    }

    /// Publishes the current frame; returns the ms spent building the snapshot (for profiling).
    fn publish(&self, url: bool) -> f64 {
        let t0 = crate::browser::now_ms();
        let (frame, cb, announce, url_text) = {
            let mut d = self.inner.borrow_mut();
            let frame = d.frame();
            let mut announce = d.next_announcement(&frame.snapshot);
            if d.replay.is_some() {
                // What a link replays is not news: only what happens after it is announced.
                announce = None;
            }
            let url_text = (url && d.write_url).then(|| share::encode(&d.link()));
            (
                frame,
                d.on_frame.clone(),
                (announce, d.on_announce.clone()),
                url_text,
            )
        };
        let snapshot_ms = crate::browser::now_ms() - t0;
        self.inner.borrow_mut().last_full = Some((frame.clone(), t0));
        if let Some(text) = url_text {
            crate::browser::replace_fragment(&text);
            crate::browser::remember_link(&text);
        }
        cb.emit(frame);
        if let (Some(text), cb) = announce {
            cb.emit(text);
        }
        snapshot_ms
    }

    fn schedule(&self) {
        let me = self.clone();
        let handle = request_animation_frame(move |ts| me.on_animation_frame(ts));
        self.inner.borrow_mut().raf = Some(handle);
    }

    fn on_animation_frame(&self, ts: f64) {
        let t0 = crate::browser::now_ms();
        let (keep_going, stopped_at_end) = {
            let mut d = self.inner.borrow_mut();
            let running = d.engine.running();
            if !d.playing && running.is_none() {
                return;
            }
            let dt = d
                .last_ts
                .map_or(0.0, |l| (ts - l).clamp(0.0, MAX_FRAME_GAP_MS));
            d.last_ts = Some(ts);
            d.carry += dt * d.speed;
            let whole = d.carry.floor();
            d.carry -= whole;
            let now = d.engine.now();
            let mut target = now + whole as Millis;
            if let Some(r) = running.filter(|_| !d.playing) {
                // Paused: the command's clock stops where it ends.
                target = target.min(r.until);
            }
            if d.write_url && t0 - d.remembered_at >= REMEMBER_EVERY_MS {
                // The fragment is written only when paused; the crash screen needs a link that
                // reaches this frame's instant even if advancing to it is what kills the page.
                d.remembered_at = t0;
                let mut link = d.link();
                link.now = target;
                link.horizon = link.horizon.max(target);
                crate::browser::remember_link(&share::encode(&link));
            }
            let end = d.pause_at();
            let mut stopped = false;
            if running.is_none() && !d.end_paused && now < end && target >= end {
                target = end;
                d.end_paused = true;
                d.playing = false;
                stopped = true;
            }
            // Advance in small chunks until the target or the frame's budget is reached; what is
            // left over is dropped, not carried (a carried backlog would only grow).
            let mut at = now;
            while at < target {
                at = (at + SIM_CHUNK_MS).min(target);
                if !d.engine.advance_to(at) || crate::browser::now_ms() - t0 > SIM_BUDGET_MS {
                    break;
                }
            }
            if d.engine.now() < end && stopped {
                // Could not reach the end within this frame: keep playing towards it.
                d.end_paused = false;
                d.playing = true;
                stopped = false;
            }
            (d.playing || d.engine.running().is_some(), stopped)
        };
        if keep_going {
            self.schedule();
        } else {
            self.inner.borrow_mut().raf = None;
        }
        let t1 = crate::browser::now_ms();
        let snapshot_ms = self.publish(stopped_at_end);
        let t2 = crate::browser::now_ms();
        if let Some(p) = self.inner.borrow_mut().profile.as_mut() {
            p[0] += 1.0;
            p[1] += t1 - t0;
            p[2] += snapshot_ms;
            p[3] += t2 - t1 - snapshot_ms;
            crate::browser::publish_profile(p);
        }
        if stopped_at_end {
            let cb = self.inner.borrow().on_announce.clone();
            cb.emit("The scenario's script is over. Press play to keep going, or try your own commands.".into());
        }
    }
}

/// A fresh engine for the scenario (or challenge) a link names.
fn engine_for(scenario: &str) -> Option<Engine> {
    challenge_of(scenario)
        .map(Engine::for_challenge)
        .or_else(|| Scenario::by_id(scenario).map(Engine::new))
}

impl Inner {
    fn pause_at(&self) -> Millis {
        self.stop_at.unwrap_or(self.engine.scenario().end_ms)
    }

    fn frame(&mut self) -> Frame {
        let version = self.engine.version();
        let stale = self.published.as_ref().is_none_or(|p| p.version != version);
        if stale {
            let snapshot = match &self.published {
                Some(p) => self.engine.snapshot_after(&p.snapshot),
                None => self.engine.snapshot(),
            };
            let layout = Layout::of(&snapshot);
            let commands = self.engine.commands_run();
            let (marks, console) = match self.published.take() {
                Some(p) if p.commands == commands => (p.marks, p.console),
                _ => (
                    PtrEq::new(self.engine.log().iter().map(Mark::from).collect()),
                    PtrEq::new(self.engine.console().cloned().collect()),
                ),
            };
            self.published = Some(Published {
                version,
                commands,
                snapshot: PtrEq::new(snapshot),
                layout: PtrEq::new(layout),
                marks,
                console,
            });
        }
        let p = self.published.as_ref().expect("just published");
        Frame {
            scenario: self.engine.scenario(),
            snapshot: p.snapshot.clone(),
            layout: p.layout.clone(),
            now: self.engine.now(),
            horizon: self.engine.horizon(),
            playing: self.playing,
            speed: self.speed,
            marks: p.marks.clone(),
            console: p.console.clone(),
            narration: self.engine.narration(&p.snapshot),
            fresh: self.fresh,
            prompt: self.engine.prompt(),
            replay: self.replay.as_ref().map(|r| r.progress(&self.engine)),
            notice: self.notice.clone(),
            challenge: self.engine.challenge().map(PtrEq),
            running: self.engine.running().is_some(),
            console_now: self.console_now(),
            after_now: self.engine.commands_after_now(),
            branch: self.engine.branch().map(|b| (b.at, b.replaced)),
        }
    }

    fn link(&self) -> Link {
        self.engine.link(self.speed)
    }

    /// The instant the transcript is drawn at: MAX once all of it has happened (so it does not
    /// re-render on every frame for nothing).
    fn console_now(&self) -> Millis {
        let now = self.engine.now();
        let last = self
            .engine
            .console()
            .last()
            .map(|c| c.output.finished_ms.max(c.at));
        match last {
            Some(t) if t > now => now,
            _ => Millis::MAX,
        }
    }

    /// The link as it will be once `line` has run now (it drops the recorded future, as running
    /// a command does).
    fn link_running(&self, line: &str, stdin: &str) -> Link {
        let mut link = self.link();
        link.horizon = link.now;
        link.commands.retain(|e| e.at <= link.now);
        link.commands.push(Entry {
            at: link.now,
            line: line.trim().to_string(),
            stdin: stdin.to_string(),
            by: Actor::User,
            stopped: None,
        });
        link
    }

    /// The StatefulSet controller's events (and any warning) since the last announcement, in
    /// order. After a seek back nothing is announced: the learner chose to go there.
    fn next_announcement(&mut self, snapshot: &Snapshot) -> Option<String> {
        let newest = snapshot.events.iter().map(|e| e.seq).max().unwrap_or(0);
        if newest < self.announced {
            self.announced = newest;
            return None;
        }
        let said: Vec<String> = snapshot
            .events
            .iter()
            .filter(|e| e.seq > self.announced)
            .filter(|e| e.component == "statefulset-controller" || e.type_ == "Warning")
            .map(|e| format!("{}: {}", e.reason, e.message))
            .collect();
        self.announced = newest;
        if said.is_empty() {
            return None;
        }
        // A polite region is read in full: keep it short.
        let skip = said.len().saturating_sub(3);
        Some(said[skip..].join(". "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(at: Millis, line: &str) -> Entry {
        Entry {
            at,
            line: line.into(),
            stdin: String::new(),
            by: Actor::User,
            stopped: None,
        }
    }

    /// The crash screen's link, written just before a command runs, must rebuild the page with
    /// that command (the one that may be fatal) — and without the future it would discard.
    #[test]
    fn the_link_before_a_command_holds_it_and_drops_the_recorded_future() {
        let seeked_back = Driver::from_link(Some(Link {
            scenario: "ordered-creation".into(),
            now: 10_000,
            horizon: 40_000,
            speed: 1.0,
            commands: vec![user(30_000, "kubectl scale sts web --replicas=3")],
            capped: false,
        }));
        let link = seeked_back
            .inner
            .borrow()
            .link_running("  kubectl scale sts web --replicas=5 ", "");
        let text = share::encode(&link);
        assert!(
            text.starts_with("s=ordered-creation&t=10000&h=10000&"),
            "{text}"
        );
        assert!(!text.contains("replicas%3D3"), "the future is gone: {text}");

        let reopened = Driver::from_link(share::decode(&text));
        let d = reopened.inner.borrow();
        let users: Vec<_> = d
            .engine
            .log()
            .iter()
            .filter(|e| e.by == Actor::User)
            .collect();
        assert_eq!(users, [&user(10_000, "kubectl scale sts web --replicas=5")]);
        assert_eq!(d.engine.now(), 10_000);
        let desired: Vec<i32> = d.engine.snapshot().sets.iter().map(|s| s.desired).collect();
        assert_eq!(desired, [5], "the command ran on reopening");
    }
}
