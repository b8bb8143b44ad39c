//! What changed between two assessments: answers changed, added and removed; the score of each
//! section, category and AI area; the verdict and the estimate.
//!
//! Carried-over answers still to confirm are compared as answers (an unchanged one is no change) but
//! score nothing, as they are not answered yet.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Report;
use crate::assessment::{Assessment, describe};
use crate::estimate::Parameters;
use crate::questionnaire::{Question, Questionnaire};
use crate::scoring::Score;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    pub old: Side,
    pub new: Side,
    pub answers: Vec<AnswerChange>,
    pub overall: ScoreChange,
    pub sections: Vec<ScoreChange>,
    pub categories: Vec<ScoreChange>,
    pub ai_areas: Vec<ScoreChange>,
    pub verdict: [String; 2],
    /// For readiness and custom questionnaires: old and new.
    pub estimate: Option<[EstimateSummary; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub org: String,
    pub questionnaire: String,
    pub version: String,
    pub updated_at: String,
    /// Questions answered out of shown (carried-over answers still to confirm not among them).
    pub answered: usize,
    pub shown: usize,
    /// Shown questions whose answer is carried over from last year, still to confirm: the scores count
    /// them as carried (last year's answer), so a fresh carry-over does not read as a collapse.
    pub carried: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerChange {
    pub question: String,
    pub text: String,
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A score before and after; `None` where nothing counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub name: String,
    pub old_type1: Option<f64>,
    pub new_type1: Option<f64>,
    pub old_type2: Option<f64>,
    pub new_type2: Option<f64>,
}

impl ScoreChange {
    fn of(name: &str, old: Option<Score>, new: Option<Score>) -> ScoreChange {
        ScoreChange {
            name: name.to_string(),
            old_type1: old.map(|s| s.type1),
            new_type1: new.map(|s| s.type1),
            old_type2: old.map(|s| s.type2),
            new_type2: new.map(|s| s.type2),
        }
    }

    /// The Type I change in points, to one decimal, when both sides have a score.
    pub fn type1_delta(&self) -> Option<f64> {
        Some(((self.new_type1? - self.old_type1?) * 10.0).round() / 10.0)
    }

    pub fn type2_delta(&self) -> Option<f64> {
        Some(((self.new_type2? - self.old_type2?) * 10.0).round() / 10.0)
    }

    pub fn is_unchanged(&self) -> bool {
        self.old_type1 == self.new_type1 && self.old_type2 == self.new_type2
    }
}

/// The estimate's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EstimateSummary {
    pub remaining_days: [f64; 2],
    pub type2_months: [f64; 2],
    pub cost: [f64; 2],
    pub currency: String,
}

/// The comparison counts carried-over answers still to confirm as carried: last year's answer, which is
/// what they are until someone says otherwise (C4: counted as unanswered, a fresh carry-over read as a
/// collapse, 47 -> 2, when nothing had changed). How many there are is said beside it ([`Side::carried`]).
fn as_scored(a: &Assessment) -> Assessment {
    let mut answers = a.answers().clone();
    for x in answers.values_mut() {
        x.to_confirm = false;
    }
    let mut a = a.with_answers(answers);
    // The report of a carried-over assessment compares with its baseline; the reports compared here must
    // not compare again.
    a.baseline = None;
    a
}

fn side(a: &Assessment, r: &Report) -> Side {
    let answered = crate::assessment::progress(a, &crate::assessment::Visibility::of_assessment(a)).1.answered;
    Side {
        org: a.org.clone(),
        questionnaire: a.questionnaire.id.clone(),
        version: a.questionnaire.version.clone(),
        updated_at: a.updated_at.clone(),
        answered,
        shown: r.completion.shown,
        carried: r.completion.answered.saturating_sub(answered),
    }
}

fn verdict(r: &Report) -> String {
    match &r.vendor {
        Some(v) => format!("{} risk", v.risk.id()),
        None => r.verdict.label().to_string(),
    }
}

fn estimate(r: &Report) -> Option<EstimateSummary> {
    r.estimate.as_ref().map(|e| EstimateSummary {
        remaining_days: e.remaining_days,
        type2_months: e.timeline.type2_report.months,
        cost: e.cost.total,
        currency: e.cost.currency.clone(),
    })
}

