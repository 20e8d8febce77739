//! Natural order for names that end in numbers, the way a learner counts: `web-2` before
//! `web-10` (byte order puts `web-10` first). Runs of digits compare by value, the rest by bytes.

use std::cmp::Ordering;

pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                // Leading zeros aside, a longer run is a bigger number; equal lengths compare
                // digit by digit. Bounded: no parsing, so a 1,000-digit run cannot overflow.
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let o = ta
                    .len()
                    .cmp(&tb.len())
                    .then(ta.cmp(tb))
                    .then(da.len().cmp(&db.len()));
                if o != Ordering::Equal {
                    return o;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| **c == b'0').count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_sort_by_value_and_the_rest_by_bytes() {
        let mut names = vec![
            "web-10",
            "web-2",
            "www-web-1",
            "web-1",
            "web-0",
            "par-3",
            "web-02",
            "web-",
            "web-11a",
            "web-11",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "par-3",
                "web-",
                "web-0",
                "web-1",
                "web-2",
                "web-02",
                "web-10",
                "web-11",
                "web-11a",
                "www-web-1"
            ]
        );
        let huge = "9".repeat(1000);
        assert_eq!(natural_cmp(&huge, "10"), Ordering::Greater);
        assert_eq!(
            natural_cmp("web-2.nginx.default", "web-10.nginx.default"),
            Ordering::Less
        );
    }
}
