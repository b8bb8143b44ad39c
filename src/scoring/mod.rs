//! Scores: how far an assessment's answers go towards a Type I and a Type II report, per section, per
//! Trust Services category, per AI area and overall. Pure functions over an assessment.
//!
//! Only shown, scored questions count. Each earns its weight times its credit (see [`credit`]); a score is
//! `100 * sum(weight * credit) / sum(weight)` over the questions it covers. "Not applicable" is left out;
//! "don't know" and unanswered questions count as not in place.

pub mod assurance;
pub mod coverage;
pub mod credit;
pub mod gaps;
pub mod readiness;
pub mod soc2;
pub mod vendor;
pub mod verdict;

use crate::assessment::model::progress::confirmed_value;
use crate::assessment::{Assessment, Visibility};
use crate::questionnaire::{AiArea, Category, Question, Section};

pub use credit::{Credit, Standing};
pub use gaps::{Gap, gaps};
pub use verdict::{Band, VendorRisk, Verdict, blockers, vendor_risk};

/// A score from 0 to 100 for each report type, to one decimal place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub type1: f64,
    pub type2: f64,
}

/// One shown, scored question and how it stands.
#[derive(Debug, Clone, Copy)]
pub struct ScoredQuestion<'a> {
    pub section: &'a Section,
    pub question: &'a Question,
    pub standing: Standing,
    /// Whether the categories its criticality depends on are in scope (see [`verdict::Scope`]).
    pub critical_in_scope: bool,
    /// Whether it counts toward SOC 2, AI assurance only, or neither (see [`soc2`]).
    pub role: soc2::Role,
    /// Its standing before the section's operating period scaled it (the maturity answer alone).
    pub unscaled: Standing,
    /// How much of the observation window its section has run, when answered.
    pub period: Option<credit::Period>,
}

impl ScoredQuestion<'_> {
    pub fn weight(&self) -> f64 {
        f64::from(self.question.weight.unwrap_or(0))
    }

    /// The credit earned, or `None` when the question is not applicable.
    pub fn credit(&self) -> Option<Credit> {
        self.standing.credit()
    }

    /// The categories its criteria belong to, each once.
    pub fn categories(&self) -> Vec<Category> {
        let mut out: Vec<Category> = self.question.criteria.iter().filter_map(|c| Category::of(c)).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The shown, scored questions of an assessment, in questionnaire order.
pub fn scored_questions(a: &Assessment) -> Vec<ScoredQuestion<'_>> {
    let vis = Visibility::of_assessment(a);
    let scope = verdict::Scope::of(a);
    let mut out = Vec::new();
    for (si, section) in a.questionnaire().sections.iter().enumerate() {
        let period = credit::period_of(a, &vis, si);
        for (qi, question) in section.questions.iter().enumerate() {
            if !vis.question(si, qi) {
                continue;
            }
            if let Some(unscaled) = credit::standing(question, confirmed_value(a, &question.id)) {
                let standing = credit::operated(unscaled, question, period);
                let critical_in_scope = scope.admits(question);
                out.push(ScoredQuestion {
                    section,
                    question,
                    standing,
                    critical_in_scope,
                    role: soc2::Role::Soc2,
                    unscaled,
                    period,
                });
            }
        }
    }
    soc2::assign_roles(&mut out, &soc2::Commitments::of(a));
    out
}

/// The score of a set of questions, or `None` when none of them counts (all N/A, or none at all).
pub fn score<'a>(questions: impl IntoIterator<Item = &'a ScoredQuestion<'a>>) -> Option<Score> {
    let (mut weight, mut design, mut operating) = (0.0, 0.0, 0.0);
    for q in questions {
        if let Some(c) = q.credit() {
            weight += q.weight();
            design += q.weight() * c.design;
            operating += q.weight() * c.operating;
        }
    }
    (weight > 0.0).then(|| Score { type1: percent(design / weight), type2: percent(operating / weight) })
}

fn percent(fraction: f64) -> f64 {
    (fraction * 1000.0).round() / 10.0
}

/// A section's score.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub score: Score,
}

/// Every score of an assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub overall: Option<Score>,
    /// Sections with at least one question that counts, in questionnaire order.
    pub sections: Vec<SectionScore>,
    /// Categories with at least one question that counts, in TSC order.
    pub categories: Vec<(Category, Score)>,
    /// All eight AI areas, `None` where no question counts.
    pub ai_areas: Vec<(AiArea, Option<Score>)>,
}

