//! Table columns per kind, as the API server's table printers define them
//! (pkg/printers/internalversion/printers.go). `wide` columns have Priority 1.

use super::pod_status;
use ordinal_sim::api::kinds::Printer;
use ordinal_sim::api::*;
use ordinal_sim::time::{human_duration, Millis, Timestamp};

pub struct Col {
    pub name: &'static str,
    pub wide: bool,
}

const fn c(name: &'static str) -> Col {
    Col { name, wide: false }
}

const fn w(name: &'static str) -> Col {
    Col { name, wide: true }
}

const POD: &[Col] = &[
    c("NAME"),
    c("READY"),
    c("STATUS"),
    c("RESTARTS"),
    c("AGE"),
    w("IP"),
    w("NODE"),
    w("NOMINATED NODE"),
    w("READINESS GATES"),
];

const STATEFUL_SET: &[Col] = &[
    c("NAME"),
    c("READY"),
    c("AGE"),
    w("CONTAINERS"),
    w("IMAGES"),
];

const SERVICE: &[Col] = &[
    c("NAME"),
    c("TYPE"),
    c("CLUSTER-IP"),
    c("EXTERNAL-IP"),
    c("PORT(S)"),
    c("AGE"),
    w("SELECTOR"),
];

const ENDPOINT_SLICE: &[Col] = &[
    c("NAME"),
    c("ADDRESSTYPE"),
    c("PORTS"),
    c("ENDPOINTS"),
    c("AGE"),
];

const NODE: &[Col] = &[
    c("NAME"),
    c("STATUS"),
    c("ROLES"),
    c("AGE"),
    c("VERSION"),
    w("INTERNAL-IP"),
    w("EXTERNAL-IP"),
    w("OS-IMAGE"),
    w("KERNEL-VERSION"),
    w("CONTAINER-RUNTIME"),
];

const EVENT: &[Col] = &[
    c("LAST SEEN"),
    c("TYPE"),
    c("REASON"),
    c("OBJECT"),
    w("SUBOBJECT"),
    w("SOURCE"),
    c("MESSAGE"),
    w("FIRST SEEN"),
    w("COUNT"),
    w("NAME"),
];

const NAMESPACE: &[Col] = &[c("NAME"), c("STATUS"), c("AGE")];

const PERSISTENT_VOLUME: &[Col] = &[
    c("NAME"),
    c("CAPACITY"),
    c("ACCESS MODES"),
    c("RECLAIM POLICY"),
    c("STATUS"),
    c("CLAIM"),
    c("STORAGECLASS"),
    c("VOLUMEATTRIBUTESCLASS"),
    c("REASON"),
    c("AGE"),
    w("VOLUMEMODE"),
];

const PERSISTENT_VOLUME_CLAIM: &[Col] = &[
    c("NAME"),
    c("STATUS"),
    c("VOLUME"),
    c("CAPACITY"),
    c("ACCESS MODES"),
    c("STORAGECLASS"),
    c("VOLUMEATTRIBUTESCLASS"),
    c("AGE"),
    w("VOLUMEMODE"),
];

const CONFIG_MAP: &[Col] = &[c("NAME"), c("DATA"), c("AGE")];

const STORAGE_CLASS: &[Col] = &[
    c("NAME"),
    c("PROVISIONER"),
    c("RECLAIMPOLICY"),
    c("VOLUMEBINDINGMODE"),
    c("ALLOWVOLUMEEXPANSION"),
    c("AGE"),
];

const DEPLOYMENT: &[Col] = &[
    c("NAME"),
    c("READY"),
    c("UP-TO-DATE"),
    c("AVAILABLE"),
    c("AGE"),
    w("CONTAINERS"),
    w("IMAGES"),
    w("SELECTOR"),
];

/// ReplicaSets and ReplicationControllers print the same columns.
const REPLICA_SET: &[Col] = &[
    c("NAME"),
    c("DESIRED"),
    c("CURRENT"),
    c("READY"),
    c("AGE"),
    w("CONTAINERS"),
    w("IMAGES"),
    w("SELECTOR"),
];

