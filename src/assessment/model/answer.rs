//! Answers: the value given to one question, and what was recorded with it.

use serde::{Deserialize, Serialize};

use crate::questionnaire::{Question, QuestionType};

/// Longest answer text or note, in characters.
pub const MAX_ANSWER_CHARS: usize = 100_000;

pub use crate::questionnaire::value::AnswerValue;

/// What may be recorded with an answer besides its value; `None` leaves what is there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerDetails {
    pub note: Option<String>,
    /// References to evidence (document names, links, ticket ids); replaces the earlier list.
    pub evidence: Option<Vec<String>>,
    /// Who gave this answer (kept in the assessment's people). It is recorded with this answer only:
    /// it does not become who answers next.
    pub by: Option<String>,
    /// Where the answer came from when no person gave it (an answer library's record): recorded as who
    /// gave this answer, and not kept among the people.
    pub source: Option<String>,
}

/// Everything recorded against one question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// References to evidence: document names, links, ticket ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub follow_up: bool,
    /// The follow-up flag was set by answering "don't know", not by hand: it goes when the answer becomes
    /// known (F11). Files without it keep every flag.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged_by_unknown: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answered_by: String,
    pub updated_at: String,
    /// Format 2: checked against evidence by the assessor (who and when); `None` is what the client claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Review>,
    /// Format 2: who owns closing the gap this answer shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Format 2: when the gap is due to be closed, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
    /// Who to ask about this question (left "ask NAME" in a meeting): it puts the question on that
    /// person's agenda and in the follow-ups' "Who to ask" column.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
    /// Format 2: carried over from last year's assessment and not yet confirmed; not counted as answered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub to_confirm: bool,

    // Customer questionnaires (issue 22): what goes back to the customer besides the main answer.
    /// The customer-facing comment, exported to the question's comment cell (CAIQ's implementation
    /// description, HECVAT's additional information). The note stays internal and is never exported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// The question's other answer fields by name (CAIQ's `ownership`), as the customer's vocabulary
    /// writes them; each exported to its own cell.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fields: std::collections::BTreeMap<String, String>,

    // The answer library's part (kept together): where a filled answer came from, and its review state.
    /// Format 2: the library source this answer was filled from (none for an answer a person gave).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<super::answer_source::AnswerSource>,
    /// Format 2: filled from the library and not yet approved by a person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suggested: bool,
}

/// Who checked an answer against its evidence, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub at: String,
}

impl Answer {
    /// Whether the entry records nothing at all and can be dropped.
    pub fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && !self.follow_up
            && self.reviewed.is_none()
            && self.owner.is_empty()
            && self.due.is_empty()
            && self.ask.is_empty()
            && self.comment.is_empty()
            && self.fields.is_empty()
    }
}

/// Why a value is not an answer to a question; the message lists what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AnswerError(pub String);

/// What a question accepts, in words, for error messages and help.
pub fn accepted(q: &Question) -> String {
    let ids = || q.offered().iter().map(|o| o.id).collect::<Vec<_>>().join(", ");
    match q.kind {
        QuestionType::Maturity | QuestionType::Yesno | QuestionType::Choice => format!("one of: {}", ids()),
        QuestionType::Multi => format!("option ids separated by commas, from: {}", ids()),
        QuestionType::Number => match (q.min, q.max) {
            (Some(min), Some(max)) => format!("a number from {min} to {max}"),
            (Some(min), None) => format!("a number of at least {min}"),
            (None, Some(max)) => format!("a number of at most {max}"),
            (None, None) => "a number".to_string(),
        },
        QuestionType::Text => format!("any text up to {MAX_ANSWER_CHARS} characters"),
        QuestionType::Date => "a date as YYYY-MM-DD".to_string(),
    }
}

fn refuse(q: &Question, input: &str) -> AnswerError {
    AnswerError(format!(
        "`{}` is not an answer to question `{}`; it accepts {}",
        crate::text::one_line(input),
        q.id,
        accepted(q)
    ))
}

/// Turn typed input (command line or keyboard) into a value the question accepts.
pub fn parse_answer(q: &Question, input: &str) -> Result<AnswerValue, AnswerError> {
    let trimmed = input.trim();
    let value = match q.kind {
        QuestionType::Maturity | QuestionType::Yesno | QuestionType::Choice => {
            AnswerValue::Text(trimmed.to_ascii_lowercase())
        }
        QuestionType::Multi => AnswerValue::List(
            trimmed.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect(),
        ),
        QuestionType::Number => {
            AnswerValue::Number(trimmed.replace('_', "").parse::<f64>().map_err(|_| refuse(q, input))?)
        }
        QuestionType::Text => AnswerValue::Text(input.trim_end_matches(['\n', '\r']).to_string()),
        QuestionType::Date => {
            // F15: a day the calendar lacks is said as such, not as the wrong format.
            use crate::questionnaire::value::{DateError, parse_date};
            if let Err(e @ DateError::NoSuchDay { .. }) = parse_date(trimmed) {
                let input = crate::text::one_line(input);
                return Err(AnswerError(format!("`{input}` is not an answer to question `{}`: {e}", q.id)));
            }
            AnswerValue::Text(trimmed.to_string())
        }
    };
    check_value(q, &value).map_err(|_| refuse(q, input))?;
    if matches!(&value, AnswerValue::List(chosen) if chosen.is_empty()) {
        return Err(AnswerError(format!(
            "question `{}` needs at least one option ({}); to remove the answer, clear it instead",
            q.id,
            accepted(q)
        )));
    }
    if let AnswerValue::List(chosen) = &value
        && let Some(why) = q.exclusive_conflict(chosen)
    {
        return Err(AnswerError(format!("question `{}`: {why}", q.id)));
    }
    Ok(normalise(q, value))
}

