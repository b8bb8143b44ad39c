//! Importing look-alike questionnaires: detection, source cells, vocabularies, formulas, locks, sections.

use soc2_ready::spreadsheet::{self, NoQuestions, Options, ReadError, Suggestion};

use crate::spreadsheet_fixtures as fx;

fn detect(name: &str, bytes: &[u8]) -> spreadsheet::Detection {
    let (_, wb) = spreadsheet::read(name, bytes).unwrap();
    spreadsheet::detect(&wb, &Options::default()).unwrap()
}

#[test]
fn caiq_like_header_on_row_two_protection_merges_and_footer() {
    let d = detect("caiq.xlsx", &fx::caiq_like(12, false));
    assert_eq!(d.choices.len(), 1, "{:?}", d.summary());
    let c = &d.choices[0];
    assert_eq!(c.sheet, "Questions");
    assert_eq!(c.header_rows, vec![2]);
    assert_eq!((c.columns.id, c.columns.question, c.columns.answer, c.columns.comment), (Some(1), 2, 3, Some(5)));
    assert_eq!(d.question_count(), 12, "the End of Standard and copyright rows are not questions");
    let q = d.questions().next().unwrap();
    assert_eq!(q.id, "AB-01.1");
    assert_eq!(q.row, 3);
    assert!(q.text.contains('\n'), "hard line breaks are kept");
    assert_eq!(q.vocabulary, vec!["Yes", "No", "NA"]);
    assert!(!q.locked && !q.formula);
    assert_eq!(q.answer_cell.a1(), "C3");
    assert_eq!(q.comment_cell.unwrap().a1(), "E3");
}

#[test]
fn caiq_like_locked_cells_and_merged_control_columns() {
    let (_, wb) = spreadsheet::read("caiq.xlsx", &fx::caiq_like(6, false)).unwrap();
    let s = wb.sheets.iter().find(|s| s.name == "Questions").unwrap();
    assert!(s.protected);
    assert!(s.is_locked(fx::at("B3")), "question column is locked");
    assert!(!s.is_locked(fx::at("C3")), "answer column is unlocked");
    assert!(!s.is_locked(fx::at("C400")), "the answer column's default style is unlocked too");
    assert_eq!(s.value(fx::at("F5")), "AB-01", "vertical merges fill down");
    assert!(s.is_merged_non_anchor(fx::at("F4")));
}

#[test]
fn hecvat_like_sections_formulas_and_x14_lists_on_a_hidden_sheet() {
    let d = detect("hecvat.xlsx", &fx::hecvat_like());
    let c = &d.choices[0];
    assert_eq!(c.header_rows, vec![12, 17, 22]);
    assert_eq!((c.columns.id, c.columns.question, c.columns.answer, c.columns.comment), (Some(1), 2, 3, Some(4)));
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Documentation", "Application security", "Data handling"]);
    assert_eq!(d.questions().count(), 12);
    assert_eq!(d.question_count(), 11, "the row whose answer cell is a formula is kept read-only, not counted");
    let first = d.questions().next().unwrap();
    assert_eq!(first.id, "DOCU-01");
    assert_eq!(first.text, fx::question_text(101), "the formula's cached value is the question");
    assert_eq!(first.vocabulary, vec!["Yes", "No"], "x14 validation pointing at the hidden Lists sheet");
    let copied = d.questions().find(|q| q.id == "DATA-04").unwrap();
    assert!(copied.formula, "an answer cell that is a formula is marked");
}

#[test]
fn sig_like_unnumbered_section_rows_and_column_vocabulary() {
    let d = detect("sig.xlsx", &fx::sig_like());
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Access Control", "Operations"]);
    assert_eq!(d.question_count(), 10);
    let q = d.questions().next().unwrap();
    let mut vocab = q.vocabulary.clone();
    vocab.sort();
    assert_eq!(vocab, ["N", "N/A", "Y"]);
    assert_eq!(q.answer, "N");
}

