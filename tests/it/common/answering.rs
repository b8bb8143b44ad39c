//! Answering in tests the way every front end does: each call is one `Change` through `change::apply`, with
//! all its checks. A refused change is a broken set-up, so it panics with the reason.

use soc2_ready::assessment::model::change::{self, Change, ChangeError, Ctx};
use soc2_ready::assessment::{AnswerValue, Assessment};

/// The answer setters tests build fixtures with, each applying one change at the time given.
pub trait Answering {
    /// `Change::Set` with a value already made.
    fn answer(&mut self, question: &str, value: AnswerValue, now: &str);
    /// `Change::Clear`.
    fn unanswer(&mut self, question: &str, now: &str);
    /// `Change::Note` (empty removes it).
    fn write_note(&mut self, question: &str, note: &str, now: &str);
    /// `Change::Evidence`.
    fn write_evidence(&mut self, question: &str, evidence: Vec<String>, now: &str);
    /// Any change; panics with the refusal.
    fn change(&mut self, change: Change, now: &str);
    /// A value no change would record (a hidden or read-only question's, one of the wrong type, one over a
    /// limit), written into the assessment's JSON as a damaged or older file would hold it. For tests of
    /// what reading, scoring and saving do with such a file; nothing else is changed.
    fn plant(&mut self, question: &str, value: AnswerValue, now: &str);
    /// The same for any field of the answer's entry (`"evidence"`, `"note"`...), as the file spells it.
    fn plant_field(&mut self, question: &str, field: &str, value: serde_json::Value, now: &str);
    /// Answered when the question is shown; planted, as a stale answer a file may keep, when the answers so
    /// far hide it.
    fn answer_even_hidden(&mut self, question: &str, value: AnswerValue, now: &str);
}

impl Answering for Assessment {
    fn answer(&mut self, question: &str, value: AnswerValue, now: &str) {
        self.change(Change::value(question, value), now);
    }

    fn unanswer(&mut self, question: &str, now: &str) {
        self.change(Change::clear(question), now);
    }

    fn write_note(&mut self, question: &str, note: &str, now: &str) {
        self.change(Change::Note { question: question.into(), note: note.into() }, now);
    }

    fn write_evidence(&mut self, question: &str, evidence: Vec<String>, now: &str) {
        self.change(Change::Evidence { question: question.into(), evidence }, now);
    }

    fn plant(&mut self, question: &str, value: AnswerValue, now: &str) {
        self.plant_field(question, "value", serde_json::to_value(value).unwrap(), now);
    }

    fn plant_field(&mut self, question: &str, field: &str, value: serde_json::Value, now: &str) {
        let mut file: serde_json::Value = serde_json::from_str(&serde_json::to_string(&*self).unwrap()).unwrap();
        let entry = &mut file["answers"][question];
        if entry.is_null() {
            *entry = serde_json::json!({});
        }
        entry[field] = value;
        entry["updated_at"] = now.into();
        file["updated_at"] = now.into();
        *self = serde_json::from_value(file).unwrap();
    }

    fn answer_even_hidden(&mut self, question: &str, value: AnswerValue, now: &str) {
        match change::apply(self, &Change::value(question, value.clone()), Ctx::at(now)) {
            Err(ChangeError::Hidden { .. }) => self.plant(question, value, now),
            Err(e) => panic!("the test's set-up was refused: {question}: {e}"),
            Ok(_) => {}
        }
    }

    fn change(&mut self, change: Change, now: &str) {
        if let Err(e) = change::apply(self, &change, Ctx::at(now)) {
            panic!("the test's set-up was refused: {change:?}: {e}");
        }
    }
}
