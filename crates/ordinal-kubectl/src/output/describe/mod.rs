//! `kubectl describe` texts, following k8s.io/kubectl/pkg/describe/describe.go: a PrefixWriter
//! (two spaces per level) over a tabwriter with padding 2, events at the end. The describers of
//! Deployments, ReplicaSets and ReplicationControllers are in `workloads.rs`.

mod workloads;
pub use workloads::{deployment, replicaset, replication_controller};

use crate::output::printers::columns::{access_modes, age, format_labels};
use crate::output::table::TabWriter;
use ordinal_sim::api::*;
use ordinal_sim::gofmt::rfc1123z;
use ordinal_sim::time::{Millis, Timestamp};

const MAX_ANNOTATION_LEN: usize = 140;
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Text with `\t` cell separators, aligned at the end.
pub(super) struct W {
    buf: String,
}

impl W {
    pub(super) fn new() -> W {
        W { buf: String::new() }
    }

    pub(super) fn write(&mut self, level: usize, s: &str) {
        self.buf.push_str(&"  ".repeat(level));
        self.buf.push_str(s);
    }

    pub(super) fn line(&mut self, level: usize, s: &str) {
        self.write(level, s);
        self.buf.push('\n');
    }

    pub(super) fn finish(self) -> String {
        let mut tw = TabWriter::describe();
        tw.write(&self.buf);
        tw.flush()
    }
}

pub(super) fn time_or_unknown(t: Option<Timestamp>) -> String {
    t.map_or_else(
        || "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
        |t| rfc1123z(t.ms()),
    )
}

