//! Issue 22: several answer fields per question, and the customer-facing comment kept apart from the
//! internal note. A CAIQ v4 look-alike answered in every field exports each field to its own cell; a
//! completed one imports every field back; a value a field refuses is refused by the command line and by
//! import alike (the interface's refusal is in tui_fields.rs); LibreOffice reads each field where the
//! customer expects it.

use std::path::Path;

use soc2_ready::spreadsheet::cell_ref::CellRef;
use soc2_ready::spreadsheet::new_workbook::{NewCell, NewSheet, NewWorkbook};
use soc2_ready::spreadsheet::{self, Options};

use crate::common::Env;
use crate::spreadsheet_fixtures as fx;

fn ok(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn import_as(env: &Env, file: &Path, name: &str) -> String {
    let out = env.work.path().join(name);
    ok(env, &["import", file.to_str().unwrap(), "--org", "Example Bank", "--out", out.to_str().unwrap(), "--no-open"]);
    out.to_str().unwrap().to_string()
}

fn show_json(env: &Env, a: &str) -> serde_json::Value {
    serde_json::from_str(&ok(env, &["show", a, "--json"])).unwrap()
}

/// The cell's value on the CAIQ look-alike's answer sheet.
fn cell(bytes: &[u8], a1: &str) -> String {
    let (_, wb) = spreadsheet::read("x.xlsx", bytes).unwrap();
    let sheet = wb.sheets.iter().find(|s| s.name == "CAIQv4.0.3").unwrap();
    sheet.value(CellRef::parse(a1).unwrap()).to_string()
}

/// Every cell's text in the workbook, to show a note never reaches it.
fn every_cell(bytes: &[u8]) -> Vec<String> {
    let (_, wb) = spreadsheet::read("x.xlsx", bytes).unwrap();
    wb.sheets.iter().flat_map(|s| s.cells.values().map(|c| c.value.clone()).collect::<Vec<_>>()).collect()
}

/// Answer two questions of a CAIQ v4 look-alike in every field (and a note that must stay here), export.
fn answered_in_every_field(env: &Env) -> (String, Vec<u8>) {
    let file = env.file("caiq.xlsx", fx::caiq_v4_like(2));
    let a = import_as(env, &file, "a.json");
    let printed = ok(
        env,
        &[
            "answer",
            &a,
            "A&A-01.1",
            "Yes",
            "--field",
            "ownership",
            "shared csp and csc",
            "--comment",
            "Audits every year by an outside firm.",
            "--note",
            "INTERNAL: the last audit found two gaps",
        ],
    );
    assert!(printed.contains("A&A-01.1 ownership (SSRM Control Ownership): Shared CSP and CSC"), "{printed}");
    assert!(printed.contains("A&A-01.1 comment (CSP Implementation Description"), "{printed}");
    // Fields alone, without touching the answer.
    ok(env, &["answer", &a, "AIS-01.2", "--field", "ownership", "CSC-owned"]);
    ok(env, &["answer", &a, "AIS-01.2", "NA", "--comment", "Customers run this themselves."]);
    let out = env.work.path().join("answered.xlsx");
    ok(env, &["export", &a, "-o", out.to_str().unwrap()]);
    (a, std::fs::read(out).unwrap())
}

#[test]
fn the_caiq_v4_fields_are_found_with_their_choices() {
    let (_, wb) = spreadsheet::read("caiq.xlsx", &fx::caiq_v4_like(2)).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let q = d.questions().next().unwrap();
    assert_eq!(q.fields.len(), 1);
    let f = &q.fields[0];
    assert_eq!((f.name.as_str(), f.label.as_str(), f.cell.a1()), ("ownership", "SSRM Control Ownership", "D3".into()));
    assert_eq!(f.vocabulary.len(), 5);
    assert_eq!(q.comment_label, "CSP Implementation Description (Optional/Recommended)");
}

#[test]
fn a_caiq_answered_in_every_field_exports_each_field_to_its_cell_and_never_the_note() {
    let env = Env::new();
    let (a, bytes) = answered_in_every_field(&env);
    assert_both_rows_answered(&bytes);
    assert_eq!([cell(&bytes, "C4"), cell(&bytes, "D4"), cell(&bytes, "E4")], ["", "", ""], "unanswered stays empty");
    assert!(
        !every_cell(&bytes).iter().any(|c| c.contains("INTERNAL")),
        "the note is internal: it never reaches the customer's file"
    );
    // show and show --json list every field.
    let shown = ok(&env, &["show", &a]);
    assert!(shown.contains("ownership (SSRM Control Ownership): Shared CSP and CSC"), "{shown}");
    assert!(shown.contains("ownership (SSRM Control Ownership): (empty) [CSP-owned | CSC-owned |"), "{shown}");
    let json = show_json(&env, &a);
    let first = &json["questions"][0];
    assert_eq!(first["comment"], "Audits every year by an outside firm.");
    assert_eq!(first["note"], "INTERNAL: the last audit found two gaps");
    assert_eq!(first["fields"][0]["name"], "ownership");
    assert_eq!(first["fields"][0]["cell"], "D3");
    assert_eq!(first["fields"][0]["value"], "Shared CSP and CSC");
    assert_eq!(first["fields"][0]["choices"].as_array().unwrap().len(), 5);
}

#[test]
fn a_completed_caiq_imports_every_field_back() {
    let env = Env::new();
    let (_, bytes) = answered_in_every_field(&env);
    let done = env.file("completed.xlsx", &bytes);
    let b = import_as(&env, &done, "b.json");
    let json = show_json(&env, &b);
    let q = |n: usize| &json["questions"][n];
    assert_eq!((q(0)["id"].as_str(), q(0)["answer"].as_str()), (Some("A&A-01.1"), Some("yes")));
    assert_eq!(q(0)["fields"][0]["value"], "Shared CSP and CSC");
    assert_eq!(q(0)["comment"], "Audits every year by an outside firm.");
    assert_eq!(q(0)["note"], serde_json::Value::Null, "the file's comment is the customer's comment, not a note");
    assert_eq!((q(3)["id"].as_str(), q(3)["fields"][0]["value"].as_str()), (Some("AIS-01.2"), Some("CSC-owned")));
    assert_eq!(q(3)["comment"], "Customers run this themselves.");
    assert_eq!(q(1)["fields"][0]["value"], serde_json::Value::Null);
}

#[test]
fn a_value_a_field_refuses_is_refused_by_the_command_line_and_by_import() {
    let env = Env::new();
    let file = env.file("caiq.xlsx", fx::caiq_v4_like(2));
    let a = import_as(&env, &file, "a.json");
    let before = std::fs::read(&a).unwrap();
    let refused = env.run(&["answer", &a, "A&A-01.1", "Yes", "--field", "ownership", "Somebody else"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("`Somebody else` is not a value of the field `ownership`"), "{err}");
    assert!(err.contains("CSP-owned, CSC-owned, Shared CSP and CSC"), "{err}");
    assert_eq!(std::fs::read(&a).unwrap(), before, "nothing saved, not even the answer");
    let refused = env.run(&["answer", &a, "A&A-01.1", "--field", "colour", "blue"]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("no answer field `colour`; its fields are `ownership`"), "{err}");
    assert_eq!(std::fs::read(&a).unwrap(), before);

    // A completed file whose ownership cell holds a value outside the list: refused on import through the
    // same check, and kept in the note with the reason.
    let mut bytes = fx::caiq_v4_like(2);
    let writes =
        vec![write("C3", "Yes"), write("D3", "Whoever"), write("D4", "CSP-owned"), write("E3", "Described here.")];
    bytes = spreadsheet::export::export_xlsx(&bytes, &writes).unwrap().bytes;
    let done = env.file("completed.xlsx", &bytes);
    let b = import_as(&env, &done, "b.json");
    let json = show_json(&env, &b);
    let q0 = &json["questions"][0];
    assert_eq!(q0["fields"][0]["value"], serde_json::Value::Null);
    let note = q0["note"].as_str().unwrap();
    assert!(note.contains("not accepted") && note.contains("`Whoever` is not a value of the field"), "{note}");
    assert_eq!(q0["comment"], "Described here.");
    assert_eq!(json["questions"][1]["fields"][0]["value"], "CSP-owned");
}

fn write(a1: &str, value: &str) -> spreadsheet::export::CellWrite {
    let row = CellRef::parse(a1).unwrap().row;
    let id = ["", "", "", "A&A-01.1", "A&A-01.2"][row as usize];
    spreadsheet::export::CellWrite {
        question: id.to_lowercase(),
        sheet: "CAIQv4.0.3".into(),
        cell: a1.into(),
        value: value.into(),
        expect_id: id.into(),
        expect_text: String::new(),
    }
}

#[test]
fn a_comment_needs_a_comment_column_in_the_customers_file() {
    let env = Env::new();
    let a = ok(&env, &["new", "soc2-ai-readiness", "--org", "Acme", "--no-open"]);
    let refused = env.run(&["answer", a.trim_end(), "profile.headcount", "12", "--comment", "x"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("no comment column in the customer's file"), "{err}");
}

/// HECVAT Triage look-alike whose header row lies far down, below 70 rows of instructions.
fn triage_far_down() -> Vec<u8> {
    let mut s = NewSheet::new("HECVAT - Triage");
    s.text(1, 1, "Invented Triage Questionnaire");
    for r in 2..=70 {
        s.text(r, 1, &format!("Instruction line {r}: read this before answering anything below."));
    }
    s.text(75, 1, "Qualifiers").text(75, 2, "Question").text(75, 3, "Vendor Answers").text(75, 4, "Additional Info");
    for i in 1..=3u32 {
        s.text(75 + i, 1, &format!("QUAL-{i:02}")).text(75 + i, 2, &fx::question_text(900 + i as usize));
        s.set(75 + i, 3, NewCell::Blank);
    }
    s.lists.push(("C76:C78".into(), vec!["Yes".into(), "No".into()]));
    let mut sheets = vec![s];
    let mut analyst = NewSheet::new("Analyst Report");
    analyst.text(1, 1, "ID").text(1, 2, "Question").text(1, 3, "Answer");
    sheets.push(analyst);
    NewWorkbook { sheets, ..NewWorkbook::default() }.to_bytes()
}

#[test]
fn a_hecvat_triage_whose_header_lies_below_row_60_is_found() {
    let (_, wb) = spreadsheet::read("triage.xlsx", &triage_far_down()).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    assert_eq!(d.template.as_deref(), Some("HECVAT Triage"));
    let ids: Vec<&str> = d.questions().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["QUAL-01", "QUAL-02", "QUAL-03"]);
    let q = d.questions().next().unwrap();
    assert_eq!((q.answer_cell.a1(), q.comment_cell.unwrap().a1()), ("C76".to_string(), "D76".to_string()));
    assert_eq!(d.choices[0].header_rows[0], 75);
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
}

#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs this with --include-ignored"]
fn libreoffice_round_trip_keeps_every_field_where_the_customer_expects_it() {
    let Some(soffice) = which("soffice") else {
        panic!("soffice (LibreOffice) is not installed; .ci/run installs it with apt-get install -y libreoffice-calc");
    };
    let env = Env::new();
    let (_, _) = answered_in_every_field(&env);
    let exported = env.work.path().join("answered.xlsx");
    let outdir = env.work.path().join("lo");
    let profile = env.work.path().join("lo-profile");
    let status = std::process::Command::new(&soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&outdir)
        .arg(&exported)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(outdir.join("answered.xlsx")).unwrap();
    assert_both_rows_answered(&bytes);
    // And what LibreOffice saved imports back, every field in place.
    let again = env.file("resaved.xlsx", &bytes);
    let c = import_as(&env, &again, "c.json");
    let json = show_json(&env, &c);
    assert_eq!(json["questions"][0]["fields"][0]["value"], "Shared CSP and CSC");
    assert_eq!(json["questions"][0]["comment"], "Audits every year by an outside firm.");
}

/// Issue 22, the library's part: a completed CAIQ added with `library add` keeps each field, and `fill`
/// fills a blank one by id across every field (answer, ownership, comment), which export writes to its
/// cells. A field value outside the field's choices is left and reported, the answer still filled.
#[test]
fn a_completed_caiq_in_the_library_fills_a_blank_one_in_every_field() {
    let env = Env::new();
    let (_, bytes) = answered_in_every_field(&env);
    let done = env.file("completed.xlsx", &bytes);
    ok(&env, &["library", "add", done.to_str().unwrap(), "--org", "Example Bank"]);
    let blank = env.file("blank.xlsx", fx::caiq_v4_like(2));
    let c = import_as(&env, &blank, "c.json");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&env, &["fill", &c, "--from-library", "--dry-run", "--json"])).unwrap();
    assert_eq!(json[0]["id"], "A&A-01.1");
    assert_eq!(json[0]["suggestions"][0]["fields"]["ownership"], "Shared CSP and CSC");

    let said = ok(&env, &["fill", &c, "--from-library"]);
    assert!(!said.contains("field left empty"), "{said}");
    let json = show_json(&env, &c);
    let q = |n: usize| &json["questions"][n];
    assert_eq!((q(0)["id"].as_str(), q(0)["answer"].as_str()), (Some("A&A-01.1"), Some("yes")));
    assert_eq!(q(0)["fields"][0]["value"], "Shared CSP and CSC");
    assert_eq!(q(0)["comment"], "Audits every year by an outside firm.");
    assert_eq!((q(3)["id"].as_str(), q(3)["fields"][0]["value"].as_str()), (Some("AIS-01.2"), Some("CSC-owned")));
    assert_eq!(q(3)["comment"], "Customers run this themselves.");

    let out = env.work.path().join("filled.xlsx");
    ok(&env, &["export", &c, "-o", out.to_str().unwrap()]);
    let bytes = std::fs::read(out).unwrap();
    assert_both_rows_answered(&bytes);
}

