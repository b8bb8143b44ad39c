//! `fill --from-library`: apply every suggestion at or above the threshold to the unanswered, writable
//! questions, each as a suggested answer recording its source, and say what was left and why. Sources of
//! the same question that disagree are a conflict: the more trusted source's answer is applied and the
//! conflict reported; between equally trusted sources nothing is applied.

use super::suggest::{Depth, suggest_to};
use super::{Library, Suggestion};
use crate::assessment::model::change::{self, Change, NewValue};
use crate::assessment::{AnswerSource, Assessment, Visibility};

#[derive(Debug, Clone)]
pub struct Applied {
    pub question: String,
    pub suggestion: Suggestion,
    /// Less trusted sources of the same question that gave another answer.
    pub overruled: Vec<Suggestion>,
}

/// One question looked at, with every suggestion found for it.
#[derive(Debug, Clone)]
pub struct Looked {
    pub question: String,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, Default)]
pub struct FillPlan {
    pub applied: Vec<Applied>,
    /// Question id and why it was left.
    pub left: Vec<(String, String)>,
    /// Every unanswered, writable question, in questionnaire order.
    pub looked_at: Vec<Looked>,
}

/// What to fill: every unanswered question whose answer cell may be written, with its suggestions (the
/// library's index is built once, by the caller).
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
        let found = suggest_to(library, question, cell, Depth::ExactFirst);
        let id = question.id.clone();
        match found.first() {
            Some(best) if best.score >= min_score => {
                let disagree: Vec<Suggestion> =
                    found.iter().skip(1).filter(|s| s.conflict && s.score >= min_score).cloned().collect();
                if disagree.iter().any(|s| s.trust == best.trust) {
                    let mut all = vec![best.clone()];
                    all.extend(disagree);
                    plan.left.push((id.clone(), conflict_words(&all)));
                } else {
                    plan.applied.push(Applied { question: id.clone(), suggestion: best.clone(), overruled: disagree });
                }
            }
            Some(best) => {
                plan.left.push((id.clone(), format!("best suggestion scores {:.2}, below {min_score:.2}", best.score)))
            }
            None => plan.left.push((id.clone(), "no suggestion".into())),
        }
        plan.looked_at.push(Looked { question: id, suggestions: found });
    }
    plan
}

/// "sources disagree: Yes (from A), No (from B)".
fn conflict_words(all: &[Suggestion]) -> String {
    let each: Vec<String> = all
        .iter()
        .map(|s| format!("{} (from {}, {})", s.answer, s.provenance.describe(), s.trust.describe()))
        .collect();
    format!("sources disagree: {}; choose one yourself", each.join(" or "))
}

/// The source an applied suggestion records on the answer.
pub fn answer_source(s: &Suggestion) -> AnswerSource {
    let p = &s.provenance;
    AnswerSource {
        file: p.file.clone(),
        sheet: p.sheet.clone(),
        cell: p.cell.clone(),
        question: s.source_question.clone(),
        customer: p.customer.clone(),
        date: p.date.clone(),
        score: s.score,
        reason: s.reason.clone(),
        approved_by: String::new(),
        approved_at: String::new(),
    }
}

/// What [`apply`] could not fill: whole suggestions the question refused, and single fields whose value the
/// question's field refuses (the answer itself was filled).
#[derive(Debug, Clone, Default)]
pub struct Refused {
    /// Question id and why its suggestion was left.
    pub answers: Vec<(String, String)>,
    /// Question id and why one of its fields was left empty.
    pub fields: Vec<(String, String)>,
}

