//! The interview in the interface (issue 13): meetings with their timers, switching who answers, review
//! marks, observations, undo, carried-over answers, conflicts left by a merge, vendors side by side and the
//! follow-ups export. Keys drive the real `App`; what counts is the saved file (read as readers read it,
//! with the journal replayed, and again after reopening).

use crate::common::Answering;
use std::cell::Cell;
use std::path::{Path, PathBuf};

use soc2_ready::assessment::Change;
use soc2_ready::assessment::model::answer::Answer;
use soc2_ready::assessment::model::conflicts::{Candidate, Conflict};
use soc2_ready::assessment::{AnswerValue, Assessment, Session, Store};
use soc2_ready::tui::app::{App, Screen};
use soc2_ready::tui::keymap::Context;

use crate::tui::{NOW, current_question, fixture, fresh_store, press, quiet, saved, screen, snap};

thread_local! {
    /// Minutes since NOW on this test's clock.
    static MINUTES: Cell<i64> = const { Cell::new(0) };
}

fn moving_now() -> String {
    let start = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let t = start + chrono::Duration::minutes(MINUTES.with(Cell::get));
    t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn wait_minutes(n: i64) {
    MINUTES.with(|m| m.set(m.get() + n));
}

/// An assessment of the demo questionnaire opened in the interface, its meeting started as on opening.
fn interview(name: &str, prepare: impl FnOnce(&mut Assessment)) -> (App, PathBuf) {
    let store = fresh_store(name);
    let path = store.dir.join("acme.json");
    let mut a = Assessment::new(fixture("demo.json"), "Acme AI", NOW);
    prepare(&mut a);
    let session = Session::create(&path, a, NOW).unwrap();
    let mut app = quiet(App::with_session(store, session));
    app.now = moving_now;
    app.begin_meeting();
    (app, path)
}

/// The file as reopening it gives (the interface's session closed first).
fn reopened(app: App, path: &Path) -> Assessment {
    drop(app);
    let session = Session::open(path, NOW).unwrap();
    session.assessment.clone()
}

fn text(v: &str) -> Option<AnswerValue> {
    Some(AnswerValue::Text(v.into()))
}

#[test]
fn opening_starts_a_meeting_whose_timers_the_header_shows_and_quitting_ends_it() {
    let (mut app, path) = interview("meeting", |a| a.set_respondent("Ann", NOW));
    let a = saved(&path);
    assert_eq!(a.meetings.len(), 1);
    assert_eq!(a.meetings[0].started_at, NOW);
    assert_eq!(a.meetings[0].attendees, ["Ann"], "who answered last is present");
    assert!(a.meetings[0].ended_at.is_empty());
    wait_minutes(12);
    press(&mut app, "1");
    let header = screen(&app, 120, 40).lines().next().unwrap().to_string();
    assert!(header.contains("answering: Ann │ meeting 12 min · section 12 min"), "{header}");
    press(&mut app, "<Right>");
    wait_minutes(3);
    press(&mut app, "4");
    let header = screen(&app, 120, 40).lines().next().unwrap().to_string();
    assert!(header.contains("15 min · section 3 min"), "{header}");
    snap("interview_meeting", &app);
    assert_eq!(saved(&path).meetings[0].answered, ["profile.uses_models", "access.reviews"]);
    wait_minutes(65);
    press(&mut app, "j");
    assert!(screen(&app, 120, 40).lines().next().unwrap().contains("1 h 20 min · section 1 h 08 min"));
    press(&mut app, "q");
    let a = reopened(app, &path);
    assert_eq!(a.meetings.len(), 1);
    assert_eq!(a.meetings[0].ended_at, "2026-01-15T10:20:00Z", "quitting ends the meeting");
}

#[test]
fn opening_from_the_home_screen_starts_a_meeting_and_going_back_ends_it() {
    let (app, path) = interview("home_meeting", |_| {});
    let store = app.store.clone();
    drop(app);
    let mut app = quiet(App::new(store));
    app.now = moving_now;
    press(&mut app, "<Enter>");
    assert!(matches!(app.screen, Screen::Questionnaire));
    assert_eq!(saved(&path).meetings.len(), 2, "a second sitting");
    wait_minutes(5);
    press(&mut app, "<Esc>");
    assert!(matches!(app.screen, Screen::Home(_)));
    let a = saved(&path);
    assert_eq!(a.meetings[1].ended_at, "2026-01-15T09:05:00Z");
}

/// Issue 19: the meeting follows the changes applied, so an answer typed and not yet confirmed when the
/// program ends (kept through the same checks as Enter) counts as answered in the meeting it was typed in;
/// the meeting used to end first and miss it.
#[test]
fn an_answer_typed_when_the_program_ends_counts_in_the_meeting() {
    let (mut app, path) = interview("typed-at-quit", |_| {});
    press(&mut app, "1");
    assert_eq!(current_question(&app), "profile.headcount");
    press(&mut app, "<Enter>12");
    app.shutdown();
    let a = reopened(app, &path);
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(12.0)));
    assert!(!a.meetings[0].ended_at.is_empty(), "the meeting ended");
    assert_eq!(a.meetings[0].answered, ["profile.uses_models", "profile.headcount"]);
}

