//! The built-in vendor questionnaire as a workbook a vendor fills in, and the filled copy read back as a
//! vendor assessment with its report.

use std::io::{Cursor, Read, Write};

use soc2_ready::spreadsheet::{self, Options};

use crate::common::Env;

/// Fill answer cells of the workbook's question sheet the way a vendor's spreadsheet would: rewrite the
/// blank answer cells as inline strings.
fn fill(bytes: &[u8], answers: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if name == "xl/worksheets/sheet2.xml" {
            for (cell, value) in answers {
                let blank = format!("<c r=\"{cell}\" s=\"1\"/>");
                assert!(text.contains(&blank), "{cell} is a blank unlocked cell");
                text = text
                    .replace(&blank, &format!("<c r=\"{cell}\" s=\"1\" t=\"inlineStr\"><is><t>{value}</t></is></c>"));
            }
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn vendor_workbook_out_and_back() {
    let env = Env::new();
    let path = env.work.path().join("vendor.xlsx");
    let out = env.run(&["export-questionnaire", "ai-vendor-assessment", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();

    let (_, wb) = spreadsheet::read("vendor.xlsx", &bytes).unwrap();
    let names: Vec<(&str, bool)> = wb.sheets.iter().map(|s| (s.name.as_str(), s.hidden)).collect();
    assert_eq!(names, [("Instructions", false), ("Questions", false), ("Lists", true), ("soc2-ready", true)]);
    let sheet = &wb.sheets[1];
    assert!(sheet.protected);
    let at = |a: &str| spreadsheet::cell_ref::CellRef::parse(a).unwrap();
    assert!(sheet.is_locked(at("C2")) && sheet.is_locked(at("A2")), "question columns are locked");
    assert!(!sheet.is_locked(at("D2")) && !sheet.is_locked(at("E2")), "answer and comment columns are not");
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let built_in = soc2_ready::questionnaire::catalog::built_in("ai-vendor-assessment").unwrap();
    assert_eq!(d.question_count(), built_in.questions().count(), "one row per question of the questionnaire");
    let name_row = d.questions().find(|q| q.id == "vendor.name").unwrap();
    assert!(name_row.vocabulary.is_empty());
    let choice_row = d.questions().find(|q| q.vocabulary.len() >= 2).unwrap();
    assert!(sheet.list_for(choice_row.answer_cell).is_some(), "choices are dropdowns");

    let yesno = d.questions().find(|q| q.vocabulary == ["Yes", "No"]).unwrap();
    let filled = fill(&bytes, &[(&name_row.answer_cell.a1(), "Example Models Ltd"), (&yesno.answer_cell.a1(), "No")]);
    let file = env.file("vendor-filled.xlsx", &filled);
    let a = env.work.path().join("v.json");
    let out = env.run(&[
        "import",
        file.to_str().unwrap(),
        "--org",
        "Example Models",
        "--out",
        a.to_str().unwrap(),
        "--no-open",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let assessment = soc2_ready::assessment::store::read(&a).unwrap();
    assert_eq!(assessment.questionnaire.id, "ai-vendor-assessment");
    assert_eq!(assessment.value("vendor.name").and_then(|v| v.as_text()), Some("Example Models Ltd"));
    assert_eq!(assessment.value(&yesno.id).and_then(|v| v.as_text()), Some("no"));
    let report = env.run(&["report", a.to_str().unwrap()]);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
}

/// Found driving the binary: a vendor's answer that is not one of the choices (a typo, or words of their
/// own in the multiple-choice cell) vanished on import without a word, and without `--org` the assessment
/// was named "vendor". The answer the vendor wrote is kept in the question's note, and the vendor's own
/// legal name (`vendor.name`) names the assessment.
#[test]
fn a_vendor_answer_that_is_not_a_choice_is_kept_in_the_note_and_the_vendor_names_the_assessment() {
    let env = Env::new();
    let path = env.work.path().join("vendor.xlsx");
    let out = env.run(&["export-questionnaire", "ai-vendor-assessment", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    let (_, wb) = spreadsheet::read("vendor.xlsx", &bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let cell = |id: &str| d.questions().find(|q| q.id == id).unwrap().answer_cell.a1();
    let filled = fill(
        &bytes,
        &[
            (&cell("vendor.name"), "Example 株式会社"),
            (&cell("vendor.features"), "Inference through an API; our own agents"),
            (&cell("vendor.type"), "Model or API provider (you call its models directly)"),
        ],
    );
    let file = env.file("vendor-filled.xlsx", &filled);
    let a = env.work.path().join("v.json");
    let out = env.run(&["import", file.to_str().unwrap(), "--out", a.to_str().unwrap(), "--no-open"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let assessment = soc2_ready::assessment::store::read(&a).unwrap();
    assert_eq!(assessment.org, "Example 株式会社");
    assert_eq!(assessment.value("vendor.type").and_then(|v| v.as_text()), Some("model_api"));
    assert!(assessment.value("vendor.features").is_none(), "not one of the choices: left unanswered");
    assert_eq!(
        assessment.note("vendor.features"),
        "Vendor's answer, not one of the choices: Inference through an API; our own agents"
    );
}

/// Issue 19: a filled workbook's answers go through the one write path, so a date that is no date is not
/// recorded, and what the vendor wrote is kept in the note with the reason (it used to say "not one of the
/// choices" of a date). A workbook shows every row, so an answer to a question the vendor's other answers
/// hide is kept, as a merge keeps one.
#[test]
fn a_vendor_answer_the_question_refuses_is_kept_in_the_note_with_the_reason() {
    let env = Env::new();
    let path = env.work.path().join("vendor.xlsx");
    let out = env.run(&["export-questionnaire", "ai-vendor-assessment", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    let (_, wb) = spreadsheet::read("vendor.xlsx", &bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let cell = |id: &str| d.questions().find(|q| q.id == id).unwrap().answer_cell.a1();
    let import = |answers: &[(&str, &str)], name: &str| {
        let cells: Vec<(String, &str)> = answers.iter().map(|(id, v)| (cell(id), *v)).collect();
        let cells: Vec<(&str, &str)> = cells.iter().map(|(c, v)| (c.as_str(), *v)).collect();
        let file = env.file(&format!("{name}.xlsx"), fill(&bytes, &cells));
        let a = env.work.path().join(format!("{name}.json"));
        let out = env.run(&["import", file.to_str().unwrap(), "--out", a.to_str().unwrap(), "--no-open"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        soc2_ready::assessment::store::read(&a).unwrap()
    };
    let hidden = import(
        &[
            ("vendor.type", "Open-weight model we download and run ourselves (no data leaves us)"),
            ("attest.soc2", "No SOC 2 report"),
        ],
        "hidden",
    );
    assert_eq!(hidden.value("attest.soc2").and_then(|v| v.as_text()), Some("none"), "hidden, and kept");
    let date = import(&[("attest.soc2", "Only a Type I report"), ("attest.soc2_period_end", "2026-02-30")], "date");
    assert_eq!(date.value("attest.soc2").and_then(|v| v.as_text()), Some("type1_only"));
    assert!(date.value("attest.soc2_period_end").is_none());
    let note = date.note("attest.soc2_period_end");
    assert!(note.starts_with("Vendor's answer, not accepted (") && note.contains("2026-02-30"), "{note}");
    assert!(!note.contains("not one of the choices"), "{note}");
}

/// Found driving the binary: a 40,000-character answer was written into the workbook as it was, and a
/// spreadsheet cell holds at most 32,767 characters (Excel then says the file is damaged and cuts it on
/// repair). Such a cell is now skipped and listed with the reason, like a locked one; the rest is written.
#[test]
fn an_answer_longer_than_a_spreadsheet_cell_holds_is_skipped_and_listed() {
    let env = Env::new();
    let path = env.work.path().join("vendor.xlsx");
    let out = env.run(&["export-questionnaire", "ai-vendor-assessment", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a = env.work.path().join("v.json");
    let out = env.run(&["import", path.to_str().unwrap(), "--org", "V", "--out", a.to_str().unwrap(), "--no-open"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let long = "y".repeat(32_768);
    for (q, v) in [("vendor.service", long.as_str()), ("vendor.name", "Example Ltd")] {
        let out = env.run(&["answer", a.to_str().unwrap(), q, v]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let answered = env.work.path().join("answered.xlsx");
    let out = env.run(&["export", a.to_str().unwrap(), "-o", answered.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 cells written, 1 skipped"), "{stdout}");
    assert!(
        stdout.contains("skipped vendor.service (Questions!D3): the text is 32768 characters; a spreadsheet cell holds at most 32767"),
        "{stdout}"
    );
    let (_, wb) = spreadsheet::read("answered.xlsx", &std::fs::read(&answered).unwrap()).unwrap();
    let at = |a: &str| spreadsheet::cell_ref::CellRef::parse(a).unwrap();
    assert_eq!(wb.sheets[1].raw(at("D2")), "Example Ltd");
    assert_eq!(wb.sheets[1].raw(at("D3")), "", "nothing cut short is sent to the customer");
}
