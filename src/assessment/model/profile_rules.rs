//! Company profile answers checked against each other: the estimate divides by some of them and compares
//! others, so a value that contradicts an earlier answer is refused with both named.

use super::answer::{AnswerError, AnswerValue};
use super::document::Assessment;

pub const HEADCOUNT: &str = "profile.headcount";
pub const ENGINEERS: &str = "profile.engineers";
pub const SECURITY_STAFF: &str = "profile.security_staff";
pub const REMEDIATION_FTE: &str = "profile.remediation_fte";
/// The fewest people working on remediation the estimate plans with (about half a day a week); fewer
/// is refused when answered rather than replaced in the estimate.
pub const MIN_REMEDIATION_FTE: f64 = 0.1;

/// Whether `value` for question `id` fits the other profile answers in `a`. Questions outside the
/// profile, and questionnaires without a profile, always pass.
pub fn check_profile(a: &Assessment, id: &str, value: &AnswerValue) -> Result<(), AnswerError> {
    let Some(n) = value.as_number() else { return Ok(()) };
    let answered = |q: &str| if q == id { None } else { a.value(q).and_then(AnswerValue::as_number) };
    let people = |n: f64| crate::assessment::model::answer::format_number(n);
    match id {
        HEADCOUNT => {
            if n.fract() != 0.0 {
                return Err(AnswerError(format!("the headcount is a whole number of people, not {}", people(n))));
            }
            for (other, what) in [(ENGINEERS, "engineers"), (SECURITY_STAFF, "security staff")] {
                if let Some(m) = answered(other).filter(|m| *m > n) {
                    return Err(AnswerError(format!(
                        "a headcount of {} is fewer than the {} {what} answered in `{other}`; change that answer first",
                        people(n),
                        people(m)
                    )));
                }
            }
        }
        ENGINEERS | SECURITY_STAFF => {
            let what = if id == ENGINEERS { "engineers" } else { "security staff" };
            if let Some(h) = answered(HEADCOUNT).filter(|h| n > *h) {
                return Err(AnswerError(format!(
                    "{} {what} is more than the headcount of {} answered in `{HEADCOUNT}`",
                    people(n),
                    people(h)
                )));
            }
        }
        REMEDIATION_FTE if n <= 0.0 => {
            return Err(AnswerError(format!(
                "the people working on remediation must be above zero (full-time equivalents, e.g. 0.5), not {}",
                people(n)
            )));
        }
        REMEDIATION_FTE if n < MIN_REMEDIATION_FTE => {
            return Err(AnswerError(format!(
                "{} full-time equivalents is under the {MIN_REMEDIATION_FTE} (about half a day a week) the estimate \
                 can plan with; answer {MIN_REMEDIATION_FTE} or more",
                people(n)
            )));
        }
        _ => {}
    }
    Ok(())
}
