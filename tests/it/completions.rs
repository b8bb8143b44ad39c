//! Shell completions, through the real binary: the printed scripts load, and Tab is answered from the clap
//! definitions and from what is on disk (assessment names in the store, questionnaire ids in the catalogue).
//!
//! The bash tests source the script `soc2-ready completions bash` prints, set `COMP_WORDS`/`COMP_CWORD` as
//! bash does at Tab, call the completion function and print `COMPREPLY`: the whole path a user's Tab takes,
//! including the call back into the binary with `_SOC2_READY_COMPLETE=bash`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{BIN, Env};

/// The sandbox with two assessments in its store, a user questionnaire (`demo`), and things in the store
/// that are not assessments: a hidden file, the answer library, the trash folder with a deleted assessment.
fn sandbox() -> Env {
    let env = Env::new();
    for (questionnaire, org) in [("soc2-ai-readiness", "Acme AI"), ("ai-vendor-assessment", "Model Co")] {
        let out = env.run(&["new", questionnaire, "--org", org, "--no-open"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let store = env.store();
    fs::write(store.join(".hidden-draft.json"), "{}").unwrap();
    fs::write(store.join("evil\u{1b}[31mred.json"), "{}").unwrap();
    fs::write(store.join("library.json"), r#"{"entries":[]}"#).unwrap();
    fs::write(store.join("acme-ai-soc2-ai-readiness.json.bak"), "{}").unwrap();
    fs::create_dir_all(store.join(".trash")).unwrap();
    fs::write(store.join(".trash").join("deleted-org-soc2-ai-readiness.json"), "{}").unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    fs::copy(demo, env.user_dir().join("demo.json")).unwrap();
    env
}

/// What bash offers at Tab for a command line whose last word is the one being completed: the script is
/// sourced, the words set as bash sets them, the completion function called, `COMPREPLY` printed one per
/// line.
fn tab(env: &Env, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{}'", w.replace('\'', r"'\''"))).collect();
    let script = format!(
        r#"source <("$SOC2_READY_BIN" completions bash) || exit 90
COMP_WORDS=(soc2-ready {words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_TYPE=9
COMPREPLY=()
_clap_complete_soc2_ready soc2-ready "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        words = quoted.join(" ")
    );
    let out = bash(env, &script);
    assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

fn bash(env: &Env, script: &str) -> Output {
    shell(env, "bash", &["--norc", "--noprofile", "-c", script])
}

fn set(items: &[String]) -> BTreeSet<&str> {
    items.iter().map(String::as_str).collect()
}

#[test]
fn the_bash_script_loads_and_registers_the_program() {
    let env = Env::new();
    let out = bash(&env, r#"source <("$SOC2_READY_BIN" completions bash) && complete -p soc2-ready"#);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let registered = String::from_utf8(out.stdout).unwrap();
    assert!(registered.contains("-F _clap_complete_soc2_ready soc2-ready"), "{registered}");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_shell_gets_a_script_that_names_the_program_and_calls_it_back_with_our_own_variable() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", String::from_utf8_lossy(&out.stderr));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.trim().len() > 100, "{shell}: {script}");
        assert!(script.contains("soc2-ready"), "{shell} does not name the binary: {script}");
        assert!(script.contains("_SOC2_READY_COMPLETE"), "{shell} does not use our variable: {script}");
        assert!(script.contains(BIN), "{shell} does not call this binary back: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_that_lists_the_shells() {
    let out = Env::new().run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(err.contains(shell), "{err}");
    }
}

#[test]
fn open_offers_the_assessments_in_the_store_and_nothing_else_there() {
    let env = sandbox();
    let offered = tab(&env, &["open", ""]);
    assert_eq!(
        set(&offered),
        BTreeSet::from(["acme-ai-soc2-ai-readiness", "model-co-ai-vendor-assessment", "--plain", "--help"]),
        "hidden files, the answer library, backups and the trash are not assessments, and a name that could \
         drive the terminal is not offered"
    );
    assert_eq!(tab(&env, &["open", "ac"]), ["acme-ai-soc2-ai-readiness"]);

    // A name in another script completes like any other.
    let store = env.store();
    fs::copy(store.join("acme-ai-soc2-ai-readiness.json"), store.join("株式会社-soc2-ai-readiness.json")).unwrap();
    assert_eq!(tab(&env, &["open", "株式"]), ["株式会社-soc2-ai-readiness"]);
}

#[test]
fn every_command_that_takes_an_assessment_completes_its_name() {
    let env = sandbox();
    let lines: [&[&str]; 13] = [
        &["answer", "mo"],
        &["report", "mo"],
        &["show", "mo"],
        &["followups", "mo"],
        &["merge", "acme-ai-soc2-ai-readiness", "mo"],
        &["diff", "acme-ai-soc2-ai-readiness", "mo"],
        &["resolve", "mo"],
        &["export", "mo"],
        &["fill", "mo"],
        &["new", "soc2-ai-readiness", "--from", "mo"],
        &["new", "soc2-ai-readiness", "--org", "X", "--from", "mo"],
        &["diff", "mo"],
        &["search", "mo"],
    ];
    for words in lines {
        assert_eq!(tab(&env, words), ["model-co-ai-vendor-assessment"], "soc2-ready {}", words.join(" "));
    }
}

#[test]
fn new_offers_the_built_in_and_your_own_questionnaires_and_files_by_path() {
    let env = sandbox();
    let offered = tab(&env, &["new", ""]);
    for id in ["soc2-ai-readiness", "ai-vendor-assessment", "demo"] {
        assert!(offered.iter().any(|o| o == id), "{id} not offered: {offered:?}");
    }
    assert_eq!(tab(&env, &["new", "soc"]), ["soc2-ai-readiness"]);
    assert_eq!(tab(&env, &["export-questionnaire", "ai-"]), ["ai-vendor-assessment"]);

    // A path: the questionnaire argument also takes a file.
    env.file("my-questions.json", "{}");
    assert_eq!(tab(&env, &["new", "./my"]), ["./my-questions.json"]);
    // Nothing of the catalogue starts so: a file in the folder may.
    assert_eq!(tab(&env, &["new", "my-q"]), ["my-questions.json"]);
    env.file("my-\u{1b}[2J.json", "{}");
    assert_eq!(tab(&env, &["new", "./my"]), ["./my-questions.json"], "no escape sequence reaches the terminal");
}

#[test]
fn subcommands_and_options_complete_from_the_clap_definitions() {
    let env = sandbox();
    let offered = tab(&env, &[""]);
    for command in ["open", "new", "report", "library", "completions", "man", "config"] {
        assert!(offered.iter().any(|o| o == command), "{command} not offered: {offered:?}");
    }
    assert_eq!(set(&tab(&env, &["co"])), BTreeSet::from(["completions", "config", "confirm"]));
    assert_eq!(tab(&env, &["rep"]), ["report"]);
    assert_eq!(set(&tab(&env, &["library", "re"])), BTreeSet::from(["remove"]));
    assert_eq!(
        set(&tab(&env, &["report", "x", "--format", ""])),
        BTreeSet::from(["md", "html", "json", "csv", "docx"])
    );
    assert_eq!(set(&tab(&env, &["completions", "f"])), BTreeSet::from(["fish"]));
}

#[test]
fn an_empty_or_missing_store_offers_nothing_and_fails_nothing() {
    let env = Env::new();
    assert_eq!(set(&tab(&env, &["open", ""])), BTreeSet::from(["--plain", "--help"]));
    assert!(!env.store().exists(), "completing must not create the store");
}

/// The call the bash script makes, without bash: the engine alone, as the script sets it up.
fn engine(env: &Env, index: usize, words: &[&str]) -> Output {
    env.cmd()
        .env("_SOC2_READY_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap()
}

#[test]
fn the_completion_request_is_answered_before_anything_else_runs() {
    let env = sandbox();
    // A clock that is not a time stops every command at start; a completion request is answered first.
    let out = engine(&env, 2, &["soc2-ready", "open", "acme"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "acme-ai-soc2-ai-readiness");
    let out = env
        .cmd()
        .env("SOC2_READY_NOW", "not a time")
        .env("_SOC2_READY_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .args(["--", "soc2-ready", "open", "acme"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "acme-ai-soc2-ai-readiness");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn another_programs_generic_complete_variable_does_not_turn_soc2_ready_into_a_completer() {
    let env = Env::new();
    let out = env.cmd().env("COMPLETE", "bash").arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("soc2-ready "));
}

/// A shell run in the sandbox, with none of the user's start-up files.
fn shell(env: &Env, program: &str, args: &[&str]) -> Output {
    std::process::Command::new(program)
        .args(args)
        .env("SOC2_READY_BIN", BIN)
        .env("SOC2_READY_HOME", env.home.path())
        .env("SOC2_READY_CONFIG", env.config.path())
        .env("HOME", env.work.path())
        .env("XDG_DATA_HOME", env.work.path().join("xdg-data"))
        .env("XDG_CONFIG_HOME", env.work.path().join("xdg-config"))
        .current_dir(env.work.path())
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (.ci/run installs it when missing): {e}"))
}

#[test]
#[ignore = "needs fish: .ci/run installs it and runs this with --include-ignored"]
fn fish_completes_assessment_names_and_questionnaire_ids_with_their_titles() {
    let env = sandbox();
    let out = shell(
        &env,
        "fish",
        &[
            "--no-config",
            "-c",
            r#"source ("$SOC2_READY_BIN" completions fish | psub)
complete -C "soc2-ready open mo"
complete -C "soc2-ready new soc"
complete -C "soc2-ready rep""#,
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    assert_eq!(lines[0], "model-co-ai-vendor-assessment");
    assert_eq!(lines[1], "soc2-ai-readiness\tSOC 2 readiness for AI companies");
    assert!(lines[2].starts_with("report\t"), "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
}

#[test]
#[ignore = "needs zsh: .ci/run installs it and runs this with --include-ignored"]
fn zsh_loads_the_script_and_registers_the_completer() {
    let env = Env::new();
    let out = shell(
        &env,
        "zsh",
        &[
            "-f",
            "-c",
            r#"autoload -U compinit && compinit -u -D && source <("$SOC2_READY_BIN" completions zsh) && print -r -- ${_comps[soc2-ready]}"#,
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "_clap_dynamic_completer_soc2_ready");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    // What the zsh function receives at Tab: `value:help` lines.
    let env = sandbox();
    let out = env
        .cmd()
        .env("_SOC2_READY_COMPLETE", "zsh")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_IFS", "\n")
        .args(["--", "soc2-ready", "new", "ai"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "ai-vendor-assessment:AI vendor security assessment");
}

/// A name with a space (or a quote, or `$`) completes to one word: what is typed may be escaped or quoted as
/// the shell needs, and bash gets each candidate escaped (`acme\ 2027`), which zsh and fish do on their own.
/// Before, bash inserted `acme 2027`: two words.
#[test]
fn a_name_with_a_space_completes_as_one_word_however_it_is_typed() {
    let env = sandbox();
    let store = env.store();
    fs::copy(store.join("acme-ai-soc2-ai-readiness.json"), store.join("acme 2027.json")).unwrap();
    fs::copy(store.join("acme-ai-soc2-ai-readiness.json"), store.join("it's ours.json")).unwrap();
    // bash passes a word with a backslash as typed, and a quoted word without its quote; zsh passes both
    // as typed.
    for typed in [r"acme\ 2", "acme 2"] {
        assert_eq!(tab(&env, &["show", typed]), [r"acme\ 2027"], "{typed}");
    }
    // In a quote the user opened, bash quotes the candidate as a file name (and closes the quote).
    for typed in ["'acme 2", "\"acme 2"] {
        assert_eq!(tab(&env, &["show", typed]), ["acme 2027"], "{typed}");
    }
    assert_eq!(tab(&env, &["show", r"it\'s"]), [r"it\'s\ ours"]);
    fs::copy(store.join("acme 2027.json"), store.join("Café AI.json")).unwrap();
    assert_eq!(tab(&env, &["show", "Cafe\u{301}"]), [r"Café\ AI"], "typed decomposed, the name is composed");
    for shell in ["zsh", "fish"] {
        let out = env
            .cmd()
            .env("_SOC2_READY_COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "2")
            .env("_CLAP_IFS", "\n")
            .args(["--", "soc2-ready", "show", r"acme\ 2"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "acme 2027", "{shell}");
    }

    // In an opened quote, bash quotes the candidates as file names when one needs it, and only then.
    let quoting = |words: &str| {
        let script = format!(
            r#"source <("$SOC2_READY_BIN" completions bash) || exit 90
compopt() {{ echo "compopt $*"; }}
COMP_WORDS=(soc2-ready {words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_TYPE=9
_clap_complete_soc2_ready soc2-ready "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
"#
        );
        let out = bash(&env, &script);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().any(|l| l == "compopt -o filenames")
    };
    assert!(quoting("show \\'acme"), "acme 2027 is among the candidates");
    assert!(!quoting("show \\'acme-"), "acme-ai-soc2-ai-readiness needs no quoting");
    assert!(!quoting("report x --format ''"));
}

/// A name holding a command substitution (made by hand: soc2-ready refuses such names) completes escaped,
/// so Tab and Enter never run it: bash's own file-name quoting left `` ` `` and `$` as they were (attack 7).
#[test]
fn a_name_a_shell_would_run_completes_escaped_or_not_at_all() {
    let env = sandbox();
    let store = env.store();
    fs::copy(store.join("acme-ai-soc2-ai-readiness.json"), store.join("wwq`touch pwned`.json")).unwrap();
    fs::copy(store.join("acme-ai-soc2-ai-readiness.json"), store.join("wwz$(touch pwned).json")).unwrap();
    assert_eq!(tab(&env, &["show", "ww"]), [r"wwq\`touch\ pwned\`", r"wwz\$\(touch\ pwned\)"]);
    // Inside double quotes `$` and `` ` `` stay live: those names are not offered there.
    assert_eq!(tab(&env, &["show", "\"ww"]), Vec::<String>::new());
    // Inside single quotes nothing is expanded.
    assert_eq!(tab(&env, &["show", "'ww"]), ["wwq`touch pwned`", "wwz$(touch pwned)"]);
    // What the escaped word means to bash is the name itself.
    let script = r#"eval "printf '%s\n' wwq\\\`touch\\ pwned\\\`""#;
    let out = bash(&env, script);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "wwq`touch pwned`\n");
    assert!(!env.work.path().join("pwned").exists());
}

/// `restore` completes the names in the trash (and their ids once a digit is typed), not the store's.
#[test]
fn restore_offers_what_is_in_the_trash() {
    let env = sandbox();
    for name in ["model-co-ai-vendor-assessment", "acme-ai-soc2-ai-readiness"] {
        let out = env.run(&["delete", name]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(
        set(&tab(&env, &["restore", ""])),
        BTreeSet::from(["model-co-ai-vendor-assessment", "acme-ai-soc2-ai-readiness", "--as", "--help"])
    );
    assert_eq!(tab(&env, &["restore", "mo"]), ["model-co-ai-vendor-assessment"]);
    assert_eq!(
        set(&tab(&env, &["restore", "2026"])),
        BTreeSet::from([
            "20260115T090000Z-model-co-ai-vendor-assessment",
            "20260115T090000Z-acme-ai-soc2-ai-readiness"
        ])
    );
}

/// Run from a folder whose path has a space, a quote or a `$`, the bash script still calls the program back:
/// clap_complete's script put the path, quoted, inside double quotes (`"'/opt/my tools/soc2-ready'"`), a
/// command that does not exist, so Tab offered nothing.
#[cfg(unix)]
#[test]
fn the_bash_script_calls_the_program_back_from_a_folder_with_a_space_in_its_path() {
    let env = sandbox();
    let folder = env.work.path().join("my tools $HOME 'x'");
    fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink(BIN, folder.join("soc2-ready")).unwrap();
    let script = r#"source <("$PROGRAM" completions bash) || exit 90
COMP_WORDS=(soc2-ready open mo)
COMP_CWORD=2
COMP_TYPE=9
_clap_complete_soc2_ready soc2-ready mo open
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("PROGRAM", folder.join("soc2-ready"))
        .env("SOC2_READY_HOME", env.home.path())
        .env("SOC2_READY_CONFIG", env.config.path())
        .current_dir(env.work.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "model-co-ai-vendor-assessment");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
