//! The vendor verdict (issue 11): the scenarios of the content review give the verdicts an auditor and a
//! security team would give. Every scenario starts from a vendor that answers everything well, then
//! changes the answers the scenario is about.

use crate::common::Answering;
use chrono::NaiveDate;
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::questionnaire::{QuestionType, catalog};
use soc2_ready::scoring::VendorRisk;
use soc2_ready::scoring::vendor::{InherentTier, VendorAssessment, assess};

const NOW: &str = "2026-11-26T09:00:00Z";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

fn list(items: &[&str]) -> AnswerValue {
    AnswerValue::List(items.iter().map(|s| s.to_string()).collect())
}

fn empty() -> Assessment {
    Assessment::new(catalog::built_in("ai-vendor-assessment").unwrap(), "Acme", NOW)
}

/// A mainstream model provider with everything in order, sent customer confidential and personal data by a
/// customer-facing feature: every scored question at its best answer.
fn good_vendor() -> Assessment {
    let mut a = empty();
    let questions: Vec<_> = a.questionnaire().questions().map(|(_, q)| q.clone()).collect();
    for q in questions.iter().filter(|q| q.is_scored()) {
        let best = match q.kind {
            QuestionType::Maturity => "evidenced".to_string(),
            QuestionType::Yesno => "yes".to_string(),
            _ => {
                let top = q.options.iter().filter_map(|o| o.score).fold(0.0, f64::max);
                q.options.iter().find(|o| o.score == Some(top)).unwrap().id.clone()
            }
        };
        // A question the best answers hide keeps its best answer too, as a file may (stale, not counted).
        a.answer_even_hidden(&q.id, text(&best), NOW);
    }
    for (id, v) in [
        ("vendor.type", text("model_api")),
        ("vendor.criticality", text("core")),
        ("vendor.features", list(&["inference", "retrieval"])),
        ("vendor.data_shared", list(&["customer_confidential", "personal_data"])),
        ("attest.soc2_period_end", text("2026-09-30")),
        ("attest.bridge_letter", text("not_needed")),
    ] {
        a.answer(id, v, NOW);
    }
    a
}

fn with(mut a: Assessment, answers: &[(&str, AnswerValue)]) -> Assessment {
    for (id, v) in answers {
        assert!(a.questionnaire().question(id).is_some(), "the vendor questionnaire asks {id}");
        a.answer(id, v.clone(), NOW);
    }
    a
}

fn verdict(a: &Assessment) -> VendorAssessment {
    assess(a, today())
}

#[test]
fn a_clean_mainstream_provider_is_low_or_medium_even_with_undue_delay_and_self_service_deletion() {
    // The review's run: SOC 2 Type II, ISO 27001 and 42001, never trains (in the contract), zero retention,
    // a DPA, breach notice "without undue delay" and self-service deletion.
    let a = with(
        good_vendor(),
        &[("contract.breach_notice", text("undue_delay")), ("deletion.on_request", text("self_service_only"))],
    );
    let v = verdict(&a);
    assert_eq!(v.inherent, InherentTier::High, "customer confidential data");
    assert!(v.residual <= VendorRisk::Medium, "{:?}: {:#?}", v.residual, v.reasons);
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
    assert!(
        !v.contract_terms.iter().any(|t| t.contains("security incident")),
        "\"without undue delay\" is the GDPR standard: nothing more to ask for: {:?}",
        v.contract_terms
    );
    let kinds: Vec<&str> = v.attestations.iter().map(|x| x.kind.as_str()).collect();
    assert_eq!(kinds, ["SOC 2 Type II", "ISO/IEC 27001", "ISO/IEC 42001"]);
    assert_eq!(v.attestations[0].opinion, "unqualified");
    assert_eq!(v.attestations[0].age_months, Some(1), "2026-09-30 to 2026-11-26");
}

