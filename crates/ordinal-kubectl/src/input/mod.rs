//! What the learner typed: flags, resource names, command targets, manifests and patches.

pub mod decode_error;
pub mod examples;
pub mod files;
pub mod flags;
pub mod manifest;
pub mod merge;
mod mysql_yaml;
pub mod resources;
pub mod selector;
pub mod targets;
mod web_yaml;
pub mod yaml;
