//! The report for one fixed small assessment, as insta snapshots of Markdown and JSON, and the escaping
//! of hostile text in every format. After a deliberate change, review the new snapshots with
//! `cargo insta review` (or `INSTA_UPDATE=always`) and read the diff.

use crate::common::Answering;
use chrono::NaiveDate;
use soc2_ready::assessment::{AnswerValue, Assessment};
use soc2_ready::estimate::Parameters;
use soc2_ready::questionnaire::Questionnaire;
use soc2_ready::report::{Format, Report, export};
use soc2_ready::scoring::{Band, Verdict};

const NOW: &str = "2025-03-03T09:00:00Z";

fn questionnaire(hostile: &str) -> Questionnaire {
    serde_json::from_value(serde_json::json!({
        "format": 1, "id": "mini", "version": "1.0", "title": "Mini readiness", "kind": "readiness",
        "sections": [
            { "id": "profile", "title": "Profile", "questions": [
                { "id": "profile.headcount", "type": "number", "text": "People?", "help": "h", "min": 1, "max": 1000 },
                { "id": "profile.remediation_fte", "type": "number", "text": "FTE?", "help": "h", "min": 0, "max": 10 },
                { "id": "profile.start_date", "type": "date", "text": "Start?", "help": "h" },
                { "id": "profile.compliance_tooling", "type": "yesno", "text": "Tooling?", "help": "h" }
            ]},
            { "id": "policies", "title": "Policies", "questions": [
                { "id": "policies.security", "type": "maturity", "text": "Security policy approved?", "help": "h",
                  "weight": 5, "criteria": ["CC5.3"], "critical": true, "effort_days": [2, 4],
                  "remediation": "Write and approve it.", "evidence": ["Signed policy"],
                  "policy": "Information Security Policy" }
            ]},
            { "id": "access", "title": "Access", "questions": [
                { "id": "access.mfa", "type": "maturity", "text": hostile, "help": "h", "weight": 4,
                  "criteria": ["CC6.1"], "effort_days": [1, 3], "remediation": "Enforce MFA & <check>.",
                  "evidence": ["IdP export"], "policy": "Access Control Policy", "ai_area": "model-access" },
                { "id": "access.reviews", "type": "maturity", "text": "Quarterly access reviews?", "help": "h",
                  "weight": 3, "criteria": ["CC6.3", "C1.1"], "effort_days": [2, 6],
                  "remediation": "Review every quarter.", "evidence": ["Review records"],
                  "policy": "Access Control Policy" },
                { "id": "access.sso", "type": "yesno", "text": "Single sign-on?", "help": "h", "weight": 2,
                  "criteria": ["CC6.1"], "effort_days": [2, 5], "remediation": "Connect apps to the IdP." }
            ]}
        ]
    }))
    .unwrap()
}

fn assessment(hostile: &str, note: &str) -> Assessment {
    let mut a = Assessment::new(questionnaire(hostile), "Mini AI Ltd", NOW);
    a.respondent = "Dana (CTO)".into();
    let text = |s: &str| AnswerValue::Text(s.into());
    a.answer("profile.headcount", AnswerValue::Number(20.0), NOW);
    a.answer("profile.remediation_fte", AnswerValue::Number(1.0), NOW);
    a.answer("profile.start_date", text("2025-04-07"), NOW);
    a.answer("profile.compliance_tooling", text("yes"), NOW);
    a.answer("policies.security", text("documented"), NOW);
    a.answer("access.mfa", text("informal"), NOW);
    a.write_note("access.mfa", note, NOW);
    a.answer("access.reviews", text("unknown"), NOW);
    a
}

fn report(hostile: &str, note: &str) -> Report {
    Report::build(&assessment(hostile, note), &unscaled(), NaiveDate::from_ymd_opt(2025, 3, 3).unwrap())
}

/// The built-in parameters, but counting each question's effort in full (no shared work, no platform
/// saving), so the figures below can be checked by hand against the questions' `effort_days`.
fn unscaled() -> Parameters {
    let text = r#"{"parameters": {"shared_work_share": {"value": 0, "source": "hand-checked test: effort as written"},
        "tooling_effort_saving": {"value": 0, "source": "hand-checked test"}}}"#;
    Parameters::with_overrides(text, std::path::Path::new("test")).unwrap()
}

