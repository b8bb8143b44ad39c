//! Writing answers back into a copy of the customer's own workbook. Only the target answer and comment
//! cells change: their sheet parts are edited in place (every other byte of those parts kept), every other
//! zip entry is copied raw, byte for byte. The calculation chain is dropped and a full recalculation asked
//! for on open, so formulas that depend on the answers are fresh. Formula cells, locked cells of protected
//! sheets and merged cells other than the top-left are never written; each is reported as skipped.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write as _};

use quick_xml::Reader;
use quick_xml::events::Event;
use serde::Serialize;
use zip::ZipArchive;
use zip::write::SimpleFileOptions;

use super::cell_ref::CellRef;
use super::csv_file;
use super::workbook::{Sheet, Workbook, read_xlsx};
use super::xml::{attr, escape};

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub struct CellWrite {
    /// The question it answers (for the list of skipped cells).
    pub question: String,
    pub sheet: String,
    /// A1 reference.
    pub cell: String,
    pub value: String,
    /// The row must still hold this id (if not empty) or else this text, or nothing is written.
    pub expect_id: String,
    pub expect_text: String,
}

/// A cell that was not written, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub question: String,
    pub sheet: String,
    pub cell: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub written: usize,
    pub skipped: Vec<Skipped>,
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether the row still holds the question: its id, or else its text, in any cell.
fn row_matches(sheet: &Sheet, row: u32, id: &str, text: &str) -> bool {
    let want = folded(if id.trim().is_empty() { text } else { id });
    if want.is_empty() {
        return true;
    }
    sheet.row_cells(row).any(|(c, _)| folded(sheet.value(*c)) == want)
        || (1..=64).any(|col| folded(sheet.value(CellRef { row, col })) == want)
}

/// Why one cell is not written (the export goes on without it and lists it as skipped).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the workbook has no sheet `{0}` any more")]
    NoSheet(String),
    #[error("`{0}` is not a cell reference")]
    NotACell(String),
    #[error("row {0} no longer holds the question")]
    RowMoved(u32),
    #[error("the cell is a formula")]
    Formula,
    #[error("the cell is locked on a protected sheet")]
    Locked,
    #[error("the cell is inside a merged range, not its top-left")]
    Merged,
    #[error("the text is {units} characters; a spreadsheet cell holds at most {max}", max = MAX_CELL_CHARS)]
    TooLong { units: usize },
}

