//! The user's keymap file: loaded from the configuration directory, reported when wrong.

use soc2_ready::tui::action::Action;
use soc2_ready::tui::keymap::{Context, KEYMAP_FILE, Keymap};

use crate::tui::scratch;

#[test]
fn a_keymap_file_in_the_configuration_directory_is_read_and_its_problems_named() {
    let dir = scratch();
    let path = dir.join(KEYMAP_FILE);
    let (k, problems) = Keymap::load(&path);
    assert!(problems.is_empty(), "no file: the shipped keys, no complaint");
    assert_eq!(k, Keymap::shipped());
    std::fs::write(&path, r#"{"open-report": "P", "nope": "z"}"#).unwrap();
    let (k, problems) = Keymap::load(&path);
    assert_eq!(k.key_label(Context::Questionnaire, Action::OpenReport), "P");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with(&path.display().to_string()) && problems[0].contains("`nope`"), "{problems:?}");
    std::fs::write(&path, "{ not json").unwrap();
    let (k, problems) = Keymap::load(&path);
    assert_eq!(k, Keymap::shipped());
    assert!(problems[0].contains("not valid JSON") && problems[0].contains("shipped keys"), "{problems:?}");
}
