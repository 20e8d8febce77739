//! `nslookup` as the image ships it (DNS7), answered by the cluster's DNS:
//! - busybox up to 1.28 (the StatefulSet tutorial's `busybox:1.28`): the small applet that
//!   takes one host and prints `Address 1: IP NAME`; any leading `-` prints its usage;
//! - busybox from 1.29 (untagged `busybox`, `alpine`): the query-type applet (`-type=srv`);
//! - bind9's `nslookup` on Debian images with dnsutils (`jessie-dnsutils`).

use super::Container;
use crate::shell::Exec;
use ordinal_sim::apiserver::store::Store;
use ordinal_sim::controller::kubelet::images;
use ordinal_sim::dns::{self, DnsError, QType, RData, Record};

/// CoreDNS answers for its own address with the kube-dns Service name.
const DNS_NAME: &str = "kube-dns.kube-system.svc.cluster.local";

const BUSYBOX_128_USAGE: &str = "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n";

const BUSYBOX_USAGE: &str = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n";

/// Which `nslookup` the container's image has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Busybox128,
    Busybox,
    Bind,
}

impl Variant {
    /// `None`: the image has no `nslookup` (plain Debian images such as nginx).
    pub fn of(image: &str) -> Option<Variant> {
        let name = images::short_name(image);
        if name.contains("dnsutils") {
            return Some(Variant::Bind);
        }
        if name.starts_with("alpine") {
            return Some(Variant::Busybox);
        }
        if !name.starts_with("busybox") {
            return None;
        }
        let tag = image.rsplit_once(':').map(|(_, t)| t).unwrap_or("latest");
        let mut nums = tag.split(['.', '-']).map(|p| p.parse::<u32>().ok());
        match (nums.next().flatten(), nums.next().flatten()) {
            (Some(major), Some(minor)) if (major, minor) < (1, 29) => Some(Variant::Busybox128),
            _ => Some(Variant::Busybox),
        }
    }
}

/// The image of the container a command runs in.
pub fn image(c: &Container) -> String {
    c.pod_object()
        .and_then(|p| {
            p.spec
                .containers
                .into_iter()
                .find(|k| k.name == c.container)
        })
        .map(|k| k.image)
        .unwrap_or_default()
}

pub fn run(c: &mut Container, variant: Variant, args: &[String]) -> Exec {
    match variant {
        Variant::Busybox128 => busybox_128(c, args),
        Variant::Busybox => busybox(c, args),
        Variant::Bind => bind(c, args),
    }
}

/// Query types by the names both tools accept (case-insensitive).
fn qtype(name: &str) -> Option<Q> {
    Some(match name.to_ascii_lowercase().as_str() {
        "a" => Q::A,
        "aaaa" => Q::Aaaa,
        "srv" => Q::Srv,
        "ptr" => Q::Ptr,
        "soa" | "ns" | "cname" | "mx" | "txt" | "any" => Q::Other,
        _ => return None,
    })
}

/// What a query asks; the simulated DNS holds only A, SRV and PTR data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Q {
    A,
    Aaaa,
    Srv,
    Ptr,
    /// A type the cluster zone has no data for (NODATA when the name exists).
    Other,
}

/// One reply: NXDOMAIN, or the answer section (possibly empty: NODATA).
enum Reply {
    NxDomain,
    Answer(Vec<Record>),
}

/// Answers one fully-qualified name. Names outside the cluster zone are forwarded, and with no
/// upstream resolver in the simulation they come back NXDOMAIN.
fn ask(store: &Store, fqdn: &str, q: Q) -> Reply {
    let found = |t: QType| match dns::lookup(store, fqdn, t) {
        Ok(r) if !r.is_empty() => Some(r),
        _ => None,
    };
    match q {
        Q::A => found(QType::A).map_or(Reply::NxDomain, Reply::Answer),
        Q::Srv => match found(QType::Srv) {
            Some(r) => Reply::Answer(r),
            None if found(QType::A).is_some() => Reply::Answer(Vec::new()),
            None => Reply::NxDomain,
        },
        Q::Ptr => found(QType::Ptr).map_or(Reply::NxDomain, Reply::Answer),
        Q::Aaaa | Q::Other => {
            if found(QType::A).is_some() || found(QType::Srv).is_some() {
                Reply::Answer(Vec::new())
            } else {
                Reply::NxDomain
            }
        }
    }
}

/// `4.3.2.1.in-addr.arpa` when the argument is an IPv4 address.
fn ptr_name(arg: &str) -> Option<String> {
    let ok = arg.split('.').count() == 4 && arg.split('.').all(|o| o.parse::<u8>().is_ok());
    ok.then(|| dns::reverse_name(arg))
}

