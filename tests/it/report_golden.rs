//! Golden reports: a strong, a middling, a weak, a partial, a custom and a vendor assessment, each in every
//! format (Markdown, HTML, JSON, CSV), as insta snapshots. Small fixed questionnaires keep the snapshots
//! readable and independent of the built-in content. Review changes with `cargo insta review`.

use crate::common::Answering;
use chrono::NaiveDate;
use soc2_ready::assessment::Change;
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::estimate::Parameters;
use soc2_ready::questionnaire::Questionnaire;
use soc2_ready::report::{Format, Report, export};

pub const NOW: &str = "2026-01-15T09:00:00Z";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

/// A small readiness questionnaire with the profile questions the estimate reads.
pub fn readiness(kind: &str) -> Questionnaire {
    serde_json::from_value(serde_json::json!({
        "format": 1, "id": format!("mini-{kind}"), "version": "1.0", "title": "Mini readiness", "kind": kind,
        "sections": [
            { "id": "profile", "title": "Profile", "questions": [
                { "id": "profile.headcount", "type": "number", "text": "People?", "help": "h", "min": 1, "max": 100000 },
                { "id": "profile.systems", "type": "number", "text": "Systems?", "help": "h", "min": 0, "max": 10000 },
                { "id": "profile.remediation_fte", "type": "number", "text": "FTE?", "help": "h", "min": 0, "max": 100 },
                { "id": "profile.start_date", "type": "date", "text": "Start?", "help": "h" },
                { "id": "profile.compliance_tooling", "type": "yesno", "text": "Platform?", "help": "h" },
                { "id": "profile.consultant", "type": "yesno", "text": "Consultant?", "help": "h" },
                { "id": "profile.auditor_tier", "type": "choice", "text": "Firm?", "help": "h", "options": [
                    { "id": "boutique", "label": "Boutique" }, { "id": "mid_tier", "label": "Mid-tier" },
                    { "id": "big4", "label": "Big Four" } ] }
            ]},
            { "id": "policies", "title": "Policies", "questions": [
                { "id": "policies.security", "type": "maturity", "text": "Security policy approved?", "help": "h",
                  "weight": 5, "criteria": ["CC5.3"], "critical": true, "effort_days": [3, 8],
                  "remediation": "Write and approve it.", "evidence": ["Signed policy"],
                  "policy": "Information Security Policy" },
                { "id": "policies.model_change", "type": "maturity", "text": "Model change addendum?", "help": "h",
                  "weight": 2, "criteria": ["CC8.1"], "effort_days": [2, 5],
                  "remediation": "Write the addendum.", "policy": "Model Change Management Addendum" }
            ]},
            { "id": "access", "title": "Access", "questions": [
                { "id": "access.mfa", "type": "maturity", "text": "MFA enforced everywhere?", "help": "h", "weight": 5,
                  "criteria": ["CC6.1"], "critical": true, "effort_days": [2, 6], "remediation": "Enforce MFA.",
                  "evidence": ["IdP export"], "policy": "Access Control Policy", "ai_area": "model-access" },
                { "id": "access.reviews", "type": "maturity", "text": "Quarterly access reviews?", "help": "h",
                  "weight": 3, "criteria": ["CC6.3", "C1.1"], "effort_days": [2, 6],
                  "remediation": "Review every quarter.", "evidence": ["Review records"],
                  "policy": "Access Control Policy" },
                { "id": "access.sso", "type": "yesno", "text": "Single sign-on?", "help": "h", "weight": 2,
                  "criteria": ["CC6.1"], "effort_days": [2, 5], "remediation": "Connect apps to the IdP." }
            ]},
            { "id": "operations", "title": "Operations", "questions": [
                { "id": "operations.logging", "type": "maturity", "text": "Central logging?", "help": "h", "weight": 4,
                  "criteria": ["CC7.2"], "effort_days": [3, 10], "remediation": "Ship logs to one place.",
                  "evidence": ["Log retention settings"], "policy": "Information Security Policy",
                  "ai_area": "gpu-infrastructure" },
                { "id": "operations.model_eval", "type": "maturity", "text": "Models evaluated before release?",
                  "help": "h", "weight": 3, "criteria": ["CC8.1", "PI1.3"], "effort_days": [2, 8],
                  "remediation": "Gate releases on an evaluation suite.", "evidence": ["Evaluation reports"],
                  "policy": "Model Change Management Addendum", "ai_area": "model-change" }
            ]}
        ]
    }))
    .unwrap()
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

/// A company with the standard profile and every scored question at `level` (`None` leaves it unanswered).
pub fn company(kind: &str, levels: &[(&str, Option<&str>)]) -> Assessment {
    let mut a = Assessment::new(readiness(kind), "Mini AI Ltd", NOW);
    a.answer("profile.headcount", AnswerValue::Number(30.0), NOW);
    a.answer("profile.systems", AnswerValue::Number(4.0), NOW);
    a.answer("profile.remediation_fte", AnswerValue::Number(1.0), NOW);
    a.answer("profile.start_date", text("2026-02-02"), NOW);
    a.answer("profile.compliance_tooling", text("yes"), NOW);
    a.answer("profile.consultant", text("no"), NOW);
    a.answer("profile.auditor_tier", text("boutique"), NOW);
    for (id, level) in levels {
        if let Some(level) = level {
            a.answer(id, text(level), NOW);
        }
    }
    a
}

const SCORED: [&str; 7] = [
    "policies.security",
    "policies.model_change",
    "access.mfa",
    "access.reviews",
    "access.sso",
    "operations.logging",
    "operations.model_eval",
];

fn yes_no(id: &str, maturity: &str) -> &'static str {
    match (id, maturity) {
        ("access.sso", "documented" | "evidenced") => "yes",
        ("access.sso", _) => "no",
        _ => "",
    }
}

