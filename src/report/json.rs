//! The report as JSON, for scripts. The keys are documented in docs/report.md; text goes through
//! [`crate::text::json_safe`] so printing it cannot drive a terminal.

use serde::Serialize;
use serde_json::{Value, json};

use super::model::{QuestionLine, Report};
use super::summary::OnePage;
use crate::scoring::Score;

fn score(s: Option<Score>) -> Value {
    match s {
        Some(s) => json!({ "type1": s.type1, "type2": s.type2 }),
        None => json!({ "type1": null, "type2": null }),
    }
}

fn lines(items: &[QuestionLine]) -> Vec<Line<'_>> {
    items
        .iter()
        .map(|l| Line {
            question: &l.id,
            text: &l.text,
            section: &l.section,
            answer: l.answer.as_deref(),
            note: &l.note,
            reviewed: l.reviewed,
        })
        .collect()
}

/// The report as a JSON value.
pub fn to_value(r: &Report) -> Value {
    serde_json::to_value(build(r)).expect("a report always serialises")
}

fn build(r: &Report) -> Doc<'_> {
    let overall = score(r.overall);
    let timeline = r.estimate.as_ref().map(|e| {
        let t = &e.timeline;
        json!({
            "start_date": t.start_date.to_string(),
            "phases": t.phases.iter().map(|p| json!({
                "name": p.name,
                "weeks_low": p.weeks[0],
                "weeks_high": p.weeks[1],
                "start": p.start.to_string(),
                "end": p.end.to_string(),
                "start_week": p.start_week,
                "end_week": p.end_week,
            })).collect::<Vec<_>>(),
            "type1_report_months": t.type1_report.as_ref().map(|m| m.months),
            "type1_report_dates": t.type1_report.as_ref().map(|m| m.dates.map(|d| d.to_string())),
            "type2_report_months": t.type2_report.months,
            "type2_report_dates": t.type2_report.dates.map(|d| d.to_string()),
            "remaining_effort_days": e.remaining_days,
            "remediation_fte": e.fte,
            "start_note": e.start_note,
            "comparison": e.comparison.time,
        })
    });
    let cost = r.estimate.as_ref().map(|e| {
        json!({
            "currency": e.cost.currency,
            "items": e.cost.items.iter().map(|i| json!({
                "name": i.name, "low": i.low, "high": i.high, "external": i.external, "basis": i.basis,
            })).collect::<Vec<_>>(),
            "total": e.cost.total,
            "external_total": e.cost.external_total,
            "recurring": e.cost.recurring.iter().map(|i| json!({
                "name": i.name, "low": i.low, "high": i.high, "basis": i.basis,
            })).collect::<Vec<_>>(),
            "recurring_total": e.cost.recurring_total,
            "comparison": e.comparison.cost,
        })
    });
    let page = OnePage::of(r);
    let one_page = json!({
        "verdict": page.verdict,
        "statement": page.statement,
        "scores": page.scores,
        "ai_assurance": page.ai,
        "completion": page.completion,
        "type1": page.type1,
        "type2": page.type2,
        "cost": page.cost,
        "first_actions": page.actions.iter().map(|a| json!({
            "question": a.id, "what": a.what, "critical": a.critical, "effort_days": a.effort_days,
            "owner": a.owner, "target": a.target.map(|d| d.to_string()), "target_basis": a.target_basis,
        })).collect::<Vec<_>>(),
    });
    let effort = r.effort.as_ref().map(|e| json!({
        "sum_of_gaps": e.raw,
        "after_shared_work": e.shared,
        "shared_work_share": e.shared_work_share,
        "factors": e.factors.iter().map(|f| json!({ "name": f.name, "value": f.value, "why": f.why })).collect::<Vec<_>>(),
        "remaining": e.remaining,
        "policy_writing": e.policy_writing,
        "explanation": e.explanation(),
        "optional": e.optional.iter().map(|w| json!({
            "kind": w.kind.id(), "gaps": w.gaps, "remaining": w.remaining, "line": w.line(),
        })).collect::<Vec<_>>(),
    }));
    Doc {
        report: if r.is_vendor() { "soc2-ready vendor assessment" } else { "soc2-ready readiness report" },
        title: r.title(),
        org: &r.org,
        questionnaire: json!({ "id": r.questionnaire_id, "title": r.questionnaire_title, "version": r.questionnaire_version, "kind": r.kind.as_str() }),
        date: r.date.to_string(),
        completion: r.completion.percent,
        answered: r.completion.answered,
        shown: r.completion.shown,
        what_if: r.what_if.as_ref().map(|w| json!({ "changes": w.changes, "lines": w.lines })),
        one_page,
        readiness: r.shown_verdict().map(|v| {
            json!({
                "type1": overall["type1"],
                "type2": overall["type2"],
                "answered_type1": score(r.answered_score)["type1"],
                "answered_type2": score(r.answered_score)["type2"],
                "verdict": v.label(),
                "band": r.band().label(),
                "meaning": r.verdict_meaning(),
                "target": r.target.label(),
                "reads": r.reads.label(),
                "window": match r.window {
                    crate::scoring::readiness::Window::Unknown => "unknown",
                    crate::scoring::readiness::Window::NotStarted => "not_started",
                    crate::scoring::readiness::Window::UnderWay => "under_way",
                    crate::scoring::readiness::Window::Complete => "complete",
                },
                "scores": r.scores_sentence(),
                "ai_committed": r.ai_committed,
                "blocking_criteria": r.blocking_criteria().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                "not_covered_criteria": r.not_covered().count(),
            })
        }),
        statement: (!r.is_vendor()).then_some(super::model::STATEMENT),
        criteria: r
            .criteria
            .iter()
            .map(|c| {
                json!({
                    "criterion": c.id,
                    "status": c.status.id(),
                    "blocks": c.status.blocks(),
                    "questions": c.questions,
                    "weakest": c.weakest.as_ref().map(|(id, answer)| json!({ "question": id, "answer": answer })),
                })
            })
            .collect(),
        ai_assurance: r.ai_assurance.as_ref().map(|ai| {
            json!({
                "type1": ai.score.map(|s| s.type1),
                "type2": ai.score.map(|s| s.type2),
                "verdict": ai.verdict.label(),
                "meaning": ai.verdict.meaning(),
                "counts_toward_soc2": r.ai_committed,
                "critical": ai.critical,
                "areas": ai.areas.iter().map(|a| json!({
                    "area": a.area.id(),
                    "label": a.area.label(),
                    "type1": a.score.map(|s| s.type1),
                    "type2": a.score.map(|s| s.type2),
                    "gaps": a.gaps.iter().map(|(id, text)| json!({ "question": id, "text": text })).collect::<Vec<_>>(),
                    "iso42001": a.iso42001,
                    "nist_ai_rmf": a.nist_ai_rmf,
                    "references": a.references,
                })).collect::<Vec<_>>(),
                "frameworks": ai.coverage.iter().map(|c| json!({
                    "framework": c.framework.field(),
                    "label": c.framework.label(),
                    "unit": c.framework.unit(),
                    "total": c.total,
                    "covered": c.covered.len(),
                    "covered_ids": c.covered,
                    "not_covered": c.not_covered,
                })).collect::<Vec<_>>(),
            })
        }),
        vendor: r.vendor.as_ref().map(|v| {
            json!({
                "risk": v.risk.id(), "meaning": v.risk.meaning(), "inherent": v.inherent.id(), "reasons": v.reasons,
                "show_stoppers": v.show_stoppers, "contract_terms": v.contract_terms,
                "attestations": v.attestations.iter().map(|x| json!({
                    "kind": x.kind, "period_end": x.period_end.map(|d| d.to_string()), "age_months": x.age_months,
                    "opinion": x.opinion, "bridge_letter": x.bridge_letter,
                })).collect::<Vec<_>>(),
            })
        }),
        blockers: lines(&r.blockers),
        sections: r
            .sections
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "title": s.title, "type1": s.score.type1, "type2": s.score.type2,
                })
            })
            .collect(),
        categories: r
            .categories
            .iter()
            .map(|(c, s)| (c.id().to_string(), json!({ "type1": s.type1, "type2": s.type2 })))
            .collect(),
        ai_areas: r
            .ai_areas
            .iter()
            .map(|(a, s)| {
                let mut v = score(*s);
                v["area"] = json!(a.id());
                v["label"] = json!(a.label());
                v
            })
            .collect(),
        gaps: r
            .gaps
            .iter()
            .map(|g| Gap {
                question: &g.id,
                text: &g.text,
                section: &g.section_id,
                critical: g.critical,
                kind: g.kind.id(),
                answer: g.answer.as_deref(),
                priority: g.priority,
                criteria: &g.criteria,
                remediation: &g.remediation,
                effort_days: g.effort_days,
                remaining_days: g.remaining_days,
                evidence: &g.evidence,
                policy: &g.policy,
                unanswered: g.unanswered,
                owner: &g.owner,
                due: &g.due,
                reviewed: g.reviewed,
            })
            .collect(),
        plan: Plan {
            by_policy: r.plan_by_policy.iter().map(group).collect(),
            by_area: r.plan_by_area.iter().map(group).collect(),
            by_owner: r.plan_by_owner.iter().map(group).collect(),
            total: json!({ "gaps": r.plan_gaps(), "remaining_days": r.remaining_days() }),
            effort,
        },
        timeline,
        cost,
        policies: r.policies.iter().map(|p| json!({ "name": p.name, "status": p.status })).collect(),
        evidence: r
            .evidence
            .iter()
            .map(|e| Evidence { item: &e.item, questions: &e.questions, ready: e.ready })
            .collect(),
        follow_ups: lines(&r.follow_ups),
        unanswered: lines(&r.unanswered),
        not_applicable: lines(&r.not_applicable),
        assumptions: r
            .assumptions
            .iter()
            .map(|a| json!({ "name": a.name, "value": a.value, "source": a.source }))
            .collect(),
        answers: r
            .answers
            .iter()
            .map(|a| Answer {
                section: &a.section,
                question: &a.id,
                text: &a.text,
                answer: a.answer.as_deref(),
                note: &a.note,
                answered_by: &a.answered_by,
                follow_up: a.follow_up,
                evidence: &a.evidence,
                reviewed: a.reviewed,
                to_confirm: a.to_confirm,
            })
            .collect(),
        meetings: &r.meetings,
        review: r.review.as_ref(),
        observations: &r.observations,
        since_last_year: r.since_last_year.as_ref().map(|s| {
            let mut v = serde_json::to_value(&s.changes).expect("changes always serialise");
            v["to_confirm"] =
                s.to_confirm.iter().map(|(id, text)| json!({ "question": id, "text": text })).collect::<Value>();
            v
        }),
    }
}

