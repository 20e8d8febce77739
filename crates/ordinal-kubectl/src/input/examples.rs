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

#[cfg(test)]
mod tests {
    use super::*;

    /// Verbatim copies of kubernetes/website `content/en/examples/…`, kept apart from the served
    /// files so that an edit to one is caught (the tutorial's steps assume these exact bytes:
    /// web.yaml's `nginx-slim:0.21` is what the rolling-update step patches away from).
    const UPSTREAM: [(&str, &str); 4] = [
        (
            "https://k8s.io/examples/application/web/web.yaml",
            include_str!("../../tests/upstream/web.yaml"),
        ),
        (
            "https://k8s.io/examples/application/web/web-parallel.yaml",
            include_str!("../../tests/upstream/web-parallel.yaml"),
        ),
        (
            "https://k8s.io/examples/controllers/nginx-deployment.yaml",
            include_str!("../../tests/upstream/nginx-deployment.yaml"),
        ),
        (
            "https://k8s.io/examples/controllers/frontend.yaml",
            include_str!("../../tests/upstream/frontend.yaml"),
        ),
    ];

    #[test]
    fn every_served_example_is_the_kubernetes_io_file_byte_for_byte() {
        assert_eq!(EXAMPLES.len(), UPSTREAM.len());
        for (url, text) in UPSTREAM {
            assert_eq!(example(url), Some(text), "{url}");
        }
    }

    #[test]
    fn the_tutorials_web_yaml_starts_at_nginx_slim_0_21() {
        let web = example("https://k8s.io/examples/application/web/web.yaml").unwrap();
        assert!(web.contains("image: registry.k8s.io/nginx-slim:0.21\n"));
        assert!(!web.contains("0.24"));
    }
}