/// Why nothing was exported (nothing is written then).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "this assessment was not imported from a spreadsheet; export writes back a customer's file (a report is written by the report)"
    )]
    NotImported,
    #[error(transparent)]
    Embedded(#[from] super::import::EmbeddedError),
    /// The output would replace the customer's original file (the front end says how to name another).
    #[error("{path} is the customer's original; refusing to overwrite it (choose another name)")]
    WouldOverwriteOriginal { path: String },
    /// The embedded original no longer reads as a workbook.
    #[error("the customer's file embedded at import cannot be read: {0}")]
    Original(#[from] super::ReadError),
    /// A part of the workbook could not be copied or written: the part and what went wrong.
    #[error("cannot {doing} {part} ({detail})")]
    Package { doing: &'static str, part: String, detail: String },
    #[error("the sheet part {part} is not well-formed XML ({detail})")]
    SheetXml { part: String, detail: String },
    #[error(transparent)]
    Refused(crate::output_file::OutputError),
    #[error("{path}: cannot write the export: {source}")]
    Write { path: String, source: crate::output_file::OutputError },
}

/// Why a cell cannot be written, if it cannot.
fn refusal(wb: &Workbook, w: &CellWrite) -> Result<(usize, CellRef), Refusal> {
    let si = wb.sheets.iter().position(|s| s.name == w.sheet).ok_or_else(|| Refusal::NoSheet(w.sheet.clone()))?;
    let sheet = &wb.sheets[si];
    let at = CellRef::parse(&w.cell).ok_or_else(|| Refusal::NotACell(w.cell.clone()))?;
    if !row_matches(sheet, at.row, &w.expect_id, &w.expect_text) {
        return Err(Refusal::RowMoved(at.row));
    }
    if sheet.is_formula(at) {
        return Err(Refusal::Formula);
    }
    if sheet.is_locked(at) {
        return Err(Refusal::Locked);
    }
    if sheet.is_merged_non_anchor(at) {
        return Err(Refusal::Merged);
    }
    Ok((si, at))
}

/// What an export wrote: how many cells, and every cell skipped (with why).
pub struct FileExport {
    pub written: usize,
    pub skipped: Vec<Skipped>,
}

/// The default name of the export: the original's with `-answered` added.
pub fn default_name(source: &crate::assessment::Source) -> String {
    let (stem, ext) = source.file_name.rsplit_once('.').unwrap_or((&source.file_name, &source.format));
    format!("{stem}-answered.{ext}")
}

/// Export a customer assessment into `out`: the customer's file embedded at import, with only the answer
/// and comment cells changed (or, for `out` ending in `.csv`, a CSV table of the answers). Refuses to
/// overwrite the customer's original. The one export of the command line and the interface.
pub fn export_file(a: &crate::assessment::Assessment, out: &std::path::Path) -> Result<FileExport, ExportError> {
    use crate::spreadsheet::import::{digest, embedded_original};
    let source = a.source.as_ref().ok_or(ExportError::NotImported)?;
    let original = embedded_original(source)?;
    let shown = crate::text::one_line(&out.display().to_string());
    // Only a regular file is read: the write below refuses anything else.
    if let Ok(existing) = super::source_file::read(out)
        && digest(&existing) == source.sha256
    {
        return Err(ExportError::WouldOverwriteOriginal { path: shown });
    }
    let (writes, mut skipped) = writes_for(a);
    let to_csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let exported: Exported = match (source.format.as_str(), to_csv) {
        ("csv", _) => export_csv(&original, &writes)?,
        (_, true) => Exported { written: writes.len(), bytes: answers_table(a, &writes), skipped: Vec::new() },
        (_, false) => export_xlsx(&original, &writes)?,
    };
    // Never over an assessment (this one or another), a folder or a device: only a new or ordinary file.
    crate::output_file::write(out, &exported.bytes, &[]).map_err(|e| match e {
        crate::output_file::OutputError::Refused { .. } => ExportError::Refused(e),
        crate::output_file::OutputError::Write(_) => ExportError::Write { path: shown, source: e },
    })?;
    skipped.extend(exported.skipped);
    Ok(FileExport { written: exported.written, skipped })
}

/// Every answered question as a table (for CSV out of a workbook).
fn answers_table(a: &crate::assessment::Assessment, writes: &[CellWrite]) -> Vec<u8> {
    let mut rows =
        vec![vec!["Sheet".to_string(), "Cell".into(), "Question ID".into(), "Question".into(), "Value".into()]];
    for w in writes {
        let text = a.questionnaire().question(&w.question).map(|(_, q)| q.text.clone()).unwrap_or_default();
        rows.push(vec![w.sheet.clone(), w.cell.clone(), w.expect_id.clone(), text, w.value.clone()]);
    }
    csv_file::write(&rows, b',', false, |_, _| true)
}

/// The cells to write for every answer: the answer in the cell's vocabulary, the customer-facing comment
/// in the comment cell, each other answer field in its own cell. Notes are internal: never written.
pub fn writes_for(a: &crate::assessment::Assessment) -> (Vec<CellWrite>, Vec<Skipped>) {
    let mut writes = Vec::new();
    let mut skipped = Vec::new();
    let Some(source) = &a.source else { return (writes, skipped) };
    let q = a.questionnaire();
    for (id, cell) in &source.cells {
        let Some(answer) = a.answers().get(id) else { continue };
        let Some((_, question)) = q.question(id) else { continue };
        let base = CellWrite {
            question: id.clone(),
            sheet: cell.sheet.clone(),
            cell: String::new(),
            value: String::new(),
            expect_id: cell.id_as_found.clone(),
            expect_text: cell.text_as_found.clone(),
        };
        let value = answer.value.as_ref().map(|v| match v.as_text() {
            Some(t) => question.label_for(t).unwrap_or_else(|| t.to_string()),
            None => crate::assessment::describe(question, v),
        });
        if let Some(value) = value {
            if cell.formula || cell.locked || cell.answer_cell.is_empty() {
                let reason = if cell.formula {
                    "the cell is a formula"
                } else if cell.locked {
                    "the cell is locked"
                } else {
                    "no answer cell"
                };
                skipped.push(Skipped {
                    question: id.clone(),
                    sheet: cell.sheet.clone(),
                    cell: cell.answer_cell.clone(),
                    reason: reason.into(),
                });
            } else {
                writes.push(CellWrite { cell: cell.answer_cell.clone(), value, ..base.clone() });
            }
        }
        // The customer-facing comment goes to the comment cell; the note is internal and never leaves.
        if !answer.comment.is_empty() {
            if cell.comment_cell.is_empty() {
                skipped.push(Skipped {
                    question: id.clone(),
                    sheet: cell.sheet.clone(),
                    cell: String::new(),
                    reason: "the comment has no comment column to go in".into(),
                });
            } else {
                writes.push(CellWrite {
                    cell: cell.comment_cell.clone(),
                    value: answer.comment.clone(),
                    ..base.clone()
                });
            }
        }
        // Every other answer field to its own cell.
        for (name, value) in &answer.fields {
            match cell.field(name) {
                Some(f) if !f.read_only => {
                    writes.push(CellWrite { cell: f.cell.clone(), value: value.clone(), ..base.clone() })
                }
                found => skipped.push(Skipped {
                    question: id.clone(),
                    sheet: cell.sheet.clone(),
                    cell: found.map(|f| f.cell.clone()).unwrap_or_default(),
                    reason: match found {
                        Some(_) => format!("the cell of the field `{name}` is a formula or locked"),
                        None => format!("the file has no cell for the field `{name}`"),
                    },
                }),
            }
        }
    }
    (writes, skipped)
}

/// The most characters a spreadsheet cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// Write the cells into a copy of the XLSX workbook.
pub fn export_xlsx(original: &[u8], writes: &[CellWrite]) -> Result<Exported, ExportError> {
    let wb = read_xlsx(original)?;
    let mut skipped = Vec::new();
    let mut per_part: HashMap<String, BTreeMap<u32, BTreeMap<u32, String>>> = HashMap::new();
    let mut written = 0;
    for w in writes {
        // A cell holds at most 32,767 characters (UTF-16 units, as Excel counts): a longer one makes the
        // workbook "damaged" and is cut on repair, so it is skipped and listed instead.
        let units = w.value.encode_utf16().count();
        let checked = if units > MAX_CELL_CHARS { Err(Refusal::TooLong { units }) } else { refusal(&wb, w) };
        match checked {
            Ok((si, at)) => {
                per_part
                    .entry(wb.sheets[si].part.clone())
                    .or_default()
                    .entry(at.row)
                    .or_default()
                    .insert(at.col, w.value.clone());
                written += 1;
            }
            Err(reason) => skipped.push(Skipped {
                question: w.question.clone(),
                sheet: w.sheet.clone(),
                cell: w.cell.clone(),
                reason: reason.to_string(),
            }),
        }
    }
    let package = |doing: &'static str, part: &str, e: &dyn std::fmt::Display| ExportError::Package {
        doing,
        part: part.to_string(),
        detail: e.to_string(),
    };
    let mut archive = ZipArchive::new(Cursor::new(original)).map_err(|e| package("reopen", "the workbook", &e))?;
    let has_chain = archive.index_for_name("xl/calcChain.xml").is_some();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let name = archive.name_for_index(i).and_then(Result::ok).map(|n| n.to_string()).unwrap_or_default();
        if name == "xl/calcChain.xml" {
            continue;
        }
        let edited: Option<String> = if let Some(cells) = per_part.get(&name) {
            let xml = read_entry(&mut archive, i)?;
            Some(
                edit_sheet(&xml, cells)
                    .map_err(|detail| ExportError::SheetXml { part: name.clone(), detail: detail.to_string() })?,
            )
        } else if name == "xl/workbook.xml" {
            Some(recalculate_on_open(&read_entry(&mut archive, i)?))
        } else if has_chain && (name == "[Content_Types].xml" || name == "xl/_rels/workbook.xml.rels") {
            Some(drop_element_naming(&read_entry(&mut archive, i)?, "calcChain.xml"))
        } else {
            None
        };
        match edited {
            Some(text) => {
                out.start_file(name.as_str(), options).map_err(|e| package("write", &name, &e))?;
                out.write_all(text.as_bytes()).map_err(|e| package("write", &name, &e))?;
            }
            None => {
                let raw = archive.by_index_raw(i).map_err(|e| package("copy", &name, &e))?;
                out.raw_copy_file(raw).map_err(|e| package("copy", &name, &e))?;
            }
        }
    }
    let bytes = out.finish().map_err(|e| package("finish", "the workbook", &e))?.into_inner();
    Ok(Exported { bytes, written, skipped })
}

