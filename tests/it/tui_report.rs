//! The report screen as its readers need it (issue 10): the one page first, a vendor report shaped for
//! vendors, honest reports when nothing is scored, the what-if comparison toggled on and off without
//! changing the assessment, owners and due dates set from a question or a gap and shown in the plan, and
//! the CSV plan exported next to the other formats.

use std::path::PathBuf;

use soc2_ready::assessment::{Assessment, Session, store};
use soc2_ready::tui::app::{App, Screen};
use soc2_ready::tui::screens::report::Dialog;

use crate::report_golden::{carried_over, custom, interviewed, middling, partial, vendor};
use crate::tui::{NOW, fresh_store, open_demo, press, quiet, saved, screen, snap};

/// The app with `a` open on its first question, saved in a fresh store as `acme.json`.
fn open(a: Assessment) -> (App, PathBuf) {
    let store = fresh_store("report");
    let path = store.dir.join("acme.json");
    let session = Session::create(&path, a, NOW).unwrap();
    (quiet(App::with_session(store, session)), path)
}

fn report_of(a: Assessment) -> (App, PathBuf) {
    let (mut app, path) = open(a);
    press(&mut app, "r");
    assert!(matches!(app.screen, Screen::Report(_)), "{}", app.status.text);
    (app, path)
}

fn text(app: &App, width: u16, height: u16) -> String {
    screen(app, width, height)
}

#[test]
fn a_readiness_report_starts_with_the_one_page() {
    let (app, _) = report_of(middling());
    snap("report_readiness", &app);
    let top = text(&app, 120, 40);
    assert!(top.contains("SOC 2 readiness report: Mini AI Ltd"), "{top}");
    let [verdict, dates, cost, first] = ["Verdict", "Earliest Type II report", "First-year cost", "Do these first:"]
        .map(|s| top.find(s).unwrap_or_else(|| panic!("{s} missing: {top}")));
    assert!(dates < verdict && cost < verdict && first < verdict, "the one page comes before the details: {top}");
    assert!(top.contains("owner Dana Kim"), "the owner set on the gap is in the five things: {top}");
}

#[test]
fn a_partial_report_lists_unanswered_questions_apart_from_gaps() {
    let (app, _) = report_of(partial());
    snap("report_partial", &app);
    // The unanswered questions come after the gaps, before the timeline (the report's one order).
    let tall = text(&app, 120, 150);
    let [gaps, unanswered, timeline] = ["Gaps, highest priority first", "Unanswered questions", "Timeline from"]
        .map(|s| tall.find(s).unwrap_or_else(|| panic!("{s} missing: {tall}")));
    assert!(gaps < unanswered && unanswered < timeline, "{tall}");
    let top = text(&app, 120, 40);
    assert!(top.contains("over all questions") && top.contains("over the answered ones"), "{top}");
}

#[test]
fn a_vendor_report_is_shaped_for_vendors() {
    let (mut app, _) = report_of(vendor());
    snap("report_vendor", &app);
    let all = {
        let mut seen = String::new();
        for _ in 0..10 {
            seen.push_str(&text(&app, 120, 40));
            press(&mut app, " ");
        }
        seen
    };
    assert!(all.contains("AI vendor assessment: Example Models Inc"), "{all}");
    assert!(all.contains("Risk verdict") && all.contains("Contract terms to ask for") && all.contains("Attestations"));
    for absent in ["Type I report", "Type II report", "Timeline", "Do these first", "Plan by owner", "Verdict: "] {
        assert!(!all.contains(absent), "a vendor report has no {absent}: {all}");
    }
    // No plan of your own: no owners, no CSV plan.
    press(&mut app, "o");
    assert!(app.status.error && app.status.text.contains("vendor"), "{}", app.status.text);
    press(&mut app, "C");
    assert!(app.status.error && app.status.text.contains("vendor"), "{}", app.status.text);
    press(&mut app, "w");
    assert!(app.status.error && app.status.text.contains("no timeline or cost"), "{}", app.status.text);
}

