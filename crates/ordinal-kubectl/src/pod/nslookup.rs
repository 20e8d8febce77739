//! busybox 1.28 `nslookup` (the image the StatefulSet tutorial uses), answered by the
//! cluster's DNS with the pod's search path.

use super::Container;
use crate::shell::Exec;
use ordinal_sim::dns::{self, DnsError, QType, RData};

/// CoreDNS answers for its own address with the kube-dns Service name.
const DNS_NAME: &str = "kube-dns.kube-system.svc.cluster.local";

fn header() -> String {
    format!(
        "{:<10} {}\nAddress 1: {} {DNS_NAME}\n\n",
        "Server:",
        dns::DNS_SERVER,
        dns::DNS_SERVER
    )
}

pub fn run(c: &mut Container, args: &[String]) -> Exec {
    let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
        return Exec::fail(
            "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n",
            1,
        );
    };
    let store = &c.st.sim.cluster().api.store;
    let mut out = header();
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
