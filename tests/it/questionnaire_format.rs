//! The questionnaire format: one test per validation error kind, syntax errors located by line and column,
//! nothing half-loaded, and a lossless round trip of the built-ins.

use std::fs;

use serde_json::{Value, json};
use tempfile::TempDir;

use soc2_ready::questionnaire::validate::Problem;
use soc2_ready::questionnaire::{LoadError, Questionnaire, catalog, load_file, parse};

/// A valid questionnaire the tests break one field at a time.
///
/// sections[0] `profile`: 0 `p.yes` yesno, 1 `p.num` number, 2 `p.multi` multi, 3 `p.choice` choice (scored)
/// sections[1] `main`:    0 `m.one` maturity, 1 `m.two` maturity
fn base() -> Value {
    json!({
        "format": 1,
        "id": "base",
        "version": "1.0",
        "title": "Base",
        "kind": "custom",
        "description": "For the tests.",
        "sections": [
            {
                "id": "profile",
                "title": "Profile",
                "questions": [
                    { "id": "p.yes", "type": "yesno", "text": "Yes or no?", "help": "Decides." },
                    { "id": "p.num", "type": "number", "text": "How many?", "help": "Sizes.", "min": 0, "max": 10 },
                    { "id": "p.multi", "type": "multi", "text": "Which?", "help": "Scope.",
                      "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] },
                    { "id": "p.choice", "type": "choice", "text": "Which one?", "help": "Pick.", "weight": 2,
                      "options": [ { "id": "x", "label": "X", "score": 1 }, { "id": "y", "label": "Y", "score": 0 } ] }
                ]
            },
            {
                "id": "main",
                "title": "Main",
                "show_if": { "question": "p.yes", "equals": "yes" },
                "questions": [
                    { "id": "m.one", "type": "maturity", "text": "One?", "help": "Why.", "weight": 3,
                      "criteria": ["CC6.1"], "effort_days": [1, 3], "critical": true },
                    { "id": "m.two", "type": "maturity", "text": "Two?", "help": "Why.", "weight": 3,
                      "show_if": { "all": [ { "question": "p.num", "gt": 2 }, { "question": "p.multi", "includes": "a" } ] } }
                ]
            }
        ]
    })
}

fn problems(v: &Value) -> Vec<Problem> {
    match parse(&v.to_string(), "test.json") {
        Err(LoadError::Invalid { origin, problems }) => {
            assert_eq!(origin, "test.json");
            assert!(!problems.is_empty());
            problems
        }
        Err(other) => panic!("expected a semantic error, got: {other}"),
        Ok(_) => panic!("expected an error, but the questionnaire loaded"),
    }
}

/// The questionnaire is refused, and one problem is at `place` (e.g. "question `m.one`"), in `field`, with a
/// message containing `needle`. The error as printed names the file, the place and the field.
fn assert_refused(v: &Value, place: &str, field: &str, needle: &str) {
    let found = problems(v);
    let hit = found.iter().find(|p| p.place == place && p.field == field && p.message.contains(needle));
    assert!(hit.is_some(), "expected {place}, field `{field}`: …{needle}…; got {found:#?}");
    let err = parse(&v.to_string(), "test.json").unwrap_err();
    let line = format!("test.json: {place}, field `{field}`: ");
    assert!(err.lines().iter().any(|l| l.starts_with(&line) && l.contains(needle)), "{:?}", err.lines());
}

fn edit(f: impl FnOnce(&mut Value)) -> Value {
    let mut v = base();
    f(&mut v);
    v
}

fn q(v: &mut Value, section: usize, question: usize) -> &mut Value {
    &mut v["sections"][section]["questions"][question]
}

#[test]
fn the_base_is_valid() {
    let q = parse(&base().to_string(), "test.json").expect("valid");
    assert_eq!(q.question_count(), 6);
}

#[test]
fn duplicate_question_id() {
    let v = edit(|v| q(v, 1, 1)["id"] = json!("m.one"));
    assert_refused(&v, "question `m.one`", "id", "used twice");
    // Across sections too.
    let v = edit(|v| q(v, 1, 0)["id"] = json!("p.yes"));
    assert_refused(&v, "question `p.yes`", "id", "used twice");
}

#[test]
fn duplicate_section_id() {
    let v = edit(|v| v["sections"][1]["id"] = json!("profile"));
    assert_refused(&v, "section `profile`", "id", "used twice");
}

#[test]
fn condition_on_an_unknown_question() {
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.nothing", "equals": "yes" }));
    assert_refused(&v, "question `m.two`", "show_if", "`p.nothing`, which does not exist");
    let v = edit(|v| v["sections"][1]["show_if"] = json!({ "not": { "question": "nowhere", "answered": true } }));
    assert_refused(&v, "section `main`", "show_if", "`nowhere`, which does not exist");
}

#[test]
fn condition_on_a_later_question() {
    let v = edit(|v| q(v, 0, 0)["show_if"] = json!({ "question": "m.one", "answered": true }));
    assert_refused(&v, "question `p.yes`", "show_if", "`m.one`, which comes later");
    // A question cannot depend on itself either.
    let v = edit(|v| q(v, 0, 1)["show_if"] = json!({ "question": "p.num", "gt": 1 }));
    assert_refused(&v, "question `p.num`", "show_if", "refers to the question itself");
    // A section's condition cannot look into the section itself.
    let v = edit(|v| v["sections"][1]["show_if"] = json!({ "question": "m.one", "answered": true }));
    assert_refused(&v, "section `main`", "show_if", "which comes later");
}

#[test]
fn condition_value_that_is_not_an_option() {
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.yes", "equals": "maybe" }));
    assert_refused(&v, "question `m.two`", "show_if", "`maybe` is not an option of question `p.yes`");
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.choice", "one_of": ["x", "z"] }));
    assert_refused(&v, "question `m.two`", "show_if", "`z` is not an option of question `p.choice`");
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.multi", "includes": "c" }));
    assert_refused(&v, "question `m.two`", "show_if", "`c` is not an option of question `p.multi`");
    // A number compared with a text is the wrong kind.
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.num", "equals": "three" }));
    assert_refused(&v, "question `m.two`", "show_if", "wrong kind");
}

#[test]
fn includes_on_a_question_that_is_not_multi() {
    let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.choice", "includes": "x" }));
    assert_refused(
        &v,
        "question `m.two`",
        "show_if",
        "`includes` needs a `multi` question, and `p.choice` is `choice`",
    );
}

#[test]
fn numeric_comparison_on_a_question_that_is_not_a_number() {
    for op in ["gt", "gte", "lt", "lte"] {
        let v = edit(|v| q(v, 1, 1)["show_if"] = json!({ "question": "p.choice", op: 3 }));
        assert_refused(&v, "question `m.two`", "show_if", &format!("`{op}` needs a `number` question"));
    }
}

#[test]
fn choice_with_missing_options() {
    let v = edit(|v| {
        q(v, 0, 3).as_object_mut().unwrap().remove("options");
    });
    assert_refused(&v, "question `p.choice`", "options", "at least two options");
    let v = edit(|v| q(v, 0, 2)["options"] = json!([{ "id": "a", "label": "A" }]));
    assert_refused(&v, "question `p.multi`", "options", "at least two options");
    // And options where none belong.
    let v = edit(|v| q(v, 0, 0)["options"] = json!([{ "id": "a", "label": "A" }, { "id": "b", "label": "B" }]));
    assert_refused(&v, "question `p.yes`", "options", "takes no options");
}

#[test]
fn duplicated_option() {
    let v = edit(|v| q(v, 0, 2)["options"] = json!([{ "id": "a", "label": "A" }, { "id": "a", "label": "A again" }]));
    assert_refused(&v, "question `p.multi`", "options", "option `a` is listed twice");
}

#[test]
fn unknown_criterion_id() {
    for bad in ["CC6.9", "cc6.1", "CC10.1", "P9.1", "A1"] {
        let v = edit(|v| q(v, 1, 0)["criteria"] = json!(["CC6.1", bad]));
        assert_refused(&v, "question `m.one`", "criteria", &format!("`{bad}` is not a Trust Services Criteria id"));
    }
    let v = edit(|v| q(v, 1, 0)["criteria"] = json!(["CC6.1", "CC6.1"]));
    assert_refused(&v, "question `m.one`", "criteria", "listed twice");
}

#[test]
fn unknown_framework_ids_are_refused_naming_the_question() {
    let v = edit(|v| {
        q(v, 1, 0)["iso42001"] = json!(["A.6.2.4"]);
        q(v, 1, 0)["nist_ai_rmf"] = json!(["MEASURE 2.7", "GOVERN 1.1"]);
    });
    assert!(parse(&v.to_string(), "test.json").is_ok(), "known ids load");
    // A.4.1 and A.11.2 are no Annex A controls; MAP 5.3 and "measure 2.7" are no subcategory ids.
    for bad in ["A.4.1", "A.11.2", "4.2", "A.6.2"] {
        let v = edit(|v| q(v, 1, 0)["iso42001"] = json!(["A.6.2.4", bad]));
        assert_refused(
            &v,
            "question `m.one`",
            "iso42001",
            &format!("`{bad}` is not one of the controls of ISO/IEC 42001"),
        );
    }
    for bad in ["MAP 5.3", "measure 2.7", "MEASURE 2.14", "GV-1.1"] {
        let v = edit(|v| q(v, 1, 1)["nist_ai_rmf"] = json!([bad]));
        assert_refused(
            &v,
            "question `m.two`",
            "nist_ai_rmf",
            &format!("`{bad}` is not one of the subcategories of NIST AI RMF"),
        );
    }
    let v = edit(|v| q(v, 1, 0)["iso42001"] = json!(["A.5.2", "A.5.2"]));
    assert_refused(&v, "question `m.one`", "iso42001", "listed twice");
}

/// Issue 20: the system description's points (DC 200) are data a question carries, checked on load.
#[test]
fn description_criteria_are_dc1_to_dc9() {
    let v = edit(|v| q(v, 1, 0)["description_criteria"] = json!(["DC4", "DC9"]));
    assert!(parse(&v.to_string(), "test.json").is_ok(), "DC4 and DC9 load");
    for bad in ["DC10", "dc4", "CC2.1", "DC0"] {
        let v = edit(|v| q(v, 1, 0)["description_criteria"] = json!([bad]));
        assert_refused(
            &v,
            "question `m.one`",
            "description_criteria",
            &format!("`{bad}` is not a description criterion (DC1 to DC9)"),
        );
    }
    let v = edit(|v| q(v, 1, 0)["description_criteria"] = json!(["DC8", "DC8"]));
    assert_refused(&v, "question `m.one`", "description_criteria", "listed twice");
    // The built-in asks about incidents, criteria not relevant and significant changes.
    let built_in = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    let asked: std::collections::BTreeSet<&str> =
        built_in.questions().flat_map(|(_, x)| x.description_criteria.iter().map(String::as_str)).collect();
    for point in ["DC1", "DC2", "DC3", "DC4", "DC6", "DC7", "DC8", "DC9"] {
        assert!(asked.contains(point), "{point} is asked about");
    }
}

#[test]
fn weight_out_of_range() {
    for w in [0, 6, 100] {
        let v = edit(|v| q(v, 1, 0)["weight"] = json!(w));
        assert_refused(&v, "question `m.one`", "weight", &format!("must be 1 to 5, got {w}"));
    }
    // 1 and 5 are fine.
    for w in [1, 5] {
        assert!(parse(&edit(|v| q(v, 1, 0)["weight"] = json!(w)).to_string(), "test.json").is_ok());
    }
    // Only option questions can be scored.
    let v = edit(|v| q(v, 0, 1)["weight"] = json!(2));
    assert_refused(&v, "question `p.num`", "weight", "cannot be scored");
}

#[test]
fn effort_days_out_of_range() {
    let v = edit(|v| q(v, 1, 0)["effort_days"] = json!([5, 2]));
    assert_refused(&v, "question `m.one`", "effort_days", "low 5 is above high 2");
    let v = edit(|v| q(v, 1, 0)["effort_days"] = json!([1, 400]));
    assert_refused(&v, "question `m.one`", "effort_days", "over 365");
    assert!(parse(&edit(|v| q(v, 1, 0)["effort_days"] = json!([0, 365])).to_string(), "t").is_ok());
}

#[test]
fn maturity_question_without_a_weight() {
    let v = edit(|v| {
        q(v, 1, 1).as_object_mut().unwrap().remove("weight");
    });
    assert_refused(&v, "question `m.two`", "weight", "always scored");
}

#[test]
fn critical_without_a_weight() {
    let v = edit(|v| q(v, 0, 0)["critical"] = json!(true));
    assert_refused(&v, "question `p.yes`", "critical", "only a scored question");
}

#[test]
fn option_score_out_of_range() {
    for score in [1.5, -0.1] {
        let v = edit(|v| q(v, 0, 3)["options"][0]["score"] = json!(score));
        assert_refused(&v, "question `p.choice`", "options", &format!("option `x` has score {score}"));
    }
    // A scored choice needs a score on every option.
    let v = edit(|v| {
        q(v, 0, 3)["options"][1].as_object_mut().unwrap().remove("score");
    });
    assert_refused(&v, "question `p.choice`", "options", "option `y` has no score");
}

#[test]
fn wrong_format_version() {
    for format in [0, 2, 99] {
        let v = edit(|v| v["format"] = json!(format));
        assert_refused(&v, "questionnaire", "format", &format!("format {format} is not supported"));
    }
}

#[test]
fn bad_id_characters() {
    for bad in ["M.Two", "has space", "-lead", "", "é", "a/b"] {
        let v = edit(|v| q(v, 1, 1)["id"] = json!(bad));
        let place = format!("question `{bad}`");
        assert_refused(&v, &place, "id", "not a valid id");
    }
    let v = edit(|v| v["sections"][1]["id"] = json!("Main"));
    assert_refused(&v, "section `Main`", "id", "not a valid id");
    let v = edit(|v| v["id"] = json!("Bad Id"));
    assert_refused(&v, "questionnaire", "id", "not a valid id");
    let v = edit(|v| q(v, 0, 2)["options"][0]["id"] = json!("A!"));
    assert_refused(&v, "question `p.multi`", "options", "`A!` is not a valid id");
    // A hostile id is shown escaped in the message.
    let v = edit(|v| q(v, 1, 1)["id"] = json!("m.\u{1b}[2J"));
    let found = problems(&v);
    assert!(found.iter().all(|p| !p.to_string().contains('\u{1b}')), "{found:?}");
    assert!(found.iter().any(|p| p.place == "question `m.\\u{1b}[2J`"), "{found:?}");
}

#[test]
fn empty_text() {
    let v = edit(|v| q(v, 1, 1)["text"] = json!("   "));
    assert_refused(&v, "question `m.two`", "text", "must not be empty");
    let v = edit(|v| q(v, 1, 1)["help"] = json!(""));
    assert_refused(&v, "question `m.two`", "help", "must not be empty");
    let v = edit(|v| v["sections"][0]["title"] = json!(""));
    assert_refused(&v, "section `profile`", "title", "must not be empty");
    let v = edit(|v| v["title"] = json!(" "));
    assert_refused(&v, "questionnaire", "title", "must not be empty");
    let v = edit(|v| q(v, 0, 2)["options"][1]["label"] = json!(""));
    assert_refused(&v, "question `p.multi`", "options", "must not be empty");
}

#[test]
fn text_too_long() {
    let v = edit(|v| q(v, 1, 1)["help"] = json!("x".repeat(20_001)));
    assert_refused(&v, "question `m.two`", "help", "20001 characters long, over the limit of 20000");
}

#[test]
fn empty_sections_and_questionnaires() {
    let v = edit(|v| v["sections"][1]["questions"] = json!([]));
    assert_refused(&v, "section `main`", "questions", "at least one question");
    let v = edit(|v| v["sections"] = json!([]));
    assert_refused(&v, "questionnaire", "sections", "at least one section");
}

fn many_questions(n: usize) -> Value {
    let questions: Vec<Value> = (0..n)
        .map(|i| json!({ "id": format!("q{i}"), "type": "yesno", "text": "Is it so?", "help": "Because." }))
        .collect();
    json!({
        "format": 1, "id": "big", "version": "1", "title": "Big", "kind": "custom",
        "sections": [ { "id": "all", "title": "All", "questions": questions } ]
    })
}

#[test]
fn too_many_questions() {
    let v = many_questions(10_001);
    assert_refused(&v, "questionnaire", "sections", "10001 questions, over the limit of 10000");
    let q = parse(&many_questions(10_000).to_string(), "big.json").expect("10,000 is the limit, not over it");
    assert_eq!(q.question_count(), 10_000);
}

/// `{"not": {"not": ... {"question": "p.yes", "answered": true}}}` with `nots` levels of `not`.
fn nested(nots: usize) -> Value {
    let mut c = json!({ "question": "p.yes", "answered": true });
    for _ in 0..nots {
        c = json!({ "not": c });
    }
    c
}

#[test]
fn condition_nested_too_deep() {
    // 16 `not`s around a test is 17 levels.
    let v = edit(|v| q(v, 1, 1)["show_if"] = nested(16));
    assert_refused(&v, "question `m.two`", "show_if", "nested 17 levels deep, over the limit of 16");
    // 16 levels are allowed.
    assert!(parse(&edit(|v| q(v, 1, 1)["show_if"] = nested(15)).to_string(), "t").is_ok());
    // Nesting through all/any counts the same.
    let mut deep = json!({ "question": "p.yes", "answered": true });
    for i in 0..20 {
        deep = if i % 2 == 0 { json!({ "all": [deep] }) } else { json!({ "any": [deep] }) };
    }
    let v = edit(|v| v["sections"][1]["show_if"] = deep);
    assert_refused(&v, "section `main`", "show_if", "nested 21 levels deep");
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let v = edit(|v| {
        q(v, 1, 0)["weight"] = json!(9);
        q(v, 1, 1)["text"] = json!("");
        v["sections"][1]["id"] = json!("profile");
    });
    let found = problems(&v);
    assert_eq!(found.len(), 3, "{found:#?}");
    let err = parse(&v.to_string(), "test.json").unwrap_err();
    assert_eq!(err.lines().len(), 3);
    assert!(err.to_string().contains("and 2 more errors"), "{err}");
}

// ---------------------------------------------------------------------------------------------------------
// Syntax errors, located

fn write_temp(text: &[u8]) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("questionnaire.json");
    fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    // Line 5 is `  "title": "T",,`; the second comma is its 16th character.
    let text = "{\n  \"format\": 1,\n  \"id\": \"x\",\n  \"version\": \"1\",\n  \"title\": \"T\",,\n  \"kind\": \"custom\"\n}\n";
    assert_eq!(text.lines().nth(4).unwrap().find(",,").unwrap() + 2, 16, "hand check of the column");
    let (_dir, path) = write_temp(text.as_bytes());
    let err = load_file(&path).unwrap_err();
    match &err {
        LoadError::Syntax { origin, line, column, .. } => {
            assert_eq!(origin, &path.display().to_string());
            assert_eq!((*line, *column), (5, 16));
        }
        other => panic!("expected a syntax error, got {other}"),
    }
    assert!(err.to_string().starts_with(&format!("{}:5:16: ", path.display())), "{err}");
    assert!(!err.to_string().contains(" at line "), "the location is in front, not repeated: {err}");
}

