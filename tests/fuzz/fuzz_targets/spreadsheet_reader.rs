//! A customer's workbook on arbitrary bytes, read as `import` and `library add` read it: it may be refused,
//! it must never panic, and what is read stays within the reader's caps.

#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_ready::spreadsheet::{self, Options, workbook};

fuzz_target!(|data: &[u8]| {
    for name in ["q.xlsx", "q.csv"] {
        let Ok((_, wb)) = spreadsheet::read(name, data) else { continue };
        let cells: usize = wb.sheets.iter().map(|s| s.cells.len()).sum();
        assert!(cells <= workbook::MAX_CELLS, "{cells} cells read");
        for sheet in &wb.sheets {
            assert!(sheet.max_row() <= spreadsheet::cell_ref::LAST_ROW, "row {}", sheet.max_row());
        }
        let _ = spreadsheet::detect(&wb, &Options::default());
    }
});
