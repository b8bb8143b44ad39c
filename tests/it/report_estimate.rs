//! Estimates for companies built from the built-in readiness questionnaire: a strong, a middling and a weak
//! one, and a 50-person company with nothing in place checked against the typical figures of published guides.
//!
//! The questionnaire's content is still growing, so answers are driven by type: every shown maturity
//! question gets one level. Expected ranges are wide enough to survive added questions, narrow enough to
//! fail if the arithmetic goes wrong.

use chrono::NaiveDate;
use soc2_ready::assessment::{AnswerValue, Assessment, Visibility};
use soc2_ready::estimate::{Estimate, Parameters, Profile};
use soc2_ready::questionnaire::{QuestionType, catalog};
use soc2_ready::scoring::{gaps, scored_questions};

const NOW: &str = "2025-03-03T09:00:00Z";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 3).unwrap()
}

/// A company with the given profile answers and every shown maturity question at `level` (yes/no
/// questions answered yes when `level` is documented or better, choice questions with their best option
/// then).
fn company(profile: &[(&str, AnswerValue)], level: &str) -> Assessment {
    let q = catalog::built_in("soc2-ai-readiness").expect("built-in");
    let mut a = Assessment::new(q, "Example AI", NOW);
    for (id, v) in profile {
        a.set_value(id, v.clone(), NOW);
    }
    let good = matches!(level, "documented" | "evidenced");
    let vis = Visibility::of_assessment(&a);
    let questionnaire = a.questionnaire().clone();
    for (si, section) in questionnaire.sections.iter().enumerate() {
        for (qi, question) in section.questions.iter().enumerate() {
            if !vis.question(si, qi) || !question.is_scored() || a.value(&question.id).is_some() {
                continue;
            }
            let value = match question.kind {
                QuestionType::Maturity => level.to_string(),
                QuestionType::Yesno => if good { "yes" } else { "no" }.to_string(),
                QuestionType::Choice => {
                    let mut options = question.options.clone();
                    options.sort_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)));
                    if good { options.last() } else { options.first() }.unwrap().id.clone()
                }
                _ => continue,
            };
            a.set_value(&question.id, AnswerValue::Text(value), NOW);
        }
    }
    a
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

fn num(x: f64) -> AnswerValue {
    AnswerValue::Number(x)
}

fn fifty_people() -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("profile.headcount", num(50.0)),
        ("profile.engineers", num(25.0)),
        ("profile.systems", num(5.0)),
        ("profile.trains_models", text("no")),
        ("profile.third_party_models", text("yes")),
        ("profile.personal_data", text("no")),
        ("profile.categories", AnswerValue::List(vec![])),
        ("profile.report_type", text("type1")),
        ("profile.observation_months", text("months_6")),
        ("profile.remediation_fte", num(2.0)),
        ("profile.auditor_tier", text("boutique")),
        ("profile.hourly_cost", num(100.0)),
        ("profile.start_date", text("2025-04-01")),
        ("profile.compliance_tooling", text("yes")),
        ("profile.consultant", text("no")),
    ]
}

fn estimate(a: &Assessment) -> Estimate {
    let qs = scored_questions(a);
    let found = gaps(&qs);
    Estimate::build(&Profile::of(a), &Parameters::built_in(), &found, today())
}

