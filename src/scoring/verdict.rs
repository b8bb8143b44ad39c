//! Verdicts: what the scores mean for a founder, what blocks an audit, and how risky a vendor is.
//!
//! Readiness bands read the Type I (design) score, because a control must be designed before it can
//! operate; the Type II score and the timeline say how far the evidence has to go.
//!
//! | Type I score | band |
//! |---|---|
//! | 90 or more | Ready for the audit |
//! | 75 to 90 | Nearly ready |
//! | 50 to 75 | Significant gaps |
//! | under 50 | Early stage |
//!
//! Any blocker (a critical question below "documented", unanswered, or "don't know") makes the verdict
//! "Blocked", whatever the band. An auditor does not stop at a missing control: the criterion it serves
//! gets an exception or a qualified opinion, which is what a buyer reads. A critical question whose
//! `critical_scope` names categories blocks only when one of them is in the audit's scope.

use super::{Score, ScoredQuestion, Standing};
use crate::assessment::Assessment;
use crate::questionnaire::Question;

/// The question id whose `multi` answer lists the categories in scope beyond Security.
const CATEGORIES: &str = "profile.categories";

/// The categories in the audit's scope beyond Security, read once per assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// `None` when the questionnaire does not ask for the categories: then every category is in scope.
    chosen: Option<Vec<String>>,
}

impl Scope {
    pub fn of(a: &Assessment) -> Scope {
        if a.questionnaire().question(CATEGORIES).is_none() {
            return Scope { chosen: None };
        }
        let chosen = a.value(CATEGORIES).and_then(|v| v.as_list()).map(<[String]>::to_vec).unwrap_or_default();
        Scope { chosen: Some(chosen) }
    }

    /// Whether a critical question can block: it has no `critical_scope`, or one of its categories is in
    /// scope. An unanswered category question puts only Security in scope.
    pub fn admits(&self, q: &Question) -> bool {
        match &self.chosen {
            _ if q.critical_scope.is_empty() => true,
            None => true,
            Some(chosen) => q.critical_scope.iter().any(|c| chosen.contains(c)),
        }
    }
}

/// Readiness bands, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    EarlyStage,
    SignificantGaps,
    NearlyReady,
    Ready,
}

impl Band {
    pub fn of(score: Option<Score>) -> Band {
        match score.map_or(0.0, |s| s.type1) {
            s if s >= 90.0 => Band::Ready,
            s if s >= 75.0 => Band::NearlyReady,
            s if s >= 50.0 => Band::SignificantGaps,
            _ => Band::EarlyStage,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Ready => "Ready for the audit",
            Band::NearlyReady => "Nearly ready",
            Band::SignificantGaps => "Significant gaps",
            Band::EarlyStage => "Early stage",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Band::Ready => "Controls are designed and documented; an auditor can start.",
            Band::NearlyReady => "A few controls need finishing before an auditor starts.",
            Band::SignificantGaps => "Several controls are missing or informal; plan a remediation project first.",
            Band::EarlyStage => "Most controls are not in place yet; start with scoping and the core policies.",
        }
    }
}

/// The SOC 2 verdict: the band, unless blockers stop the audit; for a Type II target, where the
/// observation window stands (see [`super::readiness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Blocked {
        band: Band,
    },
    Band(Band),
    /// Type II target: every criterion designed, the observation window not started.
    OpenWindow,
    /// Type II target: every criterion designed, the window under way.
    WindowUnderWay,
}

impl Verdict {
    /// The verdict for a Type I report: the band of the Type I score, unless blockers stop it.
    pub fn of(score: Option<Score>, blockers: usize) -> Verdict {
        let band = Band::of(score);
        if blockers > 0 { Verdict::Blocked { band } } else { Verdict::Band(band) }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Blocked { .. } => "Blocked",
            Verdict::Band(b) => b.label(),
            Verdict::OpenWindow => "Ready to open the observation window",
            Verdict::WindowUnderWay => "Observation window under way",
        }
    }

    pub fn band(self) -> Band {
        match self {
            Verdict::Blocked { band } | Verdict::Band(band) => band,
            Verdict::OpenWindow | Verdict::WindowUnderWay => Band::Ready,
        }
    }

    /// What the verdict means in a sentence (the report adds what blocks it, by name).
    pub fn meaning(self) -> String {
        match self {
            Verdict::Blocked { band } => format!(
                "An auditor would report an exception or qualify the opinion on each criterion left without a \
                 designed control, and on the criteria each critical control short of what the report needs \
                 serves, so close these before fieldwork. Without them the score would read: {}.",
                band.label()
            ),
            Verdict::Band(b) => b.meaning().to_string(),
            Verdict::OpenWindow => "Every in-scope criterion has a designed control and no critical control falls \
                 short: open the Type II observation window and run the controls with evidence through it. The \
                 Type II report can follow once the window closes."
                .to_string(),
            Verdict::WindowUnderWay => "Every in-scope criterion has a designed control and the observation window \
                 is under way: keep running the controls and keep their evidence. The Type II score rises as the \
                 window runs."
                .to_string(),
        }
    }
}

