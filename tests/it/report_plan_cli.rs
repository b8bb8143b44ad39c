//! The plan from the command line, against the real binary: owners and due dates (`answer --owner --due`),
//! the CSV export for trackers, the format taken from `-o`'s extension, and what-if settings (`--set`)
//! that never change the assessment.

use crate::common::Env;

fn setup() -> (Env, String) {
    let env = Env::new();
    let path = env.work.path().join("acme.json");
    let p = path.to_str().unwrap().to_string();
    assert!(env.run(&["new", "soc2-ai-readiness", "--org", "Acme AI", "--out", &p, "--no-open"]).status.success());
    for (q, v) in [
        ("profile.headcount", "40"),
        ("profile.remediation_fte", "1"),
        ("profile.start_date", "2026-02-02"),
        ("access.reviews", "planned"),
        ("access.mfa_production", "informal"),
    ] {
        let out = env.run(&["answer", &p, q, v]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    (env, p)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn owner_and_due_date_reach_the_plan_and_the_csv() {
    let (env, p) = setup();
    let out = env.run(&["answer", &p, "access.reviews", "planned", "--owner", "Dana Kim", "--due", "2026-04-30"]);
    stdout(&out);
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    assert_eq!(saved["answers"]["access.reviews"]["owner"], "Dana Kim");
    assert_eq!(saved["answers"]["access.reviews"]["due"], "2026-04-30");

    let csv = stdout(&env.run(&["report", &p, "--format", "csv"]));
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "\"id\",\"question\",\"status\",\"priority\",\"critical\",\"criteria\",\"remediation\",\"effort_low\",\
         \"effort_high\",\"owner\",\"due\",\"policy\",\"evidence\",\"section\",\"answer\",\"kind\""
    );
    let row = csv.lines().find(|l| l.starts_with("\"access.reviews\"")).unwrap();
    assert!(row.contains("\"gap\"") && row.contains("\"Dana Kim\",\"2026-04-30\""), "{row}");
    let md = stdout(&env.run(&["report", &p]));
    assert!(md.contains("| Dana Kim | 1 |"), "the plan groups by owner");

    // A bad date is refused and the file is left as it was.
    let before = std::fs::read(&p).unwrap();
    let out = env.run(&["answer", &p, "access.reviews", "informal", "--due", "30/04/2026"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--due `30/04/2026` is not a date; write it as YYYY-MM-DD"));
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let (env, p) = setup();
    stdout(&env.run(&["answer", &p, "access.reviews", "planned", "--owner", "=HYPERLINK(\"http://x\")"]));
    let csv = stdout(&env.run(&["report", &p, "--format", "csv"]));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",\"=") && !csv.contains(",\"+") && !csv.contains(",\"@"));
}

#[test]
fn the_format_follows_the_output_extension() {
    let (env, p) = setup();
    for (name, starts) in [("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.csv", "\"id\""), ("r.md", "# SOC 2")] {
        let out = env.work.path().join(name);
        stdout(&env.run(&["report", &p, "-o", out.to_str().unwrap()]));
        assert!(std::fs::read_to_string(&out).unwrap().starts_with(starts), "{name}");
    }
}

#[test]
fn what_if_changes_the_estimate_not_the_assessment() {
    let (env, p) = setup();
    let before = std::fs::read(&p).unwrap();
    let base: serde_json::Value = serde_json::from_str(&stdout(&env.run(&["report", &p, "--format", "json"]))).unwrap();
    let out = env.run(&[
        "report",
        &p,
        "--format",
        "json",
        "--set",
        "remediation_fte=3",
        "--set",
        "auditor_tier=mid_tier",
        "--set",
        "hourly_cost=150",
    ]);
    let what: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), before, "the assessment is untouched");
    // Settings are assumptions, not answers: the share answered is the assessment's own.
    assert_eq!(what["completion"], base["completion"]);
    assert_eq!(
        what["what_if"]["changes"],
        serde_json::json!([
            "profile.remediation_fte = 3",
            "profile.auditor_tier = mid_tier",
            "profile.hourly_cost = 150"
        ])
    );
    assert_eq!(what["timeline"]["remediation_fte"], 3.0);
    // Three people finish remediation sooner; a mid-tier firm costs more than a boutique one.
    assert!(what["timeline"]["type2_report_months"][1].as_f64() < base["timeline"]["type2_report_months"][1].as_f64());
    assert!(what["cost"]["external_total"][0].as_f64() > base["cost"]["external_total"][0].as_f64());
    let md = stdout(&env.run(&["report", &p, "--set", "penetration_test=8000-12000"]));
    assert!(md.contains("## What if: penetration\\_test = 8000-12000"), "{md}");
    assert!(md.contains("| Penetration test | 8,000 | 12,000 |"));

    for (bad, message) in [
        ("remediation_fte", "write it as NAME=VALUE"),
        ("no_such_thing=1", "is neither a profile question"),
        ("work_days_per_week=0", "must be above 0"),
        ("auditor_tier=cheapest", "auditor_tier=cheapest"),
    ] {
        let out = env.run(&["report", &p, "--set", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(message),
            "{bad}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_user_estimates_file_with_a_zero_divisor_or_another_currency_is_refused() {
    let (env, p) = setup();
    let file = env.config.path().join("estimates.json");
    for (text, message) in [
        (r#"{"parameters": {"work_days_per_week": {"value": 0}}}"#, "`work_days_per_week` must be above 0"),
        (r#"{"currency": "EUR", "parameters": {}}"#, "`currency` is \"EUR\""),
    ] {
        std::fs::write(&file, text).unwrap();
        let out = env.run(&["report", &p]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(file.to_str().unwrap()) && err.contains(message), "{err}");
    }
}

/// Found driving the binary: `report VENDOR --set remediation_fte=2` printed "What if … Remaining effort:
/// 0 person-days → 0 person-days" at the top of a vendor report, which has no effort, dates or cost to
/// compare. A what-if on a report without an estimate is refused, and nothing is written.
#[test]
fn what_if_is_refused_on_a_report_without_an_estimate() {
    let env = Env::new();
    let out = env.run(&["new", "ai-vendor-assessment", "--org", "OpenAI", "--no-open"]);
    let p = stdout(&out).trim().to_string();
    let target = env.work.path().join("v.md");
    let out = env.run(&["report", &p, "--set", "remediation_fte=2", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a what-if compares the effort, dates and cost, and this report has none"), "{err}");
    assert!(!target.exists());
    assert!(stdout(&env.run(&["report", &p])).starts_with("# AI vendor assessment: OpenAI"), "without --set it works");
}

/// The founder of the third measurement: 30 people, 8 systems, a consultant, Security and Confidentiality.
fn founder(env: &Env, p: &str) {
    for (q, v) in [
        ("profile.headcount", "30"),
        ("profile.systems", "8"),
        ("profile.consultant", "yes"),
        ("profile.compliance_tooling", "no"),
        ("profile.categories", "confidentiality"),
        ("access.sso", "informal"),
        ("policies.information_security", "planned"),
    ] {
        let out = env.run(&["answer", p, q, v]);
        assert!(out.status.success(), "{q}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Defect F6: the CSV's effort columns summed to 110.3/404.8 against the report's 109.3/404.2. The rows
/// are the plan: they add up to the report's, the JSON's and the Markdown's totals.
#[test]
fn the_csv_rows_add_up_to_the_plan_totals() {
    let (env, p) = setup();
    founder(&env, &p);
    let csv = stdout(&env.run(&["report", &p, "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (lo, hi, kind) = (at("effort_low"), at("effort_high"), at("kind"));
    // Issue 20: the plan's total is the SOC 2 work (kinds design and operate); AI assurance and advice rows
    // are optional work, summed apart into the optional lines.
    let (mut sum, mut rows, mut optional) = ([0.0_f64; 2], 0, [0.0_f64; 2]);
    for record in reader.records() {
        let record = record.unwrap();
        let days = [record[lo].parse::<f64>().unwrap(), record[hi].parse::<f64>().unwrap()];
        match &record[kind] {
            "design" | "operate" => {
                sum = [sum[0] + days[0], sum[1] + days[1]];
                rows += 1;
            }
            "ai_assurance" | "advice" => optional = [optional[0] + days[0], optional[1] + days[1]],
            other => panic!("unknown kind {other}"),
        }
    }
    let sum = sum.map(|x| (x * 10.0).round() / 10.0);
    assert!(rows > 50 && sum[1] > 50.0, "{rows} rows, {sum:?}");

    let json: serde_json::Value = serde_json::from_str(&stdout(&env.run(&["report", &p, "--format", "json"]))).unwrap();
    assert_eq!(json["plan"]["total"]["gaps"], rows);
    assert_eq!(json["plan"]["total"]["remaining_days"], serde_json::json!(sum));
    assert_eq!(json["plan"]["effort"]["remaining"], serde_json::json!(sum));
    assert_eq!(json["timeline"]["remaining_effort_days"], serde_json::json!(sum));
    let md = stdout(&env.run(&["report", &p]));
    let n = |x: f64| soc2_ready::estimate::n(x);
    let total = format!("| **Total** | {rows} | {}-{} |", n(sum[0]), n(sum[1]));
    assert!(md.contains(&total), "{total} not in the plan");
    let listed: f64 = json["plan"]["effort"]["optional"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["remaining"][1].as_f64().unwrap())
        .sum();
    assert!((listed - optional[1]).abs() < 0.05, "{listed} vs {optional:?}");
}

/// Defect F1: `report --set start_date=2025-06-02` planned the audit in the past. The plan starts today
/// (the clock is frozen at 2026-01-15) and says the start date moved; so does a carried-over assessment.
#[test]
fn a_past_start_date_is_planned_from_today_and_said() {
    let (env, p) = setup();
    let md = stdout(&env.run(&["report", &p, "--set", "start_date=2025-06-02"]));
    assert!(md.contains("Start date 2025-06-02 is past; planned from today, 2026-01-15."), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["report", &p, "--format", "json", "--set", "start_date=2025-06-02"])))
            .unwrap();
    assert_eq!(json["timeline"]["start_date"], "2026-01-15");
    let dates = json["timeline"]["type1_report_dates"].as_array().unwrap();
    assert!(dates.iter().all(|d| d.as_str().unwrap() > "2026-01-15"), "{dates:?}");

    // Next year, from this assessment: last year's start date carries over and is past by then.
    stdout(&env.run(&["answer", &p, "profile.start_date", "2025-03-01"]));
    let next = env.work.path().join("next.json");
    let out = env.run(&[
        "new",
        "soc2-ai-readiness",
        "--from",
        &p,
        "--org",
        "Acme AI",
        "--out",
        next.to_str().unwrap(),
        "--no-open",
    ]);
    stdout(&out);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["report", next.to_str().unwrap(), "--format", "json"]))).unwrap();
    assert_eq!(json["timeline"]["start_date"], "2026-01-15");
    assert!(
        json["timeline"]["phases"].as_array().unwrap().iter().all(|ph| ph["start"].as_str().unwrap() >= "2026-01-15")
    );
}
