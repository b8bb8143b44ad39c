//! The command line, run as a real binary: every command, and every error path of issue 2 §6.
//!
//! Every command runs with `SOC2_READY_HOME` and `SOC2_READY_CONFIG` pointing at fresh temporary folders and
//! the clock frozen with `SOC2_READY_NOW`, so nothing touches the real home directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use predicates::prelude::*;
use serde_json::{Value, json};

use soc2_ready::assessment::store;
use soc2_ready::assessment::{AnswerValue, store::lock::Lock};
use soc2_ready::questionnaire::catalog;

use crate::common;
use common::{BIN, Env, NOW, mode};

/// A small questionnaire with every question type and a profile yes/no that hides a section and a question.
///
/// Before any answer 7 questions are shown (the six profile questions and `access.reviews`); answering
/// `profile.trains` with `yes` shows the `training` section and `access.weights` too (9 shown).
const QUICK: &str = r#"{
  "format": 1,
  "id": "test-quick",
  "version": "1.0.0",
  "title": "Quick test",
  "kind": "custom",
  "description": "A small questionnaire with every question type.",
  "sections": [
    {
      "id": "profile",
      "title": "Profile",
      "questions": [
        { "id": "profile.trains", "type": "yesno", "text": "Do you train models?", "help": "Decides the training questions." },
        { "id": "profile.headcount", "type": "number", "text": "How many people?", "help": "Sizes the work.",
          "min": 1, "max": 1000, "unit": "people" },
        { "id": "profile.clouds", "type": "multi", "text": "Which clouds?", "help": "Scope.",
          "options": [ { "id": "aws", "label": "AWS" }, { "id": "gcp", "label": "Google Cloud" }, { "id": "azure", "label": "Azure" } ] },
        { "id": "profile.report", "type": "choice", "text": "Which report first?", "help": "Timeline.",
          "options": [ { "id": "type1", "label": "Type I" }, { "id": "type2", "label": "Type II" } ] },
        { "id": "profile.contact", "type": "text", "text": "Who is the contact?", "help": "Follow-ups." },
        { "id": "profile.start", "type": "date", "text": "When do you start?", "help": "Timeline." }
      ]
    },
    {
      "id": "training",
      "title": "Training data",
      "show_if": { "question": "profile.trains", "equals": "yes" },
      "questions": [
        { "id": "training.provenance", "type": "maturity", "text": "Do you record where training data comes from?",
          "help": "Provenance.", "weight": 3, "criteria": ["CC3.2"], "ai_area": "training-data" }
      ]
    },
    {
      "id": "access",
      "title": "Access control",
      "questions": [
        { "id": "access.reviews", "type": "maturity", "text": "Do you review access every quarter?",
          "help": "Least privilege.", "weight": 5, "criteria": ["CC6.2", "CC6.3"], "critical": true },
        { "id": "access.weights", "type": "maturity", "text": "Is access to model weights limited?",
          "help": "Crown jewels.", "weight": 4, "criteria": ["CC6.3"], "ai_area": "model-access",
          "show_if": { "question": "profile.trains", "equals": "yes" } }
      ]
    }
  ]
}"#;

const MATURITY_IDS: &str = "not_started, planned, informal, documented, evidenced, na, unknown";

impl Env {
    /// `new QUESTIONNAIRE --org ORG --no-open`, returning the path printed.
    fn new_assessment(&self, questionnaire: &str, org: &str) -> PathBuf {
        let out = self.run(&["new", questionnaire, "--org", org, "--no-open"]);
        PathBuf::from(ok(&out).trim_end())
    }

    /// An assessment of the QUICK questionnaire, made from a file given by path.
    fn quick(&self) -> PathBuf {
        let q = self.file("quick.json", QUICK);
        self.new_assessment(q.to_str().unwrap(), "Acme Inc")
    }

    fn answer(&self, path: &Path, question: &str, value: &str) -> String {
        ok(&self.run(&["answer", path.to_str().unwrap(), question, value]))
    }

    fn show_json(&self, path: &Path) -> Value {
        json_out(&self.run(&["show", path.to_str().unwrap(), "--json"]))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Exit 0; the standard output.
fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "expected success; stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

fn json_out(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("stdout is JSON")
}

/// Exit 1, nothing on stdout, and exactly one line on stderr; that line.
fn one_error(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "expected exit 1; stderr: {err}");
    assert!(out.stdout.is_empty(), "nothing on stdout for an error, got: {}", text(&out.stdout));
    assert!(err.ends_with('\n'), "stderr ends with a newline: {err:?}");
    let line = err.trim_end_matches('\n');
    assert!(!line.is_empty(), "an error message");
    assert!(!line.contains('\n'), "one line on stderr, got: {err:?}");
    assert!(line.starts_with("soc2-ready: "), "the line names the program: {line}");
    line.to_string()
}

fn field<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or_else(|| panic!("no `{key}` in {v}"))
}

fn question<'a>(show: &'a Value, id: &str) -> &'a Value {
    field(show, "questions")
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id} in show --json"))
}

fn json_files(dir: &Path) -> Vec<String> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> =
        read.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".json")).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------------------
// questionnaires

#[test]
fn questionnaires_lists_the_built_ins_first() {
    let env = Env::new();
    let out = ok(&env.run(&["questionnaires"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("ID") && lines[0].contains("TITLE"), "a header: {out}");
    assert!(lines[1].starts_with("soc2-ai-readiness "), "{out}");
    assert!(lines[2].starts_with("ai-vendor-assessment "), "{out}");
    for (line, id) in [(lines[1], "soc2-ai-readiness"), (lines[2], "ai-vendor-assessment")] {
        let q = catalog::built_in(id).unwrap();
        assert!(line.contains(&q.title), "{line}");
        assert!(line.contains(&q.version), "{line}");
        assert!(line.contains(&format!(" {} ", q.question_count())), "{line}");
        assert!(line.contains("(built-in)"), "{line}");
    }
    assert!(lines[1].contains("readiness") && lines[2].contains("vendor"));
    assert!(out.contains(&env.config.path().join("questionnaires").display().to_string()), "says where: {out}");
}

#[test]
fn questionnaires_json_has_id_version_title_kind_and_questions() {
    let env = Env::new();
    let rows = json_out(&env.run(&["questionnaires", "--json"]));
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2, "only the built-ins: {rows:?}");
    for (row, (id, kind)) in rows.iter().zip([("soc2-ai-readiness", "readiness"), ("ai-vendor-assessment", "vendor")]) {
        let q = catalog::built_in(id).unwrap();
        assert_eq!(row["id"], id);
        assert_eq!(row["version"], q.version.as_str());
        assert_eq!(row["title"], q.title.as_str());
        assert_eq!(row["kind"], kind);
        assert_eq!(row["questions"], q.question_count());
    }
}

#[test]
fn questionnaires_lists_a_user_questionnaire_after_the_built_ins() {
    let env = Env::new();
    let path = env.user_dir().join("quick.json");
    fs::write(&path, QUICK).unwrap();

    let rows = json_out(&env.run(&["questionnaires", "--json"]));
    let ids: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["soc2-ai-readiness", "ai-vendor-assessment", "test-quick"]);
    let row = &rows[2];
    assert_eq!(row["title"], "Quick test");
    assert_eq!(row["version"], "1.0.0");
    assert_eq!(row["kind"], "custom");
    assert_eq!(row["questions"], 9);

    let out = env.run(&["questionnaires"]);
    let table = ok(&out);
    assert!(out.stderr.is_empty(), "no complaint: {}", text(&out.stderr));
    let line = table.lines().nth(3).unwrap();
    assert!(line.starts_with("test-quick ") && line.contains("Quick test") && line.contains(" 9 "), "{table}");
}

