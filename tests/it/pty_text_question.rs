//! C1 (defects-3): on a text question a sentence typed is the answer, driven in the real binary. Letters
//! there used to be commands: `w` switched who was answering, `e` opened the note, `q` quit mid-interview
//! and the rest of the sentence landed at the shell.

use std::path::Path;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

use crate::pty::{keys, saved, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_soc2-ready");
const NOW: &str = "2026-01-15T09:00:00Z";

#[test]
fn a_sentence_with_w_e_and_q_typed_on_a_text_question_is_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    let out = Command::new(BIN)
        .args(["new", demo.to_str().unwrap(), "--org", "Acme AI", "--no-open", "--out", "acme.json"])
        .current_dir(dir)
        .env("SOC2_READY_HOME", dir.join("home"))
        .env("SOC2_READY_CONFIG", dir.join("config"))
        .env("SOC2_READY_NOW", NOW)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = dir.join("acme.json");

    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" open acme.json")
        .arg(BIN)
        .current_dir(dir)
        .env("SOC2_READY_HOME", dir.join("home"))
        .env("SOC2_READY_CONFIG", dir.join("config"))
        .env("SOC2_READY_NOW", NOW)
        .env("TERM", "xterm-256color");
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    session.exp_string("Sections").unwrap();
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