/// Apply the plan's suggestions as suggested answers, each through the checks every answer passes
/// ([`change::apply`]); a suggestion the question refuses (not a date, contradicting the profile, hidden)
/// is left, and returned with why. Each of the source's other fields fills the question's empty field of the
/// same name; a value that field refuses is left and returned, the answer stays.
pub fn apply(a: &mut Assessment, plan: &FillPlan, now: &str) -> Refused {
    let mut refused = Refused::default();
    // Which questions are shown depends on the answers only when the questionnaire has conditions; without
    // any (a customer's workbook) it is worked out once, not once per answer.
    let fixed = (!has_conditions(a)).then(|| Visibility::of_assessment(a));
    for applied in &plan.applied {
        let s = &applied.suggestion;
        // The explanation is for the customer: their comment cell when the file has one, else the note.
        let comment_cell =
            a.source.as_ref().and_then(|c| c.cells.get(&applied.question)).is_some_and(|c| !c.comment_cell.is_empty());
        let entry = a.answers().get(&applied.question);
        let free = |text: Option<&String>| text.is_none_or(|t| t.is_empty()) && !s.explanation.is_empty();
        let comment = (comment_cell && free(entry.map(|e| &e.comment))).then(|| s.explanation.clone());
        let note = (!comment_cell && free(entry.map(|e| &e.note))).then(|| s.explanation.clone());
        let fields = field_changes(a, &applied.question, s);
        let change = Change::Suggest {
            question: applied.question.clone(),
            value: NewValue::Typed(s.option.clone().unwrap_or_else(|| s.answer.clone())),
            note,
            source: answer_source(s),
        };
        let ctx = change::Ctx { now, shown: fixed.as_ref() };
        let result = change::apply(a, &change, ctx).and_then(|_| match comment {
            Some(comment) => {
                change::apply(a, &Change::Comment { question: applied.question.clone(), comment }, ctx).map(|_| ())
            }
            None => Ok(()),
        });
        if let Err(e) = result {
            refused.answers.push((applied.question.clone(), e.to_string()));
            continue;
        }
        for field in &fields {
            if let Err(e) = change::apply(a, field, ctx) {
                refused.fields.push((applied.question.clone(), e.to_string()));
            }
        }
    }
    refused
}

/// The changes that fill the question's other answer fields from a suggestion: each field of the source
/// that the question has too (by name, case aside) and that is still empty. Each passes the field's own
/// checks when applied (its choices, a cell never written).
pub fn field_changes(a: &Assessment, question: &str, s: &Suggestion) -> Vec<Change> {
    let Some(cell) = a.source.as_ref().and_then(|c| c.cells.get(question)) else { return Vec::new() };
    let entry = a.answers().get(question);
    s.fields
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .filter_map(|(name, value)| {
            let field = cell.field(name)?;
            let filled = entry.and_then(|e| e.fields.get(&field.name)).is_some_and(|v| !v.trim().is_empty());
            (!filled).then(|| Change::Field {
                question: question.to_string(),
                field: field.name.clone(),
                value: value.clone(),
            })
        })
        .collect()
}

fn has_conditions(a: &Assessment) -> bool {
    a.questionnaire().sections.iter().any(|s| s.show_if.is_some() || s.questions.iter().any(|q| q.show_if.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::library::record::Trust;
    use crate::library::suggest::Rung;

    const NOW: &str = "2026-01-15T09:00:00Z";

    fn suggestion(answer: &str) -> Suggestion {
        Suggestion {
            score: 1.0,
            rung: Rung::SameId,
            reason: "same id".into(),
            source_question: "AB-01".into(),
            trust: Trust::Added,
            agree: 1,
            conflict: false,
            answer: answer.into(),
            option: None,
            explanation: "From last year".into(),
            provenance: Default::default(),
            matched: String::new(),
            fields: Default::default(),
        }
    }

    fn applied(question: &str, answer: &str) -> Applied {
        Applied { question: question.into(), suggestion: suggestion(answer), overruled: Vec::new() }
    }

    #[test]
    fn a_suggestion_the_question_refuses_is_left_and_changes_nothing() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
        let mut a = Assessment::new(crate::questionnaire::load_file(&path).unwrap(), "Acme", NOW);
        let plan = FillPlan {
            applied: vec![
                // A malformed date, and a headcount that is not a whole number of people (a profile rule).
                applied("profile.start_date", "next spring"),
                applied("profile.headcount", "12.5"),
                applied("profile.contact", "security@acme.example"),
            ],
            ..Default::default()
        };
        let refused = apply(&mut a, &plan, NOW).answers;
        let ids: Vec<&str> = refused.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["profile.start_date", "profile.headcount"]);
        assert!(refused[1].1.contains("whole number of people"), "{}", refused[1].1);
        assert!(!a.answers().contains_key("profile.start_date") && !a.answers().contains_key("profile.headcount"));
        assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("security@acme.example".into())));
        assert_eq!(a.note("profile.contact"), "From last year");
        let entry = &a.answers()["profile.contact"];
        assert!(entry.suggested, "a filled answer starts as suggested");
        let source = entry.source.as_ref().unwrap();
        assert_eq!((source.question.as_str(), source.reason.as_str(), source.score), ("AB-01", "same id", 1.0));
    }
}