#[test]
fn w_switches_between_the_people_present_with_one_key() {
    let (mut app, path) = interview("respondents", |_| {});
    // Nobody known yet: w opens the field; W adds more people to the meeting.
    press(&mut app, "wAnn Lee<Enter>WBob<Enter>");
    assert_eq!(saved(&path).meetings[0].attendees, ["Ann Lee", "Bob"]);
    assert_eq!(saved(&path).respondent, "Bob");
    press(&mut app, "w");
    assert_eq!(app.status.text, "Answers are now recorded as given by Ann Lee (W adds someone).");
    press(&mut app, "1");
    press(&mut app, "w42<Enter>");
    let a = saved(&path);
    assert_eq!(a.answers()["profile.uses_models"].answered_by, "Ann Lee");
    assert_eq!(a.answers()["profile.headcount"].answered_by, "Bob");
    assert_eq!(a.respondent, "Bob");
    assert_eq!(a.meetings[0].answered, ["profile.uses_models", "profile.headcount"]);
    snap("interview_two_respondents", &app);
}

#[test]
fn r_marks_an_answer_reviewed_and_the_sections_show_it() {
    let (mut app, path) = interview("review", |_| {});
    press(&mut app, "R");
    assert_eq!(app.status.text, "There is no answer to review yet.");
    assert!(app.status.error);
    press(&mut app, "1kR");
    assert_eq!(current_question(&app), "profile.uses_models");
    assert!(saved(&path).answers()["profile.uses_models"].reviewed.is_some());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✔ REVIEWED") && shown.contains("1/5 ✔1"), "{shown}");
    snap("interview_reviewed", &app);
    // While any answer is reviewed, another answer shows as claimed.
    press(&mut app, "j5<Enter>k");
    assert_eq!(current_question(&app), "profile.headcount");
    assert!(screen(&app, 80, 24).contains("CLAIMED"), "{}", screen(&app, 80, 24));
    press(&mut app, "kR");
    assert!(saved(&path).answers()["profile.uses_models"].reviewed.is_none());
    // With no answer reviewed, a founder answering alone is not shown review marks at all.
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("CLAIMED") && !shown.contains("✔"), "{shown}");
    let a = reopened(app, &path);
    assert!(a.answers()["profile.uses_models"].reviewed.is_none());
}

#[test]
fn o_records_an_observation_and_a_flag_becomes_one() {
    let (mut app, path) = interview("observation", |_| {});
    press(&mut app, "O");
    assert_eq!(app.context(), Context::TypeObservation);
    snap("interview_observation_form", &app);
    // Nothing seen: refused, nothing lost.
    press(&mut app, "<Enter>");
    assert!(app.status.error && app.status.text.contains("needs a description"), "{}", app.status.text);
    press(&mut app, "Laptops unmanaged<Down>No MDM<Down>Roll out MDM<Down>Dana<Down>2026-13-01<Enter>");
    assert!(app.status.text.contains("not a date"), "{}", app.status.text);
    press(&mut app, "<C-u>2026-03-31<Enter>");
    assert_eq!(app.context(), Context::Questionnaire);
    let a = saved(&path);
    let o = &a.observations[0];
    assert_eq!(
        (o.id.as_str(), o.question.as_str(), o.seen.as_str(), o.risk.as_str(), o.recommendation.as_str()),
        ("obs-1", "profile.uses_models", "Laptops unmanaged", "No MDM", "Roll out MDM")
    );
    assert_eq!((o.owner.as_str(), o.due.as_str()), ("Dana", "2026-03-31"));
    // A flagged question: the form starts from the flag's note, and saving clears the flag.
    press(&mut app, "<Right>f");
    press(&mut app, "eNo reviews since 2024<Esc>");
    press(&mut app, "O");
    press(&mut app, "<Enter>");
    let a = saved(&path);
    assert_eq!(a.observations[1].seen, "No reviews since 2024");
    assert!(!a.is_flagged("access.reviews"), "the observation takes the flag's place");
    // ! walks flagged questions and open observations.
    press(&mut app, "<Down>f");
    assert_eq!(current_question(&app), "access.mfa");
    press(&mut app, "!");
    assert_eq!(current_question(&app), "profile.uses_models");
    assert!(app.status.text.contains("1 open observation"), "{}", app.status.text);
    press(&mut app, "!");
    assert_eq!(current_question(&app), "access.reviews");
    press(&mut app, "!");
    assert_eq!(current_question(&app), "access.mfa");
    assert!(app.status.text.contains("flagged"), "{}", app.status.text);
    let a = reopened(app, &path);
    assert_eq!(a.observations.len(), 2, "observations reach the file");
}

