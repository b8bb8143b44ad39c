//! Vendors side by side: every vendor assessment in the store with its risk, how far it is answered and its
//! score, its attestation and when it is next due for review.
//!
//! Next review rule: 12 months after the vendor was last assessed; 6 months when its inherent tier is high,
//! its residual risk is high or critical, or it holds no attestation whose period ended in the last 12
//! months (an open-weight model run on your own servers needs none). A review date before today is overdue.

use std::path::{Path, PathBuf};

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Visibility, progress};
use crate::questionnaire::Kind;
use crate::report::headline::Headline;
use crate::scoring::VendorRisk;
use crate::scoring::vendor::{InherentTier, assess};

/// Months between reviews for most vendors, and for the riskier ones.
pub const REVIEW_MONTHS: u32 = 12;
pub const RISKY_REVIEW_MONTHS: u32 = 6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VendorRow {
    pub vendor: String,
    pub path: PathBuf,
    /// Inherent tier: low, moderate, high.
    pub tier: &'static str,
    /// Residual risk: low, medium, high, critical.
    pub verdict: &'static str,
    /// Percent of the shown questions answered, as `list` counts it.
    pub completion: u32,
    /// The Type I score out of 100 over the scored questions answered, to one decimal, as the report and
    /// `list` give it; `None` when nothing is scored yet.
    pub score: Option<f64>,
    /// The freshest attestation, as people say it; `None` when the vendor holds none.
    pub attestation: Option<String>,
    /// Whole months from the attestation's period end to today.
    pub attestation_age_months: Option<u32>,
    pub critical_findings: Vec<String>,
    #[serde(serialize_with = "date_text")]
    pub last_assessed: Option<NaiveDate>,
    #[serde(serialize_with = "date_text")]
    pub next_review: Option<NaiveDate>,
    pub overdue: bool,
    #[serde(skip)]
    tier_rank: InherentTier,
    #[serde(skip)]
    risk_rank: VendorRisk,
}

/// How the interface may order the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Soonest review first (the default).
    NextReview,
    Vendor,
    /// Riskiest first.
    Risk,
    /// Oldest attestation first, vendors without one before all.
    AttestationAge,
}

/// A date as JSON has it: `"2026-03-01"`, or null.
fn date_text<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

fn day_of(timestamp: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(timestamp).ok().map(|t| t.date_naive())
}

/// One vendor assessment's row, as of `today`.
pub fn vendor_row(path: &Path, a: &Assessment, today: NaiveDate) -> VendorRow {
    let v = assess(a, today);
    let freshest = v.attestations.iter().min_by_key(|x| x.age_months.unwrap_or(u32::MAX));
    let current = freshest.and_then(|x| x.age_months).is_some_and(|m| m <= 12);
    // A self-hosted model has no attestation to hold: its supply-chain review stands in.
    let risky = v.inherent == InherentTier::High || v.residual >= VendorRisk::High || !(current || v.self_hosted);
    let last_assessed = day_of(&a.updated_at);
    let months = if risky { RISKY_REVIEW_MONTHS } else { REVIEW_MONTHS };
    let next_review = last_assessed.and_then(|d| d.checked_add_months(Months::new(months)));
    let (_, answered) = progress(a, &Visibility::of_assessment(a));
    VendorRow {
        vendor: a.org.clone(),
        path: path.to_path_buf(),
        tier: v.inherent.id(),
        verdict: v.residual.id(),
        completion: answered.percent(),
        score: Headline::of_assessment(a, today).score,
        attestation: freshest.map(|x| x.kind.clone()),
        attestation_age_months: freshest.and_then(|x| x.age_months),
        critical_findings: v.show_stoppers.clone(),
        last_assessed,
        next_review,
        overdue: next_review.is_some_and(|d| d < today),
        tier_rank: v.inherent,
        risk_rank: v.residual,
    }
}

/// How many days ahead a vendor's row is checked to stay the same (see [`same_until`]).
pub const LOOKAHEAD_DAYS: u64 = 31;

/// The last day, from `today` up to [`LOOKAHEAD_DAYS`] ahead, through which the vendor's risk comes out the
/// same every day: its attestation's age and whether its report is current or lapsed depend on the day,
/// the rest on the answers. What is kept of a row is good until then (the headline cache).
pub fn same_until(a: &Assessment, today: NaiveDate) -> NaiveDate {
    let now = assess(a, today);
    let mut last = today;
    for _ in 0..LOOKAHEAD_DAYS {
        let Some(next) = last.succ_opt() else { break };
        if assess(a, next) != now {
            break;
        }
        last = next;
    }
    last
}

/// A vendor row as the headline cache keeps it: what the answers and the day give, without the file's
/// path or whether it is overdue (which [`VendorFacts::row`] works out for the day it is shown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VendorFacts {
    vendor: String,
    tier: Tier,
    risk: Risk,
    completion: u32,
    score: Option<f64>,
    attestation: Option<String>,
    attestation_age_months: Option<u32>,
    critical_findings: Vec<String>,
    last_assessed: Option<String>,
    next_review: Option<String>,
}

