//! The estimate: how long until a Type I and a Type II report, and what it will cost, from the remaining
//! gaps, the company profile and the parameters (each with its source). Pure: the date comes in.
//!
//! Remaining effort is the sum over the gaps of `effort_days` x (1 - Type I credit), in person-days;
//! the gaps of the "policies" section make up the policy-writing phase, the rest the remediation phase.
//! A phase lasts its person-days / (people x working days per week) weeks.

pub mod cost;
pub mod parameters;
pub mod profile;
pub mod timeline;

use chrono::NaiveDate;

use crate::scoring::Gap;
use crate::scoring::gaps::remaining_days;

pub use cost::{Cost, CostItem, Scope};
pub use parameters::{Param, ParameterError, Parameters};
pub use profile::{Profile, ReportPath, Tier};
pub use timeline::{Milestone, Phase, Timeline};

/// The section whose gaps are policy writing.
pub const POLICY_SECTION: &str = "policies";

/// One assumption behind the estimate, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    pub name: String,
    pub value: String,
    pub source: String,
}

/// How the estimate compares with the guide's typical figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub time: String,
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub remaining_days: [f64; 2],
    pub fte: f64,
    pub timeline: Timeline,
    pub cost: Cost,
    pub comparison: Comparison,
    pub assumptions: Vec<Assumption>,
}

fn answer_source(id: &str) -> String {
    format!("your answer to {id}")
}

fn n(x: f64) -> String {
    crate::assessment::answer::format_number(x)
}