/// A questionnaire's questions by id.
fn index(q: &Questionnaire) -> HashMap<&str, &Question> {
    q.sections.iter().flat_map(|s| &s.questions).map(|x| (x.id.as_str(), x)).collect()
}

/// Every answer that differs, in the new questionnaire's order, then questions only the old one has.
fn answer_changes(old: &Assessment, new: &Assessment) -> Vec<AnswerChange> {
    let (old_ids, new_ids) = (index(old.questionnaire()), index(new.questionnaire()));
    let described = |a: &Assessment, ids: &HashMap<&str, &Question>, id: &str| {
        a.value(id).map(|v| ids.get(id).map_or_else(|| format!("{v:?}"), |q| describe(q, v)))
    };
    let ids = |q: &Questionnaire| {
        q.sections.iter().flat_map(|s| &s.questions).map(|x| (x.id.clone(), x.text.clone())).collect::<Vec<_>>()
    };
    let mut order = ids(new.questionnaire());
    for (id, text) in ids(old.questionnaire()) {
        if !new_ids.contains_key(id.as_str()) {
            order.push((id, text));
        }
    }
    order
        .into_iter()
        .filter_map(|(id, text)| {
            let change = match (old.value(&id), new.value(&id)) {
                (None, None) => return None,
                (Some(a), Some(b)) if a == b => return None,
                (Some(_), Some(_)) => "changed",
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
            };
            let (was, now) = (described(old, &old_ids, &id), described(new, &new_ids, &id));
            Some(AnswerChange { old: was, new: now, question: id, text, change })
        })
        .collect()
}

/// What changed from `old` to `new`, with the estimate as of `today`.
pub fn changes(old: &Assessment, new: &Assessment, params: &Parameters, today: NaiveDate) -> Changes {
    let (so, sn) = (as_scored(old), as_scored(new));
    let (ro, rn) = (Report::build(&so, params, today), Report::build(&sn, params, today));
    let mut sections: Vec<ScoreChange> = Vec::new();
    for s in &rn.sections {
        let before = ro.sections.iter().find(|x| x.id == s.id).map(|x| x.score);
        sections.push(ScoreChange::of(&s.title, before, Some(s.score)));
    }
    for s in ro.sections.iter().filter(|s| !rn.sections.iter().any(|x| x.id == s.id)) {
        sections.push(ScoreChange::of(&s.title, Some(s.score), None));
    }
    let mut categories: Vec<ScoreChange> = Vec::new();
    for c in crate::questionnaire::Category::ALL {
        let find = |r: &Report| r.categories.iter().find(|(x, _)| *x == c).map(|(_, s)| *s);
        let (a, b) = (find(&ro), find(&rn));
        if a.is_some() || b.is_some() {
            categories.push(ScoreChange::of(c.label(), a, b));
        }
    }
    let mut ai_areas: Vec<ScoreChange> = Vec::new();
    for area in crate::questionnaire::AiArea::ALL {
        let find = |r: &Report| r.ai_areas.iter().find(|(x, _)| *x == area).and_then(|(_, s)| *s);
        let (a, b) = (find(&ro), find(&rn));
        if a.is_some() || b.is_some() {
            ai_areas.push(ScoreChange::of(area.label(), a, b));
        }
    }
    Changes {
        old: side(old, &ro),
        new: side(new, &rn),
        answers: answer_changes(old, new),
        overall: ScoreChange::of("Overall", ro.overall, rn.overall),
        sections,
        categories,
        ai_areas,
        verdict: [verdict(&ro), verdict(&rn)],
        estimate: estimate(&ro).zip(estimate(&rn)).map(|(a, b)| [a, b]),
    }
}

