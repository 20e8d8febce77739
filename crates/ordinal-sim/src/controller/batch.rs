//! slowStartBatch, shared by the controllers that create or delete many objects at once
//! (upstream has a copy in pkg/controller/replicaset and one in pkg/controller/statefulset).

/// Calls `f(0)`, `f(1)`, … `f(count - 1)` in batches of `initial`, then double the previous
/// batch (never more than `max_batch`), stopping after the first batch in which a call failed.
/// Returns how many calls succeeded and the errors of that batch (empty when all succeeded).
///
/// Upstream runs the calls of a batch concurrently; here they run in index order, which is one
/// of the orders upstream can produce. Batching caps how many API writes a failure (a quota, a
/// webhook) can waste before the controller backs off.
pub fn slow_start_batch<E>(
    initial: usize,
    count: usize,
    max_batch: usize,
    mut f: impl FnMut(usize) -> Option<E>,
) -> (usize, Vec<E>) {
    let mut remaining = count;
    let mut successes = 0;
    let mut next = 0;
    let mut batch = remaining.min(initial);
    while batch > 0 {
        let mut errs = Vec::new();
        for _ in 0..batch {
            match f(next) {
                Some(e) => errs.push(e),
                None => successes += 1,
            }
            next += 1;
        }
        if !errs.is_empty() {
            return (successes, errs);
        }
        remaining -= batch;
        batch = (2 * batch).min(remaining).min(max_batch);
    }
    (successes, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many calls run when only index `fail` fails: the end of `fail`'s batch.
    fn calls_when_failing_at(fail: usize, count: usize, max_batch: usize) -> usize {
        let mut calls = 0;
        let (ok, errs) = slow_start_batch(1, count, max_batch, |i| {
            calls += 1;
            (i == fail).then_some(())
        });
        assert_eq!((ok, errs.len()), (calls - 1, 1));
        calls
    }

    #[test]
    fn batches_double_until_the_cap() {
        // Batches 1, 2, 4, 8, …: 0 | 1 2 | 3 4 5 6 | 7 … 14.
        assert_eq!(calls_when_failing_at(0, 20, 500), 1);
        assert_eq!(calls_when_failing_at(2, 20, 500), 3);
        assert_eq!(calls_when_failing_at(3, 20, 500), 7);
        assert_eq!(calls_when_failing_at(8, 20, 500), 15);
        // The last batch is what remains: 15 … 19.
        assert_eq!(calls_when_failing_at(15, 20, 500), 20);
        // Capped at 4: 0 | 1 2 | 3 4 5 6 | 7 8 9 10 | 11 …
        assert_eq!(calls_when_failing_at(8, 20, 4), 11);
        assert_eq!(calls_when_failing_at(11, 20, 4), 15);
    }

    #[test]
    fn everything_runs_in_order_when_nothing_fails() {
        let mut seen = Vec::new();
        let (ok, errs) = slow_start_batch::<()>(3, 10, 500, |i| {
            seen.push(i);
            None
        });
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert_eq!((ok, errs.len()), (10, 0));
        let (ok, errs) = slow_start_batch::<()>(1, 0, 500, |_| panic!("no calls"));
        assert_eq!((ok, errs.len()), (0, 0));
    }

    #[test]
    fn a_failing_batch_finishes_then_stops() {
        let mut seen = Vec::new();
        let (ok, errs) = slow_start_batch(1, 10, 500, |i| {
            seen.push(i);
            (i == 4 || i == 5).then_some(i)
        });
        // Batches 0 | 1 2 | 3 4 5 6: indices 4 and 5 fail, 3 and 6 still run, 7.. never do.
        assert_eq!(seen, vec![0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(ok, 5);
        assert_eq!(errs, vec![4, 5]);
    }

    #[test]
    fn a_failure_in_the_first_batch_runs_nothing_else() {
        let mut calls = 0;
        let (ok, errs) = slow_start_batch(1, 100, 500, |_| {
            calls += 1;
            Some("quota exceeded")
        });
        assert_eq!((calls, ok), (1, 0));
        assert_eq!(errs, vec!["quota exceeded"]);
    }
}
