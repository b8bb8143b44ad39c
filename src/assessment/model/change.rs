//! One way to change an answer: a [`Change`] says what changes, and [`apply`] runs every check in one place
//! (the value parsed and checked against its question, a hidden or read-only question, the company
//! profile's rules, the size limits) before it records anything. Every front end and every command that
//! changes answers goes through it, so what one refuses, all refuse. Plain data and pure functions.

use super::answer::{Answer, AnswerDetails, AnswerError, AnswerValue, check_note, check_value, parse_answer};
use super::answer_source::AnswerSource;
use super::document::Assessment;
use super::limits::{self, LimitError};
use super::observations::{self, ObservationError, ObservationFields, Status};
use super::profile_rules;
use super::progress::Visibility;
use super::records::Observation;
use crate::questionnaire::Question;

/// A new value for an answer: as someone typed it, or already a value (from a library, a merged file).
#[derive(Debug, Clone, PartialEq)]
pub enum NewValue {
    /// Typed input, parsed for the question's type (what `soc2-ready answer` takes).
    Typed(String),
    /// A value, checked against the question as a parsed one would be.
    Parsed(AnswerValue),
}

/// One change to one question's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the value, with what is recorded beside it (`None` in the details leaves what is there).
    Set { question: String, value: NewValue, details: AnswerDetails },
    /// Remove the value (the note, evidence and flag stay), recording the details given.
    Clear { question: String, details: AnswerDetails },
    /// Replace the note (empty removes it).
    Note { question: String, note: String },
    /// Replace the evidence references.
    Evidence { question: String, evidence: Vec<String> },
    /// Flag for follow-up, or remove the flag.
    Flag { question: String },
    /// Mark the answer reviewed against evidence (by whom), or back to claimed.
    Review { question: String, by: String },
    /// Confirm an answer carried over from last year as still true.
    Confirm { question: String },
    /// Set who owns closing the gap and when it is due (YYYY-MM-DD); empty clears either.
    Plan { question: String, owner: String, due: String },
    /// Say who to ask about the question (empty: nobody): it goes on that person's agenda.
    Ask { question: String, name: String },
    /// Replace the customer-facing comment (empty removes it): exported to the question's comment cell in the
    /// customer's file, unlike the note, which stays internal.
    Comment { question: String, comment: String },
    /// Set one of a customer question's other answer fields (`ownership`) from typed input; empty clears
    /// it. The value must be one of the field's choices when the customer's cell has a list.
    Field { question: String, field: String, value: String },
    /// Put back an answer's whole entry as it was (what undo applies: the inverse of any change).
    Restore { question: String, entry: Option<Answer> },
    /// Record a whole entry chosen from other files (a merge's answer, a resolved conflict's candidate): its
    /// value meets the checks a new value meets, except that a question hidden by the answers may keep it
    /// (see [`check_kept_value`]); its note and evidence meet their limits.
    Keep { question: String, entry: Answer },
    /// Record an observation (a finding) on the question, recorded by `by`; it gets the next `obs-N` id.
    Observe { question: String, fields: ObservationFields, by: String },
    /// Replace what observation `id` says.
    EditObservation { id: String, fields: ObservationFields },
    /// Move observation `id` to a status, recording who and when.
    ObservationStatus { id: String, status: Status, by: String },
    /// Delete observation `id` (recorded by mistake).
    DeleteObservation { id: String },
    /// Put back observation `id` on `question` as it was (what undo applies to a change of an observation):
    /// `Some` replaces it, or puts it back at place `at` in the list when it is gone; `None` removes it.
    PutObservation { id: String, question: String, at: usize, entry: Option<Box<Observation>> },
    /// Fill the value from the answer library: the checks of `Set`, then the answer records where it came
    /// from and starts as suggested, until a person approves it. `note`, when given, replaces the note.
    Suggest { question: String, value: NewValue, note: Option<String>, source: AnswerSource },
    /// A person approves a suggested answer: it stops being suggested and its source names them.
    Approve { question: String, by: String },
}

