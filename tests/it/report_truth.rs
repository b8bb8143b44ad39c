//! The report never contradicts itself or its figures: one test per "truth" item of the report issue, and
//! a direction test for each profile effect on the estimate.

use crate::common::Answering;
use chrono::{Datelike, NaiveDate};
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::estimate::{Estimate, Parameters, Profile, Tier};
use soc2_ready::questionnaire::{Category, Questionnaire};
use soc2_ready::report::figures::days;
use soc2_ready::report::{Format, OnePage, export};
use soc2_ready::scoring::{gaps, scored_questions};

use crate::report_golden::{NOW, build, custom, middling, partial, strong, today, vendor, weak};

fn profile() -> Profile {
    Profile {
        headcount: Some(30.0),
        systems: Some(4.0),
        remediation_fte: Some(1.0),
        start_date: NaiveDate::from_ymd_opt(2026, 2, 2),
        compliance_tooling: Some(false),
        consultant: Some(false),
        auditor_tier: Some(Tier::Boutique),
        ..Profile::default()
    }
}

fn estimate_with(a: &Assessment, p: &Profile, params: &Parameters) -> Estimate {
    let qs = scored_questions(a);
    Estimate::build(p, params, &gaps(&qs), today())
}

fn estimate(p: &Profile) -> Estimate {
    estimate_with(&weak(), p, &Parameters::built_in())
}

#[test]
fn the_time_comparison_names_the_end_outside_the_typical_range() {
    // From a crowd of people to a fraction of one: the Type II date moves across the typical 8-14 months.
    let mut seen_outside = false;
    for fte in [0.1, 0.15, 0.2, 0.3, 0.5, 1.0, 3.0] {
        let e = estimate(&Profile { remediation_fte: Some(fte), ..profile() });
        let [lo, hi] = e.timeline.type2_report.months;
        let text = &e.comparison.time;
        assert!(!text.contains("in line"), "{text}");
        if hi > 14.0 && lo <= 14.0 {
            seen_outside = true;
            assert!(text.contains(&format!("up to {hi} months against a typical 8-14")), "{text}");
            assert!(text.contains("the high end is slower than typical"), "{text}");
        } else if lo > 14.0 {
            seen_outside = true;
            assert!(text.contains("slower than the typical 8-14"), "{text}");
        } else if hi < 8.0 {
            assert!(text.contains("faster than the typical 8-14"), "{text}");
        } else if lo >= 8.0 {
            assert!(text.contains("within the typical 8-14"), "{text}");
        }
    }
    assert!(seen_outside, "some FTE puts the estimate outside the typical range");
}

#[test]
fn plurals_are_right() {
    let one = estimate(&Profile { categories: Some(vec![Category::Availability]), ..profile() });
    assert!(
        one.comparison.time.contains("for 1 person,") || one.comparison.time.contains("1 person on"),
        "{}",
        one.comparison.time
    );
    assert!(one.comparison.cost.contains("1 category beyond Security"), "{}", one.comparison.cost);
    assert!(one.assumptions.iter().any(|a| a.value.starts_with("30 people, 4 systems")));
    let two = estimate(&Profile {
        remediation_fte: Some(2.0),
        categories: Some(vec![Category::Availability, Category::Confidentiality]),
        headcount: Some(1.0),
        systems: Some(1.0),
        ..profile()
    });
    let time = &two.comparison.time;
    assert!(time.contains("for 2 people,") || time.contains("2 people on"), "{time}");
    assert!(two.comparison.cost.contains("2 categories beyond Security"), "{}", two.comparison.cost);
    assert!(two.assumptions.iter().any(|a| a.value.starts_with("1 person, 1 system:")));
}

#[test]
fn a_range_with_equal_ends_prints_once() {
    assert_eq!(days([13.0, 13.0]), "13");
    assert_eq!(days([26.0, 26.0]), "26");
    assert_eq!(days([0.94, 2.46]), "0.9-2.5");
    let md = export(&build(&strong()), Format::Markdown);
    assert!(md.contains("| Type II observation window | 26 |"), "{md}");
    for doubled in ["26-26", "13-13", "0-0 "] {
        assert!(!md.contains(doubled), "{doubled} in the report");
    }
}

