//! Above the canvas while a shared link is being replayed: its progress and a button to stop
//! there; afterwards, a dismissable note when the link showed less than it asked for.

use crate::components::controls::clock;
use crate::engine::replay::{Notice, Progress};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub progress: Option<Progress>,
    pub notice: Option<Notice>,
    pub on_stop: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// `t = 1:05.000 of 360:00.000 · 12 of 2000 commands`
pub fn progress_text(p: &Progress) -> String {
    let mut text = format!("t = {} of {}", clock(p.at), clock(p.total));
    if p.commands > 0 {
        text.push_str(&format!(
            " · {} of {} commands",
            p.commands_done, p.commands
        ));
    }
    text
}

pub fn notice_text(n: &Notice) -> String {
    match n {
        Notice::Capped { limit, left_out } => {
            let hours = match limit / 3_600_000 {
                1 => "1 hour".to_string(),
                h => format!("{h} hours"),
            };
            let left_out = match left_out {
                0 => String::new(),
                1 => ", without its last command".to_string(),
                n => format!(", without its last {n} commands"),
            };
            format!(
                "This link reaches past the {hours} of simulated time a shared link may \
                 replay, so its timeline ends there{left_out}."
            )
        }
        Notice::Stopped { at, done, commands } if done < commands => format!(
            "Replay stopped at {}: you see the link's first {done} of {commands} commands.",
            clock(*at)
        ),
        Notice::Stopped { at, .. } => format!(
            "Replay stopped at {}: the link's commands all ran, its later time did not.",
            clock(*at)
        ),
    }
}

#[function_component(LinkBanner)]
pub fn link_banner(props: &Props) -> Html {
    if let Some(p) = &props.progress {
        let stop = props.on_stop.reform(|_: MouseEvent| ());
        return html! {
            <div class="link-banner replaying" role="status">
                <span class="link-banner-title">{ "Replaying the shared link…" }</span>
                <progress max={p.total.max(1).to_string()} value={p.at.to_string()}
                          aria-label="Replay progress" />
                <span class="link-banner-detail">{ progress_text(p) }</span>
                <button class="replay-stop" onclick={stop}>{ "Stop here" }</button>
            </div>
        };
    }
    let Some(n) = &props.notice else {
        return html! {};
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="link-banner link-notice" role="status">
            <p>{ notice_text(n) }</p>
            <button class="linkish notice-dismiss" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notices_say_what_was_left_out() {
        let capped = Notice::Capped {
            limit: 6 * 3_600_000,
            left_out: 1994,
        };
        assert_eq!(
            notice_text(&capped),
            "This link reaches past the 6 hours of simulated time a shared link may replay, so its \
             timeline ends there, without its last 1994 commands."
        );
        let stopped = Notice::Stopped {
            at: 65_000,
            done: 3,
            commands: 10,
        };
        assert_eq!(
            notice_text(&stopped),
            "Replay stopped at 1:05.000: you see the link's first 3 of 10 commands."
        );
        let p = Progress {
            at: 65_000,
            total: 130_000,
            commands_done: 3,
            commands: 10,
        };
        assert_eq!(
            progress_text(&p),
            "t = 1:05.000 of 2:10.000 · 3 of 10 commands"
        );
    }
}
