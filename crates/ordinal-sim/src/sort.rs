//! One stable sort for the whole app, to keep the wasm small.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every call site compiles
//! its own copy of the standard library's sort (driftsort with its small-sort and merge paths,
//! several KB each; there were over a hundred in the bundle). Here the standard sort runs once,
//! over `usize` indices through a `dyn` comparator, and the slice is then permuted in place by
//! swaps: per call site only a few bytes of glue remain.
//!
//! Every function is stable, exactly as `slice::sort_by`: with a comparator that is a total
//! preorder the result is the one and only stable order, so swapping a call site over changes
//! no output. (`sort_unstable*` call sites become stable, which only fixes the order of equal
//! elements that the unstable sort left unspecified.)

use std::cmp::Ordering;

/// `v.sort_by(cmp)`, through the shared index sort.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_indices(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    }
    permute(v, &mut order);
}

/// `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one monomorphised copy of the standard sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts the element that was at `order[i]` at `i`, following each cycle of the permutation
/// with swaps (no clones, no second buffer of `T`). `order` is consumed.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn same_order_as_the_standard_stable_sort_with_many_equal_keys() {
        let mut seed = 7;
        for len in [0usize, 1, 2, 3, 5, 17, 64, 257, 1000] {
            // (key, original position): equal keys are common, so stability is visible.
            let v: Vec<(u64, usize)> = (0..len).map(|i| (lcg(&mut seed) % 8, i)).collect();
            let mut ours = v.clone();
            let mut std_sorted = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "len {len}");
        }
    }

    #[test]
    fn sort_and_sort_by_key_match_the_standard_library() {
        let mut names: Vec<String> = ["web-10", "web-2", "db-0", "web-1", "db-0", ""]
            .map(String::from)
            .to_vec();
        let mut expected = names.clone();
        expected.sort();
        sort(&mut names);
        assert_eq!(names, expected);

        let mut pods = vec![("web-2", 2), ("web-0", 0), ("web-1", 1), ("web-0b", 0)];
        sort_by_key(&mut pods, |p| std::cmp::Reverse(p.1));
        assert_eq!(
            pods,
            [("web-2", 2), ("web-1", 1), ("web-0", 0), ("web-0b", 0)]
        );
    }

    #[test]
    fn moves_owned_values_without_cloning_or_losing_any() {
        // Box is not Copy: every element must arrive exactly once.
        let mut v: Vec<Box<u32>> = [5, 3, 9, 1, 3, 0, 7].into_iter().map(Box::new).collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        let got: Vec<u32> = v.into_iter().map(|b| *b).collect();
        assert_eq!(got, [9, 7, 5, 3, 3, 1, 0]);
    }
}