pub(super) fn labels_multiline(w: &mut W, initial: &str, title: &str, labels: &Labels) {
    w.write(0, &format!("{initial}{title}:\t"));
    if labels.is_empty() {
        w.buf.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, &format!("{initial}\t"));
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

pub(super) fn annotations_multiline(
    w: &mut W,
    title: &str,
    ann: &std::collections::BTreeMap<String, String>,
) {
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<&String> = ann.keys().filter(|k| *k != LAST_APPLIED).collect();
    if keys.is_empty() {
        w.buf.push_str("<none>\n");
        return;
    }
    for (i, key) in keys.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = ann[*key].trim_end_matches('\n');
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for s in value.split('\n') {
                let short = if s.len() > MAX_ANNOTATION_LEN - 2 {
                    format!("{}...", &s[..floor_char(s, MAX_ANNOTATION_LEN - 2)])
                } else {
                    s.to_string()
                };
                w.write(0, &format!("\t  {short}\n"));
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn tolerations_multiline(w: &mut W, initial: &str, title: &str, tolerations: &[Toleration]) {
    w.write(0, &format!("{initial}{title}:\t"));
    if tolerations.is_empty() {
        w.buf.push_str("<none>\n");
        return;
    }
    let mut ts: Vec<&Toleration> = tolerations.iter().collect();
    ordinal_sim::sort::sort_by(&mut ts, |a, b| a.key.cmp(&b.key));
    for (i, t) in ts.iter().enumerate() {
        if i != 0 {
            w.write(0, &format!("{initial}\t"));
        }
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            s.push_str(&format!(":{}", t.effect));
        }
        if t.operator == "Exists" && t.value.is_empty() {
            if !t.key.is_empty() || !t.effect.is_empty() {
                s.push_str(" op=Exists");
            } else {
                s.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{s}\n"));
    }
}

/// The Events table, or `Events: <none>`.
pub(super) fn events(w: &mut W, evs: &[&Event], now: Millis) {
    if evs.is_empty() {
        w.line(0, "Events:\t<none>");
        return;
    }
    let mut evs: Vec<&Event> = evs.to_vec();
    // SortableEvents orders by lastTimestamp; events from the same instant keep creation order.
    ordinal_sim::sort::sort_by_key(&mut evs, |e| {
        (
            e.last_timestamp.or(e.first_timestamp),
            e.metadata.resource_version.parse::<u64>().unwrap_or(0),
        )
    });
    w.line(0, "Events:");
    w.line(1, "Type\tReason\tAge\tFrom\tMessage");
    w.line(1, "----\t------\t----\t----\t-------");
    for e in evs {
        let first = age(e.first_timestamp, now);
        let interval = if e.count > 1 {
            format!("{} (x{} over {first})", age(e.last_timestamp, now), e.count)
        } else {
            first
        };
        let source = if e.source.component.is_empty() {
            e.reporting_component.clone()
        } else {
            e.source.component.clone()
        };
        w.line(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{}",
                e.type_,
                e.reason,
                e.message.trim()
            ),
        );
    }
}

fn probe_text(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    );
    let port = |p: &IntOrString| match p {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    };
    if let Some(e) = &p.exec {
        return format!("exec [{}] {attrs}", e.command.join(" "));
    }
    if let Some(h) = &p.http_get {
        let scheme = if h.scheme.is_empty() {
            "http".to_string()
        } else {
            h.scheme.to_ascii_lowercase()
        };
        return format!("http-get {scheme}://:{}{} {attrs}", port(&h.port), h.path);
    }
    if let Some(t) = &p.tcp_socket {
        return format!("tcp-socket :{} {attrs}", port(&t.port));
    }
    format!("unknown {attrs}")
}

fn container_section(
    w: &mut W,
    label: &str,
    containers: &[Container],
    statuses: Option<&[ContainerStatus]>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.line(0, &format!("{space}{label}:{none}"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let st = statuses.and_then(|s| s.iter().find(|x| x.name == c.name));
        w.line(1, &format!("{name_indent}{}:", c.name));
        if let Some(s) = st {
            w.line(2, &format!("Container ID:\t{}", s.container_id));
        }
        w.line(2, &format!("Image:\t{}", c.image));
        if let Some(s) = st {
            w.line(2, &format!("Image ID:\t{}", s.image_id));
        }
        let proto = |p: &ContainerPort| {
            if p.protocol.is_empty() {
                "TCP".to_string()
            } else {
                p.protocol.clone()
            }
        };
        let ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.container_port, proto(p)))
            .collect();
        let host: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.host_port.unwrap_or(0), proto(p)))
            .collect();
        let or_none = |v: Vec<String>| {
            if v.is_empty() {
                "<none>".to_string()
            } else {
                v.join(", ")
            }
        };
        if ports.len() > 1 {
            w.line(2, &format!("Ports:\t{}", ports.join(", ")));
            w.line(2, &format!("Host Ports:\t{}", host.join(", ")));
        } else {
            w.line(2, &format!("Port:\t{}", or_none(ports)));
            w.line(2, &format!("Host Port:\t{}", or_none(host)));
        }
        if !c.command.is_empty() {
            w.line(2, "Command:");
            for s in &c.command {
                for l in s.split('\n') {
                    w.line(3, l);
                }
            }
        }
        if !c.args.is_empty() {
            w.line(2, "Args:");
            for s in &c.args {
                for l in s.split('\n') {
                    w.line(3, l);
                }
            }
        }
        if let Some(s) = st {
            container_state(w, "State", &s.state);
            if s.last_state.terminated.is_some() {
                container_state(w, "Last State", &s.last_state);
            }
            w.line(
                2,
                &format!("Ready:\t{}", if s.ready { "True" } else { "False" }),
            );
            w.line(2, &format!("Restart Count:\t{}", s.restart_count));
        }
        if !c.resources.limits.is_empty() {
            w.line(2, "Limits:");
            for (k, v) in &c.resources.limits {
                w.line(3, &format!("{k}:\t{v}"));
            }
        }
        if !c.resources.requests.is_empty() {
            w.line(2, "Requests:");
            for (k, v) in &c.resources.requests {
                w.line(3, &format!("{k}:\t{v}"));
            }
        }
        if let Some(p) = &c.liveness_probe {
            w.line(2, &format!("Liveness:\t{}", probe_text(p)));
        }
        if let Some(p) = &c.readiness_probe {
            w.line(2, &format!("Readiness:\t{}", probe_text(p)));
        }
        if let Some(p) = &c.startup_probe {
            w.line(2, &format!("Startup:\t{}", probe_text(p)));
        }
        if c.env.is_empty() {
            w.line(2, "Environment:\t<none>");
        } else {
            w.line(2, "Environment:");
            for e in &c.env {
                w.line(3, &format!("{}:\t{}", e.name, e.value));
            }
        }
        if c.volume_mounts.is_empty() {
            w.line(2, "Mounts:\t<none>");
        } else {
            w.line(2, "Mounts:");
            let mut mounts: Vec<&VolumeMount> = c.volume_mounts.iter().collect();
            ordinal_sim::sort::sort_by(&mut mounts, |a, b| a.mount_path.cmp(&b.mount_path));
            for m in mounts {
                let flag = if m.read_only { "ro" } else { "rw" };
                w.line(3, &format!("{} from {} ({flag})", m.mount_path, m.name));
            }
        }
    }
}

