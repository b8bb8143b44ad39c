//! The one page a founder reads first: the verdict in a sentence, the earliest report dates, the cost, and
//! the five things to do first with their effort, owner and a target date that fits the timeline. Every
//! format starts with it, and the report screen can draw [`OnePage::lines`] at its top.

use chrono::NaiveDate;

use super::model::GapKind;
use super::model::{GapLine, Report};
use crate::estimate::schedule::{self, Task};
use crate::estimate::{POLICY_SECTION, n, range, usd};

/// How many actions the first page lists.
pub const FIRST_ACTIONS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: String,
    /// What to do: the remediation, or the question to answer.
    pub what: String,
    pub critical: bool,
    /// This gap's part of the remaining effort, in person-days.
    pub effort_days: [f64; 2],
    /// Empty when nobody owns it yet.
    pub owner: String,
    /// The due date set on the gap, or when it can be done, doing the first actions in turn.
    pub target: Option<NaiveDate>,
    /// Where the target comes from: "due date set" or the week of the plan.
    pub target_basis: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OnePage {
    pub verdict: String,
    /// That the report is an unverified self-assessment (readiness reports only).
    pub statement: Option<String>,
    /// Both SOC 2 scores and which one the verdict reads.
    pub scores: Option<String>,
    /// AI assurance, apart from SOC 2.
    pub ai: Option<String>,
    pub completion: String,
    pub type1: Option<String>,
    pub type2: Option<String>,
    pub cost: Option<String>,
    pub actions: Vec<Action>,
}

fn score_text(x: f64) -> String {
    n(x)
}

impl OnePage {
    pub fn of(r: &Report) -> OnePage {
        let verdict = verdict_sentence(r);
        let c = &r.completion;
        let mut completion = format!("{}% answered ({} of {} shown questions)", c.percent, c.answered, c.shown);
        if c.answered < c.shown
            && let (Some(all), Some(answered)) = (r.overall, r.answered_score)
        {
            // A vendor is scored, not readied for a Type I report.
            let label = if r.vendor.is_some() { "score" } else { "Type I score" };
            completion.push_str(&format!(
                "; {label} {} over all questions, {} over the answered ones",
                score_text(all.type1),
                score_text(answered.type1)
            ));
        }
        let (mut type1, mut type2, mut cost) = (None, None, None);
        if let Some(e) = &r.estimate {
            let t = &e.timeline;
            type1 = t.type1_report.as_ref().map(|m| {
                format!("Earliest Type I report: {} to {} ({})", m.dates[0], m.dates[1], range(m.months, "months"))
            });
            let m = &t.type2_report;
            type2 = Some(format!(
                "Earliest Type II report: {} to {} ({})",
                m.dates[0],
                m.dates[1],
                range(m.months, "months")
            ));
            cost = Some(format!(
                "First-year cost: {} paid to others, {} with internal staff time; then {} a year",
                usd(e.cost.external_total),
                usd(e.cost.total),
                usd(e.cost.recurring_total)
            ));
        }
        let actions = if r.is_vendor() { Vec::new() } else { actions(r) };
        let statement = (!r.is_vendor()).then(|| super::model::STATEMENT.to_string());
        OnePage {
            verdict,
            statement,
            scores: r.scores_sentence(),
            ai: r.ai_sentence(),
            completion,
            type1,
            type2,
            cost,
            actions,
        }
    }

    /// The page as plain lines, for the report screen and the Markdown report.
    pub fn lines(&self) -> Vec<String> {
        // The verdict, then when and at what cost, then what the verdict rests on: a founder on an 80x24
        // screen sees the dates and cost without scrolling.
        let mut out = vec![self.verdict.clone()];
        out.push(self.completion.clone());
        out.extend(self.type1.iter().cloned());
        out.extend(self.type2.iter().cloned());
        out.extend(self.cost.iter().cloned());
        out.extend(self.statement.iter().cloned());
        out.extend(self.scores.iter().cloned());
        out.extend(self.ai.iter().cloned());
        if !self.actions.is_empty() {
            out.push("Do these first:".into());
            for (i, a) in self.actions.iter().enumerate() {
                out.push(format!("{}. {}", i + 1, a.describe()));
            }
        }
        out
    }
}

