//! Assessment files on disk, through the library: atomic save, backup, permissions, every kind of damage
//! refused without touching the file, and the one-writer lock.

use crate::common::Answering;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tempfile::TempDir;

use soc2_ready::assessment::store::lock::{Lock, lock_path};
use soc2_ready::assessment::store::{self, OpenError, backup_path};
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::questionnaire::parse;

use crate::common;
#[cfg(unix)]
use common::mode;

const NOW: &str = "2026-01-15T09:00:00Z";
const LATER: &str = "2026-01-15T10:30:00Z";

const SMALL: &str = r#"{
  "format": 1,
  "id": "small",
  "version": "0.1",
  "title": "Small",
  "kind": "custom",
  "sections": [
    {
      "id": "main",
      "title": "Main",
      "questions": [
        { "id": "main.mfa", "type": "maturity", "text": "Is MFA enforced?", "help": "Auditors check it.",
          "weight": 5, "criteria": ["CC6.1"] },
        { "id": "main.staff", "type": "number", "text": "How many staff?", "help": "Sizes the work.",
          "min": 1, "max": 500 },
        { "id": "main.start", "type": "date", "text": "When do you start?", "help": "Plans the work." }
      ]
    }
  ]
}"#;

fn assessment() -> Assessment {
    let q = parse(SMALL, "small.json").expect("the test questionnaire is valid");
    Assessment::new(q, "Acme Inc", NOW)
}

/// A temporary folder and a file in it holding a saved assessment.
fn saved() -> (TempDir, PathBuf, Assessment) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("acme.json");
    let a = assessment();
    store::write(&path, &a).unwrap();
    (dir, path, a)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_saved_assessment_reads_back_equal() {
    let (_dir, path, mut a) = saved();
    assert_eq!(store::read(&path).unwrap(), a);
    a.answer("main.mfa", AnswerValue::Text("documented".into()), LATER);
    a.answer("main.staff", AnswerValue::Number(12.0), LATER);
    a.write_note("main.mfa", "Okta, all staff", LATER);
    store::write(&path, &a).unwrap();
    let back = store::read(&path).unwrap();
    assert_eq!(back, a);
    assert_eq!(back.updated_at, LATER);
    assert_eq!(back.created_at, NOW);
    assert_eq!(back.note("main.mfa"), "Okta, all staff");
}

#[test]
fn save_leaves_no_temporary_files() {
    let (dir, path, mut a) = saved();
    assert_eq!(names(dir.path()), ["acme.json"], "the first save writes the file alone");
    for (i, rung) in ["planned", "informal", "documented"].into_iter().enumerate() {
        a.answer("main.mfa", AnswerValue::Text(rung.into()), &format!("2026-01-15T09:0{i}:00Z"));
        store::write(&path, &a).unwrap();
        assert_eq!(names(dir.path()), ["acme.json", "acme.json.bak"], "after save {}", i + 2);
    }
}

#[test]
fn the_backup_holds_the_previous_version() {
    let (_dir, path, mut a) = saved();
    assert!(!backup_path(&path).exists(), "no backup before a second save");
    assert_eq!(backup_path(&path), path.with_file_name("acme.json.bak"));
    let first = fs::read(&path).unwrap();

    a.answer("main.mfa", AnswerValue::Text("planned".into()), LATER);
    store::write(&path, &a).unwrap();
    let second = fs::read(&path).unwrap();
    assert_ne!(first, second);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), first, "the backup is the first version, byte for byte");

    a.answer("main.mfa", AnswerValue::Text("evidenced".into()), LATER);
    store::write(&path, &a).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), second, "then the second");
    let backup = store::read(&backup_path(&path)).unwrap();
    assert_eq!(backup.value("main.mfa"), Some(&AnswerValue::Text("planned".into())));
}

#[test]
fn written_bytes_are_what_to_bytes_gives() {
    let (_dir, path, a) = saved();
    assert_eq!(fs::read(&path).unwrap(), store::to_bytes(&a));
    assert!(store::to_bytes(&a).ends_with(b"}\n"));
}

#[cfg(unix)]
#[test]
fn file_and_backup_are_private() {
    let (_dir, path, mut a) = saved();
    assert_eq!(mode(&path), 0o600);
    a.answer("main.mfa", AnswerValue::Text("planned".into()), LATER);
    store::write(&path, &a).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&backup_path(&path)), 0o600);
}

