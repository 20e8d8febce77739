//! The controllers' work queue (client-go util/workqueue: a rate-limiting, delaying,
//! deduplicating queue), over simulated time.
//!
//! Upstream a worker goroutine blocks in `Get`; here every queued key has a timer
//! (`Work::Sync`) that hands it to the controller, and a delayed add has a timer
//! (`Work::Requeue`) that moves it into the queue. Processing a key runs inside one timer, so
//! upstream's "processing" set collapses: `get` takes the key out of the queue, and an add
//! while it is being processed queues it again — it is processed again after the current
//! sync, as upstream does after `Done`.

use super::{Ctx, Timer};
use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

/// A queue timer for one key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Work<K> {
    /// Hand a queued key to the controller.
    Sync(K),
    /// A delayed add (`add_after` / `add_rate_limited`) becomes due.
    Requeue(K),
}

/// Base and cap of the per-item exponential failure backoff (workqueue
/// DefaultControllerRateLimiter: 5 ms · 2^failures, at most 1000 s).
pub const BACKOFF_BASE_MS: Millis = 5;
pub const BACKOFF_MAX_MS: Millis = 1_000_000;

/// ItemExponentialFailureRateLimiter: `base · 2^n` for an item's n-th consecutive failure,
/// capped, until `forget`.
#[derive(Clone, Debug)]
pub struct ItemExponentialFailureRateLimiter<K> {
    base_ms: Millis,
    max_ms: Millis,
    failures: BTreeMap<K, u32>,
}

impl<K: Ord + Clone> ItemExponentialFailureRateLimiter<K> {
    pub fn new(base_ms: Millis, max_ms: Millis) -> Self {
        ItemExponentialFailureRateLimiter {
            base_ms,
            max_ms,
            failures: BTreeMap::new(),
        }
    }

    /// When: the delay before `k` is retried; counts one more failure.
    pub fn when(&mut self, k: &K) -> Millis {
        let n = self.failures.entry(k.clone()).or_insert(0);
        let delay = self
            .base_ms
            .saturating_mul(1u64 << (*n).min(40))
            .min(self.max_ms);
        *n += 1;
        delay
    }

    pub fn forget(&mut self, k: &K) {
        self.failures.remove(k);
    }

    pub fn num_requeues(&self, k: &K) -> u32 {
        self.failures.get(k).copied().unwrap_or(0)
    }
}

impl<K: Ord + Clone> Default for ItemExponentialFailureRateLimiter<K> {
    fn default() -> Self {
        Self::new(BACKOFF_BASE_MS, BACKOFF_MAX_MS)
    }
}

/// RateLimitingQueue: each key at most once in the queue; `add_after` keeps the earliest
/// pending delay per key; `add_rate_limited` backs off per key until `forget`.
///
/// `pause` is the simulator's own: keys still queue up but are not handed out until `resume`.
#[derive(Clone, Debug)]
pub struct RateLimitingQueue<K> {
    /// Wraps this queue's work into the cluster's timer type.
    timer: fn(Work<K>) -> Timer,
    /// Keys waiting to be processed (upstream's dirty set).
    queued: BTreeSet<K>,
    /// Earliest pending delayed add per key.
    delayed: BTreeMap<K, Millis>,
    limiter: ItemExponentialFailureRateLimiter<K>,
    paused: bool,
}

impl<K: Ord + Clone> RateLimitingQueue<K> {
    /// A queue with the default rate limiter whose timers `timer` wraps.
    pub fn new(timer: fn(Work<K>) -> Timer) -> Self {
        RateLimitingQueue {
            timer,
            queued: BTreeSet::new(),
            delayed: BTreeMap::new(),
            limiter: ItemExponentialFailureRateLimiter::default(),
            paused: false,
        }
    }

    /// Add: queue `k` unless it is already queued. The key reaches the controller after the
    /// profile's informer-to-worker latency.
    pub fn add(&mut self, k: K, ctx: &mut Ctx) {
        if !self.queued.insert(k.clone()) || self.paused {
            return;
        }
        let at = ctx.after(ctx.timing.controller_sync_ms);
        ctx.schedule(at, (self.timer)(Work::Sync(k)));
    }

