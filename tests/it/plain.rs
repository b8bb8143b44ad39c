//! Plain mode driven in process: whole sessions typed as lines, the transcript compared with a snapshot,
//! and the file afterwards holding what was typed.

use crate::common::Answering;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use soc2_ready::assessment::{AnswerValue, Assessment, Session, store};
use soc2_ready::plain::{self, Ending, Options};
use soc2_ready::questionnaire::load_file;

use crate::common::NOW;

fn now() -> String {
    NOW.to_string()
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A new assessment of a fixture questionnaire in a fresh folder.
pub(crate) fn assessment(dir: &Path, questionnaire: &str) -> PathBuf {
    let path = dir.join("acme.json");
    let a = Assessment::new(load_file(&fixture(questionnaire)).unwrap(), "Acme AI", NOW);
    drop(Session::create(&path, a, NOW).unwrap());
    path
}

/// Open the file, type `input`, and return how it ended and everything written.
fn session(path: &Path, input: &[u8]) -> (Ending, String) {
    let session = Session::open(path, NOW).unwrap();
    let options = Options { now, config_dir: None, echo: true };
    let mut out = Vec::new();
    let ending = plain::run(session, &mut Cursor::new(input), &mut out, &options).unwrap();
    (ending, String::from_utf8(out).unwrap())
}

/// The transcript with the temporary folder left out, so it is the same on every run.
fn transcript(path: &Path, output: &str) -> String {
    output.replace(&path.display().to_string(), "ACME.json")
}

/// The short session every plain test of the real binary also types: each kind of answer, a wrong value,
/// help, a note, a flag, back, skip, "not applicable" with its reason, the report and quit.
pub(crate) const SESSION: &str = "?\n\
    y\n\
    many\n\
    50\n\
    next\n\
    back\n\
    2026-02-30\n\
    2026-03-01\n\
    Jane Doe, CTO\n\
    1 3\n\
    note\n\
    Reviewed quarterly in the IdP\n\
    flag\n\
    skip\n\
    9\n\
    6\n\
    No weights are trained here\n\
    ?\n\
    where\n\
    report\n\
    quit\n";

#[test]
fn a_short_session_reads_as_a_transcript_and_saves_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (ending, output) = session(&path, SESSION.as_bytes());
    assert_eq!(ending, Ending::Quit);
    insta::assert_snapshot!("session", transcript(&path, &output));

    let a = store::read(&path).unwrap();
    assert_eq!(a.value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(50.0)));
    assert_eq!(a.value("profile.start_date"), Some(&AnswerValue::Text("2026-03-01".into())));
    assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("Jane Doe, CTO".into())));
    assert_eq!(a.value("profile.categories"), Some(&AnswerValue::List(vec!["availability".into(), "privacy".into()])));
    assert_eq!(a.value("access.reviews"), None, "noted and flagged, not answered");
    assert_eq!(a.note("access.reviews"), "Reviewed quarterly in the IdP");
    assert!(a.is_flagged("access.reviews"));
    assert_eq!(a.value("access.weights"), Some(&AnswerValue::Text("na".into())));
    assert_eq!(a.note("access.weights"), "No weights are trained here");
    let position = a.position.as_ref().unwrap();
    assert_eq!(position.question, "access.mfa", "the next question after the reason");
    assert_eq!(a.meetings.len(), 1, "a meeting, as the interface records");
    assert_eq!(a.meetings[0].ended_at, NOW);
    assert!(!soc2_ready::assessment::store::journal::journal_path(&path).exists(), "the journal is folded in on quit");
}

#[test]
fn the_end_of_input_saves_and_quits_even_in_the_middle_of_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (ending, output) = session(&path, b"2\n12\nnote");
    assert_eq!(ending, Ending::Quit);
    let p = path.display();
    assert!(
        output.ends_with(&format!("Every answer is saved in {p}. Carry on with: soc2-ready open {p}\n")),
        "{output}"
    );
    let a = store::read(&path).unwrap();
    assert_eq!(a.value("profile.uses_models"), Some(&AnswerValue::Text("no".into())));
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(12.0)));
    assert_eq!(a.note("profile.start_date"), "");
}