#[test]
fn questionnaires_skips_a_broken_user_file_with_a_message() {
    let env = Env::new();
    let dir = env.user_dir();
    fs::write(dir.join("good.json"), QUICK).unwrap();
    // Line 3 has no comma after "id": serde_json stops at the next key, line 4 column 3.
    let broken = dir.join("broken.json");
    fs::write(&broken, "{\n  \"format\": 1,\n  \"id\": \"broken\"\n  \"version\": \"1\"\n}\n").unwrap();

    let out = env.run(&["questionnaires", "--json"]);
    let rows: Value = serde_json::from_str(&ok(&out)).unwrap();
    let ids: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["soc2-ai-readiness", "ai-vendor-assessment", "test-quick"]);
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("skipped"), "{err}");
    assert!(err.contains(&format!("{}:4:3", broken.display())), "{err}");

    // The table says the same.
    let out = env.run(&["questionnaires"]);
    assert!(ok(&out).contains("test-quick"));
    assert!(text(&out.stderr).contains(&format!("{}:4:3", broken.display())));
}

#[test]
fn questionnaires_skips_a_user_file_that_takes_a_built_in_id() {
    let env = Env::new();
    let copy = QUICK.replace("\"test-quick\"", "\"soc2-ai-readiness\"");
    fs::write(env.user_dir().join("copy.json"), copy).unwrap();
    let out = env.run(&["questionnaires", "--json"]);
    let rows: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert!(text(&out.stderr).contains("already taken"), "{}", text(&out.stderr));
}

// ---------------------------------------------------------------------------------------------------------
// validate

#[test]
fn validate_a_valid_file_prints_a_summary() {
    let env = Env::new();
    let path = env.file("quick.json", QUICK);
    let out = env.run(&["validate", path.to_str().unwrap()]);
    let stdout = ok(&out);
    assert!(out.stderr.is_empty());
    assert!(stdout.starts_with(&format!("{}: valid\n", path.display())), "{stdout}");
    assert!(stdout.contains("sections:  3"), "{stdout}");
    assert!(stdout.contains("questions: 9 (3 scored, 1 critical)"), "{stdout}");
    assert!(stdout.contains("criteria covered (3 of 61): CC3.2 CC6.2 CC6.3"), "{stdout}");
    assert!(stdout.contains("criteria missing (58): CC1.1 CC1.2"), "{stdout}");
    assert!(stdout.contains("model-access 1") && stdout.contains("training-data 1"), "{stdout}");
}

#[test]
fn validate_json_has_the_documented_keys() {
    let env = Env::new();
    let path = env.file("quick.json", QUICK);
    let v = json_out(&env.run(&["validate", path.to_str().unwrap(), "--json"]));
    assert_eq!(v["id"], "test-quick");
    assert_eq!(v["sections"], 3);
    assert_eq!(v["questions"], 9);
    assert_eq!(v["scored"], 3);
    assert_eq!(v["criteria_covered"], json!(["CC3.2", "CC6.2", "CC6.3"]));
    let missing = v["criteria_missing"].as_array().unwrap();
    assert_eq!(missing.len(), 58);
    assert_eq!(missing[0], "CC1.1");
    assert!(!missing.contains(&json!("CC6.2")));
    assert_eq!(missing.last().unwrap(), "P8.1");
    let areas = v["ai_areas"].as_object().unwrap();
    assert_eq!(areas["training-data"], 1);
    assert_eq!(areas["model-access"], 1);
    assert_eq!(areas["prompt-injection"], 0);
}

/// QUICK with three semantic errors: an unknown criterion, a weight of 9, and a duplicated question id.
fn three_errors() -> String {
    let mut v: Value = serde_json::from_str(QUICK).unwrap();
    v["sections"][1]["questions"][0]["criteria"] = json!(["CC10.1"]);
    v["sections"][2]["questions"][0]["weight"] = json!(9);
    v["sections"][2]["questions"][1]["id"] = json!("access.reviews");
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn validate_an_invalid_file_lists_every_error_with_question_and_field() {
    let env = Env::new();
    let path = env.file("bad.json", three_errors());
    let out = env.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "three errors and a count: {err}");
    let file = path.display().to_string();
    for line in &lines[..3] {
        assert!(line.starts_with(&format!("{file}: question `")), "each error names the file: {line}");
    }
    assert!(lines[0].contains("question `training.provenance`, field `criteria`") && lines[0].contains("CC10.1"));
    assert!(lines[1].contains("question `access.reviews`, field `weight`") && lines[1].contains('9'));
    assert!(lines[2].contains("question `access.reviews`, field `id`") && lines[2].contains("twice"));
    assert_eq!(lines[3], "3 errors: the questionnaire was not loaded");
}

#[test]
fn validate_a_syntax_error_names_file_line_and_column() {
    let env = Env::new();
    // Line 4, column 3 is where the missing comma is noticed: at the quote of "version".
    let path = env.file("syntax.json", "{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"version\": \"1\"\n}\n");
    let out = env.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap();
    assert!(first.starts_with(&format!("{}:4:3: ", path.display())), "{err}");
    assert!(err.ends_with("1 error: the questionnaire was not loaded\n"), "{err}");
}

