//! The readiness and vendor content as an auditor reads it (issue 11): every scored question is complete,
//! no control is counted twice, the criteria mappings of the review are corrected, subservice
//! organisations and AI governance are covered, and critical questions block only when in scope.

use crate::common::Answering;
use std::collections::{BTreeMap, BTreeSet};

use soc2_ready::assessment::{AnswerValue, Assessment, Visibility};
use soc2_ready::questionnaire::{Question, QuestionType, Questionnaire, catalog};
use soc2_ready::scoring::{Verdict, blockers, scored_questions};

const READINESS: &str = "soc2-ai-readiness";
const VENDOR: &str = "ai-vendor-assessment";
const NOW: &str = "2026-11-26T09:00:00Z";

fn built_in(id: &str) -> Questionnaire {
    catalog::built_in(id).unwrap()
}

fn question<'a>(q: &'a Questionnaire, id: &str) -> &'a Question {
    q.question(id).unwrap_or_else(|| panic!("{id} is asked")).1
}

fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('.') && t.split_whitespace().count() >= 5 && t.starts_with(|c: char| c.is_uppercase())
}

#[test]
fn every_scored_question_in_both_files_is_complete() {
    for id in [READINESS, VENDOR] {
        let q = built_in(id);
        let mut incomplete = Vec::new();
        for (_, x) in q.questions().filter(|(_, x)| x.is_scored()) {
            let mut missing = Vec::new();
            if !is_sentence(&x.help) {
                missing.push("help");
            }
            if x.remediation.trim().is_empty() {
                missing.push("remediation");
            }
            if x.effort_days.is_none() {
                missing.push("effort_days");
            }
            if x.evidence.is_empty() {
                missing.push("evidence");
            }
            if x.criteria.is_empty() {
                missing.push("criteria");
            }
            if x.policy.trim().is_empty() {
                missing.push("policy");
            }
            if !missing.is_empty() {
                incomplete.push(format!("{id} {}: {}", x.id, missing.join(", ")));
            }
        }
        assert!(incomplete.is_empty(), "incomplete:\n{}", incomplete.join("\n"));
    }
}

