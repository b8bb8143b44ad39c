//! Issue 22 in the interface: a customer question's answer fields (the answer, CAIQ's control ownership,
//! the comment for the customer) are all shown; Ctrl-T moves between them; a digit or typing fills the
//! selected one through the one write path, which refuses what the field refuses.

use soc2_ready::assessment::{Assessment, Session};
use soc2_ready::spreadsheet::import::{ImportFile, assessment_from};
use soc2_ready::spreadsheet::{self, Options};
use soc2_ready::tui::app::App;

use crate::spreadsheet_fixtures as fixtures;
use crate::tui::{NOW, current_question, fresh_store, press, quiet, saved, snap};

fn imported(name: &str, bytes: &[u8]) -> Assessment {
    let (format, wb) = spreadsheet::read(name, bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let file = ImportFile { file_name: name, format, bytes, customer: "Example Bank", now: NOW };
    assessment_from(&wb, &d, &file).unwrap()
}

#[test]
fn every_field_is_shown_and_ctrl_t_moves_between_them_and_fills_each() {
    let store = fresh_store("fields");
    let path = store.dir.join("caiq.json");
    Session::create(&path, imported("caiq.xlsx", &fixtures::caiq_v4_like(2)), NOW).unwrap();
    let session = Session::open(&path, NOW).unwrap();
    let mut app = quiet(App::with_session(store, session));
    app.wait_for_suggestions();
    let first = current_question(&app);
    snap("fields_answer_selected", &app);
    // The answer field takes a digit, as on any question with choices, and moves on: come back.
    press(&mut app, "1<Up>");
    assert_eq!(current_question(&app), first);
    // Ownership: a digit chooses one of the workbook's five values, and the question stays.
    press(&mut app, "<C-t>");
    assert!(app.status.text.contains("SSRM Control Ownership"), "{}", app.status.text);
    snap("fields_ownership_selected", &app);
    press(&mut app, "3");
    assert!(!app.status.error, "{}", app.status.text);
    assert_eq!(current_question(&app), first);
    // A digit beyond its choices is refused, and nothing changes.
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "7");
    assert!(app.status.error && app.status.text.contains("7 is not a choice"), "{}", app.status.text);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The comment: letters type (no letter is a command there), Enter saves.
    press(&mut app, "<C-t>");
    press(&mut app, "Audited yearly.");
    snap("fields_comment_typing", &app);
    press(&mut app, "<Enter>");
    assert!(!app.status.error, "{}", app.status.text);
    let a = saved(&path);
    let entry = &a.answers()[&first];
    assert_eq!(entry.value.as_ref().and_then(|v| v.as_text()), Some("yes"));
    assert_eq!(entry.fields["ownership"], "Shared CSP and CSC");
    assert_eq!(entry.comment, "Audited yearly.");
    assert_eq!(entry.note, "", "the comment is not the note");
    // Round to the answer again.
    press(&mut app, "<C-t>");
    assert!(app.status.text.contains("the answer"), "{}", app.status.text);
    snap("fields_filled", &app);
}
