//! C1 (defects-3): on a text question a sentence typed is the answer, driven in the real binary. Letters
//! there used to be commands: `w` switched who was answering, `e` opened the note, `q` quit mid-interview
//! and the rest of the sentence landed at the shell.

use rexpect::process::WaitStatus;

use crate::common::{self, NOW};
use crate::pty::{keys, saved, wait_for};

#[test]
fn a_sentence_with_w_e_and_q_typed_on_a_text_question_is_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let file = common::pty::new_demo(dir, "acme.json", &[("SOC2_READY_NOW", NOW)]);
    let mut session = common::pty::open_80x24(dir, "acme.json", &[("SOC2_READY_NOW", NOW)]);
    // F8: a digit beyond the options of the yes/no question rings the bell and changes nothing.
    keys(&mut session, "4");
    session.exp_string("\u{7}").unwrap();
    // Yes, 12 people, a start date: the cursor is then on profile.contact, a text question.
    keys(&mut session, "112\r2026-03-01\r");
    wait_for(&file, "the start date", |v| v["answers"]["profile.start_date"]["value"] == "2026-03-01");
    let sentence = "we review access quarterly, see the wiki";
    keys(&mut session, sentence);
    keys(&mut session, "\r");
    let v = wait_for(&file, "the sentence", |v| v["answers"]["profile.contact"]["value"] == sentence);
    assert_eq!(v["answers"]["profile.contact"]["note"].as_str().unwrap_or(""), "", "no note was opened: {v:#}");
    assert_eq!(v["respondent"].as_str().unwrap_or(""), "", "w switched nobody in: {v:#}");
    // Still running: the next question takes a digit.
    keys(&mut session, "1");
    wait_for(&file, "the next answer", |v| !v["answers"]["profile.categories"]["value"].is_null());
    keys(&mut session, "\u{3}");
    session.exp_eof().unwrap();
    let status = session.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert_eq!(saved(&file)["answers"]["profile.contact"]["value"], sentence);
}
