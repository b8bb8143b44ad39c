//! Hostile workbooks (issue 18): files a few kilobytes long whose contents say "expand me" (one shared
//! string used by thousands of cells, rows numbered in the billions, merged and column ranges by the
//! hundred thousand, a million cells outside any row) and files that are not files at all (devices,
//! FIFOs). Each is refused with a message naming the limit, or imported, in bounded work: the caps are
//! counted, never timed. The files are built here; `SOC2_READY_WRITE_SEEDS=DIR` also writes them out as
//! seeds for the spreadsheet fuzz target (tests/fuzz/seed.sh does).

use std::io::{Cursor, Write};
use std::path::Path;

use soc2_ready::spreadsheet::{self, Options, ReadError};

use crate::common::Env;

/// A one-sheet workbook (sheet `S`) from the sheet's XML and, if given, the shared strings part.
pub fn xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    put("xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    put(
        "xl/_rels/workbook.xml.rels",
        "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
    );
    put("xl/worksheets/sheet1.xml", &format!("<worksheet>{sheet}</worksheet>"));
    if let Some(shared) = shared {
        put("xl/sharedStrings.xml", shared);
    }
    zip.finish().unwrap().into_inner()
}

/// An inline-string cell.
fn text(at: &str, value: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{value}</t></is></c>")
}

/// A small question table (header on row 1, two questions), to put hostile parts beside.
fn table() -> String {
    format!(
        "<row r=\"1\">{}{}</row><row r=\"2\">{}{}</row><row r=\"3\">{}{}</row>",
        text("A1", "Question"),
        text("B1", "Answer"),
        text("A2", "Do you encrypt customer data at rest?"),
        text("B2", ""),
        text("A3", "Do you review access every quarter?"),
        text("B3", "")
    )
}

/// Attack 1: one 1 MiB shared string referenced by 2,000 cells (2 GB of text once expanded).
pub fn shared_string_amplifier() -> Vec<u8> {
    let shared = format!("<sst><si><t>{}</t></si></sst>", "A".repeat(1 << 20));
    let cells: String = (1..=2_000).map(|n| format!("<c r=\"A{n}\" t=\"s\"><v>0</v></c>")).collect();
    xlsx(&format!("<sheetData><row r=\"1\">{cells}</row></sheetData>"), Some(&shared))
}

/// Attacks 2 and 4: a question table, then one row numbered `row`.
pub fn far_row(row: u64) -> Vec<u8> {
    xlsx(
        &format!("<sheetData>{}<row r=\"{row}\"><c t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>", table()),
        None,
    )
}

/// Attack 3: a question table and 10,000 copies of one large merged range.
pub fn merged_copies() -> Vec<u8> {
    let merges = "<mergeCell ref=\"E1:CZ962\"/>".repeat(10_000);
    xlsx(&format!("<sheetData>{}</sheetData><mergeCells>{merges}</mergeCells>", table()), None)
}

/// Attack 3: 3,000 distinct merged ranges of 96,200 cells each.
pub fn merged_distinct() -> Vec<u8> {
    let merges: String = (1..=3_000).map(|n| format!("<mergeCell ref=\"E{n}:CZ{}\"/>", n + 961)).collect();
    xlsx(&format!("<sheetData>{}</sheetData><mergeCells>{merges}</mergeCells>", table()), None)
}

/// Attack 3 (columns): 100,000 styled column ranges over every column.
pub fn column_ranges() -> Vec<u8> {
    let cols = "<col min=\"1\" max=\"16384\" style=\"1\"/>".repeat(100_000);
    xlsx(&format!("<cols>{cols}</cols><sheetData>{}</sheetData>", table()), None)
}

/// Attack 12: 1,000,000 cells straight in `<sheetData>`, outside any `<row>`.
pub fn cells_outside_rows() -> Vec<u8> {
    let mut cells = String::with_capacity(25_000_000);
    for n in 1..=1_000_000 {
        cells.push_str(&format!("<c r=\"A{n}\"><v>1</v></c>"));
    }
    xlsx(&format!("<sheetData>{cells}</sheetData>"), None)
}

/// The core's answer for a file: the read's error, or how many questions were detected.
fn read(bytes: &[u8]) -> Result<usize, ReadError> {
    let (_, wb) = spreadsheet::read("q.xlsx", bytes)?;
    Ok(spreadsheet::detect(&wb, &Options::default())?.question_count())
}

