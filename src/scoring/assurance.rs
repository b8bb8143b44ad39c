//! AI assurance: every AI control (a question with an `ai_area`) scored on its own, apart from SOC 2, with
//! the frameworks buyers ask about for each area: ISO/IEC 42001 Annex A, the NIST AI RMF, the EU AI Act
//! and buyers' AI addenda. No Trust Services criterion requires most of these controls, so they decide the
//! SOC 2 verdict only when the system description commits to them (see [`super::soc2`]).
//!
//! The verdict reads the Type I (design) score, as the SOC 2 bands do: 90 or more is "Strong", 75 to 90
//! "Fair", under 75 "Weak"; any critical AI control below "documented" makes it "Weak" whatever the score.

use super::verdict::is_critical_short;
use super::{Score, ScoredQuestion, Standing, score};
use crate::questionnaire::AiArea;
use crate::questionnaire::frameworks::Framework;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AiVerdict {
    Strong,
    Fair,
    Weak,
    /// No AI control is asked or all are not applicable.
    NotAssessed,
}

impl AiVerdict {
    pub fn label(self) -> &'static str {
        match self {
            AiVerdict::Strong => "Strong",
            AiVerdict::Fair => "Fair",
            AiVerdict::Weak => "Weak",
            AiVerdict::NotAssessed => "Not assessed",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            AiVerdict::Strong => "The AI controls buyers ask about are designed and documented.",
            AiVerdict::Fair => "Most AI controls are designed; finish the ones listed before answering AI addenda.",
            AiVerdict::Weak => "Many AI controls are missing or informal: expect hard questions in buyers' AI reviews.",
            AiVerdict::NotAssessed => "No AI control was asked.",
        }
    }
}

/// One AI area: its score, the controls short of "documented", and where buyers look for it.
#[derive(Debug, Clone)]
pub struct Area<'q, 'a> {
    pub area: AiArea,
    pub score: Option<Score>,
    /// Applicable controls below "documented" (unanswered and "don't know" included), in questionnaire order.
    pub gaps: Vec<&'q ScoredQuestion<'a>>,
    /// The ISO/IEC 42001 Annex A controls and NIST AI RMF subcategories the area's asked questions serve, as
    /// the questionnaire lists them, each once in the framework's order.
    pub iso42001: Vec<&'static str>,
    pub nist_ai_rmf: Vec<&'static str>,
    /// The rest of where buyers look: the EU AI Act and buyers' AI addenda.
    pub references: &'static str,
}

/// How much of one framework the assessment asks about: an id is covered when some question asked (shown,
/// scored and not "not applicable") says it serves it. Covered means asked about, not met.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkCoverage {
    pub framework: Framework,
    /// Every id of the framework.
    pub total: usize,
    pub covered: Vec<&'static str>,
    pub not_covered: Vec<&'static str>,
}

#[derive(Debug, Clone)]
pub struct AiAssurance<'q, 'a> {
    pub score: Option<Score>,
    pub verdict: AiVerdict,
    /// Critical AI controls below "documented".
    pub critical: Vec<&'q ScoredQuestion<'a>>,
    /// The areas with at least one control asked, in the order of [`AiArea::ALL`].
    pub areas: Vec<Area<'q, 'a>>,
    /// Coverage of each framework of [`Framework::ALL`].
    pub coverage: Vec<FrameworkCoverage>,
}

/// Where buyers look for each area beyond ISO/IEC 42001 and the NIST AI RMF, whose ids come from the
/// questions themselves.
pub fn references(area: AiArea) -> &'static str {
    match area {
        AiArea::TrainingData => "EU AI Act Art. 10; buyer addenda: no training on customer data without consent",
        AiArea::ThirdPartyModels => "EU AI Act Art. 25, 53; buyer addenda: model providers named as subprocessors",
        AiArea::ModelAccess => {
            "EU AI Act Art. 15; buyer addenda: access to prompts, outputs and weights restricted and logged"
        }
        AiArea::ModelChange => "EU AI Act Art. 17; buyer addenda: notice of model changes",
        AiArea::OutputValidation => {
            "EU AI Act Art. 13, 14, 15, 50; GDPR Art. 22; buyer addenda: human review and output accuracy"
        }
        AiArea::PromptInjection => "EU AI Act Art. 15(5); buyer addenda: OWASP Top 10 for LLM Applications",
        AiArea::GpuInfrastructure => "EU AI Act Art. 15; buyer addenda: tenant isolation",
        AiArea::RetentionDeletion => {
            "EU AI Act Art. 10; buyer addenda: zero data retention and deletion of prompts, outputs and derived data"
        }
        AiArea::AiGovernance => {
            "EU AI Act Art. 4, 9, 27; Colorado AI Act (SB 24-205); NYC Local Law 144; buyer addenda: AI policy and \
             AI inventory"
        }
        AiArea::CustomerCommitments => {
            "Buyer addenda: output ownership, IP indemnity, AI off per tenant and by default, acceptable use"
        }
    }
}