#[test]
fn csv_with_bom_and_semicolons() {
    let d = detect("q.csv", &fx::csv_semicolons());
    assert_eq!(d.question_count(), 6);
    let q = d.questions().next().unwrap();
    assert_eq!(q.id, "C-0");
    assert_eq!(q.answer_cell.a1(), "C2");
    assert_eq!(q.comment_cell.unwrap().a1(), "D2");
    assert!(q.vocabulary.is_empty(), "free text");
}

#[test]
fn overrides_pick_columns_the_detection_would_not() {
    let (_, wb) = spreadsheet::read("sig.xlsx", &fx::sig_like()).unwrap();
    let opts = Options {
        header_row: Some(1),
        question_col: Some(2),
        answer_col: Some(4),
        comment_col: None,
        ..Options::default()
    };
    let d = spreadsheet::detect(&wb, &opts).unwrap();
    assert_eq!(d.choices[0].columns.answer, 4);
    assert_eq!(d.questions().next().unwrap().answer_cell.a1(), "D3");
}

#[test]
fn a_sheet_with_no_answer_column_is_refused_with_advice() {
    let (_, wb) = spreadsheet::read("x.csv", b"Name,Colour\nA,red\nB,blue\n").unwrap();
    let e = spreadsheet::detect(&wb, &Options::default()).unwrap_err();
    // Issue 19: the core says what and where as data; the command line adds its flags (see
    // spreadsheet_bad_input::no_recognisable_question_column), the interface its own words.
    let skipped = vec![(String::new(), "no header row naming an answer column".to_string())];
    assert_eq!(e, ReadError::NoQuestions(NoQuestions::NoTable { skipped }));
    assert_eq!(e.to_string(), "no recognisable question column (the file: no header row naming an answer column)");
}

/// Issue 19: the detection's choice is data the front ends phrase (the command line as its flags), not a
/// line of command-line text made in the core.
#[test]
fn the_detection_suggests_its_choice_as_data() {
    let (_, wb) = spreadsheet::read("c.xlsx", &fx::caiq_like(3, false)).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let expected = Suggestion {
        sheet: Some("Questions".into()),
        header_row: 2,
        id: Some(1),
        question: 2,
        answer: 3,
        comment: Some(5),
    };
    assert_eq!(d.suggestion(), Some(expected));
    assert!(d.summary().iter().all(|l| !l.contains("--")), "{:?}", d.summary());
}

/// Issue 19: a filled customer workbook's answers go through the one write path. An answer that is not one
/// of the question's choices used to vanish on import without a word; it is not recorded, and what the
/// file said is kept in the note with the reason. An answer that fits is recorded as before.
#[test]
fn a_filled_answer_that_is_not_one_of_the_choices_is_kept_in_the_note_with_the_reason() {
    use soc2_ready::spreadsheet::import::{ImportFile, to_assessment};
    let bytes = fx::sig_like();
    let mut d = detect("sig.xlsx", &bytes);
    d.sections[0].questions[0].answer = "Sometimes".into();
    d.sections[0].questions[1].answer = "y".into();
    let file = ImportFile {
        file_name: "sig.xlsx",
        format: soc2_ready::spreadsheet::Format::Xlsx,
        bytes: &bytes,
        customer: "Bank",
        now: "2026-01-15T09:00:00Z",
    };
    let a = to_assessment(&d, &file).unwrap();
    let ids: Vec<String> = a.questionnaire().questions().map(|(_, q)| q.id.clone()).collect();
    let (id, second) = (&ids[0], &ids[1]);
    assert_eq!(a.value(id), None, "not one of Y, N, N/A: not recorded");
    let note = a.note(id);
    assert!(note.starts_with("Answer in the file, not accepted ("), "{note}");
    assert!(note.contains("`Sometimes` is not one of its options") && note.ends_with("): Sometimes"), "{note}");
    assert!(a.value(second).is_some(), "a label in another case is its option");
    a.check().unwrap();
}