fn group(p: &super::model::PlanGroup) -> Group<'_> {
    Group { name: &p.name, questions: &p.questions, remaining_days: p.remaining_days }
}

/// The document, in key order. Long lists are borrowed structs rather than `Value` trees, so a report of
/// thousands of questions is written without building (and freeing) a map per row.
#[derive(Serialize)]
struct Doc<'a> {
    report: &'static str,
    title: String,
    org: &'a str,
    questionnaire: Value,
    date: String,
    completion: u32,
    answered: usize,
    shown: usize,
    what_if: Option<Value>,
    one_page: Value,
    readiness: Option<Value>,
    /// That the report is an unverified self-assessment (readiness reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    statement: Option<&'static str>,
    criteria: Vec<Value>,
    ai_assurance: Option<Value>,
    vendor: Option<Value>,
    blockers: Vec<Line<'a>>,
    sections: Vec<Value>,
    categories: serde_json::Map<String, Value>,
    ai_areas: Vec<Value>,
    gaps: Vec<Gap<'a>>,
    plan: Plan<'a>,
    timeline: Option<Value>,
    cost: Option<Value>,
    policies: Vec<Value>,
    evidence: Vec<Evidence<'a>>,
    follow_ups: Vec<Line<'a>>,
    unanswered: Vec<Line<'a>>,
    not_applicable: Vec<Line<'a>>,
    assumptions: Vec<Value>,
    answers: Vec<Answer<'a>>,
    /// The consultant's parts: present only when the assessment has them.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    meetings: &'a [crate::assessment::interview::meetings::MeetingLine],
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a super::consultant::ReviewPart>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    observations: &'a [super::consultant::ObservationLine],
    #[serde(skip_serializing_if = "Option::is_none")]
    since_last_year: Option<Value>,
}