#[test]
fn the_best_answers_everywhere_give_low_risk() {
    let v = verdict(&good_vendor());
    assert_eq!(v.residual, VendorRisk::Low, "{:#?}", v.reasons);
    assert!(v.contract_terms.is_empty(), "{:?}", v.contract_terms);
}

#[test]
fn training_by_default_with_a_written_opt_out_is_not_critical() {
    let a = with(
        good_vendor(),
        &[
            ("training.trains_on_data", text("by_default_with_opt_out")),
            ("training.opt_out_confirmed", text("yes")),
            ("training.in_contract", text("yes")),
        ],
    );
    let v = verdict(&a);
    assert!(v.residual <= VendorRisk::Medium, "{:?}: {:#?}", v.residual, v.reasons);
    assert!(v.show_stoppers.is_empty());

    // Without the written confirmation it is a serious finding, still not a show-stopper.
    let a = with(a, &[("training.opt_out_confirmed", text("no"))]);
    let v = verdict(&a);
    assert_eq!(v.residual, VendorRisk::High, "{:#?}", v.reasons);
    assert!(v.show_stoppers.is_empty());
}

#[test]
fn training_with_no_opt_out_is_critical() {
    let v = verdict(&with(good_vendor(), &[("training.trains_on_data", text("yes_no_opt_out"))]));
    assert_eq!(v.residual, VendorRisk::Critical);
    assert_eq!(v.show_stoppers.len(), 1, "{:?}", v.show_stoppers);
    assert!(v.show_stoppers[0].contains("no way to opt out"));
    assert!(v.reasons[0].starts_with("Critical: "), "show-stoppers come first: {:?}", v.reasons);
    assert!(v.contract_terms.iter().any(|t| t.contains("train")), "{:?}", v.contract_terms);
}

#[test]
fn no_customer_data_shared_lowers_the_tier_and_nothing_is_critical() {
    // Only public data reaches it, it is an internal tool, and its answers are weak, training included.
    let a = with(
        good_vendor(),
        &[
            ("vendor.data_shared", list(&["none"])),
            ("vendor.criticality", text("internal")),
            ("training.trains_on_data", text("yes_no_opt_out")),
            ("contract.breach_notice", text("none")),
        ],
    );
    let v = verdict(&a);
    assert_eq!(v.inherent, InherentTier::Low);
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
    assert_eq!(v.residual, VendorRisk::High, "serious findings still count: {:#?}", v.reasons);
    assert!(v.reasons.iter().any(|r| r.contains("critical if customer data were shared")));

    // Clean answers and no data: low.
    let v = verdict(&with(
        good_vendor(),
        &[("vendor.data_shared", list(&["none"])), ("vendor.criticality", text("internal"))],
    ));
    assert_eq!((v.inherent, v.residual), (InherentTier::Low, VendorRisk::Low));
}

#[test]
fn a_qualified_adverse_or_disclaimed_opinion_is_critical() {
    for opinion in ["qualified", "adverse", "disclaimer"] {
        let v = verdict(&with(good_vendor(), &[("attest.soc2_exceptions", text(opinion))]));
        assert_eq!(v.residual, VendorRisk::Critical, "{opinion}");
        assert_eq!(v.attestations[0].opinion, opinion);
    }
    let v = verdict(&with(good_vendor(), &[("attest.soc2_exceptions", text("exceptions_resolved"))]));
    assert!(v.residual <= VendorRisk::Medium, "{:#?}", v.reasons);
}

#[test]
fn a_report_over_12_months_old_without_a_bridge_letter_is_critical() {
    // Period ended 2025-09-30: 13 whole months before 2026-11-26.
    let stale = with(
        good_vendor(),
        &[("attest.soc2_period_end", text("2025-09-30")), ("attest.bridge_letter", text("not_provided"))],
    );
    let v = verdict(&stale);
    assert_eq!(v.residual, VendorRisk::Critical);
    assert!(v.show_stoppers[0].contains("13 months ago"), "{:?}", v.show_stoppers);
    assert_eq!(v.attestations[0].age_months, Some(13));

    // "Not needed" is inconsistent with that date: still critical.
    let v = verdict(&with(stale.clone(), &[("attest.bridge_letter", text("not_needed"))]));
    assert_eq!(v.residual, VendorRisk::Critical);

    // Within 15 months a bridge letter covers the wait for the next report (issue 21): see the cases below.
}

