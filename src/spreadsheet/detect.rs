//! Finding the questions in a workbook: which sheets hold them, the header row(s) by their words, the id,
//! question, answer and comment columns, section rows, and every question's cells and answer vocabulary.
//! The user can override every choice; the detection says what it chose so one more command fixes it.

use serde::Serialize;

use super::ReadError;
use super::cell_ref::{CellRef, column_letters};
use super::workbook::{Sheet, Workbook};

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 60;

/// What the user told the importer; anything `None` or empty is detected.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sheets: Vec<String>,
    pub header_row: Option<u32>,
    pub id_col: Option<u32>,
    pub question_col: Option<u32>,
    pub answer_col: Option<u32>,
    pub comment_col: Option<u32>,
}

/// The columns of one sheet's question table (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Columns {
    pub id: Option<u32>,
    pub question: u32,
    pub answer: u32,
    pub comment: Option<u32>,
}

/// What was chosen for one sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetChoice {
    pub sheet: String,
    /// The first header row, then every repeated header row (each starts a section).
    pub header_rows: Vec<u32>,
    pub columns: Columns,
    pub questions: usize,
}

/// One question found in the workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundQuestion {
    pub sheet: String,
    pub row: u32,
    pub id: String,
    pub text: String,
    pub answer_cell: CellRef,
    pub comment_cell: Option<CellRef>,
    pub formula: bool,
    pub locked: bool,
    pub merged: bool,
    pub vocabulary: Vec<String>,
    /// What the answer and comment cells hold now (a filled-in copy already has answers).
    pub answer: String,
    pub comment: String,
    /// The comment column's header (`Additional Information`), when the sheet has a header row.
    pub comment_label: String,
    /// The other answer fields a template names (CAIQ's control ownership), with what they hold now.
    pub fields: Vec<FoundField>,
}

/// One more answer field of a question row, found through the template's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundField {
    pub name: String,
    /// The header's words for it.
    pub label: String,
    pub cell: CellRef,
    pub vocabulary: Vec<String>,
    /// A formula, a locked cell or a merged one other than its top-left: never written.
    pub read_only: bool,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundSection {
    pub title: String,
    pub questions: Vec<FoundQuestion>,
}

/// Everything the detection found: its choices (to print and confirm) and the questions by section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// The standard template recognised (`CAIQ v4`, `HECVAT 4`), whose profile chose the sheets and columns.
    pub template: Option<String>,
    pub choices: Vec<SheetChoice>,
    /// Sheets looked at and not used, with why.
    pub skipped: Vec<(String, String)>,
    pub sections: Vec<FoundSection>,
}

impl Detection {
    pub fn questions(&self) -> impl Iterator<Item = &FoundQuestion> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The respondent's questions: a row whose answer cell is a formula (it copies an answer given
    /// elsewhere) is kept read-only but is not one of them.
    pub fn question_count(&self) -> usize {
        self.questions().filter(|q| !q.formula).count()
    }

    /// The rows kept read-only and not counted as the respondent's: their answer cell is a formula.
    pub fn read_only_rows(&self) -> usize {
        self.questions().filter(|q| q.formula).count()
    }

    /// The counts an import shows before it is confirmed: the respondent's questions, the read-only rows
    /// not counted, and every sheet of `wb` left out with why (hidden sheets and sheets not chosen too).
    pub fn counts(&self, wb: &Workbook) -> Counts {
        let mut left_out = Vec::new();
        for sheet in &wb.sheets {
            if self.choices.iter().any(|c| c.sheet == sheet.name) {
                continue;
            }
            let why = match self.skipped.iter().find(|(s, _)| *s == sheet.name) {
                Some((_, why)) => why.clone(),
                None if sheet.hidden => "a hidden sheet (lists and settings)".to_string(),
                None => "not chosen".to_string(),
            };
            left_out.push((sheet.name.clone(), why));
        }
        Counts { questions: self.question_count(), read_only: self.read_only_rows(), left_out }
    }

    /// What was chosen for the first sheet, as the choices a user would make to change it: each front end
    /// says it in its own terms (the command line as its options, the interface as its form's keys).
    pub fn suggestion(&self) -> Option<Suggestion> {
        self.choices.first().map(|c| Suggestion {
            sheet: (!c.sheet.is_empty()).then(|| c.sheet.clone()),
            header_row: c.header_rows.first().copied().unwrap_or(0),
            id: c.columns.id,
            question: c.columns.question,
            answer: c.columns.answer,
            comment: c.columns.comment,
        })
    }