#[cfg(unix)]
#[test]
fn the_store_directory_is_private() {
    let dir = TempDir::new().unwrap();
    let store_dir = dir.path().join("data").join("assessments");
    store::ensure_private_dir(&store_dir).unwrap();
    assert_eq!(mode(&store_dir), 0o700);
    // An existing folder with looser permissions is tightened.
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&store_dir, fs::Permissions::from_mode(0o755)).unwrap();
    store::ensure_private_dir(&store_dir).unwrap();
    assert_eq!(mode(&store_dir), 0o700);
}

// ---------------------------------------------------------------------------------------------------------
// Damaged files

/// Replace the file's bytes, try to read it, and check the refusal: it names the path and the reason, and
/// the bytes on disk are unchanged.
fn refused(path: &Path, bytes: &[u8], reason: &str) -> OpenError {
    fs::write(path, bytes).unwrap();
    let err = store::read(path).expect_err("a damaged file is refused");
    assert_eq!(err.path, path);
    assert!(err.reason.contains(reason), "reason `{}` should mention `{reason}`", err.reason);
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}: ", path.display())), "{message}");
    assert!(message.contains(reason), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
    assert_eq!(fs::read(path).unwrap(), bytes, "the file is left byte for byte as it was");
    err
}

fn good_json(a: &Assessment) -> Value {
    serde_json::from_slice(&store::to_bytes(a)).unwrap()
}

#[test]
fn an_empty_file_is_refused() {
    let (_dir, path, _) = saved();
    refused(&path, b"", "empty");
    refused(&path, b"  \n\n", "empty");
}

#[test]
fn a_truncated_file_is_refused() {
    let (_dir, path, a) = saved();
    let bytes = store::to_bytes(&a);
    let err = refused(&path, &bytes[..bytes.len() / 2], "truncated");
    assert!(err.reason.contains("line "), "says where it ends: {}", err.reason);
}

#[test]
fn garbled_bytes_are_refused() {
    let (_dir, path, a) = saved();
    let mut bytes = store::to_bytes(&a);
    // Overwrite the middle with junk that is not JSON.
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8].copy_from_slice(b"#@!%&*)(");
    let err = refused(&path, &bytes, "damaged");
    assert!(err.reason.contains("line "), "locates the damage: {}", err.reason);
    refused(&path, b"\x00\x01\x02\x03garbage", "damaged");
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let (_dir, path, a) = saved();
    let mut bytes = store::to_bytes(&a);
    bytes[20] = 0xff;
    bytes[21] = 0xfe;
    refused(&path, &bytes, "not UTF-8");
}

#[test]
fn json_that_is_not_an_assessment_is_refused() {
    let (_dir, path, a) = saved();
    for text in [r#"{"hello": "world"}"#, r#"{"file": "something else", "format": 1}"#, "42", r#""text""#, "null"] {
        refused(&path, text.as_bytes(), "not a soc2-ready assessment");
    }
    // A questionnaire is JSON too, but not an assessment.
    refused(&path, SMALL.as_bytes(), "not a soc2-ready assessment");
    // The marker with the wrong structure.
    let mut v = good_json(&a);
    v.as_object_mut().unwrap().remove("questionnaire");
    refused(&path, &serde_json::to_vec(&v).unwrap(), "questionnaire");
}

#[test]
fn a_json_array_is_not_an_assessment() {
    let (_dir, path, _) = saved();
    refused(&path, b"[1, 2, 3]", "not a soc2-ready assessment");
    refused(&path, br#"["soc2-ready assessment", 1]"#, "not a soc2-ready assessment");
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let (_dir, path, a) = saved();
    let mut v = good_json(&a);
    v["format"] = json!(99);
    let err = refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "format 99");
    assert!(err.reason.contains("newer"), "{}", err.reason);
    v["format"] = json!(0);
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "format");
    v["format"] = json!("one");
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "format");
}

#[test]
fn an_edited_embedded_questionnaire_is_refused() {
    let (_dir, path, a) = saved();
    let mut v = good_json(&a);
    v["questionnaire"]["definition"]["sections"][0]["questions"][0]["text"] = json!("Is MFA optional?");
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "does not match its hash");

    // An embedded questionnaire that no longer validates is refused too.
    let mut v = good_json(&a);
    v["questionnaire"]["definition"]["sections"][0]["questions"][0]["weight"] = json!(9);
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "invalid");
}

