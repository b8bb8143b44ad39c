//! The sample assessment (`new --sample`, home `s`): built at run time from whatever questionnaire it is
//! given, about half answered, every answer one the `answer` command would accept, the same every time, and
//! never written over another assessment.

use crate::common::Answering;
use std::path::Path;

use serde_json::json;
use soc2_ready::assessment::interview::sample::{self, ORG};
use soc2_ready::assessment::{AnswerDetails, AnswerValue, Assessment, Session, Visibility, store};
use soc2_ready::questionnaire::{QuestionType, Questionnaire, catalog, load_file};

use crate::common::{Env, NOW};

fn readiness() -> Questionnaire {
    catalog::built_in(sample::QUESTIONNAIRE).unwrap()
}

fn fixture(name: &str) -> Questionnaire {
    load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// Shown scored questions, and how many of them are answered.
fn scored(a: &Assessment) -> (usize, usize) {
    let vis = Visibility::of_assessment(a);
    let mut shown = 0;
    let mut answered = 0;
    for (si, section) in a.questionnaire().sections.iter().enumerate() {
        for (qi, q) in section.questions.iter().enumerate() {
            if q.is_scored() && vis.question(si, qi) {
                shown += 1;
                answered += usize::from(a.value(&q.id).is_some());
            }
        }
    }
    (shown, answered)
}

fn assert_about_half(a: &Assessment) {
    let (shown, answered) = scored(a);
    assert!(shown > 0);
    let share = answered as f64 / shown as f64;
    assert!((0.4..=0.6).contains(&share), "{answered} of {shown} scored questions answered");
}

/// The answer as it would be typed on the command line.
fn typed(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text(t) => t.clone(),
        AnswerValue::List(items) => items.join(","),
        AnswerValue::Number(n) => n.to_string(),
    }
}

/// Give every answer of the sample again, in questionnaire order, through the checks `answer` makes (the
/// value fits the question, the question is shown, the profile agrees with itself) on a fresh file.
fn replay(sample: &Assessment) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replay.json");
    let empty = Assessment::new(sample.questionnaire().clone(), "Replay", NOW);
    let mut session = Session::create(&path, empty, NOW).unwrap();
    let mut replayed = 0;
    for (_, q) in sample.questionnaire().questions() {
        if let Some(value) = sample.value(&q.id) {
            let stored = session
                .answer(&q.id, &typed(value), &AnswerDetails::default(), NOW)
                .unwrap_or_else(|e| panic!("{}: {e}", q.id));
            assert_eq!(&stored, value, "{}", q.id);
            replayed += 1;
        }
    }
    assert_eq!(replayed, sample.answers().values().filter(|a| a.value.is_some()).count());
}

/// Everything a sample must be, whatever questionnaire it was built from.
fn assert_sound(a: &Assessment) {
    a.check().unwrap();
    assert_eq!(a.org, ORG);
    assert!(sample::is_sample(a));
    assert_about_half(a);
    replay(a);
    // Who answered is recorded with every answer, and is one of the people.
    for (id, answer) in a.answers() {
        if answer.value.is_some() {
            assert!(a.people.contains(&answer.answered_by), "{id}: {:?}", answer.answered_by);
        }
    }
    // Nothing left over from building it.
    assert!(a.respondent.is_empty());
}

#[test]
fn the_sample_of_the_readiness_questionnaire_is_sound_and_opens() {
    let a = sample::build(readiness(), NOW);
    assert_sound(&a);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.json");
    drop(Session::create(&path, a.clone(), NOW).unwrap());
    let session = Session::open(&path, NOW).unwrap();
    assert_eq!(session.assessment, a);
    assert_eq!(store::read(&path).unwrap(), a);
}

