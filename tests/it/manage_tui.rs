//! Managing assessments on the home screen: the delete question (nothing happens without `y`; any other
//! key keeps the assessment) and the rename prompt, drawn whole at 80x24 and driven by keys.

use crate::common::Answering;
use std::path::PathBuf;

use insta::assert_snapshot;
use soc2_ready::assessment::store::lock::Lock;
use soc2_ready::assessment::{AnswerValue, Assessment, Store, store};
use soc2_ready::tui::app::{App, Screen};

use crate::tui::{NOW, fixture, fresh_store, press, quiet, screen};

/// A home screen over two assessments: Acme (changed later, so listed first) and Globex.
fn home(name: &str) -> (App, Store, PathBuf, PathBuf) {
    let store = fresh_store(name);
    let mut a = Assessment::new(fixture("demo.json"), "Acme AI", NOW);
    a.answer("profile.uses_models", AnswerValue::Text("yes".into()), "2026-01-15T10:30:00Z");
    let acme = store.dir.join("acme.json");
    store::write(&acme, &a).unwrap();
    let globex = store.dir.join("globex.json");
    store::write(&globex, &Assessment::new(fixture("demo.json"), "Globex 株式会社", "2026-01-14T08:00:00Z")).unwrap();
    let app = quiet(App::new(Store::new(store.dir.clone())));
    (app, store, acme, globex)
}

fn listed(app: &App) -> Vec<String> {
    match &app.screen {
        Screen::Home(home) => home.listed.iter().map(|l| l.name.clone()).collect(),
        _ => panic!("not on the home screen"),
    }
}

#[test]
fn delete_asks_first_and_any_other_key_keeps_the_assessment() {
    let (mut app, store, acme, _) = home("manage_delete");
    assert_eq!(listed(&app), ["acme", "globex"], "last changed first");
    press(&mut app, "d");
    assert_snapshot!("delete_question_80x24", screen(&app, 80, 24));
    for keep in ["x", "<Esc>", "n", "q", "<Enter>", "d", "?", "<Down>"] {
        if !matches!(&app.screen, Screen::Home(h) if h.dialog.is_some()) {
            press(&mut app, "d");
        }
        press(&mut app, keep);
        assert!(!app.quit, "{keep} does not quit from the question");
        assert!(acme.is_file(), "{keep} keeps it");
        assert_eq!(app.status.text, "Nothing was changed.", "{keep}");
        assert!(matches!(&app.screen, Screen::Home(h) if h.dialog.is_none()), "{keep} closes the question");
    }
    press(&mut app, "<Down>d");
    assert!(screen(&app, 80, 24).contains("Delete Globex 株式会社 - Demo readiness check?"));
    press(&mut app, "y");
    assert_eq!(listed(&app), ["acme"]);
    assert!(app.status.text.starts_with("Moved globex to the trash"), "{}", app.status.text);
    assert!(app.status.text.contains("soc2-ready restore globex"), "{}", app.status.text);
    let trashed = soc2_ready::assessment::store::trash::Trash::of(&store).list();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].name, "globex");
    assert_eq!(trashed[0].deleted_at, NOW);
}

#[test]
fn an_assessment_open_elsewhere_is_not_deleted() {
    let (mut app, _store, acme, _) = home("manage_locked");
    let lock = Lock::acquire(&acme, NOW).unwrap();
    press(&mut app, "dy");
    assert!(app.status.error, "{}", app.status.text);
    assert!(app.status.text.contains("open in another soc2-ready"), "{}", app.status.text);
    assert!(acme.is_file());
    drop(lock);
    assert_eq!(listed(&app), ["acme", "globex"]);
}

#[test]
fn rename_prompts_for_a_name_refuses_a_bad_one_and_keeps_the_selection() {
    let (mut app, store, acme, _) = home("manage_rename");
    press(&mut app, "r");
    assert_snapshot!("rename_prompt_80x24", screen(&app, 80, 24));
    // A name that is not one: said, and the prompt stays open to type another.
    press(&mut app, "<C-u>../x<Enter>");
    assert!(app.status.error && app.status.text.contains("path separator"), "{}", app.status.text);
    press(&mut app, "<C-u>globex<Enter>");
    assert!(app.status.text.contains("already exists"), "{}", app.status.text);
    assert!(acme.is_file());
    // Typing answers the complaint; Esc keeps the old name.
    press(&mut app, "<Esc>");
    assert!(acme.is_file());
    assert_eq!(app.status.text, "Nothing was changed.");

    // A tab in the one-line field puts nothing in the name.
    press(&mut app, "r<C-u>株式会社テスト<Tab> 2027<Enter>");
    assert_eq!(app.status.text, "Renamed to 株式会社テスト 2027.");
    assert!(!acme.exists() && store.dir.join("株式会社テスト 2027.json").is_file());
    assert_eq!(listed(&app), ["株式会社テスト 2027", "globex"]);
    match &app.screen {
        Screen::Home(h) => assert_eq!(h.selected, 0, "the renamed one stays selected"),
        _ => unreachable!(),
    }
}

/// The real binary in a pseudo-terminal: `d` asks, another key keeps the file, `y` moves it to the trash.
#[cfg(unix)]
#[test]
fn the_real_binary_deletes_only_after_y() {
    use std::process::Command;
    use std::time::{Duration, Instant};

    let bin = env!("CARGO_BIN_EXE_soc2-ready");
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    let made = Command::new(bin)
        .args(["new", demo.to_str().unwrap(), "--org", "Acme AI", "--no-open"])
        .env("SOC2_READY_HOME", &home)
        .env("SOC2_READY_CONFIG", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let file = PathBuf::from(String::from_utf8(made.stdout).unwrap().trim());
    assert!(file.is_file());

    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\"")
        .arg(bin)
        .env("SOC2_READY_HOME", &home)
        .env("SOC2_READY_CONFIG", dir.path().join("config"))
        .env("TERM", "xterm-256color");
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).unwrap();
    session.exp_string("ORGANISATION").unwrap();
    session.send("d").unwrap();
    session.flush().unwrap();
    session.exp_string("confirm").unwrap();
    session.send("x").unwrap();
    session.flush().unwrap();
    session.exp_string("changed").unwrap();
    assert!(file.is_file(), "another key keeps it");

    session.send("d").unwrap();
    session.flush().unwrap();
    session.exp_string("confirm").unwrap();
    session.send("y").unwrap();
    session.flush().unwrap();
    session.exp_string("restore").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while file.exists() {
        assert!(Instant::now() < deadline, "not moved to the trash");
        std::thread::sleep(Duration::from_millis(20));
    }
    let trash = home.join("assessments/.trash");
    let entries: Vec<_> = std::fs::read_dir(&trash).unwrap().collect();
    assert_eq!(entries.len(), 1);
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn at_60x16_the_deleted_message_still_says_where_it_went_and_how_to_bring_it_back() {
    // The status keeps three lines and cuts the middle: before, the trash folder's path in the middle of a
    // long name made it cut "to the trash" out.
    let (_, store, _, globex) = home("manage_delete_narrow");
    let long = "ünïcödé-very-long-organisation-name-inco-soc2-ai-readiness";
    std::fs::rename(&globex, store.dir.join(format!("{long}.json"))).unwrap();
    let mut app = quiet(App::new(Store::new(store.dir.clone())));
    press(&mut app, "<Down>dy");
    let shown = screen(&app, 60, 16);
    assert!(shown.contains("to the trash"), "{shown}");
    assert!(shown.contains("brings it back"), "{shown}");
    assert!(app.status.text.contains(&format!("soc2-ready restore {long}")), "{}", app.status.text);
}
