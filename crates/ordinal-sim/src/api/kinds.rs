//! One row per simulated kind: its names, scope, API group/version and which kubectl printer
//! and describer show it. The API server (scope, error messages), the garbage collector
//! (owner references) and kubectl's discovery (`api-resources`, short names) all read it.
//! Adding a kind is one row here plus its types, defaults and validation.

use super::Kind;

/// Which `kubectl get` table a kind prints with (a handler in upstream's printers.go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printer {
    ConfigMap,
    Event,
    Namespace,
    Node,
    PersistentVolumeClaim,
    PersistentVolume,
    Pod,
    Service,
    ControllerRevision,
    StatefulSet,
    EndpointSlice,
    StorageClass,
    ReplicaSet,
    Deployment,
    ReplicationController,
}

/// Which `kubectl describe` text a kind gets; `Generic` is the fallback for kinds upstream's
/// describe.go has no dedicated describer for here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Describer {
    Namespace,
    Node,
    PersistentVolumeClaim,
    PersistentVolume,
    Pod,
    Service,
    StatefulSet,
    ReplicaSet,
    Deployment,
    ReplicationController,
    Generic,
}

/// What discovery (`/api`, `/apis`) says about one resource, plus the kubectl views.
#[derive(Debug)]
pub struct KindInfo {
    pub kind: Kind,
    /// `StatefulSet`.
    pub name: &'static str,
    /// The resource: `statefulsets`.
    pub plural: &'static str,
    pub singular: &'static str,
    pub short_names: &'static [&'static str],
    pub namespaced: bool,
    /// `apps/v1`, or `v1` for the core group.
    pub api_version: &'static str,
    pub printer: Printer,
    pub describer: Describer,
}

impl KindInfo {
    /// `apps`, or `` for the core group.
    pub fn group(&self) -> &'static str {
        self.api_version.split_once('/').map_or("", |(g, _)| g)
    }

    /// `v1`.
    pub fn version(&self) -> &'static str {
        self.api_version
            .split_once('/')
            .map_or(self.api_version, |(_, v)| v)
    }
}

