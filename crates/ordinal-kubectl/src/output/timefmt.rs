//! Wall-clock renderings of simulated time that kubectl prints.

use ordinal_sim::time::{to_civil, Millis};

/// Go's `time.RFC1123Z`: `Thu, 01 Jan 2026 00:00:05 +0000`.
pub fn rfc1123z(ms: Millis) -> String {
    let c = to_civil(ms);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        c.weekday_abbr(),
        c.day,
        c.month_abbr(),
        c.year,
        c.hour(),
        c.minute(),
        c.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1123z_matches_go() {
        assert_eq!(rfc1123z(0), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(
            rfc1123z(86_400_000 * 3 + 61_000),
            "Sun, 04 Jan 2026 00:01:01 +0000"
        );
    }
}