fn busybox_128(c: &mut Container, args: &[String]) -> Exec {
    // nslookup_main: no host, a leading `-` or more than HOST SERVER is a usage error.
    let Some(name) = args
        .first()
        .filter(|a| !a.starts_with('-') && args.len() <= 2)
    else {
        return Exec::fail(BUSYBOX_128_USAGE, 1);
    };
    let store = &c.st.sim.cluster().api.store;
    let mut out = format!(
        "{:<10} {}\nAddress 1: {} {DNS_NAME}\n\n",
        "Server:",
        dns::DNS_SERVER,
        dns::DNS_SERVER
    );
    match dns::resolve(store, &c.namespace, name, QType::A) {
        Ok(res) => {
            out.push_str(&format!("{:<10} {name}\n", "Name:"));
            let mut n = 0;
            for r in &res.records {
                if let RData::A(ip) = &r.data {
                    n += 1;
                    let ptr = dns::resolve(store, &c.namespace, ip, QType::Ptr)
                        .ok()
                        .and_then(|p| {
                            p.records.into_iter().find_map(|r| match r.data {
                                RData::Ptr(t) => Some(t),
                                _ => None,
                            })
                        });
                    match ptr {
                        Some(t) => out.push_str(&format!("Address {n}: {ip} {t}\n")),
                        None => out.push_str(&format!("Address {n}: {ip}\n")),
                    }
                }
            }
            // print_host ends every block with an empty line.
            out.push('\n');
            Exec::ok(out)
        }
        Err(DnsError::NxDomain { .. }) | Err(DnsError::Upstream { .. }) => {
            let mut e = Exec::ok(out);
            e.output.err(&format!("nslookup: can't resolve '{name}'\n"));
            e.code = 1;
            e
        }
    }
}

/// The record lines both query-type tools print (`parse_reply` / `printsection`); bind ends
/// SRV and PTR targets with the root dot, busybox does not.
fn record_line(r: &Record, dot: &str) -> String {
    match &r.data {
        RData::A(ip) => format!("Name:\t{}\nAddress: {ip}\n", r.name),
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!(
            "{}\tservice = {priority} {weight} {port} {target}{dot}\n",
            r.name
        ),
        RData::Ptr(t) => format!("{}\tname = {t}{dot}\n", r.name),
    }
}

fn busybox(c: &mut Container, args: &[String]) -> Exec {
    // Options come first, `-name[=value]`; a name may be abbreviated to any prefix, the
    // first option it is a prefix of wins.
    const OPTIONS: [&str; 7] = [
        "type",
        "querytype",
        "port",
        "retry",
        "debug",
        "t",
        "timeout",
    ];
    let mut types: Vec<Q> = Vec::new();
    let mut rest = args;
    while let Some(a) = rest.first().filter(|a| a.starts_with('-')) {
        rest = &rest[1..];
        let (opt, val) = a[1..].split_once('=').unwrap_or((&a[1..], ""));
        let Some(i) = OPTIONS.iter().position(|o| o.starts_with(opt)) else {
            return Exec::fail(BUSYBOX_USAGE, 1);
        };
        if i <= 1 {
            match qtype(val) {
                Some(q) if !types.contains(&q) => types.push(q),
                Some(_) => {}
                None => return Exec::fail(format!("nslookup: invalid query type \"{val}\"\n"), 1),
            }
        }
    }
    let (Some(name), true) = (rest.first(), rest.len() <= 2) else {
        return Exec::fail(BUSYBOX_USAGE, 1);
    };
    let mut queries: Vec<(Q, String)> = Vec::new();
    let with_search = |q: Q, queries: &mut Vec<(Q, String)>| {
        // Only a name without a dot goes through the search list.
        if q == Q::Ptr || name.contains('.') {
            queries.push((q, name.to_string()));
        } else {
            for d in dns::search_list(&c.namespace) {
                queries.push((q, format!("{name}.{d}")));
            }
        }
    };
    if types.is_empty() {
        match ptr_name(name) {
            Some(p) => queries.push((Q::Ptr, p)),
            None => {
                with_search(Q::A, &mut queries);
                with_search(Q::Aaaa, &mut queries);
            }
        }
    } else {
        for q in types {
            with_search(q, &mut queries);
        }
    }
    let store = &c.st.sim.cluster().api.store;
    let mut out = format!("Server:\t\t{0}\nAddress:\t{0}:53\n\n", dns::DNS_SERVER);
    let mut code = 0;
    for (q, fq) in &queries {
        match ask(store, fq, *q) {
            Reply::NxDomain => {
                out.push_str(&format!("** server can't find {fq}: NXDOMAIN\n"));
                code = 1;
            }
            Reply::Answer(records) => {
                for r in &records {
                    out.push_str(&record_line(r, ""));
                }
            }
        }
        // Every reply ends with an empty line, an empty (NODATA) one too.
        out.push('\n');
    }
    let mut e = Exec::ok(out);
    e.code = code;
    e
}