impl Action {
    /// One line: what, effort, owner, target.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "{}{} ({}): {}",
            if self.critical { "Critical: " } else { "" },
            self.what,
            self.id,
            range(self.effort_days, "person-days")
        );
        out.push_str(&format!(", owner {}", if self.owner.is_empty() { "not set" } else { &self.owner }));
        if let Some(t) = self.target {
            out.push_str(&format!(", by {t} ({})", self.target_basis));
        }
        out
    }
}

fn verdict_sentence(r: &Report) -> String {
    if let Some(v) = &r.vendor {
        // The sentence names the tier already: give the first reason beyond it.
        let first = v
            .reasons
            .iter()
            .find(|s| !s.starts_with("Inherent risk"))
            .or(v.reasons.first())
            .map(|s| format!(": {s}"))
            .unwrap_or_default();
        return format!("Residual risk {} for a vendor of {} inherent risk{first}.", v.risk.id(), v.inherent.id());
    }
    let Some(verdict) = r.shown_verdict() else {
        return match r.overall {
            Some(s) => format!(
                "Score {} of 100 over the scored questions; no SOC 2 verdict, timeline or cost, because this \
                 questionnaire's questions carry no SOC 2 criteria and efforts.",
                score_text(s.type1)
            ),
            None => "No verdict: no scored question has an answer that counts yet.".into(),
        };
    };
    format!("{} for a SOC 2 {} report: {}", verdict.label(), r.target.label(), r.verdict_summary())
}

/// The target dates of the first actions: a due date set on the gap wins; the others are done one after
/// another from the end of scoping ([`crate::estimate::schedule`]).
fn targets(r: &Report, gaps: &[&GapLine]) -> Vec<(Option<NaiveDate>, String)> {
    let due = |g: &GapLine| NaiveDate::parse_from_str(g.due.trim(), "%Y-%m-%d").ok();
    let Some(e) = &r.estimate else {
        return gaps
            .iter()
            .map(|g| due(g).map_or((None, String::new()), |d| (Some(d), "due date set".into())))
            .collect();
    };
    let tasks: Vec<Task> = gaps
        .iter()
        .map(|g| Task { policy: g.section_id == POLICY_SECTION, effort_days: g.remaining_days[1], due: due(g) })
        .collect();
    schedule::first_actions(&e.timeline, e.fte, e.days_per_week, &tasks)
        .into_iter()
        .map(|t| (Some(t.date()), t.basis()))
        .collect()
}

/// Answered gaps with design work left (ranked, critical first), then unanswered questions (critical
/// first), then answered gaps that only need time to operate.
fn actions(r: &Report) -> Vec<Action> {
    // SOC 2 work first: design gaps, then questions to answer, then controls to operate; AI assurance and
    // advice after them.
    let work_left = |g: &&GapLine| g.remaining_days[1] > 0.0 && g.kind == GapKind::Design;
    let mut unanswered: Vec<&GapLine> = r.gaps.iter().filter(|g| g.unanswered).collect();
    unanswered.sort_by_key(|g| (g.kind != GapKind::Design, !g.critical));
    let chosen = r
        .answered_gaps()
        .filter(work_left)
        .chain(unanswered)
        .chain(r.answered_gaps().filter(|g| g.kind == GapKind::Operate))
        .chain(r.answered_gaps().filter(|g| {
            matches!(g.kind, GapKind::Ai | GapKind::Advice) || (g.kind == GapKind::Design && !work_left(g))
        }))
        .take(FIRST_ACTIONS)
        .collect::<Vec<_>>();
    let targets = targets(r, &chosen);
    chosen
        .into_iter()
        .zip(targets)
        .map(|(g, (target, target_basis))| {
            let what = if g.unanswered {
                format!("Answer: {}", g.text)
            } else if g.remediation.trim().is_empty() {
                g.text.clone()
            } else {
                g.remediation.clone()
            };
            Action {
                id: g.id.clone(),
                what,
                critical: g.critical,
                effort_days: g.remaining_days,
                owner: g.owner.clone(),
                target,
                target_basis,
            }
        })
        .collect()
}
