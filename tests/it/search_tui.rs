//! `/` in the interface: ranked results with the question id and the whole section name, wrapped; arrows
//! and Enter; questions hidden by earlier answers left out; the index built once per open assessment.

use crate::common::Answering;
use insta::assert_snapshot;
use soc2_ready::assessment::{Assessment, Session};
use soc2_ready::questionnaire::catalog;
use soc2_ready::tui::app::App;

use crate::tui::{NOW, current_question, fresh_store, open_demo, press, quiet, screen};

/// The built-in readiness questionnaire open on a new assessment.
fn open_built_in() -> App {
    let store = fresh_store("search");
    let path = store.dir.join("acme.json");
    let q = catalog::built_in("soc2-ai-readiness").unwrap();
    let session = Session::create(&path, Assessment::new(q, "Acme AI", NOW), NOW).unwrap();
    quiet(App::with_session(store, session))
}

#[test]
fn deletion_lists_the_deletion_request_question_first_with_id_and_section() {
    let mut app = open_built_in();
    press(&mut app, "/deletion");
    assert_snapshot!("ranked_deletion_80x24", screen(&app, 80, 24));
    assert_snapshot!("ranked_deletion_120x40", screen(&app, 120, 40));
    press(&mut app, "<Enter>");
    assert_eq!(current_question(&app), "retention.delete_primary");
}

#[test]
fn mfa_lists_the_mfa_questions_before_the_access_control_policy() {
    let mut app = open_built_in();
    press(&mut app, "/mfa");
    let text = screen(&app, 120, 40);
    // model_access.mfa is named `mfa`: first (C5); then the production MFA question, then the policy.
    let named = text.find("model_access.mfa · ").expect("the ML platforms' MFA question is listed");
    let mfa = text.find("access.mfa_production · Access control").expect("the MFA question is listed");
    let policy = text.find("policies.access_control · Policies").expect("the policy is listed");
    assert!(named < mfa && mfa < policy, "{text}");
    press(&mut app, "<Enter>");
    assert_eq!(current_question(&app), "model_access.mfa");
    // The arrows choose: the second is the production MFA question.
    press(&mut app, "/mfa<Down><Enter>");
    assert_eq!(current_question(&app), "access.mfa_production");
}

#[test]
fn code_review_and_pull_request_approval_find_their_questions_first() {
    let mut app = open_built_in();
    press(&mut app, "/code review<Enter>");
    assert_eq!(current_question(&app), "change.secure_development");
    press(&mut app, "/pull request approval<Enter>");
    assert_eq!(current_question(&app), "change.approval");
}

#[test]
fn a_question_with_only_some_of_the_words_shows_lower_and_says_so() {
    let mut app = open_built_in();
    press(&mut app, "/encryption at rest");
    assert_snapshot!("ranked_partial_80x24", screen(&app, 80, 24));
    let text = screen(&app, 120, 40);
    assert!(text.contains("access.encryption_at_rest · Access control"), "{text}");
    assert!(text.contains("access.encryption_in_transit · Access control · 1 of 2 words"), "{text}");
    // Typing again goes back to the first match.
    press(&mut app, "<Down><Down>s");
    press(&mut app, "<Backspace><Enter>");
    assert_eq!(current_question(&app), "access.encryption_at_rest");
}

#[test]
fn a_long_section_name_wraps_instead_of_being_cut() {
    let mut app = open_built_in();
    // "Operations, monitoring and incident response" does not fit beside the id at 80 columns.
    press(&mut app, "/operations.incident_response");
    let text = screen(&app, 80, 24);
    assert!(text.contains("operations.incident_response · Operations, monitoring and incident   │"), "{text}");
    assert!(text.contains("│  │   response        "), "the rest of the name on the next line: {text}");
    assert!(!text.contains('…'), "nothing is cut short: {text}");
}

#[test]
fn hidden_questions_are_left_out_and_typos_still_find() {
    let (mut app, _) = open_demo("search_hidden");
    // access.weights is hidden until the company trains models.
    press(&mut app, "/weights");
    assert!(screen(&app, 80, 24).contains("No matching question"));
    press(&mut app, "<Esc>1/weigths<Enter>");
    assert_eq!(current_question(&app), "access.weights", "shown now; found despite the typo");
}

