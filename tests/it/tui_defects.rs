//! Regressions for the interface defects of issue 8 (reviews/defects.md, parts 1 and 2): each test failed
//! on the code the review measured.

use crate::common::Answering;
use crossterm::event::Event;
use soc2_ready::assessment::{AnswerValue, Assessment, Session, Store, store};
use soc2_ready::tui::app::{App, Mode, Screen};
use soc2_ready::tui::keymap::Context;

use crate::tui::{
    NOW, current_question, fixture, fresh_store, open_demo, press, quiet, render, saved, scratch, screen, snap,
};

/// An app open on the demo questionnaire with `note` already written on its first question.
fn open_with_note(note: &str) -> (App, std::path::PathBuf) {
    let store = fresh_store("note");
    let path = store.dir.join("acme.json");
    let mut a = Assessment::new(fixture("demo.json"), "Acme AI", NOW);
    a.write_note("profile.uses_models", note, NOW);
    store::write(&path, &a).unwrap();
    let session = Session::open(&path, NOW).unwrap();
    (quiet(App::with_session(store, session)), path)
}

fn editor_mode_is_note(app: &App) -> bool {
    matches!(app.editor.as_deref(), Some(e) if matches!(e.mode, Mode::EditNote(_)))
}

// Crashes.

#[test]
fn a_note_starting_with_a_line_break_or_a_huge_word_is_drawn() {
    for note in ["\nsecond line", "\n", &"a".repeat(90), &format!("{}\n", "漢".repeat(70)), "\r\n\u{1b}x"] {
        let (app, _) = open_with_note(note);
        for (w, h) in [(60, 16), (80, 24), (120, 40)] {
            let text = render(&app, w, h).backend().to_string();
            assert!(text.contains("Note:"), "{note:?} at {w}x{h}: {text}");
        }
    }
    let (app, _) = open_with_note("\nsecond line");
    snap("note_leading_newline", &app);
}

// Keys below the minimum size.

#[test]
fn below_the_minimum_size_no_key_but_quit_acts() {
    let (mut app, path) = open_demo("too_small_keys");
    press(&mut app, "<Right>");
    let before = std::fs::read(&path).unwrap();
    app.handle_event(Event::Resize(59, 15));
    press(&mut app, "3<Down>ex1<Enter>");
    assert_eq!(current_question(&app), "access.reviews", "nothing moved");
    assert!(!editor_mode_is_note(&app));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing answered unseen");
    app.handle_event(Event::Resize(80, 24));
    press(&mut app, "3");
    assert_eq!(saved(&path).value("access.reviews"), Some(&AnswerValue::Text("informal".into())));
    app.handle_event(Event::Resize(20, 5));
    press(&mut app, "q");
    assert!(app.quit, "q still quits on the too-small screen");
}

// Typing starts typed answers.

#[test]
fn typing_on_a_number_question_starts_the_answer() {
    let (mut app, path) = open_demo("type_start");
    press(&mut app, "1");
    assert_eq!(current_question(&app), "profile.headcount");
    let hints = screen(&app, 80, 24);
    assert!(hints.contains("0-9 type answer") && !hints.contains("1-9 answer"), "{hints}");
    press(&mut app, "50<Enter>");
    assert_eq!(saved(&path).value("profile.headcount"), Some(&AnswerValue::Number(50.0)));
    assert_eq!(current_question(&app), "profile.start_date");
    press(&mut app, "2026-03-01<Enter>");
    assert_eq!(saved(&path).value("profile.start_date"), Some(&AnswerValue::Text("2026-03-01".into())));
    // On a text question, a character no key is bound to starts the answer; bound letters stay commands.
    assert_eq!(current_question(&app), "profile.contact");
    press(&mut app, "Jo<Enter>");
    assert_eq!(saved(&path).value("profile.contact"), Some(&AnswerValue::Text("Jo".into())));
    assert!(screen(&app, 80, 24).contains("1-9 answer"), "options again: digits choose");
}

// Typed text is never lost.

#[test]
fn ctrl_c_while_typing_an_answer_saves_it() {
    let (mut app, path) = open_demo("ctrl_c_answer");
    press(&mut app, "1<Enter>130<C-c>");
    assert!(app.quit);
    assert_eq!(saved(&path).value("profile.headcount"), Some(&AnswerValue::Number(130.0)));
    assert!(app.failure.is_none());
    assert!(app.farewell.iter().any(|m| m.contains("profile.headcount") && m.contains("saved")), "{:?}", app.farewell);
}