#[test]
fn z_undoes_answer_note_flag_review_and_observation_several_steps_deep() {
    let (mut app, path) = interview("undo", |_| {});
    let original = saved(&path).answers().clone();
    press(&mut app, "1k"); // answer
    press(&mut app, "eA note<Esc>"); // note
    press(&mut app, "R"); // review
    press(&mut app, "OSeen it<Enter>"); // observation
    press(&mut app, "f"); // flag
    let a = saved(&path);
    assert!(a.answers()["profile.uses_models"].reviewed.is_some() && a.observations.len() == 1);
    assert_eq!(app.editor.as_ref().unwrap().interview.undo.depth(), 5);
    press(&mut app, "jj"); // move away: undo comes back here
    press(&mut app, "z");
    assert_eq!(current_question(&app), "profile.uses_models", "{}", app.status.text);
    assert!(!saved(&path).is_flagged("profile.uses_models"));
    press(&mut app, "jj");
    press(&mut app, "z");
    assert!(saved(&path).observations.is_empty());
    assert_eq!(current_question(&app), "profile.uses_models", "back to the observation's question");
    press(&mut app, "z");
    assert!(saved(&path).answers()["profile.uses_models"].reviewed.is_none());
    press(&mut app, "z");
    assert_eq!(saved(&path).note("profile.uses_models"), "");
    // Found driving the binary: "1 more steps can be undone."
    assert!(app.status.text.ends_with(" 1 more step can be undone."), "{}", app.status.text);
    press(&mut app, "z");
    assert_eq!(*saved(&path).answers(), original);
    assert!(app.status.text.ends_with(" Nothing more to undo."), "{}", app.status.text);
    press(&mut app, "z");
    assert_eq!(app.status.text, "Nothing to undo.");
    let a = reopened(app, &path);
    assert_eq!(*a.answers(), original, "undoing is saved like any change");
    assert!(a.observations.is_empty());
}

#[test]
fn c_confirms_a_carried_over_answer() {
    let (mut app, path) = interview("carried", |a| {
        // As carried over from last year: the whole entry kept, as a merge keeps one.
        let entry = Answer { value: text("yes"), to_confirm: true, updated_at: NOW.into(), ..Answer::default() };
        a.change(Change::Keep { question: "profile.uses_models".into(), entry }, NOW);
    });
    // Resuming skips it (it has a value); it is the question before.
    press(&mut app, "k");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("CARRIED OVER: TO CONFIRM"), "{shown}");
    snap("interview_carried_over", &app);
    press(&mut app, "c");
    assert_eq!(app.status.text, "Confirmed as still true; every carried-over answer is confirmed.");
    assert!(!saved(&path).answers()["profile.uses_models"].to_confirm);
    press(&mut app, "c");
    assert_eq!(app.status.text, "This answer is not one carried over to confirm; N goes to the next one.");
    let a = reopened(app, &path);
    assert!(!a.answers()["profile.uses_models"].to_confirm);
}

fn candidate(from: &str, value: &str, by: &str) -> Candidate {
    Candidate {
        from: from.into(),
        answer: Answer { value: text(value), answered_by: by.into(), updated_at: NOW.into(), ..Answer::default() },
    }
}

