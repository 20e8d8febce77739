//! The API server's defaults and validation, the garbage collector, EndpointSlices and DNS.

mod dns;
mod dns_cattle;
mod garbage_collector;
mod size;
mod statefulset;