fn all_at(level: &'static str) -> Vec<(&'static str, Option<&'static str>)> {
    SCORED.iter().map(|id| (*id, Some(if *id == "access.sso" { yes_no(id, level) } else { level }))).collect()
}

pub fn strong() -> Assessment {
    company("readiness", &all_at("evidenced"))
}

pub fn middling() -> Assessment {
    let mut a = company("readiness", &all_at("informal"));
    a.answer("policies.security", text("documented"), NOW);
    a.answer("access.mfa", text("documented"), NOW);
    a.answer("policies.model_change", text("na"), NOW);
    a.write_note("policies.model_change", "We do not train or fine-tune models", NOW);
    if a.answers().contains_key("access.reviews") {
        let (question, owner, due) = ("access.reviews".into(), "Dana Kim".into(), "2026-04-30".into());
        a.change(Change::Plan { question, owner, due }, NOW);
    }
    a
}

pub fn weak() -> Assessment {
    company("readiness", &all_at("not_started"))
}

pub fn partial() -> Assessment {
    company(
        "readiness",
        &[("policies.security", Some("documented")), ("access.mfa", Some("informal")), ("access.sso", Some("no"))],
    )
}

/// A customer's own questionnaire: scored yes/no questions without SOC 2 criteria or efforts.
pub fn custom() -> Assessment {
    let q: Questionnaire = serde_json::from_value(serde_json::json!({
        "format": 1, "id": "bigcorp", "version": "2026", "title": "BigCorp supplier questions", "kind": "custom",
        "sections": [{ "id": "security", "title": "Security", "questions": [
            { "id": "security.encryption", "type": "yesno", "text": "Is customer data encrypted at rest?", "help": "h", "weight": 3 },
            { "id": "security.training", "type": "yesno", "text": "Do staff take yearly security training?", "help": "h", "weight": 1,
              "remediation": "Run a yearly training." },
            { "id": "security.contact", "type": "text", "text": "Security contact?", "help": "h" }
        ]}]
    }))
    .unwrap();
    let mut a = Assessment::new(q, "Mini AI Ltd", NOW);
    a.answer("security.encryption", text("yes"), NOW);
    a.answer("security.training", text("no"), NOW);
    a.answer("security.contact", text("security@mini.example"), NOW);
    a
}

