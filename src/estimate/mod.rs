//! The estimate: how long until a Type I and a Type II report, and what it will cost, from the remaining
//! gaps, the company profile and the parameters (each with its source). Pure: the date comes in.
//!
//! Remaining effort is the sum over the gaps of `effort_days` x (1 - Type I credit), in person-days;
//! the gaps of the "policies" section make up the policy-writing phase, the rest the remediation phase.
//! A phase lasts its person-days / (people x working days per week) weeks. The plan starts on the answered
//! start date, or today when that date has passed; the Type II window is what the operating-period answers
//! leave of it.

pub mod cost;
pub mod effort;
/// The parameters live below the questionnaire (question help quotes them); named here as before.
pub use crate::parameters;
pub mod profile;
pub mod schedule;
pub mod timeline;

use chrono::NaiveDate;

use crate::scoring::Gap;

pub use cost::{Cost, CostItem, Scope};
pub use effort::{Effort, Factor, OptionalKind, OptionalWork, WorkGroup};
pub use parameters::{Param, ParameterError, Parameters};
pub use profile::{Profile, ReportPath, Tier, WindowRun};
pub use timeline::{Milestone, Phase, Timeline};

pub use effort::POLICY_SECTION;

/// One assumption behind the estimate, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    pub name: String,
    pub value: String,
    pub source: String,
}

/// How the estimate compares with the typical figures of published guides.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub time: String,
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub remaining_days: [f64; 2],
    /// How the per-question efforts became `remaining_days`.
    pub effort: Effort,
    pub fte: f64,
    /// Working days in a week of one FTE (`work_days_per_week`).
    pub days_per_week: f64,
    pub timeline: Timeline,
    pub cost: Cost,
    pub comparison: Comparison,
    pub assumptions: Vec<Assumption>,
    /// Set when the answered start date had passed and the plan starts today instead: the sentence saying so.
    pub start_note: Option<String>,
}

fn answer_source(id: &str) -> String {
    format!("your answer to {id}")
}

/// A number as people write it: no trailing `.0`, at most one decimal.
pub fn n(x: f64) -> String {
    crate::assessment::model::answer::format_number((x * 10.0).round() / 10.0)
}

/// A share as a percentage, to two decimals at most: 0.03 is `3`, 0.035 is `3.5`, 0.0025 is `0.25`.
pub fn pct(share: f64) -> String {
    crate::assessment::model::answer::format_number((share * 10_000.0).round() / 100.0)
}

/// A range with its unit, printed once when both ends agree: `13 weeks`, `4-6 weeks`.
pub fn range(r: [f64; 2], unit: &str) -> String {
    if n(r[0]) == n(r[1]) { format!("{} {unit}", n(r[0])) } else { format!("{}-{} {unit}", n(r[0]), n(r[1])) }
}

/// `1 person`, `2 people`.
pub fn plural(count: f64, one: &str, many: &str) -> String {
    format!("{} {}", n(count), if n(count) == "1" { one } else { many })
}

pub use crate::parameters::money;

/// A range of US dollars as people write it: `USD 30,000-100,000`, once when both ends agree.
pub fn usd(range: [f64; 2]) -> String {
    let (a, b) = (money(range[0]), money(range[1]));
    if a == b { format!("USD {a}") } else { format!("USD {a}-{b}") }
}

/// The earliest and latest start dates the estimate accepts from the profile.
const START_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// The smallest remediation FTE the estimate accepts from the profile: below it the calendar is meaningless.
const MIN_FTE: f64 = crate::assessment::model::profile_rules::MIN_REMEDIATION_FTE;

