//! A vendor's risk: what the vendor gets (the inherent-risk tier), what its answers show (the residual
//! risk), the show-stoppers, the contract terms to ask for, and the attestations it holds.
//!
//! This is the boundary the report renders. The verdict logic behind it belongs to the content of the
//! vendor questionnaire (question ids), so it lives here, apart from the readiness scoring.
//!
//! The rule, in the order it is applied:
//!
//! 1. **Inherent tier**, before any answer about controls is read, from `vendor.data_shared`,
//!    `vendor.criticality` and `vendor.features`: *high* when the vendor gets sensitive or health data,
//!    your customers' confidential data or credentials (or when nobody said what it gets); *moderate* for
//!    personal data, your own confidential data or source code, or for a vendor your product cannot run
//!    without; *low* when no customer data reaches it. Fine-tuning or tool-calling on moderate data makes
//!    it high (the vendor keeps your data, or the model can act).
//! 2. **Show-stoppers** make the residual risk *critical*: training on your data with no opt-out; no
//!    independent attestation and none planned; no breach-notice commitment at all; a qualified or adverse
//!    opinion (or a disclaimer); a SOC 2 period that ended more than 12 months ago with no bridge letter;
//!    health data with no signed BAA. At the low tier (no customer data) they are serious findings, not
//!    show-stoppers: they set the risk to at least *high*.
//! 3. **Serious findings** set the risk to at least *high*: unclear training terms, training by default
//!    without a written opt-out, open exceptions, a stale report with only a bridge letter, no DPA for
//!    personal data, a partial BAA. A report 3 to 12 months old with no bridge letter sets at least *medium*.
//! 4. Otherwise the **score** decides, counted over the questions answered (Type I credit; "don't know"
//!    counts 0), against thresholds that rise with the tier: low / medium from 50 / 30 at the low tier,
//!    70 / 50 at moderate and 85 / 65 at high; below the second threshold is *high*.
//! 5. An assessment with fewer than half of its shown scored questions answered is **incomplete**: at
//!    least *medium*, and the reasons say so. Unanswered is not the same as failed.

use chrono::{Datelike, Months, NaiveDate};

use super::verdict::VendorRisk;
use super::{Standing, scored_questions};
use crate::assessment::{AnswerValue, Assessment, Visibility};

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

    /// The Type I scores at or above which the residual risk is low, and medium.
    fn thresholds(self) -> (f64, f64) {
        match self {
            InherentTier::Low => (50.0, 30.0),
            InherentTier::Moderate => (70.0, 50.0),
            InherentTier::High => (85.0, 65.0),
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

/// The shown answers of an assessment: an answer to a hidden question counts as no answer.
struct Answers<'a> {
    a: &'a Assessment,
    shown: Vec<&'a str>,
}

impl<'a> Answers<'a> {
    fn of(a: &'a Assessment) -> Answers<'a> {
        let vis = Visibility::of_assessment(a);
        let mut shown = Vec::new();
        for (si, section) in a.questionnaire().sections.iter().enumerate() {
            for (qi, q) in section.questions.iter().enumerate() {
                if vis.question(si, qi) {
                    shown.push(q.id.as_str());
                }
            }
        }
        Answers { a, shown }
    }

    fn value(&self, id: &str) -> Option<&'a AnswerValue> {
        if self.shown.contains(&id) { crate::assessment::progress::confirmed_value(self.a, id) } else { None }
    }

    /// The picked option (or yes/no, or date text).
    fn pick(&self, id: &str) -> Option<&'a str> {
        self.value(id).and_then(AnswerValue::as_text)
    }

    fn is(&self, id: &str, options: &[&str]) -> bool {
        self.pick(id).is_some_and(|p| options.contains(&p))
    }

    fn list(&self, id: &str) -> Option<&'a [String]> {
        self.value(id).and_then(AnswerValue::as_list)
    }

    fn label(&self, id: &str) -> String {
        let Some(picked) = self.pick(id) else { return String::new() };
        self.a.questionnaire().question(id).and_then(|(_, q)| q.label_for(picked)).unwrap_or_else(|| picked.to_string())
    }
}

const HIGH_DATA: [&str; 4] = ["sensitive_personal", "health_data", "customer_confidential", "credentials"];
const MODERATE_DATA: [&str; 3] = ["personal_data", "internal_confidential", "source_code"];

