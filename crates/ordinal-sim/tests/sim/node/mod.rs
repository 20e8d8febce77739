//! Nodes, kubelets and the scheduler: pod lifecycle, restarts, scheduling and node failure.

mod bare_pods;
mod failure;
mod failure_statefulset;
mod pod_lifecycle;
mod restarts;
mod scheduling;
mod sim_controls;
