//! Shell completions: `soc2-ready completions SHELL` prints a script that registers the program with the
//! shell, and at Tab time the shell runs the program again with `_SOC2_READY_COMPLETE` set, which answers
//! from the same clap definitions as the command line (clap_complete's dynamic engine). So subcommands and
//! options never drift from what the program accepts, and values complete from what is on disk now:
//! assessment names from the store, questionnaire ids from the catalogue.

use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::CommandFactory as _;
use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter as _};
use clap_complete::env::{CompleteEnv, Shells};

use unicode_normalization::UnicodeNormalization as _;

use crate::paths;

/// The variable the registration scripts set when they call back into the program. Our own name, so that
/// another program's `COMPLETE=bash` in the environment never turns soc2-ready into a completer.
pub const VAR: &str = "_SOC2_READY_COMPLETE";

/// The program's name as the shells know it.
const BIN: &str = "soc2-ready";

/// The shells a script can be printed for.
pub fn shell_names() -> Vec<&'static str> {
    Shells::builtins().names().collect()
}

/// Answer a completion request and exit, when the shell's script called us for one; otherwise return at
/// once. Runs first in `main`, before anything is printed.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(super::Cli::command).var(VAR).bin(BIN).complete();
}

/// `soc2-ready completions SHELL`: print the registration script for that shell.
pub fn print_script(shell: &str) -> Result<ExitCode> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell)
        .ok_or_else(|| anyhow!("no completions for the shell `{shell}`; choose one of {}", shell_names().join(", ")))?;
    let program = callback(std::env::args_os().next());
    // clap_complete quotes the program for a POSIX shell and its bash script then puts that inside double
    // quotes, so a path with a space became `"'/opt/my tools/soc2-ready'"`, a command that does not exist.
    // bash gets the path from us, quoted for where it stands.
    let registered = if shell == "bash" { BASH_PROGRAM } else { program.as_str() };
    let mut script = Vec::new();
    completer
        .write_registration(VAR, BIN, BIN, registered, &mut script)
        .context("cannot write the completion script")?;
    if shell == "bash" {
        let text = with_bash_quoting(&String::from_utf8_lossy(&script));
        script = text.replace(BASH_PROGRAM, &in_double_quotes(&program)).into_bytes();
    }
    std::io::stdout().write_all(&script).context("cannot print the completion script")?;
    Ok(ExitCode::SUCCESS)
}

/// Where the program goes in the bash script, until it is put there quoted.
const BASH_PROGRAM: &str = "SOC2_READY_PROGRAM_PATH";

/// Text as it must be written between double quotes in bash.
fn in_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The function clap_complete's bash script registers.
const BASH_FUNCTION: &str = "_clap_complete_soc2_ready";

