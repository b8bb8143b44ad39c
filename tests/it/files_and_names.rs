//! Files and names (issue 18): outputs never take an assessment's companion names, names a shell would
//! run are refused, notes move with their assessment, locks and journals are checked before they are
//! trusted, FIFOs never block, and merges refuse questionnaires that are not the same.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::Env;

const SMALL: &str = r#"{
  "format": 1, "id": "small", "version": "1", "title": "Small readiness", "kind": "readiness",
  "sections": [
    { "id": "access", "title": "Access", "questions": [
      { "id": "a.mfa", "type": "maturity", "text": "MFA everywhere?", "help": "h", "weight": 5, "criteria": ["CC6.1"],
        "effort_days": [2, 4], "remediation": "Turn on MFA." },
      { "id": "a.sso", "type": "yesno", "text": "SSO?", "help": "h", "weight": 2, "criteria": ["CC6.1"] }
    ]}
  ]
}"#;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed: {}\n{}", stderr(&o), stdout(&o));
    stdout(&o)
}

/// The message of a command that failed with status 1.
fn refused(o: Output) -> String {
    assert_eq!(o.status.code(), Some(1), "should fail: {}\n{}", stdout(&o), stderr(&o));
    stderr(&o)
}

/// A new assessment of SMALL at `name` in the working folder.
fn new_here(env: &Env, name: &str) -> PathBuf {
    let q = env.work.path().join("small-q.json");
    if !q.exists() {
        fs::write(&q, SMALL).unwrap();
    }
    let path = env.work.path().join(name);
    ok(env.run(&["new", q.to_str().unwrap(), "--org", "Acme", "--out", path.to_str().unwrap(), "--no-open"]));
    path
}

/// A new assessment of SMALL in the store, called `name`.
fn new_in_store(env: &Env, name: &str) -> PathBuf {
    let made = new_here(env, &format!("{name}.json"));
    fs::create_dir_all(env.store()).unwrap();
    let path = env.store().join(format!("{name}.json"));
    fs::rename(&made, &path).unwrap();
    path
}

/// A customer's questionnaire as CSV, imported into the working folder as `name`.
fn imported_here(env: &Env, name: &str, csv: &str) -> PathBuf {
    let source = env.file(&format!("{name}-source.csv"), csv);
    let path = env.work.path().join(name);
    ok(env.run(&["import", s(&source), "--org", "Customer", "--out", s(&path), "--no-open"]));
    path
}

const CSV: &str = "ID,Question,Answer\nQ1,Do you enforce MFA?,\nQ2,Who is your data protection officer?,\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// Attack 8: outputs named like an assessment's companions.

#[test]
fn outputs_never_take_the_name_of_an_assessment_s_companion_files() {
    let env = Env::new();
    let a = imported_here(&env, "acme.json", CSV);
    for suffix in [".journal", ".lock", ".bak", ".v1.bak", ".note-a.mfa.txt"] {
        let target = format!("{}{suffix}", s(&a));
        for args in [
            vec!["report", s(&a), "-o", &target],
            vec!["export", s(&a), "-o", &target],
            vec!["followups", s(&a), "-o", &target],
        ] {
            let message = refused(env.run(&args));
            assert!(message.contains("will not write there") && message.contains("companion"), "{args:?}: {message}");
            assert!(!Path::new(&target).exists(), "{target} was not made");
        }
    }
    // The assessment still opens and takes answers.
    ok(env.run(&["answer", s(&a), "q1", "yes"]));
}

// Attack 7: names a shell would run.