impl Change {
    /// The question this change is to; for a change to an observation named by id, that id.
    pub fn question(&self) -> &str {
        match self {
            Change::Set { question, .. }
            | Change::Clear { question, .. }
            | Change::Note { question, .. }
            | Change::Evidence { question, .. }
            | Change::Flag { question }
            | Change::Review { question, .. }
            | Change::Confirm { question }
            | Change::Plan { question, .. }
            | Change::Ask { question, .. }
            | Change::Comment { question, .. }
            | Change::Field { question, .. }
            | Change::Restore { question, .. }
            | Change::Keep { question, .. }
            | Change::Suggest { question, .. }
            | Change::Approve { question, .. }
            | Change::Observe { question, .. }
            | Change::PutObservation { question, .. } => question,
            Change::EditObservation { id, .. }
            | Change::ObservationStatus { id, .. }
            | Change::DeleteObservation { id } => id,
        }
    }

    /// Set a value from typed input, nothing else recorded.
    pub fn typed(question: &str, input: &str) -> Change {
        Change::Set { question: question.into(), value: NewValue::Typed(input.into()), details: Default::default() }
    }

    /// Set a value already made, nothing else recorded.
    pub fn value(question: &str, value: AnswerValue) -> Change {
        Change::Set { question: question.into(), value: NewValue::Parsed(value), details: Default::default() }
    }

    /// Clear the value, nothing else recorded.
    pub fn clear(question: &str) -> Change {
        Change::Clear { question: question.into(), details: Default::default() }
    }
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub question: String,
    /// The entry as it was before: `Change::Restore` with it undoes the change.
    pub before: Option<Answer>,
    /// Whether the answer's value changed (a meeting records the question as answered).
    pub value_changed: bool,
    /// Whether anything at all changed.
    pub changed: bool,
    /// For a change to an observation: the observation as it was, so undoing it puts back that one
    /// observation (not a copy of them all).
    pub observation: Option<ObservationBefore>,
}

/// An observation before a change: its id, its place in the list, and what it was (`None`: it was new).
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationBefore {
    pub id: String,
    pub at: usize,
    pub entry: Option<Observation>,
}

impl Applied {
    /// The change that puts the answer (or the observation) back as it was.
    pub fn inverse(&self) -> Change {
        match &self.observation {
            Some(o) => Change::PutObservation {
                id: o.id.clone(),
                question: self.question.clone(),
                at: o.at,
                entry: o.entry.clone().map(Box::new),
            },
            None => Change::Restore { question: self.question.clone(), entry: self.before.clone() },
        }
    }
}