#[test]
fn conflicts_are_walked_and_resolved_by_choosing_a_file() {
    let (mut app, path) = interview("conflicts", |a| {
        a.conflicts = vec![
            Conflict {
                question: "access.mfa".into(),
                candidates: vec![candidate("ann", "everywhere", "Ann"), candidate("bob", "admins", "Bob")],
            },
            Conflict {
                question: "profile.uses_models".into(),
                candidates: vec![candidate("ann", "yes", "Ann"), candidate("bob", "no", "Bob")],
            },
        ];
    });
    assert_eq!(app.status.text, "Meeting started. Waiting: 2 answers the merged files disagree on (C to choose).");
    press(&mut app, "C");
    assert_eq!(app.context(), Context::ResolveConflict);
    assert_eq!(current_question(&app), "profile.uses_models", "in questionnaire order");
    snap("interview_conflict", &app);
    press(&mut app, "<Esc>");
    assert_eq!(saved(&path).conflicts.len(), 2, "Esc leaves it open");
    press(&mut app, "C2");
    let a = saved(&path);
    assert_eq!(a.value("profile.uses_models"), text("no").as_ref());
    assert_eq!(a.answers()["profile.uses_models"].answered_by, "Bob");
    assert_eq!(a.conflicts.len(), 1, "the resolution reaches the file (journal) at once");
    assert!(app.status.text.contains("1 left"), "{}", app.status.text);
    press(&mut app, "C<Down><Enter>");
    assert_eq!(current_question(&app), "access.mfa");
    assert_eq!(saved(&path).value("access.mfa"), text("admins").as_ref());
    // Undo opens the conflict again with both files' answers, and the question is unanswered again.
    press(&mut app, "z");
    assert!(app.status.text.contains("the conflict on access.mfa is open again"), "{}", app.status.text);
    let a = saved(&path);
    assert_eq!((a.conflicts.len(), a.conflicts[0].candidates.len()), (1, 2));
    assert_eq!(a.value("access.mfa"), None);
    press(&mut app, "C<Down><Enter>");
    assert_eq!(saved(&path).value("access.mfa"), text("admins").as_ref());
    press(&mut app, "C");
    assert_eq!(app.status.text, "No conflicts between merged files are left.");
    let a = reopened(app, &path);
    assert!(a.conflicts.is_empty());
    assert_eq!(a.value("access.mfa"), text("admins").as_ref());
}

#[test]
fn vendors_side_by_side_sort_by_each_column() {
    let store = fresh_store("vendors");
    let vendor = soc2_ready::questionnaire::catalog::built_in("ai-vendor-assessment").unwrap();
    for (org, at) in [("OpenAI", "2025-12-01T09:00:00Z"), ("Anthropic", "2025-06-01T09:00:00Z"), ("Zeta", NOW)] {
        let path = store.dir.join(format!("{}.json", org.to_lowercase()));
        Session::create(&path, Assessment::new(vendor.clone(), org, at), at).unwrap();
    }
    Session::create(&store.dir.join("acme.json"), Assessment::new(fixture("demo.json"), "Acme", NOW), NOW).unwrap();
    let mut app = quiet(App::new(Store::new(store.dir.clone())));
    press(&mut app, "V");
    assert_eq!(app.context(), Context::Vendors);
    let shown = screen(&app, 120, 40);
    assert!(!shown.contains("Acme"), "readiness assessments are left out: {shown}");
    let order = |app: &App| -> Vec<String> {
        let Screen::Vendors(v) = &app.screen else { panic!("not the vendors view") };
        v.rows.iter().map(|r| r.vendor.clone()).collect()
    };
    assert_eq!(order(&app), ["Anthropic", "OpenAI", "Zeta"], "soonest review first");
    assert!(shown.contains("OVERDUE"), "Anthropic was assessed over six months ago: {shown}");
    snap("interview_vendors", &app);
    press(&mut app, "v");
    assert_eq!(order(&app), ["Anthropic", "OpenAI", "Zeta"]);
    press(&mut app, "d");
    assert_eq!(app.status.text, "Sorted by next review due, soonest first.");
    press(&mut app, "l");
    assert_eq!(order(&app), ["Anthropic", "OpenAI", "Zeta"], "longest since assessed first");
    for key in ["r", "a", "t", "c"] {
        press(&mut app, key);
        assert_eq!(order(&app).len(), 3);
    }
    assert_eq!(app.status.text, "Sorted by critical findings, most first.");
    assert!(screen(&app, 120, 40).contains("▼Critical"));
    press(&mut app, "<Esc>");
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn the_report_exports_the_follow_ups() {
    let (mut app, path) = interview("followups", |_| {});
    press(&mut app, "f<Right>OReviews missing<Down><Down><Down>Dana<Down>2026-02-01<Enter>r");
    assert_eq!(app.context(), Context::Report);
    press(&mut app, "f");
    let written = app.export_dir.join("acme-follow-ups.md");
    assert!(app.status.text.starts_with("2 follow-ups written to"), "{}", app.status.text);
    let md = std::fs::read_to_string(&written).unwrap();
    assert!(md.contains("profile.uses_models") && md.contains("Reviews missing") && md.contains("Dana"), "{md}");
    drop(path);
}

#[test]
fn an_observation_half_typed_is_kept_when_the_program_ends() {
    let (mut app, path) = interview("observation_quit", |_| {});
    press(&mut app, "OBackups never tested<Down><Down><Down>Dana<Down>next week<C-c>");
    assert!(app.quit);
    let a = saved(&path);
    let o = &a.observations[0];
    assert_eq!((o.seen.as_str(), o.owner.as_str(), o.due.as_str()), ("Backups never tested", "Dana", ""));
    assert_eq!(o.recommendation, "(due: next week)", "a due date that is not one is kept, not lost");
    assert!(app.farewell.iter().any(|m| m.contains("observation")), "{:?}", app.farewell);
    assert!(!a.meetings[0].ended_at.is_empty());
}

#[test]
fn the_manual_names_every_action_and_place_a_keymap_file_can_use() {
    let keys = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md")).unwrap();
    let section = &keys[keys.find("## Your own keys").unwrap()..];
    for action in soc2_ready::tui::action::Action::NAMED {
        assert!(section.contains(&format!("`{}`", action.name())), "docs/keys.md lacks the action {}", action.name());
    }
    for place in Context::ALL {
        assert!(section.contains(&format!("`{}`", place.name())), "docs/keys.md lacks the place {}", place.name());
    }
}

/// Found driving the binary at 80x24 and 120x40: the Critical column is nine cells wide and showed
/// `2: The ve`, the findings cut mid-word with no way to read them. The column now gives the count, and the
/// selected vendor's critical findings are written out in full below the table.
#[test]
fn vendors_side_by_side_spells_out_the_selected_vendors_critical_findings() {
    let store = fresh_store("vendors_critical");
    let vendor = soc2_ready::questionnaire::catalog::built_in("ai-vendor-assessment").unwrap();
    let mut a = Assessment::new(vendor.clone(), "OpenAI 株式会社", NOW);
    a.answer("training.trains_on_data", AnswerValue::Text("yes_no_opt_out".into()), NOW);
    Session::create(&store.dir.join("openai.json"), a, NOW).unwrap();
    Session::create(&store.dir.join("zeta.json"), Assessment::new(vendor, "Zeta", NOW), NOW).unwrap();
    let mut app = quiet(App::new(Store::new(store.dir.clone())));
    press(&mut app, "Vc");
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&app, w, h);
        assert!(!shown.contains("1: The"), "the count stands alone in its column: {shown}");
        let flat: String = shown.split_whitespace().filter(|w| *w != "│").collect::<Vec<_>>().join(" ");
        assert!(flat.contains("trains its models on your data with no way to opt out"), "{w}x{h}: {shown}");
    }
    press(&mut app, "<Down>");
    assert!(!screen(&app, 80, 24).contains("trains its models"), "Zeta has no critical finding");
}