/// In `kubectl api-resources` order: the core group first, then groups by name, resources by
/// name within a group.
pub const KINDS: &[KindInfo] = &[
    KindInfo {
        kind: Kind::ConfigMap,
        name: "ConfigMap",
        plural: "configmaps",
        singular: "configmap",
        short_names: &["cm"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::ConfigMap,
        describer: Describer::Generic,
    },
    KindInfo {
        kind: Kind::Event,
        name: "Event",
        plural: "events",
        singular: "event",
        short_names: &["ev"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::Event,
        describer: Describer::Generic,
    },
    KindInfo {
        kind: Kind::Namespace,
        name: "Namespace",
        plural: "namespaces",
        singular: "namespace",
        short_names: &["ns"],
        namespaced: false,
        api_version: "v1",
        printer: Printer::Namespace,
        describer: Describer::Namespace,
    },
    KindInfo {
        kind: Kind::Node,
        name: "Node",
        plural: "nodes",
        singular: "node",
        short_names: &["no"],
        namespaced: false,
        api_version: "v1",
        printer: Printer::Node,
        describer: Describer::Node,
    },
    KindInfo {
        kind: Kind::PersistentVolumeClaim,
        name: "PersistentVolumeClaim",
        plural: "persistentvolumeclaims",
        singular: "persistentvolumeclaim",
        short_names: &["pvc"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::PersistentVolumeClaim,
        describer: Describer::PersistentVolumeClaim,
    },
    KindInfo {
        kind: Kind::PersistentVolume,
        name: "PersistentVolume",
        plural: "persistentvolumes",
        singular: "persistentvolume",
        short_names: &["pv"],
        namespaced: false,
        api_version: "v1",
        printer: Printer::PersistentVolume,
        describer: Describer::PersistentVolume,
    },
    KindInfo {
        kind: Kind::Pod,
        name: "Pod",
        plural: "pods",
        singular: "pod",
        short_names: &["po"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::Pod,
        describer: Describer::Pod,
    },
    KindInfo {
        kind: Kind::ReplicationController,
        name: "ReplicationController",
        plural: "replicationcontrollers",
        singular: "replicationcontroller",
        short_names: &["rc"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::ReplicationController,
        describer: Describer::ReplicationController,
    },
    KindInfo {
        kind: Kind::Service,
        name: "Service",
        plural: "services",
        singular: "service",
        short_names: &["svc"],
        namespaced: true,
        api_version: "v1",
        printer: Printer::Service,
        describer: Describer::Service,
    },
    KindInfo {
        kind: Kind::ControllerRevision,
        name: "ControllerRevision",
        plural: "controllerrevisions",
        singular: "controllerrevision",
        short_names: &[],
        namespaced: true,
        api_version: "apps/v1",
        printer: Printer::ControllerRevision,
        describer: Describer::Generic,
    },
    KindInfo {
        kind: Kind::Deployment,
        name: "Deployment",
        plural: "deployments",
        singular: "deployment",
        short_names: &["deploy"],
        namespaced: true,
        api_version: "apps/v1",
        printer: Printer::Deployment,
        describer: Describer::Deployment,
    },
    KindInfo {
        kind: Kind::ReplicaSet,
        name: "ReplicaSet",
        plural: "replicasets",
        singular: "replicaset",
        short_names: &["rs"],
        namespaced: true,
        api_version: "apps/v1",
        printer: Printer::ReplicaSet,
        describer: Describer::ReplicaSet,
    },
    KindInfo {
        kind: Kind::StatefulSet,
        name: "StatefulSet",
        plural: "statefulsets",
        singular: "statefulset",
        short_names: &["sts"],
        namespaced: true,
        api_version: "apps/v1",
        printer: Printer::StatefulSet,
        describer: Describer::StatefulSet,
    },
    KindInfo {
        kind: Kind::EndpointSlice,
        name: "EndpointSlice",
        plural: "endpointslices",
        singular: "endpointslice",
        short_names: &[],
        namespaced: true,
        api_version: "discovery.k8s.io/v1",
        printer: Printer::EndpointSlice,
        describer: Describer::Generic,
    },
    KindInfo {
        kind: Kind::StorageClass,
        name: "StorageClass",
        plural: "storageclasses",
        singular: "storageclass",
        short_names: &["sc"],
        namespaced: false,
        api_version: "storage.k8s.io/v1",
        printer: Printer::StorageClass,
        describer: Describer::Generic,
    },
];

/// `KINDS` position of each `Kind` (by discriminant), computed at compile time; a kind
/// without a row, or with two, fails the build.
const ROW: [usize; Kind::ALL.len()] = {
    let mut row = [usize::MAX; Kind::ALL.len()];
    let mut i = 0;
    while i < KINDS.len() {
        let k = KINDS[i].kind as usize;
        assert!(row[k] == usize::MAX, "a kind has two rows in KINDS");
        row[k] = i;
        i += 1;
    }
    let mut k = 0;
    while k < row.len() {
        assert!(row[k] != usize::MAX, "a kind has no row in KINDS");
        k += 1;
    }
    row
};

/// The row for a kind.
pub fn info(kind: Kind) -> &'static KindInfo {
    &KINDS[ROW[kind as usize]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_row() {
        for k in Kind::ALL {
            assert_eq!(info(k).kind, k);
            assert_eq!(info(k).name, format!("{k:?}"));
        }
        assert_eq!(info(Kind::StatefulSet).group(), "apps");
        assert_eq!(info(Kind::StatefulSet).version(), "v1");
        assert_eq!(info(Kind::Pod).group(), "");
        assert_eq!(info(Kind::Pod).version(), "v1");
    }
}