    /// AddAfter: add `k` once `delay_ms` has passed; an earlier pending delay for it wins.
    pub fn add_after(&mut self, k: K, delay_ms: Millis, ctx: &mut Ctx) {
        let at = ctx.now + delay_ms;
        if self.delayed.get(&k).is_some_and(|t| *t <= at) {
            return;
        }
        self.delayed.insert(k.clone(), at);
        ctx.schedule(at, (self.timer)(Work::Requeue(k)));
    }

    /// AddRateLimited: add `k` after the rate limiter's backoff for it.
    pub fn add_rate_limited(&mut self, k: K, ctx: &mut Ctx) {
        let delay = self.limiter.when(&k);
        self.add_after(k, delay, ctx);
    }

    /// Forget: the key succeeded; its backoff starts over.
    pub fn forget(&mut self, k: &K) {
        self.limiter.forget(k);
    }

    /// NumRequeues: consecutive rate-limited adds since the last `forget`.
    pub fn num_requeues(&self, k: &K) -> u32 {
        self.limiter.num_requeues(k)
    }

    /// Handles one of this queue's timers; returns the key to process now, if any.
    pub fn on_timer(&mut self, work: Work<K>, ctx: &mut Ctx) -> Option<K> {
        match work {
            Work::Requeue(k) => {
                // Superseded timers (an earlier add already fired) find no due entry. A due
                // key goes straight to a worker: the delay was the wait.
                if self.delayed.get(&k).is_some_and(|t| *t <= ctx.now) {
                    self.delayed.remove(&k);
                    if self.queued.insert(k.clone()) && !self.paused {
                        ctx.schedule(ctx.now, (self.timer)(Work::Sync(k)));
                    }
                }
                None
            }
            Work::Sync(k) => (!self.paused && self.queued.contains(&k)).then_some(k),
        }
    }

    /// Get for a given key: it leaves the queue to be processed (queued or not), so adds from
    /// now on queue it again.
    pub fn get(&mut self, k: &K) {
        self.queued.remove(k);
    }

    /// Keys waiting in the queue.
    pub fn queued(&self) -> impl Iterator<Item = &K> {
        self.queued.iter()
    }

    pub fn len(&self) -> usize {
        self.queued.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }

