//! Criteria coverage: how each in-scope criterion stands, from the SOC 2 questions mapped to it.
//!
//! | status | when |
//! |---|---|
//! | designed | at least one question at "documented" or above, and no critical one below it |
//! | partly designed | some design credit, but no documented control, or a critical one below documented |
//! | not designed | answered, and nothing earns design credit |
//! | not assessed | questions are mapped to it, and none of them is answered |
//! | not applicable | every mapped question answered "not applicable" |
//! | not covered | no question of this questionnaire (as shown to this company) maps to it |
//!
//! An auditor opines on each criterion: one that is not designed gets an exception, whatever the overall
//! score, so every in-scope criterion short of "designed" (or "not applicable") blocks the verdict; one
//! left unassessed blocks too, since nobody can be ready on what was not assessed. A criterion the
//! questionnaire does not ask about at all (a custom or small questionnaire, a customer's import) is "not
//! covered": counted and said, but it does not block, because the verdict does not speak for it.

use super::soc2::Role;
use super::{ScoredQuestion, Standing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    NotAssessed,
    NotDesigned,
    PartlyDesigned,
    Designed,
    NotApplicable,
    /// No question of the questionnaire maps to it: the verdict does not speak for it.
    NotCovered,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Designed => "designed",
            Status::PartlyDesigned => "partly designed",
            Status::NotDesigned => "not designed",
            Status::NotAssessed => "not assessed",
            Status::NotApplicable => "not applicable",
            Status::NotCovered => "not covered by this questionnaire",
        }
    }

    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Status::Designed => "designed",
            Status::PartlyDesigned => "partly_designed",
            Status::NotDesigned => "not_designed",
            Status::NotAssessed => "not_assessed",
            Status::NotApplicable => "not_applicable",
            Status::NotCovered => "not_covered",
        }
    }

    /// Whether a criterion in this state stops the audit.
    pub fn blocks(self) -> bool {
        !matches!(self, Status::Designed | Status::NotApplicable | Status::NotCovered)
    }
}

/// One in-scope criterion and the SOC 2 questions behind it.
#[derive(Debug, Clone)]
pub struct Criterion<'q, 'a> {
    pub id: &'static str,
    pub status: Status,
    /// The SOC 2 questions mapped to it, in questionnaire order.
    pub questions: Vec<&'q ScoredQuestion<'a>>,
    /// The applicable question with the least design credit (unanswered counts as none), if any.
    pub weakest: Option<&'q ScoredQuestion<'a>>,
}

/// Design credit for ranking: unanswered and "don't know" earn nothing; N/A is left out.
fn design(q: &ScoredQuestion<'_>) -> Option<f64> {
    q.credit().map(|c| c.design)
}

/// Whether a question stops its criterion from being designed: critical in scope and below documented.
fn critical_below(q: &ScoredQuestion<'_>) -> bool {
    q.question.critical && q.critical_in_scope && design(q).is_some_and(|d| d < 1.0)
}