    /// A short account of what was chosen, sheet by sheet, and of every sheet skipped with why.
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = &self.template {
            out.push(format!("recognised a {t} workbook: its own answer sheets and columns are used"));
        }
        for c in &self.choices {
            let col = |n: Option<u32>| n.map_or("none".to_string(), column_letters);
            let headers: Vec<String> = c.header_rows.iter().map(u32::to_string).collect();
            let place = if c.sheet.is_empty() {
                "the CSV file".to_string()
            } else {
                format!("sheet `{}`", crate::text::one_line(&c.sheet))
            };
            out.push(format!(
                "{place}: header row {}, id column {}, question column {}, answer column {}, comment column {}: {} questions",
                headers.join(", "),
                col(c.columns.id),
                column_letters(c.columns.question),
                column_letters(c.columns.answer),
                col(c.columns.comment),
                c.questions
            ));
        }
        for (sheet, why) in &self.skipped {
            out.push(format!("skipped sheet `{}`: {why}", crate::text::one_line(sheet)));
        }
        out
    }
}

/// The detection's choice for its first sheet, as data: the sheet (none for a CSV file), the header row
/// (0: none) and the columns (1-based). A front end shows it as the way to change what was detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub sheet: Option<String>,
    pub header_row: u32,
    pub id: Option<u32>,
    pub question: u32,
    pub answer: u32,
    pub comment: Option<u32>,
}

/// Why a workbook gave no questions to import, with what and where.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NoQuestions {
    /// The user named a sheet the workbook does not have.
    #[error("the workbook has no sheet `{wanted}`; its sheets are {}", quoted(.sheets))]
    NoSuchSheet { wanted: String, sheets: Vec<String> },
    /// No sheet had a question table: every sheet looked at, with why it was skipped. The user can name
    /// the sheet, the header row and the question and answer columns.
    #[error("no recognisable question column ({})", skipped_list(.skipped))]
    NoTable { skipped: Vec<(String, String)> },
    /// A built-in template's profile is broken (a bug in the template, not in the file).
    #[error(transparent)]
    Template(#[from] super::templates::TemplateError),
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn skipped_list(skipped: &[(String, String)]) -> String {
    if skipped.is_empty() {
        return "no sheet to read".to_string();
    }
    let place = |s: &str| if s.is_empty() { "the file".to_string() } else { format!("`{s}`") };
    skipped.iter().map(|(s, w)| format!("{}: {w}", place(s))).collect::<Vec<_>>().join("; ")
}

/// Why a sheet's question table has no usable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ColumnProblem {
    #[error("no answer column (no header says Answer or Response)")]
    NoAnswer,
    #[error("no question column (no header says Question, and no column of text left of the answers)")]
    NoQuestion,
    #[error("the question and answer columns are both {}", column_letters(*.0))]
    Same(u32),
}

/// What an import will take from a workbook, counted (see [`Detection::counts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// The respondent's questions.
    pub questions: usize,
    /// Rows whose answer cell is a formula: kept read-only, not counted.
    pub read_only: usize,
    /// Sheets not imported, with why.
    pub left_out: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Id,
    Question,
    Answer,
    Comment,
}

/// Header words folded to lower-case letters, digits and single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '#' || c == '/' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn role(header: &str) -> Option<Role> {
    let t = fold(header);
    if t.is_empty() || t.len() > 60 || t.contains("analyst") || t.contains("guidance") || t.contains("control") {
        return None;
    }
    const IDS: [&str; 17] = [
        "id",
        "#",
        "no",
        "nr",
        "num",
        "number",
        "ref",
        "ref #",
        "ref no",
        "reference",
        "item",
        "question id",
        "question #",
        "question no",
        "question number",
        "ques num",
        "qid",
    ];
    if IDS.contains(&t.as_str()) {
        return Some(Role::Id);
    }
    if [
        "comment",
        "additional information",
        "additional info",
        "explanation",
        "remarks",
        "notes",
        "note",
        "implementation description",
        "details",
        "justification",
        "evidence",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        return Some(Role::Comment);
    }
    if t.contains("answer") || t.contains("response") || ["yes/no", "y/n", "reply"].contains(&t.as_str()) {
        return Some(Role::Answer);
    }
    if t.contains("question") || t.contains("request") || t.contains("requirement") {
        return Some(Role::Question);
    }
    None
}

