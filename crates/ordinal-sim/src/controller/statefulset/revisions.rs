//! ControllerRevisions (§6): the template patch, its FNV-1 hash and name (H2), choosing the
//! current/update revisions (H3/H4), adoption (H6) and history truncation (H5).

use super::error::{SyncError, SyncResult};
use super::utils::pod_revision;
use crate::api::{
    ControllerRevision, Object, OwnerReference, Pod, PodTemplateSpec, StatefulSet, HASH_LABEL,
};
use crate::controller::Ctx;
use crate::store::Shared;
use serde_json::{Map, Value};

/// How many name collisions `create_controller_revision` tolerates before giving up.
const MAX_COLLISIONS: i32 = 64;

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

pub use crate::api::gojson::marshal as canonical_json;

/// 32-bit FNV-1 (Go's fnv.New32: multiply, then xor).
pub fn fnv1_32(data: &[u8]) -> u32 {
    data.iter().fold(2_166_136_261u32, |h, b| {
        h.wrapping_mul(16_777_619) ^ u32::from(*b)
    })
}

/// rand.SafeEncodeString: every byte mapped into an alphabet without vowels or look-alikes.
pub fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes()
        .map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char)
        .collect()
}

/// HashControllerRevision: FNV-1 over the data bytes and the collision count's decimal text.
pub fn hash_revision(data: &Value, collision_count: i32) -> String {
    let mut bytes = canonical_json(data).into_bytes();
    bytes.extend_from_slice(collision_count.to_string().as_bytes());
    safe_encode(&fnv1_32(&bytes).to_string())
}

/// ControllerRevisionName: `<set>-<hash>`, the prefix cut to 223 characters.
pub fn revision_name(set_name: &str, hash: &str) -> String {
    let prefix: String = set_name.chars().take(223).collect();
    format!("{prefix}-{hash}")
}

/// newRevision + history.NewControllerRevision.
pub fn new_revision(set: &StatefulSet, revision: i64, collision_count: i32) -> ControllerRevision {
    new_revision_from(set, get_patch(set), revision, collision_count)
}

/// `new_revision` with the set's patch already computed.
pub fn new_revision_from(
    set: &StatefulSet,
    data: Value,
    revision: i64,
    collision_count: i32,
) -> ControllerRevision {
    let hash = hash_revision(&data, collision_count);
    let mut cr = ControllerRevision {
        data,
        revision,
        ..Default::default()
    };
    cr.metadata.namespace = set.metadata.namespace.clone();
    cr.metadata.name = revision_name(&set.metadata.name, &hash);
    cr.metadata.labels = set.spec.template.metadata.labels.clone();
    cr.metadata.labels.insert(HASH_LABEL.into(), hash);
    cr.metadata.annotations = set.metadata.annotations.clone();
    cr.metadata
        .owner_references
        .push(OwnerReference::controller(
            "apps/v1",
            "StatefulSet",
            &set.metadata.name,
            &set.metadata.uid,
        ));
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

/// history.EqualRevision: the hash labels are SafeEncoded (never parse as integers), so the
/// data bytes decide.
pub fn equal_revision(a: &ControllerRevision, b: &ControllerRevision) -> bool {
    a.data == b.data
}

/// history.SortControllerRevisions: by revision, then creation time, then name (stable).
pub fn sort_revisions(revs: &mut [ControllerRevision]) {
    revs.sort_by(|a, b| {
        a.revision
            .cmp(&b.revision)
            .then(
                a.metadata
                    .creation_timestamp
                    .cmp(&b.metadata.creation_timestamp),
            )
            .then(a.metadata.name.cmp(&b.metadata.name))
    });
}

pub fn next_revision(revs: &[ControllerRevision]) -> i64 {
    revs.last().map_or(1, |r| r.revision + 1)
}

/// ListRevisions: revisions matching the selector that this set controls or nobody controls.
pub fn list_revisions(ctx: &Ctx, set: &StatefulSet) -> Vec<ControllerRevision> {
    let Some(selector) = set.spec.selector.as_ref() else {
        return Vec::new();
    };
    let mut revs: Vec<ControllerRevision> = ctx
        .api
        .list::<ControllerRevision>(Some(&set.metadata.namespace))
        .filter(|r| selector.matches(&r.metadata.labels))
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_none_or(|c| c.uid == set.metadata.uid)
        })
        .cloned()
        .collect();
    sort_revisions(&mut revs);
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
            create_controller_revision(ctx, set, candidate, &mut collision_count)?
        }
    };
    let current = revisions
        .iter()
        .find(|r| r.metadata.name == set.status.current_revision)
        .cloned()
        .unwrap_or_else(|| update.clone());
    Ok((current, update, collision_count))
}

/// UpdateControllerRevision: renumber (rollback or re-apply, H4).
fn update_controller_revision(
    ctx: &mut Ctx,
    rev: &ControllerRevision,
    revision: i64,
) -> SyncResult<ControllerRevision> {
    if rev.revision == revision {
        return Ok(rev.clone());
    }
    let mut r = rev.clone();
    r.revision = revision;
    match ctx.api.update(Object::ControllerRevision(r), ctx.now)? {
        Object::ControllerRevision(updated) => Ok(updated),
        _ => Err(SyncError::new("unexpected object kind")),
    }
}

/// CreateControllerRevision: on a name clash with different data, bump the collision count and
/// rehash.
fn create_controller_revision(
    ctx: &mut Ctx,
    set: &StatefulSet,
    candidate: ControllerRevision,
    collision_count: &mut i32,
) -> SyncResult<ControllerRevision> {
    let mut clone = candidate.clone();
    for _ in 0..MAX_COLLISIONS {
        let hash = hash_revision(&candidate.data, *collision_count);
        clone.metadata.name = revision_name(&set.metadata.name, &hash);
        match ctx
            .api
            .create(Object::ControllerRevision(clone.clone()), ctx.now)
        {
            Ok(Object::ControllerRevision(created)) => return Ok(created),
            Ok(_) => return Err(SyncError::new("unexpected object kind")),
            Err(e) if e.is_already_exists() => {
                let existing = ctx
                    .api
                    .get::<ControllerRevision>(&set.metadata.namespace, &clone.metadata.name)
                    .cloned()
                    .ok_or_else(|| SyncError::from(e.clone()))?;
                if existing.data == clone.data {
                    return Ok(existing);
                }
                *collision_count += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(SyncError::new(format!(
        "too many name collisions creating a ControllerRevision for {}",
        set.metadata.name
    )))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1_matches_go() {
        // Go: fnv.New32() over "" is the offset basis; over "a" is 0x050c5d7e.
        assert_eq!(fnv1_32(b""), 2_166_136_261);
        assert_eq!(fnv1_32(b"a"), 0x050c_5d7e);
    }

    #[test]
    fn safe_encoding_uses_the_kubernetes_alphabet() {
        // "0" is byte 48 → 48 % 27 = 21 → "4"; "9" is 57 → 57 % 27 = 3 → "f".
        assert_eq!(safe_encode("09"), "4f");
        let h = hash_revision(&serde_json::json!({"spec": {}}), 0);
        assert!(!h.is_empty() && h.len() <= 10);
        assert!(h.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
    }

    #[test]
    fn canonical_json_sorts_and_escapes() {
        let v = serde_json::json!({"b": 1, "a": {"d": "<x>", "c": null}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"d":"\u003cx\u003e"},"b":1}"#
        );
    }
}