/// Last year's demo assessment with four answers, carried over as `new --from` does.
fn next_year(a: &mut Assessment) {
    let mut last = Assessment::new(fixture("demo.json"), "Acme AI", NOW);
    last.answer("profile.uses_models", AnswerValue::Text("yes".into()), NOW);
    last.answer("profile.headcount", AnswerValue::Number(30.0), NOW);
    last.answer("access.reviews", AnswerValue::Text("documented".into()), NOW);
    last.answer("access.wide", AnswerValue::Text("evidenced".into()), NOW);
    *a = soc2_ready::assessment::interview::carry_over::carry_over(&last, fixture("demo.json"), "Acme AI", NOW).0;
}

#[test]
fn next_year_opens_on_the_first_answer_to_confirm_and_c_moves_on() {
    // C3: it opened on the first unanswered question (profile.start_date here, the last question in the
    // defect) and `u` said every shown question was answered at 0%.
    let (mut app, path) = interview("next-year", next_year);
    assert_eq!(current_question(&app), "profile.uses_models");
    let top = screen(&app, 120, 40);
    assert!(top.lines().next().unwrap().contains("0% (0/9, 4 to confirm)"), "{top}");
    press(&mut app, "c");
    assert_eq!(current_question(&app), "profile.headcount", "confirming moves on");
    assert_eq!(app.status.text, "Confirmed as still true; on to the next of 3 left to confirm.");
    // N skips to the next one to confirm without confirming.
    press(&mut app, "N");
    assert_eq!(current_question(&app), "access.reviews");
    assert!(app.status.text.contains("c confirms it, or answer anew; 3 left to confirm"), "{}", app.status.text);
    press(&mut app, "c");
    assert_eq!(current_question(&app), "access.wide");
    let a = saved(&path);
    assert_eq!(
        (a.answers()["profile.uses_models"].to_confirm, a.answers()["profile.headcount"].to_confirm),
        (false, true)
    );
    assert!(!a.answers()["access.reviews"].to_confirm);
}