#[test]
fn names_with_a_backtick_or_a_dollar_are_refused_wherever_a_name_is_chosen() {
    let env = Env::new();
    new_in_store(&env, "acme");
    for bad in ["wwq`touch pwned`", "a$(touch pwned)", "cost$HOME"] {
        let message = refused(env.run(&["rename", "acme", bad]));
        assert!(message.contains("a shell reads as a command or a variable"), "{message}");
        let out = env.work.path().join(format!("{bad}.json"));
        let message = refused(env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--out", s(&out), "--no-open"]));
        assert!(message.contains("a shell reads as a command or a variable"), "{message}");
        assert!(!out.exists());
    }
    ok(env.run(&["delete", "acme"]));
    let message = refused(env.run(&["restore", "acme", "--as", "x`id`"]));
    assert!(message.contains("a shell reads as a command or a variable"), "{message}");
    // A name made from an organisation drops them.
    let made = ok(env.run(&["new", "soc2-ai-readiness", "--org", "Acme `id` $(HOME)", "--no-open"]));
    assert!(!made.contains('`') && !made.contains('$'), "{made}");
    assert!(!env.work.path().join("pwned").exists());
}

/// Make a FIFO (named pipe) at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// The binary, stopped after a few seconds should it wait on something (a FIFO): a bound on a hang, not a
/// measure of speed.
fn run_bounded(env: &Env, args: &[&str]) -> Output {
    env.cmd().args(args).timeout(std::time::Duration::from_secs(10)).output().unwrap()
}

// Attack 13 (store part): FIFOs where the program reads.

#[cfg(unix)]
#[test]
fn a_fifo_in_the_store_is_reported_like_an_unreadable_file_and_blocks_nothing() {
    let env = Env::new();
    new_in_store(&env, "acme");
    mkfifo(&env.store().join("pipe.json"));
    let o = run_bounded(&env, &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("acme"), "{}", stdout(&o));
    assert!(stderr(&o).contains("pipe.json") && stderr(&o).contains("FIFO"), "{}", stderr(&o));
    let o = run_bounded(&env, &["vendors"]);
    assert!(o.status.code().is_some(), "ended");
    let message = refused(run_bounded(&env, &["show", "pipe"]));
    assert!(message.contains("pipe.json") && message.contains("FIFO"), "{message}");
    // The plain home screen lists the store too.
    let o = env
        .cmd()
        .args(["--plain"])
        .env("SOC2_READY_PLAIN", "1")
        .write_stdin("q\n")
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    assert!(o.status.code().is_some(), "ended: {}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_library_json_is_refused_without_waiting() {
    let env = Env::new();
    let a = imported_here(&env, "acme.json", CSV);
    fs::create_dir_all(env.store()).unwrap();
    mkfifo(&env.store().join("library.json"));
    let message = refused(run_bounded(&env, &["library", "list"]));
    assert!(message.contains("library.json") && message.contains("FIFO"), "{message}");
    let message = refused(run_bounded(&env, &["fill", s(&a), "--from-library"]));
    assert!(message.contains("library.json") && message.contains("FIFO"), "{message}");
}

// Attack 11: a journal that is a symbolic link.

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_symbolic_link_is_refused_on_read_naming_the_file() {
    let env = Env::new();
    let a = new_here(&env, "acme.json");
    let planted = env.file("planted.journal", "{\"head\":{\"org\":\"Injected Org\"}}\n");
    std::os::unix::fs::symlink(&planted, env.work.path().join("acme.json.journal")).unwrap();
    let message = refused(env.run(&["show", s(&a)]));
    assert!(message.contains("acme.json.journal") && message.contains("symbolic link"), "{message}");
    assert!(!message.contains("Injected"), "{message}");
}

// Attack 9: a long note's full text belongs to its assessment.

#[test]
fn a_note_s_full_text_moves_with_rename_goes_with_delete_and_comes_back_with_restore() {
    let env = Env::new();
    let a = new_in_store(&env, "acme");
    let store = env.store();
    let note = |name: &str| store.join(format!("{name}.json.note-a.mfa.txt"));
    fs::write(note("acme"), "the full text").unwrap();
    ok(env.run(&["rename", "acme", "acme-2027"]));
    assert!(!note("acme").exists(), "left behind by rename");
    assert_eq!(fs::read_to_string(note("acme-2027")).unwrap(), "the full text");
    ok(env.run(&["delete", "acme-2027"]));
    assert!(!note("acme-2027").exists(), "left behind by delete");
    let trashed = ok(env.run(&["trash", "--json"]));
    assert!(trashed.contains("acme-2027.json.note-a.mfa.txt"), "{trashed}");
    ok(env.run(&["restore", "acme-2027"]));
    assert_eq!(fs::read_to_string(note("acme-2027")).unwrap(), "the full text");
    // A name with a note left beside it is not given to another assessment.
    fs::write(note("acme"), "left from an earlier acme").unwrap();
    new_in_store(&env, "other");
    let message = refused(env.run(&["rename", "other", "acme"]));
    assert!(message.contains("acme.json.note-a.mfa.txt") && message.contains("is left beside"), "{message}");
    ok(env.run(&["delete", "--purge", "acme-2027"]));
    assert!(!note("acme-2027").exists(), "left behind by --purge");
    assert_eq!(fs::read_to_string(note("acme")).unwrap(), "left from an earlier acme", "never touched");
    let _ = a;
}
