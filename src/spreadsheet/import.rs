//! From a detection to an assessment of kind `customer`: one question per question row, the customer's
//! answer choices as options, every question's source cells remembered, and the original file embedded
//! (deflate-compressed, base64) so export works on another machine.

use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

use base64::Engine;
use sha2::{Digest, Sha256};

use super::Format;
use super::detect::{Detection, FoundQuestion};
use crate::assessment::model::change::{self, Change, Ctx};
use crate::assessment::{AnswerValue, Assessment, CellSource, FieldCell, Source};
use crate::questionnaire::{Choice, Kind, Question, QuestionType, Questionnaire, Section, limits};

/// `sha256:` and the hex digest of the bytes.
pub fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The original file, deflate-compressed and base64-encoded for the assessment file.
pub fn embed(bytes: &[u8]) -> String {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(enc.finish().expect("writing to memory"))
}

/// Why the customer's file embedded in an assessment cannot be had back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbeddedError {
    #[error("the assessment does not embed the original `{0}`")]
    Missing(String),
    #[error("the embedded original is damaged ({0})")]
    Damaged(String),
    #[error("the embedded original does not match its sha256: the assessment file was edited or damaged")]
    Mismatch,
}

/// The original file back from the assessment, checked against its digest.
pub fn embedded_original(source: &Source) -> Result<Vec<u8>, EmbeddedError> {
    if source.embedded.is_empty() {
        return Err(EmbeddedError::Missing(source.file_name.clone()));
    }
    let packed = base64::engine::general_purpose::STANDARD
        .decode(source.embedded.as_bytes())
        .map_err(|e| EmbeddedError::Damaged(e.to_string()))?;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(packed.as_slice())
        .take(super::package::MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| EmbeddedError::Damaged(e.to_string()))?;
    if digest(&out) != source.sha256 {
        return Err(EmbeddedError::Mismatch);
    }
    Ok(out)
}

/// Why a detection could not become an assessment (nothing is written then).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file has {found} questions; an assessment holds at most {max}", max = limits::MAX_QUESTIONS)]
    TooManyQuestions { found: usize },
    /// The questionnaire made from the file breaks a rule of the questionnaire format: the first problem.
    #[error("the imported questionnaire is not valid: {0}")]
    Invalid(String),
    /// What the file said and could not be recorded was to be kept in the question's note, and that failed.
    #[error("question {question}: {why}")]
    Note { question: String, why: String },
}

/// A valid question or option id from what the file calls it (`A&A-01.1` becomes `a-a-01.1`).
pub fn id_from(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_matches(|c| c == '-' || c == '.' || c == '_').to_string()
}

fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn clip(text: &str) -> String {
    text.chars().take(limits::MAX_TEXT_CHARS).collect()
}

/// What an import knows besides the detection.
pub struct ImportFile<'a> {
    pub file_name: &'a str,
    pub format: Format,
    pub bytes: &'a [u8],
    pub customer: &'a str,
    pub now: &'a str,
}

/// The help text a question shows: where it lives and what it accepts.
fn help_for(q: &FoundQuestion) -> String {
    let mut help = if q.sheet.is_empty() {
        format!("Row {} of the customer's file; the answer goes to {}.", q.row, q.answer_cell.a1())
    } else {
        format!("Sheet `{}`, row {}; the answer goes to {}.", q.sheet, q.row, q.answer_cell.a1())
    };
    if q.formula {
        help.push_str(" That cell is a formula in the customer's file, so it is read-only here.");
    } else if q.locked {
        help.push_str(" That cell is locked in the customer's file, so it is read-only here.");
    } else if q.merged {
        help.push_str(" That cell is part of a merged range, so it is read-only here.");
    }
    if !q.vocabulary.is_empty() {
        help.push_str(&format!(" Their choices: {}.", q.vocabulary.join(", ")));
    }
    help
}

