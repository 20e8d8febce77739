//! `kubectl expose (-f FILE | TYPE NAME) [--port=PORT] [--target-port=PORT] [--type=TYPE]
//! [--name=NAME]` (expose.go): a Service whose selector, ports and labels come from the object.

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};
use crate::input::targets::{self, Targets, TypeRef};
use crate::output::print_flags;
use ordinal_sim::api::{
    Container, IntOrString, Labels, Object, ObjectMeta, Service, ServicePort, ServiceSpec,
};

pub const FLAGS: &[Flag] = &[
    l("filename", Some('f')),
    v("port", None),
    v("target-port", None),
    v("protocol", None),
    v("type", None),
    v("name", None),
    v("selector", None),
    v("labels", Some('l')),
    v("cluster-ip", None),
    v("session-affinity", None),
    v("output", Some('o')),
    v("dry-run", None),
    b("recursive", Some('R')),
];

/// MapBasedSelectorForObject.
fn selector_of(o: &Object) -> Result<Labels, String> {
    match o {
        Object::Pod(p) if p.metadata.labels.is_empty() => {
            Err("the pod has no labels and cannot be exposed".into())
        }
        Object::Pod(p) => Ok(p.metadata.labels.clone()),
        Object::Service(s) if s.spec.selector.is_empty() => {
            Err("the service has no pod selector set".into())
        }
        Object::Service(s) => Ok(s.spec.selector.clone()),
        Object::ReplicationController(r) => Ok(r.spec.selector.clone()),
        Object::Deployment(_) | Object::ReplicaSet(_) => {
            let sel = match o {
                Object::Deployment(d) => d.spec.selector.clone(),
                Object::ReplicaSet(r) => r.spec.selector.clone(),
                _ => None,
            }
            .unwrap_or_default();
            if !sel.match_expressions.is_empty() {
                return Err("couldn't convert expressions to map-based selector format".to_string());
            }
            Ok(sel.match_labels)
        }
        _ => Err(String::new()),
    }
}

/// PortsForObject and ProtocolsForObject: every container's ports, in order.
fn ports_of(o: &Object) -> Vec<(i32, String)> {
    let containers: &[Container] = match o {
        Object::Pod(p) => &p.spec.containers,
        Object::Deployment(d) => &d.spec.template.spec.containers,
        Object::ReplicaSet(r) => &r.spec.template.spec.containers,
        Object::ReplicationController(r) => match &r.spec.template {
            Some(t) => &t.spec.containers,
            None => &[],
        },
        Object::Service(s) => {
            return s
                .spec
                .ports
                .iter()
                .map(|p| (p.port, p.protocol.clone()))
                .collect()
        }
        _ => &[],
    };
    containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .map(|p| (p.container_port, p.protocol.clone()))
        .collect()
}

fn parse_labels(s: &str) -> Result<Labels, Failure> {
    let mut out = Labels::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(Failure::client(format!("invalid label spec: {part}")));
        };
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let ns = k.namespace();
    let args = k.flags.args.clone();
    let mut found: Vec<Object> = Vec::new();
    match super::targets(k, &args, Failure::client(super::delete::NO_RESOURCES))? {
        Targets::Files(sources) => targets::visit_files(&sources, |t| {
            match k.st.get(t.kind, &ns, &t.name) {
                Some(o) => found.push(o.clone()),
                None => return Err(targets::not_found(&TypeRef::Kind(t.kind), &t.name)),
            }
            Ok(())
        })?,
        Targets::Named(items) => {
            for (t, n) in items {
                match t.kind().and_then(|kd| k.st.get(kd, &ns, &n)) {
                    Some(o) => found.push(o.clone()),
                    None => return Err(targets::not_found(&t, &n)),
                }
            }
        }
        Targets::Lists(_) => return Err(targets::no_name()),
    }
    for o in found {
        expose_one(k, &o)?;
    }
    Ok(())
}

fn expose_one(k: &mut Kubectl, o: &Object) -> Result<(), Failure> {
    let kind = o.kind();
    if !matches!(
        o,
        Object::Pod(_)
            | Object::Service(_)
            | Object::Deployment(_)
            | Object::ReplicaSet(_)
            | Object::ReplicationController(_)
    ) {
        let gk = match kind.group() {
            "" => kind.name().to_string(),
            g => format!("{}.{g}", kind.name()),
        };
        return Err(Failure::client(format!("cannot expose a {gk}")));
    }
    let selector = match k.flags.get("selector") {
        Some(s) => parse_labels(s)?,
        None => selector_of(o).map_err(|e| {
            usage_error(
                "kubectl expose",
                &format!("couldn't retrieve selectors via --selector flag or introspection: {e}"),
            )
        })?,
    };
    let protocol_flag = k.flags.get("protocol").map(str::to_string);
    let ports: Vec<(i32, String)> = match k.flags.get("port") {
        Some(p) => {
            let n: i32 = p.parse().map_err(|_| {
                Failure::client(format!("strconv.Atoi: parsing {p:?}: invalid syntax"))
            })?;
            vec![(n, String::new())]
        }
        None => ports_of(o),
    };
    if ports.is_empty() {
        return Err(usage_error(
            "kubectl expose",
            "couldn't find port via --port flag or introspection",
        ));
    }
    let target = k.flags.get("target-port").map(|t| match t.parse::<i64>() {
        Ok(n) => IntOrString::Int(n),
        Err(_) => IntOrString::String(t.to_string()),
    });
    let many = ports.len() > 1;
    let service_ports = ports
        .iter()
        .enumerate()
        .map(|(i, (port, proto))| ServicePort {
            name: if many {
                format!("port-{}", i + 1)
            } else {
                String::new()
            },
            protocol: protocol_flag
                .clone()
                .or_else(|| Some(proto.clone()).filter(|p| !p.is_empty()))
                .unwrap_or_else(|| "TCP".into()),
            port: *port,
            target_port: Some(target.clone().unwrap_or(IntOrString::Int(i64::from(*port)))),
        })
        .collect();
    let labels = match k.flags.get("labels") {
        Some(l) => parse_labels(l)?,
        None => o.meta().labels.clone(),
    };
    let mut name = k
        .flags
        .get("name")
        .map(str::to_string)
        .unwrap_or_else(|| o.meta().name.clone());
    // A Service name is a DNS-1035 label: longer names are cut to 63 characters.
    name.truncate(63);
    let mut metadata = ObjectMeta::named(&o.meta().namespace, &name);
    metadata.labels = labels;
    let svc = Object::Service(Service {
        metadata,
        spec: ServiceSpec {
            ports: service_ports,
            selector,
            type_: k.flags.get("type").unwrap_or("").to_string(),
            cluster_ip: k.flags.get("cluster-ip").unwrap_or("").to_string(),
            session_affinity: k.flags.get("session-affinity").unwrap_or("").to_string(),
            ..Default::default()
        },
        status: Default::default(),
    });
    if let Some(sfx) = super::dry_run::suffix(k)? {
        let format = print_flags::parse(k.flags.get("output"), None)?;
        return super::dry_run::print_generated(k, &format, &svc, "exposed", sfx);
    }
    k.st.create(svc)?;
    k.print(&format!("service/{name} exposed\n"));
    Ok(())
}
