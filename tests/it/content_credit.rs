//! Type II credit that reflects operation (issue 11): a section's operating-period answer scales the
//! operating credit of its recurring controls, and annual controls count only when they ran inside the
//! window. Hand-worked numbers on a small questionnaire; and the new format fields are validated.

use crate::common::Answering;
use serde_json::{Value, json};
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::questionnaire::{Questionnaire, validate::validate};
use soc2_ready::scoring::{Score, Scorecard, scored_questions};

const NOW: &str = "2026-11-26T09:00:00Z";

/// One section: access reviews (weight 4, recurring), a penetration test (weight 2, annual), MFA (yes/no,
/// weight 2), and the section's operating-period question.
fn questionnaire() -> Value {
    json!({
        "format": 1, "id": "ops", "version": "1", "title": "Ops", "kind": "readiness",
        "sections": [{ "id": "ops", "title": "Operations", "questions": [
            { "id": "ops.reviews", "type": "maturity", "text": "Access reviewed?", "help": "h", "weight": 4,
              "criteria": ["CC6.3"] },
            { "id": "ops.pentest", "type": "maturity", "text": "Pen test?", "help": "h", "weight": 2,
              "criteria": ["CC4.1"], "annual": true },
            { "id": "ops.mfa", "type": "yesno", "text": "MFA?", "help": "h", "weight": 2, "criteria": ["CC6.1"] },
            { "id": "ops.operating_period", "type": "choice", "text": "How long?", "help": "h",
              "operating_period": true, "options": [
                { "id": "full_window", "label": "Whole window", "score": 1 },
                { "id": "annual_before", "label": "Whole window, annual before it", "score": 1 },
                { "id": "half", "label": "Half", "score": 0.5 },
                { "id": "not_started", "label": "Not started", "score": 0 }
              ] }
        ]}]
    })
}

fn score(answers: &[(&str, &str)]) -> Score {
    let q: Questionnaire = serde_json::from_value(questionnaire()).unwrap();
    assert!(validate(&q).is_empty(), "{:?}", validate(&q));
    let mut a = Assessment::new(q, "Acme", NOW);
    for (id, v) in answers {
        a.answer(id, AnswerValue::Text(v.to_string()), NOW);
    }
    Scorecard::of(&scored_questions(&a)).overall.unwrap()
}

const ALL_EVIDENCED: [(&str, &str); 3] =
    [("ops.reviews", "evidenced"), ("ops.pentest", "evidenced"), ("ops.mfa", "yes")];

fn with(period: &str) -> Vec<(&'static str, &str)> {
    let mut v = ALL_EVIDENCED.to_vec();
    v.push(("ops.operating_period", period));
    v
}

#[test]
fn unanswered_the_maturity_answers_alone_decide() {
    // (4 + 2 + 2) / 8 for both types.
    assert_eq!(score(&ALL_EVIDENCED), Score { type1: 100.0, type2: 100.0 });
}

#[test]
fn full_credit_only_for_the_whole_window_with_annual_controls_inside_it() {
    assert_eq!(score(&with("full_window")), Score { type1: 100.0, type2: 100.0 });
}

#[test]
fn half_the_window_halves_recurring_controls_but_not_an_annual_one_that_ran() {
    // reviews 4 x 1 x 0.5 = 2; pentest ran inside the window: 2 x 1 = 2; MFA (yes/no) 2.
    // Type II = 6 / 8 = 75.0; Type I is unchanged (a Type I report looks at one date).
    assert_eq!(score(&with("half")), Score { type1: 100.0, type2: 75.0 });
}

#[test]
fn an_annual_control_that_ran_before_the_window_earns_no_operating_credit() {
    // reviews 4; pentest 0; MFA 2: Type II = 6 / 8 = 75.0.
    assert_eq!(score(&with("annual_before")), Score { type1: 100.0, type2: 75.0 });
}

#[test]
fn nothing_operates_before_the_window_starts() {
    // reviews 0, pentest 0, MFA 2 (yes/no answers are not scaled): 2 / 8 = 25.0.
    assert_eq!(score(&with("not_started")), Score { type1: 100.0, type2: 25.0 });
}

#[test]
fn documented_controls_are_scaled_too() {
    // reviews documented: 4 x 0.5 x 0.5 = 1; pentest evidenced and inside: 2; MFA 2. Type II = 5 / 8 = 62.5.
    // Type I = (4 + 2 + 2) / 8 = 100.
    let answers = [
        ("ops.reviews", "documented"),
        ("ops.pentest", "evidenced"),
        ("ops.mfa", "yes"),
        ("ops.operating_period", "half"),
    ];
    assert_eq!(score(&answers), Score { type1: 100.0, type2: 62.5 });
}

fn problems(v: Value) -> Vec<String> {
    let q: Questionnaire = serde_json::from_value(v).unwrap();
    validate(&q).iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_new_fields_are_checked() {
    let mut v = questionnaire();
    v["sections"][0]["questions"][3]["weight"] = json!(2);
    let found = problems(v);
    assert!(found.iter().any(|p| p.contains("operating-period question is an unscored `choice`")), "{found:?}");

    let mut v = questionnaire();
    v["sections"][0]["questions"][2]["critical_scope"] = json!(["privacy"]);
    let found = problems(v);
    assert!(found.iter().any(|p| p.contains("only a critical question")), "{found:?}");

    let mut v = questionnaire();
    v["sections"][0]["questions"][2]["critical"] = json!(true);
    v["sections"][0]["questions"][2]["critical_scope"] = json!(["security"]);
    let found = problems(v);
    assert!(found.iter().any(|p| p.contains("`security` is not a category that can be out of scope")), "{found:?}");

    let mut v = questionnaire();
    v["sections"][0]["questions"][2]["vendor_criteria"] = json!(["CC6.9"]);
    let found = problems(v);
    assert!(found.iter().any(|p| p.contains("vendor_criteria") && p.contains("CC6.9")), "{found:?}");

    let mut v = questionnaire();
    let mut second = v["sections"][0]["questions"][3].clone();
    second["id"] = json!("ops.operating_period_2");
    v["sections"][0]["questions"].as_array_mut().unwrap().push(second);
    let found = problems(v);
    assert!(found.iter().any(|p| p.contains("only one operating-period question")), "{found:?}");
}

#[test]
fn a_not_applicable_choice_needs_no_score_and_is_left_out() {
    let mut v = questionnaire();
    v["sections"][0]["questions"].as_array_mut().unwrap().push(json!({
        "id": "ops.zdr", "type": "choice", "text": "Zero retention?", "help": "h", "weight": 4, "criteria": ["C1.2"],
        "options": [ { "id": "yes", "label": "Yes", "score": 1 }, { "id": "na", "label": "Not needed" } ]
    }));
    let q: Questionnaire = serde_json::from_value(v).unwrap();
    assert!(validate(&q).is_empty(), "{:?}", validate(&q));
    let mut a = Assessment::new(q, "Acme", NOW);
    for (id, val) in ALL_EVIDENCED.iter().chain(&[("ops.zdr", "na")]) {
        a.answer(id, AnswerValue::Text(val.to_string()), NOW);
    }
    // ops.zdr is left out: (4 + 2 + 2) / 8.
    assert_eq!(Scorecard::of(&scored_questions(&a)).overall, Some(Score { type1: 100.0, type2: 100.0 }));
}
