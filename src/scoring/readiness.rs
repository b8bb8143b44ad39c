//! The SOC 2 verdict about the report the company aims for, from the questions that count toward SOC 2.
//!
//! - Type I target (`profile.report_type` is `type1`, Type I first, or unanswered): the band reads the
//!   Type I (design) score. Blockers: a critical control below "documented", and any in-scope criterion
//!   not designed (see [`super::coverage`]).
//! - Type II target (`type2`): the same blockers, plus a critical control that will not have operated with
//!   evidence for the whole window by its end (documented only, in a window already under way; or an annual
//!   control that ran before a window that has closed). Then:
//!   - the window has not started: controls designed (Type I score 90 or more) reads "Ready to open the
//!     observation window", never "Ready for the audit"; otherwise the band of the Type I score, because
//!     the Type II score is zero by construction until the window opens;
//!   - the window under way with the design done: "Observation window under way";
//!   - otherwise the band of the Type II score.

use super::coverage::{self, Criterion};
use super::credit::Period;
use super::soc2::{Commitments, Role, Target};
use super::verdict::{Band, Verdict, is_blocker};
use super::{Score, ScoredQuestion, Standing, score};
use crate::assessment::Assessment;
use crate::questionnaire::QuestionType;

/// Where the observation window stands, from the operating-period answers of the SOC 2 questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// No operating-period question answered.
    Unknown,
    NotStarted,
    UnderWay,
    /// Every answered section has run the whole window.
    Complete,
}

impl Window {
    pub fn of(questions: &[ScoredQuestion<'_>]) -> Window {
        let shares: Vec<f64> =
            questions.iter().filter(|q| q.role == Role::Soc2).filter_map(|q| q.period.map(|p| p.share)).collect();
        if shares.is_empty() {
            Window::Unknown
        } else if shares.iter().all(|s| *s <= 0.0) {
            Window::NotStarted
        } else if shares.iter().all(|s| *s >= 1.0) {
            Window::Complete
        } else {
            Window::UnderWay
        }
    }
}

/// Why a control blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Critical and below "documented", unanswered or not known.
    Design,
    /// Critical, designed, but it will not have run with evidence for the whole Type II window.
    Operating,
}

#[derive(Debug, Clone, Copy)]
pub struct Blocker<'q, 'a> {
    pub question: &'q ScoredQuestion<'a>,
    pub why: Block,
}

/// The operating credit a question can have at the end of the planned window, if it runs with evidence
/// from now on: a designed control in a window not yet open can still earn full credit; one in a window
/// already under way keeps the shortfall of the time it ran without evidence.
pub fn window_end_operating(q: &ScoredQuestion<'_>) -> Option<f64> {
    let c = match q.unscaled {
        Standing::NotApplicable => return None,
        Standing::Unknown | Standing::Unanswered => return Some(0.0),
        Standing::Answered(c) => c,
    };
    if q.question.kind != QuestionType::Maturity || c.design < 1.0 {
        return Some(c.operating);
    }
    match q.period {
        None | Some(Period { share: 0.0, .. }) => Some(1.0),
        Some(p) if q.question.annual => Some(match (p.share >= 1.0, p.annual_before) {
            (true, true) => 0.0,
            (true, false) => c.operating,
            (false, _) => 1.0,
        }),
        Some(_) => Some(c.operating),
    }
}

fn is_operating_blocker(q: &ScoredQuestion<'_>) -> bool {
    q.question.critical
        && q.critical_in_scope
        && q.role == Role::Soc2
        && !is_blocker(q)
        && window_end_operating(q).is_some_and(|x| x < 1.0)
}

/// The SOC 2 readiness of an assessment.
#[derive(Debug, Clone)]
pub struct Readiness<'q, 'a> {
    pub target: Target,
    /// Over the SOC 2 questions (unanswered ones count as not in place).
    pub score: Option<Score>,
    /// Over the answered SOC 2 questions.
    pub answered_score: Option<Score>,
    /// Which score the verdict reads.
    pub reads: Target,
    pub window: Window,
    /// Blocking controls, in questionnaire order.
    pub blockers: Vec<Blocker<'q, 'a>>,
    /// Every in-scope criterion, in TSC order.
    pub criteria: Vec<Criterion<'q, 'a>>,
    pub verdict: Verdict,
    /// Whether the system description commits to AI controls.
    pub ai_committed: bool,
}