#[test]
fn u_says_what_is_left_to_confirm_when_every_question_has_a_value() {
    let (mut app, _) = interview("next-year-u", |a| {
        next_year(a);
        let typed = [
            ("profile.start_date", "2027-01-04"),
            ("profile.contact", "Dana"),
            ("access.mfa", "admins"),
            ("access.weights", "informal"),
        ];
        for (id, v) in typed {
            a.answer(id, AnswerValue::Text(v.into()), NOW);
        }
        a.answer("profile.categories", AnswerValue::List(vec!["privacy".into()]), NOW);
    });
    press(&mut app, "u");
    assert_eq!(
        app.status.text,
        "Every shown question has an answer, but 4 carried over from last year are still to confirm: N goes to \
         the next, c confirms it."
    );
}

#[test]
fn s_moves_an_observation_along_and_e_edits_it_in_place() {
    let (mut app, path) = interview("observation-status", |_| {});
    press(&mut app, "S");
    assert_eq!(app.status.text, "No observation on this question; O records one.");
    press(&mut app, "OLaptops unmanaged<Down>No MDM<Enter>");
    press(&mut app, "S");
    assert_eq!(app.status.text, "Observation obs-1 is now remediated; S again makes it verified.");
    press(&mut app, "SS");
    assert_eq!(app.status.text, "Observation obs-1 is now closed; S again makes it open.");
    let a = saved(&path);
    let statuses: Vec<&str> = a.observations[0].history.iter().map(|h| h.status.id()).collect();
    assert_eq!(statuses, ["remediated", "verified", "closed"]);
    assert!(screen(&app, 120, 40).contains("Observation obs-1 (closed): Laptops unmanaged"));
    // E: the form holds what it says; change the owner and save.
    press(&mut app, "E");
    assert_eq!(app.context(), Context::TypeObservation);
    press(&mut app, "<Down><Down><Down>Dana<Enter>");
    assert_eq!(app.status.text, "Observation obs-1 changed.");
    let a = reopened(app, &path);
    let o = &a.observations[0];
    assert_eq!((o.seen.as_str(), o.risk.as_str(), o.owner.as_str()), ("Laptops unmanaged", "No MDM", "Dana"));
    assert_eq!(a.observations.len(), 1, "edited in place, not added");
}

/// Issue 23: `F` lists the open findings (question, finding, risk, owner, due, status); Enter goes to one,
/// the status key moves the selected one along there (each press a step to undo), `F` or Tab walks to the
/// next one still open, and `F` again on the question lists from the next one.
#[test]
fn f_lists_the_open_findings_and_walks_them() {
    use soc2_ready::assessment::model::observations::Status;
    use soc2_ready::assessment::model::records::Observation;
    let finding = |id: &str, question: &str, seen: &str, owner: &str, status: Status| Observation {
        id: id.into(),
        question: question.into(),
        seen: seen.into(),
        risk: "Account takeover".into(),
        owner: owner.into(),
        due: "2027-03-31".into(),
        created_at: NOW.into(),
        status,
        ..Default::default()
    };
    let (mut app, path) = interview("findings", |a| {
        a.observations = vec![
            finding("obs-1", "access.mfa", "MFA off for two admins", "Dana", Status::Open),
            finding("obs-2", "profile.uses_models", "No model inventory", "Eve", Status::Remediated),
            finding("obs-3", "access.reviews", "Reviews stopped in 2024", "", Status::Closed),
            finding("obs-4", "access.reviews", "Leavers keep access for a week", "Dana", Status::Open),
        ];
    });
    press(&mut app, "F");
    assert_eq!(app.context(), Context::Findings);
    snap("interview_findings", &app);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Findings: 3 open of 3 listed"), "{shown}");
    assert!(!shown.contains("Reviews stopped"), "a closed finding is not listed: {shown}");
    // Enter goes to the selected one's question (the first, in questionnaire order).
    press(&mut app, "<Enter>");
    assert_eq!((app.context(), current_question(&app)), (Context::Questionnaire, "profile.uses_models".to_string()));
    // F again lists from the next one; Enter goes there.
    press(&mut app, "F<Enter>");
    assert_eq!(current_question(&app), "access.reviews");
    press(&mut app, "F<Enter>");
    assert_eq!(current_question(&app), "access.mfa");
    // From access.mfa (the last), F lists from the first again; the status key closes obs-1 in three presses.
    press(&mut app, "F<Down><Down>SSS");
    assert!(app.status.text.contains("Observation obs-1 is now closed"), "{}", app.status.text);
    let a = saved(&path);
    assert_eq!(a.observations[0].status, Status::Closed);
    assert_eq!(a.observations[0].history.len(), 3);
    assert!(screen(&app, 80, 24).contains("Findings: 2 open of 3 listed"), "closed, it stays listed");
    // Tab (or F) walks to the next one still open, past the closed one.
    press(&mut app, "<Tab>");
    press(&mut app, "<Enter>");
    assert_eq!(current_question(&app), "profile.uses_models");
    // Each press was its own step to undo.
    press(&mut app, "z");
    assert_eq!(saved(&path).observations[0].status, Status::Verified);
    assert!(app.status.text.contains("observation obs-1"), "{}", app.status.text);
    assert_eq!(current_question(&app), "access.mfa", "undo goes to the finding's question");
    // With none open, F says so.
    let (mut app, _) = interview("no-findings", |_| {});
    press(&mut app, "F");
    assert_eq!(app.context(), Context::Questionnaire);
    assert!(app.status.text.starts_with("No finding is open"), "{}", app.status.text);
}

