//! The root component: the reducer, the driver, and the page layout.

use crate::browser;
use crate::components::action_menu::ActionMenu;
use crate::components::canvas::ClusterCanvas;
use crate::components::challenge_panel::ChallengePanel;
use crate::components::challenge_picker::ChallengePicker;
use crate::components::console::Console;
use crate::components::controller_panel::ControllerPanel;
use crate::components::controls::Controls;
use crate::components::dns_panel::DnsPanel;
use crate::components::events_panel::EventsPanel;
use crate::components::link_banner::LinkBanner;
use crate::components::live_region::LiveRegion;
use crate::components::narration::Narration;
use crate::components::scenario_picker::ScenarioPicker;
use crate::components::share_box::ShareBox;
use crate::components::workload_panel::WorkloadPanel;
use crate::components::yaml_editor::YamlEditor;
use crate::driver::Driver;
use crate::embed_bridge::EmbedBridge;
use crate::embed_params::{EmbedParams, Layout};
use crate::engine::CommandOutput;
use crate::scenarios::Scenario;
use crate::share;
use crate::state::{Action, Anchor, AppState, Target};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Everything a component can ask for, as callbacks into the driver or the reducer.
#[derive(Clone)]
struct Intents {
    on_toggle: Callback<()>,
    on_step: Callback<()>,
    on_speed: Callback<f64>,
    on_seek: Callback<ordinal_sim::Millis>,
    on_run: Callback<String>,
    on_apply: Callback<String, CommandOutput>,
    on_pick: Callback<&'static Scenario>,
    make_link: Callback<(), String>,
    on_open: Callback<(Target, Anchor)>,
    on_close: Callback<()>,
    on_prefill: Callback<String>,
    on_stop_replay: Callback<()>,
    on_dismiss: Callback<()>,
    on_interrupt: Callback<()>,
    on_undo: Callback<()>,
}

