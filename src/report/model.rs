//! The report: one plain model built from an assessment, the estimate parameters and today's date.
//! Every renderer (Markdown, HTML, JSON) and the interface draw from it; nothing here touches a terminal.

use chrono::NaiveDate;

use crate::assessment::{Assessment, Visibility, describe, progress};
use crate::estimate::{Assumption, Estimate, Parameters, Profile};
use crate::questionnaire::format::MATURITY;
use crate::questionnaire::{AiArea, Category, Kind, QuestionType};
use crate::scoring::{
    self, Band, Score, ScoredQuestion, SectionScore, Standing, VendorRisk, Verdict, gaps::remaining_days,
};

/// The section whose questions state each policy document's status.
const POLICY_SECTION: &str = crate::estimate::POLICY_SECTION;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub org: String,
    pub questionnaire_id: String,
    pub questionnaire_title: String,
    pub questionnaire_version: String,
    pub kind: Kind,
    pub date: NaiveDate,
    pub completion: Completion,
    pub overall: Option<Score>,
    pub verdict: Verdict,
    /// For vendor questionnaires.
    pub vendor: Option<VendorVerdict>,
    pub sections: Vec<SectionScore>,
    pub categories: Vec<(Category, Score)>,
    pub ai_areas: Vec<(AiArea, Option<Score>)>,
    pub blockers: Vec<QuestionLine>,
    pub gaps: Vec<GapLine>,
    pub plan_by_policy: Vec<PlanGroup>,
    pub plan_by_area: Vec<PlanGroup>,
    /// For readiness and custom questionnaires.
    pub estimate: Option<Estimate>,
    pub policies: Vec<PolicyStatus>,
    pub evidence: Vec<EvidenceItem>,
    pub follow_ups: Vec<QuestionLine>,
    pub unanswered: Vec<QuestionLine>,
    pub not_applicable: Vec<QuestionLine>,
    pub assumptions: Vec<Assumption>,
    pub answers: Vec<AnswerLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    pub answered: usize,
    pub shown: usize,
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VendorVerdict {
    pub risk: VendorRisk,
    pub reasons: Vec<String>,
    /// What to ask for in the contract: the remediation of each question the vendor falls short on.
    pub contract_terms: Vec<String>,
}

/// A question named in a list: blockers, follow-ups, unanswered, not applicable.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionLine {
    pub id: String,
    pub text: String,
    pub section: String,
    /// The answer as people read it, if any.
    pub answer: Option<String>,
    /// Why it is listed, or the note recorded with it.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GapLine {
    pub id: String,
    pub text: String,
    pub section_id: String,
    pub section: String,
    pub critical: bool,
    pub answer: Option<String>,
    pub priority: f64,
    pub shortfall: f64,
    pub criteria: Vec<String>,
    pub remediation: String,
    pub effort_days: Option<[u32; 2]>,
    pub remaining_days: [f64; 2],
    pub evidence: Vec<String>,
    pub policy: String,
}