fn bind(c: &mut Container, args: &[String]) -> Exec {
    // parse_args/setoption: `-type=` and its spellings set the type; an unknown type is
    // reported and the default (A) stays; the first operand is the host.
    let mut out = String::new();
    let mut q = None;
    let mut rest: Vec<&String> = Vec::new();
    for a in args {
        if let Some(opt) = a.strip_prefix('-').filter(|o| !o.is_empty()) {
            let (key, val) = opt.split_once('=').unwrap_or((opt, ""));
            let key = key.to_ascii_lowercase();
            if ["type", "ty", "querytype", "query", "qu", "q"].contains(&key.as_str()) {
                match qtype(val) {
                    Some(t) => q = Some(t),
                    None => out.push_str(&format!("unknown query type: {val}\n")),
                }
            }
        } else {
            rest.push(a);
        }
    }
    let Some(name) = rest.first() else {
        // Without a host it reads commands from stdin; with none it ends at once.
        out.push('\n');
        let mut e = Exec::ok(out);
        e.code = 1;
        return e;
    };
    let (q, name) = match (q, ptr_name(name)) {
        (None, Some(p)) | (Some(Q::Ptr), Some(p)) => (Q::Ptr, p),
        (q, _) => (q.unwrap_or(Q::A), name.to_string()),
    };
    let store = &c.st.sim.cluster().api.store;
    out.push_str(&format!(
        "Server:\t\t{0}\nAddress:\t{0}#53\n\n",
        dns::DNS_SERVER
    ));
    // The resolver's search list with ndots:5: the name as given first when it has enough
    // dots, last otherwise.
    let candidates: Vec<String> = if q == Q::Ptr || name.ends_with('.') {
        vec![name.trim_end_matches('.').to_string()]
    } else {
        let searched = dns::search_list(&c.namespace)
            .into_iter()
            .map(|d| format!("{name}.{d}"));
        if name.matches('.').count() >= dns::NDOTS {
            std::iter::once(name.clone()).chain(searched).collect()
        } else {
            searched.chain(std::iter::once(name.clone())).collect()
        }
    };
    for fq in &candidates {
        if let Reply::Answer(records) = ask(store, fq, q) {
            if records.is_empty() {
                out.push_str(&format!("*** Can't find {name}: No answer\n"));
            }
            for r in &records {
                out.push_str(&record_line(r, "."));
            }
            // main ends every run with an empty line.
            out.push('\n');
            return Exec::ok(out);
        }
    }
    // printmessage names the last name tried.
    let last = candidates.last().map(String::as_str).unwrap_or(&name);
    out.push_str(&format!("** server can't find {last}: NXDOMAIN\n\n"));
    let mut e = Exec::ok(out);
    e.code = 1;
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_follows_the_image() {
        let of = Variant::of;
        assert_eq!(of("busybox:1.28"), Some(Variant::Busybox128));
        assert_eq!(
            of("docker.io/library/busybox:1.27.2"),
            Some(Variant::Busybox128)
        );
        assert_eq!(of("busybox:1.29"), Some(Variant::Busybox));
        assert_eq!(of("busybox:1.36.1-musl"), Some(Variant::Busybox));
        assert_eq!(of("busybox"), Some(Variant::Busybox));
        assert_eq!(of("alpine:3.20"), Some(Variant::Busybox));
        assert_eq!(
            of("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"),
            Some(Variant::Bind)
        );
        assert_eq!(of("registry.k8s.io/nginx-slim:0.21"), None);
        assert_eq!(of("nginx"), None);
    }

    #[test]
    fn srv_lines() {
        let r = Record {
            name: "_web._tcp.nginx.default.svc.cluster.local".into(),
            ttl: 5,
            data: RData::Srv {
                priority: 0,
                weight: 33,
                port: 80,
                target: "web-0.nginx.default.svc.cluster.local".into(),
            },
        };
        assert_eq!(
            record_line(&r, ""),
            "_web._tcp.nginx.default.svc.cluster.local\tservice = 0 33 80 web-0.nginx.default.svc.cluster.local\n"
        );
        assert_eq!(
            record_line(&r, "."),
            "_web._tcp.nginx.default.svc.cluster.local\tservice = 0 33 80 web-0.nginx.default.svc.cluster.local.\n"
        );
    }
}
