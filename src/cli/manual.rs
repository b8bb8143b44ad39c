//! `soc2-ready man`: one roff manual page for the whole program, made by clap_mangen from the same clap
//! definitions as `--help`. The top-level command first (name, synopsis, description, options, the list of
//! commands), then one section per command and nested command (its synopsis, description, options and
//! arguments), then the environment and the files, which clap does not describe, from `paths`.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory as _;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::paths;

/// Print the manual page on standard output.
pub fn print() -> Result<ExitCode> {
    let page = page().context("cannot write the manual page")?;
    std::io::stdout().write_all(&page).context("cannot print the manual page")?;
    Ok(ExitCode::SUCCESS)
}

/// The whole manual page, in roff.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut cli = super::Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut out = Vec::new();
    // clap_mangen leaves an empty date out of `.TH` altogether, which moves the other fields into the wrong
    // places; `\&` is roff's empty string. The page has no date: it describes the binary that prints it.
    let top = Man::new(for_the_page(cli.clone())).date("\\&").manual("User Commands");
    top.render_title(&mut out)?;
    // Paths and commands read better unbroken and without the gaps of justified lines.
    let mut layout = Roff::default();
    layout.control("nh", []).control("ad", ["l"]);
    layout.to_writer(&mut out)?;
    top.render_name_section(&mut out)?;
    top.render_synopsis_section(&mut out)?;
    top.render_description_section(&mut out)?;
    top.render_options_section(&mut out)?;
    commands_list(&cli).to_writer(&mut out)?;
    for command in visible_subcommands(&cli) {
        command_sections(command, &mut out)?;
    }
    environment().to_writer(&mut out)?;
    files().to_writer(&mut out)?;
    top.render_version_section(&mut out)?;
    let page = String::from_utf8_lossy(&without_repeated_preamble(&out)).replace(NO_BREAK, "\\~");
    Ok(page.into_bytes())
}

/// Every piece clap_mangen renders starts with the same two lines defining the apostrophe string; the page
/// needs them once, at the top.
fn without_repeated_preamble(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut seen = Vec::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble && seen.contains(&line) {
            continue;
        }
        if preamble {
            seen.push(line);
        }
        out.push_str(line);
    }
    out.into_bytes()
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// The full name a command is typed with (`soc2-ready library add`), set by clap when the parent is built.
fn full_name(cmd: &clap::Command) -> &str {
    cmd.get_bin_name().unwrap_or_else(|| cmd.get_name())
}

/// COMMANDS: every command and nested command with its one-line summary, each described in full in its
/// own section further down.
fn commands_list(cli: &clap::Command) -> Roff {
    fn add(roff: &mut Roff, cmd: &clap::Command) {
        for sub in visible_subcommands(cmd) {
            roff.control("TP", []);
            roff.text([bold(full_name(sub))]);
            if let Some(about) = sub.get_about() {
                roff.text([roman(about.to_string())]);
            }
            add(roff, sub);
        }
    }
    let mut roff = Roff::default();
    roff.control("SH", ["COMMANDS"]);
    roff.text([
        roman("Each command is described in its own section below. Every command also has "),
        bold("--help"),
        roman("."),
    ]);
    add(&mut roff, cli);
    roff
}

/// One section for a command, named by how it is typed, with clap_mangen's synopsis, description, options
/// and arguments as its subsections; then its own commands, if it has any.
fn command_sections(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut heading = Roff::default();
    heading.control("SH", [full_name(cmd).to_uppercase().as_str()]);
    heading.to_writer(out)?;
    let man = Man::new(for_the_page(cmd.clone()));
    let mut body = Vec::new();
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut body)?;
    }
    out.extend(as_subsections(&body));
    for sub in visible_subcommands(cmd) {
        command_sections(sub, out)?;
    }
    Ok(())
}

/// A command as the page shows it: positional arguments under their own ARGUMENTS heading rather than among
/// the options, and a command that has commands of its own written `COMMAND` in its synopsis, as `--help`
/// writes it.
fn for_the_page(mut cmd: clap::Command) -> clap::Command {
    let positionals: Vec<clap::Id> = cmd.get_positionals().map(|a| a.get_id().clone()).collect();
    for id in positionals {
        cmd = cmd.mut_arg(id, |a| a.help_heading("Arguments"));
    }
    if cmd.has_subcommands() {
        cmd = cmd.subcommand_value_name("COMMAND");
    }
    let usage = synopsis(&cmd);
    cmd.override_usage(usage)
}

