//! The API server's defaults and validation (StatefulSets; ReplicaSets and ReplicationControllers in
//! `replicaset`), the garbage collector, EndpointSlices and DNS.

mod dns;
mod dns_cattle;
mod events;
mod garbage_collector;
mod replicaset;
mod size;
mod statefulset;
