//! The API server's Deployment validation (pkg/apis/apps/validation ValidateDeployment*;
//! the apps/v1 immutable selector): upstream's messages, and nothing stored on refusal.

use ordinal_sim::api::*;
use ordinal_sim::testing::node::cluster_with;

use super::cluster::web;

fn create_err(d: Deployment) -> String {
    let mut c = cluster_with(0, 1);
    let msg = c
        .create(Object::Deployment(d))
        .expect_err("rejected")
        .message;
    assert!(
        c.api.get::<Deployment>("default", "web").is_none(),
        "nothing stored"
    );
    msg
}

fn rolling(d: &mut Deployment, surge: IntOrString, unavailable: IntOrString) {
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(surge),
            max_unavailable: Some(unavailable),
        }),
    });
}

#[test]
fn max_surge_and_max_unavailable_both_zero() {
    let mut d = web(3);
    rolling(&mut d, IntOrString::Int(0), IntOrString::Int(0));
    assert_eq!(
        create_err(d),
        "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    );
    let mut d = web(3);
    rolling(
        &mut d,
        IntOrString::String("0%".into()),
        IntOrString::String("0%".into()),
    );
    assert!(create_err(d)
        .contains("maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"));
}

#[test]
fn max_unavailable_over_100_percent_and_malformed_percentages() {
    let mut d = web(3);
    rolling(
        &mut d,
        IntOrString::Int(1),
        IntOrString::String("120%".into()),
    );
    assert!(create_err(d).ends_with(
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%"
    ));
    let mut d = web(3);
    rolling(
        &mut d,
        IntOrString::String("lots".into()),
        IntOrString::Int(-1),
    );
    let msg = create_err(d);
    assert!(msg.contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"), "{msg}");
    assert!(msg.contains("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\": a valid percent string must be a numeric string followed by an ending '%'"), "{msg}");
}

#[test]
fn selector_required_and_matching_the_template() {
    let mut d = web(3);
    d.spec.selector = None;
    let msg = create_err(d);
    assert!(msg.contains("spec.selector: Required value"), "{msg}");
    assert!(msg.contains("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"), "{msg}");
    let mut d = web(3);
    d.spec.template.metadata.labels = [("app".to_string(), "other".to_string())].into();
    assert_eq!(
        create_err(d),
        "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"
    );
    let mut d = web(3);
    d.spec.selector = Some(LabelSelector::default());
    assert!(create_err(d).contains("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"));
}

#[test]
fn selector_is_immutable_in_apps_v1() {
    let mut c = cluster_with(0, 1);
    c.create(Object::Deployment(web(1))).unwrap();
    let mut d = c.api.get::<Deployment>("default", "web").unwrap().clone();
    let before = d.clone();
    d.spec
        .selector
        .as_mut()
        .unwrap()
        .match_labels
        .insert("tier".into(), "x".into());
    d.spec
        .template
        .metadata
        .labels
        .insert("tier".into(), "x".into());
    let msg = c
        .update(Object::Deployment(d))
        .expect_err("rejected")
        .message;
    assert_eq!(
        msg,
        "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    );
    assert_eq!(
        c.api.get::<Deployment>("default", "web"),
        Some(&before),
        "unchanged"
    );
}

#[test]
fn rolling_update_with_recreate_is_forbidden() {
    let mut d = web(3);
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "Recreate".into(),
        rolling_update: Some(RollingUpdateDeployment::default()),
    });
    assert_eq!(
        create_err(d),
        "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
    );
    let mut d = web(3);
    d.spec.strategy = Some(DeploymentStrategy {
        type_: "BlueGreen".into(),
        rolling_update: None,
    });
    assert!(create_err(d).contains("spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""));
}

#[test]
fn deadline_history_limit_and_restart_policy() {
    let mut d = web(3);
    d.spec.min_ready_seconds = 30;
    d.spec.progress_deadline_seconds = Some(30);
    assert_eq!(
        create_err(d),
        "Deployment.apps \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"
    );
    let mut d = web(3);
    d.spec.revision_history_limit = Some(-1);
    assert!(create_err(d).ends_with(
        "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"
    ));
    let mut d = web(3);
    d.spec.template.spec.restart_policy = "Never".into();
    assert!(create_err(d).ends_with("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""));
    let mut d = web(3);
    d.spec.replicas = Some(-2);
    assert!(create_err(d)
        .contains("spec.replicas: Invalid value: -2: must be greater than or equal to 0"));
}
