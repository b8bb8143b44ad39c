//! Files the user names for output (reports, exports): what may be replaced, and replacing it safely.
//!
//! Only a regular file is ever replaced, and never an assessment: a report written over the assessment it
//! came from, over another soc2-ready assessment, or over a device, FIFO or folder would lose data or do
//! worse (as root, `-o /dev/null` would replace the device node). Both front ends call [`write`].

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::assessment::model::document::FILE_MARKER;
use crate::assessment::store::{self, SaveError};

/// How much of an existing file is read to tell whether it is an assessment (the marker comes first in
/// every file soc2-ready writes).
const SNIFF_BYTES: u64 = 4096;

/// Why an output file was not written. Nothing was changed on disk.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: will not write there: {why}; name a new file or an ordinary file to replace")]
    Refused { path: PathBuf, why: String },
    #[error(transparent)]
    Write(#[from] SaveError),
}

/// Whether `target` may be written: it does not exist yet, or it is a regular file that is neither one of
/// `protected` (the assessment the output comes from) nor any other soc2-ready assessment.
pub fn check(target: &Path, protected: &[&Path]) -> Result<(), OutputError> {
    let refuse = |why: String| OutputError::Refused { path: target.to_path_buf(), why };
    // Checked by name, whether or not the file exists: a report written where an assessment's journal
    // would go is replayed into the assessment, and every later command on it fails.
    if let Some(kind) = companion_name(target) {
        return Err(refuse(format!(
            "the name is that of an assessment's companion file ({kind}), which soc2-ready reads with the \
             assessment"
        )));
    }
    let meta = match fs::metadata(target) {
        Ok(meta) => meta,
        // Not there (or a dangling link, which the write replaces): a new file.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(refuse(format!("cannot check what is there ({e})"))),
    };
    if !meta.is_file() {
        return Err(refuse(format!("it is {}, not a regular file", crate::assessment::store::regular::kind(&meta))));
    }
    for p in protected {
        if same_file(target, &meta, p) {
            return Err(refuse("it is the assessment itself".into()));
        }
    }
    if is_assessment(target) {
        return Err(refuse("it is a soc2-ready assessment".into()));
    }
    if is_answer_library(target) {
        return Err(refuse("it is the answer library (library.json)".into()));
    }
    Ok(())
}

/// Check `target` (see [`check`]), then replace it atomically with `bytes`, readable by the owner alone.
pub fn write(target: &Path, bytes: &[u8], protected: &[&Path]) -> Result<(), OutputError> {
    check(target, protected)?;
    store::write_private(target, bytes)?;
    Ok(())
}

fn same_file(target: &Path, target_meta: &fs::Metadata, other: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = fs::metadata(other) {
            return m.dev() == target_meta.dev() && m.ino() == target_meta.ino();
        }
    }
    let _ = target_meta;
    match (fs::canonicalize(target), fs::canonicalize(other)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What kind of companion file a name would be taken for: `X.journal`, `X.lock`, `X.bak`, `X.v1.bak` or
/// `X.note-QUESTION.txt` (see `assessment::store::manage`).
pub fn companion_name(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy();
    if name.ends_with(".journal") {
        Some("a journal")
    } else if name.ends_with(".lock") {
        Some("a lock file")
    } else if name.ends_with(".bak") {
        Some("a backup")
    } else if name.ends_with(".txt") && name.contains(".note-") {
        Some("a note's full text")
    } else {
        None
    }
}

/// Whether the file starts like a soc2-ready assessment (its backups included).
fn is_assessment(path: &Path) -> bool {
    starts_with_text(path, &format!("\"{FILE_MARKER}\""))
}

/// Whether the file is an answer library: named as the store names it, holding its entries (the library
/// has no marker of its own, and its answers come from customers' files that may be gone).
fn is_answer_library(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == crate::paths::LIBRARY_FILE) && starts_with_text(path, "\"entries\"")
}

/// Whether `text` is in the first bytes of the file.
fn starts_with_text(path: &Path, text: &str) -> bool {
    let mut head = Vec::new();
    let Ok(file) = crate::assessment::store::regular::open(path, crate::assessment::store::regular::Links::Follow)
    else {
        return false;
    };
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return false;
    }
    head.windows(text.len()).any(|w| w == text.as_bytes())
}
