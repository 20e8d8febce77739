//! client-go's EventCorrelator (tools/record/events_cache.go), run on the simulated clock:
//! the aggregator folds similar events into "(combined from similar events): …", the logger
//! turns a repeated event into a patch of its count, and the spam filter drops what a source
//! says about one object beyond a token bucket. Upstream's caches are LRUs of 4096 entries; so
//! are these (EV4), and where upstream picks at random (`PopAny`) we take the smallest key.
//! Rules: docs/reference/events.md.

use crate::time::Millis;
use std::collections::{BTreeMap, BTreeSet};

/// events_cache.go maxLruCacheEntries.
const LRU_ENTRIES: usize = 4096;
/// defaultAggregateMaxEvents: from the 10th similar event on, one combined event.
pub const AGGREGATE_MAX_EVENTS: usize = 10;
/// defaultAggregateIntervalInSeconds.
pub const AGGREGATE_INTERVAL_MS: Millis = 600_000;
/// defaultSpamBurst.
pub const SPAM_BURST: u64 = 25;
/// defaultSpamQPS is 1/300: one token every five minutes.
pub const SPAM_REFILL_MS: Millis = 300_000;
/// EventAggregatorByReasonMessageFunc's prefix.
pub const COMBINED_PREFIX: &str = "(combined from similar events): ";

/// The fields of a v1.Event the correlator's keys read.
pub struct EventFields<'a> {
    pub component: &'a str,
    pub host: &'a str,
    pub kind: &'a str,
    pub namespace: &'a str,
    pub name: &'a str,
    pub field_path: &'a str,
    pub uid: &'a str,
    pub api_version: &'a str,
    pub type_: &'a str,
    pub reason: &'a str,
    pub message: &'a str,
}

impl EventFields<'_> {
    fn object(&self) -> [&str; 7] {
        [
            self.component,
            self.host,
            self.kind,
            self.namespace,
            self.name,
            self.uid,
            self.api_version,
        ]
    }

    /// getEventKey: source, object (with fieldPath), type, reason, message.
    fn event_key(&self) -> String {
        let o = self.object();
        join(&[
            o[0],
            o[1],
            o[2],
            o[3],
            o[4],
            self.field_path,
            o[5],
            o[6],
            self.type_,
            self.reason,
            self.message,
        ])
    }

    /// EventAggregatorByReasonFunc: the event key without message and fieldPath (our events
    /// carry no reportingController/Instance, so those are empty as in client-go's recorder).
    fn aggregate_key(&self) -> String {
        let mut k: Vec<&str> = self.object().to_vec();
        k.extend([self.type_, self.reason, "", ""]);
        join(&k)
    }

    /// getSpamKey: source and object only.
    fn spam_key(&self) -> String {
        join(&self.object())
    }
}

/// Upstream joins with ""; a NUL keeps two different field splits from meeting.
fn join(parts: &[&str]) -> String {
    parts.join("\0")
}

/// What the recorder should write: a new event, or a patch of `name` when `count > 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    pub name: String,
    pub message: String,
    pub count: i32,
    pub first_timestamp: Millis,
    /// The aggregator's event: upstream builds it without reportingController/Instance.
    pub combined: bool,
}

/// A least-recently-used map bounded at [`LRU_ENTRIES`], like golang/groupcache's lru.
#[derive(Clone, Debug, Default)]
struct Lru<V> {
    map: BTreeMap<String, (u64, V)>,
    order: BTreeMap<u64, String>,
    tick: u64,
}

impl<V: Clone> Lru<V> {
    fn get(&self, k: &str) -> Option<V> {
        self.map.get(k).map(|(_, v)| v.clone())
    }

