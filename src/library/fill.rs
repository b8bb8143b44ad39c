//! `fill --from-library`: apply every suggestion at or above the threshold to the unanswered, writable
//! questions, and say what was left and why.

use super::{Library, Suggestion, suggest};
use crate::assessment::change::{self, Change, NewValue};
use crate::assessment::{AnswerDetails, Assessment};

#[derive(Debug, Clone)]
pub struct Applied {
    pub question: String,
    pub suggestion: Suggestion,
}

#[derive(Debug, Clone, Default)]
pub struct FillPlan {
    pub applied: Vec<Applied>,
    /// Question id and why it was left.
    pub left: Vec<(String, String)>,
}

pub fn plan_fill(library: &Library, a: &Assessment, min_score: f64) -> FillPlan {
    let mut plan = FillPlan::default();
    let cells = a.source.as_ref().map(|s| &s.cells);
    for (_, question) in a.questionnaire().questions() {
        if a.value(&question.id).is_some() {
            continue;
        }
        let cell = cells.and_then(|c| c.get(&question.id));
        if cell.is_some_and(|c| c.formula || c.locked) {
            continue;
        }
        let found = suggest(library, question, cell);
        match found.into_iter().next() {
            Some(best) if best.score >= min_score => {
                plan.applied.push(Applied { question: question.id.clone(), suggestion: best })
            }
            Some(best) => plan
                .left
                .push((question.id.clone(), format!("best suggestion scores {:.2}, below {min_score:.2}", best.score))),
            None => plan.left.push((question.id.clone(), "no suggestion".into())),
        }
    }
    plan
}

/// Apply the plan's suggestions, each through the checks every answer passes ([`change::apply`]); a
/// suggestion the question refuses (not a date, contradicting the profile, hidden) is left, and returned
/// with why.
pub fn apply(a: &mut Assessment, plan: &FillPlan, now: &str) -> Vec<(String, String)> {
    let mut refused = Vec::new();
    for applied in &plan.applied {
        let s = &applied.suggestion;
        let note = (a.note(&applied.question).is_empty() && !s.explanation.is_empty()).then(|| s.explanation.clone());
        let change = Change::Set {
            question: applied.question.clone(),
            value: NewValue::Typed(s.option.clone().unwrap_or_else(|| s.answer.clone())),
            details: AnswerDetails { note, ..Default::default() },
        };
        if let Err(e) = change::apply(a, &change, change::Ctx::at(now)) {
            refused.push((applied.question.clone(), e.to_string()));
        }
    }
    refused
}