#[test]
fn validate_json_on_an_invalid_file_lists_the_errors() {
    let env = Env::new();
    let path = env.file("bad.json", three_errors());
    let out = env.run(&["validate", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&text(&out.stdout)).expect("JSON on stdout");
    assert_eq!(v["valid"], false);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{v}");
    assert!(errors[1].as_str().unwrap().contains("question `access.reviews`, field `weight`"));

    let syntax = env.file("syntax.json", "{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"version\": \"1\"\n}\n");
    let out = env.run(&["validate", syntax.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert!(v["errors"][0].as_str().unwrap().starts_with(&format!("{}:4:3:", syntax.display())), "{v}");
}

#[test]
fn validate_a_missing_file_fails_naming_it() {
    let env = Env::new();
    let missing = env.work.path().join("nowhere.json");
    let out = env.run(&["validate", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).lines().next().unwrap().starts_with(&format!("{}: cannot read", missing.display())));
}

// ---------------------------------------------------------------------------------------------------------
// new

#[test]
fn new_no_open_creates_a_private_file_in_the_store_and_prints_its_path() {
    let env = Env::new();
    let out = env.run(&["new", "soc2-ai-readiness", "--org", "Acme Inc", "--no-open"]);
    let stdout = ok(&out);
    let expected = env.store().join("acme-inc-soc2-ai-readiness.json");
    assert_eq!(stdout, format!("{}\n", expected.display()));
    let a = store::read(&expected).expect("a readable assessment");
    assert_eq!(a.org, "Acme Inc");
    assert_eq!(a.questionnaire.id, "soc2-ai-readiness");
    assert_eq!(a.created_at, NOW);
    assert!(a.answers().is_empty());
    assert_eq!(a.questionnaire(), &catalog::built_in("soc2-ai-readiness").unwrap());
    #[cfg(unix)]
    {
        assert_eq!(mode(&expected), 0o600, "assessment file mode");
        assert_eq!(mode(&env.store()), 0o700, "store directory mode");
    }
}

#[test]
fn new_twice_for_the_same_org_makes_a_second_file() {
    let env = Env::new();
    let first = env.new_assessment("ai-vendor-assessment", "Acme Inc");
    let second = env.new_assessment("ai-vendor-assessment", "Acme Inc");
    assert_eq!(first, env.store().join("acme-inc-ai-vendor-assessment.json"));
    assert_eq!(second, env.store().join("acme-inc-ai-vendor-assessment-2.json"));
}

#[test]
fn new_out_writes_the_file_there() {
    let env = Env::new();
    let target = env.work.path().join("client").join("acme.json");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    let out =
        env.run(&["new", "ai-vendor-assessment", "--org", "Acme", "--out", target.to_str().unwrap(), "--no-open"]);
    assert_eq!(ok(&out), format!("{}\n", target.display()));
    let a = store::read(&target).unwrap();
    assert_eq!(a.questionnaire.id, "ai-vendor-assessment");
    assert_eq!(a.org, "Acme");
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o600);
    assert!(json_files(&env.store()).is_empty(), "nothing in the store");
}

#[test]
fn new_out_refuses_an_existing_file() {
    let env = Env::new();
    let target = env.file("taken.json", "my own notes\n");
    let out =
        env.run(&["new", "ai-vendor-assessment", "--org", "Acme", "--out", target.to_str().unwrap(), "--no-open"]);
    let line = one_error(&out);
    assert!(line.contains(&target.display().to_string()) && line.contains("already exists"), "{line}");
    assert_eq!(fs::read(&target).unwrap(), b"my own notes\n");
}

#[test]
fn new_with_an_unknown_questionnaire_fails_in_one_line() {
    let env = Env::new();
    let line = one_error(&env.run(&["new", "no-such-thing", "--org", "Acme", "--no-open"]));
    assert!(line.contains("no questionnaire `no-such-thing`"), "{line}");
    assert!(line.contains("soc2-ai-readiness") && line.contains("ai-vendor-assessment"), "lists the known: {line}");
    assert!(json_files(&env.store()).is_empty());
}

#[test]
fn new_by_path_and_by_user_id() {
    let env = Env::new();
    let path = env.quick();
    assert_eq!(path, env.store().join("acme-inc-test-quick.json"));
    assert_eq!(store::read(&path).unwrap().questionnaire.id, "test-quick");

    fs::write(env.user_dir().join("mine.json"), QUICK).unwrap();
    let by_id = env.new_assessment("test-quick", "Beta Ltd");
    assert_eq!(by_id, env.store().join("beta-ltd-test-quick.json"));
    assert_eq!(store::read(&by_id).unwrap().questionnaire().title, "Quick test");
}

#[test]
fn new_from_an_invalid_questionnaire_file_fails_naming_the_place() {
    let env = Env::new();
    let path = env.file("bad.json", three_errors());
    let line = one_error(&env.run(&["new", path.to_str().unwrap(), "--org", "Acme", "--no-open"]));
    assert!(line.contains(&path.display().to_string()), "{line}");
    assert!(line.contains("question `training.provenance`, field `criteria`"), "{line}");
    assert!(json_files(&env.store()).is_empty());
}

#[test]
fn new_refuses_an_empty_org() {
    let env = Env::new();
    for org in ["", "   "] {
        let line = one_error(&env.run(&["new", "soc2-ai-readiness", "--org", org, "--no-open"]));
        assert!(line.contains("--org"), "{line}");
    }
    assert!(json_files(&env.store()).is_empty());
}

// ---------------------------------------------------------------------------------------------------------
// list

#[test]
fn list_an_empty_store() {
    let env = Env::new();
    let out = ok(&env.run(&["list"]));
    assert!(out.starts_with("No assessments in"), "{out}");
    assert_eq!(json_out(&env.run(&["list", "--json"])), json!([]));
}

#[test]
fn list_shows_name_org_questionnaire_progress_and_path() {
    let env = Env::new();
    let quick = env.quick();
    let vendor = env.new_assessment("ai-vendor-assessment", "Beta Ltd");
    env.answer(&quick, "profile.trains", "no");

    let rows = json_out(&env.run(&["list", "--json"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows.iter().find(|r| r["name"] == "acme-inc-test-quick").expect("listed by name");
    assert_eq!(row["org"], "Acme Inc");
    assert_eq!(row["questionnaire"], "test-quick");
    assert_eq!(row["progress"], 14, "1 of 7 shown questions answered, rounded down");
    assert_eq!(row["path"], quick.to_str().unwrap());
    let row = rows.iter().find(|r| r["name"] == "beta-ltd-ai-vendor-assessment").unwrap();
    assert_eq!(row["org"], "Beta Ltd");
    assert_eq!(row["questionnaire"], "ai-vendor-assessment");
    assert_eq!(row["progress"], 0);
    assert_eq!(row["path"], vendor.to_str().unwrap());

    let table = ok(&env.run(&["list"]));
    let line = table.lines().find(|l| l.starts_with("acme-inc-test-quick ")).expect("a row");
    assert!(line.contains("Acme Inc") && line.contains("test-quick") && line.contains("14%"), "{line}");
    assert!(table.contains("beta-ltd-ai-vendor-assessment"));
}

#[test]
fn list_skips_a_damaged_file_with_a_message() {
    let env = Env::new();
    env.quick();
    let damaged = env.store().join("damaged.json");
    fs::write(&damaged, "{\"file\": \"soc2-ready assess").unwrap();
    let out = env.run(&["list", "--json"]);
    let rows: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&damaged.display().to_string()), "{err}");
    assert_eq!(fs::read(&damaged).unwrap(), b"{\"file\": \"soc2-ready assess", "left as it was");
}

// ---------------------------------------------------------------------------------------------------------
// answer

#[test]
fn answer_every_kind_of_value() {
    let env = Env::new();
    let path = env.quick();
    let p = path.display().to_string();
    assert_eq!(env.answer(&path, "profile.trains", "yes"), format!("{p}: profile.trains = Yes\n"));
    assert_eq!(env.answer(&path, "profile.headcount", "250"), format!("{p}: profile.headcount = 250 people\n"));
    assert_eq!(env.answer(&path, "profile.clouds", "gcp, aws"), format!("{p}: profile.clouds = AWS, Google Cloud\n"));
    assert_eq!(env.answer(&path, "profile.report", "type2"), format!("{p}: profile.report = Type II\n"));
    assert_eq!(
        env.answer(&path, "profile.contact", "Jane Doe, CTO"),
        format!("{p}: profile.contact = Jane Doe, CTO\n")
    );
    assert_eq!(env.answer(&path, "profile.start", "2026-02-01"), format!("{p}: profile.start = 2026-02-01\n"));
    assert_eq!(
        env.answer(&path, "access.reviews", "documented"),
        format!("{p}: access.reviews = Documented and in place\n")
    );
    // By name, as `list` shows it.
    env.answer(Path::new("acme-inc-test-quick"), "training.provenance", "unknown");

    let a = store::read(&path).unwrap();
    let value = |id: &str| a.value(id).cloned().unwrap_or_else(|| panic!("{id} answered"));
    assert_eq!(value("profile.trains"), AnswerValue::Text("yes".into()));
    assert_eq!(value("profile.headcount"), AnswerValue::Number(250.0));
    assert_eq!(value("profile.clouds"), AnswerValue::List(vec!["aws".into(), "gcp".into()]), "in option order");
    assert_eq!(value("profile.report"), AnswerValue::Text("type2".into()));
    assert_eq!(value("profile.contact"), AnswerValue::Text("Jane Doe, CTO".into()));
    assert_eq!(value("profile.start"), AnswerValue::Text("2026-02-01".into()));
    assert_eq!(value("access.reviews"), AnswerValue::Text("documented".into()));
    assert_eq!(value("training.provenance"), AnswerValue::Text("unknown".into()));
    assert!(a.is_flagged("training.provenance"), "don't know is flagged for follow-up");
    assert_eq!(a.answers()["access.reviews"].updated_at, NOW);
    assert_eq!(a.updated_at, NOW);
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600, "still private after saves");
    assert!(store::backup_path(&path).is_file(), "the previous version is kept");
}

#[test]
fn answer_with_a_note() {
    let env = Env::new();
    let path = env.quick();
    ok(&env.run(&["answer", path.to_str().unwrap(), "access.reviews", "informal", "--note", "Only for AWS so far"]));
    let a = store::read(&path).unwrap();
    assert_eq!(a.value("access.reviews"), Some(&AnswerValue::Text("informal".into())));
    assert_eq!(a.note("access.reviews"), "Only for AWS so far");
    assert_eq!(question(&env.show_json(&path), "access.reviews")["note"], "Only for AWS so far");
}

#[test]
fn answer_refuses_a_value_the_question_does_not_accept_and_leaves_the_file_alone() {
    let env = Env::new();
    let path = env.quick();
    env.answer(&path, "profile.trains", "yes");
    env.answer(&path, "profile.trains", "no"); // so that a backup exists too
    let before = fs::read(&path).unwrap();
    let backup_before = fs::read(store::backup_path(&path)).unwrap();
    let cases = [
        ("access.reviews", "sort_of", MATURITY_IDS),
        ("access.reviews", "", MATURITY_IDS),
        ("profile.trains", "maybe", "one of: yes, no"),
        ("profile.report", "type3", "one of: type1, type2"),
        ("profile.clouds", "aws,oracle", "from: aws, gcp, azure"),
        ("profile.headcount", "lots", "a number from 1 to 1000"),
        ("profile.headcount", "0", "a number from 1 to 1000"),
        ("profile.headcount", "1001", "a number from 1 to 1000"),
        ("profile.headcount", "NaN", "a number from 1 to 1000"),
        ("profile.start", "2026-13-01", "YYYY-MM-DD"),
        ("profile.start", "15/01/2026", "YYYY-MM-DD"),
        ("profile.start", "2026-2-1", "YYYY-MM-DD"),
    ];
    for (id, value, accepted) in cases {
        let line = one_error(&env.run(&["answer", path.to_str().unwrap(), id, value]));
        assert!(line.contains(&format!("`{value}` is not an answer to question `{id}`")), "{id}={value}: {line}");
        assert!(line.contains(accepted), "{id}={value} lists what is accepted: {line}");
        assert_eq!(fs::read(&path).unwrap(), before, "{id}={value}: the file is byte for byte as it was");
        assert_eq!(fs::read(store::backup_path(&path)).unwrap(), backup_before, "the backup too");
    }
    let names: Vec<String> =
        fs::read_dir(env.store()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "no temporary files left: {names:?}");
}

#[test]
fn answer_refusal_says_it_once() {
    let env = Env::new();
    let path = env.quick();
    let line = one_error(&env.run(&["answer", path.to_str().unwrap(), "profile.headcount", "lots"]));
    assert_eq!(line.matches("is not an answer").count(), 1, "{line}");
}

#[test]
fn answer_an_unknown_question() {
    let env = Env::new();
    let path = env.quick();
    let before = fs::read(&path).unwrap();
    let line = one_error(&env.run(&["answer", path.to_str().unwrap(), "access.nothing", "documented"]));
    assert!(line.contains(&path.display().to_string()), "names the file: {line}");
    assert!(line.contains("no question `access.nothing`"), "{line}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn answer_an_unknown_assessment() {
    let env = Env::new();
    env.quick();
    let line = one_error(&env.run(&["answer", "nobody", "access.reviews", "documented"]));
    assert!(line.contains(&env.store().join("nobody.json").display().to_string()), "names where it looked: {line}");
    assert_eq!(json_files(&env.store()), ["acme-inc-test-quick.json"]);

    let missing = env.work.path().join("missing.json");
    let line = one_error(&env.run(&["answer", missing.to_str().unwrap(), "access.reviews", "documented"]));
    assert!(line.contains(&missing.display().to_string()), "{line}");
    assert!(!missing.exists(), "not created");
}

#[test]
fn a_failed_answer_to_a_missing_assessment_creates_nothing() {
    let env = Env::new();
    env.quick();
    one_error(&env.run(&["answer", "nobody", "access.reviews", "documented"]));
    assert!(!env.store().join("nobody.json.lock").exists(), "a lock file for an assessment that does not exist");
    let missing = env.work.path().join("missing.json");
    one_error(&env.run(&["answer", missing.to_str().unwrap(), "access.reviews", "documented"]));
    assert!(!env.work.path().join("missing.json.lock").exists());
}

#[test]
fn answer_refuses_a_damaged_file_and_leaves_it() {
    let env = Env::new();
    let path = env.quick();
    let mut bytes = fs::read(&path).unwrap();
    bytes.truncate(bytes.len() / 2);
    fs::write(&path, &bytes).unwrap();
    let line = one_error(&env.run(&["answer", path.to_str().unwrap(), "access.reviews", "documented"]));
    assert!(line.contains(&path.display().to_string()) && line.contains("truncated"), "{line}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn answer_refuses_an_assessment_open_in_another_process() {
    let env = Env::new();
    let path = env.quick();
    let before = fs::read(&path).unwrap();
    let lock = Lock::acquire(&path, NOW).expect("the test holds the lock");
    let line = one_error(&env.run(&["answer", path.to_str().unwrap(), "access.reviews", "documented", "--wait", "0"]));
    assert!(line.contains("open in another"), "{line}");
    assert!(line.contains(&format!("process {}", std::process::id())), "names who holds it: {line}");
    assert!(line.contains(&path.display().to_string()), "{line}");
    assert_eq!(fs::read(&path).unwrap(), before);
    drop(lock);
    env.answer(&path, "access.reviews", "documented");
    assert_eq!(store::read(&path).unwrap().value("access.reviews"), Some(&AnswerValue::Text("documented".into())));
}

// ---------------------------------------------------------------------------------------------------------
// show

#[test]
fn show_json_lists_every_question_with_its_answer() {
    let env = Env::new();
    let path = env.quick();
    let v = env.show_json(&path);
    assert_eq!(v["questionnaire"], "test-quick");
    assert_eq!(v["org"], "Acme Inc");
    assert_eq!(v["progress"], 0);
    let questions = v["questions"].as_array().unwrap();
    let ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "profile.trains",
            "profile.headcount",
            "profile.clouds",
            "profile.report",
            "profile.contact",
            "profile.start",
            "training.provenance",
            "access.reviews",
            "access.weights"
        ],
        "every question, hidden ones included, in file order"
    );
    let q = question(&v, "access.reviews");
    assert_eq!(q["section"], "access");
    assert_eq!(q["type"], "maturity");
    assert_eq!(q["text"], "Do you review access every quarter?");
    assert_eq!(q["options"], json!(["not_started", "planned", "informal", "documented", "evidenced", "na", "unknown"]));
    assert_eq!(q["visible"], true);
    assert_eq!(q["answer"], Value::Null);
    assert_eq!(q["note"], Value::Null);
    assert_eq!(question(&v, "profile.trains")["options"], json!(["yes", "no"]));
    assert_eq!(question(&v, "profile.trains")["type"], "yesno");
    assert_eq!(question(&v, "profile.clouds")["options"], json!(["aws", "gcp", "azure"]));
    assert_eq!(question(&v, "profile.report")["options"], json!(["type1", "type2"]));
    for id in ["profile.headcount", "profile.contact", "profile.start"] {
        assert!(question(&v, id).get("options").is_none_or(Value::is_null), "{id} has no options");
    }
    assert_eq!(question(&v, "profile.start")["type"], "date");
    assert_eq!(question(&v, "training.provenance")["section"], "training");

    env.answer(&path, "profile.headcount", "42");
    env.answer(&path, "profile.clouds", "azure,aws");
    env.answer(&path, "access.reviews", "evidenced");
    let v = env.show_json(&path);
    assert_eq!(question(&v, "profile.headcount")["answer"].as_f64(), Some(42.0));
    assert_eq!(question(&v, "profile.clouds")["answer"], json!(["aws", "azure"]));
    assert_eq!(question(&v, "access.reviews")["answer"], "evidenced");
    assert_eq!(v["progress"], 42, "3 of 7 shown, rounded down");
}

#[test]
fn show_json_visibility_follows_a_profile_answer() {
    let env = Env::new();
    let path = env.quick();
    let visible = |v: &Value, id: &str| question(v, id)["visible"].as_bool().unwrap();

    let v = env.show_json(&path);
    assert!(!visible(&v, "training.provenance") && !visible(&v, "access.weights"), "hidden until answered yes");

    env.answer(&path, "profile.trains", "yes");
    let v = env.show_json(&path);
    assert!(visible(&v, "training.provenance") && visible(&v, "access.weights"));
    assert!(visible(&v, "access.reviews"));
    assert_eq!(v["progress"], 11, "1 of 9 shown");

    env.answer(&path, "profile.trains", "no");
    let v = env.show_json(&path);
    assert!(!visible(&v, "training.provenance") && !visible(&v, "access.weights"));
    assert!(visible(&v, "access.reviews") && visible(&v, "profile.start"));
    assert_eq!(v["progress"], 14, "1 of 7 shown");
}

#[test]
fn show_text_has_progress_sections_and_answers() {
    let env = Env::new();
    let path = env.quick();
    env.answer(&path, "profile.trains", "no");
    ok(&env.run(&["answer", path.to_str().unwrap(), "access.reviews", "planned", "--note", "Q3"]));
    let out = ok(&env.run(&["show", path.to_str().unwrap()]));
    assert!(out.starts_with("Acme Inc — Quick test 1.0.0\n"), "{out}");
    assert!(out.contains("Progress: 28% (2 of 7 shown questions answered)"), "{out}");
    assert!(out.contains("Profile  1/6"), "{out}");
    assert!(out.contains("Training data (hidden by earlier answers)"), "{out}");
    assert!(out.contains("Access control  1/1"), "{out}");
    assert!(out.contains("[x] access.reviews  Do you review access every quarter?\n      -> Planned or in progress"));
    assert!(out.contains("      note: Q3"), "{out}");
    assert!(out.contains("[ ] profile.start  When do you start?\n      -> (unanswered)"), "{out}");
    assert!(!out.contains("access.weights"), "hidden questions are left out: {out}");
}

#[test]
fn show_an_unknown_or_damaged_assessment_fails_in_one_line() {
    let env = Env::new();
    let line = one_error(&env.run(&["show", "nobody"]));
    assert!(line.contains("nobody.json"), "{line}");
    let line = one_error(&env.run(&["show", "nobody", "--json"]));
    assert!(line.contains("nobody.json"), "{line}");

    let garbage = env.file("garbage.json", "{\"hello\": 1}");
    let line = one_error(&env.run(&["show", garbage.to_str().unwrap()]));
    assert!(line.contains(&garbage.display().to_string()) && line.contains("not a soc2-ready assessment"), "{line}");
}

#[test]
fn open_a_damaged_assessment_fails_before_the_interface() {
    let env = Env::new();
    let damaged = env.file("damaged.json", "");
    let line = one_error(&env.run(&["open", damaged.to_str().unwrap()]));
    assert!(line.contains(&damaged.display().to_string()) && line.contains("empty"), "{line}");
    assert_eq!(fs::read(&damaged).unwrap(), b"");
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let env = Env::new();
    let path = env.new_assessment("soc2-ai-readiness", "Acme");
    // show --json of the built-in is far larger than a pipe's buffer, so the write fails once the reader is gone.
    let mut cmd = std::process::Command::new(BIN);
    cmd.env("SOC2_READY_HOME", env.home.path())
        .env("SOC2_READY_CONFIG", env.config.path())
        .env("SOC2_READY_NOW", NOW)
        .env_remove("RUST_BACKTRACE")
        .args(["show", path.to_str().unwrap(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

// ---------------------------------------------------------------------------------------------------------
// help and usage

#[test]
fn every_command_has_help() {
    let env = Env::new();
    let out = ok(&env.run(&["--help"]));
    assert!(out.contains("Usage: soc2-ready"), "{out}");
    for command in ["questionnaires", "validate", "new", "open", "list", "answer", "show"] {
        assert!(out.contains(command), "the top-level help lists {command}");
        let help = ok(&env.run(&[command, "--help"]));
        assert!(help.contains(&format!("Usage: soc2-ready {command}")), "{command}: {help}");
        let short = ok(&env.run(&[command, "-h"]));
        assert!(short.contains(&format!("Usage: soc2-ready {command}")), "{command}: {short}");
    }
    assert!(ok(&env.run(&["answer", "--help"])).contains("not_started"), "answer's help lists the values");
    assert!(!env.store().exists(), "help creates nothing");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        &["bogus"][..],
        &["validate"],
        &["new", "soc2-ai-readiness"],
        &["new", "soc2-ai-readiness", "--org"],
        &["answer", "x", "y"],
        &["list", "--bogus"],
        &["show"],
        &["open"],
        &["questionnaires", "extra"],
        &["--no-such-flag"],
    ] {
        env.cmd()
            .args(args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::starts_with("error: ").and(predicate::str::contains("--help")));
    }
}

#[test]
fn a_value_starting_with_a_hyphen_is_a_value_not_a_flag() {
    let env = Env::new();
    let path = env.quick();
    let line = one_error(&env.run(&["answer", path.to_str().unwrap(), "profile.headcount", "-5"]));
    assert!(line.contains("`-5` is not an answer"), "{line}");
    env.answer(&path, "profile.contact", "-- nobody yet");
    assert_eq!(store::read(&path).unwrap().value("profile.contact"), Some(&AnswerValue::Text("-- nobody yet".into())));
}

// ---------------------------------------------------------------------------------------------------------
// hostile text

const ESC_RED: &str = "\u{1b}[31m";
const OSC52: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const RLO: &str = "\u{202e}";
const CSI8: &str = "\u{9b}2J";

fn hostile(word: &str) -> String {
    format!("{word} {ESC_RED}red {OSC52}clip {RLO}exe.txt {CSI8}")
}

/// A user questionnaire whose title and question text carry escape sequences and a bidi override.
fn hostile_questionnaire() -> String {
    let mut v: Value = serde_json::from_str(QUICK).unwrap();
    v["id"] = json!("evil");
    v["title"] = json!(hostile("Title"));
    v["sections"][0]["title"] = json!(hostile("Section"));
    v["sections"][0]["questions"][0]["text"] = json!(hostile("Question"));
    v["sections"][0]["questions"][3]["options"][0]["label"] = json!(hostile("Label"));
    serde_json::to_string_pretty(&v).unwrap()
}

/// Nothing that drives a terminal reaches the output as it is.
fn assert_tame(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!bytes.contains(&0x1b), "{what}: raw ESC on {stream}: {}", String::from_utf8_lossy(bytes));
        assert!(!bytes.contains(&0x07), "{what}: raw BEL on {stream}");
        let s = String::from_utf8_lossy(bytes);
        assert!(!s.contains('\u{202e}'), "{what}: raw U+202E on {stream}");
        assert!(!s.contains('\u{9b}'), "{what}: raw CSI on {stream}");
    }
}

fn assert_text_escaped(what: &str, out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{what}: {}", text(&out.stderr));
    assert_tame(what, out);
    let s = text(&out.stdout);
    assert!(s.contains("\\u{1b}"), "{what}: ESC is shown as \\u{{1b}}: {s}");
    assert!(s.contains("\\u{202e}"), "{what}: U+202E is shown as \\u{{202e}}: {s}");
}

fn assert_json_escaped(what: &str, out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{what}: {}", text(&out.stderr));
    assert_tame(what, out);
    let s = text(&out.stdout);
    assert!(s.contains("\\u001b"), "{what}: ESC is written \\u001b: {s}");
    assert!(s.contains("\\u202e"), "{what}: U+202E is written \\u202e: {s}");
    serde_json::from_str(&s).expect("still valid JSON")
}

#[test]
fn hostile_text_in_a_user_questionnaire_never_reaches_the_terminal_raw() {
    let env = Env::new();
    fs::write(env.user_dir().join("evil.json"), hostile_questionnaire()).unwrap();

    assert_text_escaped("questionnaires", &env.run(&["questionnaires"]));
    let rows = assert_json_escaped("questionnaires --json", &env.run(&["questionnaires", "--json"]));
    assert_eq!(rows[2]["title"], hostile("Title"), "the JSON decodes to the original text");

    let path = env.new_assessment("evil", &hostile("Org"));
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'), "a tame file name: {name}");
    assert!(name.starts_with("org-") && name.ends_with("-evil.json"), "{name}");

    let evil_answer = format!("Mallory {OSC52}{RLO}");
    let out = env.run(&["answer", path.to_str().unwrap(), "profile.contact", &evil_answer]);
    assert_text_escaped("answer", &out);
    let out = env.run(&["answer", path.to_str().unwrap(), "profile.report", "type1", "--note", &hostile("Note")]);
    assert_text_escaped("answer with a label", &out);

    assert_text_escaped("show", &env.run(&["show", path.to_str().unwrap()]));
    let v = assert_json_escaped("show --json", &env.run(&["show", path.to_str().unwrap(), "--json"]));
    assert_eq!(question(&v, "profile.contact")["answer"], evil_answer.as_str());
    assert_eq!(question(&v, "profile.trains")["text"], hostile("Question"));
    assert_eq!(v["org"], hostile("Org").trim());

    assert_text_escaped("list", &env.run(&["list"]));
    let rows = assert_json_escaped("list --json", &env.run(&["list", "--json"]));
    assert_eq!(rows[0]["org"], hostile("Org").trim());

    // Refusals quote the input; they must not replay it either.
    let out = env.run(&["answer", path.to_str().unwrap(), "profile.report", &format!("x{OSC52}")]);
    one_error(&out);
    assert_tame("a refused hostile value", &out);
    assert!(text(&out.stderr).contains("\\u{1b}"));
    let out = env.run(&["answer", path.to_str().unwrap(), &format!("nope{ESC_RED}"), "x"]);
    one_error(&out);
    assert_tame("a hostile question id", &out);
}

#[test]
fn hostile_text_in_a_broken_user_file_is_not_replayed_in_the_message() {
    let env = Env::new();
    let mut v: Value = serde_json::from_str(&hostile_questionnaire()).unwrap();
    v["sections"][0]["questions"][1]["id"] = json!(format!("bad{ESC_RED}id"));
    fs::write(env.user_dir().join("evil.json"), serde_json::to_string(&v).unwrap()).unwrap();
    let out = env.run(&["questionnaires"]);
    ok(&out);
    assert_tame("questionnaires with a hostile broken file", &out);
    assert!(text(&out.stderr).contains("skipped"));
    let path = env.user_dir().join("evil.json");
    let out = env.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_tame("validate", &out);
    let out = env.run(&["validate", path.to_str().unwrap(), "--json"]);
    assert_tame("validate --json", &out);
}

#[test]
fn answer_records_evidence_references_and_who_answered() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    ok(&env.run(&[
        "answer",
        p,
        "access.reviews",
        "evidenced",
        "--evidence",
        "Q3 review.pdf",
        "--evidence",
        "JIRA-7",
        "--by",
        "Dana (CISO)",
    ]));
    let file: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(file["answers"]["access.reviews"]["evidence"], json!(["Q3 review.pdf", "JIRA-7"]));
    assert_eq!(file["answers"]["access.reviews"]["answered_by"], "Dana (CISO)");
    assert_eq!(file["people"], json!(["Dana (CISO)"]));
    // The report's appendix carries them.
    let report = ok(&env.run(&["report", p]));
    assert!(report.contains("  - Evidence: Q3 review.pdf; JIRA-7"), "{report}");
    let json = json_out(&env.run(&["report", p, "--format", "json"]));
    let line = json["answers"].as_array().unwrap().iter().find(|a| a["question"] == "access.reviews").unwrap();
    assert_eq!(line["evidence"], json!(["Q3 review.pdf", "JIRA-7"]));
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: report -o, show, --by, hidden questions, --clear, profile checks, list, parallel answers

#[test]
fn report_output_refuses_the_assessment_itself_and_any_other_assessment() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    let before = fs::read(&path).unwrap();
    let line = one_error(&env.run(&["report", p, "--format", "json", "-o", p]));
    assert!(line.contains("the assessment itself"), "{line}");
    assert_eq!(fs::read(&path).unwrap(), before, "the assessment is untouched");

    let other = env.new_assessment("soc2-ai-readiness", "Other Co");
    let other_before = fs::read(&other).unwrap();
    let line = one_error(&env.run(&["report", p, "-o", other.to_str().unwrap()]));
    assert!(line.contains("soc2-ready assessment"), "{line}");
    assert_eq!(fs::read(&other).unwrap(), other_before);
    assert!(store::read(&path).is_ok() && store::read(&other).is_ok());

    // The answer library in the store has no marker, but is the user's data too.
    let library = env.store().join("library.json");
    let kept = "{\n  \"entries\": []\n}";
    fs::write(&library, kept).unwrap();
    let line = one_error(&env.run(&["report", p, "-o", library.to_str().unwrap()]));
    assert!(line.contains("answer library"), "{line}");
    assert_eq!(fs::read_to_string(&library).unwrap(), kept);
}

#[cfg(unix)]
#[test]
fn report_output_refuses_folders_fifos_and_devices() {
    use std::os::unix::fs::FileTypeExt;
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    let dir = env.work.path().join("reports");
    fs::create_dir(&dir).unwrap();
    let line = one_error(&env.run(&["report", p, "-o", dir.to_str().unwrap()]));
    assert!(line.contains("a folder"), "{line}");

    let fifo = env.work.path().join("pipe.md");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let line = one_error(&env.run(&["report", p, "-o", fifo.to_str().unwrap()]));
    assert!(line.contains("FIFO"), "{line}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");

    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // A device node of our own (the same numbers as /dev/null), never the real one.
        let null = env.work.path().join("null");
        let c = std::ffi::CString::new(null.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; makedev(1, 3).
        let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
        if made == 0 {
            let line = one_error(&env.run(&["report", p, "-o", null.to_str().unwrap()]));
            assert!(line.contains("it is a character device, not a regular file"), "{line}");
            assert!(fs::symlink_metadata(&null).unwrap().file_type().is_char_device(), "still a device");
        }
    }
}

#[test]
fn report_output_takes_its_format_from_the_extension() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    for (name, starts) in [("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# "), ("r.HTM", "<!DOCTYPE html>")]
    {
        let out = env.work.path().join(name);
        ok(&env.run(&["report", p, "-o", out.to_str().unwrap()]));
        let text = fs::read_to_string(&out).unwrap();
        assert!(
            text.trim_start().to_ascii_lowercase().starts_with(&starts.to_ascii_lowercase()),
            "{name}: {}",
            &text[..40]
        );
    }
    // --format wins over the extension; an ordinary file is replaced.
    let out = env.work.path().join("r.json");
    ok(&env.run(&["report", p, "--format", "md", "-o", out.to_str().unwrap()]));
    assert!(fs::read_to_string(&out).unwrap().starts_with("# "));
}

#[test]
fn show_includes_evidence_and_who_answered() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    ok(&env.run(&[
        "answer",
        p,
        "access.reviews",
        "evidenced",
        "--evidence",
        "Q3 review.pdf",
        "--evidence",
        "JIRA-7",
        "--by",
        "Dana",
    ]));
    let shown = env.show_json(&path);
    let q = question(&shown, "access.reviews");
    assert_eq!(q["evidence"], json!(["Q3 review.pdf", "JIRA-7"]));
    assert_eq!(q["answered_by"], "Dana");
    let text = ok(&env.run(&["show", p]));
    assert!(text.contains("evidence: Q3 review.pdf"), "{text}");
    assert!(text.contains("evidence: JIRA-7"), "{text}");
    assert!(text.contains("by: Dana"), "{text}");
}