/// A small AI vendor questionnaire.
pub fn vendor() -> Assessment {
    let q: Questionnaire = serde_json::from_value(serde_json::json!({
        "format": 1, "id": "mini-vendor", "version": "1.0", "title": "Mini AI vendor", "kind": "vendor",
        "sections": [{ "id": "data", "title": "Data handling", "questions": [
            { "id": "data.training", "type": "yesno", "text": "Is our data kept out of model training?", "help": "h",
              "weight": 5, "critical": true, "criteria": ["CC9.2"],
              "remediation": "Contract: our inputs and outputs are never used to train models." },
            { "id": "data.retention", "type": "maturity", "text": "Are prompts deleted within 30 days?", "help": "h",
              "weight": 3, "criteria": ["CC9.2"], "remediation": "Contract: prompts deleted within 30 days." },
            { "id": "data.soc2", "type": "yesno", "text": "Does the vendor hold a current SOC 2 Type II report?",
              "help": "h", "weight": 4, "criteria": ["CC9.2"], "remediation": "Ask for the report under NDA." }
        ]}]
    }))
    .unwrap();
    let mut a = Assessment::new(q, "Example Models Inc", NOW);
    a.answer("data.training", text("yes"), NOW);
    a.answer("data.retention", text("informal"), NOW);
    a.answer("data.soc2", text("no"), NOW);
    a
}

pub fn build(a: &Assessment) -> Report {
    Report::build(a, &Parameters::built_in(), today())
}

fn snapshot_all(name: &str, a: &Assessment) {
    let r = build(a);
    for format in Format::ALL {
        insta::assert_snapshot!(format!("report_golden_{name}_{}", format.id()), export(&r, format));
    }
}

#[test]
fn strong_in_every_format() {
    snapshot_all("strong", &strong());
}

#[test]
fn middling_in_every_format() {
    snapshot_all("middling", &middling());
}

#[test]
fn weak_in_every_format() {
    snapshot_all("weak", &weak());
}

#[test]
fn partial_in_every_format() {
    snapshot_all("partial", &partial());
}

#[test]
fn custom_in_every_format() {
    snapshot_all("custom", &custom());
}

#[test]
fn vendor_in_every_format() {
    snapshot_all("vendor", &vendor());
}

/// A consultant's interview of the middling company: two meetings (Ann and Bo, then Bo alone), two answers
/// checked against evidence and the rest as claimed, and an observation with owner and due date.
pub fn interviewed() -> Assessment {
    use soc2_ready::assessment::{interview::meetings, model::observations, model::review};
    let mut a = middling();
    meetings::start(&mut a, &["Ann Lee".to_string(), "Bo Chen".to_string()], "2026-01-12T09:00:00Z");
    a.set_respondent("Ann Lee", "2026-01-12T09:00:00Z");
    for (id, level) in [("access.mfa", "documented"), ("access.reviews", "informal")] {
        a.answer(id, text(level), "2026-01-12T09:30:00Z");
        meetings::record_answered(&mut a, id);
    }
    meetings::end(&mut a, "2026-01-12T10:05:30Z");
    meetings::start(&mut a, &["Bo Chen".to_string()], "2026-01-14T14:00:00Z");
    a.set_respondent("Bo Chen", "2026-01-14T14:00:00Z");
    a.answer("operations.logging", text("informal"), "2026-01-14T14:10:00Z");
    meetings::record_answered(&mut a, "operations.logging");
    meetings::end(&mut a, "2026-01-14T14:40:00Z");
    assert!(review::toggle_reviewed(&mut a, "access.mfa", "Carol Diaz", "2026-01-14T15:00:00Z"));
    assert!(review::toggle_reviewed(&mut a, "policies.security", "Carol Diaz", "2026-01-14T15:00:00Z"));
    let seen = observations::ObservationFields {
        seen: "Two admin accounts sign in without MFA".into(),
        risk: "Account takeover of the production console".into(),
        recommendation: "Enforce MFA for every admin in the IdP".into(),
        owner: "Dana Kim".into(),
        due: "2026-03-31".into(),
    };
    observations::add(&mut a, "access.mfa", seen, "Carol Diaz", "2026-01-14T15:05:00Z").unwrap();
    a
}