#[test]
fn scores_and_estimate_by_hand() {
    let r = report("Is MFA enforced?", "Only on GitHub");
    // Weights 5 + 4 + 3 + 2 = 14. Type I: security documented 5 x 1, mfa informal 4 x 0.5, reviews unknown 0,
    // sso unanswered 0 -> 7 / 14 = 50.0. Type II: 5 x 0.5 + 4 x 0.25 = 3.5 / 14 = 25.0.
    let overall = r.overall.unwrap();
    assert_eq!((overall.type1, overall.type2), (50.0, 25.0));
    // The critical policy is documented, but no criterion of access is designed: CC6.1 has MFA informal and
    // SSO unanswered, CC6.3 and C1.1 only the reviews, answered "don't know". An auditor would qualify the
    // opinion on those criteria, so the verdict is blocked; the score alone reads "significant gaps".
    assert_eq!(r.verdict, Verdict::Blocked { band: Band::SignificantGaps });
    assert_eq!(r.blocking_criteria().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["CC6.1", "CC6.3", "C1.1"]);
    assert!(r.blockers.is_empty(), "no critical control is short");
    // The 31 criteria no question asks about are counted, and do not block.
    assert_eq!(r.not_covered().count(), 31);
    // Gaps: security (critical, 5 x 0.5 = 2.5), reviews (3 x 1 = 3), mfa (4 x 0.75 = 3), sso (2 x 1 = 2).
    let ids: Vec<_> = r.gaps.iter().map(|g| (g.id.as_str(), g.priority)).collect();
    assert_eq!(ids, [("policies.security", 2.5), ("access.mfa", 3.0), ("access.reviews", 3.0), ("access.sso", 2.0)]);
    // Remaining effort: security 0 (design done), mfa [1,3] x 0.5, reviews [2,6], sso [2,5] -> [4.5, 12.5].
    let e = r.estimate.as_ref().unwrap();
    assert_eq!(e.remaining_days, [4.5, 12.5]);
    // The built-in parameters count 60% of each gap's effort as work on its policy document, once per
    // document: mfa [0.5, 1.5] and reviews [2, 6] share the Access Control Policy -> 0.6 x 2 + 0.4 x 2.5 = 2.2
    // and 0.6 x 6 + 0.4 x 7.5 = 6.6; sso [2, 5] is alone. Then the platform saves 30%: [4.2, 11.6] x 0.7, each
    // gap rounded once to the tenth the reports print, then summed: 0.308 -> 0.3, 1.232 -> 1.2, 1.4 -> 2.9
    // and 0.924 -> 0.9, 3.696 -> 3.7, 3.5 -> 8.1.
    let a = assessment("Is MFA enforced?", "Only on GitHub");
    let shipped = Report::build(&a, &Parameters::built_in(), NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
    let effort = shipped.effort.as_ref().unwrap();
    assert_eq!(effort.raw, [4.5, 12.5]);
    assert_eq!(effort.shared, [4.2, 11.6]);
    assert_eq!(shipped.estimate.as_ref().unwrap().remaining_days, [2.9, 8.1]);
    // One effort figure everywhere: every plan grouping adds up to the timeline's figure.
    for plan in [&shipped.plan_by_policy, &shipped.plan_by_area, &shipped.plan_by_owner] {
        let sum = plan.iter().fold([0.0, 0.0], |[l, h], g| [l + g.remaining_days[0], h + g.remaining_days[1]]);
        assert!((sum[0] - 2.9).abs() < 1e-9 && (sum[1] - 8.1).abs() < 1e-9, "{sum:?}");
    }
    // One FTE, 5 days a week: remediation 0.9-2.5 weeks; policy writing 0 weeks.
    let t = &e.timeline;
    assert_eq!(t.phases[1].weeks, [0.0, 0.0]);
    assert_eq!(t.phases[2].weeks, [0.9, 2.5]);
    // Type I: 2 + 0.9 + 4 = 6.9 weeks to 4 + 2.5 + 6 = 12.5 weeks from 2025-04-07.
    let t1 = t.type1_report.as_ref().unwrap();
    assert_eq!(t1.weeks, [6.9, 12.5]);
    assert_eq!(t1.dates[0].to_string(), "2025-05-25");
    // Type II: 2.9 + 26 + 4 = 32.9 to 6.5 + 26 + 6 = 38.5 weeks.
    assert_eq!(t.type2_report.weeks, [32.9, 38.5]);
    // Cost, small scope (20 people): Type I 15,000-27,500; Type II 25,000-50,000; platform 10,000-30,000;
    // pen test 10,000-35,000; of the security tools only SSO is asked and not in place: 20 x 30-100 =
    // 600-2,000; legal review 5,000-20,000. Internal: remediation 4.5-12.5 days x 8 h x 100 USD =
    // 3,600-10,000; running the controls 6 months x 1-3 days = 4,800-14,400; two audits x 5-15 days =
    // 8,000-24,000.
    assert_eq!(e.cost.external_total, [65600.0, 164500.0]);
    assert_eq!(e.cost.total, [82000.0, 212900.0]);
    assert_eq!(r.follow_ups.len(), 1);
    assert_eq!(r.unanswered.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["access.sso"]);
    assert_eq!(r.policies[0].status, "Documented and in place");
}

#[test]
fn golden_markdown_and_json() {
    let r = report("Is MFA enforced on every console?", "Only on GitHub; | pipes | and *stars*");
    insta::assert_snapshot!("report_render_md", export(&r, Format::Markdown));
    let json = export(&r, Format::Json);
    insta::assert_snapshot!("report_render_json", json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in
        ["readiness", "completion", "blockers", "sections", "categories", "gaps", "timeline", "cost", "assumptions"]
    {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["readiness"]["type1"], 50.0);
    // Blocked by CC6.1, CC6.3 and C1.1 (see scores_and_estimate_by_hand); the band alone is significant gaps.
    assert_eq!(v["readiness"]["verdict"], "Blocked");
    assert_eq!(v["readiness"]["band"], "Significant gaps");
    assert_eq!(v["readiness"]["blocking_criteria"], serde_json::json!(["CC6.1", "CC6.3", "C1.1"]));
    assert_eq!(v["readiness"]["not_covered_criteria"], 31);
    assert_eq!(v["categories"]["confidentiality"]["type2"], 0.0);
    assert_eq!(v["timeline"]["type1_report_months"][0], 1.6);
    assert_eq!(v["cost"]["total"][1], 212900.0);
    assert_eq!(v["gaps"][0]["question"], "policies.security");
    assert_eq!(v["gaps"][0]["effort_days"][1], 4);
}

const HOSTILE: &str = "<script>alert(\"x\")</script> & \u{1b}]52;c;ZXZpbA==\u{7} | *bold* [link](http://evil)";

#[test]
fn hostile_text_is_escaped_in_html() {
    let r = report(HOSTILE, "note \"quoted\" & <img src=x onerror=alert(1)>\u{1b}[2J");
    let html = export(&r, Format::Html);
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains('\u{1b}') && !html.contains('\u{7}'), "a control character got through");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\u{1b}]52;c;ZXZpbA==\\u{7}"));
    assert!(html.contains("note &quot;quoted&quot; &amp; &lt;img src=x onerror=alert(1)&gt;\\u{1b}[2J"));
    assert!(html.contains("Enforce MFA &amp; &lt;check&gt;."));
    // Self-contained: no scripts, nothing fetched.
    assert!(!html.contains("<link") && !html.contains("src=\"") && !html.contains("<a "));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"));
    // The browser is told so too: nothing external may load.
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ));
}

