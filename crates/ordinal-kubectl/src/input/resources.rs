//! Resource names as kubectl resolves them (`po`, `sts`, `statefulsets.apps`, `StatefulSet`),
//! plus the `api-resources` table, both read from the core's one table of kinds.

use ordinal_sim::api::kinds::KINDS;
use ordinal_sim::api::Kind;

/// Real Kubernetes types the simulator does not model: `get` lists none of them, and creating
/// one says so plainly instead of pretending.
pub const UNSIMULATED: &[(&str, &str, &str, &str, bool)] = &[
    // (plural, short, kind, apiVersion, namespaced)
    ("daemonsets", "ds", "DaemonSet", "apps/v1", true),
    ("jobs", "", "Job", "batch/v1", true),
    ("cronjobs", "cj", "CronJob", "batch/v1", true),
    ("secrets", "", "Secret", "v1", true),
    ("serviceaccounts", "sa", "ServiceAccount", "v1", true),
    ("endpoints", "ep", "Endpoints", "v1", true),
    ("ingresses", "ing", "Ingress", "networking.k8s.io/v1", true),
    (
        "poddisruptionbudgets",
        "pdb",
        "PodDisruptionBudget",
        "policy/v1",
        true,
    ),
    (
        "horizontalpodautoscalers",
        "hpa",
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
        true,
    ),
    (
        "networkpolicies",
        "netpol",
        "NetworkPolicy",
        "networking.k8s.io/v1",
        true,
    ),
    ("leases", "", "Lease", "coordination.k8s.io/v1", true),
];

pub fn short_names(kind: Kind) -> &'static [&'static str] {
    kind.info().short_names
}

/// What a typed resource argument refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Kind(Kind),
    /// A real type the simulator does not model (plural, kind).
    Unsimulated(&'static str, &'static str),
}

/// Resolves `pods`, `po`, `pod`, `Pod`, `statefulsets.apps`, `statefulset.apps/v1` …
pub fn resolve(name: &str) -> Option<Resolved> {
    let lower = name.to_ascii_lowercase();
    // `resource.group` or `resource.version.group`.
    let (base, group) = match lower.split_once('.') {
        Some((b, g)) => (b.to_string(), Some(g.to_string())),
        None => (lower.clone(), None),
    };
    for t in KINDS {
        let k = t.kind;
        let group_ok = group.as_deref().is_none_or(|g| {
            let kg = k.group();
            g == kg
                || g.ends_with(&format!(".{kg}")) && !kg.is_empty()
                || (kg.is_empty() && (g == "v1" || g.is_empty()))
        });
        if !group_ok {
            continue;
        }
        if base == k.plural()
            || base == t.singular
            || t.short_names.contains(&base.as_str())
            || base == k.name().to_ascii_lowercase()
        {
            return Some(Resolved::Kind(k));
        }
    }
    for (plural, short, kind, _, _) in UNSIMULATED {
        if base == *plural
            || (!short.is_empty() && base == *short)
            || base == kind.to_ascii_lowercase()
            || format!("{base}s") == *plural
        {
            return Some(Resolved::Unsimulated(plural, kind));
        }
    }
    None
}

/// `statefulset.apps` / `pod` — the form kubectl prints before `/name` and in messages.
pub fn kind_string(kind: Kind) -> String {
    let k = kind.name().to_ascii_lowercase();
    match kind.group() {
        "" => k,
        g => format!("{k}.{g}"),
    }
}

/// Kind for a manifest's apiVersion + kind, if simulated.
pub fn kind_for(api_version: &str, kind: &str) -> Option<Kind> {
    KINDS
        .iter()
        .find(|i| i.name == kind && i.api_version == api_version)
        .map(|i| i.kind)
}

/// `kubectl api-resources`.
pub fn api_resources_table() -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "NAME".to_string(),
        "SHORTNAMES".into(),
        "APIVERSION".into(),
        "NAMESPACED".into(),
        "KIND".into(),
    ]];
    for t in KINDS {
        rows.push(vec![
            t.plural.to_string(),
            t.short_names.join(","),
            t.api_version.to_string(),
            t.namespaced.to_string(),
            t.name.to_string(),
        ]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_kubectl_spellings() {
        for n in ["pods", "pod", "po", "Pod", "pods."] {
            assert_eq!(resolve(n), Some(Resolved::Kind(Kind::Pod)), "{n}");
        }
        for n in [
            "sts",
            "statefulset",
            "statefulsets.apps",
            "StatefulSet",
            "statefulsets.v1.apps",
        ] {
            assert_eq!(resolve(n), Some(Resolved::Kind(Kind::StatefulSet)), "{n}");
        }
        assert_eq!(
            resolve("pvc"),
            Some(Resolved::Kind(Kind::PersistentVolumeClaim))
        );
        assert_eq!(resolve("ev"), Some(Resolved::Kind(Kind::Event)));
        assert_eq!(resolve("deploy"), Some(Resolved::Kind(Kind::Deployment)));
        assert_eq!(resolve("rs"), Some(Resolved::Kind(Kind::ReplicaSet)));
        assert_eq!(
            resolve("rc"),
            Some(Resolved::Kind(Kind::ReplicationController))
        );
        assert_eq!(
            resolve("ds"),
            Some(Resolved::Unsimulated("daemonsets", "DaemonSet"))
        );
        assert_eq!(resolve("foos"), None);
        assert_eq!(resolve("pods.apps"), None);
        assert_eq!(kind_string(Kind::StatefulSet), "statefulset.apps");
        assert_eq!(kind_string(Kind::Service), "service");
    }
}
