//! The report's headline in a few words, for a list of assessments (`list`, the home screen): the
//! readiness verdict and Type I score, the vendor's residual risk and score, or the score alone where the
//! questionnaire gives no verdict. Taken from the report itself, so the list never says something the
//! report does not.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::Report;
use crate::assessment::Assessment;
use crate::estimate::Parameters;
use crate::scoring::Verdict;

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
        let score = r.overall.map(|s| (s.type1 * 10.0).round() / 10.0);
        let verdict = if let Some(v) = &r.vendor {
            format!("{} risk", v.risk.id())
        } else {
            r.shown_verdict().map(Verdict::label).unwrap_or_default().to_string()
        };
        Headline { score, verdict }
    }

    /// The headline of an assessment's report as of `today` (the report's own estimate parameters do not
    /// change its verdict or score, so the built-in ones serve).
    pub fn of_assessment(a: &Assessment, today: NaiveDate) -> Headline {
        Headline::of(&Report::build(a, &Parameters::built_in(), today))
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