/// Whole units with thousands separators: `30,000`.
pub fn money(x: f64) -> String {
    let whole = x.round() as i64;
    let digits = whole.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

/// A range of US dollars as people write it: `USD 30,000-100,000`.
pub fn usd(range: [f64; 2]) -> String {
    format!("USD {}-{}", money(range[0]), money(range[1]))
}

impl Estimate {
    pub fn build(profile: &Profile, p: &Parameters, gaps: &[Gap<'_>], today: NaiveDate) -> Estimate {
        let mut assumptions = Vec::new();
        let mut assume = |name: &str, value: String, source: String| {
            assumptions.push(Assumption { name: name.to_string(), value, source });
        };

        let (start_date, source) = match profile.start_date {
            Some(d) => (d, answer_source("profile.start_date")),
            None => (today, "today's date (profile.start_date is not answered)".to_string()),
        };
        assume("Start date", start_date.format("%Y-%m-%d").to_string(), source);

        let (path, source) = match profile.report_path {
            Some(r) => (r, answer_source("profile.report_type")),
            None => (ReportPath::TypeIThenII, "default: most first audits start with Type I".to_string()),
        };
        assume("Report path", path.label().to_string(), source);

        let (fte, source) = match profile.remediation_fte {
            Some(f) if f > 0.0 => (f, answer_source("profile.remediation_fte")),
            Some(_) => (
                p.remediation_fte.value(),
                format!("profile.remediation_fte is 0, which cannot finish the work; {}", p.remediation_fte.source),
            ),
            None => (p.remediation_fte.value(), p.remediation_fte.source.clone()),
        };
        assume("People working on remediation", format!("{} FTE", n(fte)), source);

        let (months, source) = match profile.observation_months {
            Some(m) => (m, answer_source("profile.observation_months")),
            None => (p.observation_months.value(), p.observation_months.source.clone()),
        };
        assume("Type II observation window", format!("{} months", n(months)), source);

        let (tier, source) = match profile.auditor_tier {
            Some(t) => (t, answer_source("profile.auditor_tier")),
            None => (Tier::Boutique, "default: a boutique CPA firm, the usual choice for a first audit".to_string()),
        };
        assume("Audit firm", tier.label().to_string(), source);

        let (hourly, source) = match profile.hourly_cost {
            Some(h) => (h, answer_source("profile.hourly_cost")),
            None => (p.hourly_cost.value(), p.hourly_cost.source.clone()),
        };
        assume("Loaded hourly cost of staff", format!("{} USD/hour", n(hourly)), source);

        let (categories, source) = match &profile.categories {
            Some(c) => (c.clone(), answer_source("profile.categories")),
            None => (Vec::new(), "default: Security only (profile.categories is not answered)".to_string()),
        };
        let listed = if categories.is_empty() {
            "none".to_string()
        } else {
            categories.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")
        };
        assume("Categories beyond Security", listed, source);

        let tooling = profile.compliance_tooling.unwrap_or(false);
        let consultant = profile.consultant.unwrap_or(false);
        assume(
            "Compliance tooling",
            if tooling { "yes" } else { "no" }.into(),
            profile
                .compliance_tooling
                .map_or("default: none (profile.compliance_tooling is not answered)".into(), |_| {
                    answer_source("profile.compliance_tooling")
                }),
        );
        assume(
            "Readiness consultant",
            if consultant { "yes" } else { "no" }.into(),
            profile.consultant.map_or("default: none (profile.consultant is not answered)".into(), |_| {
                answer_source("profile.consultant")
            }),
        );

        let scope = Scope::of(profile.headcount, profile.systems, p);
        assume(
            "Audit scope",
            format!(
                "{} people, {} systems: {}",
                profile.headcount.map_or("unknown".into(), n),
                profile.systems.map_or("unknown".into(), n),
                scope.label()
            ),
            p.small_scope_headcount.source.clone(),
        );

        let shared = p.shared_effort.value();
        let scaled = |days: [f64; 2]| days.map(|d| (d * shared * 10.0).round() / 10.0);
        let remaining = scaled(remaining_days(gaps.iter()));
        let policy = scaled(remaining_days(gaps.iter().filter(|g| g.question.section.id == POLICY_SECTION)));
        let other = [remaining[0] - policy[0], remaining[1] - policy[1]];
        assume(
            "Remaining effort",
            format!(
                "{}-{} person-days ({}-{} of them policy writing)",
                n(remaining[0]),
                n(remaining[1]),
                n(policy[0]),
                n(policy[1])
            ),
            format!(
                "sum over the gaps of the question's effort_days x (1 - Type I credit), x {} for work that closes \
                 several questions at once; documented controls need no more design work, only time to operate",
                n(shared)
            ),
        );
        assume(
            &p.shared_effort.label,
            format!("{} {}", n(shared), p.shared_effort.unit),
            p.shared_effort.source.clone(),
        );
        let days_per_week = p.work_days_per_week.value();
        let weeks = |days: [f64; 2]| days.map(|d| d / (fte * days_per_week));
        assume(
            "Working week",
            format!("{} days of {} hours", n(days_per_week), n(p.hours_per_day.value())),
            format!("{}; {}", p.work_days_per_week.source, p.hours_per_day.source),
        );

        let durations = timeline::Durations {
            scoping: p.scoping_weeks.range(),
            policy_writing: weeks(policy),
            remediation: weeks(other),
            type1_audit: p.type1_audit_weeks.range(),
            observation: [months * timeline::WEEKS_PER_MONTH; 2],
            type2_report: p.type2_report_weeks.range(),
        };
        for param in [&p.scoping_weeks, &p.type1_audit_weeks, &p.type2_report_weeks] {
            assume(&param.label, format!("{}-{} {}", n(param.low), n(param.high), param.unit), param.source.clone());
        }
        let timeline = timeline::plan(start_date, path, durations);

        let cost_inputs = cost::CostInputs {
            path,
            tier,
            scope,
            extra_categories: categories.len(),
            tooling,
            consultant,
            remaining_days: remaining,
            hourly_cost: hourly,
        };
        let cost = cost::cost(&cost_inputs, p);
        let (type1_fee, type2_fee) = match tier {
            Tier::Boutique => (&p.auditor_type1_boutique, &p.auditor_type2_boutique),
            Tier::MidTier => (&p.auditor_type1_mid_tier, &p.auditor_type2_mid_tier),
            Tier::Big4 => (&p.auditor_type1_big4, &p.auditor_type2_big4),
        };
        let mut fees = vec![type2_fee, &p.penetration_test];
        if path == ReportPath::TypeIThenII {
            fees.insert(0, type1_fee);
        }
        if !categories.is_empty() {
            fees.push(&p.category_addon);
        }
        if tooling {
            fees.push(&p.compliance_tooling);
        }
        if consultant {
            fees.push(&p.consultant);
        }
        for param in fees {
            assume(&param.label, usd(param.range()), param.source.clone());
        }
        for param in [&p.typical_type1_months, &p.typical_type2_months] {
            assume(&param.label, format!("{}-{} months", n(param.low), n(param.high)), param.source.clone());
        }
        assume(&p.typical_cost.label, usd(p.typical_cost.range()), p.typical_cost.source.clone());

        let comparison = compare(&timeline, &cost, &cost_inputs, remaining, fte, months, p);
        Estimate { remaining_days: remaining, fte, timeline, cost, comparison, assumptions }
    }
}

fn versus(range: [f64; 2], typical: [f64; 2]) -> std::cmp::Ordering {
    let mid = (range[0] + range[1]) / 2.0;
    if mid < typical[0] {
        std::cmp::Ordering::Less
    } else if mid > typical[1] {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

fn compare(
    t: &Timeline,
    c: &Cost,
    i: &cost::CostInputs,
    remaining: [f64; 2],
    fte: f64,
    months: f64,
    p: &Parameters,
) -> Comparison {
    use std::cmp::Ordering::*;
    let typical2 = p.typical_type2_months.range();
    let months2 = t.type2_report.months;
    let mut time = format!(
        "Type II report in {}-{} months against the guide's typical {}-{}",
        n(months2[0]),
        n(months2[1]),
        n(typical2[0]),
        n(typical2[1])
    );
    if let Some(t1) = &t.type1_report {
        let typical1 = p.typical_type1_months.range();
        time.push_str(&format!(
            " (Type I in {}-{} months against {}-{})",
            n(t1.months[0]),
            n(t1.months[1]),
            n(typical1[0]),
            n(typical1[1])
        ));
    }
    let work = format!("{}-{} person-days of remaining work for {} FTE", n(remaining[0]), n(remaining[1]), n(fte));
    time.push_str(&match versus(months2, typical2) {
        Less => format!(": faster than typical, because only {work} remain and the window is {} months.", n(months)),
        Greater => format!(": slower than typical, because {work} come before a {}-month window can start.", n(months)),
        Equal => format!(": in line with the typical figures ({work}, a {}-month window).", n(months)),
    });

    let typical = p.typical_cost.range();
    let mut drivers = vec![format!("a {}", i.tier.label())];
    if i.path == ReportPath::TypeIThenII {
        drivers.push("two audits (Type I, then Type II)".into());
    }
    if i.extra_categories > 0 {
        drivers.push(format!("{} categories beyond Security", i.extra_categories));
    }
    if i.tooling {
        drivers.push("a compliance platform".into());
    }
    if i.consultant {
        drivers.push("a readiness consultant".into());
    }
    let ext = c.external_total;
    let staff = [c.total[0] - ext[0], c.total[1] - ext[1]];
    let cost = format!(
        "External spend of {} against the guide's typical {}+ (which leaves out internal staff time, here {} more): {}",
        usd(ext),
        usd(typical),
        usd(staff),
        match versus(ext, typical) {
            Less => format!("cheaper than typical, with {}.", drivers.join(", ")),
            Greater => format!("dearer than typical, driven by {}.", drivers.join(", ")),
            Equal => format!("in line with the typical figures, with {}.", drivers.join(", ")),
        }
    );
    Comparison { time, cost }
}