/// Why a change was refused; nothing was recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("the questionnaire has no question `{0}`")]
    UnknownQuestion(String),
    /// The value does not fit the question, or contradicts the company profile, or a note is too long.
    #[error(transparent)]
    Refused(#[from] AnswerError),
    #[error("question `{id}` is hidden by earlier answers ({why}), so an answer to it would not count")]
    Hidden { id: String, why: String },
    #[error("question `{id}` is read-only: {why}, so its answer is not changed here")]
    ReadOnly { id: String, why: String },
    #[error(transparent)]
    Limit(#[from] LimitError),
    #[error("the due date `{0}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31")]
    BadDue(String),
    #[error("question `{0}` has no answer to review yet")]
    NothingToReview(String),
    #[error("the answer to question `{0}` is not one carried over to confirm")]
    NotCarriedOver(String),
    #[error(transparent)]
    Observation(#[from] ObservationError),
    /// The question has no such answer field in the customer's file, or the field refuses the value.
    #[error("question `{id}`: {why}")]
    Field { id: String, why: String },
    #[error("the answer to question `{0}` is not a suggestion waiting for approval")]
    NotSuggested(String),
}

/// A new value as the question accepts it, checked as every answer is: its type (parsed from typed input),
/// shown, writable, and the company profile's rules. What `Set` and `Suggest` share.
fn checked_value(a: &Assessment, q: &Question, value: &NewValue, ctx: Ctx<'_>) -> Result<AnswerValue, ChangeError> {
    let value = match value {
        NewValue::Typed(input) => parse_answer(q, input)?,
        NewValue::Parsed(v) => {
            check_value(q, v)?;
            v.clone()
        }
    };
    check_shown(a, q, ctx.shown)?;
    check_writable(a, &q.id)?;
    profile_rules::check_profile(a, &q.id, &value)?;
    Ok(value)
}

/// What the checks need besides the assessment: the time, and which questions are shown when the caller
/// knows already (the interface keeps it up to date; otherwise it is worked out).
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub now: &'a str,
    pub shown: Option<&'a Visibility>,
}

impl<'a> Ctx<'a> {
    pub fn at(now: &'a str) -> Ctx<'a> {
        Ctx { now, shown: None }
    }
}

/// Check a change against the question and the rest of the assessment, then record it. A refused change
/// records nothing.
pub fn apply(a: &mut Assessment, change: &Change, ctx: Ctx<'_>) -> Result<Applied, ChangeError> {
    if let Some(applied) = apply_to_observation(a, change, ctx.now)? {
        return Ok(applied);
    }
    let q = question(a, change.question())?;
    let id = q.id.as_str();
    let now = ctx.now;
    let before = a.answers.get(id).cloned();
    match change {
        Change::Set { value, details, .. } => {
            let value = checked_value(a, q, value, ctx)?;
            check_details(details)?;
            let (id, details) = (id.to_string(), details.clone());
            a.set_value(&id, value, now);
            // No details: the answer is the current respondent's (what the interface records).
            if details != AnswerDetails::default() {
                a.record_details(&id, &details, now);
            }
            // A person's own answer: no longer the library's suggestion.
            if let Some(entry) = a.answers.get_mut(&id) {
                entry.source = None;
                entry.suggested = false;
            }
        }
        Change::Suggest { value, note, source, .. } => {
            let value = checked_value(a, q, value, ctx)?;
            if let Some(note) = note {
                check_note(note)?;
            }
            let by: String = format!("library: {}", source.file).chars().take(limits::MAX_NAME_CHARS).collect();
            let id = id.to_string();
            a.set_value(&id, value, now);
            let details = AnswerDetails { note: note.clone(), source: Some(by), ..Default::default() };
            a.record_details(&id, &details, now);
            if let Some(entry) = a.answers.get_mut(&id) {
                entry.source =
                    Some(AnswerSource { approved_by: String::new(), approved_at: String::new(), ..source.clone() });
                entry.suggested = true;
            }
        }
        Change::Approve { by, .. } => {
            limits::check_name(by.trim())?;
            let id = id.to_string();
            let Some(entry) = a.answers.get_mut(&id).filter(|e| e.suggested && e.value.is_some()) else {
                return Err(ChangeError::NotSuggested(id));
            };
            entry.suggested = false;
            if let Some(source) = &mut entry.source {
                source.approved_by = by.trim().to_string();
                source.approved_at = now.to_string();
            }
            entry.updated_at = now.to_string();
            a.updated_at = now.to_string();
        }
        Change::Clear { details, .. } => {
            check_writable(a, id)?;
            check_details(details)?;
            let (id, details) = (id.to_string(), details.clone());
            a.clear_value(&id, now);
            a.record_details(&id, &details, now);
        }
        Change::Note { note, .. } => {
            check_note(note)?;
            let id = id.to_string();
            a.set_note(&id, note, now);
        }
        Change::Evidence { evidence, .. } => {
            limits::check_evidence(evidence)?;
            let id = id.to_string();
            a.set_evidence(&id, evidence.clone(), now);
        }
        Change::Flag { .. } => {
            let id = id.to_string();
            a.toggle_follow_up(&id, now);
        }
        Change::Review { by, .. } => {
            limits::check_name(by.trim())?;
            let id = id.to_string();
            if a.value(&id).is_none() {
                return Err(ChangeError::NothingToReview(id));
            }
            super::review::toggle_reviewed(a, &id, by.trim(), now);
        }
        Change::Confirm { .. } => {
            let id = id.to_string();
            if !super::review::confirm(a, &id, now) {
                return Err(ChangeError::NotCarriedOver(id));
            }
        }
        Change::Plan { owner, due, .. } => {
            limits::check_name(owner)?;
            if !due.is_empty() && crate::questionnaire::value::parse_date(due).is_err() {
                return Err(ChangeError::BadDue(crate::text::one_line(due)));
            }
            let id = id.to_string();
            a.set_plan(&id, owner, due, now);
        }
        Change::Ask { name, .. } => {
            let name = name.trim();
            limits::check_name(name)?;
            let id = id.to_string();
            a.set_ask(&id, name, now);
        }
        Change::Comment { comment, .. } => {
            check_comment(a, id, comment)?;
            let id = id.to_string();
            a.set_comment(&id, comment, now);
        }
        Change::Field { field, value, .. } => {
            let (name, value) = check_field(a, id, field, value)?;
            let id = id.to_string();
            a.set_field(&id, &name, &value, now);
        }
        Change::Restore { entry, .. } => {
            let id = id.to_string();
            match entry {
                Some(entry) => a.answers.insert(id.clone(), entry.clone()),
                None => a.answers.remove(&id),
            };
            a.updated_at = now.to_string();
        }
        Change::Keep { entry, .. } => {
            if let Some(value) = &entry.value {
                check_kept_value(a, id, value)?;
            }
            check_note(&entry.note)?;
            limits::check_evidence(&entry.evidence)?;
            if !entry.comment.is_empty() {
                check_comment(a, id, &entry.comment)?;
            }
            for (name, value) in &entry.fields {
                check_field(a, id, name, value)?;
            }
            let id = id.to_string();
            a.answers.insert(id.clone(), entry.clone());
            a.updated_at = now.to_string();
        }
        Change::Observe { .. }
        | Change::EditObservation { .. }
        | Change::ObservationStatus { .. }
        | Change::DeleteObservation { .. }
        | Change::PutObservation { .. } => {} // made above, by apply_to_observation
    }
    let id = change.question();
    let after = a.answers.get(id);
    let applied = Applied {
        question: id.to_string(),
        value_changed: after.and_then(|x| x.value.as_ref()) != before.as_ref().and_then(|x| x.value.as_ref()),
        changed: after != before.as_ref(),
        before,
        observation: None,
    };
    a.log.observe(&applied);
    Ok(applied)
}

/// A change to an observation, checked and made (`None` for a change to an answer). The answer's entry is
/// untouched; what the observation was is kept in the result, for undo.
fn apply_to_observation(a: &mut Assessment, change: &Change, now: &str) -> Result<Option<Applied>, ChangeError> {
    let check_fields = |fields: &ObservationFields| -> Result<(), ChangeError> {
        for text in [&fields.seen, &fields.risk, &fields.recommendation] {
            check_note(text)?;
        }
        limits::check_name(fields.owner.trim())?;
        Ok(())
    };
    let was = |a: &Assessment, id: &str| {
        let at = a.observations.iter().position(|o| o.id == id);
        ObservationBefore {
            id: id.to_string(),
            at: at.unwrap_or(a.observations.len()),
            entry: at.map(|i| a.observations[i].clone()),
        }
    };
    let mut changed = true;
    let (question, before) = match change {
        Change::Observe { question, fields, by } => {
            check_fields(fields)?;
            limits::check_name(by.trim())?;
            let at = a.observations.len();
            let id = observations::add(a, question, fields.clone(), by, now)?;
            (question.clone(), ObservationBefore { id, at, entry: None })
        }
        Change::EditObservation { id, fields } => {
            check_fields(fields)?;
            let before = was(a, id);
            observations::update(a, id, fields.clone(), now)?;
            changed = before.entry.as_ref() != a.observations.get(before.at);
            (observed(a, id), before)
        }
        Change::ObservationStatus { id, status, by } => {
            limits::check_name(by.trim())?;
            let before = was(a, id);
            changed = observations::set_status(a, id, *status, by, now)?;
            (observed(a, id), before)
        }
        Change::DeleteObservation { id } => {
            let before = was(a, id);
            (observations::remove(a, id, now)?.question, before)
        }
        Change::PutObservation { id, question, at, entry } => {
            let before = was(a, id);
            changed = before.entry.as_ref() != entry.as_deref();
            match (entry, before.entry.is_some()) {
                (Some(o), true) => a.observations[before.at] = (**o).clone(),
                (Some(o), false) => a.observations.insert((*at).min(a.observations.len()), (**o).clone()),
                (None, true) => {
                    a.observations.remove(before.at);
                }
                (None, false) => {}
            }
            if changed {
                a.updated_at = now.to_string();
            }
            (question.clone(), before)
        }
        _ => return Ok(None),
    };
    let applied = Applied {
        before: a.answers.get(&question).cloned(),
        question,
        value_changed: false,
        changed,
        observation: Some(before),
    };
    a.log.observe(&applied);
    Ok(Some(applied))
}

/// The question observation `id` is on (it was just found).
fn observed(a: &Assessment, id: &str) -> String {
    a.observations.iter().find(|o| o.id == id).map(|o| o.question.clone()).unwrap_or_default()
}

/// Whether `value` may become the answer to `question` when a whole entry is recorded rather than a value
/// (a merge's chosen answer): the checks [`apply`] runs on a new value, except that a question hidden by
/// the answers may keep what the merged files gave it (a conflict on it could not be closed otherwise).
pub fn check_kept_value(a: &Assessment, question: &str, value: &AnswerValue) -> Result<(), ChangeError> {
    let q = self::question(a, question)?;
    check_value(q, value)?;
    check_writable(a, &q.id)?;
    profile_rules::check_profile(a, &q.id, value)?;
    Ok(())
}

fn question<'a>(a: &'a Assessment, id: &str) -> Result<&'a Question, ChangeError> {
    a.questionnaire()
        .question(id)
        .map(|(_, q)| q)
        .ok_or_else(|| ChangeError::UnknownQuestion(crate::text::one_line(id)))
}

