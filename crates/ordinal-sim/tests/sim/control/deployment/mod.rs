//! The Deployment controller, after upstream's pkg/controller/deployment tests: the pure
//! arithmetic (`deployment_util_test.go`), the rollout steps over a recording scaler
//! (`rolling_test.go`, `sync_test.go`, `recreate_test.go`), validation, and whole-cluster runs
//! (`deployment_controller_test.go`, `progress_test.go`).

mod cluster;
mod recreate;
mod rolling;
mod sync;
mod util;
mod validation;

use ordinal_sim::api::*;
use ordinal_sim::controller::deployment::scaling::Scaler;
use ordinal_sim::controller::deployment::SyncError;

/// newDeployment: `replicas`, RollingUpdate with the given surge and unavailability (None: 0),
/// selector and template labels `foo=bar`.
pub fn deployment(
    replicas: i32,
    surge: Option<IntOrString>,
    unavailable: Option<IntOrString>,
) -> Deployment {
    let labels: Labels = [("foo".to_string(), "bar".to_string())].into();
    let mut d = Deployment {
        metadata: ObjectMeta::named("default", "foo"),
        ..Default::default()
    };
    d.metadata.uid = "uid-foo".into();
    d.metadata.generation = 1;
    d.spec.replicas = Some(replicas);
    d.spec.selector = Some(LabelSelector {
        match_labels: labels.clone(),
        ..Default::default()
    });
    d.spec.template.metadata.labels = labels;
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(surge.unwrap_or(IntOrString::Int(0))),
            max_unavailable: Some(unavailable.unwrap_or(IntOrString::Int(0))),
        }),
    });
    d.spec.revision_history_limit = Some(10);
    d
}

pub fn recreate(replicas: i32) -> Deployment {
    let mut d = deployment(replicas, None, None);
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "Recreate".into(),
        rolling_update: None,
    });
    d
}

pub fn int(i: i64) -> Option<IntOrString> {
    Some(IntOrString::Int(i))
}

pub fn pct(s: &str) -> Option<IntOrString> {
    Some(IntOrString::String(s.into()))
}

/// rs(): a ReplicaSet `name` of `replicas`, `available` of them available, created at `at` s.
pub fn rs(name: &str, replicas: i32, available: i32, at: u64) -> ReplicaSet {
    let mut r = ReplicaSet {
        metadata: ObjectMeta::named("default", name),
        ..Default::default()
    };
    r.metadata.uid = format!("uid-{name}");
    r.metadata.creation_timestamp = Some(ordinal_sim::time::Timestamp(at * 1000));
    r.spec.replicas = Some(replicas);
    r.status.replicas = replicas;
    r.status.available_replicas = available;
    r.status.ready_replicas = available;
    r
}

/// The fake client of upstream's tests: records every resize, changes nothing else.
#[derive(Default)]
pub struct Recorder {
    /// (ReplicaSet, from, to, operation) in call order.
    pub calls: Vec<(String, i32, i32, String)>,
}

impl Scaler for Recorder {
    fn scale(
        &mut self,
        rs: &ReplicaSet,
        new_scale: i32,
        _d: &Deployment,
        operation: &str,
    ) -> Result<(bool, ReplicaSet), SyncError> {
        let changed = rs.replicas() != new_scale;
        if changed {
            self.calls.push((
                rs.metadata.name.clone(),
                rs.replicas(),
                new_scale,
                operation.into(),
            ));
        }
        let mut out = rs.clone();
        out.spec.replicas = Some(new_scale);
        Ok((changed, out))
    }
}

impl Recorder {
    /// The final size asked for each ReplicaSet that was resized.
    pub fn size_of(&self, name: &str) -> Option<i32> {
        self.calls.iter().rev().find(|c| c.0 == name).map(|c| c.2)
    }
}
