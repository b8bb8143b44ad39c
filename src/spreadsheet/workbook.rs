//! A workbook as the importer sees it: sheets of cells with their cached values, which cells are formulas,
//! merged ranges, list validations (inline, ranges, and x14 extension validations pointing at hidden
//! sheets) and sheet protection. Read straight from the XLSX parts, so nothing a library skips is lost.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::cell_ref::{CellRef, LAST_COL, LAST_ROW, Range, column_letters};
use super::package::Package;
use super::xml::{attr, entity, local};
use super::{Progress, ReadError, Watch};

/// Most filled rows read from one sheet: far more than any questionnaire, far fewer than a data dump.
pub const MAX_ROWS: u32 = 50_000;
/// Most cells one workbook holds (rows or no rows): 50,000 rows of ten columns.
pub const MAX_CELLS: usize = 500_000;
/// Most text a workbook's cells expand to, a shared string counted every time a cell uses it (50 MB).
pub const MAX_TEXT_BYTES: usize = 50 * 1024 * 1024;
/// Most shared strings read from one workbook.
pub const MAX_SHARED_STRINGS: usize = 1_000_000;
/// Most merged ranges on one sheet.
pub const MAX_MERGES: usize = 50_000;
/// Most cells the merged ranges of one sheet (other than title bands) cover between them.
pub const MAX_MERGED_CELLS: u64 = 1_000_000;
/// Most column ranges (`<col>`) on one sheet: one per column.
pub const MAX_COLUMN_RANGES: usize = LAST_COL as usize;
/// Most ranges the list validations of one sheet name between them.
pub const MAX_VALIDATION_RANGES: usize = 10_000;
/// A merged range over more cells than this is a title band: its cells are not indexed for fill-down.
const BAND_AREA: u64 = 100_000;
/// How many XML events pass between two looks at the watcher (progress, and whether to stop).
const EVENTS_PER_LOOK: u32 = 4096;

/// What a workbook's cells have used so far of [`MAX_CELLS`] and [`MAX_TEXT_BYTES`].
#[derive(Debug, Default)]
struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    /// Count one more cell holding `text` bytes; refuse past the caps.
    fn cell(&mut self, text: usize) -> Result<(), ReadError> {
        self.cells += 1;
        self.text = self.text.saturating_add(text);
        if self.cells > MAX_CELLS {
            return Err(ReadError::TooBig(format!(
                "the workbook has more than {MAX_CELLS} cells; a questionnaire has far fewer"
            )));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(ReadError::TooBig(format!(
                "the workbook's cells expand to more than {} MB of text (shared text counts each time a cell uses it)",
                MAX_TEXT_BYTES / (1024 * 1024)
            )));
        }
        Ok(())
    }
}

/// A row number past the rows a worksheet can have.
fn far_row(sheet: &str, number: &str) -> ReadError {
    ReadError::Malformed(format!(
        "sheet `{sheet}` has a row numbered {number}; a worksheet's rows run from 1 to {LAST_ROW}"
    ))
}

#[derive(Debug, Clone, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// The sheet's part in the package (`xl/worksheets/sheet1.xml`); empty for CSV.
    pub part: String,
    pub cells: BTreeMap<CellRef, Cell>,
    pub merges: Vec<Range>,
    pub validations: Vec<Validation>,
    /// The sheet is protected: its locked cells cannot be edited.
    pub protected: bool,
    /// Per style index, whether a cell with that style is locked (the default is locked).
    pub locked_styles: Vec<bool>,
    /// Default style per column, for cells the sheet does not list.
    pub column_styles: BTreeMap<u32, u32>,
    merge_anchor: HashMap<CellRef, CellRef>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The value as shown: a string, a number as written, or a formula's cached result.
    pub value: String,
    pub formula: bool,
    pub style: Option<u32>,
}