#[test]
fn a_report_under_12_months_old_needs_no_bridge_letter() {
    // Issue 21 replaced the "three months" rule: a report is current for 12 months after its period ends.
    // 2026-05-31 is 5 whole months before 2026-11-26.
    for letter in ["not_needed", "not_provided"] {
        let a = with(
            good_vendor(),
            &[("attest.soc2_period_end", text("2026-05-31")), ("attest.bridge_letter", text(letter))],
        );
        let v = verdict(&a);
        assert_eq!(v.residual, VendorRisk::Low, "{letter}: {:#?}", v.reasons);
    }
}

#[test]
fn no_breach_notice_at_all_or_no_attestation_is_critical() {
    let v = verdict(&with(good_vendor(), &[("contract.breach_notice", text("none"))]));
    assert_eq!(v.residual, VendorRisk::Critical);

    let unaudited = with(
        good_vendor(),
        &[
            ("attest.soc2", text("none")),
            ("attest.iso27001", text("none")),
            ("attest.other_assurance", text("self_assessment")),
        ],
    );
    let v = verdict(&unaudited);
    assert_eq!(v.residual, VendorRisk::Critical);
    assert!(v.show_stoppers[0].contains("No independent attestation"));
    // A booked audit is a plan: not a show-stopper.
    let v = verdict(&with(unaudited, &[("attest.other_assurance", text("audit_planned"))]));
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
}

#[test]
fn health_data_without_a_baa_is_critical() {
    let a = with(good_vendor(), &[("vendor.data_shared", list(&["health_data"])), ("contract.baa", text("offered"))]);
    assert_eq!(verdict(&a).residual, VendorRisk::Critical);
}

#[test]
fn an_incomplete_assessment_is_not_critical_but_says_it_is_incomplete() {
    let a = with(empty(), &[("vendor.data_shared", list(&["customer_confidential"]))]);
    let v = verdict(&a);
    assert!(v.show_stoppers.is_empty(), "unanswered is not failed");
    assert_eq!(v.residual, VendorRisk::High, "no answers, no score");
    assert!(v.reasons.iter().any(|r| r.starts_with("Incomplete: 0 of ")), "{:#?}", v.reasons);
    // A vendor answering only the five things the buyer checked first: medium at best, as incomplete.
    let a = with(
        empty(),
        &[
            ("vendor.data_shared", list(&["customer_confidential"])),
            ("attest.soc2", text("type2_reviewed")),
            ("training.trains_on_data", text("never")),
            ("retention.prompts_outputs", text("zero")),
            ("contract.breach_notice", text("undue_delay")),
        ],
    );
    assert_eq!(verdict(&a).residual, VendorRisk::Medium);
}

/// A tiny vendor questionnaire: what data the vendor gets, a choice (weight 3), a yes/no (weight 2) and a
/// yes/no (weight 5) left unanswered, so the thresholds can be checked by hand.
fn tiny(data: &[&str], choice: &str) -> VendorAssessment {
    let q: soc2_ready::questionnaire::Questionnaire = serde_json::from_value(serde_json::json!({
        "format": 1, "id": "tiny", "version": "1", "title": "Tiny", "kind": "vendor",
        "sections": [{ "id": "v", "title": "V", "questions": [
            { "id": "vendor.data_shared", "type": "multi", "text": "Data?", "help": "h", "options": [
                { "id": "none", "label": "None" }, { "id": "personal_data", "label": "Personal" },
                { "id": "customer_confidential", "label": "Customer confidential" } ] },
            { "id": "v.terms", "type": "choice", "text": "Terms?", "help": "h", "weight": 3, "criteria": ["CC9.2"],
              "options": [ { "id": "good", "label": "Good", "score": 1 }, { "id": "some", "label": "Some", "score": 0.5 },
                           { "id": "bad", "label": "Bad", "score": 0 } ] },
            { "id": "v.mfa", "type": "yesno", "text": "MFA?", "help": "h", "weight": 2, "criteria": ["CC9.2"] },
            { "id": "v.later", "type": "yesno", "text": "Later?", "help": "h", "weight": 5, "criteria": ["CC9.2"] }
        ]}]
    }))
    .unwrap();
    let mut a = Assessment::new(q, "Acme", NOW);
    a.answer("vendor.data_shared", list(data), NOW);
    a.answer("v.terms", text(choice), NOW);
    a.answer("v.mfa", text("yes"), NOW);
    assess(&a, today())
}

