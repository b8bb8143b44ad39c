//! The same rules in both front ends: what the interface refuses, plain mode refuses, and the reverse.

use std::io::Cursor;

use soc2_ready::assessment::{AnswerValue, Session, store};
use soc2_ready::plain::{self, Options};

use crate::common::NOW;
use crate::tui::{current_question, open_demo, press};

#[test]
fn a_profile_answer_that_contradicts_the_profile_is_refused_in_both() {
    // The interface: a headcount is a whole number of people (before, it was saved as typed).
    let (mut app, path) = open_demo("profile-rules");
    press(&mut app, "1");
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "<Enter>12.5<Enter>");
    assert!(app.status.error, "{:?}", app.status);
    assert!(app.status.text.contains("whole number of people"), "{}", app.status.text);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing saved");
    assert_eq!(current_question(&app), "profile.headcount");
    drop(app);

    // Plain mode, on the same file: the same refusal, then a whole number is taken.
    let options = Options { now: || NOW.to_string(), config_dir: None, echo: true };
    let mut out = Vec::new();
    plain::run(Session::open(&path, NOW).unwrap(), &mut Cursor::new("12.5\n12\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "Answer: 12.5\nThe headcount is a whole number of people, not 12.5.\nAnswer: 12\nSaved: 12 people."
        ),
        "{out}"
    );
    assert_eq!(store::read(&path).unwrap().value("profile.headcount"), Some(&AnswerValue::Number(12.0)));
}

#[test]
fn a_read_only_customer_cell_is_refused_with_its_reason() {
    use soc2_ready::assessment::{Assessment, CellSource, Source};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customer.json");
    let mut a = Assessment::new(crate::tui::fixture("demo.json"), "Acme AI", NOW);
    let formula = CellSource {
        sheet: "Security".into(),
        row: 12,
        answer_cell: "D12".into(),
        formula: true,
        ..Default::default()
    };
    a.source = Some(Source {
        file_name: "their.xlsx".into(),
        format: "xlsx".into(),
        sha256: "sha256:0".into(),
        size: 1,
        embedded: String::new(),
        customer: "Example Bank".into(),
        imported_at: NOW.into(),
        cells: [("profile.uses_models".to_string(), formula)].into_iter().collect(),
    });
    store::write(&path, &a).unwrap();

    let options = Options { now: || NOW.to_string(), config_dir: None, echo: true };
    let mut out = Vec::new();
    plain::run(Session::open(&path, NOW).unwrap(), &mut Cursor::new("y\nflag\nclear\nnote ok\n"), &mut out, &options)
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    let why = "Read-only: the answer cell Security!D12 is a formula in the customer's file; it is never written.";
    assert!(out.contains(&format!("Not answered. {why}\n")), "said with the question: {out}");
    for typed in ["y", "clear"] {
        assert!(out.contains(&format!("Answer: {typed}\n{why}\n")), "{typed}: {out}");
    }
    assert!(out.contains("Answer: flag\nFlagged for follow-up."), "a flag is not the answer cell: {out}");
    assert!(out.contains("Answer: note ok\nNote saved."), "nor is a note: {out}");
    let saved = store::read(&path).unwrap();
    assert_eq!(saved.value("profile.uses_models"), None);
    assert!(saved.is_flagged("profile.uses_models"));
}