    fn add(&mut self, k: String, v: V) {
        self.tick += 1;
        if let Some((old, _)) = self.map.insert(k.clone(), (self.tick, v)) {
            self.order.remove(&old);
        }
        self.order.insert(self.tick, k);
        while self.map.len() > LRU_ENTRIES {
            if let Some((_, oldest)) = self.order.pop_first() {
                self.map.remove(&oldest);
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
struct AggregateRecord {
    local_keys: BTreeSet<String>,
    last: Millis,
}

#[derive(Clone, Debug, Default)]
struct EventLog {
    count: i32,
    first_timestamp: Millis,
    name: String,
}

#[derive(Clone, Debug, Default)]
struct SpamRecord {
    /// Tokens held, in milliseconds of refill ([`SPAM_REFILL_MS`] per token).
    credit: Millis,
    last: Millis,
}

#[derive(Clone, Debug, Default)]
pub struct EventCorrelator {
    aggregates: Lru<AggregateRecord>,
    logs: Lru<EventLog>,
    spam: Lru<SpamRecord>,
}

impl EventCorrelator {
    /// EventCorrelate: aggregate, then observe, then filter. `name` is the name the recorder gave
    /// the new event. `None` means the spam filter dropped it (the caches still count it).
    pub fn correlate(&mut self, now: Millis, ev: &EventFields, name: &str) -> Option<Observed> {
        let (key, name, message) = self.aggregate(now, ev, name);
        let combined = message.len() != ev.message.len();
        let mut observed = self.observe(key, name, message, now);
        observed.combined = combined;
        self.filter(now, ev).then_some(observed)
    }

    /// EV1 EventAggregator.EventAggregate: the cache key and the event to write.
    fn aggregate(&mut self, now: Millis, ev: &EventFields, name: &str) -> (String, String, String) {
        let agg_key = ev.aggregate_key();
        let mut record = self.aggregates.get(&agg_key).unwrap_or_default();
        // A record older than the interval (or none: last is the zero time) starts afresh.
        if record.local_keys.is_empty() || now.saturating_sub(record.last) > AGGREGATE_INTERVAL_MS {
            record = AggregateRecord::default();
        }
        record.local_keys.insert(ev.message.to_string());
        record.last = now;
        let similar = record.local_keys.len();
        if similar >= AGGREGATE_MAX_EVENTS {
            record.local_keys.pop_first();
        }
        self.aggregates.add(agg_key.clone(), record);
        if similar < AGGREGATE_MAX_EVENTS {
            return (ev.event_key(), name.into(), ev.message.into());
        }
        (
            agg_key,
            name.into(),
            format!("{COMBINED_PREFIX}{}", ev.message),
        )
    }

    /// EV2 eventLogger.eventObserve: a key seen before continues its event's name and count.
    fn observe(&mut self, key: String, name: String, message: String, now: Millis) -> Observed {
        let observed = match self.logs.get(&key) {
            Some(last) => Observed {
                name: last.name,
                message,
                count: last.count.saturating_add(1),
                first_timestamp: last.first_timestamp,
                combined: false,
            },
            None => Observed {
                name,
                message,
                count: 1,
                first_timestamp: now,
                combined: false,
            },
        };
        self.logs.add(
            key,
            EventLog {
                count: observed.count,
                first_timestamp: observed.first_timestamp,
                name: observed.name.clone(),
            },
        );
        observed
    }

    /// EV3 EventSourceObjectSpamFilter.Filter: true if the event may be written. The bucket starts
    /// full (x/time/rate) and refills one token per five minutes up to the burst.
    fn filter(&mut self, now: Millis, ev: &EventFields) -> bool {
        let key = ev.spam_key();
        let full = SPAM_BURST * SPAM_REFILL_MS;
        let mut r = self.spam.get(&key).unwrap_or(SpamRecord {
            credit: full,
            last: now,
        });
        r.credit = r
            .credit
            .saturating_add(now.saturating_sub(r.last))
            .min(full);
        r.last = now;
        let accept = r.credit >= SPAM_REFILL_MS;
        if accept {
            r.credit -= SPAM_REFILL_MS;
        }
        self.spam.add(key, r);
        accept
    }
}
