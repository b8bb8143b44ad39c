//! An assessment: one organisation's answers to one questionnaire, self-contained in one file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::answer::{Answer, AnswerError, AnswerValue, check_value};
use super::conflicts::Conflict;
use super::limits::{self, LimitError};
use super::records::{Baseline, Meeting, Observation};
use super::source::Source;
use crate::questionnaire::{Questionnaire, catalog::BUILT_IN_HASHES, format::UNKNOWN, validate::validate};

/// Marks a JSON file as a soc2-ready assessment.
pub const FILE_MARKER: &str = "soc2-ready assessment";
/// The assessment file format this version writes. Format 1 files are read and migrated (see
/// `questionnaires/README.md`); a newer format is refused.
pub const FORMAT: u32 = 2;
/// The oldest format this version reads.
pub const OLDEST_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub file: String,
    pub format: u32,
    pub org: String,
    /// People taking part: the respondents a consultant interviews, the assessor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub questionnaire: Embedded,
    /// Where the user was, so reopening resumes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Who is answering now; recorded with each answer given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub respondent: String,
    /// A question answered twice in the file is refused rather than letting the last one win.
    #[serde(default, deserialize_with = "unique_answers")]
    pub(in crate::assessment) answers: BTreeMap<String, Answer>,
    /// Format 2: the spreadsheet an imported questionnaire came from, cell by cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Format 2: the sittings, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Format 2: what the assessor saw, question by question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    /// Format 2: last year's answers, when this assessment was carried over from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Box<Baseline>>,
    /// Format 2: answers that merged files disagree on, left for the interface to resolve one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Format 2: marked as a test (`soc2-ready mark A --test`): its answers never feed the answer library.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
    /// What [`super::change::apply`] changed: the answers a save journals, and the changes the interface's
    /// undo records. Never saved; never part of equality. A change made around `apply` reaches the file
    /// with the next full comparison (every 32nd quick save, and closing).
    #[serde(skip)]
    pub log: super::change_log::ChangeLog,
}

/// The questionnaire an assessment answers, embedded whole so the file opens the same anywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Embedded {
    pub id: String,
    pub version: String,
    /// `sha256:` and the hex digest of the definition's compact JSON.
    pub hash: String,
    /// Written as compact JSON inside the (pretty) file: any questionnaire under its own size limit stays
    /// well under the assessment's.
    #[serde(serialize_with = "compact")]
    pub definition: Questionnaire,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub section: String,
    pub question: String,
}

/// What is wrong inside an assessment whose JSON is well formed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckError {
    #[error("the embedded questionnaire is invalid: {0}")]
    InvalidQuestionnaire(String),
    #[error("the embedded questionnaire does not match its hash: it was edited or damaged")]
    HashMismatch,
    #[error("the questionnaire id or version does not match the embedded questionnaire")]
    IdMismatch,
    #[error("there is an answer to question `{0}`, which the questionnaire does not have")]
    UnknownQuestion(String),
    #[error("answer to {0}")]
    BadAnswer(AnswerError),
    #[error(transparent)]
    OverLimit(#[from] LimitError),
}

