//! Managing assessments from the command line: rename, delete to the trash, the trash, restore and purge,
//! each with every companion file and refused under the lock; `list` with the report's headline, the last
//! change and files that are not assessments; names from organisations in any script.

use crate::common::Answering;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use soc2_ready::assessment::store::lock::{Lock, lock_path};
use soc2_ready::assessment::store::{self, Store};
use soc2_ready::assessment::{AnswerValue, Assessment, Session};
use soc2_ready::questionnaire::{load_file, parse};

use crate::common::{Env, NOW};

/// The binary in the test's sandbox, in UTC so local times are the same on every machine.
fn run(env: &Env, args: &[&str]) -> Output {
    env.cmd().env("TZ", "UTC").args(args).output().unwrap()
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The one line a refused command prints, after checking it failed with nothing on stdout.
fn refused(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "should fail: {}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn demo() -> soc2_ready::questionnaire::Questionnaire {
    load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json")).unwrap()
}

/// An assessment in the store with every companion a file can have: a backup (saved twice), the journal
/// a killed session left (replayed by every reader), and the copy kept from a format migration.
fn with_companions(env: &Env, name: &str) -> PathBuf {
    let dir = env.store();
    store::ensure_private_dir(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    let mut a = Assessment::new(demo(), "Acme AI", NOW);
    store::write(&path, &a).unwrap();
    a.answer("profile.headcount", AnswerValue::Number(12.0), NOW);
    store::write(&path, &a).unwrap();
    fs::copy(&path, dir.join(format!("{name}.json.v1.bak"))).unwrap();
    // A change saved through the journal, whose file stays as a killed session leaves it.
    let mut session = Session::open(&path, NOW).unwrap();
    let change = soc2_ready::assessment::Change::typed("profile.contact", "Dana");
    soc2_ready::assessment::model::change::apply(
        &mut session.assessment,
        &change,
        soc2_ready::assessment::model::change::Ctx::at(NOW),
    )
    .unwrap();
    session.save_quickly().unwrap();
    session.wait_on_disk().unwrap();
    let journal = fs::read(dir.join(format!("{name}.json.journal"))).unwrap();
    drop(session);
    fs::write(dir.join(format!("{name}.json.journal")), journal).unwrap();
    path
}

fn companions_of(name: &str) -> Vec<String> {
    let mut all: Vec<String> = ["", ".bak", ".journal", ".v1.bak"].iter().map(|s| format!("{name}.json{s}")).collect();
    all.sort();
    all
}

#[test]
fn rename_moves_the_file_and_every_companion_and_keeps_the_journal_s_changes() {
    let env = Env::new();
    with_companions(&env, "acme");
    assert_eq!(names(&env.store()), companions_of("acme"));
    let printed = out(&run(&env, &["rename", "acme", "株式会社テスト 2027"]));
    let target = env.store().join("株式会社テスト 2027.json");
    assert_eq!(printed, format!("Renamed acme to 株式会社テスト 2027: {}\n", target.display()));
    assert_eq!(names(&env.store()), companions_of("株式会社テスト 2027"), "nothing left under the old name");
    let a = store::read(&target).unwrap();
    assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("Dana".into())), "the journal came along");
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(12.0)));

    // NFC: a decomposed accent names the same file as a composed one.
    out(&run(&env, &["rename", "株式会社テスト 2027", "Cafe\u{301}"]));
    assert!(env.store().join("Café.json").is_file());
    assert_eq!(out(&run(&env, &["rename", "Café", "café"])).lines().count(), 1);
}