/// Refuse a value for a question its conditions hide: it would not count.
fn check_shown(a: &Assessment, q: &Question, shown: Option<&Visibility>) -> Result<(), ChangeError> {
    let worked_out;
    let vis = match shown {
        Some(v) => v,
        None => {
            worked_out = Visibility::of_assessment(a);
            &worked_out
        }
    };
    match hidden_by(a, vis, &q.id) {
        Some(why) => Err(ChangeError::Hidden { id: q.id.clone(), why }),
        None => Ok(()),
    }
}

/// The condition that hides a question (its section's or its own), in the questionnaire's words.
pub fn hidden_by(a: &Assessment, vis: &Visibility, id: &str) -> Option<String> {
    let q = a.questionnaire();
    let (si, section) = q.sections.iter().enumerate().find(|(_, s)| s.questions.iter().any(|x| x.id == id))?;
    let qi = section.questions.iter().position(|x| x.id == id)?;
    if vis.question(si, qi) {
        return None;
    }
    let describe = |c: &crate::questionnaire::Condition| serde_json::to_string(c).unwrap_or_default();
    Some(if !vis.sections[si] {
        let c = section.show_if.as_ref().map(describe).unwrap_or_default();
        format!("its section `{}` is shown only if {}", section.id, crate::text::one_line(&c))
    } else {
        let c = section.questions[qi].show_if.as_ref().map(describe).unwrap_or_default();
        format!("it is shown only if {}", crate::text::one_line(&c))
    })
}