impl Intents {
    fn new(d: Driver, dispatcher: UseReducerDispatcher<AppState>) -> Self {
        let on_toggle = {
            let d = d.clone();
            Callback::from(move |_| d.toggle())
        };
        let on_step = {
            let d = d.clone();
            Callback::from(move |_| d.step())
        };
        let on_speed = {
            let d = d.clone();
            Callback::from(move |x| d.set_speed(x))
        };
        let on_seek = {
            let d = d.clone();
            Callback::from(move |t| d.seek(t))
        };
        let on_run = {
            let d = d.clone();
            Callback::from(move |line: String| {
                d.run(&line, "");
            })
        };
        let on_apply = {
            let d = d.clone();
            Callback::from(move |text: String| -> CommandOutput {
                d.run("kubectl apply -f -", &text)
            })
        };
        let on_stop_replay = {
            let d = d.clone();
            Callback::from(move |_| d.stop_replay())
        };
        let on_dismiss = {
            let d = d.clone();
            Callback::from(move |_| d.dismiss_notice())
        };
        let on_interrupt = {
            let d = d.clone();
            Callback::from(move |_| d.interrupt_command())
        };
        let on_undo = {
            let d = d.clone();
            Callback::from(move |_| d.undo_branch())
        };
        let on_pick = {
            let (d, dispatcher) = (d.clone(), dispatcher.clone());
            Callback::from(move |s: &'static Scenario| {
                dispatcher.dispatch(Action::CloseMenu);
                d.load(s);
            })
        };
        let make_link =
            Callback::from(move |_| browser::url_with_fragment(&share::encode(&d.link())));
        let on_open = {
            let dispatcher = dispatcher.clone();
            Callback::from(move |(t, a): (Target, Anchor)| {
                dispatcher.dispatch(Action::OpenMenu(t, a))
            })
        };
        let on_close = Callback::from(move |_| dispatcher.dispatch(Action::CloseMenu));
        let on_prefill = Callback::from(|line: String| {
            if let Some(input) = gloo::utils::document()
                .get_element_by_id("console-input")
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(&line);
                let _ = input.focus();
            }
        });
        Intents {
            on_toggle,
            on_step,
            on_speed,
            on_seek,
            on_run,
            on_apply,
            on_pick,
            make_link,
            on_open,
            on_close,
            on_prefill,
            on_stop_replay,
            on_dismiss,
            on_interrupt,
            on_undo,
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    // The URL's parameters (docs/embedding.md) set the driver up before the first frame.
    let setup = use_memo((), |_| {
        let mut params = EmbedParams::parse(&browser::query());
        let driver = params.driver(share::decode(&browser::fragment()));
        (driver, Rc::new(params))
    });
    let (driver, params) = (&setup.0, setup.1.clone());
    let state = use_reducer(|| AppState::new(driver.frame()));
    let embed = params.embed;
    let panels = params.panels;
    let profiling = use_memo((), |_| browser::is_profiling());
    let render_started = browser::now_ms();
    {
        // With ?profile=1: how long each render of the whole tree took (the effect runs after
        // the children have rendered).
        let profiling = *profiling;
        use_effect(move || {
            if profiling {
                browser::add_render_time(browser::now_ms() - render_started);
            }
        });
    }

    {
        let (driver, dispatcher) = ((*driver).clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let d = dispatcher.clone();
            driver.connect(
                Callback::from(move |f| d.dispatch(Action::Publish(f))),
                Callback::from(move |t| dispatcher.dispatch(Action::Announce(t))),
            );
            driver.sync_url(true);
            driver.profile(browser::is_profiling());
            browser::mark("ordinal-first-render");
            let keys = crate::hotkeys::listen(driver.clone());
            move || {
                drop(keys);
                driver.pause();
            }
        });
    }

    let f = &state.frame;
    // Callbacks are made once: a new callback would make every child (and every pod card)
    // re-render on every frame.
    let intents = {
        let (driver, dispatcher) = ((*driver).clone(), state.dispatcher());
        use_memo((), move |_| Intents::new(driver, dispatcher))
    };
    let manifest = use_memo(f.scenario.id, |_| f.scenario.manifest());
    let scenario = f.scenario;
    // Challenges: progress in local storage, picking one, clearing the progress.
    let solved = use_state(browser::solved_challenges);
    let solved_now = f
        .challenge
        .as_ref()
        .filter(|v| v.standing == crate::engine::challenge::Standing::Solved)
        .map(|v| v.challenge.id);
    {
        let solved = solved.clone();
        use_effect_with(solved_now, move |id| {
            if let Some(id) = id {
                browser::mark_solved(id);
                solved.set(browser::solved_challenges());
            }
        });
    }
    let on_challenge = {
        let (driver, dispatcher) = ((*driver).clone(), state.dispatcher());
        use_callback((), move |c, _| {
            dispatcher.dispatch(Action::CloseMenu);
            driver.load_challenge(c);
        })
    };
    let on_clear = {
        let solved = solved.clone();
        use_callback((), move |_: (), _| {
            browser::clear_progress();
            solved.set(Vec::new());
        })
    };
    let Intents {
        on_toggle,
        on_step,
        on_speed,
        on_seek,
        on_run,
        on_apply,
        on_pick,
        make_link,
        on_open,
        on_close,
        on_prefill,
        on_stop_replay,
        on_dismiss,
        on_interrupt,
        on_undo,
    } = (*intents).clone();

    let layout = (params.layout == Layout::Side).then_some("layout-side");
    html! {
        <div class={classes!("app", embed.then_some("embed"), layout)}>
            <EmbedBridge frame={f.clone()} driver={(*driver).clone()} params={params.clone()} />
            if !embed {
                <header class="top">
                    <h1>{ "Ordinal" }</h1>
                    <span class="tagline">{ "the StatefulSet controller, step by step" }</span>
                    <div class="top-actions">
                        <ScenarioPicker current={f.scenario.id} on_pick={on_pick.clone()} />
                        <ChallengePicker current={f.challenge.as_ref().map(|v| v.challenge.id)}
                                         solved={(*solved).clone()} on_pick={on_challenge.clone()} />
                        <ShareBox {make_link} />
                    </div>
                </header>
            } else {
                // Embedded, the page chrome is gone; its heading stays for screen readers.
                <h1 class="visually-hidden">{ format!("Ordinal: {}", f.scenario.title) }</h1>
            }
            <main>
                <div class="stage">
                    <LinkBanner progress={f.replay} notice={f.notice.clone()}
                                on_stop={on_stop_replay} {on_dismiss} />
                    if panels.cluster {
                        if let Some(view) = f.challenge.clone() {
                            <ChallengePanel key={view.challenge.id} view={view.clone()} solved={solved.len()}
                                            on_pick={on_challenge.clone()} {on_clear} />
                        } else {
                            <Narration title={f.scenario.title} invite={f.scenario.invite}
                                       narration={f.narration.clone()} fresh={f.fresh}
                                       on_restart={on_pick.reform(move |_| scenario)} />
                        }
                        <Controls now={f.now} extent={f.extent()} playing={f.playing} speed={f.speed}
                                  marks={f.marks.clone()} {on_toggle} {on_step} {on_speed} {on_seek} />
                        <ClusterCanvas snapshot={f.snapshot.clone()} layout={f.layout.clone()} {on_open} />
                    }
                </div>
                if panels.controller || panels.dns {
                    <aside class="side">
                        if panels.controller {
                            <ControllerPanel snapshot={f.snapshot.clone()} />
                            <WorkloadPanel snapshot={f.snapshot.clone()} />
                        }
                        if panels.dns {
                            <DnsPanel records={f.snapshot.dns.clone()}
                                      headless={f.snapshot.services.iter().filter(|v| v.headless).map(|v| v.name.clone()).collect::<Vec<_>>()} />
                        }
                    </aside>
                }
                if panels.console || panels.events {
                    <div class={classes!("bottom", (!(panels.console && panels.events)).then_some("single"))}>
                        if panels.console {
                            <Console entries={f.console.clone()} snapshot={f.snapshot.clone()} on_run={on_run.clone()}
                                     prompt={f.prompt.clone()} now={f.console_now} running={f.running}
                                     after_now={f.after_now} branch={f.branch} {on_interrupt} {on_undo} />
                        }
                        if panels.events {
                            <EventsPanel events={f.snapshot.events.clone()} pod_rows={f.snapshot.pod_rows.clone()}
                                         now_s={f.now / 1000} />
                        }
                    </div>
                }
                if panels.yaml {
                    <div class="manifest">
                        <YamlEditor key={f.scenario.id} initial={(*manifest).clone()} {on_apply} />
                    </div>
                }
            </main>
            <LiveRegion text={state.announcement.clone()} />
            if let Some((target, anchor)) = state.menu.clone().filter(|_| !params.read_only) {
                <ActionMenu {target} {anchor} snapshot={f.snapshot.clone()} {on_run} {on_prefill} {on_close} />
            }
        </div>
    }
}