#[test]
fn a_boutique_firm_is_never_why_it_is_dearer() {
    for tooling in [false, true] {
        let e = estimate(&Profile {
            compliance_tooling: Some(tooling),
            consultant: Some(true),
            categories: Some(vec![Category::Privacy]),
            headcount: Some(400.0),
            ..profile()
        });
        let text = &e.comparison.cost;
        assert!(text.contains("dearer than typical"), "{text}");
        assert!(!text.contains("boutique"), "{text}");
    }
    // Cheaper than typical: the boutique firm may be named as the reason.
    let mut params = Parameters::built_in();
    for name in [
        "penetration_test",
        "legal_review",
        "stack_device_management",
        "stack_endpoint_detection",
        "stack_sso",
        "stack_training",
        "stack_background_checks",
        "cyber_insurance",
        "operating_days_per_month",
        "audit_support_days",
    ] {
        params = params.with_setting(name, 0.0, 0.0, "test").unwrap();
    }
    let cheap = estimate_with(
        &strong(),
        &Profile { report_path: Some(soc2_ready::estimate::ReportPath::TypeIIOnly), ..profile() },
        &params,
    );
    assert!(
        cheap.comparison.cost.contains("cheaper than typical, with a boutique CPA firm"),
        "{}",
        cheap.comparison.cost
    );
}

#[test]
fn one_effort_figure_with_its_explanation_where_it_is_shown() {
    let r = build(&weak());
    let e = r.estimate.as_ref().unwrap();
    let effort = r.effort.as_ref().unwrap();
    assert_eq!(e.remaining_days, effort.remaining);
    for plan in [&r.plan_by_policy, &r.plan_by_area, &r.plan_by_owner] {
        let sum = plan.iter().fold([0.0, 0.0], |[l, h], g| [l + g.remaining_days[0], h + g.remaining_days[1]]);
        assert!((sum[0] - effort.remaining[0]).abs() < 1e-6 && (sum[1] - effort.remaining[1]).abs() < 1e-6);
    }
    let staff = e.cost.items.iter().find(|i| i.name == "Internal staff time").unwrap();
    assert_eq!(staff.high, (effort.remaining[1] * 800.0).round());
    // The plan says how the sum of per-question efforts became the remaining effort, where it is shown.
    let md = export(&r, Format::Markdown);
    let plan = &md[md.find("## Remediation plan").unwrap()..md.find("## Timeline").unwrap()];
    assert!(plan.contains("The gaps' own efforts add up to") && plan.contains("once per document"), "{plan}");
    assert!(plan.contains(&format!("Remaining effort: {} person-days", days(effort.remaining))), "{plan}");
    let html = export(&r, Format::Html);
    assert!(html.contains("The gaps&#39; own efforts add up to"));
}

#[test]
fn each_profile_effect_moves_the_estimate_the_expected_way() {
    let base = estimate(&profile());
    // More people in scope: more work.
    let people = estimate(&Profile { headcount: Some(500.0), ..profile() });
    assert!(people.remaining_days[1] > base.remaining_days[1]);
    assert!(people.effort.factors.iter().any(|f| f.why.contains("effort_per_100_people")));
    // More systems in scope: the same work (no published figure gives a rise per system), a dearer audit
    // (beyond the large-scope 20 systems the fee is the upper half of its range).
    let systems = estimate(&Profile { systems: Some(40.0), ..profile() });
    assert_eq!(systems.remaining_days, base.remaining_days);
    assert!(systems.cost.external_total[0] > base.cost.external_total[0]);
    // A compliance platform shortens preparation: less work and an earlier Type I report.
    let tooling = estimate(&Profile { compliance_tooling: Some(true), ..profile() });
    assert!(tooling.remaining_days[1] < base.remaining_days[1]);
    assert!(
        tooling.timeline.type1_report.as_ref().unwrap().dates[1]
            < base.timeline.type1_report.as_ref().unwrap().dates[1]
    );
    // A readiness consultant too.
    let consultant = estimate(&Profile { consultant: Some(true), ..profile() });
    assert!(consultant.remaining_days[1] < base.remaining_days[1]);
    assert!(consultant.timeline.type2_report.dates[1] < base.timeline.type2_report.dates[1]);
    // More FTE: the same work, a shorter calendar.
    let fte = estimate(&Profile { remediation_fte: Some(3.0), ..profile() });
    assert_eq!(fte.remaining_days, base.remaining_days);
    assert!(fte.timeline.type2_report.dates[1] < base.timeline.type2_report.dates[1]);
    // Each effect is a named parameter with a source.
    let p = Parameters::built_in();
    for param in [&p.effort_per_100_people, &p.tooling_effort_saving, &p.consultant_effort_saving] {
        assert!(!param.source.is_empty() && !param.label.is_empty());
    }
}