#[test]
fn score_thresholds_rise_with_the_inherent_tier_by_hand() {
    // "some" + yes: (3 x 0.5 + 2) / (3 + 2) = 70.0 over the 2 answered of 3 (not incomplete: 2 x 2 >= 3).
    // High tier: low from 85, medium from 65 -> medium. Moderate: low from 70 -> low. Low tier -> low.
    assert_eq!(tiny(&["customer_confidential"], "some").residual, VendorRisk::Medium);
    assert_eq!(tiny(&["personal_data"], "some").residual, VendorRisk::Low);
    assert_eq!(tiny(&["none"], "some").residual, VendorRisk::Low);
    // "bad" + yes: 2 / 5 = 40.0. High and moderate tiers -> high; low tier (medium from 30) -> medium.
    let v = tiny(&["customer_confidential"], "bad");
    assert_eq!(v.residual, VendorRisk::High);
    assert!(
        v.reasons.iter().any(|r| r.starts_with("Score 40 of 100 over the 2 scored questions answered")),
        "{:#?}",
        v.reasons
    );
    assert_eq!(tiny(&["personal_data"], "bad").residual, VendorRisk::High);
    assert_eq!(tiny(&["none"], "bad").residual, VendorRisk::Medium);
}

/// Whether the question is shown, given the answers so far.
fn shown(a: &Assessment, id: &str) -> bool {
    let vis = soc2_ready::assessment::Visibility::of_assessment(a);
    for (si, s) in a.questionnaire().sections.iter().enumerate() {
        for (qi, q) in s.questions.iter().enumerate() {
            if q.id == id {
                return vis.question(si, qi);
            }
        }
    }
    panic!("no question {id}")
}

#[test]
fn an_incomplete_assessment_is_never_critical_even_with_a_show_stopper_answered() {
    // Defect C6: the README's rule is "fewer than half answered: incomplete, at least medium, never
    // critical". A buyer's first few answers include a show-stopper: the verdict says high (incomplete),
    // and the show-stopper is still listed, not hidden.
    let a = with(
        empty(),
        &[
            ("vendor.data_shared", list(&["customer_confidential"])),
            ("attest.soc2", text("type2_reviewed")),
            ("training.trains_on_data", text("yes_no_opt_out")),
            ("contract.breach_notice", text("undue_delay")),
        ],
    );
    let v = verdict(&a);
    assert_eq!(v.residual, VendorRisk::High, "{:#?}", v.reasons);
    assert_eq!(v.show_stoppers.len(), 1, "found so far, still listed: {:?}", v.show_stoppers);
    assert!(
        v.reasons.iter().any(|r| r.starts_with("Incomplete: ") && r.contains("critical once")),
        "the reasons say why it is not critical yet: {:#?}",
        v.reasons
    );
}