/// Next year's assessment of the middling company, carried over: the profile and four answers confirmed,
/// two of them improved (MFA now evidenced, logging documented), two still to confirm.
pub fn carried_over() -> Assessment {
    use soc2_ready::assessment::interview::carry_over::carry_over;
    use soc2_ready::assessment::model::review;
    let mut last = middling();
    last.updated_at = "2025-01-20T09:00:00Z".into();
    let now = "2026-01-10T09:00:00Z";
    let (mut a, _) = carry_over(&last, readiness("readiness"), "Mini AI Ltd", now);
    let still = ["policies.model_change", "access.sso"];
    let ids: Vec<String> = a.answers().keys().filter(|id| !still.contains(&id.as_str())).cloned().collect();
    for id in ids {
        review::confirm(&mut a, &id, now);
    }
    a.answer("access.mfa", text("evidenced"), now);
    a.answer("operations.logging", text("documented"), now);
    a
}

#[test]
fn interviewed_in_every_format() {
    snapshot_all("interviewed", &interviewed());
}

#[test]
fn carried_over_in_every_format() {
    snapshot_all("carried_over", &carried_over());
}

#[test]
fn the_consultant_parts_hold_hand_checked_values_and_stay_out_of_a_founders_report() {
    let r = build(&interviewed());
    // 09:00:00 to 10:05:30 is 3930 s; 14:00 to 14:40 is 40 min.
    let m: Vec<_> = r.meetings.iter().map(|m| (m.duration_seconds, m.attendees.len(), m.answered.len())).collect();
    assert_eq!(m, [(3930, 2, 2), (2400, 1, 1)]);
    // 14 answers: policies.security and access.mfa reviewed, the other 12 as claimed.
    let review = r.review.as_ref().unwrap();
    assert_eq!((review.total.claimed, review.total.reviewed, review.total.to_confirm), (12, 2, 0));
    let reviewed: Vec<_> = r.gaps.iter().filter(|g| g.reviewed).map(|g| g.id.as_str()).collect();
    assert_eq!(reviewed, ["policies.security", "access.mfa"]);
    assert_eq!(r.observations.len(), 1);
    assert_eq!((r.observations[0].owner.as_str(), r.observations[0].due.as_str()), ("Dana Kim", "2026-03-31"));
    assert!(r.since_last_year.is_none());

    let r = build(&carried_over());
    let s = r.since_last_year.as_ref().unwrap();
    // Last year: (5 + 5 + 1.5 + 0 + 2 + 1.5) / 22 = 68.2 (the addendum not applicable). Now the answers
    // still to confirm count as carried (C4: they counted as unanswered, 70.8 on 24 with the addendum at 0
    // and Policies 100 -> 71.4, a fall nobody made), so only the two changed answers move it:
    // (5 + 5 + 1.5 + 0 + 4 + 1.5) / 22 = 77.3.
    assert_eq!((s.changes.overall.old_type1, s.changes.overall.new_type1), (Some(68.2), Some(77.3)));
    assert_eq!(s.changes.overall.type1_delta(), Some(9.1));
    assert_eq!(s.changes.answers.len(), 2);
    let ids: Vec<_> = s.to_confirm.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["policies.model_change", "access.sso"]);
    assert!(r.meetings.is_empty() && r.observations.is_empty());

    // The founder's report, even after opening it in the interface (a meeting naming nobody), has none.
    let mut a = middling();
    soc2_ready::assessment::interview::meetings::start(&mut a, &[], NOW);
    let r = build(&a);
    assert!(r.meetings.is_empty() && r.review.is_none() && r.observations.is_empty() && r.since_last_year.is_none());
    for format in [Format::Markdown, Format::Html, Format::Json] {
        let text = export(&r, format);
        for part in ["Meetings", "Claimed and reviewed", "Observations", "Since last year", "since_last_year"] {
            assert!(!text.contains(part), "{part} in the founder's {format:?} report");
        }
    }
}