impl Estimate {
    /// The estimate for a set of gaps.
    pub fn build(profile: &Profile, p: &Parameters, gaps: &[Gap<'_>], today: NaiveDate) -> Estimate {
        Estimate::from_effort(profile, p, Effort::of(gaps, profile, p), today)
    }

    /// The estimate for an effort already worked out (the report shares it with its plan).
    pub fn from_effort(profile: &Profile, p: &Parameters, effort: Effort, today: NaiveDate) -> Estimate {
        let mut assumptions = Vec::new();
        let mut assume = |name: &str, value: String, source: String| {
            assumptions.push(Assumption { name: name.to_string(), value, source });
        };

        let mut start_note = None;
        let (start_date, source) = match profile.start_date {
            // Work cannot start in the past: a date already gone (or carried over from last year) plans from
            // today, and the report says so.
            Some(d) if d < today && START_YEARS.contains(&chrono::Datelike::year(&d)) => {
                let moved = format!("Start date {d} is past; planned from today, {today}");
                start_note = Some(format!("{moved}."));
                (today, format!("{moved} (profile.start_date)"))
            }
            Some(d) if START_YEARS.contains(&chrono::Datelike::year(&d)) => (d, answer_source("profile.start_date")),
            Some(d) => (
                today,
                format!("today's date (profile.start_date {d} is outside the years 2000-2100 the estimate plans for)"),
            ),
            None => (today, "today's date (profile.start_date is not answered)".to_string()),
        };
        assume("Start date", start_date.format("%Y-%m-%d").to_string(), source);

        let (path, source) = match profile.report_path {
            Some(r) => (r, answer_source("profile.report_type")),
            None => (ReportPath::TypeIThenII, "default: most first audits start with Type I".to_string()),
        };
        assume("Report path", path.label().to_string(), source);

        let (fte, source) = match profile.remediation_fte {
            Some(f) if f.is_finite() && (MIN_FTE..=1000.0).contains(&f) => {
                (f, answer_source("profile.remediation_fte"))
            }
            Some(f) => (
                p.remediation_fte.value(),
                format!(
                    "profile.remediation_fte is {}, outside the {MIN_FTE}-1000 FTE the estimate can plan with; {}",
                    n(f),
                    p.remediation_fte.source
                ),
            ),
            None => (p.remediation_fte.value(), p.remediation_fte.source.clone()),
        };
        assume("People working on remediation", format!("{} FTE", n(fte)), source);

        let (months, source) = match profile.observation_months {
            Some(m) if m.is_finite() && (0.0..=24.0).contains(&m) => (m, answer_source("profile.observation_months")),
            _ => (p.observation_months.value(), p.observation_months.source.clone()),
        };
        // How much of the window has already run, from the sections' operating-period answers.
        let run = profile.window_run.map_or(0.0, |w| w.share());
        let (window, source) = match profile.window_run {
            None => (format!("{} months", n(months)), source),
            Some(w) if w.answered < w.asked => (
                format!("{} months", n(months)),
                format!(
                    "{source}; the whole window is planned: {} of {} sections' operating-period questions are not \
                     answered, and a section not answered counts as not started",
                    w.asked - w.answered,
                    w.asked
                ),
            ),
            Some(_) if run >= 1.0 => (
                format!("{} months, already run", n(months)),
                format!("{source}; your answers to the sections' operating-period questions: the whole window has run"),
            ),
            Some(_) if run > 0.0 => (
                format!("{} months, {}% run: {} months left", n(months), pct(run), n(months * (1.0 - run))),
                format!(
                    "{source}; your answers to the sections' operating-period questions (the least-run section \
                     decides)"
                ),
            ),
            Some(_) => (
                format!("{} months", n(months)),
                format!("{source}; your answers to the sections' operating-period questions: not started"),
            ),
        };
        assume("Type II observation window", window, source);

        let (tier, source) = match profile.auditor_tier {
            Some(t) => (t, answer_source("profile.auditor_tier")),
            None => (Tier::Boutique, "default: a boutique CPA firm, the usual choice for a first audit".to_string()),
        };
        assume("Audit firm", tier.label().to_string(), source);

        let (hourly, source) = match profile.hourly_cost {
            Some(h) if h.is_finite() && (0.0..=10_000.0).contains(&h) => (h, answer_source("profile.hourly_cost")),
            Some(h) => (
                p.hourly_cost.value(),
                format!(
                    "profile.hourly_cost is {}, above the 10,000 USD/hour the estimate accepts; {}",
                    n(h),
                    p.hourly_cost.source
                ),
            ),
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
            "Compliance platform",
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

        let people = effort::sane_count(profile.headcount);
        let systems = effort::sane_count(profile.systems);
        let scope = Scope::of(people, systems, p);
        assume(
            "Audit scope",
            format!(
                "{}, {}: {}",
                people.map_or("people unknown".into(), |h| plural(h, "person", "people")),
                systems.map_or("systems unknown".into(), |s| plural(s, "system", "systems")),
                scope.label()
            ),
            p.small_scope_headcount.source.clone(),
        );

        let remaining = effort.remaining;
        let policy = effort.policy_writing;
        let other = [(remaining[0] - policy[0]).max(0.0), (remaining[1] - policy[1]).max(0.0)];
        assume(
            "Remaining effort",
            format!("{} ({} of it policy writing)", range(remaining, "person-days"), range(policy, "person-days")),
            effort.explanation(),
        );
        // Each factor as the effort uses it: a share of a gap, a rise per person beyond the small
        // scope, a saving; never rounded to a figure the plan does not apply.
        let not_applied = |used: bool, what: &str| if used { String::new() } else { format!(" (not applied: {what})") };
        for (param, value) in [
            (
                &p.shared_work_share,
                format!("{}% of each gap's effort, counted once per document", pct(p.shared_work_share.value())),
            ),
            (
                &p.effort_per_100_people,
                format!(
                    "+{}% per 100 people beyond {}",
                    pct(p.effort_per_100_people.value()),
                    n(p.small_scope_headcount.value())
                ),
            ),
            (
                &p.tooling_effort_saving,
                format!(
                    "-{}% of the remaining effort{}",
                    pct(p.tooling_effort_saving.value()),
                    not_applied(tooling, "no compliance platform")
                ),
            ),
            (
                &p.consultant_effort_saving,
                format!(
                    "-{}% of the remaining effort{}",
                    pct(p.consultant_effort_saving.value()),
                    not_applied(consultant, "no readiness consultant")
                ),
            ),
        ] {
            assume(&param.label, value, param.source.clone());
        }
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
            observation: [months * (1.0 - run) * timeline::WEEKS_PER_MONTH; 2],
            type2_report: p.type2_report_weeks.range(),
        };
        for param in [&p.scoping_weeks, &p.type1_audit_weeks, &p.type2_report_weeks] {
            assume(&param.label, range(param.range(), &param.unit), param.source.clone());
        }
        let timeline = timeline::plan(start_date, path, durations);

        let cost_inputs = cost::CostInputs {
            path,
            tier,
            scope,
            extra_categories: categories.clone(),
            tooling,
            consultant,
            headcount: people,
            remaining_days: remaining,
            hourly_cost: hourly,
            window_months: months * (1.0 - run),
            scale: effort.factors.iter().map(|f| f.value).product(),
            // A control with no design credit at all (not started, "no", unanswered) is not in place: the
            // stack and insurance lines buy these. An informal one exists already; documenting it is design
            // work, counted in the remediation time, not a purchase.
            not_in_place: effort.absent.iter().cloned().collect(),
        };
        let cost = cost::cost(&cost_inputs, p);
        for param in cost::fee_parameters(&cost_inputs, p) {
            let value = if param.unit.starts_with("USD") {
                format!("{} {}", usd(param.range()), param.unit.trim_start_matches("USD")).trim_end().to_string()
            } else {
                range(param.range(), &param.unit)
            };
            assume(&param.label, value, param.source.clone());
        }
        for param in [&p.typical_type1_months, &p.typical_type2_months] {
            assume(&param.label, range(param.range(), "months"), param.source.clone());
        }
        assume(&p.typical_cost.label, usd(p.typical_cost.range()), p.typical_cost.source.clone());

        let comparison = compare(&timeline, &cost, &cost_inputs, remaining, fte, (months, months * (1.0 - run)), p);
        Estimate {
            remaining_days: remaining,
            effort,
            fte,
            days_per_week,
            timeline,
            cost,
            comparison,
            assumptions,
            start_note,
        }
    }
}

/// Where a range stands against a typical range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Versus {
    Below,
    Within,
    Above,
    /// The low end inside or below, the high end above.
    HighEndAbove,
    /// The low end below, the high end inside.
    LowEndBelow,
    /// Wider than the typical range at both ends.
    Wider,
}

