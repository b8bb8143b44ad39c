//! The manual page: `soc2-ready man` prints roff that `man` renders without a warning, with a section for
//! every command (walked from the same clap definitions the parser uses, so a new command is checked
//! without touching this test) holding its options and arguments, and the environment and files.

use std::collections::BTreeMap;
use std::process::Command;

use clap::CommandFactory as _;

use crate::common::Env;

fn page(env: &Env) -> Vec<u8> {
    let out = env.run(&["man"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The page as `man -l` shows it at 80 columns, with the sections by heading.
fn rendered(env: &Env) -> (String, BTreeMap<String, String>) {
    let file = env.file("soc2-ready.1", page(env));
    let out = Command::new("man")
        .args(["-P", "cat", "-l"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("`man` runs (.ci/run installs man-db when it is missing)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Some set-ups typeset a hyphen as U+2010 and a minus as U+2212: read both as the dash the user types.
    let text = String::from_utf8(out.stdout).unwrap().replace(['\u{2010}', '\u{2212}'], "-");
    let mut sections = BTreeMap::new();
    let mut heading = String::new();
    for line in text.lines() {
        if !line.is_empty() && !line.starts_with(' ') && !line.contains("soc2-ready(1)") {
            heading = line.to_string();
            sections.insert(heading.clone(), String::new());
        } else if let Some(body) = sections.get_mut(&heading) {
            body.push_str(line);
            body.push('\n');
        }
    }
    (text, sections)
}

/// Every command and nested command, with the clap definition it comes from.
fn commands(cmd: &clap::Command, out: &mut Vec<clap::Command>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        out.push(sub.clone());
        commands(sub, out);
    }
}

#[test]
#[ignore = "needs man (man-db): .ci/run installs it and runs this with --include-ignored"]
fn man_renders_a_section_for_every_command_with_its_options_and_arguments() {
    let env = Env::new();
    let (text, sections) = rendered(&env);
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "ENVIRONMENT", "FILES"] {
        assert!(sections.contains_key(heading), "no {heading} section in:\n{text}");
    }

    let mut cli = soc2_ready::cli::Cli::command();
    cli.build();
    let mut all = Vec::new();
    commands(&cli, &mut all);
    assert!(all.len() >= 20, "{} commands", all.len());
    assert!(all.iter().any(|c| c.get_bin_name() == Some("soc2-ready library add")), "nested commands are walked");
    for command in &all {
        let name = command.get_bin_name().unwrap();
        let body = sections
            .get(&name.to_uppercase())
            .unwrap_or_else(|| panic!("no section for `{name}`; the sections are {:?}", sections.keys()));
        assert!(body.contains("SYNOPSIS") && body.contains("DESCRIPTION"), "{name}:\n{body}");
        assert!(body.contains(name), "`{name}`'s synopsis does not name it:\n{body}");
        for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
            let shown = match arg.get_long() {
                Some(long) => vec![format!("--{long}")],
                None => {
                    let value = arg.get_value_names().map_or(arg.get_id().as_str().to_uppercase(), |v| v.join(" "));
                    vec![format!("<{value}>"), format!("[{value}]")]
                }
            };
            assert!(shown.iter().any(|s| body.contains(s)), "`{name}` does not show {shown:?}:\n{body}");
        }
        if command.get_arguments().any(|a| a.is_positional() && !a.is_hide_set()) {
            assert!(body.contains("ARGUMENTS"), "`{name}` has arguments but no ARGUMENTS part:\n{body}");
        }
        let commands_list = &sections["COMMANDS"];
        assert!(commands_list.contains(name), "COMMANDS does not list `{name}`");
    }
}

#[test]
#[ignore = "needs man (man-db): .ci/run installs it and runs this with --include-ignored"]
fn man_describes_the_environment_and_the_files() {
    let env = Env::new();
    let (_, sections) = rendered(&env);
    let environment = &sections["ENVIRONMENT"];
    for variable in ["SOC2_READY_HOME", "SOC2_READY_CONFIG", "NO_COLOR", "TERM", "SOC2_READY_NOW", "XDG_DATA_HOME"] {
        assert!(environment.contains(variable), "{variable} missing:\n{environment}");
    }
    assert!(environment.contains("TERM=dumb"), "{environment}");
    let files = &sections["FILES"];
    for file in [
        "~/.local/share/soc2-ready/assessments/",
        ".trash/",
        "library.json",
        "~/.config/soc2-ready/questionnaires/",
        "estimates.json",
        "keymap.json",
    ] {
        assert!(files.contains(file), "{file} missing:\n{files}");
    }
    assert!(files.contains("soc2-ready config"), "FILES points to `config` for this machine's paths:\n{files}");
}

#[test]
#[ignore = "needs groff: .ci/run installs it and runs this with --include-ignored"]
fn groff_finds_nothing_to_warn_about() {
    let env = Env::new();
    let file = env.file("soc2-ready.1", page(&env));
    let out = Command::new("groff")
        .args(["-ww", "-z", "-man"])
        .arg(&file)
        .output()
        .expect("`groff` runs (.ci/run installs man-db and groff-base when `man` is missing)");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warnings");
}

#[test]
fn the_page_is_roff_and_the_same_on_every_machine() {
    let one = Env::new();
    let other = Env::new();
    let page_one = page(&one);
    assert_eq!(page_one, page(&other), "the page must not depend on the machine's folders");
    let text = String::from_utf8(page_one).unwrap();
    assert_eq!(text.matches(".TH ").count(), 1, "one page");
    assert!(text.contains(".TH soc2-ready 1 "), "{}", &text[..200]);
    assert!(!text.contains(one.home.path().to_str().unwrap()));
    assert_eq!(text.matches(".ds Aq").count(), 2, "the apostrophe preamble once");
}

/// Each command's synopsis shows what every option takes (`[--as <NEW_NAME>]`, not `[--as]`, which read
/// like a switch), and an argument that takes several words says so (`<WORDS>...`), as `--help` does.
#[test]
#[ignore = "needs man (man-db): .ci/run installs it and runs this with --include-ignored"]
fn every_synopsis_shows_the_values_options_take() {
    let env = Env::new();
    let (_, sections) = rendered(&env);
    let mut cli = soc2_ready::cli::Cli::command();
    cli.build();
    let mut all = Vec::new();
    commands(&cli, &mut all);
    let mut checked = 0;
    for command in &all {
        let name = command.get_bin_name().unwrap();
        let body = &sections[&name.to_uppercase()];
        let synopsis: String =
            body.split("DESCRIPTION").next().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        for arg in command.get_arguments().filter(|a| !a.is_hide_set() && a.get_action().takes_values()) {
            let value = arg.get_value_names().map_or(arg.get_id().as_str().to_uppercase(), |v| v.join(" "));
            let shown = match arg.get_long() {
                Some(long) => format!("--{long} <{value}>"),
                None => value,
            };
            assert!(synopsis.contains(&shown), "`{name}`'s synopsis does not show {shown}: {synopsis}");
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");
    let search = &sections["SOC2-READY SEARCH"];
    assert!(search.contains("[--limit <N>]") && search.contains("<WORDS>..."), "{search}");
    assert!(sections["SOC2-READY RESTORE"].contains("[--as <NEW_NAME>]"));
}
