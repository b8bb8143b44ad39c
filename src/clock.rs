//! The current time as assessments record it. Tests freeze it with `SOC2_READY_NOW`, an RFC 3339
//! timestamp such as `2026-01-15T09:00:00Z`; anything else is refused when the program starts
//! ([`check_frozen`]) and never written into a file.

/// The variable that freezes the clock.
pub const FROZEN: &str = "SOC2_READY_NOW";

/// The frozen time, if `SOC2_READY_NOW` is set: `Err` says what is wrong with it.
fn frozen() -> Option<Result<chrono::DateTime<chrono::Utc>, NotATime>> {
    let fixed = std::env::var(FROZEN).ok().filter(|v| !v.is_empty())?;
    Some(parse(&fixed).map_err(|e| NotATime { value: crate::text::one_line(&fixed), reason: e.to_string() }))
}

/// The frozen clock's value is not a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{FROZEN}={value:?} is not an RFC 3339 time ({reason}); write it like 2026-01-15T09:00:00Z, or unset it")]
pub struct NotATime {
    pub value: String,
    pub reason: String,
}

/// An RFC 3339 timestamp, in UTC.
pub fn parse(text: &str) -> Result<chrono::DateTime<chrono::Utc>, chrono::ParseError> {
    chrono::DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&chrono::Utc))
}

/// Refuse a frozen clock that is not a time, before anything is written with it.
pub fn check_frozen() -> Result<(), NotATime> {
    match frozen() {
        Some(Err(e)) => Err(e),
        _ => Ok(()),
    }
}

/// A time to the millisecond; a whole second is written without a fraction (`09:00:00Z`, as frozen clocks
/// and files written before milliseconds were recorded have it).
fn format(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Timelike as _;
    let millis = t.nanosecond() / 1_000_000 % 1000;
    let precision = if millis == 0 { chrono::SecondsFormat::Secs } else { chrono::SecondsFormat::Millis };
    t.with_nanosecond(millis * 1_000_000).unwrap_or(t).to_rfc3339_opts(precision, true)
}

/// Now, in UTC, as an RFC 3339 timestamp to the millisecond: two answers changed in the same second still
/// say which came last (`merge --prefer newest`). Compare times parsed, not as text.
pub fn now() -> String {
    match frozen() {
        Some(Ok(t)) => format(t),
        // Refused at start; should it change while running, the real time is recorded, never garbage.
        _ => format(chrono::Utc::now()),
    }
}

/// A recorded time as people read it, to the minute: `2026-12-07 18:35 UTC` (times are recorded to the
/// millisecond, which no reader needs). Text that is not a time is shown as it is, on one line.
pub fn shown(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => crate::text::one_line(rfc3339),
    }
}

/// Today's date, from the same clock.
pub fn today() -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&now())
        .map(|t| t.date_naive())
        .unwrap_or_else(|_| chrono::Utc::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_to_the_minute() {
        assert_eq!(shown("2026-12-07T18:35:15.831Z"), "2026-12-07 18:35 UTC");
        assert_eq!(shown("2026-12-07T19:35:15+01:00"), "2026-12-07 18:35 UTC");
        assert_eq!(shown("not a time\n"), "not a time ⏎ ");
    }

    #[test]
    fn frozen_times_must_be_rfc3339() {
        assert_eq!(format(parse("2026-01-15T10:00:00+01:00").unwrap()), "2026-01-15T09:00:00Z");
        let reason = parse("not a time").unwrap_err().to_string();
        let e = NotATime { value: "not a time".into(), reason }.to_string();
        assert!(e.starts_with("SOC2_READY_NOW=\"not a time\" is not an RFC 3339 time ("), "{e}");
        assert!(e.ends_with("); write it like 2026-01-15T09:00:00Z, or unset it"), "{e}");
        assert!(parse("2026-13-01T00:00:00Z").is_err());
        assert_eq!(format(parse("2026-01-15T09:00:00.123456Z").unwrap()), "2026-01-15T09:00:00.123Z");
        assert_eq!(format(parse("2026-01-15T09:00:00.000900Z").unwrap()), "2026-01-15T09:00:00Z");
        assert!(parse("\u{1b}[2J").is_err());
        assert_eq!(crate::text::one_line("\u{1b}[2J"), "\\u{1b}[2J", "the value is shown escaped");
    }
}
