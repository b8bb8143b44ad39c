//! Regressions for the interface items of defects-3.md (issue 18, "In the interface"): each test failed on
//! the code the third measurement read.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use soc2_ready::assessment::AnswerValue;
use soc2_ready::tui::app::Mode;
use soc2_ready::tui::keymap::{Context, Keymap};

use crate::tui::{current_question, open_demo, press, saved, screen, snap};

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

// C1: on a text question a sentence typed is the answer.

#[test]
fn c1_every_letter_types_on_a_text_question() {
    let (mut app, path) = open_demo("c1");
    press(&mut app, "112<Enter>2026-03-01<Enter>");
    assert_eq!(current_question(&app), "profile.contact");
    assert_eq!(app.context(), Context::TextQuestion);
    snap("c1_text_question", &app);
    let sentence = "we review every quarter; e-mail Sam, then quit?";
    press(&mut app, sentence);
    assert!(!app.quit, "q typed, not quit");
    assert!(matches!(app.editor.as_deref().map(|e| &e.mode), Some(Mode::TypeAnswer(_))));
    press(&mut app, "<Enter>");
    let a = saved(&path);
    assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text(sentence.into())));
    assert_eq!(a.note("profile.contact"), "", "e opened no note");
    assert!(a.respondent.is_empty(), "w switched nobody in");
    assert_eq!(current_question(&app), "profile.categories", "Enter saved and moved on");
}