#[test]
fn ctrl_c_on_an_invalid_typed_answer_keeps_it_in_the_note() {
    let (mut app, path) = open_demo("ctrl_c_invalid");
    press(&mut app, "1<Enter>about 40<C-c>");
    let a = saved(&path);
    assert_eq!(a.value("profile.headcount"), None);
    assert!(a.note("profile.headcount").contains("about 40"), "{:?}", a.note("profile.headcount"));
    assert!(app.farewell.iter().any(|m| m.contains("kept in the question's note")), "{:?}", app.farewell);
    assert!(app.failure.is_none(), "a clean quit");
}

#[test]
fn ctrl_c_while_typing_evidence_or_who_answers_saves_it() {
    let (mut app, path) = open_demo("ctrl_c_evidence");
    press(&mut app, "vPolicy v2, JIRA-1<C-c>");
    assert_eq!(saved(&path).answers()["profile.uses_models"].evidence, ["Policy v2", "JIRA-1"]);
    let (mut app, path) = open_demo("ctrl_c_respondent");
    press(&mut app, "wDana Kim<C-c>");
    assert_eq!(saved(&path).respondent, "Dana Kim");
}

#[test]
fn a_note_over_the_limit_is_kept_cut_with_its_full_text_beside_the_assessment() {
    let (mut app, path) = open_demo("long_note");
    let limit = soc2_ready::assessment::model::answer::MAX_ANSWER_CHARS;
    let long = format!("{}THE END", "x".repeat(limit));
    press(&mut app, "e");
    app.handle_event(Event::Paste(long.clone()));
    // While typing, it stays in the editor and the user is warned.
    app.tick();
    assert!(app.status.text.contains("over the limit"), "{}", app.status.text);
    press(&mut app, "<Esc>");
    assert!(!editor_mode_is_note(&app));
    let recovery = soc2_ready::tui::editor::note_recovery_path(&path, "profile.uses_models");
    assert_eq!(recovery.file_name().unwrap(), "acme.json.note-profile.uses_models.txt");
    assert_eq!(std::fs::read_to_string(&recovery).unwrap(), long);
    #[cfg(unix)]
    assert_eq!(crate::common::mode(&recovery), 0o600);
    let note = saved(&path).note("profile.uses_models").to_string();
    assert!(note.chars().count() <= limit);
    assert!(note.starts_with("xxxx") && note.contains("cut") && note.contains(&recovery.display().to_string()));
    assert!(app.status.text.contains(&recovery.display().to_string()), "{}", app.status.text);
}

// Exports.

#[test]
fn exports_go_to_the_working_directory_and_never_replace_an_assessment_or_a_folder() {
    let (mut app, path) = open_demo("exports");
    press(&mut app, "r");
    let dir = app.export_dir.clone();
    std::fs::create_dir(dir.join("acme-report.md")).unwrap();
    press(&mut app, "m");
    assert!(app.status.error && app.status.text.contains("not a regular file"), "{}", app.status.text);
    std::fs::copy(&path, dir.join("acme-report.json")).unwrap();
    press(&mut app, "J");
    assert!(app.status.error && app.status.text.contains("is a soc2-ready assessment"), "{}", app.status.text);
    assert!(store::read(&dir.join("acme-report.json")).is_ok(), "the assessment is untouched");
    press(&mut app, "H");
    assert_eq!(app.status.text, format!("HTML report written to {}", dir.join("acme-report.html").display()));
    let (listed, errors) = Store::new(path.parent().unwrap().to_path_buf()).list();
    assert_eq!((listed.len(), errors.len()), (1, 0), "the store holds only the assessment");
}

#[test]
fn a_long_status_wraps_and_keeps_its_end() {
    let (mut app, _) = open_demo("long_status");
    app.export_dir = scratch().join("a-rather-long-folder-name-for-client-deliverables").join("soc2-readiness-2026");
    std::fs::create_dir_all(&app.export_dir).unwrap();
    press(&mut app, "rm");
    let text = render(&app, 80, 24).backend().to_string();
    let joined: String = text.lines().map(|l| l.trim_matches('"').trim_end()).collect::<Vec<_>>().join("");
    assert!(joined.contains("acme-report.md"), "{text}");
    assert!(joined.contains("Markdown report written to"), "{text}");
}

