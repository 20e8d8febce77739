//! Playback controls: play/pause, step to the next event, speed, and the timeline scrubber with a
//! mark at every command (the learner's and the scenario's, drawn differently; commands too
//! close together share one, `view::timeline`).

use super::icons::{button_icon, ButtonIcon};
use crate::state::{Mark, PtrEq, SPEEDS};
use crate::view::timeline::group_marks;
use ordinal_sim::Millis;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub now: Millis,
    pub extent: Millis,
    pub playing: bool,
    pub speed: f64,
    pub marks: PtrEq<Vec<Mark>>,
    pub on_toggle: Callback<()>,
    pub on_step: Callback<()>,
    pub on_speed: Callback<f64>,
    pub on_seek: Callback<Millis>,
}

/// `1:05.300` (minutes, seconds and milliseconds of simulated time: stepping often moves by a
/// few milliseconds, and the learner should see that it moved).
pub fn clock(ms: Millis) -> String {
    let s = ms / 1000;
    format!("{}:{:02}.{:03}", s / 60, s % 60, ms % 1000)
}

pub fn speed_label(x: f64) -> String {
    if x == 0.25 {
        "¼×".into()
    } else if x == 0.5 {
        "½×".into()
    } else {
        format!("{x}×")
    }
}

#[function_component(Controls)]
pub fn controls(props: &Props) -> Html {
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let step = props.on_step.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let onchange_speed = Callback::from(move |e: Event| {
        if let Some(sel) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            if let Ok(x) = sel.value().parse::<f64>() {
                on_speed.emit(x);
            }
        }
    });
    let on_seek = props.on_seek.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            if let Ok(v) = input.value().parse::<f64>() {
                on_seek.emit(v.max(0.0) as Millis);
            }
        }
    });
    let extent = props.extent.max(1);
    // Regrouped only when the commands or the timeline's length change, not on every frame.
    let groups = use_memo((props.marks.clone(), extent), |(marks, extent)| {
        group_marks(marks, *extent)
    });
    let marks = groups.iter().map(|g| {
        html! {
            <span class={classes!("mark", if g.by_user { "mark-user" } else { "mark-script" },
                                  (g.count > 1).then_some("mark-many"))}
                  ~style={format!("left: {:.2}%", g.pct)}
                  title={g.title.clone()}></span>
        }
    });
    html! {
        <div class="controls" role="group" aria-label="Playback">
            <button class="play" aria-pressed={props.playing.to_string()} onclick={toggle}
                    title="Play or pause (Space)">
                if props.playing {
                    { button_icon(ButtonIcon::Pause) }{ " Pause" }
                } else {
                    { button_icon(ButtonIcon::Play) }{ " Play" }
                }
            </button>
            <button class="step" onclick={step} title="Step to the next event (N)">
                { button_icon(ButtonIcon::Step) }{ " Step" }
            </button>
            <label class="speed">
                <span>{ "Speed" }</span>
                <select onchange={onchange_speed} aria-label="Playback speed">
                    { for SPEEDS.iter().map(|&x| html! {
                        <option value={x.to_string()} selected={x == props.speed}>{ speed_label(x) }</option>
                    }) }
                </select>
            </label>
            <output class="clock" aria-label="Simulated time">{ format!("t = {}", clock(props.now)) }</output>
            <div class="scrubber">
                <input type="range" min="0" max={extent.to_string()} step="100"
                       value={props.now.to_string()} {oninput}
                       aria-label="Timeline: drag to go back or forward in simulated time"
                       aria-valuetext={clock(props.now)} />
                <div class="marks" aria-hidden="true">{ for marks }</div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_minutes_seconds_tenths() {
        assert_eq!(clock(0), "0:00.000");
        assert_eq!(clock(15), "0:00.015");
        assert_eq!(clock(65_300), "1:05.300");
        assert_eq!(speed_label(0.25), "¼×");
        assert_eq!(speed_label(16.0), "16×");
    }
}
