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
