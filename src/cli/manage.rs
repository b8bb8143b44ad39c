//! Looking after the assessments in the store: rename, delete (to the trash), the trash, restore.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde_json::json;

use crate::assessment::store::file_name::shell_quoted as quoted;
use crate::assessment::store::last_change;
use crate::assessment::store::manage::{self, ManageError};
use crate::assessment::store::trash::{Trash, Trashed};
use crate::assessment::store::{self, Store};
use crate::text::{json_safe, one_line};
use crate::{clock, paths};

#[derive(Debug, Subcommand)]
pub enum ManageCommand {
    /// Rename an assessment, with its journal and backups; prints the new name.
    ///
    /// NEW_NAME may be in any script (it is NFC-normalised, invisible bidi and zero-width marks dropped) and
    /// up to 100 characters; it must not be empty, start with a dot or a dash, contain a path separator, a
    /// control character or one of : * ? " < > | (Windows refuses them in file names), or be taken. Refused
    /// while another soc2-ready has the assessment open. An assessment outside the store is renamed in its
    /// own folder.
    Rename {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// The new name, without `.json`.
        new_name: String,
    },
    /// Move an assessment (with its journal and backups) to the store's trash; `soc2-ready restore` brings
    /// it back.
    ///
    /// Only assessments in the store can be deleted: a file elsewhere is yours to remove. Refused while
    /// another soc2-ready has the assessment open.
    Delete {
        /// A name as `soc2-ready list` shows it, or the path of a file in the store.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// Remove it for good instead, with its journal and backups (nothing goes to the trash; nothing
        /// asks first). Prints what was removed.
        #[arg(long)]
        purge: bool,
    },
    /// List the deleted assessments in the store's trash, most recently deleted first.
    Trash {
        /// Remove everything in the trash for good, printing what was removed.
        #[arg(long)]
        empty: bool,
        /// Print a JSON array instead of a table.
        #[arg(long, conflicts_with = "empty")]
        json: bool,
    },
    /// Bring a deleted assessment back from the trash into the store.
    ///
    /// Refused when an assessment of that name is in the store: rename that one first, or restore this
    /// one under another name with --as.
    Restore {
        /// The name it had (the most recent deletion of that name), or its id as `soc2-ready trash` lists
        /// it.
        #[arg(add = ArgValueCompleter::new(super::completions::trash_names))]
        name: String,
        /// Restore it under this name instead (the same rules as for `soc2-ready rename`).
        #[arg(long = "as", value_name = "NEW_NAME")]
        as_name: Option<String>,
    },
}

pub fn run(command: ManageCommand) -> Result<ExitCode> {
    let named = match &command {
        ManageCommand::Rename { assessment, .. } | ManageCommand::Delete { assessment, .. } => Some(assessment),
        ManageCommand::Restore { name, .. } => Some(name),
        ManageCommand::Trash { .. } => None,
    };
    if named.is_some_and(|n| n.trim().is_empty()) {
        bail!("no assessment named: give its name as `soc2-ready list` (or `soc2-ready trash`) shows it");
    }
    let store = open_store()?;
    match command {
        ManageCommand::Rename { assessment, new_name } => rename(&store, &assessment, &new_name),
        ManageCommand::Delete { assessment, purge } => delete(&store, &assessment, purge),
        ManageCommand::Trash { empty, json } => trash(&store, empty, json),
        ManageCommand::Restore { name, as_name } => restore(&store, &name, as_name.as_deref()),
    }
}

