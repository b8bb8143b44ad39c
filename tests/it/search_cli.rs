//! `soc2-ready search A WORDS... [--json]`: the real binary, text and JSON.

use std::path::PathBuf;

use insta::assert_snapshot;
use serde_json::Value;

use crate::common::Env;

/// A new readiness assessment for Acme AI with the deletion question answered; its path.
fn acme(env: &Env) -> PathBuf {
    let out = env.run(&["new", "soc2-ai-readiness", "--org", "Acme AI", "--no-open"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let out = env.run(&["answer", path.to_str().unwrap(), "retention.delete_primary", "documented"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn text_lists_rank_id_section_question_and_answer_best_first() {
    let env = Env::new();
    let path = acme(&env);
    let text = stdout(&env.run(&["search", path.to_str().unwrap(), "deletion"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "24 questions in Acme AI for \"deletion\", best first:");
    assert_eq!(lines[1], " 1. retention.delete_primary · Data retention and deletion");
    assert!(lines[2].starts_with("    Are deletion requests and contract-end deletions"), "{text}");
    assert_eq!(lines[3], "    Answer: Documented and in place");
    assert_eq!(lines[4], " 2. retention.deletion_testing · Data retention and deletion");
    assert_eq!(lines[6], "    Answer: not answered");
    // The hidden questions are listed too, marked (training data, privacy...: the profile has not said).
    // (8 since 2.2.0: the legal duties of personal and health data no longer wait for Privacy in scope.)
    assert_eq!(text.matches(" · hidden by earlier answers").count(), 8, "{text}");
}

#[test]
fn mfa_text_whole() {
    let env = Env::new();
    let path = acme(&env);
    // By name, as `list` shows it.
    let text = stdout(&env.run(&["search", "acme-ai-soc2-ai-readiness", "mfa"]));
    assert!(path.ends_with("acme-ai-soc2-ai-readiness.json"));
    assert_snapshot!("mfa", text);
}

#[test]
fn several_words_rank_by_how_many_match_and_say_so() {
    let env = Env::new();
    let path = acme(&env);
    let text = stdout(&env.run(&["search", path.to_str().unwrap(), "encryption", "at", "rest", "--limit", "3"]));
    assert_eq!(text.lines().next().unwrap(), "7 questions in Acme AI for \"encryption at rest\", the best 3:");
    let heads: Vec<&str> = text.lines().filter(|l| l.contains(" · ")).collect();
    assert_eq!(
        heads,
        [
            "1. access.encryption_at_rest · Access control",
            "2. training_data.storage_access · Training data governance · hidden by earlier answers",
            "3. access.encryption_in_transit · Access control · 1 of 2 words",
        ]
    );
}

#[test]
fn json_has_every_field_and_the_score() {
    let env = Env::new();
    let path = acme(&env);
    let out = env.run(&["search", path.to_str().unwrap(), "deletion", "--json"]);
    let rows: Vec<Value> = serde_json::from_slice(&stdout(&out).into_bytes()).unwrap();
    assert_eq!(rows.len(), 24);
    let first = &rows[0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["id"], "retention.delete_primary");
    assert_eq!(first["section"], "retention");
    assert_eq!(first["section_title"], "Data retention and deletion");
    assert!(first["text"].as_str().unwrap().starts_with("Are deletion requests"));
    assert_eq!(first["answer"], "documented");
    assert_eq!(first["answer_text"], "Documented and in place");
    assert_eq!(first["visible"], true);
    assert_eq!(first["matched_words"], 1);
    assert_eq!(first["query_words"], 1);
    assert_eq!(rows[1]["answer"], Value::Null);
    assert_eq!(rows[1]["answer_text"], Value::Null);
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "one word: best score first {scores:?}");
    assert!(scores[0] > 0.0);
    let ranks: Vec<u64> = rows.iter().map(|r| r["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, (1..=24).collect::<Vec<_>>());
    assert!(rows.iter().any(|r| r["visible"] == false), "hidden questions are listed, marked");
}

#[test]
fn criteria_and_whole_ids_match_exactly() {
    let env = Env::new();
    let path = acme(&env);
    let rows = |words: &[&str]| -> Vec<String> {
        let mut args = vec!["search", path.to_str().unwrap()];
        args.extend(words);
        args.push("--json");
        let rows: Vec<Value> = serde_json::from_slice(&env.run(&args).stdout).unwrap();
        rows.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(rows(&["CC6.1"]).len(), 30);
    assert_eq!(rows(&["cc6.1"]), rows(&["CC6.1"]));
    assert_eq!(rows(&["access.sso"]), ["access.sso"]);
    assert_eq!(rows(&["blockchain"]), Vec::<String>::new());
}

#[test]
fn nothing_found_is_said_and_is_not_an_error() {
    let env = Env::new();
    let path = acme(&env);
    let text = stdout(&env.run(&["search", path.to_str().unwrap(), "blockchain"]));
    assert_eq!(text, "No question in Acme AI matches \"blockchain\".\n");
    assert_eq!(stdout(&env.run(&["search", path.to_str().unwrap(), "blockchain", "--json"])), "[]\n");
}

#[test]
fn bad_input_gets_a_one_line_error() {
    let env = Env::new();
    let path = acme(&env);
    let out = env.run(&["search", path.to_str().unwrap(), "the", "of"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("soc2-ready: nothing to search for in \"the of\""), "{err}");
    assert_eq!(err.lines().count(), 1);
    let out = env.run(&["search", path.to_str().unwrap(), "  ", "..."]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("soc2-ready: nothing to search for (no letters or digits)"), "{err}");

    let out = env.run(&["search", "no-such-assessment", "mfa"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no-such-assessment.json"), "names the file: {err}");

    let out = env.run(&["search", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "WORDS are required");
    let out = env.run(&["search", path.to_str().unwrap(), "mfa", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2), "a limit of nothing is refused");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let env = Env::new();
    let path = acme(&env);
    // Control characters separate words, so the word typed beside them still counts.
    let out = env.run(&["search", path.to_str().unwrap(), "\u{1b}[2J\u{7}mfa\u{202e}"]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text:?}");
    assert!(text.contains("access.mfa_production"), "the word in it still counts: {text}");
}

#[test]
fn the_question_named_or_quoted_is_first() {
    let env = Env::new();
    let path = acme(&env);
    let first = |words: &[&str]| {
        let mut args = vec!["search", path.to_str().unwrap()];
        args.extend_from_slice(words);
        let text = stdout(&env.run(&args));
        text.lines().nth(1).unwrap().trim().to_string()
    };
    // C5: the text says "code review" (change.infrastructure_as_code came first: reviewed ... code).
    assert_eq!(first(&["code", "review"]), "1. change.secure_development · Change management");
    // `approval` names change.approval; it was 10th. It has one of the three words, and says so.
    assert_eq!(first(&["pull", "request", "approval"]), "1. change.approval · Change management · 1 of 3 words");
}
