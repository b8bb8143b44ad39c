//! The consultant's commands run as the real binary: followups, merge (agreement, conflict, rules,
//! refusal), new --from, diff and vendors, with outputs checked by hand.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Env, NOW};

/// Weights 5 (critical), 3 and 2 in Access, 4 (critical) in Vendors, all in Security; `a.reviews` is also
/// Confidentiality and the model-access AI area.
const SMALL: &str = r#"{
  "format": 1, "id": "small", "version": "1", "title": "Small readiness", "kind": "readiness",
  "sections": [
    { "id": "access", "title": "Access", "questions": [
      { "id": "a.mfa", "type": "maturity", "text": "MFA everywhere?", "help": "h", "weight": 5, "criteria": ["CC6.1"],
        "critical": true, "effort_days": [2, 4], "remediation": "Turn on MFA." },
      { "id": "a.reviews", "type": "maturity", "text": "Access reviews?", "help": "h", "weight": 3,
        "criteria": ["CC6.3", "C1.1"], "effort_days": [1, 3], "remediation": "Review quarterly.", "ai_area": "model-access" },
      { "id": "a.sso", "type": "yesno", "text": "SSO?", "help": "h", "weight": 2, "criteria": ["CC6.1"], "effort_days": [2, 6] }
    ]},
    { "id": "vendors", "title": "Vendors", "questions": [
      { "id": "v.review", "type": "choice", "text": "Vendor reports reviewed?", "help": "h", "weight": 4,
        "criteria": ["CC9.2"], "critical": true, "effort_days": [1, 2], "remediation": "Ask for their SOC 2 report.",
        "options": [ { "id": "all", "label": "All", "score": 1 }, { "id": "some", "label": "Some", "score": 0.5 },
                     { "id": "none", "label": "None", "score": 0 } ] }
    ]}
  ]
}"#;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "failed: {}\n{}", stderr(&out), stdout(&out));
    stdout(&out)
}

/// A new assessment of SMALL at `name` in the working folder.
fn new(env: &Env, name: &str) -> PathBuf {
    let q = env.work.path().join("small-q.json");
    if !q.exists() {
        fs::write(&q, SMALL).unwrap();
    }
    let path = env.work.path().join(name);
    ok(env.run(&["new", q.to_str().unwrap(), "--org", "Acme", "--out", path.to_str().unwrap(), "--no-open"]));
    path
}

/// Answer as `by`, at `at`.
fn answer(env: &Env, file: &Path, question: &str, value: &str, by: &str, at: &str, extra: &[&str]) {
    let mut args = vec!["answer", file.to_str().unwrap(), question, value, "--by", by];
    args.extend_from_slice(extra);
    ok(env.cmd().env("SOC2_READY_NOW", at).args(&args).output().unwrap());
}

fn json_file(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

const T1: &str = "2026-01-10T10:00:00Z";
const T2: &str = "2026-01-12T10:00:00Z";

#[test]
fn followups_list_flagged_and_unknown_questions_in_markdown_csv_and_json() {
    let env = Env::new();
    let a = new(&env, "a.json");
    answer(&env, &a, "a.mfa", "documented", "Ann", T1, &[]);
    answer(&env, &a, "a.reviews", "unknown", "Ann", T1, &["--note", "Ask Dana | IT"]);
    answer(&env, &a, "v.review", "some", "Ann", T1, &["--note", "=HYPERLINK(\"http://x\")"]);
    // Flag v.review by hand in the file, as the interface would.
    let mut doc = json_file(&a);
    doc["answers"]["v.review"]["follow_up"] = Value::Bool(true);
    doc["answers"]["v.review"]["owner"] = "Dana".into();
    doc["answers"]["v.review"]["due"] = "2026-02-01".into();
    fs::write(&a, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();

    let md = ok(env.run(&["followups", a.to_str().unwrap()]));
    assert_eq!(
        md,
        "# Follow-ups: Acme\n\nSmall readiness\n\n2 items to act on.\n\n\
         | # | Question | Answer | Follow-up | Recommendation | Owner | Due |\n\
         |---|---|---|---|---|---|---|\n\
         | 1 | `a.reviews` Access reviews? | Don't know (flagged for follow-up) | Ask Dana \\| IT | Review quarterly. | — | — |\n\
         | 2 | `v.review` Vendor reports reviewed? | Some | =HYPERLINK(\"http://x\") | Ask for their SOC 2 report. | Dana | 2026-02-01 |\n"
    );

    let out = env.work.path().join("follow-ups.csv");
    let printed = ok(env.run(&["followups", a.to_str().unwrap(), "--format", "csv", "-o", out.to_str().unwrap()]));
    assert_eq!(printed.trim(), out.to_str().unwrap());
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // C13: the columns a client reads; `question` held the id and `id` the observation's.
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Question id", "Question", "What to do", "Owner", "Due", "Who to ask", "Status"]
    );
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "a.reviews",
            "Access reviews?",
            "Find out the answer: Ask Dana | IT. Do: Review quarterly.",
            "",
            "",
            "Ann",
            "open"
        ]
    );
    assert_eq!(
        rows[1].iter().collect::<Vec<_>>(),
        [
            "v.review",
            "Vendor reports reviewed?",
            "'=HYPERLINK(\"http://x\"). Do: Ask for their SOC 2 report.",
            "Dana",
            "2026-02-01",
            "Ann",
            "open"
        ],
        "the formula is neutralised"
    );

    let json: Value =
        serde_json::from_str(&ok(env.run(&["followups", a.to_str().unwrap(), "--format", "json"]))).unwrap();
    assert_eq!(json["count"], 2);
    assert_eq!(json["follow_ups"][0]["question"], "a.reviews");
    assert_eq!(json["follow_ups"][0]["kind"], "question");
}

