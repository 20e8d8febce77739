//! What kubectl prints: `-o` formats, tables and their columns, describe texts, JSONPath and
//! Go templates. (Times and durations print through the core's `gofmt`, as Go prints them.)

pub mod custom_columns;
pub mod describe;
pub mod explain;
pub mod generated;
pub mod gotemplate;
pub mod jsonpath;
pub mod print_flags;
pub mod printers;
pub mod table;
