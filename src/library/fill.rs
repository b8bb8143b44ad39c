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
        // The explanation is for the customer: their comment cell when the file has one, else the note.
        let comment_cell =
            a.source.as_ref().and_then(|c| c.cells.get(&applied.question)).is_some_and(|c| !c.comment_cell.is_empty());
        let entry = a.answers().get(&applied.question);
        let free = |text: Option<&String>| text.is_none_or(|t| t.is_empty()) && !s.explanation.is_empty();
        let comment = (comment_cell && free(entry.map(|e| &e.comment))).then(|| s.explanation.clone());
        let note = (!comment_cell && free(entry.map(|e| &e.note))).then(|| s.explanation.clone());
        let change = Change::Set {
            question: applied.question.clone(),
            value: NewValue::Typed(s.option.clone().unwrap_or_else(|| s.answer.clone())),
            details: AnswerDetails { note, ..Default::default() },
        };
        let ctx = change::Ctx::at(now);
        let result = change::apply(a, &change, ctx).and_then(|_| match comment {
            Some(comment) => {
                change::apply(a, &Change::Comment { question: applied.question.clone(), comment }, ctx).map(|_| ())
            }
            None => Ok(()),
        });
        if let Err(e) = result {
            refused.push((applied.question.clone(), e.to_string()));
        }
    }
    refused
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::library::suggest::Rung;

    const NOW: &str = "2026-01-15T09:00:00Z";

    fn suggestion(answer: &str) -> Suggestion {
        Suggestion {
            score: 1.0,
            rung: Rung::SameId,
            answer: answer.into(),
            option: None,
            explanation: "From last year".into(),
            provenance: Default::default(),
            matched: String::new(),
            reason: String::new(),
        }
    }

    #[test]
    fn a_suggestion_the_question_refuses_is_left_and_changes_nothing() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
        let mut a = Assessment::new(crate::questionnaire::load_file(&path).unwrap(), "Acme", NOW);
        let plan = FillPlan {
            applied: vec![
                // A malformed date, and a headcount that is not a whole number of people (a profile rule).
                Applied { question: "profile.start_date".into(), suggestion: suggestion("next spring") },
                Applied { question: "profile.headcount".into(), suggestion: suggestion("12.5") },
                Applied { question: "profile.contact".into(), suggestion: suggestion("security@acme.example") },
            ],
            left: Vec::new(),
        };
        let refused = apply(&mut a, &plan, NOW);
        let ids: Vec<&str> = refused.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["profile.start_date", "profile.headcount"]);
        assert!(refused[1].1.contains("whole number of people"), "{}", refused[1].1);
        assert!(!a.answers().contains_key("profile.start_date") && !a.answers().contains_key("profile.headcount"));
        assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("security@acme.example".into())));
        assert_eq!(a.note("profile.contact"), "From last year");
    }
}