#[test]
fn a_report_with_no_soc2_content_gives_no_verdict_timeline_or_cost() {
    let (app, _) = report_of(custom());
    snap("report_custom", &app);
    let top = text(&app, 120, 40);
    assert!(top.contains("no SOC 2 verdict"), "{top}");
    for absent in ["Verdict: ", "Type II report", "First-year cost", "Timeline"] {
        assert!(!top.contains(absent), "{absent}: {top}");
    }
}

#[test]
fn what_if_shows_before_and_after_and_toggles_off_without_changing_the_assessment() {
    let (mut app, path) = report_of(middling());
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "w");
    assert!(matches!(&app.screen, Screen::Report(s) if matches!(s.dialog, Some(Dialog::WhatIf(_)))));
    snap("report_what_if_prompt", &app);
    // A setting that is neither a profile question nor a parameter is refused, and the prompt stays.
    press(&mut app, "headcount=lots<Enter>");
    assert!(app.status.error && app.status.text.contains("not"), "{}", app.status.text);
    assert!(!app.status.text.contains("--set"), "the interface has no --set: {}", app.status.text);
    press(&mut app, "<C-u>remediation_fte=3 hourly_cost=140<Enter>");
    assert!(!app.status.error, "{}", app.status.text);
    snap("report_what_if", &app);
    let shown = text(&app, 120, 40);
    assert!(shown.contains("What if profile.remediation_fte = 3, hourly_cost = 140"), "{shown}");
    assert!(shown.contains("Earliest Type II report: ") && shown.contains(" → "), "{shown}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the assessment is not changed");
    assert_eq!(saved(&path).value("profile.remediation_fte"), Some(&soc2_ready::assessment::AnswerValue::Number(1.0)));
    // Toggled off: the report of the answers as they are.
    press(&mut app, "w");
    let shown = text(&app, 120, 40);
    assert!(!shown.contains("What if") && !shown.contains(" → "), "{shown}");
    assert!(matches!(&app.screen, Screen::Report(s) if s.what_if.is_empty() && s.dialog.is_none()));
    // Esc in the prompt changes nothing.
    press(&mut app, "wremediation_fte=2<Esc>");
    assert!(!text(&app, 120, 40).contains("What if"));
}

#[test]
fn owner_and_due_date_on_a_question_are_saved_and_shown_in_the_plan() {
    let (mut app, path) = open_demo("owner");
    // Jane answers; the first question (uses models) yes, then to access.reviews.
    press(&mut app, "wJane<Enter>1");
    press(&mut app, "<Right>");
    assert_eq!(crate::tui::current_question(&app), "access.reviews");
    press(&mut app, "o");
    snap("owner_form", &app);
    // ↑ recalls the people named so far.
    press(&mut app, "<Up>");
    assert!(screen(&app, 80, 24).contains("Jane"));
    press(&mut app, "<C-u>Dana Kim<Tab>31/03/2027<Enter>");
    assert!(app.status.error && app.status.text.contains("YYYY-MM-DD"), "{}", app.status.text);
    assert_eq!(saved(&path).answers().get("access.reviews").map(|a| a.owner.clone()), None, "nothing saved yet");
    press(&mut app, "<C-u>2027-03-31<Enter>");
    assert_eq!(app.status.text, "access.reviews: owned by Dana Kim, due 2027-03-31.");
    let a = saved(&path);
    let entry = a.answers().get("access.reviews").expect("saved at once");
    assert_eq!((entry.owner.as_str(), entry.due.as_str()), ("Dana Kim", "2027-03-31"));
    assert!(screen(&app, 120, 40).contains("Owner: Dana Kim, due 2027-03-31"), "shown on the question");
    // Answer it as planned so it is a gap, then look at the report.
    press(&mut app, "2r");
    let mut all = String::new();
    for _ in 0..12 {
        all.push_str(&screen(&app, 120, 40));
        press(&mut app, " ");
    }
    assert!(all.contains("Plan by owner") && all.contains("Dana Kim: 1 gap"), "{all}");
    assert!(all.contains("owner Dana Kim · due 2027-03-31"), "{all}");
    // Emptying both fields clears them.
    press(&mut app, "<Esc>");
    press(&mut app, "<Up>o<C-u><Tab><C-u><Enter>");
    assert_eq!(app.status.text, "access.reviews: no owner and no due date.");
    assert!(saved(&path).answers().get("access.reviews").is_some_and(|a| a.owner.is_empty() && a.due.is_empty()));
}

