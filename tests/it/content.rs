//! The built-in questionnaires' content (issue 3): they validate, cover what they must, and their
//! conditions hide what does not apply.

use crate::common::Answering;
use std::collections::BTreeSet;
use std::path::Path;

use soc2_ready::assessment::{AnswerValue, Assessment, Visibility};
use soc2_ready::questionnaire::condition::{Condition, Test};
use soc2_ready::questionnaire::{Question, QuestionType, Questionnaire, Summary, catalog, load_file};

const READINESS: &str = "soc2-ai-readiness";
const VENDOR: &str = "ai-vendor-assessment";
const NOW: &str = "2026-01-15T09:00:00Z";

fn built_in(id: &str) -> Questionnaire {
    catalog::built_in(id).unwrap_or_else(|| panic!("{id} is built in"))
}

fn from_disk(id: &str) -> Questionnaire {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires").join(format!("{id}.json"));
    load_file(&path).unwrap_or_else(|e| panic!("{}", e.lines().join("\n")))
}

#[test]
fn both_built_ins_validate_and_are_listed_first() {
    for id in [READINESS, VENDOR] {
        let q = from_disk(id);
        assert_eq!(q.id, id);
        assert_eq!(q, built_in(id), "the compiled-in copy is the file");
    }
    let (entries, errors) = catalog::all(None);
    assert!(errors.is_empty());
    let ids: Vec<&str> = entries.iter().map(|e| e.questionnaire.id.as_str()).collect();
    assert_eq!(ids, [READINESS, VENDOR]);
    assert_eq!(built_in(READINESS).kind.as_str(), "readiness");
    assert_eq!(built_in(VENDOR).kind.as_str(), "vendor");
}

// ---------------------------------------------------------------------------------------------------------
// soc2-ai-readiness: coverage

#[test]
fn readiness_has_at_least_110_maturity_questions() {
    let q = built_in(READINESS);
    let maturity = q.questions().filter(|(_, q)| q.kind == QuestionType::Maturity).count();
    assert!(maturity >= 110, "{maturity} maturity questions");
    assert!(Summary::of(&q).scored >= 110);
}

#[test]
fn readiness_covers_every_security_availability_confidentiality_and_integrity_criterion() {
    let summary = Summary::of(&built_in(READINESS));
    let covered: BTreeSet<&str> = summary.criteria_covered.iter().copied().collect();
    let mut required: Vec<String> = Vec::new();
    for (family, count) in [(1, 5), (2, 3), (3, 4), (4, 2), (5, 3), (6, 8), (7, 5), (8, 1), (9, 2)] {
        required.extend((1..=count).map(|n| format!("CC{family}.{n}")));
    }
    assert_eq!(required.len(), 33, "the 33 common criteria");
    required.extend(["A1.1", "A1.2", "A1.3", "C1.1", "C1.2"].map(String::from));
    required.extend((1..=5).map(|n| format!("PI1.{n}")));
    let missing: Vec<&String> = required.iter().filter(|c| !covered.contains(c.as_str())).collect();
    assert!(missing.is_empty(), "not covered: {missing:?}");
    for c in &required {
        assert!(!summary.criteria_missing.contains(&c.as_str()), "{c} both covered and missing");
    }
}

#[test]
fn readiness_covers_at_least_8_privacy_criteria() {
    let summary = Summary::of(&built_in(READINESS));
    let privacy: Vec<&&str> =
        summary.criteria_covered.iter().filter(|c| c.starts_with('P') && !c.starts_with("PI")).collect();
    assert!(privacy.len() >= 8, "privacy criteria covered: {privacy:?}");
}

#[test]
fn readiness_ai_areas_have_enough_questions() {
    let summary = Summary::of(&built_in(READINESS));
    for (area, least) in [
        ("training-data", 6),
        ("third-party-models", 6),
        ("model-access", 6),
        ("model-change", 6),
        ("retention-deletion", 6),
        ("output-validation", 3),
        ("prompt-injection", 3),
        ("gpu-infrastructure", 3),
        ("ai-governance", 8),
        ("customer-commitments", 6),
    ] {
        let n = summary.ai_areas.get(area).copied().unwrap_or(0);
        assert!(n >= least, "{area}: {n} questions, want at least {least}");
    }
    let areas: Vec<&str> = summary.ai_areas.keys().copied().collect();
    assert_eq!(areas.len(), 10, "exactly the ten areas: {areas:?}");
}

/// Help that is at least one full sentence: several words, ending with a full stop.
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('.') && t.split_whitespace().count() >= 5 && t.starts_with(|c: char| c.is_uppercase())
}