#[test]
fn by_applies_to_that_answer_only() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    ok(&env.run(&["answer", p, "access.reviews", "planned", "--by", "Ann"]));
    ok(&env.run(&["answer", p, "profile.headcount", "12"]));
    let file: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(file["answers"]["access.reviews"]["answered_by"], "Ann");
    assert_eq!(file["answers"]["profile.headcount"].get("answered_by"), None, "nobody named, nobody recorded");
    assert_eq!(file["people"], json!(["Ann"]), "Ann is still among the people");
}

#[test]
fn answering_a_hidden_question_is_refused_naming_the_condition() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    let before = fs::read(&path).unwrap();
    let line = one_error(&env.run(&["answer", p, "access.weights", "documented"]));
    assert!(line.contains("hidden"), "{line}");
    assert!(line.contains("profile.trains"), "names what it depends on: {line}");
    let line = one_error(&env.run(&["answer", p, "training.provenance", "documented"]));
    assert!(line.contains("section `training`"), "{line}");
    assert_eq!(fs::read(&path).unwrap(), before);
    env.answer(&path, "profile.trains", "yes");
    env.answer(&path, "access.weights", "documented");
}

#[test]
fn an_answer_can_be_cleared() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    ok(&env.run(&["answer", p, "access.reviews", "planned", "--note", "kept"]));
    let out = ok(&env.run(&["answer", p, "access.reviews", "--clear"]));
    assert!(out.contains("access.reviews cleared"), "{out}");
    let a = store::read(&path).unwrap();
    assert_eq!(a.value("access.reviews"), None);
    assert_eq!(a.note("access.reviews"), "kept", "the note stays");
    // A value and --clear together are a usage error.
    assert_eq!(env.run(&["answer", p, "access.reviews", "planned", "--clear"]).status.code(), Some(2));
    assert_eq!(env.run(&["answer", p, "access.reviews"]).status.code(), Some(2), "a value or --clear");
}