#[test]
fn a_missing_comma_is_located_at_the_next_key() {
    // Line 3 lacks its comma; the parser notices at line 4, column 3 (the quote of "version").
    let text = "{\n  \"format\": 1,\n  \"id\": \"x\"\n  \"version\": \"1\"\n}\n";
    let (_dir, path) = write_temp(text.as_bytes());
    let err = load_file(&path).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{}:4:3: ", path.display())), "{err}");
}

#[test]
fn a_wrong_type_or_unknown_field_is_located_too() {
    let mut text = serde_json::to_string_pretty(&base()).unwrap();
    // `"weight": 3` of m.one becomes a string; find its line and the column just after the value.
    text = text.replacen("\"weight\": 3", "\"weight\": \"three\"", 1);
    let (line_no, line) = text.lines().enumerate().find(|(_, l)| l.contains("\"three\"")).unwrap();
    let column = line.find("\"three\"").unwrap() + "\"three\"".len();
    let (_dir, path) = write_temp(text.as_bytes());
    let err = load_file(&path).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{}:{}:{}: ", path.display(), line_no + 1, column)), "{err}");
    assert!(err.to_string().contains("invalid type"), "{err}");

    // A misspelt field is refused, not ignored.
    let text = serde_json::to_string_pretty(&edit(|v| {
        let cond = q(v, 1, 1).as_object_mut().unwrap().remove("show_if").unwrap();
        q(v, 1, 1)["show_iff"] = cond;
    }))
    .unwrap();
    let line_no = text.lines().position(|l| l.contains("\"show_iff\"")).unwrap() + 1;
    let (_dir, path) = write_temp(text.as_bytes());
    let err = load_file(&path).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{}:{line_no}:", path.display())), "{err}");
    assert!(err.to_string().contains("unknown field `show_iff`"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_or_missing_is_refused_naming_it() {
    let (_dir, path) = write_temp(b"{\"format\": 1, \"id\": \"\xff\xfe\"}");
    let err = load_file(&path).unwrap_err();
    assert!(matches!(err, LoadError::Read { .. }));
    assert!(err.to_string().starts_with(&format!("{}: ", path.display())) && err.to_string().contains("UTF-8"));
    let missing = path.with_file_name("missing.json");
    assert!(load_file(&missing).unwrap_err().to_string().starts_with(&missing.display().to_string()));
}

// ---------------------------------------------------------------------------------------------------------
// Nothing is half-loaded

#[test]
fn a_file_with_one_error_is_not_loaded_at_all() {
    // A large valid questionnaire with a single mistake at its very end.
    let mut v: Value = serde_json::from_str(catalog::BUILT_IN[0].1).unwrap();
    let sections = v["sections"].as_array_mut().unwrap();
    let last = sections.last_mut().unwrap()["questions"].as_array_mut().unwrap().last_mut().unwrap();
    last["weight"] = json!(7);
    let found = problems(&v);
    assert_eq!(found.len(), 1, "{found:?}");

    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a-good.json"), base().to_string()).unwrap();
    let bad = dir.path().join("b-bad.json");
    let mut broken = base();
    broken["id"] = json!("second");
    q(&mut broken, 1, 0)["weight"] = json!(0);
    fs::write(&bad, broken.to_string()).unwrap();
    fs::write(dir.path().join("c-syntax.json"), "{").unwrap();
    fs::write(dir.path().join("notes.txt"), "not a questionnaire").unwrap();

    let (entries, errors) = catalog::all(Some(dir.path()));
    let ids: Vec<&str> = entries.iter().map(|e| e.questionnaire.id.as_str()).collect();
    assert_eq!(ids, ["soc2-ai-readiness", "ai-vendor-assessment", "base"], "built-ins first, then the good file");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].to_string().starts_with(&bad.display().to_string()), "{}", errors[0]);
    assert!(errors[0].to_string().contains("question `m.one`, field `weight`"));
    assert!(matches!(errors[1], LoadError::Syntax { line: 1, column: 1, .. }), "{}", errors[1]);
}

// ---------------------------------------------------------------------------------------------------------
// Round trip

#[test]
fn built_ins_round_trip_through_json() {
    for (id, text) in catalog::BUILT_IN {
        let q = catalog::built_in(id).unwrap();
        assert_eq!(parse(text, id).unwrap(), q);
        for serialised in [serde_json::to_string(&q).unwrap(), serde_json::to_string_pretty(&q).unwrap()] {
            let again: Questionnaire = parse(&serialised, "round-trip").expect("a serialised built-in is valid");
            assert_eq!(again, q, "{id}");
            assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&q).unwrap());
        }
    }
}