#[test]
fn rename_refuses_bad_names_a_taken_name_leftovers_and_an_open_assessment() {
    let env = Env::new();
    let path = with_companions(&env, "acme");
    let other = env.store().join("globex.json");
    store::write(&other, &Assessment::new(demo(), "Globex", NOW)).unwrap();
    let before = names(&env.store());
    for (name, says) in [
        ("", "empty"),
        ("  ", "empty"),
        ("../x", "path separator"),
        ("a\\b", "path separator"),
        (".hidden", "starts with a dot"),
        ("..", "starts with a dot"),
        ("a\u{1b}[2Jb", "control"),
        ("globex", "already exists"),
        ("globex.json", "already exists"),
    ] {
        let err = refused(&run(&env, &["rename", "acme", name]));
        assert!(err.contains(says), "{name:?}: {err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "hostile text is escaped: {err}");
    }
    let long = "x".repeat(101);
    assert!(refused(&run(&env, &["rename", "acme", &long])).contains("at most 100 characters"));
    // A journal left from an earlier assessment of the new name would be replayed into this one.
    fs::write(env.store().join("taken.json.journal"), b"").unwrap();
    assert!(refused(&run(&env, &["rename", "acme", "taken"])).contains("taken.json.journal is left"));
    fs::remove_file(env.store().join("taken.json.journal")).unwrap();
    assert!(refused(&run(&env, &["rename", "nobody", "x"])).contains("no such assessment"));
    for args in [&["rename", " ", "x"][..], &["delete", ""], &["restore", ""]] {
        assert!(refused(&run(&env, args)).contains("no assessment named"), "{args:?}");
    }
    fs::write(env.store().join("notes.json"), br#"{"not": "ours"}"#).unwrap();
    assert!(refused(&run(&env, &["rename", "notes", "x"])).contains("only its assessments"));
    fs::remove_file(env.store().join("notes.json")).unwrap();

    let lock = Lock::acquire(&path, NOW).unwrap();
    let err = refused(&run(&env, &["rename", "acme", "acme-2027"]));
    assert!(err.contains("is open in another soc2-ready") && err.contains(&std::process::id().to_string()), "{err}");
    drop(lock);
    assert_eq!(names(&env.store()), before, "nothing changed by any refusal");
    assert!(!lock_path(&path).exists());
}

#[test]
fn delete_restore_and_purge_round_trip_with_companions() {
    let env = Env::new();
    let path = with_companions(&env, "acme");
    let original = fs::read(&path).unwrap();
    let trash = env.store().join(".trash");

    let printed = out(&run(&env, &["delete", "acme"]));
    let folder = trash.join("20260115T090000Z-acme");
    assert_eq!(
        printed,
        format!(
            "Moved acme to the trash, with its journal of unsaved changes and its backups: {}\nBring it back with \
             `soc2-ready restore acme`.\n",
            folder.display()
        )
    );
    assert_eq!(names(&env.store()), [".trash"], "the lock file went with the lock");
    assert_eq!(names(&folder), companions_of("acme"));
    #[cfg(unix)]
    {
        assert_eq!(crate::common::mode(&trash), 0o700, "private like the store");
        assert_eq!(crate::common::mode(&folder), 0o700);
    }
    assert!(out(&run(&env, &["list"])).starts_with("No assessments"));

    // Deleting a second assessment of the same name in the same second never overwrites the first.
    with_companions(&env, "acme");
    out(&run(&env, &["delete", "acme"]));
    assert_eq!(names(&trash), ["20260115T090000Z-acme", "20260115T090000Z-acme-2"]);
    let listed = out(&run(&env, &["trash"]));
    assert_eq!(listed.lines().filter(|l| l.starts_with("acme ")).count(), 2, "{listed}");
    assert!(listed.contains("Acme AI") && listed.contains("today 09:00"), "{listed}");
    assert!(listed.contains("soc2-ready restore NAME"), "{listed}");
    let rows: Value = serde_json::from_str(&out(&run(&env, &["trash", "--json"]))).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["id"], "20260115T090000Z-acme-2", "most recent first");
    assert_eq!(rows[0]["deleted_at"], NOW);
    assert_eq!(rows[0]["org"], "Acme AI");

    // Restore brings back the most recent; the older stays, and a second restore is refused over it.
    let printed = out(&run(&env, &["restore", "acme"]));
    assert!(printed.starts_with(&format!("Restored acme: {}\n", path.display())), "{printed}");
    assert!(printed.contains("1 older deletion of that name stay"), "{printed}");
    assert_eq!(names(&env.store()), [vec![".trash".to_string()], companions_of("acme")].concat());
    let err = refused(&run(&env, &["restore", "acme"]));
    assert!(err.contains("already exists") && err.contains("--as NEW_NAME") && err.contains("rename"), "{err}");
    let printed = out(&run(&env, &["restore", "20260115T090000Z-acme", "--as", "acme-2026"]));
    assert!(printed.starts_with("Restored acme-2026:"), "{printed}");
    assert_eq!(fs::read(env.store().join("acme-2026.json")).unwrap(), original, "byte for byte");
    assert!(store::read(&env.store().join("acme-2026.json")).unwrap().value("profile.contact").is_some());
    assert!(names(&trash).is_empty(), "restored folders are removed");
    assert!(refused(&run(&env, &["restore", "acme"])).contains("nothing in the trash"));

    // Purge: gone for good, every file named.
    let printed = out(&run(&env, &["delete", "acme-2026", "--purge"]));
    for file in companions_of("acme-2026") {
        assert!(printed.contains(&file), "{file} in {printed}");
    }
    assert!(!names(&env.store()).iter().any(|n| n.starts_with("acme-2026")));
    assert!(names(&trash).is_empty(), "nothing went to the trash");

    // Empty the trash.
    out(&run(&env, &["delete", "acme"]));
    let printed = out(&run(&env, &["trash", "--empty"]));
    assert!(printed.contains("Removed for good: acme"), "{printed}");
    assert!(names(&trash).is_empty());
    assert!(out(&run(&env, &["trash"])).starts_with("The trash is empty"));
}

#[test]
fn delete_is_refused_while_open_and_outside_the_store() {
    let env = Env::new();
    let path = with_companions(&env, "acme");
    let before = names(&env.store());
    let lock = Lock::acquire(&path, NOW).unwrap();
    for args in [&["delete", "acme"][..], &["delete", "acme", "--purge"]] {
        let err = refused(&run(&env, args));
        assert!(err.contains("is open in another soc2-ready"), "{err}");
    }
    drop(lock);
    assert_eq!(names(&env.store()), before);
    assert!(!env.store().join(".trash").exists() || names(&env.store().join(".trash")).is_empty());

    let elsewhere = env.work.path().join("mine.json");
    store::write(&elsewhere, &Assessment::new(demo(), "Mine", NOW)).unwrap();
    for args in [&["delete", elsewhere.to_str().unwrap()][..], &["delete", elsewhere.to_str().unwrap(), "--purge"]] {
        let err = refused(&run(&env, args));
        assert!(err.contains("is not in the store") && err.contains("file manager"), "{err}");
    }
    assert!(elsewhere.is_file());
    // Renaming one elsewhere is fine: it stays in its folder.
    out(&run(&env, &["rename", elsewhere.to_str().unwrap(), "ours"]));
    assert!(env.work.path().join("ours.json").is_file());
}

/// A questionnaire with one scored question of weight 5 and no SOC 2 effort, so the report gives a score
/// and no verdict: "documented" earns all of it (100), "informal" half (50).
const SMALL: &str = r#"{
  "format": 1, "id": "small", "version": "0.1", "title": "Small", "kind": "custom",
  "sections": [ { "id": "main", "title": "Main", "questions": [
    { "id": "main.mfa", "type": "maturity", "text": "Is MFA enforced?", "help": "Auditors check it.",
      "weight": 5, "criteria": ["CC6.1"] } ] } ]
}"#;

