//! Assessment files on disk: read with every kind of damage reported, written atomically with a backup.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::document::{Assessment, FILE_MARKER, FORMAT};
use super::progress::{Visibility, progress};

/// Largest assessment file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why an assessment file could not be opened. The file is never modified when this happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenError {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)?;
        if self.path.exists() {
            write!(f, "; the file was left as it is")?;
        }
        let backup = backup_path(&self.path);
        if backup.is_file() {
            write!(
                f,
                ". The previous version is in {}: check it with `soc2-ready show {}`, then copy it over the damaged file to recover",
                backup.display(),
                backup.display()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for OpenError {}

#[derive(Debug, thiserror::Error)]
#[error("{path}: could not save: {reason}")]
pub struct SaveError {
    pub path: String,
    pub reason: String,
}

/// `FILE.bak`: the version before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Read and check an assessment file.
pub fn read(path: &Path) -> Result<Assessment, OpenError> {
    let fail = |reason: String| OpenError { path: path.to_path_buf(), reason };
    let meta = fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("not a file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!("{} bytes, over the limit of {MAX_FILE_BYTES} for an assessment", meta.len())));
    }
    let bytes = fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    parse(&bytes).map_err(fail)
}

/// Check assessment bytes; the error is the reason, without the path.
pub fn parse(bytes: &[u8]) -> Result<Assessment, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty (perhaps a save was cut short)".into());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("not a soc2-ready assessment: not UTF-8 text (bad byte at offset {})", e.valid_up_to()))?;

    let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!("the file ends too early at line {} column {} (truncated)", e.line(), e.column())
        } else {
            format!("damaged JSON at line {} column {}: {e}", e.line(), e.column())
        }
    })?;
    let Some(probe) = probe.as_object() else {
        return Err("not a soc2-ready assessment (it is JSON, but not an object)".to_string());
    };
    if probe.get("file").and_then(|f| f.as_str()) != Some(FILE_MARKER) {
        return Err(format!("not a soc2-ready assessment (no \"file\": \"{FILE_MARKER}\" marker)"));
    }
    match probe.get("format").and_then(|f| f.as_u64()) {
        Some(v) if v == u64::from(FORMAT) => {}
        Some(v) if v > u64::from(FORMAT) => {
            return Err(format!(
                "written by a newer soc2-ready (assessment format {v}; this version reads format {FORMAT}): upgrade soc2-ready to open it"
            ));
        }
        _ => return Err("the assessment format version is missing or unknown".into()),
    }
    let assessment: Assessment =
        serde_json::from_str(text).map_err(|e| format!("damaged at line {} column {}: {e}", e.line(), e.column()))?;
    assessment.check().map_err(|e| format!("damaged: {e}"))?;
    Ok(assessment)
}

/// The bytes of an assessment file.
pub fn to_bytes(a: &Assessment) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(a).expect("an assessment always serialises");
    bytes.push(b'\n');
    bytes
}

/// Save: write a temporary file beside the target (mode 0600), flush it to disk, keep the old file as
/// `FILE.bak`, rename the new one into place, and flush the directory. A crash at any moment leaves either
/// the old or the new file whole.
pub fn write(path: &Path, a: &Assessment) -> Result<(), SaveError> {
    write_bytes(path, &to_bytes(a))
}

pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_file(path, bytes, true)
}

/// Write a file readable by its owner alone, atomically, without keeping the previous version
/// (exported reports).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let fail =
        |what: &str, e: std::io::Error| SaveError { path: path.display().to_string(), reason: format!("{what}: {e}") };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| SaveError { path: path.display().to_string(), reason: "not a file name".into() })?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let _ = fs::remove_file(&tmp);
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
    if keep_backup && path.is_file() {
        // Keep the previous version: link it (cheap, and the old inode is never written again), then move
        // the link over the old backup in one step.
        let backup = backup_path(path);
        let backup_tmp = dir.join(format!(".{}.bak.{}.tmp", name.to_string_lossy(), std::process::id()));
        let _ = fs::remove_file(&backup_tmp);
        let kept = fs::hard_link(path, &backup_tmp).or_else(|_| fs::copy(path, &backup_tmp).map(|_| ()));
        if let Err(e) = kept.and_then(|()| fs::rename(&backup_tmp, &backup)) {
            let _ = fs::remove_file(&tmp);
            return Err(fail("cannot keep the previous version as a backup", e));
        }
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(fail("cannot move the new version into place", e));
    }
    sync_dir(&dir);
    Ok(())
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
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

/// Create a directory readable by its owner alone.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// One assessment in the store, as the home screen and `list` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub name: String,
    pub org: String,
    pub questionnaire: String,
    pub questionnaire_title: String,
    pub progress: u32,
    pub updated_at: String,
    pub path: PathBuf,
}

impl Listed {
    pub fn of(path: &Path, a: &Assessment) -> Listed {
        let vis = Visibility::of_assessment(a);
        let (_, total) = progress(a, &vis);
        Listed {
            name: path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
            org: a.org.clone(),
            questionnaire: a.questionnaire.id.clone(),
            questionnaire_title: a.questionnaire().title.clone(),
            progress: total.percent(),
            updated_at: a.updated_at.clone(),
            path: path.to_path_buf(),
        }
    }
}

/// The folder of assessments.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// The store's assessments, newest change first, and the files that could not be read.
    pub fn list(&self) -> (Vec<Listed>, Vec<OpenError>) {
        let mut listed = Vec::new();
        let mut errors = Vec::new();
        let Ok(entries) = fs::read_dir(&self.dir) else { return (listed, errors) };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        for path in paths {
            match read(&path) {
                Ok(a) => listed.push(Listed::of(&path, &a)),
                Err(e) => errors.push(e),
            }
        }
        listed.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
        (listed, errors)
    }

    /// A file name for a new assessment that does not exist yet.
    pub fn new_path(&self, org: &str, questionnaire: &str) -> PathBuf {
        let base = format!("{}-{}", slug(org), questionnaire);
        let mut path = self.dir.join(format!("{base}.json"));
        let mut n = 2;
        while path.exists() {
            path = self.dir.join(format!("{base}-{n}.json"));
            n += 1;
        }
        path
    }

    /// An assessment named as `list` names it, or a path.
    pub fn resolve(&self, arg: &str) -> PathBuf {
        let as_path = PathBuf::from(arg);
        if as_path.exists() || arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".json") {
            return as_path;
        }
        self.dir.join(format!("{arg}.json"))
    }
}

/// A file-name-safe version of an organisation name.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "assessment".to_string() } else { out }
}