/// The framework's ids that some of these questions serve, in the framework's order.
fn served<'x>(
    framework: Framework,
    questions: impl Iterator<Item = &'x ScoredQuestion<'x>> + Clone,
) -> Vec<&'static str> {
    framework
        .ids()
        .iter()
        .copied()
        .filter(|id| questions.clone().any(|q| q.question.framework_ids(framework).iter().any(|x| x == id)))
        .collect()
}

fn asked(q: &ScoredQuestion<'_>) -> bool {
    q.standing != Standing::NotApplicable
}

fn below_documented(q: &ScoredQuestion<'_>) -> bool {
    match q.standing {
        Standing::NotApplicable => false,
        Standing::Unknown | Standing::Unanswered => true,
        Standing::Answered(c) => c.design < 1.0,
    }
}

impl<'q, 'a> AiAssurance<'q, 'a> {
    pub fn of(questions: &'q [ScoredQuestion<'a>]) -> AiAssurance<'q, 'a> {
        let ai: Vec<&ScoredQuestion<'a>> = questions.iter().filter(|q| q.question.ai_area.is_some()).collect();
        let overall = score(ai.iter().copied());
        let critical: Vec<_> = ai.iter().copied().filter(|q| is_critical_short(q)).collect();
        let verdict = match overall {
            None => AiVerdict::NotAssessed,
            Some(_) if !critical.is_empty() => AiVerdict::Weak,
            Some(s) if s.type1 >= 90.0 => AiVerdict::Strong,
            Some(s) if s.type1 >= 75.0 => AiVerdict::Fair,
            Some(_) => AiVerdict::Weak,
        };
        let areas = AiArea::ALL
            .iter()
            .filter_map(|&area| {
                let members: Vec<_> = ai.iter().copied().filter(|q| q.question.ai_area == Some(area)).collect();
                let serving = members.iter().copied().filter(|q| asked(q));
                (!members.is_empty()).then(|| Area {
                    area,
                    score: score(members.iter().copied()),
                    gaps: members.iter().copied().filter(|q| below_documented(q)).collect(),
                    iso42001: served(Framework::Iso42001, serving.clone()),
                    nist_ai_rmf: served(Framework::NistAiRmf, serving),
                    references: references(area),
                })
            })
            .collect();
        let coverage = Framework::ALL
            .iter()
            .map(|&framework| {
                let covered = served(framework, questions.iter().filter(|q| asked(q)));
                let not_covered = framework.ids().iter().copied().filter(|id| !covered.contains(id)).collect();
                FrameworkCoverage { framework, total: framework.ids().len(), covered, not_covered }
            })
            .collect();
        AiAssurance { score: overall, verdict, critical, areas, coverage }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scored_questions;
    use super::super::tests::answered;
    use super::*;

    #[test]
    fn ai_controls_are_scored_on_their_own_by_area() {
        // The small questionnaire's AI controls: a.reviews (3, model-access) and a.weights (hidden).
        // a.reviews informal: 1.5 / 3 = 50.0 design, 0.75 / 3 = 25.0 operating -> Weak.
        let a = answered(&[("a.mfa", "evidenced"), ("a.reviews", "informal")]);
        let qs = scored_questions(&a);
        let ai = AiAssurance::of(&qs);
        assert_eq!(ai.score, Some(Score { type1: 50.0, type2: 25.0 }));
        assert_eq!(ai.verdict, AiVerdict::Weak);
        assert_eq!(ai.areas.len(), 1);
        assert_eq!(ai.areas[0].area, AiArea::ModelAccess);
        assert_eq!(ai.areas[0].gaps.iter().map(|q| q.question.id.as_str()).collect::<Vec<_>>(), ["a.reviews"]);
        assert!(ai.areas[0].references.contains("EU AI Act"));
        // The small questionnaire lists no framework ids: no coverage is claimed.
        assert!(ai.areas[0].iso42001.is_empty() && ai.areas[0].nist_ai_rmf.is_empty());
        assert_eq!(ai.coverage.iter().map(|c| (c.total, c.covered.len())).collect::<Vec<_>>(), [(38, 0), (72, 0)]);
        let a = answered(&[("a.reviews", "documented")]);
        let qs = scored_questions(&a);
        assert_eq!(AiAssurance::of(&qs).verdict, AiVerdict::Strong);
    }
}