fn compact<S: serde::Serializer>(q: &Questionnaire, serializer: S) -> Result<S::Ok, S::Error> {
    // Serialised JSON needs no second parse to be known valid (`from_string` would read it all again).
    let raw = serde_json::value::to_raw_value(q).map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

fn unique_answers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Answer>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, Answer>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of answers by question id")
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut out = BTreeMap::new();
            while let Some((id, answer)) = map.next_entry::<String, Answer>()? {
                if out.contains_key(&id) {
                    return Err(serde::de::Error::custom(format!(
                        "question `{}` is answered twice in \"answers\"; keep one of the two and remove the other",
                        crate::text::one_line(&id)
                    )));
                }
                out.insert(id, answer);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

/// The hash that identifies a questionnaire's exact content.
pub fn questionnaire_hash(q: &Questionnaire) -> String {
    let bytes = serde_json::to_vec(q).expect("a questionnaire always serialises");
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl Assessment {
    pub fn new(questionnaire: Questionnaire, org: &str, now: &str) -> Assessment {
        Assessment {
            file: FILE_MARKER.to_string(),
            format: FORMAT,
            org: org.trim().to_string(),
            people: Vec::new(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            questionnaire: Embedded {
                id: questionnaire.id.clone(),
                version: questionnaire.version.clone(),
                hash: questionnaire_hash(&questionnaire),
                definition: questionnaire,
            },
            position: None,
            respondent: String::new(),
            answers: BTreeMap::new(),
            source: None,
            meetings: Vec::new(),
            observations: Vec::new(),
            baseline: None,
            conflicts: Vec::new(),
            test: false,
            log: Default::default(),
        }
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire.definition
    }

    /// Every answer recorded, by question id. Written only through [`super::change::apply`] (or, inside
    /// `assessment`, the setters the sample and an import build with): outside `assessment` the map and its
    /// setters are private.
    ///
    /// ```compile_fail
    /// fn write_around_the_checks(a: &mut soc2_ready::assessment::Assessment) {
    ///     a.answers.clear();
    /// }
    /// ```
    pub fn answers(&self) -> &BTreeMap<String, Answer> {
        &self.answers
    }

    /// The answers to change directly, with none of the checks [`super::change::apply`] runs and nothing
    /// a quick save follows: for the assessment's own unit tests of the checks, which need to get past
    /// them. Everything else changes answers through `apply`.
    #[cfg(test)]
    pub(in crate::assessment) fn answers_unchecked_mut(&mut self) -> &mut BTreeMap<String, Answer> {
        &mut self.answers
    }

    /// A copy of this assessment with `answers` in place of its own: a view derived for reading (what
    /// scoring sees, last year's answers as an assessment). Nothing is checked, so it is never one to
    /// save.
    pub fn with_answers(&self, answers: BTreeMap<String, Answer>) -> Assessment {
        Assessment { answers, ..self.clone() }
    }

    pub fn value(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question).and_then(|a| a.value.as_ref())
    }

    /// Everything about an assessment that its format cannot check by itself: the embedded questionnaire is
    /// valid and matches its hash, and every answer fits its question.
    pub fn check(&self) -> Result<(), CheckError> {
        let q = self.questionnaire();
        let hash = questionnaire_hash(q);
        // A built-in questionnaire exactly as shipped (its known hash, and the content hashes to it) was
        // validated by the test suite; anything else is validated here, before the hash is compared.
        let shipped = hash == self.questionnaire.hash && BUILT_IN_HASHES.contains(&hash.as_str());
        if !shipped && let Some(problem) = validate(q).first() {
            return Err(CheckError::InvalidQuestionnaire(problem.to_string()));
        }
        if self.questionnaire.hash != hash {
            return Err(CheckError::HashMismatch);
        }
        if self.questionnaire.id != q.id || self.questionnaire.version != q.version {
            return Err(CheckError::IdMismatch);
        }
        // One lookup table, not a search through every question per answer.
        let by_id: std::collections::HashMap<&str, &crate::questionnaire::Question> =
            q.questions().map(|(_, question)| (question.id.as_str(), question)).collect();
        for (id, answer) in &self.answers {
            let Some(question) = by_id.get(id.as_str()).copied() else {
                return Err(CheckError::UnknownQuestion(crate::text::one_line(id)));
            };
            if let Some(value) = &answer.value {
                check_value(question, value).map_err(CheckError::BadAnswer)?;
            }
        }
        limits::check(self)?;
        Ok(())
    }

    fn entry(&mut self, question: &str, now: &str) -> &mut Answer {
        self.updated_at = now.to_string();
        let entry = self.answers.entry(question.to_string()).or_default();
        entry.updated_at = now.to_string();
        entry
    }

    fn tidy(&mut self, question: &str) {
        if self.answers.get(question).is_some_and(Answer::is_empty) {
            self.answers.remove(question);
        }
    }

    /// Record an answer (already checked against its question). "Don't know" flags it for follow-up.
    pub(in crate::assessment) fn set_value(&mut self, question: &str, value: AnswerValue, now: &str) {
        let respondent = self.respondent.clone();
        let entry = self.entry(question, now);
        if value.as_text() == Some(UNKNOWN) {
            // A flag set by hand stays the user's; otherwise "don't know" owns it.
            entry.flagged_by_unknown = !entry.follow_up || entry.flagged_by_unknown;
            entry.follow_up = true;
        } else if std::mem::take(&mut entry.flagged_by_unknown) {
            // F11: the answer is known now, so the flag "don't know" set goes with it.
            entry.follow_up = false;
        }
        entry.value = Some(value);
        entry.answered_by = respondent;
        // Answering a question carried over from last year confirms it.
        entry.to_confirm = false;
    }

    pub(in crate::assessment) fn clear_value(&mut self, question: &str, now: &str) {
        let entry = self.entry(question, now);
        entry.value = None;
        entry.answered_by.clear();
        self.tidy(question);
    }

    /// Replace one text of the answer (`text` picks which), unless it already reads so: an unchanged text
    /// leaves the answer's time alone and makes no empty entry.
    fn set_text(&mut self, question: &str, value: &str, now: &str, text: fn(&mut Answer) -> &mut String) {
        if self.answers.get_mut(question).map_or(value.is_empty(), |a| text(a) == value) {
            return;
        }
        *text(self.entry(question, now)) = value.to_string();
        self.tidy(question);
    }

    pub(in crate::assessment) fn set_note(&mut self, question: &str, note: &str, now: &str) {
        self.set_text(question, note, now, |a| &mut a.note);
    }

    /// Replace the customer-facing comment (checked by the caller).
    pub(in crate::assessment) fn set_comment(&mut self, question: &str, comment: &str, now: &str) {
        self.set_text(question, comment, now, |a| &mut a.comment);
    }

    /// Set one extra answer field (checked by the caller); empty removes it.
    pub(in crate::assessment) fn set_field(&mut self, question: &str, field: &str, value: &str, now: &str) {
        if self.answers.get(question).and_then(|a| a.fields.get(field)).map_or("", String::as_str) == value {
            return;
        }
        let entry = self.entry(question, now);
        if value.is_empty() {
            entry.fields.remove(field);
        } else {
            entry.fields.insert(field.to_string(), value.to_string());
        }
        self.tidy(question);
    }

    pub(in crate::assessment) fn toggle_follow_up(&mut self, question: &str, now: &str) -> bool {
        let entry = self.entry(question, now);
        entry.follow_up = !entry.follow_up;
        // Set or removed by hand: the user's from now on.
        entry.flagged_by_unknown = false;
        let flagged = entry.follow_up;
        self.tidy(question);
        flagged
    }

    pub(in crate::assessment) fn set_evidence(&mut self, question: &str, evidence: Vec<String>, now: &str) {
        self.entry(question, now).evidence = evidence;
        self.tidy(question);
    }

    /// Set who to ask about `question` (empty: nobody).
    pub(in crate::assessment) fn set_ask(&mut self, question: &str, name: &str, now: &str) {
        self.set_text(question, name, now, |a| &mut a.ask);
    }

    /// Set who owns closing the gap on `question` and when it is due (YYYY-MM-DD, checked by the caller);
    /// empty clears either.
    pub(in crate::assessment) fn set_plan(&mut self, question: &str, owner: &str, due: &str, now: &str) {
        let current = self.answers.get(question).map_or(("", ""), |a| (a.owner.as_str(), a.due.as_str()));
        if current == (owner, due) {
            return;
        }
        let entry = self.entry(question, now);
        entry.owner = owner.to_string();
        entry.due = due.to_string();
        self.tidy(question);
    }

    /// Record what comes with an answer given in one command: the note, the evidence, and who gave it
    /// (exactly `details.by`, nobody when it is absent; it does not become who answers next).
    pub(in crate::assessment) fn record_details(
        &mut self,
        question: &str,
        details: &super::answer::AnswerDetails,
        now: &str,
    ) {
        if let Some(note) = &details.note {
            self.set_note(question, note, now);
        }
        if let Some(evidence) = &details.evidence {
            self.set_evidence(question, evidence.clone(), now);
        }
        if let Some(source) = &details.source
            && let Some(entry) = self.answers.get_mut(question)
            && entry.value.is_some()
        {
            entry.answered_by = source.clone();
            return;
        }
        let by = details.by.as_deref().map(str::trim).unwrap_or("");
        if !by.is_empty() && !self.people.iter().any(|p| p == by) {
            self.people.push(by.to_string());
        }
        if let Some(entry) = self.answers.get_mut(question)
            && entry.value.is_some()
        {
            entry.answered_by = by.to_string();
        }
    }

    /// Set who is answering from now on; each person named is kept in the assessment's people.
    pub fn set_respondent(&mut self, name: &str, now: &str) {
        let name = name.trim();
        self.respondent = name.to_string();
        if !name.is_empty() && !self.people.iter().any(|p| p == name) {
            self.people.push(name.to_string());
        }
        self.updated_at = now.to_string();
    }

    pub fn note(&self, question: &str) -> &str {
        self.answers.get(question).map_or("", |a| a.note.as_str())
    }

    pub fn is_flagged(&self, question: &str) -> bool {
        self.answers.get(question).is_some_and(|a| a.follow_up)
    }
}
