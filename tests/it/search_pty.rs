//! `/` in the real binary, in a pseudo-terminal: the ranked list is drawn, Enter jumps, and the answer given
//! there is saved to the question found.

use std::time::{Duration, Instant};

use crate::common;

#[test]
fn slash_finds_ranks_and_jumps_in_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::pty::new_demo(dir.path(), "acme.json", &[]);
    let mut session = common::pty::open_80x24(dir.path(), "acme.json", &[]);
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
