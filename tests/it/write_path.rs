//! One write path: a value the question or the profile refuses is refused by every way of answering,
//! including the ones that used to skip checks (quitting with a half-typed answer).

use soc2_ready::assessment::store;

use crate::tui::{current_question, open_demo, press};

#[test]
fn quitting_with_a_typed_answer_the_profile_refuses_keeps_it_in_the_note_not_the_answer() {
    let (mut app, path) = open_demo("quit-typed");
    press(&mut app, "1");
    assert_eq!(current_question(&app), "profile.headcount");
    // 12.5 parses as a number; the profile rule (a whole number of people) refuses it, on quit as on Enter.
    press(&mut app, "<Enter>12.5");
    app.save_all();
    drop(app);
    let a = store::read(&path).unwrap();
    assert_eq!(a.value("profile.headcount"), None, "a refused value is not saved on quit");
    assert_eq!(a.note("profile.headcount"), "Typed answer, not accepted: 12.5");
}