#[test]
fn the_sample_has_a_young_companys_spread_with_notes_evidence_and_follow_ups() {
    let a = sample::build(readiness(), NOW);
    let level = |id: &str| {
        a.questionnaire()
            .questions()
            .filter(|(_, q)| q.kind == QuestionType::Maturity)
            .filter(|(_, q)| a.value(&q.id).and_then(AnswerValue::as_text) == Some(id))
            .count()
    };
    let (evidenced, documented, informal, planned) =
        (level("evidenced"), level("documented"), level("informal"), level("planned"));
    let (not_started, unknown) = (level("not_started"), level("unknown"));
    assert!(evidenced >= 3 && documented >= 10, "{evidenced} evidenced, {documented} documented");
    assert!(informal + planned > documented + evidenced, "many informal or planned: {informal} + {planned}");
    assert!((1..=12).contains(&not_started), "a few not started: {not_started}");
    assert!((2..=8).contains(&unknown), "a couple unknown: {unknown}");

    let answers = a.answers().values();
    let notes = answers.clone().filter(|x| !x.note.is_empty()).count();
    let evidence = answers.clone().filter(|x| !x.evidence.is_empty()).count();
    let flagged = answers.clone().filter(|x| x.follow_up).count();
    let planned_gaps = answers.clone().filter(|x| !x.owner.is_empty() && !x.due.is_empty()).count();
    assert!(notes >= 20, "{notes} notes");
    assert!(evidence >= 10, "{evidence} answers with evidence");
    assert!(flagged >= unknown && flagged >= 2, "{flagged} flagged");
    assert!((3..=40).contains(&planned_gaps), "owners and due dates on a few gaps: {planned_gaps}");
    assert_eq!(a.people.len(), 3);
    // "Don't know" is always flagged and says who will find out.
    for (id, x) in a.answers() {
        if x.value.as_ref().and_then(AnswerValue::as_text) == Some("unknown") {
            assert!(x.follow_up && x.note.starts_with("Nobody present knew."), "{id}: {x:?}");
        }
    }
    // Evidence references come from the question's own evidence examples, with a date.
    let (id, x) = a.answers().iter().find(|(_, x)| !x.evidence.is_empty()).unwrap();
    let examples = &a.questionnaire().question(id).unwrap().1.evidence;
    assert!(x.evidence[0].starts_with(&examples[0]) && x.evidence[0].contains("(collected 20"), "{x:?}");
    // A couple of open observations, each with an owner and a due date.
    assert_eq!(a.observations.len(), 2);
    for o in &a.observations {
        assert!(
            o.status.is_open() && !o.owner.is_empty() && !o.due.is_empty() && !o.recommendation.is_empty(),
            "{o:?}"
        );
    }
    // The profile the estimate reads is the fictional company's.
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(25.0)));
    assert_eq!(a.value("profile.report_type"), Some(&AnswerValue::Text("type1".into())));
}

#[test]
fn the_sample_is_the_same_every_time_apart_from_the_time() {
    let q = readiness();
    assert_eq!(sample::build(q.clone(), NOW), sample::build(q.clone(), NOW));
    let (a, b) = (sample::build(q.clone(), NOW), sample::build(q, "2026-03-02T17:45:00Z"));
    assert_eq!(b.created_at, "2026-03-02T17:45:00Z");
    assert_eq!(a.answers().keys().collect::<Vec<_>>(), b.answers().keys().collect::<Vec<_>>());
    for (id, x) in a.answers() {
        let y = &b.answers()[id];
        let date = a.questionnaire().question(id).unwrap().1.kind == QuestionType::Date;
        if !date {
            assert_eq!(x.value, y.value, "{id}");
        }
        assert_eq!((&x.note, x.follow_up, &x.answered_by), (&y.note, y.follow_up, &y.answered_by), "{id}");
        assert_eq!((x.evidence.len(), x.owner.is_empty()), (y.evidence.len(), y.owner.is_empty()), "{id}");
    }
}

#[test]
fn the_sample_of_the_demo_fixture_is_sound() {
    let a = sample::build(fixture("demo.json"), NOW);
    assert_sound(&a);
}

