//! When an assessment last changed, as `list` and the home screen show it: in local time, to the minute,
//! "today 14:05" for today and "2026-11-26 14:05" otherwise.

use chrono::{DateTime, FixedOffset, Offset, Utc};

/// The local time's offset from UTC now (the `TZ` variable, or the system's zone).
pub fn local_offset() -> FixedOffset {
    chrono::Local::now().offset().fix()
}

/// `at` (RFC 3339) in the zone `offset`, "today HH:MM" when it falls on the same local day as `now`.
/// A time that cannot be read is shown as it is, made safe for the terminal.
pub fn readable(at: &str, now: &str, offset: FixedOffset) -> String {
    let Ok(at_time) = DateTime::parse_from_rfc3339(at.trim()) else { return crate::text::one_line(at) };
    let local = at_time.with_timezone(&offset);
    let today = DateTime::parse_from_rfc3339(now)
        .map(|n| n.with_timezone(&offset).date_naive())
        .unwrap_or_else(|_| Utc::now().with_timezone(&offset).date_naive());
    if local.date_naive() == today {
        local.format("today %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_or_the_date_in_local_time() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let now = "2026-11-26T10:00:00Z";
        assert_eq!(readable("2026-11-26T08:05:00Z", now, utc), "today 08:05");
        assert_eq!(readable("2026-11-25T23:59:00Z", now, utc), "2026-11-25 23:59");
        // 23:59 UTC on the 25th is 08:59 on the 26th in Tokyo, which is today there.
        assert_eq!(readable("2026-11-25T23:59:00Z", now, tokyo), "today 08:59");
        assert_eq!(readable("2026-11-26T16:00:00Z", now, tokyo), "2026-11-27 01:00");
        assert_eq!(readable("2026-11-26T08:05:00+01:00", now, utc), "today 07:05");
        assert_eq!(readable("yesterday\u{1b}[2J", now, utc), "yesterday\\u{1b}[2J");
    }
}
