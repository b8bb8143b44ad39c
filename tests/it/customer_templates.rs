//! Issue 22, first part: the customer's questionnaire, exactly. Standard templates (CAIQ v4, HECVAT 4,
//! HECVAT 3) are recognised by their signature and imported to exactly their respondent questions, with
//! the customer's ids shown and typed verbatim; the generic rules (formula and error rows, ids repeated as
//! text, copyright lines, instructions) hold for every import.

use std::path::Path;

use soc2_ready::spreadsheet::{self, Detection, Options};

use crate::common::Env;
use crate::spreadsheet_fixtures as fx;

fn detect(name: &str, bytes: &[u8]) -> Detection {
    let (_, wb) = spreadsheet::read(name, bytes).unwrap();
    spreadsheet::detect(&wb, &Options::default()).unwrap()
}

fn ids(d: &Detection) -> Vec<String> {
    d.questions().filter(|q| !q.formula).map(|q| q.id.clone()).collect()
}

fn ok(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn import(env: &Env, file: &Path) -> String {
    let out = env.work.path().join("a.json");
    ok(
        env,
        &["import", file.to_str().unwrap(), "--org", "Example University", "--out", out.to_str().unwrap(), "--no-open"],
    );
    out.to_str().unwrap().to_string()
}

fn show_json(env: &Env, a: &str) -> serde_json::Value {
    serde_json::from_str(&ok(env, &["show", a, "--json"])).unwrap()
}

#[test]
fn caiq_v4_imports_exactly_its_questions_with_their_ids_and_domains() {
    let d = detect("caiq.xlsx", &fx::caiq_v4_like(4));
    assert_eq!(d.template.as_deref(), Some("CAIQ v4"));
    assert_eq!(
        ids(&d),
        ["A&A-01.1", "A&A-01.2", "A&A-02.1", "A&A-02.2", "AIS-01.1", "AIS-01.2", "AIS-02.1", "AIS-02.2"]
    );
    assert_eq!(d.question_count(), 8, "End of Standard and the copyright paragraph are not questions");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Audit & Assurance", "Application & Interface Security"], "the domain title column");
    let q = d.questions().next().unwrap();
    assert_eq!((q.answer_cell.a1(), q.comment_cell.unwrap().a1()), ("C3".to_string(), "E3".to_string()));
    assert_eq!(q.vocabulary, ["Yes", "No", "NA"]);
    assert_eq!(
        d.skipped,
        [("Introduction".to_string(), "not answered by the respondent in a CAIQ v4 workbook".to_string())]
    );
}

#[test]
fn caiq_v4_answer_show_and_search_take_the_customers_id_verbatim() {
    let env = Env::new();
    let file = env.file("caiq.xlsx", fx::caiq_v4_like(2));
    let a = import(&env, &file);
    let printed = ok(&env, &["answer", &a, "A&A-01.1", "Yes"]);
    assert!(printed.contains("A&A-01.1 = Yes"), "{printed}");
    let shown = ok(&env, &["show", &a]);
    assert!(shown.contains("[x] A&A-01.1"), "{shown}");
    assert!(shown.contains("[ ] AIS-01.2"), "{shown}");
    assert!(!shown.contains("a-a-01.1"), "the internal key stays internal: {shown}");
    let json = show_json(&env, &a);
    assert_eq!(json["questions"][0]["id"], "A&A-01.1");
    assert_eq!((json["answered"].as_u64(), json["shown"].as_u64()), (Some(1), Some(4)));
    let found = ok(&env, &["search", &a, "A&A-01.2"]);
    assert!(found.contains("1. A&A-01.2 · Audit & Assurance"), "{found}");
    let refused = env.run(&["answer", &a, "A&A-99.9", "Yes"]);
    assert_eq!(refused.status.code(), Some(1));
}

#[test]
fn hecvat_4_imports_exactly_its_respondent_questions_and_none_is_answered() {
    let d = detect("hecvat4.xlsx", &fx::hecvat4_like());
    assert_eq!(d.template.as_deref(), Some("HECVAT 4"));
    assert_eq!(d.question_count(), fx::HECVAT4_RESPONDENT, "{:#?}", ids(&d));
    let sheets: Vec<&str> = d.choices.iter().map(|c| c.sheet.as_str()).collect();
    assert_eq!(
        sheets,
        [
            "START HERE",
            "Organization",
            "Product",
            "Infrastructure",
            "IT Accessibility",
            "Case-Specific",
            "AI",
            "Privacy"
        ]
    );
    for analyst in ["Institution Evaluation", "High-Risk Evaluation", "Privacy Analyst Evaluation", "Analyst Reference"]
    {
        assert!(
            d.skipped.iter().any(|(s, why)| s == analyst && why.contains("analysts")),
            "{analyst}: {:?}",
            d.skipped
        );
        assert!(d.questions().all(|q| q.sheet != analyst));
    }
    assert!(d.questions().all(|q| q.answer.is_empty()), "nothing answered before anyone answered");
    let all = ids(&d);
    assert_eq!(&all[..3], ["GNRL-01", "GNRL-02", "GNRL-03"], "general information between instructions");
    assert!(!all.iter().any(|i| i.ends_with("-21")), "a #REF! question row is not a question");
    assert!(all.iter().all(|i| i.len() == 7 && i.as_bytes()[4] == b'-'), "only ids, no instructions: {all:?}");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles[0], "START HERE");
    assert_eq!(titles[1], "Organization: Organization section 1", "sections named by the sheet's header rows");
}