// Long content.

#[test]
fn long_answers_and_options_wrap_and_what_does_not_fit_is_signalled() {
    let (mut app, _) = open_demo("long_content");
    let long =
        "OpenAI gpt-4o-2024-08-06 for support summaries, Anthropic for drafting, and a fine-tuned Llama in our VPC";
    press(&mut app, &format!("1<Down><Down><Enter>{long}<Enter>"));
    press(&mut app, "<Up>");
    assert_eq!(current_question(&app), "profile.contact");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Llama in our VPC") && text.contains("summaries"), "the whole answer shows: {text}");
    // At the minimum size the maturity options do not all fit: the screen says more is below, and ] shows it.
    app.handle_event(Event::Resize(60, 16));
    press(&mut app, "<Right>");
    let small = render(&app, 60, 16).backend().to_string();
    assert!(small.contains("more below"), "{small}");
    assert!(!small.contains("Don't know"), "{small}");
    for _ in 0..30 {
        press(&mut app, "]");
    }
    let scrolled = render(&app, 60, 16).backend().to_string();
    assert!(scrolled.contains("more above") && !scrolled.contains("more below"), "{scrolled}");
    press(&mut app, "[");
    assert!(render(&app, 60, 16).backend().to_string().contains("more below"), "one line back up");
}

// Help.

#[test]
fn help_keeps_keys_apart_from_their_descriptions_and_stops_at_its_end() {
    let (mut app, _) = open_demo("help_end");
    app.handle_event(Event::Resize(80, 24));
    press(&mut app, "r?");
    let text = render(&app, 80, 24).backend().to_string();
    let row = text.lines().find(|l| l.contains("scroll down a page")).unwrap();
    assert!(row.contains("PageDown Space  "), "{row}");
    assert!(!text.contains("PageDownscroll"));
    for _ in 0..500 {
        press(&mut app, "j");
    }
    let bottom = app.help_scroll;
    // 500 presses would scroll 500 lines; the help (about 215 lines with the keys for managing
    // assessments) stops at its end.
    // (about 285 with the findings list and the agenda; about 300 with the import's sheet and column keys).
    assert!(bottom < 320, "stopped at the end: {bottom}");
    let last = render(&app, 80, 24).backend().to_string();
    assert!(last.contains("Ctrl-Z"), "the last key is on screen: {last}");
    press(&mut app, "k");
    assert_eq!(app.help_scroll, bottom - 1, "one line up from the end responds at once");
}

// Wide characters.

#[test]
fn wide_characters_do_not_break_a_popups_border() {
    let store = fresh_store("wide_popup");
    for (file, org) in [("a.json", "株式会社テンソル"), ("b.json", "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字")]
    {
        store::write(&store.dir.join(file), &Assessment::new(fixture("demo.json"), org, NOW)).unwrap();
    }
    let mut app = quiet(App::new(store));
    press(&mut app, "n");
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    // The picker's box starts at column 4 on rows 2 to 19; nothing wide may stand just left of it.
    for y in 2..20 {
        let left = buffer[(3, y)].symbol();
        assert!(unicode_width::UnicodeWidthStr::width(left) <= 1, "row {y}: {left:?} covers the border");
        assert!(matches!(buffer[(4, y)].symbol(), "│" | "┌" | "└"), "row {y}: {:?}", buffer[(4, y)].symbol());
    }
}

// Small ones (D16).

#[test]
fn leaving_an_empty_note_says_nothing_was_saved() {
    let (mut app, _) = open_demo("empty_note");
    press(&mut app, "e<Esc>");
    assert_ne!(app.status.text, "Note saved.");
    press(&mut app, "eabc<Esc>");
    assert_eq!(app.status.text, "Note saved.");
    press(&mut app, "e<Backspace><Backspace><Backspace><Esc>");
    assert_eq!(app.status.text, "Note removed.");
}

#[test]
fn the_stale_complaint_clears_while_typing_and_ctrl_u_clears_the_field() {
    let mut app = quiet(App::new(fresh_store("stale")));
    press(&mut app, "n<Enter><Enter>");
    assert!(app.status.error && app.status.text.contains("organisation's name first"));
    press(&mut app, "I");
    assert!(app.status.text.is_empty(), "{:?}", app.status);
    press(&mut app, "nitech<C-u>Globex<Enter>");
    assert!(matches!(app.screen, Screen::Questionnaire));
    let editor = app.editor.as_deref().expect("created");
    assert_eq!(editor.assessment().org, "Globex");
}

