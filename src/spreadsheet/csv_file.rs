//! CSV questionnaires: read into a one-sheet workbook (BOM stripped, `,` `;` or tab detected), and written
//! back with every cell we write neutralised against formula injection.

use super::ReadError;
use super::cell_ref::{CellRef, LAST_COL, LAST_ROW};
use super::workbook::{Cell, MAX_CELLS, MAX_ROWS, Sheet, Workbook};

/// Most fields read from one CSV file, empty ones included.
pub const MAX_FIELDS: usize = 1_000_000;

/// The separator a CSV file uses: whichever of `,` `;` and tab is most common in its first lines.
pub fn separator(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.matches(c).count();
    [(b';', count(';')), (b'\t', count('\t')), (b',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(c, _)| c)
}

/// The file's text, without a byte-order mark. Refuses binary files.
pub fn text_of(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(ReadError::NotAWorkbook("it is neither an XLSX workbook nor a CSV text file".into()));
    }
    std::str::from_utf8(bytes).map_err(|_| {
        ReadError::NotAWorkbook("the CSV file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\"".into())
    })
}

/// Every record of a CSV file, as rows of fields.
pub fn records(bytes: &[u8]) -> Result<(Vec<Vec<String>>, u8), ReadError> {
    let text = text_of(bytes)?;
    let sep = separator(text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep).from_reader(text.as_bytes());
    let mut out: Vec<Vec<String>> = Vec::new();
    // The reader skips blank lines; a spreadsheet shows each as an empty row. They are put back, so row
    // numbers are the ones the customer sees and the export keeps them. A record's position is where the
    // reader started on it, before the blank lines it skipped.
    let bytes = text.as_bytes();
    let mut filled = 0usize;
    let mut fields = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| ReadError::NotAWorkbook(format!("the CSV file is malformed near record {} ({e})", i + 1)))?;
        let mut at = record.position().map_or(usize::MAX, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        // After a record ended by CR LF the reader stops between the two: that LF is not a blank line.
        if at > 0 && bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        let mut blank = 0usize;
        while let Some(rest) = bytes.get(at..) {
            let end = if rest.starts_with(b"\r\n") {
                2
            } else if rest.starts_with(b"\n") {
                1
            } else {
                break;
            };
            at += end;
            blank += 1;
        }
        // The limit is on filled rows; blank lines only move the numbers.
        filled += 1;
        if filled > MAX_ROWS as usize {
            return Err(ReadError::TooBig(format!(
                "the CSV file has more than {MAX_ROWS} rows; a questionnaire has at most 10,000 questions"
            )));
        }
        // Every line becomes a row and every field a cell: both are bounded whatever the file holds.
        fields += record.len();
        if out.len() + blank >= LAST_ROW as usize || record.len() > LAST_COL as usize || fields > MAX_FIELDS {
            return Err(ReadError::TooBig(format!(
                "the CSV file has more than {} lines, more than {LAST_COL} fields on a line or more than {MAX_FIELDS} fields in all; a questionnaire has far fewer",
                LAST_ROW - 1
            )));
        }
        out.extend(std::iter::repeat_n(Vec::new(), blank));
        out.push(record.iter().map(str::to_string).collect());
    }
    Ok((out, sep))
}

/// A CSV file as a one-sheet workbook.
pub fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (rows, _) = records(bytes)?;
    let mut sheet = Sheet::new("");
    for (r, fields) in rows.iter().enumerate() {
        for (c, value) in fields.iter().enumerate() {
            if !value.is_empty() {
                if sheet.cells.len() >= MAX_CELLS {
                    return Err(ReadError::TooBig(format!(
                        "the CSV file has more than {MAX_CELLS} filled cells; a questionnaire has far fewer"
                    )));
                }
                // Within the caps `records` keeps: fewer than LAST_ROW rows, LAST_COL fields a row.
                let at = CellRef {
                    row: u32::try_from(r + 1).unwrap_or(LAST_ROW),
                    col: u32::try_from(c + 1).unwrap_or(LAST_COL),
                };
                sheet.cells.insert(at, Cell { value: value.clone(), ..Cell::default() });
            }
        }
    }
    Ok(Workbook { sheets: vec![sheet] })
}

