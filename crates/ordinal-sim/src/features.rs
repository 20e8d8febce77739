//! The Kubernetes version simulated and its feature gates: behaviour that differs by release.

/// Version- and gate-dependent behaviour (§0.1 in docs/reference/statefulset-controller.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// Kubernetes minor version simulated, 31..=34.
    pub minor: u32,
    /// MaxUnavailableStatefulSet (alpha, off in 1.31–1.34).
    pub max_unavailable_statefulset: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            minor: 33,
            max_unavailable_statefulset: false,
        }
    }
}

impl Features {
    /// node-monitor-grace-period: 40 s up to 1.31, 50 s from 1.32.
    pub fn node_monitor_grace_ms(&self) -> u64 {
        if self.minor <= 31 {
            40_000
        } else {
            50_000
        }
    }
}

/// The gates `Features` models, by their upstream names.
pub const GATES: [&str; 1] = ["MaxUnavailableStatefulSet"];

impl Features {
    /// Sets gates from a `--feature-gates` value, `Name=true,Other=false`, in component-base's
    /// syntax and wording (featuregate.Set): `AllAlpha` / `AllBeta` set every alpha / beta gate
    /// not named explicitly; a name it does not know is an error.
    pub fn set_feature_gates(&mut self, value: &str) -> Result<(), String> {
        let mut named: Vec<(String, bool)> = Vec::new();
        for s in value.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = match s.split_once('=') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => return Err(format!("missing bool value for {}", s.trim())),
            };
            let b = parse_bool(v).ok_or_else(|| {
                format!(
                    "invalid value of {k}={v}, err: strconv.ParseBool: parsing {}: invalid syntax",
                    crate::gofmt::quote(v)
                )
            })?;
            if k != "AllAlpha" && k != "AllBeta" && !GATES.contains(&k) {
                return Err(format!("unrecognized feature gate: {k}"));
            }
            named.push((k.to_string(), b));
        }
        let explicit = |g: &str| named.iter().any(|(k, _)| k == g);
        for (k, b) in &named {
            match k.as_str() {
                // MaxUnavailableStatefulSet is alpha in every release simulated.
                "AllAlpha" if !explicit("MaxUnavailableStatefulSet") => {
                    self.max_unavailable_statefulset = *b
                }
                "MaxUnavailableStatefulSet" => self.max_unavailable_statefulset = *b,
                _ => {}
            }
        }
        Ok(())
    }
}

/// Go's strconv.ParseBool.
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_gates_parse_as_component_base_does() {
        let mut f = Features::default();
        f.set_feature_gates("MaxUnavailableStatefulSet=true")
            .unwrap();
        assert!(f.max_unavailable_statefulset);
        f.set_feature_gates(" MaxUnavailableStatefulSet = false ,")
            .unwrap();
        assert!(!f.max_unavailable_statefulset);
        f.set_feature_gates("AllAlpha=true").unwrap();
        assert!(f.max_unavailable_statefulset);
        f.set_feature_gates("AllAlpha=true,MaxUnavailableStatefulSet=false")
            .unwrap();
        assert!(!f.max_unavailable_statefulset);
        let err = |s: &str| Features::default().set_feature_gates(s).unwrap_err();
        assert_eq!(err("Foo=true"), "unrecognized feature gate: Foo");
        assert_eq!(
            err("MaxUnavailableStatefulSet"),
            "missing bool value for MaxUnavailableStatefulSet"
        );
        assert_eq!(
            err("MaxUnavailableStatefulSet=yes"),
            "invalid value of MaxUnavailableStatefulSet=yes, err: strconv.ParseBool: parsing \"yes\": invalid syntax"
        );
    }
}
