//! The timeline: phases one after another from the start date, each as a range of weeks, and the earliest
//! dates the Type I and Type II reports can be issued.
//!
//! Order: scoping and gap analysis; policy writing; remediation; then, in parallel, the Type I audit (when
//! a Type I report comes first) and the Type II observation window, which starts once remediation is done;
//! then the Type II report. The window lasts what is left of it: a window already run is not drawn at all.

use chrono::{Days, NaiveDate};

use super::profile::ReportPath;

pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// One phase. `low` figures follow the low end of every range before it, `high` the high end.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub name: String,
    pub weeks: [f64; 2],
    pub start_week: [f64; 2],
    pub end_week: [f64; 2],
    /// The earliest start (low path).
    pub start: NaiveDate,
    /// The latest end (high path).
    pub end: NaiveDate,
}

/// When a report can be issued, as a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub weeks: [f64; 2],
    pub months: [f64; 2],
    pub dates: [NaiveDate; 2],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub start_date: NaiveDate,
    pub phases: Vec<Phase>,
    /// `None` when the company goes straight to Type II.
    pub type1_report: Option<Milestone>,
    pub type2_report: Milestone,
}

/// The durations, in weeks (low, high), that make up a timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Durations {
    pub scoping: [f64; 2],
    pub policy_writing: [f64; 2],
    pub remediation: [f64; 2],
    pub type1_audit: [f64; 2],
    pub observation: [f64; 2],
    pub type2_report: [f64; 2],
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The longest span a timeline draws: a thousand years. Inputs are bounded far below it; this keeps any
/// date from overflowing (an overflowing date would otherwise land before the start).
pub const MAX_WEEKS: f64 = 52_000.0;

/// The date `weeks` after `start`: never before it, and never past the last date chrono can hold.
pub fn date_after(start: NaiveDate, weeks: f64) -> NaiveDate {
    let weeks = if weeks.is_finite() { weeks.clamp(0.0, MAX_WEEKS) } else { MAX_WEEKS };
    start.checked_add_days(Days::new((weeks * 7.0).round() as u64)).unwrap_or(NaiveDate::MAX)
}

fn milestone(start: NaiveDate, weeks: [f64; 2]) -> Milestone {
    Milestone {
        weeks: weeks.map(round1),
        months: weeks.map(|w| round1(w / WEEKS_PER_MONTH)),
        dates: weeks.map(|w| date_after(start, w)),
    }
}

pub fn plan(start_date: NaiveDate, path: ReportPath, d: Durations) -> Timeline {
    let mut phases = Vec::new();
    let mut add = |name: &str, start: [f64; 2], weeks: [f64; 2]| -> [f64; 2] {
        let weeks = weeks.map(|w| if w.is_finite() { w.clamp(0.0, MAX_WEEKS) } else { MAX_WEEKS });
        let end = [start[0] + weeks[0], start[1] + weeks[1]];
        phases.push(Phase {
            name: name.to_string(),
            weeks: weeks.map(round1),
            start_week: start.map(round1),
            end_week: end.map(round1),
            start: date_after(start_date, start[0]),
            end: date_after(start_date, end[1]),
        });
        end
    };
    let scoped = add("Scoping and gap analysis", [0.0, 0.0], d.scoping);
    let policies = add("Policy writing", scoped, d.policy_writing);
    let ready = add("Remediation", policies, d.remediation);
    let type1 = match path {
        ReportPath::TypeIThenII => Some(add("Type I audit and report", ready, d.type1_audit)),
        ReportPath::TypeIIOnly => None,
    };
    // A window already run (the operating-period answers) is not scheduled again: the report follows.
    let window_closed =
        if d.observation[1] > 0.0 { add("Type II observation window", ready, d.observation) } else { ready };
    let type2 = add("Type II report", window_closed, d.type2_report);
    Timeline {
        start_date,
        phases,
        type1_report: type1.map(|w| milestone(start_date, w)),
        type2_report: milestone(start_date, type2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_each_other_and_the_window_runs_beside_the_type1_audit() {
        let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        let d = Durations {
            scoping: [2.0, 4.0],
            policy_writing: [1.0, 2.0],
            remediation: [3.0, 6.0],
            type1_audit: [4.0, 6.0],
            observation: [26.0, 26.0],
            type2_report: [4.0, 6.0],
        };
        let t = plan(start, ReportPath::TypeIThenII, d);
        let names: Vec<_> = t.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Scoping and gap analysis",
                "Policy writing",
                "Remediation",
                "Type I audit and report",
                "Type II observation window",
                "Type II report"
            ]
        );
        // Remediation ends at 2+1+3 = 6 weeks (low) and 4+2+6 = 12 weeks (high).
        assert_eq!(t.phases[2].end_week, [6.0, 12.0]);
        // Type I: 6+4 = 10 and 12+6 = 18 weeks; 10 weeks = 2.3 months, 18 weeks = 4.2 months.
        let t1 = t.type1_report.as_ref().unwrap();
        assert_eq!(t1.weeks, [10.0, 18.0]);
        assert_eq!(t1.months, [2.3, 4.2]);
        assert_eq!(
            t1.dates,
            [NaiveDate::from_ymd_opt(2025, 3, 17).unwrap(), NaiveDate::from_ymd_opt(2025, 5, 12).unwrap()]
        );
        // Type II: 6+26+4 = 36 and 12+26+6 = 44 weeks.
        assert_eq!(t.type2_report.weeks, [36.0, 44.0]);
        assert_eq!(t.type2_report.months, [8.3, 10.2]);
        assert_eq!(t.phases[4].start, NaiveDate::from_ymd_opt(2025, 2, 17).unwrap());

        let straight = plan(start, ReportPath::TypeIIOnly, d);
        assert!(straight.type1_report.is_none());
        assert_eq!(straight.phases.len(), 5);
        assert_eq!(straight.type2_report, t.type2_report);
    }
}