/// Whether a CSV file ends its lines with CR LF (as Excel and Windows write them), so that a copy written
/// back keeps the customer's line endings.
pub fn uses_crlf(bytes: &[u8]) -> bool {
    bytes.iter().position(|&b| b == b'\n').is_some_and(|i| i > 0 && bytes[i - 1] == b'\r')
}

/// Write rows as CSV with the given separator and line ending; `neutral` says which fields to neutralise.
pub fn write(rows: &[Vec<String>], sep: u8, crlf: bool, neutral: impl Fn(usize, usize) -> bool) -> Vec<u8> {
    let mut out = Vec::new();
    let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    for (r, row) in rows.iter().enumerate() {
        // An empty row is a blank line, as it was read (a writer would quote it as `""`).
        if row.is_empty() {
            out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            continue;
        }
        let mut w = csv::WriterBuilder::new().delimiter(sep).flexible(true).terminator(terminator).from_writer(out);
        let fields: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| if neutral(r, c) { crate::text::spreadsheet_safe(v).into_owned() } else { v.clone() })
            .collect();
        w.write_record(&fields).expect("writing to memory");
        out = w.into_inner().expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_and_bom() {
        let wb = read_csv("\u{feff}Ref;Question;Answer\n1.1;\"Do you; encrypt?\";Y\n".as_bytes()).unwrap();
        let s = &wb.sheets[0];
        assert_eq!(s.raw(CellRef { row: 1, col: 1 }), "Ref");
        assert_eq!(s.raw(CellRef { row: 2, col: 2 }), "Do you; encrypt?");
    }

    /// Found driving the binary: a title, a blank line, then the table. The blank line was dropped, so the
    /// rows shown were one less than the spreadsheet's and the exported copy lost the line.
    #[test]
    fn blank_lines_are_empty_rows_as_a_spreadsheet_shows_them() {
        let text = "Title\n\nRef;Question;Answer\nA.1;\"Two\nlines\";Yes\n\n\nA.2;Encrypted?;No\n";
        let (rows, sep) = records(text.as_bytes()).unwrap();
        let firsts: Vec<&str> = rows.iter().map(|r| r.first().map_or("", String::as_str)).collect();
        assert_eq!(firsts, ["Title", "", "Ref", "A.1", "", "", "A.2"]);
        let wb = read_csv(text.as_bytes()).unwrap();
        assert_eq!(wb.sheets[0].raw(CellRef { row: 7, col: 3 }), "No");
        let written = String::from_utf8(write(&rows, sep, false, |_, _| false)).unwrap();
        assert_eq!(written, text, "written back line for line");
        // The same with CR LF line ends (what spreadsheets on Windows save).
        let (crlf, _) = records(text.replace('\n', "\r\n").as_bytes()).unwrap();
        let firsts: Vec<&str> = crlf.iter().map(|r| r.first().map_or("", String::as_str)).collect();
        assert_eq!(firsts, ["Title", "", "Ref", "A.1", "", "", "A.2"]);
        let written = String::from_utf8(write(&crlf, sep, true, |_, _| false)).unwrap();
        assert_eq!(written, text.replace('\n', "\r\n"), "CR LF kept, inside quotes too");
    }

    #[test]
    fn line_endings_are_written_as_the_customer_wrote_them() {
        assert!(uses_crlf(b"id,question\r\nA1,Do you?\r\n"));
        assert!(!uses_crlf(b"id,question\nA1,Do you?\n"));
        assert!(!uses_crlf(b"id,question"));
        let rows = vec![vec!["id".to_string(), "q".to_string()], Vec::new(), vec!["A1".to_string(), "yes".to_string()]];
        assert_eq!(write(&rows, b',', true, |_, _| false), b"id,q\r\n\r\nA1,yes\r\n");
        assert_eq!(write(&rows, b',', false, |_, _| false), b"id,q\n\nA1,yes\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(crate::text::spreadsheet_safe(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(crate::text::spreadsheet_safe("Yes"), "Yes");
    }
}
