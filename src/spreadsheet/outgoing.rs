//! A questionnaire of ours sent out as a workbook (the vendor fills it in with Excel or LibreOffice), and the
//! filled copy read back as an assessment of that questionnaire.

use super::cell_ref::{CellRef, column_letters};
use super::detect::Detection;
use super::import::{ImportFile, to_assessment};
use super::new_workbook::{NewCell, NewSheet, NewWorkbook};
use super::workbook::Workbook;
use crate::assessment::model::change::{self, Change, Ctx};
use crate::assessment::model::progress::Visibility;
use crate::assessment::{Assessment, parse_answer};
use crate::questionnaire::{Question, QuestionType, Questionnaire, catalog};

/// The hidden sheet that says which questionnaire a workbook carries.
pub const MARKER_SHEET: &str = "soc2-ready";
const MARKER: &str = "soc2-ready questionnaire";
/// Columns of the question sheet.
const ID: u32 = 1;
const SECTION: u32 = 2;
const QUESTION: u32 = 3;
const ANSWER: u32 = 4;
const COMMENT: u32 = 5;
const GUIDANCE: u32 = 6;

fn how_to_answer(q: &Question) -> &'static str {
    match q.kind {
        QuestionType::Multi => " (Several answers: separate them with `;`.)",
        QuestionType::Number => " (A number.)",
        QuestionType::Date => " (A date as YYYY-MM-DD.)",
        _ => "",
    }
}

/// The workbook: instructions, the questions (protected, only answers and comments editable, dropdowns
/// for choices) and two hidden sheets: the dropdown lists and the marker.
pub fn workbook_for(q: &Questionnaire) -> Vec<u8> {
    let mut intro = NewSheet::new("Instructions");
    intro.widths.push((1, 110.0));
    let lines = [
        q.title.clone(),
        String::new(),
        "Please answer every question on the `Questions` sheet:".to_string(),
        "1. Pick an answer from the dropdown in the Answer column (column D).".to_string(),
        "2. Explain or point to evidence in the Comments column (column E).".to_string(),
        "3. Only the Answer and Comments columns can be edited; the question columns are locked.".to_string(),
        "4. Save the file as .xlsx and send it back. Do not rename, add or delete rows.".to_string(),
        String::new(),
        format!("Questionnaire `{}`, version {}.", q.id, q.version),
    ];
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            intro.text(i as u32 + 1, 1, line);
        }
    }
    let mut sheet = NewSheet::new("Questions");
    sheet.protected = true;
    sheet.unlocked_columns = vec![ANSWER, COMMENT];
    sheet.widths =
        vec![(ID, 22.0), (SECTION, 24.0), (QUESTION, 70.0), (ANSWER, 30.0), (COMMENT, 50.0), (GUIDANCE, 60.0)];
    for (col, title) in [
        (ID, "Question ID"),
        (SECTION, "Section"),
        (QUESTION, "Question"),
        (ANSWER, "Answer"),
        (COMMENT, "Comments"),
        (GUIDANCE, "Guidance"),
    ] {
        sheet.text(1, col, title);
    }
    let mut lists = NewSheet::new("Lists");
    lists.hidden = true;
    let mut row = 1;
    let mut list_row = 0;
    for (section, question) in q.questions() {
        row += 1;
        sheet.text(row, ID, &question.id).text(row, SECTION, &section.title);
        sheet.text(row, QUESTION, &format!("{}{}", question.text, how_to_answer(question)));
        sheet.text(row, GUIDANCE, &question.help);
        sheet.set(row, ANSWER, NewCell::Blank).set(row, COMMENT, NewCell::Blank);
        if matches!(question.kind, QuestionType::Choice | QuestionType::Yesno | QuestionType::Maturity) {
            list_row += 1;
            let offered = question.offered();
            for (i, o) in offered.iter().enumerate() {
                lists.text(list_row, i as u32 + 1, o.label);
            }
            let last = column_letters(offered.len() as u32);
            sheet
                .x14_lists
                .push((CellRef { row, col: ANSWER }.a1(), format!("Lists!$A${list_row}:${last}${list_row}")));
        }
    }
    let mut marker = NewSheet::new(MARKER_SHEET);
    marker.hidden = true;
    marker.text(1, 1, MARKER).text(1, 2, &q.id).text(2, 1, "version").text(2, 2, &q.version);
    NewWorkbook { sheets: vec![intro, sheet, lists, marker], ..NewWorkbook::default() }.to_bytes()
}