#[test]
fn a_library_field_value_the_field_refuses_is_left_and_reported() {
    let env = Env::new();
    // A completed file whose ownership cell holds a value outside the list; the library keeps it as found.
    let writes = vec![write("C3", "Yes"), write("D3", "Whoever"), write("E3", "Described here.")];
    let bytes = spreadsheet::export::export_xlsx(&fx::caiq_v4_like(2), &writes).unwrap().bytes;
    let done = env.file("completed.xlsx", &bytes);
    ok(&env, &["library", "add", done.to_str().unwrap()]);
    let blank = env.file("blank.xlsx", fx::caiq_v4_like(2));
    let c = import_as(&env, &blank, "c.json");
    let said = ok(&env, &["fill", &c, "--from-library"]);
    assert!(said.contains("field left empty A&A-01.1:") && said.contains("`Whoever` is not a value"), "{said}");
    let json = show_json(&env, &c);
    let q0 = &json["questions"][0];
    assert_eq!(q0["answer"], "yes", "the answer is filled all the same");
    assert_eq!(q0["fields"][0]["value"], serde_json::Value::Null, "never forced");
    assert_eq!(q0["comment"], "Described here.");
}

/// The interface's `a` fills the fields as `fill` does: the answer, the ownership field and the comment.
#[test]
fn the_interfaces_a_fills_every_field_of_the_chosen_suggestion() {
    use soc2_ready::assessment::{AnswerValue, Session};
    use soc2_ready::library::{AddedFile, Library, Saved};
    use soc2_ready::spreadsheet::import::{ImportFile, assessment_from};
    use soc2_ready::tui::app::App;
    use soc2_ready::tui::screens::suggestions::{self, Suggestions};

    use crate::tui::{NOW, fresh_store, press, quiet, saved};

    let env = Env::new();
    let (_, completed) = answered_in_every_field(&env);
    let (_, wb) = spreadsheet::read("completed.xlsx", &completed).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let mut library = Saved::default();
    let added = AddedFile { file: "completed.xlsx", sha256: "", customer: "Example Bank", owner: "", now: NOW };
    library.add_answered(Some(&wb), &d, &added);
    assert_eq!(library.entries[0].fields["ownership"], "Shared CSP and CSC");

    let blank = fx::caiq_v4_like(2);
    let (format, wb) = spreadsheet::read("blank.xlsx", &blank).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let file = ImportFile { file_name: "blank.xlsx", format, bytes: &blank, customer: "Example Bank", now: NOW };
    let store = fresh_store("fields");
    let path = store.dir.join("blank.json");
    Session::create(&path, assessment_from(&wb, &d, &file).unwrap(), NOW).unwrap();
    let mut app = quiet(App::with_session(store, Session::open(&path, NOW).unwrap()));
    let editor = app.editor.as_deref_mut().unwrap();
    editor.suggestions = Some(Box::new(Suggestions::from_library(Library::new(library.entries))));
    suggestions::refresh(editor);
    press(&mut app, "a");
    assert!(!app.status.error && app.status.text.starts_with("Suggested: Yes"), "{}", app.status.text);
    let a = saved(&path);
    let entry = &a.answers()["a-a-01.1"];
    assert_eq!(a.value("a-a-01.1"), Some(&AnswerValue::Text("yes".into())));
    assert_eq!(entry.fields.get("ownership").map(String::as_str), Some("Shared CSP and CSC"));
    assert_eq!(entry.comment, "Audits every year by an outside firm.");
}

