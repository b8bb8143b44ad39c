//! `soc2-ready report`: formats, writing a file, and errors, against the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

struct Env {
    home: TempDir,
    config: TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env { home: TempDir::new().unwrap(), config: TempDir::new().unwrap() };
        env.run(&["new", "soc2-ai-readiness", "--org", "Test AI", "--no-open"]).assert().success();
        for (q, v) in [
            ("profile.headcount", "40"),
            ("profile.start_date", "2025-04-01"),
            ("access.mfa_production", "documented"),
            ("access.reviews", "planned"),
        ] {
            env.run(&["answer", "test-ai-soc2-ai-readiness", q, v]).assert().success();
        }
        env
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("soc2-ready").unwrap();
        cmd.args(args)
            .env("SOC2_READY_HOME", self.home.path())
            .env("SOC2_READY_CONFIG", self.config.path())
            .env("SOC2_READY_NOW", "2025-03-03T09:00:00Z")
            .env("NO_COLOR", "1");
        cmd
    }
}

const NAME: &str = "test-ai-soc2-ai-readiness";

#[test]
fn markdown_to_stdout_by_default() {
    let env = Env::new();
    env.run(&["report", NAME])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# SOC 2 readiness report: Test AI\n"))
        .stdout(predicate::str::contains("## Verdict: Blocked"))
        .stdout(predicate::str::contains("- Date: 2025-03-03"))
        .stdout(predicate::str::contains("From 2025-04-01"));
}

#[test]
fn json_and_html_formats() {
    let env = Env::new();
    let out = env.run(&["report", NAME, "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["org"], "Test AI");
    assert_eq!(v["readiness"]["verdict"], "Blocked");
    assert_eq!(v["timeline"]["start_date"], "2025-04-01");
    assert!(v["gaps"].as_array().unwrap().len() > 50);
    assert_eq!(v["cost"]["currency"], "USD");
    env.run(&["report", NAME, "--format", "html"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"))
        .stdout(predicate::str::contains("<script").not());
}

#[test]
fn output_file_is_written_and_its_path_printed() {
    let env = Env::new();
    let target = env.home.path().join("out.html");
    let target_text = target.display().to_string();
    env.run(&["report", NAME, "--format", "html", "-o", &target_text])
        .assert()
        .success()
        .stdout(format!("{target_text}\n"));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("</html>"));
    let leftovers: Vec<_> = std::fs::read_dir(env.home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn user_parameters_change_the_estimate() {
    let env = Env::new();
    std::fs::write(
        env.config.path().join("estimates.json"),
        r#"{ "parameters": { "penetration_test": { "low": 1234, "high": 5678, "source": "quote from ACME" } } }"#,
    )
    .unwrap();
    env.run(&["report", NAME])
        .assert()
        .success()
        .stdout(predicate::str::contains("| Penetration test | 1,234 | 5,678 |"))
        .stdout(predicate::str::contains("quote from ACME"));
    std::fs::write(env.config.path().join("estimates.json"), r#"{ "parameters": { "pentest": { "value": 1 } } }"#)
        .unwrap();
    env.run(&["report", NAME])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unknown parameter `pentest`"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn errors_are_one_line_and_exit_1() {
    let env = Env::new();
    env.run(&["report", "no-such-assessment"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("soc2-ready: "))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    let missing_dir = env.home.path().join("nope/out.md");
    env.run(&["report", NAME, "-o", &missing_dir.display().to_string()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write the report"));
    env.run(&["report", NAME, "--format", "pdf"]).assert().code(2);
}
