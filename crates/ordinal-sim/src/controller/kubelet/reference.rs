//! Image references as the kubelet parses them before pulling anything: distribution/reference's
//! `ParseNormalizedNamed` (normalize.go, reference.go, regexp.go), called from image_manager.go's
//! `applyDefaultImageTag`. A reference that fails here never reaches the registry: the
//! container waits with reason `InvalidImageName`.

const NAME_TOTAL_LENGTH_MAX: usize = 255;
const INVALID: &str = "invalid reference format";

/// The kubelet's message for an image it cannot parse (the event `InspectFailed` and the waiting
/// container's message), or `None` for a valid reference.
pub fn invalid_image_message(image: &str) -> Option<String> {
    let err = parse_normalized_named(image).err()?;
    Some(format!(
        "Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": {err}"
    ))
}

/// `ParseNormalizedNamed`: `Ok` for any reference a container runtime could pull.
pub fn parse_normalized_named(s: &str) -> Result<(), String> {
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or("");
    if remote.to_lowercase() != remote {
        return Err(format!(
            "{INVALID}: repository name ({remote}) must be lowercase"
        ));
    }
    parse(&format!("{domain}/{remainder}"))
}

/// `splitDockerDomain`: a first segment is a registry only if it has a dot or a port, or is
/// `localhost`, or has capitals; otherwise Docker Hub, with `library/` for one-segment names.
fn split_docker_domain(name: &str) -> (String, String) {
    let (mut domain, mut remainder) = match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.to_lowercase() != first =>
        {
            (first.to_string(), rest.to_string())
        }
        _ => ("docker.io".to_string(), name.to_string()),
    };
    if domain == "index.docker.io" {
        domain = "docker.io".into();
    }
    if domain == "docker.io" && !remainder.contains('/') {
        remainder = format!("library/{remainder}");
    }
    (domain, remainder)
}

/// `Parse`: `name [":" tag] ["@" digest]` against the reference grammar.
fn parse(s: &str) -> Result<(), String> {
    if matches_reference(s).is_none() {
        if s.is_empty() {
            return Err("repository name must have at least one component".into());
        }
        if matches_reference(&s.to_lowercase()).is_some() {
            return Err(format!("{INVALID}: repository name must be lowercase"));
        }
        return Err(INVALID.into());
    }
    let (name, digest) = matches_reference(s).unwrap_or_default();
    if name.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(format!(
            "{INVALID}: repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters"
        ));
    }
    match digest {
        Some(d) => validate_digest(d),
        None => Ok(()),
    }
}

/// The name and the digest of a reference that matches the grammar.
fn matches_reference(s: &str) -> Option<(&str, Option<&str>)> {
    let (before_digest, digest) = match s.split_once('@') {
        Some((b, d)) => (b, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let (alg, hex) = d.split_once(':')?;
        let alg_ok = alg.split(['+', '.', '_', '-']).all(|c| {
            c.starts_with(|ch: char| ch.is_ascii_alphabetic())
                && c.chars().all(|ch| ch.is_ascii_alphanumeric())
        });
        if !alg_ok || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
    }
    // A tag follows the last colon after the last slash.
    let last_slash = before_digest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match before_digest[last_slash..].rfind(':') {
        Some(i) => (
            &before_digest[..last_slash + i],
            Some(&before_digest[last_slash + i + 1..]),
        ),
        None => (before_digest, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) || !is_name(name) {
        return None;
    }
    Some((name, digest))
}

/// `digest.Parse`: a supported algorithm and a hex string of its length.
fn validate_digest(d: &str) -> Result<(), String> {
    let (alg, hex) = d.split_once(':').unwrap_or((d, ""));
    let want = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return Err("unsupported digest algorithm".into()),
    };
    if hex.len() != want {
        return Err("invalid checksum digest length".into());
    }
    if hex.chars().any(|c| c.is_ascii_uppercase()) {
        return Err("invalid checksum digest format".into());
    }
    Ok(())
}

/// `tag := [\w][\w.-]{0,127}`
fn is_tag(t: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    t.len() <= 128 && t.starts_with(word) && t.chars().all(|c| word(c) || c == '.' || c == '-')
}

/// `name := [domain '/'] path-component ['/' path-component]*`. The domain is optional in the
/// grammar, so `a_b.c/x` is a valid name of two path components even though `a_b.c` is no host.
fn is_name(name: &str) -> bool {
    let all_paths = |p: &str| p.split('/').all(is_path_component);
    match name.split_once('/') {
        Some((domain, path)) => (is_domain(domain) && all_paths(path)) || all_paths(name),
        None => all_paths(name),
    }
}

/// `domain := host [':' port]`, host a dotted name, an IPv4 address or a bracketed IPv6 one.
fn is_domain(d: &str) -> bool {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        if v6.is_empty() || !v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return false;
        }
        ("v6", after.strip_prefix(':'))
    } else {
        match d.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        }
    };
    let component = |c: &str| {
        !c.is_empty()
            && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            && !c.starts_with('-')
            && !c.ends_with('-')
    };
    host.split('.').all(component)
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// `path-component := [a-z0-9]+ (separator [a-z0-9]+)*`, `separator := [_.] | __ | [-]+`.
fn is_path_component(c: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = c.as_bytes();
    let mut i = 0;
    loop {
        let run = i;
        while i < bytes.len() && alnum(bytes[i]) {
            i += 1;
        }
        if i == run {
            return false;
        }
        if i == bytes.len() {
            return true;
        }
        let sep = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[sep..i];
        if !matches!(sep, "." | "_" | "__") && !sep.bytes().all(|b| b == b'-') {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_references_parse() {
        for ok in [
            "nginx",
            "nginx:1.27",
            "registry.k8s.io/nginx-slim:0.21",
            "localhost:5000/a/b_c__d---e:v1.0-rc_1",
            "busybox@sha256:2c4e2f6a2a9f4f1d6d1f1e5d3c0b8a7e6f5d4c3b2a19081726354453627180ff",
            "[::1]:5000/x",
            "My.Registry.io/app",
        ] {
            assert_eq!(parse_normalized_named(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn invalid_references_say_why_as_upstream() {
        for (image, err) in [
            ("busyBOX", "invalid reference format: repository name (library/busyBOX) must be lowercase"),
            ("<img src=x onerror=alert(1)>", "invalid reference format"),
            ("registry.hub.docker.com/library//nginx:latest", "invalid reference format"),
            (":sha-0b293ab", "invalid reference format"),
            ("nginx:", "invalid reference format"),
            ("a..b", "invalid reference format"),
            ("nginx@sha256:abc", "invalid reference format"),
            ("nginx@md5:0123456789abcdef0123456789abcdef", "unsupported digest algorithm"),
            ("nginx@sha256:0123456789abcdef0123456789abcdef", "invalid checksum digest length"),
            (&"a".repeat(256), "invalid reference format: repository name must not be more than 255 characters"),
            (&"ab".repeat(32), "invalid repository name (abababababababababababababababababababababababababababababababab), cannot specify 64-byte hexadecimal strings"),
        ] {
            assert_eq!(parse_normalized_named(image), Err(err.to_string()), "{image}");
        }
        assert_eq!(
            invalid_image_message("busyBOX").unwrap(),
            "Failed to apply default image tag \"busyBOX\": couldn't parse image name \"busyBOX\": invalid reference format: repository name (library/busyBOX) must be lowercase"
        );
    }
}
