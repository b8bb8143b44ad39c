//! Issue 22, the library and review: a library built from a completed HECVAT-like workbook holds only the
//! respondent's answers; sources are ranked by trust, a test assessment never feeds it, disagreeing
//! sources are a conflict and agreeing ones share a slot; filled answers record their source and stay
//! suggested until approved; `fill --dry-run --json` gives every suggestion; export warns or refuses.

use soc2_ready::assessment::store;
use soc2_ready::library::{AddedFile, Saved};
use soc2_ready::spreadsheet::new_workbook::{NewCell, NewSheet, NewWorkbook};
use soc2_ready::spreadsheet::{self, Options};

use crate::common::{Env, NOW};
use crate::spreadsheet_fixtures as fx;

fn formula(formula: &str, cached: &str) -> NewCell {
    NewCell::Formula { formula: formula.into(), cached: cached.into() }
}

/// A completed HECVAT 4 look-alike (invented text): general information and two respondent sheets
/// answered, with the quirks a real one has once filled in: an answer cell that copies another answer by
/// formula (its cached value is not the respondent's), a comment cell holding a formula, an error-valued
/// row, a copyright line, and analyst sheets whose answer cells carry cached results (and one an analyst
/// typed).
fn completed_hecvat_like() -> Vec<u8> {
    let mut start = NewSheet::new("START HERE");
    start.text(1, 1, "Read these instructions first. Invented questionnaire, several tabs to complete.");
    for (i, (label, answer)) in [
        ("Vendor name", "Invented Vendor Ltd"),
        ("Product name and version", "Widget 3"),
        ("Vendor contact email", "sec@vendor.example"),
    ]
    .iter()
    .enumerate()
    {
        let r = 4 + i as u32;
        start.text(r, 1, &format!("GNRL-{:02}", i + 1)).text(r, 2, label).text(r, 3, answer);
    }
    start.text(10, 1, "Copyright \u{a9} 2026 Invented Higher Education Group");
    let mut sheets = vec![start];
    for (name, code) in [("Organization", "DOCU"), ("Product", "APPL")] {
        let mut s = NewSheet::new(name);
        s.text(1, 1, &format!("{name}: answer every question on this tab."));
        s.text(3, 1, &format!("{name} section 1")).text(3, 2, "Question").text(3, 3, "Answer").text(
            3,
            4,
            "Additional Information",
        );
        for i in 1..=3u32 {
            let r = 3 + i;
            s.text(r, 1, &format!("{code}-{i:02}")).text(r, 2, &format!("{name} invented question {i}?"));
            s.text(r, 3, if i == 2 { "No" } else { "Yes" });
            s.text(r, 4, &format!("{name} explanation {i}"));
        }
        // Copies the first answer: its cached "Yes" is the workbook's, not the respondent's.
        s.text(7, 1, &format!("{code}-20")).text(7, 2, &format!("{name} copied question?"));
        s.set(7, 3, formula("C4", "Yes"));
        // The respondent answered, but the comment cell is a formula (guidance pulled from another sheet).
        s.text(8, 1, &format!("{code}-21")).text(8, 2, &format!("{name} question with a formula comment?"));
        s.text(8, 3, "Yes").set(8, 4, formula("Questions!C9", "See the institution's guidance"));
        // A row whose answer is an error value.
        s.text(9, 1, &format!("{code}-22")).text(9, 2, &format!("{name} broken question?"));
        s.set(9, 3, formula("VLOOKUP(A1,#REF!,2,FALSE)", "#REF!"));
        s.text(11, 1, "Copyright \u{a9} 2026 Invented Higher Education Group. All rights reserved.");
        sheets.push(s);
    }
    for name in ["Institution Evaluation", "High-Risk Evaluation", "Privacy Analyst Evaluation", "Analyst Reference"] {
        let mut s = NewSheet::new(name);
        s.text(1, 1, "Analyst use only").text(2, 1, "Question ID").text(2, 2, "Question").text(2, 3, "Answer");
        for i in 1..=3u32 {
            s.text(2 + i, 1, &format!("DOCU-{i:02}")).text(2 + i, 2, &format!("Organization invented question {i}?"));
            s.set(2 + i, 3, formula(&format!("Organization!C{}", 3 + i), "Yes"));
        }
        s.text(6, 1, "DOCU-09").text(6, 2, "Follow-up inquiries").text(6, 3, "Analyst typed this");
        sheets.push(s);
    }
    NewWorkbook { sheets, open_close_sheet_tags: false, calc_chain: true }.to_bytes()
}

