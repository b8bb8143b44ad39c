//! Limits and hostile text (issue 5).
//!
//! - The documented questionnaire limits (questionnaires/README.md, "Limits") are enforced, by the library
//!   and by `soc2-ready validate`, with an error that names the limit; just under each limit still loads.
//! - Deeply nested JSON is an error, not a stack overflow, for questionnaires and assessments alike.
//! - Text from a questionnaire or an answer never reaches the terminal as a control sequence, through any
//!   command, and JSON outputs still decode to the exact original text.

use crate::common::Answering;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};
use tempfile::TempDir;

use soc2_ready::assessment::{Assessment, store};
use soc2_ready::questionnaire::limits::{
    MAX_CONDITION_DEPTH, MAX_FILE_BYTES, MAX_OPTIONS, MAX_QUESTIONS, MAX_SECTIONS, MAX_TEXT_CHARS,
};
use soc2_ready::questionnaire::{LoadError, load_file, parse};

use crate::common;
use common::{Env, NOW};

// ---------------------------------------------------------------------------------------------------------
// helpers

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "expected success; stderr: {}", stderr(out));
    stdout(out)
}

/// `validate FILE` fails with exit 1, and its message (stderr) contains every one of `needles`;
/// `validate FILE --json` says the same in JSON.
fn validate_refuses(env: &Env, path: &Path, needles: &[&str]) {
    let out = env.run(&["validate", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "validate must refuse {}: {err}", path.display());
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", stdout(&out));
    for needle in needles {
        assert!(err.contains(needle), "validate's message mentions {needle:?}: {err}");
    }
    assert!(err.contains("the questionnaire was not loaded"), "{err}");

    let out = env.run(&["validate", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("validate --json prints JSON");
    assert_eq!(v["valid"], false);
    let errors =
        v["errors"].as_array().expect("an errors list").iter().map(|e| e.as_str().unwrap()).collect::<Vec<_>>();
    for needle in needles {
        assert!(errors.iter().any(|e| e.contains(needle)), "validate --json mentions {needle:?}: {errors:?}");
    }
}

fn validate_accepts(env: &Env, path: &Path) -> String {
    ok(&env.run(&["validate", path.to_str().unwrap()]))
}

fn load_error(path: &Path) -> String {
    match load_file(path) {
        Ok(q) => panic!("{} loaded ({} questions); it must be refused", path.display(), q.question_count()),
        Err(e) => e.lines().join("\n"),
    }
}

fn question(id: &str) -> Value {
    json!({ "id": id, "type": "maturity", "text": "Is it done?", "help": "Why it matters.", "weight": 3 })
}

/// A valid questionnaire with `sections` sections of `per_section` maturity questions each.
fn questionnaire(sections: usize, per_section: usize) -> Value {
    let sections: Vec<Value> = (0..sections)
        .map(|s| {
            json!({
                "id": format!("s{s}"),
                "title": format!("Section {s}"),
                "questions": (0..per_section).map(|q| question(&format!("s{s}.q{q}"))).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "format": 1, "id": "big", "version": "1.0.0", "title": "Big", "kind": "custom", "sections": sections })
}

/// A valid questionnaire with `n` questions in as few sections as the section limit allows.
fn questionnaire_with_questions(n: usize) -> Value {
    let per = 50;
    let mut v = questionnaire(n.div_ceil(per), per);
    let last = v["sections"].as_array_mut().unwrap().last_mut().unwrap();
    last["questions"].as_array_mut().unwrap().truncate(n - (n.div_ceil(per) - 1) * per);
    v
}

fn small() -> Value {
    questionnaire(1, 2)
}

fn text_of(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

// ---------------------------------------------------------------------------------------------------------
// file size

#[test]
fn a_file_over_20_mb_is_refused_without_being_parsed() {
    let env = Env::new();
    // One huge description: valid JSON, so only the size can refuse it.
    let mut v = small();
    v["description"] = json!("x".repeat(MAX_FILE_BYTES as usize + 10));
    let path = env.file("huge.json", text_of(&v));
    assert!(fs::metadata(&path).unwrap().len() > MAX_FILE_BYTES);

    // The message is the size check's: a file parsed first would be refused for its content, if at all.
    let err = load_error(&path);
    assert!(err.contains("20 MB") && err.contains("over the limit"), "{err}");
    assert!(err.contains("huge.json"), "the error names the file: {err}");
    validate_refuses(&env, &path, &["20 MB", "huge.json"]);

    // Text handed to `parse` directly is held to the same limit.
    match parse(&text_of(&v), "pasted") {
        Err(LoadError::TooLarge { bytes, .. }) => assert!(bytes > MAX_FILE_BYTES),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn a_file_of_exactly_20_mb_loads_and_one_byte_more_does_not() {
    let env = Env::new();
    // JSON allows trailing whitespace: pad a small valid questionnaire to the exact limit.
    let mut text = text_of(&small()).into_bytes();
    text.resize(MAX_FILE_BYTES as usize, b' ');
    let at = env.file("at-limit.json", &text);
    assert!(load_file(&at).is_ok(), "a file of exactly the limit loads");
    text.push(b'\n');
    let over = env.file("over-limit.json", &text);
    assert!(load_error(&over).contains("20 MB"));
}

// ---------------------------------------------------------------------------------------------------------
// counts and lengths

#[test]
fn more_than_10000_questions_are_refused() {
    let env = Env::new();
    let over = env.file("over.json", text_of(&questionnaire_with_questions(MAX_QUESTIONS + 1)));
    let err = load_error(&over);
    assert!(err.contains("10001 questions, over the limit of 10000"), "{err}");
    validate_refuses(&env, &over, &["10001 questions", "over the limit of 10000"]);

    let at = env.file("at.json", text_of(&questionnaire_with_questions(MAX_QUESTIONS)));
    let q = load_file(&at).unwrap_or_else(|e| panic!("10,000 questions load: {e}"));
    assert_eq!(q.question_count(), MAX_QUESTIONS);
}

#[test]
fn more_than_500_sections_are_refused() {
    let env = Env::new();
    let over = env.file("over.json", text_of(&questionnaire(MAX_SECTIONS + 1, 1)));
    let err = load_error(&over);
    assert!(err.contains("501 sections, over the limit of 500"), "{err}");
    validate_refuses(&env, &over, &["501 sections, over the limit of 500"]);
    let at = env.file("at.json", text_of(&questionnaire(MAX_SECTIONS, 1)));
    assert_eq!(load_file(&at).unwrap().sections.len(), MAX_SECTIONS);
}

fn with_options(n: usize) -> Value {
    let mut v = small();
    v["sections"][0]["questions"][0] = json!({
        "id": "s0.pick", "type": "choice", "text": "Which?", "help": "h",
        "options": (0..n).map(|i| json!({ "id": format!("o{i}"), "label": format!("Option {i}") })).collect::<Vec<_>>(),
    });
    v
}

#[test]
fn more_than_100_options_are_refused() {
    let env = Env::new();
    let over = env.file("over.json", text_of(&with_options(MAX_OPTIONS + 1)));
    let err = load_error(&over);
    assert!(err.contains("question `s0.pick`") && err.contains("101 options, over the limit of 100"), "{err}");
    validate_refuses(&env, &over, &["`s0.pick`", "101 options, over the limit of 100"]);
    let at = env.file("at.json", text_of(&with_options(MAX_OPTIONS)));
    validate_accepts(&env, &at);
}

#[test]
fn a_text_field_over_20000_characters_is_refused() {
    let env = Env::new();
    // Characters, not bytes: 20,000 two-byte characters are within the limit.
    let mut at = small();
    at["sections"][0]["questions"][0]["help"] = json!("é".repeat(MAX_TEXT_CHARS));
    validate_accepts(&env, &env.file("at.json", text_of(&at)));

    for (field, pointer) in [
        ("title", "/title"),
        ("description", "/description"),
        ("title", "/sections/0/title"),
        ("text", "/sections/0/questions/0/text"),
        ("help", "/sections/0/questions/0/help"),
        ("remediation", "/sections/0/questions/0/remediation"),
    ] {
        let mut v = small();
        let target = pointer.rsplit_once('/').unwrap();
        let parent = if target.0.is_empty() { &mut v } else { v.pointer_mut(target.0).unwrap() };
        parent[target.1] = json!("a".repeat(MAX_TEXT_CHARS + 1));
        let path = env.file("long.json", text_of(&v));
        let err = load_error(&path);
        assert!(
            err.contains(&format!("field `{field}`"))
                && err.contains("is 20001 characters long, over the limit of 20000"),
            "{pointer}: {err}"
        );
        validate_refuses(&env, &path, &[&format!("field `{field}`"), "over the limit of 20000"]);
    }

    let mut label = with_options(2);
    label["sections"][0]["questions"][0]["options"][1]["label"] = json!("b".repeat(MAX_TEXT_CHARS + 1));
    let err = load_error(&env.file("label.json", text_of(&label)));
    assert!(err.contains("field `options`") && err.contains("over the limit of 20000"), "{err}");
}

/// `{"not": {"not": ... {"question": "s0.q0", "answered": true} ...}}`, `depth` levels in all.
fn nested_condition(depth: usize) -> Value {
    let mut c = json!({ "question": "s0.q0", "answered": true });
    for _ in 1..depth {
        c = json!({ "not": c });
    }
    c
}

fn with_condition(depth: usize) -> Value {
    let mut v = small();
    v["sections"][0]["questions"][1]["show_if"] = nested_condition(depth);
    v
}

#[test]
fn a_condition_nested_deeper_than_16_levels_is_refused() {
    let env = Env::new();
    validate_accepts(&env, &env.file("at.json", text_of(&with_condition(MAX_CONDITION_DEPTH))));
    let over = env.file("over.json", text_of(&with_condition(MAX_CONDITION_DEPTH + 1)));
    let err = load_error(&over);
    assert!(err.contains("question `s0.q1`, field `show_if`: nested 17 levels deep, over the limit of 16"), "{err}");
    validate_refuses(&env, &over, &["field `show_if`", "17 levels deep, over the limit of 16"]);

    // Deeper still, but within what JSON parsing allows: the same clear refusal.
    let err = load_error(&env.file("deeper.json", text_of(&with_condition(100))));
    assert!(err.contains("nested 100 levels deep, over the limit of 16"), "{err}");
}

// ---------------------------------------------------------------------------------------------------------
// deep JSON

const DEPTH: usize = 10_000;

fn deep_arrays() -> String {
    format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

fn deep_objects() -> String {
    format!("{}1{}", r#"{"a":"#.repeat(DEPTH), "}".repeat(DEPTH))
}

/// Run `f` on a thread with the default stack of a spawned thread (2 MiB, a quarter of the main thread's).
/// Recursing once per level of the input would need tens of megabytes here; parsing stops at a fixed
/// depth instead (serde_json's recursion limit of 128), whatever the input.
fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 * 1024 * 1024).spawn(f).unwrap().join().expect("no panic, no overflow")
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let env = Env::new();
    let shapes = [
        ("arrays", deep_arrays()),
        ("objects", deep_objects()),
        (
            "a description",
            text_of(&small()).replacen(
                r#""title":"Big""#,
                &format!(r#""title":"Big","description":{}"#, deep_arrays()),
                1,
            ),
        ),
        (
            "a condition",
            text_of(&small()).replacen(
                r#""weight":3}]"#,
                &format!(
                    r#""weight":3,"show_if":{}{}{}}}]"#,
                    r#"{"not":"#.repeat(DEPTH),
                    r#"{"question":"s0.q0","answered":true}"#,
                    "}".repeat(DEPTH)
                ),
                1,
            ),
        ),
    ];
    for (what, text) in shapes {
        assert!(text.len() >= 2 * DEPTH, "{what}: really nested");
        let for_thread = text.clone();
        let result = on_a_small_stack(move || parse(&for_thread, "deep.json").map(|_| ()).map_err(|e| e.to_string()));
        let err = result.expect_err(what);
        assert!(err.starts_with("deep.json:1:"), "{what}: a syntax error with its place: {err}");
        assert!(err.contains("recursion limit") || err.contains("expected"), "{what}: {err}");

        let path = env.file("deep.json", &text);
        validate_refuses(&env, &path, &["deep.json:1:"]);

        let for_thread = text.clone().into_bytes();
        let err = on_a_small_stack(move || store::parse(&for_thread).map(|_| ())).expect_err(what).to_string();
        assert!(err.contains("damaged") || err.contains("not a soc2-ready assessment"), "{what}: {err}");
    }
}

#[test]
fn a_deeply_nested_assessment_file_is_refused_by_every_command() {
    let env = Env::new();
    let path = env.file("deep.json", deep_objects());
    for args in [vec!["show"], vec!["show", "--json"], vec!["answer"]] {
        let mut full: Vec<&str> = args.clone();
        full.insert(1, path.to_str().unwrap());
        if args[0] == "answer" {
            full.extend(["q", "yes"]);
        }
        let out = env.run(&full);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("deep.json"), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), deep_objects(), "the file is left as it is");
}

// ---------------------------------------------------------------------------------------------------------
// big but valid

#[test]
fn a_5000_question_questionnaire_loads_and_can_be_answered() {
    let env = Env::new();
    let path = env.file("five-thousand.json", text_of(&questionnaire_with_questions(5_000)));
    let q = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.question_count(), 5_000);
    let summary = validate_accepts(&env, &path);
    assert!(summary.contains("questions: 5000"), "{summary}");

    let file = env.work.path().join("big-assessment.json");
    let out =
        env.run(&["new", path.to_str().unwrap(), "--org", "Big Co", "--no-open", "--out", file.to_str().unwrap()]);
    ok(&out);
    ok(&env.run(&["answer", file.to_str().unwrap(), "s99.q49", "documented", "--note", "the last one"]));
    let shown: Value = serde_json::from_str(&ok(&env.run(&["show", file.to_str().unwrap(), "--json"]))).unwrap();
    assert_eq!(shown["shown"], 5_000);
    assert_eq!(shown["answered"], 1);
}

/// Every answer of a 10,000-question assessment (the most a questionnaire may have) is checked on reading,
/// in reasonable time.
#[test]
fn an_assessment_with_10000_answers_reads_back() {
    let q = load_file_from_value(&questionnaire_with_questions(MAX_QUESTIONS));
    let mut a = Assessment::new(q, "Acme", NOW);
    let ids: Vec<String> = a.questionnaire().questions().map(|(_, q)| q.id.clone()).collect();
    for id in &ids {
        a.answer(id, soc2_ready::assessment::AnswerValue::Text("informal".into()), NOW);
    }
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("full.json");
    store::write(&path, &a).unwrap();
    let back = store::read(&path).unwrap();
    assert_eq!(back.answers().len(), MAX_QUESTIONS);
}

fn load_file_from_value(v: &Value) -> soc2_ready::questionnaire::Questionnaire {
    parse(&text_of(v), "generated").unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------------------------------------
// hostile text

const OSC52: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const TITLE: &str = "\u{1b}]0;x\u{7}";
const CLEAR: &str = "\u{1b}[2J\u{1b}[H";
const CSI_C1: &str = "\u{9b}31m";
const RLO: &str = "\u{202e}";
const LRI: &str = "\u{2066}";
const PDI: &str = "\u{2069}";
const ZWSP: &str = "\u{200b}";

/// Text carrying every kind of trouble: escape sequences, C1, bidi overrides and isolates, zero-width
/// characters, other controls, and a word far too long for any line.
fn hostile(word: &str) -> String {
    let long_word = "W".repeat(5_000);
    format!(
        "{word} {OSC52}clip {TITLE}title {CLEAR}clear {CSI_C1}c1 {RLO}exe.txt {LRI}iso{PDI} zero{ZWSP}width \
         bell\u{7} del\u{7f} cr\rback nel\u{85} tab\tstop <script>alert(1)</script> {long_word}"
    )
}

fn hostile_questionnaire() -> Value {
    json!({
        "format": 1,
        "id": "evil",
        "version": hostile("1.0"),
        "title": format!("{} nul\u{0}", hostile("Title")),
        "kind": "custom",
        "description": hostile("Description"),
        "sections": [{
            "id": "s",
            "title": hostile("Section"),
            "description": hostile("About"),
            "questions": [
                { "id": "s.m", "type": "maturity", "text": hostile("Maturity"), "help": hostile("Help"),
                  "weight": 3, "criteria": ["CC6.1"], "remediation": hostile("Fix"), "policy": hostile("Policy"),
                  "evidence": [hostile("Evidence")] },
                { "id": "s.c", "type": "choice", "text": hostile("Choice"), "help": hostile("Help"),
                  "options": [ { "id": "a", "label": hostile("LabelA") }, { "id": "b", "label": hostile("LabelB") } ] },
                { "id": "s.m2", "type": "multi", "text": hostile("Multi"), "help": "h",
                  "options": [ { "id": "x", "label": hostile("LabelX") }, { "id": "y", "label": hostile("LabelY") } ] },
                { "id": "s.n", "type": "number", "text": hostile("Number"), "help": "h", "unit": hostile("Unit") },
                { "id": "s.t", "type": "text", "text": hostile("Text"), "help": "h" }
            ]
        }]
    })
}

/// Whether a character may drive or disguise a terminal: C0 controls other than the newline, DEL, C1,
/// bidi embeddings, overrides and isolates, zero-width characters.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Nothing that drives a terminal is in the output, on either stream.
fn assert_tame(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!bytes.contains(&0x1b), "{what}: a raw ESC on {stream}");
        assert!(!bytes.contains(&0x07), "{what}: a raw BEL on {stream}");
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{what}: {stream} is not UTF-8"));
        let chars: Vec<char> = text.chars().collect();
        if let Some(i) = chars.iter().position(|c| is_forbidden(*c)) {
            let around: String = chars[i.saturating_sub(40)..(i + 40).min(chars.len())].iter().collect();
            panic!("{what}: raw U+{:04X} on {stream}, in {around:?}", chars[i] as u32);
        }
    }
}

/// Success, tame output, and the trouble shown visibly escaped.
fn assert_shown_escaped(what: &str, out: &Output) -> String {
    let text = ok(out);
    assert_tame(what, out);
    for escaped in
        ["\\u{1b}]52;", "\\u{1b}]0;x\\u{7}", "\\u{1b}[2J", "\\u{9b}31m", "\\u{202e}", "\\u{2066}", "\\u{200b}"]
    {
        assert!(text.contains(escaped), "{what}: {escaped} shown visibly: {}", &text[..text.len().min(2000)]);
    }
    text
}

/// Success, tame output that is JSON, decoded.
fn assert_json(what: &str, out: &Output) -> Value {
    let text = ok(out);
    assert_tame(what, out);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"))
}

#[test]
fn hostile_text_never_reaches_the_terminal_through_any_command() {
    let env = Env::new();
    let source = hostile_questionnaire();
    let text = serde_json::to_string_pretty(&source).unwrap();
    let file = env.file("evil-questionnaire.json", &text);
    fs::write(env.user_dir().join("evil.json"), &text).unwrap();

    // validate, as text and JSON.
    assert_shown_escaped("validate", &env.run(&["validate", file.to_str().unwrap()]));
    let v = assert_json("validate --json", &env.run(&["validate", file.to_str().unwrap(), "--json"]));
    assert_eq!(v["title"], source["title"], "validate --json decodes to the exact title");
    assert_eq!(v["version"], source["version"]);

    // questionnaires, as a table and JSON.
    assert_shown_escaped("questionnaires", &env.run(&["questionnaires"]));
    let rows = assert_json("questionnaires --json", &env.run(&["questionnaires", "--json"]));
    let row = rows.as_array().unwrap().iter().find(|r| r["id"] == "evil").expect("the user questionnaire is listed");
    assert_eq!(row["title"], source["title"]);
    assert_eq!(row["version"], source["version"]);

    // new, with a hostile organisation name, in the store.
    let org = hostile("Org");
    let out = env.run(&["new", "evil", "--org", &org, "--no-open"]);
    let printed = ok(&out);
    assert_tame("new --no-open", &out);
    let path = PathBuf::from(printed.trim_end());
    assert!(path.is_file(), "new prints the path of the file it made: {printed}");

    // answer: a hostile text value with a hostile note; an option whose label is hostile; a number with a
    // hostile unit.
    let p = path.to_str().unwrap();
    let value = hostile("Value");
    let note = hostile("Note");
    assert_shown_escaped("answer text --note", &env.run(&["answer", p, "s.t", &value, "--note", &note]));
    assert_shown_escaped("answer choice", &env.run(&["answer", p, "s.c", "b", "--note", &note]));
    assert_shown_escaped("answer multi", &env.run(&["answer", p, "s.m2", "y,x"]));
    assert_shown_escaped("answer number", &env.run(&["answer", p, "s.n", "42"]));
    let out = env.run(&["answer", p, "s.m", "documented", "--note", &note]);
    ok(&out);
    assert_tame("answer maturity", &out);

    // show and list, as text and JSON; the JSON decodes to the exact original strings.
    assert_shown_escaped("show", &env.run(&["show", p]));
    let shown = assert_json("show --json", &env.run(&["show", p, "--json"]));
    assert_eq!(shown["org"], json!(org.trim()), "show --json: org");
    assert_eq!(shown["sections"][0]["title"], source["sections"][0]["title"]);
    let q = |id: &str| shown["questions"].as_array().unwrap().iter().find(|q| q["id"] == id).unwrap().clone();
    assert_eq!(q("s.t")["text"], source["sections"][0]["questions"][4]["text"]);
    assert_eq!(q("s.t")["answer"], json!(value), "show --json: the answer, exactly as given");
    assert_eq!(q("s.t")["note"], json!(note), "show --json: the note, exactly as given");
    assert_eq!(q("s.c")["answer"], "b");
    assert_eq!(q("s.m2")["answer"], json!(["x", "y"]));

    assert_shown_escaped("list", &env.run(&["list"]));
    let rows = assert_json("list --json", &env.run(&["list", "--json"]));
    assert_eq!(rows[0]["org"], json!(org.trim()), "list --json: org");
    assert_eq!(rows[0]["questionnaire_title"], source["title"], "list --json: questionnaire title");

    // The saved file holds the exact text too.
    let saved = store::read(&path).unwrap();
    assert_eq!(saved.value("s.t").and_then(|v| v.as_text()), Some(value.as_str()));
    assert_eq!(saved.note("s.c"), note);
}

#[test]
fn hostile_text_never_reaches_the_terminal_through_the_report() {
    let env = Env::new();
    let source = hostile_questionnaire();
    fs::write(env.user_dir().join("evil.json"), serde_json::to_string(&source).unwrap()).unwrap();
    let org = hostile("Org");
    let path = PathBuf::from(ok(&env.run(&["new", "evil", "--org", &org, "--no-open"])).trim_end());
    let p = path.to_str().unwrap();
    ok(&env.run(&["answer", p, "s.m", "planned", "--note", &hostile("Note")]));

    let md = ok(&env.run(&["report", p]));
    assert_tame("report (Markdown)", &env.run(&["report", p]));
    assert!(md.contains(r"\{1b\}") || md.contains("{1b}"), "Markdown shows ESC visibly");

    let out = env.run(&["report", p, "--format", "html"]);
    let html = ok(&out);
    assert_tame("report --format html", &out);
    assert!(!html.contains("<script>alert(1)</script>"), "HTML escapes the text it carries");
    assert!(html.contains("&lt;script&gt;"), "the text is still there, escaped");

    let out = env.run(&["report", p, "--format", "json"]);
    let v = assert_json("report --format json", &out);
    assert!(holds_string(&v, org.trim()), "the JSON report decodes to the exact organisation name");
    let text = source["sections"][0]["questions"][0]["text"].as_str().unwrap();
    assert!(holds_string(&v, text), "the JSON report decodes to the exact question text");
}

/// Whether the string is anywhere in the JSON value.
fn holds_string(v: &Value, s: &str) -> bool {
    match v {
        Value::String(x) => x == s,
        Value::Array(items) => items.iter().any(|i| holds_string(i, s)),
        Value::Object(map) => map.values().any(|i| holds_string(i, s)),
        _ => false,
    }
}

#[test]
fn hostile_text_in_refusals_and_errors_is_escaped_too() {
    let env = Env::new();
    let source = hostile_questionnaire();
    fs::write(env.user_dir().join("evil.json"), serde_json::to_string(&source).unwrap()).unwrap();
    let path = PathBuf::from(ok(&env.run(&["new", "evil", "--org", "Acme", "--no-open"])).trim_end());
    let p = path.to_str().unwrap();

    for (what, args) in [
        ("a hostile value for a choice", vec!["answer", p, "s.c", &*hostile("nope")]),
        ("a hostile value for a number", vec!["answer", p, "s.n", &*hostile("12")]),
        ("a hostile question id", vec!["answer", p, "s.c\u{1b}[2J\u{202e}", "a"]),
        ("a hostile assessment name", vec!["show", "missing\u{1b}]0;x\u{7}\u{9b}"]),
        ("a hostile questionnaire name", vec!["new", "nope\u{1b}]0;x\u{7}\u{202e}", "--org", "Acme", "--no-open"]),
        ("a hostile organisation with a broken questionnaire", vec!["new", "nope", "--org", &*hostile("Org")]),
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(1), "{what}: refused: {}", stderr(&out));
        assert_tame(what, &out);
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{what}: one line: {err:?}");
    }

    // A broken questionnaire whose errors quote hostile text: validate and questionnaires stay tame.
    let mut broken = source.clone();
    broken["sections"][0]["questions"][1]["options"][1]["id"] = json!("B\u{1b}[2J\u{202e}");
    broken["sections"][0]["questions"][0]["criteria"] = json!(["CC6.1\u{1b}]0;x\u{7}"]);
    broken["sections"][0]["questions"][1]["show_if"] = json!({ "question": "s.m", "equals": "x\u{9b}1m\u{200b}" });
    let file = env.file("broken.json", serde_json::to_string(&broken).unwrap());
    let out = env.run(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_tame("validate of a broken hostile file", &out);
    assert!(stderr(&out).lines().count() >= 4, "every error listed: {}", stderr(&out));
    let out = env.run(&["validate", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_tame("validate --json of a broken hostile file", &out);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        v["errors"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().contains("B\u{1b}[2J\u{202e}")
            || e.as_str().unwrap().contains("B\\u{1b}[2J\\u{202e}"))
    );
    fs::write(env.user_dir().join("broken.json"), serde_json::to_string(&broken).unwrap()).unwrap();
    let out = env.run(&["questionnaires"]);
    ok(&out);
    assert_tame("questionnaires with a broken hostile file", &out);

    // A syntax error in a file named with escapes.
    let named = env.file("x\u{1b}]0;x\u{7}.json", "{ nope");
    let out = env.run(&["validate", named.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_tame("validate of a hostile file name", &out);
}

#[test]
fn a_note_over_the_answer_limit_is_refused() {
    let env = Env::new();
    let path = PathBuf::from(ok(&env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--no-open"])).trim_end());
    let q = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    let id =
        q.questions().find(|(_, q)| q.kind == soc2_ready::questionnaire::QuestionType::Maturity).unwrap().1.id.clone();
    let note = "n".repeat(soc2_ready::assessment::model::answer::MAX_ANSWER_CHARS + 1);
    let before = fs::read(&path).unwrap();
    let out = env.run(&["answer", path.to_str().unwrap(), &id, "planned", "--note", &note]);
    assert_eq!(out.status.code(), Some(1), "a note over the limit is refused");
    assert_eq!(fs::read(&path).unwrap(), before, "and the file is left as it was");
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: reads bounded by bytes read; what may be read; a questionnaire near the limit gives an
// assessment that opens

#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_is_not_read_as_a_questionnaire() {
    let env = Env::new();
    // /dev/zero says it is empty and never ends: refused as not a regular file before any byte is read
    // (reading it would never end, and the command's timeout would fail the test).
    validate_refuses(&env, Path::new("/dev/zero"), &["not a regular file"]);
    let err = env.cmd().args(["validate", "/dev/stdin"]).write_stdin(vec![b' '; 1024]).output().unwrap();
    assert_eq!(err.status.code(), Some(1));
    assert!(stderr(&err).contains("not a regular file"), "{}", stderr(&err));
}

#[test]
fn standard_input_is_read_up_to_the_limit_and_no_further() {
    let env = Env::new();
    let out = env.cmd().args(["validate", "-"]).write_stdin(text_of(&small())).output().unwrap();
    assert!(ok(&out).contains("valid"));
    // 30 MB of whitespace through a pipe: refused after reading just over 20 MB.
    let mut big = text_of(&small()).into_bytes();
    big.resize(30 << 20, b' ');
    let out = env.cmd().args(["validate", "-"]).write_stdin(big).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("over the limit"), "{}", stderr(&out));
}

#[test]
fn a_byte_order_mark_is_accepted_in_a_questionnaire() {
    let env = Env::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text_of(&small()).into_bytes());
    let path = env.file("bom.json", &bytes);
    validate_accepts(&env, &path);
}

#[test]
fn a_questionnaire_near_the_size_limit_gives_an_assessment_that_opens() {
    // The attack's shape: 10,000 yes/no questions, each shown only if none of 41 earlier answers is "no".
    let any: Vec<Value> =
        (0..41).map(|i| json!({ "not": { "question": format!("s0.q{i}"), "equals": "no" } })).collect();
    let mut v = questionnaire_with_questions(MAX_QUESTIONS);
    for section in v["sections"].as_array_mut().unwrap() {
        for q in section["questions"].as_array_mut().unwrap() {
            q["type"] = json!("yesno");
            q.as_object_mut().unwrap().remove("weight");
            if q["id"] != "s0.q0" && !q["id"].as_str().unwrap().starts_with("s0.") {
                q["show_if"] = json!({ "any": any });
            }
        }
    }
    let text = serde_json::to_string(&v).unwrap();
    assert!(text.len() as u64 > 15 << 20 && (text.len() as u64) < MAX_FILE_BYTES, "{} bytes", text.len());
    let env = Env::new();
    let q = env.file("near-limit.json", &text);
    let file = env.work.path().join("a.json");
    ok(&env.run(&["new", q.to_str().unwrap(), "--org", "Big", "--no-open", "--out", file.to_str().unwrap()]));
    let size = fs::metadata(&file).unwrap().len();
    assert!(
        size < soc2_ready::assessment::model::limits::MAX_FILE_BYTES / 2,
        "the assessment stays well under its limit: {size} bytes"
    );
    assert!(store::read(&file).is_ok(), "and opens");
}