/// Whether a critical question serving a category in scope is below "documented" (unanswered and "don't
/// know" included), whatever verdict it counts toward.
pub fn is_critical_short(q: &ScoredQuestion<'_>) -> bool {
    q.question.critical
        && q.critical_in_scope
        && match q.standing {
            Standing::NotApplicable => false,
            Standing::Unknown | Standing::Unanswered => true,
            Standing::Answered(c) => c.design < 1.0,
        }
}

/// Whether a question blocks the audit: critical, counting toward SOC 2, serving a category in scope, and
/// below "documented" (unanswered and "don't know" included). Not applicable never blocks.
pub fn is_blocker(q: &ScoredQuestion<'_>) -> bool {
    q.role == super::soc2::Role::Soc2 && is_critical_short(q)
}

/// The blockers, in questionnaire order.
pub fn blockers<'a, 'b>(questions: &'b [ScoredQuestion<'a>]) -> Vec<&'b ScoredQuestion<'a>> {
    questions.iter().filter(|q| is_blocker(q)).collect()
}

/// A vendor's risk level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VendorRisk {
    Low,
    Medium,
    High,
    Critical,
}

impl VendorRisk {
    pub fn id(self) -> &'static str {
        match self {
            VendorRisk::Low => "low",
            VendorRisk::Medium => "medium",
            VendorRisk::High => "high",
            VendorRisk::Critical => "critical",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            VendorRisk::Low => "Safe to proceed on standard terms.",
            VendorRisk::Medium => "Proceed once the contract covers the gaps listed.",
            VendorRisk::High => "Proceed only with the contract terms below and a review before renewal.",
            VendorRisk::Critical => "Do not send customer data until the critical items are resolved.",
        }
    }
}

