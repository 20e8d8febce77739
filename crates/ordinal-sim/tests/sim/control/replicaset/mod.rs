//! The ReplicaSet controller (and the replication manager), one syncReplicaSet per `sync`, like
//! upstream's `pkg/controller/replicaset/replica_set_test.go`; the deletion ranking like
//! `pkg/controller/controller_utils_test.go`; a whole cluster for replacement and bare pods.

mod adoption;
mod cluster;
mod ranking;
mod sync;
