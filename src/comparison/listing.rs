//! The store as `list`, the home screen and `vendors` show it: each assessment's listing, its report's
//! headline and, for a vendor, its row; through the store's headline cache, so an assessment unchanged
//! since it was last listed is not read again (`assessment::store::headline_cache`).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::vendors::{SortBy, VendorFacts, VendorRow, same_until, sort, vendor_row};
use crate::assessment::store::Listed;
use crate::assessment::store::headline_cache::{Counts, Days};
use crate::assessment::{OpenError, Store};
use crate::questionnaire::Kind;
use crate::report::headline::Headline;

/// One assessment of the store, as listed.
#[derive(Debug, Clone)]
pub struct Summary {
    pub listed: Listed,
    pub headline: Headline,
    /// Its row among the vendors, for a vendor assessment.
    pub vendor: Option<VendorRow>,
}

/// What the cache keeps of an assessment beside its listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    score: Option<f64>,
    verdict: String,
    vendor: Option<VendorFacts>,
}

/// The store's assessments, newest change first, as of `today`.
#[derive(Debug, Default)]
pub struct Summaries {
    pub all: Vec<Summary>,
    /// The assessments that could not be read.
    pub errors: Vec<OpenError>,
    /// How many came from the cache and how many were read.
    pub counts: Counts,
}

impl Summaries {
    /// The vendor assessments' rows, soonest review first.
    pub fn vendor_rows(&self) -> Vec<VendorRow> {
        let mut rows: Vec<VendorRow> = self.all.iter().filter_map(|s| s.vendor.clone()).collect();
        sort(&mut rows, SortBy::NextReview);
        rows
    }
}

/// Work out what is kept of an assessment that was read: its headline and vendor row as of `today`, and
/// for a vendor the days they hold for (its attestation's age changes with the day).
fn work_out(a: &crate::assessment::Assessment, today: NaiveDate) -> (Kept, Option<Days>) {
    let headline = Headline::of_assessment(a, today);
    if a.questionnaire().kind != Kind::Vendor {
        return (Kept { score: headline.score, verdict: headline.verdict, vendor: None }, None);
    }
    let row = vendor_row(Path::new(""), a, today);
    let days = Days { from: today, until: same_until(a, today) };
    (Kept { score: headline.score, verdict: headline.verdict, vendor: Some(VendorFacts::of(&row)) }, Some(days))
}

/// The store's assessments as of `today`, through the headline cache.
pub fn summaries(store: &Store, today: NaiveDate) -> Summaries {
    let (listed, errors, counts) = store.list_cached(today, |a| work_out(a, today));
    let all = listed
        .into_iter()
        .map(|(listed, kept)| {
            let vendor = kept.vendor.as_ref().map(|f| f.row(&listed.path, today));
            Summary { headline: Headline { score: kept.score, verdict: kept.verdict }, vendor, listed }
        })
        .collect();
    Summaries { all, errors, counts }
}
