//! The StatefulSet's ControllerRevisions: the template patch a revision holds (H2), choosing the
//! current/update revisions (H3/H4) and history truncation (H5). Naming, hashing, creating and
//! renumbering revisions are the shared controller/history.rs; adoption (H6) goes through the
//! ControllerRefManager.

use super::error::{SyncError, SyncResult};
use super::utils::pod_revision;
use super::CONTROLLER_KIND;
use crate::api::{ControllerRevision, Pod, PodTemplateSpec, StatefulSet};
use crate::apiserver::store::Shared;
use crate::controller::history::{
    create_controller_revision, equal_revision, list_controller_history, new_controller_revision,
    sort_controller_revisions, update_controller_revision,
};
use crate::controller::Ctx;
use serde_json::{Map, Value};

/// The revision's data: `{"spec":{"template":{...,"$patch":"replace"}}}` (getPatch), with the
/// template as the API serves it (defaulted, `creationTimestamp: null`, empty structs present).
pub fn get_patch(set: &StatefulSet) -> Value {
    let mut template = serde_json::to_value(&set.spec.template).unwrap_or(Value::Null);
    if let Value::Object(t) = &mut template {
        if let Some(Value::Object(meta)) = t.get_mut("metadata") {
            if meta.get("name").is_some_and(|n| n == "") {
                meta.remove("name");
            }
            meta.insert("creationTimestamp".into(), Value::Null);
        }
        if let Some(Value::Object(spec)) = t.get_mut("spec") {
            spec.entry("securityContext")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(Value::Array(containers)) = spec.get_mut("containers") {
                for c in containers.iter_mut().filter_map(Value::as_object_mut) {
                    c.entry("resources")
                        .or_insert_with(|| Value::Object(Map::new()));
                }
            }
        }
        t.insert("$patch".into(), Value::String("replace".into()));
    }
    let mut spec = Map::new();
    spec.insert("template".into(), template);
    let mut root = Map::new();
    root.insert("spec".into(), Value::Object(spec));
    Value::Object(root)
}

/// newRevision: a revision of the set's template patch.
pub fn new_revision(set: &StatefulSet, revision: i64, collision_count: i32) -> ControllerRevision {
    new_revision_from(set, get_patch(set), revision, collision_count)
}

/// `new_revision` with the set's patch already computed; the revision also carries the set's
/// annotations.
pub fn new_revision_from(
    set: &StatefulSet,
    data: Value,
    revision: i64,
    collision_count: i32,
) -> ControllerRevision {
    let mut cr = new_controller_revision(
        &set.metadata,
        CONTROLLER_KIND,
        &set.spec.template.metadata.labels,
        data,
        revision,
        collision_count,
    );
    cr.metadata.annotations = set.metadata.annotations.clone();
    cr
}

/// ApplyRevision: the set with its template restored from the revision.
pub fn apply_revision(set: &StatefulSet, rev: &ControllerRevision) -> SyncResult<StatefulSet> {
    apply_revision_with(set, rev, None)
}

/// `apply_revision`, short-cut when the revision holds exactly the set's own template (`patch`
/// is the set's current patch): then the result is the set itself.
pub fn apply_revision_with(
    set: &StatefulSet,
    rev: &ControllerRevision,
    patch: Option<&Value>,
) -> SyncResult<StatefulSet> {
    if patch.is_some_and(|p| *p == rev.data) {
        return Ok(set.clone());
    }
    let mut template = rev
        .data
        .get("spec")
        .and_then(|s| s.get("template"))
        .cloned()
        .ok_or_else(|| {
            SyncError::new(format!(
                "controller revision {} has no spec.template patch",
                rev.metadata.name
            ))
        })?;
    if let Value::Object(t) = &mut template {
        t.remove("$patch");
    }
    let template: PodTemplateSpec =
        crate::api::decode::decode_lenient(&template).map_err(|e| SyncError::new(e.to_string()))?;
    let mut out = set.clone();
    out.spec.template = template;
    Ok(out)
}

pub fn next_revision(revs: &[ControllerRevision]) -> i64 {
    revs.last().map_or(1, |r| r.revision + 1)
}

/// ListRevisions: the set's history (H1), sorted.
pub fn list_revisions(ctx: &Ctx, set: &StatefulSet) -> Vec<ControllerRevision> {
    let Some(selector) = set.spec.selector.as_ref() else {
        return Vec::new();
    };
    let mut revs = list_controller_history(ctx, &set.metadata, selector);
    sort_controller_revisions(&mut revs);
    revs
}

/// The current and update revisions and the collision count (getStatefulSetRevisions, H3).
/// May create a revision or renumber an equal older one.
pub fn get_stateful_set_revisions(
    ctx: &mut Ctx,
    set: &StatefulSet,
    revisions: &[ControllerRevision],
    patch: &Value,
) -> SyncResult<(ControllerRevision, ControllerRevision, i32)> {
    let mut collision_count = set.status.collision_count.unwrap_or(0);
    let next = next_revision(revisions);
    // FindEqualRevisions against the candidate, whose data is the set's patch.
    let equal: Vec<&ControllerRevision> = revisions.iter().filter(|r| r.data == *patch).collect();
    let update = match (equal.last(), revisions.last()) {
        (Some(eq), Some(newest)) if equal_revision(newest, eq) => newest.clone(),
        (Some(eq), _) => update_controller_revision(ctx, eq, next)?,
        (None, _) => {
            let candidate = new_revision_from(set, patch.clone(), next, collision_count);
            create_controller_revision(ctx, &set.metadata, &candidate, &mut collision_count)?
        }
    };
    let current = revisions
        .iter()
        .find(|r| r.metadata.name == set.status.current_revision)
        .cloned()
        .unwrap_or_else(|| update.clone());
    Ok((current, update, collision_count))
}

/// truncateHistory (H5): delete the oldest non-live revisions beyond revisionHistoryLimit.
pub fn truncate_history(
    ctx: &mut Ctx,
    set: &StatefulSet,
    pods: &[Shared<Pod>],
    revisions: &[ControllerRevision],
    current: Option<&ControllerRevision>,
    update: Option<&ControllerRevision>,
) -> SyncResult<()> {
    let mut live: Vec<&str> = pods.iter().map(|p| pod_revision(p)).collect();
    live.extend(current.map(|c| c.metadata.name.as_str()));
    live.extend(update.map(|u| u.metadata.name.as_str()));
    let history: Vec<&ControllerRevision> = revisions
        .iter()
        .filter(|r| !live.contains(&r.metadata.name.as_str()))
        .collect();
    let limit = set.spec.revision_history_limit.unwrap_or(10);
    if limit < 0 || history.len() <= limit as usize {
        return Ok(());
    }
    for r in &history[..history.len() - limit as usize] {
        ctx.api.delete(
            crate::api::Kind::ControllerRevision,
            &r.metadata.namespace,
            &r.metadata.name,
            &Default::default(),
            ctx.now,
        )?;
    }
    Ok(())
}
