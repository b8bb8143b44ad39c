//! Suggestions for one question. First the candidate sources, each with a score and the reason it matched:
//! the same standard id, the same normalised text, the readiness answer the shipped mapping names and the
//! questions that ask about the same control concepts (`concepts.rs`), then BM25
//! candidates re-ranked by string similarity (for `fill`, only when nothing matched exactly). Then the candidates become
//! suggestions: sources giving the same answer share one slot (saying how many agree), sources of the same
//! question giving different answers are marked as a conflict, and among equally good matches the more
//! trusted source (approved entry, added questionnaire, the store) comes first.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::Library;
use super::index::{id_key, normalised};
use super::record::{Provenance, Record, Trust};
use crate::assessment::CellSource;
use crate::questionnaire::{Question, QuestionType};
use crate::search::tokens;
use crate::spreadsheet::vocabulary::{Choice, in_vocabulary};
use crate::text::{one_line, truncate};

/// How a suggestion was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rung {
    SameId,
    SameText,
    SimilarText,
    /// The readiness assessment's answer, through the shipped mapping of the customer's id.
    Readiness,
    /// A question of another questionnaire that asks about the same control concepts.
    Concepts,
}

impl Rung {
    /// The reason in a few words, as output and the interface show it.
    pub fn words(self) -> &'static str {
        match self {
            Rung::SameId => "same id",
            Rung::SameText => "same question text",
            Rung::SimilarText => "similar wording",
            Rung::Readiness => "readiness answer to the mapped question",
            Rung::Concepts => "same control concepts",
        }
    }
}

/// A library record that may answer the question: how well its question matched, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into the library's records.
    pub record: u32,
    pub score: f64,
    pub rung: Rung,
    /// "same id", "same question text", "similar wording: ..." (what matched).
    pub reason: String,
    /// The choice to offer when it is not the record's own (a readiness answer below "documented" is never
    /// offered as a Yes).
    pub choice: Option<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// 0 to 1: 1 for the same id, 0.95 for the same text, below 0.9 for similar wording.
    pub score: f64,
    pub rung: Rung,
    /// Why it matched, in words ("same id", "similar wording: Do you ...").
    pub reason: String,
    /// The source's own question id, verbatim (empty when it had none).
    pub source_question: String,
    /// The kind of source; of equally good matches, the more trusted comes first.
    pub trust: Trust,
    /// How many sources give this same answer (they share this one slot).
    pub agree: usize,
    /// Another source of the same question (same id or text) gives a different answer.
    pub conflict: bool,
    /// The answer as this question takes it: an option's label, or free text.
    pub answer: String,
    /// For a choice question, the option id to store.
    pub option: Option<String>,
    pub explanation: String,
    pub provenance: Provenance,
    /// The library's question, to show what matched.
    pub matched: String,
    /// The source's other answer fields by name, each filled into the question's field of the same name.
    pub fields: BTreeMap<String, String>,
}

/// How alike two questions read: token overlap (Dice) blended with character-bigram similarity.
pub fn similarity(a: &str, b: &str) -> f64 {
    let ta: HashSet<String> = tokens(a).into_iter().collect();
    let tb: HashSet<String> = tokens(b).into_iter().collect();
    let words = if ta.is_empty() || tb.is_empty() {
        0.0
    } else {
        2.0 * ta.intersection(&tb).count() as f64 / (ta.len() + tb.len()) as f64
    };
    let chars = strsim::sorensen_dice(&normalised(a), &normalised(b));
    0.6 * words + 0.4 * chars
}

/// The record's answer in the question's terms; `None` when it does not fit (a "No" for a free-text question
/// is kept as text; a free-text answer for a Yes/No question does not fit).
fn fit(question: &Question, r: &Record) -> Option<(String, Option<String>)> {
    if question.kind == QuestionType::Choice {
        let labels: Vec<String> = question.options.iter().map(|o| o.label.clone()).collect();
        let label = labels
            .iter()
            .find(|l| l.eq_ignore_ascii_case(r.answer.trim()))
            .map(String::as_str)
            .or_else(|| in_vocabulary(r.choice, &labels))?;
        let option = question.options.iter().find(|o| o.label == label).map(|o| o.id.clone());
        return Some((label.to_string(), option));
    }
    if question.kind == QuestionType::Text {
        let text = if r.choice == Choice::Other || r.explanation.is_empty() {
            r.answer.clone()
        } else {
            format!("{}. {}", r.answer, r.explanation)
        };
        return Some((text, None));
    }
    None
}

/// At most this many suggestions are offered for one question.
pub const MOST: usize = 3;

/// At most this many sources of the same id or text are read for one question (they are counted as
/// agreeing or conflicting; a library that has the same question thousands of times stays quick).
const SAME_QUESTION_MOST: usize = 64;

/// How far to look for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Every rung: similar wording fills the slots the same question left (the interface's list).
    All,
    /// Similar wording only when no source asked the same question (`fill`: only the best is applied,
    /// and a similar wording never beats the same question).
    ExactFirst,
}

