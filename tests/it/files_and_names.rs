//! Files and names (issue 18): outputs never take an assessment's companion names, names a shell would
//! run are refused, notes move with their assessment, locks and journals are checked before they are
//! trusted, FIFOs never block, and merges refuse questionnaires that are not the same.

use crate::common::Answering;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{Env, NOW};

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
fn a_fifo_named_library_json_or_beside_an_export_is_refused_without_waiting() {
    let env = Env::new();
    let a = imported_here(&env, "acme.json", CSV);
    fs::create_dir_all(env.store()).unwrap();
    mkfifo(&env.store().join("library.json"));
    let message = refused(run_bounded(&env, &["library", "list"]));
    assert!(message.contains("library.json") && message.contains("FIFO"), "{message}");
    let message = refused(run_bounded(&env, &["fill", s(&a), "--from-library"]));
    assert!(message.contains("library.json") && message.contains("FIFO"), "{message}");
    // A FIFO where the customer's original would be, beside the export, is not waited on.
    let original = env.work.path().join("acme.json-source.csv");
    fs::remove_file(&original).unwrap();
    mkfifo(&original);
    let out = env.work.path().join("answered.csv");
    let o = run_bounded(&env, &["export", s(&a), "-o", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
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

// Attack 6: merging what is not one questionnaire, and ties in time.

#[test]
fn merge_refuses_two_customers_questionnaires_whose_row_ids_match() {
    let env = Env::new();
    // Two customers send a file of the same name; their rows are numbered alike but ask other things.
    fs::create_dir_all(env.work.path().join("one")).unwrap();
    fs::create_dir_all(env.work.path().join("two")).unwrap();
    let first = env.file(
        "one/questionnaire.csv",
        "ID,Question,Answer\n1,Name your data protection officer,\n2,Do you use MFA?,\n",
    );
    let second =
        env.file("two/questionnaire.csv", "ID,Question,Answer\n1,Do you encrypt backups?,\n2,Do you use MFA?,\n");
    let a = env.work.path().join("a.json");
    let b = env.work.path().join("b.json");
    ok(env.run(&["import", s(&first), "--org", "First", "--out", s(&a), "--no-open"]));
    ok(env.run(&["import", s(&second), "--org", "Second", "--out", s(&b), "--no-open"]));
    ok(env.run(&["answer", s(&a), "1", "Jane Doe, dpo@first.example"]));
    ok(env.run(&["answer", s(&b), "2", "yes"]));
    let out = env.work.path().join("merged.json");
    let message = refused(env.run(&["merge", s(&a), s(&b), "-o", s(&out)]));
    assert!(
        message.contains("imported from different workbooks")
            && message.contains("Do you encrypt backups?")
            && message.contains("Name your data protection officer"),
        "{message}"
    );
    assert!(!out.exists(), "nothing written");
    // The same workbook imported twice (two respondents) merges.
    let again = env.work.path().join("again.json");
    ok(env.run(&["import", s(&first), "--org", "First", "--out", s(&again), "--no-open"]));
    ok(env.run(&["merge", s(&a), s(&again), "-o", s(&out)]));
}

#[test]
fn merge_refuses_a_readiness_and_a_vendor_assessment_even_when_ids_match() {
    let env = Env::new();
    let readiness = new_here(&env, "ready.json");
    let vendor_q = env.file(
        "vendor-q.json",
        SMALL
            .replace("\"kind\": \"readiness\"", "\"kind\": \"vendor\"")
            .replace("\"id\": \"small\"", "\"id\": \"small-vendor\""),
    );
    let vendor = env.work.path().join("vendor.json");
    ok(env.run(&["new", s(&vendor_q), "--org", "Vendor", "--out", s(&vendor), "--no-open"]));
    ok(env.run(&["answer", s(&readiness), "a.sso", "yes"]));
    ok(env.run(&["answer", s(&vendor), "a.sso", "no"]));
    let out = env.work.path().join("merged.json");
    let message = refused(env.run(&["merge", s(&readiness), s(&vendor), "-o", s(&out)]));
    assert!(message.contains("different questionnaires") && message.contains("`small-vendor`"), "{message}");
    assert!(!out.exists());
}

#[test]
fn prefer_newest_leaves_answers_of_the_same_time_open_and_says_so() {
    let env = Env::new();
    let ann = new_here(&env, "ann.json");
    let bob = new_here(&env, "bob.json");
    let at = |t: &str, file: &Path, value: &str| {
        ok(env.cmd().env("SOC2_READY_NOW", t).args(["answer", s(file), "a.sso", value]).output().unwrap());
    };
    at("2026-01-10T10:00:00Z", &ann, "yes");
    at("2026-01-10T10:00:00Z", &bob, "no");
    let out = env.work.path().join("merged.json");
    let text = ok(env.run(&["merge", s(&ann), s(&bob), "-o", s(&out), "--prefer", "newest"]));
    assert!(text.contains("changed at the same time (2026-01-10T10:00:00Z)"), "{text}");
    let merged: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(merged["conflicts"][0]["question"], "a.sso", "left open, not decided by file order");
    // Given the other way round, the same.
    let out2 = env.work.path().join("merged2.json");
    ok(env.run(&["merge", s(&bob), s(&ann), "-o", s(&out2), "--prefer", "newest"]));
    let merged: serde_json::Value = serde_json::from_slice(&fs::read(&out2).unwrap()).unwrap();
    assert_eq!(merged["conflicts"][0]["question"], "a.sso");
    // Milliseconds tell them apart: the later one wins, in either order (as text `10:00:00.5Z` sorts before
    // `10:00:00Z`).
    at("2026-01-10T10:00:00.500Z", &bob, "no");
    let out3 = env.work.path().join("merged3.json");
    ok(env.run(&["merge", s(&ann), s(&bob), "-o", s(&out3), "--prefer", "newest"]));
    let merged: serde_json::Value = serde_json::from_slice(&fs::read(&out3).unwrap()).unwrap();
    assert_eq!(merged["answers"]["a.sso"]["value"], "no", "{merged}");
    assert_eq!(merged["answers"]["a.sso"]["updated_at"], "2026-01-10T10:00:00.500Z");
}

// `import` opens through the same front-end choice as `open`.

#[test]
fn import_without_a_terminal_opens_plain_mode_and_creates_the_assessment() {
    let env = Env::new();
    let source = env.file("questionnaire.csv", CSV);
    for (var, value) in [("SOC2_READY_PLAIN", "1"), ("TERM", "dumb")] {
        let out = env.work.path().join(format!("{value}.json"));
        let o = env
            .cmd()
            .env(var, value)
            .args(["import", s(&source), "--org", "Customer", "--out", s(&out)])
            .write_stdin("quit\n")
            .output()
            .unwrap();
        assert!(o.status.success(), "{var}={value}: {}", stderr(&o));
        assert!(stdout(&o).contains("Question 1 of 2"), "plain mode asked: {}", stdout(&o));
        assert!(stdout(&o).contains("Carry on with: soc2-ready open"), "{}", stdout(&o));
        assert!(out.exists(), "the assessment was created");
    }
}

// Attack 10: a lock file removed while an assessment is open.

#[test]
fn a_removed_lock_file_does_not_let_a_second_writer_in_silently() {
    use soc2_ready::assessment::store::lock::lock_path;
    use soc2_ready::assessment::{AnswerValue, Session, store};
    let env = Env::new();
    let a = new_here(&env, "acme.json");
    // The interface has it open and has saved one answer through its journal.
    let mut open_here = Session::open(&a, NOW).unwrap();
    open_here.assessment.answer("a.mfa", AnswerValue::Text("documented".into()), NOW);
    open_here.save().unwrap();
    // Someone removes the lock file; another writer gets in, answers and leaves.
    fs::remove_file(lock_path(&a)).unwrap();
    ok(env.run(&["answer", s(&a), "a.sso", "yes"]));
    // The interface's next save, and its save on quit, are refused and say why.
    open_here.assessment.answer("a.sso", AnswerValue::Text("no".into()), NOW);
    let e = open_here.save().unwrap_err().to_string();
    assert!(e.contains("lock file was removed") && e.contains("another soc2-ready changed it"), "{e}");
    assert!(open_here.write_whole().is_err());
    drop(open_here);
    let kept = store::read(&a).unwrap();
    assert_eq!(kept.value("a.sso"), Some(&AnswerValue::Text("yes".into())), "the other writer's answer is kept");
    assert_eq!(kept.value("a.mfa"), Some(&AnswerValue::Text("documented".into())), "and the earlier one");

    // Removed while another process holds a new lock: refused, naming it.
    let mut open_here = Session::open(&a, NOW).unwrap();
    fs::remove_file(lock_path(&a)).unwrap();
    let other = soc2_ready::assessment::store::lock::Lock::acquire(&a, NOW).unwrap();
    open_here.assessment.answer("a.sso", AnswerValue::Text("no".into()), NOW);
    let e = open_here.save().unwrap_err().to_string();
    assert!(e.contains("holds it now"), "{e}");
    drop(open_here);
    assert!(lock_path(&a).exists(), "closing here leaves the other process's lock file alone");
    let message = refused(env.run(&["answer", s(&a), "a.mfa", "planned", "--wait", "0"]));
    assert!(message.contains("open in another soc2-ready"), "{message}");
    drop(other);

    // Removed with nobody else writing: the lock is taken again and saving goes on.
    let mut open_here = Session::open(&a, NOW).unwrap();
    fs::remove_file(lock_path(&a)).unwrap();
    open_here.assessment.answer("a.sso", AnswerValue::Text("no".into()), NOW);
    open_here.save().unwrap();
    assert!(lock_path(&a).exists(), "taken again");
    let message = refused(env.run(&["answer", s(&a), "a.mfa", "planned", "--wait", "0"]));
    assert!(message.contains("open in another soc2-ready"), "{message}");
    drop(open_here);
    assert_eq!(store::read(&a).unwrap().value("a.sso"), Some(&AnswerValue::Text("no".into())));
}

// Held: an assessment that is a symbolic link.

#[cfg(unix)]
#[test]
fn an_assessment_that_is_a_symbolic_link_is_refused_for_changes_never_replaced_by_a_file() {
    let env = Env::new();
    let real = new_here(&env, "real.json");
    let link = env.work.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = fs::read(&real).unwrap();
    let message = refused(env.run(&["answer", s(&link), "a.sso", "yes"]));
    assert!(message.contains("is a symbolic link to") && message.contains("real.json"), "{message}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert_eq!(fs::read(&real).unwrap(), before, "nothing changed");
    // Reading through it still works.
    ok(env.run(&["show", s(&link)]));
    // A new assessment where a dangling link is does not replace the link.
    let dangling = env.work.path().join("dangling.json");
    std::os::unix::fs::symlink(env.work.path().join("nowhere.json"), &dangling).unwrap();
    let message = refused(env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--out", s(&dangling), "--no-open"]));
    assert!(message.contains("symbolic link"), "{message}");
    assert!(fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
}

// Held: temporary copies left by a killed write.

#[test]
fn temporary_copies_of_killed_writes_are_removed_and_a_running_writer_s_are_kept() {
    let env = Env::new();
    let a = new_in_store(&env, "acme");
    let dead = i32::MAX - 1; // no such process
    let running = std::process::id();
    let beside = |name: &str| env.work.path().join(name);
    // Left beside an output by a killed `report -o`.
    fs::write(beside(&format!(".report.md.{dead}.tmp")), "the customer's answers").unwrap();
    fs::write(beside(&format!(".report.md.{running}.tmp")), "being written").unwrap();
    fs::write(beside(&format!(".other.md.{dead}.tmp")), "not this output's").unwrap();
    ok(env.run(&["report", s(&a), "-o", s(&beside("report.md"))]));
    assert!(!beside(&format!(".report.md.{dead}.tmp")).exists(), "removed when next writing there");
    assert!(beside(&format!(".report.md.{running}.tmp")).exists(), "a running process's copy is kept");
    assert!(beside(&format!(".other.md.{dead}.tmp")).exists(), "another file's is left alone");
    // Left in the store: removed when the program starts.
    let store = env.store();
    fs::write(store.join(format!(".acme.json.{dead}.tmp")), "copy").unwrap();
    fs::write(store.join(format!(".acme.json.bak.{dead}.tmp")), "copy").unwrap();
    fs::write(store.join(format!(".library.json.{running}.tmp")), "being written").unwrap();
    ok(env.run(&["list"]));
    assert!(!store.join(format!(".acme.json.{dead}.tmp")).exists());
    assert!(!store.join(format!(".acme.json.bak.{dead}.tmp")).exists());
    assert!(store.join(format!(".library.json.{running}.tmp")).exists());
}
