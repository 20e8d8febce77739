//! Go's `time` package formatting.

/// Go's `time.Duration.String()` for whole milliseconds: `812ms`, `2.5s`, `1m2.041s`.
pub fn duration_string(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (mins, rem_ms) = (ms / 60_000, ms % 60_000);
    let secs = match (rem_ms / 1000, rem_ms % 1000) {
        (s, 0) => format!("{s}s"),
        (s, f) => format!("{s}.{}s", format!("{f:03}").trim_end_matches('0')),
    };
    if mins > 0 {
        format!("{mins}m{secs}")
    } else {
        secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(duration_string(812), "812ms");
        assert_eq!(duration_string(2500), "2.5s");
        assert_eq!(duration_string(3000), "3s");
        assert_eq!(duration_string(62_041), "1m2.041s");
    }
}