/// The inherent tier and the sentence that explains it.
fn inherent_tier(ans: &Answers<'_>) -> (InherentTier, String) {
    let Some(data) = ans.list("vendor.data_shared") else {
        return (
            InherentTier::High,
            "Inherent risk high: the data shared with the vendor is not stated, so the worst is assumed".into(),
        );
    };
    let has = |kinds: &[&str]| data.iter().any(|d| kinds.contains(&d.as_str()));
    let mut tier = if has(&HIGH_DATA) {
        InherentTier::High
    } else if has(&MODERATE_DATA) {
        InherentTier::Moderate
    } else {
        InherentTier::Low
    };
    let mut why = match tier {
        InherentTier::High => "the vendor receives sensitive, health or customer confidential data, or credentials",
        InherentTier::Moderate => "the vendor receives personal data, internal confidential data or source code",
        InherentTier::Low => "no customer or confidential data reaches the vendor",
    }
    .to_string();
    if ans.is("vendor.criticality", &["core"]) && tier == InherentTier::Low {
        tier = InherentTier::Moderate;
        why.push_str(", but a customer-facing feature depends on it");
    }
    let acts = ans.list("vendor.features").is_some_and(|f| f.iter().any(|x| x == "fine_tuning" || x == "agents_tools"));
    if acts && tier == InherentTier::Moderate && has(&MODERATE_DATA) {
        tier = InherentTier::High;
        why.push_str(", and it fine-tunes on that data or its model can call tools");
    }
    (tier, format!("Inherent risk {}: {why}", tier.id()))
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let months =
        (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 - i32::from(to.day() < from.day());
    months.max(0) as u32
}

fn plus_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The SOC 2 report's state, read once.
struct Report {
    period_end: Option<NaiveDate>,
    /// More than 12 months since the period ended.
    stale: bool,
    /// More than 3 months since the period ended, so a bridge letter is expected.
    needs_bridge: bool,
    bridge_received: bool,
}

fn soc2_report(ans: &Answers<'_>, today: NaiveDate) -> Report {
    let period_end =
        ans.pick("attest.soc2_period_end").and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let stale = period_end.is_some_and(|end| plus_months(end, 12) < today);
    let needs_bridge = period_end.is_some_and(|end| plus_months(end, 3) < today);
    Report { period_end, stale, needs_bridge, bridge_received: ans.is("attest.bridge_letter", &["received"]) }
}

fn attestations(ans: &Answers<'_>, report: &Report, today: NaiveDate) -> Vec<Attestation> {
    let mut out = Vec::new();
    let soc2 = match ans.pick("attest.soc2") {
        Some("type2_reviewed" | "type2_not_reviewed") => Some("SOC 2 Type II"),
        Some("type1_only") => Some("SOC 2 Type I"),
        _ => None,
    };
    if let Some(kind) = soc2 {
        let opinion = match ans.pick("attest.soc2_exceptions") {
            Some("clean" | "exceptions_resolved" | "exceptions_open") => "unqualified",
            Some(other @ ("qualified" | "adverse" | "disclaimer")) => other,
            _ => "",
        };
        out.push(Attestation {
            kind: kind.into(),
            period_end: report.period_end,
            age_months: report.period_end.map(|end| whole_months(end, today)),
            opinion: opinion.into(),
            bridge_letter: ans.label("attest.bridge_letter"),
        });
    }
    let certificate = |kind: &str| Attestation {
        kind: kind.into(),
        period_end: None,
        age_months: None,
        opinion: String::new(),
        bridge_letter: String::new(),
    };
    if ans.is("attest.iso27001", &["certified_checked", "certified_unchecked"]) {
        out.push(certificate("ISO/IEC 27001"));
    }
    if ans.is("attest.iso42001", &["certified"]) {
        out.push(certificate("ISO/IEC 42001"));
    }
    if ans.is("attest.other_assurance", &["other_audit"]) {
        out.push(certificate("Other independent audit"));
    }
    out
}

/// A finding and how far it raises the residual risk.
struct Finding {
    floor: VendorRisk,
    text: String,
}

fn findings(ans: &Answers<'_>, report: &Report, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |floor, text: String| out.push(Finding { floor, text });
    use VendorRisk::{Critical, High, Medium};

    // Training.
    match ans.pick("training.trains_on_data") {
        Some("yes_no_opt_out") => {
            add(Critical, "The vendor trains its models on your data with no way to opt out".into())
        }
        Some("unclear") => add(High, "The vendor's terms on training with your data are unclear".into()),
        Some("by_default_with_opt_out") if !ans.is("training.opt_out_confirmed", &["yes"]) => add(
            High,
            "The vendor trains on your data by default and the opt-out is not confirmed in writing for every account"
                .into(),
        ),
        _ => {}
    }

    // Independent attestation.
    let no_soc2 = ans.is("attest.soc2", &["none"]);
    let no_iso = ans.is("attest.iso27001", &["none"]);
    if no_soc2 && no_iso && ans.is("attest.other_assurance", &["none", "self_assessment"]) {
        add(Critical, "No independent attestation (SOC 2, ISO 27001 or equivalent) and none planned".into());
    }

    // The SOC 2 opinion.
    match ans.pick("attest.soc2_exceptions") {
        Some("qualified") => {
            add(Critical, "The vendor's SOC 2 opinion is qualified: some criteria were not met".into())
        }
        Some("adverse") => {
            add(Critical, "The vendor's SOC 2 opinion is adverse: its controls were not effective".into())
        }
        Some("disclaimer") => {
            add(Critical, "The vendor's SOC 2 auditor disclaimed an opinion: the report gives no assurance".into())
        }
        Some("exceptions_open") => {
            add(High, "Exceptions in the vendor's SOC 2 report that touch your data are still open".into())
        }
        _ => {}
    }

    // The report's age, checked against the bridge-letter answer.
    if let Some(end) = report.period_end {
        let months = whole_months(end, today);
        if report.stale && !report.bridge_received {
            add(
                Critical,
                format!("The vendor's SOC 2 period ended {months} months ago ({end}) and there is no bridge letter"),
            );
        } else if report.stale {
            add(
                High,
                format!(
                    "The vendor's SOC 2 period ended {months} months ago ({end}); a bridge letter cannot stand in for a \
                     year-old report, so ask for the current one"
                ),
            );
        } else if report.needs_bridge && !report.bridge_received {
            let said = if ans.is("attest.bridge_letter", &["not_needed"]) {
                " (answered \"not needed\", but that holds only within three months of the period end)"
            } else {
                ""
            };
            add(
                Medium,
                format!("The SOC 2 period ended {months} months ago ({end}) and no bridge letter is on file{said}"),
            );
        }
    }

    // Contract.
    if ans.is("contract.breach_notice", &["none"]) {
        add(Critical, "The contract has no commitment to tell you about a breach of your data".into());
    }
    if ans.is("contract.baa", &["not_offered", "offered"]) {
        add(Critical, "Health data goes to the vendor without a signed business associate agreement".into());
    } else if ans.is("contract.baa", &["signed_partial"]) {
        add(High, "The business associate agreement does not cover every feature that handles health data".into());
    }
    if ans.is("contract.dpa", &["not_offered"]) {
        add(High, "Personal data goes to the vendor and it offers no data processing agreement".into());
    }
    out
}

/// Contract terms, by question: asked for when the answer scores below 0.9 (so "without undue delay" and
/// self-service deletion with a stated period ask for nothing more).
const TERMS: &[(&str, &str)] = &[
    (
        "training.trains_on_data",
        "The vendor will not use your inputs, outputs or files to train or improve any model, for every account and workspace.",
    ),
    ("training.in_contract", "The no-training commitment written into the contract or DPA, not only on a web page."),
    ("training.purpose_limited", "Use of your data limited to providing the service to you."),
    ("training.human_review", "Vendor staff read your content only to investigate abuse, under a documented process."),
    (
        "retention.prompts_outputs",
        "A maximum retention period for prompts and outputs (30 days or less), or zero retention for sensitive traffic.",
    ),
    ("retention.abuse_exception", "Content kept for abuse monitoring limited in time and scope, and documented."),
    (
        "deletion.on_request",
        "Deletion or return of all your data within a fixed period (30 to 90 days) after termination or on request.",
    ),
    ("deletion.backups", "Deletion that reaches backups and replicas within a stated period."),
    (
        "deletion.derived_models",
        "A stated commitment on models trained or tuned with your data when you ask for deletion.",
    ),
    ("subprocessors.list", "A subprocessor list that names the vendor's model and hosting providers."),
    ("subprocessors.change_notice", "Advance notice of new subprocessors, with a right to object."),
    ("subprocessors.flow_down", "The same no-training and retention terms binding the vendor's own model providers."),
    ("subprocessors.residency", "Storage and processing, inference included, kept in the regions you choose."),
    ("subprocessors.transfers", "A lawful transfer mechanism for personal data, with a transfer impact assessment."),
    ("contract.dpa", "A data processing agreement covering the service."),
    ("contract.baa", "A HIPAA business associate agreement covering every feature that handles health data."),
    (
        "contract.breach_notice",
        "Notice of any security incident affecting your data without undue delay, ideally within 48 to 72 hours.",
    ),
    ("contract.breach_hours_mitigated", "A breach-notice deadline of 72 hours or less."),
    ("contract.audit_rights", "Updated audit reports every year and answers to reasonable security questions."),
    ("contract.ip_indemnity", "An indemnity against third-party intellectual-property claims about outputs."),
    (
        "contract.government_requests",
        "Notice of government requests for your data where the law allows, and a challenge to overbroad ones.",
    ),
    ("access.customer_approval", "Vendor support staff view your content only with your permission."),
    (
        "model_change.deprecation_notice",
        "At least six months' notice before a model version or feature you use is retired.",
    ),
    (
        "model_change.provider_swap",
        "Notice, with a right to object, before the underlying model or model provider changes.",
    ),
    (
        "model_change.ai_incident_notice",
        "Notice of material AI incidents and behaviour regressions, not only of data breaches.",
    ),
    ("availability.sla", "An uptime commitment with service credits."),
    ("viability.rto_rpo", "Stated recovery time and recovery point objectives for the service."),
    ("viability.weights_export", "Export or escrow of fine-tuned weights or adapters."),
];

/// The vendor's risk as of `today`. Call only for a vendor questionnaire.
pub fn assess(a: &Assessment, today: NaiveDate) -> VendorAssessment {
    let ans = Answers::of(a);
    let (inherent, tier_reason) = inherent_tier(&ans);
    let report = soc2_report(&ans, today);
    let attestations = attestations(&ans, &report, today);

    let mut show_stoppers = Vec::new();
    let mut serious = Vec::new();
    let mut floor = VendorRisk::Low;
    for f in findings(&ans, &report, today) {
        if f.floor == VendorRisk::Critical && inherent == InherentTier::Low {
            // No customer data reaches the vendor: serious, but not a reason to stop.
            serious.push(format!("{} (critical if customer data were shared)", f.text));
            floor = floor.max(VendorRisk::High);
        } else if f.floor == VendorRisk::Critical {
            show_stoppers.push(f.text);
        } else {
            serious.push(f.text);
            floor = floor.max(f.floor);
        }
    }

    // The score over the answered questions.
    let scored = scored_questions(a);
    let shown = scored.len();
    let (mut weight, mut earned, mut answered) = (0.0, 0.0, 0usize);
    for q in &scored {
        let credit = match q.standing {
            Standing::Answered(c) => c.design,
            Standing::Unknown => 0.0,
            Standing::NotApplicable => {
                answered += 1;
                continue;
            }
            Standing::Unanswered => continue,
        };
        answered += 1;
        weight += q.weight();
        earned += q.weight() * credit;
    }
    let score = (weight > 0.0).then(|| (earned / weight * 1000.0).round() / 10.0);
    let (low_at, medium_at) = inherent.thresholds();
    let by_score = match score {
        Some(s) if s >= low_at => VendorRisk::Low,
        Some(s) if s >= medium_at => VendorRisk::Medium,
        _ => VendorRisk::High,
    };
    let incomplete = answered * 2 < shown;
    if incomplete {
        floor = floor.max(VendorRisk::Medium);
    }
    let residual = if show_stoppers.is_empty() { by_score.max(floor) } else { VendorRisk::Critical };

    let mut reasons: Vec<String> = show_stoppers.iter().map(|s| format!("Critical: {s}")).collect();
    reasons.extend(serious);
    reasons.push(tier_reason);
    if incomplete {
        reasons.push(format!(
            "Incomplete: {answered} of {shown} scored questions answered; the risk is at least medium until the rest are"
        ));
    }
    reasons.push(match score {
        Some(s) => format!(
            "Score {s} of 100 over the {answered} answered questions (low from {low_at}, medium from {medium_at} at this tier)"
        ),
        None => "No scored question answered yet".to_string(),
    });

    let mut contract_terms: Vec<String> = Vec::new();
    for q in &scored {
        let Some((_, term)) = TERMS.iter().find(|(id, _)| *id == q.question.id) else { continue };
        if matches!(q.standing, Standing::Answered(c) if c.design < 0.9) || q.standing == Standing::Unknown {
            contract_terms.push((*term).to_string());
        }
    }

    VendorAssessment { inherent, residual, reasons, show_stoppers, contract_terms, attestations }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn whole_months_count_completed_months() {
        assert_eq!(whole_months(d("2025-06-30"), d("2026-06-29")), 11);
        assert_eq!(whole_months(d("2025-06-30"), d("2026-06-30")), 12);
        assert_eq!(whole_months(d("2026-06-30"), d("2025-06-30")), 0);
    }

    #[test]
    fn stale_means_more_than_twelve_months() {
        // 2025-01-31 + 12 months = 2026-01-31: stale only after that day.
        assert!(plus_months(d("2025-01-31"), 12) == d("2026-01-31"));
        assert!(plus_months(d("2025-11-30"), 3) == d("2026-02-28"), "month ends clamp");
    }
}