#[test]
fn owner_on_a_gap_in_the_report_is_saved_and_the_report_follows() {
    let (mut app, path) = report_of(middling());
    let selected = |app: &App| match &app.screen {
        Screen::Report(s) => s.report.gaps[s.selected].id.clone(),
        _ => unreachable!(),
    };
    let first = selected(&app);
    // The gaps are below the first screen: the first Tab brings the first of them into view, not the second.
    press(&mut app, "<Tab>");
    assert_eq!(selected(&app), first);
    assert!(text(&app, 120, 40).contains(&first), "scrolled into view");
    press(&mut app, "<Tab>");
    let second = selected(&app);
    assert_ne!(first, second);
    press(&mut app, "<BackTab><Tab>");
    assert_eq!(selected(&app), second);
    snap("report_gap_selected", &app);
    press(&mut app, "o");
    snap("report_owner_form", &app);
    press(&mut app, "Lee 李<Tab>2026-06-30<Enter>");
    assert!(!app.status.error, "{}", app.status.text);
    let a = saved(&path);
    let entry = a.answers().get(&second).unwrap();
    assert_eq!((entry.owner.as_str(), entry.due.as_str()), ("Lee 李", "2026-06-30"));
    assert_eq!(selected(&app), second, "the same gap stays selected");
    let Screen::Report(s) = &app.screen else { unreachable!() };
    assert!(s.report.plan_by_owner.iter().any(|g| g.name == "Lee 李" && g.questions.contains(&second)));
    // The owner form's text is kept when the program ends while it is open.
    press(&mut app, "<Tab>o<C-u>Noor<C-c>");
    assert!(app.quit);
    let third = match &app.screen {
        Screen::Report(s) => s.report.gaps[s.selected].id.clone(),
        _ => unreachable!(),
    };
    assert_eq!(saved(&path).answers().get(&third).map(|a| a.owner.as_str()), Some("Noor"));
}

#[test]
fn the_csv_plan_is_exported_from_the_report_screen() {
    let (mut app, path) = report_of(middling());
    press(&mut app, "C");
    let csv = app.export_dir.join("acme-report.csv");
    assert_eq!(app.status.text, format!("CSV plan written to {}", csv.display()));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.lines().next().unwrap().contains("owner"), "{written}");
    assert!(written.contains("Dana Kim"), "{written}");
    // The same safe-output rules as the other formats: never over an assessment.
    std::fs::copy(&path, &csv).unwrap();
    press(&mut app, "C");
    assert!(app.status.error && app.status.text.contains("soc2-ready assessment"), "{}", app.status.text);
    assert!(store::read(&csv).is_ok());
}

#[test]
fn an_interviewed_report_ends_with_meetings_review_and_observations() {
    let (mut app, _) = report_of(interviewed());
    press(&mut app, "G");
    snap("report_interviewed_end", &app);
    let bottom = text(&app, 120, 40);
    for part in [
        "Meetings",
        "1  2026-01-12 09:00 UTC  1 h 05 min  Ann Lee, Bo Chen  access.mfa, access.reviews",
        "2  2026-01-14 14:00 UTC  40 min      Bo Chen           operations.logging",
        "Claimed and reviewed",
        "All sections       12         2           0",
        "Observations",
        "• MFA enforced everywhere? access.mfa",
        "risk: Account takeover of the production console",
        "owner: Dana Kim",
        "due: 2026-03-31",
    ] {
        assert!(bottom.contains(part), "{part} missing: {bottom}");
    }
}

#[test]
fn a_carried_over_report_shows_the_change_since_last_year_after_the_one_page() {
    let (app, _) = report_of(carried_over());
    let top = text(&app, 120, 40);
    let since = top.find("Since last year (saved 2025-01-20T09:00:00Z)").unwrap_or_else(|| panic!("{top}"));
    assert!(top.find("Do these first:").unwrap() < since, "{top}");
    // Blocked both years: access reviews and model evaluation stay informal (CC6.3, CC8.1, C1.1, PI1.3).
    assert!(top.contains("Verdict: Blocked → Blocked"), "{top}");
    assert!(top.contains("Type I 68.2 → 77.3 (+9.1)"), "{top}");
}