fn container_state(w: &mut W, name: &str, s: &ContainerState) {
    if let Some(r) = &s.running {
        w.line(2, &format!("{name}:\tRunning"));
        w.line(3, &format!("Started:\t{}", time_or_unknown(r.started_at)));
    } else if let Some(wt) = &s.waiting {
        w.line(2, &format!("{name}:\tWaiting"));
        if !wt.reason.is_empty() {
            w.line(3, &format!("Reason:\t{}", wt.reason));
        }
    } else if let Some(t) = &s.terminated {
        w.line(2, &format!("{name}:\tTerminated"));
        if !t.reason.is_empty() {
            w.line(3, &format!("Reason:\t{}", t.reason));
        }
        w.line(3, &format!("Exit Code:\t{}", t.exit_code));
        w.line(3, &format!("Started:\t{}", time_or_unknown(t.started_at)));
        w.line(3, &format!("Finished:\t{}", time_or_unknown(t.finished_at)));
    } else {
        w.line(2, &format!("{name}:\tWaiting"));
    }
}

fn volumes(w: &mut W, vols: &[Volume], space: &str) {
    if vols.is_empty() {
        w.line(0, &format!("{space}Volumes:\t<none>"));
        return;
    }
    w.line(0, &format!("{space}Volumes:"));
    let indent = if space.is_empty() { "" } else { " " };
    for v in vols {
        w.line(1, &format!("{indent}{}:", v.name));
        if let Some(c) = &v.persistent_volume_claim {
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n");
            w.write(
                0,
                &format!(
                    "    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    c.claim_name, c.read_only
                ),
            );
        } else if let Some(h) = &v.host_path {
            let t = if h.type_.is_empty() {
                "<none>"
            } else {
                &h.type_
            };
            w.write(2, "Type:\tHostPath (bare host directory volume)\n");
            w.write(
                0,
                &format!("    Path:\t{}\n    HostPathType:\t{t}\n", h.path),
            );
        } else if v.empty_dir.is_some() {
            w.write(
                2,
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n",
            );
            w.write(0, "    Medium:\t\n    SizeLimit:\t<unset>\n");
        } else if let Some(cm) = &v.config_map {
            let name = cm.get("name").and_then(|n| n.as_str()).unwrap_or("");
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
            w.write(0, &format!("    Name:\t{name}\n    Optional:\tfalse\n"));
        } else {
            w.line(2, "<unknown>");
        }
    }
}