/// The records that may answer the question, each with its score and reason, best rung first.
pub fn candidates(library: &Library, question: &Question, cell: Option<&CellSource>, depth: Depth) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen = HashSet::new();
    let text = cell.map_or(question.text.as_str(), |c| c.text_as_found.as_str());
    let tags = super::concepts::vocabulary().tag(text);
    let mut push =
        |record: u32, score: f64, rung: Rung, reason: String, choice: Option<Choice>, out: &mut Vec<Candidate>| {
            // A question asking about a control the other way round is never suggested, however alike the words.
            if rung == Rung::SimilarText && super::concepts::opposed(library, &tags, record) {
                return;
            }
            if seen.insert(record) {
                out.push(Candidate { record, score, rung, reason, choice });
            }
        };
    let id = cell.map(|c| c.id_as_found.as_str()).filter(|i| !i.is_empty());
    if let Some(list) = id.and_then(|i| library.index.by_id.get(&id_key(i))) {
        for &i in list.iter().rev().take(SAME_QUESTION_MOST) {
            push(i, 1.0, Rung::SameId, Rung::SameId.words().into(), None, &mut out);
        }
    }
    // When the id matched, the same words under another id are another question of that file (a
    // questionnaire may repeat a question in several places): not a second source of this one.
    let id_matched = !out.is_empty();
    let other_id = |r: &Record| {
        id_matched && !r.ids.is_empty() && id.is_some_and(|i| r.ids.iter().all(|x| id_key(x) != id_key(i)))
    };
    if let Some(list) = library.index.by_text.get(&normalised(text)) {
        for &i in list.iter().rev().filter(|&&i| !other_id(&library.records[i as usize])).take(SAME_QUESTION_MOST) {
            push(i, 0.95, Rung::SameText, Rung::SameText.words().into(), None, &mut out);
        }
    }
    let exact = !out.is_empty();
    // `fill` with the same question found looks no further than the mapped readiness answer: a match by
    // meaning is never applied, and comparing meaning across the library is the costly part.
    let by_meaning = !(depth == Depth::ExactFirst && exact);
    for c in super::concepts::candidates(library, question, &tags, text, id, by_meaning) {
        push(c.record, c.score, c.rung, c.reason, c.choice, &mut out);
    }
    let answers = |out: &Vec<Candidate>| {
        let mut seen: Vec<&str> = out.iter().map(|c| library.records[c.record as usize].answer.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    let look = match depth {
        Depth::All => answers(&out) < MOST,
        Depth::ExactFirst => !exact,
    };
    if look {
        let mut ranked: Vec<(u32, f64)> = library
            .index
            .search(text, 30)
            .into_iter()
            .map(|(i, _)| (i, 0.85 * similarity(text, &library.records[i as usize].question)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (i, score) in ranked.into_iter().take(3 * MOST) {
            let matched = one_line(&library.records[i as usize].question);
            let reason = format!("{}: {}", Rung::SimilarText.words(), truncate(&matched, 80));
            push(i, (score * 100.0).round() / 100.0, Rung::SimilarText, reason, None, &mut out);
        }
    }
    out
}

/// The best suggestions for a question (with its source cell, if imported), at most [`MOST`].
pub fn suggest(library: &Library, question: &Question, cell: Option<&CellSource>) -> Vec<Suggestion> {
    suggest_to(library, question, cell, Depth::All)
}

/// [`suggest`], looking as far as `depth` says.
pub fn suggest_to(library: &Library, question: &Question, cell: Option<&CellSource>, depth: Depth) -> Vec<Suggestion> {
    let mut found: Vec<(Suggestion, u32)> = Vec::new();
    for c in candidates(library, question, cell, depth) {
        let mut r = std::borrow::Cow::Borrowed(&library.records[c.record as usize]);
        if let Some(choice) = c.choice {
            r.to_mut().choice = choice;
        }
        let Some((answer, option)) = fit(question, &r) else { continue };
        found.push((
            Suggestion {
                score: c.score,
                rung: c.rung,
                reason: c.reason,
                source_question: r.ids.first().cloned().unwrap_or_default(),
                trust: r.trust,
                agree: 1,
                conflict: false,
                answer,
                option,
                explanation: r.explanation.clone(),
                provenance: r.provenance.clone(),
                matched: r.question.clone(),
                fields: r.fields.clone(),
            },
            c.record,
        ));
    }
    // Same question (applied without asking): the most trusted source first; then by score. Of equals,
    // the later record (the newer answer) first, as the candidates come.
    let exact = |s: &Suggestion| s.score >= super::APPLY_THRESHOLD;
    found.sort_by(|(a, _), (b, _)| {
        exact(b)
            .cmp(&exact(a))
            .then(if exact(a) { a.trust.cmp(&b.trust) } else { std::cmp::Ordering::Equal })
            .then(b.score.total_cmp(&a.score))
            .then(a.trust.cmp(&b.trust))
    });
    // One slot per answer: the first (best) source keeps it, the others are counted.
    let mut out: Vec<Suggestion> = Vec::new();
    for (s, _) in found {
        let key = answer_key(&s);
        match out.iter_mut().find(|o| answer_key(o) == key) {
            Some(slot) => slot.agree += 1,
            None => out.push(s),
        }
    }
    let answers_to_same_question = out.iter().filter(|s| exact(s)).count();
    if answers_to_same_question > 1 {
        for s in out.iter_mut().filter(|s| exact(s)) {
            s.conflict = true;
        }
    }
    out.truncate(MOST);
    out
}

/// Two suggestions give the same answer: the same option, or the same words (case and spacing aside).
fn answer_key(s: &Suggestion) -> String {
    match &s.option {
        Some(o) => format!("option:{o}"),
        None => format!("text:{}", normalised(&s.answer)),
    }
}
