//! The interface without a terminal: key sequences drive the real `App`, screens are rendered into a
//! `TestBackend` and compared whole with insta snapshots at 80x24 and 120x40.

use crate::common::Answering;
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::{Terminal, backend::TestBackend};
use soc2_ready::assessment::{AnswerValue, Assessment, Session, Store, store};
use soc2_ready::questionnaire::load_file;
use soc2_ready::tui::app::{App, Screen};
use soc2_ready::tui::view;

pub const NOW: &str = "2026-01-15T09:00:00Z";

fn fixed_now() -> String {
    NOW.to_string()
}

thread_local! {
    /// The temporary folders of the test running on this thread: removed when the test's thread ends.
    static FOLDERS: RefCell<Vec<tempfile::TempDir>> = const { RefCell::new(Vec::new()) };
    /// How far the test has moved its clock on (see [`advance_clock`]).
    static CLOCK: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// A fresh folder for this test alone, kept until the test ends.
pub fn scratch() -> PathBuf {
    let dir = tempfile::Builder::new().prefix("soc2-tui-").tempdir().unwrap();
    let path = dir.path().to_path_buf();
    FOLDERS.with(|f| f.borrow_mut().push(dir));
    path
}

/// A fresh store in the test's own temporary folder (snapshots show it as `[TMP]`).
pub fn fresh_store(_name: &str) -> Store {
    let dir = scratch().join("assessments");
    store::ensure_private_dir(&dir).unwrap();
    Store::new(dir)
}

/// The test's clock for timing saves: it moves only when the test moves it.
fn test_instant() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now) + CLOCK.with(Cell::get)
}

fn advance_clock(by: Duration) {
    CLOCK.with(|c| c.set(c.get() + by));
}

pub fn fixture(name: &str) -> soc2_ready::questionnaire::Questionnaire {
    load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

pub fn quiet(mut app: App) -> App {
    app.now = fixed_now;
    app.instant = test_instant;
    app.user_questionnaires = None;
    app.theme.color = false;
    app.export_dir = scratch();
    app.utc_offset = chrono::FixedOffset::east_opt(0).unwrap();
    app
}

/// An app with the demo questionnaire open on a new assessment.
pub fn open_demo(name: &str) -> (App, PathBuf) {
    open_fixture(name, "demo.json")
}

pub fn open_fixture(name: &str, file: &str) -> (App, PathBuf) {
    let store = fresh_store(name);
    let path = store.dir.join("acme.json");
    let session = Session::create(&path, Assessment::new(fixture(file), "Acme AI", NOW), NOW).unwrap();
    (quiet(App::with_session(store, session)), path)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Type keys: plain characters, or `<Enter>`, `<Esc>`, `<Down>`, `<Up>`, `<Right>`, `<Left>`, `<C-c>`.
pub fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').expect("closed <key>");
            let event = match &after[..end] {
                "Enter" => key(KeyCode::Enter),
                "Esc" => key(KeyCode::Esc),
                "Down" => key(KeyCode::Down),
                "Up" => key(KeyCode::Up),
                "Right" => key(KeyCode::Right),
                "Left" => key(KeyCode::Left),
                "C-c" => Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                "C-u" => Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
                "C-z" => Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
                "C-t" => Event::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
                "Backspace" => key(KeyCode::Backspace),
                "Tab" => key(KeyCode::Tab),
                "BackTab" => key(KeyCode::BackTab),
                other => panic!("unknown key {other}"),
            };
            app.handle_event(event);
            rest = &after[end + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            app.handle_event(key(KeyCode::Char(c)));
            rest = &rest[c.len_utf8()..];
        }
    }
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal
}

/// A screen as text, with the test's temporary folders shown as `[TMP]` so it is the same on every machine.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut text = render(app, width, height).backend().to_string();
    FOLDERS.with(|f| {
        for dir in f.borrow().iter() {
            text = text.replace(&dir.path().display().to_string(), "[TMP]");
        }
    });
    text
}