#[test]
fn c1_keys_that_type_nothing_move_and_command_on_a_text_question() {
    let (mut app, path) = open_demo("c1_keys");
    press(&mut app, "112<Enter>2026-03-01<Enter>");
    // The Ctrl keys do what the letters do elsewhere.
    app.handle_event(ctrl('f'));
    assert!(saved(&path).is_flagged("profile.contact"));
    app.handle_event(ctrl('e'));
    assert!(matches!(app.editor.as_deref().map(|e| &e.mode), Some(Mode::EditNote(_))));
    press(&mut app, "<Esc>");
    // Enter opens the answer; Enter on an empty answer moves on; ↑ comes back.
    press(&mut app, "<Enter><Enter>");
    assert_eq!(current_question(&app), "profile.categories");
    press(&mut app, "<Up>");
    assert_eq!(current_question(&app), "profile.contact");
    press(&mut app, "<Down>");
    assert_eq!(current_question(&app), "profile.categories");
    press(&mut app, "<Up><Tab>");
    assert_eq!(current_question(&app), "access.reviews", "Tab: next section");
    // F1 shows the help, this place's keys first.
    press(&mut app, "<Up><Up>");
    assert_eq!(current_question(&app), "profile.contact");
    app.handle_event(Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    assert!(app.help);
    let help = screen(&app, 120, 40);
    assert!(help.contains("A text question: what you type is the answer"), "{help}");
    press(&mut app, "<Esc>");
    // Ctrl-C still quits and saves.
    press(&mut app, "half typed<C-c>");
    assert!(app.quit);
    assert_eq!(saved(&path).value("profile.contact"), Some(&AnswerValue::Text("half typed".into())));
}

#[test]
fn c1_a_keymap_file_cannot_put_a_letter_on_a_text_question() {
    let (k, problems) = Keymap::with_changes(r#"{"edit-note": "n"}"#);
    assert!(problems.is_empty(), "{problems:?}");
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(k.action_for(Context::Questionnaire, &key('n')), Some(soc2_ready::tui::action::Action::EditNote));
    assert_eq!(k.action_for(Context::TextQuestion, &key('n')), None, "n types on a text question");
    assert_eq!(k.key_label(Context::TextQuestion, soc2_ready::tui::action::Action::EditNote), "Ctrl-E");
    let (_, problems) = Keymap::with_changes(r#"{"text-question.edit-note": "n"}"#);
    assert!(problems[0].contains("would be typed text in text-question"), "{problems:?}");
}

// F15: a day the calendar lacks is refused as such, not as a format error.

#[test]
fn f15_a_day_february_lacks_is_refused_as_no_such_day() {
    let (mut app, path) = open_demo("f15");
    press(&mut app, "112<Enter>2027-02-30<Enter>");
    assert!(app.status.error);
    assert!(app.status.text.contains("no such day (February 2027 has 28 days)"), "{}", app.status.text);
    assert!(!app.status.text.contains("YYYY-MM-DD"), "{}", app.status.text);
    assert_eq!(saved(&path).value("profile.start_date"), None);
    snap("f15_no_such_day", &app);
}

#[test]
fn f15_the_answer_command_says_no_such_day() {
    let env = crate::common::Env::new();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    let out = env.run(&["new", demo.to_str().unwrap(), "--org", "Acme AI", "--no-open", "--out", "a.json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = env.run(&["answer", "a.json", "profile.start_date", "2027-02-30"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no such day (February 2027 has 28 days)"), "{stderr}");
}

// F7: "not applicable" ends on the next question, with or without a note.

#[test]
fn f7_not_applicable_then_esc_without_a_note_moves_on_like_with_one() {
    let (mut app, path) = open_demo("f7");
    press(&mut app, "1<Right>");
    assert_eq!(current_question(&app), "access.reviews");
    // 6 is "not applicable": the note opens; Esc without writing one.
    press(&mut app, "6<Esc>");
    assert_eq!(current_question(&app), "access.weights", "moved on as with a note");
    // The next digit answers the next question, not the one before.
    press(&mut app, "4");
    let a = saved(&path);
    assert_eq!(a.value("access.reviews"), Some(&AnswerValue::Text("na".into())));
    assert_eq!(a.value("access.weights"), Some(&AnswerValue::Text("documented".into())));
    // With a note it ends in the same place.
    press(&mut app, "<Up>6because<Esc>");
    assert_eq!(current_question(&app), "access.mfa");
}

// F17: Ctrl-U clears the note being written, as README says.

#[test]
fn f17_ctrl_u_clears_the_note_editor() {
    let (mut app, path) = open_demo("f17");
    press(&mut app, "e");
    press(&mut app, "first line<Enter>second line<C-u>kept<Esc>");
    assert_eq!(saved(&path).note("profile.uses_models"), "kept");
}

// C11: a section with no question shown has nothing to tick.

#[test]
fn c11_a_section_with_no_question_shown_is_not_ticked() {
    let mut q: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json"))
            .unwrap(),
    )
    .unwrap();
    q["sections"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "continuity", "title": "Continuity and exit", "description": "Only for model builders.",
        "questions": [{ "id": "continuity.exit", "type": "yesno", "text": "Can you leave your model host?",
            "help": "Exit plans.", "show_if": { "question": "profile.uses_models", "equals": "yes" } }]
    }));
    let file = crate::tui::scratch().join("continuity.json");
    std::fs::write(&file, q.to_string()).unwrap();
    let store = crate::tui::fresh_store("c11");
    let path = store.dir.join("acme.json");
    let questionnaire = soc2_ready::questionnaire::load_file(&file).unwrap();
    let a = soc2_ready::assessment::Assessment::new(questionnaire, "Acme AI", crate::tui::NOW);
    let session = soc2_ready::assessment::Session::create(&path, a, crate::tui::NOW).unwrap();
    let mut app = crate::tui::quiet(soc2_ready::tui::app::App::with_session(store, session));
    press(&mut app, "2");
    let text = screen(&app, 80, 24);
    assert!(text.contains("│   Continuity and … 0/0 │"), "{text}");
    assert!(!text.contains("✓ Continuity"), "{text}");
    snap("c11_empty_section", &app);
}

// F8: a refused digit is noticed: the bell rings, the options flash and say how many there are.

#[test]
fn f8_a_digit_beyond_a_yes_no_question_rings_and_flashes() {
    let (mut app, path) = open_demo("f8");
    press(&mut app, "4");
    assert!(app.bell, "the bell rings");
    assert_eq!(current_question(&app), "profile.uses_models");
    assert_eq!(saved(&path).value("profile.uses_models"), None);
    let text = screen(&app, 80, 24);
    assert!(text.contains("1 Yes") && text.contains("2 No"), "{text}");
    assert!(text.contains("▲ 4 is not an option here: only 1 to 2"), "{text}");
    snap("f8_refused_digit", &app);
    // The next key answers, and the flash is gone.
    app.bell = false;
    press(&mut app, "1");
    assert!(!app.bell);
    assert!(!screen(&app, 80, 24).contains("is not an option here"));
}