/// QoS class as the API server computes it (BestEffort / Burstable / Guaranteed).
fn qos(p: &Pod) -> String {
    if !p.status.qos_class.is_empty() {
        return p.status.qos_class.clone();
    }
    let any = p
        .spec
        .containers
        .iter()
        .any(|c| !c.resources.requests.is_empty() || !c.resources.limits.is_empty());
    if !any {
        return "BestEffort".into();
    }
    let guaranteed = p.spec.containers.iter().all(|c| {
        ["cpu", "memory"].iter().all(|r| {
            c.resources.limits.contains_key(*r)
                && c.resources
                    .requests
                    .get(*r)
                    .is_none_or(|q| Some(q) == c.resources.limits.get(*r))
        })
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
    .into()
}

pub(super) fn controlled_by(m: &ObjectMeta) -> Option<String> {
    m.controller_ref().map(|r| format!("{}/{}", r.kind, r.name))
}

pub fn pod(p: &Pod, evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &p.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    w.line(0, "Priority:\t0");
    if !p.spec.service_account_name.is_empty() {
        w.line(
            0,
            &format!("Service Account:\t{}", p.spec.service_account_name),
        );
    }
    if p.spec.node_name.is_empty() {
        w.line(0, "Node:\t<none>");
    } else {
        w.line(
            0,
            &format!("Node:\t{}/{}", p.spec.node_name, p.status.host_ip),
        );
    }
    if let Some(t) = p.status.start_time {
        w.line(0, &format!("Start Time:\t{}", rfc1123z(t.ms())));
    }
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    let terminal = matches!(p.status.phase.as_str(), "Failed" | "Succeeded");
    if let (Some(d), false) = (m.deletion_timestamp, terminal) {
        w.line(
            0,
            &format!("Status:\tTerminating (lasts {})", age(Some(d), now)),
        );
        w.line(
            0,
            &format!(
                "Termination Grace Period:\t{}s",
                m.deletion_grace_period_seconds.unwrap_or(0)
            ),
        );
    } else {
        w.line(0, &format!("Status:\t{}", p.status.phase));
    }
    if !p.status.reason.is_empty() {
        w.line(0, &format!("Reason:\t{}", p.status.reason));
    }
    if !p.status.message.is_empty() {
        w.line(0, &format!("Message:\t{}", p.status.message));
    }
    w.line(0, &format!("IP:\t{}", p.status.pod_ip));
    if p.status.pod_ip.is_empty() {
        w.line(0, "IPs:\t<none>");
    } else {
        w.line(0, "IPs:");
        w.line(1, &format!("IP:\t{}", p.status.pod_ip));
    }
    if let Some(c) = controlled_by(m) {
        w.line(0, &format!("Controlled By:\t{c}"));
    }
    container_section(
        &mut w,
        "Containers",
        &p.spec.containers,
        Some(&p.status.container_statuses),
        "",
    );
    if !p.status.conditions.is_empty() {
        w.line(0, "Conditions:");
        w.line(1, "Type\tStatus");
        for c in &p.status.conditions {
            w.line(1, &format!("{} \t{} ", c.type_, c.status));
        }
    }
    volumes(&mut w, &p.spec.volumes, "");
    w.line(0, &format!("QoS Class:\t{}", qos(p)));
    labels_multiline(&mut w, "", "Node-Selectors", &p.spec.node_selector);
    tolerations_multiline(&mut w, "", "Tolerations", &p.spec.tolerations);
    events(&mut w, evs, now);
    w.finish()
}

/// Pod counts by phase for `Pods Status:` (running, waiting, succeeded, failed).
pub fn phase_counts(pods: &[&Pod]) -> (usize, usize, usize, usize) {
    let mut c = (0, 0, 0, 0);
    for p in pods {
        match p.status.phase.as_str() {
            "Running" => c.0 += 1,
            "Pending" => c.1 += 1,
            "Succeeded" => c.2 += 1,
            "Failed" => c.3 += 1,
            _ => {}
        }
    }
    c
}

pub fn statefulset(s: &StatefulSet, pods: &[&Pod], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &s.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    w.line(
        0,
        &format!(
            "CreationTimestamp:\t{}",
            time_or_unknown(m.creation_timestamp)
        ),
    );
    let sel = s
        .spec
        .selector
        .as_ref()
        .map(|x| x.to_selector_string())
        .unwrap_or_default();
    w.line(0, &format!("Selector:\t{sel}"));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(
        0,
        &format!(
            "Replicas:\t{} desired | {} total",
            s.replicas(),
            s.status.replicas
        ),
    );
    w.line(
        0,
        &format!("Update Strategy:\t{}", s.update_strategy_type()),
    );
    if let Some(ru) = s.rolling_update() {
        if let Some(p) = ru.partition {
            w.line(1, &format!("Partition:\t{p}"));
            if let Some(mu) = &ru.max_unavailable {
                let t = match mu {
                    IntOrString::Int(i) => i.to_string(),
                    IntOrString::String(x) => x.clone(),
                };
                w.line(1, &format!("MaxUnavailable:\t{t}"));
            }
        }
    }
    let (r, wt, su, f) = phase_counts(pods);
    w.line(
        0,
        &format!("Pods Status:\t{r} Running / {wt} Waiting / {su} Succeeded / {f} Failed"),
    );
    template_section(&mut w, &s.spec.template);
    if s.spec.volume_claim_templates.is_empty() {
        w.line(0, "Volume Claims:\t<none>");
    } else {
        w.line(0, "Volume Claims:");
        for t in &s.spec.volume_claim_templates {
            w.line(1, &format!("Name:\t{}", t.metadata.name));
            w.line(
                1,
                &format!(
                    "StorageClass:\t{}",
                    t.spec.storage_class_name.clone().unwrap_or_default()
                ),
            );
            labels_multiline(&mut w, "  ", "Labels", &t.metadata.labels);
            labels_multiline(&mut w, "  ", "Annotations", &t.metadata.annotations);
            let cap = t
                .spec
                .resources
                .requests
                .get("storage")
                .cloned()
                .unwrap_or_else(|| "<default>".into());
            w.line(1, &format!("Capacity:\t{cap}"));
            w.line(
                1,
                &format!("Access Modes:\t[{}]", t.spec.access_modes.join(" ")),
            );
        }
    }
    events(&mut w, evs, now);
    w.finish()
}

/// DescribePodTemplate.
pub(super) fn template_section(w: &mut W, t: &PodTemplateSpec) {
    w.line(0, "Pod Template:");
    labels_multiline(w, "  ", "Labels", &t.metadata.labels);
    if !t.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &t.metadata.annotations);
    }
    if !t.spec.service_account_name.is_empty() {
        w.line(
            1,
            &format!("Service Account:\t{}", t.spec.service_account_name),
        );
    }
    container_section(w, "Containers", &t.spec.containers, None, "  ");
    volumes(w, &t.spec.volumes, "  ");
    labels_multiline(w, "  ", "Node-Selectors", &t.spec.node_selector);
    tolerations_multiline(w, "  ", "Tolerations", &t.spec.tolerations);
}