pub fn snap(name: &str, app: &App) {
    assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

pub fn saved(path: &Path) -> Assessment {
    store::read(path).unwrap()
}

pub fn current_question(app: &App) -> String {
    match (&app.screen, app.editor.as_deref()) {
        (Screen::Questionnaire, Some(editor)) => editor.question().id.clone(),
        _ => panic!("not on the questionnaire"),
    }
}

// Screens.

#[test]
fn home_with_no_assessments() {
    let app = quiet(App::new(fresh_store("home_empty")));
    snap("home_empty", &app);
}

#[test]
fn home_lists_assessments_with_progress() {
    let store = fresh_store("home_list");
    let mut a = Assessment::new(fixture("demo.json"), "Acme AI", NOW);
    a.answer("profile.uses_models", AnswerValue::Text("yes".into()), "2026-01-16T10:30:00Z");
    store::write(&store.dir.join("acme.json"), &a).unwrap();
    store::write(&store.dir.join("globex.json"), &Assessment::new(fixture("demo.json"), "Globex 株式会社", NOW))
        .unwrap();
    std::fs::write(store.dir.join("broken.json"), b"{ \"file\": ").unwrap();
    let app = quiet(App::new(store));
    snap("home_list", &app);
}

#[test]
fn new_assessment_dialogs() {
    let mut app = quiet(App::new(fresh_store("new_dialogs")));
    press(&mut app, "n");
    snap("new_pick", &app);
    press(&mut app, "<Enter>Acme AI");
    snap("new_name", &app);
}

#[test]
fn question_screens_for_each_kind() {
    let (mut app, _) = open_demo("screens");
    snap("question_yesno", &app);
    press(&mut app, "1<Enter>");
    snap("question_number_typing", &app);
    press(&mut app, "250<Enter><Down><Down>2");
    snap("question_multi", &app);
    press(&mut app, "<Down>4e");
    press(&mut app, "Reviewed in Jira.");
    snap("question_note_editing", &app);
    press(&mut app, "<Esc>");
    press(&mut app, "<Up>");
    snap("question_maturity_answered", &app);
}

#[test]
fn wide_characters_wrap_and_align() {
    let (mut app, _) = open_demo("wide");
    press(&mut app, "<Right>");
    press(&mut app, "<Down><Down><Down>");
    assert_eq!(current_question(&app), "access.wide");
    snap("question_wide", &app);
}

#[test]
fn help_lists_every_key() {
    let (mut app, _) = open_demo("help");
    press(&mut app, "?");
    snap("help", &app);
    let shown = render(&app, 120, 40).backend().to_string();
    assert!(shown.contains("jump to the next unanswered question"));
    press(&mut app, "?");
    assert!(!app.help);
}

#[test]
fn too_small_says_so() {
    let (app, _) = open_demo("too_small");
    let terminal = render(&app, 40, 10);
    assert_snapshot!("too_small_40x10", terminal.backend());
    let text = terminal.backend().to_string();
    assert!(text.contains("60×16"), "{text}");
}

#[test]
fn hostile_text_is_shown_escaped() {
    let (app, _) = open_fixture("hostile", "hostile.json");
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(&app, w, h);
        let text = terminal.backend().to_string();
        assert!(text.contains("\\u{1b}"), "{text}");
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(soc2_ready::text::is_unsafe),
                "an unsafe character reached the screen: {:?}",
                cell.symbol()
            );
        }
    }
    assert_snapshot!("hostile_80x24", render(&app, 80, 24).backend());
}

// Key sequences.

#[test]
fn digits_answer_and_move_on() {
    let (mut app, path) = open_demo("digits");
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "1");
    assert_eq!(current_question(&app), "profile.headcount");
    assert_eq!(saved(&path).value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));
    // Typed answers: Enter, the number, Enter.
    press(&mut app, "<Enter>42<Enter>");
    assert_eq!(saved(&path).value("profile.headcount"), Some(&AnswerValue::Number(42.0)));
    assert_eq!(current_question(&app), "profile.start_date");
    press(&mut app, "<Enter>2026-02-01<Enter>");
    press(&mut app, "<Enter>Jane Doe<Enter>");
    // Multiple choice: digits tick and untick; the question stays until moved on.
    press(&mut app, "131");
    assert_eq!(current_question(&app), "profile.categories");
    assert_eq!(saved(&path).value("profile.categories"), Some(&AnswerValue::List(vec!["privacy".into()])));
    press(&mut app, "<Down>4");
    let a = saved(&path);
    assert_eq!(a.value("access.reviews"), Some(&AnswerValue::Text("documented".into())));
    assert_eq!(a.value("profile.start_date"), Some(&AnswerValue::Text("2026-02-01".into())));
    assert_eq!(a.value("profile.contact"), Some(&AnswerValue::Text("Jane Doe".into())));
    assert_eq!(current_question(&app), "access.weights");
}

#[test]
fn a_refused_typed_answer_says_why_and_changes_nothing() {
    let (mut app, path) = open_demo("refused");
    press(&mut app, "1");
    let before = std::fs::read(&path).unwrap();
    press(&mut app, "<Enter>0<Enter>");
    assert!(app.status.error, "{:?}", app.status);
    assert!(app.status.text.contains("from 1 to 100000"), "{}", app.status.text);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(current_question(&app), "profile.headcount");
    // A digit beyond the options is refused too.
    press(&mut app, "<Esc><Down><Down><Down><Down>9");
    assert!(app.status.text.contains("no option 9"), "{}", app.status.text);
}

