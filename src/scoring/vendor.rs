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
//!    it high (the vendor keeps your data, or the model can act). An open-weight model you run yourself
//!    (`vendor.type` = `self_hosted_weights`) receives no data at all: it gets a model supply-chain review
//!    (licence, provenance, file safety, updates) instead of the data-processor questions.
//! 2. **Show-stoppers** make the residual risk *critical*: training on your data with no opt-out; no
//!    independent attestation and none planned; no breach-notice commitment at all; a qualified or adverse
//!    opinion (or a disclaimer); a lapsed SOC 2 report; health data with no signed BAA. When no customer
//!    data reaches the vendor they are serious findings, not show-stoppers: they set the risk to at least
//!    *high*, however much the product depends on the vendor.
//! 3. **Serious findings** set the risk to at least *high*: unclear training terms, training by default
//!    without a written opt-out, open exceptions, no DPA for personal data, a partial BAA, and for a
//!    self-hosted model a licence that does not allow your use, files of unknown origin, or files that can
//!    run code loaded unchecked. **Not yet assessed** sets at least *medium*: a SOC 2 report nobody has read,
//!    or one read whose opinion and exceptions are not recorded, or a bridge letter not yet asked about.
//! 4. **The report's age** (third-party risk practice): a report is current for 12 months after its period
//!    ends. From 12 to 15 months, the time a vendor on an annual cycle takes to issue its next report, a
//!    bridge letter from the vendor's management makes it acceptable with a follow-up (ask for the next
//!    report when due). Past 15 months, or past 12 with no bridge letter, the report has *lapsed*: a
//!    show-stopper a bridge letter cannot rescue.
//! 5. Otherwise the **score** decides, counted over the scored questions answered (Type I credit; "don't
//!    know" counts 0), against thresholds that rise with the tier: low / medium from 50 / 30 at the low
//!    tier, 70 / 50 at moderate and 85 / 65 at high; below the second threshold is *high*.
//! 6. An assessment with fewer than half of its shown scored questions answered is **incomplete**: at
//!    least *medium* and never *critical* (at most *high*); show-stoppers found so far are listed, and make
//!    it critical once half the questions are answered. Unanswered is not the same as failed.

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
    /// An open-weight model run on your own servers: no data reaches anyone, and no attestation applies.
    pub self_hosted: bool,
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
        if self.shown.contains(&id) { crate::assessment::model::progress::confirmed_value(self.a, id) } else { None }
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

/// The option id of `vendor.type` for an open-weight model run on your own servers.
pub const SELF_HOSTED: &str = "self_hosted_weights";

/// What the vendor gets, as the tier reads it.
struct Exposure {
    tier: InherentTier,
    why: String,
    /// No customer or confidential data reaches the vendor: show-stoppers are serious findings instead.
    no_data: bool,
}

/// The labels of the picked options, in the reader's words: "source code and personal data about ...".
fn picked_labels(ans: &Answers<'_>, id: &str, picked: &[&String]) -> String {
    let question = ans.a.questionnaire().question(id).map(|(_, q)| q);
    let mut labels: Vec<String> = picked
        .iter()
        .map(|p| {
            let label = question.and_then(|q| q.label_for(p)).unwrap_or_else(|| p.to_string());
            let mut chars = label.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => label,
            }
        })
        .collect();
    match labels.len() {
        0 => String::new(),
        1 => labels.remove(0),
        _ => {
            let last = labels.pop().unwrap_or_default();
            format!("{} and {last}", labels.join(", "))
        }
    }
}