/// The store's assessments are a source too: an answered CAIQ in the store fills a blank one's fields.
#[test]
fn an_answered_caiq_in_the_store_fills_a_blank_ones_fields() {
    let env = Env::new();
    let (a, _) = answered_in_every_field(&env);
    std::fs::create_dir_all(env.store()).unwrap();
    std::fs::copy(&a, env.store().join("earlier.json")).unwrap();
    let blank = env.file("blank.xlsx", fx::caiq_v4_like(2));
    let c = import_as(&env, &blank, "c.json");
    ok(&env, &["fill", &c, "--from-library"]);
    let json = show_json(&env, &c);
    let q = |n: usize| &json["questions"][n];
    assert_eq!(
        (q(0)["answer"].as_str(), q(0)["fields"][0]["value"].as_str()),
        (Some("yes"), Some("Shared CSP and CSC"))
    );
    assert_eq!(q(0)["comment"], "Audits every year by an outside firm.");
    assert_eq!((q(3)["id"].as_str(), q(3)["fields"][0]["value"].as_str()), (Some("AIS-01.2"), Some("CSC-owned")));
}

/// The two answered rows of the CAIQ look-alike as `answered_in_every_field` answers them: A&A-01.1 (row 3)
/// and AIS-01.2 (row 6), answer in C, ownership in D, the customer comment in E.
fn assert_both_rows_answered(bytes: &[u8]) {
    assert_eq!(
        [cell(bytes, "C3"), cell(bytes, "D3"), cell(bytes, "E3")],
        ["Yes", "Shared CSP and CSC", "Audits every year by an outside firm."]
    );
    assert_eq!(
        [cell(bytes, "C6"), cell(bytes, "D6"), cell(bytes, "E6")],
        ["NA", "CSC-owned", "Customers run this themselves."]
    );
}