#[test]
fn go_back_flag_and_note() {
    let (mut app, path) = open_demo("back_flag_note");
    press(&mut app, "2");
    assert_eq!(current_question(&app), "profile.headcount");
    press(&mut app, "k");
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "f");
    assert!(saved(&path).is_flagged("profile.uses_models"));
    press(&mut app, "eFirst line<Enter>second line<Esc>");
    assert_eq!(saved(&path).note("profile.uses_models"), "First line\nsecond line");
    press(&mut app, "f");
    assert!(!saved(&path).is_flagged("profile.uses_models"));
}

#[test]
fn answers_hide_and_show_later_questions() {
    let (mut app, path) = open_demo("conditions");
    press(&mut app, "2"); // no: the model-weights question goes away
    press(&mut app, "<Right>4");
    assert_eq!(current_question(&app), "access.mfa", "access.weights is hidden");
    press(&mut app, "<Left>1"); // yes: it comes back
    assert_eq!(saved(&path).value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));
    press(&mut app, "<Right><Down>");
    assert_eq!(current_question(&app), "access.weights");
}

#[test]
fn not_applicable_asks_for_a_reason() {
    let (mut app, path) = open_demo("na");
    press(&mut app, "<Right>6");
    assert!(matches!(app.editor.as_deref(), Some(e) if matches!(e.mode, soc2_ready::tui::app::Mode::EditNote(_))));
    press(&mut app, "No production systems yet<Esc>");
    let a = saved(&path);
    assert_eq!(a.value("access.reviews"), Some(&AnswerValue::Text("na".into())));
    assert_eq!(a.note("access.reviews"), "No production systems yet");
    assert_eq!(current_question(&app), "access.mfa");
}

#[test]
fn dont_know_flags_for_follow_up_and_next_unanswered_skips_answered() {
    let (mut app, path) = open_demo("unknown");
    press(&mut app, "<Right>7");
    assert!(saved(&path).is_flagged("access.reviews"));
    press(&mut app, "<Left>");
    assert_eq!(current_question(&app), "profile.uses_models");
    press(&mut app, "1<Enter>7<Enter>");
    assert_eq!(current_question(&app), "profile.start_date");
    press(&mut app, "<Up>u");
    assert_eq!(current_question(&app), "profile.start_date", "headcount is answered, so u skips it");
    press(&mut app, "!");
    assert_eq!(current_question(&app), "access.reviews");
}

#[test]
fn who_is_answering_is_recorded() {
    let (mut app, path) = open_demo("respondent");
    press(&mut app, "wMaria (CTO)<Enter>1");
    let a = saved(&path);
    assert_eq!(a.answers()["profile.uses_models"].answered_by, "Maria (CTO)");
    assert_eq!(a.answers()["profile.uses_models"].updated_at, NOW);
}

#[test]
fn quit_and_reopen_at_the_same_question() {
    let (mut app, path) = open_demo("reopen");
    press(&mut app, "1<Right><Down>");
    assert_eq!(current_question(&app), "access.weights");
    press(&mut app, "q");
    assert!(app.quit);
    drop(app);
    let session = Session::open(&path, NOW).unwrap();
    let app = quiet(App::with_session(Store::new(path.parent().unwrap().to_path_buf()), session));
    assert_eq!(current_question(&app), "access.weights");
}

#[test]
fn ctrl_c_while_typing_a_note_keeps_it() {
    let (mut app, path) = open_demo("ctrl_c_note");
    press(&mut app, "eHalf-written thought");
    press(&mut app, "<C-c>");
    assert!(app.quit);
    assert_eq!(saved(&path).note("profile.uses_models"), "Half-written thought");
}

#[test]
fn pasted_text_goes_into_the_note() {
    let (mut app, path) = open_demo("paste");
    press(&mut app, "e");
    app.handle_event(Event::Paste("line one\r\nline two".into()));
    press(&mut app, "<Esc>");
    assert_eq!(saved(&path).note("profile.uses_models"), "line one\nline two");
}

#[test]
fn creating_an_assessment_from_home() {
    let store = fresh_store("create");
    let dir = store.dir.clone();
    let mut app = quiet(App::new(store));
    press(&mut app, "n<Enter>Initech<Enter>");
    assert_eq!(current_question(&app), "profile.headcount");
    press(&mut app, "<Enter>12<Enter><Esc>");
    assert!(matches!(app.screen, Screen::Home(_)));
    let (listed, errors) = Store::new(dir).list();
    assert!(errors.is_empty());
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].org, "Initech");
    assert_eq!(listed[0].questionnaire, "soc2-ai-readiness");
    assert_eq!(store::read(&listed[0].path).unwrap().value("profile.headcount"), Some(&AnswerValue::Number(12.0)));
}

