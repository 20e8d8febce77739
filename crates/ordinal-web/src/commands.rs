//! The command each direct manipulation stands for. Clicking runs exactly this line through the
//! console, so the learner sees (and can retype) the real command.

/// A JSON merge patch as kubectl takes it on the command line.
fn patch(set: &str, json: &str) -> String {
    format!("kubectl patch statefulset {set} -p '{json}'")
}

pub fn delete_pod(pod: &str) -> String {
    format!("kubectl delete pod {pod}")
}

pub fn force_delete_pod(pod: &str) -> String {
    format!("kubectl delete pod {pod} --grace-period=0 --force")
}

pub fn pod_unready(pod: &str) -> String {
    format!("sim probe {pod} readiness fail")
}

pub fn pod_ready(pod: &str) -> String {
    format!("sim probe {pod} readiness auto")
}

pub fn pod_crash(pod: &str) -> String {
    format!("sim crash {pod}")
}

/// An interactive shell in the pod's container; the console's next lines go to it until `exit`.
pub fn pod_shell(pod: &str) -> String {
    format!("kubectl exec -it {pod} -- sh")
}

pub fn cordon(node: &str) -> String {
    format!("kubectl cordon {node}")
}

pub fn uncordon(node: &str) -> String {
    format!("kubectl uncordon {node}")
}

pub fn drain(node: &str) -> String {
    format!("kubectl drain {node} --ignore-daemonsets --delete-emptydir-data")
}

/// The kubelet stops: heartbeats stop, containers keep running.
pub fn node_stop(node: &str) -> String {
    format!("sim node stop {node}")
}

pub fn node_start(node: &str) -> String {
    format!("sim node start {node}")
}

/// A network partition: the kubelet runs its pods but cannot reach the API server.
pub fn node_cut(node: &str) -> String {
    format!("sim node cut {node}")
}

pub fn node_heal(node: &str) -> String {
    format!("sim node heal {node}")
}

/// The machine is gone for good.
pub fn node_remove(node: &str) -> String {
    format!("sim node remove {node}")
}

pub fn delete_node(node: &str) -> String {
    format!("kubectl delete node {node}")
}

pub fn scale(set: &str, replicas: i32) -> String {
    format!("kubectl scale statefulset {set} --replicas={replicas}")
}

pub fn partition(set: &str, partition: i32) -> String {
    patch(
        set,
        &format!(
            r#"{{"spec":{{"updateStrategy":{{"type":"RollingUpdate","rollingUpdate":{{"partition":{partition}}}}}}}}}"#
        ),
    )
}

/// The tutorial's way to change the image: a JSON patch of the first container.
pub fn set_image(set: &str, image: &str) -> String {
    format!(
        r#"kubectl patch statefulset {set} --type='json' -p='[{{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"{}"}}]'"#,
        image.trim()
    )
}

pub fn update_strategy(set: &str, type_: &str) -> String {
    if type_ == "OnDelete" {
        // rollingUpdate must be cleared when switching to OnDelete (validation).
        patch(
            set,
            r#"{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}"#,
        )
    } else {
        patch(
            set,
            r#"{"spec":{"updateStrategy":{"type":"RollingUpdate"}}}"#,
        )
    }
}

pub fn pod_management_policy(set: &str, policy: &str) -> String {
    patch(
        set,
        &format!(r#"{{"spec":{{"podManagementPolicy":"{policy}"}}}}"#),
    )
}

pub fn retention(set: &str, when_scaled: &str, when_deleted: &str) -> String {
    patch(
        set,
        &format!(
            r#"{{"spec":{{"persistentVolumeClaimRetentionPolicy":{{"whenScaled":"{when_scaled}","whenDeleted":"{when_deleted}"}}}}}}"#
        ),
    )
}

pub fn delete_set(set: &str, orphan: bool) -> String {
    if orphan {
        format!("kubectl delete statefulset {set} --cascade=orphan")
    } else {
        format!("kubectl delete statefulset {set}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_are_valid_json_merge_patches() {
        let cmd = partition("web", 2);
        assert_eq!(
            cmd,
            r#"kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'"#
        );
        for cmd in [
            partition("web", 0),
            update_strategy("web", "OnDelete"),
            update_strategy("web", "RollingUpdate"),
            pod_management_policy("web", "Parallel"),
            retention("web", "Delete", "Retain"),
        ] {
            let json = cmd.rsplit("-p '").next().unwrap().trim_end_matches('\'');
            assert!(
                serde_json::from_str::<serde_json::Value>(json).is_ok(),
                "{json}"
            );
        }
    }

    #[test]
    fn commands_read_like_kubectl() {
        assert_eq!(
            scale("web", 5),
            "kubectl scale statefulset web --replicas=5"
        );
        assert_eq!(
            force_delete_pod("web-1"),
            "kubectl delete pod web-1 --grace-period=0 --force"
        );
        assert_eq!(
            set_image("web", " nginx:1.27 "),
            r#"kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"nginx:1.27"}]'"#
        );
    }
}