fn versus(r: [f64; 2], typical: [f64; 2]) -> Versus {
    let (lo, hi) = (r[0], r[1]);
    if hi < typical[0] {
        Versus::Below
    } else if lo > typical[1] {
        Versus::Above
    } else if lo >= typical[0] && hi <= typical[1] {
        Versus::Within
    } else if lo < typical[0] && hi > typical[1] {
        Versus::Wider
    } else if hi > typical[1] {
        Versus::HighEndAbove
    } else {
        Versus::LowEndBelow
    }
}

fn compare(
    t: &Timeline,
    c: &Cost,
    i: &cost::CostInputs,
    remaining: [f64; 2],
    fte: f64,
    (months, window_left): (f64, f64),
    p: &Parameters,
) -> Comparison {
    let typical2 = p.typical_type2_months.range();
    let months2 = t.type2_report.months;
    let r2 = range(months2, "months");
    let typ = format!("{}-{}", n(typical2[0]), n(typical2[1]));
    let people = plural(fte, "person", "people");
    let (before, then) = if window_left <= 0.0 {
        ("with the observation window already run".to_string(), "with the window already run".to_string())
    } else if window_left < months {
        (
            format!("before the {} months left of the observation window", n(window_left)),
            format!("then the {} months left of the window", n(window_left)),
        )
    } else {
        (format!("before a {}-month observation window", n(months)), format!("then a {}-month window", n(months)))
    };
    let slow = format!("{people} on {} of remaining work {before}", range(remaining, "person-days"));
    let fast = format!(
        "only {} of work remain{} for {people}, {then}",
        range(remaining, "person-days"),
        if remaining[1] == 0.0 { "s" } else { "" }
    );
    let mut time = match versus(months2, typical2) {
        Versus::Within => format!("Type II report in {r2}, within the typical {typ}: {slow}."),
        Versus::Below => format!("Type II report in {r2}, faster than the typical {typ}: {fast}."),
        Versus::Above => format!("Type II report in {r2}, slower than the typical {typ}: {slow}."),
        Versus::HighEndAbove => format!(
            "Type II report in {r2}: up to {} months against a typical {typ}, so the high end is slower than \
             typical: {slow}.",
            n(months2[1])
        ),
        Versus::LowEndBelow => format!(
            "Type II report in {r2}: from {} months against a typical {typ}, so the low end is faster than \
             typical: {fast}.",
            n(months2[0])
        ),
        Versus::Wider => format!(
            "Type II report in {r2}, against a typical {typ}: the low end is faster and the high end slower than \
             typical, because the remaining work is uncertain: {slow}."
        ),
    };
    if let Some(t1) = &t.type1_report {
        let typical1 = p.typical_type1_months.range();
        let word = match versus(t1.months, typical1) {
            Versus::Within => "within",
            Versus::Below => "faster than",
            Versus::Above => "slower than",
            Versus::HighEndAbove => "at its high end slower than",
            Versus::LowEndBelow => "at its low end faster than",
            Versus::Wider => "wider than",
        };
        time.push_str(&format!(
            " Type I report in {}, {word} the typical {}-{}.",
            range(t1.months, "months"),
            n(typical1[0]),
            n(typical1[1])
        ));
    }

    let typical = p.typical_cost.range();
    // What raises the spend above the cheapest set-up, and what keeps it low.
    let mut dearer: Vec<String> = Vec::new();
    let mut cheaper: Vec<String> = Vec::new();
    match i.tier {
        Tier::Boutique => cheaper.push("a boutique CPA firm (the cheapest tier)".into()),
        t => dearer.push(format!("a {}", t.label())),
    }
    match i.path {
        ReportPath::TypeIThenII => dearer.push("two audits (Type I, then Type II)".into()),
        ReportPath::TypeIIOnly => cheaper.push("one audit (straight to Type II)".into()),
    }
    if !i.extra_categories.is_empty() {
        dearer.push(plural(i.extra_categories.len() as f64, "category", "categories") + " beyond Security");
    }
    if i.tooling {
        dearer.push("a compliance platform".into());
    }
    if i.consultant {
        dearer.push("a readiness consultant".into());
    }
    if i.scope == Scope::Large {
        dearer.push("a large scope".into());
    }
    if i.scope == Scope::Small {
        cheaper.push("a small scope".into());
    }
    if remaining[1] > 0.0 {
        dearer.push(format!("{} of remediation by your own staff", range(remaining, "person-days")));
    }
    let list = |v: &[String]| if v.is_empty() { "nothing in particular".to_string() } else { v.join(", ") };
    let ext = c.external_total;
    let staff = [c.total[0] - ext[0], c.total[1] - ext[1]];
    let head = format!(
        "First-year cost of {} ({} paid to others, {} internal staff time) against a typical first-year \
         programme of {}",
        usd(c.total),
        usd(ext),
        usd(staff),
        usd(typical)
    );
    let cost = match versus(c.total, typical) {
        Versus::Within => format!("{head}: within the typical range."),
        Versus::Below => format!("{head}: cheaper than typical, with {}.", list(&cheaper)),
        Versus::LowEndBelow => format!("{head}: the low end is cheaper than typical, with {}.", list(&cheaper)),
        Versus::Above | Versus::HighEndAbove | Versus::Wider => format!(
            "{head}: {} dearer than typical, driven by {}.{}",
            if versus(c.total, typical) == Versus::Above { "" } else { "the high end is" },
            list(&dearer),
            if versus(c.total, typical) == Versus::Above {
                ""
            } else {
                " The high end takes every line at its own high end at once: a ceiling, not a typical figure."
            }
        )
        .replace(":  dearer", ": dearer"),
    };
    Comparison { time, cost }
}