#[test]
fn the_sample_of_the_vendor_questionnaire_is_sound() {
    let a = sample::build(catalog::built_in("ai-vendor-assessment").unwrap(), NOW);
    assert_sound(&a);
}

#[test]
fn the_sample_of_a_hostile_questionnaire_is_sound() {
    let a = sample::build(fixture("hostile.json"), NOW);
    a.check().unwrap();
    replay(&a);
}

/// The readiness questionnaire as a later version might have it: a question and a whole section gone, new
/// questions of every type added, one of them shown only on an answer to another new one.
fn changed_readiness() -> Questionnaire {
    let mut v = serde_json::to_value(readiness()).unwrap();
    v["id"] = json!("readiness-next");
    let sections = v["sections"].as_array_mut().unwrap();
    sections.retain(|s| s["id"] != "gpu_cloud");
    let governance = sections.iter_mut().find(|s| s["id"] == "governance").unwrap();
    let questions = governance["questions"].as_array_mut().unwrap();
    questions.retain(|q| q["id"] != "governance.code_of_conduct");
    questions.insert(
        0,
        json!({ "id": "governance.new_gate", "type": "yesno", "text": "Is there a new gate?", "help": "h" }),
    );
    questions.insert(
        1,
        json!({ "id": "governance.new_control", "type": "maturity", "text": "New control?", "help": "h",
                "weight": 3, "criteria": ["CC1.1"], "effort_days": [1, 2], "remediation": "Do it.",
                "evidence": ["A record"], "critical": true,
                "show_if": { "question": "governance.new_gate", "equals": "yes" } }),
    );
    questions.push(json!({ "id": "governance.new_count", "type": "number", "text": "How many?", "help": "h",
                           "min": 3, "max": 7, "unit": "widgets" }));
    questions.push(json!({ "id": "governance.new_when", "type": "date", "text": "When?", "help": "h" }));
    questions.push(json!({ "id": "governance.new_words", "type": "text", "text": "Describe it.", "help": "h" }));
    questions.push(json!({ "id": "governance.new_pick", "type": "multi", "text": "Which?", "help": "h",
                           "options": [ { "id": "one", "label": "One" }, { "id": "none", "label": "None" } ] }));
    let q: Questionnaire = serde_json::from_value(v).unwrap();
    assert!(soc2_ready::questionnaire::validate::validate(&q).is_empty());
    q
}

#[test]
fn the_sample_is_still_built_when_the_questionnaire_changes() {
    let a = sample::build(changed_readiness(), NOW);
    assert_sound(&a);
    assert!(a.value("governance.code_of_conduct").is_none());
    assert!(!a.answers().keys().any(|id| id.starts_with("gpu_cloud.")));
    // The new number is answered inside its own range, whatever the unit.
    if let Some(n) = a.value("governance.new_count").and_then(AnswerValue::as_number) {
        assert!((3.0..=7.0).contains(&n));
    }
}

#[test]
fn the_answer_library_never_suggests_the_samples_made_up_answers() {
    let dir = tempfile::tempdir().unwrap();
    let store = soc2_ready::assessment::Store::new(dir.path().to_path_buf());
    store::write(&dir.path().join("sample.json"), &sample::build(readiness(), NOW)).unwrap();
    let mut real = Assessment::new(readiness(), "Acme AI", NOW);
    real.answer("access.sso", AnswerValue::Text("documented".into()), NOW);
    store::write(&dir.path().join("acme.json"), &real).unwrap();
    let library = soc2_ready::library::Library::gather(&store, None, None).unwrap();
    assert_eq!(library.records.len(), 1, "only the real assessment's answer");
}

// The command line.