#[test]
fn the_base_round_trips_field_for_field() {
    let q = parse(&base().to_string(), "t").unwrap();
    let back: Value = serde_json::to_value(&q).unwrap();
    // Numbers come back as floats where the format keeps f64 (min/max, scores), so compare by re-parsing.
    assert_eq!(parse(&back.to_string(), "t").unwrap(), q);
    assert_eq!(
        back["sections"][1]["questions"][1]["show_if"],
        json!({ "all": [ { "question": "p.num", "gt": 2.0 }, { "question": "p.multi", "includes": "a" } ] })
    );
    assert_eq!(back["sections"][1]["show_if"], json!({ "question": "p.yes", "equals": "yes" }));
    assert_eq!(back["sections"][1]["questions"][0]["critical"], true);
    assert!(back["sections"][0]["questions"][0].get("critical").is_none(), "defaults are left out");
}

// ---------------------------------------------------------------------------------------------------------
// Issue 8: a file may not pass itself off as a built-in

#[test]
fn a_file_reusing_a_built_in_id_with_other_content_is_refused() {
    let dir = TempDir::new().unwrap();
    let (_, text) = catalog::BUILT_IN[0];
    let mut v: Value = serde_json::from_str(text).unwrap();
    // The attack: the same id, version and title, with every `critical` mark removed.
    for section in v["sections"].as_array_mut().unwrap() {
        for q in section["questions"].as_array_mut().unwrap() {
            q.as_object_mut().unwrap().remove("critical");
            q.as_object_mut().unwrap().remove("critical_scope");
        }
    }
    let spoof = dir.path().join("copy.json");
    fs::write(&spoof, serde_json::to_string(&v).unwrap()).unwrap();
    let err = catalog::resolve(spoof.to_str().unwrap(), None).expect_err("a look-alike is refused");
    let message = err.to_string();
    assert!(message.contains("belongs to a built-in questionnaire"), "{message}");
    assert!(message.contains("copy.json"), "{message}");

    // An exact copy is the built-in itself, and is accepted.
    let copy = dir.path().join("exact.json");
    fs::write(&copy, text).unwrap();
    assert!(catalog::resolve(copy.to_str().unwrap(), None).is_ok());
}

// ---------------------------------------------------------------------------------------------------------
// Issue 9 §1: questionnaires sit below assessments

#[test]
fn the_questionnaire_module_does_not_import_assessments() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/questionnaire");
    // Every file, in sub-folders too (search/).
    let mut files = Vec::new();
    let mut folders = vec![dir];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { folders.push(path) } else { files.push(path) }
        }
    }
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("crate::assessment") && !code.contains("crate::tui") && !code.contains("ratatui"),
                "{}:{}: questionnaire code uses a layer above it: {line}",
                path.display(),
                n + 1
            );
        }
    }
}