// F11: a "don't know" flag goes when the answer becomes known; a flag set by hand stays.

#[test]
fn f11_the_dont_know_flag_goes_when_the_answer_is_known_but_a_hand_flag_stays() {
    let (mut app, path) = open_demo("f11");
    press(&mut app, "1<Right>");
    assert_eq!(current_question(&app), "access.reviews");
    press(&mut app, "7");
    assert!(saved(&path).is_flagged("access.reviews"), "don't know flags it");
    press(&mut app, "<Up>4");
    let a = saved(&path);
    assert_eq!(a.value("access.reviews"), Some(&AnswerValue::Text("documented".into())));
    assert!(!a.is_flagged("access.reviews"), "known now: the flag went");
    // Flagged by hand first: "don't know" then an answer leaves the user's flag alone.
    press(&mut app, "f7<Up>4");
    let a = saved(&path);
    assert_eq!(a.value("access.weights"), Some(&AnswerValue::Text("documented".into())));
    assert!(a.is_flagged("access.weights"), "the hand flag stays");
    // A file written before the field existed keeps its flags.
    let old: soc2_ready::assessment::model::answer::Answer =
        serde_json::from_str(r#"{"value": "unknown", "follow_up": true, "updated_at": "t"}"#).unwrap();
    assert!(old.follow_up && !old.flagged_by_unknown);
}

// F16: at 80x24 the header is cut between words, and the report keeps its date.

#[test]
fn f16_headers_are_cut_between_words_and_keep_the_date() {
    let store = crate::tui::fresh_store("f16");
    let mut app = crate::tui::quiet(soc2_ready::tui::app::App::new(store));
    press(&mut app, "s<Enter>r");
    let text = screen(&app, 80, 24);
    let header = text.lines().next().unwrap();
    assert!(header.contains("report of SOC 2 readiness… │ 2026-01-15"), "{header}");
}

// C8: the observation form shows the start of a long text, with a marker that more is hidden.

#[test]
fn c8_the_observation_form_shows_the_start_of_long_text() {
    let (mut app, _) = open_demo("c8");
    let note = "Restores are tested every quarter by the platform team, but the last test failed and is not";
    press(&mut app, &format!("e{note}<Esc>fO"));
    assert!(matches!(app.editor.as_deref().map(|e| &e.mode), Some(Mode::Observation(_))));
    // The form opens from the flag's note with the cursor at its start: the start shows.
    let text = screen(&app, 80, 24);
    let seen = text.lines().find(|l| l.contains(">Seen:")).unwrap();
    assert!(seen.contains("Restores are tested") && seen.contains('…'), "{seen}");
    assert!(!seen.contains("is not"), "{seen}");
    snap("c8_observation_start", &app);
}

// Held item: the assessment cannot be saved (here its journal is a folder; on the review's machine, a
// full disk) while a note is typed, and the program ends: the message is true and the note is kept.

#[test]
fn a_note_that_cannot_be_saved_at_quit_is_kept_beside_the_assessment_and_said_so() {
    let (mut app, path) = open_demo("held_note");
    press(&mut app, "e");
    let journal = path.with_file_name("acme.json.journal");
    let _ = std::fs::remove_file(&journal);
    std::fs::create_dir(&journal).unwrap();
    std::fs::write(journal.join("blocker"), "x").unwrap();
    let note = "Backups are copied nightly to a second region";
    press(&mut app, &format!("{note}<C-c>"));
    assert!(app.quit);
    let said = app.farewell.join("\n");
    assert!(!said.contains("saved with the next change"), "{said}");
    assert!(said.contains("the changes since the last save are not in the file"), "{said}");
    let side = path.with_file_name("acme.json.note-profile.uses_models.txt");
    assert_eq!(std::fs::read_to_string(&side).unwrap(), note);
    assert!(said.contains("its text is in") && said.contains("acme.json.note-profile.uses_models.txt"), "{said}");
}