fn read_entry(archive: &mut ZipArchive<Cursor<&[u8]>>, i: usize) -> Result<String, ExportError> {
    use std::io::Read;
    let failed = |e: &dyn std::fmt::Display| ExportError::Package {
        doing: "read",
        part: "a workbook part".to_string(),
        detail: e.to_string(),
    };
    let mut file = archive.by_index(i).map_err(|e| failed(&e))?;
    let mut text = String::new();
    (&mut file).take(super::package::MAX_PART_BYTES).read_to_string(&mut text).map_err(|e| failed(&e))?;
    Ok(text)
}

/// A plain inline-string cell (never evaluated), keeping the cell's style.
fn cell_xml(at: CellRef, style: Option<&str>, value: &str) -> String {
    let s = style.map(|s| format!(" s=\"{}\"", escape(s))).unwrap_or_default();
    if value.is_empty() {
        return format!("<c r=\"{}\"{s}/>", at.a1());
    }
    format!("<c r=\"{}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", at.a1(), escape(value))
}

fn row_xml(row: u32, cells: &BTreeMap<u32, String>) -> String {
    let mut out = format!("<row r=\"{row}\">");
    for (col, v) in cells {
        out.push_str(&cell_xml(CellRef { row, col: *col }, None, v));
    }
    out.push_str("</row>");
    out
}

