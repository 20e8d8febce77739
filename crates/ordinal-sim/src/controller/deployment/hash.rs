//! The pod-template-hash (controller.ComputeHash): FNV-1a over the template and the collision
//! count, SafeEncoded. Upstream hashes Go's spew printing of the template, which Rust cannot
//! reproduce, so the value here hashes the template's canonical JSON instead: it is stable,
//! changes exactly when the template (or collisionCount) changes and has upstream's alphabet and
//! length, but differs from the hash a real cluster gives the same template.

use crate::api::PodTemplateSpec;
use crate::controller::history::{canonical_json, safe_encode};

/// 32-bit FNV-1a (Go's fnv.New32a: xor, then multiply).
pub fn fnv1a_32(data: &[u8]) -> u32 {
    data.iter().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(16_777_619)
    })
}

/// ComputeHash: the template's canonical JSON, then (when set) the collision count as four
/// little-endian bytes, as upstream appends it.
pub fn pod_template_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let value = serde_json::to_value(template).unwrap_or(serde_json::Value::Null);
    let mut bytes = canonical_json(&value).into_bytes();
    if let Some(c) = collision_count {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
    }
    safe_encode(&fnv1a_32(&bytes).to_string())
}