/// `rollout history --revision=N` prints the template through a PrefixWriter without a
/// tabwriter, so the tabs stay in the text.
pub fn pod_template(t: &PodTemplateSpec) -> String {
    let mut w = W::new();
    template_section(&mut w, t);
    w.buf
}

pub fn pvc(c: &PersistentVolumeClaim, used_by: &[String], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &c.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    w.line(
        0,
        &format!(
            "StorageClass:\t{}",
            c.spec.storage_class_name.clone().unwrap_or_default()
        ),
    );
    match m.deletion_timestamp {
        Some(d) => w.line(
            0,
            &format!("Status:\tTerminating (lasts {})", age(Some(d), now)),
        ),
        None => w.line(0, &format!("Status:\t{}", c.status.phase)),
    }
    w.line(0, &format!("Volume:\t{}", c.spec.volume_name));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(0, &format!("Finalizers:\t[{}]", m.finalizers.join(" ")));
    let (cap, modes) = if c.spec.volume_name.is_empty() {
        (String::new(), String::new())
    } else {
        (
            c.status
                .capacity
                .get("storage")
                .cloned()
                .unwrap_or_default(),
            access_modes(&c.status.access_modes),
        )
    };
    w.line(0, &format!("Capacity:\t{cap}"));
    w.line(0, &format!("Access Modes:\t{modes}"));
    if !c.spec.volume_mode.is_empty() {
        w.line(0, &format!("VolumeMode:\t{}", c.spec.volume_mode));
    }
    w.write(0, "Used By:\t");
    if used_by.is_empty() {
        w.buf.push_str("<none>\n");
    } else {
        for (i, p) in used_by.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            w.write(0, &format!("{p}\n"));
        }
    }
    events(&mut w, evs, now);
    w.finish()
}