/// Issue 23: the sections list counts each section's flags and open findings.
#[test]
fn the_sections_list_counts_flags_and_open_findings() {
    use soc2_ready::assessment::model::records::Observation;
    let (mut app, _) = interview("section-counts", |a| {
        a.observations = vec![Observation {
            id: "obs-1".into(),
            question: "access.mfa".into(),
            seen: "MFA off".into(),
            created_at: NOW.into(),
            ..Default::default()
        }];
    });
    press(&mut app, "f");
    let shown = screen(&app, 80, 24);
    let line =
        |title: &str| shown.lines().find(|l| l.contains(title) && l.contains("0/")).unwrap_or_default().to_string();
    assert!(line("Company prof").contains("⚑1"), "{shown}");
    assert!(!line("Company prof").contains('!'), "{shown}");
    assert!(line("Access contr").contains("!1"), "{shown}");
    assert!(!line("Access contr").contains('⚑'), "{shown}");
    snap("interview_section_counts", &app);
}

/// Issue 23: the conflict panel shows each file's note and evidence beside its answer, and scrolls so the
/// file being chosen shows whole, however long the notes above it.
#[test]
fn the_conflict_panel_shows_notes_and_evidence_and_scrolls_to_the_choice() {
    let long = "Okta enforces MFA for the engineering group only; contractors sign in with passwords and the \
                break-glass admin account has no second factor, which the CTO says will change next quarter \
                once the new IdP contract is signed and the migration of the legacy VPN is complete.";
    let (mut app, _) = interview("conflict-notes", |a| {
        let with = |from: &str, value: &str, by: &str, note: &str, evidence: &[&str]| Candidate {
            from: from.into(),
            answer: Answer {
                value: text(value),
                answered_by: by.into(),
                note: note.into(),
                evidence: evidence.iter().map(|e| e.to_string()).collect(),
                updated_at: NOW.into(),
                ..Answer::default()
            },
        };
        a.conflicts = vec![Conflict {
            question: "access.mfa".into(),
            candidates: vec![
                with("ann", "everywhere", "Ann", long, &["Okta policy export"]),
                with("bob", "admins", "Bob", long, &["IdP screenshot 2026-01", "JIRA-142"]),
                with("cto", "admins", "Cy", "Admins only, by design.", &["CTO email"]),
            ],
        }];
    });
    press(&mut app, "C");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("note: Okta enforces MFA"), "{shown}");
    assert!(shown.contains("evidence: IdP screenshot 2026-01; JIRA-142"), "{shown}");
    // At 80x24 the third file is below: choosing it scrolls it into view, whole.
    press(&mut app, "<Down><Down>");
    let small = screen(&app, 80, 24);
    assert!(small.contains(">3 cto: "), "{small}");
    assert!(small.contains("note: Admins only, by design."), "{small}");
    assert!(small.contains("evidence: CTO email"), "{small}");
    assert!(small.contains("more above"), "{small}");
    snap("interview_conflict_notes", &app);
    press(&mut app, "<Up><Up>");
    assert!(screen(&app, 80, 24).contains(">1 ann: "), "back up, the first shows again");
}