/// The inherent tier and the residual risk as the cache writes them; another word is a damaged cache.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum Tier {
    Low,
    Moderate,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum Risk {
    Low,
    Medium,
    High,
    Critical,
}

fn date_of(text: &Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
}

impl VendorFacts {
    pub fn of(row: &VendorRow) -> VendorFacts {
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        VendorFacts {
            vendor: row.vendor.clone(),
            tier: match row.tier_rank {
                InherentTier::Low => Tier::Low,
                InherentTier::Moderate => Tier::Moderate,
                InherentTier::High => Tier::High,
            },
            risk: match row.risk_rank {
                VendorRisk::Low => Risk::Low,
                VendorRisk::Medium => Risk::Medium,
                VendorRisk::High => Risk::High,
                VendorRisk::Critical => Risk::Critical,
            },
            completion: row.completion,
            score: row.score,
            attestation: row.attestation.clone(),
            attestation_age_months: row.attestation_age_months,
            critical_findings: row.critical_findings.clone(),
            last_assessed: day(row.last_assessed),
            next_review: day(row.next_review),
        }
    }

    /// The row of the assessment at `path`, shown on `today`.
    pub fn row(&self, path: &Path, today: NaiveDate) -> VendorRow {
        let tier_rank = match self.tier {
            Tier::Low => InherentTier::Low,
            Tier::Moderate => InherentTier::Moderate,
            Tier::High => InherentTier::High,
        };
        let risk_rank = match self.risk {
            Risk::Low => VendorRisk::Low,
            Risk::Medium => VendorRisk::Medium,
            Risk::High => VendorRisk::High,
            Risk::Critical => VendorRisk::Critical,
        };
        let next_review = date_of(&self.next_review);
        VendorRow {
            vendor: self.vendor.clone(),
            path: path.to_path_buf(),
            tier: tier_rank.id(),
            verdict: risk_rank.id(),
            completion: self.completion,
            score: self.score,
            attestation: self.attestation.clone(),
            attestation_age_months: self.attestation_age_months,
            critical_findings: self.critical_findings.clone(),
            last_assessed: date_of(&self.last_assessed),
            next_review,
            overdue: next_review.is_some_and(|d| d < today),
            tier_rank,
            risk_rank,
        }
    }
}

/// The rows of every vendor assessment among `assessments`, soonest review first.
pub fn vendor_rows(assessments: &[(PathBuf, Assessment)], today: NaiveDate) -> Vec<VendorRow> {
    let mut rows: Vec<VendorRow> = assessments
        .iter()
        .filter(|(_, a)| a.questionnaire().kind == Kind::Vendor)
        .map(|(p, a)| vendor_row(p, a, today))
        .collect();
    sort(&mut rows, SortBy::NextReview);
    rows
}

pub fn sort(rows: &mut [VendorRow], by: SortBy) {
    let name = |r: &VendorRow| r.vendor.to_lowercase();
    match by {
        SortBy::NextReview => rows.sort_by(|a, b| a.next_review.cmp(&b.next_review).then(name(a).cmp(&name(b)))),
        SortBy::Vendor => rows.sort_by_key(name),
        SortBy::Risk => {
            rows.sort_by(|a, b| (b.risk_rank, b.tier_rank).cmp(&(a.risk_rank, a.tier_rank)).then(name(a).cmp(&name(b))))
        }
        SortBy::AttestationAge => rows.sort_by(|a, b| {
            let age = |r: &VendorRow| r.attestation_age_months.map_or(u32::MAX, |m| m);
            age(b).cmp(&age(a)).then(name(a).cmp(&name(b)))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::tests::small;

    fn vendor(org: &str, updated: &str) -> (PathBuf, Assessment) {
        let mut q = small();
        q.kind = Kind::Vendor;
        let mut a = Assessment::new(q, org, updated);
        a.updated_at = updated.to_string();
        (PathBuf::from(format!("{org}.json")), a)
    }

    #[test]
    fn rows_list_only_vendor_assessments_soonest_review_first() {
        let readiness = (PathBuf::from("r.json"), Assessment::new(small(), "Us", "2026-01-01T00:00:00Z"));
        let all = vec![vendor("Zeta", "2025-03-10T00:00:00Z"), readiness, vendor("Acme", "2025-09-01T00:00:00Z")];
        let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let rows = vendor_rows(&all, today);
        assert_eq!(rows.iter().map(|r| r.vendor.as_str()).collect::<Vec<_>>(), ["Zeta", "Acme"]);
        // Nothing answered: an incomplete vendor assessment is high risk (never critical on missing answers
        // alone), so reviews come 6 months after.
        assert_eq!(rows[0].verdict, "high");
        assert!(rows[0].critical_findings.is_empty());
        assert_eq!(rows[0].next_review, NaiveDate::from_ymd_opt(2025, 9, 10));
        assert!(rows[0].overdue);
        assert_eq!(rows[1].next_review, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert!(!rows[1].overdue);
        let mut rows = rows;
        sort(&mut rows, SortBy::Vendor);
        assert_eq!(rows[0].vendor, "Acme");
    }
}