/// A command's synopsis as `--help` writes its options: each with the value it takes (`[--as <NEW_NAME>]`;
/// clap_mangen writes `[--as]`, which reads like a switch), `...` after what may be repeated, required
/// ones without brackets; then the arguments, then `COMMAND` when it has commands of its own.
fn synopsis(cmd: &clap::Command) -> String {
    let repeated = |arg: &clap::Arg| {
        matches!(arg.get_action(), clap::ArgAction::Append | clap::ArgAction::Count)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1)
    };
    let value = |arg: &clap::Arg| {
        arg.get_value_names().map_or_else(|| arg.get_id().as_str().to_uppercase(), |names| names.join(" "))
    };
    let bracketed = |text: String, required: bool| if required { text } else { format!("[{text}]") };
    let mut parts = vec![full_name(cmd).to_string()];
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set() && !a.is_positional()) {
        let mut text = match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => format!("-{short}|--{long}"),
            (None, Some(long)) => format!("--{long}"),
            (Some(short), None) => format!("-{short}"),
            (None, None) => continue,
        };
        if arg.get_action().takes_values() {
            text.push_str(&format!(" <{}>", value(arg)));
        }
        let text = bracketed(text, arg.is_required_set());
        parts.push(if repeated(arg) { format!("{text}...") } else { text });
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let text = if arg.is_required_set() { format!("<{}>", value(arg)) } else { format!("[{}]", value(arg)) };
        parts.push(if repeated(arg) { format!("{text}...") } else { text });
    }
    if cmd.has_subcommands() {
        let required = cmd.is_subcommand_required_set();
        parts.push(bracketed(cmd.get_subcommand_value_name().unwrap_or("COMMAND").to_string(), required));
    }
    // Within one option and its value, a space that never breaks (roff's `\~`, see `page`): `[--from
    // <LAST_YEAR>]` stays on one line.
    let name = parts.remove(0);
    [name].into_iter().chain(parts.iter().map(|p| p.replace(' ', &NO_BREAK.to_string()))).collect::<Vec<_>>().join(" ")
}

/// Stands for roff's unbreakable space until the page is written (the roff crate escapes a backslash).
const NO_BREAK: char = '\u{a0}';

/// clap_mangen writes a command's parts as sections (`.SH SYNOPSIS`); inside a command's section of the
/// one page they become subsections (`.SS SYNOPSIS`).
fn as_subsections(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.strip_prefix(".SH ") {
            Some(rest) => {
                out.push_str(".SS ");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// ENVIRONMENT: every variable the program reads, from the same table `soc2-ready config` prints.
fn environment() -> Roff {
    let mut roff = Roff::default();
    roff.control("SH", ["ENVIRONMENT"]);
    for variable in paths::ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(variable.name)]);
        roff.text([roman(format!("{}.", capitalised(variable.changes)))]);
    }
    roff.control("TP", []);
    roff.text([bold(super::completions::VAR)]);
    roff.text([
        roman("Set by the completion scripts when they ask the program for candidates; see "),
        bold("soc2-ready completions"),
        roman("."),
    ]);
    roff
}

/// FILES: every place the program reads or writes, from the same table `soc2-ready config` prints.
fn files() -> Roff {
    let mut roff = Roff::default();
    roff.control("SH", ["FILES"]);
    roff.text([
        roman("As on Linux. "),
        bold(paths::HOME_VAR),
        roman(" replaces ~/.local/share/soc2-ready and "),
        bold(paths::CONFIG_VAR),
        roman(" replaces ~/.config/soc2-ready; macOS and Windows have their own default folders."),
    ]);
    for place in paths::Place::ALL {
        roff.control("TP", []);
        roff.text([italic(place.on_linux())]);
        roff.text([roman(format!("{}; {}.", capitalised(place.what()), place.when_absent()))]);
    }
    roff.control("TP", []);
    roff.text([italic("ASSESSMENT.json.bak, ASSESSMENT.json.journal, ASSESSMENT.json.v1.bak, ASSESSMENT.json.lock")]);
    roff.text([roman(
        "Beside each assessment: the previous version; the changes made while the interface has it open \
         (folded into the file when it is opened and closed); the file as it was before it was first saved in \
         format 2; and, while a soc2-ready has it open, who that is (other processes are refused). rename, \
         delete and restore take the first three with the assessment.",
    )]);
    roff.control("PP", []);
    roff.text([
        roman("Run "),
        bold("soc2-ready config"),
        roman(" to see where each of these is on this machine, and whether it exists."),
    ]);
    roff
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
