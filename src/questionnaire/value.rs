//! The value of an answer, as conditions test it and assessments store it. It lives with the
//! questionnaire (below assessments) so that conditions can test answers without importing assessments.

use serde::{Deserialize, Serialize};

/// An answer's value, as JSON has it: option ids, yes/no, texts and dates are strings; `multi` answers are
/// lists of option ids; numbers are numbers. The question's type says which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(f64),
    List(Vec<String>),
    Text(String),
}

impl AnswerValue {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AnswerValue::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            AnswerValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            AnswerValue::List(l) => Some(l),
            _ => None,
        }
    }
}

/// Why a typed date is not a date: the wrong shape, or a day the calendar does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("write it as YYYY-MM-DD")]
    Format,
    #[error("no such month (months go from 01 to 12)")]
    NoSuchMonth,
    #[error("no such day ({month} {year} has {days} days)")]
    NoSuchDay { month: &'static str, year: i32, days: u32 },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as answers, due dates and the command line write it: exactly `YYYY-MM-DD`. A date of the right
/// shape that the calendar lacks (`2027-02-30`) is refused as such, not as a format error (F15).
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, DateError> {
    let bytes = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return Err(DateError::Format);
    }
    let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().map_err(|_| DateError::Format);
    let (year, month, day) = (number(0..4)? as i32, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth);
    }
    chrono::NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        let days = chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1)
            .and_then(|d| d.pred_opt())
            .map_or(31, |d| chrono::Datelike::day(&d));
        DateError::NoSuchDay { month: MONTHS[month as usize - 1], year, days }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_the_calendar_lacks_say_so() {
        assert_eq!(parse_date("2027-02-28").unwrap().to_string(), "2027-02-28");
        assert_eq!(parse_date("2028-02-29").unwrap().to_string(), "2028-02-29");
        assert_eq!(parse_date("2027-02-30").unwrap_err().to_string(), "no such day (February 2027 has 28 days)");
        assert_eq!(parse_date("2026-04-31").unwrap_err().to_string(), "no such day (April 2026 has 30 days)");
        assert_eq!(parse_date("2026-12-32").unwrap_err().to_string(), "no such day (December 2026 has 31 days)");
        assert_eq!(parse_date("2026-13-01"), Err(DateError::NoSuchMonth));
        assert_eq!(parse_date("2026-00-10"), Err(DateError::NoSuchMonth));
        assert_eq!(parse_date("2026-02-00").unwrap_err().to_string(), "no such day (February 2026 has 28 days)");
        for bad in ["2026-2-01", "01/02/2026", "2026-02-01 ", "", "２０２６-02-01", "2026-02-1x"] {
            assert_eq!(parse_date(bad), Err(DateError::Format), "{bad:?}");
        }
    }
}
