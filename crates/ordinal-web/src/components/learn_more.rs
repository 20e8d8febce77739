//! "Learn more" links from the panels to the kubernetes.io concept pages the panels summarise.

use yew::prelude::*;

pub const STATEFULSETS: &str =
    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/";
pub const DEPLOYMENTS: &str =
    "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/";
pub const DNS: &str = "https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/";

/// A link whose name starts with its visible words ("Learn more"), then says where it goes.
pub fn learn_more(href: &'static str, topic: &'static str) -> Html {
    html! {
        <a class="learn-more" {href} target="_blank" rel="noopener noreferrer">
            { "Learn more" }<span class="visually-hidden">{ format!(" about {topic} on kubernetes.io") }</span>
        </a>
    }
}
