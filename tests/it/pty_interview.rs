//! A whole interview with the real binary in a pseudo-terminal (issue 13): two respondents answering in
//! one meeting, a conflict left by `merge` resolved in the interface, an observation, the follow-ups
//! exported from the report screen; then the saved file is checked.

use std::path::Path;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;

use crate::common::{self, NOW};
use crate::pty::{keys, saved, wait_for};

/// A command of the binary in `dir`, at the frozen clock: what it printed.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    common::pty::run(dir, args, &[("SOC2_READY_NOW", NOW)])
}

#[test]
fn a_whole_interview_two_respondents_a_conflict_resolved_and_follow_ups_exported() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let now = [("SOC2_READY_NOW", NOW)];
    common::pty::new_demo(dir, "ann.json", &now);
    common::pty::new_demo(dir, "bob.json", &now);
    run(dir, &["answer", "ann.json", "access.mfa", "everywhere", "--by", "Ann"]);
    run(dir, &["answer", "bob.json", "access.mfa", "admins", "--by", "Bob"]);
    run(dir, &["merge", "ann.json", "bob.json", "-o", "merged.json"]);
    let file = dir.join("merged.json");
    assert_eq!(saved(&file)["conflicts"][0]["question"], "access.mfa", "merge left the conflict open");

    let mut session = open_at_80x24(dir, "merged.json");

    // Two people present; w switches between them with one key.
    keys(&mut session, "WAnn Lee\rWBob Ito\r");
    wait_for(&file, "both present", |v| v["meetings"][0]["attendees"].as_array().is_some_and(|a| a.len() == 2));
    keys(&mut session, "w1");
    wait_for(&file, "Ann's answer", |v| v["answers"]["profile.uses_models"]["answered_by"] == "Ann Lee");
    keys(&mut session, "w42\r");
    wait_for(&file, "Bob's answer", |v| v["answers"]["profile.headcount"]["answered_by"] == "Bob Ito");

    // The merge conflict: C goes to it, 2 keeps Bob's file's answer.
    keys(&mut session, "C");
    session.exp_string("disagree").unwrap();
    keys(&mut session, "2");
    wait_for(&file, "the conflict resolved", |v| v["answers"]["access.mfa"]["value"] == "admins");

    // An observation, a flag, and the follow-ups exported from the report screen.
    keys(&mut session, "OLaptops unmanaged\tNo MDM\t\tDana\t2026-03-31\r");
    wait_for(&file, "the observation", |v| v["observations"].as_array().is_some_and(|o| o.len() == 1));
    keys(&mut session, "kf");
    wait_for(&file, "the flag", |v| v["answers"]["access.weights"]["follow_up"] == true);
    keys(&mut session, "r");
    // The report's first screen: the verdict naming what blocks it, then the dates (the first actions
    // follow the statement and scores, below the fold at 80x24).
    session.exp_string("Earliest").unwrap();
    keys(&mut session, "f");
    let exported = dir.join("merged-follow-ups.md");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !exported.exists() {
        assert!(Instant::now() < deadline, "the follow-ups were not exported");
        std::thread::sleep(Duration::from_millis(50));
    }
    keys(&mut session, "q");
    session.exp_eof().unwrap();
    let status = session.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    let v = saved(&file);
    assert!(v.get("conflicts").is_none(), "{v:#}");
    assert_eq!(v["answers"]["access.mfa"]["answered_by"], "Bob");
    assert_eq!(v["answers"]["profile.uses_models"]["value"], "yes");
    assert_eq!(v["answers"]["profile.headcount"]["value"], 42.0);
    let meeting = &v["meetings"][0];
    assert_eq!(meeting["attendees"], serde_json::json!(["Ann Lee", "Bob Ito"]));
    assert_eq!(meeting["ended_at"], NOW, "quitting ends the meeting");
    assert_eq!(
        meeting["answered"],
        serde_json::json!(["profile.uses_models", "profile.headcount", "access.mfa"]),
        "{meeting:#}"
    );
    let o = &v["observations"][0];
    assert_eq!(
        (&o["question"], &o["seen"], &o["risk"]),
        (&"access.mfa".into(), &"Laptops unmanaged".into(), &"No MDM".into())
    );
    assert_eq!((&o["owner"], &o["due"]), (&"Dana".into(), &"2026-03-31".into()));
    let md = std::fs::read_to_string(&exported).unwrap();
    assert!(md.contains("access.weights") && md.contains("Laptops unmanaged") && md.contains("Dana"), "{md}");
    assert!(!dir.join("merged.json.journal").exists(), "closing folds the journal into the file");
}

