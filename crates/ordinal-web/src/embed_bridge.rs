//! The browser side of embedding: applies the theme and motion parameters to `<html>`, shows
//! the caption and the parameters' notices, and — when the app runs in a frame — speaks
//! `embed_protocol` with the embedding window: `ready`, `resized` (a ResizeObserver on `.app`),
//! `state`, `finished`, `error`, `ran` out; play, pause, seek, speed, run, load, theme in, obeyed
//! only from `window.parent`.

use crate::driver::Driver;
use crate::embed_params::{EmbedParams, Theme};
use crate::embed_protocol::{self as protocol, In, Out, State};
use crate::scenarios::{Scenario, ALL};
use crate::state::Frame;
use gloo::events::EventListener;
use ordinal_sim::gofmt::quote;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// While playing, wall milliseconds between two `state` messages.
const STATE_EVERY_MS: f64 = 250.0;

/// The embedding window, if the app runs in a frame.
fn parent() -> Option<web_sys::Window> {
    let me = gloo::utils::window();
    let parent = me.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &me)).then_some(parent)
}

/// Posts `msg` to the embedding window (any origin: nothing in it is private, and the loader
/// checks where it came from).
pub fn post(msg: &Out) {
    let Some(parent) = parent() else {
        return;
    };
    // Go's encoding/json (already in the app for kubectl) rather than a second serializer.
    if let Ok(value) = js_sys::JSON::parse(&ordinal_sim::gofmt::json::marshal(&msg.to_json())) {
        let _ = parent.post_message(&value, "*");
    }
}

/// For the challenges feature: tells the embedding page a challenge was solved.
pub fn post_solved(challenge: &str) {
    post(&Out::Solved {
        challenge: challenge.to_string(),
    });
}

/// `<html data-theme>` (absent: follow the system) and `<html data-motion="reduce">`.
fn apply_theme(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match theme.attr() {
            Some(v) => root.set_attribute("data-theme", v),
            None => root.remove_attribute("data-theme"),
        };
    }
}

fn apply_motion(reduce: bool) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = if reduce {
            root.set_attribute("data-motion", "reduce")
        } else {
            root.remove_attribute("data-motion")
        };
    }
}

fn app_size() -> (u32, u32) {
    gloo::utils::document()
        .query_selector(".app")
        .ok()
        .flatten()
        .map_or((0, 0), |el| {
            let r = el.get_bounding_client_rect();
            (r.height().ceil() as u32, r.width().ceil() as u32)
        })
}

fn state_of(frame: &Frame, driver: &Driver) -> State {
    State {
        now: frame.now,
        playing: frame.playing,
        speed: frame.speed,
        end: driver.pause_at(),
    }
}

