//! The current time as assessments record it. Tests set `SOC2_READY_NOW` to freeze it.

/// Now, in UTC, as an RFC 3339 timestamp to the second.
pub fn now() -> String {
    if let Ok(fixed) = std::env::var("SOC2_READY_NOW")
        && !fixed.is_empty()
    {
        return fixed;
    }
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Today's date, from the same clock.
pub fn today() -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&now())
        .map(|t| t.date_naive())
        .unwrap_or_else(|_| chrono::Utc::now().date_naive())
}
