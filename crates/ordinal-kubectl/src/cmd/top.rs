//! `kubectl top pod|node`: the cluster runs no metrics-server, so discovery finds no
//! `metrics.k8s.io` group and kubectl stops there, as it does on a fresh kind cluster.

use super::Kubectl;
use crate::errors::{usage_error, Failure};
use crate::input::flags::{b, l, v, Flag};

/// The flags of `top pod` and `top node` together.
pub const FLAGS: &[Flag] = &[
    b("all-namespaces", Some('A')),
    l("selector", Some('l')),
    v("field-selector", None),
    b("containers", None),
    b("no-headers", None),
    v("sort-by", None),
    b("sum", None),
    b("show-capacity", None),
    b("use-protocol-buffers", None),
];

pub fn run(k: &mut Kubectl) -> Result<(), Failure> {
    let args = k.flags.args.clone();
    let Some(sub) = args.first() else {
        k.print(super::help::for_command("top").unwrap_or(super::help::ROOT));
        return Ok(());
    };
    let usage = match sub.as_str() {
        "pod" | "pods" | "po" => "pod [NAME | -l label]",
        "node" | "nodes" | "no" => "node [NAME | -l label]",
        other => {
            return Err(usage_error(
                &k.path,
                &format!("unknown command {}", ordinal_sim::gofmt::quote(other)),
            ))
        }
    };
    if args.len() > 2 {
        let path = format!("{} {}", k.path, usage.split(' ').next().unwrap_or(""));
        return Err(usage_error(&path, usage));
    }
    Err(Failure::client("Metrics API not available"))
}