#[test]
fn a_wrong_value_says_what_is_accepted_once_and_asks_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) = session(&path, b"maybe\n3\n0\n");
    let lines: Vec<&str> = output.lines().collect();
    let refused = |typed: &str| {
        let at = lines.iter().position(|l| *l == format!("Answer: {typed}")).unwrap();
        (lines[at + 1], lines[at + 2])
    };
    assert_eq!(
        refused("maybe"),
        ("Not an option here. Type 1 or y for yes, 2 or n for no. Type ? for help.", "Answer: 3")
    );
    assert_eq!(refused("3"), ("There is no option 3. Type 1 or y for yes, 2 or n for no.", "Answer: 0"));
    assert_eq!(store::read(&path).unwrap().value("profile.uses_models"), None, "nothing recorded");
}

#[test]
fn control_characters_and_invalid_utf8_are_never_written_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let input = b"\x1b[2J\x07\r\n1\n\xff\xfe bad\ntext\x1b]0;x\x07 \xe2\x80\xae here\nnote \x9b31m\n";
    let (ending, output) = session(&path, input);
    assert_eq!(ending, Ending::Quit);
    assert!(!output.contains('\u{1b}') && !output.contains('\u{7}') && !output.contains('\r'), "{output:?}");
    assert!(output.contains("Answer: \\u{1b}[2J\\u{7}\n"), "the echo shows the escape: {output}");
    assert!(
        output.contains("Answer: \u{fffd}\u{fffd} bad\nNot accepted. Type a number from 1 to 100000, in people."),
        "{output}"
    );
}

#[test]
fn a_hostile_questionnaire_is_read_out_tame() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "hostile.json");
    let (_, output) = session(&path, b"?\nrepeat\nlist\nreport\n");
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\r', '\t'] {
        assert!(!output.contains(bad), "{:x} in {output}", bad as u32);
    }
    assert!(output.contains("Clear \\u{1b}[2J\\u{1b}[H screen \\u{202e}gnp.exe, section 1 of 1."), "{output}");
}

#[test]
fn a_line_too_long_is_refused_whole_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let mut input = b"y\n1\n2026-01-01\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', plain::input::MAX_LINE_BYTES + 1));
    input.extend_from_slice(b"\nJane\n");
    let (_, output) = session(&path, &input);
    let bytes = plain::input::MAX_LINE_BYTES + 1;
    assert!(
        output.contains(&format!("Answer: (a line of {bytes} bytes)\nThat line is {bytes} bytes long")),
        "{output}"
    );
    assert_eq!(store::read(&path).unwrap().value("profile.contact"), Some(&AnswerValue::Text("Jane".into())));
}

#[test]
fn going_to_questions_and_sections_by_name_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) =
        session(&path, b"go access.weights\ngo ACCESS.MFA\nsection 1\nsection acc\nsection 3\ngo nope\nlist\n");
    assert!(
        output.contains(
            "Answer: go access.weights\nQuestion access.weights is not asked with the answers so far: it depends on \
             the answer to profile.uses_models; type go profile.uses_models to see it.\n"
        ),
        "hidden until the model question says yes: {output}"
    );
    assert!(output.contains("Answer: go ACCESS.MFA\nAccess control, section 2 of 2. Who can reach production.\nQuestion 2 of 3, Access control."), "{output}");
    assert!(output.contains("Answer: section 1\nCompany profile, section 1 of 2."), "{output}");
    assert!(output.contains("Answer: section acc\nAccess control, section 2 of 2."), "{output}");
    assert!(output.contains("There is no section 3: type a number from 1 to 2, or list."), "{output}");
    assert!(
        output.contains("1 Company profile, 0 of 5 answered.\n2 Access control, 0 of 3 answered, current."),
        "{output}"
    );
}

#[test]
fn the_last_question_says_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) = session(&path, b"go access.wide\n4\nnext\nskip\n");
    assert!(
        output.contains("Saved: Documented and in place.\nThat was the last question. 7 left unanswered"),
        "{output}"
    );
    assert!(output.contains("Answer: next\nThis is the last question."), "{output}");
    assert!(output.contains("Answer: skip\nCompany profile, section 1 of 2."), "skip goes round: {output}");
}