/// A list validation: the cells it covers and the values it offers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validation {
    pub ranges: Vec<Range>,
    pub values: Vec<String>,
    /// The formula the list came from, until resolved.
    pub formula: String,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet { name: name.to_string(), ..Sheet::default() }
    }

    /// The cell's own value, without looking at merges.
    pub fn raw(&self, c: CellRef) -> &str {
        self.cells.get(&c).map_or("", |x| x.value.as_str())
    }

    /// The value a reader sees: a merged cell shows its range's top-left value (fill-down).
    pub fn value(&self, c: CellRef) -> &str {
        self.raw(self.merge_anchor.get(&c).copied().unwrap_or(c))
    }

    pub fn is_formula(&self, c: CellRef) -> bool {
        self.cells.get(&c).is_some_and(|x| x.formula)
    }

    /// Whether the cell lies in a merged range other than at its top-left.
    pub fn is_merged_non_anchor(&self, c: CellRef) -> bool {
        self.merge_anchor.get(&c).is_some_and(|a| *a != c)
    }

    /// Whether the cell is locked on a protected sheet (so the customer's Excel would refuse an edit).
    pub fn is_locked(&self, c: CellRef) -> bool {
        if !self.protected {
            return false;
        }
        let style =
            self.cells.get(&c).and_then(|x| x.style).or_else(|| self.column_styles.get(&c.col).copied()).unwrap_or(0);
        self.locked_styles.get(style as usize).copied().unwrap_or(true)
    }

    /// The values the cell's list validation offers, if it has one.
    pub fn list_for(&self, c: CellRef) -> Option<&[String]> {
        self.validations
            .iter()
            .rev()
            .find(|v| !v.values.is_empty() && v.ranges.iter().any(|r| r.contains(c)))
            .map(|v| v.values.as_slice())
    }

    pub fn max_row(&self) -> u32 {
        self.cells.keys().next_back().map_or(0, |c| c.row)
    }

    /// The cells of one row, left to right (any row number: no arithmetic on it).
    pub fn row_cells(&self, row: u32) -> std::collections::btree_map::Range<'_, CellRef, Cell> {
        self.cells.range(CellRef { row, col: 0 }..=CellRef { row, col: u32::MAX })
    }

    /// The rows from `first` down that hold a cell or lie in an indexed merged range, in order: the rows
    /// there are, never every row number up to the last.
    pub fn rows_from(&self, first: u32) -> Vec<u32> {
        let mut rows: BTreeSet<u32> = self.cells.range(CellRef { row: first, col: 0 }..).map(|(c, _)| c.row).collect();
        rows.extend(self.merge_anchor.keys().map(|c| c.row).filter(|r| *r >= first));
        rows.into_iter().collect()
    }

    /// Record merged ranges (each once) and index their cells for fill-down: small ranges only (bigger
    /// ones are title bands), and at most [`MAX_MERGED_CELLS`] cells between them.
    pub fn set_merges(&mut self, merges: Vec<Range>) -> Result<(), ReadError> {
        self.merge_anchor.clear();
        let mut seen = HashSet::new();
        let merges: Vec<Range> = merges.into_iter().filter(|m| seen.insert(*m)).collect();
        let indexed: u64 = merges.iter().map(Range::area).filter(|a| *a <= BAND_AREA).sum();
        if indexed > MAX_MERGED_CELLS {
            return Err(ReadError::TooBig(format!(
                "sheet `{}`: its merged ranges cover more than {MAX_MERGED_CELLS} cells; a questionnaire merges far fewer",
                self.name
            )));
        }
        for m in merges.iter().filter(|m| m.area() <= BAND_AREA) {
            for row in m.first.row..=m.last.row {
                for col in m.first.col..=m.last.col {
                    self.merge_anchor.insert(CellRef { row, col }, m.first);
                }
            }
        }
        self.merges = merges;
        Ok(())
    }
}

/// Read an XLSX workbook: every sheet, with list validations resolved to their values.
pub fn read_xlsx(bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_xlsx_watched(bytes, &mut |_| true)
}