/// Issue 23: `K` leaves a question "ask NAME" through the one write path, and `M` lists the agenda of the
/// person answering: the questions they own, left to ask them, or with their open findings.
#[test]
fn k_asks_someone_and_m_shows_the_agenda_of_the_person_answering() {
    let (mut app, path) = interview("agenda", |_| {});
    press(&mut app, "M");
    assert_eq!(app.status.text, "Say who is answering first (W): the agenda is theirs.");
    press(&mut app, "KDana<Enter>");
    assert_eq!(app.status.text, "To ask Dana: it is on their agenda (M when they answer).");
    assert_eq!(saved(&path).answers()["profile.uses_models"].ask, "Dana");
    press(&mut app, "<Right><Down>oDana<Enter>");
    press(&mut app, "WEve<Enter>M");
    assert!(app.status.text.starts_with("Nothing to cover with Eve"), "{}", app.status.text);
    press(&mut app, "WDana<Enter>M");
    assert_eq!(app.context(), Context::Agenda);
    snap("interview_agenda", &app);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Agenda for Dana: 2 questions"), "{shown}");
    assert!(shown.contains("profile.uses_models · to ask · not answered"), "{shown}");
    assert!(shown.contains("access.mfa · owns the gap"), "{shown}");
    press(&mut app, "<Enter>");
    assert_eq!(current_question(&app), "profile.uses_models");
    // Undo takes the ask back like any change.
    press(&mut app, "KX<C-u><Enter>");
    assert!(saved(&path).answers().get("profile.uses_models").is_none(), "asking nobody leaves nothing");
    press(&mut app, "z");
    assert_eq!(saved(&path).answers()["profile.uses_models"].ask, "Dana");
}

/// Issue 23: long text in the observation form scrolls with the cursor: typing at the end shows the end
/// (`…` says the start is hidden), moving back brings the start into view, and a field left for the next
/// shows its start, never only its tail ("... is not" read alone as "... is").
#[test]
fn long_text_in_the_observation_form_scrolls_with_the_cursor() {
    let (mut app, _) = interview("observation-scroll", |_| {});
    let seen = "Restores are tested every quarter by the platform team, but the last restore test failed and is not";
    press(&mut app, &format!("O{seen}"));
    let row = |app: &App, label: &str| {
        screen(app, 80, 24).lines().find(|l| l.contains(label)).unwrap_or_default().to_string()
    };
    let typing = row(&app, ">Seen:");
    assert!(typing.contains("failed and is not") && typing.contains('…'), "the end, where the cursor is: {typing}");
    assert!(!typing.contains("Restores are"), "{typing}");
    for _ in 0..seen.chars().count() {
        press(&mut app, "<Left>");
    }
    let back = row(&app, ">Seen:");
    assert!(back.contains("Restores are tested") && back.contains('…'), "the start, with more after it: {back}");
    assert!(!back.contains("is not"), "{back}");
    // Half way: text on both sides is hidden, and both sides say so.
    for _ in 0..50 {
        press(&mut app, "<Right>");
    }
    let middle = row(&app, ">Seen:");
    assert_eq!(middle.matches('…').count(), 2, "{middle}");
    // Another field: the one left shows its start.
    press(&mut app, "<Down>");
    let left = row(&app, " Seen:");
    assert!(left.contains("Restores are tested") && !left.contains("is not"), "{left}");
}

/// Issue 23: a section's carried-over answers are confirmed at once in the interface: `Y` says how many
/// and asks, `Y` again confirms them all; any other key in between leaves them.
#[test]
fn y_confirms_a_whole_section_after_saying_how_many() {
    let (mut app, path) = interview("next-year-section", next_year);
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "Y");
    assert!(
        app.status.text.starts_with("Confirm all 2 carried-over answers in ")
            && app.status.text.ends_with(" as still true? Y again confirms them; any other key leaves them."),
        "{}",
        app.status.text
    );
    assert!(saved(&path).answers()["profile.uses_models"].to_confirm, "asking confirms nothing");
    // Another key in between withdraws the offer: the next Y asks again.
    press(&mut app, "jY");
    assert!(app.status.text.starts_with("Confirm all 2"), "{}", app.status.text);
    press(&mut app, "Y");
    assert!(app.status.text.starts_with("Confirmed 2 answers in "), "{}", app.status.text);
    assert!(app.status.text.ends_with(" as still true; 2 left to confirm."), "{}", app.status.text);
    let a = saved(&path);
    assert!(!a.answers()["profile.uses_models"].to_confirm && !a.answers()["profile.headcount"].to_confirm);
    assert!(a.answers()["access.reviews"].to_confirm, "another section's answers stay to confirm");
    press(&mut app, "Y");
    assert!(app.status.text.starts_with("No answer carried over from last year is left to confirm in "));
}
