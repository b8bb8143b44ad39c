//! The credit one answer earns towards a Type I (design) and a Type II (operating) report.
//!
//! A Type II auditor tests a population over the observation window, sampled by how often the control
//! runs, so operating credit depends on how long the control has run, not only on how it is documented.
//! A section may have one *operating-period* question (`"operating_period": true`): how much of the
//! planned window its controls have operated with evidence; each option's `score` is that share. Then,
//! for the section's maturity questions:
//!
//! - a recurring control earns `operating = scale operating credit x share`;
//! - an annual control (`"annual": true`: penetration test, risk assessment, recovery or incident test,
//!   policy review) is tested on its one instance, which must fall inside the window: it keeps its scale
//!   credit when the window has started (share above 0) and the answer is not `annual_before` (the
//!   control last ran before the window opened), and earns 0 otherwise;
//! - design (Type I) credit is unchanged: a Type I report looks at one date.
//!
//! Unanswered, the maturity answer alone decides, as before.

use crate::assessment::{AnswerValue, Assessment, Visibility};
use crate::questionnaire::format::{MATURITY, NOT_APPLICABLE, UNKNOWN};
use crate::questionnaire::{Question, QuestionType};

/// Credit from 0 to 1 for each report type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Credit {
    /// Type I: is the control designed and documented?
    pub design: f64,
    /// Type II: does it operate, with evidence over time?
    pub operating: f64,
}

impl Credit {
    pub const NONE: Credit = Credit { design: 0.0, operating: 0.0 };
    pub const FULL: Credit = Credit { design: 1.0, operating: 1.0 };

    fn both(score: f64) -> Credit {
        Credit { design: score, operating: score }
    }
}

/// How a scored question stands, for scoring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing {
    /// Answered with a value that earns credit.
    Answered(Credit),
    /// "Don't know" (or an option with the id `unknown`): scores 0 and needs a follow-up.
    Unknown,
    /// Not applicable: left out of every score.
    NotApplicable,
    /// No answer yet: counts as not in place.
    Unanswered,
}

impl Standing {
    /// The credit the question contributes, or `None` when it is left out of the scores.
    pub fn credit(self) -> Option<Credit> {
        match self {
            Standing::Answered(c) => Some(c),
            Standing::Unknown | Standing::Unanswered => Some(Credit::NONE),
            Standing::NotApplicable => None,
        }
    }
}

/// How a scored question stands given its answer. Unscored questions have no standing.
pub fn standing(q: &Question, value: Option<&AnswerValue>) -> Option<Standing> {
    if !q.is_scored() {
        return None;
    }
    let Some(value) = value else { return Some(Standing::Unanswered) };
    let picked = value.as_text().unwrap_or_default();
    Some(match q.kind {
        QuestionType::Maturity if picked == NOT_APPLICABLE => Standing::NotApplicable,
        QuestionType::Maturity if picked == UNKNOWN => Standing::Unknown,
        QuestionType::Maturity => match MATURITY.iter().find(|r| r.id == picked) {
            Some(rung) => Standing::Answered(Credit {
                design: rung.design.unwrap_or(0.0),
                operating: rung.operating.unwrap_or(0.0),
            }),
            None => Standing::Unanswered,
        },
        QuestionType::Yesno => Standing::Answered(if picked == "yes" { Credit::FULL } else { Credit::NONE }),
        QuestionType::Choice if picked == UNKNOWN => Standing::Unknown,
        QuestionType::Choice if picked == NOT_APPLICABLE => Standing::NotApplicable,
        QuestionType::Choice => match q.options.iter().find(|o| o.id == picked) {
            Some(option) => Standing::Answered(Credit::both(option.score.unwrap_or(0.0))),
            None => Standing::Unanswered,
        },
        // Validation allows weights on maturity, yes/no and choice questions only.
        _ => Standing::Unanswered,
    })
}

/// How much of the planned observation window a section's controls have operated with evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    /// From 0 (not yet) to 1 (the whole window).
    pub share: f64,
    /// The annual controls last ran before the window opened.
    pub annual_before: bool,
}

/// The option id saying that the section's annual controls ran before the window opened.
pub const ANNUAL_BEFORE: &str = "annual_before";

/// The answered, shown operating-period question of section `si`, if any.
pub fn period_of(a: &Assessment, vis: &Visibility, si: usize) -> Option<Period> {
    let section = a.questionnaire().sections.get(si)?;
    let (qi, q) = section.questions.iter().enumerate().find(|(_, q)| q.operating_period)?;
    if !vis.question(si, qi) {
        return None;
    }
    let picked = crate::assessment::model::progress::confirmed_value(a, &q.id)?.as_text()?;
    let option = q.options.iter().find(|o| o.id == picked)?;
    Some(Period { share: option.score.unwrap_or(0.0).clamp(0.0, 1.0), annual_before: option.id == ANNUAL_BEFORE })
}