/// The old vendor rule, kept for callers not yet moved to [`super::vendor::assess`] (which the report should
/// use: inherent tier, show-stoppers and thresholds by tier). A vendor's risk: critical when any critical
/// question fails (is a blocker); otherwise from the score
/// (both report types score the same for yes/no and choice answers, so Type I is used): 80 or more is low,
/// 60 to 80 medium, under 60 high.
pub fn vendor_risk(score: Option<Score>, blockers: usize) -> VendorRisk {
    if blockers > 0 {
        return VendorRisk::Critical;
    }
    match score.map_or(0.0, |s| s.type1) {
        s if s >= 80.0 => VendorRisk::Low,
        s if s >= 60.0 => VendorRisk::Medium,
        _ => VendorRisk::High,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::answered;
    use super::super::{Scorecard, scored_questions};
    use super::*;
    use crate::assessment::model::test_support::Answering;

    #[test]
    fn bands_split_at_90_75_50() {
        let s = |t| Some(Score { type1: t, type2: 0.0 });
        assert_eq!(Band::of(s(90.0)), Band::Ready);
        assert_eq!(Band::of(s(89.9)), Band::NearlyReady);
        assert_eq!(Band::of(s(75.0)), Band::NearlyReady);
        assert_eq!(Band::of(s(74.9)), Band::SignificantGaps);
        assert_eq!(Band::of(s(50.0)), Band::SignificantGaps);
        assert_eq!(Band::of(s(49.9)), Band::EarlyStage);
        assert_eq!(Band::of(None), Band::EarlyStage);
    }

    #[test]
    fn a_critical_control_below_documented_caps_the_verdict() {
        // Everything at full credit except v.review (critical, weight 4) at "some" (0.5):
        // Type I = (5 + 3 + 2 + 2) / 14 = 85.7, which would be "Nearly ready"; the blocker makes it Blocked.
        let a = answered(&[("a.mfa", "evidenced"), ("a.reviews", "evidenced"), ("a.sso", "yes"), ("v.review", "some")]);
        let qs = scored_questions(&a);
        let card = Scorecard::of(&qs);
        assert_eq!(card.overall.unwrap().type1, 85.7);
        let found = blockers(&qs);
        assert_eq!(found.iter().map(|q| q.question.id.as_str()).collect::<Vec<_>>(), ["v.review"]);
        let verdict = Verdict::of(card.overall, found.len());
        assert_eq!(verdict, Verdict::Blocked { band: Band::NearlyReady });
        assert_eq!(verdict.label(), "Blocked");
        assert_eq!(vendor_risk(card.overall, found.len()), VendorRisk::Critical);
    }

    #[test]
    fn documented_critical_controls_do_not_block_and_na_never_does() {
        // a.mfa documented (design 1.0) is not a blocker. Type I = (5 + 3 + 2 + 4) / 14 = 100 -> Ready.
        let a = answered(&[("a.mfa", "documented"), ("a.reviews", "evidenced"), ("a.sso", "yes"), ("v.review", "all")]);
        let qs = scored_questions(&a);
        assert!(blockers(&qs).is_empty());
        assert_eq!(Verdict::of(Scorecard::of(&qs).overall, 0), Verdict::Band(Band::Ready));
        // a.mfa N/A is left out, so it cannot block either.
        let a = answered(&[("a.mfa", "na"), ("v.review", "all")]);
        assert!(blockers(&scored_questions(&a)).is_empty());
    }

    #[test]
    fn unanswered_and_unknown_critical_questions_block() {
        let a = answered(&[("a.mfa", "unknown")]);
        let qs = scored_questions(&a);
        let ids: Vec<_> = blockers(&qs).iter().map(|q| q.question.id.as_str()).collect();
        assert_eq!(ids, ["a.mfa", "v.review"]);
    }

    #[test]
    fn scope_admits_a_scoped_critical_question_only_when_a_category_is_chosen() {
        use crate::assessment::AnswerValue;
        let q: crate::questionnaire::Questionnaire = serde_json::from_value(serde_json::json!({
            "format": 1, "id": "s", "version": "1", "title": "S", "kind": "readiness",
            "sections": [{ "id": "p", "title": "P", "questions": [
                { "id": "profile.categories", "type": "multi", "text": "Which?", "help": "h", "options": [
                    { "id": "availability", "label": "A" }, { "id": "privacy", "label": "P" } ] },
                { "id": "d", "type": "maturity", "text": "Delete?", "help": "h", "weight": 3, "criteria": ["C1.2"],
                  "critical": true, "critical_scope": ["privacy"] },
                { "id": "m", "type": "maturity", "text": "MFA?", "help": "h", "weight": 3, "criteria": ["CC6.1"],
                  "critical": true }
            ]}]
        }))
        .unwrap();
        let (scoped, always) = (q.sections[0].questions[1].clone(), q.sections[0].questions[2].clone());
        let mut a = Assessment::new(q, "Acme", "2026-01-01T00:00:00Z");
        let scope = Scope::of(&a);
        assert!(!scope.admits(&scoped), "unanswered: Security only");
        assert!(scope.admits(&always));
        a.answer("profile.categories", AnswerValue::List(vec!["availability".into()]), "2026-01-01T00:00:00Z");
        assert!(!Scope::of(&a).admits(&scoped));
        a.answer("profile.categories", AnswerValue::List(vec!["privacy".into()]), "2026-01-01T00:00:00Z");
        assert!(Scope::of(&a).admits(&scoped));
        // Without a categories question, everything is in scope.
        assert!(Scope { chosen: None }.admits(&scoped));
    }

    #[test]
    fn vendor_risk_bands() {
        let s = |t| Some(Score { type1: t, type2: t });
        assert_eq!(vendor_risk(s(80.0), 0), VendorRisk::Low);
        assert_eq!(vendor_risk(s(79.9), 0), VendorRisk::Medium);
        assert_eq!(vendor_risk(s(60.0), 0), VendorRisk::Medium);
        assert_eq!(vendor_risk(s(59.9), 0), VendorRisk::High);
        assert_eq!(vendor_risk(s(100.0), 1), VendorRisk::Critical);
    }
}