#[test]
fn sources_are_public_references_never_internal_files() {
    let p = Parameters::built_in();
    let e = estimate(&Profile { compliance_tooling: Some(true), consultant: Some(true), ..profile() });
    let sources =
        p.all().into_iter().map(|(_, x)| x.source.clone()).chain(e.assumptions.iter().map(|a| a.source.clone()));
    for s in sources {
        for internal in [".md", "DOMAIN", "guide's timeline table", "estimates.json"] {
            assert!(!s.contains(internal), "{s}");
        }
    }
}

#[test]
fn a_partial_assessment_says_so_and_keeps_unanswered_apart_from_gaps() {
    let r = build(&partial());
    assert!(r.completion.answered < r.completion.shown);
    let (all, answered) = (r.overall.unwrap(), r.answered_score.unwrap());
    assert!(answered.type1 > all.type1, "{answered:?} {all:?}");
    let md = export(&r, Format::Markdown);
    assert!(md.contains("| Report | Over all questions | Over answered questions |"));
    let top = &md[md.find("## Top gaps").unwrap()..md.find("## Remediation plan").unwrap()];
    for unanswered in ["access.reviews", "operations.logging", "operations.model_eval"] {
        assert!(!top.contains(unanswered), "{unanswered} ranked among the gaps");
        assert!(r.unanswered.iter().any(|l| l.id == unanswered));
    }
    assert!(r.answered_gaps().all(|g| !g.unanswered));
    let page = OnePage::of(&r);
    assert!(page.completion.contains("over all questions") && page.completion.contains("over the answered ones"));
}

#[test]
fn nothing_scored_means_no_verdict_no_timeline_no_cost() {
    let q: Questionnaire = serde_json::from_value(serde_json::json!({
        "format": 1, "id": "notes", "version": "1", "title": "Notes only", "kind": "custom",
        "sections": [{ "id": "s", "title": "S", "questions": [
            { "id": "s.contact", "type": "text", "text": "Who to call?", "help": "h" } ] }]
    }))
    .unwrap();
    let mut a = Assessment::new(q, "Acme", NOW);
    a.answer("s.contact", AnswerValue::Text("Dana".into()), NOW);
    let r = build(&a);
    assert!(r.shown_verdict().is_none() && r.estimate.is_none());
    let md = export(&r, Format::Markdown);
    for absent in ["## Verdict:", "## Timeline", "## Cost", "Type I", "Early stage", "## Top gaps"] {
        assert!(!md.contains(absent), "{absent} in {md}");
    }
    let json: serde_json::Value = serde_json::from_str(&export(&r, Format::Json)).unwrap();
    assert!(json["readiness"].is_null() && json["timeline"].is_null() && json["cost"].is_null());
}

#[test]
fn a_custom_questionnaire_gets_only_what_its_content_supports() {
    let r = build(&custom());
    assert!(r.estimate.is_none() && r.shown_verdict().is_none());
    let md = export(&r, Format::Markdown);
    assert!(md.starts_with("# BigCorp supplier questions: Mini AI Ltd"));
    assert!(md.contains("no SOC 2 verdict, timeline or cost"));
    assert!(!md.contains("SOC 2 readiness report") && !md.contains("## Timeline") && !md.contains("auditor"));
    // With SOC 2 criteria and efforts, a custom questionnaire gets the estimate.
    let supported = build(&crate::report_golden::company("custom", &[("access.mfa", Some("informal"))]));
    assert!(supported.estimate.is_some() && supported.shown_verdict().is_some());
}