/// A maturity question's standing once the section's operating period is known (see the module notes).
pub fn operated(standing: Standing, q: &Question, period: Option<Period>) -> Standing {
    let (Standing::Answered(c), Some(p)) = (standing, period) else { return standing };
    if q.kind != QuestionType::Maturity {
        return standing;
    }
    let operating = if q.annual {
        if p.share > 0.0 && !p.annual_before { c.operating } else { 0.0 }
    } else {
        c.operating * p.share
    };
    Standing::Answered(Credit { design: c.design, operating })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Choice;

    fn question(kind: QuestionType) -> Question {
        serde_json::from_value(serde_json::json!({
            "id": "q", "type": kind.as_str(), "text": "t", "help": "h", "weight": 3
        }))
        .unwrap()
    }

    fn text(s: &str) -> AnswerValue {
        AnswerValue::Text(s.into())
    }

    #[test]
    fn maturity_follows_the_scale() {
        let q = question(QuestionType::Maturity);
        let credit = |s| standing(&q, Some(&text(s))).unwrap().credit();
        assert_eq!(credit("planned"), Some(Credit { design: 0.25, operating: 0.0 }));
        assert_eq!(credit("informal"), Some(Credit { design: 0.5, operating: 0.25 }));
        assert_eq!(credit("documented"), Some(Credit { design: 1.0, operating: 0.5 }));
        assert_eq!(credit("evidenced"), Some(Credit::FULL));
        assert_eq!(credit("na"), None);
        assert_eq!(standing(&q, Some(&text("unknown"))), Some(Standing::Unknown));
        assert_eq!(standing(&q, None), Some(Standing::Unanswered));
    }

    #[test]
    fn yes_no_and_choice_score_the_same_for_both_types() {
        let q = question(QuestionType::Yesno);
        assert_eq!(standing(&q, Some(&text("yes"))), Some(Standing::Answered(Credit::FULL)));
        assert_eq!(standing(&q, Some(&text("no"))), Some(Standing::Answered(Credit::NONE)));
        let mut q = question(QuestionType::Choice);
        q.options = vec![
            Choice { id: "some".into(), label: "Some".into(), score: Some(0.4), exclusive: false },
            Choice { id: "unknown".into(), label: "Not sure".into(), score: Some(0.0), exclusive: false },
        ];
        assert_eq!(standing(&q, Some(&text("some"))), Some(Standing::Answered(Credit { design: 0.4, operating: 0.4 })));
        assert_eq!(standing(&q, Some(&text("unknown"))), Some(Standing::Unknown));
    }

    #[test]
    fn the_operating_period_scales_recurring_controls_and_gates_annual_ones() {
        let q = question(QuestionType::Maturity);
        let evidenced = standing(&q, Some(&text("evidenced"))).unwrap();
        let documented = standing(&q, Some(&text("documented"))).unwrap();
        let half = Some(Period { share: 0.5, annual_before: false });
        let before = Some(Period { share: 1.0, annual_before: true });
        let op = |s: Standing, q: &Question, p| operated(s, q, p).credit().unwrap().operating;
        assert_eq!(op(evidenced, &q, None), 1.0, "unanswered: the scale alone");
        assert_eq!(op(evidenced, &q, half), 0.5);
        assert_eq!(op(documented, &q, half), 0.25);
        assert_eq!(op(evidenced, &q, before), 1.0, "a recurring control ignores annual_before");
        assert_eq!(operated(evidenced, &q, half).credit().unwrap().design, 1.0, "design unchanged");
        let mut annual = q.clone();
        annual.annual = true;
        assert_eq!(op(evidenced, &annual, half), 1.0, "ran inside the window");
        assert_eq!(op(evidenced, &annual, before), 0.0, "ran before the window");
        assert_eq!(op(evidenced, &annual, Some(Period { share: 0.0, annual_before: false })), 0.0);
        // Yes/no answers and N/A are not scaled.
        let yes = question(QuestionType::Yesno);
        assert_eq!(op(Standing::Answered(Credit::FULL), &yes, half), 1.0);
        assert_eq!(operated(Standing::NotApplicable, &q, half), Standing::NotApplicable);
    }

    #[test]
    fn unscored_questions_have_no_standing() {
        let mut q = question(QuestionType::Yesno);
        q.weight = None;
        assert_eq!(standing(&q, Some(&text("yes"))), None);
    }
}
