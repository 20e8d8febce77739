//! "Share": a link that reproduces exactly what is on screen (scenario, commands, time, speed).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Builds the link for the current moment.
    pub make_link: Callback<(), String>,
}

#[function_component(ShareBox)]
pub fn share_box(props: &Props) -> Html {
    let link = use_state(|| None::<String>);
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((*link).clone(), move |_| {
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                let _ = i.focus();
                i.select();
            }
        });
    }
    let open = {
        let (link, make) = (link.clone(), props.make_link.clone());
        Callback::from(move |_: MouseEvent| {
            if link.is_some() {
                link.set(None);
            } else {
                link.set(Some(make.emit(())));
            }
        })
    };
    let copy = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = &*link {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let _ = clipboard.write_text(l);
            }
        })
    };
    let onkeydown = {
        let link = link.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                link.set(None);
            }
        })
    };
    html! {
        <div class="share" {onkeydown}>
            <button class="share-button" aria-expanded={link.is_some().to_string()} onclick={open}>{ "Share" }</button>
            if let Some(l) = &*link {
                <div class="share-pop" role="group" aria-label="Link to this moment">
                    <input ref={input} type="text" readonly=true value={l.clone()} aria-label="Link to this moment" />
                    <button onclick={copy}>{ "Copy" }</button>
                </div>
            }
        </div>
    }
}
