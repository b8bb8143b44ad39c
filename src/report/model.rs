//! The report: one plain model built from an assessment, the estimate parameters and today's date.
//! Every renderer (Markdown, HTML, JSON) and the interface draw from it; nothing here touches a terminal.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::assessment::{Assessment, Visibility, describe, model::review, progress};
use crate::estimate::{Assumption, Effort, Estimate, Parameters, Profile};
use crate::questionnaire::format::{MATURITY, NOT_APPLICABLE};
use crate::questionnaire::{AiArea, Category, Kind, Question, QuestionType};
use crate::scoring::assurance::{AiAssurance, AiVerdict, FrameworkCoverage};
use crate::scoring::coverage::Status;
use crate::scoring::readiness::{Block, Readiness, Window};
use crate::scoring::soc2::{Role, Target};
use crate::scoring::vendor::{Attestation, InherentTier};
use crate::scoring::{self, Band, Score, ScoredQuestion, SectionScore, Standing, VendorRisk, Verdict};

/// What every readiness report says on its first page, in every format.
pub const STATEMENT: &str = "This is an unverified self-assessment: the answers are the company's own and nobody \
     has checked them against evidence. It is not an examination under the AICPA attestation standards (AT-C 105 \
     and AT-C 205), not a SOC 2 report and not a CPA firm's opinion.";

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
    /// The score over every shown scored question (unanswered ones count as not in place).
    pub overall: Option<Score>,
    /// The score over the answered scored questions only.
    pub answered_score: Option<Score>,
    /// Read it through [`Report::shown_verdict`]: a questionnaire with nothing scored, or a vendor
    /// questionnaire, has no readiness verdict. The SOC 2 verdict about [`Report::target`].
    pub verdict: Verdict,
    /// The report the company aims for, which the verdict is about.
    pub target: Target,
    /// Which score the verdict reads.
    pub reads: Target,
    /// Where the observation window stands.
    pub window: Window,
    /// Whether the system description commits to AI controls (then they count toward SOC 2).
    pub ai_committed: bool,
    /// Every in-scope criterion and how it stands (empty for a vendor questionnaire).
    pub criteria: Vec<CriterionLine>,
    /// The AI controls scored apart from SOC 2; `None` when no AI control is asked, or for a vendor.
    pub ai_assurance: Option<AiAssurancePart>,
    /// For vendor questionnaires.
    pub vendor: Option<VendorVerdict>,
    pub sections: Vec<SectionScore>,
    pub categories: Vec<(Category, Score)>,
    pub ai_areas: Vec<(AiArea, Option<Score>)>,
    pub blockers: Vec<QuestionLine>,
    /// Every gap, answered ones first as ranked, then the unanswered questions (see [`GapLine::unanswered`]).
    pub gaps: Vec<GapLine>,
    pub plan_by_policy: Vec<PlanGroup>,
    pub plan_by_area: Vec<PlanGroup>,
    pub plan_by_owner: Vec<PlanGroup>,
    /// How the per-question efforts became the remaining effort (not for vendor questionnaires).
    pub effort: Option<Effort>,
    /// For readiness questionnaires, and custom ones whose questions carry SOC 2 criteria and efforts.
    pub estimate: Option<Estimate>,
    pub policies: Vec<PolicyStatus>,
    pub evidence: Vec<EvidenceItem>,
    pub follow_ups: Vec<QuestionLine>,
    pub unanswered: Vec<QuestionLine>,
    pub not_applicable: Vec<QuestionLine>,
    pub assumptions: Vec<Assumption>,
    pub answers: Vec<AnswerLine>,
    /// Set when the report was built under `--set` assumptions: what changed against the assessment as is.
    pub what_if: Option<super::whatif::WhatIf>,
    /// The meetings of an interview (none for a founder answering alone).
    pub meetings: Vec<crate::assessment::interview::meetings::MeetingLine>,
    /// What the client claimed against what was checked, by section; `None` with nothing reviewed, nothing
    /// to confirm and no meeting.
    pub review: Option<super::consultant::ReviewPart>,
    /// Observations, open ones first.
    pub observations: Vec<super::consultant::ObservationLine>,
    /// For an assessment carried over from last year.
    pub since_last_year: Option<super::consultant::SinceLastYear>,
    /// The sample assessment of a fictional company (`new --sample`): every renderer says so in one line.
    pub sample: bool,
}

/// One in-scope criterion in the coverage table.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionLine {
    pub id: String,
    pub status: Status,
    /// The SOC 2 questions behind it.
    pub questions: Vec<String>,
    /// The weakest of them and its answer ("unanswered" when it has none).
    pub weakest: Option<(String, String)>,
}

