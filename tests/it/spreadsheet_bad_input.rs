//! Bad input gets a clear error and writes nothing; `--dry-run` prints the detection and writes nothing.

use std::io::{Cursor, Write};

use proptest::prelude::*;

use crate::common::Env;
use crate::spreadsheet_fixtures as fx;

/// Import a file and expect a failure whose message contains `expected`, with nothing written anywhere.
fn refused(name: &str, bytes: &[u8], expected: &str) {
    let env = Env::new();
    let file = env.file(name, bytes);
    let out = env.run(&["import", file.to_str().unwrap(), "--no-open"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let written = std::fs::read_dir(env.home.path()).unwrap().count();
    assert_eq!(written, 0, "nothing is written to the store");
}

#[test]
fn not_a_workbook() {
    refused("q.xlsx", b"hello, I am text pretending to be a workbook", "not a workbook: it is not a zip package");
    refused("q.xlsx", b"PK\x03\x04broken", "not a workbook: the zip package is damaged");
}

#[test]
fn a_zip_that_is_not_a_workbook() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<w/>").unwrap();
    refused("q.xlsx", &zip.finish().unwrap().into_inner(), "has no xl/workbook.xml");
}

#[test]
fn password_protected_or_encrypted() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    refused("locked.xlsx", &ole, "password-protected or encrypted");
}

#[test]
fn no_recognisable_question_column() {
    refused(
        "people.csv",
        b"Name,Colour\nAda,red\nGrace,blue\n",
        "no recognisable question column (the file: no header row naming an answer column); name the columns with --sheet, --header-row, --question-col and --answer-col",
    );
}

#[test]
fn zip_bomb_is_capped() {
    // One sheet part that inflates to 201 MB of spaces from a few hundred kB.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("xl/workbook.xml", opts).unwrap();
    zip.write_all(b"<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>").unwrap();
    zip.start_file("xl/_rels/workbook.xml.rels", opts).unwrap();
    zip.write_all(b"<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
        .unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..201 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    // About 1% of what it inflates to (2.0 MB with flate2's zlib-rs backend, which docx-rs's zip turns on).
    assert!(bytes.len() < 3_000_000, "the bomb is small: {}", bytes.len());
    refused("bomb.xlsx", &bytes, "too big to import: part xl/worksheets/sheet1.xml uncompresses to more than 200 MB");
}

#[test]
fn a_hundred_thousand_rows() {
    let mut csv = String::from("Ref,Question,Answer\n");
    for n in 0..100_000 {
        csv.push_str(&format!("Q{n},Question number {n}?,\n"));
    }
    refused("huge.csv", csv.as_bytes(), "more than 50000 rows");
    use soc2_ready::spreadsheet::new_workbook::{NewSheet, NewWorkbook};
    let mut s = NewSheet::new("Q");
    s.text(1, 1, "Ref").text(1, 2, "Question").text(1, 3, "Answer");
    for n in 2..=100_001 {
        s.text(n, 1, &format!("Q{n}")).text(n, 2, "Is this a question?");
    }
    refused(
        "huge.xlsx",
        &NewWorkbook { sheets: vec![s], ..NewWorkbook::default() }.to_bytes(),
        "more than 50000 filled rows",
    );
}

#[test]
fn dry_run_prints_the_choice_and_first_rows_and_writes_nothing() {
    let env = Env::new();
    let file = env.file("customer.xlsx", fx::caiq_like(7, false));
    let out = env.run(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "sheet `Questions`: header row 2, id column A, question column B, answer column C, comment column E: 7 questions\n\
         skipped sheet `Introduction`: no question column (no header says Question, and no column of text left of the answers)\n\
         to change this, import again with --sheet 'Questions' --header-row 2 --id-col A --question-col B --answer-col C --comment-col E (changing what is wrong)\n\
         first questions:\n"
    ), "{text}");
    assert!(text.contains("row    3  AB-01.1      Do you encrypt at rest customer data ⏎ in the production environment?  [C3 Yes/No/NA]"), "{text}");
    assert!(text.ends_with("dry run: nothing written\n"));
    assert_eq!(std::fs::read_dir(env.home.path()).unwrap().count(), 0);
}

#[test]
fn a_bad_column_option_is_named() {
    let env = Env::new();
    let file = env.file("customer.xlsx", fx::caiq_like(2, false));
    let out = env.run(&["import", file.to_str().unwrap(), "--answer-col", "3", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--answer-col `3` is not a column; give its letters, such as C")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the bytes, reading returns a workbook or an error: it never panics.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), csv in any::<bool>()) {
        let name = if csv { "x.csv" } else { "x.xlsx" };
        if let Ok((_, wb)) = soc2_ready::spreadsheet::read(name, &bytes) {
            let _ = soc2_ready::spreadsheet::detect(&wb, &Default::default());
        }
    }

    /// A real workbook with one sheet part damaged at a random place is refused or read, never a panic.
    #[test]
    fn damaged_sheet_xml_never_panics(cut in 0usize..3000, junk in "[<>&\"a-z/ ]{0,12}") {
        let original = fx::caiq_like(4, false);
        let mut zip = zip::ZipArchive::new(Cursor::new(original.as_slice())).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            if name == "xl/worksheets/sheet2.xml" {
                let at = cut.min(data.len());
                data.splice(at..at, junk.bytes());
            }
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&data).unwrap();
        }
        let bytes = out.finish().unwrap().into_inner();
        if let Ok((_, wb)) = soc2_ready::spreadsheet::read("x.xlsx", &bytes) {
            let _ = soc2_ready::spreadsheet::detect(&wb, &Default::default());
        }
    }
}
