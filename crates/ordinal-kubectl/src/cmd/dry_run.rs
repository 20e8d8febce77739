//! `--dry-run`: its values, and what a dry run of one of kubectl's generators prints.

use super::apply::print_result_with;
use super::Kubectl;
use crate::errors::Failure;
use crate::output::generated::client_object;
use crate::output::print_flags::Format;
use crate::output::printers::to_value;
use ordinal_sim::api::Object;

const CLIENT: &str = " (dry run)";

/// The suffix kubectl adds to `kind/name created` for a dry run, `None` when it is not one.
pub fn suffix(k: &Kubectl) -> Result<Option<&'static str>, Failure> {
    match k.flags.get("dry-run") {
        None | Some("none") => Ok(None),
        Some("client") | Some("true") => Ok(Some(CLIENT)),
        Some("server") => Ok(Some(" (server dry run)")),
        Some(other) => Err(Failure::client(format!(
            "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        ))),
    }
}

/// A generator's object (`create deployment`, `run`, `expose`, …) instead of creating it: on the
/// client, the Go struct as kubectl built it (`output::generated`).
pub fn print_generated(
    k: &mut Kubectl,
    format: &Format,
    obj: &Object,
    verb: &str,
    suffix: &str,
) -> Result<(), Failure> {
    let explicit_ns = k.explicit_namespace().is_some();
    if suffix == CLIENT {
        print_result_with(k, format, obj, verb, suffix, |o| {
            client_object(o, explicit_ns)
        })
    } else {
        print_result_with(k, format, obj, verb, suffix, to_value)
    }
}