/// Issue 23: a second-year session with the real binary: last year's findings come over open; `F` lists
/// them, `S` closes one there; `c` confirms the carried answers of both sections; then `diff` against last
/// year shows nothing changed but what was confirmed.
#[test]
fn a_second_year_session_closes_a_finding_confirms_two_sections_and_diff_shows_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    common::pty::new_demo(dir, "2025.json", &[("SOC2_READY_NOW", NOW)]);
    for (q, v) in [("profile.uses_models", "yes"), ("profile.headcount", "12"), ("access.reviews", "documented")] {
        run(dir, &["answer", "2025.json", q, v, "--by", "Ann"]);
    }
    run(dir, &["answer", "2025.json", "access.mfa", "everywhere", "--by", "Ann"]);
    run(dir, &["observe", "2025.json", "access.mfa", "--finding", "Break-glass account has no MFA", "--owner", "Dana"]);
    run(dir, &["observe", "2025.json", "access.reviews", "--finding", "Reviews skipped in Q3", "--owner", "Eve"]);
    run(
        dir,
        &["new", demo.to_str().unwrap(), "--org", "Acme AI", "--from", "2025.json", "--no-open", "--out", "2026.json"],
    );
    let file = dir.join("2026.json");

    let mut session = open_at_80x24(dir, "2026.json");

    // Last year's findings, both open; the first from here is access.reviews's. Three presses close it.
    keys(&mut session, "F");
    session.exp_string("Findings: 2 open of 2 listed").unwrap();
    keys(&mut session, "SSS");
    let reviews = |v: &serde_json::Value| {
        v["observations"].as_array().and_then(|o| o.iter().find(|o| o["question"] == "access.reviews").cloned())
    };
    wait_for(&file, "the finding closed", |v| reviews(v).is_some_and(|o| o["status"] == "closed"));
    // Enter goes to its question (Esc then `c` would read as Alt-C).
    keys(&mut session, "\r");
    // Both sections' carried answers: `c` confirms one and moves on to the next, round to the first.
    keys(&mut session, "cccc");
    wait_for(&file, "every answer confirmed", |v| {
        v["answers"].as_object().is_some_and(|a| a.values().all(|x| x.get("to_confirm").is_none()))
    });
    keys(&mut session, "q");
    session.exp_eof().unwrap();
    let status = session.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    let v = saved(&file);
    let mfa = v["observations"].as_array().unwrap().iter().find(|o| o["question"] == "access.mfa").unwrap();
    assert_eq!(mfa["status"].as_str().unwrap_or("open"), "open", "the other stays open: {v:#}");
    assert_eq!(reviews(&v).unwrap()["history"].as_array().map(Vec::len), Some(3), "{v:#}");
    let out = run(dir, &["diff", "2025.json", "2026.json"]);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("Answers: 0 changed, 0 added, 0 removed"), "{diff}");
    // Last year's four answers, and the same four confirmed: no "carried" left on the new side.
    assert_eq!(diff.matches("): 4 of 9 questions answered\n").count(), 2, "{diff}");
    assert!(diff.contains("66.7 / 50.0  ->  66.7 / 50.0    (no change)"), "{diff}");
    assert!(diff.contains("By section: 0 changed, 1 unchanged"), "{diff}");
    assert!(diff.contains("(unchanged)"), "the verdict: {diff}");
    assert!(!diff.contains("still to confirm"), "every carried answer was confirmed: {diff}");
}

/// The real binary opening `name` in `dir` in an 80x24 pseudo-terminal, once its meeting has started.
fn open_at_80x24(dir: &Path, name: &str) -> rexpect::session::PtySession {
    let session = common::pty::open_80x24(dir, name, &[("SOC2_READY_NOW", NOW)]);
    wait_for(&dir.join(name), "the meeting to start", |v| v["meetings"].as_array().is_some_and(|m| m.len() == 1));
    session
}