/// clap_complete's bash script puts candidates on the command line as they are, so `acme 2027` became two
/// words (clap-rs/clap#5313), and a name holding `` `cmd` `` or `$(cmd)` ran the command when Enter was
/// pressed: bash's own quoting of file names (`compopt -o filenames`) leaves `` ` `` and `$` as they are.
/// zsh and fish quote what they insert. So the script's own function is renamed, and the registered
/// function calls it and escapes each candidate itself: every character outside a small safe set gets a
/// backslash (`acme\ 2027`, ``wwq\`cmd\` ``); letters of other scripts are not special to bash and are left
/// alone (in the C locale bash walks a name byte by byte, and a backslash before each byte of `é` broke it).
/// In a word the user opened with a single quote nothing is
/// expanded, and bash closes the quote as it does for file names; in one opened with a double quote `$`,
/// `` ` ``, `\` and `!` stay live, so names holding them are not offered there.
fn with_bash_quoting(script: &str) -> String {
    let inner = "_soc2_ready_candidates";
    let renamed = script.replacen(&format!("{BASH_FUNCTION}() {{"), &format!("{inner}() {{"), 1);
    debug_assert_ne!(renamed, script, "clap_complete's bash function is no longer called {BASH_FUNCTION}");
    format!(
        r#"{renamed}
{BASH_FUNCTION}() {{
    {inner} "$@"
    local i j c candidate quoted word=${{COMP_WORDS[COMP_CWORD]}}
    case $word in
    \'* | \"*)
        if [[ $word == \"* ]]; then
            for i in "${{!COMPREPLY[@]}}"; do
                [[ ${{COMPREPLY[i]}} == *[\$\`\\\!]* ]] && unset 'COMPREPLY[i]'
            done
            COMPREPLY=("${{COMPREPLY[@]}}")
        fi
        for candidate in "${{COMPREPLY[@]}}"; do
            if [[ $candidate == *[^A-Za-z0-9_.,:=+@%/-]* ]]; then
                compopt -o filenames 2> /dev/null
                break
            fi
        done
        ;;
    *)
        for i in "${{!COMPREPLY[@]}}"; do
            candidate=${{COMPREPLY[i]}}
            quoted=
            for ((j = 0; j < ${{#candidate}}; j++)); do
                c=${{candidate:j:1}}
                case $c in
                [A-Za-z0-9_.,:=+@%/-]) ;;
                *) [[ $c == [[:alnum:]] || $c == [^[:ascii:]] ]] || quoted+='\' ;;
                esac
                quoted+=$c
            done
            COMPREPLY[i]=$quoted
        done
        ;;
    esac
}}
"#
    )
}

/// What the user has typed of a word, as the program will receive it. The shells hand the word over as it
/// was typed (zsh and fish always, bash when it holds a backslash), so `acme\ 2` and `'acme 2` both mean
/// `acme 2`, and match the name `acme 2027`.
pub fn unquoted(typed: &str) -> String {
    let mut out = String::with_capacity(typed.len());
    let mut quote = None;
    let mut chars = typed.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'') | (None, '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '\\') | (Some('"'), '\\') => out.extend(chars.next()),
            _ => out.push(c),
        }
    }
    out
}

/// How the script calls the program back: as it was called now. A bare name (installed on PATH) stays a
/// bare name, so the script keeps working when the program is upgraded in place; a relative path is made
/// absolute, so the script works from any folder. (clap_complete does the same for `_SOC2_READY_COMPLETE=bash
/// soc2-ready`.)
fn callback(argv0: Option<OsString>) -> String {
    let program = argv0.map(std::path::PathBuf::from).unwrap_or_else(|| BIN.into());
    let program = if program.components().count() > 1 && program.is_relative() {
        std::env::current_dir().map(|dir| dir.join(&program)).unwrap_or(program)
    } else {
        program
    };
    // `/home/me/./bin/soc2-ready` reads better without the `.`.
    let program: std::path::PathBuf =
        program.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    program.to_string_lossy().into_owned()
}

/// Candidates for an argument that takes an assessment: the names `soc2-ready list` shows (the file stems
/// of the store's `*.json` files; hidden files, the trash and the answer library left out), and files when
/// what is typed looks like a path or no name fits it. Reads only the folder, never the files, so Tab stays
/// instant in a store of thousands. Attach with
/// `add = ArgValueCompleter::new(completions::assessment_names)`.
pub fn assessment_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = unquoted(&current.to_string_lossy());
    // "é" typed as one character or as "e" and an accent starts the same names.
    let typed_nfc: String = typed.nfc().collect();
    let mut names: Vec<CompletionCandidate> = match paths::store_dir() {
        Some(dir) if !looks_like_path(&typed) => store_names(&dir)
            .into_iter()
            .filter(|n| n.starts_with(typed.as_str()) || n.nfc().collect::<String>().starts_with(&typed_nfc))
            .map(CompletionCandidate::new)
            .collect(),
        _ => Vec::new(),
    };
    if names.is_empty() && !typed.is_empty() {
        names = paths_like(&typed);
    }
    names
}

/// Candidates for `restore`: the names of the deleted assessments in the store's trash (each once), and
/// their ids (as `soc2-ready trash` lists them) when what is typed starts like one.
pub fn trash_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = unquoted(&current.to_string_lossy());
    let Some(dir) = paths::store_dir() else { return Vec::new() };
    let trash = crate::assessment::store::trash::Trash::of(&crate::assessment::Store::new(dir));
    // The ids start with the time of the deletion: offered once a digit asks for them.
    let ids_too = typed.starts_with(|c: char| c.is_ascii_digit());
    let mut names: Vec<String> = Vec::new();
    for entry in trash.list() {
        let offered = [Some(entry.name), ids_too.then_some(entry.id)];
        for offered in offered.into_iter().flatten() {
            if offered.starts_with(typed.as_str())
                && !offered.chars().any(|c| crate::text::is_unsafe(c) || c.is_control())
                && !names.contains(&offered)
            {
                names.push(offered);
            }
        }
    }
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// The names of the assessments in a store folder, sorted: stems of its visible `*.json` files whose names
/// hold no control characters.
pub fn store_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let library = crate::library::record::FILE_NAME;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        // A link is offered when it leads to a file: not to a folder, and not to nothing.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file())))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.') && name != library)
        // The shell prints candidates as they are: a name that could drive the terminal is not offered (the
        // file still opens by its path, typed).
        .filter(|name| !name.chars().any(|c| crate::text::is_unsafe(c) || c == '\n' || c == '\t'))
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .filter(|stem| !stem.is_empty())
        .collect();
    names.sort();
    names
}

/// Candidates for an argument that takes a questionnaire: the ids `soc2-ready questionnaires` lists (built-in
/// and your own, each with its title as help), and files when what is typed looks like a path or no id fits
/// it. Attach with `add = ArgValueCompleter::new(completions::questionnaire_ids)`.
pub fn questionnaire_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = unquoted(&current.to_string_lossy());
    let mut ids: Vec<CompletionCandidate> = Vec::new();
    if !looks_like_path(&typed) {
        let (entries, _) = crate::questionnaire::catalog::all(paths::user_questionnaires_dir().as_deref());
        ids = entries
            .into_iter()
            .filter(|e| e.questionnaire.id.starts_with(typed.as_str()))
            .map(|e| {
                let title = crate::text::one_line(&e.questionnaire.title);
                CompletionCandidate::new(e.questionnaire.id).help(Some(title.into()))
            })
            .collect();
    }
    if ids.is_empty() && !typed.is_empty() {
        ids = paths_like(&typed);
    }
    ids
}

/// Files and folders that start with what is typed, leaving out names that could drive the terminal.
fn paths_like(typed: &str) -> Vec<CompletionCandidate> {
    let mut found = PathCompleter::any().complete(OsStr::new(typed));
    found.retain(|c| !c.get_value().to_string_lossy().chars().any(|ch| crate::text::is_unsafe(ch) || ch == '\n'));
    found
}

/// What is typed so far names a file rather than an id or a name.
fn looks_like_path(typed: &str) -> bool {
    typed.starts_with(['.', '~', '/']) || typed.contains(std::path::MAIN_SEPARATOR) || typed.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_names_are_the_visible_json_stems_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b-org.json",
            "a-org.json",
            ".hidden.json",
            "library.json",
            "notes.txt",
            "a-org.json.bak",
            "evil\u{1b}[2J.json",
            "two\nlines.json",
            "rtl\u{202e}txt.json",
            "株式会社.json",
        ] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        std::fs::create_dir(dir.path().join(".trash")).unwrap();
        std::fs::write(dir.path().join(".trash").join("gone.json"), "{}").unwrap();
        std::fs::create_dir(dir.path().join("folder.json")).unwrap();
        assert_eq!(store_names(dir.path()), ["a-org", "b-org", "株式会社"]);
    }

    proptest::proptest! {
        /// Whatever files a store holds, every name offered is a `NAME.json` there, visible and safe to print.
        #[test]
        fn every_name_offered_is_a_safe_visible_assessment_file(
            names in proptest::collection::vec("[.a-z\u{1b}\u{7}\u{202e}\u{9f}\n\t 株é-]{0,12}(\\.json)?", 0..12)
        ) {
            let dir = tempfile::tempdir().unwrap();
            for name in names.iter().filter(|n| !n.is_empty() && *n != "." && *n != "..") {
                std::fs::write(dir.path().join(name), "{}").unwrap();
            }
            for offered in store_names(dir.path()) {
                proptest::prop_assert!(dir.path().join(format!("{offered}.json")).is_file(), "{:?}", offered);
                proptest::prop_assert!(!offered.starts_with('.') && !offered.is_empty(), "{:?}", offered);
                proptest::prop_assert!(!offered.chars().any(|c| crate::text::is_unsafe(c) || c == '\n'), "{:?}", offered);
            }
        }
    }

    #[test]
    fn what_is_typed_is_read_as_the_shell_will_pass_it() {
        assert_eq!(unquoted(r"acme\ 2"), "acme 2");
        assert_eq!(unquoted("'acme 2"), "acme 2");
        assert_eq!(unquoted("\"acme 2\""), "acme 2");
        assert_eq!(unquoted(r"it\'s"), "it's");
        assert_eq!(unquoted(r"'a\b'"), r"a\b", "no escapes inside single quotes");
        assert_eq!(unquoted("株式"), "株式");
        assert_eq!(unquoted(r"trailing\"), "trailing");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_offered_only_when_it_leads_to_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.json"), "{}").unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        std::os::unix::fs::symlink("real.json", dir.path().join("linked.json")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/x.json", dir.path().join("dangling.json")).unwrap();
        std::os::unix::fs::symlink("folder", dir.path().join("to-folder.json")).unwrap();
        assert_eq!(store_names(dir.path()), ["linked", "real"]);
    }

    #[test]
    fn a_missing_store_has_no_names() {
        assert!(store_names(Path::new("/nonexistent/soc2-ready/store")).is_empty());
    }

    #[test]
    fn paths_are_told_from_names() {
        assert!(looks_like_path("./x"));
        assert!(looks_like_path("~/x"));
        assert!(looks_like_path("/tmp"));
        assert!(looks_like_path("dir/file"));
        assert!(looks_like_path("acme.json"));
        assert!(!looks_like_path("acme-ai"));
        assert!(!looks_like_path(""));
    }

    #[test]
    fn a_bare_program_name_stays_bare_and_a_relative_path_becomes_absolute() {
        assert_eq!(callback(Some("soc2-ready".into())), "soc2-ready");
        assert_eq!(callback(Some("/usr/bin/soc2-ready".into())), "/usr/bin/soc2-ready");
        let relative = callback(Some("target/debug/soc2-ready".into()));
        assert!(Path::new(&relative).is_absolute(), "{relative}");
        assert!(relative.ends_with("target/debug/soc2-ready"));
    }
}