#[test]
fn every_scored_maturity_question_is_complete() {
    let q = built_in(READINESS);
    let mut incomplete = Vec::new();
    for (_, question) in q.questions().filter(|(_, q)| q.kind == QuestionType::Maturity) {
        let mut gaps = Vec::new();
        if !is_sentence(&question.help) {
            gaps.push("help");
        }
        if question.remediation.trim().is_empty() {
            gaps.push("remediation");
        }
        if question.effort_days.is_none() {
            gaps.push("effort_days");
        }
        if question.evidence.is_empty() || question.evidence.iter().any(|e| e.trim().is_empty()) {
            gaps.push("evidence");
        }
        if question.criteria.is_empty() {
            gaps.push("criteria");
        }
        if question.weight.is_none() {
            gaps.push("weight");
        }
        if !gaps.is_empty() {
            incomplete.push(format!("{}: {}", question.id, gaps.join(", ")));
        }
    }
    assert!(incomplete.is_empty(), "incomplete scored questions:\n{}", incomplete.join("\n"));
}

fn critical(q: &Questionnaire) -> Vec<&Question> {
    q.questions().map(|(_, q)| q).filter(|q| q.critical).collect()
}

#[test]
fn readiness_flags_the_showstoppers_as_critical() {
    let q = built_in(READINESS);
    let crit = critical(&q);
    assert!(!crit.is_empty());
    let has = |criterion: &str| crit.iter().any(|q| q.criteria.iter().any(|c| c == criterion));
    assert!(has("CC6.2") || has("CC6.3"), "access reviews");
    assert!(has("CC7.3") || has("CC7.4"), "incident response");
    assert!(has("CC8.1"), "change approval");
    assert!(
        crit.iter()
            .any(|q| q.criteria.iter().any(|c| c == "CC9.2")
                && q.ai_area.is_some_and(|a| a.id() == "third-party-models")),
        "vendor review of model providers"
    );
    assert!(crit.len() < q.question_count() / 2, "critical means a showstopper, not most questions");
}

// ---------------------------------------------------------------------------------------------------------
// ai-vendor-assessment

#[test]
fn vendor_questionnaire_has_45_questions_scored_with_critical_items() {
    let q = built_in(VENDOR);
    let summary = Summary::of(&q);
    assert!(summary.questions >= 45, "{} questions", summary.questions);
    assert!(summary.scored >= 30, "scored so that it yields a verdict: {} scored", summary.scored);
    // Show-stoppers are decided from specific answers by `scoring::vendor` (see content_vendor.rs), not by
    // the readiness rule "a critical question below documented", which made mainstream vendors critical.
    assert_eq!(summary.critical, 0, "no vendor question is critical by flag");
}

// ---------------------------------------------------------------------------------------------------------
// Both: every question type and every condition kind

fn conditions(q: &Questionnaire) -> Vec<&Condition> {
    let sections = q.sections.iter().filter_map(|s| s.show_if.as_ref());
    let questions = q.questions().filter_map(|(_, q)| q.show_if.as_ref());
    sections.chain(questions).collect()
}

fn kinds(c: &Condition, out: &mut BTreeSet<&'static str>) {
    match c {
        Condition::All(cs) => {
            out.insert("all");
            cs.iter().for_each(|c| kinds(c, out));
        }
        Condition::Any(cs) => {
            out.insert("any");
            cs.iter().for_each(|c| kinds(c, out));
        }
        Condition::Not(c) => {
            out.insert("not");
            kinds(c, out);
        }
        Condition::Test { test, .. } => {
            out.insert(match test {
                Test::Equals(_) => "equals",
                Test::OneOf(_) => "one_of",
                Test::Includes(_) => "includes",
                Test::Answered(_) => "answered",
                Test::Compare(..) => "numeric",
            });
        }
    }
}

