//! The answer library, its sources in order of trust: entries the user approved (`library approve`),
//! answered workbooks added with `library add` (the respondent's answers only), and the answers people gave
//! in the store's assessments (readiness, vendor, earlier customer questionnaires; never the sample, an
//! assessment marked as a test, or an answer still suggested). Matched to a new question by the same
//! standard id, the same normalised text, then ranked retrieval (BM25) re-ranked by string similarity.
//! Offline: no embeddings, no models.

pub mod concepts;
pub mod fill;
pub mod index;
pub mod readiness;
pub mod record;
pub mod suggest;

pub use fill::{Applied, FillPlan, Refused, apply, plan_fill};
pub use record::{AddedFile, Provenance, Record, Saved, Trust, file_path};
pub use suggest::{Candidate, Suggestion, suggest};

use std::path::Path;

use crate::assessment::{Assessment, Store, describe};
use index::Index;

/// Suggestions scoring at least this are applied by `fill` without a keystroke: only the same id or the same
/// normalised text reach it; a similar wording never does.
pub const APPLY_THRESHOLD: f64 = 0.9;

/// Records and their search index.
pub struct Library {
    pub records: Vec<Record>,
    pub index: Index,
    /// The records tagged with the control concepts they ask about (matching by meaning).
    pub concepts: concepts::ConceptIndex,
}

impl Library {
    pub fn new(records: Vec<Record>) -> Library {
        let index = Index::build(&records);
        let concepts = concepts::ConceptIndex::build(&records);
        Library { records, index, concepts }
    }

    /// Every answered question in the store's assessments (except `exclude` and the sample) and the saved
    /// library file, with their search index.
    pub fn gather(store: &Store, saved: Option<&Path>, exclude: Option<&Path>) -> anyhow::Result<Library> {
        Ok(Library::new(Library::records_in(store, saved, exclude)?))
    }

    /// The records [`Library::gather`] indexes, without building the index (to count them, say).
    pub fn records_in(store: &Store, saved: Option<&Path>, exclude: Option<&Path>) -> anyhow::Result<Vec<Record>> {
        let mut records = Vec::new();
        if let Some(file) = saved {
            records.extend(Saved::load(file)?.entries);
        }
        if let Ok(dir) = std::fs::read_dir(&store.dir) {
            let mut paths: Vec<_> =
                dir.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
            paths.sort();
            for path in paths {
                if exclude.is_some_and(|x| same_file(x, &path))
                    || path.file_name().is_some_and(|n| n == record::FILE_NAME)
                {
                    continue;
                }
                if let Ok(a) = crate::assessment::store::read(&path) {
                    // The sample's answers are made up, and a test's are not the company's: never
                    // suggested for a real questionnaire.
                    if crate::assessment::interview::sample::is_sample(&a) || a.test {
                        continue;
                    }
                    records.extend(from_assessment(&a, &path));
                }
            }
        }
        Ok(records)
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// One record per question of an assessment that a person answered: not "don't know", not a suggestion
/// from the library waiting for approval (the library would learn from itself), not a customer cell that
/// holds a formula (its value is the workbook's, not the respondent's).
pub fn from_assessment(a: &Assessment, path: &Path) -> Vec<Record> {
    let q = a.questionnaire();
    let source = a.source.as_ref();
    let mut out = Vec::new();
    for (id, answer) in a.answers() {
        let Some(value) = &answer.value else { continue };
        let Some((_, question)) = q.question(id) else { continue };
        if value.as_text() == Some(crate::questionnaire::format::UNKNOWN) {
            continue;
        }
        let cell = source.and_then(|s| s.cells.get(id));
        if answer.suggested || cell.is_some_and(|c| c.formula) {
            continue;
        }
        let answer_text = match value.as_text() {
            Some(t) => question.label_for(t).unwrap_or_else(|| describe(question, value)),
            None => describe(question, value),
        };
        let mut ids = vec![cell.map_or(id.clone(), |c| c.id_as_found.clone())];
        ids.retain(|i| !i.is_empty());
        let choice = match question.kind {
            crate::questionnaire::QuestionType::Maturity => readiness::maturity_choice(value.as_text().unwrap_or("")),
            _ => crate::spreadsheet::vocabulary::choice_of(&answer_text),
        };
        // What the customer was told (the comment) explains the answer; a readiness answer has only its note.
        let mut explanation = if answer.comment.is_empty() { answer.note.clone() } else { answer.comment.clone() };
        if !answer.evidence.is_empty() {
            let evidence = format!("Evidence: {}.", answer.evidence.join("; "));
            explanation = if explanation.is_empty() { evidence } else { format!("{explanation} {evidence}") };
        }
        out.push(Record {
            question: question.text.clone(),
            ids,
            choice,
            answer: answer_text,
            explanation,
            evidence: answer.evidence.clone(),
            provenance: Provenance {
                file: source.map_or_else(
                    || path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                    |s| s.file_name.clone(),
                ),
                sha256: source.map(|s| s.sha256.clone()).unwrap_or_default(),
                sheet: cell.map(|c| c.sheet.clone()).unwrap_or_default(),
                cell: cell.map(|c| c.answer_cell.clone()).unwrap_or_default(),
                customer: source.map_or_else(|| a.org.clone(), |s| s.customer.clone()),
                date: answer.updated_at.chars().take(10).collect(),
                who: answer.answered_by.clone(),
                assessment: a.questionnaire.id.clone(),
            },
            owner: answer.owner.clone(),
            last_reviewed: answer.updated_at.chars().take(10).collect(),
            trust: Trust::Store,
            approved_by: String::new(),
            fields: answer.fields.clone(),
        });
    }
    out
}

/// A problem in one of the library's built-in data files (the concept vocabulary, the readiness mapping):
/// which file, and what is wrong with it. The program ships them, so a test checks them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct AssetProblem {
    pub file: &'static str,
    pub problem: String,
}
