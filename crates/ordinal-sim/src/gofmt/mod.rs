//! Text exactly as Go's standard library prints it, one file per Go package: API errors,
//! events and kubectl output are compared byte for byte with a real cluster's.

pub mod json;
pub mod strconv;
pub mod time;

pub use strconv::{format_float, quote};
pub use time::{duration_string, rfc1123z, time_string};
