//! The builders every fixture shares, so a cluster config, a headless Service or a claim
//! template is spelled once.

use crate::api::{
    ObjectMeta, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimTemplate,
    ResourceRequirements, Service, ServicePort, ServiceSpec,
};
use crate::timing::TimingProfile;
use crate::ClusterConfig;

/// `nodes` nodes, `TimingProfile::fast()`, default features.
pub fn fast_config(seed: u64, nodes: usize) -> ClusterConfig {
    ClusterConfig {
        seed,
        nodes,
        timing: TimingProfile::fast(),
        ..Default::default()
    }
}

/// A headless service `default/<name>` selecting `app=<app>` with TCP port 80 named `web`.
pub fn headless(name: &str, app: &str) -> Service {
    Service {
        metadata: ObjectMeta::named("default", name),
        spec: ServiceSpec {
            ports: vec![ServicePort {
                name: "web".into(),
                protocol: "TCP".into(),
                port: 80,
                target_port: None,
            }],
            selector: [("app".to_string(), app.to_string())].into(),
            cluster_ip: "None".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A ReadWriteOnce claim `default/<name>` requesting `size` of `class` (none: the default).
pub fn pvc(name: &str, class: Option<&str>, size: &str) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta::named("default", name),
        spec: PersistentVolumeClaimSpec {
            access_modes: vec!["ReadWriteOnce".into()],
            resources: ResourceRequirements {
                requests: [("storage".to_string(), size.to_string())].into(),
                ..Default::default()
            },
            storage_class_name: class.map(str::to_string),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A `volumeClaimTemplates` entry `name`: ReadWriteOnce, `size`, the default class.
pub fn claim_template(name: &str, size: &str) -> PersistentVolumeClaimTemplate {
    PersistentVolumeClaimTemplate {
        metadata: ObjectMeta::named("", name),
        spec: pvc(name, None, size).spec,
        ..Default::default()
    }
}
