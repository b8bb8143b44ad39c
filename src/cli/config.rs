//! `soc2-ready config`: where the store, the configuration and each file the program reads are on this
//! machine, whether each exists, and which environment variables move them, with their values now.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::{Map, Value, json};

use crate::paths::{self, Kind, Place};
use crate::text::{json_safe, one_line};

pub fn run(as_json: bool, git: bool) -> Result<ExitCode> {
    if git {
        print!("{}", super::merge_driver::git_setup());
    } else if as_json {
        let text = serde_json::to_string_pretty(&document()).expect("a JSON value always serialises");
        println!("{}", json_safe(text));
    } else {
        print!("{}", text());
    }
    Ok(ExitCode::SUCCESS)
}

/// What is at a place now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Yes,
    No,
    /// Something of the other kind is there (a file where a folder belongs).
    WrongKind,
    /// It is not there and cannot be made: a folder above it is a file (SOC2_READY_HOME naming a file).
    Blocked,
}

fn found(place: Place, path: &Path) -> Found {
    match std::fs::metadata(path) {
        Err(_) if blocked_by(path).is_some() => Found::Blocked,
        Err(_) => Found::No,
        Ok(m) if m.is_dir() == (place.kind() == Kind::Folder) => Found::Yes,
        Ok(_) => Found::WrongKind,
    }
}

/// The nearest folder above a path that is there, when it is not a folder (so nothing can be made below).
fn blocked_by(path: &Path) -> Option<&Path> {
    let above = path.ancestors().skip(1).find(|a| a.symlink_metadata().is_ok())?;
    (!above.is_dir()).then_some(above)
}

fn found_word(place: Place, found: Found) -> &'static str {
    match (found, place.kind()) {
        (Found::Yes, _) => "yes",
        (Found::No, _) => "no",
        (Found::WrongKind, Kind::Folder) => "not a folder",
        (Found::WrongKind, Kind::File) => "not a file",
        (Found::Blocked, _) => "no",
    }
}

/// What to say under a place that is not there.
fn absent_note(place: Place, path: Option<&Path>) -> String {
    match path.and_then(blocked_by) {
        Some(file) => format!(
            "cannot be made: {} is a file, not a folder; point {} at a folder",
            one_line(&file.display().to_string()),
            if matches!(place, Place::Config | Place::UserQuestionnaires | Place::Estimates | Place::Keymap) {
                paths::CONFIG_VAR
            } else {
                paths::HOME_VAR
            }
        ),
        None => place.when_absent().to_string(),
    }
}

/// The variable's value now, if set (an empty value counts as not set, as the program reads them).
fn value(name: &str) -> Option<String> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(|v| v.to_string_lossy().into_owned())
}

const NO_HOME: &str = "unknown: no home folder found; set SOC2_READY_HOME and SOC2_READY_CONFIG";

fn text() -> String {
    let mut out = String::from("Where soc2-ready keeps its files\n\n");
    let rows: Vec<(Place, Found, String, String)> = Place::ALL
        .into_iter()
        .map(|place| match place.path() {
            Some(path) => {
                (place, found(place, &path), one_line(&path.display().to_string()), absent_note(place, Some(&path)))
            }
            None => (place, Found::No, NO_HOME.to_string(), place.when_absent().to_string()),
        })
        .collect();
    let what = rows.iter().map(|(p, ..)| p.what().len()).max().unwrap_or(0);
    let exists = rows.iter().map(|(p, f, ..)| found_word(*p, *f).len()).chain(["exists".len()]).max().unwrap_or(0);
    out.push_str(&format!("  {:what$}  {:exists$}  {}\n", "what", "exists", "path"));
    for (place, found, path, note) in rows {
        out.push_str(&format!("  {:what$}  {:exists$}  {path}\n", place.what(), found_word(place, found)));
        if matches!(found, Found::No | Found::Blocked) {
            let indent = " ".repeat(2 + what + 2 + exists + 2);
            out.push_str(&wrapped(&format!("({note})"), &indent, 80));
        }
    }
    out.push_str("\nEnvironment variables that change them (empty counts as not set)\n\n");
    for variable in paths::ENVIRONMENT {
        let now = match value(variable.name) {
            Some(v) => format!("={}", one_line(&v)),
            None => " (not set)".to_string(),
        };
        out.push_str(&format!("  {}{now}\n", variable.name));
        out.push_str(&wrapped(variable.changes, "      ", 80));
    }
    out
}

/// A description wrapped under an indent, ending with a newline.
fn wrapped(text: &str, indent: &str, width: usize) -> String {
    let options = textwrap::Options::new(width).initial_indent(indent).subsequent_indent(indent);
    let mut lines = textwrap::fill(text, options);
    lines.push('\n');
    lines
}

fn document() -> Value {
    let mut places = Map::new();
    for place in Place::ALL {
        let path = place.path();
        let exists = path.as_deref().map(|p| found(place, p));
        places.insert(
            place.id().to_string(),
            json!({
                "what": place.what(),
                "path": path.as_ref().map(|p| p.to_string_lossy().into_owned()),
                "kind": match place.kind() { Kind::Folder => "folder", Kind::File => "file" },
                "exists": exists == Some(Found::Yes),
                "wrong_kind": exists == Some(Found::WrongKind),
                "when_absent": place.when_absent(),
                "cannot_be_made_because": path.as_deref().and_then(blocked_by).map(|f| format!(
                    "{} is a file, not a folder", f.display()
                )),
            }),
        );
    }
    let mut environment = Map::new();
    for variable in paths::ENVIRONMENT {
        environment
            .insert(variable.name.to_string(), json!({ "value": value(variable.name), "changes": variable.changes }));
    }
    json!({ "places": places, "environment": environment })
}