/// The command's failure: status 1, one line naming the file and saying `expected`; nothing written.
fn refused_by(env: &Env, args: &[&str], expected: &str) {
    let out = env.run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(!env.store().exists() || std::fs::read_dir(env.store()).unwrap().count() == 0, "nothing written");
}

/// `import` and `library add` both refuse the file with `expected`.
fn refused(name: &str, bytes: &[u8], expected: &str) {
    let env = Env::new();
    let file = env.file(name, bytes);
    let file = file.to_str().unwrap();
    refused_by(&env, &["import", file, "--no-open"], expected);
    refused_by(&env, &["library", "add", file], expected);
    assert!(!env.home.path().join("library.json").exists(), "the library is not written");
}

#[test]
fn a_shared_string_used_two_thousand_times_is_refused_as_expanding_too_much() {
    let bytes = shared_string_amplifier();
    assert!(bytes.len() < 8_000, "a small file: {} bytes", bytes.len());
    let expected = "the workbook's cells expand to more than 50 MB of text";
    assert!(matches!(read(&bytes), Err(ReadError::TooBig(m)) if m.contains(expected)));
    refused("amplifier.xlsx", &bytes, expected);
}

#[test]
fn rows_numbered_past_the_last_row_are_refused_without_walking_or_wrapping() {
    for row in [4_000_000_000u64, 4_294_967_295, 1_048_577] {
        let bytes = far_row(row);
        assert!(bytes.len() < 2_000, "{} bytes", bytes.len());
        let expected = format!("sheet `S` has a row numbered {row}; a worksheet's rows run from 1 to 1048576");
        match read(&bytes) {
            Err(ReadError::Malformed(m)) => assert!(m.contains(&expected), "{m}"),
            other => panic!("row {row}: {other:?}"),
        }
        refused("far.xlsx", &bytes, &expected);
    }
    // The last row a worksheet can have is read (its `x` is a third question), and only the rows present
    // are walked to get there.
    assert_eq!(read(&far_row(1_048_576)).unwrap(), 3);
}

#[test]
fn a_row_without_a_number_after_the_last_row_is_refused() {
    let sheet = format!(
        "<sheetData><row r=\"1048576\">{}</row><row>{}</row></sheetData>",
        text("A1048576", "x"),
        text("B2", "y")
    );
    assert!(matches!(read(&xlsx(&sheet, None)), Err(ReadError::Malformed(m)) if m.contains("row numbered 1048577")));
    let sheet = "<sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row></sheetData>";
    assert!(
        matches!(read(&xlsx(sheet, None)), Err(ReadError::Malformed(m)) if m.contains("a cell past the last column (XFD)")),
        "{:?}",
        read(&xlsx(sheet, None))
    );
}

#[test]
fn the_header_row_flag_past_the_last_row_is_a_usage_error() {
    let env = Env::new();
    let file = env.file("q.xlsx", far_row(5));
    let out = env.run(&["import", file.to_str().unwrap(), "--header-row", "4294967295", "--dry-run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--header-row") && stderr.contains("1048576"), "{stderr}");
    // The core takes any number without overflowing: a header row below every cell finds no questions.
    let (_, wb) = spreadsheet::read("q.xlsx", &far_row(5)).unwrap();
    let opts = Options { header_row: Some(u32::MAX), ..Options::default() };
    assert!(matches!(spreadsheet::detect(&wb, &opts), Err(ReadError::NoQuestions(_))));
}