#[test]
fn an_assessment_open_elsewhere_is_refused_on_open() {
    let store = fresh_store("locked");
    let path = store.dir.join("acme.json");
    let _held = Session::create(&path, Assessment::new(fixture("demo.json"), "Acme AI", NOW), NOW).unwrap();
    let mut app = quiet(App::new(store));
    press(&mut app, "<Enter>");
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(app.status.error);
    assert!(app.status.text.contains("open in another soc2-ready"), "{}", app.status.text);
}

#[test]
fn search_jumps_to_a_matching_question() {
    let (mut app, _) = open_demo("search");
    press(&mut app, "/cc6");
    snap("search", &app);
    press(&mut app, "<Down><Enter>");
    assert_eq!(current_question(&app), "access.mfa", "the second shown match (weights is hidden)");
    press(&mut app, "/nothing like this<Enter>");
    assert!(app.status.error);
    press(&mut app, "<Esc>");
    assert_eq!(current_question(&app), "access.mfa");
    // Letters typed into the search are text, not commands.
    press(&mut app, "/quarter<Enter>");
    assert_eq!(current_question(&app), "access.reviews");
    assert!(!app.quit);
}

#[test]
fn the_report_screen_scrolls_exports_and_goes_back() {
    let (mut app, path) = open_demo("report");
    // yes, 40 people, start date, owner, availability; reviews planned, weights documented, MFA for admins.
    press(&mut app, "1<Enter>40<Enter><Enter>2026-02-02<Enter><Enter>Jane<Enter>1<Down>243");
    press(&mut app, "r");
    assert!(matches!(app.screen, Screen::Report(_)));
    snap("report_top", &app);
    let text = render(&app, 120, 40).backend().to_string();
    assert!(text.contains("Verdict: Blocked"), "reviews is critical and only planned: {text}");
    press(&mut app, "<Down><Down><Down><Down><Down><Down><Down><Down><Down><Down>");
    snap("report_scrolled", &app);
    for _ in 0..200 {
        press(&mut app, " ");
    }
    let bottom = match &app.screen {
        Screen::Report(s) => s.scroll,
        _ => unreachable!(),
    };
    render(&app, 80, 24);
    press(&mut app, "k");
    assert!(
        matches!(&app.screen, Screen::Report(s) if s.scroll + 1 == bottom || bottom == 0),
        "one line up from the end"
    );

    press(&mut app, "m");
    // Exports go to the directory the program was started in, never into the store.
    let md = app.export_dir.join("acme-report.md");
    assert_eq!(app.status.text, format!("Markdown report written to {}", md.display()));
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(written.starts_with("# SOC 2 readiness report: Acme AI"), "{written}");
    press(&mut app, "HJ");
    assert!(std::fs::read_to_string(app.export_dir.join("acme-report.html")).unwrap().contains("<html"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(app.export_dir.join("acme-report.json")).unwrap()).unwrap();
    assert!(!path.with_file_name("acme-report.md").exists(), "nothing written into the store");
    assert_eq!(json["readiness"]["verdict"], "Blocked");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&md).unwrap().permissions().mode() & 0o777, 0o600);
    }

    press(&mut app, "<Esc>");
    assert_eq!(current_question(&app), "access.wide", "back where the report was opened");
}

#[test]
fn a_note_being_typed_is_saved_at_most_once_a_second() {
    let (mut app, path) = open_demo("debounce");
    press(&mut app, "e");
    app.tick();
    let before = std::fs::read(&path).unwrap();
    for _ in 0..50 {
        press(&mut app, "word ");
        app.tick();
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "fifty ticks within a second: no save yet");
    advance_clock(soc2_ready::tui::app::SAVE_INTERVAL);
    app.tick();
    assert_eq!(saved(&path).note("profile.uses_models"), "word ".repeat(50));
    press(&mut app, "end");
    app.tick();
    assert_eq!(saved(&path).note("profile.uses_models"), "word ".repeat(50), "saved a moment ago");
    press(&mut app, "<Esc>");
    assert!(saved(&path).note("profile.uses_models").ends_with("word end"), "closing the note saves at once");
}

#[test]
fn evidence_references_are_recorded_with_the_answer() {
    let (mut app, path) = open_demo("evidence");
    press(&mut app, "<Right>4v");
    assert_eq!(app.context(), soc2_ready::tui::keymap::Context::TypeEvidence);
    press(&mut app, "<Esc>");
    press(&mut app, "<Up>vAccess Control Policy v2, JIRA-142 ,, https://wiki/reviews<Enter>");
    let a = saved(&path);
    assert_eq!(
        a.answers()["access.reviews"].evidence,
        ["Access Control Policy v2", "JIRA-142", "https://wiki/reviews"]
    );
    assert_eq!(app.status.text, "3 evidence references recorded.");
    snap("question_with_evidence", &app);
    press(&mut app, "wRuth<Enter>WAmir<Enter>");
    assert_eq!(saved(&path).people, ["Ruth", "Amir"], "everyone who answered is kept in the assessment's people");
}