#[test]
fn an_unanswered_bridge_letter_is_not_a_failed_one() {
    // 2025-09-30 is 13 months before 2026-11-26: a bridge letter decides, and nobody has said yet.
    let mut a = with(good_vendor(), &[("attest.soc2_period_end", text("2025-09-30"))]);
    a.unanswer("attest.bridge_letter", NOW);
    let v = verdict(&a);
    assert!(v.show_stoppers.is_empty(), "unanswered is not failed: {:?}", v.show_stoppers);
    assert_eq!(v.residual, VendorRisk::Medium, "{:#?}", v.reasons);
    assert!(
        v.reasons.iter().any(|r| r.contains("bridge letter") && r.contains("Not yet assessed")),
        "{:#?}",
        v.reasons
    );
}

#[test]
fn the_score_reason_says_which_questions_it_counts() {
    // Defect C9: "Score 100 over the 71 answered" sat beside "81 of 81 answered": the score counts only
    // the scored questions; the questions about the vendor itself are not scored.
    let v = verdict(&good_vendor());
    let shown_scored = good_vendor().questionnaire().questions().filter(|(_, q)| q.is_scored()).count();
    let score = v.reasons.iter().find(|r| r.starts_with("Score ")).expect("a score reason");
    assert!(score.contains("scored questions answered"), "{score}");
    assert!(score.contains(" not scored"), "says what the other answers are: {score}");
    assert!(shown_scored > 0);
}

#[test]
fn the_inherent_reason_names_the_data_this_vendor_gets() {
    // Defect C9: the reason listed every kind of the tier ("personal data, internal confidential data or
    // source code") whatever the vendor got.
    let a = with(good_vendor(), &[("vendor.data_shared", list(&["source_code"]))]);
    let v = verdict(&a);
    let tier = v.reasons.iter().find(|r| r.starts_with("Inherent risk")).unwrap();
    assert!(tier.contains("source code"), "{tier}");
    assert!(!tier.contains("personal data"), "{tier}");
}

// Issue 21, vendor part: the attestation rules of third-party risk practice. Each case states the
// expected verdict first; today is 2026-11-26 and the rest of the vendor is in order.

#[test]
fn a_report_20_months_old_with_a_bridge_letter_is_lapsed_and_critical() {
    let expected = VendorRisk::Critical;
    let a = with(
        good_vendor(),
        &[("attest.soc2_period_end", text("2025-03-26")), ("attest.bridge_letter", text("received"))],
    );
    let v = verdict(&a);
    assert_eq!(v.residual, expected, "{:#?}", v.reasons);
    assert!(
        v.show_stoppers.iter().any(|s| s.contains("20 months ago") && s.contains("lapsed")),
        "{:?}",
        v.show_stoppers
    );
}

#[test]
fn a_report_13_months_old_with_a_bridge_letter_is_acceptable_with_a_follow_up() {
    let expected = [VendorRisk::Low, VendorRisk::Medium];
    let a = with(
        good_vendor(),
        &[("attest.soc2_period_end", text("2025-10-26")), ("attest.bridge_letter", text("received"))],
    );
    let v = verdict(&a);
    assert!(expected.contains(&v.residual), "{:?}: {:#?}", v.residual, v.reasons);
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
    assert!(
        v.reasons.iter().any(|r| r.contains("13 months ago") && r.contains("next report") && r.contains("2027-01-26")),
        "a follow-up: ask for the next report when it is due: {:#?}",
        v.reasons
    );
}

#[test]
fn a_type2_ended_6_months_ago_without_a_bridge_letter_is_fine() {
    let expected = VendorRisk::Low;
    let a = with(
        good_vendor(),
        &[("attest.soc2_period_end", text("2026-05-26")), ("attest.bridge_letter", text("not_provided"))],
    );
    let v = verdict(&a);
    assert_eq!(v.residual, expected, "{:#?}", v.reasons);
}