#[test]
fn profile_answers_are_checked_against_each_other() {
    let env = Env::new();
    let path = env.new_assessment("soc2-ai-readiness", "Acme");
    let p = path.to_str().unwrap();
    let line = one_error(&env.run(&["answer", p, "profile.headcount", "12.5"]));
    assert!(line.contains("whole number"), "{line}");
    env.answer(&path, "profile.headcount", "50");
    let line = one_error(&env.run(&["answer", p, "profile.engineers", "500"]));
    assert!(line.contains("more than the headcount of 50"), "{line}");
    let line = one_error(&env.run(&["answer", p, "profile.security_staff", "900"]));
    assert!(line.contains("more than the headcount"), "{line}");
    env.answer(&path, "profile.engineers", "40");
    let line = one_error(&env.run(&["answer", p, "profile.headcount", "30"]));
    assert!(line.contains("fewer than the 40 engineers"), "{line}");
    let line = one_error(&env.run(&["answer", p, "profile.remediation_fte", "0"]));
    assert!(line.contains("above zero"), "{line}");
    // Attack 14: 0.05 was taken, then replaced by 2 in the estimate.
    let line = one_error(&env.run(&["answer", p, "profile.remediation_fte", "0.05"]));
    assert!(line.contains("0.05 full-time equivalents is under the 0.1"), "{line}");
    let line = one_error(&env.run(&["report", p, "--set", "remediation_fte=0.05"]));
    assert!(line.contains("under the 0.1"), "{line}");
    env.answer(&path, "profile.remediation_fte", "0.1");
    env.answer(&path, "profile.remediation_fte", "0.5");
}

