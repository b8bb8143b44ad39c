//! Renaming and removing assessment files, with the files that belong to them: the journal
//! (`FILE.journal`), the previous version (`FILE.bak`), the file as it was before a format migration
//! (`FILE.v1.bak`) and the full texts of long notes (`FILE.note-QUESTION.txt`). The lock file (`FILE.lock`) is not moved: it belongs to whoever holds the file, and
//! every change here is made holding it, so an assessment open in another soc2-ready is never touched.
//! Nothing is ever written over: a name that is taken is refused.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::{remove_stale_temporaries, sibling, sync_dir};
use super::file_name::{NameError, chosen_name};
use super::lock::{Lock, LockError};
use super::{self as store, OpenError};
use crate::assessment::model::document::FORMAT;

/// Why an assessment was not renamed, moved to the trash, brought back or removed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error(transparent)]
    Name(#[from] NameError),
    #[error("{path}: no such assessment; `soc2-ready list` shows their names")]
    NotFound { path: String },
    #[error("{path}: {reason}; soc2-ready renames and deletes only its assessments (nothing was changed)")]
    NotAssessment { path: String, reason: String },
    #[error("{target} already exists: choose another name, or rename that assessment first (nothing was changed)")]
    Exists { target: String },
    #[error(
        "{leftover} is left beside where the assessment would go (from an earlier assessment of that name): \
         move it away or choose another name (nothing was changed)"
    )]
    Leftover { leftover: String },
    #[error(
        "{path} is not in the store ({store}): soc2-ready deletes only the assessments it keeps; remove a file \
         elsewhere with your file manager"
    )]
    OutsideStore { path: String, store: String },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Folder(#[from] super::folder::FolderError),
    #[error("{path}: could not {what}: {source} (nothing was changed)")]
    Io {
        path: String,
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("nothing in the trash ({trash}) is called {name}; `soc2-ready trash` lists what is there")]
    NotInTrash { name: String, trash: String },
}

impl ManageError {
    pub(crate) fn io(path: &Path, what: &str, source: std::io::Error) -> ManageError {
        ManageError::Io { path: path.display().to_string(), what: what.to_string(), source }
    }
}

/// The endings of the files that belong to an assessment `FILE`: `FILE.journal`, `FILE.bak`,
/// `FILE.v1.bak` (one for each older format).
pub fn companion_suffixes() -> Vec<String> {
    let mut out = vec![".journal".to_string(), ".bak".to_string()];
    out.extend((1..FORMAT).map(|v| format!(".v{v}.bak")));
    out
}

/// The endings of the companion files the assessment at `path` has now: those of [`companion_suffixes`]
/// that exist, and the full texts of its long notes (`FILE.note-QUESTION.txt`, see `note_file`).
pub fn present_suffixes(path: &Path) -> Vec<String> {
    let mut out: Vec<String> =
        companion_suffixes().into_iter().filter(|s| sibling(path, s).symlink_metadata().is_ok()).collect();
    out.extend(super::note_file::note_suffixes(path));
    out
}

/// The companion files of an assessment that exist.
pub fn companions(path: &Path) -> impl Iterator<Item = PathBuf> + use<> {
    let path = path.to_path_buf();
    present_suffixes(&path).into_iter().map(move |s| sibling(&path, &s))
}

/// Whether the file is an assessment (readable, or damaged but recognisably one). Reads it.
pub fn check_is_assessment(path: &Path) -> Result<(), ManageError> {
    if path.symlink_metadata().is_err() {
        return Err(ManageError::NotFound { path: path.display().to_string() });
    }
    if !path.is_file() {
        return Err(ManageError::NotAssessment { path: path.display().to_string(), reason: "not a file".into() });
    }
    match store::read(path) {
        Ok(_) => Ok(()),
        Err(e) if store::is_assessment(path, &e) => Ok(()),
        Err(OpenError { reason, .. }) => Err(ManageError::NotAssessment { path: path.display().to_string(), reason }),
    }
}

/// Refuse a target that is taken: the file itself, or a companion left from an earlier assessment (a
/// journal there would be replayed into this one).
pub fn check_free(target: &Path) -> Result<(), ManageError> {
    if target.symlink_metadata().is_ok() {
        return Err(ManageError::Exists { target: target.display().to_string() });
    }
    if let Some(leftover) = companions(target).next() {
        return Err(ManageError::Leftover { leftover: leftover.display().to_string() });
    }
    Ok(())
}

/// Rename an assessment and its companions to `NEW_NAME.json` in the same folder; returns the new path.
/// Refused while another soc2-ready has it open, and when the name is taken or not a plain name.
pub fn rename(path: &Path, new_name: &str, now: &str) -> Result<PathBuf, ManageError> {
    let name = chosen_name(new_name)?;
    check_is_assessment(path)?;
    let target = path.with_file_name(format!("{name}.json"));
    if target == path {
        return Ok(target);
    }
    check_free(&target)?;
    let _lock = Lock::acquire(path, now)?;
    remove_stale_temporaries(path);
    let moves: Vec<(PathBuf, PathBuf)> = present_suffixes(path)
        .iter()
        .map(|s| (sibling(path, s), sibling(&target, s)))
        .chain([(path.to_path_buf(), target.clone())])
        .collect();
    move_all(&moves)?;
    Ok(target)
}

/// Remove an assessment and its companions for good, holding its lock; returns what was removed.
pub fn purge(path: &Path, now: &str) -> Result<Vec<PathBuf>, ManageError> {
    check_is_assessment(path)?;
    let _lock = Lock::acquire(path, now)?;
    remove_stale_temporaries(path);
    let mut removed = Vec::new();
    // The companions first: should one fail, the assessment itself is still there to see.
    for file in companions(path).chain([path.to_path_buf()]) {
        fs::remove_file(&file).map_err(|e| ManageError::io(&file, "remove it", e))?;
        removed.push(file);
    }
    if let Some(dir) = path.parent() {
        sync_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
    }
    Ok(removed)
}

/// Move every file, never over an existing one; on a failure, move back what was moved and say why.
pub(crate) fn move_all(moves: &[(PathBuf, PathBuf)]) -> Result<(), ManageError> {
    for (i, (from, to)) in moves.iter().enumerate() {
        if let Err(e) = move_no_replace(from, to) {
            for (back_from, back_to) in moves[..i].iter().rev() {
                let _ = move_no_replace(back_to, back_from);
            }
            return Err(match e.kind() {
                std::io::ErrorKind::AlreadyExists => ManageError::Exists { target: to.display().to_string() },
                _ => ManageError::io(from, &format!("move it to {}", to.display()), e),
            });
        }
    }
    for dir in moves.iter().flat_map(|(from, to)| [from.parent(), to.parent()]).flatten() {
        sync_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
    }
    Ok(())
}

/// Rename `from` to `to`, failing with `AlreadyExists` rather than replacing a file there: a hard link
/// (which never replaces), then the old name removed. Where links are not possible, a checked rename.
fn move_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).inspect_err(|_| {
            let _ = fs::remove_file(to);
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if to.symlink_metadata().is_ok() {
                return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
            }
            fs::rename(from, to)
        }
    }
}
