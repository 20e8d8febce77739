//! Node-side subresources of the simulated API server: `pods/binding` (the scheduler's write).

use super::{ApiError, ApiServer, Reason};
use crate::api::{Condition, Kind, Object};
use crate::time::{Millis, Timestamp};

impl ApiServer {
    /// POST `pods/<name>/binding` (registry/core/pod/storage `BindingREST.assignPod`): sets
    /// `spec.nodeName` and the `PodScheduled=True` condition in one write.
    pub fn bind(
        &mut self,
        namespace: &str,
        name: &str,
        node: &str,
        now: Millis,
    ) -> Result<Object, ApiError> {
        let Some(Object::Pod(old)) = self.store.get_object(Kind::Pod, namespace, name) else {
            return Err(ApiError::not_found(Kind::Pod, name));
        };
        let conflict = |msg: String| ApiError {
            reason: Reason::Conflict,
            message: format!("Operation cannot be fulfilled on pods/binding \"{name}\": {msg}"),
            details: None,
        };
        if old.metadata.deletion_timestamp.is_some() {
            return Err(conflict(format!(
                "pod {name} is being deleted, cannot be assigned to a host"
            )));
        }
        if !old.spec.node_name.is_empty() {
            return Err(conflict(format!(
                "pod {name} is already assigned to node \"{}\"",
                old.spec.node_name
            )));
        }
        let mut pod = old.clone();
        pod.spec.node_name = node.to_string();
        let conds = &mut pod.status.conditions;
        let cond = Condition {
            type_: "PodScheduled".into(),
            status: "True".into(),
            last_transition_time: Some(Timestamp(now)),
            ..Default::default()
        };
        match conds.iter_mut().find(|c| c.type_ == "PodScheduled") {
            Some(c) => *c = cond,
            None => conds.push(cond),
        }
        pod.metadata.resource_version = self.next_rv();
        let pod = Object::Pod(pod);
        let json = super::size::json_len(&pod);
        Ok(self.replace(now, pod, json))
    }
}
