//! The sample in the interface: the home screen offers it, `s` makes it (or opens the one made before) and
//! `r` shows its report: two keystrokes from home to a full report.

use insta::assert_snapshot;
use soc2_ready::assessment::interview::sample::{self, ORG};
use soc2_ready::assessment::{Assessment, Store, store};
use soc2_ready::tui::app::{App, Screen};

use crate::tui::{NOW, fixture, fresh_store, press, quiet, screen};

fn snap(name: &str, app: &App) {
    assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

fn samples(store: &Store) -> Vec<String> {
    let (listed, errors) = store.list();
    assert!(errors.is_empty());
    listed.iter().filter(|l| l.org == ORG).map(|l| l.name.clone()).collect()
}

#[test]
fn home_offers_the_sample() {
    let app = quiet(App::new(fresh_store("sample_offer")));
    snap("home_offers_sample", &app);
    let text = screen(&app, 80, 24);
    assert!(text.contains("s sample"), "the key-hint line offers it:\n{text}");
}

#[test]
fn two_keystrokes_from_home_to_the_sample_report() {
    let store = fresh_store("sample_two_keys");
    let dir = store.dir.clone();
    let mut app = quiet(App::new(store));
    press(&mut app, "s");
    assert!(matches!(app.screen, Screen::Questionnaire), "s opens the sample");
    let text = screen(&app, 120, 40);
    assert!(text.contains("A sample: a fictional AI startup") && text.contains("Press r for its report"), "{text}");
    press(&mut app, "r");
    assert!(matches!(app.screen, Screen::Report(_)), "r shows its report");
    for size in [(80, 24), (120, 40)] {
        let text = screen(&app, size.0, size.1);
        assert!(text.contains("This is a sample"), "{text}");
        assert!(text.contains("Blocked"), "the verdict is on the first page:\n{text}");
    }
    snap("sample_report", &app);
    // One file, named as a sample, holding the sample built now.
    let made = samples(&Store::new(dir.clone()));
    assert_eq!(made, vec!["example-ai-ltd-sample-soc2-ai-readiness".to_string()]);
    let a = store::read(&dir.join(format!("{}.json", made[0]))).unwrap();
    assert_eq!(
        a.answers(),
        sample::build(soc2_ready::questionnaire::catalog::built_in(sample::QUESTIONNAIRE).unwrap(), NOW).answers()
    );
}

#[test]
fn the_sample_is_made_once_and_then_opened() {
    let store = fresh_store("sample_once");
    let dir = store.dir.clone();
    let mut app = quiet(App::new(store));
    press(&mut app, "s");
    // A change to the sample is kept: `s` opens it again rather than making another.
    press(&mut app, "<Esc>");
    assert!(matches!(app.screen, Screen::Home(_)));
    snap("home_lists_sample", &app);
    // The organisation says it is the sample: before, at 80 columns it was cut to "Example AI Ltd (sa…".
    assert!(screen(&app, 80, 24).contains("> Example AI Ltd (sample) "), "{}", screen(&app, 80, 24));
    press(&mut app, "s");
    assert!(matches!(app.screen, Screen::Questionnaire));
    press(&mut app, "<Esc>");
    assert_eq!(samples(&Store::new(dir)).len(), 1);
}

#[test]
fn the_sample_never_overwrites_an_assessment_of_that_name() {
    let store = fresh_store("sample_clash");
    // A real assessment that happens to have the sample's file name.
    let taken = store.dir.join("example-ai-ltd-sample-soc2-ai-readiness.json");
    let real = Assessment::new(fixture("demo.json"), "Example AI Ltd", NOW);
    store::write(&taken, &real).unwrap();
    let before = std::fs::read(&taken).unwrap();
    let dir = store.dir.clone();
    let mut app = quiet(App::new(store));
    press(&mut app, "s");
    assert!(matches!(app.screen, Screen::Questionnaire));
    press(&mut app, "<Esc>");
    assert_eq!(std::fs::read(&taken).unwrap(), before, "the real assessment is untouched");
    assert_eq!(samples(&Store::new(dir)), vec!["example-ai-ltd-sample-soc2-ai-readiness-2".to_string()]);
}

/// The real binary in a pseudo-terminal at 80x24: home, `s`, `r`, and the report's first page is there.
#[cfg(unix)]
#[test]
fn two_keystrokes_in_the_real_binary() {
    use rexpect::session::spawn_command;
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\"")
        .arg(env!("CARGO_BIN_EXE_soc2-ready"))
        .env("SOC2_READY_HOME", &home)
        .env("SOC2_READY_CONFIG", dir.path().join("config"))
        .env("SOC2_READY_NOW", NOW)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    let mut session = spawn_command(command, Some(20_000)).unwrap();
    session.exp_string("sample").unwrap();
    // Keys are handled in order: `r` reaches the sample `s` opened. The terminal is updated cell by cell,
    // so only a word the earlier screens never showed says the report is there.
    crate::pty::keys(&mut session, "s");
    crate::pty::keys(&mut session, "r");
    session.exp_string("Earliest").unwrap();
    crate::pty::keys(&mut session, "q");
    session.exp_eof().unwrap();
    let made = home.join("assessments/example-ai-ltd-sample-soc2-ai-readiness.json");
    assert_eq!(store::read(&made).unwrap().org, ORG);
}

