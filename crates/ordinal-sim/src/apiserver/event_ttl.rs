//! EV5: kube-apiserver `--event-ttl` (default 1h): every write of an Event attaches an etcd lease,
//! and etcd deletes the Event when the lease runs out. The API server's lease manager
//! (apiserver/pkg/storage/etcd3/lease_manager.go GetLease) shares one lease between writes:
//! a new lease lives `ttl` plus a reuse window (5 % of ttl, at most 60 s), and a write reuses
//! the previous lease while it still covers at least `ttl` and at most `ttl + window`, for up to
//! 1000 objects. So an Event goes between 60 and 61 minutes after its last write.

use crate::time::Millis;

/// `--event-ttl`'s default.
pub const EVENT_TTL_MS: Millis = 3_600_000;
/// defaultLeaseReuseDurationSeconds.
const REUSE_MAX_MS: Millis = 60_000;
/// defaultLeaseMaxObjectCount.
const MAX_ATTACHED: u64 = 1000;

#[derive(Clone, Debug, Default)]
pub struct LeaseManager {
    prev_expiry: Option<Millis>,
    attached: u64,
}

impl LeaseManager {
    /// GetLease: when the lease given to an object written at `now` expires.
    pub fn get_lease(&mut self, now: Millis, ttl: Millis) -> Millis {
        let reuse = (ttl / 20).min(REUSE_MAX_MS);
        if let Some(prev) = self.prev_expiry {
            let valid = now + ttl < prev;
            let sufficient = now + ttl + reuse > prev;
            if valid && sufficient && self.attached <= MAX_ATTACHED {
                self.attached += 1;
                return prev;
            }
        }
        let expiry = now + ttl + reuse;
        self.prev_expiry = Some(expiry);
        self.attached = 1;
        expiry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_share_a_lease_while_it_covers_the_ttl() {
        let mut l = LeaseManager::default();
        let s = 1000;
        assert_eq!(l.get_lease(0, EVENT_TTL_MS), 3660 * s);
        assert_eq!(l.get_lease(30 * s, EVENT_TTL_MS), 3660 * s, "reused");
        assert_eq!(
            l.get_lease(60 * s, EVENT_TTL_MS),
            3720 * s,
            "would fall short: new"
        );
    }
}