/// Refuse a change of value to a customer question whose answer cell is never written back.
fn check_writable(a: &Assessment, id: &str) -> Result<(), ChangeError> {
    let cell = a.source.as_ref().and_then(|s| s.cells.get(id));
    match cell.and_then(super::source::CellSource::read_only) {
        Some(why) => Err(ChangeError::ReadOnly { id: id.to_string(), why }),
        None => Ok(()),
    }
}

/// Refuse a customer-facing comment for a question with no comment cell in the customer's file (it would
/// never reach them), or one too long for a cell.
fn check_comment(a: &Assessment, id: &str, comment: &str) -> Result<(), ChangeError> {
    check_note(comment)?;
    if comment.is_empty() {
        return Ok(());
    }
    let cell = a.source.as_ref().and_then(|s| s.cells.get(id));
    if cell.is_none_or(|c| c.comment_cell.is_empty()) {
        return Err(ChangeError::Field {
            id: id.to_string(),
            why: "it has no comment column in the customer's file, so a comment would never reach them; write a \
                  note instead (notes stay internal)"
                .into(),
        });
    }
    let chars = comment.chars().count();
    if chars > super::source::MAX_FIELD_CHARS {
        return Err(ChangeError::Field {
            id: id.to_string(),
            why: format!(
                "the comment is {chars} characters long; a spreadsheet cell holds at most {}",
                super::source::MAX_FIELD_CHARS
            ),
        });
    }
    Ok(())
}