#[test]
fn the_plain_home_lists_opens_and_starts_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let store_dir = dir.path().join("store");
    std::fs::create_dir_all(&store_dir).unwrap();
    let store = soc2_ready::assessment::Store::new(store_dir.clone());
    let options = Options { now, config_dir: None, echo: true };
    let user = dir.path().join("questionnaires");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::copy(fixture("demo.json"), user.join("demo.json")).unwrap();

    // Nothing yet: start one from the user's own questionnaire, answer one question, and quit.
    let (entries, _) = soc2_ready::questionnaire::catalog::all(Some(&user));
    let demo = entries.iter().position(|e| e.questionnaire.id == "demo").unwrap() + 1;
    let input = format!("7\nnew\n{demo}\n  Acme AI  \ny\nquit\n");
    let mut out = Vec::new();
    let ending = plain::home::run(&store, Some(&user), &mut Cursor::new(input), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(ending, Ending::Quit);
    assert!(
        out.starts_with("soc2-ready, plain mode. No assessments yet.\nType new to start an assessment, or quit.\n"),
        "{out}"
    );
    assert!(out.contains("Choose: 7\nThere is no assessment 7.\n"), "{out}");
    let file = store_dir.join("acme-ai-demo.json");
    assert!(out.contains(&format!("Started {}.\nAcme AI: Demo readiness check.", file.display())), "{out}");
    assert_eq!(store::read(&file).unwrap().value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));

    // Then it is listed with its progress, and opens where it was left.
    let mut out = Vec::new();
    plain::home::run(&store, Some(&user), &mut Cursor::new("1\nquit\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with(
            "soc2-ready, plain mode. 1 assessment.\n1 Acme AI, Demo readiness check, 11% answered. Name acme-ai-demo.\n"
        ),
        "{out}"
    );
    assert!(out.contains("Question 2 of 5, Company profile. 1 of 9 answered."), "{out}");

    // Held by another soc2-ready: said, and the list stays.
    let held = Session::open(&file, NOW).unwrap();
    let mut out = Vec::new();
    plain::home::run(&store, Some(&user), &mut Cursor::new("1\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("is open in another soc2-ready"), "{out}");
    drop(held);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever is typed, plain mode never panics, never writes an escape character, and ends saved.
    #[test]
    fn any_input_is_handled_tamely(lines in prop::collection::vec(
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..40),
            "(\\?|help|next|back|skip|note|flag|clear|confirm|report|where|list|repeat|[0-9]{1,3}|y|n|go [a-z.]{0,12}|section [0-9a-z]{0,3}|answer .{0,10}|2026-0[0-9]-[0-3][0-9])"
                .prop_map(String::into_bytes),
            ".{0,30}".prop_map(String::into_bytes),
        ],
        0..24,
    )) {
        let dir = tempfile::tempdir().unwrap();
        let path = assessment(dir.path(), "demo.json");
        let mut input = Vec::new();
        for line in lines {
            input.extend(line);
            input.push(b'\n');
        }
        let (ending, output) = session(&path, &input);
        prop_assert_ne!(ending, Ending::Unsaved);
        prop_assert!(!output.as_bytes().contains(&0x1b), "{}", output);
        prop_assert!(store::read(&path).is_ok());
    }
}

#[test]
fn who_answers_and_evidence_are_recorded_with_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let typed = "who\nwho Ann Lee\ny\nevidence Board minutes 2026-01, , JIRA-142\nevidence\nrepeat\nwho -\n";
    let (_, output) = session(&path, typed.as_bytes());
    assert!(output.contains("Answer: who\nAnswers do not name who gave them."), "{output}");
    assert!(output.contains("Answer: who Ann Lee\nAnswers are now recorded as given by Ann Lee.\n"), "{output}");
    assert!(
        output.contains(
            "2 evidence references recorded.\nAnswer: evidence\nEvidence: Board minutes 2026-01; JIRA-142.\n"
        ),
        "{output}"
    );
    assert!(output.contains("Not answered. 2 evidence references.\n"), "the status says so: {output}");
    assert!(output.contains("Answer: who -\nAnswers will not name who gave them."), "{output}");
    let a = store::read(&path).unwrap();
    let uses = &a.answers()["profile.uses_models"];
    assert_eq!(uses.answered_by, "Ann Lee");
    assert_eq!(a.answers()["profile.headcount"].evidence, ["Board minutes 2026-01", "JIRA-142"]);
    assert_eq!(a.respondent, "");
    assert_eq!(a.meetings[0].attendees, ["Ann Lee"], "who joined the meeting");
    assert!(a.people.contains(&"Ann Lee".to_string()));

    // Opening again says who answers are recorded as given by, when someone is.
    let (_, output) = session(&path, b"who Bo\n");
    let (_, output2) = session(&path, b"");
    assert!(output.contains("Answers are now recorded as given by Bo."), "{output}");
    assert!(output2.contains("Answers are recorded as given by Bo; type who to change it.\n"), "{output2}");
}