/// The built-ins' hashes, written into the source so that opening an assessment of a built-in need not
/// validate it again, are the built-ins' own (this test is what validates them).
#[test]
fn the_known_hashes_of_the_built_ins_are_theirs_and_they_validate() {
    use soc2_ready::assessment::model::document::questionnaire_hash;
    use soc2_ready::questionnaire::{catalog, validate::validate};
    for ((id, _), known) in catalog::BUILT_IN.iter().zip(catalog::BUILT_IN_HASHES) {
        let q = catalog::built_in(id).unwrap();
        assert_eq!(validate(&q), vec![], "{id}");
        assert_eq!(questionnaire_hash(&q), known, "put the new hash of {id} in catalog::BUILT_IN_HASHES");
    }
}

/// Opening skips validating a built-in only when its content hashes to the shipped hash: an edit that
/// keeps the recorded hash is refused, and an edit that breaks a rule is reported as invalid.
#[test]
fn an_edited_built_in_is_refused_even_with_its_known_hash() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("builtin.json");
    let q = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    let a = Assessment::new(q, "Acme AI", NOW);
    store::write(&path, &a).unwrap();
    assert_eq!(store::read(&path).unwrap(), a);
    let good = good_json(&a);
    assert_eq!(good["questionnaire"]["hash"], json!(soc2_ready::questionnaire::catalog::BUILT_IN_HASHES[0]));

    let mut v = good.clone();
    v["questionnaire"]["definition"]["sections"][0]["questions"][0]["text"] = json!("Is anything done?");
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "does not match its hash");

    let mut v = good;
    v["questionnaire"]["definition"]["sections"][0]["questions"][0]["weight"] = json!(9);
    refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), "invalid");
}

#[test]
fn an_answer_its_question_does_not_accept_is_refused() {
    let (_dir, path, mut a) = saved();
    a.answer("main.mfa", AnswerValue::Text("documented".into()), LATER);
    a.answer("main.staff", AnswerValue::Number(10.0), LATER);
    let good = good_json(&a);

    let cases: [(&str, Value, &str); 5] = [
        ("main.mfa", json!("sort_of"), "main.mfa"),
        ("main.mfa", json!(3), "main.mfa"),
        ("main.staff", json!(501), "main.staff"),
        ("main.start", json!("2026-02-30"), "main.start"),
        ("main.nothing", json!("yes"), "main.nothing"),
    ];
    for (id, value, named) in cases {
        let mut v = good.clone();
        v["answers"][id] = json!({ "value": value, "updated_at": LATER });
        let err = refused(&path, &serde_json::to_vec_pretty(&v).unwrap(), named);
        assert!(err.reason.contains("answer"), "{id}: {}", err.reason);
    }
}

#[test]
fn the_error_points_to_the_backup_when_there_is_one() {
    let (_dir, path, mut a) = saved();
    let err = refused(&path, b"", "empty");
    assert!(!err.to_string().contains(".bak"), "no backup yet: {err}");

    store::write(&path, &assessment()).unwrap();
    a.answer("main.mfa", AnswerValue::Text("planned".into()), LATER);
    store::write(&path, &a).unwrap();
    let backup = backup_path(&path);
    let backup_bytes = fs::read(&backup).unwrap();
    let err = refused(&path, b"{\"file\": \"soc2-ready", "truncated");
    assert!(err.to_string().contains(&backup.display().to_string()), "mentions the backup: {err}");
    assert_eq!(fs::read(&backup).unwrap(), backup_bytes, "the backup is untouched");
    assert!(store::read(&backup).is_ok(), "and it reads");
}

#[test]
fn a_missing_file_or_a_folder_is_refused() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.json");
    let err = store::read(&missing).unwrap_err();
    assert_eq!(err.path, missing);
    assert!(err.reason.contains("cannot read"), "{}", err.reason);
    assert!(!missing.exists());

    let folder = dir.path().join("folder.json");
    fs::create_dir(&folder).unwrap();
    assert!(store::read(&folder).unwrap_err().reason.contains("it is a folder, not a regular file"));
}

