//! What if: the timeline and cost under other assumptions, without changing the assessment.
//!
//! Each setting is `NAME=VALUE`. NAME is a profile question (`remediation_fte` or `profile.remediation_fte`:
//! the value is checked as an answer would be) or, when no question has that name, an estimate parameter
//! (`hourly_cost=140`, `penetration_test=8000-12000`). The report is built from copies; the assessment on
//! disk is never touched.

use chrono::NaiveDate;

use super::model::Report;
use crate::assessment::Assessment;
use crate::assessment::model::answer::parse_answer;
use crate::assessment::model::change::{self, Change, Ctx};
use crate::estimate::{Parameters, range, usd};

/// The comparison a what-if report shows first.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The settings, as people read them.
    pub changes: Vec<String>,
    /// Lines of "before → after" for the report dates, effort and cost.
    pub lines: Vec<String>,
}

/// Why a what-if cannot be shown. The messages name no flag: the command line says `--set` itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfError {
    /// The report has no effort, dates or cost to compare (a vendor report).
    #[error(
        "a what-if compares the effort, dates and cost, and this report has none (a vendor report, or a \
         questionnaire without SOC 2 efforts); leave out the settings"
    )]
    NothingToCompare,
    /// One setting, as given, and what is wrong with it.
    #[error("`{setting}`: {problem}")]
    Setting { setting: String, problem: String },
}

fn refused(setting: &str, problem: impl std::fmt::Display) -> WhatIfError {
    WhatIfError::Setting { setting: one(setting), problem: problem.to_string() }
}

/// An assessment and parameters with the settings applied, and the settings described.
pub fn apply(
    a: &Assessment,
    params: &Parameters,
    settings: &[String],
) -> Result<(Assessment, Parameters, Vec<String>), WhatIfError> {
    let mut a = a.clone();
    let mut p = params.clone();
    let mut described = Vec::new();
    for setting in settings {
        let Some((name, value)) = setting.split_once('=') else {
            return Err(refused(setting, "write it as NAME=VALUE, e.g. remediation_fte=2"));
        };
        let (name, value) = (name.trim(), value.trim());
        let id = if name.starts_with("profile.") { name.to_string() } else { format!("profile.{name}") };
        let question = a.questionnaire().questions().map(|(_, q)| q).find(|q| q.id == id || q.id == name).cloned();
        if let Some(q) = question {
            let parsed = parse_answer(&q, value).map_err(|e| refused(setting, e))?;
            crate::assessment::model::profile_rules::check_profile(&a, &q.id, &parsed)
                .map_err(|e| refused(setting, e))?;
            // Through the one write path, on the clone: the same checks as any answer.
            change::apply(&mut a, &Change::value(&q.id, parsed), Ctx::at("1970-01-01T00:00:00Z"))
                .map_err(|e| refused(setting, e))?;
            described.push(format!("{} = {}", q.id, one(value)));
        } else if p.get_mut(name).is_some() {
            let (low, high) = match value.split_once('-') {
                Some((l, h)) => (number(l, setting)?, number(h, setting)?),
                None => {
                    let v = number(value, setting)?;
                    (v, v)
                }
            };
            p = p
                .with_setting(name, low, high, &format!("what-if: {}", one(setting)))
                .map_err(|e| refused(setting, e.reason))?;
            described.push(format!("{name} = {}", one(value)));
        } else {
            return Err(refused(
                setting,
                format!(
                    "`{}` is neither a profile question of this questionnaire nor an estimate parameter; see \
                     `soc2-ready show` for question ids and estimates.json for parameter names",
                    one(name)
                ),
            ));
        }
    }
    Ok((a, p, described))
}

fn one(text: &str) -> String {
    crate::text::one_line(text)
}

fn number(text: &str, setting: &str) -> Result<f64, WhatIfError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| refused(setting, format!("`{}` is not a number", one(text))))
}

/// The report under the settings, with the comparison against the report without them.
pub fn report(
    a: &Assessment,
    params: &Parameters,
    today: NaiveDate,
    settings: &[String],
) -> Result<Report, WhatIfError> {
    let base = Report::build(a, params, today);
    // A vendor report, or a questionnaire whose content supports no estimate, has nothing to compare.
    if base.estimate.is_none() {
        return Err(WhatIfError::NothingToCompare);
    }
    let (changed_a, changed_p, changes) = apply(a, params, settings)?;
    let mut changed = Report::build(&changed_a, &changed_p, today);
    // The settings are assumptions, not answers: how much of the assessment is answered stays as it is.
    changed.completion = base.completion;
    changed.what_if = Some(compare(&base, &changed, changes));
    Ok(changed)
}

/// "before → after" for what a reader decides on.
pub fn compare(base: &Report, changed: &Report, changes: Vec<String>) -> WhatIf {
    let mut lines = Vec::new();
    let days = |r: &Report| range(r.remaining_days(), "person-days");
    lines.push(format!("Remaining effort: {} → {}", days(base), days(changed)));
    if let (Some(b), Some(c)) = (&base.estimate, &changed.estimate) {
        let t1 = |e: &crate::estimate::Estimate| {
            e.timeline.type1_report.as_ref().map_or("none".to_string(), |m| format!("{} to {}", m.dates[0], m.dates[1]))
        };
        let t2 = |e: &crate::estimate::Estimate| {
            let m = &e.timeline.type2_report;
            format!("{} to {}", m.dates[0], m.dates[1])
        };
        lines.push(format!("Earliest Type I report: {} → {}", t1(b), t1(c)));
        lines.push(format!("Earliest Type II report: {} → {}", t2(b), t2(c)));
        lines.push(format!(
            "Paid to others, first year: {} → {}",
            usd(b.cost.external_total),
            usd(c.cost.external_total)
        ));
        lines.push(format!("With internal staff time: {} → {}", usd(b.cost.total), usd(c.cost.total)));
    }
    WhatIf { changes, lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The core says what is wrong with a setting; naming the flag (`--set`) is the command line's part,
    /// so the interface shows the same message without rewriting it.
    #[test]
    fn a_refused_setting_is_described_without_naming_a_flag() {
        let q = crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
        let a = Assessment::new(q, "Acme", "2026-01-10T10:00:00Z");
        let params = Parameters::built_in();
        for (bad, says) in [
            ("remediation_fte", "`remediation_fte`: write it as NAME=VALUE"),
            ("no_such_thing=1", "`no_such_thing=1`: `no_such_thing` is neither a profile question"),
            ("penetration_test=lots", "`penetration_test=lots`: `lots` is not a number"),
            ("remediation_fte=0.05", "`remediation_fte=0.05`: 0.05 full-time equivalents is under the 0.1"),
        ] {
            let Err(e) = apply(&a, &params, &[bad.to_string()]) else { panic!("{bad} was taken") };
            let text = e.to_string();
            assert!(text.starts_with(says), "{bad}: {text}");
            assert!(!text.contains("--"), "{bad}: {text}");
        }
    }
}