#[test]
fn answer_refuses_evidence_and_names_over_their_limits() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    let before = fs::read(&path).unwrap();
    let long = "x".repeat(2_001);
    let line = one_error(&env.run(&["answer", p, "access.reviews", "planned", "--evidence", &long]));
    assert!(line.contains("evidence reference") && line.contains("2000"), "{line}");
    let line = one_error(&env.run(&["answer", p, "access.reviews", "planned", "--by", &"N".repeat(201)]));
    assert!(line.contains("name") && line.contains("200"), "{line}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn list_aligns_columns_by_display_width() {
    let env = Env::new();
    env.new_assessment("soc2-ai-readiness", "株式会社テスト");
    env.new_assessment("soc2-ai-readiness", "Acme");
    env.new_assessment("soc2-ai-readiness", "株式会社 A Rather Long Name Ltd");
    let out = ok(&env.run(&["list"]));
    let columns: Vec<usize> = out
        .lines()
        .skip(1)
        .map(|l| {
            let at = l.rfind("soc2-ai-readiness").unwrap();
            unicode_width::UnicodeWidthStr::width(&l[..at])
        })
        .collect();
    assert_eq!(columns.len(), 3, "{out}");
    assert!(columns.iter().all(|c| *c == columns[0]), "the questionnaire column starts at the same place:\n{out}");
}