/// Rewrite the target cells of one sheet part; every other byte stays as it was. The error is the XML
/// reader's own account of what is not well-formed, and where.
pub fn edit_sheet(xml: &str, targets: &BTreeMap<u32, BTreeMap<u32, String>>) -> Result<String, quick_xml::Error> {
    let mut pending = targets.clone();
    let mut edits: Vec<(usize, usize, String)> = Vec::new(); // (start, end, replacement)
    let mut r = Reader::from_str(xml);
    let (mut row, mut col) = (0u32, 0u32);
    let mut row_pending: BTreeMap<u32, String> = BTreeMap::new();
    let mut replacing: Option<(usize, CellRef, Option<String>, String)> = None;
    let mut in_data = false;
    loop {
        let start = r.buffer_position() as usize;
        let event = r.read_event()?;
        let end = r.buffer_position() as usize;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "sheetData" if empty => {
                    let rows: String = pending.iter().map(|(r, c)| row_xml(*r, c)).collect();
                    edits.push((start, end, format!("<sheetData>{rows}</sheetData>")));
                    pending.clear();
                }
                "sheetData" => in_data = true,
                "row" if in_data => {
                    row = attr(&e, "r").and_then(|v| v.parse().ok()).unwrap_or(row.saturating_add(1));
                    col = 0;
                    let before: Vec<u32> = pending.range(..row).map(|(r, _)| *r).collect();
                    let inserted: String =
                        before.iter().map(|r| row_xml(*r, &pending.remove(r).expect("listed"))).collect();
                    if !inserted.is_empty() {
                        edits.push((start, start, inserted));
                    }
                    row_pending = pending.remove(&row).unwrap_or_default();
                    if empty && !row_pending.is_empty() {
                        let open = xml[start..end].trim_end_matches("/>").to_string();
                        let cells: String =
                            row_pending.iter().map(|(c, v)| cell_xml(CellRef { row, col: *c }, None, v)).collect();
                        edits.push((start, end, format!("{open}>{cells}</row>")));
                        row_pending.clear();
                    }
                }
                "c" if in_data => {
                    let at = attr(&e, "r")
                        .and_then(|v| CellRef::parse(&v))
                        .unwrap_or(CellRef { row, col: col.saturating_add(1) });
                    col = at.col;
                    let before: Vec<u32> = row_pending.range(..col).map(|(c, _)| *c).collect();
                    let inserted: String = before
                        .iter()
                        .map(|c| cell_xml(CellRef { row, col: *c }, None, &row_pending.remove(c).expect("listed")))
                        .collect();
                    if !inserted.is_empty() {
                        edits.push((start, start, inserted));
                    }
                    if let Some(value) = row_pending.remove(&col) {
                        let style = attr(&e, "s");
                        if empty {
                            edits.push((start, end, cell_xml(at, style.as_deref(), &value)));
                        } else {
                            replacing = Some((start, at, style, value));
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "c" => {
                    if let Some((from, at, style, value)) = replacing.take() {
                        edits.push((from, end, cell_xml(at, style.as_deref(), &value)));
                    }
                }
                "row" if in_data => {
                    let cells: String = std::mem::take(&mut row_pending)
                        .into_iter()
                        .map(|(c, v)| cell_xml(CellRef { row, col: c }, None, &v))
                        .collect();
                    if !cells.is_empty() {
                        edits.push((start, start, cells));
                    }
                }
                "sheetData" => {
                    in_data = false;
                    let rows: String = std::mem::take(&mut pending).iter().map(|(r, c)| row_xml(*r, c)).collect();
                    if !rows.is_empty() {
                        edits.push((start, start, rows));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = xml.to_string();
    edits.sort_by_key(|(s, e, _)| (*s, *e));
    for (s, e, text) in edits.into_iter().rev() {
        out.replace_range(s..e, &text);
    }
    Ok(out)
}

/// Ask the spreadsheet to recalculate every formula when the file is opened.
pub fn recalculate_on_open(xml: &str) -> String {
    if let Some(at) = xml.find("<calcPr") {
        let end = at + xml[at..].find('>').unwrap_or(0);
        let tag = &xml[at..end];
        let new_tag = if let Some(p) = tag.find("fullCalcOnLoad=\"") {
            let v = p + "fullCalcOnLoad=\"".len();
            let close = v + tag[v..].find('"').unwrap_or(0);
            format!("{}1{}", &tag[..v], &tag[close..])
        } else {
            format!("<calcPr fullCalcOnLoad=\"1\"{}", &tag["<calcPr".len()..])
        };
        return format!("{}{}{}", &xml[..at], new_tag, &xml[end..]);
    }
    const AFTER_CALC: [&str; 10] = [
        "<oleSize",
        "<customWorkbookViews",
        "<pivotCaches",
        "<smartTagPr",
        "<smartTagTypes",
        "<webPublishing",
        "<fileRecoveryPr",
        "<webPublishObjects",
        "<extLst",
        "</workbook>",
    ];
    match AFTER_CALC.iter().filter_map(|t| xml.find(t)).min() {
        Some(at) => format!("{}<calcPr fullCalcOnLoad=\"1\"/>{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

/// Remove the empty element that mentions `needle` (a content-type override or relationship).
fn drop_element_naming(xml: &str, needle: &str) -> String {
    let Some(hit) = xml.find(needle) else { return xml.to_string() };
    let Some(open) = xml[..hit].rfind('<') else { return xml.to_string() };
    let Some(close) = xml[hit..].find("/>") else { return xml.to_string() };
    format!("{}{}", &xml[..open], &xml[hit + close + 2..])
}

/// Write the cells into a copy of a CSV file, with the written cells neutralised against formula injection.
pub fn export_csv(original: &[u8], writes: &[CellWrite]) -> Result<Exported, ExportError> {
    let (mut rows, sep) = csv_file::records(original)?;
    let wb = csv_file::read_csv(original)?;
    let mut touched = std::collections::HashSet::new();
    let mut skipped = Vec::new();
    // Imports before blank lines were kept as rows numbered the filled lines only: such a row is found by
    // that count when its own number no longer holds the question.
    let filled: Vec<u32> = rows.iter().enumerate().filter(|(_, r)| !r.is_empty()).map(|(i, _)| i as u32 + 1).collect();
    for w in writes {
        let Some(mut at) = CellRef::parse(&w.cell) else { continue };
        let holds = |row: u32| row_matches(&wb.sheets[0], row, &w.expect_id, &w.expect_text);
        if !holds(at.row)
            && let Some(&row) = (at.row as usize).checked_sub(1).and_then(|i| filled.get(i))
            && holds(row)
        {
            at.row = row;
        }
        if !row_matches(&wb.sheets[0], at.row, &w.expect_id, &w.expect_text) {
            skipped.push(Skipped {
                question: w.question.clone(),
                sheet: String::new(),
                cell: w.cell.clone(),
                reason: format!("row {} no longer holds the question", at.row),
            });
            continue;
        }
        let (r, c) = (at.row as usize - 1, at.col as usize - 1);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = w.value.clone();
        touched.insert((r, c));
    }
    let bytes = csv_file::write(&rows, sep, csv_file::uses_crlf(original), |r, c| touched.contains(&(r, c)));
    let bom = if original.starts_with(b"\xEF\xBB\xBF") { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    Ok(Exported { bytes: [bom, bytes].concat(), written: touched.len(), skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An assessment imported before blank lines were kept as rows has the answer cell by the count of
    /// filled lines (C3 below); its answer still lands beside its question, and the blank line stays.
    #[test]
    fn a_csv_answer_cell_numbered_without_blank_lines_still_finds_its_row() {
        let original = "Title\n\nRef,Question,Answer\nA.1,Do you use MFA?,\n";
        let write = |cell: &str| CellWrite {
            question: "a.1".into(),
            sheet: String::new(),
            cell: cell.into(),
            value: "Yes".into(),
            expect_id: "A.1".into(),
            expect_text: "Do you use MFA?".into(),
        };
        for cell in ["C4", "C3"] {
            let done = export_csv(original.as_bytes(), &[write(cell)]).unwrap();
            assert_eq!((done.written, done.skipped.len()), (1, 0), "{cell}");
            let text = String::from_utf8(done.bytes).unwrap();
            assert_eq!(text, "Title\n\nRef,Question,Answer\nA.1,Do you use MFA?,Yes\n", "{cell}");
        }
        let done = export_csv(original.as_bytes(), &[write("C2")]).unwrap();
        assert_eq!(done.skipped.len(), 1, "a row that holds another question is still skipped");
    }

    fn targets(cells: &[(u32, u32, &str)]) -> BTreeMap<u32, BTreeMap<u32, String>> {
        let mut out: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
        for (r, c, v) in cells {
            out.entry(*r).or_default().insert(*c, v.to_string());
        }
        out
    }

    const HEAD: &str = "<worksheet><sheetData>";
    const TAIL: &str = "</sheetData><mergeCells count=\"0\"/></worksheet>";

    #[test]
    fn an_existing_cell_is_replaced_keeping_its_style() {
        let xml = format!(
            "{HEAD}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" s=\"5\" t=\"s\"><v>1</v></c></row>{TAIL}"
        );
        let out = edit_sheet(&xml, &targets(&[(2, 3, "Yes & no")])).unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" s=\"5\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Yes &amp; no</t></is></c></row>{TAIL}"
            )
        );
    }

    #[test]
    fn missing_cells_and_rows_are_inserted_in_order() {
        let xml = format!(
            "{HEAD}<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"D2\"><v>2</v></c></row><row r=\"5\"/><row r=\"7\"><c r=\"A7\"><v>3</v></c></row>{TAIL}"
        );
        let out =
            edit_sheet(&xml, &targets(&[(2, 2, "b"), (2, 6, "f"), (4, 1, "x"), (5, 3, "y"), (9, 1, "z")])).unwrap();
        let cell =
            |r: &str, v: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{v}</t></is></c>");
        assert_eq!(
            out,
            format!(
                "{HEAD}<row r=\"2\"><c r=\"A2\"><v>1</v></c>{}<c r=\"D2\"><v>2</v></c>{}</row><row r=\"4\">{}</row><row r=\"5\">{}</row><row r=\"7\"><c r=\"A7\"><v>3</v></c></row><row r=\"9\">{}</row>{TAIL}",
                cell("B2", "b"),
                cell("F2", "f"),
                cell("A4", "x"),
                cell("C5", "y"),
                cell("A9", "z")
            )
        );
    }

    #[test]
    fn an_empty_sheet_gets_its_rows() {
        let out = edit_sheet("<worksheet><sheetData/></worksheet>", &targets(&[(1, 1, "a")])).unwrap();
        assert_eq!(
            out,
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a</t></is></c></row></sheetData></worksheet>"
        );
    }

    #[test]
    fn recalculation_is_asked_for_once() {
        assert_eq!(
            recalculate_on_open("<workbook><calcPr calcId=\"1\"/></workbook>"),
            "<workbook><calcPr fullCalcOnLoad=\"1\" calcId=\"1\"/></workbook>"
        );
        assert_eq!(
            recalculate_on_open("<workbook><calcPr fullCalcOnLoad=\"0\"/></workbook>"),
            "<workbook><calcPr fullCalcOnLoad=\"1\"/></workbook>"
        );
        assert_eq!(
            recalculate_on_open("<workbook><sheets/><extLst/></workbook>"),
            "<workbook><sheets/><calcPr fullCalcOnLoad=\"1\"/><extLst/></workbook>"
        );
    }
}