pub fn pv(v: &PersistentVolume, evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &v.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(0, &format!("Finalizers:\t[{}]", m.finalizers.join(" ")));
    w.line(0, &format!("StorageClass:\t{}", v.spec.storage_class_name));
    match m.deletion_timestamp {
        Some(d) => w.line(
            0,
            &format!("Status:\tTerminating (lasts {})", age(Some(d), now)),
        ),
        None => w.line(0, &format!("Status:\t{}", v.status.phase)),
    }
    let claim = v
        .spec
        .claim_ref
        .as_ref()
        .map(|c| format!("{}/{}", c.namespace, c.name))
        .unwrap_or_default();
    w.line(0, &format!("Claim:\t{claim}"));
    w.line(
        0,
        &format!(
            "Reclaim Policy:\t{}",
            v.spec.persistent_volume_reclaim_policy
        ),
    );
    w.line(
        0,
        &format!("Access Modes:\t{}", access_modes(&v.spec.access_modes)),
    );
    w.line(
        0,
        &format!(
            "VolumeMode:\t{}",
            if v.spec.volume_mode.is_empty() {
                "Filesystem"
            } else {
                &v.spec.volume_mode
            }
        ),
    );
    w.line(
        0,
        &format!(
            "Capacity:\t{}",
            v.spec.capacity.get("storage").cloned().unwrap_or_default()
        ),
    );
    match &v.spec.node_affinity {
        None => w.line(0, "Node Affinity:\t<none>"),
        Some(na) => {
            w.line(0, "Node Affinity:");
            w.line(1, "Required Terms:");
            for t in &na.required.node_selector_terms {
                for e in &t.match_expressions {
                    w.line(
                        2,
                        &format!(
                            "Term 0:\t{} {} [{}]",
                            e.key,
                            e.operator.to_ascii_lowercase(),
                            e.values.join(", ")
                        ),
                    );
                }
            }
        }
    }
    w.line(0, &format!("Message:\t{}", v.status.message));
    w.line(0, "Source:");
    if let Some(l) = &v.spec.local {
        w.line(
            1,
            "Type:\tLocalVolume (a persistent volume backed by local storage on a node)",
        );
        w.line(1, &format!("Path:\t{}", l.path));
    } else if let Some(h) = &v.spec.host_path {
        w.line(1, "Type:\tHostPath (bare host directory volume)");
        w.line(1, &format!("Path:\t{}", h.path));
        w.line(1, &format!("HostPathType:\t{}", h.type_));
    } else {
        w.line(
            1,
            "Type:\tCSI (a Container Storage Interface (CSI) volume source)",
        );
    }
    events(&mut w, evs, now);
    w.finish()
}