/// The field's name and the value as stored, or why the question's field refuses it: no such field, a
/// cell never written, or a value not among the field's choices.
fn check_field(a: &Assessment, id: &str, field: &str, value: &str) -> Result<(String, String), ChangeError> {
    let refuse = |why: String| ChangeError::Field { id: id.to_string(), why };
    let cell = a.source.as_ref().and_then(|s| s.cells.get(id));
    let Some(found) = cell.and_then(|c| c.field(field)) else {
        let names: Vec<String> =
            cell.map(|c| c.fields.iter().map(|f| format!("`{}`", f.name)).collect()).unwrap_or_default();
        return Err(refuse(if names.is_empty() {
            format!(
                "it has no answer field `{}` (it has no fields besides the answer and comment)",
                crate::text::one_line(field)
            )
        } else {
            format!("it has no answer field `{}`; its fields are {}", crate::text::one_line(field), names.join(", "))
        }));
    };
    if found.read_only {
        return Err(ChangeError::ReadOnly {
            id: id.to_string(),
            why: format!(
                "the cell {} of the field `{}` is a formula or locked in the customer's file",
                found.cell, found.name
            ),
        });
    }
    let value = found.accept(value).map_err(|e| refuse(e.to_string()))?;
    Ok((found.name.clone(), value))
}

