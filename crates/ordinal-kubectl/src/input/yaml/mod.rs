//! YAML and JSON text, read and written the way kubectl does.

pub mod emit;
pub mod json;
pub mod parse;
pub mod scalar;

pub use emit::to_yaml;
pub use json::{to_json_compact, to_json_pretty};
pub use parse::{parse_documents, YamlError};

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod alias_tests;