/// Build the assessment: questionnaire, source cells, and any answers the file already holds.
pub fn to_assessment(detection: &Detection, file: &ImportFile<'_>) -> Result<Assessment, ImportError> {
    if detection.question_count() > limits::MAX_QUESTIONS {
        return Err(ImportError::TooManyQuestions { found: detection.question_count() });
    }
    let stem = file.file_name.rsplit_once('.').map_or(file.file_name, |(s, _)| s);
    let mut taken = HashSet::new();
    let mut section_ids = HashSet::new();
    let mut cells = BTreeMap::new();
    let mut sections = Vec::new();
    let mut answers: Vec<(String, AnswerValue)> = Vec::new();
    // The comment and the other answer fields the file already holds, recorded once the cells are known.
    let mut filled: Vec<(String, Change)> = Vec::new();
    for (n, found) in detection.sections.iter().enumerate() {
        let section_id = unique(
            format!("s{}-{}", n + 1, id_from(&found.title).chars().take(40).collect::<String>())
                .trim_end_matches('-')
                .to_string(),
            &mut section_ids,
        );
        let mut questions = Vec::new();
        for q in &found.questions {
            let base = match id_from(&q.id) {
                id if !id.is_empty() && id.starts_with(|c: char| c.is_ascii_alphanumeric()) => id,
                _ if q.sheet.is_empty() => format!("row-{}", q.row),
                _ => format!("{}-row-{}", id_from(&q.sheet).chars().take(30).collect::<String>(), q.row),
            };
            let id = unique(base, &mut taken);
            let (kind, options) = if q.vocabulary.len() >= 2 && q.vocabulary.len() <= limits::MAX_OPTIONS {
                let mut option_ids = HashSet::new();
                let options = q
                    .vocabulary
                    .iter()
                    .map(|v| {
                        let base = match id_from(v) {
                            o if o.is_empty() => "option".to_string(),
                            o => o,
                        };
                        Choice { id: unique(base, &mut option_ids), label: clip(v), score: None, exclusive: false }
                    })
                    .collect();
                (QuestionType::Choice, options)
            } else {
                (QuestionType::Text, Vec::new())
            };
            let value = if q.answer.is_empty() {
                None
            } else if kind == QuestionType::Choice {
                let options: &Vec<Choice> = &options;
                // Not one of their choices: offered as written, so the one write path refuses it with the
                // reason and it is kept in the note rather than lost.
                Some(AnswerValue::Text(
                    options
                        .iter()
                        .find(|o| o.label.eq_ignore_ascii_case(&q.answer))
                        .map_or_else(|| q.answer.clone(), |o| o.id.clone()),
                ))
            } else {
                Some(AnswerValue::Text(
                    q.answer.chars().take(crate::assessment::model::answer::MAX_ANSWER_CHARS).collect(),
                ))
            };
            if let Some(value) = value {
                answers.push((id.clone(), value));
            }
            if !q.comment.is_empty() {
                let comment = q.comment.chars().take(crate::assessment::model::answer::MAX_ANSWER_CHARS).collect();
                filled.push((q.comment.clone(), Change::Comment { question: id.clone(), comment }));
            }
            for f in q.fields.iter().filter(|f| !f.value.is_empty() && !f.read_only) {
                let change = Change::Field { question: id.clone(), field: f.name.clone(), value: f.value.clone() };
                filled.push((f.value.clone(), change));
            }
            cells.insert(
                id.clone(),
                CellSource {
                    sheet: q.sheet.clone(),
                    row: q.row,
                    id_as_found: q.id.clone(),
                    text_as_found: q.text.clone(),
                    answer_cell: q.answer_cell.a1(),
                    comment_cell: q.comment_cell.map(|c| c.a1()).unwrap_or_default(),
                    formula: q.formula,
                    locked: q.locked || q.merged,
                    vocabulary: q.vocabulary.clone(),
                    comment_label: q.comment_label.clone(),
                    fields: q
                        .fields
                        .iter()
                        .map(|f| FieldCell {
                            name: f.name.clone(),
                            label: clip(&f.label),
                            cell: f.cell.a1(),
                            vocabulary: f.vocabulary.clone(),
                            read_only: f.read_only,
                        })
                        .collect(),
                },
            );
            questions.push(Question {
                id,
                kind,
                text: clip(&q.text),
                help: help_for(q),
                options,
                weight: None,
                criteria: Vec::new(),
                description_criteria: Vec::new(),
                ai_area: None,
                iso42001: Vec::new(),
                nist_ai_rmf: Vec::new(),
                critical: false,
                remediation: String::new(),
                effort_days: None,
                evidence: Vec::new(),
                policy: String::new(),
                show_if: None,
                min: None,
                max: None,
                unit: String::new(),
                vendor_criteria: Vec::new(),
                critical_scope: Vec::new(),
                annual: false,
                operating_period: false,
            });
        }
        let title = match clip(found.title.trim()) {
            t if t.is_empty() => format!("Section {}", n + 1),
            t => t,
        };
        sections.push(Section { id: section_id, title, description: String::new(), show_if: None, questions });
    }
    let digest = digest(file.bytes);
    let id = match id_from(stem) {
        s if s.is_empty() => "customer-questionnaire".to_string(),
        s => format!("customer-{}", s.chars().take(60).collect::<String>()),
    };
    let questionnaire = Questionnaire {
        format: crate::questionnaire::format::FORMAT,
        id: id.trim_end_matches(['-', '.', '_']).to_string(),
        version: digest.chars().skip(7).take(12).collect(),
        title: clip(&if file.customer.is_empty() {
            file.file_name.to_string()
        } else {
            format!("{} ({})", file.file_name, file.customer)
        }),
        kind: Kind::Customer,
        description: format!("Imported from `{}` on {}.", file.file_name, file.now),
        sections,
    };
    if let Some(problem) = crate::questionnaire::validate::validate(&questionnaire).first() {
        return Err(ImportError::Invalid(problem.to_string()));
    }
    let org = if file.customer.is_empty() { stem.to_string() } else { file.customer.to_string() };
    let mut assessment =
        Assessment::new(questionnaire, if org.trim().is_empty() { "customer" } else { &org }, file.now);
    // The file's answers are recorded through the one write path: a value the question refuses is not
    // recorded, and what the file said is kept in the note with the reason.
    let ctx = Ctx::at(file.now);
    let mut refused: Vec<(String, String)> = Vec::new();
    for (id, v) in answers {
        if let Err(e) = change::apply(&mut assessment, &Change::value(&id, v.clone()), ctx) {
            refused.push((id, format!("Answer in the file, not accepted ({e}): {}", v.as_text().unwrap_or_default())));
        }
    }
    assessment.source = Some(Source {
        file_name: file.file_name.to_string(),
        format: file.format.as_str().to_string(),
        sha256: digest,
        size: file.bytes.len() as u64,
        embedded: embed(file.bytes),
        customer: file.customer.to_string(),
        imported_at: file.now.to_string(),
        cells,
    });
    // The comment and fields go through the same checks as typed ones (a value outside a field's list
    // is refused); what a field refused is kept in the note with the reason, never lost.
    for (as_found, change) in filled {
        if let Err(e) = change::apply(&mut assessment, &change, ctx) {
            refused.push((change.question().to_string(), format!("In the file, not accepted ({e}): {as_found}")));
        }
    }
    for (id, kept) in refused {
        let note = match assessment.note(&id) {
            "" => kept,
            earlier => format!("{earlier}\n\n{kept}"),
        };
        let note: String = note.chars().take(crate::assessment::model::answer::MAX_ANSWER_CHARS).collect();
        change::apply(&mut assessment, &Change::Note { question: id.clone(), note }, ctx)
            .map_err(|e| ImportError::Note { question: id.clone(), why: e.to_string() })?;
    }
    Ok(assessment)
}

/// The assessment a workbook becomes: a vendor assessment when it is one of our own questionnaires sent
/// out and filled in, else a `customer` assessment. The one entry point for the command line and the
/// interface (after [`super::read`] and [`super::detect`], whose summary the user confirms).
pub fn assessment_from(
    wb: &super::Workbook,
    detection: &Detection,
    file: &ImportFile<'_>,
) -> Result<Assessment, ImportError> {
    match super::outgoing::as_vendor_assessment(wb, detection, file) {
        Some(vendor) => Ok(vendor),
        None => to_assessment(detection, file),
    }
}
