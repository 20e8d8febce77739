//! ControllerRevision history (pkg/controller/history): naming and hashing revisions, listing a
//! controller's history, creating one despite hash collisions, renumbering one. Any controller
//! that snapshots its template as ControllerRevisions (StatefulSet today) builds on these.

use super::controller_ref::ControllerKind;
use super::error::{SyncError, SyncResult};
use super::Ctx;
use crate::api::{ControllerRevision, LabelSelector, Labels, Object, ObjectMeta, HASH_LABEL};
use serde_json::Value;

pub use crate::gofmt::json::marshal as canonical_json;

/// How many name collisions `create_controller_revision` tolerates before giving up.
const MAX_COLLISIONS: i32 = 64;

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
pub fn hash_controller_revision(data: &Value, collision_count: i32) -> String {
    let mut bytes = canonical_json(data).into_bytes();
    bytes.extend_from_slice(collision_count.to_string().as_bytes());
    safe_encode(&fnv1_32(&bytes).to_string())
}

/// ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters.
pub fn controller_revision_name(prefix: &str, hash: &str) -> String {
    let prefix: String = prefix.chars().take(223).collect();
    format!("{prefix}-{hash}")
}

/// NewControllerRevision: a revision of `parent` (a `kind`) holding `data`, labelled with the
/// template's labels plus the hash, named after the parent and the hash, controlled by it.
pub fn new_controller_revision(
    parent: &ObjectMeta,
    kind: ControllerKind,
    template_labels: &Labels,
    data: Value,
    revision: i64,
    collision_count: i32,
) -> ControllerRevision {
    let hash = hash_controller_revision(&data, collision_count);
    let mut cr = ControllerRevision {
        data,
        revision,
        ..Default::default()
    };
    cr.metadata.namespace = parent.namespace.clone();
    cr.metadata.name = controller_revision_name(&parent.name, &hash);
    cr.metadata.labels = template_labels.clone();
    cr.metadata.labels.insert(HASH_LABEL.into(), hash);
    cr.metadata
        .owner_references
        .push(kind.controller_ref(parent));
    cr
}

/// EqualRevision: the hash labels are SafeEncoded (never parse as integers), so the data
/// bytes decide.
pub fn equal_revision(a: &ControllerRevision, b: &ControllerRevision) -> bool {
    a.data == b.data
}

/// FindEqualRevisions: the revisions in `revisions` equal to `needle`, in order.
pub fn find_equal_revisions<'r>(
    revisions: &'r [ControllerRevision],
    needle: &ControllerRevision,
) -> Vec<&'r ControllerRevision> {
    revisions
        .iter()
        .filter(|r| equal_revision(r, needle))
        .collect()
}

