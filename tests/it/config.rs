//! `soc2-ready config`: where each file is under the environment it runs in, whether it exists, and the
//! variables that moved it.

use std::fs;

use serde_json::Value;

use crate::common::Env;

fn json(env: &Env, extra: &[(&str, &str)]) -> Value {
    let mut cmd = env.cmd();
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let out = cmd.args(["config", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn config_json_names_every_place_under_the_variables_given() {
    let env = Env::new();
    let home = env.home.path();
    let config = env.config.path();
    let doc = json(&env, &[]);
    let places = &doc["places"];
    let expected = [
        ("store", home.join("assessments")),
        ("trash", home.join("assessments").join(".trash")),
        ("library", home.join("assessments").join("library.json")),
        ("config", config.to_path_buf()),
        ("questionnaires", config.join("questionnaires")),
        ("estimates", config.join("estimates.json")),
        ("keymap", config.join("keymap.json")),
    ];
    assert_eq!(places.as_object().unwrap().len(), expected.len());
    for (id, path) in &expected {
        assert_eq!(places[id]["path"], path.to_str().unwrap(), "{id}");
    }
    // Nothing made yet but the two temporary folders.
    assert_eq!(places["config"]["exists"], true);
    for id in ["store", "trash", "library", "questionnaires", "estimates", "keymap"] {
        assert_eq!(places[id]["exists"], false, "{id}");
        assert!(places[id]["when_absent"].as_str().is_some_and(|s| !s.is_empty()), "{id}");
    }
    assert!(!env.store().exists(), "config only looks: it creates nothing");

    let environment = &doc["environment"];
    assert_eq!(environment["SOC2_READY_HOME"]["value"], home.to_str().unwrap());
    assert_eq!(environment["SOC2_READY_CONFIG"]["value"], config.to_str().unwrap());
    for name in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME", "NO_COLOR", "TERM", "SOC2_READY_NOW"] {
        assert!(environment[name]["changes"].as_str().is_some_and(|s| !s.is_empty()), "{name}");
    }
}

#[test]
fn config_says_what_exists_and_what_is_of_the_wrong_kind() {
    let env = Env::new();
    assert!(env.run(&["new", "soc2-ai-readiness", "--org", "Acme", "--no-open"]).status.success());
    env.user_dir();
    fs::write(env.config.path().join("keymap.json"), "{}").unwrap();
    // A folder where the estimates file belongs.
    fs::create_dir(env.config.path().join("estimates.json")).unwrap();
    let doc = json(&env, &[]);
    let places = &doc["places"];
    for id in ["store", "config", "questionnaires", "keymap"] {
        assert_eq!(places[id]["exists"], true, "{id}");
        assert_eq!(places[id]["wrong_kind"], false, "{id}");
    }
    assert_eq!(places["estimates"]["exists"], false);
    assert_eq!(places["estimates"]["wrong_kind"], true);
    assert_eq!(places["trash"]["exists"], false);

    let out = env.run(&["config"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |what: &str| text.lines().find(|l| l.trim_start().starts_with(what)).unwrap().to_string();
    assert!(line("assessments (the store)").contains(" yes "), "{text}");
    assert!(line("your keys").contains(" yes "), "{text}");
    assert!(line("estimate parameters").contains(" not a file "), "{text}");
    assert!(line("deleted assessments").contains(" no "), "{text}");
    assert!(text.contains("(made when an assessment is first"), "{text}");
}

#[test]
fn config_text_shows_each_variable_with_its_value_or_not_set() {
    let env = Env::new();
    let out =
        env.cmd().env("NO_COLOR", "1").env_remove("TERM").env("SOC2_READY_NOW", "").arg("config").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("SOC2_READY_HOME={}", env.home.path().display())), "{text}");
    assert!(text.contains(&format!("SOC2_READY_CONFIG={}", env.config.path().display())), "{text}");
    assert!(text.contains("NO_COLOR=1"), "{text}");
    assert!(text.contains("TERM (not set)"), "{text}");
    assert!(text.contains("SOC2_READY_NOW (not set)"), "an empty value counts as not set: {text}");
    assert!(text.contains(&format!("{}", env.home.path().join("assessments").join(".trash").display())), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "lines are wrapped:\n{text}");
}

#[test]
fn without_the_variables_the_platform_folders_are_shown() {
    let env = Env::new();
    let xdg_data = env.work.path().join("xdg-data");
    let xdg_config = env.work.path().join("xdg-config");
    let out = env
        .cmd()
        .env_remove("SOC2_READY_HOME")
        .env_remove("SOC2_READY_CONFIG")
        .args(["config", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    if cfg!(target_os = "linux") {
        assert_eq!(doc["places"]["store"]["path"], xdg_data.join("soc2-ready/assessments").to_str().unwrap());
        assert_eq!(doc["places"]["keymap"]["path"], xdg_config.join("soc2-ready/keymap.json").to_str().unwrap());
    }
    assert_eq!(doc["environment"]["SOC2_READY_HOME"]["value"], Value::Null);
}

#[test]
fn control_characters_in_a_path_never_reach_the_terminal() {
    let env = Env::new();
    let hostile = env.work.path().join("evil\u{1b}[2Jhome");
    let out = env.cmd().env("SOC2_READY_HOME", &hostile).arg("config").output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_keymap_file_config_names_is_the_one_the_interface_reads() {
    assert_eq!(soc2_ready::paths::KEYMAP_FILE, soc2_ready::tui::keymap::KEYMAP_FILE);
}

/// With SOC2_READY_HOME naming a file, the store cannot be made: config says so and why, instead of "made when
/// the first assessment is saved".
#[test]
fn config_says_when_a_place_cannot_be_made() {
    let env = Env::new();
    let file = env.file("a-file", "x");
    let out = env.cmd().env("SOC2_READY_HOME", &file).arg("config").output().unwrap();
    assert!(out.status.success());
    // The notes are wrapped: read them as one line.
    let text = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("cannot be made:") && text.contains("a-file is a file, not a folder"), "{text}");
    assert!(text.contains("point SOC2_READY_HOME at a folder"), "{text}");
    assert!(!text.contains("made when the first assessment is saved"), "{text}");
    let doc = json(&env, &[("SOC2_READY_HOME", file.to_str().unwrap())]);
    assert!(doc["places"]["store"]["cannot_be_made_because"].as_str().unwrap().contains("a-file"), "{doc}");
    assert_eq!(doc["places"]["keymap"]["cannot_be_made_because"], Value::Null);
}
