//! Simulated time. The core never reads a clock: callers pass `now` in milliseconds since the
//! simulation epoch, which is rendered as a wall-clock date only for output.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds since the simulation epoch.
pub type Millis = u64;

/// The simulation epoch, 2026-01-01T00:00:00Z, in seconds since the Unix epoch.
pub const EPOCH_UNIX_SECONDS: i64 = 1_767_225_600;

/// A point in simulated time, serialized the way the API server does (RFC 3339, seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub Millis);

impl Timestamp {
    pub fn ms(self) -> Millis {
        self.0
    }

    /// RFC 3339 with second precision, e.g. `2026-01-01T00:00:05Z`.
    pub fn rfc3339(self) -> String {
        let c = to_civil(self.0);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year,
            c.month,
            c.day,
            c.hour(),
            c.minute(),
            c.second()
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds allowed and dropped).
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let days = days_from_civil(y, mo as u32, d as u32);
        let unix = days * 86_400 + h * 3600 + mi * 60 + se;
        let rel = unix - EPOCH_UNIX_SECONDS;
        (rel >= 0).then(|| Timestamp(rel as u64 * 1000))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse_rfc3339(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {s:?}")))
    }
}

/// A simulated instant as a UTC calendar date and time of day, for wall-clock renderings
/// (RFC 3339, RFC 1123, `date`, `ls -l`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    /// 1..=12.
    pub month: u32,
    /// 1..=31.
    pub day: u32,
    /// Seconds since midnight.
    pub secs_of_day: i64,
    /// 0 = Sunday, as Go's `time.Weekday`.
    pub weekday: u32,
}

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAY_ABBR: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

impl Civil {
    /// `Jan`, as Go's `Month.String()[:3]`.
    pub fn month_abbr(&self) -> &'static str {
        MONTH_ABBR[(self.month - 1) as usize]
    }

    /// `Thu`, as Go's `Weekday.String()[:3]`.
    pub fn weekday_abbr(&self) -> &'static str {
        WEEKDAY_ABBR[self.weekday as usize]
    }

    pub fn hour(&self) -> i64 {
        self.secs_of_day / 3600
    }

    pub fn minute(&self) -> i64 {
        (self.secs_of_day / 60) % 60
    }

    pub fn second(&self) -> i64 {
        self.secs_of_day % 60
    }
}

/// The calendar date and time of day of a simulated instant (UTC).
pub fn to_civil(ms: Millis) -> Civil {
    let secs = EPOCH_UNIX_SECONDS + (ms / 1000) as i64;
    let (days, secs_of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        secs_of_day,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as u32,
    }
}

// Howard Hinnant's civil calendar algorithms.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
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

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// kubectl's `AGE` column (`duration.HumanDuration`): 45s, 5m10s, 3h4m, 2d3h, 12d, 3y45d.
pub fn human_duration(ms: Millis) -> String {
    let s = ms / 1000;
    if s < 60 * 2 {
        return format!("{s}s");
    }
    let m = s / 60;
    if m < 10 {
        let rem = s % 60;
        return if rem == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{rem}s")
        };
    }
    if m < 60 * 3 {
        return format!("{m}m");
    }
    let h = m / 60;
    if h < 8 {
        let rem = m % 60;
        return if rem == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{rem}m")
        };
    }
    if h < 48 {
        return format!("{h}h");
    }
    if h < 24 * 8 {
        let (d, rem) = (h / 24, h % 24);
        return if rem == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{rem}h")
        };
    }
    if h < 24 * 365 * 2 {
        return format!("{}d", h / 24);
    }
    let (y, d) = (h / 24 / 365, (h / 24) % 365);
    if h < 24 * 365 * 8 && d != 0 {
        return format!("{y}y{d}d");
    }
    format!("{y}y")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        let t = Timestamp(86_400_000 * 59 + 3_723_000);
        assert_eq!(t.rfc3339(), "2026-03-01T01:02:03Z");
        assert_eq!(Timestamp::parse_rfc3339(&t.rfc3339()), Some(t));
        assert_eq!(Timestamp(0).rfc3339(), "2026-01-01T00:00:00Z");
    }

    #[test]
    fn human_duration_matches_kubectl() {
        assert_eq!(human_duration(45_000), "45s");
        assert_eq!(human_duration(119_000), "119s");
        assert_eq!(human_duration(310_000), "5m10s");
        assert_eq!(human_duration(600_000), "10m");
        assert_eq!(human_duration(3 * 3_600_000 + 240_000), "3h4m");
        assert_eq!(human_duration(30 * 3_600_000), "30h");
        assert_eq!(human_duration(51 * 3_600_000), "2d3h");
        assert_eq!(human_duration(12 * 86_400_000), "12d");
    }
}
