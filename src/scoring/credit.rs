//! The credit one answer earns towards a Type I (design) and a Type II (operating) report.

use crate::assessment::AnswerValue;
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
            Choice { id: "some".into(), label: "Some".into(), score: Some(0.4) },
            Choice { id: "unknown".into(), label: "Not sure".into(), score: Some(0.0) },
        ];
        assert_eq!(standing(&q, Some(&text("some"))), Some(Standing::Answered(Credit { design: 0.4, operating: 0.4 })));
        assert_eq!(standing(&q, Some(&text("unknown"))), Some(Standing::Unknown));
    }

    #[test]
    fn unscored_questions_have_no_standing() {
        let mut q = question(QuestionType::Yesno);
        q.weight = None;
        assert_eq!(standing(&q, Some(&text("yes"))), None);
    }
}
