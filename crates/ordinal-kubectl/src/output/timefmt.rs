//! Wall-clock renderings of simulated time that kubectl prints.

use ordinal_sim::time::{Millis, EPOCH_UNIX_SECONDS};

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Go's `time.RFC1123Z`: `Thu, 01 Jan 2026 00:00:05 +0000`.
pub fn rfc1123z(ms: Millis) -> String {
    let secs = EPOCH_UNIX_SECONDS + (ms / 1000) as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    // 1970-01-01 was a Thursday.
    let wd = DAYS[days.rem_euclid(7) as usize];
    format!(
        "{wd}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        MONTHS[(m - 1) as usize],
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Go's `time.Duration.String()` (what `%v` prints for a duration): `30s`, `2m0s`, `1h0m0s`,
/// `500ms`. Not `duration.HumanDuration`: that is the AGE column's, in `ordinal_sim::time`.
pub fn duration_string(ms: Millis) -> String {
    if ms < 1000 {
        return if ms == 0 {
            "0s".into()
        } else {
            format!("{ms}ms")
        };
    }
    let total_s = ms / 1000;
    let frac = ms % 1000;
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

    #[test]
    fn duration_string_matches_go() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(500), "500ms");
        assert_eq!(duration_string(2_500), "2.5s");
        assert_eq!(duration_string(30_000), "30s");
        assert_eq!(duration_string(120_000), "2m0s");
        assert_eq!(duration_string(3_600_000), "1h0m0s");
    }
}
