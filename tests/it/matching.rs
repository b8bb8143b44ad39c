//! Matching across differently worded questionnaires, measured on a test set of our own
//! (`tests/fixtures/matching/set.json`: two 40-question questionnaires about the same controls, with the
//! correct pairs written down before the matcher ran). Precision and recall of the top suggestion, words
//! only (the BM25 ranking re-ranked by string similarity) against words and concepts; the numbers are the
//! ones measured, so a regression fails here. README.md and docs/customer-questionnaires.md quote them.

use std::collections::HashMap;

use serde::Deserialize;
use soc2_ready::library::suggest::{Rung, similarity};
use soc2_ready::library::{APPLY_THRESHOLD, Library, Provenance, Record, suggest};
use soc2_ready::spreadsheet::import::{ImportFile, to_assessment};
use soc2_ready::spreadsheet::new_workbook::{NewCell, NewSheet, NewWorkbook};
use soc2_ready::spreadsheet::vocabulary::choice_of;
use soc2_ready::spreadsheet::{self, Options};

use crate::common::NOW;

#[derive(Deserialize)]
struct Set {
    library: Vec<(String, String, String)>,
    new: Vec<(String, String)>,
    pairs: Vec<(String, String)>,
    inverse: Vec<(String, String)>,
}

fn set() -> Set {
    serde_json::from_str(include_str!("../fixtures/matching/set.json")).unwrap()
}

fn library(set: &Set) -> Library {
    Library::new(
        set.library
            .iter()
            .map(|(_, text, answer)| Record {
                question: text.clone(),
                ids: Vec::new(),
                answer: answer.clone(),
                choice: choice_of(answer),
                explanation: String::new(),
                evidence: Vec::new(),
                provenance: Provenance { file: "earlier.xlsx".into(), ..Provenance::default() },
                owner: String::new(),
                last_reviewed: "2026-01-15".into(),
                trust: Default::default(),
                approved_by: String::new(),
                fields: Default::default(),
            })
            .collect(),
    )
}

