//! The company profile the estimate reads: the answers to the `profile.*` questions listed in
//! `questionnaires/README.md`. A missing, hidden or unanswered question leaves its field empty, and the
//! estimate uses the parameter's default instead.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::assessment::{AnswerValue, Assessment, Visibility};
use crate::questionnaire::Category;

/// Which report the company aims for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPath {
    /// A Type I report first, then a Type II.
    TypeIThenII,
    /// Straight to a Type II report.
    TypeIIOnly,
}

impl ReportPath {
    pub fn label(self) -> &'static str {
        match self {
            ReportPath::TypeIThenII => "Type I first, then Type II",
            ReportPath::TypeIIOnly => "Straight to Type II",
        }
    }
}

/// The kind of audit firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Boutique,
    MidTier,
    Big4,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Boutique => "boutique CPA firm",
            Tier::MidTier => "mid-tier firm",
            Tier::Big4 => "Big Four firm",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub headcount: Option<f64>,
    pub engineers: Option<f64>,
    pub systems: Option<f64>,
    /// Categories in scope beyond Security.
    pub categories: Option<Vec<Category>>,
    pub report_path: Option<ReportPath>,
    pub observation_months: Option<f64>,
    pub remediation_fte: Option<f64>,
    pub auditor_tier: Option<Tier>,
    pub hourly_cost: Option<f64>,
    pub start_date: Option<NaiveDate>,
    pub compliance_tooling: Option<bool>,
    pub consultant: Option<bool>,
    /// How much of the Type II window has run, from the sections' operating-period questions; `None` when
    /// none is answered.
    pub window_run: Option<WindowRun>,
}

/// The sections' answers on how much of the observation window their controls have run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowRun {
    /// Shown sections that ask.
    pub asked: usize,
    /// Of them, those answered (and confirmed, when carried over).
    pub answered: usize,
    /// The least-run answered section's share, from 0 to 1.
    pub least: f64,
}

impl WindowRun {
    /// The share of the window already run for the whole audit: every section must have run it, so the
    /// least-run section decides, and a section not answered counts as not started.
    pub fn share(self) -> f64 {
        if self.answered < self.asked { 0.0 } else { self.least.clamp(0.0, 1.0) }
    }

    fn of(a: &Assessment) -> Option<WindowRun> {
        let vis = Visibility::of_assessment(a);
        let mut run = WindowRun { asked: 0, answered: 0, least: 1.0 };
        for (si, section) in a.questionnaire().sections.iter().enumerate() {
            let Some(qi) = section.questions.iter().position(|q| q.operating_period) else { continue };
            if !vis.question(si, qi) {
                continue;
            }
            run.asked += 1;
            if let Some(period) = crate::scoring::credit::period_of(a, &vis, si) {
                run.answered += 1;
                run.least = run.least.min(period.share);
            }
        }
        (run.answered > 0).then_some(run)
    }
}

/// The profile question that names the categories in scope beyond Security.
pub const CATEGORIES: &str = "profile.categories";

impl Profile {
    pub fn of(a: &Assessment) -> Profile {
        let shown = shown_answers(a);
        let get = |id: &str| shown.get(id).copied();
        let number = |id: &str| get(id).and_then(AnswerValue::as_number);
        let text = |id: &str| get(id).and_then(AnswerValue::as_text);
        let yes_no = |id: &str| text(id).and_then(|t| matches!(t, "yes" | "no").then_some(t == "yes"));
        Profile {
            headcount: number("profile.headcount"),
            engineers: number("profile.engineers"),
            systems: number("profile.systems"),
            categories: get(CATEGORIES).and_then(AnswerValue::as_list).map(|ids| {
                Category::ALL
                    .iter()
                    .copied()
                    .filter(|c| *c != Category::Security && ids.iter().any(|i| i == c.id()))
                    .collect()
            }),
            report_path: text("profile.report_type").and_then(|t| match t {
                "type1" => Some(ReportPath::TypeIThenII),
                "type2" => Some(ReportPath::TypeIIOnly),
                _ => None,
            }),
            observation_months: text("profile.observation_months")
                .and_then(|t| t.strip_prefix("months_"))
                .and_then(|m| m.parse::<f64>().ok()),
            remediation_fte: number("profile.remediation_fte"),
            auditor_tier: text("profile.auditor_tier").and_then(|t| match t {
                "boutique" => Some(Tier::Boutique),
                "mid_tier" => Some(Tier::MidTier),
                "big4" => Some(Tier::Big4),
                _ => None,
            }),
            hourly_cost: number("profile.hourly_cost"),
            start_date: text("profile.start_date").and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()),
            compliance_tooling: yes_no("profile.compliance_tooling"),
            consultant: yes_no("profile.consultant"),
            window_run: WindowRun::of(a),
        }
    }
}

/// The answers to shown questions (an answer to a hidden question counts as no answer).
fn shown_answers(a: &Assessment) -> HashMap<&str, &AnswerValue> {
    let vis = Visibility::of_assessment(a);
    let mut out = HashMap::new();
    for (si, section) in a.questionnaire().sections.iter().enumerate() {
        for (qi, question) in section.questions.iter().enumerate() {
            if vis.question(si, qi)
                && let Some(v) = a.value(&question.id)
            {
                out.insert(question.id.as_str(), v);
            }
        }
    }
    out
}