const CONTROLLER_REVISION: &[Col] = &[c("NAME"), c("CONTROLLER"), c("REVISION"), c("AGE")];

/// The columns of the printer the kind's row in the core's table names.
pub fn columns(kind: Kind) -> &'static [Col] {
    match kind.info().printer {
        Printer::Pod => POD,
        Printer::StatefulSet => STATEFUL_SET,
        Printer::Service => SERVICE,
        Printer::EndpointSlice => ENDPOINT_SLICE,
        Printer::Node => NODE,
        Printer::Event => EVENT,
        Printer::Namespace => NAMESPACE,
        Printer::PersistentVolume => PERSISTENT_VOLUME,
        Printer::PersistentVolumeClaim => PERSISTENT_VOLUME_CLAIM,
        Printer::ConfigMap => CONFIG_MAP,
        Printer::StorageClass => STORAGE_CLASS,
        Printer::ControllerRevision => CONTROLLER_REVISION,
        Printer::Deployment => DEPLOYMENT,
        Printer::ReplicaSet | Printer::ReplicationController => REPLICA_SET,
    }
}

/// translateTimestampSince.
pub fn age(t: Option<Timestamp>, now: Millis) -> String {
    match t {
        None => "<unknown>".into(),
        Some(t) => human_duration(now.saturating_sub(t.ms())),
    }
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// labels.FormatLabels: `a=b,c=d`, `<none>` when empty.
pub fn format_labels(l: &std::collections::BTreeMap<String, String>) -> String {
    if l.is_empty() {
        return "<none>".into();
    }
    l.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order.
pub fn access_modes(modes: &[String]) -> String {
    let order = [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ];
    order
        .iter()
        .filter(|(m, _)| modes.iter().any(|x| x == m))
        .map(|(_, s)| *s)
        .collect::<Vec<_>>()
        .join(",")
}

/// metav1.FormatLabelSelector: `<none>` for a missing or empty selector.
fn label_selector(s: Option<&LabelSelector>) -> String {
    match s.map(LabelSelector::to_selector_string) {
        Some(s) if !s.is_empty() => s,
        _ => "<none>".into(),
    }
}

fn containers_and_images(cs: &[Container]) -> (String, String) {
    (
        cs.iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(","),
        cs.iter()
            .map(|c| c.image.as_str())
            .collect::<Vec<_>>()
            .join(","),
    )
}

fn list_with_more(list: Vec<String>, count: usize) -> String {
    if count > 3 {
        return format!("{} + {} more...", list[..3].join(","), count - 3);
    }
    if list.is_empty() {
        return "<unset>".into();
    }
    list.join(",")
}

/// Every cell of the object's row (wide cells included; the caller drops them when not wide).
pub fn cells(obj: &Object, now: Millis) -> Vec<String> {
    let m = obj.meta();
    let created = age(m.creation_timestamp, now);
    match obj {
        Object::Pod(p) => vec![
            m.name.clone(),
            pod_status::ready(p),
            pod_status::status(p),
            pod_status::restarts(p, now),
            created,
            or_none(&p.status.pod_ip),
            or_none(&p.spec.node_name),
            "<none>".into(),
            "<none>".into(),
        ],
        Object::StatefulSet(s) => {
            let (names, images) = containers_and_images(&s.spec.template.spec.containers);
            vec![
                m.name.clone(),
                format!("{}/{}", s.status.ready_replicas, s.replicas()),
                created,
                names,
                images,
            ]
        }
        Object::Deployment(d) => {
            let (names, images) = containers_and_images(&d.spec.template.spec.containers);
            vec![
                m.name.clone(),
                format!("{}/{}", d.status.ready_replicas, d.replicas()),
                d.status.updated_replicas.to_string(),
                d.status.available_replicas.to_string(),
                created,
                names,
                images,
                label_selector(d.spec.selector.as_ref()),
            ]
        }
        Object::ReplicaSet(r) => {
            let (names, images) = containers_and_images(&r.spec.template.spec.containers);
            vec![
                m.name.clone(),
                r.replicas().to_string(),
                r.status.replicas.to_string(),
                r.status.ready_replicas.to_string(),
                created,
                names,
                images,
                label_selector(r.spec.selector.as_ref()),
            ]
        }
        Object::ReplicationController(r) => {
            let containers = r
                .spec
                .template
                .as_ref()
                .map_or(&[][..], |t| &t.spec.containers);
            let (names, images) = containers_and_images(containers);
            vec![
                m.name.clone(),
                r.replicas().to_string(),
                r.status.replicas.to_string(),
                r.status.ready_replicas.to_string(),
                created,
                names,
                images,
                format_labels(&r.spec.selector),
            ]
        }
        Object::Service(s) => {
            let ip = s
                .spec
                .cluster_ips
                .first()
                .cloned()
                .or_else(|| (!s.spec.cluster_ip.is_empty()).then(|| s.spec.cluster_ip.clone()))
                .unwrap_or_else(|| "<none>".into());
            let ty = if s.spec.type_.is_empty() {
                "ClusterIP".to_string()
            } else {
                s.spec.type_.clone()
            };
            let ports: Vec<String> = s.spec.ports.iter().map(|p| p.port_protocol()).collect();
            let ports = if ports.is_empty() {
                "<none>".to_string()
            } else {
                ports.join(",")
            };
            vec![
                m.name.clone(),
                ty,
                ip,
                "<none>".into(),
                ports,
                created,
                format_labels(&s.spec.selector),
            ]
        }
        Object::EndpointSlice(e) => {
            let ports: Vec<String> = e
                .ports
                .iter()
                .take(3)
                .map(|p| match (p.port, p.name.is_empty()) {
                    (Some(n), _) => n.to_string(),
                    (None, false) => p.name.clone(),
                    (None, true) => "*".into(),
                })
                .collect();
            let addrs: Vec<String> = e
                .endpoints
                .iter()
                .flat_map(|ep| ep.addresses.iter().cloned())
                .collect();
            let n_addrs = addrs.len();
            vec![
                m.name.clone(),
                if e.address_type.is_empty() {
                    "IPv4".into()
                } else {
                    e.address_type.clone()
                },
                list_with_more(ports, e.ports.len()),
                list_with_more(addrs.into_iter().take(3).collect(), n_addrs),
                created,
            ]
        }
        Object::Node(n) => {
            let mut status = vec![match find_condition(&n.status.conditions, "Ready") {
                Some(c) if c.status == "True" => "Ready".to_string(),
                Some(_) => "NotReady".to_string(),
                None => "Unknown".to_string(),
            }];
            if n.spec.unschedulable {
                status.push("SchedulingDisabled".into());
            }
            let mut roles: Vec<String> = n
                .metadata
                .labels
                .iter()
                .filter_map(|(k, v)| {
                    if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
                        (!r.is_empty()).then(|| r.to_string())
                    } else if k == "kubernetes.io/role" && !v.is_empty() {
                        Some(v.clone())
                    } else {
                        None
                    }
                })
                .collect();
            ordinal_sim::sort::sort(&mut roles);
            roles.dedup();
            let info = &n.status.node_info;
            let unknown = |s: &str| {
                if s.is_empty() {
                    "<unknown>".to_string()
                } else {
                    s.to_string()
                }
            };
            let external = n
                .status
                .addresses
                .iter()
                .find(|a| a.type_ == "ExternalIP")
                .map_or("<none>".to_string(), |a| a.address.clone());
            vec![
                m.name.clone(),
                status.join(","),
                if roles.is_empty() {
                    "<none>".into()
                } else {
                    roles.join(",")
                },
                created,
                info.kubelet_version.clone(),
                or_none(n.internal_ip()),
                external,
                unknown(&info.os_image),
                unknown(&info.kernel_version),
                unknown(&info.container_runtime_version),
            ]
        }
        Object::Event(e) => {
            let first = age(e.first_timestamp.or(m.creation_timestamp), now);
            let last = match e.last_timestamp {
                Some(t) => age(Some(t), now),
                None => first.clone(),
            };
            let io = &e.involved_object;
            let target = if io.name.is_empty() {
                io.kind.to_ascii_lowercase()
            } else {
                format!("{}/{}", io.kind.to_ascii_lowercase(), io.name)
            };
            let source = match (e.source.component.as_str(), e.source.host.as_str()) {
                (c, "") => c.to_string(),
                (c, h) => format!("{c}, {h}"),
            };
            vec![
                last,
                e.type_.clone(),
                e.reason.clone(),
                target,
                io.field_path.clone(),
                source,
                e.message.trim().to_string(),
                first,
                e.count.max(1).to_string(),
                m.name.clone(),
            ]
        }
        Object::Namespace(n) => vec![m.name.clone(), n.status.phase.clone(), created],
        Object::PersistentVolume(pv) => {
            let claim = pv
                .spec
                .claim_ref
                .as_ref()
                .map(|c| format!("{}/{}", c.namespace, c.name))
                .unwrap_or_default();
            let phase = if m.deletion_timestamp.is_some() {
                "Terminating".to_string()
            } else {
                pv.status.phase.clone()
            };
            vec![
                m.name.clone(),
                pv.spec
                    .capacity
                    .get("storage")
                    .cloned()
                    .unwrap_or_else(|| "0".into()),
                access_modes(&pv.spec.access_modes),
                pv.spec.persistent_volume_reclaim_policy.clone(),
                phase,
                claim,
                pv.spec.storage_class_name.clone(),
                "<unset>".into(),
                pv.status.reason.clone(),
                created,
                if pv.spec.volume_mode.is_empty() {
                    "<unset>".into()
                } else {
                    pv.spec.volume_mode.clone()
                },
            ]
        }
        Object::PersistentVolumeClaim(c) => {
            let phase = if m.deletion_timestamp.is_some() {
                "Terminating".to_string()
            } else {
                c.status.phase.clone()
            };
            let (capacity, modes) = if c.spec.volume_name.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    c.status
                        .capacity
                        .get("storage")
                        .cloned()
                        .unwrap_or_else(|| "0".into()),
                    access_modes(&c.status.access_modes),
                )
            };
            vec![
                m.name.clone(),
                phase,
                c.spec.volume_name.clone(),
                capacity,
                modes,
                c.spec.storage_class_name.clone().unwrap_or_default(),
                "<unset>".into(),
                created,
                if c.spec.volume_mode.is_empty() {
                    "<unset>".into()
                } else {
                    c.spec.volume_mode.clone()
                },
            ]
        }
        Object::ConfigMap(cm) => vec![m.name.clone(), cm.data.len().to_string(), created],
        Object::StorageClass(sc) => {
            let mut name = m.name.clone();
            let default = m.annotations.get(DEFAULT_CLASS_ANNOTATION).or_else(|| {
                m.annotations
                    .get("storageclass.beta.kubernetes.io/is-default-class")
            });
            if default.is_some_and(|v| v == "true") {
                name.push_str(" (default)");
            }
            vec![
                name,
                sc.provisioner.clone(),
                sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
                sc.volume_binding_mode
                    .clone()
                    .unwrap_or_else(|| "Immediate".into()),
                sc.allow_volume_expansion.unwrap_or(false).to_string(),
                created,
            ]
        }
        Object::ControllerRevision(cr) => {
            let controller = match m.controller_ref() {
                Some(r) => {
                    let group = r.api_version.split_once('/').map_or("", |(g, _)| g);
                    let kind = if group.is_empty() {
                        r.kind.to_ascii_lowercase()
                    } else {
                        format!("{}.{group}", r.kind.to_ascii_lowercase())
                    };
                    format!("{kind}/{}", r.name)
                }
                None => "<none>".into(),
            };
            vec![m.name.clone(), controller, cr.revision.to_string(), created]
        }
    }
}
