//! The store's headline cache (`.headlines.json`): `list`, the home screen and `vendors` use what it keeps
//! of an unchanged assessment instead of reading it, and read again whatever changed; a damaged cache is
//! ignored and rebuilt; a deleted assessment leaves the list and the cache. Whether the cache was used is
//! seen in what the listing counts and in an entry altered by hand, never in how long a listing takes.

use crate::common::Answering;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use soc2_ready::assessment::store::headline_cache::FILE_NAME;
use soc2_ready::assessment::store::journal::{self, Journal, Saved};
use soc2_ready::assessment::{AnswerValue, Assessment, Store, interview::sample, store};
use soc2_ready::comparison::{Summaries, summaries};
use soc2_ready::questionnaire::catalog;

const NOW: &str = "2026-01-15T09:00:00Z";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Set a file's modification time `secs` seconds back (a store's files between sessions).
fn age(path: &Path, secs: u64) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(secs)).unwrap();
}

/// A store with the sample readiness assessment for Acme and the sample vendor assessment for Vendo, their
/// files an hour old.
fn store() -> (tempfile::TempDir, Store, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut acme = sample::build(catalog::built_in("soc2-ai-readiness").unwrap(), NOW);
    acme.org = "Acme".into();
    let mut vendo = sample::build(catalog::built_in("ai-vendor-assessment").unwrap(), NOW);
    vendo.org = "Vendo".into();
    let (a, v) = (dir.path().join("acme.json"), dir.path().join("vendo.json"));
    store::write(&a, &acme).unwrap();
    store::write(&v, &vendo).unwrap();
    for p in [&a, &v] {
        age(p, 3600);
    }
    let s = Store::new(dir.path().to_path_buf());
    (dir, s, a, v)
}

fn orgs(s: &Summaries) -> Vec<String> {
    let mut orgs: Vec<String> = s.all.iter().map(|x| x.listed.org.clone()).collect();
    orgs.sort();
    orgs
}

fn counts(s: &Summaries) -> (usize, usize) {
    (s.counts.cached, s.counts.read)
}

#[test]
fn an_unchanged_assessment_is_not_read_again_and_a_changed_one_is() {
    let (dir, s, acme, _) = store();
    let today = day("2026-01-15");
    let first = summaries(&s, today);
    assert_eq!(counts(&first), (0, 2), "no cache yet: both read");
    let second = summaries(&s, today);
    assert_eq!(counts(&second), (2, 0), "both from the cache");
    // The same listing either way: organisations, progress, headlines, the vendor's row.
    let shown = |x: &Summaries| {
        x.all
            .iter()
            .map(|y| (y.listed.clone().org, y.listed.progress, y.headline.short(), y.vendor.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&first), shown(&second));
    assert_eq!(second.all.iter().map(|x| x.listed.name.as_str()).collect::<Vec<_>>().len(), 2);
    assert!(second.all.iter().all(|x| x.listed.path.parent() == Some(dir.path())));

    // What the cache holds is what is shown while the file is unchanged: an entry altered by hand shows.
    let cache = dir.path().join(FILE_NAME);
    let text = fs::read_to_string(&cache).unwrap();
    assert_eq!(text.matches("\"Acme\"").count(), 1, "{text}");
    fs::write(&cache, text.replace("\"Acme\"", "\"Altered\"")).unwrap();
    assert_eq!(orgs(&summaries(&s, today)), ["Altered", "Vendo"]);

    // The file's modification time changes (as a save changes it): it is read again.
    age(&acme, 7200);
    let after = summaries(&s, today);
    assert_eq!(orgs(&after), ["Acme", "Vendo"]);
    assert_eq!(counts(&after), (1, 1));
}

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let (dir, s, _, _) = store();
    let today = day("2026-01-15");
    let cache = dir.path().join(FILE_NAME);
    for damage in [&b"{\"format\": 1, \"program\": "[..], b"\x00\xff not json", b"[]", b""] {
        fs::write(&cache, damage).unwrap();
        let listing = summaries(&s, today);
        assert_eq!(orgs(&listing), ["Acme", "Vendo"]);
        assert_eq!(counts(&listing), (0, 2), "nothing taken from a damaged cache");
        assert!(listing.errors.is_empty(), "the cache is not an assessment: {:?}", listing.errors);
        assert_eq!(counts(&summaries(&s, today)), (2, 0), "rebuilt");
    }
    // A cache written by another version of soc2-ready is not trusted either.
    let text = fs::read_to_string(&cache).unwrap();
    fs::write(&cache, text.replace("\"soc2-ready ", "\"soc2-ready 0.0.0-")).unwrap();
    assert_eq!(counts(&summaries(&s, today)), (0, 2));
    // A cache that is a folder (or otherwise unwritable) costs the reading, nothing more.
    fs::remove_file(&cache).unwrap();
    fs::create_dir(&cache).unwrap();
    let listing = summaries(&s, today);
    assert_eq!((orgs(&listing), counts(&listing)), (vec!["Acme".to_string(), "Vendo".to_string()], (0, 2)));
    assert!(listing.errors.is_empty());
}

