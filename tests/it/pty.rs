//! The real binary in a pseudo-terminal: keys in, the saved file and the restored terminal checked.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::PtySession;
use serde_json::Value;

use crate::common;

/// Leaving the alternate screen: the last thing a restored terminal is sent.
const LEAVE_ALTERNATE_SCREEN: &str = "\u{1b}[?1049l";

struct Sandbox {
    dir: tempfile::TempDir,
    file: PathBuf,
}

/// A store with one assessment of the demo questionnaire.
fn sandbox() -> Sandbox {
    let dir = tempfile::tempdir().unwrap();
    let file = common::pty::new_demo(dir.path(), "acme.json", &[]);
    Sandbox { dir, file }
}

/// Open the assessment in the interface on an 80x24 terminal.
fn open(sandbox: &Sandbox, extra_env: &[(&str, &str)]) -> PtySession {
    common::pty::open_80x24(sandbox.dir.path(), "acme.json", extra_env)
}

/// Send keys and make sure they reach the program.
pub(crate) fn keys(session: &mut PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

/// The assessment as saved: the file with its journal replayed (an open session appends each change to
/// `FILE.journal` and folds it into the file when it closes).
pub(crate) fn saved(path: &Path) -> Value {
    serde_json::to_value(soc2_ready::assessment::store::read(path).unwrap()).unwrap()
}

/// Wait until the saved file satisfies `check` (the program saves as keys arrive), or fail.
pub(crate) fn wait_for(path: &Path, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let value = saved(path);
        if check(&value) {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {value:#}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn answer<'a>(file: &'a Value, id: &str) -> &'a Value {
    &file["answers"][id]["value"]
}

/// Read what is left of the output until the program exits, and its exit status.
fn finish(mut session: PtySession) -> (String, WaitStatus) {
    let rest = session.exp_eof().unwrap_or_default();
    let status = session.process().wait().unwrap();
    (rest, status)
}

#[test]
fn three_digits_answer_three_questions_and_q_quits() {
    let sandbox = sandbox();
    let mut session = open(&sandbox, &[]);
    // The second section: the model-weights question is hidden until the profile says models are trained.
    keys(&mut session, "l");
    keys(&mut session, "4");
    keys(&mut session, "1");
    keys(&mut session, "2");
    wait_for(&sandbox.file, "the third answer", |v| !answer(v, "access.wide").is_null());
    keys(&mut session, "q");
    let (rest, status) = finish(session);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert!(rest.contains(LEAVE_ALTERNATE_SCREEN), "terminal not restored: {rest:?}");
    assert!(rest.contains("carry on with: soc2-ready open"), "how to resume is said: {rest:?}");

    let file = saved(&sandbox.file);
    assert_eq!(answer(&file, "access.reviews"), "documented");
    assert_eq!(answer(&file, "access.mfa"), "everywhere");
    assert_eq!(answer(&file, "access.wide"), "planned");
    assert_eq!(file["answers"].as_object().unwrap().len(), 3);
    // Reopening resumes where it stopped: the last question answered.
    assert_eq!(file["position"]["question"], "access.wide");
    let lock = soc2_ready::assessment::store::lock::lock_path(&sandbox.file);
    assert!(!lock.exists(), "the lock file is removed when the program ends");
}

/// Type a note, then end the program some way: the note must be on disk and the terminal restored.
fn note_survives(end: impl FnOnce(&mut PtySession), extra_env: &[(&str, &str)]) -> (String, WaitStatus) {
    let sandbox = sandbox();
    let mut session = open(&sandbox, extra_env);
    keys(&mut session, "e");
    session.exp_string("done)").unwrap();
    keys(&mut session, "unsaved thought");
    // Let the keys arrive, but end before the once-a-second note save could have happened.
    std::thread::sleep(Duration::from_millis(150));
    end(&mut session);
    let (rest, status) = finish(session);
    assert!(rest.contains(LEAVE_ALTERNATE_SCREEN), "terminal not restored: {rest:?}");
    let file = saved(&sandbox.file);
    assert_eq!(file["answers"]["profile.uses_models"]["note"], "unsaved thought", "{file:#}");
    (rest, status)
}

#[test]
fn ctrl_c_saves_and_restores() {
    let (_, status) = note_survives(|s| s.send_control('c').unwrap(), &[]);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

// A signal ends the program with status 128+n, after saving and restoring the terminal.

#[test]
fn sigterm_saves_and_restores() {
    let (_, status) = note_survives(|s| s.process_mut().signal(Signal::SIGTERM).unwrap(), &[]);
    assert!(matches!(status, WaitStatus::Exited(_, 143)), "{status:?}");
}

#[test]
fn sighup_saves_and_restores() {
    let (_, status) = note_survives(|s| s.process_mut().signal(Signal::SIGHUP).unwrap(), &[]);
    assert!(matches!(status, WaitStatus::Exited(_, 129)), "{status:?}");
}

#[test]
fn sigint_from_outside_saves_and_restores() {
    let (_, status) = note_survives(|s| s.process_mut().signal(Signal::SIGINT).unwrap(), &[]);
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
}

#[test]
fn sigquit_saves_and_restores() {
    let (_, status) = note_survives(|s| s.process_mut().signal(Signal::SIGQUIT).unwrap(), &[]);
    assert!(matches!(status, WaitStatus::Exited(_, 131)), "{status:?}");
}

#[test]
fn a_clean_quit_exits_0_whatever_the_status_line_showed() {
    let sandbox = sandbox();
    let mut session = open(&sandbox, &[]);
    // 0 people is refused: the status line shows the complaint; the answer is still being typed.
    keys(&mut session, "1");
    wait_for(&sandbox.file, "the first answer", |v| !answer(v, "profile.uses_models").is_null());
    keys(&mut session, "0\r");
    session.exp_string("accepts a number").unwrap();
    session.send_control('c').unwrap();
    let (rest, status) = finish(session);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert!(rest.contains(LEAVE_ALTERNATE_SCREEN), "terminal not restored: {rest:?}");
    // The refused answer was kept in the note, and the user told so.
    assert!(rest.contains("kept in the question's note"), "{rest:?}");
    let file = saved(&sandbox.file);
    assert!(file["answers"]["profile.headcount"]["note"].as_str().unwrap().contains('0'), "{file:#}");
}

#[test]
fn typing_without_a_pause_is_saved_while_typing() {
    let sandbox = sandbox();
    let mut session = open(&sandbox, &[]);
    keys(&mut session, "e");
    session.exp_string("done)").unwrap();
    // Ten keys a second, for longer than the save interval, with no pause the old idle-only save needed.
    let started = Instant::now();
    let mut typed = 0;
    while started.elapsed() < Duration::from_millis(2500) {
        keys(&mut session, "a");
        typed += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    let file = saved(&sandbox.file);
    let note = file["answers"]["profile.uses_models"]["note"].as_str().unwrap_or("");
    assert!(note.len() >= 5 && note.len() <= typed, "saved while typing: {note:?} of {typed}");
    session.send_control('c').unwrap();
    finish(session);
}

/// The process id of the program that has `file` open (rexpect does not tell it): found in /proc by its
/// command line, which names the sandbox's own file.
fn pid_of(file: &Path) -> libc::pid_t {
    let wanted = file.as_os_str().as_encoded_bytes();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<libc::pid_t>() else { continue };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        if cmdline.split(|b| *b == 0).any(|arg| arg == wanted) {
            return pid;
        }
    }
    panic!("no process has {} open", file.display())
}

/// Wait until the program stops (Ctrl-Z, SIGTSTP), or fail.
fn wait_stopped(file: &Path) {
    let pid = pid_of(file);
    let mut status = 0;
    // SAFETY: waiting on our own child, with a valid status pointer.
    let waited = unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED) };
    assert_eq!(waited, pid);
    assert!(libc::WIFSTOPPED(status), "not stopped: {status:#x}");
}

fn suspend_and_resume(stop: impl FnOnce(&mut PtySession)) {
    let sandbox = sandbox();
    let mut session = open(&sandbox, &[]);
    keys(&mut session, "e");
    session.exp_string("done)").unwrap();
    keys(&mut session, "before");
    session.exp_string("before").unwrap();
    stop(&mut session);
    // Saved and the terminal handed back before stopping.
    session.exp_string(LEAVE_ALTERNATE_SCREEN).unwrap();
    wait_stopped(&sandbox.file);
    assert_eq!(saved(&sandbox.file)["answers"]["profile.uses_models"]["note"], "before");
    session.process_mut().signal(Signal::SIGCONT).unwrap();
    // Back: the alternate screen again, everything redrawn, and keys act (raw mode: no echo, q is a key).
    session.exp_string("\u{1b}[?1049h").unwrap();
    session.exp_string("Sections").unwrap();
    keys(&mut session, " after\u{1b}");
    wait_for(&sandbox.file, "the note typed after fg", |v| {
        v["answers"]["profile.uses_models"]["note"] == "before after"
    });
    keys(&mut session, "q");
    let (rest, status) = finish(session);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert!(rest.contains(LEAVE_ALTERNATE_SCREEN), "terminal not restored: {rest:?}");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    suspend_and_resume(|s| s.send_control('z').unwrap());
}

#[test]
fn sigtstp_and_sigcont_from_outside_suspend_and_redraw() {
    suspend_and_resume(|s| s.process_mut().signal(Signal::SIGTSTP).unwrap());
}

#[test]
fn a_panic_saves_and_restores() {
    let (rest, status) = note_survives(
        |s| {
            keys(s, "~");
        },
        &[("SOC2_READY_TEST_PANIC_KEY", "~")],
    );
    assert!(matches!(status, WaitStatus::Exited(_, code) if code != 0), "{status:?}");
    assert!(rest.contains("panic requested"), "{rest:?}");
}

#[test]
fn a_wrong_keymap_file_is_reported_on_start_and_its_keys_kept() {
    let sandbox = sandbox();
    let config = sandbox.dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("keymap.json"), r#"{"next-question": "n", "fly": "z"}"#).unwrap();
    let mut session = open(&sandbox, &[]);
    session.exp_string("no such action").unwrap();
    // The good entry applies: n moves on; the status line named the bad one.
    keys(&mut session, "1n");
    wait_for(&sandbox.file, "the first answer", |v| !answer(v, "profile.uses_models").is_null());
    keys(&mut session, "q");
    let (_, status) = finish(session);
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}