impl<'q, 'a> Readiness<'q, 'a> {
    pub fn of(a: &Assessment, questions: &'q [ScoredQuestion<'a>]) -> Readiness<'q, 'a> {
        let target = Target::of(a);
        let commitments = Commitments::of(a);
        let soc2: Vec<&ScoredQuestion<'a>> = questions.iter().filter(|q| q.role == Role::Soc2).collect();
        let overall = score(soc2.iter().copied());
        let answered_score = score(soc2.iter().copied().filter(|q| q.standing != Standing::Unanswered));
        let window = Window::of(questions);
        let mut blockers: Vec<Blocker<'q, 'a>> = Vec::new();
        for q in questions {
            if is_blocker(q) {
                blockers.push(Blocker { question: q, why: Block::Design });
            } else if target == Target::TypeII && is_operating_blocker(q) {
                blockers.push(Blocker { question: q, why: Block::Operating });
            }
        }
        let criteria = coverage::coverage(&commitments.criteria(questions), questions);
        let blocked = !blockers.is_empty() || criteria.iter().any(|c| c.status.blocks());
        let (verdict, reads) = verdict(target, overall, blocked, window);
        Readiness {
            target,
            score: overall,
            answered_score,
            reads,
            window,
            blockers,
            criteria,
            verdict,
            ai_committed: commitments.ai,
        }
    }

    /// The in-scope criteria that stop the audit.
    pub fn blocking_criteria(&self) -> impl Iterator<Item = &Criterion<'q, 'a>> {
        self.criteria.iter().filter(|c| c.status.blocks())
    }
}

/// The verdict and the score it reads (see the module notes).
pub fn verdict(target: Target, score: Option<Score>, blocked: bool, window: Window) -> (Verdict, Target) {
    let type1 = Band::of(score);
    let type2 = Band::of(score.map(|s| Score { type1: s.type2, type2: s.type2 }));
    let (band, reads) = match (target, window) {
        (Target::TypeI, _) => (type1, Target::TypeI),
        (Target::TypeII, Window::NotStarted) => (type1, Target::TypeI),
        (Target::TypeII, _) => (type2, Target::TypeII),
    };
    if blocked {
        return (Verdict::Blocked { band }, reads);
    }
    let verdict = match (target, window) {
        (Target::TypeII, Window::NotStarted) if type1 == Band::Ready => Verdict::OpenWindow,
        (Target::TypeII, Window::UnderWay) if type1 == Band::Ready && type2 != Band::Ready => Verdict::WindowUnderWay,
        _ => Verdict::Band(band),
    };
    (verdict, reads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_reads_the_target_report() {
        let s = |t1, t2| Some(Score { type1: t1, type2: t2 });
        // Type I: the design score decides, whatever the window.
        assert_eq!(
            verdict(Target::TypeI, s(95.0, 10.0), false, Window::NotStarted),
            (Verdict::Band(Band::Ready), Target::TypeI)
        );
        // Type II, designed, window not started: open the window, never "Ready for the audit".
        assert_eq!(
            verdict(Target::TypeII, s(100.0, 0.0), false, Window::NotStarted),
            (Verdict::OpenWindow, Target::TypeI)
        );
        assert_eq!(
            verdict(Target::TypeII, s(80.0, 0.0), false, Window::NotStarted).0,
            Verdict::Band(Band::NearlyReady)
        );
        // Type II mid-window with the design done: under way, not "early stage" for a half-run window.
        assert_eq!(
            verdict(Target::TypeII, s(100.0, 50.0), false, Window::UnderWay),
            (Verdict::WindowUnderWay, Target::TypeII)
        );
        // Type II window complete: the Type II score decides.
        assert_eq!(
            verdict(Target::TypeII, s(100.0, 80.0), false, Window::Complete).0,
            Verdict::Band(Band::NearlyReady)
        );
        assert_eq!(verdict(Target::TypeII, s(100.0, 95.0), false, Window::Complete).0, Verdict::Band(Band::Ready));
        // Documented controls without the window question: the Type II score reads 50.
        assert_eq!(
            verdict(Target::TypeII, s(100.0, 50.0), false, Window::Unknown).0,
            Verdict::Band(Band::SignificantGaps)
        );
        assert_eq!(
            verdict(Target::TypeII, s(100.0, 50.0), true, Window::UnderWay).0,
            Verdict::Blocked { band: Band::SignificantGaps }
        );
    }
}
