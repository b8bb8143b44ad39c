//! When the first actions can be done: one after another from the end of scoping, by the people working on
//! remediation. Policies come first (the controls after them follow their documents), then the shortest
//! first, so a day's task is due within the first weeks, not at the end of the whole remediation. An
//! action with a due date set by its owner keeps that date and leaves the sequence.

use chrono::NaiveDate;

use super::timeline::{Timeline, date_after};

/// One action to schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// A policy document to write: done before the controls.
    pub policy: bool,
    /// Its high-end effort, in person-days.
    pub effort_days: f64,
    /// The due date its owner set, if any.
    pub due: Option<NaiveDate>,
}

/// Where an action's target date comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The owner's due date.
    Due(NaiveDate),
    /// Computed: the date, and the week of the plan it falls in.
    Computed { date: NaiveDate, week: u32 },
}

impl Target {
    pub fn date(&self) -> NaiveDate {
        match self {
            Target::Due(d) | Target::Computed { date: d, .. } => *d,
        }
    }

    /// Where the date comes from, in a few words.
    pub fn basis(&self) -> String {
        match self {
            Target::Due(_) => "due date set".into(),
            Target::Computed { week, .. } => {
                format!("week {week}, done in turn after scoping")
            }
        }
    }
}

/// Target dates for `tasks`, in their order. Work starts when scoping ends (its high end) and goes at
/// `fte x days_per_week` person-days a week; each computed date is the end of the whole week its task
/// finishes in, never after the end of remediation (the tasks are part of it).
pub fn first_actions(timeline: &Timeline, fte: f64, days_per_week: f64, tasks: &[Task]) -> Vec<Target> {
    let begin = timeline.phases.first().map_or(0.0, |p| p.end_week[1]);
    let last = timeline.phases.iter().filter(|p| p.name == "Remediation" || p.name == "Policy writing");
    let last_week = last.map(|p| p.end_week[1]).fold(begin, f64::max);
    let per_week = fte * days_per_week;
    let mut order: Vec<usize> = (0..tasks.len()).filter(|&i| tasks[i].due.is_none()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&tasks[a], &tasks[b]);
        y.policy.cmp(&x.policy).then(x.effort_days.total_cmp(&y.effort_days))
    });
    let mut out: Vec<Option<Target>> = tasks.iter().map(|t| t.due.map(Target::Due)).collect();
    let mut done = 0.0;
    for i in order {
        done += tasks[i].effort_days.max(0.0);
        let finish = if per_week > 0.0 { begin + done / per_week } else { last_week };
        // The end of the whole week it finishes in (a hair under, to keep 5.0 in week 5), and never past
        // the end of remediation, which the week's end may overshoot.
        let week = ((finish - 1e-9).ceil().max(1.0)).min(last_week.ceil().max(1.0));
        let date = date_after(timeline.start_date, week).min(date_after(timeline.start_date, last_week));
        out[i] = Some(Target::Computed { date, week: week as u32 });
    }
    out.into_iter().map(|t| t.expect("every task is scheduled or due")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::profile::ReportPath;
    use crate::estimate::timeline::{Durations, plan};

    #[test]
    fn tasks_follow_each_other_policies_first_then_shortest() {
        let start = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
        let d = Durations {
            scoping: [2.0, 4.0],
            policy_writing: [1.0, 2.0],
            remediation: [3.0, 6.0],
            type1_audit: [4.0, 6.0],
            observation: [26.0, 26.0],
            type2_report: [4.0, 6.0],
        };
        let t = plan(start, ReportPath::TypeIThenII, d);
        let task = |policy, effort_days| Task { policy, effort_days, due: None };
        // 5 person-days a week from week 4: policy 3 days -> 4.6 -> week 5; then 1 day -> 4.8 -> week 5;
        // then 6 days -> 6.0 -> week 6; the 20-day task 10.0 -> week 10; remediation ends in week 12.
        let got =
            first_actions(&t, 1.0, 5.0, &[task(false, 6.0), task(true, 3.0), task(false, 1.0), task(false, 20.0)]);
        let weeks: Vec<u32> = got
            .iter()
            .map(|g| match g {
                Target::Computed { week, .. } => *week,
                Target::Due(_) => 0,
            })
            .collect();
        assert_eq!(weeks, [6, 5, 5, 10]);
        assert_eq!(got[1].date(), NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        // Beyond remediation's end (week 12) a task is due at its end.
        let long = first_actions(&t, 1.0, 5.0, &[task(false, 100.0)]);
        assert_eq!(long[0], Target::Computed { date: date_after(start, 12.0), week: 12 });
    }
}