#[test]
fn vendor_questions_score_the_vendor_on_vendor_management_criteria_only() {
    // A vendor's own controls do not evidence your criteria (unless its auditor used the inclusive method):
    // vendor questions score CC9.2 and the confidentiality and privacy points about vendor commitments; the
    // vendor-side criterion is kept as information. Three questions are about your own controls.
    let allowed: BTreeSet<&str> = ["CC9.2", "C1.1", "P6.4", "P6.5"].into();
    let own = ["availability.fallback", "model_change.own_regression", "attest.cuecs"];
    let q = built_in(VENDOR);
    let mut wrong = Vec::new();
    for (_, x) in q.questions().filter(|(_, x)| x.is_scored() && !own.contains(&x.id.as_str())) {
        if !x.criteria.iter().all(|c| allowed.contains(c.as_str())) || !x.criteria.iter().any(|c| c == "CC9.2") {
            wrong.push(format!("{}: {:?}", x.id, x.criteria));
        }
        assert!(x.kind != QuestionType::Maturity, "{}: a vendor answers choices, not our maturity scale", x.id);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(question(&q, "access.mfa").vendor_criteria, ["CC6.1"]);
    assert_eq!(question(&q, "availability.recovery_tested").vendor_criteria, ["A1.2", "A1.3"]);
}

#[test]
fn no_two_scored_questions_carry_the_same_text_or_a_listed_duplicate_control() {
    for id in [READINESS, VENDOR] {
        let q = built_in(id);
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (_, x) in q.questions().filter(|(_, x)| x.is_scored()) {
            let key = x.text.trim().to_lowercase();
            if let Some(first) = seen.insert(key, &x.id) {
                panic!("{id}: {first} and {} ask the same thing", x.id);
            }
        }
    }
    // The review's duplicates: one of each group stays.
    let q = built_in(READINESS);
    for gone in [
        "output_validation.evaluation_suite",
        "gpu_cloud.iac_review",
        "gpu_cloud.config_monitoring",
        "gpu_cloud.environment_separation",
        "confidentiality.retention",
        "confidentiality.disposal",
        "privacy.retention",
        "privacy.disposal",
    ] {
        assert!(q.question(gone).is_none(), "{gone} duplicated another control");
    }
    // Deletion (C1.2) is no longer counted over and over: at most one question per retention control.
    let c12 = q.questions().filter(|(_, x)| x.is_scored() && x.criteria.iter().any(|c| c == "C1.2")).count();
    assert!(c12 <= 14, "C1.2 on {c12} questions");
    // Secrets: storage in access, scoping of AI keys in model access, not the same control twice.
    assert!(!question(&q, "model_access.api_keys").text.contains("secrets manager"));
}

#[test]
fn the_reviews_mapping_table_is_applied() {
    let q = built_in(READINESS);
    let criteria = |id: &str| question(&q, id).criteria.clone();
    for (id, want) in [
        ("change.evaluation_gates", &["CC8.1", "PI1.3"][..]),
        ("prompt_injection.red_teaming", &["CC4.1", "CC7.1"]),
        ("prompt_injection.instruction_separation", &["CC6.1", "CC8.1"]),
        ("prompt_injection.input_validation", &["CC6.6", "CC7.2", "PI1.2"]),
        ("gpu_cloud.cost_guardrails", &["CC7.2", "A1.1"]),
        ("training_data.lineage", &["CC8.1", "PI1.5", "CC2.1"]),
        ("training_data.lawful_basis", &["P2.1", "P3.2", "P4.1"]),
        ("availability.commitments", &["CC2.3", "CC3.1", "CC7.2"]),
        ("policies.data_retention", &["CC5.3", "C1.2", "P4.2"]),
        ("confidentiality.tenant_isolation", &["CC6.1", "C1.1"]),
        ("retention.delete_primary", &["C1.2", "P4.3", "CC6.5"]),
        ("model_access.pipelines", &["CC6.1", "CC6.3", "CC8.1"]),
        ("vendors.open_weights_provenance", &["CC6.8", "CC3.2", "CC8.1"]),
        ("output_validation.guardrails", &["PI1.3", "PI1.4", "CC7.2", "C1.1"]),
        ("privacy.disclosure_records", &["P6.2", "P6.3"]),
        ("privacy.disclosure_accounting", &["P6.7"]),
        ("evidence.continuous_collection", &["CC4.1"]),
    ] {
        assert_eq!(criteria(id), want, "{id}");
    }
    for id in ["availability.backups", "availability.backup_restore_tests", "availability.recovery_objectives"] {
        let c = criteria(id);
        assert!(c.contains(&"CC7.5".into()) && c.contains(&"CC9.1".into()), "{id}: {c:?}");
    }
    // Audit logistics and evidence hygiene are not controls.
    for id in ["evidence.auditor_engaged", "evidence.dated_system_evidence"] {
        let x = question(&q, id);
        assert!(!x.is_scored() && x.criteria.is_empty(), "{id}");
    }
    assert!(!question(&q, "evidence.continuous_collection").critical);
}

#[test]
fn subservice_organisations_csocs_and_cuecs_are_asked() {
    let q = built_in(READINESS);
    let has = |needle: &str| {
        q.questions().any(|(_, x)| x.is_scored() && (x.text.contains(needle) || x.help.contains(needle)))
    };
    assert!(has("carve-out") && has("inclusive method"), "carve-out and inclusive methods");
    assert!(has("complementary subservice organisation controls (CSOCs)"));
    assert!(has("complementary user entity controls"));
    for id in ["vendors.subservice_method", "vendors.csocs", "vendors.subservice_monitoring", "governance.cuecs"] {
        assert!(question(&q, id).is_scored(), "{id}");
    }
    let v = built_in(VENDOR);
    for id in ["attest.subservice_method", "attest.fourth_party_monitoring", "attest.cuecs"] {
        assert!(question(&v, id).is_scored(), "{id}");
    }
}

#[test]
fn the_25_ai_governance_questions_are_complete() {
    let q = built_in(READINESS);
    let ids = [
        "vendors.subservice_method",
        "governance.cuecs",
        "retention.derived_artefacts",
        "retention.model_remediation",
        "output_validation.memorisation_tests",
        "model_access.observability_data",
        "governance.ai_policy",
        "governance.ai_owner",
        "governance.ai_inventory",
        "policies.ai_acceptable_use",
        "access.unapproved_ai_tools",
        "governance.ai_literacy",
        "governance.eu_ai_act",
        "governance.ai_impact_assessment",
        "output_validation.bias_testing",
        "output_validation.ai_transparency",
        "operations.ai_kill_switch",
        "operations.ai_incidents",
        "output_validation.contestability",
        "prompt_injection.output_handling",
        "model_access.retrieval_permissions",
        "training_data.poisoning_defences",
        "change.model_artifact_integrity",
        "change.eval_set_integrity",
        "gpu_cloud.shared_gpu_isolation",
        "vendors.model_provider_chain",
        "governance.ai_threat_model",
        "training_data.gpai_obligations",
    ];
    for id in ids {
        let x = question(&q, id);
        assert!(x.is_scored() && is_sentence(&x.help) && !x.remediation.is_empty() && !x.evidence.is_empty(), "{id}");
        assert!(x.effort_days.is_some() && !x.policy.is_empty() && !x.criteria.is_empty(), "{id}");
        if id != "vendors.subservice_method" {
            assert!(x.ai_area.is_some(), "{id} has an AI area");
        }
    }
    assert!(question(&q, "profile.eu_ai_act_role").kind == QuestionType::Multi);
    let gpu = question(&q, "profile.cloud_providers");
    assert!(gpu.options.iter().any(|o| o.id == "gpu_cloud"), "GPU neoclouds are listed");
}

#[test]
fn the_reviews_factual_errors_are_gone() {
    let q = built_in(READINESS);
    let v = built_in(VENDOR);
    assert!(!question(&q, "access.physical").help.contains("inherited"));
    assert!(question(&q, "access.physical").help.contains("carve-out"));
    assert!(!question(&q, "governance.board_oversight").text.contains("advisor"));
    assert!(!question(&q, "profile.categories").help.contains("Privacy if you process personal data"));
    assert!(!question(&q, "access.reviews").text.contains("quarter"));
    assert!(!question(&q, "access.offboarding").text.contains("business day"));
    assert!(
        !question(&q, "operations.vulnerability_scanning").text.contains("deadline"),
        "detection and fixing are split"
    );
    let other = question(&v, "attest.other_assurance");
    let offered: String = other.options.iter().map(|o| o.label.as_str()).collect();
    assert!(!offered.contains("STAR") && !offered.contains("27017") && offered.contains("HITRUST"), "{offered}");
    assert!(question(&v, "attest.iso27001").help.contains("27001:2022"));
    assert!(question(&v, "attest.soc2_period_end").help.contains("unaudited"));
    let opinion = question(&v, "attest.soc2_exceptions");
    assert!(!opinion.help.contains("could not conclude") && opinion.help.contains("except for"));
    let blocked = Verdict::Blocked { band: soc2_ready::scoring::Band::NearlyReady }.meaning();
    assert!(!blocked.contains("would stop there") && blocked.contains("qualify the opinion"), "{blocked}");
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

fn list(items: &[&str]) -> AnswerValue {
    AnswerValue::List(items.iter().map(|s| s.to_string()).collect())
}

fn readiness(categories: &[&str]) -> Assessment {
    let mut a = Assessment::new(built_in(READINESS), "Acme", NOW);
    a.answer("profile.categories", list(categories), NOW);
    a
}

fn shown(a: &Assessment) -> BTreeSet<String> {
    let vis = Visibility::of_assessment(a);
    let mut out = BTreeSet::new();
    for (si, s) in a.questionnaire().sections.iter().enumerate() {
        for (qi, x) in s.questions.iter().enumerate() {
            if vis.question(si, qi) {
                out.insert(x.id.clone());
            }
        }
    }
    out
}

#[test]
fn a_security_only_company_is_asked_about_backups_recovery_isolation_and_human_review() {
    let visible = shown(&readiness(&[]));
    for id in [
        "availability.backups",
        "availability.backup_restore_tests",
        "availability.recovery_objectives",
        "confidentiality.tenant_isolation",
        "output_validation.human_review",
        "output_validation.traceability",
        "output_validation.unexpected_output",
        "output_validation.input_checks",
    ] {
        assert!(visible.contains(id), "{id} is shown in a Security-only scope");
    }
}

fn blocker_ids(a: &Assessment) -> Vec<String> {
    let qs = scored_questions(a);
    blockers(&qs).iter().map(|b| b.question.id.clone()).collect()
}

#[test]
fn a_critical_question_blocks_only_when_its_categories_are_in_scope() {
    // Unanswered critical questions block; these two only when their categories are in scope.
    let security_only = blocker_ids(&readiness(&[]));
    assert!(!security_only.contains(&"retention.delete_primary".to_string()));
    assert!(!security_only.contains(&"availability.backup_restore_tests".to_string()));
    assert!(security_only.contains(&"access.mfa_production".to_string()), "Security criticals always block");

    let confidential = blocker_ids(&readiness(&["confidentiality"]));
    assert!(confidential.contains(&"retention.delete_primary".to_string()));
    assert!(!confidential.contains(&"availability.backup_restore_tests".to_string()));

    let available = blocker_ids(&readiness(&["availability", "privacy"]));
    assert!(available.contains(&"retention.delete_primary".to_string()));
    assert!(available.contains(&"availability.backup_restore_tests".to_string()));

    // Answered "documented", nothing blocks whatever the scope.
    let mut a = readiness(&["availability"]);
    a.answer("availability.backup_restore_tests", text("documented"), NOW);
    assert!(!blocker_ids(&a).contains(&"availability.backup_restore_tests".to_string()));
}

#[test]
fn continuous_evidence_collection_is_asked_for_type_ii_only() {
    let mut a = readiness(&[]);
    a.answer("profile.report_type", text("type1"), NOW);
    assert!(!shown(&a).contains("evidence.continuous_collection"));
    a.answer("profile.report_type", text("type2"), NOW);
    assert!(shown(&a).contains("evidence.continuous_collection"));
}

#[test]
fn legal_duties_follow_the_data_not_the_category() {
    let duties = ["privacy.hipaa_baas", "privacy.health_data_minimisation", "privacy.automated_decisions"];
    // Health data with only Confidentiality in scope: HIPAA and GDPR Art. 22 apply all the same.
    let mut a = readiness(&["confidentiality"]);
    a.answer("profile.personal_data", text("yes"), NOW);
    a.answer("profile.health_data", text("yes"), NOW);
    let visible = shown(&a);
    for id in duties {
        assert!(visible.contains(id), "{id} is asked for health data whatever the categories");
    }
    // Personal data but no health data, Security only: automated decisions yes, HIPAA no.
    let mut a = readiness(&[]);
    a.answer("profile.personal_data", text("yes"), NOW);
    a.answer("profile.health_data", text("no"), NOW);
    let visible = shown(&a);
    assert!(visible.contains("privacy.automated_decisions"));
    assert!(!visible.contains("privacy.hipaa_baas") && !visible.contains("privacy.health_data_minimisation"));
    // No personal data: none of them.
    let mut a = readiness(&["privacy"]);
    a.answer("profile.personal_data", text("no"), NOW);
    let visible = shown(&a);
    for id in duties {
        assert!(!visible.contains(id), "{id} is hidden without personal data");
    }
    // Production data in testing is asked without Confidentiality in scope.
    assert!(shown(&readiness(&[])).contains("confidentiality.production_data_use"));
}

#[test]
fn the_second_reviews_mappings_are_applied() {
    let q = built_in(READINESS);
    let criteria = |id: &str| question(&q, id).criteria.clone();
    for (id, want) in [
        ("governance.ai_impact_assessment", &["CC3.2"][..]),
        ("output_validation.ai_transparency", &["CC2.3"]),
        ("output_validation.contestability", &["CC2.3", "PI1.3"]),
        ("retention.delete_primary", &["C1.2", "P4.3", "CC6.5"]),
        ("operations.patching", &["CC7.1", "CC8.1"]),
        ("governance.technology_baselines", &["CC5.2", "CC7.1"]),
    ] {
        assert_eq!(criteria(id), want, "{id}");
    }
    let inventory = question(&q, "governance.ai_inventory");
    assert!(!inventory.help.contains("A.4.2") && !inventory.iso42001.contains(&"A.4.2".to_string()));
    let threat = question(&q, "governance.ai_threat_model");
    assert!(threat.help.contains("MEASURE 2.7") && !threat.help.contains("MAP 5.1"), "{}", threat.help);
    assert_eq!(threat.nist_ai_rmf, ["MEASURE 2.7"]);
    let board = question(&q, "governance.board_oversight");
    assert!(board.evidence.iter().all(|e| !e.contains("advisory")), "{:?}", board.evidence);
    // C1.2 (disposal of confidential information) only where something is disposed of.
    let disposal: Vec<&str> =
        q.questions().filter(|(_, x)| x.criteria.iter().any(|c| c == "C1.2")).map(|(_, x)| x.id.as_str()).collect();
    assert_eq!(
        disposal,
        [
            "policies.data_retention",
            "retention.schedule",
            "retention.automated_expiry",
            "retention.delete_primary",
            "retention.delete_training",
            "retention.derived_artefacts",
            "retention.backups",
            "retention.media_disposal",
        ]
    );
}

#[test]
fn the_compound_questions_are_split() {
    let q = built_in(READINESS);
    for (id, not) in [
        ("output_validation.ai_transparency", "marked"),
        ("output_validation.contestability", "override"),
        ("privacy.automated_decisions", "human intervention"),
        ("gpu_cloud.shared_gpu_isolation", "reviewed"),
        ("retention.third_party_minimised", "customer documents"),
    ] {
        let text = &question(&q, id).text;
        assert!(!text.contains(not), "{id} still asks two things: {text}");
    }
    // A second half is a question of its own, or already asked elsewhere.
    assert!(question(&q, "output_validation.content_marking").text.contains("marked"));
    assert!(question(&q, "output_validation.contestability").help.contains("Art. 22"));
    assert!(question(&q, "vendors.model_customer_disclosure").text.contains("subprocessor list"));
}

#[test]
fn every_ai_question_lists_the_framework_ids_it_serves_and_its_help_claims_no_more() {
    let q = built_in(READINESS);
    let mut wrong = Vec::new();
    for (_, x) in q.questions().filter(|(_, x)| x.ai_area.is_some()) {
        if x.iso42001.is_empty() || x.nist_ai_rmf.is_empty() {
            wrong.push(format!("{}: lists no ISO/IEC 42001 or NIST AI RMF id", x.id));
        }
    }
    // A framework id named in any question's words must be in its structured fields.
    let nist = regex_lite_nist();
    for (_, x) in q.questions() {
        let words = format!("{} {} {}", x.text, x.help, x.remediation);
        for id in iso_ids_in(&words) {
            if !x.iso42001.contains(&id) {
                wrong.push(format!("{}: help cites ISO 42001 {id}, the data does not", x.id));
            }
        }
        for id in nist(&words) {
            if !x.nist_ai_rmf.contains(&id) {
                wrong.push(format!("{}: help cites NIST {id}, the data does not", x.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Annex A ids (`A.6.2.4`) named in a text after "42001".
fn iso_ids_in(text: &str) -> Vec<String> {
    let Some(at) = text.find("42001") else { return Vec::new() };
    let mut out = Vec::new();
    for word in text[at..].split(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | '(' | ';')) {
        let w = word.trim_end_matches('.');
        if w.starts_with("A.") && w[2..].split('.').count() >= 2 && w[2..].split('.').all(|p| p.parse::<u32>().is_ok())
        {
            out.push(w.to_string());
        }
    }
    out
}

/// NIST AI RMF subcategory ids (`MEASURE 2.7`) named in a text.
fn regex_lite_nist() -> impl Fn(&str) -> Vec<String> {
    |text: &str| {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut out = Vec::new();
        for pair in words.windows(2) {
            let n = pair[1].trim_end_matches([',', ')', ';', '.']);
            if matches!(pair[0], "GOVERN" | "MAP" | "MEASURE" | "MANAGE")
                && n.split('.').count() == 2
                && n.split('.').all(|p| p.parse::<u32>().is_ok())
            {
                out.push(format!("{} {n}", pair[0]));
            }
        }
        out
    }
}

#[test]
fn the_ai_addendum_topics_are_asked_and_count_in_ai_assurance_only() {
    use soc2_ready::scoring::soc2::Role;
    let q = built_in(READINESS);
    assert_eq!(q.version, "2.2.0");
    let topics = [
        ("ai_customers.output_ownership", "own"),
        ("ai_customers.ip_indemnity", "indemnif"),
        ("ai_customers.admin_controls", "turn your AI features off"),
        ("ai_customers.new_features_off", "stay off"),
        ("ai_customers.acceptable_use_policy", "acceptable-use policy"),
        ("ai_customers.acceptable_use_enforcement", "breaches"),
        ("ai_customers.colorado_ai_act", "Colorado AI Act"),
        ("ai_customers.nyc_bias_audit", "bias audit"),
    ];
    for (id, words) in topics {
        let x = question(&q, id);
        assert!(x.text.contains(words), "{id}: {}", x.text);
        assert!(x.ai_area.is_some() && x.is_scored() && is_sentence(&x.help), "{id}");
    }
    // Sources a reader can find.
    assert!(question(&q, "ai_customers.colorado_ai_act").help.contains("24-205"));
    assert!(question(&q, "ai_customers.colorado_ai_act").help.contains("30 June 2026"));
    assert!(question(&q, "ai_customers.nyc_bias_audit").help.contains("Local Law 144 of 2021"));
    // Shown to a Security-only company (the US laws only with personal data: they concern decisions about
    // people); AI assurance only unless the description commits to AI controls.
    let mut a = readiness(&[]);
    a.answer("profile.personal_data", text("yes"), NOW);
    assert!(topics.iter().all(|(id, _)| shown(&a).contains(*id)));
    a.answer("profile.personal_data", text("no"), NOW);
    assert!(!shown(&a).contains("ai_customers.colorado_ai_act") && !shown(&a).contains("ai_customers.nyc_bias_audit"));
    let role = |a: &Assessment, id: &str| scored_questions(a).iter().find(|x| x.question.id == id).unwrap().role;
    assert_eq!(role(&a, "ai_customers.ip_indemnity"), Role::AiOnly);
    a.answer("profile.ai_commitments", text("yes"), NOW);
    assert_eq!(role(&a, "ai_customers.ip_indemnity"), Role::Soc2);
}

#[test]
fn the_report_gives_framework_coverage_and_claims_none_it_lacks() {
    use soc2_ready::questionnaire::frameworks::Framework;
    use soc2_ready::scoring::assurance::AiAssurance;
    let a = readiness(&[]);
    let qs = scored_questions(&a);
    let ai = AiAssurance::of(&qs);
    let iso = &ai.coverage[0];
    assert_eq!(iso.framework, Framework::Iso42001);
    assert_eq!(iso.total, 38);
    assert_eq!(iso.covered.len() + iso.not_covered.len(), 38);
    // Every covered id is served by a question asked here, and no more.
    let served: BTreeSet<&str> = qs.iter().flat_map(|x| x.question.iso42001.iter().map(String::as_str)).collect();
    assert_eq!(iso.covered.iter().copied().collect::<BTreeSet<_>>(), served);
    let nist = &ai.coverage[1];
    assert_eq!(nist.total, 72);
    assert!(nist.covered.contains(&"MEASURE 2.7") && nist.covered.contains(&"GOVERN 1.6"));
    // Answering "not applicable" to the only question serving MEASURE 2.12 withdraws that coverage.
    let mut b = readiness(&[]);
    b.answer("gpu_cloud.cost_guardrails", text("na"), NOW);
    let qs = scored_questions(&b);
    assert!(AiAssurance::of(&qs).coverage[1].not_covered.contains(&"MEASURE 2.12"));
}