/// Evidence references as typed in one line: separated by commas, blanks dropped.
pub fn evidence_references(typed: &str) -> Vec<String> {
    typed.split(',').map(str::trim).filter(|r| !r.is_empty()).map(String::from).collect()
}

/// Whether a note fits the limit; refused notes are not saved.
pub fn check_note(note: &str) -> Result<(), AnswerError> {
    let chars = note.chars().count();
    if chars > MAX_ANSWER_CHARS {
        return Err(AnswerError(format!(
            "the note is {chars} characters long, over the limit of {MAX_ANSWER_CHARS}; shorten it or keep the long \
             text in a document and refer to it"
        )));
    }
    Ok(())
}

/// Put a `multi` answer in the questionnaire's option order, without repeats.
fn normalise(q: &Question, value: AnswerValue) -> AnswerValue {
    match (q.kind, value) {
        (QuestionType::Multi, AnswerValue::List(chosen)) => {
            AnswerValue::List(q.options.iter().filter(|o| chosen.contains(&o.id)).map(|o| o.id.clone()).collect())
        }
        (_, v) => v,
    }
}

/// Whether a stored value is a valid answer to the question.
pub fn check_value(q: &Question, value: &AnswerValue) -> Result<(), AnswerError> {
    let bad = |why: &str| Err(AnswerError(format!("question `{}`: {why}; it accepts {}", q.id, accepted(q))));
    let offered = q.offered();
    let is_option = |id: &str| offered.iter().any(|o| o.id == id);
    match (q.kind, value) {
        (QuestionType::Maturity | QuestionType::Yesno | QuestionType::Choice, AnswerValue::Text(t)) => {
            if is_option(t) {
                Ok(())
            } else {
                bad(&format!("`{}` is not one of its options", crate::text::one_line(t)))
            }
        }
        (QuestionType::Multi, AnswerValue::List(items)) => match items.iter().find(|i| !is_option(i)) {
            Some(i) => bad(&format!("`{}` is not one of its options", crate::text::one_line(i))),
            None => Ok(()),
        },
        (QuestionType::Number, AnswerValue::Number(n)) => {
            if !n.is_finite() {
                bad("the number is not finite")
            } else if q.min.is_some_and(|m| *n < m) || q.max.is_some_and(|m| *n > m) {
                bad(&format!("{n} is out of range"))
            } else {
                Ok(())
            }
        }
        (QuestionType::Text, AnswerValue::Text(t)) => {
            if t.chars().count() > MAX_ANSWER_CHARS {
                bad("the text is too long")
            } else {
                Ok(())
            }
        }
        (QuestionType::Date, AnswerValue::Text(t)) => match crate::questionnaire::value::parse_date(t) {
            Ok(_) => Ok(()),
            Err(e) => bad(&format!("`{}` is not a date: {e}", crate::text::one_line(t))),
        },
        _ => bad("the value is of the wrong kind"),
    }
}

/// The answer as people read it: option labels rather than ids, numbers with their unit.
pub fn describe(q: &Question, value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) if q.kind.has_options() => q.label_for(t).unwrap_or_else(|| t.clone()),
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::List(items) if items.is_empty() => "(none)".to_string(),
        AnswerValue::List(items) => {
            items.iter().map(|i| q.label_for(i).unwrap_or_else(|| i.clone())).collect::<Vec<_>>().join(", ")
        }
        AnswerValue::Number(n) if q.unit.is_empty() => format_number(*n),
        AnswerValue::Number(n) if q.unit == "%" => format!("{}%", format_number(*n)),
        AnswerValue::Number(n) => format!("{} {}", format_number(*n), unit_for(*n, &q.unit)),
    }
}

/// A unit as it reads after the number: "1 person", "1 system", "1 hour" (the unit is written in the
/// plural, as questionnaires give it); other units as they are.
fn unit_for(n: f64, unit: &str) -> &str {
    if n != 1.0 {
        return unit;
    }
    match unit {
        "people" => "person",
        _ if unit.len() > 2 && unit.ends_with('s') && unit.chars().all(|c| c.is_ascii_lowercase()) => {
            &unit[..unit.len() - 1]
        }
        _ => unit,
    }
}

/// A number without a trailing `.0` when it is whole.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_reads_with_its_unit_in_the_singular_for_one() {
        let q = crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
        let question = |id: &str| q.question(id).unwrap().1.clone();
        let (people, systems) = (question("profile.headcount"), question("profile.systems"));
        assert_eq!(describe(&people, &AnswerValue::Number(1.0)), "1 person");
        assert_eq!(describe(&people, &AnswerValue::Number(25.0)), "25 people");
        assert_eq!(describe(&systems, &AnswerValue::Number(1.0)), "1 system");
        assert_eq!(describe(&systems, &AnswerValue::Number(1.5)), "1.5 systems");
        let mut percent = systems.clone();
        percent.unit = "%".into();
        assert_eq!(describe(&percent, &AnswerValue::Number(40.0)), "40%");
        let mut fte = systems;
        fte.unit = "FTE".into();
        assert_eq!(describe(&fte, &AnswerValue::Number(1.0)), "1 FTE");
    }
}