/// The new questionnaire imported as a customer's workbook would be: no ids, a Yes/No/N/A list.
fn imported(set: &Set) -> soc2_ready::assessment::Assessment {
    let mut s = NewSheet::new("Security");
    s.text(1, 1, "Question").text(1, 2, "Response");
    for (n, (_, text)) in set.new.iter().enumerate() {
        s.text(n as u32 + 2, 1, text).set(n as u32 + 2, 2, NewCell::Blank);
    }
    s.lists.push((format!("B2:B{}", set.new.len() + 1), vec!["Yes".into(), "No".into(), "N/A".into()]));
    let bytes = NewWorkbook { sheets: vec![s], ..NewWorkbook::default() }.to_bytes();
    let (format, wb) = spreadsheet::read("new.xlsx", &bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let file = ImportFile { file_name: "new.xlsx", format, bytes: &bytes, customer: "New Customer", now: NOW };
    to_assessment(&d, &file).unwrap()
}

/// Correct top suggestions, top suggestions given, and pairs to find.
#[derive(Debug, PartialEq)]
struct Measured {
    correct: usize,
    given: usize,
    pairs: usize,
}

impl Measured {
    fn precision(&self) -> f64 {
        self.correct as f64 / self.given.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.pairs as f64
    }
}

/// Run `top` (the library id it suggests first, if any) over every new question and count.
fn measure(set: &Set, mut top: impl FnMut(&str, &str) -> Option<String>) -> Measured {
    let right: HashMap<&str, &str> = set.pairs.iter().map(|(n, l)| (n.as_str(), l.as_str())).collect();
    let mut m = Measured { correct: 0, given: 0, pairs: set.pairs.len() };
    for (id, text) in &set.new {
        if let Some(found) = top(id, text) {
            m.given += 1;
            if right.get(id.as_str()) == Some(&found.as_str()) {
                m.correct += 1;
            }
        }
    }
    m
}

#[test]
fn top_suggestions_across_questionnaires_words_only_and_with_concepts() {
    let set = set();
    let library = library(&set);
    let id_of: HashMap<&str, &str> = set.library.iter().map(|(id, text, _)| (text.as_str(), id.as_str())).collect();

    // Words only: the ranking the library used before concepts (BM25 candidates re-ranked by similarity).
    let words = measure(&set, |_, text| {
        let mut ranked: Vec<(u32, f64)> = library
            .index
            .search(text, 30)
            .into_iter()
            .map(|(i, _)| (i, similarity(text, &library.records[i as usize].question)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.first().map(|(i, _)| set.library[*i as usize].0.clone())
    });

    let a = imported(&set);
    let source = a.source.as_ref().unwrap();
    let by_text: HashMap<String, &soc2_ready::questionnaire::Question> =
        a.questionnaire().questions().map(|(_, q)| (source.cells[&q.id].text_as_found.clone(), q)).collect();
    let mut inverse_suggested = Vec::new();
    let mut rungs: HashMap<String, Rung> = HashMap::new();
    let concepts = measure(&set, |id, text| {
        let q = by_text[text];
        let found = suggest(&library, q, Some(&source.cells[&q.id]));
        for s in &found {
            assert!(s.score < APPLY_THRESHOLD, "{id}: a suggestion across questionnaires is never applied unasked");
            if set.inverse.iter().any(|(n, l)| n == id && id_of[s.matched.as_str()] == l) {
                inverse_suggested.push(id.to_string());
            }
        }
        let best = found.first()?;
        rungs.insert(id.to_string(), best.rung);
        Some(id_of[best.matched.as_str()].to_string())
    });
    eprintln!(
        "words only: precision {:.2} ({}/{}), recall {:.2} ({}/{})",
        words.precision(),
        words.correct,
        words.given,
        words.recall(),
        words.correct,
        words.pairs
    );
    eprintln!(
        "with concepts: precision {:.2} ({}/{}), recall {:.2} ({}/{})",
        concepts.precision(),
        concepts.correct,
        concepts.given,
        concepts.recall(),
        concepts.correct,
        concepts.pairs
    );
    assert!(inverse_suggested.is_empty(), "asked the other way round, yet suggested: {inverse_suggested:?}");
    // Measured (2026-12-07): words only 17 right of 39 given (precision 0.44, recall 0.46); with concepts 35
    // right of 40 (precision 0.88, recall 0.95). The first run of the matcher on this set gave 36 of 40; the
    // least meaning two questions must share was then lowered from 0.4 to 0.3 so a long readiness question
    // still answers a short MFA question (library_match), which cost one pair here.
    // The one search engine (Snowball stems, the abbreviations with their phrases) raised words only from 17
    // to 23 right of 39 (precision 0.59, recall 0.62).
    assert_eq!(words, Measured { correct: 23, given: 39, pairs: 37 }, "words only");
    assert_eq!(concepts, Measured { correct: 35, given: 40, pairs: 37 }, "with concepts");
    assert!(rungs.values().all(|r| *r == Rung::Concepts || *r == Rung::SimilarText), "{rungs:?}");
}

/// A readiness answer as the library holds it (what `library::from_assessment` makes of it).
fn readiness_record(question: &str, level_label: &str) -> Record {
    let q = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    let (_, found) = q.question(question).unwrap();
    let level = soc2_ready::questionnaire::format::MATURITY.iter().find(|r| r.label == level_label).unwrap();
    Record {
        question: found.text.clone(),
        ids: vec![question.to_string()],
        answer: level_label.to_string(),
        choice: soc2_ready::library::readiness::maturity_choice(level.id),
        explanation: "Enforced by the identity provider.".into(),
        evidence: Vec::new(),
        provenance: Provenance {
            file: "acme-readiness.json".into(),
            assessment: "soc2-ai-readiness".into(),
            ..Provenance::default()
        },
        owner: String::new(),
        last_reviewed: "2026-01-15".into(),
        trust: Default::default(),
        approved_by: String::new(),
        fields: Default::default(),
    }
}

/// A CAIQ-like customer questionnaire: their ids, invented wording, a Yes/No/NA list.
fn caiq_like(rows: &[(&str, &str)]) -> soc2_ready::assessment::Assessment {
    let mut s = NewSheet::new("CAIQ");
    s.text(1, 1, "Question ID").text(1, 2, "Question").text(1, 3, "Answer");
    for (n, (id, text)) in rows.iter().enumerate() {
        let row = n as u32 + 2;
        s.text(row, 1, id).text(row, 2, text).set(row, 3, NewCell::Blank);
    }
    s.lists.push((format!("C2:C{}", rows.len() + 1), vec!["Yes".into(), "No".into(), "NA".into()]));
    let bytes = NewWorkbook { sheets: vec![s], ..NewWorkbook::default() }.to_bytes();
    let (format, wb) = spreadsheet::read("caiq.xlsx", &bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let file = ImportFile { file_name: "caiq.xlsx", format, bytes: &bytes, customer: "Big Customer", now: NOW };
    to_assessment(&d, &file).unwrap()
}

fn suggestions_for(
    library: &Library,
    a: &soc2_ready::assessment::Assessment,
    their_id: &str,
) -> Vec<soc2_ready::library::Suggestion> {
    let source = a.source.as_ref().unwrap();
    let (_, q) = a.questionnaire().questions().find(|(_, q)| source.cells[&q.id].id_as_found == their_id).unwrap();
    suggest(library, q, Some(&source.cells[&q.id]))
}

#[test]
fn a_documented_readiness_answer_fills_the_mapped_caiq_question_and_less_is_only_offered() {
    let customer = caiq_like(&[
        (
            "IAM-14.1",
            "Is strong authentication, with several factors for administrators, used to reach systems and data?",
        ),
        ("BCR-08.1", "Is the service's data backed up on a schedule?"),
        // A mapped id whose wording is about something else (another template's numbering): not from the map.
        ("TVM-06.1", "Is the colour of the logo approved by marketing?"),
    ]);
    let library = Library::new(vec![
        readiness_record("access.mfa_production", "Documented and in place"),
        readiness_record("availability.backups", "In place, informal"),
        readiness_record("operations.penetration_test", "Documented and in place"),
    ]);

    let mfa = suggestions_for(&library, &customer, "IAM-14.1");
    assert_eq!(mfa[0].rung, Rung::Readiness);
    assert_eq!(mfa[0].answer, "Yes");
    assert_eq!(mfa[0].score, 0.92);
    assert!(mfa[0].score >= APPLY_THRESHOLD, "documented or better justifies a Yes");
    assert_eq!(mfa[0].reason, "readiness answer to access.mfa_production mapped to CAIQ v4 IAM-14.1");
    assert_eq!(mfa[0].provenance.file, "acme-readiness.json");

    let backups = suggestions_for(&library, &customer, "BCR-08.1");
    assert_eq!(backups[0].rung, Rung::Readiness);
    assert_eq!(backups[0].answer, "No", "an informal control is not a Yes in a Yes/No/NA list");
    assert!(backups[0].score < APPLY_THRESHOLD, "offered, never applied");
    assert_eq!(
        backups[0].reason,
        "readiness answer to availability.backups mapped to CAIQ v4 BCR-08.1; \
         readiness answer is 'informal': not enough for a Yes"
    );

    let logo = suggestions_for(&library, &customer, "TVM-06.1");
    assert!(logo.iter().all(|s| s.rung != Rung::Readiness), "{logo:?}");

    // `fill` applies the documented one and leaves the informal one for review.
    let plan = soc2_ready::library::plan_fill(&library, &customer, APPLY_THRESHOLD);
    let applied: Vec<&str> = plan.applied.iter().map(|a| a.suggestion.matched.as_str()).collect();
    assert_eq!(plan.applied.len(), 1, "{applied:?}");
    assert_eq!(
        plan.applied[0].suggestion.reason,
        "readiness answer to access.mfa_production mapped to CAIQ v4 IAM-14.1"
    );
}

#[test]
fn concept_suggestions_say_which_concepts_matched_and_skip_the_opposite_question() {
    let library = Library::new(vec![
        readiness_record("access.mfa_production", "Documented and in place"),
        Record {
            question: "Do you allow shared or generic accounts?".into(),
            ..readiness_record("access.sso", "Not in place")
        },
    ]);
    let customer = caiq_like(&[
        ("Q-1", "Do admins need a second factor to sign in to the cloud console?"),
        ("Q-2", "Does each person sign in with their own named account?"),
    ]);
    let mfa = suggestions_for(&library, &customer, "Q-1");
    assert_eq!(mfa[0].rung, Rung::Concepts);
    assert_eq!(mfa[0].answer, "Yes");
    assert!(mfa[0].score < APPLY_THRESHOLD);
    assert!(mfa[0].reason.starts_with("both ask about multi-factor authentication"), "{}", mfa[0].reason);
    let accounts = suggestions_for(&library, &customer, "Q-2");
    assert!(accounts.iter().all(|s| !s.matched.contains("shared")), "asked the other way round: {accounts:?}");
}
