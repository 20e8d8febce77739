//! What kubectl prints: `-o` formats, tables and their columns, describe texts, JSONPath and
//! Go templates, and time renderings.

pub mod describe;
pub mod gotemplate;
pub mod jsonpath;
pub mod print_flags;
pub mod printers;
pub mod table;
pub mod timefmt;