#[test]
fn new_sample_makes_a_new_file_each_time_and_never_overwrites() {
    let env = Env::new();
    let first = env.run(&["new", "--sample", "--no-open"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let path = String::from_utf8(first.stdout).unwrap().trim().to_string();
    assert!(path.ends_with("example-ai-ltd-sample-soc2-ai-readiness.json"), "{path}");
    let before = std::fs::read(&path).unwrap();
    let a = store::read(Path::new(&path)).unwrap();
    assert_eq!(a, sample::build(readiness(), NOW));

    let second = env.run(&["new", "--sample", "--no-open"]);
    assert!(second.status.success());
    let again = String::from_utf8(second.stdout).unwrap().trim().to_string();
    assert!(again.ends_with("example-ai-ltd-sample-soc2-ai-readiness-2.json"), "{again}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the first sample is left as it was");

    let listed = env.run(&["list"]);
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.contains("Example AI Ltd (sample)"), "{listed}");
}

#[test]
fn new_sample_takes_another_questionnaire_and_out_but_not_org_or_from() {
    let env = Env::new();
    let out = env.work.path().join("demo-sample.json");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    let made = env.run(&["new", demo.to_str().unwrap(), "--sample", "--out", out.to_str().unwrap(), "--no-open"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert_eq!(store::read(&out).unwrap().questionnaire.id, fixture("demo.json").id);

    // An existing file is refused, and left alone.
    let before = std::fs::read(&out).unwrap();
    let refused = env.run(&["new", "--sample", "--out", out.to_str().unwrap(), "--no-open"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap(), before);

    for args in [&["new", "--sample", "--org", "Acme"][..], &["new", "--sample", "--from", "x"][..]] {
        let clash = env.run(args);
        assert_eq!(clash.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&clash.stderr).contains("cannot be used with"), "{args:?}");
    }
    // Without --sample, the questionnaire and the organisation are still required.
    let bare = env.run(&["new"]);
    assert_eq!(bare.status.code(), Some(2));
    let bare = String::from_utf8_lossy(&bare.stderr).to_string();
    assert!(bare.contains("<QUESTIONNAIRE>") && bare.contains("--org"), "{bare}");
}

#[test]
fn the_sample_report_golden() {
    let env = Env::new();
    assert!(env.run(&["new", "--sample", "--no-open"]).status.success());
    let report = env.run(&["report", "example-ai-ltd-sample-soc2-ai-readiness"]);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let text = String::from_utf8(report.stdout).unwrap();
    // A convincing, complete report: verdict, blockers, gaps, plan, timeline, cost, and says it is a sample.
    for part in [
        "# SOC 2 readiness report: Example AI Ltd (sample)",
        "This is a sample",
        "## Verdict",
        "## Blockers",
        "## Top gaps",
        "## Remediation plan",
        "## Timeline",
        "## Cost",
        "## Observations",
        "## Follow-ups",
        "Earliest Type I report",
    ] {
        assert!(text.contains(part), "missing {part}");
    }
    insta::assert_snapshot!("sample_report_md", text);

    // The HTML report says so too; a real assessment's report does not.
    let html = env.run(&["report", "example-ai-ltd-sample-soc2-ai-readiness", "--format", "html"]);
    assert!(String::from_utf8(html.stdout).unwrap().contains("<p class=\"meta\">This is a sample: "));
    assert!(env.run(&["new", "soc2-ai-readiness", "--org", "Example AI Ltd", "--no-open"]).status.success());
    let real = env.run(&["report", "example-ai-ltd-soc2-ai-readiness"]);
    assert!(real.status.success());
    assert!(!String::from_utf8(real.stdout).unwrap().contains("This is a sample"));
}

// Any questionnaire: a sample of it is always sound.

mod any_questionnaire {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::*;

    /// One question of any type: `n` makes its id unique, `gate` (an earlier yes/no) may decide whether it
    /// is shown.
    fn question(n: usize, gate: Option<String>) -> impl Strategy<Value = Value> {
        let kind = prop_oneof![
            Just("maturity"),
            Just("yesno"),
            Just("choice"),
            Just("multi"),
            Just("number"),
            Just("text"),
            Just("date")
        ];
        let options = prop::sample::subsequence(vec!["unknown", "other", "none", "alpha", "beta", "gamma"], 2..=4);
        let range = (-50i32..50, 0i32..40, any::<bool>());
        (kind, options, range, 1u32..=5, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            move |(kind, options, (min, span, fractional), weight, scored, critical, on_yes)| {
                let mut q = json!({ "id": format!("s.q{n}"), "type": kind, "text": format!("Question {n}?"),
                                    "help": "h", "evidence": ["Some record"], "remediation": "Fix it. Then more." });
                let scored = kind == "maturity" || (scored && (kind == "yesno" || kind == "choice"));
                if scored {
                    q["weight"] = json!(weight);
                    q["critical"] = json!(critical && kind == "maturity");
                }
                if kind == "choice" || kind == "multi" {
                    let opts: Vec<Value> = options
                        .iter()
                        .enumerate()
                        .map(|(i, id)| {
                            let mut o = json!({ "id": id, "label": id });
                            if scored {
                                o["score"] = json!(i as f64 / options.len() as f64);
                            }
                            o
                        })
                        .collect();
                    q["options"] = json!(opts);
                }
                if kind == "number" {
                    let scale = if fractional { 0.1 } else { 1.0 };
                    q["min"] = json!(f64::from(min) * scale);
                    q["max"] = json!(f64::from(min + span) * scale);
                    q["unit"] = json!(["people", "FTE", "USD/hour", "", "widgets"][(n + span as usize) % 5]);
                }
                if let Some(gate) = &gate {
                    q["show_if"] = json!({ "question": gate, "equals": if on_yes { "yes" } else { "no" } });
                }
                q
            },
        )
    }

    fn questionnaire() -> impl Strategy<Value = Questionnaire> {
        (1usize..12, prop::collection::vec(any::<bool>(), 12)).prop_flat_map(|(count, gated)| {
            // Question 0 is a yes/no the later ones may depend on.
            let mut parts = vec![Just(json!({ "id": "s.q0", "type": "yesno", "text": "Gate?", "help": "h" })).boxed()];
            for n in 1..=count {
                parts.push(question(n, gated[n % 12].then(|| "s.q0".to_string())).boxed());
            }
            parts.prop_map(|questions| {
                let half = questions.len() / 2;
                let v = json!({ "format": 1, "id": "any", "version": "1", "title": "Any", "kind": "custom",
                    "sections": [ { "id": "one", "title": "One", "questions": questions[..half] },
                                  { "id": "two", "title": "Two", "questions": questions[half..] } ] });
                serde_json::from_value::<Questionnaire>(v).unwrap()
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn a_sample_of_any_valid_questionnaire_passes_every_check(q in questionnaire()) {
            let problems = soc2_ready::questionnaire::validate::validate(&q);
            prop_assert!(problems.is_empty(), "{:?}", problems);
            let a = sample::build(q.clone(), NOW);
            a.check().unwrap();
            replay(&a);
            prop_assert_eq!(a, sample::build(q, NOW));
        }
    }
}

#[test]
fn the_samples_dates_are_today_so_its_plan_starts_when_it_is_read_and_nothing_past_is_in_the_future() {
    // Before, a date answer was a month ahead: the readiness work "started" next month, so the owners' due
    // dates on policy gaps fell before the timeline's policy writing began, and a vendor's report period
    // "ended" in the future.
    let today = &NOW[..10];
    let a = sample::build(readiness(), NOW);
    assert_eq!(a.value("profile.start_date"), Some(&AnswerValue::Text(today.into())));
    let vendor = sample::build(catalog::built_in("ai-vendor-assessment").unwrap(), NOW);
    if let Some(AnswerValue::Text(end)) = vendor.value("attest.soc2_period_end") {
        assert!(end.as_str() <= today, "{end}");
    }
    let env = Env::new();
    assert!(env.run(&["new", "--sample", "--no-open"]).status.success());
    let report = env.run(&["report", "example-ai-ltd-sample-soc2-ai-readiness"]);
    let text = String::from_utf8(report.stdout).unwrap();
    assert!(text.contains(&format!("From {today}, with ")), "the timeline starts today");
}
