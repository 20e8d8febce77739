//! Go's `time` package formatting.

/// Go's `time.Duration.String()` for whole milliseconds: `0s`, `812ms`, `2.5s`, `1m2.041s`,
/// `1h0m0s`. Events (image pulls, back-off) and kubectl (`drain --timeout`) print it.
pub fn duration_string(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (total_s, frac) = (ms / 1000, ms % 1000);
    let (h, m, s) = (total_s / 3600, (total_s / 60) % 60, total_s % 60);
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        format!("{s}.{}s", format!("{frac:03}").trim_end_matches('0'))
    };
    if h > 0 {
        format!("{h}h{m}m{secs}")
    } else if m > 0 {
        format!("{m}m{secs}")
    } else {
        secs
    }
}

/// Go's `time.Time.String()` for a UTC instant: `2026-01-01 00:00:05 +0000 UTC`.
pub fn time_string(ms: u64) -> String {
    let c = crate::time::to_civil(ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} +0000 UTC",
        c.year,
        c.month,
        c.day,
        c.hour(),
        c.minute(),
        c.second()
    )
}

/// Go's `time.RFC1123Z` layout, as `kubectl describe` prints times: `Thu, 01 Jan 2026 00:00:05 +0000`.
pub fn rfc1123z(ms: u64) -> String {
    let c = crate::time::to_civil(ms);
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
    fn durations_print_like_go() {
        assert_eq!(duration_string(812), "812ms");
        assert_eq!(duration_string(2500), "2.5s");
        assert_eq!(duration_string(3000), "3s");
        assert_eq!(duration_string(30_000), "30s");
        assert_eq!(duration_string(62_041), "1m2.041s");
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(120_000), "2m0s");
        assert_eq!(duration_string(3_600_000), "1h0m0s");
    }

    #[test]
    fn times_print_like_go() {
        assert_eq!(time_string(5_000), "2026-01-01 00:00:05 +0000 UTC");
        assert_eq!(rfc1123z(0), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(
            rfc1123z(86_400_000 * 3 + 61_000),
            "Sun, 04 Jan 2026 00:01:01 +0000"
        );
    }
}