fn open_store() -> Result<Store> {
    let dir = paths::store_dir()
        .ok_or_else(|| anyhow!("cannot find a home directory for the store; set {} to a folder", paths::HOME_VAR))?;
    store::ensure_private_dir(&dir)?;
    Ok(Store::new(dir))
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// The name of an assessment as `list` shows it (the file without `.json`).
fn name_of(path: &Path) -> String {
    one_line(&path.file_stem().unwrap_or_default().to_string_lossy())
}

fn rename(store: &Store, assessment: &str, new_name: &str) -> Result<ExitCode> {
    let path = store.resolve(assessment);
    let target = manage::rename(&path, new_name, &clock::now())?;
    if target == path {
        println!("{} is already called that; nothing was changed", shown(&path));
    } else {
        println!("Renamed {} to {}: {}", name_of(&path), name_of(&target), shown(&target));
    }
    Ok(ExitCode::SUCCESS)
}

/// What went with an assessment, in words: "with its journal and backup".
fn companions_said(files: &[String]) -> String {
    let mut parts = Vec::new();
    if files.iter().any(|f| f.ends_with(".journal")) {
        parts.push("its journal of unsaved changes");
    }
    let backups = files.iter().filter(|f| f.ends_with(".bak")).count();
    match backups {
        0 => {}
        1 => parts.push("its backup"),
        _ => parts.push("its backups"),
    }
    if parts.is_empty() { String::new() } else { format!(", with {}", parts.join(" and ")) }
}

fn delete(store: &Store, assessment: &str, purge: bool) -> Result<ExitCode> {
    let path = store.resolve(assessment);
    let now = clock::now();
    let trash = Trash::of(store);
    if purge {
        // The same rule as for the trash: only the store's own assessments.
        manage::check_is_assessment(&path)?;
        trash.check_in_store(&path)?;
        let removed = manage::purge(&path, &now)?;
        println!("Removed for good: {}", removed.iter().map(|p| shown(p)).collect::<Vec<_>>().join(", "));
        return Ok(ExitCode::SUCCESS);
    }
    let entry = trash.put(&path, &now)?;
    println!("Moved {} to the trash{}: {}", one_line(&entry.name), companions_said(&entry.files), shown(&entry.dir));
    println!("Bring it back with `soc2-ready restore {}`.", quoted(&entry.name));
    Ok(ExitCode::SUCCESS)
}

/// The organisation of a deleted assessment, when its file can be read.
fn org_of(entry: &Trashed) -> Option<String> {
    store::read(&entry.file()).ok().map(|a| a.org)
}

fn trash(store: &Store, empty: bool, as_json: bool) -> Result<ExitCode> {
    let trash = Trash::of(store);
    // A trash not made yet is empty; one that cannot be read must not be shown as empty.
    if let Err(e) = std::fs::read_dir(&trash.dir)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        bail!("cannot read the trash {}: {e}; nothing was changed", shown(&trash.dir));
    }
    if empty {
        let removed = trash.empty()?;
        if removed.is_empty() {
            println!("The trash is empty already.");
        }
        for entry in &removed {
            println!(
                "Removed for good: {} ({})",
                one_line(&entry.name),
                entry.files.iter().map(|f| one_line(f)).collect::<Vec<_>>().join(", ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let entries = trash.list();
    let (now, offset) = (clock::now(), last_change::local_offset());
    if as_json {
        let rows: Vec<_> = entries
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "name": t.name,
                    "org": org_of(t),
                    "deleted_at": t.deleted_at,
                    "deleted": last_change::readable(&t.deleted_at, &now, offset),
                    "folder": t.dir,
                    "files": t.files,
                })
            })
            .collect();
        println!("{}", json_safe(serde_json::to_string_pretty(&rows)?));
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        println!("The trash is empty ({}).", shown(&trash.dir));
        return Ok(ExitCode::SUCCESS);
    }
    let width = |cells: Vec<String>, header: &str| {
        cells
            .iter()
            .map(|c| unicode_width::UnicodeWidthStr::width(c.as_str()))
            .max()
            .unwrap_or(0)
            .max(header.len())
            .min(60)
    };
    let names: Vec<String> = entries.iter().map(|t| one_line(&t.name)).collect();
    let orgs: Vec<String> =
        entries.iter().map(|t| one_line(&org_of(t).unwrap_or_else(|| "(cannot be read)".into()))).collect();
    let whens: Vec<String> = entries.iter().map(|t| last_change::readable(&t.deleted_at, &now, offset)).collect();
    let (wn, wo, ww) =
        (width(names.clone(), "NAME"), width(orgs.clone(), "ORGANISATION"), width(whens.clone(), "DELETED"));
    let pad = |text: &str, w: usize| {
        format!("{text}{}", " ".repeat(w.saturating_sub(unicode_width::UnicodeWidthStr::width(text))))
    };
    let mut table = format!("{} {} {} ID\n", pad("NAME", wn), pad("ORGANISATION", wo), pad("DELETED", ww));
    for (i, t) in entries.iter().enumerate() {
        table.push_str(&format!(
            "{} {} {} {}\n",
            pad(&names[i], wn),
            pad(&orgs[i], wo),
            pad(&whens[i], ww),
            one_line(&t.id)
        ));
    }
    let hint = "Bring one back with `soc2-ready restore NAME` (or its ID); `soc2-ready trash --empty` removes them for \
                good.";
    let terminal = super::list_table::terminal_width();
    let hint = terminal.map_or_else(|| hint.to_string(), |columns| textwrap::fill(hint, columns));
    match terminal {
        // In a terminal narrower than the table: name, when and organisation (cut to fit) on one line, and the
        // id, which only an older deletion of a name needs, on the next line for those alone.
        Some(columns) if super::list_table::widest_line(&table) > columns => {
            let mut narrow = format!("{}  {}  ORGANISATION\n", pad("NAME", wn), pad("DELETED", ww));
            for (i, t) in entries.iter().enumerate() {
                let org = super::list_table::cut(&orgs[i], columns.saturating_sub(wn + ww + 4).max(12));
                narrow.push_str(&format!("{}  {}  {org}\n", pad(&names[i], wn), pad(&whens[i], ww)));
                if entries.iter().filter(|other| other.name == t.name).count() > 1 {
                    narrow.push_str(&format!("  id {}\n", one_line(&t.id)));
                }
            }
            print!("{narrow}");
            println!("\n{hint}");
        }
        _ => {
            print!("{table}");
            println!("\n{hint}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn restore(store: &Store, name: &str, as_name: Option<&str>) -> Result<ExitCode> {
    let trash = Trash::of(store);
    let entry = trash.find(name)?;
    let path = trash.restore(&entry, as_name).map_err(|e| match e {
        ManageError::Exists { target } => {
            // The assessment in the way is the one the restored file would replace: named by --as, if given.
            let in_the_way = Path::new(&target).file_stem().map(|s| s.to_string_lossy().into_owned());
            anyhow!(
                "{target} already exists: rename that assessment first (`soc2-ready rename {} NEW_NAME`), or \
                 restore this one under {} name with `soc2-ready restore {} --as NEW_NAME` (nothing was changed)",
                quoted(in_the_way.as_deref().unwrap_or(&entry.name)),
                if as_name.is_some() { "yet another" } else { "another" },
                quoted(&entry.id)
            )
        }
        other => other.into(),
    })?;
    println!("Restored {}: {}", name_of(&path), shown(&path));
    let older = trash.list().iter().filter(|t| t.name == entry.name).count();
    if older > 0 {
        println!("{older} older deletion{} of that name stay in the trash.", if older == 1 { "" } else { "s" });
    }
    Ok(ExitCode::SUCCESS)
}