#[test]
fn parallel_answers_wait_their_turn() {
    let env = Env::new();
    let path = env.new_assessment("soc2-ai-readiness", "Acme");
    let a = store::read(&path).unwrap();
    let ids: Vec<String> = a
        .questionnaire()
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .filter(|q| q.kind == soc2_ready::questionnaire::QuestionType::Maturity && q.show_if.is_none())
        .map(|q| q.id.clone())
        .take(16)
        .collect();
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            std::process::Command::new(BIN)
                .args(["answer", path.to_str().unwrap(), id, "documented"])
                .env("SOC2_READY_HOME", env.home.path())
                .env("SOC2_READY_CONFIG", env.config.path())
                .env("SOC2_READY_NOW", NOW)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "every answer succeeds: {}", text(&out.stderr));
    }
    let a = store::read(&path).unwrap();
    for id in &ids {
        assert!(a.value(id).is_some(), "{id} was saved");
    }
}

#[test]
fn report_output_refuses_an_assessments_journal_and_lock() {
    let env = Env::new();
    let path = env.quick();
    let p = path.to_str().unwrap();
    for suffix in [".journal", ".lock"] {
        let companion = format!("{p}{suffix}");
        fs::write(&companion, b"kept").unwrap();
        let line = one_error(&env.run(&["report", p, "-o", &companion]));
        assert!(line.contains("an assessment's companion file"), "{line}");
        assert_eq!(fs::read(&companion).unwrap(), b"kept");
        fs::remove_file(&companion).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn an_assessment_in_a_folder_others_can_write_draws_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let shared = env.work.path().join("team");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let file = shared.join("a.json");
    let out = env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--no-open", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "a warning, not a refusal");
    let err = text(&out.stderr);
    assert!(err.contains("warning") && err.contains("can be written by other users"), "{err}");
    let out = env.run(&["answer", file.to_str().unwrap(), "profile.headcount", "12"]);
    assert!(text(&out.stderr).contains("can be written by other users"));
}

#[test]
fn answering_a_format_1_file_keeps_the_original_as_v1_bak() {
    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/demo.json");
    let original = fs::read(&fixture).unwrap();
    let path = env.file("old.json", &original);
    let p = path.to_str().unwrap();
    // Reading changes nothing.
    ok(&env.run(&["show", p]));
    assert_eq!(fs::read(&path).unwrap(), original);
    env.answer(&path, "access.mfa", "everywhere");
    let backup = env.work.path().join("old.json.v1.bak");
    assert_eq!(fs::read(&backup).unwrap(), original, "the original, byte for byte");
    let saved: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["format"], 2);
    assert_eq!(saved["answers"]["access.weights"]["note"], "We do not host weights", "earlier answers kept");
    env.answer(&path, "access.mfa", "admins");
    assert_eq!(fs::read(&backup).unwrap(), original, "never overwritten");
}