/// Plain mode (screen readers): the empty home offers the sample too, `sample` opens it, `report` reads
/// the report's first page, which says it is a sample.
#[test]
fn the_plain_home_offers_the_sample() {
    use soc2_ready::plain::{self, Ending, Options};
    fn now() -> String {
        NOW.to_string()
    }
    let store = fresh_store("sample_plain");
    let options = Options { now, config_dir: None, echo: true };
    let mut out = Vec::new();
    let input = std::io::Cursor::new("sample\nreport\nquit\n");
    let ending = plain::home::run(&store, None, &mut input.clone(), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(ending, Ending::Quit);
    assert!(out.contains("Or type sample to explore a sample first"), "{out}");
    assert!(out.contains("Choose: sample\nA sample: a fictional AI startup, half answered."), "{out}");
    assert!(out.contains("Report, first page.\nThis is a sample: "), "{out}");
    assert!(out.contains("Blocked"), "the report's first page:\n{out}");
    assert!(!out.contains('\u{1b}'), "plain lines only");
    assert_eq!(samples(&store).len(), 1);
    // Typed again, it opens the same one.
    plain::home::run(&store, None, &mut input.clone(), &mut Vec::new(), &options).unwrap();
    assert_eq!(samples(&store).len(), 1);
}

/// The plain home offers the sample beside other assessments too, as the interface's `s` does; once made,
/// it is listed, and not offered again.
#[test]
fn the_plain_home_offers_the_sample_beside_other_assessments() {
    use soc2_ready::plain::{self, Options};
    fn now() -> String {
        NOW.to_string()
    }
    let store = fresh_store("sample_plain_beside");
    store::write(&store.dir.join("acme.json"), &Assessment::new(fixture("demo.json"), "Acme AI", NOW)).unwrap();
    let options = Options { now, config_dir: None, echo: true };
    let mut out = Vec::new();
    plain::home::run(&store, None, &mut std::io::Cursor::new("sample\nquit\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "Type 1 to open it, new to start another, or quit.\nOr type sample to explore a sample: a fictional AI \
             startup, half answered.\nChoose: sample\n"
        ),
        "{out}"
    );
    let mut out = Vec::new();
    plain::home::run(&store, None, &mut std::io::Cursor::new("quit\n"), &mut out, &options).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Example AI Ltd (sample)"), "{out}");
    assert!(!out.contains("type sample"), "listed, so not offered again: {out}");
}
