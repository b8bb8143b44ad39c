//! The report's headline in a few words, for a list of assessments (`list`, the home screen): the
//! readiness verdict and Type I score, the vendor's residual risk and score, or the score alone where the
//! questionnaire gives no verdict. [`Headline::of`] reads it off a report; [`Headline::of_assessment`]
//! works it out with the same scoring functions the report is built with, without building the rest of
//! the report (the plan, the estimate, every answer's line), which took most of `list`'s time. A test
//! holds the two equal on every kind of questionnaire.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Report, supports_estimate};
use crate::assessment::Assessment;
use crate::questionnaire::Kind;
use crate::scoring::{self, Verdict};

/// A score to one decimal, as the report prints it.
fn rounded(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// The overall Type I (design) score out of 100 over every shown scored question, as the report's first
    /// page gives it; `None` when nothing is scored.
    pub score: Option<f64>,
    /// The verdict in a few words: "Blocked", "Nearly ready", "high risk" (a vendor); empty when the report
    /// gives none.
    pub verdict: String,
}

impl Headline {
    pub fn of(r: &Report) -> Headline {
        let score = r.overall.map(|s| rounded(s.type1));
        let verdict = if let Some(v) = &r.vendor {
            format!("{} risk", v.risk.id())
        } else {
            r.shown_verdict().map(Verdict::label).unwrap_or_default().to_string()
        };
        Headline { score, verdict }
    }

    /// The headline of an assessment's report as of `today`: what `Headline::of(&Report::build(a, ..,
    /// today))` gives, as [`Report::build`] and [`Report::shown_verdict`] work it out.
    pub fn of_assessment(a: &Assessment, today: NaiveDate) -> Headline {
        let scored = scoring::scored_questions(a);
        let kind = a.questionnaire().kind;
        let readiness = scoring::readiness::Readiness::of(a, &scored);
        let overall = if kind == Kind::Vendor { scoring::Scorecard::of(&scored).overall } else { readiness.score };
        let verdict = match kind {
            Kind::Vendor => format!("{} risk", scoring::vendor::assess(a, today).residual.id()),
            _ if overall.is_some() && (kind == Kind::Readiness || supports_estimate(kind, &scored)) => {
                readiness.verdict.label().to_string()
            }
            _ => String::new(),
        };
        Headline { score: overall.map(|s| rounded(s.type1)), verdict }
    }

    /// One short cell: "Blocked 42", "Nearly ready 81", "high risk 67", "score 55", "not scored".
    pub fn short(&self) -> String {
        let score = self.score.map(crate::estimate::n);
        match (self.verdict.is_empty(), score) {
            (false, Some(s)) => format!("{} {s}", self.verdict),
            (false, None) => self.verdict.clone(),
            (true, Some(s)) => format!("score {s}"),
            (true, None) => "not scored".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::assessment::model::change::{self, Change, ChangeError, Ctx};
    use crate::assessment::model::test_support::Answering;
    use crate::estimate::Parameters;
    use crate::questionnaire::{QuestionType, catalog};

    fn same_as_the_report(a: &Assessment) -> Headline {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let from_report = Headline::of(&Report::build(a, &Parameters::built_in(), today));
        assert_eq!(Headline::of_assessment(a, today), from_report, "{}", a.questionnaire.id);
        from_report
    }

    /// Every option of every question of every built-in answered in turn (and half of them), compared.
    #[test]
    fn the_headline_is_the_report_s_on_every_kind() {
        for id in ["soc2-ai-readiness", "ai-vendor-assessment"] {
            let q = catalog::built_in(id).unwrap();
            let mut a = Assessment::new(q.clone(), "Acme", "2026-11-26T09:00:00Z");
            same_as_the_report(&a);
            for pick in 0..7 {
                for (i, (_, question)) in q.questions().enumerate() {
                    let offered = question.offered();
                    if offered.is_empty() || question.kind == QuestionType::Multi || (i + pick) % 3 == 0 {
                        continue;
                    }
                    let option = offered[(i + pick) % offered.len()].id.to_string();
                    // Answered as a user can: a question the answers so far hide is passed over (a later
                    // round may still hide an answer given earlier, by changing its gate).
                    let change = Change::value(&question.id, AnswerValue::Text(option));
                    match change::apply(&mut a, &change, Ctx::at("2026-11-26T09:00:00Z")) {
                        Ok(_) | Err(ChangeError::Hidden { .. }) => {}
                        Err(e) => panic!("{change:?}: {e}"),
                    }
                }
                same_as_the_report(&a);
            }
        }
        let custom = crate::questionnaire::parse(
            r#"{"format": 1, "id": "c", "version": "1", "title": "C", "kind": "custom", "sections": [{"id": "s",
               "title": "S", "questions": [{"id": "s.q", "type": "maturity", "text": "Q?", "help": "H.",
               "weight": 2, "criteria": ["CC6.1"]}]}]}"#,
            "c.json",
        )
        .unwrap();
        let mut a = Assessment::new(custom, "Acme", "2026-11-26T09:00:00Z");
        assert_eq!(same_as_the_report(&a).short(), "score 0");
        a.answer("s.q", AnswerValue::Text("informal".into()), "2026-11-26T09:00:00Z");
        assert_eq!(same_as_the_report(&a).short(), "score 50");
    }
}
