//! What `list`, the home screen and `vendors` cost per assessment in the store: 50 readiness assessments
//! read in full (names and progress, and the report's headline), and 1,000 (900 readiness, 100 vendors)
//! through the headline cache, cold (no cache: every file read) and warm (the cache written by the last
//! listing, every file unchanged).
//! Run only a group, briefly: `cargo bench --bench list -- store --quick`.

// Measurements and tests set up their own files and fixtures; a failure there is a bug in the test.
#![allow(clippy::unwrap_used)]

#[path = "store_fixture.rs"]
mod store_fixture;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use soc2_ready::assessment::model::change::{self, Change, Ctx};
use soc2_ready::assessment::{AnswerValue, Assessment, Store, store};
use soc2_ready::comparison::summaries;
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
                change::apply(&mut a, &Change::value(id, value), Ctx::at(NOW)).unwrap();
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

/// 1,000 assessments, 100 of them vendors; the files' times set an hour back, as a store's files are
/// between sessions (a file changed in the last seconds is not cached).
fn store_of_1000() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    store_fixture::store_of(dir.path(), 900, 100);
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let file = std::fs::File::options().write(true).open(entry.unwrap().path()).unwrap();
        file.set_modified(an_hour_ago).unwrap();
    }
    let store = Store::new(dir.path().to_path_buf());
    (dir, store)
}

fn thousand(c: &mut Criterion) {
    let (dir, store) = store_of_1000();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let cache = dir.path().join(soc2_ready::assessment::store::headline_cache::FILE_NAME);
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("list 1000 assessments, cold (no cache)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(&cache);
            },
            |()| black_box(summaries(&store, today)),
            BatchSize::PerIteration,
        )
    });
    let warm = summaries(&store, today);
    assert_eq!(warm.all.len(), 1000);
    let again = summaries(&store, today);
    assert_eq!((again.counts.cached, again.counts.read), (1000, 0), "the cache is used");
    group.bench_function("list 1000 assessments, warm (cache present)", |b| {
        b.iter(|| black_box(summaries(&store, today)))
    });
    group.bench_function("vendors among 1000 assessments, warm (cache present)", |b| {
        b.iter(|| black_box(summaries(&store, today).vendor_rows()))
    });
    group.bench_function("vendors among 1000 assessments, cold (no cache)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(&cache);
            },
            |()| black_box(summaries(&store, today).vendor_rows()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, list, thousand);
criterion_main!(benches);