#[test]
fn followups_with_nothing_to_do_say_so() {
    let env = Env::new();
    let a = new(&env, "a.json");
    let md = ok(env.run(&["followups", a.to_str().unwrap()]));
    assert!(
        md.ends_with(
            "Nothing to follow up: no question is flagged or answered \"don't know\", and no observation is open.\n"
        ),
        "{md}"
    );
}

#[test]
fn merge_records_both_people_on_agreeing_answers() {
    let env = Env::new();
    let (ann, bob) = (new(&env, "ann.json"), new(&env, "bob.json"));
    answer(&env, &ann, "a.mfa", "documented", "Ann", T1, &["--note", "Okta"]);
    answer(&env, &ann, "a.sso", "yes", "Ann", T1, &[]);
    answer(&env, &bob, "a.mfa", "documented", "Bob", T2, &["--evidence", "IdP export"]);
    let out = env.work.path().join("merged.json");
    let text = ok(env.run(&["merge", ann.to_str().unwrap(), bob.to_str().unwrap(), "-o", out.to_str().unwrap()]));
    assert_eq!(
        text,
        format!(
            "Merged ann, bob into {}\n  2 questions answered, 1 agreed between files, 0 conflicts (0 settled, 0 left open)\n  \
             agreed  a.mfa  (Ann, Bob)\n",
            out.display()
        )
    );
    let doc = json_file(&out);
    assert_eq!(doc["answers"]["a.mfa"]["answered_by"], "Ann, Bob");
    assert_eq!(doc["answers"]["a.mfa"]["note"], "Okta");
    assert_eq!(doc["answers"]["a.mfa"]["evidence"][0], "IdP export");
    assert_eq!(doc["answers"]["a.sso"]["answered_by"], "Ann");
    assert_eq!(doc["people"], serde_json::json!(["Ann", "Bob"]));
    assert!(doc.get("conflicts").is_none());
    // The merged file opens like any other.
    ok(env.run(&["show", out.to_str().unwrap()]));
}

