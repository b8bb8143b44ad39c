//! What SOC 2 asks of this company: the report it aims for, the criteria in scope, whether its system
//! description commits to AI controls, and so which scored questions count toward the SOC 2 verdict.
//!
//! - Every question that serves an in-scope criterion counts toward SOC 2 (the 33 common criteria always,
//!   the criteria of Availability, Confidentiality, Processing Integrity and Privacy when chosen). A question
//!   mapped only to criteria of categories out of scope is advice: shown, never part of the SOC 2 verdict.
//! - An AI control (a question with an `ai_area`) counts toward SOC 2 only when the system description
//!   commits to AI controls (`profile.ai_commitments`), or when it is the only control the questionnaire asks
//!   about for an in-scope criterion (Processing Integrity of a model's outputs is nothing but AI controls).
//!   Every AI control is also scored on its own as AI assurance (see [`super::assurance`]).
//! - An AI control that asks what a generic control already asks ([`SAME_AS_GENERIC`]) never counts toward
//!   SOC 2: the generic one is the SOC 2 control, so the same work is not counted twice.

use std::collections::HashSet;

use super::ScoredQuestion;
use crate::assessment::Assessment;
use crate::questionnaire::Category;
use crate::questionnaire::criteria::CRITERIA;

/// The profile question saying which report the company aims for.
pub const REPORT_TYPE: &str = "profile.report_type";
/// The profile question saying whether the system description commits to AI controls.
pub const AI_COMMITMENTS: &str = "profile.ai_commitments";
const CATEGORIES: &str = "profile.categories";

/// AI controls that ask what a generic control asks, each with that generic control (review finding 9).
pub const SAME_AS_GENERIC: [(&str, &str); 5] = [
    ("model_access.reviews", "access.reviews"),
    ("model_access.provisioning", "access.provisioning"),
    ("model_access.mfa", "access.mfa_production"),
    ("model_access.audit_logs", "operations.logging"),
    ("vendors.model_provider_review", "vendors.due_diligence"),
];

/// The report the verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A Type I report (alone, or first and then a Type II): control design on one date.
    TypeI,
    /// Straight to a Type II report: design and operation over the observation window.
    TypeII,
}

impl Target {
    /// `type2` aims straight at Type II; `type1` (Type I first, then Type II) and no answer aim at Type I.
    pub fn of(a: &Assessment) -> Target {
        match a.value(REPORT_TYPE).and_then(|v| v.as_text()) {
            Some("type2") => Target::TypeII,
            _ => Target::TypeI,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::TypeI => "Type I",
            Target::TypeII => "Type II",
        }
    }
}

/// How a scored question counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Toward the SOC 2 verdict and score.
    Soc2,
    /// An AI control scored in AI assurance only.
    AiOnly,
    /// Serves only criteria out of scope: advice, outside every verdict.
    Advice,
}

/// What the system description commits to: the categories in scope and whether AI controls are part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitments {
    /// The categories in scope, Security first; `None` when the questionnaire does not ask (every category
    /// a question touches is then in scope).
    categories: Option<Vec<Category>>,
    /// Whether AI controls are commitments; a questionnaire that does not ask counts them.
    pub ai: bool,
}

impl Commitments {
    pub fn of(a: &Assessment) -> Commitments {
        let q = a.questionnaire();
        let categories = q.question(CATEGORIES).map(|_| {
            let chosen = a.value(CATEGORIES).and_then(|v| v.as_list()).unwrap_or_default();
            Category::ALL
                .into_iter()
                .filter(|c| *c == Category::Security || chosen.iter().any(|id| id == c.id()))
                .collect()
        });
        let ai = match q.question(AI_COMMITMENTS) {
            None => true,
            Some(_) => a.value(AI_COMMITMENTS).and_then(|v| v.as_text()) == Some("yes"),
        };
        Commitments { categories, ai }
    }

    /// Whether a category is in scope (Security always).
    pub fn in_scope(&self, c: Category) -> bool {
        c == Category::Security || self.categories.as_ref().is_none_or(|chosen| chosen.contains(&c))
    }

    /// Whether a criterion id is in scope; an unknown id is not.
    pub fn criterion_in_scope(&self, id: &str) -> bool {
        Category::of(id).is_some_and(|c| self.in_scope(c))
    }