/// `list` in an 80-column terminal fits it: the full table (name, organisation, questionnaire, progress,
/// score, last change) is about 125 columns, and every row used to wrap into three ragged lines. Each
/// assessment now takes two lines that fit, and a pipe still gets the one-line rows scripts read.
#[cfg(unix)]
#[test]
fn list_fits_an_80_column_terminal() {
    let env = Env::new();
    for (questionnaire, org) in [("soc2-ai-readiness", "Acme AI"), ("ai-vendor-assessment", "Example AI Ltd (sample)")]
    {
        let out = env.run(&["new", questionnaire, "--org", org, "--no-open"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let screen = at_80_columns(&env, "list");
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 5, "a header and two lines per assessment: {screen}");
    for line in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*line) <= 80, "wider than the terminal: {line:?}\n{screen}");
    }
    assert!(lines[1].starts_with("acme-ai-soc2-ai-readiness ") && lines[1].ends_with("today 09:00"), "{screen}");
    assert_eq!(lines[2], "  Acme AI · soc2-ai-readiness");
    assert_eq!(lines[4], "  Example AI Ltd (sample) · ai-vendor-assessment");

    // To a pipe: one row per assessment, every column.
    let piped = env.cmd().env("TZ", "UTC").arg("list").output().unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert_eq!(piped.lines().count(), 3, "{piped}");
    assert!(piped.lines().nth(1).unwrap().contains("Acme AI") && piped.contains("QUESTIONNAIRE"), "{piped}");
}

/// `list` on a store it cannot read fails and says why; it used to say "No assessments ... yet", as if the
/// store were empty.
#[test]
fn list_on_a_store_it_cannot_read_says_so() {
    let env = Env::new();
    let file = env.file("not-a-folder", "x");
    let out = env.cmd().env("SOC2_READY_HOME", &file).args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("soc2-ready: cannot read the store ") && err.contains("not-a-folder/assessments"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // A store not made yet is empty, not an error.
    assert!(env.run(&["list"]).status.success());
}

/// What a command prints in an 80-column terminal.
#[cfg(unix)]
fn at_80_columns(env: &Env, args: &str) -> String {
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg(format!("stty rows 24 cols 80 && exec \"$0\" {args}"))
        .arg(BIN)
        .env("SOC2_READY_HOME", env.home.path())
        .env("SOC2_READY_CONFIG", env.config.path())
        .env("SOC2_READY_NOW", NOW)
        .env("TZ", "UTC")
        .env("TERM", "xterm-256color");
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).unwrap();
    // rexpect hands over each byte as a character.
    let bytes: Vec<u8> = session.exp_eof().unwrap().chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).unwrap().replace('\r', "")
}

/// `trash` in an 80-column terminal fits it too: the id (the time and the name again) goes on a line of its
/// own, and only for a name deleted more than once, where `restore` needs it.
#[cfg(unix)]
#[test]
fn trash_fits_an_80_column_terminal() {
    let env = Env::new();
    for _ in 0..2 {
        assert!(env.run(&["new", "--sample", "--no-open"]).status.success());
        assert!(env.run(&["delete", "example-ai-ltd-sample-soc2-ai-readiness"]).status.success());
    }
    assert!(env.run(&["new", "ai-vendor-assessment", "--org", "Model Co", "--no-open"]).status.success());
    assert!(env.run(&["delete", "model-co-ai-vendor-assessment"]).status.success());
    let screen = at_80_columns(&env, "trash");
    for line in screen.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "wider than the terminal: {line:?}\n{screen}");
    }
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with("NAME ") && lines[0].contains("DELETED") && lines[0].contains("ORGANISATION"));
    assert_eq!(lines.iter().filter(|l| l.starts_with("  id 20260115T090000Z-example-ai-ltd-sample")).count(), 2);
    assert!(!screen.contains("  id 20260115T090000Z-model-co"), "one deletion of that name: no id\n{screen}");
    assert!(screen.contains("Model Co"), "{screen}");
    assert!(screen.contains("soc2-ready restore NAME"), "{screen}");
}

/// A query of a pasted page is said back in a line's worth, not whole.
#[test]
fn search_says_a_long_query_back_cut_to_a_line() {
    let env = Env::new();
    assert!(env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--no-open"]).status.success());
    let query = "zzzqqq ".repeat(300);
    let out = env.run(&["search", "acme-soc2-ai-readiness", &query]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.chars().count() < 160 && text.contains("zzzqqq zzzqqq") && text.contains('…'), "{text}");
}