#[test]
fn the_store_lists_good_files_and_reports_damaged_ones() {
    let (dir, path, _) = saved();
    let damaged = dir.path().join("damaged.json");
    fs::write(&damaged, b"{").unwrap();
    fs::write(dir.path().join("notes.txt"), b"not listed").unwrap();
    let (listed, errors) = store::Store::new(dir.path().to_path_buf()).list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, path);
    assert_eq!(listed[0].name, "acme");
    assert_eq!(listed[0].org, "Acme Inc");
    assert_eq!(listed[0].progress, 0);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, damaged);
    assert_eq!(fs::read(&damaged).unwrap(), b"{");
}

// ---------------------------------------------------------------------------------------------------------
// Lock

#[test]
fn a_second_lock_is_refused_naming_the_process() {
    let (_dir, path, _) = saved();
    let first = Lock::acquire(&path, NOW).expect("the first lock");
    assert_eq!(first.path(), lock_path(&path));
    let err = Lock::acquire(&path, LATER).expect_err("a second writer is refused");
    let message = err.to_string();
    assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("open in another"), "{message}");
    assert!(message.contains(NOW), "says since when: {message}");

    drop(first);
    let again = Lock::acquire(&path, LATER).expect("free again once the first is dropped");
    drop(again);
    assert_eq!(fs::read(&path).unwrap(), store::to_bytes(&assessment()), "locking never touches the assessment");
}

#[test]
fn locks_on_different_files_are_independent() {
    let (dir, path, _) = saved();
    let other = dir.path().join("other.json");
    store::write(&other, &assessment()).unwrap();
    let _a = Lock::acquire(&path, NOW).unwrap();
    let _b = Lock::acquire(&other, NOW).expect("another file is not locked");
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: the lock file is hostile ground

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_symlink_is_refused_and_its_target_untouched() {
    let (dir, path, _) = saved();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"KEEP").unwrap();
    std::os::unix::fs::symlink(&victim, lock_path(&path)).unwrap();
    let err = Lock::acquire(&path, NOW).expect_err("a planted link is refused");
    let message = err.to_string();
    assert!(message.contains("symbolic link"), "{message}");
    assert!(message.contains(&lock_path(&path).display().to_string()), "names the lock file: {message}");
    assert_eq!(fs::read(&victim).unwrap(), b"KEEP", "the link's target is not truncated");
}

#[cfg(unix)]
#[test]
fn a_lock_file_with_a_second_name_is_refused() {
    let (dir, path, _) = saved();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"KEEP").unwrap();
    fs::hard_link(&victim, lock_path(&path)).unwrap();
    let err = Lock::acquire(&path, NOW).expect_err("a hard link to another file is refused");
    assert!(err.to_string().contains("2 names"), "{err}");
    assert_eq!(fs::read(&victim).unwrap(), b"KEEP");
}