#[test]
fn hostile_text_is_escaped_in_markdown_and_json() {
    let r = report(HOSTILE, "line one\nline two \u{1b}[31m");
    let md = export(&r, Format::Markdown);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'));
    // Backslash-escaped punctuation, and the visible `\u{1b}` escape itself escaped.
    assert!(md.contains(
        r#"\<script\>alert("x")\</script\> \& \\u\{1b\}\]52;c;ZXZpbA==\\u\{7\} \| \*bold\* \[link\](http://evil)"#
    ));
    // A note with a line break stays on one line, so it cannot start a heading or break a list.
    assert!(md.contains(r"line one ⏎ line two \\u\{1b\}\[31m"));
    let json = export(&r, Format::Json);
    assert!(!json.contains('\u{1b}'));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["gaps"][1]["text"], HOSTILE, "JSON keeps the text exactly, escaped only as JSON");
}

#[test]
fn invisible_characters_are_shown_in_every_format() {
    let sneaky = "Is MFA\u{061C} on\u{00AD}?\u{2028}\u{2029}\u{3164}\u{E0041}";
    let r = report(sneaky, "n");
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        let text = export(&r, format);
        for c in ['\u{061C}', '\u{00AD}', '\u{2028}', '\u{2029}', '\u{3164}', '\u{E0041}'] {
            assert!(!text.contains(c), "{c:?} hidden in {}", format.id());
        }
    }
    assert!(export(&r, Format::Html).contains("Is MFA\\u{61c} on\\u{ad}?"));
}
