//! A small shell: parsing (`parse`), the syntax tree (`ast`) and the interpreter (`interp`).

pub mod ast;
pub mod filters;
pub mod interp;
pub mod parse;
pub mod regex;

pub use interp::{Exec, Host, Output, Shell, Stream, MAX_OUTPUT};
pub use parse::{parse, ParseError};

#[cfg(test)]
mod tests;
