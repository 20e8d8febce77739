//! How big objects are, and the API server's size bounds: the request body limit, etcd's
//! per-object limit and its database quota. Sizes are measured once per write, as the object's
//! JSON length; memory budgets elsewhere (watch history, checkpoints, recorded inputs) use
//! [`estimate`], a deliberately generous guess at the object's in-memory size.

use super::error::{ApiError, Reason};
use crate::api::Object;

/// apiserver's `MaxRequestBodyBytes` (3 MiB: twice etcd's limit, since JSON is bigger than the
/// protobuf etcd stores).
pub const MAX_REQUEST_BYTES: usize = 3 * 1024 * 1024;

/// etcd's `--max-request-bytes` default (1.5 MiB): no stored object may be bigger.
pub const MAX_OBJECT_BYTES: usize = 1536 * 1024;

/// The simulated etcd's `--quota-backend-bytes`: the JSON of every stored object together.
/// Upstream's default is 2 GB; ours keeps the whole session inside its memory budget (ST6)
/// (docs/memory.md).
pub const QUOTA_BYTES: usize = 24 * 1024 * 1024;

/// The JSON length of an object, without building the JSON.
pub fn json_len(obj: &Object) -> usize {
    let mut w = Counter(0);
    obj.write_json(&mut w);
    w.0
}

/// A generous guess at the heap an object takes, from its JSON length: Rust structs keep every
/// field (a `Container` is 776 bytes before any string), while JSON leaves empty ones out.
pub fn estimate(json_len: usize) -> usize {
    json_len * 4 + 2048
}

/// The request body check, before anything else looks at the object (413).
pub fn check_request(obj: &Object) -> Result<(), ApiError> {
    if json_len(obj) > MAX_REQUEST_BYTES {
        return Err(ApiError {
            reason: Reason::RequestEntityTooLarge,
            message: format!("Request entity too large: limit is {MAX_REQUEST_BYTES}"),
            details: None,
        });
    }
    Ok(())
}

/// What etcd answers when a write would not fit: the object itself, or the database.
pub fn check_storage(
    json: usize,
    stored: usize,
    replaced: usize,
    quota: usize,
) -> Result<(), ApiError> {
    let etcd = |m: &str| ApiError {
        reason: Reason::Unknown,
        message: m.into(),
        details: None,
    };
    if json > MAX_OBJECT_BYTES {
        return Err(etcd("etcdserver: request is too large"));
    }
    if stored - replaced.min(stored) + json > quota && json > replaced {
        return Err(etcd("etcdserver: mvcc: database space exceeded"));
    }
    Ok(())
}

/// An `io::Write` that only counts.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConfigMap, ObjectMeta};

    #[test]
    fn json_len_is_the_length_of_the_json() {
        let mut c = ConfigMap {
            metadata: ObjectMeta::named("default", "a"),
            data: Default::default(),
        };
        c.data.insert("k".into(), "x".repeat(1000));
        let json = serde_json::to_vec(&c).unwrap().len();
        assert!(json > 1000);
        assert_eq!(json_len(&Object::ConfigMap(c)), json);
    }
}