/// The roles a row's cells announce, first column for each role.
fn header_roles(sheet: &Sheet, row: u32) -> [Option<u32>; 4] {
    let mut found = [None; 4];
    for (c, cell) in sheet.row_cells(row) {
        if cell.formula && cell.value.is_empty() {
            continue;
        }
        if let Some(r) = role(&cell.value) {
            let slot = &mut found[r as usize];
            if slot.is_none() {
                *slot = Some(c.col);
            }
        }
    }
    found
}

/// The first row in the top of the sheet that names an answer column (and, ideally, a question column).
fn find_header(sheet: &Sheet) -> Option<u32> {
    let rows = 1..=HEADER_SEARCH_ROWS.min(sheet.max_row());
    let with_both = rows.clone().find(|r| {
        header_roles(sheet, *r).iter().filter(|x| x.is_some()).count() >= 2
            && header_roles(sheet, *r)[Role::Answer as usize].is_some()
    });
    with_both.or_else(|| rows.into_iter().find(|r| header_roles(sheet, *r)[Role::Answer as usize].is_some()))
}

/// The 80 rows under the header (fewer at the bottom of the sheet; no overflow whatever the header).
fn below(header: u32) -> std::ops::RangeInclusive<u32> {
    header.saturating_add(1)..=header.saturating_add(80)
}

/// The column left of the answer column whose cells below the header hold the longest text.
fn longest_text_column(sheet: &Sheet, header: u32, before: u32) -> Option<u32> {
    (1..before)
        .map(|col| {
            let total: usize = below(header).map(|row| sheet.value(CellRef { row, col }).chars().count()).sum();
            (col, total)
        })
        .filter(|(_, total)| *total > 0)
        .max_by_key(|(col, total)| (*total, std::cmp::Reverse(*col)))
        .map(|(col, _)| col)
}

/// A column left of the question column whose cells look like ids (short, no spaces, with a digit).
fn id_like_column(sheet: &Sheet, header: u32, before: u32) -> Option<u32> {
    (1..before).rev().find(|&col| {
        let values: Vec<&str> =
            below(header).map(|row| sheet.value(CellRef { row, col }).trim()).filter(|v| !v.is_empty()).collect();
        values.len() >= 2
            && values
                .iter()
                .filter(|v| v.len() <= 24 && !v.contains(' ') && v.chars().any(|c| c.is_ascii_digit()))
                .count()
                * 10
                >= values.len() * 8
    })
}

fn choose_columns(sheet: &Sheet, header: u32, opts: &Options) -> Result<Columns, ColumnProblem> {
    let roles = if header > 0 { header_roles(sheet, header) } else { [None; 4] };
    let answer = opts.answer_col.or(roles[Role::Answer as usize]).ok_or(ColumnProblem::NoAnswer)?;
    let question = opts
        .question_col
        .or(roles[Role::Question as usize])
        .or_else(|| longest_text_column(sheet, header, answer))
        .ok_or(ColumnProblem::NoQuestion)?;
    let id = opts.id_col.or(roles[Role::Id as usize]).or_else(|| {
        if roles[Role::Question as usize].is_none() { id_like_column(sheet, header, question) } else { None }
    });
    let comment = opts.comment_col.or(roles[Role::Comment as usize]);
    if question == answer {
        return Err(ColumnProblem::Same(answer));
    }
    Ok(Columns { id: id.filter(|i| *i != question && *i != answer), question, answer, comment })
}