/// For an assessment carried over from last year: last year's answers (its baseline, on this year's
/// questionnaire) against this year's. `None` when it was not carried over.
pub fn since_last_year(a: &Assessment, params: &Parameters, today: NaiveDate) -> Option<Changes> {
    let baseline = a.baseline.as_ref()?;
    let mut last = Assessment::new(a.questionnaire().clone(), &baseline.org, &baseline.updated_at);
    last.updated_at = baseline.updated_at.clone();
    let mut answers = std::collections::BTreeMap::new();
    let ids = index(a.questionnaire());
    for (id, answer) in &baseline.answers {
        let fits = match (ids.get(id.as_str()), &answer.value) {
            (Some(q), Some(v)) => crate::assessment::model::answer::check_value(q, v).is_ok(),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if fits {
            let mut answer = answer.clone();
            answer.to_confirm = false;
            answers.insert(id.clone(), answer);
        }
    }
    Some(changes(&last.with_answers(answers), a, params, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::interview::carry_over::carry_over;
    use crate::assessment::model::test_support::Answering;
    use crate::assessment::{AnswerValue, model::review};
    use crate::scoring::tests::{answered, small};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    #[test]
    fn answers_and_scores_by_hand() {
        // Old: a.mfa documented (5 x 1 / 5 x 0.5), a.sso yes (2), v.review none.
        // Type I = (5 + 2) / 14 = 50.0; Type II = (2.5 + 2) / 14 = 32.1.
        let old = answered(&[("a.mfa", "documented"), ("a.sso", "yes"), ("v.review", "none")]);
        // New: a.mfa evidenced (5), a.reviews informal (1.5 / 0.75) added, v.review removed.
        // Type I = (5 + 1.5 + 2) / 14 = 60.7; Type II = (5 + 0.75 + 2) / 14 = 55.4.
        let new = answered(&[("a.mfa", "evidenced"), ("a.reviews", "informal"), ("a.sso", "yes")]);
        let c = changes(&old, &new, &Parameters::built_in(), today());
        let rows: Vec<_> = c.answers.iter().map(|x| (x.question.as_str(), x.change)).collect();
        assert_eq!(rows, [("a.mfa", "changed"), ("a.reviews", "added"), ("v.review", "removed")]);
        assert_eq!(c.answers[0].old.as_deref(), Some("Documented and in place"));
        assert_eq!(c.answers[0].new.as_deref(), Some("Operating, with evidence over time"));
        assert_eq!((c.overall.old_type1, c.overall.new_type1), (Some(50.0), Some(60.7)));
        assert_eq!((c.overall.old_type2, c.overall.new_type2), (Some(32.1), Some(55.4)));
        assert_eq!(c.overall.type1_delta(), Some(10.7));
        // Vendors section: none (0) -> unanswered (0); access: 7/10 -> 8.5/10.
        assert_eq!(c.sections[0].name, "Access");
        assert_eq!((c.sections[0].old_type1, c.sections[0].new_type1), (Some(70.0), Some(85.0)));
        assert!(c.sections[1].is_unchanged());
        assert!(c.estimate.is_some());
    }

    #[test]
    fn a_fresh_carry_over_changes_no_answer_and_no_score() {
        let last = answered(&[("a.mfa", "documented"), ("a.sso", "yes")]);
        let (mut next, _) = carry_over(&last, small(), "Acme", "2027-01-01T00:00:00Z");
        let c = since_last_year(&next, &Parameters::built_in(), today()).unwrap();
        assert!(c.answers.is_empty());
        // C4: (5 + 2) / 14 = 50.0 both sides, every section unchanged: carried, not a collapse to 0.
        assert_eq!((c.overall.old_type1, c.overall.new_type1), (Some(50.0), Some(50.0)));
        assert!(c.sections.iter().all(ScoreChange::is_unchanged), "{:?}", c.sections);
        assert_eq!(c.verdict[0], c.verdict[1]);
        assert_eq!(c.estimate.as_ref().map(|[a, b]| a == b), Some(true), "the estimate does not get worse");
        assert_eq!((c.new.answered, c.new.carried, c.old.carried), (0, 2, 0));
        review::confirm(&mut next, "a.mfa", "t");
        review::confirm(&mut next, "a.sso", "t");
        next.answer("v.review", AnswerValue::Text("all".into()), "t");
        let c = since_last_year(&next, &Parameters::built_in(), today()).unwrap();
        assert_eq!((c.new.answered, c.new.carried), (3, 0));
        assert_eq!(c.answers.len(), 1);
        // (5 + 2 + 4) / 14 = 78.6
        assert_eq!(c.overall.new_type1, Some(78.6));
        assert!(since_last_year(&last, &Parameters::built_in(), today()).is_none());
    }
}