fn check_details(details: &AnswerDetails) -> Result<(), ChangeError> {
    if let Some(note) = &details.note {
        check_note(note)?;
    }
    if let Some(evidence) = &details.evidence {
        limits::check_evidence(evidence)?;
    }
    for name in [&details.by, &details.source].into_iter().flatten() {
        limits::check_name(name.trim())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::test_support::{NOW, demo};
    use crate::assessment::{CellSource, Source};

    fn at() -> Ctx<'static> {
        Ctx::at(NOW)
    }

    #[test]
    fn a_typed_value_is_parsed_and_recorded_with_its_details() {
        let mut a = demo();
        let details = AnswerDetails { note: Some("HR system".into()), by: Some("Dana".into()), ..Default::default() };
        let change =
            Change::Set { question: "profile.headcount".into(), value: NewValue::Typed(" 1_200 ".into()), details };
        let applied = apply(&mut a, &change, at()).unwrap();
        assert!(applied.value_changed && applied.changed && applied.before.is_none());
        let entry = &a.answers["profile.headcount"];
        assert_eq!(entry.value, Some(AnswerValue::Number(1200.0)));
        assert_eq!((entry.note.as_str(), entry.answered_by.as_str()), ("HR system", "Dana"));
        assert_eq!(a.people, ["Dana"]);
    }

    #[test]
    fn every_refusal_leaves_the_assessment_as_it_was() {
        let mut a = demo();
        apply(&mut a, &Change::typed("profile.headcount", "10"), at()).unwrap();
        let before = a.clone();
        let refused = |a: &mut Assessment, c: Change| {
            let e = apply(a, &c, at()).unwrap_err();
            assert_eq!(*a, before, "{c:?} changed something");
            e
        };
        // Malformed, not an option, and a profile rule: ten people cannot include 40 engineers.
        let e = refused(&mut a, Change::typed("profile.headcount", "many"));
        assert!(e.to_string().contains("a number from 1 to 100000"), "{e}");
        let e = refused(&mut a, Change::value("access.reviews", AnswerValue::Text("sometimes".into())));
        assert!(e.to_string().contains("`sometimes` is not one of its options"), "{e}");
        let mut soc2 = Assessment::new(crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap(), "A", NOW);
        apply(&mut soc2, &Change::typed("profile.headcount", "10"), at()).unwrap();
        let kept = soc2.clone();
        let e = apply(&mut soc2, &Change::typed("profile.engineers", "40"), at()).unwrap_err();
        assert_eq!(e.to_string(), "40 engineers is more than the headcount of 10 answered in `profile.headcount`");
        let e = apply(&mut soc2, &Change::value("profile.engineers", AnswerValue::Number(40.0)), at()).unwrap_err();
        assert!(matches!(e, ChangeError::Refused(_)), "a value already parsed meets the same rule: {e}");
        assert_eq!(soc2, kept);
        // Unknown, and too long a note or name.
        assert_eq!(refused(&mut a, Change::typed("nope", "1")), ChangeError::UnknownQuestion("nope".into()));
        let note = "x".repeat(crate::assessment::model::answer::MAX_ANSWER_CHARS + 1);
        refused(&mut a, Change::Note { question: "access.mfa".into(), note });
        let by = "n".repeat(crate::assessment::model::limits::MAX_NAME_CHARS + 1);
        refused(&mut a, Change::Review { question: "profile.headcount".into(), by });
        let e = refused(
            &mut a,
            Change::Plan { question: "access.mfa".into(), owner: "Dana".into(), due: "2026-02-30".into() },
        );
        assert_eq!(e, ChangeError::BadDue("2026-02-30".into()));
        assert_eq!(
            refused(&mut a, Change::Review { question: "access.mfa".into(), by: String::new() }),
            ChangeError::NothingToReview("access.mfa".into())
        );
        assert_eq!(
            refused(&mut a, Change::Confirm { question: "profile.headcount".into() }),
            ChangeError::NotCarriedOver("profile.headcount".into())
        );
    }

    #[test]
    fn a_hidden_question_refuses_a_value_but_may_be_cleared() {
        let mut a = demo();
        apply(&mut a, &Change::typed("profile.uses_models", "no"), at()).unwrap();
        let e = apply(&mut a, &Change::typed("access.weights", "planned"), at()).unwrap_err();
        assert!(matches!(&e, ChangeError::Hidden { id, .. } if id == "access.weights"), "{e}");
        assert!(!e.to_string().contains("--"), "no command-line flag in the core's words: {e}");
        assert!(a.value("access.weights").is_none());
        apply(&mut a, &Change::clear("access.weights"), at()).unwrap();
    }

    #[test]
    fn a_read_only_cell_refuses_a_value_and_a_clear_but_takes_a_note() {
        let mut a = demo();
        let cell = CellSource { sheet: "S".into(), answer_cell: "D4".into(), locked: true, ..Default::default() };
        a.source = Some(Source {
            file_name: "their.xlsx".into(),
            format: "xlsx".into(),
            sha256: "sha256:0".into(),
            size: 1,
            embedded: String::new(),
            customer: "Example Bank".into(),
            imported_at: NOW.into(),
            cells: [("access.mfa".to_string(), cell)].into_iter().collect(),
        });
        let e = apply(&mut a, &Change::typed("access.mfa", "admins"), at()).unwrap_err();
        assert!(matches!(e, ChangeError::ReadOnly { .. }), "{e}");
        assert!(matches!(apply(&mut a, &Change::clear("access.mfa"), at()), Err(ChangeError::ReadOnly { .. })));
        apply(&mut a, &Change::Note { question: "access.mfa".into(), note: "ask them".into() }, at()).unwrap();
    }

    #[test]
    fn observations_are_recorded_edited_moved_and_deleted_through_apply() {
        let mut a = demo();
        let fields = ObservationFields { seen: "MFA off for two admins".into(), ..Default::default() };
        let observe = Change::Observe { question: "access.mfa".into(), fields: fields.clone(), by: "Carol".into() };
        let applied = apply(&mut a, &observe, at()).unwrap();
        assert_eq!((applied.question.as_str(), applied.changed), ("access.mfa", true));
        let edit = ObservationFields { owner: "Dana".into(), due: "2027-03-31".into(), ..fields };
        apply(&mut a, &Change::EditObservation { id: "obs-1".into(), fields: edit }, at()).unwrap();
        let status = Change::ObservationStatus { id: "obs-1".into(), status: Status::Remediated, by: "Dana".into() };
        assert!(apply(&mut a, &status, at()).unwrap().changed);
        assert!(!apply(&mut a, &status, at()).unwrap().changed, "already remediated");
        let o = &a.observations[0];
        assert_eq!((o.owner.as_str(), o.status, o.history[0].by.as_str()), ("Dana", Status::Remediated, "Dana"));
        // Refusals change nothing.
        let before = a.clone();
        let missing = Change::DeleteObservation { id: "obs-9".into() };
        assert_eq!(apply(&mut a, &missing, at()).unwrap_err().to_string(), "there is no observation `obs-9`");
        let empty = Change::EditObservation { id: "obs-1".into(), fields: ObservationFields::default() };
        assert!(matches!(apply(&mut a, &empty, at()), Err(ChangeError::Observation(ObservationError::NothingSeen))));
        let long = "n".repeat(crate::assessment::model::limits::MAX_NAME_CHARS + 1);
        let by = Change::ObservationStatus { id: "obs-1".into(), status: Status::Closed, by: long };
        assert!(apply(&mut a, &by, at()).is_err());
        assert_eq!(a, before);
        apply(&mut a, &Change::DeleteObservation { id: "obs-1".into() }, at()).unwrap();
        assert!(a.observations.is_empty());
    }

    #[test]
    fn a_suggestion_records_its_source_until_approved_and_undo_takes_both_back() {
        let mut a = demo();
        let source =
            AnswerSource { file: "done.xlsx".into(), score: 1.0, reason: "same id".into(), ..Default::default() };
        let suggest = Change::Suggest {
            question: "access.mfa".into(),
            value: NewValue::Typed("admins".into()),
            note: Some("From last year".into()),
            source: source.clone(),
        };
        let approve = Change::Approve { question: "access.mfa".into(), by: "Dana".into() };
        assert_eq!(apply(&mut a, &approve, at()).unwrap_err(), ChangeError::NotSuggested("access.mfa".into()));
        let suggested = apply(&mut a, &suggest, at()).unwrap();
        let entry = &a.answers["access.mfa"];
        assert!(entry.suggested && entry.source.as_ref() == Some(&source));
        assert_eq!((entry.note.as_str(), entry.answered_by.as_str()), ("From last year", "library: done.xlsx"));
        let after_suggest = a.clone();
        let approved = apply(&mut a, &approve, at()).unwrap();
        let entry = &a.answers["access.mfa"];
        assert!(!entry.suggested);
        assert_eq!(entry.source.as_ref().map(|s| s.approved_by.as_str()), Some("Dana"));
        apply(&mut a, &approved.inverse(), at()).unwrap();
        assert_eq!(a.answers, after_suggest.answers);
        apply(&mut a, &suggested.inverse(), at()).unwrap();
        assert!(a.answers.is_empty());
        // A refused suggestion records nothing; a person's own answer drops the source.
        let bad = Change::Suggest {
            question: "access.mfa".into(),
            value: NewValue::Typed("sometimes".into()),
            note: None,
            source: source.clone(),
        };
        assert!(apply(&mut a, &bad, at()).is_err() && a.answers.is_empty());
        apply(&mut a, &suggest, at()).unwrap();
        apply(&mut a, &Change::typed("access.mfa", "everywhere"), at()).unwrap();
        let entry = &a.answers["access.mfa"];
        assert!(!entry.suggested && entry.source.is_none());
    }

    #[test]
    fn the_inverse_puts_the_answer_back() {
        let mut a = demo();
        let first = apply(&mut a, &Change::typed("access.mfa", "admins"), at()).unwrap();
        let start = a.clone();
        let changes = [
            Change::typed("access.mfa", "everywhere"),
            Change::Note { question: "access.mfa".into(), note: "Okta".into() },
            Change::Flag { question: "access.mfa".into() },
            Change::Review { question: "access.mfa".into(), by: "Carol".into() },
            Change::Plan { question: "access.mfa".into(), owner: "Dana".into(), due: "2026-03-31".into() },
            Change::clear("access.mfa"),
        ];
        for change in &changes {
            let applied = apply(&mut a, change, at()).unwrap();
            assert!(applied.changed, "{change:?}");
            apply(&mut a, &applied.inverse(), at()).unwrap();
            assert_eq!(a.answers, start.answers, "after undoing {change:?}");
        }
        apply(&mut a, &first.inverse(), at()).unwrap();
        assert!(a.answers.is_empty());
    }
}
