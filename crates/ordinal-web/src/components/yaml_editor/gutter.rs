//! The editor's line numbers as a few DOM nodes: runs of plain numbers as one text block each,
//! and an element of its own only for a line with an error. One element per line made a paste
//! of thousands of lines cost thousands of nodes to build and diff.

use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// Consecutive line numbers, one per text line (`"1\n2\n3"`).
    Plain(String),
    /// A line with an error.
    Error(usize),
}

/// The gutter for `lines` lines with errors at `bad` (1-based; any order, repeats allowed).
pub fn runs(lines: usize, bad: impl IntoIterator<Item = usize>) -> Vec<Run> {
    let bad: BTreeSet<usize> = bad.into_iter().filter(|&n| n >= 1 && n <= lines).collect();
    let mut out = Vec::with_capacity(2 * bad.len() + 1);
    let mut next = 1;
    for n in bad.into_iter().chain(std::iter::once(lines + 1)) {
        if next < n {
            let numbers: Vec<String> = (next..n).map(|i| i.to_string()).collect();
            out.push(Run::Plain(numbers.join("\n")));
        }
        if n <= lines {
            out.push(Run::Error(n));
        }
        next = n + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_one_run_and_errors_stand_alone() {
        assert_eq!(runs(3, []), [Run::Plain("1\n2\n3".into())]);
        assert_eq!(
            runs(5, [4, 1, 4, 9]),
            [
                Run::Error(1),
                Run::Plain("2\n3".into()),
                Run::Error(4),
                Run::Plain("5".into())
            ]
        );
    }

    #[test]
    fn thousands_of_lines_cost_nodes_by_errors_not_by_lines() {
        let r = runs(5_000, [10, 4_000]);
        assert_eq!(r.len(), 5);
        let numbers: usize = r
            .iter()
            .map(|r| match r {
                Run::Plain(s) => s.lines().count(),
                Run::Error(_) => 1,
            })
            .sum();
        assert_eq!(numbers, 5_000, "every line still has its number");
    }
}
