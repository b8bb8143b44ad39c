//! No text of any shape, at any terminal size, panics a screen: every screen is drawn with arbitrary
//! notes, answers, evidence references, names and organisation names at sizes from 1x1 to 200x60.

use crate::common::Answering;
use crossterm::event::Event;
use proptest::prelude::*;
use soc2_ready::assessment::Change;
use soc2_ready::assessment::{AnswerValue, Assessment, Session, store};
use soc2_ready::tui::app::App;

use crate::tui::{NOW, fixture, fresh_store, press, quiet, render};

/// Text built from pieces that have broken terminal interfaces: line breaks at either end, wide and
/// combining characters, escapes, invisible and bidi characters, huge words, tabs.
fn awkward() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("漢字テスト".to_string()),
        Just("e\u{301}\u{302}\u{303}".to_string()),
        Just("\u{1b}[2J\u{1b}]52;c;eA==\u{7}".to_string()),
        Just("\u{202e}\u{200b}\u{2028}\u{ad}\u{e0041}\u{3164}".to_string()),
        Just("👩‍👩‍👧‍👦".to_string()),
        Just("a".repeat(300)),
        Just("株".repeat(120)),
        "[a-zA-Z ]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

fn nonblank(text: String) -> String {
    if text.trim().is_empty() { format!("x{text}") } else { text }
}