#[test]
fn merge_lists_a_conflict_and_keeps_it_open_without_a_rule() {
    let env = Env::new();
    let (ann, bob) = (new(&env, "ann.json"), new(&env, "bob.json"));
    answer(&env, &ann, "a.mfa", "documented", "Ann", T1, &[]);
    answer(&env, &bob, "a.mfa", "planned", "Bob", T2, &[]);
    let out = env.work.path().join("merged.json");
    let text = ok(env.run(&["merge", ann.to_str().unwrap(), bob.to_str().unwrap(), "-o", out.to_str().unwrap()]));
    assert_eq!(
        text,
        format!(
            "Merged ann, bob into {out}\n  0 questions answered, 0 agreed between files, 1 conflict (0 settled, 1 left open)\n\n\
             Conflicts:\n  a.mfa  MFA everywhere?  [open]\n    \
             ann (Ann, 2026-01-10 10:00 UTC): Documented and in place\n    \
             bob (Bob, 2026-01-12 10:00 UTC): Planned or in progress\n\n\
             Open conflicts are unanswered in {out} until resolved: resolve them one by one in the interface \
             (`soc2-ready open`) or with `soc2-ready resolve {out}`, or merge again with --prefer newest, A or reviewed.\n",
            out = out.display()
        )
    );
    let doc = json_file(&out);
    assert!(doc["answers"].get("a.mfa").is_none(), "unresolved: not answered");
    assert_eq!(doc["conflicts"][0]["question"], "a.mfa");
    assert_eq!(doc["conflicts"][0]["candidates"][1]["from"], "bob");
    assert_eq!(doc["conflicts"][0]["candidates"][1]["answer"]["value"], "planned");

    // Resolved one by one: listed, then picked by the file's name.
    let merged = out.to_str().unwrap();
    assert_eq!(
        ok(env.run(&["resolve", merged])),
        "a.mfa  MFA everywhere?\n  1. ann: Documented and in place\n  2. bob: Planned or in progress\n"
    );
    let wrong = env.run(&["resolve", merged, "a.mfa", "carol"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(stderr(&wrong), "soc2-ready: `carol` is neither a number from 1 to 2 nor one of the files: ann, bob\n");
    assert_eq!(
        ok(env.run(&["resolve", merged, "a.mfa", "bob"])),
        format!("{merged}: a.mfa takes bob's answer; 0 conflicts left\n")
    );
    let doc = json_file(&out);
    assert_eq!(doc["answers"]["a.mfa"]["value"], "planned");
    assert_eq!(doc["answers"]["a.mfa"]["answered_by"], "Bob");
    assert!(doc.get("conflicts").is_none());
    assert_eq!(ok(env.run(&["resolve", merged])), format!("No open conflicts in {merged}.\n"));
    assert_eq!(env.run(&["resolve", merged, "a.mfa", "1"]).status.code(), Some(1));

    // A rule settles it; --json says which file's answer was kept.
    for (rule, kept, value) in [("newest", "bob", "planned"), ("A", "ann", "documented")] {
        let out = env.work.path().join(format!("merged-{rule}.json"));
        let json: Value = serde_json::from_str(&ok(env.run(&[
            "merge",
            ann.to_str().unwrap(),
            bob.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--prefer",
            rule,
            "--json",
        ])))
        .unwrap();
        assert_eq!(json["conflicts"][0]["kept"], kept);
        assert_eq!(json["open_conflicts"], 0);
        assert_eq!(json_file(&out)["answers"]["a.mfa"]["value"], value);
    }
}

#[test]
fn merge_refuses_an_unrelated_questionnaire_and_an_existing_output() {
    let env = Env::new();
    let ann = new(&env, "ann.json");
    answer(&env, &ann, "a.mfa", "documented", "Ann", T1, &[]);
    let vendor = env.work.path().join("vendor.json");
    ok(env.run(&["new", "ai-vendor-assessment", "--org", "OpenAI", "--out", vendor.to_str().unwrap(), "--no-open"]));
    let vendor_doc = json_file(&vendor);
    let first_question = vendor_doc["questionnaire"]["definition"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["questions"].as_array().unwrap())
        .find(|q| q["type"] == "yesno" && q.get("show_if").is_none())
        .map(|q| q["id"].as_str().unwrap().to_string())
        .unwrap();
    answer(&env, &vendor, &first_question, "yes", "Vic", T1, &[]);
    let out = env.work.path().join("merged.json");
    let refused = env.run(&["merge", ann.to_str().unwrap(), vendor.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(
        message.starts_with("soc2-ready: vendor answers questionnaire `ai-vendor-assessment`")
            && message.contains("ann answers `small` 1")
            && message.contains("merge assessments of the same questionnaire"),
        "{message}"
    );
    assert!(!out.exists(), "nothing written");

    let refused = env.run(&["merge", ann.to_str().unwrap(), ann.to_str().unwrap(), "-o", ann.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("already exists; merge writes a new file and never replaces one"));
}

#[test]
fn new_from_last_year_carries_answers_over_to_confirm() {
    let env = Env::new();
    let last = new(&env, "2025.json");
    answer(&env, &last, "a.mfa", "documented", "Ann", T1, &["--note", "Okta", "--evidence", "IdP export"]);
    answer(&env, &last, "a.sso", "yes", "Ann", T1, &[]);
    let next = env.work.path().join("2026.json");
    let q = env.work.path().join("small-q.json");
    let out = env.run(&[
        "new",
        q.to_str().unwrap(),
        "--org",
        "Acme",
        "--from",
        last.to_str().unwrap(),
        "--out",
        next.to_str().unwrap(),
        "--no-open",
    ]);
    assert_eq!(ok(out.clone()), format!("{}\n", next.display()), "stdout keeps only the path");
    assert_eq!(
        stderr(&out),
        format!("Carried over 2 answers to confirm and 0 open observations from {}.\n", last.display())
    );
    let doc = json_file(&next);
    assert_eq!(doc["answers"]["a.mfa"]["to_confirm"], true);
    assert_eq!(doc["answers"]["a.mfa"]["note"], "Okta");
    assert_eq!(doc["answers"]["a.mfa"]["evidence"][0], "IdP export");
    assert_eq!(doc["baseline"]["answers"]["a.sso"]["value"], "yes");
    assert_eq!(doc["baseline"]["updated_at"], T1);
    // Not counted as answered until confirmed; answering again confirms.
    let show = ok(env.run(&["show", next.to_str().unwrap()]));
    assert!(
        show.contains("Progress: 0% (0 of 4 shown questions answered; 2 carried over from last year still to confirm)"),
        "{show}"
    );
    answer(&env, &next, "a.sso", "yes", "Ann", NOW, &[]);
    assert!(json_file(&next)["answers"]["a.sso"].get("to_confirm").is_none());
    let show = ok(env.run(&["show", next.to_str().unwrap()]));
    assert!(
        show.contains(
            "Progress: 25% (1 of 4 shown questions answered; 1 carried over from last year still to confirm)"
        ),
        "{show}"
    );

    let missing = env.run(&["new", q.to_str().unwrap(), "--org", "Acme", "--from", "nowhere.json", "--no-open"]);
    assert_eq!(missing.status.code(), Some(1));

    // Last year's assessment of another questionnaire carries nothing: refused, and no file is made.
    let other = env.work.path().join("other.json");
    let made = env.run(&[
        "new",
        "ai-vendor-assessment",
        "--org",
        "Acme",
        "--from",
        last.to_str().unwrap(),
        "--out",
        other.to_str().unwrap(),
        "--no-open",
    ]);
    assert_eq!(made.status.code(), Some(1));
    let err = String::from_utf8(made.stderr).unwrap();
    assert!(err.contains("not `ai-vendor-assessment`") && err.contains("same questionnaire"), "{err}");
    assert!(!other.exists());
}

#[test]
fn diff_shows_answers_scores_and_verdict_by_hand() {
    let env = Env::new();
    let (old, new_) = (new(&env, "old.json"), new(&env, "new.json"));
    for (q, v) in [("a.mfa", "documented"), ("a.sso", "yes"), ("v.review", "none")] {
        answer(&env, &old, q, v, "Ann", T1, &[]);
    }
    for (q, v) in [("a.mfa", "evidenced"), ("a.reviews", "informal"), ("a.sso", "yes")] {
        answer(&env, &new_, q, v, "Ann", T2, &[]);
    }
    let text = ok(env.run(&["diff", old.to_str().unwrap(), new_.to_str().unwrap()]));
    // Old: (5 x 1 + 2) / 14 = 50.0 and (5 x 0.5 + 2) / 14 = 32.1.
    // New: (5 + 3 x 0.5 + 2) / 14 = 60.7 and (5 + 3 x 0.25 + 2) / 14 = 55.4.
    // Access (weights 10): 7 -> 8.5 and 4.5 -> 7.75; Confidentiality and model access: a.reviews alone.
    let expected_head = "Old: Acme (small 1, updated 2026-01-10 10:00 UTC): 3 of 4 questions answered\n\
         New: Acme (small 1, updated 2026-01-12 10:00 UTC): 3 of 4 questions answered\n\n\
         Answers: 1 changed, 1 added, 1 removed\n  \
         changed  a.mfa  MFA everywhere?\n           Documented and in place -> Operating, with evidence over time\n  \
         added    a.reviews  Access reviews?\n           (unanswered) -> In place, informal\n  \
         removed  v.review  Vendor reports reviewed?\n           None -> (unanswered)\n\n\
         Scores, Type I / Type II (old -> new):\n  \
         Overall                                    50.0 / 32.1  ->  60.7 / 55.4    (+10.7 / +23.3)\n\
         By section: 1 changed, 1 unchanged\n  \
         Access                                     70.0 / 45.0  ->  85.0 / 77.5    (+15.0 / +32.5)\n\
         By category: 2 changed, 0 unchanged\n  \
         Security                                   50.0 / 32.1  ->  60.7 / 55.4    (+10.7 / +23.3)\n  \
         Confidentiality                              0.0 / 0.0  ->  50.0 / 25.0    (+50.0 / +25.0)\n\
         By AI area: 1 changed, 0 unchanged\n  \
         Model access control                         0.0 / 0.0  ->  50.0 / 25.0    (+50.0 / +25.0)\n\n\
         Verdict: Blocked (unchanged)\n";
    assert!(text.starts_with(expected_head), "{text}");
    assert!(text[expected_head.len()..].starts_with("Estimate: remaining work "), "{text}");

    let json: Value =
        serde_json::from_str(&ok(env.run(&["diff", old.to_str().unwrap(), new_.to_str().unwrap(), "--json"]))).unwrap();
    assert_eq!(json["overall"]["old_type1"], 50.0);
    assert_eq!(json["overall"]["new_type2"], 55.4);
    assert_eq!(json["answers"][2]["change"], "removed");
    assert_eq!(json["verdict"], serde_json::json!(["Blocked", "Blocked"]));
    assert!(json["estimate"][1]["remaining_days"].is_array());
}

#[test]
fn vendors_compares_every_vendor_assessment_in_the_store() {
    let env = Env::new();
    let none = ok(env.run(&["vendors"]));
    assert!(none.starts_with("No vendor assessments in "), "{none}");
    for org in ["OpenAI", "Anthropic"] {
        ok(env.run(&["new", "ai-vendor-assessment", "--org", org, "--no-open"]));
    }
    ok(env.run(&["new", "soc2-ai-readiness", "--org", "Us", "--no-open"]));
    let json: Value = serde_json::from_str(&ok(env.run(&["vendors", "--json"]))).unwrap();
    let rows = json.as_array().unwrap();
    let vendors: Vec<&str> = rows.iter().map(|r| r["vendor"].as_str().unwrap()).collect();
    assert_eq!(vendors, ["Anthropic", "OpenAI"], "readiness assessments are left out; same date, by name");
    // Nothing answered is a risky vendor: the next review is six months after the last assessment.
    assert_eq!(rows[0]["last_assessed"], "2026-01-15");
    assert_eq!(rows[0]["next_review"], "2026-07-15");
    assert_eq!(rows[0]["overdue"], false);
    let table = ok(env.run(&["vendors"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("VENDOR"), "{table}");
    assert!(lines[1].starts_with("Anthropic") && lines[1].ends_with("2026-01-15    2026-07-15"), "{table}");
}

#[test]
fn the_report_of_a_carried_over_assessment_shows_the_change_since_last_year() {
    let env = Env::new();
    let last = new(&env, "2025.json");
    answer(&env, &last, "a.mfa", "documented", "Ann", T1, &[]);
    answer(&env, &last, "a.sso", "yes", "Ann", T1, &[]);
    let next = env.work.path().join("2026.json");
    let q = env.work.path().join("small-q.json");
    let from = [q.to_str().unwrap(), "--org", "Acme", "--from", last.to_str().unwrap()];
    ok(env.run(&[&["new"][..], &from, &["--out", next.to_str().unwrap(), "--no-open"]].concat()));
    answer(&env, &next, "a.sso", "yes", "Ann", NOW, &[]);

    let doc: Value =
        serde_json::from_str(&ok(env.run(&["report", next.to_str().unwrap(), "--format", "json"]))).unwrap();
    let since = &doc["since_last_year"];
    // Weights 5 + 3 + 2 + 4 = 14. Last year: MFA documented (5) and SSO (2): 7 / 14 = 50. Now MFA is still
    // to confirm and counts as carried (C4: it scored nothing, 14.3, a fall that was not there): 50.
    assert_eq!(since["overall"]["old_type1"], 50.0);
    assert_eq!(since["overall"]["new_type1"], 50.0);
    assert_eq!((since["new"]["answered"].as_u64(), since["new"]["carried"].as_u64()), (Some(1), Some(1)));
    assert_eq!(since["to_confirm"], serde_json::json!([{ "question": "a.mfa", "text": "MFA everywhere?" }]));
    assert_eq!(since["answers"], serde_json::json!([]), "a confirmed answer is no change");
    assert!(doc.get("meetings").is_none() && doc.get("observations").is_none(), "{doc}");
    let mfa = doc["answers"].as_array().unwrap().iter().find(|x| x["question"] == "a.mfa").unwrap();
    assert_eq!(mfa["to_confirm"], true);

    let md = ok(env.run(&["report", next.to_str().unwrap()]));
    assert!(md.contains("## Since last year"), "{md}");
    assert!(md.contains("| Overall | 50 | 50 | 0 |"), "{md}");
    assert!(md.contains("### Still to confirm (1)"), "{md}");
    // Last year's own report has no such part.
    assert!(!ok(env.run(&["report", last.to_str().unwrap()])).contains("Since last year"));
}

/// Found driving the binary: a vendor named in a wide script (`OpenAI 株式会社`) pushed the rest of its row
/// four columns right, because the column was padded by characters, not by the columns a terminal shows.
#[test]
fn vendors_table_lines_up_wide_and_long_vendor_names() {
    let env = Env::new();
    for org in ["OpenAI 株式会社", "Anthropic", "A vendor whose legal name is far longer than the column"] {
        ok(env.run(&["new", "ai-vendor-assessment", "--org", org, "--no-open"]));
    }
    let table = ok(env.run(&["vendors"]));
    let lines: Vec<&str> = table.lines().take(4).collect();
    // Every row's tier starts at the display column of the TIER header.
    let header_at = unicode_width::UnicodeWidthStr::width(&lines[0][..lines[0].find("TIER").unwrap()]);
    for line in &lines[1..] {
        let tier = ["high ", "moderate ", "low "].iter().filter_map(|t| line.find(t)).min().unwrap();
        assert_eq!(unicode_width::UnicodeWidthStr::width(&line[..tier]), header_at, "{table}");
    }
    assert!(table.contains("OpenAI 株式会社"), "{table}");
}

/// Found driving the binary: `diff` of a readiness assessment and a vendor assessment printed every answer
/// as added or removed, sections of one against sections of the other and "Verdict: Blocked -> critical
/// risk". Like `merge`, it refuses assessments of different kinds of questionnaire.
#[test]
fn diff_refuses_a_readiness_and_a_vendor_assessment() {
    let env = Env::new();
    let ours = env.work.path().join("ours.json");
    let vendor = env.work.path().join("vendor.json");
    ok(env.run(&["new", "soc2-ai-readiness", "--org", "Us", "--out", ours.to_str().unwrap(), "--no-open"]));
    ok(env.run(&["new", "ai-vendor-assessment", "--org", "V", "--out", vendor.to_str().unwrap(), "--no-open"]));
    let out = env.run(&["diff", ours.to_str().unwrap(), vendor.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a readiness assessment and") && err.contains("a vendor assessment"), "{err}");
    ok(env.run(&["diff", ours.to_str().unwrap(), ours.to_str().unwrap()]));
}

#[test]
fn a_finding_is_recorded_edited_moved_to_closed_and_carried_as_history() {
    let env = Env::new();
    let a = new(&env, "a.json");
    let file = a.to_str().unwrap();
    let at = |time: &str, args: &[&str]| ok(env.cmd().env("SOC2_READY_NOW", time).args(args).output().unwrap());
    let printed = at(
        T1,
        &[
            "observe",
            file,
            "a.mfa",
            "--finding",
            "MFA off for two admins",
            "--risk",
            "high",
            "--owner",
            "Dana",
            "--by",
            "Carol",
        ],
    );
    assert_eq!(printed, format!("{file}: obs-1 recorded on a.mfa (open)\n"));
    at(T1, &["observe", file, "a.sso", "--finding", "No SSO on the console", "--due", "2026-03-31"]);
    assert_eq!(
        at(T1, &["observations", file]),
        "obs-1   open       a.mfa  MFA off for two admins · owner Dana\n\
         obs-2   open       a.sso  No SSO on the console · due 2026-03-31\n"
    );
    // Edit in place, then move along with who and when.
    at(
        T2,
        &[
            "observation",
            file,
            "obs-1",
            "--recommendation",
            "Enforce MFA in the IdP",
            "--status",
            "remediated",
            "--by",
            "Dana",
        ],
    );
    at(NOW, &["observation", file, "obs-1", "--status", "closed", "--by", "Carol"]);
    assert_eq!(
        at(NOW, &["observation", file, "obs-1"]),
        format!(
            "obs-1  closed  a.mfa\n  MFA off for two admins\n  risk: high\n  recommendation: Enforce MFA in the IdP\n  \
             owner: Dana\n  recorded by Carol at 2026-01-10 10:00 UTC\n  remediated by Dana at 2026-01-12 10:00 UTC\n  closed by Carol at 2026-01-15 09:00 UTC\n"
        )
    );
    assert_eq!(at(NOW, &["observations", file, "--status", "closed"]).lines().count(), 1);
    let json: Value = serde_json::from_str(&at(NOW, &["observations", file, "--json"])).unwrap();
    assert_eq!(json[0]["status"], "closed");
    assert_eq!(json[0]["history"][0]["status"], "remediated");
    assert_eq!(json[1].get("status"), None, "open is the default");
    // Closed leaves the follow-ups; the open one stays.
    let md = at(NOW, &["followups", file]);
    assert!(md.contains("1 item to act on.") && md.contains("obs-2") && !md.contains("obs-1"), "{md}");
    // Refusals name what and where, and change nothing.
    let before = fs::read(&a).unwrap();
    let bad = env.run(&["observation", file, "obs-2", "--due", "31/03/2026"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("the due date `31/03/2026` is not a date"), "{}", stderr(&bad));
    let bad = env.run(&["observation", file, "obs-9", "--status", "closed"]);
    assert!(stderr(&bad).contains("there is no observation `obs-9`"), "{}", stderr(&bad));
    let bad = env.run(&["observation", file, "obs-2", "--status", "done"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("`done` is not a status; use open, remediated, verified, closed"),
        "{}",
        stderr(&bad)
    );
    let bad = env.run(&["observe", file, "a.nope", "--finding", "x"]);
    assert!(stderr(&bad).contains("the questionnaire has no question `a.nope`"), "{}", stderr(&bad));
    assert_eq!(fs::read(&a).unwrap(), before);

    // Next year: the open one as open, the closed one as history.
    let next = env.work.path().join("next.json");
    let q = env.work.path().join("small-q.json");
    let out = env.run(&[
        "new",
        q.to_str().unwrap(),
        "--org",
        "Acme",
        "--from",
        file,
        "--out",
        next.to_str().unwrap(),
        "--no-open",
    ]);
    assert_eq!(
        stderr(&out),
        format!("Carried over 0 answers to confirm and 1 open observation (and 1 closed, as history) from {file}.\n")
    );
    let listed = ok(env.run(&["observations", next.to_str().unwrap()]));
    assert_eq!(
        listed,
        "obs-1   closed     a.mfa  MFA off for two admins · owner Dana\n\
         obs-2   open       a.sso  No SSO on the console · due 2026-03-31\n"
    );
    // Delete one recorded by mistake.
    ok(env.run(&["observation", next.to_str().unwrap(), "obs-2", "--delete"]));
    assert_eq!(json_file(&next)["observations"].as_array().unwrap().len(), 1);
}

#[test]
fn a_file_with_closed_observations_from_before_statuses_still_loads() {
    let env = Env::new();
    let a = new(&env, "a.json");
    let mut doc = json_file(&a);
    doc["observations"] = serde_json::json!([
        { "id": "obs-1", "question": "a.mfa", "seen": "old and done", "created_at": T1, "closed": true },
        { "id": "obs-2", "question": "a.sso", "seen": "still open", "created_at": T1 }
    ]);
    fs::write(&a, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    assert_eq!(
        ok(env.run(&["observations", a.to_str().unwrap()])),
        "obs-1   closed     a.mfa  old and done\nobs-2   open       a.sso  still open\n"
    );
}

#[test]
fn next_year_confirms_in_bulk_and_the_diff_reads_carried_not_a_collapse() {
    let env = Env::new();
    let last = new(&env, "2025.json");
    answer(&env, &last, "a.mfa", "documented", "Ann", T1, &[]);
    answer(&env, &last, "a.sso", "yes", "Ann", T1, &[]);
    answer(&env, &last, "v.review", "all", "Ann", T1, &[]);
    let next = env.work.path().join("2026.json");
    let q = env.work.path().join("small-q.json");
    let (l, n) = (last.to_str().unwrap(), next.to_str().unwrap());
    ok(env.run(&["new", q.to_str().unwrap(), "--org", "Acme", "--from", l, "--out", n, "--no-open"]));
    // C3: it opens on the first answer to confirm, not the first unanswered (a.reviews).
    assert_eq!(json_file(&next)["position"]["question"], "a.mfa");
    // C4: nothing changed, so nothing reads as changed: (5 + 2 + 4) / 14 = 78.6 on both sides.
    let diff = ok(env.run(&["diff", l, n]));
    assert!(
        diff.contains(
            ": 0 of 4 questions answered, 3 carried over from last year still to confirm (scored as carried)"
        ),
        "{diff}"
    );
    assert!(diff.contains("Answers: 0 changed, 0 added, 0 removed"), "{diff}");
    assert!(diff.contains("78.6 / "), "{diff}");
    assert!(diff.contains("By section: 0 changed, 2 unchanged"), "{diff}");
    assert!(diff.contains("(unchanged)"), "the verdict: {diff}");
    // Bulk confirm: a section, then the rest.
    assert_eq!(
        ok(env.run(&["confirm", n, "--section", "access"])),
        format!("{n}: confirmed 2 carried-over answers in access; 1 left to confirm\n")
    );
    let show = ok(env.run(&["show", n]));
    assert!(
        show.contains(
            "Progress: 50% (2 of 4 shown questions answered; 1 carried over from last year still to confirm)"
        ),
        "{show}"
    );
    assert_eq!(
        ok(env.run(&["confirm", n, "--all"])),
        format!("{n}: confirmed 1 carried-over answer; 0 left to confirm\n")
    );
    assert_eq!(
        ok(env.run(&["confirm", n, "--all"])),
        format!("{n}: confirmed 0 carried-over answers; 0 left to confirm\n")
    );
    let diff = ok(env.run(&["diff", l, n]));
    assert!(diff.contains(": 3 of 4 questions answered\n"), "{diff}");
    // Refusals: no such section (named, with the ones there are), and neither --section nor --all.
    let bad = env.run(&["confirm", n, "--section", "nope"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("there is no section `nope`; the sections are access, vendors"), "{}", stderr(&bad));
    assert_eq!(env.run(&["confirm", n]).status.code(), Some(2));
    assert_eq!(env.run(&["confirm", n, "--all", "--section", "access"]).status.code(), Some(2));
}

/// Issue 23: `agenda A --for NAME` lists the questions to cover with one person: gaps they own, questions
/// left to ask them (`answer --ask`, which also fills the follow-ups' "Who to ask"), and open findings that
/// are theirs; in questionnaire order, names matched in any case; `--json` the same.
#[test]
fn agenda_lists_what_to_cover_with_one_person() {
    let env = Env::new();
    let file = new(&env, "acme.json");
    let f = file.to_str().unwrap();
    answer(&env, &file, "a.mfa", "documented", "Ann", NOW, &["--owner", "Dana Smith", "--due", "2027-03-31"]);
    answer(&env, &file, "a.reviews", "unknown", "Ann", NOW, &[]);
    let out = ok(env.run(&["answer", f, "a.reviews", "--ask", "dana smith"]));
    assert!(out.ends_with("acme.json: a.reviews to ask dana smith\n"), "{out}");
    ok(env.run(&["answer", f, "a.sso", "--ask", "Eve"]));
    ok(env.run(&["observe", f, "v.review", "--finding", "No reports since 2024", "--owner", "DANA SMITH"]));
    ok(env.run(&["observe", f, "a.sso", "--finding", "Closed already", "--owner", "Dana Smith"]));
    ok(env.run(&["observation", f, "obs-2", "--status", "closed"]));
    let out = ok(env.run(&["agenda", f, "--for", "Dana Smith"]));
    assert_eq!(
        out,
        "Agenda for Dana Smith: 3 questions (Acme, Small readiness)\n\
         \n\
         Access\n\
         \x20 a.mfa  MFA everywhere?\n\
         \x20     Documented and in place · owns the gap, due 2027-03-31\n\
         \x20 a.reviews  Access reviews?\n\
         \x20     Don't know (flagged for follow-up) · flagged · to ask\n\
         \n\
         Vendors\n\
         \x20 v.review  Vendor reports reviewed?\n\
         \x20     not answered · finding obs-1\n"
    );
    let json: Value = serde_json::from_str(&ok(env.run(&["agenda", f, "--for", "dana smith", "--json"]))).unwrap();
    let items = json.as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["question"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.mfa", "a.reviews", "v.review"]);
    assert_eq!(items[0]["why"], serde_json::json!(["owner"]));
    assert_eq!(items[1]["why"], serde_json::json!(["ask"]));
    assert_eq!(items[2]["findings"], serde_json::json!(["obs-1"]));
    // Nobody by that name: it says who is named.
    let out = ok(env.run(&["agenda", f, "--for", "Zed"]));
    assert_eq!(out, "Nothing to cover with Zed: no question is theirs or left to ask them (named: Dana Smith, Eve).\n");
    // The follow-ups' "Who to ask" is the person named, not who said "don't know".
    let csv = ok(env.run(&["followups", f, "--format", "csv"]));
    let row = csv.lines().find(|l| l.contains("a.reviews")).unwrap();
    assert!(row.contains("dana smith") && !row.contains("Ann"), "{row}");
    // A bad name is refused, the file unchanged.
    let before = fs::read(&file).unwrap();
    let out = env.run(&["answer", f, "a.sso", "--ask", &"n".repeat(300)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--ask"), "{}", stderr(&out));
    assert_eq!(fs::read(&file).unwrap(), before);
}
