//! Replacing a file atomically: a temporary file beside it (mode 0600), flushed to disk, renamed into
//! place, and the folder flushed. A crash at any moment leaves either the old or the new file whole.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written. The file on disk is as it was before.
#[derive(Debug, thiserror::Error)]
#[error("{path}: could not save: {reason}")]
pub struct SaveError {
    pub path: String,
    pub reason: String,
    #[source]
    pub source: Option<std::io::Error>,
}

impl SaveError {
    /// A save refused before anything was written (over a limit).
    pub fn refused(path: &Path, reason: String) -> SaveError {
        SaveError { path: path.display().to_string(), reason, source: None }
    }
}

/// `FILE.bak`: the version before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// `FILE` with `suffix` added to its name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Replace a file, keeping the previous version as `FILE.bak`.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_file(path, bytes, true)
}

/// Write a file readable by its owner alone, atomically, without keeping the previous version
/// (exported reports; check the target first with `output_file::check`).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    replace_file_with(path, bytes, keep_backup, &|from, to| fs::rename(from, to))
}

/// [`replace_file`], moving the new version into place with `rename` (a test makes it fail).
fn replace_file_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |what: &str, e: std::io::Error| SaveError {
        path: path.display().to_string(),
        reason: format!("{what}: {e}"),
        source: Some(e),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| SaveError::refused(path, "not a file name".into()))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let _ = fs::remove_file(&tmp);
    // Copies left by an earlier write of this file that was killed (they hold what it held: a customer's
    // answers) go now.
    remove_dead_temporaries(&dir, Some(&name.to_string_lossy()));
    {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(|e| fail("cannot create a temporary file", e))?;
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(fail("cannot write the temporary file", e));
        }
    }
    // Keep the previous version: link it (cheap, and the old inode is never written again) beside the
    // file, and move the link over the old backup only once the new version is in place, so a save that
    // fails leaves the file and its backup as they were.
    let mut backup_tmp = None;
    if keep_backup && path.is_file() {
        let link = dir.join(format!(".{}.bak.{}.tmp", name.to_string_lossy(), std::process::id()));
        let _ = fs::remove_file(&link);
        let kept = fs::hard_link(path, &link).or_else(|_| fs::copy(path, &link).map(|_| ()));
        if let Err(e) = kept {
            let _ = fs::remove_file(&tmp);
            return Err(fail("cannot keep the previous version as a backup", e));
        }
        backup_tmp = Some(link);
    }
    if let Err(e) = rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        if let Some(link) = &backup_tmp {
            let _ = fs::remove_file(link);
        }
        return Err(fail("cannot move the new version into place", e));
    }
    if let Some(link) = &backup_tmp
        && let Err(e) = fs::rename(link, backup_path(path))
    {
        // The new version is saved; only the backup is behind.
        let _ = fs::remove_file(link);
        sync_dir(&dir);
        return Err(fail("saved, but could not keep the previous version as a backup", e));
    }
    sync_dir(&dir);
    Ok(())
}

/// Keep `path` as it is now under `copy` (a hard link, or a copy where links are not possible), unless
/// `copy` exists already. The original inode is never written again (saves rename a new file over it),
/// so the copy stays byte for byte what `path` held.
pub fn keep_copy(path: &Path, copy: &Path) -> Result<(), SaveError> {
    if copy.exists() {
        return Ok(());
    }
    let kept = fs::hard_link(path, copy).or_else(|_| fs::copy(path, copy).map(|_| ()));
    kept.map_err(|e| SaveError {
        path: path.display().to_string(),
        reason: format!("cannot keep the original as {}: {e}", copy.display()),
        source: Some(e),
    })?;
    if let Some(dir) = copy.parent() {
        sync_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
    }
    Ok(())
}

/// Remove the temporary files soc2-ready left in `dir` when a process writing there was killed
/// (`.NAME.PID.tmp`, `.NAME.bak.PID.tmp`) and whose process is no longer running: of the file `name` only,
/// or of every file (the store, when the program starts). A running process's files are left alone.
pub fn remove_dead_temporaries(dir: &Path, name: Option<&str>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some((owner, pid)) = temporary_of(file) else { continue };
        let ours = name.is_none_or(|n| owner == n || owner.strip_suffix(".bak") == Some(n));
        if ours && pid != std::process::id() && !process_running(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a temporary file's name is for, and the process that made it: `.NAME.PID.tmp`.
fn temporary_of(file: &str) -> Option<(&str, u32)> {
    let inner = file.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (owner, pid) = inner.rsplit_once('.')?;
    if owner.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((owner, pid.parse().ok()?))
}

#[cfg(unix)]
fn process_running(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else { return false };
    let Some(pid) = rustix::process::Pid::from_raw(pid) else { return true };
    // Signal 0 only asks whether the process exists; one of another user's refuses, but exists.
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

#[cfg(not(unix))]
fn process_running(_pid: u32) -> bool {
    true
}

/// Remove the temporary files of saves of this assessment that were cut short (a crash, a kill).
/// Only call while holding the assessment's lock.
pub fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_that_fails_at_the_rename_keeps_the_file_and_its_backup_as_they_were() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("acme.json");
        write_bytes(&path, b"one").unwrap();
        write_bytes(&path, b"two").unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        let refused = |_: &Path, _: &Path| Err(std::io::Error::other("rename refused"));
        let e = replace_file_with(&path, b"three", true, &refused).unwrap_err();
        assert!(e.to_string().contains("cannot move the new version into place"), "{e}");
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one", "the previous generation is kept");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "no temporary file left: {left:?}");
        write_bytes(&path, b"three").unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
    }
}
