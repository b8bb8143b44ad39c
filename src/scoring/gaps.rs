//! Gaps: every shown, scored question short of full credit ("evidenced" on the maturity scale), ranked.
//!
//! - shortfall = 1 - Type II credit (what is missing before the control counts in a Type II report);
//! - priority = weight x shortfall; critical questions come first, then higher priority, then
//!   questionnaire order;
//! - remaining effort = the question's `effort_days` x (1 - Type I credit): the design work still to do.
//!   A control that is documented but has no evidence over time needs no more design work; what it
//!   needs is the observation window, which the timeline counts separately.

use super::{ScoredQuestion, Standing};

#[derive(Debug, Clone, Copy)]
pub struct Gap<'a> {
    pub question: ScoredQuestion<'a>,
    /// 1 - Type II credit.
    pub shortfall: f64,
    /// weight x shortfall.
    pub priority: f64,
    /// Person-days still to spend: `effort_days` scaled by the Type I shortfall.
    pub remaining_days: [f64; 2],
}

/// The gaps, highest priority first.
pub fn gaps<'a>(questions: &[ScoredQuestion<'a>]) -> Vec<Gap<'a>> {
    let mut out: Vec<Gap<'a>> = questions
        .iter()
        .filter_map(|q| {
            let credit = q.credit()?;
            if credit.operating >= 1.0 {
                return None;
            }
            let shortfall = 1.0 - credit.operating;
            let design_left = 1.0 - credit.design;
            let [low, high] = q.question.effort_days.unwrap_or([0, 0]);
            Some(Gap {
                question: *q,
                shortfall,
                priority: round2(q.weight() * shortfall),
                remaining_days: [round2(f64::from(low) * design_left), round2(f64::from(high) * design_left)],
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.question.question.critical.cmp(&a.question.question.critical).then(b.priority.total_cmp(&a.priority))
    });
    out
}

impl Gap<'_> {
    pub fn is_unanswered(&self) -> bool {
        self.question.standing == Standing::Unanswered
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Remaining person-days of a set of gaps, low and high.
pub fn remaining_days<'a>(gaps: impl IntoIterator<Item = &'a Gap<'a>>) -> [f64; 2] {
    gaps.into_iter().fold([0.0, 0.0], |[l, h], g| [round2(l + g.remaining_days[0]), round2(h + g.remaining_days[1])])
}

#[cfg(test)]
mod tests {
    use super::super::scored_questions;
    use super::super::tests::answered;
    use super::*;

    #[test]
    fn ranked_critical_first_then_weight_times_shortfall() {
        // a.mfa (critical, 5) documented: shortfall 0.5, priority 2.5, design done -> 0 days left.
        // a.reviews (3) unanswered: shortfall 1, priority 3, days [1, 3].
        // a.sso (2) yes: full credit, no gap.
        // v.review (critical, 4) some (0.5): shortfall 0.5, priority 2, days [0.5, 1].
        let a = answered(&[("a.mfa", "documented"), ("a.sso", "yes"), ("v.review", "some")]);
        let qs = scored_questions(&a);
        let found = gaps(&qs);
        let rows: Vec<_> =
            found.iter().map(|g| (g.question.question.id.as_str(), g.priority, g.remaining_days)).collect();
        assert_eq!(rows, [("a.mfa", 2.5, [0.0, 0.0]), ("v.review", 2.0, [0.5, 1.0]), ("a.reviews", 3.0, [1.0, 3.0])]);
        assert_eq!(remaining_days(&found), [1.5, 4.0]);
    }

    #[test]
    fn not_applicable_is_never_a_gap_and_unknown_always_is() {
        let a = answered(&[("a.mfa", "na"), ("a.reviews", "unknown"), ("a.sso", "yes"), ("v.review", "all")]);
        let qs = scored_questions(&a);
        let ids: Vec<_> = gaps(&qs).iter().map(|g| g.question.question.id.as_str()).collect();
        assert_eq!(ids, ["a.reviews"]);
    }
}