#[test]
fn list_sorts_by_last_change_shows_the_report_s_headline_and_ignores_other_files() {
    let env = Env::new();
    let dir = env.store();
    store::ensure_private_dir(&dir).unwrap();
    let small = parse(SMALL, "small.json").unwrap();
    let mut older = Assessment::new(small.clone(), "Older Ltd", "2026-01-10T08:00:00Z");
    older.answer("main.mfa", AnswerValue::Text("documented".into()), "2026-01-10T08:00:00Z");
    store::write(&dir.join("older.json"), &older).unwrap();
    let mut newer = Assessment::new(small, "Newer Ltd", "2026-01-14T17:45:00Z");
    newer.answer("main.mfa", AnswerValue::Text("informal".into()), "2026-01-15T07:30:00Z");
    store::write(&dir.join("a-newer.json"), &newer).unwrap();
    let vendor =
        PathBuf::from(out(&run(&env, &["new", "ai-vendor-assessment", "--org", "Vendor", "--no-open"])).trim());
    let readiness = PathBuf::from(out(&run(&env, &["new", "soc2-ai-readiness", "--org", "Ready", "--no-open"])).trim());
    out(&run(&env, &["answer", readiness.to_str().unwrap(), "profile.headcount", "12"]));

    // Not assessments: left out without a word.
    fs::write(dir.join("README.md"), "notes").unwrap();
    fs::write(dir.join("notes.txt"), "notes").unwrap();
    fs::write(dir.join("package.json"), r#"{"name": "x"}"#).unwrap();
    fs::write(dir.join("list.json"), "[1, 2]").unwrap();
    fs::write(dir.join("binary.json"), [0xff, 0xfe, 0x00]).unwrap();
    fs::create_dir(dir.join("folder.json")).unwrap();
    // Assessments, damaged: reported once each.
    fs::write(dir.join("cut.json"), br#"{"file": "soc2-ready assess"#).unwrap();
    fs::write(dir.join("garbled.json"), b"{\"file\": \"soc2-ready assessment\", \"format\": 2, \xff}").unwrap();
    fs::write(dir.join("empty.json"), b"").unwrap();

    let o = run(&env, &["list", "--json"]);
    let rows: Value = serde_json::from_str(&out(&o)).unwrap();
    let names: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    let vendor_name = vendor.file_stem().unwrap().to_str().unwrap();
    let readiness_name = readiness.file_stem().unwrap().to_str().unwrap();
    // The two made now (NOW = 2026-01-15T09:00) by name, then the newer by its last change, then the older.
    let mut made_now = [readiness_name, vendor_name];
    made_now.sort();
    assert_eq!(names, [made_now[0], made_now[1], "a-newer", "older"]);
    let row = |name: &str| rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap().clone();
    assert_eq!(row("older")["score"], 100.0, "documented: full credit");
    assert_eq!(row("older")["verdict"], "", "a questionnaire without SOC 2 efforts gives no verdict");
    assert_eq!(row("older")["headline"], "score 100");
    assert_eq!(row("a-newer")["score"], 50.0, "informal: half the design credit");
    assert_eq!(row("a-newer")["last_change"], "today 07:30", "TZ=UTC in this test");
    assert_eq!(row("older")["last_change"], "2026-01-10 08:00");
    assert_eq!(row(vendor_name)["verdict"], "high risk");
    assert_eq!(row(readiness_name)["verdict"], "Blocked");

    // The same headline as the report's.
    for name in [vendor_name, readiness_name] {
        let report: Value = serde_json::from_str(&out(&run(&env, &["report", name, "--format", "json"]))).unwrap();
        let said = match &report["readiness"] {
            Value::Null => format!("{} risk", report["vendor"]["risk"].as_str().unwrap()),
            r => r["verdict"].as_str().unwrap().to_string(),
        };
        assert_eq!(row(name)["verdict"], said.as_str(), "{name}");
    }

    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 3, "one line per damaged assessment:\n{err}");
    for damaged in ["cut.json", "garbled.json", "empty.json"] {
        assert!(err.contains(&dir.join(damaged).display().to_string()), "{damaged}: {err}");
    }

    let table = out(&run(&env, &["list"]));
    let header = table.lines().next().unwrap();
    assert!(header.contains("SCORE") && header.contains("LAST CHANGE"), "{header}");
    let line = table.lines().find(|l| l.starts_with("older ")).unwrap();
    assert!(line.contains("score 100") && line.ends_with("2026-01-10 08:00"), "{line}");
}

#[test]
fn new_names_files_after_organisations_in_any_script() {
    let env = Env::new();
    for (org, name) in [
        ("株式会社テスト", "株式会社テスト-soc2-ai-readiness"),
        ("شركة الذكاء", "شركة-الذكاء-soc2-ai-readiness"),
        ("Café Ünïcode", "café-ünïcode-soc2-ai-readiness"),
        ("ACME/../x", "acme-x-soc2-ai-readiness"),
        ("🚀\u{202e}\u{1b}[2J", "2j-soc2-ai-readiness"),
        ("🚀", "assessment-soc2-ai-readiness"),
        ("🚀 ", "assessment-soc2-ai-readiness-2"),
    ] {
        let path = PathBuf::from(out(&run(&env, &["new", "soc2-ai-readiness", "--org", org, "--no-open"])).trim());
        assert_eq!(path, env.store().join(format!("{name}.json")), "{org:?}");
    }
    // The list shows them as they are, and commands take them by name.
    let table = out(&run(&env, &["list"]));
    assert!(table.contains("株式会社テスト-soc2-ai-readiness") && table.contains("شركة الذكاء"), "{table}");
    out(&run(&env, &["show", "شركة-الذكاء-soc2-ai-readiness"]));
    let _ = Store::new(env.store());
}

mod names_are_safe {
    use std::path::{Component, Path};

    use proptest::prelude::*;
    use soc2_ready::assessment::store::Store;
    use soc2_ready::assessment::store::file_name::{chosen_name, slug};
    use unicode_normalization::is_nfc;

    /// One plain path component: not empty, not hidden, not `.` or `..`, no separator, nothing invisible.
    fn assert_safe_component(name: &str) {
        assert!(!name.is_empty());
        assert!(!name.starts_with('.'), "{name:?}");
        assert!(!name.contains(['/', '\\', '\0']), "{name:?}");
        assert!(!name.chars().any(|c| c.is_control() || soc2_ready::text::is_unsafe(c)), "{name:?}");
        let parts: Vec<Component> = Path::new(name).components().collect();
        assert!(matches!(parts[..], [Component::Normal(_)]), "{name:?} is one component: {parts:?}");
        assert!(is_nfc(name), "{name:?} is NFC");
    }

    /// Text from every corner of Unicode: letters of many scripts, marks, emoji, bidi and control
    /// characters, separators and dots.
    fn org() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                any::<char>(),
                prop::sample::select(vec![
                    '/', '\\', '.', ' ', '\0', '\u{1b}', '\u{202e}', '\u{200f}', '\u{2066}', '\u{feff}', '\u{301}',
                    '\u{94d}', 'é', '株', 'ش', '🚀', '\u{200d}', '\n', '-', 'A', '𠀀',
                ]),
            ],
            0..120,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn any_organisation_gives_a_safe_readable_file_name(org in org()) {
            let name = slug(&org);
            assert_safe_component(&name);
            prop_assert!(name.chars().count() <= 40 && name.len() <= 120, "{name:?}");
            prop_assert!(!name.ends_with('-'));
            // With the longest questionnaire id and a counter, the file and its companions (the journal,
            // a save's temporary file) stay under the 255-byte limit of common file systems.
            let dir = tempfile::tempdir().unwrap();
            let path = Store::new(dir.path().to_path_buf()).new_path(&org, &"q".repeat(200));
            let file = path.file_name().unwrap().to_str().unwrap();
            assert_safe_component(file);
            // The leading dot of the temporary file, the name, `.bak.PID.tmp`.
            prop_assert!(1 + file.len() + ".bak.4294967295.tmp".len() <= 255, "{file:?}");
            prop_assert_eq!(path.parent().unwrap(), dir.path());
        }

        #[test]
        fn a_chosen_name_is_refused_or_safe(typed in org()) {
            if let Ok(name) = chosen_name(&typed) {
                assert_safe_component(&name);
                prop_assert!(name.chars().count() <= 100 && name.len() <= 180);
            }
        }
    }
}

