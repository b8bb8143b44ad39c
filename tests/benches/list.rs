//! What `list` and the home screen cost per assessment in the store, with and without the report's
//! headline (score and verdict) worked out for each.
//! Run only this group, briefly: `cargo bench --bench list -- list --measurement-time 3 --warm-up-time 1`.

// Measurements and tests set up their own files and fixtures; a failure there is a bug in the test.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use soc2_ready::assessment::{AnswerValue, Assessment, Store, store};
use soc2_ready::questionnaire::{QuestionType, catalog};
use soc2_ready::report::headline::Headline;

const NOW: &str = "2026-01-15T09:00:00Z";

/// A store of 50 assessments of the built-in readiness questionnaire, every other question answered.
fn store_of_50() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let q = catalog::built_in("soc2-ai-readiness").unwrap();
    for n in 0..50 {
        let mut a = Assessment::new(q.clone(), &format!("Org {n}"), NOW);
        let ids: Vec<String> = a.questionnaire().questions().map(|(_, q)| q.id.clone()).collect();
        for id in ids.iter().step_by(2) {
            let value = AnswerValue::Text("documented".into());
            if a.questionnaire().question(id).is_some_and(|(_, q)| q.kind == QuestionType::Maturity) {
                a.set_value(id, value, NOW);
            }
        }
        store::write(&dir.path().join(format!("org-{n}.json")), &a).unwrap();
    }
    let store = Store::new(dir.path().to_path_buf());
    (dir, store)
}

fn list(c: &mut Criterion) {
    let (_dir, store) = store_of_50();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut group = c.benchmark_group("list");
    group.sample_size(10);
    group.bench_function("50 readiness assessments, names and progress", |b| b.iter(|| black_box(store.list())));
    group.bench_function("50 readiness assessments, with the report's headline", |b| {
        b.iter(|| black_box(store.list_with(|a| Headline::of_assessment(a, today))))
    });
    group.finish();
}

criterion_group!(benches, list);
criterion_main!(benches);