    /// The criteria in scope, in TSC order: the common criteria and those of the chosen categories. Without
    /// a categories question, the categories the given questions touch.
    pub fn criteria(&self, questions: &[ScoredQuestion<'_>]) -> Vec<&'static str> {
        let touched: HashSet<Category> = questions.iter().flat_map(|q| q.categories()).collect();
        CRITERIA
            .iter()
            .copied()
            .filter(|id| {
                let Some(c) = Category::of(id) else { return false };
                match &self.categories {
                    Some(chosen) => chosen.contains(&c),
                    None => c == Category::Security || touched.contains(&c),
                }
            })
            .collect()
    }
}

/// Whether an AI control asks what a generic control already asks.
pub fn same_as_generic(id: &str) -> bool {
    SAME_AS_GENERIC.iter().any(|(ai, _)| *ai == id)
}

/// Sets each question's [`Role`] (see the module notes).
pub fn assign_roles(questions: &mut [ScoredQuestion<'_>], commitments: &Commitments) {
    let committed =
        |q: &ScoredQuestion<'_>| q.question.ai_area.is_none() || (commitments.ai && !same_as_generic(&q.question.id));
    // The in-scope criteria some SOC 2 control other than a fallback AI control already serves.
    let classic: HashSet<&str> = questions
        .iter()
        .filter(|q| committed(q))
        .flat_map(|q| q.question.criteria.iter().map(String::as_str))
        .collect();
    for q in questions.iter_mut() {
        let criteria = &q.question.criteria;
        let serves_scope = criteria.is_empty() || criteria.iter().any(|c| commitments.criterion_in_scope(c));
        q.role = if q.question.ai_area.is_none() {
            if serves_scope { Role::Soc2 } else { Role::Advice }
        } else {
            let only_control =
                criteria.iter().any(|c| commitments.criterion_in_scope(c) && !classic.contains(c.as_str()));
            if serves_scope && (committed(q) || only_control) { Role::Soc2 } else { Role::AiOnly }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::scored_questions;
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::assessment::model::test_support::Answering;

    fn questionnaire() -> crate::questionnaire::Questionnaire {
        serde_json::from_value(serde_json::json!({
            "format": 1, "id": "s", "version": "1", "title": "S", "kind": "readiness",
            "sections": [{ "id": "p", "title": "P", "questions": [
                { "id": "profile.categories", "type": "multi", "text": "Which?", "help": "h", "options": [
                    { "id": "processing_integrity", "label": "PI" }, { "id": "privacy", "label": "P" } ] },
                { "id": "profile.ai_commitments", "type": "yesno", "text": "AI?", "help": "h" },
                { "id": "access.mfa_production", "type": "maturity", "text": "MFA?", "help": "h", "weight": 3,
                  "criteria": ["CC6.1"] },
                { "id": "model_access.mfa", "type": "maturity", "text": "MFA on models?", "help": "h", "weight": 3,
                  "criteria": ["CC6.1"], "ai_area": "model-access" },
                { "id": "m.weights", "type": "maturity", "text": "Weights?", "help": "h", "weight": 3,
                  "criteria": ["CC6.1"], "ai_area": "model-access" },
                { "id": "o.checks", "type": "maturity", "text": "Outputs?", "help": "h", "weight": 3,
                  "criteria": ["PI1.3"], "ai_area": "output-validation" },
                { "id": "p.notice", "type": "maturity", "text": "Notice?", "help": "h", "weight": 3,
                  "criteria": ["P1.1"] }
            ]}]
        }))
        .unwrap()
    }

    fn roles(answers: &[(&str, AnswerValue)]) -> Vec<(String, Role)> {
        let mut a = Assessment::new(questionnaire(), "Acme", "2026-01-01T00:00:00Z");
        for (id, v) in answers {
            a.answer(id, v.clone(), "2026-01-01T00:00:00Z");
        }
        scored_questions(&a).iter().map(|q| (q.question.id.clone(), q.role)).collect()
    }

    fn text(s: &str) -> AnswerValue {
        AnswerValue::Text(s.into())
    }

    #[test]
    fn security_only_without_ai_commitment_counts_classic_controls_alone() {
        let got = roles(&[]);
        assert_eq!(
            got.iter().map(|(id, r)| (id.as_str(), *r)).collect::<Vec<_>>(),
            [
                ("access.mfa_production", Role::Soc2),
                ("model_access.mfa", Role::AiOnly),
                ("m.weights", Role::AiOnly),
                ("o.checks", Role::AiOnly),
                ("p.notice", Role::Advice),
            ]
        );
    }

    #[test]
    fn committing_to_ai_counts_ai_controls_but_never_a_duplicate() {
        let got = roles(&[("profile.ai_commitments", text("yes"))]);
        let role = |id: &str| got.iter().find(|(x, _)| x == id).unwrap().1;
        assert_eq!(role("m.weights"), Role::Soc2);
        assert_eq!(role("model_access.mfa"), Role::AiOnly, "access.mfa_production is the SOC 2 control");
        assert_eq!(role("o.checks"), Role::AiOnly, "PI is out of scope");
    }

    #[test]
    fn a_chosen_category_served_only_by_ai_controls_counts_them() {
        let got = roles(&[("profile.categories", AnswerValue::List(vec!["processing_integrity".into()]))]);
        let role = |id: &str| got.iter().find(|(x, _)| x == id).unwrap().1;
        assert_eq!(role("o.checks"), Role::Soc2, "the only control for PI1.3");
        assert_eq!(role("m.weights"), Role::AiOnly, "CC6.1 has a classic control");
        assert_eq!(role("p.notice"), Role::Advice);
    }

    #[test]
    fn targets_and_criteria_in_scope() {
        let mut a = Assessment::new(questionnaire(), "Acme", "2026-01-01T00:00:00Z");
        assert_eq!(Target::of(&a), Target::TypeI);
        let c = Commitments::of(&a);
        assert!(!c.ai);
        assert_eq!(c.criteria(&scored_questions(&a)).len(), 33, "the common criteria alone");
        a.answer("profile.categories", AnswerValue::List(vec!["privacy".into()]), "2026-01-01T00:00:00Z");
        assert_eq!(Commitments::of(&a).criteria(&scored_questions(&a)).len(), 33 + 18);
    }
}