/// Find the questions. Errors when no sheet has a recognisable question table.
pub fn detect(wb: &Workbook, opts: &Options) -> Result<Detection, ReadError> {
    for wanted in &opts.sheets {
        if !wb.sheets.iter().any(|s| &s.name == wanted) {
            return Err(ReadError::NoQuestions(NoQuestions::NoSuchSheet {
                wanted: wanted.clone(),
                sheets: wb.sheets.iter().map(|s| s.name.clone()).collect(),
            }));
        }
    }
    let defaulted = opts.sheets.is_empty()
        && opts.header_row.is_none()
        && opts.id_col.is_none()
        && opts.question_col.is_none()
        && opts.answer_col.is_none()
        && opts.comment_col.is_none();
    let profile = if defaulted { super::templates::recognise(wb) } else { None };
    let mut detection = Detection { template: None, choices: Vec::new(), skipped: Vec::new(), sections: Vec::new() };
    if let Some(p) = &profile {
        let cols = p.columns().map_err(NoQuestions::from)?;
        detection.template = Some(p.name.clone());
        let profiled = Options {
            id_col: Some(cols.id),
            question_col: Some(cols.question),
            answer_col: Some(cols.answer),
            comment_col: cols.comment,
            ..Options::default()
        };
        for sheet in &wb.sheets {
            match p.role_of(sheet) {
                super::templates::SheetRole::Respondent => {
                    let header = profiled_header(sheet, cols.answer);
                    let fields = p.extra_fields().map_err(NoQuestions::from)?;
                    let plan =
                        SheetPlan { header, require_id: p.require_id, section_col: cols.section, fields: &fields };
                    detect_sheet(sheet, &profiled, plan, &mut detection);
                }
                super::templates::SheetRole::Analyst => detection
                    .skipped
                    .push((sheet.name.clone(), format!("for the customer's analysts in a {} workbook", p.name))),
                super::templates::SheetRole::Other if !sheet.hidden => detection
                    .skipped
                    .push((sheet.name.clone(), format!("not answered by the respondent in a {} workbook", p.name))),
                super::templates::SheetRole::Other => {}
            }
        }
        for q in detection.sections.iter_mut().flat_map(|s| s.questions.iter_mut()) {
            if p.is_placeholder(&q.answer) {
                q.answer.clear();
            }
        }
        if detection.choices.len() > 1 {
            for section in &mut detection.sections {
                let sheet = section.questions.first().map(|q| q.sheet.clone()).unwrap_or_default();
                if !sheet.is_empty() && section.title != sheet {
                    section.title = format!("{sheet}: {}", section.title);
                }
            }
        }
    } else {
        for sheet in &wb.sheets {
            if !opts.sheets.is_empty() && !opts.sheets.contains(&sheet.name) {
                continue;
            }
            if opts.sheets.is_empty() && sheet.hidden {
                continue;
            }
            let header = match opts.header_row.or_else(|| find_header(sheet)) {
                Some(h) => h,
                None if opts.answer_col.is_some() => 0,
                None => {
                    detection.skipped.push((sheet.name.clone(), "no header row naming an answer column".into()));
                    continue;
                }
            };
            let plan = SheetPlan { header, require_id: false, section_col: None, fields: &[] };
            detect_sheet(sheet, opts, plan, &mut detection);
        }
    }
    if detection.sections.is_empty() {
        return Err(ReadError::NoQuestions(NoQuestions::NoTable { skipped: detection.skipped }));
    }
    Ok(detection)
}

/// How one sheet is read: its header row (0: none), and what a template adds.
#[derive(Debug, Clone, Copy)]
struct SheetPlan<'a> {
    header: u32,
    require_id: bool,
    section_col: Option<u32>,
    /// The template's other answer fields: column and name.
    fields: &'a [(u32, String)],
}

/// A template's sheet: the header is the first row naming an answer in the template's answer column
/// (none on a sheet of general information in the same shape). The template says which column, so the
/// whole sheet is looked through: a HECVAT Triage has its header far below long instructions.
fn profiled_header(sheet: &Sheet, answer: u32) -> u32 {
    sheet
        .rows_from(1)
        .into_iter()
        .find(|&row| role(sheet.raw(CellRef { row, col: answer })) == Some(Role::Answer))
        .unwrap_or(0)
}

fn detect_sheet(sheet: &Sheet, opts: &Options, plan: SheetPlan, detection: &mut Detection) {
    let header = plan.header;
    let columns = match choose_columns(sheet, header, opts) {
        Ok(c) => c,
        Err(why) => {
            detection.skipped.push((sheet.name.clone(), why.to_string()));
            return;
        }
    };
    let (header_rows, sections) = read_rows(sheet, header, columns, plan);
    let count = sections.iter().flat_map(|s| &s.questions).filter(|q| !q.formula).count();
    if count == 0 && sections.iter().any(|s| !s.questions.is_empty()) {
        detection.skipped.push((
            sheet.name.clone(),
            "every answer cell is a formula: a sheet for the customer's analysts, not the respondent".into(),
        ));
        return;
    }
    if count == 0 {
        detection.skipped.push((sheet.name.clone(), format!("no question rows below header row {header}")));
        return;
    }
    detection.choices.push(SheetChoice { sheet: sheet.name.clone(), header_rows, columns, questions: count });
    detection.sections.extend(sections);
}

fn is_header_like(sheet: &Sheet, row: u32, columns: Columns, header_answer: &str) -> bool {
    let here = fold(sheet.raw(CellRef { row, col: columns.answer }));
    !here.is_empty() && here == header_answer
}