/// A workbook written by [`workbook_for`] and filled in, read back as an assessment of that questionnaire
/// (with the vendor's answers); `None` for any other workbook.
pub fn as_vendor_assessment(wb: &Workbook, d: &Detection, file: &ImportFile<'_>) -> Option<Assessment> {
    let marker = wb.sheets.iter().find(|s| s.name == MARKER_SHEET)?;
    if marker.raw(CellRef { row: 1, col: 1 }) != MARKER {
        return None;
    }
    let q = catalog::built_in(marker.raw(CellRef { row: 1, col: 2 }))?;
    // Keep the import's source cells (so the filled workbook can be written back too).
    let imported = to_assessment(d, file).ok()?;
    // Without a name given, the vendor's own legal name (its answer to `vendor.name`) names the assessment.
    // Its first line, and only when it fits the limit on an organisation's name.
    let legal_name = d
        .questions()
        .find(|f| f.id == "vendor.name")
        .and_then(|f| f.answer.lines().map(str::trim).find(|l| !l.is_empty()))
        .filter(|n| crate::assessment::model::limits::check_org(n).is_ok())
        .unwrap_or("");
    let org = match (file.customer.is_empty(), legal_name.is_empty()) {
        (false, _) => file.customer,
        (true, false) => legal_name,
        (true, true) => "vendor",
    };
    let mut a = Assessment::new(q.clone(), org, file.now);
    // A workbook shows every row, so an answer to a question the vendor's other answers hide is kept, as a
    // merge keeps one (it does not count while hidden); every other check applies.
    let every_row = Visibility {
        sections: q.sections.iter().map(|_| true).collect(),
        questions: q.sections.iter().map(|s| vec![true; s.questions.len()]).collect(),
    };
    let ctx = Ctx { now: file.now, shown: Some(&every_row) };
    for found in d.questions() {
        let Some((_, question)) = q.question(&found.id) else { continue };
        let mut note = found.comment.trim().to_string();
        if !found.answer.is_empty() {
            let input = answer_input(question, &found.answer);
            // Through the one write path, so the checks any answer meets apply. Refused: the question stays
            // unanswered, and what the vendor wrote is kept where the assessor reads it, rather than lost.
            let refused = match parse_answer(question, &input) {
                Ok(value) => match change::apply(&mut a, &Change::value(&question.id, value), ctx) {
                    Ok(_) => None,
                    Err(e) => Some(format!("Vendor's answer, not accepted ({e}): {}", found.answer.trim())),
                },
                Err(_) if !question.offered().is_empty() => {
                    Some(format!("Vendor's answer, not one of the choices: {}", found.answer.trim()))
                }
                Err(e) => Some(format!("Vendor's answer, not accepted ({e}): {}", found.answer.trim())),
            };
            if let Some(kept) = refused {
                note = if note.is_empty() { kept } else { format!("{note}\n\n{kept}") };
            }
        }
        if !note.is_empty() {
            let note: String = note.chars().take(crate::assessment::model::answer::MAX_ANSWER_CHARS).collect();
            change::apply(&mut a, &Change::Note { question: question.id.clone(), note }, ctx).ok()?;
        }
    }
    let mut source = imported.source?;
    let by_import_id = std::mem::take(&mut source.cells);
    source.cells = d
        .questions()
        .filter(|f| q.question(&f.id).is_some())
        .filter_map(|f| by_import_id.get(&super::import::id_from(&f.id)).map(|c| (f.id.clone(), c.clone())))
        .collect();
    a.source = Some(source);
    Some(a)
}

/// The vendor's answer as the command line would take it: option labels become option ids.
fn answer_input(q: &Question, answer: &str) -> String {
    let offered = q.offered();
    let one = |text: &str| {
        offered
            .iter()
            .find(|o| o.label.eq_ignore_ascii_case(text.trim()) || o.id == text.trim())
            .map_or(text.trim().to_string(), |o| o.id.to_string())
    };
    match q.kind {
        QuestionType::Multi => answer.split(';').map(one).collect::<Vec<_>>().join(","),
        _ => one(answer),
    }
}