#[test]
fn a_deleted_assessment_leaves_the_list_and_the_cache() {
    let (dir, s, acme, _) = store();
    let today = day("2026-01-15");
    summaries(&s, today);
    fs::remove_file(&acme).unwrap();
    let listing = summaries(&s, today);
    assert_eq!(orgs(&listing), ["Vendo"]);
    assert_eq!(counts(&listing), (1, 0));
    let text = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    assert!(!text.contains("acme.json") && text.contains("vendo.json"), "{text}");
}

#[test]
fn an_answer_in_the_journal_is_listed_at_once() {
    let (_dir, s, acme, _) = store();
    let today = day("2026-01-15");
    let before = summaries(&s, today);
    let progress = |x: &Summaries| x.all.iter().find(|y| y.listed.org == "Acme").unwrap().listed.progress;
    // A session appends an answer to the journal; the file itself is as it was.
    let mut a: Assessment = store::read(&acme).unwrap();
    let mut saved = Saved::of(&a);
    let unanswered: Vec<String> = a
        .questionnaire()
        .questions()
        .filter(|(_, q)| q.kind == soc2_ready::questionnaire::QuestionType::Maturity)
        .map(|(_, q)| q.id.clone())
        .filter(|id| a.answers().get(id).is_none_or(|x| x.value.is_none()))
        .take(10)
        .collect();
    for id in &unanswered {
        a.answer(id, AnswerValue::Text("documented".into()), NOW);
    }
    let line = journal::line_for(&a, &mut saved).unwrap();
    let mut j = Journal::open(&acme).unwrap();
    j.append(&line).unwrap();
    j.wait_on_disk().unwrap();
    drop(j);
    let after = summaries(&s, today);
    assert!(progress(&after) > progress(&before), "{} -> {}", progress(&before), progress(&after));
    assert_eq!(counts(&after), (1, 1));
}

#[test]
fn a_file_changed_this_moment_is_read_every_time() {
    let (_dir, s, acme, _) = store();
    let today = day("2026-01-15");
    // A modification time in the future is never "left alone for a few seconds".
    fs::File::options()
        .write(true)
        .open(&acme)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(3600))
        .unwrap();
    summaries(&s, today);
    assert_eq!(counts(&summaries(&s, today)), (1, 1));
}

/// A vendor's attestation age and whether its SOC 2 report is current depend on the day: what is kept of
/// it holds only for the days it comes out the same.
#[test]
fn a_vendor_is_read_again_once_its_attestation_ages() {
    let (_dir, s, _, vendo) = store();
    let mut v: Assessment = store::read(&vendo).unwrap();
    v.answer("attest.soc2", AnswerValue::Text("type2_reviewed".into()), NOW);
    v.answer("attest.soc2_period_end", AnswerValue::Text("2025-06-30".into()), NOW);
    store::write(&vendo, &v).unwrap();
    age(&vendo, 3600);
    let row = |x: &Summaries| x.all.iter().find_map(|y| y.vendor.clone()).unwrap();
    let first = summaries(&s, day("2026-01-15"));
    assert_eq!(row(&first).attestation_age_months, Some(6));
    // The next day the age is the same (six whole months until 30 January): kept.
    let next_day = summaries(&s, day("2026-01-16"));
    assert_eq!(counts(&next_day), (2, 0));
    assert_eq!(row(&next_day).attestation_age_months, Some(6));
    // On 30 January it is seven months: read again.
    let later = summaries(&s, day("2026-01-30"));
    assert_eq!(counts(&later), (1, 1));
    assert_eq!(row(&later).attestation_age_months, Some(7));
    // A day before the cache's first day is not within it either.
    assert_eq!(counts(&summaries(&s, day("2026-01-01"))), (1, 1));
}