/// [`read_xlsx`], telling `watch` how far it has got now and then and stopping when it says so.
pub fn read_xlsx_watched(bytes: &[u8], watch: Watch<'_>) -> Result<Workbook, ReadError> {
    let mut pkg = Package::open(bytes)?;
    if pkg.has("EncryptedPackage") || pkg.has("EncryptionInfo") {
        return Err(ReadError::Encrypted);
    }
    let workbook_xml = pkg.read_text("xl/workbook.xml")?.ok_or_else(|| {
        ReadError::NotAWorkbook("the zip package has no xl/workbook.xml (is it a Word or other Office file?)".into())
    })?;
    let rels = pkg.read_text("xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let targets = relationships(&rels)?;
    let listed = sheets_listed(&workbook_xml)?;
    let names = defined_names(&workbook_xml)?;
    let shared = match pkg.read_text("xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x, watch)?,
        None => Vec::new(),
    };
    let locked_styles = match pkg.read_text("xl/styles.xml")? {
        Some(x) => locked_styles(&x)?,
        None => Vec::new(),
    };
    let mut wb = Workbook::default();
    let mut budget = Budget::default();
    let sheets = listed.len();
    for (n, (name, rid, hidden)) in listed.into_iter().enumerate() {
        let progress = Progress { sheet: n + 1, sheets, row: 0 };
        if !watch(progress) {
            return Err(ReadError::Cancelled);
        }
        let Some(target) = targets.get(&rid) else { continue };
        let part = part_path(target);
        let Some(xml) = pkg.read_text(&part)? else { continue };
        let mut sheet = sheet_in(&name, &xml, &shared, &mut budget, &mut *watch, progress)?;
        sheet.hidden = hidden;
        sheet.part = part;
        sheet.locked_styles = locked_styles.clone();
        wb.sheets.push(sheet);
    }
    if wb.sheets.is_empty() {
        return Err(ReadError::NotAWorkbook("the workbook lists no worksheets".into()));
    }
    resolve_lists(&mut wb, &names);
    Ok(wb)
}

/// `worksheets/sheet1.xml` relative to `xl/`, or an absolute `/xl/...` target, as a part name.
pub fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> ReadError {
    ReadError::NotAWorkbook(format!("part {part} is not well-formed XML ({e})"))
}

/// Relationship id to target, from a `.rels` part.
pub fn relationships(xml: &str) -> Result<HashMap<String, String>, ReadError> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event().map_err(|e| xml_error("workbook.xml.rels", e))? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The sheets in workbook order: name, relationship id, hidden. Accepts `<sheet/>` and `<sheet></sheet>`.
pub fn sheets_listed(xml: &str) -> Result<Vec<(String, String, bool)>, ReadError> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event().map_err(|e| xml_error("xl/workbook.xml", e))? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                let rid = attr(&e, "id").unwrap_or_default();
                let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                out.push((name, rid, hidden));
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn defined_names(xml: &str) -> Result<HashMap<String, String>, ReadError> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<(String, String)> = None;
    loop {
        match r.read_event().map_err(|e| xml_error("xl/workbook.xml", e))? {
            Event::Start(e) if local(&e) == "definedName" => {
                current = Some((attr(&e, "name").unwrap_or_default(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&entity(&g));
                }
            }
            Event::End(e) if e.local_name().into_inner() == "definedName" => {
                if let Some((name, text)) = current.take() {
                    out.insert(name.to_lowercase(), text);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn shared_strings(xml: &str, watch: Watch<'_>) -> Result<Vec<String>, ReadError> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut events = 0u32;
    let (mut in_t, mut in_phonetic) = (false, false);
    let mut current = String::new();
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(EVENTS_PER_LOOK) && !watch(Progress::default()) {
            return Err(ReadError::Cancelled);
        }
        if out.len() > MAX_SHARED_STRINGS {
            return Err(ReadError::TooBig(format!(
                "the workbook has more than {MAX_SHARED_STRINGS} shared strings; a questionnaire has far fewer"
            )));
        }
        match r.read_event().map_err(|e| xml_error("xl/sharedStrings.xml", e))? {
            Event::Start(e) => match e.local_name().into_inner() {
                "si" => current.clear(),
                "t" => in_t = !in_phonetic,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().into_inner() == "si" => out.push(String::new()),
            Event::Text(t) if in_t => current.push_str(&t.xml10_content()),
            Event::CData(t) if in_t => current.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if in_t => current.push_str(&entity(&g)),
            Event::End(e) => match e.local_name().into_inner() {
                "si" => out.push(std::mem::take(&mut current)),
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Per cell style (`cellXfs` entry), whether it is locked.
fn locked_styles(xml: &str) -> Result<Vec<bool>, ReadError> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut in_xfs = false;
    loop {
        match r.read_event().map_err(|e| xml_error("xl/styles.xml", e))? {
            Event::Start(e) if local(&e) == "cellXfs" => in_xfs = true,
            Event::End(e) if e.local_name().into_inner() == "cellXfs" => in_xfs = false,
            Event::Start(e) | Event::Empty(e) if in_xfs && local(&e) == "xf" => out.push(true),
            Event::Start(e) | Event::Empty(e) if in_xfs && local(&e) == "protection" => {
                if let (Some(last), Some(v)) = (out.last_mut(), attr(&e, "locked")) {
                    *last = !matches!(v.as_str(), "0" | "false");
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Capture {
    None,
    Value,
    Inline,
    Formula1,
    Sqref,
}

/// One worksheet part: cells (shared strings resolved), merges, validations, protection, column styles.
pub fn read_sheet(name: &str, xml: &str, shared: &[String]) -> Result<Sheet, ReadError> {
    sheet_in(name, xml, shared, &mut Budget::default(), &mut |_| true, Progress::default())
}

/// Column styles from `<col>` ranges, a later range winning where they overlap: each column is set once
/// (the ranges are taken last first, skipping columns already set), whatever the ranges span.
fn paint_columns(ranges: &[(u32, u32, u32)]) -> BTreeMap<u32, u32> {
    let mut out = BTreeMap::new();
    // next[c]: the first column at or after c not yet set (a union-find over columns, paths halved).
    let mut next: Vec<u32> = (0..=LAST_COL + 1).collect();
    fn find(next: &mut [u32], mut c: u32) -> u32 {
        while next[c as usize] != c {
            next[c as usize] = next[next[c as usize] as usize];
            c = next[c as usize];
        }
        c
    }
    for &(min, max, style) in ranges.iter().rev() {
        let mut c = find(&mut next, min);
        while c <= max {
            out.insert(c, style);
            next[c as usize] = c + 1;
            c = find(&mut next, c + 1);
        }
    }
    out
}

fn sheet_in(
    name: &str,
    xml: &str,
    shared: &[String],
    budget: &mut Budget,
    watch: Watch<'_>,
    progress: Progress,
) -> Result<Sheet, ReadError> {
    let part = format!("sheet `{name}`");
    let mut sheet = Sheet::new(name);
    let mut merges = Vec::new();
    let mut columns: Vec<(u32, u32, u32)> = Vec::new();
    let mut validation_ranges = 0usize;
    let mut events = 0u32;
    let mut r = Reader::from_str(xml);
    let (mut row, mut col) = (0u32, 0u32);
    let mut filled_rows = 0u32;
    let mut cell: Option<(CellRef, String, Cell)> = None; // position, type, cell
    let mut text = String::new();
    let mut capture = Capture::None;
    let mut validation: Option<Validation> = None;
    let mut in_inline = false;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(EVENTS_PER_LOOK) && !watch(Progress { row, ..progress }) {
            return Err(ReadError::Cancelled);
        }
        let event = r.read_event().map_err(|e| xml_error(&part, e))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "row" => {
                    // A row's number, as given or one after the last; never past the last row there can be.
                    let given = attr(&e, "r").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
                    let number = match &given {
                        Some(v) if v.bytes().all(|b| b.is_ascii_digit()) => v.parse::<u32>().ok(),
                        _ => row.checked_add(1),
                    };
                    row = match number {
                        Some(n) if (1..=LAST_ROW).contains(&n) => n,
                        _ => {
                            let shown = given
                                .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
                                .unwrap_or_else(|| (u64::from(row) + 1).to_string());
                            return Err(far_row(name, &shown));
                        }
                    };
                    col = 0;
                }
                "c" => {
                    let at = match attr(&e, "r").and_then(|v| CellRef::parse(&v)) {
                        Some(at) => at,
                        None => match col.checked_add(1).filter(|c| *c <= LAST_COL) {
                            Some(col) => CellRef { row, col },
                            None => {
                                return Err(ReadError::Malformed(format!(
                                    "sheet `{name}` has a cell past the last column ({}) on row {row}",
                                    column_letters(LAST_COL)
                                )));
                            }
                        },
                    };
                    col = at.col;
                    let style = attr(&e, "s").and_then(|v| v.parse().ok());
                    let kind = attr(&e, "t").unwrap_or_default();
                    let c = Cell { style, ..Cell::default() };
                    if empty {
                        if style.is_some() {
                            budget.cell(0)?;
                            sheet.cells.insert(at, c);
                        }
                    } else {
                        cell = Some((at, kind, c));
                    }
                }
                "f" if validation.is_some() => {
                    text.clear();
                    capture = Capture::Formula1;
                }
                "f" => {
                    if let Some((_, _, c)) = &mut cell {
                        c.formula = true;
                    }
                }
                "v" if cell.is_some() => {
                    text.clear();
                    capture = Capture::Value;
                }
                "is" => in_inline = true,
                "t" if in_inline => {
                    capture = Capture::Inline;
                }
                "col" => {
                    let min: u32 = attr(&e, "min").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let max: u32 = attr(&e, "max").and_then(|v| v.parse().ok()).unwrap_or(min).min(LAST_COL);
                    if let Some(style) = attr(&e, "style").and_then(|v| v.parse().ok()) {
                        if columns.len() >= MAX_COLUMN_RANGES {
                            return Err(ReadError::TooBig(format!(
                                "sheet `{name}` has more than {MAX_COLUMN_RANGES} column ranges; a sheet has {LAST_COL} columns"
                            )));
                        }
                        if min.max(1) <= max {
                            columns.push((min.max(1), max, style));
                        }
                    }
                }
                "mergeCell" => {
                    if merges.len() >= MAX_MERGES {
                        return Err(ReadError::TooBig(format!(
                            "sheet `{name}` has more than {MAX_MERGES} merged ranges; a questionnaire merges far fewer"
                        )));
                    }
                    merges.extend(attr(&e, "ref").and_then(|v| Range::parse(&v)));
                }
                "sheetProtection" => {
                    sheet.protected = attr(&e, "sheet").is_some_and(|v| v == "1" || v == "true");
                }
                "dataValidation" => {
                    let is_list = attr(&e, "type").is_some_and(|t| t == "list");
                    let v = Validation {
                        ranges: attr(&e, "sqref").map(|s| Range::parse_list(&s)).unwrap_or_default(),
                        ..Validation::default()
                    };
                    if is_list && !empty {
                        validation = Some(v);
                    }
                }
                "formula1" if validation.is_some() => {
                    text.clear();
                    capture = Capture::Formula1;
                }
                "sqref" if validation.is_some() => {
                    text.clear();
                    capture = Capture::Sqref;
                }
                _ => {}
            },
            Event::Text(t) if capture != Capture::None => text.push_str(&t.xml10_content()),
            Event::CData(t) if capture != Capture::None => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if capture != Capture::None => text.push_str(&entity(&g)),
            Event::End(e) => match e.local_name().into_inner() {
                "v" if capture == Capture::Value => capture = Capture::None,
                "t" if capture == Capture::Inline => capture = Capture::None,
                "is" => in_inline = false,
                "c" => {
                    if let Some((at, kind, mut c)) = cell.take() {
                        c.value = match kind.as_str() {
                            "s" => match text.trim().parse::<usize>().ok().and_then(|i| shared.get(i)) {
                                // Counted before it is copied: one string used many times counts each time.
                                Some(s) => {
                                    budget.cell(s.len())?;
                                    s.clone()
                                }
                                None => {
                                    budget.cell(0)?;
                                    String::new()
                                }
                            },
                            "b" => {
                                if text.trim() == "1" {
                                    "TRUE".into()
                                } else {
                                    "FALSE".into()
                                }
                            }
                            _ => std::mem::take(&mut text),
                        };
                        if kind != "s" {
                            budget.cell(c.value.len())?;
                        }
                        text.clear();
                        if !c.value.is_empty() || c.formula || c.style.is_some() {
                            sheet.cells.insert(at, c);
                        }
                    }
                }
                "row" if sheet.row_cells(row).any(|(_, x)| !x.value.is_empty()) => {
                    filled_rows += 1;
                    if filled_rows > MAX_ROWS {
                        return Err(ReadError::TooBig(format!(
                            "sheet `{name}` has more than {MAX_ROWS} filled rows; a questionnaire has at most 10,000 questions (every sheet is read, so split the file or delete the sheets of data)"
                        )));
                    }
                }
                "formula1" | "f" if capture == Capture::Formula1 => {
                    if let Some(v) = &mut validation {
                        v.formula = text.trim().to_string();
                    }
                    capture = Capture::None;
                }
                "sqref" if capture == Capture::Sqref => {
                    if let Some(v) = &mut validation {
                        v.ranges = Range::parse_list(&text);
                    }
                    capture = Capture::None;
                }
                "dataValidation" => {
                    if let Some(v) = validation.take() {
                        validation_ranges += v.ranges.len().max(1);
                        if validation_ranges > MAX_VALIDATION_RANGES {
                            return Err(ReadError::TooBig(format!(
                                "sheet `{name}` has more than {MAX_VALIDATION_RANGES} list validation ranges; a questionnaire has far fewer"
                            )));
                        }
                        sheet.validations.push(v);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    sheet.column_styles = paint_columns(&columns);
    sheet.set_merges(merges)?;
    Ok(sheet)
}

/// Turn every validation's formula into the values it lists: `"Yes,No,NA"`, a range on any sheet
/// (`'Lists'!$A$1:$A$3`, hidden or not), or a defined name for one.
fn resolve_lists(wb: &mut Workbook, names: &HashMap<String, String>) {
    let mut resolved: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (si, sheet) in wb.sheets.iter().enumerate() {
        for (vi, v) in sheet.validations.iter().enumerate() {
            let mut formula = v.formula.trim().trim_start_matches('=').to_string();
            if let Some(target) = names.get(&formula.to_lowercase()) {
                formula = target.trim_start_matches('=').to_string();
            }
            let values = if let Some(inline) = formula.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
                inline.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
            } else {
                list_from_range(wb, si, &formula)
            };
            resolved.push((si, vi, values));
        }
    }
    for (si, vi, values) in resolved {
        wb.sheets[si].validations[vi].values = values;
    }
}

fn list_from_range(wb: &Workbook, own: usize, formula: &str) -> Vec<String> {
    let (sheet, range) = match formula.rsplit_once('!') {
        Some((s, r)) => {
            let name = s.trim_matches('\'').replace("''", "'");
            match wb.sheets.iter().find(|x| x.name == name) {
                Some(sheet) => (sheet, r),
                None => return Vec::new(),
            }
        }
        None => (&wb.sheets[own], formula),
    };
    let Some(range) = Range::parse(range) else { return Vec::new() };
    let mut out = Vec::new();
    for row in range.first.row..=range.last.row.min(range.first.row.saturating_add(200)) {
        for col in range.first.col..=range.last.col.min(range.first.col.saturating_add(20)) {
            let v = sheet.value(CellRef { row, col }).trim();
            if !v.is_empty() && !out.iter().any(|x| x == v) {
                out.push(v.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(a1: &str) -> CellRef {
        CellRef::parse(a1).unwrap()
    }

    #[test]
    fn shared_strings_join_rich_runs_and_skip_phonetics() {
        let xml = "<sst><si><t>plain &amp; simple</t></si><si><r><t>Do you </t></r><r><t xml:space=\"preserve\">encrypt?&#10;Really</t></r><rPh><t>ignored</t></rPh></si><si/></sst>";
        assert_eq!(shared_strings(xml, &mut |_| true).unwrap(), ["plain & simple", "Do you encrypt?\nReally", ""]);
    }

    #[test]
    fn cells_of_every_kind() {
        let shared = vec!["Question".to_string()];
        let xml = "<worksheet><cols><col min=\"3\" max=\"4\" style=\"1\"/></cols><sheetData>\
            <row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>inline &lt;text&gt;</t></is></c><c r=\"C1\" t=\"b\"><v>1</v></c></row>\
            <row r=\"2\"><c r=\"A2\" t=\"str\"><f>Text!A1</f><v>cached</v></c><c r=\"B2\"><v>42</v></c><c><v>7</v></c><c r=\"E2\" s=\"2\"/></row>\
            </sheetData><sheetProtection sheet=\"1\"/><mergeCells><mergeCell ref=\"A5:A7\"/></mergeCells>\
            <dataValidations><dataValidation type=\"list\" sqref=\"C2:C9 E2\"><formula1>\"Yes,No\"</formula1></dataValidation>\
            <dataValidation type=\"whole\" sqref=\"B2\"><formula1>1</formula1></dataValidation></dataValidations></worksheet>";
        let mut s = read_sheet("S", xml, &shared).unwrap();
        s.locked_styles = vec![true, false, true];
        assert_eq!(s.raw(at("A1")), "Question");
        assert_eq!(s.raw(at("B1")), "inline <text>");
        assert_eq!(s.raw(at("C1")), "TRUE");
        assert_eq!(s.raw(at("A2")), "cached");
        assert!(s.is_formula(at("A2")));
        assert_eq!(s.raw(at("C2")), "7", "a cell without a reference follows the one before");
        assert!(s.protected);
        assert!(s.is_locked(at("A2")) && s.is_locked(at("E2")));
        assert!(!s.is_locked(at("D30")), "column style unlocks cells the sheet does not list");
        assert_eq!(s.validations.len(), 1, "only list validations");
        assert_eq!(s.validations[0].ranges.len(), 2);
        assert!(s.is_merged_non_anchor(at("A6")) && !s.is_merged_non_anchor(at("A5")));
    }

    #[test]
    fn sheets_are_listed_whether_or_not_the_tag_is_self_closing() {
        let xml = "<workbook><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"></sheet><sheet name=\"B &amp; C\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>";
        let listed = sheets_listed(xml).unwrap();
        assert_eq!(
            listed,
            [("A".to_string(), "rId1".to_string(), false), ("B & C".to_string(), "rId2".to_string(), true)]
        );
        assert_eq!(part_path("/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(part_path("worksheets/s.xml"), "xl/worksheets/s.xml");
    }
}