#[test]
fn u_stays_on_an_unanswered_question() {
    let (mut app, _) = open_demo("u_stays");
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "u");
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "1<Up>u");
    assert_eq!(current_question(&app), "profile.headcount");
}

#[test]
fn the_hint_line_keeps_search_and_back_and_the_header_names_who_answers() {
    let (mut app, _) = open_demo("hints");
    press(&mut app, "wDana Kim<Enter>");
    let text = render(&app, 80, 24).backend().to_string();
    let last = text.lines().last().unwrap();
    assert!(last.contains("/ search") && last.contains("Esc back") && last.contains("? help"), "{last}");
    let first = render(&app, 120, 40).backend().to_string();
    assert!(first.lines().next().unwrap().contains("answering: Dana Kim"), "{first}");
}

#[test]
fn home_titles_are_cut_with_an_ellipsis() {
    let store = fresh_store("home_ellipsis");
    store::write(&store.dir.join("a.json"), &Assessment::new(fixture("demo.json"), "Acme AI", NOW)).unwrap();
    let app = quiet(App::new(store));
    let text = render(&app, 60, 16).backend().to_string();
    assert!(text.contains('…'), "{text}");
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend_after_saving() {
    let (mut app, path) = open_demo("suspend");
    press(&mut app, "eon hold");
    press(&mut app, "<C-z>");
    assert!(app.suspend && !app.quit);
    assert_eq!(saved(&path).note("profile.uses_models"), "on hold");
    assert_eq!(app.context(), Context::EditNote, "still typing the note when back");
}

#[test]
fn a_frozen_clock_that_is_not_a_time_is_refused() {
    let env = crate::common::Env::new();
    let out = env.cmd().env("SOC2_READY_NOW", "not a time").args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SOC2_READY_NOW") && stderr.contains("RFC 3339"), "{stderr}");
}

#[test]
fn search_with_nothing_typed_yet_draws() {
    let (mut app, _) = open_demo("search_empty");
    press(&mut app, "/");
    assert!(render(&app, 80, 24).backend().to_string().contains("Search"));
}

#[test]
fn the_header_at_the_smallest_size_keeps_the_organisation_whole_during_a_meeting() {
    let (mut app, _) = open_demo("narrow_header");
    app.begin_meeting();
    let text = render(&app, 60, 16).backend().to_string();
    let header = text.lines().next().unwrap();
    // At 60 columns the title gives way; the organisation, the progress and the meeting stay whole.
    assert!(header.contains("│ Acme AI │ 0% (0/8) │ no one │ 0 min"), "{header}");
    let text = render(&app, 80, 24).backend().to_string();
    let header = text.lines().next().unwrap();
    // F16: cut between words, not mid-word.
    assert!(header.contains("│ Acme AI │ Demo… │ 0% (0/8)"), "{header}");
}

#[test]
fn the_header_keeps_progress_and_who_answers_with_a_long_wide_organisation_name() {
    let store = fresh_store("long_header");
    let path = store.dir.join("a.json");
    let org = "株式会社テンソルフォージ・アーティフィシャル・インテリジェンス研究所";
    let session = Session::create(&path, Assessment::new(fixture("demo.json"), org, NOW), NOW).unwrap();
    let mut app = quiet(App::with_session(store, session));
    press(&mut app, "wDana Kim<Enter>");
    for width in [80, 120] {
        let text = render(&app, width, 24).backend().to_string();
        let header = text.lines().next().unwrap();
        assert!(header.contains("answered (0/8)") && header.contains("answering: Dana Kim"), "{header}");
        assert!(header.contains("株式") && header.contains('…'), "{header}");
    }
}

#[test]
fn who_is_answering_can_be_picked_from_earlier_people() {
    let (mut app, path) = open_demo("respondent_pick");
    press(&mut app, "wRuth<Enter>WAmir<Enter>");
    press(&mut app, "W<Up><Up><Enter>");
    assert_eq!(saved(&path).respondent, "Ruth", "latest first: Amir, then Ruth");
    press(&mut app, "W<Up><Up><Up><Down><Enter>");
    assert_eq!(saved(&path).respondent, "Amir");
    press(&mut app, "W<Up><Down><Enter>");
    assert_eq!(saved(&path).respondent, "", "down past the latest is an empty field: nobody");
}
