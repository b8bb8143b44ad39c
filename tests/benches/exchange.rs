//! How long a customer questionnaire takes to import, to suggest answers for, and to export, at the sizes
//! the issue names: 2,000 questions, a 10,000-entry library. Run with
//! `cargo bench --bench exchange -- exchange --measurement-time 3 --warm-up-time 1`.

// Measurements and tests set up their own files and fixtures; a failure there is a bug in the test.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use soc2_ready::library::{Library, Provenance, Record, suggest};
use soc2_ready::spreadsheet::export::{CellWrite, export_xlsx};
use soc2_ready::spreadsheet::import::{ImportFile, to_assessment};
use soc2_ready::spreadsheet::vocabulary::Choice;
use soc2_ready::spreadsheet::{self, Format, Options};

#[path = "../it/spreadsheet_fixtures.rs"]
mod fixtures;

const NOW: &str = "2026-01-15T09:00:00Z";

fn import(bytes: &[u8]) -> soc2_ready::assessment::Assessment {
    let (format, wb) = spreadsheet::read("big.xlsx", bytes).unwrap();
    let d = spreadsheet::detect(&wb, &Options::default()).unwrap();
    to_assessment(&d, &ImportFile { file_name: "big.xlsx", format, bytes, customer: "Bench", now: NOW }).unwrap()
}

fn exchange(c: &mut Criterion) {
    let mut group = c.benchmark_group("exchange");
    let big = fixtures::caiq_like(2_000, false);
    group.bench_function("import 2,000 questions", |b| b.iter(|| black_box(import(&big))));

    let records: Vec<Record> = (0..10_000)
        .map(|n| Record {
            question: format!("{} (variant {})", fixtures::question_text(n), n / 240),
            ids: vec![format!("LIB-{n}")],
            answer: fixtures::answer_for(n).to_string(),
            choice: Choice::Yes,
            explanation: format!("Explanation {n}"),
            evidence: Vec::new(),
            provenance: Provenance { file: "earlier.xlsx".into(), ..Provenance::default() },
            owner: String::new(),
            last_reviewed: "2026-01-01".into(),
            trust: Default::default(),
            approved_by: String::new(),
            fields: Default::default(),
        })
        .collect();
    let library = Library::new(records);
    let a = import(&fixtures::caiq_like(30, false));
    let (_, question) = a.questionnaire().questions().nth(17).unwrap();
    let mut cell = a.source.as_ref().unwrap().cells[&question.id].clone();
    cell.id_as_found.clear();
    cell.text_as_found = fixtures::paraphrase(17);
    group.bench_function("suggest one question, 10,000-entry library", |b| {
        b.iter(|| black_box(suggest(&library, question, Some(&cell))))
    });

    let writes: Vec<CellWrite> = (0..2_000)
        .map(|n| CellWrite {
            question: format!("q{n}"),
            sheet: "Questions".into(),
            cell: format!("C{}", n + 3),
            value: fixtures::answer_for(n).into(),
            expect_id: format!("AB-{:02}.{}", n / 3 + 1, n % 3 + 1),
            expect_text: String::new(),
        })
        .collect();
    group.bench_function("export 2,000 answers", |b| b.iter(|| black_box(export_xlsx(&big, &writes).unwrap())));
    group.finish();
    let _ = Format::Xlsx;
}

criterion_group!(benches, exchange);
criterion_main!(benches);