/// AI assurance, as the report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AiAssurancePart {
    pub score: Option<Score>,
    pub verdict: AiVerdict,
    /// Critical AI controls below "documented".
    pub critical: Vec<String>,
    pub areas: Vec<AiAreaLine>,
    /// Coverage of ISO/IEC 42001 Annex A and the NIST AI RMF by the questions asked.
    pub coverage: Vec<FrameworkCoverage>,
}

impl AiAssurancePart {
    /// One sentence per framework: how many of its ids the questions asked serve, and which they do not.
    pub fn coverage_lines(&self) -> Vec<String> {
        self.coverage
            .iter()
            .map(|c| {
                let missing = if c.not_covered.is_empty() {
                    "every one is asked about".to_string()
                } else {
                    format!("not asked about: {}", c.not_covered.join(", "))
                };
                format!(
                    "{}: {} of {} {} asked about by some question; {missing}.",
                    c.framework.label(),
                    c.covered.len(),
                    c.total,
                    c.framework.unit()
                )
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AiAreaLine {
    pub area: AiArea,
    pub score: Option<Score>,
    /// The controls below "documented": id and text.
    pub gaps: Vec<(String, String)>,
    /// The ISO/IEC 42001 Annex A controls and NIST AI RMF subcategories its questions serve.
    pub iso42001: Vec<&'static str>,
    pub nist_ai_rmf: Vec<&'static str>,
    /// The EU AI Act articles and buyer addenda topics.
    pub references: &'static str,
}

impl AiAreaLine {
    /// Where buyers look for the area: the framework ids its questions serve, then the rest.
    pub fn where_to_look(&self) -> String {
        let mut parts = Vec::new();
        if !self.iso42001.is_empty() {
            parts.push(format!("ISO/IEC 42001 {}", self.iso42001.join(", ")));
        }
        if !self.nist_ai_rmf.is_empty() {
            parts.push(format!("NIST AI RMF {}", self.nist_ai_rmf.join(", ")));
        }
        parts.push(self.references.to_string());
        parts.join("; ")
    }
}

/// What a gap is short of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// A SOC 2 control not designed yet: a gap for any report.
    Design,
    /// A SOC 2 control designed and documented, short only of evidence over time: operate it.
    Operate,
    /// An AI control scored in AI assurance only.
    Ai,
    /// Serves only criteria out of scope: advice.
    Advice,
}

impl GapKind {
    pub fn id(self) -> &'static str {
        match self {
            GapKind::Design => "design",
            GapKind::Operate => "operate",
            GapKind::Ai => "ai_assurance",
            GapKind::Advice => "advice",
        }
    }

    /// Whether its work is part of the SOC 2 plan, timeline and cost.
    pub fn counts_toward_soc2(self) -> bool {
        matches!(self, GapKind::Design | GapKind::Operate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    pub answered: usize,
    pub shown: usize,
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VendorVerdict {
    /// The residual risk: what the vendor's answers show.
    pub risk: VendorRisk,
    /// What could go wrong before any answer is read.
    pub inherent: InherentTier,
    pub reasons: Vec<String>,
    pub show_stoppers: Vec<String>,
    /// What to ask for in the contract.
    pub contract_terms: Vec<String>,
    pub attestations: Vec<Attestation>,
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
    /// Checked against evidence (not only claimed).
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GapLine {
    pub id: String,
    pub text: String,
    pub section_id: String,
    pub section: String,
    /// Critical for the verdict it counts toward: never for advice, never for a designed control short only
    /// of evidence unless it blocks a Type II report.
    pub critical: bool,
    pub kind: GapKind,
    pub answer: Option<String>,
    pub priority: f64,
    pub shortfall: f64,
    pub criteria: Vec<String>,
    pub remediation: String,
    pub effort_days: Option<[u32; 2]>,
    /// This gap's part of the remaining effort, after shared work and the profile's factors.
    pub remaining_days: [f64; 2],
    pub evidence: Vec<String>,
    pub policy: String,
    /// Not answered yet: listed apart from the real gaps, counted in the effort as not started.
    pub unanswered: bool,
    /// Who owns closing it, when set (`answer ... --owner`).
    pub owner: String,
    /// When it is due, YYYY-MM-DD, when set (`answer ... --due`).
    pub due: String,
    /// Checked against evidence (not only claimed).
    pub reviewed: bool,
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
    /// A maturity label, "Not applicable: REASON", or "Not answered".
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
    /// Checked against evidence (not only claimed).
    pub reviewed: bool,
    /// Carried over from last year and not confirmed yet.
    pub to_confirm: bool,
}

/// The note of a blocker that is designed but will not have run for the whole Type II window.
pub const OPERATING_BLOCKER: &str =
    "critical and documented, but it will not have run with evidence for the whole window";

pub const NO_POLICY: &str = "No policy document named";
/// The plan's group for gaps nobody owns yet.
pub const NO_OWNER: &str = "No owner yet";

/// An answer as people read it; "not applicable" carries its reason everywhere.
pub fn answer_text(a: &Assessment, q: &Question) -> Option<String> {
    let value = a.value(&q.id)?;
    if q.kind == QuestionType::Maturity && value.as_text() == Some(NOT_APPLICABLE) {
        let note = a.note(&q.id).trim();
        return Some(if note.is_empty() {
            "Not applicable (no reason given)".to_string()
        } else {
            format!("Not applicable: {note}")
        });
    }
    Some(describe(q, value))
}

fn answer_of(a: &Assessment, q: &ScoredQuestion<'_>) -> Option<String> {
    answer_text(a, q.question)
}

fn line(a: &Assessment, q: &ScoredQuestion<'_>, note: String) -> QuestionLine {
    QuestionLine {
        id: q.question.id.clone(),
        text: q.question.text.clone(),
        section: q.section.title.clone(),
        answer: answer_of(a, q),
        note,
        reviewed: review::is_reviewed(a, &q.question.id),
    }
}

/// Gaps grouped by a key, in order of first appearance, with the sum of their remaining effort.
fn plan_by(gaps: &[GapLine], key: impl Fn(&GapLine) -> String) -> Vec<PlanGroup> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<PlanGroup> = Vec::new();
    for g in gaps {
        let name = key(g);
        let at = *index.entry(name.clone()).or_insert_with(|| {
            out.push(PlanGroup { name, questions: Vec::new(), remaining_days: [0.0, 0.0] });
            out.len() - 1
        });
        let group = &mut out[at];
        group.questions.push(g.id.clone());
        for end in 0..2 {
            group.remaining_days[end] += g.remaining_days[end];
        }
    }
    for g in &mut out {
        g.remaining_days = g.remaining_days.map(|d| (d * 100.0).round() / 100.0);
    }
    out
}

/// Whether the questionnaire's content supports a SOC 2 timeline and cost: a readiness questionnaire with
/// something scored, or a custom one whose scored questions carry SOC 2 criteria and efforts.
pub(crate) fn supports_estimate(kind: Kind, scored: &[ScoredQuestion<'_>]) -> bool {
    match kind {
        Kind::Vendor => false,
        Kind::Readiness => !scored.is_empty(),
        _ => scored.iter().any(|q| !q.question.criteria.is_empty() && q.question.effort_days.is_some()),
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
        let answered_score = scoring::score(scored.iter().filter(|x| x.standing != Standing::Unanswered));
        let readiness = Readiness::of(a, &scored);
        let found = scoring::gaps(&scored);
        let is_vendor = q.kind == Kind::Vendor;
        let (overall, answered_score) =
            if is_vendor { (card.overall, answered_score) } else { (readiness.score, readiness.answered_score) };
        let operating_blockers: HashSet<&str> = readiness
            .blockers
            .iter()
            .filter(|b| b.why == Block::Operating)
            .map(|b| b.question.question.id.as_str())
            .collect();

        let effort = (!is_vendor).then(|| Effort::of(&found, &profile, params));
        let mut gaps: Vec<GapLine> = found
            .iter()
            .map(|g| {
                let x = g.question.question;
                let entry = a.answers().get(&x.id);
                let designed = !g.is_unanswered() && g.question.credit().is_some_and(|c| c.design >= 1.0);
                let kind = match g.question.role {
                    Role::Soc2 if designed => GapKind::Operate,
                    Role::Soc2 => GapKind::Design,
                    Role::AiOnly => GapKind::Ai,
                    Role::Advice => GapKind::Advice,
                };
                let critical = x.critical
                    && g.question.critical_in_scope
                    && match kind {
                        GapKind::Design | GapKind::Ai => true,
                        GapKind::Operate => operating_blockers.contains(x.id.as_str()),
                        GapKind::Advice => false,
                    };
                GapLine {
                    id: x.id.clone(),
                    text: x.text.clone(),
                    section_id: g.question.section.id.clone(),
                    section: g.question.section.title.clone(),
                    critical,
                    kind,
                    answer: answer_of(a, &g.question),
                    priority: g.priority,
                    shortfall: g.shortfall,
                    criteria: x.criteria.clone(),
                    remediation: remediation_of(g),
                    effort_days: x.effort_days,
                    remaining_days: effort
                        .as_ref()
                        .and_then(|e| e.per_gap.get(&x.id).copied())
                        .unwrap_or(g.remaining_days),
                    evidence: x.evidence.clone(),
                    policy: x.policy.clone(),
                    unanswered: g.is_unanswered(),
                    owner: entry.map(|e| e.owner.clone()).unwrap_or_default(),
                    due: entry.map(|e| e.due.clone()).unwrap_or_default(),
                    reviewed: review::is_reviewed(a, &x.id),
                }
            })
            .collect();
        // Real gaps first, critical for their verdict first, in rank order; unanswered questions after them
        // (a stable sort keeps the ranks).
        gaps.sort_by_key(|g| (g.unanswered, !g.critical));

        let (plan_by_policy, plan_by_area, plan_by_owner) = if is_vendor {
            (Vec::new(), Vec::new(), Vec::new())
        } else {
            // The plan is the SOC 2 work; AI assurance and advice are the effort's optional lines.
            let soc2: Vec<GapLine> = gaps.iter().filter(|g| g.kind.counts_toward_soc2()).cloned().collect();
            let by_policy = plan_by(&soc2, |g| crate::estimate::effort::group_name(&g.policy, &g.section));
            let by_area = plan_by(&soc2, |g| g.section.clone());
            let mut by_owner =
                plan_by(&soc2, |g| if g.owner.trim().is_empty() { NO_OWNER.to_string() } else { g.owner.clone() });
            by_owner.sort_by_key(|g| g.name == NO_OWNER);
            (by_policy, by_area, by_owner)
        };

        let vendor = is_vendor.then(|| {
            let v = scoring::vendor::assess(a, today);
            let mut contract_terms = v.contract_terms.clone();
            if contract_terms.is_empty() {
                let mut seen: HashSet<&str> = HashSet::new();
                for g in found.iter().filter(|g| g.question.credit().is_some_and(|c| c.design < 1.0)) {
                    let term = g.question.question.remediation.trim();
                    if !term.is_empty() && seen.insert(term) {
                        contract_terms.push(term.to_string());
                    }
                }
            }
            let mut reasons = v.reasons.clone();
            if reasons.is_empty() {
                reasons.extend(
                    card.sections
                        .iter()
                        .filter(|s| s.score.type1 < 60.0)
                        .map(|s| format!("Weak area: {} scores {} of 100", s.title, s.score.type1)),
                );
            }
            if reasons.is_empty() {
                reasons.push(match card.overall {
                    Some(s) => format!("Overall score {} of 100, with no critical failures", s.type1),
                    None => "No scored answers yet".to_string(),
                });
            }
            VendorVerdict {
                risk: v.residual,
                inherent: v.inherent,
                reasons,
                show_stoppers: v.show_stoppers,
                contract_terms,
                attestations: v.attestations,
            }
        });

        let estimate = match &effort {
            Some(e) if supports_estimate(q.kind, &scored) => {
                Some(Estimate::from_effort(&profile, params, e.clone(), today))
            }
            _ => None,
        };

        let follow_ups = scored_and_flagged(a, &vis, &scored);
        let unanswered = shown_questions(a, &vis)
            .filter(|(_, _, x)| a.value(&x.id).is_none())
            .map(|(_, s, x)| QuestionLine {
                id: x.id.clone(),
                text: x.text.clone(),
                section: s.title.clone(),
                answer: None,
                note: if x.is_scored() { String::new() } else { "not scored".to_string() },
                reviewed: false,
            })
            .collect();
        let not_applicable = scored
            .iter()
            .filter(|x| x.standing == Standing::NotApplicable)
            .map(|x| line(a, x, a.note(&x.question.id).to_string()))
            .collect();

        let answers = shown_questions(a, &vis)
            .map(|(_, s, x)| {
                let entry = a.answers().get(&x.id);
                AnswerLine {
                    section: s.title.clone(),
                    id: x.id.clone(),
                    text: x.text.clone(),
                    answer: answer_text(a, x),
                    note: entry.map(|e| e.note.clone()).unwrap_or_default(),
                    answered_by: entry.map(|e| e.answered_by.clone()).unwrap_or_default(),
                    follow_up: entry.is_some_and(|e| e.follow_up),
                    evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
                    reviewed: review::is_reviewed(a, &x.id),
                    to_confirm: review::is_to_confirm(a, &x.id),
                }
            })
            .collect();

        let mut report = Report {
            org: a.org.clone(),
            questionnaire_id: a.questionnaire.id.clone(),
            questionnaire_title: q.title.clone(),
            questionnaire_version: a.questionnaire.version.clone(),
            kind: q.kind,
            date: today,
            completion: Completion { answered: total.answered, shown: total.shown, percent: total.percent() },
            overall,
            answered_score,
            verdict: readiness.verdict,
            target: readiness.target,
            reads: readiness.reads,
            window: readiness.window,
            ai_committed: readiness.ai_committed,
            criteria: if is_vendor { Vec::new() } else { criteria_lines(a, &readiness) },
            ai_assurance: if is_vendor { None } else { ai_part(&scored) },
            vendor,
            sections: card.sections.clone(),
            categories: card.categories.iter().filter(|(c, _)| in_scope(a, &profile, *c)).cloned().collect(),
            ai_areas: card.ai_areas.clone(),
            blockers: readiness
                .blockers
                .iter()
                .map(|b| {
                    let why = match (b.why, b.question.standing) {
                        (Block::Operating, _) => OPERATING_BLOCKER,
                        (_, Standing::Unanswered) => "critical and unanswered",
                        (_, Standing::Unknown) => "critical and not known",
                        _ => "critical and below documented",
                    };
                    line(a, b.question, why.to_string())
                })
                .collect(),
            gaps,
            plan_by_policy,
            plan_by_area,
            plan_by_owner,
            effort,
            assumptions: estimate.as_ref().map(|e| e.assumptions.clone()).unwrap_or_default(),
            estimate,
            policies: if is_vendor { Vec::new() } else { policy_status(a, &scored) },
            evidence: if is_vendor { Vec::new() } else { evidence(&scored) },
            follow_ups,
            unanswered,
            not_applicable,
            answers,
            what_if: None,
            meetings: super::consultant::meetings(a),
            review: super::consultant::review_part(a, &vis),
            observations: super::consultant::observations(a),
            since_last_year: super::consultant::since(a, params, today),
            sample: crate::assessment::interview::sample::is_sample(a),
        };
        // Coverage is part of a SOC 2 verdict: without one (a vendor assessment, a questionnaire whose
        // questions carry no SOC 2 criteria) there is no criteria table either.
        if report.shown_verdict().is_none() {
            report.criteria.clear();
        }
        report
    }

    /// The in-scope criteria that stop the audit.
    pub fn blocking_criteria(&self) -> impl Iterator<Item = &CriterionLine> {
        self.criteria.iter().filter(|c| c.status.blocks())
    }

    /// The in-scope criteria no question of the questionnaire maps to: counted, never blocking.
    pub fn not_covered(&self) -> impl Iterator<Item = &CriterionLine> {
        self.criteria.iter().filter(|c| c.status == Status::NotCovered)
    }

    /// The in-scope criteria the questionnaire asks about: the rows of the coverage table.
    pub fn covered(&self) -> impl Iterator<Item = &CriterionLine> {
        self.criteria.iter().filter(|c| c.status != Status::NotCovered)
    }

    /// How many covered criteria have a designed control or do not apply, out of how many covered.
    pub fn coverage_counts(&self) -> (usize, usize) {
        (self.covered().filter(|c| !c.status.blocks()).count(), self.covered().count())
    }

    /// "N criteria are not covered by this questionnaire; the verdict does not speak for them.", or
    /// nothing when every in-scope criterion has a question.
    pub fn not_covered_sentence(&self) -> Option<String> {
        let n = self.not_covered().count();
        (n > 0).then(|| {
            format!(
                "{} not covered by this questionnaire; the verdict does not speak for {}.",
                crate::estimate::plural(n as f64, "in-scope criterion is", "in-scope criteria are"),
                if n == 1 { "it" } else { "them" }
            )
        })
    }

    /// The answered SOC 2 gaps with design work left.
    pub fn design_gaps(&self) -> impl Iterator<Item = &GapLine> {
        self.answered_gaps().filter(|g| g.kind == GapKind::Design)
    }

    /// SOC 2 controls designed and documented, short only of evidence over time.
    pub fn operate_gaps(&self) -> impl Iterator<Item = &GapLine> {
        self.answered_gaps().filter(|g| g.kind == GapKind::Operate)
    }

    /// What the verdict means, naming what blocks it: the same words in the one page and the verdict's own
    /// part of every format.
    pub fn verdict_meaning(&self) -> String {
        self.meaning(true)
    }

    /// The verdict's meaning for the one page: the same facts as [`Report::verdict_meaning`], without the
    /// auditor's reasoning the verdict's own part gives, so the dates and cost stay in view.
    pub fn verdict_summary(&self) -> String {
        self.meaning(false)
    }

    fn meaning(&self, why: bool) -> String {
        let Some(verdict) = self.shown_verdict() else { return String::new() };
        let meaning = self.blocked_meaning(verdict, why).unwrap_or_else(|| verdict.meaning());
        match self.not_covered_sentence() {
            Some(line) => format!("{meaning} {line}"),
            None => meaning,
        }
    }

    /// What blocks a blocked verdict, why an auditor cares (when `why`), and what the score alone would read.
    fn blocked_meaning(&self, verdict: Verdict, why: bool) -> Option<String> {
        let Verdict::Blocked { band } = verdict else { return None };
        let count = |n: usize, one: &str, many: &str| crate::estimate::plural(n as f64, one, many);
        let design = self.blockers.iter().filter(|b| b.note != OPERATING_BLOCKER).count();
        let operating = self.blockers.len() - design;
        let unanswered = self.blockers.iter().filter(|b| b.answer.is_none()).count();
        let ids = |assessed: bool| -> Vec<&str> {
            self.blocking_criteria()
                .filter(|c| (c.status != Status::NotAssessed) == assessed)
                .map(|c| c.id.as_str())
                .collect()
        };
        let (criteria, unassessed) = (ids(true), ids(false));
        let mut parts = Vec::new();
        if design > 0 {
            let note = match unanswered {
                0 => String::new(),
                1 if design == 1 => " (unanswered yet)".to_string(),
                n if n == design => " (all unanswered yet)".to_string(),
                n => format!(" ({n} of them unanswered yet)"),
            };
            parts.push(format!(
                "{} below \"documented\"{note}",
                count(design, "critical control is", "critical controls are")
            ));
        }
        if operating > 0 {
            parts.push(format!(
                "{} documented but will not have run with evidence for the whole window",
                count(operating, "critical control is", "critical controls are")
            ));
        }
        if !criteria.is_empty() {
            parts.push(format!(
                "{} without a designed control ({})",
                count(criteria.len(), "in-scope criterion is", "in-scope criteria are"),
                criteria.join(", ")
            ));
        }
        if !unassessed.is_empty() {
            parts.push(format!(
                "{} not assessed, every question behind {} unanswered ({})",
                count(unassessed.len(), "in-scope criterion is", "in-scope criteria are"),
                if unassessed.len() == 1 { "it" } else { "them" },
                unassessed.join(", ")
            ));
        }
        let what = match parts.len() {
            0 => String::new(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        };
        let mut what_chars = what.chars();
        let what = match what_chars.next() {
            Some(first) => first.to_uppercase().chain(what_chars).collect::<String>(),
            None => what,
        };
        let reason = if why {
            format!(
                " An auditor would report an exception or qualify the opinion on each criterion left without a \
                 designed control, and on the criteria each critical control short of what the {} report needs \
                 serves, so close these before fieldwork.",
                self.target.label()
            )
        } else {
            String::new()
        };
        Some(format!("{what}.{reason} Without them the score would read: {}.", band.label().to_lowercase()))
    }

    /// Both SOC 2 scores, which one the verdict reads, and why a Type II score is low when the window has
    /// not run.
    pub fn scores_sentence(&self) -> Option<String> {
        self.shown_verdict()?;
        let s = self.overall?;
        let mut out = format!(
            "SOC 2 scores: Type I (design) {} and Type II (operating) {} of 100; the verdict reads the {} score, \
             because the target is a {} report{}.",
            crate::estimate::n(s.type1),
            crate::estimate::n(s.type2),
            self.reads.label(),
            self.target.label(),
            if self.target == Target::TypeII && self.reads == Target::TypeI {
                " whose observation window has not opened"
            } else {
                ""
            }
        );
        match self.window {
            Window::NotStarted => out.push_str(
                " The Type II score is low because the observation window has not started: a control earns \
                 operating credit only as it runs with evidence through the window.",
            ),
            Window::UnderWay => out.push_str(
                " The Type II score is partly low because the window has run only part of its length: it rises as \
                 the controls keep running with evidence.",
            ),
            Window::Unknown | Window::Complete => {}
        }
        Some(out)
    }

    /// AI assurance in a sentence, and whether it counts toward SOC 2.
    pub fn ai_sentence(&self) -> Option<String> {
        let ai = self.ai_assurance.as_ref()?;
        let score =
            ai.score.map(|s| format!(", Type I score {} of 100", crate::estimate::n(s.type1))).unwrap_or_default();
        let critical = match ai.critical.len() {
            0 => String::new(),
            n => format!(
                " {} below documented.",
                crate::estimate::plural(n as f64, "critical AI control is", "critical AI controls are")
            ),
        };
        let counts = if self.ai_committed {
            "The system description commits to AI controls, so they count toward SOC 2 too, except where a \
             generic control asks the same."
        } else {
            "AI controls do not count toward the SOC 2 verdict: the system description does not commit to them."
        };
        Some(format!(
            "AI assurance (ISO/IEC 42001, NIST AI RMF, EU AI Act, buyer AI addenda), apart from SOC 2: {}{score}. {}{critical} {counts}",
            ai.verdict.label(),
            ai.verdict.meaning()
        ))
    }

    /// The band the score alone would give.
    pub fn band(&self) -> Band {
        self.verdict.band()
    }

    /// The readiness verdict, when there is one: not for a vendor questionnaire, nor when nothing is scored,
    /// nor for a custom questionnaire whose questions carry no SOC 2 criteria and efforts.
    pub fn shown_verdict(&self) -> Option<Verdict> {
        let supported = match self.kind {
            Kind::Vendor => false,
            Kind::Readiness => true,
            _ => self.estimate.is_some(),
        };
        (supported && self.overall.is_some()).then_some(self.verdict)
    }

    /// Whether the gaps carry efforts, so a plan with person-days means something.
    pub fn has_plan(&self) -> bool {
        self.effort.is_some() && self.gaps.iter().any(|g| g.effort_days.is_some())
    }

    pub fn is_vendor(&self) -> bool {
        self.kind == Kind::Vendor
    }

    /// The real gaps (answered, short of full credit), ranked.
    pub fn answered_gaps(&self) -> impl Iterator<Item = &GapLine> {
        self.gaps.iter().filter(|g| !g.unanswered)
    }

    /// Remaining person-days over the SOC 2 gaps: the same figure as the estimate's.
    pub fn remaining_days(&self) -> [f64; 2] {
        self.effort.as_ref().map_or([0.0, 0.0], |e| e.remaining)
    }

    /// How many gaps the SOC 2 plan counts (AI assurance and advice are optional lines apart).
    pub fn plan_gaps(&self) -> usize {
        self.gaps.iter().filter(|g| g.kind.counts_toward_soc2()).count()
    }

    /// The optional lines under the plan: work the SOC 2 report does not need.
    pub fn optional_lines(&self) -> Vec<String> {
        self.effort.as_ref().map(|e| e.optional.iter().map(|w| w.line()).collect()).unwrap_or_default()
    }

    /// The report's title, by what it is: a vendor assessment is not a readiness report, and a custom
    /// questionnaire is a SOC 2 readiness report only when its content supports the estimate.
    pub fn title(&self) -> String {
        match self.kind {
            Kind::Vendor => format!("AI vendor assessment: {}", self.org),
            Kind::Readiness => format!("SOC 2 readiness report: {}", self.org),
            _ if self.estimate.is_some() => format!("SOC 2 readiness report: {}", self.org),
            _ => format!("{}: {}", self.questionnaire_title, self.org),
        }
    }
}

fn criteria_lines(a: &Assessment, r: &Readiness<'_, '_>) -> Vec<CriterionLine> {
    r.criteria
        .iter()
        .map(|c| CriterionLine {
            id: c.id.to_string(),
            status: c.status,
            questions: c.questions.iter().map(|q| q.question.id.clone()).collect(),
            weakest: c
                .weakest
                .map(|q| (q.question.id.clone(), answer_of(a, q).unwrap_or_else(|| "unanswered".to_string()))),
        })
        .collect()
}

fn ai_part(scored: &[ScoredQuestion<'_>]) -> Option<AiAssurancePart> {
    let ai = AiAssurance::of(scored);
    ai.score?;
    Some(AiAssurancePart {
        score: ai.score,
        verdict: ai.verdict,
        critical: ai.critical.iter().map(|q| q.question.id.clone()).collect(),
        areas: ai
            .areas
            .iter()
            .map(|x| AiAreaLine {
                area: x.area,
                score: x.score,
                gaps: x.gaps.iter().map(|q| (q.question.id.clone(), q.question.text.clone())).collect(),
                iso42001: x.iso42001.clone(),
                nist_ai_rmf: x.nist_ai_rmf.clone(),
                references: x.references,
            })
            .collect(),
        coverage: ai.coverage.clone(),
    })
}

type Shown<'a> = (usize, &'a crate::questionnaire::Section, &'a crate::questionnaire::Question);

fn shown_questions<'a>(a: &'a Assessment, vis: &'a Visibility) -> impl Iterator<Item = Shown<'a>> + 'a {
    a.questionnaire().sections.iter().enumerate().flat_map(move |(si, s)| {
        s.questions.iter().enumerate().filter(move |(qi, _)| vis.question(si, *qi)).map(move |(_, x)| (si, s, x))
    })
}

/// Flagged questions (any type) and scored "don't know" answers, in questionnaire order.
fn scored_and_flagged(a: &Assessment, vis: &Visibility, scored: &[ScoredQuestion<'_>]) -> Vec<QuestionLine> {
    let unknown: HashSet<&str> =
        scored.iter().filter(|sq| sq.standing == Standing::Unknown).map(|sq| sq.question.id.as_str()).collect();
    shown_questions(a, vis)
        .filter_map(|(_, s, x)| {
            let unknown = unknown.contains(x.id.as_str());
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
            let mut note = if note.is_empty() { why.to_string() } else { format!("{why}: {note}") };
            // Who acts on it and by when, as the follow-up list handed to the client says.
            if let Some(e) = a.answers().get(&x.id) {
                if !e.owner.trim().is_empty() {
                    note.push_str(&format!("; owner {}", e.owner.trim()));
                }
                if !e.due.trim().is_empty() {
                    note.push_str(&format!("; due {}", e.due.trim()));
                }
            }
            Some(QuestionLine {
                id: x.id.clone(),
                text: x.text.clone(),
                section: s.title.clone(),
                answer: answer_text(a, x),
                note,
                reviewed: review::is_reviewed(a, &x.id),
            })
        })
        .collect()
}

/// Each policy document named by a shown question: the answer to its question in the policies section
/// when there is one, otherwise the best maturity among the questions that belong to it. One pass to group,
/// one pass over each group.
fn policy_status(a: &Assessment, scored: &[ScoredQuestion<'_>]) -> Vec<PolicyStatus> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, Vec<&ScoredQuestion<'_>>)> = Vec::new();
    for x in scored {
        let name = x.question.policy.as_str();
        if name.is_empty() {
            continue;
        }
        let at = *index.entry(name).or_insert_with(|| {
            groups.push((name, Vec::new()));
            groups.len() - 1
        });
        if x.question.kind == QuestionType::Maturity {
            groups[at].1.push(x);
        }
    }
    let rank = |id: &str| MATURITY.iter().take(5).position(|r| r.id == id);
    groups
        .into_iter()
        .map(|(name, members)| {
            let own: Vec<_> = members.iter().copied().filter(|x| x.section.id == POLICY_SECTION).collect();
            let pool = if own.is_empty() { members } else { own };
            let best = pool
                .iter()
                .filter_map(|x| a.value(&x.question.id).and_then(|v| v.as_text()))
                .filter_map(|id| rank(id).map(|r| (r, id)))
                .max_by_key(|(r, _)| *r);
            let status = |status: String| PolicyStatus { name: name.to_string(), status, design: 0.0 };
            match best {
                Some((r, _)) => PolicyStatus {
                    name: name.to_string(),
                    status: MATURITY[r].label.to_string(),
                    design: MATURITY[r].design.unwrap_or(0.0),
                },
                None => match pool.iter().find(|x| a.value(&x.question.id).is_some()) {
                    Some(x) => status(answer_of(a, x).unwrap_or_default()),
                    None => status("Not answered".into()),
                },
            }
        })
        .collect()
}

/// The evidence an auditor will sample over the Type II window, from every shown, applicable scored
/// question, each item once (indexed, so thousands of items stay linear).
fn evidence(scored: &[ScoredQuestion<'_>]) -> Vec<EvidenceItem> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<EvidenceItem> = Vec::new();
    for x in scored.iter().filter(|x| x.standing != Standing::NotApplicable) {
        let evidenced = x.credit().is_some_and(|c| c.operating >= 1.0);
        for item in &x.question.evidence {
            match index.get(item.as_str()) {
                Some(&at) => {
                    let e = &mut out[at];
                    e.questions.push(x.question.id.clone());
                    e.ready &= evidenced;
                }
                None => {
                    index.insert(item.as_str(), out.len());
                    out.push(EvidenceItem {
                        item: item.clone(),
                        questions: vec![x.question.id.clone()],
                        ready: evidenced,
                    });
                }
            }
        }
    }
    out
}

/// What closes a gap. A control already designed and documented falls short only for Type II: the
/// question's remediation (how to build the control) would tell the reader to build what they have, so
/// the line says what is left instead: operate it and keep the evidence.
fn remediation_of(g: &scoring::Gap) -> String {
    let x = g.question.question;
    let designed = !g.is_unanswered() && g.question.credit().is_some_and(|c| c.design >= 1.0);
    if !designed {
        return x.remediation.clone();
    }
    match x.evidence.first() {
        Some(evidence) => {
            format!("Designed: operate it and keep evidence for Type II ({}).", evidence.trim().trim_end_matches('.'))
        }
        None => "Designed: operate it and keep evidence for Type II.".to_string(),
    }
}