#[cfg(unix)]
#[test]
fn a_lock_file_owned_by_another_user_is_refused() {
    if !is_root() {
        return; // only the administrator can give a file away
    }
    let (_dir, path, _) = saved();
    let lock = lock_path(&path);
    fs::write(&lock, b"theirs").unwrap();
    std::os::unix::fs::chown(&lock, Some(65534), Some(65534)).unwrap();
    let err = Lock::acquire(&path, NOW).expect_err("someone else's file is refused");
    assert!(err.to_string().contains("owned by another user"), "{err}");
    assert_eq!(fs::read(&lock).unwrap(), b"theirs");
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_fifo_is_refused_without_waiting() {
    let (_dir, path, _) = saved();
    let lock = lock_path(&path);
    let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = Lock::acquire(&path, NOW).expect_err("a FIFO is not a lock file");
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

#[test]
fn a_huge_held_lock_file_is_not_read_whole() {
    let (_dir, path, _) = saved();
    let held = Lock::acquire(&path, NOW).unwrap();
    // The holder's text followed by 64 MiB of nothing (sparse): only the start is read.
    fs::OpenOptions::new().write(true).open(lock_path(&path)).unwrap().set_len(64 << 20).unwrap();
    let err = Lock::acquire(&path, LATER).expect_err("held");
    let message = err.to_string();
    assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
    assert!(message.len() < 2_000, "at most a few hundred bytes of the holder's text: {} bytes", message.len());
    drop(held);
}

#[test]
fn a_waiting_lock_is_taken_when_the_holder_lets_go() {
    let (_dir, path, _) = saved();
    let held = Lock::acquire(&path, NOW).unwrap();
    let for_thread = path.clone();
    let waiter = std::thread::spawn(move || {
        Lock::acquire_waiting(&for_thread, LATER, std::time::Duration::from_secs(30)).map(|_| ())
    });
    // The waiter retries until the holder lets go; no sleep needed here, dropping is the signal.
    drop(held);
    waiter.join().unwrap().expect("taken once free");
    let refused = Lock::acquire(&path, NOW).map(|_| ());
    assert!(refused.is_ok(), "and released again: {refused:?}");
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: a save never produces a file that open refuses

#[test]
fn a_save_over_the_size_limit_is_refused_and_the_file_kept() {
    // 700 text questions with 100,000-character notes: 70 MB, over the 64 MiB limit.
    let questions: Vec<Value> = (0..700)
        .map(|i| json!({ "id": format!("s.q{i}"), "type": "text", "text": "Anything?", "help": "h" }))
        .collect();
    let q = json!({ "format": 1, "id": "big", "version": "1", "title": "Big", "kind": "custom",
        "sections": [ { "id": "s", "title": "S", "questions": questions } ] });
    let q = parse(&q.to_string(), "big.json").unwrap();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.json");
    let mut a = Assessment::new(q, "Acme", NOW);
    store::write(&path, &a).unwrap();
    let before = fs::read(&path).unwrap();
    let note = "n".repeat(100_000);
    for i in 0..700 {
        a.write_note(&format!("s.q{i}"), &note, LATER);
    }
    let err = store::write(&path, &a).expect_err("over 64 MiB");
    assert!(err.to_string().contains("over the limit"), "{err}");
    assert!(err.to_string().contains("not saved"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "the file on disk is as it was");
    assert!(store::read(&path).is_ok());
}

#[test]
fn a_save_with_evidence_over_its_limits_is_refused() {
    let (_dir, path, mut a) = saved();
    let before = fs::read(&path).unwrap();
    // Over the limits no change accepts: planted as a damaged file would hold them.
    a.plant_field("main.mfa", "evidence", serde_json::json!(["x".repeat(120_000)]), LATER);
    let err = store::write(&path, &a).expect_err("a 120 KB reference is not a reference");
    assert!(err.to_string().contains("evidence reference"), "{err}");
    assert!(err.to_string().contains("main.mfa"), "{err}");
    a.plant_field(
        "main.mfa",
        "evidence",
        serde_json::json!((0..101).map(|i| format!("doc {i}")).collect::<Vec<_>>()),
        LATER,
    );
    let err = store::write(&path, &a).expect_err("101 references");
    assert!(err.to_string().contains("number of evidence references"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_embedded_questionnaire_is_written_compactly() {
    let (_dir, _path, a) = saved();
    let text = String::from_utf8(store::to_bytes(&a)).unwrap();
    let line = text.lines().find(|l| l.trim_start().starts_with("\"definition\"")).expect("a definition line");
    // The whole definition on its line: the file grows by the questionnaire's size, not three times it.
    assert!(line.trim_end().ends_with('}'), "{line}");
    assert!(line.contains("\"main.start\""), "{line}");
    assert!(store::read(&_path).is_ok());
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: strict reading

#[test]
fn a_question_answered_twice_in_the_file_is_refused() {
    let (_dir, path, _) = saved();
    let text = String::from_utf8(store::to_bytes(&assessment())).unwrap();
    let answers = r#""answers": {
    "main.mfa": { "value": "planned", "note": "first", "updated_at": "2026-01-15T09:00:00Z" },
    "main.mfa": { "value": "documented", "updated_at": "2026-01-15T09:00:00Z" }
  },
  "file""#;
    let text = text.replacen("\"file\"", answers, 1);
    let err = refused(&path, text.as_bytes(), "answered twice");
    assert!(err.reason.contains("main.mfa"), "{}", err.reason);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let (_dir, path, a) = saved();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(store::to_bytes(&a));
    fs::write(&path, &bytes).unwrap();
    assert_eq!(store::read(&path).unwrap(), a);
}

#[test]
fn errors_keep_their_cause_and_showing_them_touches_no_file() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.json");
    let err = store::read(&missing).unwrap_err();
    let source = std::error::Error::source(&err).expect("the operating system's error is kept");
    let io = source.downcast_ref::<std::io::Error>().expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    // The message was settled when the error was made: a backup appearing later does not change it.
    let before = err.to_string();
    fs::write(backup_path(&missing), b"x").unwrap();
    assert_eq!(err.to_string(), before);
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: the store folder

#[cfg(unix)]
#[test]
fn a_store_owned_by_another_user_is_refused() {
    if !is_root() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let store_dir = dir.path().join("assessments");
    fs::create_dir(&store_dir).unwrap();
    std::os::unix::fs::chown(&store_dir, Some(65534), Some(65534)).unwrap();
    let err = store::ensure_private_dir(&store_dir).expect_err("someone else's folder");
    assert!(err.to_string().contains("belongs to another user"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_store_that_is_a_link_is_checked_but_never_changed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("shared");
    fs::create_dir(&target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o777)).unwrap();
    let link = dir.path().join("assessments");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = store::ensure_private_dir(&link).expect_err("a folder others can write");
    assert!(err.to_string().contains("written by others"), "{err}");
    assert_eq!(mode(&target), 0o777, "no chmod through the link");

    fs::set_permissions(&target, fs::Permissions::from_mode(0o750)).unwrap();
    store::ensure_private_dir(&link).expect("a link to a folder of ours that only we can write is fine");
    assert_eq!(mode(&target), 0o750, "still not changed through the link");
}

#[cfg(unix)]
#[test]
fn a_folder_others_can_write_draws_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let shared = dir.path().join("team");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let warning = store::shared_folder_warning(&shared.join("a.json")).expect("a warning");
    assert!(warning.contains("can be written by other users"), "{warning}");
    // The sticky bit (as on /tmp) stops others replacing our files.
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    assert_eq!(store::shared_folder_warning(&shared.join("a.json")), None);
    assert_eq!(store::shared_folder_warning(&dir.path().join("a.json")), None);
}

// ---------------------------------------------------------------------------------------------------------
// Issue 9 §3: the journal

#[test]
fn saves_append_to_the_journal_and_closing_folds_it_into_the_file() {
    use soc2_ready::assessment::Session;
    use soc2_ready::assessment::store::journal::journal_path;
    let (_dir, path, _) = saved();
    let mut session = Session::open(&path, NOW).unwrap();
    let file_before = fs::read(&path).unwrap();
    session.assessment.answer("main.mfa", AnswerValue::Text("planned".into()), LATER);
    session.save().unwrap();
    session.assessment.write_note("main.mfa", "first step", LATER);
    session.save().unwrap();
    session.save().unwrap(); // nothing changed: nothing appended
    let journal = fs::read_to_string(journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 2, "one line per save that changed something: {journal}");
    assert!(journal.len() < 2_000, "a line carries the change, not the file: {} bytes", journal.len());
    assert_eq!(fs::read(&path).unwrap(), file_before, "the file itself is not rewritten");
    // Every reader sees the journal.
    let read = store::read(&path).unwrap();
    assert_eq!(read.value("main.mfa"), Some(&AnswerValue::Text("planned".into())));
    assert_eq!(read.note("main.mfa"), "first step");
    // A crash now, in the middle of appending a line: the disk as it would be, in another folder. The
    // line cut short was never acknowledged, and is ignored.
    let crash = TempDir::new().unwrap();
    let copy = crash.path().join("acme.json");
    fs::copy(&path, &copy).unwrap();
    fs::copy(journal_path(&path), journal_path(&copy)).unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(journal_path(&copy))
        .unwrap()
        .write_all(b"{\"answers\":{\"main.mf")
        .unwrap();
    assert_eq!(store::read(&copy).unwrap(), read);
    // Clearing is journaled too.
    session.assessment.unanswer("main.mfa", LATER);
    session.assessment.write_note("main.mfa", "", LATER);
    session.save().unwrap();
    assert!(store::read(&path).unwrap().answers().is_empty());
    let in_memory = session.assessment.clone();
    drop(session);
    assert!(!journal_path(&path).exists(), "closing compacts");
    assert_eq!(store::read(&path).unwrap(), in_memory);
}

#[test]
fn a_damaged_journal_is_refused_naming_it() {
    use soc2_ready::assessment::store::journal::journal_path;
    let (_dir, path, _) = saved();
    fs::write(journal_path(&path), b"not json\n").unwrap();
    let err = store::read(&path).unwrap_err().to_string();
    assert!(err.contains("journal") && err.contains("line 1"), "{err}");
}

#[test]
fn an_answer_changed_directly_is_saved_by_the_next_save() {
    use soc2_ready::assessment::{Answer, Session};
    let (_dir, path, _) = saved();
    let mut session = Session::open(&path, NOW).unwrap();
    // Not through `change::apply`: the very next save writes it,
    // and a process killed right after (no close, so no compaction) loses nothing.
    let answer = Answer { value: Some(AnswerValue::Number(42.0)), updated_at: LATER.into(), ..Answer::default() };
    // (`with_answers` is the one way left around `apply` outside the assessment module: a view's copy.)
    let direct = |a: &soc2_ready::assessment::Assessment,
                  f: &dyn Fn(&mut std::collections::BTreeMap<String, Answer>)| {
        let mut answers = a.answers().clone();
        f(&mut answers);
        a.with_answers(answers)
    };
    session.assessment = direct(&session.assessment, &|m| {
        m.insert("main.staff".into(), answer.clone());
    });
    session.save().unwrap();
    assert_eq!(store::read(&path).unwrap().value("main.staff"), Some(&AnswerValue::Number(42.0)), "journaled");
    session.assessment = direct(&session.assessment, &|m| m.get_mut("main.staff").unwrap().owner = "Dana".into());
    session.save().unwrap();
    std::mem::forget(session); // as if killed: no close
    assert_eq!(store::read(&path).unwrap().answers()["main.staff"].owner, "Dana", "the second change too");
    // The lock of the forgotten session is still held by this process; remove it as a dead process's would be.
    let _ = fs::remove_file(lock_path(&path));

    // The interface's quick save looks only at what `change::apply` changed; a direct
    // change reaches the file at the latest with the 32nd quick save, or when the file is closed.
    let mut session = Session::open(&path, NOW).unwrap();
    session.assessment = direct(&session.assessment, &|m| m.get_mut("main.staff").unwrap().owner = "Lee".into());
    session.save_quickly().unwrap();
    assert_eq!(store::read(&path).unwrap().answers()["main.staff"].owner, "Dana", "not looked at yet");
    drop(session);
    assert_eq!(store::read(&path).unwrap().answers()["main.staff"].owner, "Lee", "closing saves it");
}

#[cfg(unix)]
#[test]
fn a_planted_journal_is_neither_replayed_nor_written_through() {
    use soc2_ready::assessment::Session;
    use soc2_ready::assessment::store::journal::journal_path;
    let (dir, path, _) = saved();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"KEEP").unwrap();
    fs::hard_link(&victim, journal_path(&path)).unwrap();
    let err = store::read(&path).unwrap_err().to_string();
    assert!(err.contains("2 names"), "{err}");
    assert!(Session::open(&path, NOW).is_err());
    assert_eq!(fs::read(&victim).unwrap(), b"KEEP");
}

/// Found reading the journal at the end of the round: every line carried the whole head, with the imported
/// workbook embedded in it (megabytes of base64) and last year's answers, so each keystroke on a customer
/// questionnaire serialised and appended all of it.
#[test]
fn a_keystroke_does_not_write_the_embedded_workbook_again() {
    use soc2_ready::assessment::store::journal::journal_path;
    use soc2_ready::assessment::{Session, Source};
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("customer.json");
    let mut a = assessment();
    let embedded = "A".repeat(1_000_000);
    a.source = Some(Source {
        file_name: "their.xlsx".into(),
        format: "xlsx".into(),
        sha256: "sha256:0".into(),
        size: 750_000,
        embedded: embedded.clone(),
        customer: "Example Bank".into(),
        imported_at: NOW.into(),
        cells: Default::default(),
    });
    store::write(&path, &a).unwrap();
    let mut session = Session::open(&path, NOW).unwrap();
    session.assessment.answer("main.staff", AnswerValue::Number(12.0), LATER);
    session.save().unwrap();
    let line = fs::metadata(journal_path(&path)).unwrap().len();
    assert!(line < 10_000, "a keystroke's journal line is {line} bytes");
    std::mem::forget(session); // as if killed: the journal is replayed over the file
    let read = store::read(&path).unwrap();
    assert_eq!(read.value("main.staff"), Some(&AnswerValue::Number(12.0)));
    assert_eq!(read.source.as_ref().unwrap().embedded, embedded, "the workbook is still there");
    let _ = fs::remove_file(soc2_ready::assessment::store::lock::lock_path(&path));

    // A change to the source itself is saved by writing the whole file.
    let mut session = Session::open(&path, NOW).unwrap();
    session.assessment.source.as_mut().unwrap().customer = "Example Bank plc".into();
    session.save().unwrap();
    std::mem::forget(session);
    assert_eq!(store::read(&path).unwrap().source.unwrap().customer, "Example Bank plc");
    let _ = fs::remove_file(soc2_ready::assessment::store::lock::lock_path(&path));
}

/// `list` tells assessments from other files by the marker: whole JSON without it, text that is not JSON
/// and folders are not assessments; a file with the marker, or with an assessment's backup or journal
/// beside it, or JSON cut short, is one, and is reported when it cannot be read.
#[test]
fn list_reports_damaged_assessments_and_leaves_out_other_files() {
    let (dir, path, _) = saved();
    let d = dir.path();
    fs::write(d.join("package.json"), r#"{"name": "x"}"#).unwrap();
    fs::write(d.join("numbers.json"), "[1, 2, 3]").unwrap();
    fs::write(d.join("latin1.json"), [b'{', 0xe9, b'}']).unwrap();
    fs::create_dir(d.join("folder.json")).unwrap();
    fs::write(d.join("README.md"), "# notes").unwrap();
    // Not UTF-8, but the marker is there: an assessment, damaged.
    fs::write(d.join("flipped.json"), b"{\"file\": \"soc2-ready assessment\", \xff").unwrap();
    // Whole JSON without the marker, but its backup says it was an assessment.
    fs::write(d.join("overwritten.json"), r#"{"oops": true}"#).unwrap();
    fs::copy(&path, d.join("overwritten.json.bak")).unwrap();
    // Cut short before the marker.
    fs::write(d.join("cut.json"), r#"{ "fi"#).unwrap();

    let (listed, errors) = store::Store::new(d.to_path_buf()).list();
    assert_eq!(listed.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["acme"]);
    let mut reported: Vec<String> =
        errors.iter().map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
    reported.sort();
    assert_eq!(reported, ["cut.json", "flipped.json", "overwritten.json"]);
    assert_eq!(fs::read(d.join("overwritten.json")).unwrap(), br#"{"oops": true}"#, "left as it was");
}

/// Issue 19: a quick save journals what `change::apply` changed (the interface's every key goes through
/// it, undo included), not a set of questions each setter had to remember to mark; a change made around
/// `apply`, even with the assessment's own setters, reaches the file with a full comparison.
#[test]
fn a_quick_save_journals_the_changes_apply_made() {
    use soc2_ready::assessment::model::change::{Change, Ctx, apply};
    use soc2_ready::assessment::{Answer, Session};
    let (_dir, path, _) = saved();
    let mut session = Session::open(&path, NOW).unwrap();
    let applied = apply(&mut session.assessment, &Change::typed("main.staff", "42"), Ctx::at(LATER)).unwrap();
    session.save_quickly().unwrap();
    assert_eq!(store::read(&path).unwrap().value("main.staff"), Some(&AnswerValue::Number(42.0)), "journaled");
    // Undo puts the answer back through `apply` too.
    apply(&mut session.assessment, &applied.inverse(), Ctx::at(LATER)).unwrap();
    session.save_quickly().unwrap();
    assert_eq!(store::read(&path).unwrap().value("main.staff"), None, "the undo is journaled");
    // Around `apply`: not looked at by a quick save, saved on close.
    let mut answers = session.assessment.answers().clone();
    answers.insert("main.staff".into(), Answer { value: Some(AnswerValue::Number(7.0)), ..Answer::default() });
    session.assessment = session.assessment.with_answers(answers);
    session.save_quickly().unwrap();
    assert_eq!(store::read(&path).unwrap().value("main.staff"), None, "not looked at yet");
    drop(session);
    assert_eq!(store::read(&path).unwrap().value("main.staff"), Some(&AnswerValue::Number(7.0)), "closing saves it");
}
