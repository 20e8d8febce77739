//! The headless Service's DNS records that exist right now (they appear as pods become Ready and
//! vanish when they stop being Ready), and a lookup box that resolves names the way a pod in the
//! `default` namespace would (search path `default.svc.cluster.local`, `svc.cluster.local`, …).

use super::learn_more::{learn_more, DNS};
use crate::view::snapshot::{DnsRecord, ZONE};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// PtrEq and reused while unchanged: the panel re-renders only when a record changes.
    pub records: Rc<Vec<DnsRecord>>,
    /// Names of the headless Services.
    pub headless: Vec<String>,
}

/// Answers for `query` from a pod in `default`: the first search-path expansion with records.
pub fn resolve<'a>(records: &'a [DnsRecord], query: &str) -> (String, Vec<&'a DnsRecord>) {
    let q = query.trim().trim_end_matches('.').to_lowercase();
    let candidates = if q.ends_with(ZONE) {
        vec![q.clone()]
    } else {
        vec![
            format!("{q}.default.svc.{ZONE}"),
            format!("{q}.svc.{ZONE}"),
            format!("{q}.{ZONE}"),
            q.clone(),
        ]
    };
    for name in candidates {
        let hits: Vec<&DnsRecord> = records.iter().filter(|r| r.name == name).collect();
        if !hits.is_empty() {
            return (name, hits);
        }
    }
    (q, Vec::new())
}

#[function_component(DnsPanel)]
pub fn dns_panel(props: &Props) -> Html {
    let query = use_state(|| "web-0.nginx".to_string());
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                query.set(i.value());
            }
        })
    };
    let (name, hits) = resolve(&props.records, &query);
    html! {
        <section class="panel dns" aria-labelledby="dns-h">
            <div class="panel-head"><h2 id="dns-h">{ "Headless Service DNS" }</h2>{ learn_more(DNS, "DNS for Services and Pods") }</div>
            if props.headless.is_empty() {
                <p class="muted">{ "No headless Service: pods get no stable DNS names." }</p>
            } else if props.records.is_empty() {
                <p class="muted">{ format!("No records: no pod behind {} is Ready.", props.headless.join(", ")) }</p>
            } else {
                // Focusable: a list that scrolls must be reachable by keyboard (arrows scroll it).
                <ul class="records" tabindex="0" aria-label="DNS records">
                    { for props.records.iter().map(|r| html! {
                        <li key={format!("{}{}{}", r.type_, r.name, r.value)} class="record">
                            <span class="rtype">{ r.type_ }</span>
                            <span class="rname">{ &r.name }</span>
                            <br />
                            <span class="rvalue">{ format!("→ {}", r.value) }</span>
                        </li>
                    }) }
                </ul>
            }
            <form class="lookup" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="dns-query">{ "nslookup" }</label>
                <input id="dns-query" type="text" value={(*query).clone()} {oninput}
                       spellcheck="false" autocomplete="off" />
            </form>
            <p class="lookup-result" aria-live="polite">
                if query.trim().is_empty() {
                    { "" }
                } else if hits.is_empty() {
                    { format!("** server can't find {}: NXDOMAIN", query.trim()) }
                } else {
                    { format!("Name: {name} — {}", hits.iter().map(|r| r.value.as_str()).collect::<Vec<_>>().join(", ")) }
                }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(name: &str, type_: &'static str, value: &str) -> DnsRecord {
        DnsRecord {
            name: name.into(),
            type_,
            value: value.into(),
        }
    }

    #[test]
    fn short_names_expand_through_the_search_path() {
        let records = vec![
            rec("web-0.nginx.default.svc.cluster.local", "A", "10.244.1.2"),
            rec("nginx.default.svc.cluster.local", "A", "10.244.1.2"),
            rec("nginx.default.svc.cluster.local", "A", "10.244.2.2"),
        ];
        let (name, hits) = resolve(&records, "web-0.nginx");
        assert_eq!(name, "web-0.nginx.default.svc.cluster.local");
        assert_eq!(hits.len(), 1);
        assert_eq!(resolve(&records, "nginx").1.len(), 2);
        assert_eq!(
            resolve(&records, "nginx.default.svc.cluster.local.")
                .1
                .len(),
            2
        );
        assert!(resolve(&records, "web-1.nginx").1.is_empty());
    }
}