/// The coverage of each criterion in `criteria`, from the questions whose role is SOC 2.
pub fn coverage<'q, 'a>(criteria: &[&'static str], questions: &'q [ScoredQuestion<'a>]) -> Vec<Criterion<'q, 'a>> {
    criteria
        .iter()
        .map(|&id| {
            let mapped: Vec<&ScoredQuestion<'a>> = questions
                .iter()
                .filter(|q| q.role == Role::Soc2 && q.question.criteria.iter().any(|c| c == id))
                .collect();
            let answered: Vec<_> = mapped.iter().filter(|q| q.standing != Standing::Unanswered).collect();
            let applicable: Vec<_> = mapped.iter().filter(|q| q.standing != Standing::NotApplicable).collect();
            let status = if mapped.is_empty() {
                Status::NotCovered
            } else if answered.is_empty() {
                Status::NotAssessed
            } else if applicable.is_empty() {
                Status::NotApplicable
            } else {
                let documented = applicable.iter().any(|q| design(q).is_some_and(|d| d >= 1.0));
                let some = applicable.iter().any(|q| design(q).is_some_and(|d| d > 0.0));
                let critical = applicable.iter().any(|q| critical_below(q));
                match (documented, critical, some) {
                    (true, false, _) => Status::Designed,
                    (true, true, _) | (false, _, true) => Status::PartlyDesigned,
                    _ if applicable.iter().all(|q| q.standing == Standing::Unanswered) => Status::NotAssessed,
                    _ => Status::NotDesigned,
                }
            };
            let weakest = applicable
                .iter()
                .copied()
                .min_by(|a, b| design(a).unwrap_or(0.0).total_cmp(&design(b).unwrap_or(0.0)))
                .copied();
            Criterion { id, status, questions: mapped, weakest }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::scored_questions;
    use super::super::tests::answered;
    use super::*;

    fn statuses(pairs: &[(&str, &str)], criteria: &[&'static str]) -> Vec<(&'static str, Status, Option<String>)> {
        let a = answered(pairs);
        let qs = scored_questions(&a);
        coverage(criteria, &qs).iter().map(|c| (c.id, c.status, c.weakest.map(|q| q.question.id.clone()))).collect()
    }

    #[test]
    fn a_criterion_is_designed_by_one_documented_control_with_no_critical_one_below() {
        // CC6.1: a.mfa (critical) and a.sso; CC6.3: a.reviews; CC9.2: v.review (critical); CC1.2: no question
        // of this questionnaire maps to it.
        let got = statuses(
            &[("a.mfa", "documented"), ("a.sso", "no"), ("a.reviews", "informal"), ("v.review", "none")],
            &["CC6.1", "CC6.3", "CC9.2", "CC1.2"],
        );
        assert_eq!(
            got,
            [
                ("CC6.1", Status::Designed, Some("a.sso".to_string())),
                ("CC6.3", Status::PartlyDesigned, Some("a.reviews".to_string())),
                ("CC9.2", Status::NotDesigned, Some("v.review".to_string())),
                ("CC1.2", Status::NotCovered, None),
            ]
        );
    }

    #[test]
    fn a_critical_control_below_documented_leaves_its_criterion_partly_designed() {
        // a.sso yes designs CC6.1, but a.mfa (critical) is only informal.
        let got = statuses(&[("a.mfa", "informal"), ("a.sso", "yes")], &["CC6.1"]);
        assert_eq!(got, [("CC6.1", Status::PartlyDesigned, Some("a.mfa".to_string()))]);
        assert!(Status::PartlyDesigned.blocks());
    }

    #[test]
    fn unanswered_is_not_assessed_and_all_not_applicable_does_not_block() {
        assert_eq!(statuses(&[], &["CC9.2"])[0].1, Status::NotAssessed);
        // CC6.3's one question is a maturity question, which has "not applicable" (v.review's choices do not).
        let got = statuses(&[("a.reviews", "na")], &["CC6.3"]);
        assert_eq!(got[0].1, Status::NotApplicable);
        assert!(!Status::NotApplicable.blocks() && !Status::Designed.blocks());
        assert!(Status::NotAssessed.blocks() && Status::NotDesigned.blocks());
    }

    #[test]
    fn a_criterion_no_question_maps_to_is_not_covered_and_does_not_block_but_an_unanswered_one_does() {
        // CC1.2 has no question in the small questionnaire; CC9.2 has v.review, unanswered.
        let got = statuses(&[("a.mfa", "documented")], &["CC1.2", "CC9.2"]);
        assert_eq!(got[0], ("CC1.2", Status::NotCovered, None));
        assert_eq!(got[1], ("CC9.2", Status::NotAssessed, Some("v.review".to_string())));
        assert!(!Status::NotCovered.blocks(), "the verdict does not speak for it, so it cannot block");
        assert!(Status::NotAssessed.blocks(), "nobody is ready on what was not assessed");
    }
}
