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