impl Scorecard {
    pub fn of(questions: &[ScoredQuestion<'_>]) -> Scorecard {
        // Group by section in one pass (questions of a section are usually together, but need not be).
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut groups: Vec<(&Section, Vec<&ScoredQuestion<'_>>)> = Vec::new();
        for q in questions {
            let at = *index.entry(q.section.id.as_str()).or_insert_with(|| {
                groups.push((q.section, Vec::new()));
                groups.len() - 1
            });
            groups[at].1.push(q);
        }
        let sections = groups
            .into_iter()
            .filter_map(|(section, members)| {
                score(members).map(|score| SectionScore { id: section.id.clone(), title: section.title.clone(), score })
            })
            .collect();
        let categories = Category::ALL
            .iter()
            .filter_map(|&c| score(questions.iter().filter(|q| q.categories().contains(&c))).map(|s| (c, s)))
            .collect();
        let ai_areas = AiArea::ALL
            .iter()
            .map(|&area| (area, score(questions.iter().filter(|q| q.question.ai_area == Some(area)))))
            .collect();
        Scorecard { overall: score(questions), sections, categories, ai_areas }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::assessment::model::test_support::Answering;
    use crate::assessment::{Answer, AnswerValue, Change};
    use crate::questionnaire::Questionnaire;

    /// A small readiness questionnaire: weights 5, 3 and 2 in "access", weight 4 in "vendors" (critical),
    /// a weight-1 question hidden unless `profile.ai` is yes, and an unscored profile question.
    pub(crate) fn small() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "format": 1, "id": "small", "version": "1", "title": "Small", "kind": "readiness",
            "sections": [
                { "id": "profile", "title": "Profile", "questions": [
                    { "id": "profile.ai", "type": "yesno", "text": "Do you train models?", "help": "h" }
                ]},
                { "id": "access", "title": "Access", "questions": [
                    { "id": "a.mfa", "type": "maturity", "text": "MFA?", "help": "h", "weight": 5,
                      "criteria": ["CC6.1"], "critical": true, "effort_days": [2, 4],
                      "remediation": "Turn on MFA.", "evidence": ["IdP settings"], "policy": "Access Control Policy" },
                    { "id": "a.reviews", "type": "maturity", "text": "Reviews?", "help": "h", "weight": 3,
                      "criteria": ["CC6.3", "C1.1"], "effort_days": [1, 3], "remediation": "Review quarterly.",
                      "policy": "Access Control Policy", "ai_area": "model-access" },
                    { "id": "a.sso", "type": "yesno", "text": "SSO?", "help": "h", "weight": 2, "criteria": ["CC6.1"],
                      "effort_days": [2, 6] },
                    { "id": "a.weights", "type": "maturity", "text": "Weights locked?", "help": "h", "weight": 1,
                      "criteria": ["CC6.1"], "ai_area": "model-access", "effort_days": [1, 1],
                      "show_if": { "question": "profile.ai", "equals": "yes" } }
                ]},
                { "id": "vendors", "title": "Vendors", "questions": [
                    { "id": "v.review", "type": "choice", "text": "Vendor reports reviewed?", "help": "h", "weight": 4,
                      "criteria": ["CC9.2"], "critical": true, "effort_days": [1, 2],
                      "remediation": "Ask for their SOC 2 report.", "policy": "Vendor Management Policy",
                      "options": [
                        { "id": "all", "label": "All", "score": 1 },
                        { "id": "some", "label": "Some", "score": 0.5 },
                        { "id": "none", "label": "None", "score": 0 }
                      ] }
                ]}
            ]
        }))
        .unwrap()
    }

    pub(crate) fn answered(pairs: &[(&str, &str)]) -> Assessment {
        let mut a = Assessment::new(small(), "Acme", "2025-01-01T00:00:00Z");
        for (id, v) in pairs {
            a.answer(id, AnswerValue::Text(v.to_string()), "2025-01-01T00:00:00Z");
        }
        a
    }

    #[test]
    fn answers_carried_over_score_nothing_until_confirmed() {
        // Every question at full credit, but a.mfa (weight 5) still to confirm from last year:
        // Type I = (3 + 2 + 4) / 14 = 64.3. Confirming it restores (5 + 3 + 2 + 4) / 14 = 100.
        let mut a =
            answered(&[("a.mfa", "evidenced"), ("a.reviews", "evidenced"), ("a.sso", "yes"), ("v.review", "all")]);
        // Carried over: the whole entry kept as it came, to confirm; then confirmed as a user does.
        let entry = Answer { to_confirm: true, ..a.answers()["a.mfa"].clone() };
        a.change(Change::Keep { question: "a.mfa".into(), entry }, "2025-01-01T00:00:00Z");
        assert_eq!(Scorecard::of(&scored_questions(&a)).overall.unwrap().type1, 64.3);
        a.change(Change::Confirm { question: "a.mfa".into() }, "2025-01-01T00:00:00Z");
        assert_eq!(Scorecard::of(&scored_questions(&a)).overall.unwrap().type1, 100.0);
    }

    #[test]
    fn weights_times_credits_by_hand() {
        // a.mfa documented (5 x 1 / 5 x 0.5), a.reviews informal (3 x 0.5 / 3 x 0.25), a.sso yes (2 x 1),
        // v.review some (4 x 0.5); a.weights hidden (profile.ai unanswered).
        // Type I  = (5 + 1.5 + 2 + 2) / 14 = 10.5 / 14 = 75.0
        // Type II = (2.5 + 0.75 + 2 + 2) / 14 = 7.25 / 14 = 51.79 -> 51.8
        let a = answered(&[("a.mfa", "documented"), ("a.reviews", "informal"), ("a.sso", "yes"), ("v.review", "some")]);
        let qs = scored_questions(&a);
        assert_eq!(qs.len(), 4, "the hidden question is not scored");
        let card = Scorecard::of(&qs);
        assert_eq!(card.overall, Some(Score { type1: 75.0, type2: 51.8 }));
        // Access: (5 + 1.5 + 2) / 10 = 85.0; (2.5 + 0.75 + 2) / 10 = 52.5
        assert_eq!(card.sections[0].score, Score { type1: 85.0, type2: 52.5 });
        assert_eq!(card.sections[1].score, Score { type1: 50.0, type2: 50.0 });
        // Security: every question; Confidentiality: a.reviews alone (0.5 / 0.25).
        let cat = |c| card.categories.iter().find(|(x, _)| *x == c).map(|(_, s)| *s);
        assert_eq!(cat(Category::Security), Some(Score { type1: 75.0, type2: 51.8 }));
        assert_eq!(cat(Category::Confidentiality), Some(Score { type1: 50.0, type2: 25.0 }));
        assert_eq!(cat(Category::Privacy), None);
        let area = |x| card.ai_areas.iter().find(|(a, _)| *a == x).unwrap().1;
        assert_eq!(area(AiArea::ModelAccess), Some(Score { type1: 50.0, type2: 25.0 }));
        assert_eq!(area(AiArea::TrainingData), None);
    }

    #[test]
    fn shown_question_counts_once_its_condition_holds() {
        // profile.ai yes shows a.weights (weight 1, evidenced): model-access = (3 x 0 + 1 x 1) / 4 = 25.0
        let a = answered(&[("profile.ai", "yes"), ("a.weights", "evidenced")]);
        let card = Scorecard::of(&scored_questions(&a));
        let area = card.ai_areas.iter().find(|(a, _)| *a == AiArea::ModelAccess).unwrap().1;
        assert_eq!(area, Some(Score { type1: 25.0, type2: 25.0 }));
        // Overall: 1 / 15 = 6.7
        assert_eq!(card.overall, Some(Score { type1: 6.7, type2: 6.7 }));
    }

    #[test]
    fn not_applicable_is_left_out_and_unknown_counts_zero() {
        // a.mfa N/A leaves weights 3 + 2 + 4 = 9; a.reviews unknown (0), a.sso yes (2), v.review all (4).
        // Type I = Type II = 6 / 9 = 66.7
        let a = answered(&[("a.mfa", "na"), ("a.reviews", "unknown"), ("a.sso", "yes"), ("v.review", "all")]);
        let card = Scorecard::of(&scored_questions(&a));
        assert_eq!(card.overall, Some(Score { type1: 66.7, type2: 66.7 }));
        // Access without a.mfa: 2 / 5 = 40.0
        assert_eq!(card.sections[0].score, Score { type1: 40.0, type2: 40.0 });
    }

    #[test]
    fn nothing_to_score_has_no_score() {
        let a = answered(&[("a.mfa", "na"), ("a.reviews", "na"), ("a.sso", "no")]);
        let qs: Vec<_> = scored_questions(&a)
            .into_iter()
            .filter(|q| q.question.kind != crate::questionnaire::QuestionType::Yesno && q.section.id == "access")
            .collect();
        assert_eq!(score(&qs), None);
    }
}
