//! Suggestions for one question: the same standard id, then the same normalised text, then BM25 candidates
//! re-ranked by string similarity. Each carries a score, the answer in this questionnaire's vocabulary, the
//! explanation and where it came from.

use std::collections::HashSet;

use serde::Serialize;

use super::Library;
use super::index::{id_key, normalised, tokens};
use super::record::{Provenance, Record};
use crate::assessment::CellSource;
use crate::questionnaire::{Question, QuestionType};
use crate::spreadsheet::vocabulary::{Choice, in_vocabulary};

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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// 0 to 1: 1 for the same id, 0.95 for the same text, below 0.9 for similar wording.
    pub score: f64,
    pub rung: Rung,
    /// The answer as this question takes it: an option's label, or free text.
    pub answer: String,
    /// For a choice question, the option id to store.
    pub option: Option<String>,
    pub explanation: String,
    pub provenance: Provenance,
    /// The library's question, to show what matched.
    pub matched: String,
    /// Why it was suggested ("same id", "both ask about multi-factor authentication").
    pub reason: String,
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
        // The answer alone: its explanation goes to the comment (or note) beside it, never into the
        // answer cell as "Yes. explanation".
        return Some((r.answer.clone(), None));
    }
    None
}

/// The best three suggestions for a question (with its source cell, if imported).
pub fn suggest(library: &Library, question: &Question, cell: Option<&CellSource>) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    let mut seen = HashSet::new();
    let text = cell.map_or(question.text.as_str(), |c| c.text_as_found.as_str());
    let tags = super::concepts::vocabulary().tag(text);
    let mut push =
        |i: u32, score: f64, rung: Rung, reason: String, choice: Option<Choice>, out: &mut Vec<Suggestion>| {
            // A question asking about a control the other way round is never suggested, however alike the words.
            if seen.contains(&i) || (rung == Rung::SimilarText && super::concepts::opposed(library, &tags, i)) {
                return;
            }
            seen.insert(i);
            let mut r = std::borrow::Cow::Borrowed(&library.records[i as usize]);
            if let Some(choice) = choice {
                r.to_mut().choice = choice;
            }
            if let Some((answer, option)) = fit(question, &r) {
                out.push(Suggestion {
                    score,
                    rung,
                    answer,
                    option,
                    explanation: r.explanation.clone(),
                    provenance: r.provenance.clone(),
                    matched: r.question.clone(),
                    reason,
                });
            }
        };
    let id = cell.map(|c| c.id_as_found.as_str()).filter(|i| !i.is_empty());
    if let Some(list) = id.and_then(|i| library.index.by_id.get(&id_key(i))) {
        for &i in list.iter().rev().take(3) {
            push(i, 1.0, Rung::SameId, "same id".into(), None, &mut out);
        }
    }
    if let Some(list) = library.index.by_text.get(&normalised(text)) {
        for &i in list.iter().rev().take(3) {
            push(i, 0.95, Rung::SameText, "same text".into(), None, &mut out);
        }
    }
    for c in super::concepts::candidates(library, question, &tags, text, id) {
        push(c.record, c.score, c.rung, c.reason, c.choice, &mut out);
    }
    if out.len() < 3 {
        let mut ranked: Vec<(u32, f64)> = library
            .index
            .search(text, 30)
            .into_iter()
            .map(|(i, _)| (i, 0.85 * similarity(text, &library.records[i as usize].question)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (i, score) in ranked {
            if out.len() >= 3 {
                break;
            }
            push(i, (score * 100.0).round() / 100.0, Rung::SimilarText, "similar wording".into(), None, &mut out);
        }
    }
    out.truncate(3);
    out
}