fn is_false(x: &bool) -> bool {
    !*x
}

#[derive(Serialize)]
struct Line<'a> {
    question: &'a str,
    text: &'a str,
    section: &'a str,
    answer: Option<&'a str>,
    note: &'a str,
    /// Present, `true`, only on an answer checked against evidence.
    #[serde(skip_serializing_if = "is_false")]
    reviewed: bool,
}

#[derive(Serialize)]
struct Gap<'a> {
    question: &'a str,
    text: &'a str,
    section: &'a str,
    critical: bool,
    /// `design`, `operate`, `ai_assurance` or `advice`.
    kind: &'static str,
    answer: Option<&'a str>,
    priority: f64,
    criteria: &'a [String],
    remediation: &'a str,
    effort_days: Option<[u32; 2]>,
    remaining_days: [f64; 2],
    evidence: &'a [String],
    policy: &'a str,
    unanswered: bool,
    owner: &'a str,
    due: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    reviewed: bool,
}

#[derive(Serialize)]
struct Plan<'a> {
    by_policy: Vec<Group<'a>>,
    by_area: Vec<Group<'a>>,
    by_owner: Vec<Group<'a>>,
    /// The plan's totals: the gaps it lists and the sum of their remaining effort (the CSV's rows add up
    /// to it).
    total: Value,
    effort: Option<Value>,
}

#[derive(Serialize)]
struct Group<'a> {
    name: &'a str,
    questions: &'a [String],
    remaining_days: [f64; 2],
}

#[derive(Serialize)]
struct Evidence<'a> {
    item: &'a str,
    questions: &'a [String],
    ready: bool,
}

#[derive(Serialize)]
struct Answer<'a> {
    section: &'a str,
    question: &'a str,
    text: &'a str,
    answer: Option<&'a str>,
    note: &'a str,
    answered_by: &'a str,
    follow_up: bool,
    evidence: &'a [String],
    #[serde(skip_serializing_if = "is_false")]
    reviewed: bool,
    #[serde(skip_serializing_if = "is_false")]
    to_confirm: bool,
}

pub fn render(r: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&build(r)).expect("a report always serialises");
    text.push('\n');
    crate::text::json_safe(text)
}