#[test]
fn a_report_not_yet_read_is_not_yet_assessed_and_reading_it_asks_for_its_exceptions() {
    let expected = VendorRisk::Medium;
    let mut a = with(good_vendor(), &[("attest.soc2", text("type2_not_reviewed"))]);
    a.unanswer("attest.soc2_exceptions", NOW);
    let v = verdict(&a);
    assert_eq!(v.residual, expected, "{:#?}", v.reasons);
    assert!(v.reasons.iter().any(|r| r.starts_with("Not yet assessed")), "{:#?}", v.reasons);
    // The opinion and exceptions are asked whenever a report is in hand, read or not.
    assert!(shown(&a, "attest.soc2_exceptions"));
    // Read, with its exceptions not yet recorded: still not assessed.
    let read = with(a.clone(), &[("attest.soc2", text("type2_reviewed"))]);
    let v = verdict(&read);
    assert_eq!(v.residual, VendorRisk::Medium, "{:#?}", v.reasons);
    // What reading it revealed counts.
    let v = verdict(&with(read, &[("attest.soc2_exceptions", text("exceptions_open"))]));
    assert_eq!(v.residual, VendorRisk::High, "{:#?}", v.reasons);
}

#[test]
fn a_self_hosted_open_weight_model_is_a_supply_chain_review_not_a_data_processor() {
    // The model runs on our own servers from downloaded weights: no data goes to anyone. The weak
    // answers left over from a data-processor view (no SOC 2, trains on data) must not count, and
    // `core` must not cancel the "no data shared" downgrade.
    // The weak answers are given while they are asked, then the type hides them, as a user would.
    let a = with(
        good_vendor(),
        &[
            ("vendor.criticality", text("core")),
            ("attest.soc2", text("none")),
            ("attest.iso27001", text("none")),
            ("training.trains_on_data", text("yes_no_opt_out")),
            ("contract.breach_notice", text("none")),
            ("vendor.type", text("self_hosted_weights")),
        ],
    );
    for id in ["model_supply.licence", "model_supply.provenance", "model_supply.file_format", "model_supply.updates"] {
        assert!(shown(&a, id), "{id} is asked for a self-hosted model");
    }
    for id in ["attest.soc2", "training.trains_on_data", "contract.dpa", "vendor.data_shared"] {
        assert!(!shown(&a, id), "{id} is a data-processor question");
    }
    let a = with(
        a,
        &[
            ("model_supply.licence", text("reviewed_allows")),
            ("model_supply.provenance", text("official_verified")),
            ("model_supply.file_format", text("safe_format")),
            ("model_supply.updates", text("pinned_reviewed")),
        ],
    );
    let v = verdict(&a);
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
    assert_ne!(v.inherent, InherentTier::High);
    assert_eq!(v.residual, VendorRisk::Low, "{:#?}", v.reasons);
    assert!(v.reasons.iter().any(|r| r.contains("supply-chain")), "{:#?}", v.reasons);

    // Pickle files from an unofficial upload, loaded unscanned: a serious supply-chain finding.
    let v = verdict(&with(
        a,
        &[("model_supply.provenance", text("unofficial")), ("model_supply.file_format", text("pickle_unscanned"))],
    ));
    assert_eq!(v.residual, VendorRisk::High, "{:#?}", v.reasons);
    assert!(v.show_stoppers.is_empty());
}

#[test]
fn a_core_vendor_that_gets_no_data_keeps_the_no_data_downgrade() {
    // Issue 21: `core` raised the tier to moderate and so made the show-stoppers critical again.
    let a = with(
        good_vendor(),
        &[
            ("vendor.data_shared", list(&["none"])),
            ("vendor.criticality", text("core")),
            ("training.trains_on_data", text("yes_no_opt_out")),
        ],
    );
    let v = verdict(&a);
    assert!(v.show_stoppers.is_empty(), "{:?}", v.show_stoppers);
    assert_eq!(v.residual, VendorRisk::High, "{:#?}", v.reasons);
}