#[test]
fn a_vendor_assessment_gets_a_vendor_report() {
    let r = build(&vendor());
    for format in [Format::Markdown, Format::Html] {
        let text = export(&r, format);
        assert!(text.contains("AI vendor assessment: Example Models Inc"));
        for absent in [
            "Type I (",
            "Type I report",
            "Type II (",
            "Remediation plan",
            "Evidence checklist",
            "Policy documents",
            "SOC 2 readiness",
        ] {
            assert!(!text.contains(absent), "{absent} in the vendor report ({})", format.id());
        }
        let verdict = text.find("Risk verdict").unwrap();
        assert!(verdict < text.find("Contract terms to ask for").unwrap());
        assert!(text.find("Contract terms to ask for").unwrap() < text.find("Attestations").unwrap());
    }
    let json: serde_json::Value = serde_json::from_str(&export(&r, Format::Json)).unwrap();
    assert_eq!(json["title"], "AI vendor assessment: Example Models Inc");
    assert!(json["readiness"].is_null() && json["timeline"].is_null() && json["evidence"] == serde_json::json!([]));
    assert!(json["vendor"]["attestations"].is_array() && json["vendor"]["inherent"].is_string());
}

#[test]
fn not_applicable_shows_with_its_reason_everywhere() {
    let r = build(&middling());
    let expected = "Not applicable: We do not train or fine-tune models";
    let policy = r.policies.iter().find(|p| p.name == "Model Change Management Addendum").unwrap();
    assert_eq!(policy.status, expected);
    for format in [Format::Markdown, Format::Json, Format::Html] {
        let text = export(&r, format);
        assert!(text.contains(expected), "{}", format.id());
        assert!(!text.contains("Not answered"), "{}", format.id());
    }
    let answer = r.answers.iter().find(|a| a.id == "policies.model_change").unwrap();
    assert_eq!(answer.answer.as_deref(), Some(expected));
}