#[test]
fn the_index_is_built_once_per_open_assessment() {
    let mut app = open_built_in();
    let editor = app.editor.as_deref().unwrap();
    assert!(editor.search_index.get().is_none(), "not built before the first search");
    press(&mut app, "/vendor");
    screen(&app, 80, 24);
    let first: *const _ = app.editor.as_deref().unwrap().search_index.get().expect("built by the search");
    press(&mut app, "<Esc>/access");
    screen(&app, 80, 24);
    let again: *const _ = app.editor.as_deref().unwrap().search_index.get().unwrap();
    assert_eq!(first, again, "the same index, not built again");
}

#[test]
fn awkward_queries_draw_at_80x24() {
    let mut app = open_built_in();
    let long = "deletion ".repeat(300);
    for query in ["مرحبا بالعالم", "\u{202e}mfa\u{202c}", "👍👍 データ", long.as_str(), "%%% ... ---"]
    {
        press(&mut app, "/");
        press(&mut app, query);
        let text = screen(&app, 80, 24);
        assert!(text.contains("Search"), "{text}");
        assert!(!text.contains('\u{202e}'), "a bidi override never reaches the terminal: {text}");
        press(&mut app, "<Esc>");
    }
}

#[test]
fn the_chosen_question_stays_in_view_when_the_list_is_longer_than_the_screen() {
    let mut app = open_built_in();
    press(&mut app, "/deletion<Down><Down><Down><Down><Down>");
    let text = screen(&app, 80, 24);
    // The sixth: policies.data_retention (see the 120x40 snapshot), chosen and at the bottom of the list.
    assert!(text.contains("│>  policies.data_retention · Policies"), "{text}");
    assert!(!text.contains("retention.delete_primary"), "the first ones scrolled away: {text}");
    assert_snapshot!("ranked_scrolled_80x24", text);
    press(&mut app, "<Up><Up><Up><Up><Up>");
    let text = screen(&app, 80, 24);
    assert!(text.contains("│>  retention.delete_primary"), "back at the top: {text}");
    press(&mut app, "<Enter>");
    assert_eq!(current_question(&app), "retention.delete_primary");
}

#[test]
fn when_only_hidden_questions_match_the_list_says_so() {
    // Before, "No matching question": as if the questionnaire had nothing on it, when a question on it
    // was only hidden by an earlier answer (access.weights is asked when models are trained or tuned).
    let (mut app, _) = open_demo("search_hidden");
    press(&mut app, "/weights");
    let text = screen(&app, 80, 24);
    assert!(text.contains("No matching question"), "{text}");
    assert!(text.contains("1 question hidden by earlier answers matches: access.weights."), "{text}");
    press(&mut app, "<Esc>1/weights");
    let text = screen(&app, 80, 24);
    assert!(text.contains("access.weights"), "{text}");
}

#[test]
fn an_answer_carried_over_and_not_confirmed_is_not_ticked_as_answered() {
    // The tick says answered, as the section counts do: before, an answer carried over from last year and
    // not yet confirmed was ticked, while the counts said it was not answered.
    use soc2_ready::assessment::AnswerValue;
    use soc2_ready::assessment::interview::carry_over::carry_over;
    let store = fresh_store("search_carried");
    let q = crate::tui::fixture("demo.json");
    let mut last = Assessment::new(q.clone(), "Acme AI", NOW);
    last.answer("access.reviews", AnswerValue::Text("documented".into()), NOW);
    last.answer("access.wide", AnswerValue::Text("documented".into()), NOW);
    let (mut next, _) = carry_over(&last, q, "Acme AI", NOW);
    soc2_ready::assessment::model::review::confirm(&mut next, "access.wide", NOW);
    let session = Session::create(&store.dir.join("acme.json"), next, NOW).unwrap();
    let mut app = quiet(App::with_session(store, session));
    press(&mut app, "/access");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("access.reviews · ") && !text.contains("✓ access.reviews"),
        "not ticked while it waits: {text}"
    );
    assert!(text.contains(" ✓ access.wide · "), "ticked once confirmed: {text}");
}