#[test]
fn an_exclusive_option_cannot_be_combined() {
    // Defect F14: "None yet" was accepted together with "GDPR".
    use soc2_ready::assessment::parse_answer;
    let vendor = catalog::built_in("ai-vendor-assessment").unwrap();
    let (_, q) = vendor.question("vendor.data_shared").unwrap();
    let err = parse_answer(q, "none,personal_data").unwrap_err().to_string();
    assert!(err.contains("cannot be combined"), "{err}");
    assert!(err.contains("Nothing sensitive"), "names the option: {err}");
    assert!(parse_answer(q, "none").is_ok());
    assert!(parse_answer(q, "personal_data,source_code").is_ok());
    let readiness = catalog::built_in("soc2-ai-readiness").unwrap();
    let multi_with_none: Vec<_> = readiness
        .questions()
        .chain(vendor.questions())
        .filter(|(_, q)| q.options.iter().any(|o| o.id == "none") && q.kind == QuestionType::Multi)
        .collect();
    assert!(!multi_with_none.is_empty());
    let (_, role) = readiness.question("profile.eu_ai_act_role").unwrap();
    assert!(parse_answer(role, "deployer,not_in_eu").unwrap_err().to_string().contains("cannot be combined"));
    for (_, q) in multi_with_none {
        assert!(q.options.iter().find(|o| o.id == "none").unwrap().exclusive, "{}: `none` is exclusive", q.id);
        let other = q.options.iter().find(|o| o.id != "none").unwrap();
        assert!(parse_answer(q, &format!("{},none", other.id)).is_err(), "{}", q.id);
    }
}

#[test]
fn no_built_in_question_repeats_a_word() {
    // Defect F14: "the model access controls controls above".
    for id in ["soc2-ai-readiness", "ai-vendor-assessment"] {
        let q = catalog::built_in(id).unwrap();
        let mut texts: Vec<(String, &str)> = Vec::new();
        for (s, question) in q.questions() {
            texts.push((format!("{}: text", question.id), &question.text));
            texts.push((format!("{}: help", question.id), &question.help));
            texts.push((format!("{}: remediation", question.id), &question.remediation));
            for o in &question.options {
                texts.push((format!("{}: option {}", question.id, o.id), &o.label));
            }
            texts.push((format!("section {}", s.id), &s.description));
        }
        for (place, t) in texts {
            // A word said twice in a row, not across punctuation ("retraining, retraining on demand").
            let words: Vec<&str> = t.split_whitespace().collect();
            for pair in words.windows(2) {
                let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                let joined = pair[0].ends_with(|c: char| c.is_alphanumeric());
                let doubled =
                    joined && bare(pair[0]) == bare(pair[1]) && !bare(pair[0]).chars().all(|c| c.is_ascii_digit());
                assert!(!doubled, "{id} {place}: \"{} {}\" in {t}", pair[0], pair[1]);
            }
        }
    }
}

#[test]
fn the_vendor_headline_gives_a_reason_beyond_the_inherent_tier() {
    // Defect C9: with nothing wrong, the headline's reason was the inherent-risk sentence, repeating the
    // tier the sentence had just given ("... of moderate inherent risk: Inherent risk moderate: ...").
    use soc2_ready::estimate::Parameters;
    use soc2_ready::report::{OnePage, Report};
    let a = with(good_vendor(), &[("vendor.data_shared", list(&["source_code"]))]);
    let page = OnePage::of(&Report::build(&a, &Parameters::built_in(), today()));
    assert!(page.verdict.starts_with("Residual risk low for a vendor of moderate inherent risk: "), "{}", page.verdict);
    assert!(!page.verdict.contains("Inherent risk"), "{}", page.verdict);
    assert!(page.verdict.contains("Score 100 of 100 over the "), "{}", page.verdict);
}