/// A folder (or any file) in the current directory with an assessment's name does not hide the assessment: a
/// consultant keeps a folder per client beside the store's assessments of the same names.
#[test]
fn a_name_in_the_store_wins_over_a_folder_of_that_name_where_you_are() {
    let env = Env::new();
    with_companions(&env, "acme");
    fs::create_dir(env.work.path().join("acme")).unwrap();
    fs::write(env.work.path().join("notes"), "my notes, not an assessment").unwrap();
    assert!(out(&run(&env, &["show", "acme"])).contains("Acme AI"));
    assert!(out(&run(&env, &["search", "acme", "headcount"])).contains("profile.headcount"));
    out(&run(&env, &["rename", "acme", "notes"]));
    assert!(env.store().join("notes.json").is_file(), "{:?}", names(&env.store()));
    assert!(out(&run(&env, &["delete", "notes"])).starts_with("Moved notes to the trash"));
    assert_eq!(fs::read_to_string(env.work.path().join("notes")).unwrap(), "my notes, not an assessment");
    // A path still means the path, and a name the store does not have still finds a file where you are.
    let mine = env.work.path().join("mine");
    store::write(&mine, &Assessment::new(demo(), "Mine", NOW)).unwrap();
    assert!(out(&run(&env, &["show", "mine"])).contains("Mine"));
    // `NAME.json` finds the store's assessment when there is no such file where you are.
    out(&run(&env, &["restore", "notes", "--as", "acme"]));
    assert!(out(&run(&env, &["show", "acme.json"])).contains("Acme AI"));
    // A file name that is a file where you are means that file (`new --out acme.json` made it there).
    store::write(&env.work.path().join("acme.json"), &Assessment::new(demo(), "Here Ltd", NOW)).unwrap();
    assert!(out(&run(&env, &["show", "acme.json"])).contains("Here Ltd"));
    assert!(out(&run(&env, &["show", "acme"])).contains("Acme AI"), "the bare name is still the store's");
}