#[test]
fn parameters_that_divide_must_be_above_zero_and_the_file_is_named() {
    let bad = |text: &str| {
        Parameters::with_overrides(text, std::path::Path::new("/cfg/estimates.json")).unwrap_err().to_string()
    };
    for name in ["remediation_fte", "work_days_per_week", "hours_per_day"] {
        let e = bad(&format!(r#"{{"parameters": {{"{name}": {{"value": 0}}}}}}"#));
        assert!(e.starts_with("/cfg/estimates.json: ") && e.contains(&format!("`{name}` must be above 0")), "{e}");
    }
    let e = bad(r#"{"parameters": {"penetration_test": {"value": 1e308}}}"#);
    assert!(e.contains("`penetration_test`") && e.contains("largest figure"), "{e}");
    let e = bad(r#"{"currency": "EUR", "parameters": {}}"#);
    assert!(e.contains("`currency` is \"EUR\"") && e.contains("USD"), "{e}");
    assert!(Parameters::with_overrides(r#"{"currency": "USD", "parameters": {}}"#, std::path::Path::new("x")).is_ok());
}

#[test]
fn absurd_profile_answers_never_reach_the_output_as_inf_or_odd_dates() {
    for p in [
        Profile { remediation_fte: Some(0.0001), ..profile() },
        Profile { remediation_fte: Some(0.0), ..profile() },
        Profile { remediation_fte: Some(f64::INFINITY), hourly_cost: Some(1e308), ..profile() },
        Profile { start_date: NaiveDate::from_ymd_opt(-999, 1, 1), headcount: Some(f64::NAN), ..profile() },
        Profile { start_date: NaiveDate::from_ymd_opt(9999, 1, 1), systems: Some(1e300), ..profile() },
    ] {
        let e = estimate(&p);
        let t = &e.timeline;
        assert!((2000..=2100).contains(&t.start_date.year()) || t.start_date == today());
        for phase in &t.phases {
            assert!(phase.start >= t.start_date && phase.end >= phase.start, "{phase:?}");
            assert!(phase.weeks.iter().all(|w| w.is_finite() && *w >= 0.0));
            assert!(phase.end.year() < t.start_date.year() + 100, "{phase:?}");
        }
        assert!(e.cost.total.iter().chain(&e.cost.external_total).all(|x| x.is_finite() && *x >= 0.0));
        assert!(e.cost.total[1] < 1e12, "{:?}", e.cost.total);
        let mut a = weak();
        // Absurd figures no answer accepts, as a damaged or hand-edited file holds them.
        a.plant("profile.remediation_fte", AnswerValue::Number(p.remediation_fte.unwrap_or(1.0).min(1e9)), NOW);
        for format in Format::ALL {
            let text = export(&build(&a), format);
            for bad in ["inf-inf", " inf ", "infinity", "NaN", "9,223,372,036,854,775,807"] {
                assert!(!text.contains(bad), "{bad} in {}", format.id());
            }
        }
    }
    let fallback = estimate(&Profile { remediation_fte: Some(0.0001), ..profile() });
    assert_eq!(fallback.fte, 2.0);
    assert!(fallback.assumptions.iter().any(|a| a.source.contains("profile.remediation_fte is 0")));
}

#[test]
fn money_never_saturates() {
    assert_eq!(soc2_ready::estimate::money(1e19), "10,000,000,000,000,000,000");
    assert_eq!(soc2_ready::estimate::money(f64::NAN), "unknown");
    assert_eq!(soc2_ready::estimate::money(-1234.4), "-1,234");
}

#[test]
fn html_draws_charts_in_inline_svg_and_loads_nothing() {
    let html = export(&build(&middling()), Format::Html);
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert_eq!(html.matches("<svg class=\"chart").count(), 4, "sections, categories, AI areas, timeline");
    assert!(html.contains("<svg class=\"chart gantt\""));
    assert!(!html.contains("<script") && !html.contains("href=") && !html.contains(" src="));
    // Readable without colour: every bar carries its figure as text.
    assert!(html.contains(">68.2</text>") || html.contains(">65</text>"));
    assert!(html.contains("@media print") && html.contains("break-before: page"));
}

#[test]
fn the_one_page_leads_every_format() {
    let r = build(&middling());
    let page = OnePage::of(&r);
    assert_eq!(page.actions.len(), 5);
    let reviews = page.actions.iter().find(|a| a.id == "access.reviews").unwrap();
    assert_eq!((reviews.owner.as_str(), reviews.target.unwrap().to_string().as_str()), ("Dana Kim", "2026-04-30"));
    // Targets without a due date fit the timeline: the end of their phase, before the Type I report.
    let type1_last = r.estimate.as_ref().unwrap().timeline.type1_report.as_ref().unwrap().dates[1];
    assert!(page.actions.iter().filter(|a| a.target_basis != "due date set").all(|a| a.target.unwrap() <= type1_last));
    for format in [Format::Markdown, Format::Html] {
        let text = export(&r, format);
        let glance = text.find("At a glance").unwrap();
        // Blocked: access reviews, logging and model evaluation are informal, so CC6.3, CC7.2, CC8.1, C1.1
        // and PI1.3 have no designed control (the score alone would read "significant gaps").
        assert!(glance < text.find("Verdict: Blocked (SOC 2 Type I report)").unwrap(), "{}", format.id());
        assert!(text[glance..].contains("Earliest Type I report") && text[glance..].contains("First-year cost"));
    }
    let json: serde_json::Value = serde_json::from_str(&export(&r, Format::Json)).unwrap();
    assert_eq!(json["one_page"]["first_actions"].as_array().unwrap().len(), 5);
}

#[test]
fn a_documented_control_is_never_told_to_build_itself() {
    // In the middling assessment the security policy and MFA are documented: short only for Type II. The
    // report says what is left (operate it, keep evidence), not how to build what is already there.
    let r = build(&middling());
    for id in ["policies.security", "access.mfa"] {
        let gap = r.gaps.iter().find(|g| g.id == id).unwrap_or_else(|| panic!("{id} is a gap"));
        assert!(
            gap.remediation.starts_with("Designed: operate it and keep evidence for Type II ("),
            "{id}: {}",
            gap.remediation
        );
    }
    // A control not designed yet keeps the questionnaire's own remediation.
    let logging = r.gaps.iter().find(|g| g.id == "operations.logging").unwrap();
    assert_eq!(logging.remediation, "Ship logs to one place.");
}