#[test]
fn a_self_hosted_model_is_not_due_early_for_want_of_an_attestation() {
    // No attestation applies to weights you run yourself: the 6-month review for "no current
    // attestation" is for vendors that hold your data.
    use soc2_ready::comparison::vendors::vendor_row;
    let a = with(
        good_vendor(),
        &[
            ("vendor.type", text("self_hosted_weights")),
            ("vendor.criticality", text("supporting")),
            ("model_supply.licence", text("reviewed_allows")),
            ("model_supply.provenance", text("official_verified")),
            ("model_supply.file_format", text("safe_format")),
            ("model_supply.updates", text("pinned_reviewed")),
        ],
    );
    let row = vendor_row(std::path::Path::new("weights.json"), &a, today());
    assert_eq!((row.tier, row.verdict), ("low", "low"));
    assert_eq!(row.attestation, None);
    let last = row.last_assessed.unwrap();
    assert_eq!(row.next_review, last.checked_add_months(chrono::Months::new(12)), "{row:?}");
}

/// The content review's nine vendor profiles (content-review-2, finding 5, and the first review's clean
/// provider and no-data runs), each with the verdict the review says it should get, written first. Today
/// is 2026-11-26; every profile starts from a vendor in order and changes what the profile is about.
#[test]
fn the_reviews_nine_vendor_profiles_get_the_reviews_verdicts() {
    use VendorRisk::{Critical, High, Low, Medium};
    type Profile<'a> = (&'a str, &'a [VendorRisk], Vec<(&'a str, AnswerValue)>);
    let profiles: Vec<Profile<'_>> = vec![
        (
            "1. mainstream model API: Type II current, ISO 27001 and 42001, never trains, zero retention, DPA",
            &[Low],
            vec![],
        ),
        (
            "2. report period ended 20 months ago, with a bridge letter: lapsed, escalate",
            &[Critical],
            vec![("attest.soc2_period_end", text("2025-03-26")), ("attest.bridge_letter", text("received"))],
        ),
        (
            "3. report period ended 13 months ago, with a bridge letter: acceptable, follow up",
            &[Low, Medium],
            vec![("attest.soc2_period_end", text("2025-10-26")), ("attest.bridge_letter", text("received"))],
        ),
        (
            "4. Type II period ended 6 months ago, no bridge letter: current, nothing to ask",
            &[Low],
            vec![("attest.soc2_period_end", text("2026-05-26")), ("attest.bridge_letter", text("not_provided"))],
        ),
        (
            "5. Type II report received but not yet read: not yet assessed",
            &[Medium],
            vec![("attest.soc2", text("type2_not_reviewed"))],
        ),
        (
            "6. self-hosted open weights, no data shared, core: a model supply-chain review, passed",
            &[Low],
            vec![
                ("vendor.type", text("self_hosted_weights")),
                ("vendor.criticality", text("core")),
                ("model_supply.licence", text("reviewed_allows")),
                ("model_supply.provenance", text("official_verified")),
                ("model_supply.file_format", text("safe_format")),
                ("model_supply.updates", text("pinned_reviewed")),
            ],
        ),
        (
            "7. no customer data, core, trains with no opt-out: serious, never critical",
            &[High],
            vec![
                ("vendor.data_shared", list(&["none"])),
                ("vendor.criticality", text("core")),
                ("training.trains_on_data", text("yes_no_opt_out")),
            ],
        ),
        (
            "8. customer confidential data, trains on it with no opt-out: show-stopper",
            &[Critical],
            vec![("training.trains_on_data", text("yes_no_opt_out"))],
        ),
        (
            "9. health data, business associate agreement only offered, not signed: show-stopper",
            &[Critical],
            vec![("vendor.data_shared", list(&["health_data"])), ("contract.baa", text("offered"))],
        ),
    ];
    assert_eq!(profiles.len(), 9);
    let mut wrong = Vec::new();
    for (name, expected, answers) in &profiles {
        let mut a = with(good_vendor(), answers);
        if name.starts_with("5.") {
            // Not read yet: its opinion and exceptions are not known.
            a.unanswer("attest.soc2_exceptions", NOW);
        }
        let v = verdict(&a);
        if !expected.contains(&v.residual) {
            wrong.push(format!("{name}: expected {expected:?}, got {:?} ({:?})", v.residual, v.reasons));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
