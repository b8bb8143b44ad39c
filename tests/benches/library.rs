//! The answer library at the sizes issue 22 names: `fill --from-library` of a 10,000-question customer
//! workbook from a 10,000-entry library (under 3 s on one core: the index built once, then every question
//! looked up and applied as a suggested answer), and the suggestions for one question (under 20 ms). Run
//! with `cargo bench --bench library -- --quick`.

// Measurements set up their own files and fixtures; a failure there is a bug in the bench.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use soc2_ready::library::{Library, Saved, apply, plan_fill, suggest};
use soc2_ready::spreadsheet::import::{ImportFile, to_assessment};
use soc2_ready::spreadsheet::{self, Options};

#[path = "../it/spreadsheet_fixtures.rs"]
mod fixtures;

const NOW: &str = "2026-01-15T09:00:00Z";
const SIZE: usize = 10_000;

fn import(bytes: &[u8]) -> soc2_ready::assessment::Assessment {
    let (format, wb) = spreadsheet::read("big.xlsx", bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    to_assessment(&d, &ImportFile { file_name: "big.xlsx", format, bytes, customer: "Bench", now: NOW }).unwrap()
}

/// A 10,000-entry library: a completed 10,000-question workbook added with `library add`.
fn records() -> Vec<soc2_ready::library::Record> {
    let (_, wb) = spreadsheet::read("done.xlsx", &fixtures::caiq_like(SIZE, true)).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    let mut saved = Saved::default();
    saved.add_detection(&d, "done.xlsx", "", "Earlier Customer", "", NOW);
    saved.entries
}

fn library(c: &mut Criterion) {
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    let records = records();
    let blank = import(&fixtures::caiq_like(SIZE, false));
    group.bench_function("fill 10,000 questions from a 10,000-entry library", |b| {
        b.iter(|| {
            let library = Library::new(records.clone());
            let plan = plan_fill(&library, &blank, soc2_ready::library::APPLY_THRESHOLD);
            let mut filled = blank.clone();
            let refused = apply(&mut filled, &plan, NOW);
            assert_eq!(plan.applied.len() - refused.answers.len(), SIZE);
            black_box(filled)
        })
    });
    let library = Library::new(records.clone());
    let (_, question) = blank.questionnaire().questions().nth(5_017).unwrap();
    let cell = blank.source.as_ref().unwrap().cells[&question.id].clone();
    group.bench_function("suggest one question by id, 10,000-entry library", |b| {
        b.iter(|| black_box(suggest(&library, question, Some(&cell))))
    });
    let mut reworded = cell.clone();
    reworded.id_as_found.clear();
    reworded.text_as_found = fixtures::paraphrase(5_017);
    group.bench_function("suggest one re-worded question, 10,000-entry library", |b| {
        b.iter(|| black_box(suggest(&library, question, Some(&reworded))))
    });
    group.finish();
}

criterion_group!(benches, library);
criterion_main!(benches);