    /// Stops handing out keys; adds still queue them.
    pub fn pause(&mut self) {
        self.paused = true;
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Hands out again every key queued while paused.
    pub fn resume(&mut self, ctx: &mut Ctx) {
        self.paused = false;
        for k in self.queued.clone() {
            let at = ctx.after(ctx.timing.controller_sync_ms);
            ctx.schedule(at, (self.timer)(Work::Sync(k)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::store::{key, Key};
    use crate::controller::testing::Env;

    /// Pops every timer due by `until`, in order, feeding it to `q`; returns when and which keys
    /// it handed out (and "gets" them, as a controller would).
    fn run(env: &mut Env, q: &mut Queue, until: Millis) -> Vec<(Millis, String)> {
        let mut out = Vec::new();
        while let Some((at, Timer::StatefulSet(w))) = env.timers.pop_due(until) {
            env.now = at;
            if let Some(k) = q.on_timer(w, &mut env.ctx()) {
                q.get(&k);
                out.push((at, k.1));
            }
        }
        env.now = until;
        out
    }
    // The StatefulSet controller's timer variant carries `(namespace, name)` keys.
    type Queue = RateLimitingQueue<Key>;

    fn k(name: &str) -> Key {
        key("default", name)
    }

    /// The keys handed out, sorted (each add draws its own jitter, so the order varies).
    fn names(got: Vec<(Millis, String)>) -> Vec<String> {
        let mut names: Vec<String> = got.into_iter().map(|x| x.1).collect();
        names.sort();
        names
    }

    #[test]
    fn a_key_is_queued_at_most_once() {
        let mut env = Env::new();
        let mut q = Queue::new(Timer::StatefulSet);
        for _ in 0..3 {
            q.add(k("a"), &mut env.ctx());
        }
        q.add(k("b"), &mut env.ctx());
        assert_eq!(q.len(), 2);
        assert_eq!(env.timers.len(), 2, "one Sync timer per distinct key");
        assert_eq!(names(run(&mut env, &mut q, 2_000)), ["a", "b"]);
        assert!(q.is_empty());
    }

    #[test]
    fn a_key_added_while_processed_is_processed_again() {
        let mut env = Env::new();
        let mut q = Queue::new(Timer::StatefulSet);
        q.add(k("a"), &mut env.ctx());
        let mut ctx = env.ctx();
        let (_, Timer::StatefulSet(w)) = ctx.timers.pop_due(2_000).unwrap() else {
            unreachable!()
        };
        let got = q.on_timer(w, &mut ctx).unwrap();
        q.get(&got);
        assert!(q.is_empty());
        // The sync itself (or a watch event it caused) adds the key again.
        q.add(k("a"), &mut ctx);
        assert_eq!(q.queued().collect::<Vec<_>>(), [&k("a")]);
        assert_eq!(run(&mut env, &mut q, 2_000).len(), 1);
    }

    #[test]
    fn add_after_keeps_the_earliest_delay() {
        let mut env = Env::new();
        let mut q = Queue::new(Timer::StatefulSet);
        q.add_after(k("a"), 500, &mut env.ctx());
        q.add_after(k("a"), 900, &mut env.ctx()); // later: ignored
        assert_eq!(env.timers.len(), 1);
        q.add_after(k("a"), 100, &mut env.ctx()); // earlier: wins
        assert_eq!(run(&mut env, &mut q, 1_099), []);
        assert_eq!(run(&mut env, &mut q, 1_100), [(1_100, "a".to_string())]);
        // The superseded 500 ms timer finds nothing due.
        assert_eq!(run(&mut env, &mut q, 5_000), []);
    }

    #[test]
    fn rate_limited_backoff_doubles_up_to_the_cap_and_forget_resets_it() {
        let mut env = Env::new();
        let mut q = Queue::new(Timer::StatefulSet);
        let mut delays = Vec::new();
        for _ in 0..4 {
            let start = env.now;
            q.add_rate_limited(k("a"), &mut env.ctx());
            let got = run(&mut env, &mut q, start + 10_000);
            delays.push(got[0].0 - start);
        }
        assert_eq!(delays, vec![5, 10, 20, 40]);
        assert_eq!(q.num_requeues(&k("a")), 4);
        q.forget(&k("a"));
        assert_eq!(q.num_requeues(&k("a")), 0);
        let start = env.now;
        q.add_rate_limited(k("a"), &mut env.ctx());
        assert_eq!(
            run(&mut env, &mut q, start + 10_000),
            [(start + 5, "a".to_string())]
        );

        let mut limiter = ItemExponentialFailureRateLimiter::<u8>::default();
        let all: Vec<Millis> = (0..30).map(|_| limiter.when(&0)).collect();
        assert_eq!(all[17], 5 << 17);
        assert_eq!(
            all[18], BACKOFF_MAX_MS,
            "5 · 2^18 ms exceeds the 1000 s cap"
        );
        assert_eq!(all[29], BACKOFF_MAX_MS);
        assert_eq!(limiter.num_requeues(&1), 0, "per item");
    }

    #[test]
    fn paused_queues_but_hands_out_nothing_until_resumed() {
        let mut env = Env::new();
        let mut q = Queue::new(Timer::StatefulSet);
        q.pause();
        q.add(k("a"), &mut env.ctx());
        q.add_after(k("b"), 10, &mut env.ctx());
        assert_eq!(run(&mut env, &mut q, 5_000), []);
        assert_eq!(q.queued().collect::<Vec<_>>(), [&k("a"), &k("b")]);
        q.resume(&mut env.ctx());
        assert!(!q.is_paused());
        assert_eq!(names(run(&mut env, &mut q, 6_000)), ["a", "b"]);
    }
}
