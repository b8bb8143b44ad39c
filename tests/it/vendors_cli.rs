//! `soc2-ready vendors` with each vendor's completion and score, and `vendors --matrix` (the vendors'
//! answers question by question) as a table, CSV and JSON, run as the real binary with outputs checked
//! by hand.

use crate::common::Answering;
use serde_json::{Value, json};
use soc2_ready::assessment::{AnswerValue, Assessment, store};
use soc2_ready::questionnaire::Questionnaire;

use crate::common::{Env, NOW};

/// Weights 5 (critical yes/no), 3 (maturity) and 4 (yes/no): 12 in all.
fn mini_vendor() -> Questionnaire {
    serde_json::from_value(json!({
        "format": 1, "id": "mini-vendor", "version": "1.0", "title": "Mini AI vendor", "kind": "vendor",
        "sections": [{ "id": "data", "title": "Data handling", "questions": [
            { "id": "data.training", "type": "yesno", "text": "Is our data kept out of model training?", "help": "h",
              "weight": 5, "critical": true, "criteria": ["CC9.2"], "remediation": "Contract." },
            { "id": "data.retention", "type": "maturity", "text": "Are prompts deleted within 30 days?", "help": "h",
              "weight": 3, "criteria": ["CC9.2"], "remediation": "Contract." },
            { "id": "data.soc2", "type": "yesno", "text": "Does the vendor hold a current SOC 2 Type II report?",
              "help": "h", "weight": 4, "criteria": ["CC9.2"], "remediation": "Ask for it." }
        ]}]
    }))
    .unwrap()
}

/// Alpha Models answers all three (yes, informal, no); Beta AI only the first (yes).
fn two_vendors(env: &Env) {
    std::fs::create_dir_all(env.store()).unwrap();
    let text = |t: &str| AnswerValue::Text(t.into());
    let mut alpha = Assessment::new(mini_vendor(), "Alpha Models", NOW);
    alpha.answer("data.training", text("yes"), NOW);
    alpha.answer("data.retention", text("informal"), NOW);
    alpha.answer("data.soc2", text("no"), NOW);
    store::write(&env.store().join("alpha.json"), &alpha).unwrap();
    let mut beta = Assessment::new(mini_vendor(), "Beta AI", NOW);
    beta.answer("data.training", text("yes"), NOW);
    store::write(&env.store().join("beta.json"), &beta).unwrap();
    let us = Assessment::new(soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap(), "Us", NOW);
    store::write(&env.store().join("us.json"), &us).unwrap();
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn vendors_show_completion_and_score_beside_the_risk() {
    let env = Env::new();
    two_vendors(&env);
    let rows: Value = serde_json::from_str(&ok(env.run(&["vendors", "--json"]))).unwrap();
    let got: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["vendor"].clone(), r["completion"].clone(), r["score"].clone()))
        .collect();
    // Alpha: 3 of 3 answered; Type I credit 5 (yes) + 3 x 0.5 (informal) + 0 (no) = 6.5 of 12 = 54.2.
    // Beta: 1 of 3 answered (33%); 5 of 12 = 41.7.
    assert_eq!(got, [(json!("Alpha Models"), json!(100), json!(54.2)), (json!("Beta AI"), json!(33), json!(41.7))]);
    let table = ok(env.run(&["vendors"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("VENDOR                   TIER      RISK      DONE SCORE ATTESTATION"), "{table}");
    let alpha = lines.iter().find(|l| l.starts_with("Alpha Models")).unwrap();
    let beta = lines.iter().find(|l| l.starts_with("Beta AI")).unwrap();
    // Beside the risk: DONE right-aligned in 4, SCORE in 5.
    assert!(alpha.contains(&format!("{}100%  54.2 none", " ")), "{table}");
    assert!(beta.contains(" 33%  41.7 none"), "{table}");
    let csv = ok(env.run(&["vendors", "--csv"]));
    let mut csv_lines = csv.lines();
    assert_eq!(
        csv_lines.next(),
        Some(
            "vendor,name,tier,risk,completion,score,attestation,attestation age (months),critical findings,last \
             assessed,next review,overdue"
        )
    );
    let alpha_csv = csv.lines().find(|l| l.starts_with("Alpha Models")).unwrap();
    assert!(alpha_csv.starts_with("Alpha Models,alpha,"), "{csv}");
    assert!(alpha_csv.contains(",100,54.2,,,"), "{csv}");
}

#[test]
fn the_matrix_puts_vendors_side_by_side_question_by_question() {
    let env = Env::new();
    two_vendors(&env);
    // To a pipe: every column at its natural width and the question's text.
    // Vendors in the order of their names; Beta answered only the first question. The id column is as wide
    // as `data.retention` (14), Alpha's as "In place, informal" (18), Beta's as its name (7).
    assert_eq!(
        ok(env.run(&["vendors", "--matrix"])),
        "\
QUESTION        Alpha Models        Beta AI  TEXT
data.training   Yes                 Yes      Is our data kept out of model training?
data.retention  In place, informal  —        Are prompts deleted within 30 days?
data.soc2       No                  —        Does the vendor hold a current SOC 2 Type II report?
"
    );
    assert_eq!(
        ok(env.run(&["vendors", "--matrix", "--csv"])),
        "\
question id,question,Alpha Models,Beta AI
data.training,Is our data kept out of model training?,Yes,Yes
data.retention,Are prompts deleted within 30 days?,\"In place, informal\",
data.soc2,Does the vendor hold a current SOC 2 Type II report?,No,
"
    );
    let doc: Value = serde_json::from_str(&ok(env.run(&["vendors", "--matrix", "--json"]))).unwrap();
    assert_eq!(
        doc["vendors"],
        json!([{ "vendor": "Alpha Models", "name": "alpha" }, { "vendor": "Beta AI", "name": "beta" }])
    );
    assert_eq!(
        doc["questions"][1],
        json!({ "id": "data.retention", "text": "Are prompts deleted within 30 days?",
                "answers": ["In place, informal", null] })
    );
    let answers: Vec<Value> = doc["questions"].as_array().unwrap().iter().map(|q| q["answers"].clone()).collect();
    assert_eq!(answers, [json!(["Yes", "Yes"]), json!(["In place, informal", null]), json!(["No", null])]);
}
