//! The workbook fuzz target (tests/fuzz/fuzz_targets/spreadsheet_reader.rs) as a `cargo test`, for
//! machines without cargo-fuzz: proptest builds hostile workbooks from parts (cells at any reference,
//! of every type, shared strings by any index, merged and column ranges, rows numbered anywhere, text full
//! of markup) and splices junk into the hostile workbooks of `hostile_workbooks.rs`, always zipped
//! properly so the input reaches the sheet parser. The target's rules hold for each: it never panics, and
//! what is read stays within the caps. `SOC2_READY_FUZZ_CASES=N` runs N cases per property (64 by
//! default) to fuzz for longer.

use proptest::prelude::*;
use soc2_ready::spreadsheet::{self, Options, cell_ref, workbook};

use crate::hostile_workbooks::xlsx;

/// The fuzz target's body: refused, or read within the caps and given to detection.
fn holds(name: &str, bytes: &[u8]) {
    let Ok((_, wb)) = spreadsheet::read(name, bytes) else { return };
    let cells: usize = wb.sheets.iter().map(|s| s.cells.len()).sum();
    assert!(cells <= workbook::MAX_CELLS, "{cells} cells read");
    for sheet in &wb.sheets {
        assert!(sheet.max_row() <= cell_ref::LAST_ROW, "row {}", sheet.max_row());
    }
    let _ = spreadsheet::detect(&wb, &Options::default());
}

fn cases() -> u32 {
    std::env::var("SOC2_READY_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

/// A column name, from A to past the last (XFD), and sometimes nonsense.
fn column() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z]{1,2}",
        Just("XFD".to_string()),
        Just("XFE".to_string()),
        Just("ZZZZ".to_string()),
        Just(String::new()),
        "[a-z$]{1,3}",
    ]
}

/// A row number: small, near and past the last row, past u32, zero, negative or not a number.
fn row() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1u64..50).prop_map(|n| n.to_string()),
        1 => Just(cell_ref::LAST_ROW.to_string()),
        1 => Just((u64::from(cell_ref::LAST_ROW) + 1).to_string()),
        1 => Just("4294967297".to_string()),
        1 => Just("99999999999999999999999".to_string()),
        1 => Just("0".to_string()),
        1 => Just("-3".to_string()),
        1 => Just(String::new()),
    ]
}

/// Text with markup and entities in it.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ?]{0,30}",
        Just("&amp;&lt;&#0;&#x1F600;&#xD800;&bogus;".to_string()),
        Just("<![CDATA[x]]>".to_string()),
        "[<>&\"'a-z/ =]{0,20}",
    ]
}

fn cell() -> impl Strategy<Value = String> {
    let kind =
        prop_oneof![Just("inlineStr"), Just("s"), Just("str"), Just("n"), Just("b"), Just("e"), Just("d"), Just("zz"),];
    (column(), row(), kind, text(), 0u64..5_000_000, any::<bool>()).prop_map(|(col, row, kind, text, n, with_ref)| {
        let at = if with_ref { format!(" r=\"{col}{row}\"") } else { String::new() };
        match kind {
            "inlineStr" => format!("<c{at} t=\"inlineStr\"><is><t>{text}</t></is></c>"),
            "s" => format!("<c{at} t=\"s\"><v>{n}</v></c>"),
            _ => format!("<c{at} t=\"{kind}\"><v>{text}</v></c>"),
        }
    })
}

fn sheet() -> impl Strategy<Value = String> {
    let rows = proptest::collection::vec((row(), proptest::collection::vec(cell(), 0..8)), 0..12);
    let loose = proptest::collection::vec(cell(), 0..4);
    let merges = proptest::collection::vec((column(), row(), column(), row(), 1usize..50), 0..4);
    let cols = proptest::collection::vec((0u64..20_000, 0u64..20_000, 1usize..50), 0..3);
    (rows, loose, merges, cols).prop_map(|(rows, loose, merges, cols)| {
        let rows: String = rows.iter().map(|(r, cells)| format!("<row r=\"{r}\">{}</row>", cells.concat())).collect();
        let merges: String = merges
            .iter()
            .map(|(c1, r1, c2, r2, copies)| format!("<mergeCell ref=\"{c1}{r1}:{c2}{r2}\"/>").repeat(*copies))
            .collect();
        let cols: String = cols
            .iter()
            .map(|(min, max, copies)| format!("<col min=\"{min}\" max=\"{max}\"/>").repeat(*copies))
            .collect();
        format!("<cols>{cols}</cols><sheetData>{rows}{}</sheetData><mergeCells>{merges}</mergeCells>", loose.concat())
    })
}

fn shared() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::collection::vec((text(), 1usize..4), 0..6).prop_map(|items| {
        let items: String = items.iter().map(|(t, copies)| format!("<si><t>{t}</t></si>").repeat(*copies)).collect();
        format!("<sst>{items}</sst>")
    }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// A workbook built from hostile parts is refused or read within the caps.
    #[test]
    fn a_workbook_of_hostile_parts_is_refused_or_read_within_the_caps(sheet in sheet(), shared in shared()) {
        holds("q.xlsx", &xlsx(&sheet, shared.as_deref()));
    }

    /// The same parts read as CSV text, and arbitrary bytes as either format.
    #[test]
    fn the_same_text_as_csv_or_arbitrary_bytes_never_panic(
        sheet in sheet(),
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        holds("q.csv", sheet.as_bytes());
        holds("q.csv", &bytes);
        holds("q.xlsx", &bytes);
    }

    /// The hostile workbooks' sheet XML with junk spliced in at any place.
    #[test]
    fn hostile_sheet_xml_with_junk_spliced_in_is_refused_or_read_within_the_caps(
        which in 0usize..3,
        at in any::<prop::sample::Index>(),
        junk in "[<>&\"'a-z0-9/ =:]{0,16}",
    ) {
        let table = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Question</t></is></c></row>\
                     <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Do you encrypt data?</t></is></c></row>";
        let mut sheet = match which {
            0 => format!("<sheetData>{table}<row r=\"1048577\"><c><v>1</v></c></row></sheetData>"),
            1 => format!("<sheetData>{table}</sheetData><mergeCells>{}</mergeCells>", "<mergeCell ref=\"E1:CZ962\"/>".repeat(200)),
            _ => format!("<cols>{}</cols><sheetData>{table}</sheetData>", "<col min=\"1\" max=\"16384\" style=\"1\"/>".repeat(200)),
        };
        let mut cut = at.index(sheet.len() + 1);
        while !sheet.is_char_boundary(cut) {
            cut -= 1;
        }
        sheet.insert_str(cut, &junk);
        holds("q.xlsx", &xlsx(&sheet, None));
    }
}