#[test]
fn ten_thousand_copies_of_a_merged_range_are_read_once() {
    let bytes = merged_copies();
    assert!(bytes.len() < 4_000, "{} bytes", bytes.len());
    assert_eq!(read(&bytes).unwrap(), 2);
    let env = Env::new();
    let file = env.file("merged.xlsx", &bytes);
    let out = env.run(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 questions"));
}

#[test]
fn merged_ranges_covering_too_many_cells_or_too_many_of_them_are_refused() {
    let bytes = merged_distinct();
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
    let expected = "sheet `S`: its merged ranges cover more than 1000000 cells";
    assert!(matches!(read(&bytes), Err(ReadError::TooBig(m)) if m.contains(expected)));
    refused("merged.xlsx", &bytes, expected);
    let many = "<mergeCell ref=\"A1:A2\"/>".repeat(50_001);
    let bytes = xlsx(&format!("<sheetData>{}</sheetData><mergeCells>{many}</mergeCells>", table()), None);
    let expected = "sheet `S` has more than 50000 merged ranges";
    assert!(matches!(read(&bytes), Err(ReadError::TooBig(m)) if m.contains(expected)));
}

#[test]
fn a_hundred_thousand_column_ranges_are_refused() {
    let bytes = column_ranges();
    let expected = "sheet `S` has more than 16384 column ranges";
    assert!(matches!(read(&bytes), Err(ReadError::TooBig(m)) if m.contains(expected)));
    refused("cols.xlsx", &bytes, expected);
    // A few ranges keep their styles, the later one winning where they overlap.
    let sheet = format!(
        "<cols><col min=\"1\" max=\"16384\" style=\"1\"/><col min=\"3\" max=\"3\" style=\"2\"/></cols><sheetData>{}</sheetData><sheetProtection sheet=\"1\"/>",
        table()
    );
    let (_, mut wb) = spreadsheet::read("q.xlsx", &xlsx(&sheet, None)).unwrap();
    let s = &mut wb.sheets[0];
    s.locked_styles = vec![true, false, true];
    let at = |a1| soc2_ready::spreadsheet::cell_ref::CellRef::parse(a1).unwrap();
    assert!(!s.is_locked(at("D9")) && !s.is_locked(at("XFD1")) && s.is_locked(at("C9")));
}

#[test]
fn a_million_cells_outside_rows_are_counted_and_refused() {
    let bytes = cells_outside_rows();
    let expected = "the workbook has more than 500000 cells";
    assert!(matches!(read(&bytes), Err(ReadError::TooBig(m)) if m.contains(expected)));
    refused("cells.xlsx", &bytes, expected);
}

#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_without_reading_it() {
    let env = Env::new();
    let fifo = env.work.path().join("q.xlsx");
    make_fifo(&fifo);
    let shown = fifo.display().to_string();
    for args in [vec!["import", &shown, "--no-open"], vec!["library", "add", &shown]] {
        refused_by(&env, &args, &format!("{shown} is a FIFO, not a regular file"));
    }
    refused_by(&env, &["import", "/dev/zero", "--dry-run"], "/dev/zero is a character device, not a regular file");
    refused_by(&env, &["import", "/dev/stdin", "--dry-run"], "not a regular file");
    refused_by(&env, &["import", env.work.path().to_str().unwrap(), "--dry-run"], "is a folder");
}

/// Export with a FIFO where the customer's original would be, beside the output: the FIFO is not read
/// (it would block for ever), and the export is written.
#[cfg(unix)]
#[test]
fn a_fifo_beside_an_export_does_not_block_it() {
    let env = Env::new();
    let file = env.file("their.xlsx", far_row(5));
    let made = env.work.path().join("their.json");
    let out = env.run(&["import", file.to_str().unwrap(), "--no-open", "--out", made.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let beside = env.work.path().join("out");
    std::fs::create_dir(&beside).unwrap();
    make_fifo(&beside.join("their.xlsx"));
    let target = beside.join("answered.xlsx");
    let out = env.run(&["export", made.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(target.is_file());
    // A FIFO as the output itself is refused, not read.
    let out = env.run(&["export", made.to_str().unwrap(), "-o", beside.join("their.xlsx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `SOC2_READY_WRITE_SEEDS=DIR cargo test --test it hostile_workbooks::write_fuzz_seeds` writes every
/// hostile file to DIR (tests/fuzz/seed.sh runs it); without the variable it only checks they build.
#[test]
fn write_fuzz_seeds() {
    type Make = fn() -> Vec<u8>;
    let files: [(&str, Make); 6] = [
        ("shared-string-amplifier.xlsx", shared_string_amplifier),
        ("row-4000000000.xlsx", || far_row(4_000_000_000)),
        ("row-4294967295.xlsx", || far_row(4_294_967_295)),
        ("merged-copies.xlsx", merged_copies),
        ("merged-distinct.xlsx", merged_distinct),
        ("column-ranges.xlsx", column_ranges),
    ];
    let dir = std::env::var_os("SOC2_READY_WRITE_SEEDS");
    for (name, make) in files {
        let bytes = make();
        assert!(bytes.starts_with(b"PK"), "{name}");
        if let Some(dir) = &dir {
            std::fs::write(Path::new(dir).join(name), bytes).unwrap();
        }
    }
}