#[test]
fn a_note_is_read_out_before_it_is_replaced_kept_or_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) = session(&path, b"note First.\nnote\n\nnote\nSecond\nnote\n-\nnote -\n");
    assert!(output.contains("Answer: note First.\nNote saved.\n"), "{output}");
    assert!(
        output.contains(
            "Answer: note\nThe note now: First. Type the new note on one line; Enter on nothing keeps it, a single - \
             removes it.\nNote: \nNote unchanged.\n"
        ),
        "{output}"
    );
    assert!(output.contains("The note now: Second. Type the new note"), "{output}");
    assert!(output.contains("Note: -\nNote removed.\nAnswer: note -\nNote unchanged.\n"), "{output}");
    assert_eq!(store::read(&path).unwrap().note("profile.uses_models"), "");
}

#[test]
fn search_lists_the_best_questions_and_go_n_goes_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.json");
    let q = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    drop(Session::create(&path, Assessment::new(q, "Acme AI", NOW), NOW).unwrap());
    let (ending, output) = session(&path, b"search mfa\ngo 1\nwhere\ngo 9\nfind zzzzqqq\nquit\n");
    assert_eq!(ending, Ending::Quit);
    // The same order as `/` and `soc2-ready search`: the question named `mfa`, the production MFA question,
    // then the access-control policy.
    let listed: Vec<&str> = output.lines().filter(|l| l.starts_with(char::is_numeric) && l.contains(", ")).collect();
    assert!(listed[0].starts_with("1 model_access.mfa, "), "{output}");
    assert!(listed[1].starts_with("2 access.mfa_production, Access control: "), "{output}");
    let policy = listed.iter().position(|l| l.contains("policies.access_control"));
    assert!(policy.is_none_or(|p| p > 1), "{output}");
    assert!(output.contains("Id model_access.mfa."), "go 1 went there: {output}");
    assert!(output.contains("go 1 to go "), "a result number that is not listed says which are: {output}");
    assert!(output.contains("No question asked here matches those words."), "{output}");
}

/// Last year's demo assessment with every question answered, carried over into this year's: every answer
/// waits to be confirmed.
fn carried_over(dir: &Path) -> PathBuf {
    use soc2_ready::assessment::interview::carry_over::carry_over;
    let q = load_file(&fixture("demo.json")).unwrap();
    let mut last = Assessment::new(q.clone(), "Acme AI", NOW);
    for (id, value) in [
        ("profile.uses_models", AnswerValue::Text("yes".into())),
        ("profile.headcount", AnswerValue::Number(40.0)),
        ("profile.start_date", AnswerValue::Text("2026-01-05".into())),
        ("profile.contact", AnswerValue::Text("Jane Doe, CTO".into())),
        ("profile.categories", AnswerValue::List(vec!["privacy".into()])),
        ("access.reviews", AnswerValue::Text("documented".into())),
        ("access.weights", AnswerValue::Text("informal".into())),
        ("access.mfa", AnswerValue::Text("everywhere".into())),
        ("access.wide", AnswerValue::Text("evidenced".into())),
    ] {
        last.answer(id, value, NOW);
    }
    let (next, carried) = carry_over(&last, q, "Acme AI", NOW);
    assert_eq!(carried.answers, 9);
    let path = dir.join("acme-2027.json");
    drop(Session::create(&path, next, NOW).unwrap());
    path
}