pub fn node(n: &Node, pods: &[&Pod], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &n.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    let mut roles: Vec<&str> = m
        .labels
        .keys()
        .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/"))
        .filter(|r| !r.is_empty())
        .collect();
    ordinal_sim::sort::sort(&mut roles);
    w.line(
        0,
        &format!(
            "Roles:\t{}",
            if roles.is_empty() {
                "<none>".to_string()
            } else {
                roles.join(",")
            }
        ),
    );
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(
        0,
        &format!(
            "CreationTimestamp:\t{}",
            time_or_unknown(m.creation_timestamp)
        ),
    );
    w.write(0, "Taints:\t");
    if n.spec.taints.is_empty() {
        w.buf.push_str("<none>\n");
    } else {
        let mut ts: Vec<&Taint> = n.spec.taints.iter().collect();
        ordinal_sim::sort::sort_by(&mut ts, |a, b| {
            (a.effect.clone() + "," + &a.key).cmp(&(b.effect.clone() + "," + &b.key))
        });
        for (i, t) in ts.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            let v = if t.value.is_empty() {
                String::new()
            } else {
                format!("={}", t.value)
            };
            w.write(0, &format!("{}{v}:{}\n", t.key, t.effect));
        }
    }
    w.line(0, &format!("Unschedulable:\t{}", n.spec.unschedulable));
    if !n.status.conditions.is_empty() {
        w.line(0, "Conditions:");
        w.line(
            1,
            "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage",
        );
        w.line(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------",
        );
        for c in &n.status.conditions {
            w.line(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}",
                    c.type_,
                    c.status,
                    time_or_unknown(c.last_heartbeat_time),
                    time_or_unknown(c.last_transition_time),
                    c.reason,
                    c.message
                ),
            );
        }
    }
    w.line(0, "Addresses:");
    for a in &n.status.addresses {
        w.line(1, &format!("{}:\t{}", a.type_, a.address));
    }
    for (title, list) in [
        ("Capacity", &n.status.capacity),
        ("Allocatable", &n.status.allocatable),
    ] {
        if !list.is_empty() {
            w.line(0, &format!("{title}:"));
            for (k, v) in list {
                w.line(1, &format!("{k}:\t{v}"));
            }
        }
    }
    let info = &n.status.node_info;
    w.line(0, "System Info:");
    for (k, v) in [
        ("Machine ID", ""),
        ("System UUID", ""),
        ("Boot ID", ""),
        ("Kernel Version", info.kernel_version.as_str()),
        ("OS Image", info.os_image.as_str()),
        ("Operating System", info.operating_system.as_str()),
        ("Architecture", info.architecture.as_str()),
        (
            "Container Runtime Version",
            info.container_runtime_version.as_str(),
        ),
        ("Kubelet Version", info.kubelet_version.as_str()),
        ("Kube-Proxy Version", ""),
    ] {
        w.line(1, &format!("{k}:\t{v}"));
    }
    if !n.spec.pod_cidr.is_empty() {
        w.line(0, &format!("PodCIDR:\t{}", n.spec.pod_cidr));
        w.line(0, &format!("PodCIDRs:\t{}", n.spec.pod_cidr));
    }
    if !n.spec.provider_id.is_empty() {
        w.line(0, &format!("ProviderID:\t{}", n.spec.provider_id));
    }
    w.line(
        0,
        &format!("Non-terminated Pods:\t({} in total)", pods.len()),
    );
    w.line(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge",
    );
    w.line(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---",
    );
    for p in pods {
        w.line(
            1,
            &format!(
                "{}\t{}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t{}",
                p.metadata.namespace,
                p.metadata.name,
                age(p.metadata.creation_timestamp, now)
            ),
        );
    }
    w.line(0, "Allocated resources:");
    w.line(
        0,
        "  (Total limits may be over 100 percent, i.e., overcommitted.)",
    );
    w.line(1, "Resource\tRequests\tLimits");
    w.line(1, "--------\t--------\t------");
    w.line(1, "cpu\t0 (0%)\t0 (0%)");
    w.line(1, "memory\t0 (0%)\t0 (0%)");
    w.line(1, "ephemeral-storage\t0 (0%)\t0 (0%)");
    events(&mut w, evs, now);
    w.finish()
}