/// Restoring under a name that is taken says which assessment is in the way, and what to type.
#[test]
fn restore_as_a_taken_name_names_the_assessment_in_the_way() {
    let env = Env::new();
    with_companions(&env, "old");
    with_companions(&env, "taken");
    out(&run(&env, &["delete", "old"]));
    let err = refused(&run(&env, &["restore", "old", "--as", "taken"]));
    assert!(err.contains("taken.json already exists"), "{err}");
    assert!(err.contains("`soc2-ready rename taken NEW_NAME`"), "the assessment in the way is taken: {err}");
    assert!(!err.contains("rename old"), "{err}");
    assert!(err.contains("--as"), "{err}");
    assert_eq!(names(&env.store().join(".trash")).len(), 1, "nothing was changed");
}

/// An assessment whose file name is near the file system's limit (made outside soc2-ready) still goes to the
/// trash and comes back: its folder in the trash is named with a shortened name (it once failed with "File
/// name too long"), and the file keeps its name.
#[test]
fn a_file_name_near_the_limit_goes_to_the_trash_and_comes_back() {
    let env = Env::new();
    let long = "l".repeat(240);
    let path = with_companions(&env, &long[..200]);
    fs::rename(&path, env.store().join(format!("{long}.json"))).unwrap();
    for suffix in [".bak", ".journal", ".v1.bak"] {
        fs::remove_file(env.store().join(format!("{}.json{suffix}", &long[..200]))).unwrap();
    }
    let printed = out(&run(&env, &["delete", &long]));
    assert!(printed.starts_with(&format!("Moved {long} to the trash")), "{printed}");
    let rows: Value = serde_json::from_str(&out(&run(&env, &["trash", "--json"]))).unwrap();
    assert_eq!(rows[0]["name"], long.as_str());
    assert!(rows[0]["id"].as_str().unwrap().len() <= 255);
    out(&run(&env, &["restore", &long]));
    assert!(env.store().join(format!("{long}.json")).is_file());
    assert!(names(&env.store().join(".trash")).is_empty());
}

