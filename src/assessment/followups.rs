//! The follow-up list a client acts on: every question flagged for follow-up or answered "don't know",
//! and every open observation, with its owner and due date.

use serde::Serialize;

use super::answer::describe;
use super::document::Assessment;
use crate::questionnaire::format::UNKNOWN;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// `question` (flagged or "don't know") or `observation`.
    pub kind: &'static str,
    /// The observation's id, or empty.
    pub id: String,
    pub section: String,
    pub question: String,
    pub text: String,
    /// The answer as people read it, or empty.
    pub answer: String,
    /// For a question: its note. For an observation: what was seen.
    pub detail: String,
    pub risk: String,
    pub recommendation: String,
    pub owner: String,
    pub due: String,
}

/// The follow-ups in questionnaire order: a question's own entry first, then its observations.
pub fn follow_ups(a: &Assessment) -> Vec<FollowUp> {
    let mut out = Vec::new();
    for section in &a.questionnaire().sections {
        for q in &section.questions {
            let base = FollowUp {
                kind: "question",
                id: String::new(),
                section: section.title.clone(),
                question: q.id.clone(),
                text: q.text.clone(),
                answer: String::new(),
                detail: String::new(),
                risk: String::new(),
                recommendation: String::new(),
                owner: String::new(),
                due: String::new(),
            };
            let answer = a.answers.get(&q.id);
            let unknown = answer.and_then(|x| x.value.as_ref()).and_then(|v| v.as_text()) == Some(UNKNOWN);
            if let Some(x) = answer.filter(|x| x.follow_up || unknown) {
                out.push(FollowUp {
                    answer: x.value.as_ref().map(|v| describe(q, v)).unwrap_or_default(),
                    detail: x.note.clone(),
                    recommendation: q.remediation.clone(),
                    owner: x.owner.clone(),
                    due: x.due.clone(),
                    ..base.clone()
                });
            }
            for o in a.observations.iter().filter(|o| !o.closed && o.question == q.id) {
                out.push(FollowUp {
                    kind: "observation",
                    id: o.id.clone(),
                    answer: answer.and_then(|x| x.value.as_ref()).map(|v| describe(q, v)).unwrap_or_default(),
                    detail: o.seen.clone(),
                    risk: o.risk.clone(),
                    recommendation: o.recommendation.clone(),
                    owner: o.owner.clone(),
                    due: o.due.clone(),
                    ..base.clone()
                });
            }
        }
    }
    out
}

/// A spreadsheet cell that would start a formula (`=`, `+`, `-`, `@`, tab, carriage return) is made
/// plain text by a leading apostrophe, so opening the list cannot run anything.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::observations::{ObservationFields, add};
    use crate::scoring::tests::answered;

    #[test]
    fn flagged_unknown_and_open_observations_are_listed_in_order() {
        let mut a = answered(&[("a.mfa", "documented"), ("a.reviews", "unknown"), ("v.review", "some")]);
        a.toggle_follow_up("v.review", "t");
        a.answers.get_mut("v.review").unwrap().owner = "Dana".into();
        a.answers.get_mut("v.review").unwrap().due = "2026-02-01".into();
        let fields = ObservationFields { seen: "MFA off for admins".into(), owner: "Eve".into(), ..Default::default() };
        add(&mut a, "a.mfa", fields, "", "t").unwrap();
        add(&mut a, "a.sso", ObservationFields { seen: "closed one".into(), ..Default::default() }, "", "t").unwrap();
        crate::assessment::observations::set_closed(&mut a, "obs-2", true, "t").unwrap();
        let list = follow_ups(&a);
        let rows: Vec<_> = list.iter().map(|f| (f.kind, f.question.as_str(), f.owner.as_str())).collect();
        assert_eq!(
            rows,
            [("observation", "a.mfa", "Eve"), ("question", "a.reviews", ""), ("question", "v.review", "Dana")]
        );
        assert_eq!(list[1].answer, "Don't know (flagged for follow-up)");
        assert_eq!(list[2].due, "2026-02-01");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_formula("-1"), "'-1");
        assert_eq!(neutralise_formula("@SUM"), "'@SUM");
        assert_eq!(neutralise_formula("Dana"), "Dana");
    }
}
