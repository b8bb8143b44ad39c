//! The answer library: a completed questionnaire answers a blank copy by id, and a re-worded copy (ids
//! removed, text paraphrased) by ranked retrieval with the right answer in the top three.

use crate::common::Answering;
use soc2_ready::assessment::store;
use soc2_ready::library::{Library, Saved, suggest};
use soc2_ready::spreadsheet::import::{ImportFile, to_assessment};
use soc2_ready::spreadsheet::new_workbook::{NewCell, NewSheet, NewWorkbook};
use soc2_ready::spreadsheet::{self, Format, Options};

use crate::common::{Env, NOW};
use crate::spreadsheet_fixtures as fx;

const QUESTIONS: usize = 120;

fn library_from_completed() -> Library {
    let completed = fx::caiq_like(QUESTIONS, true);
    let (_, wb) = spreadsheet::read("completed.xlsx", &completed).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let mut saved = Saved::default();
    assert_eq!(
        saved.add_detection(&d, "completed.xlsx", "sha256:00", "Earlier Customer", "Sam (security lead)", NOW),
        QUESTIONS
    );
    Library::new(saved.entries)
}

fn import(name: &str, bytes: &[u8]) -> soc2_ready::assessment::Assessment {
    let (format, wb) = spreadsheet::read(name, bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    to_assessment(&d, &ImportFile { file_name: name, format, bytes, customer: "New Customer", now: NOW }).unwrap()
}

/// The re-worded copy: no ids, paraphrased text, the customer's own `Y,N,N/A` vocabulary.
fn reworded() -> Vec<u8> {
    let mut s = NewSheet::new("Security");
    s.text(1, 1, "Question").text(1, 2, "Response");
    for n in 0..QUESTIONS {
        s.text(n as u32 + 2, 1, &fx::paraphrase(n)).set(n as u32 + 2, 2, NewCell::Blank);
    }
    s.lists.push((format!("B2:B{}", QUESTIONS + 1), vec!["Y".into(), "N".into(), "N/A".into()]));
    NewWorkbook { sheets: vec![s], ..NewWorkbook::default() }.to_bytes()
}

#[test]
fn a_blank_copy_is_answered_by_id() {
    let library = library_from_completed();
    let blank = import("blank.xlsx", &fx::caiq_like(QUESTIONS, false));
    let plan = soc2_ready::library::plan_fill(&library, &blank, soc2_ready::library::APPLY_THRESHOLD);
    let source = blank.source.as_ref().unwrap();
    let right = plan
        .applied
        .iter()
        .filter(|a| {
            let n = source.cells[&a.question].row as usize - 3;
            a.suggestion.answer == fx::answer_for(n) && a.suggestion.explanation == format!("Explanation {n}")
        })
        .count();
    eprintln!("blank copy: {right} of {QUESTIONS} answered right by id");
    assert!(right * 100 >= QUESTIONS * 95, "{right} of {QUESTIONS} answered right by id");
    assert_eq!(plan.applied[0].suggestion.rung, soc2_ready::library::suggest::Rung::SameId);
    assert_eq!(
        plan.applied[0].suggestion.provenance.describe(),
        "completed.xlsx, Questions!C3, Earlier Customer, 2026-01-15"
    );
}

#[test]
fn a_reworded_copy_has_the_right_answer_in_the_top_three() {
    let library = library_from_completed();
    let copy = import("reworded.xlsx", &reworded());
    let source = copy.source.as_ref().unwrap();
    let mut right = 0;
    for (_, q) in copy.questionnaire().questions() {
        let cell = &source.cells[&q.id];
        let n = cell.row as usize - 2;
        let want = match fx::answer_for(n) {
            "Yes" => "Y",
            "No" => "N",
            _ => "N/A",
        };
        let found = suggest(&library, q, Some(cell));
        assert!(found.len() <= 3);
        assert!(
            found.iter().all(|s| s.score < soc2_ready::library::APPLY_THRESHOLD),
            "similar wording is never applied unasked"
        );
        if found.iter().any(|s| s.answer == want && s.matched == fx::question_text(n)) {
            right += 1;
        }
    }
    eprintln!("re-worded copy: {right} of {QUESTIONS} with the right answer in the top three");
    assert!(right * 100 >= QUESTIONS * 60, "{right} of {QUESTIONS} with the right answer in the top three");
}

#[test]
fn fill_from_the_library_and_the_library_commands() {
    let env = Env::new();
    let completed = env.file("completed.xlsx", fx::caiq_like(6, true));
    let added =
        env.run(&["library", "add", completed.to_str().unwrap(), "--org", "Earlier Customer", "--owner", "Sam"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8_lossy(&added.stdout).starts_with("6 answers added to the library"));

    let listed = String::from_utf8(env.run(&["library", "list"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), 6);
    assert!(listed.lines().next().unwrap().ends_with("= Yes  (owner Sam, reviewed 2026-01-15)"), "{listed}");

    let found = String::from_utf8(env.run(&["library", "search", "restores", "backups"]).stdout).unwrap();
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.starts_with("   3  AB-01.3"), "{found}");

    let blank = env.file("blank.xlsx", fx::caiq_like(6, false));
    let a = env.work.path().join("a.json");
    assert!(env.run(&["import", blank.to_str().unwrap(), "--out", a.to_str().unwrap(), "--no-open"]).status.success());
    let dry = String::from_utf8(env.run(&["fill", a.to_str().unwrap(), "--from-library", "--dry-run"]).stdout).unwrap();
    assert!(
        dry.contains(
            "applied AB-01.1 = Yes (score 1.00, same id, from completed.xlsx, Questions!C3, Earlier Customer, 2026-01-15)"
        ),
        "{dry}"
    );
    assert!(dry.ends_with("6 applied, 0 left\ndry run: nothing changed\n"), "{dry}");
    assert!(store::read(&a).unwrap().answers().is_empty());
    let done = env.run(&["fill", a.to_str().unwrap(), "--from-library"]);
    assert!(done.status.success());
    let filled = store::read(&a).unwrap();
    assert_eq!(filled.answers().len(), 6);
    // The explanation is for the customer: their comment column, not the internal note (issue 22).
    assert_eq!(filled.answers()["ab-01.2"].comment, "Explanation 1");
    assert_eq!(filled.note("ab-01.2"), "");

    let removed = String::from_utf8(env.run(&["library", "remove", "1"]).stdout).unwrap();
    assert!(removed.starts_with("removed: Do you encrypt at rest customer data"), "{removed}");
    assert_eq!(String::from_utf8(env.run(&["library", "list"]).stdout).unwrap().lines().count(), 5);
    let bad = env.run(&["library", "remove", "99"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("there is no entry 99; the library has 5 entries"));

    // Answers given in the store's assessments are the library's other half: the list says they are there.
    let made = env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--no-open"]);
    let path = String::from_utf8(made.stdout).unwrap().trim().to_string();
    assert!(env.run(&["answer", &path, "access.mfa_production", "documented"]).status.success());
    let listed = String::from_utf8(env.run(&["library", "list"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), 6, "{listed}");
    assert!(
        listed.ends_with("draw on 1 answer in 1 assessment in the store (change those in their assessments).\n"),
        "{listed}"
    );
}

#[test]
fn entries_older_than_a_year_are_stale() {
    let mut saved = Saved::default();
    let (_, wb) = spreadsheet::read("c.xlsx", &fx::caiq_like(1, true)).unwrap();
    saved.add_detection(
        &spreadsheet::detect(&wb, &Options::default()).unwrap(),
        "c.xlsx",
        "",
        "",
        "",
        "2025-01-10T00:00:00Z",
    );
    let today = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert!(!saved.entries[0].is_stale(today("2026-01-10")));
    assert!(saved.entries[0].is_stale(today("2026-01-11")));
    let _ = Format::Csv;
}

#[test]
fn a_readiness_answer_and_its_evidence_answer_an_mfa_question() {
    use soc2_ready::assessment::{AnswerValue, Assessment};
    let readiness = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    let mut a = Assessment::new(readiness, "Our Company", NOW);
    a.answer("access.mfa_production", AnswerValue::Text("documented".into()), NOW);
    a.write_evidence("access.mfa_production", vec!["IdP policy export".into()], NOW);
    a.answer("access.sso", AnswerValue::Text("unknown".into()), NOW);
    let library = Library::new(soc2_ready::library::from_assessment(&a, std::path::Path::new("ours.json")));
    assert_eq!(library.records.len(), 1, "don't know is never a library answer");

    let customer = import("c.csv", b"Ref,Question,Answer\n1,Do you require MFA for administrators?,Yes\n2,Is the sky blue?,No\n3,Is water wet?,Yes\n");
    let (_, q) = customer.questionnaire().questions().next().unwrap();
    let found = suggest(&library, q, customer.source.as_ref().unwrap().cells.get(&q.id));
    assert_eq!(found.len(), 1);
    let s = &found[0];
    // No mapped id (the customer numbers it `1`): found by the concepts both questions ask about.
    assert_eq!(s.rung, soc2_ready::library::suggest::Rung::Concepts);
    // 0.58 before the one search engine: `MFA` now also reads as multi-factor, the readiness text's words.
    assert_eq!((s.answer.as_str(), s.score), ("Yes", 0.59));
    assert!(s.reason.starts_with("both ask about multi-factor authentication"), "{}", s.reason);
    assert_eq!(s.explanation, "Evidence: IdP policy export.");
    assert!(s.score < soc2_ready::library::APPLY_THRESHOLD);
}

#[test]
fn fill_takes_answers_from_every_assessment_in_the_store() {
    let env = Env::new();
    // Last quarter's questionnaire from one customer, answered in the store...
    let earlier = env.file("earlier.xlsx", fx::caiq_like(6, false));
    assert!(env.run(&["import", earlier.to_str().unwrap(), "--org", "First Customer", "--no-open"]).status.success());
    let listed = String::from_utf8(env.run(&["list", "--json"]).stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let first = v[0]["name"].as_str().unwrap().to_string();
    assert!(
        env.run(&["answer", &first, "ab-02.1", "no", "--note", "Rolling out next month", "--by", "Priya"])
            .status
            .success()
    );
    // ...answers the same question in another customer's copy.
    let newer = env.file("newer.xlsx", fx::caiq_like(6, false));
    let b = env.work.path().join("b.json");
    assert!(
        env.run(&[
            "import",
            newer.to_str().unwrap(),
            "--org",
            "Second Customer",
            "--out",
            b.to_str().unwrap(),
            "--no-open"
        ])
        .status
        .success()
    );
    let out = String::from_utf8(env.run(&["fill", b.to_str().unwrap(), "--from-library"]).stdout).unwrap();
    assert!(
        out.contains(
            "applied AB-02.1 = No (score 1.00, same id, from earlier.xlsx, Questions!C6, First Customer, 2026-01-15, Priya)"
        ),
        "{out}"
    );
    assert!(out.contains("left AB-01.1: best suggestion scores 0.33, below 0.90"), "{out}");
    assert!(out.ends_with("1 applied, 5 left\n"), "{out}");
    let filled = store::read(&b).unwrap();
    assert_eq!(filled.value("ab-02.1").and_then(|v| v.as_text()), Some("no"));
    assert_eq!(filled.answers()["ab-02.1"].comment, "Rolling out next month");
}