/// The inherent tier and the sentence that explains it.
fn inherent_tier(ans: &Answers<'_>) -> Exposure {
    let core = ans.is("vendor.criticality", &["core"]);
    if ans.is("vendor.type", &[SELF_HOSTED]) {
        let (tier, also) = if core {
            (InherentTier::Moderate, ", though a customer-facing feature depends on it")
        } else {
            (InherentTier::Low, "")
        };
        return Exposure {
            tier,
            why: format!(
                "Inherent risk {}: an open-weight model run on your own servers, so no data goes to anyone{also}; \
                 this is a model supply-chain review (licence, provenance, file safety, updates), not a data-processor one",
                tier.id()
            ),
            no_data: true,
        };
    }
    let Some(data) = ans.list("vendor.data_shared") else {
        return Exposure {
            tier: InherentTier::High,
            why: "Inherent risk high: the data shared with the vendor is not stated, so the worst is assumed".into(),
            no_data: false,
        };
    };
    let of = |kinds: &[&str]| data.iter().filter(|d| kinds.contains(&d.as_str())).collect::<Vec<_>>();
    let (high, moderate) = (of(&HIGH_DATA), of(&MODERATE_DATA));
    let mut tier = if !high.is_empty() {
        InherentTier::High
    } else if !moderate.is_empty() {
        InherentTier::Moderate
    } else {
        InherentTier::Low
    };
    let mut why = match tier {
        InherentTier::High => format!("the vendor receives {}", picked_labels(ans, "vendor.data_shared", &high)),
        InherentTier::Moderate => {
            format!("the vendor receives {}", picked_labels(ans, "vendor.data_shared", &moderate))
        }
        InherentTier::Low => "no customer or confidential data reaches the vendor".to_string(),
    };
    let no_data = tier == InherentTier::Low;
    if core && tier == InherentTier::Low {
        tier = InherentTier::Moderate;
        why.push_str(", but a customer-facing feature depends on it");
    }
    let acts = ans.list("vendor.features").is_some_and(|f| f.iter().any(|x| x == "fine_tuning" || x == "agents_tools"));
    if acts && tier == InherentTier::Moderate && !moderate.is_empty() {
        tier = InherentTier::High;
        why.push_str(", and it fine-tunes on that data or its model can call tools");
    }
    Exposure { tier, why: format!("Inherent risk {}: {why}", tier.id()), no_data }
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

/// A report is current this many months after its period ends.
const CURRENT_MONTHS: u32 = 12;
/// Up to this many months after the period end, a bridge letter covers the wait for the next report of a
/// vendor on an annual cycle (the next period ends at 12 months, its report follows within about three).
const BRIDGED_MONTHS: u32 = 15;

/// The SOC 2 report's state, read once.
struct Report {
    period_end: Option<NaiveDate>,
    /// More than 12 months since the period ended: current no longer.
    past_current: bool,
    /// More than 15 months since the period ended: the next report is overdue, whatever a letter says.
    past_bridge: bool,
    /// The bridge-letter answer: `received`, `not_needed`, `not_provided`, or `None` when not answered.
    bridge: Option<String>,
}

fn soc2_report(ans: &Answers<'_>, today: NaiveDate) -> Report {
    let period_end =
        ans.pick("attest.soc2_period_end").and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    Report {
        period_end,
        past_current: period_end.is_some_and(|end| plus_months(end, CURRENT_MONTHS) < today),
        past_bridge: period_end.is_some_and(|end| plus_months(end, BRIDGED_MONTHS) < today),
        bridge: ans.pick("attest.bridge_letter").map(str::to_string),
    }
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
    use VendorRisk::{Critical, High, Low, Medium};

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

    // Whether anyone has read the report: until then the vendor is not yet assessed.
    match ans.pick("attest.soc2") {
        Some("type2_not_reviewed") => add(
            Medium,
            "Not yet assessed: nobody has read the vendor's SOC 2 report yet; read its opinion, exceptions and \
             user entity controls"
                .into(),
        ),
        Some("type2_reviewed" | "type1_only") if ans.pick("attest.soc2_exceptions").is_none() => add(
            Medium,
            "Not yet assessed: the opinion and exceptions of the vendor's SOC 2 report are not recorded".into(),
        ),
        _ => {}
    }

    // The report's age, checked against the bridge-letter answer.
    if let Some(end) = report.period_end {
        let months = whole_months(end, today);
        let next_due = plus_months(end, BRIDGED_MONTHS);
        if report.past_bridge {
            let letter = if report.bridge.as_deref() == Some("received") {
                "; a bridge letter cannot rescue a lapsed report"
            } else {
                ""
            };
            add(
                Critical,
                format!(
                    "The vendor's SOC 2 report has lapsed: its period ended {months} months ago ({end}) and no newer \
                     report is on file{letter}; escalate and ask for the current report"
                ),
            );
        } else if report.past_current {
            match report.bridge.as_deref() {
                Some("received") => add(
                    Low,
                    format!(
                        "Follow-up: the SOC 2 period ended {months} months ago ({end}) and a bridge letter covers the \
                         wait; ask for the next report when it is due, by {next_due}"
                    ),
                ),
                None => add(
                    Medium,
                    format!(
                        "Not yet assessed: the SOC 2 period ended {months} months ago ({end}) and the bridge letter \
                         question is not answered yet; without one by {next_due} the report has lapsed"
                    ),
                ),
                Some(_) => add(
                    Critical,
                    format!(
                        "The vendor's SOC 2 report has lapsed: its period ended {months} months ago ({end}), no newer \
                         report is on file and there is no bridge letter; escalate and ask for the current report"
                    ),
                ),
            }
        }
    }

    // A self-hosted model's supply chain.
    if ans.is("model_supply.licence", &["not_permitted"]) {
        add(High, "The model's licence does not allow your use of it".into());
    }
    if ans.is("model_supply.provenance", &["unofficial"]) {
        add(High, "The model files come from a re-upload or an unknown source, not the publisher".into());
    }
    if ans.is("model_supply.file_format", &["pickle_unscanned"]) {
        add(High, "Model files that can run code (pickle, custom code) are loaded without a scan or review".into());
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
    let exposure = inherent_tier(&ans);
    let inherent = exposure.tier;
    let report = soc2_report(&ans, today);
    let attestations = attestations(&ans, &report, today);

    let mut show_stoppers = Vec::new();
    let mut serious: Vec<Finding> = Vec::new();
    let mut floor = VendorRisk::Low;
    for f in findings(&ans, &report, today) {
        if f.floor == VendorRisk::Critical && exposure.no_data {
            // No customer data reaches the vendor: serious, but not a reason to stop, however much the
            // product depends on it.
            serious.push(Finding {
                floor: VendorRisk::High,
                text: format!("{} (critical if customer data were shared)", f.text),
            });
            floor = floor.max(VendorRisk::High);
        } else if f.floor == VendorRisk::Critical {
            show_stoppers.push(f.text);
        } else {
            floor = floor.max(f.floor);
            serious.push(f);
        }
    }
    // Worst first; the order of the rule within a level.
    serious.sort_by_key(|f| std::cmp::Reverse(f.floor));

    // The score over the scored questions answered.
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
    // The other answers (who the vendor is, what it gets, dates, numbers) describe; they are not scored.
    let described = ans
        .shown
        .iter()
        .filter(|id| a.questionnaire().question(id).is_some_and(|(_, q)| !q.is_scored()) && ans.value(id).is_some())
        .count();
    let score = (weight > 0.0).then(|| (earned / weight * 1000.0).round() / 10.0);
    let (low_at, medium_at) = inherent.thresholds();
    let by_score = match score {
        Some(s) if s >= low_at => VendorRisk::Low,
        Some(s) if s >= medium_at => VendorRisk::Medium,
        _ => VendorRisk::High,
    };
    let incomplete = answered * 2 < shown;
    let residual = if incomplete {
        // Never critical before half is answered: the show-stoppers found so far hold it at high.
        let so_far = if show_stoppers.is_empty() { VendorRisk::Medium } else { VendorRisk::High };
        by_score.max(floor).max(so_far)
    } else if show_stoppers.is_empty() {
        by_score.max(floor)
    } else {
        VendorRisk::Critical
    };

    let lead = if incomplete { "Show-stopper found so far" } else { "Critical" };
    let mut reasons: Vec<String> = show_stoppers.iter().map(|s| format!("{lead}: {s}")).collect();
    reasons.extend(serious.into_iter().map(|f| f.text));
    reasons.push(exposure.why);
    if incomplete {
        let stoppers = match show_stoppers.len() {
            0 => String::new(),
            1 => "; the show-stopper found so far makes it critical once half are answered".to_string(),
            n => format!("; the {n} show-stoppers found so far make it critical once half are answered"),
        };
        reasons.push(format!(
            "Incomplete: {answered} of {shown} scored questions answered; the risk is at least medium and never \
             critical until half are{stoppers}"
        ));
    }
    let other = match described {
        0 => String::new(),
        1 => "; the 1 other answer describes the vendor and is not scored".to_string(),
        n => format!("; the {n} other answers describe the vendor and are not scored"),
    };
    reasons.push(match score {
        Some(s) => format!(
            "Score {s} of 100 over the {answered} scored questions answered{other} (low from {low_at}, medium from \
             {medium_at} at this tier)"
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

    let self_hosted = ans.is("vendor.type", &[SELF_HOSTED]);
    VendorAssessment { inherent, residual, reasons, show_stoppers, contract_terms, attestations, self_hosted }
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