/// SortControllerRevisions: by revision, then creation time, then name (stable).
pub fn sort_controller_revisions(revs: &mut [ControllerRevision]) {
    crate::sort::sort_by(revs, |a, b| {
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

/// ListControllerHistory: the revisions in the parent's namespace matching `selector` that the
/// parent controls or nobody controls (orphans are for the caller to adopt), in store order.
pub fn list_controller_history(
    ctx: &Ctx,
    parent: &ObjectMeta,
    selector: &LabelSelector,
) -> Vec<ControllerRevision> {
    ctx.api
        .list::<ControllerRevision>(Some(&parent.namespace))
        .filter(|r| selector.matches(&r.metadata.labels))
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_none_or(|c| c.uid == parent.uid)
        })
        .cloned()
        .collect()
}

/// CreateControllerRevision: create `revision` under the name its hash gives; on a name clash
/// with different data, bump `collision_count` and rehash. A clash with equal data returns the
/// existing revision.
pub fn create_controller_revision(
    ctx: &mut Ctx,
    parent: &ObjectMeta,
    revision: &ControllerRevision,
    collision_count: &mut i32,
) -> SyncResult<ControllerRevision> {
    let mut clone = revision.clone();
    for _ in 0..MAX_COLLISIONS {
        let hash = hash_controller_revision(&revision.data, *collision_count);
        clone.metadata.name = controller_revision_name(&parent.name, &hash);
        match ctx
            .api
            .create(Object::ControllerRevision(clone.clone()), ctx.now)
        {
            Ok(Object::ControllerRevision(created)) => return Ok(created),
            Ok(_) => return Err(SyncError::new("unexpected object kind")),
            Err(e) if e.is_already_exists() => {
                let existing = ctx
                    .api
                    .get::<ControllerRevision>(&parent.namespace, &clone.metadata.name)
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
        parent.name
    )))
}

/// UpdateControllerRevision: give `rev` the revision number `revision` (a rollback or a
/// re-apply of an old template makes it the newest).
pub fn update_controller_revision(
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
        let h = hash_controller_revision(&serde_json::json!({"spec": {}}), 0);
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

    use crate::controller::testing::Env;
    use serde_json::json;

    const KIND: ControllerKind = ControllerKind {
        api_version: "apps/v1",
        kind: "StatefulSet",
    };

    fn parent(uid: &str) -> ObjectMeta {
        let mut m = ObjectMeta::named("default", "web");
        m.uid = uid.into();
        m
    }

    fn labels() -> Labels {
        [("app".to_string(), "web".to_string())].into()
    }

    fn selector() -> LabelSelector {
        LabelSelector {
            match_labels: labels(),
            ..Default::default()
        }
    }

    #[test]
    fn a_new_revision_is_named_labelled_and_owned_by_its_parent() {
        let p = parent("uid-1");
        let data = json!({"spec": {"template": {"x": 1}}});
        let cr = new_controller_revision(&p, KIND, &labels(), data.clone(), 3, 0);
        let hash = hash_controller_revision(&data, 0);
        assert_eq!(cr.metadata.name, format!("web-{hash}"));
        assert_eq!(cr.metadata.namespace, "default");
        assert_eq!(cr.metadata.labels.get(HASH_LABEL), Some(&hash));
        assert_eq!(
            cr.metadata.labels.get("app").map(String::as_str),
            Some("web")
        );
        assert_eq!(cr.metadata.owner_references, [KIND.controller_ref(&p)]);
        assert_eq!(cr.revision, 3);
        assert_ne!(
            hash,
            hash_controller_revision(&data, 1),
            "the collision count rehashes"
        );
        let long = "a".repeat(300);
        assert_eq!(controller_revision_name(&long, "h").len(), 223 + 2);
    }

    #[test]
    fn create_rehashes_on_a_clash_with_other_data_and_reuses_equal_data() {
        let mut env = Env::new();
        let p = parent("uid-1");
        let data = json!({"spec": {"v": 1}});
        let cr = new_controller_revision(&p, KIND, &labels(), data.clone(), 1, 0);
        // Someone else's revision squats on the name with different data.
        let mut squatter = cr.clone();
        squatter.data = json!({"spec": {"v": 2}});
        env.api
            .create(Object::ControllerRevision(squatter), env.now)
            .unwrap();
        let mut collisions = 0;
        let created = create_controller_revision(&mut env.ctx(), &p, &cr, &mut collisions).unwrap();
        assert_eq!(collisions, 1);
        assert_eq!(
            created.metadata.name,
            controller_revision_name("web", &hash_controller_revision(&data, 1))
        );
        assert_eq!(created.data, data);
        // The same data again lands on the existing revision: no write, no further collision.
        let again = create_controller_revision(&mut env.ctx(), &p, &cr, &mut collisions).unwrap();
        assert_eq!(collisions, 1);
        assert_eq!(again.metadata.uid, created.metadata.uid);
    }

    #[test]
    fn history_is_what_the_parent_owns_or_nobody_owns_and_sorts_by_revision() {
        let mut env = Env::new();
        let p = parent("uid-1");
        let make = |name: &str, revision: i64, owner: Option<&ObjectMeta>, app: &str| {
            let mut l = labels();
            l.insert("app".into(), app.into());
            let mut cr = new_controller_revision(&p, KIND, &l, json!({ "n": name }), revision, 0);
            cr.metadata.name = name.into();
            cr.metadata.owner_references =
                owner.map(|o| KIND.controller_ref(o)).into_iter().collect();
            cr
        };
        let other = parent("uid-2");
        for cr in [
            make("a-ours", 2, Some(&p), "web"),
            make("b-orphan", 1, None, "web"),
            make("c-theirs", 3, Some(&other), "web"),
            make("d-unmatched", 4, Some(&p), "db"),
        ] {
            env.api
                .create(Object::ControllerRevision(cr), env.now)
                .unwrap();
        }
        let mut revs = list_controller_history(&env.ctx(), &p, &selector());
        let names = |revs: &[ControllerRevision]| -> Vec<String> {
            revs.iter().map(|r| r.metadata.name.clone()).collect()
        };
        assert_eq!(names(&revs), ["a-ours", "b-orphan"]);
        sort_controller_revisions(&mut revs);
        assert_eq!(names(&revs), ["b-orphan", "a-ours"]);
        assert_eq!(find_equal_revisions(&revs, &revs[1]).len(), 1);

        let renumbered = update_controller_revision(&mut env.ctx(), &revs[0], 5).unwrap();
        assert_eq!(renumbered.revision, 5);
        let stored = env
            .api
            .get::<ControllerRevision>("default", "b-orphan")
            .unwrap();
        assert_eq!(stored.revision, 5);
        let unchanged = update_controller_revision(&mut env.ctx(), &renumbered, 5).unwrap();
        assert_eq!(
            unchanged.metadata.resource_version,
            renumbered.metadata.resource_version
        );
    }
}
