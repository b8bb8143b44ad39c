//! CSV questionnaires: read into a one-sheet workbook (BOM stripped, `,` `;` or tab detected), and written
//! back with every cell we write neutralised against formula injection.

use super::ReadError;
use super::cell_ref::CellRef;
use super::workbook::{Cell, MAX_ROWS, Sheet, Workbook};

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
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| ReadError::NotAWorkbook(format!("the CSV file is malformed near record {} ({e})", i + 1)))?;
        if out.len() as u32 >= MAX_ROWS {
            return Err(ReadError::TooBig(format!(
                "the CSV file has more than {MAX_ROWS} rows; a questionnaire has at most 10,000 questions"
            )));
        }
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
                let at = CellRef { row: r as u32 + 1, col: c as u32 + 1 };
                sheet.cells.insert(at, Cell { value: value.clone(), ..Cell::default() });
            }
        }
    }
    Ok(Workbook { sheets: vec![sheet] })
}

/// A cell value that a spreadsheet opening the CSV will not run as a formula: one starting with `=`, `+`,
/// `-`, `@`, tab or carriage return gets a leading apostrophe.
pub fn neutralise(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// Write rows as CSV with the given separator; `neutral` says which fields to neutralise.
pub fn write(rows: &[Vec<String>], sep: u8, neutral: impl Fn(usize, usize) -> bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().delimiter(sep).flexible(true).from_writer(Vec::new());
    for (r, row) in rows.iter().enumerate() {
        let fields: Vec<String> =
            row.iter().enumerate().map(|(c, v)| if neutral(r, c) { neutralise(v) } else { v.clone() }).collect();
        w.write_record(&fields).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
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

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Yes"), "Yes");
    }
}
