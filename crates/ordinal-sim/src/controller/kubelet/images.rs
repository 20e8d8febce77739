//! Container images as the kubelet and containerd see them: normalized references, digests,
//! sizes, pull policy, what the simulated registry has, and the files each image ships.

use crate::fs::Tree;

/// `nginx` → `docker.io/library/nginx:latest`; `registry.k8s.io/nginx-slim:0.8` unchanged.
pub fn normalize(image: &str) -> String {
    let (name, tag) = split_tag(image);
    let first = name.split('/').next().unwrap_or("");
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_registry {
        name.to_string()
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    match tag {
        Reference::Digest(d) => format!("{full}@{d}"),
        Reference::Tagged(t) => format!("{full}:{t}"),
        Reference::Untagged => format!("{full}:latest"),
    }
}

enum Reference<'a> {
    Untagged,
    Tagged(&'a str),
    Digest(&'a str),
}

fn split_tag(image: &str) -> (&str, Reference<'_>) {
    if let Some((n, d)) = image.split_once('@') {
        return (n, Reference::Digest(d));
    }
    match image.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, Reference::Tagged(t)),
        _ => (image, Reference::Untagged),
    }
}

/// The last path segment without tag: `registry.k8s.io/nginx-slim:0.8` → `nginx-slim`.
pub fn short_name(image: &str) -> &str {
    let (name, _) = split_tag(image);
    name.rsplit('/').next().unwrap_or(name)
}

/// The effective pull policy (API default: `Always` for `:latest` or untagged, else
/// `IfNotPresent`).
pub fn pull_policy<'a>(image: &str, spec_policy: &'a str) -> &'a str {
    if !spec_policy.is_empty() {
        return spec_policy;
    }
    match split_tag(image).1 {
        Reference::Untagged => "Always",
        Reference::Tagged("latest") => "Always",
        _ => "IfNotPresent",
    }
}

/// The simulated registry serves every image except ones whose tag or name says it does not
/// exist (the way tutorials break a rollout: `nginx:does-not-exist`).
pub fn exists_in_registry(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    ![
        "nonexist",
        "does-not-exist",
        "doesnotexist",
        "notfound",
        "not-found",
        "invalid",
        "no-such",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// containerd's error for a missing image.
pub fn pull_error(image: &str) -> String {
    let full = normalize(image);
    format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
    )
}

fn fnv(data: &str, seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in data.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A stable sha256-looking digest for an image reference.
pub fn digest(image: &str) -> String {
    let full = normalize(image);
    (0..4).map(|i| format!("{:016x}", fnv(&full, i))).collect()
}

/// `docker.io/library/nginx@sha256:…` as containerStatuses[].imageID shows it.
pub fn image_id(image: &str) -> String {
    let full = normalize(image);
    let repo = match full.split_once('@') {
        Some((r, _)) => r.to_string(),
        None => match full.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => r.to_string(),
            _ => full.clone(),
        },
    };
    format!("{repo}@sha256:{}", digest(image))
}

/// Compressed size in bytes, roughly what the real images weigh.
pub fn size_bytes(image: &str) -> u64 {
    let known: &[(&str, u64)] = &[
        ("nginx", 72_099_410),
        ("nginx-slim", 47_321_108),
        ("httpd", 58_171_842),
        ("busybox", 2_155_563),
        ("alpine", 3_653_720),
        ("agnhost", 51_229_781),
        ("redis", 45_712_108),
        ("postgres", 158_307_213),
        ("mysql", 172_012_345),
        ("ubuntu", 29_754_422),
        ("debian", 48_491_243),
        ("pause", 320_368),
    ];
    let name = short_name(image);
    known
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or_else(|| 8_000_000 + fnv(&normalize(image), 7) % 120_000_000)
}

/// How long a pull takes: the profile's base scaled by size; a digest check when cached.
pub fn pull_ms(image: &str, base_ms: u64, cached: bool) -> u64 {
    if cached {
        return (base_ms / 6).max(1);
    }
    let factor_permille = (size_bytes(image) * 1000 / 60_000_000).clamp(300, 2500);
    (base_ms * factor_permille / 1000).max(1)
}

/// What kind of program an image runs by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    /// nginx: serves files from `/usr/share/nginx/html` on port 80.
    Nginx,
    /// Apache httpd: serves `/usr/local/apache2/htdocs` on port 80.
    Httpd,
    /// A shell-only image (busybox, alpine, ubuntu…): exits at once without a command.
    Shell,
    /// Anything else: a long-running daemon.
    Daemon,
}

pub fn kind(image: &str) -> ImageKind {
    let n = short_name(image);
    if n.starts_with("nginx") {
        ImageKind::Nginx
    } else if n.starts_with("httpd") || n.starts_with("apache") {
        ImageKind::Httpd
    } else if [
        "busybox", "alpine", "ubuntu", "debian", "centos", "fedora", "bash",
    ]
    .contains(&n)
    {
        ImageKind::Shell
    } else {
        ImageKind::Daemon
    }
}

pub const NGINX_DOCROOT: &str = "/usr/share/nginx/html";
pub const HTTPD_DOCROOT: &str = "/usr/local/apache2/htdocs";

const NGINX_INDEX: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";

const HTTPD_INDEX: &str = "<html><body><h1>It works!</h1></body></html>\n";

/// The files an image ships: a minimal Linux layout plus the web server's content.
pub fn layer(image: &str) -> Tree {
    let dirs = [
        "/bin", "/dev", "/etc", "/home", "/lib", "/proc", "/root", "/run", "/sbin", "/sys", "/tmp",
        "/usr", "/var",
    ];
    match kind(image) {
        ImageKind::Nginx => Tree::from_files(
            &dirs,
            &[
                ("/usr/share/nginx/html/index.html", NGINX_INDEX),
                ("/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n"),
                ("/etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n"),
            ],
        ),
        ImageKind::Httpd => Tree::from_files(&dirs, &[("/usr/local/apache2/htdocs/index.html", HTTPD_INDEX)]),
        _ => Tree::from_files(&dirs, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(normalize("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(normalize("nginx:1.27"), "docker.io/library/nginx:1.27");
        assert_eq!(normalize("bitnami/redis:7"), "docker.io/bitnami/redis:7");
        assert_eq!(
            normalize("registry.k8s.io/nginx-slim:0.8"),
            "registry.k8s.io/nginx-slim:0.8"
        );
        assert_eq!(short_name("registry.k8s.io/nginx-slim:0.8"), "nginx-slim");
        assert_eq!(pull_policy("nginx", ""), "Always");
        assert_eq!(pull_policy("nginx:1.27", ""), "IfNotPresent");
        assert!(image_id("nginx").starts_with("docker.io/library/nginx@sha256:"));
        assert_eq!(digest("nginx").len(), 64);
        assert!(!exists_in_registry("nginx:does-not-exist"));
        assert!(exists_in_registry("nginx:1.27"));
    }
}