/// A cell's cached error value (`#REF!`, `#N/A`): a formula that lost what it pointed at.
pub fn is_error_value(value: &str) -> bool {
    const ERRORS: [&str; 10] =
        ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA"];
    let v = value.trim();
    ERRORS.iter().any(|e| v.eq_ignore_ascii_case(e))
}

/// A copyright line or an end-of-questions marker: never a question, never a section.
pub fn is_footer(text: &str) -> bool {
    let t = text.trim();
    let folded = fold(t);
    t.contains('\u{a9}')
        || t.to_lowercase().starts_with("(c)")
        || folded.starts_with("copyright")
        || folded.contains("all rights reserved")
        || folded == "end of standard"
        || folded == "end of questionnaire"
}

/// A paragraph of instructions rather than a section title: long, or a sentence.
fn is_instruction(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() > 100 || t.ends_with('.') || t.ends_with(':') || t.contains('\n')
}

/// The question's text when the question column only repeats the id: the longest other text on the row,
/// outside the id, answer and comment columns.
fn text_elsewhere(sheet: &Sheet, row: u32, columns: Columns, id: &str) -> Option<String> {
    sheet
        .row_cells(row)
        .filter(|(c, _)| Some(c.col) != columns.id && c.col != columns.answer && Some(c.col) != columns.comment)
        .map(|(_, x)| x.value.trim())
        .filter(|v| !v.is_empty() && *v != id && !is_error_value(v))
        .max_by_key(|v| v.chars().count())
        .map(str::to_string)
}

fn read_rows(sheet: &Sheet, header: u32, columns: Columns, plan: SheetPlan) -> (Vec<u32>, Vec<FoundSection>) {
    let require_id = plan.require_id;
    let header_answer = fold(sheet.raw(CellRef { row: header.max(1), col: columns.answer }));
    let mut header_rows = vec![header];
    let first_title = if header > 0 { section_title(sheet, header, columns) } else { None };
    let mut sections =
        vec![FoundSection { title: first_title.unwrap_or_else(|| sheet.name.clone()), questions: Vec::new() }];
    // The rows there are below the header, never every row number down to the last.
    for row in sheet.rows_from(header.saturating_add(1)) {
        let at = |col| CellRef { row, col };
        if header > 0 && is_header_like(sheet, row, columns, &header_answer) {
            header_rows.push(row);
            let title = section_title(sheet, row, columns).unwrap_or_else(|| format!("{} row {row}", sheet.name));
            sections.push(FoundSection { title, questions: Vec::new() });
            continue;
        }
        let id = columns.id.map(|c| sheet.value(at(c)).trim().to_string()).unwrap_or_default();
        let q_cell = at(columns.question);
        let answer_cell = at(columns.answer);
        let mut text = sheet.value(q_cell).trim().to_string();
        // A formula whose cached value is an error (`#REF!`) in the question or answer cell: no question.
        if is_error_value(&text) || is_error_value(sheet.raw(answer_cell)) || is_error_value(&id) {
            continue;
        }
        if is_footer(&text) || is_footer(&id) {
            continue;
        }
        // The question column repeating the id: the text is elsewhere on the row.
        if !id.is_empty() && text == id {
            text = text_elsewhere(sheet, row, columns, &id).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
        }
        if text.is_empty() {
            // Only an id-column label and nothing else on the row: a section name (not a paragraph of
            // instructions, which names nothing).
            let alone = sheet.row_cells(row).filter(|(_, x)| !x.value.trim().is_empty()).count() == 1;
            if !id.is_empty() && alone && !id.chars().any(|c| c.is_ascii_digit()) && !is_instruction(&id) {
                sections.push(FoundSection { title: id, questions: Vec::new() });
            }
            continue;
        }
        if require_id && id.is_empty() {
            // A template whose every question has an id: an unnumbered row is a title or instructions.
            if !is_instruction(&text) && sheet.raw(answer_cell).trim().is_empty() {
                sections.push(FoundSection { title: text, questions: Vec::new() });
            }
            continue;
        }
        // A band merged across the row (a section title, "End of Standard", a copyright line).
        let banner = sheet.is_merged_non_anchor(q_cell)
            && columns.id.is_some_and(|c| sheet.is_merged_non_anchor(at(c)) || sheet.raw(at(c)) == text)
            || sheet.is_merged_non_anchor(answer_cell) && !sheet.is_merged_non_anchor(q_cell);
        let unnumbered = columns.id.is_some() && id.is_empty();
        let no_answer_cell = sheet.is_locked(answer_cell) && sheet.list_for(answer_cell).is_none();
        if banner || (unnumbered && (no_answer_cell || sheet.raw(answer_cell).is_empty())) {
            if !is_instruction(&text) {
                sections.push(FoundSection { title: text, questions: Vec::new() });
            }
            continue;
        }
        let comment_cell = columns.comment.map(at);
        let fields = plan
            .fields
            .iter()
            .map(|(col, name)| {
                let cell = at(*col);
                FoundField {
                    name: name.clone(),
                    label: header_words(sheet, header, *col).unwrap_or_default(),
                    cell,
                    vocabulary: sheet.list_for(cell).map(<[String]>::to_vec).unwrap_or_default(),
                    read_only: sheet.is_formula(cell) || sheet.is_locked(cell) || sheet.is_merged_non_anchor(cell),
                    value: sheet.raw(cell).trim().to_string(),
                }
            })
            .collect();
        if let Some(title) = plan.section_col.map(|c| sheet.value(at(c)).trim()).filter(|t| !t.is_empty())
            && sections.last().is_none_or(|s| s.title != title)
        {
            sections.push(FoundSection { title: title.to_string(), questions: Vec::new() });
        }
        sections.last_mut().expect("at least one").questions.push(FoundQuestion {
            sheet: sheet.name.clone(),
            row,
            id,
            text,
            answer_cell,
            comment_cell,
            formula: sheet.is_formula(answer_cell),
            locked: sheet.is_locked(answer_cell),
            merged: sheet.is_merged_non_anchor(answer_cell),
            vocabulary: sheet.list_for(answer_cell).map(<[String]>::to_vec).unwrap_or_default(),
            answer: sheet.raw(answer_cell).trim().to_string(),
            comment: comment_cell.map(|c| sheet.raw(c).trim().to_string()).unwrap_or_default(),
            comment_label: columns.comment.and_then(|c| header_words(sheet, header, c)).unwrap_or_default(),
            fields,
        });
    }
    column_vocabulary(&mut sections);
    sections.retain(|s| !s.questions.is_empty());
    (header_rows, sections)
}

