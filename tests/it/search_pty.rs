//! `/` in the real binary, in a pseudo-terminal: the ranked list is drawn, Enter jumps, and the answer given
//! there is saved to the question found.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::session::spawn_command;

const BIN: &str = env!("CARGO_BIN_EXE_soc2-ready");

#[test]
fn slash_finds_ranks_and_jumps_in_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("acme.json");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    let out = Command::new(BIN)
        .args(["new", demo.to_str().unwrap(), "--org", "Acme AI", "--no-open", "--out", file.to_str().unwrap()])
        .env("SOC2_READY_HOME", &home)
        .env("SOC2_READY_CONFIG", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" open \"$1\"")
        .arg(BIN)
        .arg(&file)
        .env("SOC2_READY_HOME", &home)
        .env("SOC2_READY_CONFIG", dir.path().join("config"))
        .env("TERM", "xterm-256color");
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    session.exp_string("Sections").unwrap();
    // A typo in a longer word, and a word of the id: the quarterly access review first.
    session.send("/quartrly").unwrap();
    session.flush().unwrap();
    session.exp_string("access.reviews").unwrap();
    session.exp_string("Access control").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    // Answer it: 4 is "documented".
    session.send("4").unwrap();
    session.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let a = soc2_ready::assessment::store::read(&file).unwrap();
        if a.value("access.reviews").is_some() {
            assert_eq!(
                serde_json::to_value(a.value("access.reviews")).unwrap(),
                serde_json::json!("documented"),
                "the answer went to the question found"
            );
            break;
        }
        assert!(Instant::now() < deadline, "the answer was not saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_eof().unwrap();
}