/// Obeys one message from the embedding window.
fn obey(driver: &Driver, text: &str) {
    match protocol::parse(text) {
        Ok(None) => {}
        Err(message) => post(&Out::Error { message }),
        Ok(Some(msg)) => match msg {
            In::Play => driver.play(),
            In::Pause => driver.pause(),
            In::Seek(t) => driver.seek(t),
            In::Speed(x) => driver.set_speed(x),
            In::Run { command, id } => {
                let out = driver.run(&command, "");
                post(&Out::Ran {
                    id,
                    command,
                    exit_code: out.exit_code,
                    stdout: out.stdout,
                    stderr: out.stderr,
                });
            }
            In::Load(id) => match Scenario::by_id(&id) {
                Some(s) => driver.load(s),
                None => {
                    let ids: Vec<String> = ALL.iter().map(|s| quote(s.id)).collect();
                    post(&Out::Error {
                        message: format!(
                            "load: scenario: Unsupported value: {}: supported values: {}",
                            quote(&id),
                            ids.join(", ")
                        ),
                    });
                }
            },
            In::Theme(t) => apply_theme(Theme::parse(&t).unwrap_or_default()),
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub frame: Frame,
    pub driver: Driver,
    pub params: Rc<EmbedParams>,
}

/// What was last said about the time and play state, and when (wall ms).
struct Said {
    state: Option<State>,
    at: f64,
}

#[function_component(EmbedBridge)]
pub fn embed_bridge(props: &Props) -> Html {
    let dismissed = use_state(|| false);
    let said = use_mut_ref(|| Said {
        state: None,
        at: f64::NEG_INFINITY,
    });

    {
        let (driver, params, frame) = (
            props.driver.clone(),
            props.params.clone(),
            props.frame.clone(),
        );
        use_effect_with((), move |_| {
            apply_theme(params.theme);
            apply_motion(params.reduce_motion);
            let framed = parent().is_some();
            let mut listener = None;
            let mut observer: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)> = None;
            if framed {
                listener = Some({
                    let driver = driver.clone();
                    EventListener::new(&gloo::utils::window(), "message", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                            return;
                        };
                        let from_parent = match (e.source(), parent()) {
                            (Some(source), Some(p)) => js_sys::Object::is(&source, &p),
                            _ => false,
                        };
                        if !from_parent {
                            return;
                        }
                        let Ok(text) = js_sys::JSON::stringify(&e.data()) else {
                            return;
                        };
                        obey(&driver, &String::from(text));
                    })
                });
                let last = Rc::new(RefCell::new((0, 0)));
                let resized = Closure::<dyn FnMut()>::new(move || {
                    let size = app_size();
                    if size != *last.borrow() && size.0 > 0 {
                        *last.borrow_mut() = size;
                        post(&Out::Resized {
                            height: size.0,
                            width: size.1,
                        });
                    }
                });
                if let (Ok(ro), Some(el)) = (
                    web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()),
                    gloo::utils::document()
                        .query_selector(".app")
                        .ok()
                        .flatten(),
                ) {
                    ro.observe(&el);
                    observer = Some((ro, resized));
                }
                let s = frame.scenario;
                post(&Out::Ready {
                    scenario: s.id,
                    title: s.title,
                    state: state_of(&frame, &driver),
                    height: app_size().0,
                });
                for message in &params.notices {
                    post(&Out::Error {
                        message: message.clone(),
                    });
                }
            }
            if params.autoplay {
                driver.play();
            }
            move || {
                drop(listener);
                if let Some((ro, _closure)) = observer {
                    ro.disconnect();
                }
            }
        });
    }

    {
        // Time and play state, after each published frame.
        let state = state_of(&props.frame, &props.driver);
        let scenario = props.frame.scenario.id;
        let said = said.clone();
        use_effect(move || {
            let now = crate::browser::now_ms();
            let mut s = said.borrow_mut();
            let changed = match s.state {
                None => false, // `ready` said the first one
                Some(prev) => {
                    prev.playing != state.playing
                        || prev.speed != state.speed
                        || (!state.playing && prev.now != state.now)
                        || (state.playing && now - s.at >= STATE_EVERY_MS)
                }
            };
            let finished =
                s.state.is_some_and(|p| p.playing) && !state.playing && state.now >= state.end;
            if changed && parent().is_some() {
                post(&Out::State(state));
                if finished {
                    post(&Out::Finished {
                        scenario,
                        at: state.now,
                    });
                }
            }
            if changed || s.state.is_none() {
                s.state = Some(state);
                s.at = now;
            }
        });
    }

    let p = &props.params;
    let caption = p.caption.as_ref().map(|c| {
        html! { <p class="embed-caption">{ c }</p> }
    });
    let notices = (!p.notices.is_empty() && !*dismissed).then(|| {
        let dismiss = {
            let dismissed = dismissed.clone();
            Callback::from(move |_: MouseEvent| dismissed.set(true))
        };
        html! {
            <div class="embed-notices" role="status">
                <ul>
                    { for p.notices.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
                <button type="button" class="embed-dismiss" onclick={dismiss}
                        aria-label="Dismiss these notices">{ "Dismiss" }</button>
            </div>
        }
    });
    html! { <>{ for caption }{ for notices }</> }
}