#[test]
fn hecvat_4_an_id_repeated_as_question_text_takes_the_text_from_its_row() {
    let d = detect("hecvat4.xlsx", &fx::hecvat4_like());
    let q = d.questions().find(|q| q.sheet == "Organization" && q.id == "COMP-22").unwrap();
    assert_eq!(q.text, fx::question_text(404 + 60), "not the id again");
}

#[test]
fn hecvat_4_formula_answers_are_read_only_and_progress_reaches_100() {
    let env = Env::new();
    let file = env.file("hecvat4.xlsx", fx::hecvat4_like());
    let a = import(&env, &file);
    let json = show_json(&env, &a);
    assert_eq!(json["answered"].as_u64(), Some(0), "nothing answered before anyone answered");
    assert_eq!(json["shown"].as_u64(), Some(fx::HECVAT4_RESPONDENT as u64), "formula rows are not counted");
    let qualified = ok(&env, &["answer", &a, "Privacy!PRIV-09", "Yes"]);
    assert!(qualified.contains("Privacy!PRIV-09 = Yes"), "{qualified}");
    let ambiguous = env.run(&["answer", &a, "PRIV-09", "Yes"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    let err = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(err.contains("Case-Specific!PRIV-09") && err.contains("Privacy!PRIV-09"), "{err}");
    for q in json["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        if id.ends_with("-20") || id == "Privacy!PRIV-09" {
            continue; // copied by a formula: read-only; already answered above
        }
        let answer = if id.starts_with("GNRL") { "Invented vendor" } else { "Yes" };
        ok(&env, &["answer", &a, id, answer]);
    }
    let json = show_json(&env, &a);
    assert_eq!(json["progress"].as_u64(), Some(100), "{json}");
    assert_eq!(json["answered"].as_u64(), Some(fx::HECVAT4_RESPONDENT as u64));
}

#[test]
fn hecvat_3_full_imports_only_the_vendor_response_sheet() {
    let d = detect("hecvat3.xlsx", &fx::hecvat3_full_like());
    assert_eq!(d.template.as_deref(), Some("HECVAT 3 Full"));
    assert_eq!(d.choices.len(), 1);
    assert_eq!(d.choices[0].sheet, "HECVAT - Full | Vendor Response");
    assert_eq!(
        ids(&d),
        ["GNRL-01", "GNRL-02", "GNRL-03", "DOCU-01", "DOCU-02", "DOCU-03", "DATA-01", "DATA-02", "DATA-03"]
    );
    assert_eq!(d.question_count(), 9, "the formula-copied answer, #REF! row and copyright line are not counted");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["General Information", "Documentation", "Data"]);
    assert!(d.skipped.iter().any(|(s, w)| s == "Standards Crosswalk" && w.contains("analysts")), "{:?}", d.skipped);
    assert!(d.questions().all(|q| q.answer.is_empty()));
}

#[test]
fn without_a_template_an_all_formula_sheet_is_for_analysts() {
    // The HECVAT 3 look-alike renamed, so no profile matches: the generic rules alone.
    let (_, mut wb) = spreadsheet::read("x.xlsx", &fx::hecvat3_full_like()).unwrap();
    for s in &mut wb.sheets {
        s.name = s.name.replace("HECVAT - Full | ", "");
    }
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    assert_eq!(d.template, None);
    assert!(d.skipped.iter().any(|(s, w)| s == "Standards Crosswalk" && w.contains("every answer cell is a formula")));
    let response: Vec<String> =
        d.questions().filter(|q| q.sheet == "Vendor Response" && !q.formula).map(|q| q.id.clone()).collect();
    assert_eq!(response.len(), 9, "{response:?}");
}

#[test]
fn generic_rules_errors_footers_and_ids_as_text() {
    let csv = "ID,Question,Answer\n\
               Q-1,Do you encrypt backups?,\n\
               Q-2,#REF!,\n\
               Q-3,Do you log access?,#N/A\n\
               Q-4,Q-4,\n\
               ,\u{a9} Invented Alliance 2026,\n\
               ,Copyright 2026 Invented Group,\n\
               Q-5,Do you respect copyright in training data?,\n";
    let d = detect("q.csv", csv.as_bytes());
    assert_eq!(ids(&d), ["Q-1", "Q-5"], "error values, an id with no text elsewhere and footers are not questions");
}

#[test]
fn hecvat_lite_placeholders_are_not_answers_and_only_its_sheet_is_read() {
    let d = detect("lite.xlsx", &fx::hecvat_lite_like());
    assert_eq!(d.template.as_deref(), Some("HECVAT Lite"));
    assert_eq!(ids(&d), ["GNRL-01", "GNRL-02", "GNRL-03", "APPL-01", "APPL-02", "APPL-03"]);
    assert!(d.questions().all(|q| q.answer.is_empty()), "the blank template's placeholders are not answers");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["General Information", "Application Security"]);
    for sheet in ["Analyst Report", "Analyst Reference", "Summary Report", "Standards Crosswalk"] {
        assert!(d.skipped.iter().any(|(s, w)| s == sheet && w.contains("analysts")), "{sheet}: {:?}", d.skipped);
    }
}