fn draw_at(app: &App, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        render(app, w, h);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_draws_any_text_at_any_size(
        note in awkward(),
        answer in awkward(),
        // A name is held to the documented limit when typed; longer ones never reach the file.
        person in awkward().prop_map(|p| p.chars().take(soc2_ready::assessment::model::limits::MAX_NAME_CHARS).collect::<String>()),
        org in awkward().prop_map(nonblank),
        query in awkward(),
        sizes in prop::collection::vec((1u16..=200, 1u16..=60), 1..4),
    ) {
        let mut sizes = sizes;
        sizes.extend([(1, 1), (59, 15), (60, 16), (80, 24)]);
        let store = fresh_store("props");
        let path = store.dir.join("a.json");
        let mut a = Assessment::new(fixture("demo.json"), &org, NOW);
        a.set_respondent(&person, NOW);
        let ids: Vec<String> =
            a.questionnaire().sections.iter().flat_map(|s| s.questions.iter().map(|q| q.id.clone())).collect();
        for id in &ids {
            a.write_note(id, &note, NOW);
            a.write_evidence(id, vec![answer.clone(), person.clone()], NOW);
        }
        a.answer("profile.contact", AnswerValue::Text(answer.clone()), NOW);
        a.answer("profile.uses_models", AnswerValue::Text("yes".into()), NOW);
        store::write(&path, &a).unwrap();

        // Home, the questionnaire picker, the name entry.
        let mut home = quiet(App::new(soc2_ready::assessment::Store::new(store.dir.clone())));
        home.handle_event(Event::Resize(200, 60));
        draw_at(&home, &sizes);
        press(&mut home, "n");
        draw_at(&home, &sizes);
        press(&mut home, "<Enter>");
        home.handle_event(Event::Paste(org.clone()));
        draw_at(&home, &sizes);

        // Every question, the note editor, help, search and the report.
        let session = Session::open(&path, NOW).unwrap();
        let mut app = quiet(App::with_session(store, session));
        app.handle_event(Event::Resize(200, 60));
        press(&mut app, "<Left><Left><Up><Up><Up><Up><Up>");
        for _ in 0..ids.len() {
            draw_at(&app, &sizes);
            press(&mut app, "]]]<Down>");
        }
        press(&mut app, "e");
        app.handle_event(Event::Paste(answer.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<Esc>?");
        draw_at(&app, &sizes);
        press(&mut app, "jjjjjjjjjj?/");
        app.handle_event(Event::Paste(query.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<Esc>r");
        draw_at(&app, &sizes);
        press(&mut app, "          ");
        draw_at(&app, &sizes);

        // REPORT: the what-if prompt and comparison, a gap selected, the owner form in the report and on a
        // question.
        press(&mut app, "gw");
        app.handle_event(Event::Paste(query.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<C-u>headcount=12<Enter>");
        draw_at(&app, &sizes);
        press(&mut app, "<Esc>w<Tab><Tab>o");
        app.handle_event(Event::Paste(person.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<Tab>");
        app.handle_event(Event::Paste(answer.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<Esc><Esc>o");
        app.handle_event(Event::Paste(org.clone()));
        draw_at(&app, &sizes);
    }
}

/// A name within the limit on names (200 characters).
fn name(text: String) -> String {
    nonblank(text.chars().take(100).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// The interview's screens (issue 13): the meeting header, review and carried-over markers, the
    /// observations and the observation form, a merge conflict being resolved, the vendors view.
    #[test]
    fn the_interview_screens_draw_any_text_at_any_size(
        seen in awkward().prop_map(nonblank),
        typed in awkward(),
        person in awkward().prop_map(name),
        from in awkward().prop_map(name),
        org in awkward().prop_map(nonblank),
        sizes in prop::collection::vec((1u16..=200, 1u16..=60), 1..4),
    ) {
        use soc2_ready::assessment::model::answer::Answer;
        use soc2_ready::assessment::model::conflicts::{Candidate, Conflict};
        use soc2_ready::assessment::model::observations::{ObservationFields, add};

        let mut sizes = sizes;
        sizes.extend([(1, 1), (59, 15), (60, 16), (80, 24), (120, 40)]);
        let store = fresh_store("props_interview");
        let path = store.dir.join("a.json");
        let mut a = Assessment::new(fixture("demo.json"), &org, NOW);
        a.set_respondent(&person, NOW);
        a.answer("profile.uses_models", AnswerValue::Text("yes".into()), NOW);
        soc2_ready::assessment::model::review::toggle_reviewed(&mut a, "profile.uses_models", &person, NOW);
        // A carried-over answer to confirm: the whole entry kept, as a merge keeps one.
        let entry = Answer { value: Some(AnswerValue::Text(typed.clone())), to_confirm: true, updated_at: NOW.into(), ..Answer::default() };
        a.change(Change::Keep { question: "profile.contact".into(), entry }, NOW);
        let fields = ObservationFields {
            seen: seen.clone(), risk: typed.clone(), recommendation: seen.clone(), owner: person.clone(), due: String::new(),
        };
        add(&mut a, "profile.uses_models", fields, &person, NOW).unwrap();
        let candidate = |value: &str| Candidate {
            from: from.clone(),
            answer: Answer {
                value: Some(AnswerValue::Text(value.into())),
                answered_by: person.clone(),
                updated_at: NOW.into(),
                ..Answer::default()
            },
        };
        a.conflicts = vec![Conflict { question: "access.mfa".into(), candidates: vec![candidate("everywhere"), candidate("none")] }];
        store::write(&path, &a).unwrap();
        let vendor = soc2_ready::questionnaire::catalog::built_in("ai-vendor-assessment").unwrap();
        store::write(&store.dir.join("v.json"), &Assessment::new(vendor, &org, NOW)).unwrap();

        // The vendors view.
        let mut home = quiet(App::new(soc2_ready::assessment::Store::new(store.dir.clone())));
        home.handle_event(Event::Resize(200, 60));
        press(&mut home, "V");
        draw_at(&home, &sizes);
        press(&mut home, "ratcld");
        draw_at(&home, &sizes);

        // The questionnaire in a meeting: every question, the observation form, the conflict.
        let session = Session::open(&path, NOW).unwrap();
        let mut app = quiet(App::with_session(store, session));
        app.begin_meeting();
        app.handle_event(Event::Resize(200, 60));
        press(&mut app, "<Left><Left><Up><Up><Up><Up><Up>");
        for _ in 0..8 {
            draw_at(&app, &sizes);
            press(&mut app, "<Down>");
        }
        press(&mut app, "O");
        app.handle_event(Event::Paste(seen.clone()));
        press(&mut app, "<Down>");
        app.handle_event(Event::Paste(typed.clone()));
        draw_at(&app, &sizes);
        press(&mut app, "<Esc>C");
        draw_at(&app, &sizes);
        press(&mut app, "<Down>");
        draw_at(&app, &sizes);
        press(&mut app, "<Enter>Fz");
        draw_at(&app, &sizes);
    }
}

/// A CSV questionnaire whose question, id and choices are the awkward text.
fn awkward_csv(text: &str, id: &str) -> Vec<u8> {
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let mut out = "ID,Question,Answer,Comment\n".to_string();
    out.push_str(&format!("{},{},Yes,{}\n", quote(id), quote(&format!("Do you {text}?")), quote(text)));
    out.push_str(&format!("Q-2,{},No,\n", quote(text)));
    out.push_str("Q-3,Do you encrypt customer data at rest?,,\n");
    out.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// IMPORT: the import dialog (path, error, customer, confirmation) and a customer's question with its
    /// source cell and the library's suggestions, with awkward text everywhere.
    #[test]
    fn import_screens_draw_any_text_at_any_size(
        text in awkward(),
        customer in awkward(),
        path in awkward(),
        sizes in prop::collection::vec((1u16..=200, 1u16..=60), 1..4),
    ) {
        use soc2_ready::spreadsheet::{self, Options};
        use soc2_ready::spreadsheet::import::{ImportFile, assessment_from};
        let mut sizes = sizes;
        sizes.extend([(1, 1), (59, 15), (60, 16), (80, 24)]);
        let store = fresh_store("props-import");
        let bytes = awkward_csv(&text, &customer);
        // The earlier answers (the library), from the same file.
        if let Ok((format, wb)) = spreadsheet::read("earlier.csv", &bytes)
            && let Ok(d) = spreadsheet::detect(&wb, &Options::default())
            && let Ok(a) = assessment_from(&wb, &d, &ImportFile {
                file_name: "earlier.csv", format, bytes: &bytes, customer: &customer, now: NOW,
            })
        {
            store::write(&store.dir.join("earlier.json"), &a).unwrap();
        }
        let mut home = quiet(App::new(soc2_ready::assessment::Store::new(store.dir.clone())));
        std::fs::write(home.export_dir.join("q.csv"), &bytes).unwrap();
        home.handle_event(Event::Resize(200, 60));
        press(&mut home, "n");
        for _ in 0..10 {
            press(&mut home, "<Down>");
        }
        press(&mut home, "<Enter>");
        home.handle_event(Event::Paste(path.clone()));
        press(&mut home, "<Enter>");
        draw_at(&home, &sizes);
        press(&mut home, "<C-u>");
        home.handle_event(Event::Paste("q.csv".into()));
        press(&mut home, "<Enter>");
        home.handle_event(Event::Paste(customer.clone()));
        draw_at(&home, &sizes);
        press(&mut home, "<Enter>");
        draw_at(&home, &sizes);
        press(&mut home, "jjjjj");
        draw_at(&home, &sizes);
        press(&mut home, "<Enter>");
        home.wait_for_suggestions();
        for _ in 0..3 {
            draw_at(&home, &sizes);
            press(&mut home, "s]]]");
            draw_at(&home, &sizes);
            press(&mut home, "<Down>");
        }
        press(&mut home, "aX");
        draw_at(&home, &sizes);
    }
}