/// A name typed in another Unicode normalisation (`e` and a combining accent, as pasted from some systems)
/// finds the assessment whose name looks the same: before, `show Café` said "Café.json: no such
/// assessment" about a file listed as Café.
#[test]
fn a_name_typed_decomposed_finds_the_assessment_of_the_same_name() {
    let env = Env::new();
    with_companions(&env, "acme");
    out(&run(&env, &["rename", "acme", "Café"]));
    let decomposed = "Cafe\u{301}";
    assert!(out(&run(&env, &["show", decomposed])).contains("Acme AI"));
    assert!(out(&run(&env, &["delete", decomposed])).starts_with("Moved Café to the trash"));
    assert!(out(&run(&env, &["restore", decomposed])).starts_with("Restored Café:"));
    assert!(env.store().join("Café.json").is_file());
}

/// A name with a character Windows refuses in file names (and bash completion splits at, for `:`) is refused
/// with the reason, and nothing changes; before, `acme:2027` was accepted and then could not be completed.
#[test]
fn a_name_windows_could_not_hold_is_refused() {
    let env = Env::new();
    with_companions(&env, "acme");
    let before = names(&env.store());
    for name in ["acme:2027", "what?", "a*b", "say \"hi\"", "a|b", "<x>"] {
        let err = refused(&run(&env, &["rename", "acme", name]));
        assert!(err.contains("Windows does not allow"), "{name}: {err}");
    }
    assert_eq!(names(&env.store()), before);
}

/// A trash that cannot be read (here a file where the folder belongs) is reported, not shown as empty.
#[test]
fn a_trash_that_cannot_be_read_is_not_shown_as_empty() {
    let env = Env::new();
    with_companions(&env, "acme");
    fs::write(env.store().join(".trash"), "not a folder").unwrap();
    for args in [&["trash"][..], &["trash", "--json"], &["trash", "--empty"]] {
        let err = refused(&run(&env, args));
        assert!(err.contains("cannot read the trash") && err.contains(".trash"), "{err}");
    }
    assert_eq!(fs::read_to_string(env.store().join(".trash")).unwrap(), "not a folder");
}