/// Gaps grouped by policy document or by area, with their remaining effort.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanGroup {
    pub name: String,
    pub questions: Vec<String>,
    pub remaining_days: [f64; 2],
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyStatus {
    pub name: String,
    /// A maturity label, or "Not answered".
    pub status: String,
    /// Type I credit of that status, for sorting and gauges.
    pub design: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceItem {
    pub item: String,
    pub questions: Vec<String>,
    /// Whether every question asking for it already has evidence over time.
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLine {
    pub section: String,
    pub id: String,
    pub text: String,
    pub answer: Option<String>,
    pub note: String,
    pub answered_by: String,
    pub follow_up: bool,
    /// References to the evidence recorded with the answer.
    pub evidence: Vec<String>,
}

pub const NO_POLICY: &str = "No policy document named";

fn answer_of(a: &Assessment, q: &ScoredQuestion<'_>) -> Option<String> {
    a.value(&q.question.id).map(|v| describe(q.question, v))
}

fn line(a: &Assessment, q: &ScoredQuestion<'_>, note: String) -> QuestionLine {
    QuestionLine {
        id: q.question.id.clone(),
        text: q.question.text.clone(),
        section: q.section.title.clone(),
        answer: answer_of(a, q),
        note,
    }
}

fn group(name: &str, gaps: &[&scoring::Gap<'_>]) -> PlanGroup {
    PlanGroup {
        name: name.to_string(),
        questions: gaps.iter().map(|g| g.question.question.id.clone()).collect(),
        remaining_days: remaining_days(gaps.iter().copied()),
    }
}

/// Whether a category is in the audit's scope: Security always; the others when the profile names them. A
/// questionnaire that does not ask (no `profile.categories`) scores every category its questions touch.
fn in_scope(a: &Assessment, profile: &Profile, category: Category) -> bool {
    if category == Category::Security || a.questionnaire().question(crate::estimate::profile::CATEGORIES).is_none() {
        return true;
    }
    profile.categories.as_ref().is_some_and(|chosen| chosen.contains(&category))
}

impl Report {
    pub fn build(a: &Assessment, params: &Parameters, today: NaiveDate) -> Report {
        let q = a.questionnaire();
        let vis = Visibility::of_assessment(a);
        let profile = Profile::of(a);
        let (_, total) = progress(a, &vis);
        let scored = scoring::scored_questions(a);
        let card = scoring::Scorecard::of(&scored);
        let blockers = scoring::blockers(&scored);
        let verdict = Verdict::of(card.overall, blockers.len());
        let found = scoring::gaps(&scored);

        let gaps: Vec<GapLine> = found
            .iter()
            .map(|g| {
                let x = g.question.question;
                GapLine {
                    id: x.id.clone(),
                    text: x.text.clone(),
                    section_id: g.question.section.id.clone(),
                    section: g.question.section.title.clone(),
                    critical: x.critical,
                    answer: answer_of(a, &g.question),
                    priority: g.priority,
                    shortfall: g.shortfall,
                    criteria: x.criteria.clone(),
                    remediation: x.remediation.clone(),
                    effort_days: x.effort_days,
                    remaining_days: g.remaining_days,
                    evidence: x.evidence.clone(),
                    policy: x.policy.clone(),
                }
            })
            .collect();

        let mut policy_names: Vec<&str> = Vec::new();
        let mut area_names: Vec<&str> = Vec::new();
        for g in &found {
            let p = if g.question.question.policy.is_empty() { NO_POLICY } else { g.question.question.policy.as_str() };
            if !policy_names.contains(&p) {
                policy_names.push(p);
            }
            if !area_names.contains(&g.question.section.title.as_str()) {
                area_names.push(&g.question.section.title);
            }
        }
        let plan_by_policy = policy_names
            .iter()
            .map(|name| {
                let members: Vec<_> = found
                    .iter()
                    .filter(|g| {
                        let p = &g.question.question.policy;
                        (p.is_empty() && *name == NO_POLICY) || p == name
                    })
                    .collect();
                group(name, &members)
            })
            .collect();
        let plan_by_area = area_names
            .iter()
            .map(|name| group(name, &found.iter().filter(|g| g.question.section.title == *name).collect::<Vec<_>>()))
            .collect();

        let vendor = (q.kind == Kind::Vendor).then(|| {
            let risk = scoring::vendor_risk(card.overall, blockers.len());
            let mut reasons: Vec<String> = blockers
                .iter()
                .map(|b| match answer_of(a, b) {
                    Some(ans) => format!("Critical: {} (answered: {ans})", b.question.text),
                    None => format!("Critical and unanswered: {}", b.question.text),
                })
                .collect();
            reasons.extend(
                card.sections
                    .iter()
                    .filter(|s| s.score.type1 < 60.0)
                    .map(|s| format!("Weak area: {} scores {} of 100", s.title, s.score.type1)),
            );
            if reasons.is_empty() {
                reasons.push(format!(
                    "Overall score {} of 100, with no critical failures",
                    card.overall.map_or(0.0, |s| s.type1)
                ));
            }
            let mut contract_terms: Vec<String> = Vec::new();
            for g in found.iter().filter(|g| g.question.credit().is_some_and(|c| c.design < 1.0)) {
                let term = g.question.question.remediation.trim();
                if !term.is_empty() && !contract_terms.iter().any(|t| t == term) {
                    contract_terms.push(term.to_string());
                }
            }
            VendorVerdict { risk, reasons, contract_terms }
        });

        let estimate = (q.kind != Kind::Vendor).then(|| Estimate::build(&profile, params, &found, today));

        let follow_ups = scored_and_flagged(a, &vis, &scored);
        let unanswered = shown_questions(a, &vis)
            .filter(|(_, _, x)| a.value(&x.id).is_none())
            .map(|(_, s, x)| QuestionLine {
                id: x.id.clone(),
                text: x.text.clone(),
                section: s.title.clone(),
                answer: None,
                note: String::new(),
            })
            .collect();
        let not_applicable = scored
            .iter()
            .filter(|x| x.standing == Standing::NotApplicable)
            .map(|x| line(a, x, a.note(&x.question.id).to_string()))
            .collect();

        let answers = shown_questions(a, &vis)
            .map(|(_, s, x)| {
                let entry = a.answers.get(&x.id);
                AnswerLine {
                    section: s.title.clone(),
                    id: x.id.clone(),
                    text: x.text.clone(),
                    answer: a.value(&x.id).map(|v| describe(x, v)),
                    note: entry.map(|e| e.note.clone()).unwrap_or_default(),
                    answered_by: entry.map(|e| e.answered_by.clone()).unwrap_or_default(),
                    follow_up: entry.is_some_and(|e| e.follow_up),
                    evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
                }
            })
            .collect();

        Report {
            org: a.org.clone(),
            questionnaire_id: a.questionnaire.id.clone(),
            questionnaire_title: q.title.clone(),
            questionnaire_version: a.questionnaire.version.clone(),
            kind: q.kind,
            date: today,
            completion: Completion { answered: total.answered, shown: total.shown, percent: total.percent() },
            overall: card.overall,
            verdict,
            vendor,
            sections: card.sections.clone(),
            categories: card.categories.iter().filter(|(c, _)| in_scope(a, &profile, *c)).cloned().collect(),
            ai_areas: card.ai_areas.clone(),
            blockers: blockers
                .iter()
                .map(|b| {
                    let why = match b.standing {
                        Standing::Unanswered => "critical and unanswered",
                        Standing::Unknown => "critical and not known",
                        _ => "critical and below documented",
                    };
                    line(a, b, why.to_string())
                })
                .collect(),
            gaps,
            plan_by_policy,
            plan_by_area,
            assumptions: estimate.as_ref().map(|e| e.assumptions.clone()).unwrap_or_default(),
            estimate,
            policies: policy_status(a, &scored),
            evidence: evidence(&scored),
            follow_ups,
            unanswered,
            not_applicable,
            answers,
        }
    }

    /// The band the score alone would give.
    pub fn band(&self) -> Band {
        self.verdict.band()
    }

    /// Remaining person-days over all gaps.
    pub fn remaining_days(&self) -> [f64; 2] {
        self.gaps.iter().fold([0.0, 0.0], |[l, h], g| [l + g.remaining_days[0], h + g.remaining_days[1]])
    }
}

type Shown<'a> = (usize, &'a crate::questionnaire::Section, &'a crate::questionnaire::Question);

fn shown_questions<'a>(a: &'a Assessment, vis: &'a Visibility) -> impl Iterator<Item = Shown<'a>> + 'a {
    a.questionnaire().sections.iter().enumerate().flat_map(move |(si, s)| {
        s.questions.iter().enumerate().filter(move |(qi, _)| vis.question(si, *qi)).map(move |(_, x)| (si, s, x))
    })
}

/// Flagged questions (any type) and scored "don't know" answers, in questionnaire order.
fn scored_and_flagged(a: &Assessment, vis: &Visibility, scored: &[ScoredQuestion<'_>]) -> Vec<QuestionLine> {
    shown_questions(a, vis)
        .filter_map(|(_, s, x)| {
            let unknown = scored.iter().any(|sq| sq.question.id == x.id && sq.standing == Standing::Unknown);
            let flagged = a.is_flagged(&x.id);
            if !unknown && !flagged {
                return None;
            }
            let why = match (flagged, unknown) {
                (true, true) => "flagged; answered \"don't know\"",
                (true, false) => "flagged for follow-up",
                _ => "answered \"don't know\"",
            };
            let note = a.note(&x.id);
            Some(QuestionLine {
                id: x.id.clone(),
                text: x.text.clone(),
                section: s.title.clone(),
                answer: a.value(&x.id).map(|v| describe(x, v)),
                note: if note.is_empty() { why.to_string() } else { format!("{why}: {note}") },
            })
        })
        .collect()
}

/// Each policy document named by a shown question: the answer to its question in the policies section
/// when there is one, otherwise the best maturity among the questions that belong to it.
fn policy_status(a: &Assessment, scored: &[ScoredQuestion<'_>]) -> Vec<PolicyStatus> {
    let mut names: Vec<&str> = Vec::new();
    for x in scored {
        if !x.question.policy.is_empty() && !names.contains(&x.question.policy.as_str()) {
            names.push(&x.question.policy);
        }
    }
    let rank = |id: &str| MATURITY.iter().take(5).position(|r| r.id == id);
    names
        .iter()
        .map(|name| {
            let members: Vec<_> = scored
                .iter()
                .filter(|x| x.question.policy == *name && x.question.kind == QuestionType::Maturity)
                .collect();
            let own: Vec<_> = members.iter().filter(|x| x.section.id == POLICY_SECTION).collect();
            let pool: Vec<_> = if own.is_empty() { members.iter().collect() } else { own };
            let best = pool
                .iter()
                .filter_map(|x| a.value(&x.question.id).and_then(|v| v.as_text()))
                .filter_map(|id| rank(id).map(|r| (r, id)))
                .max_by_key(|(r, _)| *r);
            match best {
                Some((r, _)) => PolicyStatus {
                    name: name.to_string(),
                    status: MATURITY[r].label.to_string(),
                    design: MATURITY[r].design.unwrap_or(0.0),
                },
                None => PolicyStatus { name: name.to_string(), status: "Not answered".into(), design: 0.0 },
            }
        })
        .collect()
}

/// The evidence an auditor will sample over the Type II window, from every shown, applicable scored
/// question, each item once.
fn evidence(scored: &[ScoredQuestion<'_>]) -> Vec<EvidenceItem> {
    let mut out: Vec<EvidenceItem> = Vec::new();
    for x in scored.iter().filter(|x| x.standing != Standing::NotApplicable) {
        let evidenced = x.credit().is_some_and(|c| c.operating >= 1.0);
        for item in &x.question.evidence {
            match out.iter_mut().find(|e| &e.item == item) {
                Some(e) => {
                    e.questions.push(x.question.id.clone());
                    e.ready &= evidenced;
                }
                None => out.push(EvidenceItem {
                    item: item.clone(),
                    questions: vec![x.question.id.clone()],
                    ready: evidenced,
                }),
            }
        }
    }
    out
}