#[test]
fn skip_goes_to_the_answers_carried_over_that_wait_to_be_confirmed() {
    // Before, skip looked only for questions with no value at all: with every answer carried over and none
    // confirmed, it said "Every shown question is answered" beside "0 of 9 answered".
    let dir = tempfile::tempdir().unwrap();
    let path = carried_over(dir.path());
    let (_, output) = session(&path, b"confirm\nskip\nwhere\nquit\n");
    assert!(output.contains("0 of 9 answered."), "{output}");
    assert!(!output.contains("Every shown question is answered"), "{output}");
    // C3: confirming goes on to the next answer to confirm, as `c` in the interface.
    assert!(
        output.contains(
            "Answer: confirm\nConfirmed: the answer carried over still holds. 8 left to confirm; the next:\n"
        ),
        "{output}"
    );
    // After confirming the first, the next one to confirm is read; skip goes on to the one after it that
    // still waits (not round to the first, which is confirmed).
    assert!(output.contains("Id profile.start_date."), "{output}");
    let a = store::read(&path).unwrap();
    assert!(!soc2_ready::assessment::model::review::is_to_confirm(&a, "profile.uses_models"));
    assert!(soc2_ready::assessment::model::review::is_to_confirm(&a, "profile.headcount"));
}

#[test]
fn messages_from_the_core_are_read_without_code_marks() {
    // A screen reader reads a backtick out ("grave accent"): before, a contradicted profile answer was
    // refused with "... answered in `profile.headcount`."
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.json");
    let q = soc2_ready::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
    drop(Session::create(&path, Assessment::new(q, "Acme AI", NOW), NOW).unwrap());
    let (_, output) = session(&path, b"1\n3\nquit\n");
    assert!(
        output.contains("Answer: 3\n3 engineers is more than the headcount of 1 answered in profile.headcount.\n"),
        "{output}"
    );
    assert!(!output.contains('`'), "{output}");
}

#[test]
fn search_says_when_only_hidden_questions_match_and_go_says_why() {
    // Before, "No question asked here matches those words." alone, as if nothing were on the topic.
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) = session(&path, b"search weights\ngo access.weights\nquit\n");
    assert!(
        output.contains(
            "Answer: search weights\nNo question asked here matches those words; 1 hidden by earlier answers does: \
             access.weights. Type go and its id to hear why.\n"
        ),
        "{output}"
    );
    assert!(output.contains("it depends on the answer to profile.uses_models"), "{output}");
}

#[test]
fn a_command_word_alone_says_what_it_needs_and_is_not_saved_as_the_answer() {
    // Before, "search" alone on a text question was saved as its answer, over the one there.
    let dir = tempfile::tempdir().unwrap();
    let path = assessment(dir.path(), "demo.json");
    let (_, output) =
        session(&path, b"go profile.contact\nJane Doe, CTO\nback\nsearch\ngo\nsection\nanswer go\nquit\n");
    assert!(
        output.contains(
            "Answer: search\nType search and the words to look for, such as search mfa. To answer with the word \
             itself, type answer search.\n"
        ),
        "{output}"
    );
    assert!(output.contains("Answer: go\nType go and a question's id, such as go access.mfa"), "{output}");
    assert!(output.contains("Answer: section\nType section and a number or a name, such as section 2"), "{output}");
    assert!(output.contains("Answer: answer go\nSaved: go."), "{output}");
    let a = store::read(&path).unwrap();
    assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("go".into())), "only answer go answers");
}

#[test]
fn the_plain_home_says_what_was_wrong_with_a_questionnaire_number_and_asks_again() {
    // Before, a number with no questionnaire went back to the list without a word.
    let dir = tempfile::tempdir().unwrap();
    let store = soc2_ready::assessment::Store::new(dir.path().join("store"));
    let options = Options { now, config_dir: None, echo: true };
    let mut out = Vec::new();
    let input = "new\n9\nfirst\n1\nAcme AI\nquit\n";
    plain::home::run(&store, None, &mut Cursor::new(input), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    let (entries, _) = soc2_ready::questionnaire::catalog::all(None);
    let n = entries.len();
    assert!(
        out.contains(&format!(
            "Questionnaire: 9\nThere is no questionnaire 9: type a number from 1 to {n}, or Enter on nothing to go \
             back.\nQuestionnaire: first\nThere is no questionnaire first"
        )),
        "{out}"
    );
    assert!(out.contains("Organisation: Acme AI\nStarted "), "the store is made when it is missing: {out}");
    // The sample too, in a store not made yet.
    let store = soc2_ready::assessment::Store::new(dir.path().join("other"));
    let mut out = Vec::new();
    plain::home::run(&store, None, &mut Cursor::new("sample\nquit\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Choose: sample\nA sample: "), "{out}");
}