fn ok(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_library_built_from_a_completed_hecvat_like_holds_only_the_respondents_answers() {
    let env = Env::new();
    let file = env.file("hecvat-done.xlsx", completed_hecvat_like());
    let said = ok(&env, &["library", "add", file.to_str().unwrap(), "--org", "State University", "--owner", "Sam"]);
    // 3 general + 2 sheets x (3 answered + 1 answered with a formula comment).
    assert!(said.starts_with("11 answers added to the library"), "{said}");
    let saved = Saved::load(&env.store().join("library.json")).unwrap();
    let got: Vec<(String, String, String, String)> = saved
        .entries
        .iter()
        .map(|r| (r.ids.join(" "), r.answer.clone(), r.explanation.clone(), r.provenance.sheet.clone()))
        .collect();
    let row = |id: &str, answer: &str, explanation: &str, sheet: &str| {
        (id.to_string(), answer.to_string(), explanation.to_string(), sheet.to_string())
    };
    let mut want = vec![
        row("GNRL-01", "Invented Vendor Ltd", "", "START HERE"),
        row("GNRL-02", "Widget 3", "", "START HERE"),
        row("GNRL-03", "sec@vendor.example", "", "START HERE"),
    ];
    for (name, code) in [("Organization", "DOCU"), ("Product", "APPL")] {
        for i in 1..=3 {
            let answer = if i == 2 { "No" } else { "Yes" };
            want.push(row(&format!("{code}-{i:02}"), answer, &format!("{name} explanation {i}"), name));
        }
        want.push(row(&format!("{code}-21"), "Yes", "", name));
    }
    assert_eq!(got, want, "only what the respondent typed: no formula copy, no formula comment, no error, no analyst");
    assert!(saved.entries.iter().all(|r| r.provenance.customer == "State University" && r.owner == "Sam"));

    // The same through the core, with and without the workbook: without it the formula comment is the one
    // thing that cannot be told apart (the detection alone does not say the comment cell is a formula).
    let bytes = completed_hecvat_like();
    let (_, wb) = spreadsheet::read("h.xlsx", &bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let added = AddedFile { file: "h.xlsx", sha256: "", customer: "", owner: "", now: NOW };
    let mut with_wb = Saved::default();
    assert_eq!(with_wb.add_answered(Some(&wb), &d, &added), 11);
    assert!(with_wb.entries.iter().all(|r| !r.explanation.contains("guidance")));
}

/// A blank 6-question CAIQ-like imported into the store for `org`, its name as `list` gives it.
fn import_blank(env: &Env, name: &str, org: &str) -> String {
    let file = env.file(name, fx::caiq_like(6, false));
    let out = ok(env, &["import", file.to_str().unwrap(), "--org", org, "--no-open"]);
    out.lines().last().unwrap().to_string()
}

fn dry_json(env: &Env, a: &str) -> serde_json::Value {
    let out = ok(env, &["fill", a, "--from-library", "--dry-run", "--json"]);
    serde_json::from_str(&out).unwrap()
}

fn question<'a>(rows: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no {id} in {rows}"))
}

#[test]
fn a_test_assessment_never_feeds_the_library_and_a_less_trusted_answer_never_wins_silently() {
    let env = Env::new();
    // A completed questionnaire added to the library and approved: AB-01.1 is Yes there.
    let done = env.file("completed.xlsx", fx::caiq_like(6, true));
    ok(&env, &["library", "add", done.to_str().unwrap(), "--org", "Earlier Customer"]);
    let approved = ok(&env, &["library", "approve", "1", "--by", "Sam"]);
    assert_eq!(approved, "approved: Do you encrypt at rest customer data ⏎ in the production environment?\n");
    let listed = ok(&env, &["library", "list"]);
    assert!(listed.lines().next().unwrap().ends_with("APPROVED by Sam"), "{listed}");
    // A test in the store says No, with `=1+1` for another question.
    let test = import_blank(&env, "trial.xlsx", "Trial Run");
    ok(&env, &["answer", &test, "AB-01.1", "No"]);
    let marked = ok(&env, &["mark", &test, "--test"]);
    assert!(marked.ends_with("marked as a test; its answers never feed the answer library\n"), "{marked}");
    let blank = env.work.path().join("new.json");
    let file = env.file("new.xlsx", fx::caiq_like(6, false));
    ok(
        &env,
        &["import", file.to_str().unwrap(), "--org", "New Customer", "--out", blank.to_str().unwrap(), "--no-open"],
    );
    let blank = blank.to_str().unwrap();

    let rows = dry_json(&env, blank);
    let ab = question(&rows, "AB-01.1");
    assert_eq!(ab["applied"], true);
    let s = ab["suggestions"].as_array().unwrap();
    assert_eq!(s.len(), 1, "the test assessment is no source: {ab}");
    assert_eq!((s[0]["answer"].as_str(), s[0]["trust"].as_str()), (Some("Yes"), Some("approved")));

    // Not a test any more: its No is a conflict, shown, and the approved entry's Yes is the one applied.
    ok(&env, &["mark", &test, "--not-test"]);
    let rows = dry_json(&env, blank);
    let ab = question(&rows, "AB-01.1");
    assert_eq!(ab["applied"], true);
    let answers: Vec<(&str, &str, bool)> = ab["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["answer"].as_str().unwrap(), s["trust"].as_str().unwrap(), s["conflict"].as_bool().unwrap()))
        .collect();
    assert_eq!(answers, [("Yes", "approved", true), ("No", "store", true)]);
    let text = ok(&env, &["fill", blank, "--from-library", "--dry-run"]);
    assert!(text.contains("applied AB-01.1 = Yes (score 1.00, same id, from completed.xlsx, Questions!C3"), "{text}");
    assert!(
        text.contains("conflict AB-01.1: No from trial.xlsx, Questions!C3, Trial Run, 2026-01-15 (assessment in the store) differs; the approved library entry's answer was taken"),
        "{text}"
    );
}

#[test]
fn equally_trusted_sources_that_disagree_are_left_and_agreeing_ones_share_a_slot() {
    let env = Env::new();
    let first = import_blank(&env, "one.xlsx", "First");
    let second = import_blank(&env, "two.xlsx", "Second");
    let third = import_blank(&env, "three.xlsx", "Third");
    ok(&env, &["answer", &first, "AB-01.1", "Yes"]);
    ok(&env, &["answer", &second, "AB-01.1", "No"]);
    for a in [&first, &second, &third] {
        ok(&env, &["answer", a, "AB-02.1", "NA"]);
    }
    let target = env.work.path().join("target.json");
    let file = env.file("target.xlsx", fx::caiq_like(6, false));
    ok(&env, &["import", file.to_str().unwrap(), "--out", target.to_str().unwrap(), "--no-open"]);
    let target = target.to_str().unwrap();
    let rows = dry_json(&env, target);
    let conflict = question(&rows, "AB-01.1");
    assert_eq!(conflict["applied"], false, "{conflict}");
    assert!(conflict["left"].as_str().unwrap().starts_with("sources disagree: "), "{conflict}");
    assert_eq!(conflict["suggestions"].as_array().unwrap().len(), 2);
    let agreed = question(&rows, "AB-02.1");
    assert_eq!(agreed["applied"], true);
    let s = agreed["suggestions"].as_array().unwrap();
    assert_eq!(s.len(), 1, "three sources of one answer take one slot: {agreed}");
    assert_eq!((s[0]["agree"].as_u64(), s[0]["conflict"].as_bool()), (Some(3), Some(false)));
    let text = ok(&env, &["fill", target, "--from-library", "--dry-run"]);
    let left =
        text.lines().find(|l| l.starts_with("left AB-01.1: sources disagree: ")).unwrap_or_else(|| panic!("{text}"));
    assert!(left.contains("Yes (from one.xlsx") && left.contains("No (from two.xlsx"), "{left}");
    assert!(text.contains(", 3 sources agree)"), "{text}");
}

#[test]
fn dry_run_json_has_the_documented_shape() {
    let env = Env::new();
    let done = env.file("completed.xlsx", fx::caiq_like(6, true));
    ok(&env, &["library", "add", done.to_str().unwrap()]);
    let a = env.work.path().join("a.json");
    let file = env.file("blank.xlsx", fx::caiq_like(6, false));
    ok(&env, &["import", file.to_str().unwrap(), "--out", a.to_str().unwrap(), "--no-open"]);
    let rows = dry_json(&env, a.to_str().unwrap());
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let first = &rows[0];
    assert_eq!(first["id"], "AB-01.1", "the customer's id, verbatim");
    assert_eq!(first["applied"], true);
    let s = &first["suggestions"][0];
    assert_eq!(s["source_file"], "completed.xlsx");
    assert_eq!(s["source_question"], "AB-01.1");
    assert_eq!(s["answer"], "Yes");
    assert_eq!(s["score"].as_f64(), Some(1.0));
    assert_eq!(s["reason"], "same id");
    assert!(store::read(&a).unwrap().answers().is_empty(), "a dry run changes nothing");
}

#[test]
fn filled_answers_record_their_source_and_stay_suggested_until_approved() {
    let env = Env::new();
    let done = env.file("completed.xlsx", fx::caiq_like(6, true));
    ok(&env, &["library", "add", done.to_str().unwrap(), "--org", "Earlier Customer"]);
    let a = env.work.path().join("a.json");
    let file = env.file("blank.xlsx", fx::caiq_like(6, false));
    ok(&env, &["import", file.to_str().unwrap(), "--out", a.to_str().unwrap(), "--no-open"]);
    let a = a.to_str().unwrap();
    let filled = ok(&env, &["fill", a, "--from-library"]);
    assert!(filled.ends_with("6 applied, 0 left\n"), "{filled}");
    let show: serde_json::Value = serde_json::from_str(&ok(&env, &["show", a, "--json"])).unwrap();
    let q = &show["questions"][0];
    assert_eq!(q["suggested"], true);
    let source = &q["source"];
    assert_eq!(
        (source["file"].as_str(), source["sheet"].as_str(), source["cell"].as_str(), source["question"].as_str()),
        (Some("completed.xlsx"), Some("Questions"), Some("C3"), Some("AB-01.1"))
    );
    assert_eq!((source["customer"].as_str(), source["date"].as_str()), (Some("Earlier Customer"), Some("2026-01-15")));
    assert_eq!((source["score"].as_f64(), source["reason"].as_str()), (Some(1.0), Some("same id")));
    assert!(source.get("approved_by").is_none());
    assert!(ok(&env, &["show", a]).contains("[suggested: same id, from completed.xlsx, Questions!C3 (AB-01.1)"));

    // Export warns while suggestions remain, and refuses with --require-approved.
    let out = env.work.path().join("answered.xlsx");
    let refused = env.run(&["export", a, "-o", out.to_str().unwrap(), "--require-approved"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("6 answers filled from the library are still suggested, not approved"), "{err}");
    assert!(!out.exists());
    let warned = env.run(&["export", a, "-o", out.to_str().unwrap()]);
    assert!(warned.status.success());
    assert!(String::from_utf8_lossy(&warned.stderr).contains("warning: 6 answers filled from the library"));

    // One by one (the customer's id), then by section.
    let one = ok(&env, &["approve", a, "AB-01.2", "--by", "Dana"]);
    assert_eq!(one, "approved AB-01.2\n1 approved, 5 still suggested\n");
    let entry = &store::read(std::path::Path::new(a)).unwrap().answers()["ab-01.2"].clone();
    assert!(!entry.suggested);
    assert_eq!(entry.source.as_ref().unwrap().approved_by, "Dana");
    let again = env.run(&["approve", a, "AB-01.2"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not a suggestion waiting for approval"));
    let section = show["sections"][0]["id"].as_str().unwrap().to_string();
    let rest = ok(&env, &["approve", a, "--section", &section, "--by", "Dana"]);
    assert!(rest.ends_with("5 approved, 0 still suggested\n"), "{rest}");
    std::fs::remove_file(&out).unwrap();
    ok(&env, &["export", a, "-o", out.to_str().unwrap(), "--require-approved"]);

    // Answering by hand drops the source: the answer is the person's own.
    ok(&env, &["answer", a, "AB-01.3", "No"]);
    let e = &store::read(std::path::Path::new(a)).unwrap().answers()["ab-01.3"].clone();
    assert!(e.source.is_none() && !e.suggested);
}

#[test]
fn answers_still_suggested_never_feed_the_library() {
    let env = Env::new();
    let done = env.file("completed.xlsx", fx::caiq_like(6, true));
    ok(&env, &["library", "add", done.to_str().unwrap()]);
    let filled = import_blank(&env, "filled.xlsx", "Filled");
    ok(&env, &["fill", &filled, "--from-library"]);
    ok(&env, &["library", "remove", "1"]);
    let other = env.work.path().join("other.json");
    let file = env.file("other.xlsx", fx::caiq_like(6, false));
    ok(&env, &["import", file.to_str().unwrap(), "--out", other.to_str().unwrap(), "--no-open"]);
    let rows = dry_json(&env, other.to_str().unwrap());
    let ab = question(&rows, "AB-01.1");
    assert!(ab["suggestions"].as_array().unwrap().iter().all(|s| s["source_file"] != "filled.xlsx"), "{ab}");
}