pub fn service(s: &Service, slices: &[&EndpointSlice], evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = &s.metadata;
    w.line(0, &format!("Name:\t{}", m.name));
    w.line(0, &format!("Namespace:\t{}", m.namespace));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(
        0,
        &format!(
            "Selector:\t{}",
            format_labels(&s.spec.selector).replace("<none>", "")
        ),
    );
    let ty = if s.spec.type_.is_empty() {
        "ClusterIP"
    } else {
        &s.spec.type_
    };
    w.line(0, &format!("Type:\t{ty}"));
    w.line(0, "IP Family Policy:\tSingleStack");
    w.line(0, "IP Families:\tIPv4");
    w.line(0, &format!("IP:\t{}", s.spec.cluster_ip));
    let ips = if s.spec.cluster_ips.is_empty() {
        if s.spec.cluster_ip.is_empty() {
            "<none>".to_string()
        } else {
            s.spec.cluster_ip.clone()
        }
    } else {
        s.spec.cluster_ips.join(",")
    };
    w.line(0, &format!("IPs:\t{ips}"));
    for p in &s.spec.ports {
        let name = if p.name.is_empty() {
            "<unset>"
        } else {
            &p.name
        };
        let proto = if p.protocol.is_empty() {
            "TCP"
        } else {
            &p.protocol
        };
        w.line(0, &format!("Port:\t{name}\t{}/{proto}", p.port));
        let target = match &p.target_port {
            Some(IntOrString::Int(i)) => i.to_string(),
            Some(IntOrString::String(x)) => x.clone(),
            None => p.port.to_string(),
        };
        w.line(0, &format!("TargetPort:\t{target}/{proto}"));
        // Ready endpoints, address:port, at most 3 then "+ N more...".
        let mut list = Vec::new();
        let mut count = 0;
        for sl in slices {
            let port = sl
                .ports
                .iter()
                .find(|sp| sp.name == p.name)
                .and_then(|sp| sp.port);
            for e in &sl.endpoints {
                if e.conditions.ready == Some(false) {
                    continue;
                }
                let Some(addr) = e.addresses.first() else {
                    continue;
                };
                if list.len() < 3 {
                    list.push(match port {
                        Some(pn) => format!("{addr}:{pn}"),
                        None => addr.clone(),
                    });
                }
                count += 1;
            }
        }
        let eps = if slices.is_empty() || list.is_empty() {
            if slices.is_empty() {
                "<none>".to_string()
            } else {
                String::new()
            }
        } else if count > 3 {
            format!("{} + {} more...", list.join(","), count - 3)
        } else {
            list.join(",")
        };
        w.line(0, &format!("Endpoints:\t{eps}"));
    }
    let aff = if s.spec.session_affinity.is_empty() {
        "None"
    } else {
        &s.spec.session_affinity
    };
    w.line(0, &format!("Session Affinity:\t{aff}"));
    w.line(0, "Internal Traffic Policy:\tCluster");
    events(&mut w, evs, now);
    w.finish()
}

/// Like upstream's NamespaceDescriber, no events section.
pub fn namespace(n: &Namespace) -> String {
    let mut w = W::new();
    w.line(0, &format!("Name:\t{}", n.metadata.name));
    labels_multiline(&mut w, "", "Labels", &n.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &n.metadata.annotations);
    w.line(0, &format!("Status:\t{}", n.status.phase));
    w.buf.push('\n');
    w.line(0, "No resource quota.");
    w.buf.push('\n');
    w.line(0, "No LimitRange resource.");
    w.finish()
}

/// The generic describer for kinds without a dedicated one.
pub fn generic(o: &Object, evs: &[&Event], now: Millis) -> String {
    let mut w = W::new();
    let m = o.meta();
    w.line(0, &format!("Name:\t{}", m.name));
    if o.kind().namespaced() {
        w.line(0, &format!("Namespace:\t{}", m.namespace));
    }
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.line(0, &format!("API Version:\t{}", o.kind().api_version()));
    w.line(0, &format!("Kind:\t{}", o.kind().name()));
    if let Object::ConfigMap(cm) = o {
        w.buf.push('\n');
        w.line(0, "Data");
        w.line(0, "====");
        for (k, v) in &cm.data {
            w.line(0, &format!("{k}:"));
            w.line(0, "----");
            w.line(0, v);
            w.buf.push('\n');
        }
        w.buf.push('\n');
        w.line(0, "BinaryData");
        w.line(0, "====");
        w.buf.push('\n');
    }
    events(&mut w, evs, now);
    w.finish()
}