#[test]
fn fifty_people_with_nothing_in_place_against_the_guide() {
    let e = estimate(&company(&fifty_people(), "not_started"));
    let t2 = e.timeline.type2_report.months;
    let t1 = e.timeline.type1_report.as_ref().unwrap().months;
    // Remaining effort: every shown scored question's effort (about 200-730 person-days as written), with
    // shared work counted once per policy document and the compliance platform's saving: well below the sum,
    // but over 50 person-days at the low end and over 200 at the high end.
    assert!(e.effort.raw[1] > 1.5 * e.remaining_days[1], "{:?} {:?}", e.effort.raw, e.remaining_days);
    assert!(e.remaining_days[0] > 50.0 && e.remaining_days[1] > 200.0, "{:?}", e.remaining_days);
    // Type II: 2-4 weeks scoping + policy writing and remediation (effort / 10 person-days a week) + 26 weeks
    // + 4-6 weeks: inside the typical 8-14 months at the low end, a little beyond it at the high end.
    assert!((8.0..=14.0).contains(&t2[0]) && (8.0..=15.0).contains(&t2[1]), "type II {t2:?}");
    // Type I: scoping + remediation + 4-6 weeks. The typical figure is 4-6 months; starting from nothing the
    // range is wider (about 3 to 8.5 months) but stays near the public 4-9 months to audit-ready at its top.
    assert!(t1[0] >= 2.5 && t1[0] <= 6.0 && t1[1] <= 9.0, "type I {t1:?}");
    // External spend (the typical 30,000-100,000+ leaves out internal time), small scope: boutique Type I
    // 10,000-17,500 and Type II 15,000-30,000, platform 10,000-30,000, penetration test 10,000-35,000,
    // security stack 50 x 150-450 = 7,500-22,500, legal review 5,000-20,000.
    assert_eq!(e.cost.external_total, [57500.0, 155000.0]);
    let typical = [30000.0, 100000.0];
    assert!(e.cost.external_total[0] >= typical[0] && e.cost.external_total[0] <= typical[1]);
    // Internal staff time = remaining person-days x 8 hours x 100 USD.
    let staff = e.cost.items.iter().find(|i| i.name == "Internal staff time").unwrap();
    assert_eq!(staff.low, (e.remaining_days[0] * 800.0).round());
    // The sentences say which end is outside the typical range, never "in line" when a figure is outside.
    if t2[1] > 14.0 {
        assert!(e.comparison.time.contains("the high end is slower than typical"), "{}", e.comparison.time);
    }
    assert!(!e.comparison.time.contains("in line"), "{}", e.comparison.time);
    assert!(e.comparison.cost.contains("the high end is dearer than typical"), "{}", e.comparison.cost);
    assert!(!e.comparison.cost.contains("boutique"), "a boutique firm never makes it dearer: {}", e.comparison.cost);
    // Dates start from the profile's start date.
    assert_eq!(e.timeline.start_date, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
    assert_eq!(e.timeline.phases[0].start, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
}

#[test]
fn weak_takes_longer_and_costs_more_than_middling_than_strong() {
    let strong = estimate(&company(&fifty_people(), "evidenced"));
    let middling = estimate(&company(&fifty_people(), "informal"));
    let weak = estimate(&company(&fifty_people(), "not_started"));

    // Strong: nothing left to design; Type II = scoping 2-4 weeks + 26 weeks + 4-6 weeks = 32-36 weeks.
    assert_eq!(strong.remaining_days, [0.0, 0.0]);
    assert_eq!(strong.timeline.type2_report.weeks, [32.0, 36.0]);
    assert_eq!(strong.timeline.type2_report.months, [7.4, 8.3]);
    assert!(strong.comparison.time.contains("faster than typical"), "{}", strong.comparison.time);
    // Type I = 2-4 weeks + 4-6 weeks = 6-10 weeks.
    assert_eq!(strong.timeline.type1_report.as_ref().unwrap().weeks, [6.0, 10.0]);

    // Middling: informal earns half the design credit, so about half of the weak company's remaining effort
    // (a little more: its few yes/no and choice questions get the worst answer and keep their full effort).
    for end in 0..2 {
        let ratio = middling.remaining_days[end] / weak.remaining_days[end];
        assert!((0.5..0.6).contains(&ratio), "{ratio}");
    }

    for (better, worse) in [(&strong, &middling), (&middling, &weak)] {
        for end in 0..2 {
            assert!(better.timeline.type2_report.weeks[end] <= worse.timeline.type2_report.weeks[end]);
            assert!(better.cost.total[end] <= worse.cost.total[end]);
        }
        assert!(better.timeline.type2_report.weeks[1] < worse.timeline.type2_report.weeks[1]);
        assert!(better.cost.total[1] < worse.cost.total[1]);
    }
}

#[test]
fn profile_answers_move_the_estimate() {
    let mut profile = fifty_people();
    let base = estimate(&company(&profile, "informal"));
    profile
        .retain(|(id, _)| !matches!(*id, "profile.remediation_fte" | "profile.auditor_tier" | "profile.report_type"));
    profile.push(("profile.remediation_fte", num(4.0)));
    profile.push(("profile.auditor_tier", text("big4")));
    profile.push(("profile.report_type", text("type2")));
    let changed = estimate(&company(&profile, "informal"));
    // Twice the people: remediation takes half the weeks.
    let weeks = |e: &Estimate| e.timeline.phases.iter().find(|p| p.name == "Remediation").unwrap().weeks;
    let (b, c) = (weeks(&base), weeks(&changed));
    assert!((c[1] - b[1] / 2.0).abs() <= 0.1, "{b:?} {c:?}");
    // Straight to Type II: no Type I audit line, no Type I date; a Big Four Type II is 90,000-145,000 (small).
    assert!(changed.timeline.type1_report.is_none());
    assert!(changed.cost.items.iter().all(|i| i.name != "Auditor: Type I report"));
    let audit = changed.cost.items.iter().find(|i| i.name == "Auditor: Type II report").unwrap();
    assert_eq!((audit.low, audit.high), (90000.0, 145000.0));
    assert!(changed.comparison.cost.contains("Big Four"));
    // Every assumption names its source.
    assert!(changed.assumptions.iter().all(|a| !a.source.is_empty()));
    assert!(changed.assumptions.iter().any(|a| a.source == "your answer to profile.remediation_fte"));
}

#[test]
fn unanswered_profile_uses_defaults_and_today() {
    let e = estimate(&company(&[], "documented"));
    assert_eq!(e.timeline.start_date, today());
    assert_eq!(e.fte, 2.0);
    assert!(e.assumptions.iter().any(|a| a.name == "Start date" && a.source.starts_with("today")));
}

#[test]
fn only_categories_in_scope_are_scored_in_the_report() {
    use soc2_ready::questionnaire::Category;
    use soc2_ready::report::Report;
    let categories = |profile: &[(&str, AnswerValue)]| -> Vec<Category> {
        let r = Report::build(&company(profile, "informal"), &Parameters::built_in(), today());
        r.categories.iter().map(|(c, _)| *c).collect()
    };
    // Security only: questions that also cite a privacy or confidentiality criterion do not make those
    // categories appear as gaps of an audit that leaves them out.
    assert_eq!(categories(&fifty_people()), [Category::Security]);
    let mut wider = fifty_people();
    wider.retain(|(id, _)| !matches!(*id, "profile.categories" | "profile.personal_data"));
    wider.push(("profile.personal_data", text("yes")));
    wider.push(("profile.categories", AnswerValue::List(vec!["confidentiality".into(), "privacy".into()])));
    assert_eq!(categories(&wider), [Category::Security, Category::Confidentiality, Category::Privacy]);
}