/// What the header row says over a column, on one line (none without a header row).
fn header_words(sheet: &Sheet, header: u32, col: u32) -> Option<String> {
    let words = crate::text::one_line(sheet.raw(CellRef { row: header, col }).trim());
    (header > 0 && !words.is_empty()).then_some(words)
}

/// A repeated header row's section title: its text in the question column, else the id column, else the
/// longest text outside the answer and comment columns that is not a header word.
fn section_title(sheet: &Sheet, row: u32, columns: Columns) -> Option<String> {
    let usable = |text: &str| {
        !text.trim().is_empty()
            && role(text).is_none()
            && !fold(text).contains("guidance")
            && !fold(text).contains("analyst")
    };
    let at = |col| sheet.raw(CellRef { row, col });
    if usable(at(columns.question)) {
        return Some(at(columns.question).trim().to_string());
    }
    if let Some(id) = columns.id.filter(|c| usable(at(*c))) {
        return Some(at(id).trim().to_string());
    }
    sheet
        .row_cells(row)
        .filter(|(c, x)| c.col != columns.answer && Some(c.col) != columns.comment && usable(&x.value))
        .map(|(_, x)| x.value.trim().to_string())
        .max_by_key(|t| t.chars().count())
}

/// Where a sheet has no list validation, a small set of short values already in the answer column is the
/// vocabulary (`Y`, `N`, `N/A`); otherwise answers are free text.
fn column_vocabulary(sections: &mut [FoundSection]) {
    let mut seen: Vec<String> = Vec::new();
    let mut filled = 0;
    for q in sections.iter().flat_map(|s| s.questions.iter()).filter(|q| q.vocabulary.is_empty() && !q.formula) {
        if q.answer.is_empty() {
            continue;
        }
        filled += 1;
        if q.answer.chars().count() > 16 {
            return;
        }
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(&q.answer)) {
            seen.push(q.answer.clone());
        }
        if seen.len() > 6 {
            return;
        }
    }
    if seen.len() < 2 || filled < 3 {
        return;
    }
    for q in sections.iter_mut().flat_map(|s| s.questions.iter_mut()).filter(|q| q.vocabulary.is_empty() && !q.formula)
    {
        q.vocabulary = seen.clone();
    }
}
