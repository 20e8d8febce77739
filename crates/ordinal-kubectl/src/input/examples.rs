//! The kubernetes.io example manifests the StatefulSet Basics tutorial and the Deployment and
//! ReplicaSet pages apply, served at their `https://k8s.io/examples/…` URLs (there is no network;
//! these are the only URLs `-f` reads).

const WEB: &str = include_str!("../../manifests/web.yaml");
const WEB_PARALLEL: &str = include_str!("../../manifests/web-parallel.yaml");
const NGINX_DEPLOYMENT: &str = include_str!("../../manifests/nginx-deployment.yaml");
const FRONTEND: &str = include_str!("../../manifests/frontend.yaml");

/// Every example, by URL.
pub const EXAMPLES: [(&str, &str); 4] = [
    ("https://k8s.io/examples/application/web/web.yaml", WEB),
    (
        "https://k8s.io/examples/application/web/web-parallel.yaml",
        WEB_PARALLEL,
    ),
    (
        "https://k8s.io/examples/controllers/nginx-deployment.yaml",
        NGINX_DEPLOYMENT,
    ),
    (
        "https://k8s.io/examples/controllers/frontend.yaml",
        FRONTEND,
    ),
];

/// The example served at `url`, if any.
pub fn example(url: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(u, _)| *u == url).map(|(_, t)| *t)
}