#[test]
fn both_built_ins_use_every_question_type_and_condition_kind() {
    for id in [READINESS, VENDOR] {
        let q = built_in(id);
        let types: BTreeSet<&str> = q.questions().map(|(_, q)| q.kind.as_str()).collect();
        for t in ["maturity", "yesno", "choice", "multi", "number", "text", "date"] {
            if id == VENDOR && t == "maturity" {
                // A third party cannot rate its own maturity on our scale: it answers choices.
                assert!(!types.contains(t), "{id} asks a vendor a maturity question");
                continue;
            }
            assert!(types.contains(t), "{id} has no `{t}` question");
        }
        let mut used = BTreeSet::new();
        conditions(&q).into_iter().for_each(|c| kinds(c, &mut used));
        for k in ["equals", "one_of", "includes", "answered", "numeric", "all", "any", "not"] {
            assert!(used.contains(k), "{id} uses no `{k}` condition; it uses {used:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Condition paths

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

fn list(items: &[&str]) -> AnswerValue {
    AnswerValue::List(items.iter().map(|s| s.to_string()).collect())
}

fn readiness_with(answers: &[(&str, AnswerValue)]) -> Assessment {
    let mut a = Assessment::new(built_in(READINESS), "Acme", NOW);
    for (id, value) in answers {
        assert!(a.questionnaire().question(id).is_some(), "the readiness questionnaire asks {id}");
        // In the order given: a question an earlier answer hides keeps its answer, as a file may.
        a.answer_even_hidden(id, value.clone(), NOW);
    }
    a
}

/// Which questions are shown, by id.
fn shown(a: &Assessment) -> BTreeSet<String> {
    let vis = Visibility::of_assessment(a);
    let mut out = BTreeSet::new();
    for (si, section) in a.questionnaire().sections.iter().enumerate() {
        for (qi, question) in section.questions.iter().enumerate() {
            if vis.question(si, qi) {
                out.insert(question.id.clone());
            }
        }
    }
    out
}

fn section_shown(a: &Assessment, id: &str) -> bool {
    let index = a.questionnaire().sections.iter().position(|s| s.id == id).unwrap_or_else(|| panic!("section {id}"));
    let vis = Visibility::of_assessment(a);
    let all_hidden = vis.questions[index].iter().all(|v| !v);
    if !vis.sections[index] {
        assert!(all_hidden, "a hidden section hides its questions");
    }
    vis.sections[index]
}

fn ids_where(q: &Questionnaire, f: impl Fn(&Question) -> bool) -> Vec<String> {
    q.questions().map(|(_, q)| q).filter(|q| f(q)).map(|q| q.id.clone()).collect()
}

fn everything_in_scope() -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("profile.trains_models", text("yes")),
        ("profile.third_party_models", text("yes")),
        ("profile.personal_data", text("yes")),
        ("profile.categories", list(&["availability", "confidentiality", "processing_integrity", "privacy"])),
    ]
}

fn with(answer: (&'static str, AnswerValue)) -> Vec<(&'static str, AnswerValue)> {
    let mut answers = everything_in_scope();
    answers.retain(|(id, _)| *id != answer.0);
    answers.push(answer);
    answers
}

#[test]
fn a_company_that_does_not_train_models_sees_no_training_data_questions() {
    let a = readiness_with(&with(("profile.trains_models", text("no"))));
    assert!(!section_shown(&a, "training_data"));
    let visible = shown(&a);
    let training = ids_where(a.questionnaire(), |q| q.ai_area.is_some_and(|x| x.id() == "training-data"));
    assert!(training.len() >= 6);
    let leaked: Vec<&String> = training.iter().filter(|id| visible.contains(*id)).collect();
    assert!(leaked.is_empty(), "training-data questions shown: {leaked:?}");
    assert!(!visible.contains("model_access.weights"), "model-weight questions are hidden");

    let a = readiness_with(&everything_in_scope());
    assert!(section_shown(&a, "training_data"));
    let visible = shown(&a);
    assert!(visible.contains("model_access.weights"));
    assert!(training.iter().filter(|id| visible.contains(*id)).count() >= 6);
}

#[test]
fn no_third_party_models_hides_every_third_party_model_question() {
    let a = readiness_with(&with(("profile.third_party_models", text("no"))));
    let visible = shown(&a);
    let third = ids_where(a.questionnaire(), |q| q.ai_area.is_some_and(|x| x.id() == "third-party-models"));
    assert!(third.len() >= 6);
    let leaked: Vec<&String> = third.iter().filter(|id| visible.contains(*id)).collect();
    assert!(leaked.is_empty(), "shown without third-party models: {leaked:?}");
    assert!(!visible.contains("profile.model_providers"));

    let a = readiness_with(&everything_in_scope());
    let visible = shown(&a);
    assert!(third.iter().filter(|id| visible.contains(*id)).count() >= 6, "shown when they apply");
}

#[test]
fn no_personal_data_hides_the_privacy_section() {
    let a = readiness_with(&with(("profile.personal_data", text("no"))));
    assert!(!section_shown(&a, "privacy"), "even with privacy in the categories");
    let a = readiness_with(&everything_in_scope());
    assert!(section_shown(&a, "privacy"));
}

#[test]
fn categories_decide_the_availability_section() {
    let unanswered = readiness_with(&[]);
    assert!(!section_shown(&unanswered, "availability"));
    let without = readiness_with(&[("profile.categories", list(&["privacy", "confidentiality"]))]);
    assert!(!section_shown(&without, "availability"));
    let with_it = readiness_with(&[("profile.categories", list(&["availability"]))]);
    assert!(section_shown(&with_it, "availability"));
    let none = readiness_with(&[("profile.categories", list(&[]))]);
    assert!(!section_shown(&none, "availability"));
    assert!(!section_shown(&none, "confidentiality"));
}

#[test]
fn at_least_three_profile_yes_no_answers_hide_questions() {
    let q = built_in(READINESS);
    let profile = &q.sections[0];
    let baseline: Vec<(&str, AnswerValue)> = profile
        .questions
        .iter()
        .filter(|q| q.kind == QuestionType::Yesno)
        .map(|q| (q.id.as_str(), text("yes")))
        .chain([("profile.categories", list(&["availability", "confidentiality", "processing_integrity", "privacy"]))])
        .collect();
    let all_yes = shown(&readiness_with(&baseline));
    let mut hiding = Vec::new();
    for (id, _) in baseline.iter().filter(|(id, _)| *id != "profile.categories") {
        let mut answers = baseline.clone();
        answers.retain(|(other, _)| other != id);
        answers.push((id, text("no")));
        let with_no = shown(&readiness_with(&answers));
        let hidden = all_yes.difference(&with_no).count();
        if hidden > 0 {
            hiding.push(*id);
        }
    }
    assert!(hiding.len() >= 3, "profile yes/no questions that hide questions when answered no: {hiding:?}");
}
