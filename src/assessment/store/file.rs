//! One assessment file: read with every kind of damage reported, older formats migrated, written within
//! the limits the reader enforces.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::atomic::{SaveError, backup_path, write_bytes};
use super::journal;
use crate::assessment::model::document::{Assessment, CheckError, FILE_MARKER, FORMAT, OLDEST_FORMAT};
use crate::assessment::model::limits;
use crate::assessment::model::limits::MAX_FILE_BYTES;

/// A UTF-8 byte order mark, which some editors put at the start of a file; it is skipped.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What is wrong with the bytes of an assessment file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty (perhaps a save was cut short)")]
    Empty,
    #[error("not a soc2-ready assessment: not UTF-8 text (bad byte at offset {0})")]
    NotUtf8(usize),
    #[error("the file ends too early at line {line} column {column} (truncated)")]
    Truncated { line: usize, column: usize },
    #[error("damaged JSON at line {line} column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("not a soc2-ready assessment (it is JSON, but not an object)")]
    NotAnObject,
    #[error("not a soc2-ready assessment (no \"file\": \"{FILE_MARKER}\" marker)")]
    NoMarker,
    #[error(
        "written by a newer soc2-ready (assessment format {0}; this version reads formats {OLDEST_FORMAT} to \
         {FORMAT}): upgrade soc2-ready to open it"
    )]
    Newer(u64),
    #[error("the assessment format version is missing or unknown")]
    UnknownFormat,
    #[error("damaged at line {line} column {column}: {message}")]
    Structure { line: usize, column: usize, message: String },
    #[error("damaged: {0}")]
    Check(#[from] CheckError),
}

/// Why an assessment file could not be opened. The file is never modified when this happens. Everything
/// the message says is found out when the error is made, so showing it touches no file.
#[derive(Debug, Clone)]
pub struct OpenError {
    pub path: PathBuf,
    pub reason: String,
    /// Whether there is a file at the path (left as it was).
    pub file_exists: bool,
    /// The previous version, when there is one to recover from.
    pub backup: Option<PathBuf>,
    /// What was wrong with the bytes, when they were read.
    pub damage: Option<Box<ParseError>>,
    source: Option<Arc<std::io::Error>>,
}

impl OpenError {
    pub fn new(path: &Path, reason: String) -> OpenError {
        let backup = backup_path(path);
        OpenError {
            path: path.to_path_buf(),
            reason,
            file_exists: path.exists(),
            backup: backup.is_file().then_some(backup),
            damage: None,
            source: None,
        }
    }

    fn io(path: &Path, what: &str, e: std::io::Error) -> OpenError {
        let reason = format!("{what}: {e}");
        OpenError { source: Some(Arc::new(e)), ..OpenError::new(path, reason) }
    }

    fn damaged(path: &Path, damage: ParseError) -> OpenError {
        OpenError { damage: Some(Box::new(damage.clone())), ..OpenError::new(path, damage.to_string()) }
    }

    /// The operating system's error, when reading failed.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        self.source.as_deref()
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)?;
        if self.file_exists {
            write!(f, "; the file was left as it is")?;
        }
        if let Some(backup) = &self.backup {
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

/// The reason says what the operating system said as well (the interface shows one line); the source
/// keeps the error itself for callers that look at its kind.
impl std::error::Error for OpenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Read and check an assessment file (a format 1 file is migrated in memory).
pub fn read(path: &Path) -> Result<Assessment, OpenError> {
    read_versioned(path).map(|(a, _)| a)
}

/// Read and check an assessment file; also the format it was written in.
pub fn read_versioned(path: &Path) -> Result<(Assessment, u32), OpenError> {
    // A FIFO, a device or a folder is refused without waiting on it.
    let mut file =
        super::regular::open(path, super::regular::Links::Follow).map_err(|e| OpenError::io(path, "cannot read", e))?;
    let meta = file.metadata().map_err(|e| OpenError::io(path, "cannot read", e))?;
    // Bounded by what is read, not by what the metadata claims.
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| OpenError::io(path, "cannot read", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(OpenError::new(
            path,
            format!("more than {MAX_FILE_BYTES} bytes, over the limit for an assessment"),
        ));
    }
    let (mut assessment, format) = parse_unchecked(&bytes).map_err(|e| OpenError::damaged(path, e))?;
    // Changes saved to the journal by a session that has the file open (or was killed) count too.
    journal::replay(path, &mut assessment).map_err(|e| OpenError::new(path, e.to_string()))?;
    assessment.check().map_err(|e| OpenError::damaged(path, ParseError::Check(e)))?;
    Ok((assessment, format))
}

/// The two fields read before the rest: which file this is, and in which format.
#[derive(serde::Deserialize)]
struct Probe {
    #[serde(default)]
    file: Option<serde_json::Value>,
    #[serde(default)]
    format: Option<serde_json::Value>,
}

/// Check assessment bytes (a format 1 file is migrated in memory).
pub fn parse(bytes: &[u8]) -> Result<Assessment, ParseError> {
    parse_versioned(bytes).map(|(a, _)| a)
}

/// Check assessment bytes; also the format they were written in. An older format is migrated: the
/// result is always in the current format.
pub fn parse_versioned(bytes: &[u8]) -> Result<(Assessment, u32), ParseError> {
    let (assessment, format) = parse_unchecked(bytes)?;
    assessment.check()?;
    Ok((assessment, format))
}

/// The assessment in the bytes, migrated, before the checks of its content.
fn parse_unchecked(bytes: &[u8]) -> Result<(Assessment, u32), ParseError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8(e.valid_up_to()))?;

    // A well-formed file (nearly always) is read in one pass; only when that fails is it read again to
    // say what is wrong, in order: not JSON, not an assessment, a newer format, then the structure. An
    // object that reads whole passes the first three (its `file` and `format` are checked as below; an
    // array, which serde would also read into the struct, is left to the path below).
    let is_object = text.trim_start().starts_with('{');
    if let Some(Ok(mut assessment)) = is_object.then(|| serde_json::from_str::<Assessment>(text)) {
        if assessment.file != FILE_MARKER {
            return Err(ParseError::NoMarker);
        }
        let format = assessment.format;
        if format > FORMAT {
            return Err(ParseError::Newer(u64::from(format)));
        }
        if format < OLDEST_FORMAT {
            return Err(ParseError::UnknownFormat);
        }
        migrate(&mut assessment, format);
        return Ok((assessment, format));
    }
    let located = |e: serde_json::Error| {
        if e.is_eof() {
            ParseError::Truncated { line: e.line(), column: e.column() }
        } else {
            ParseError::Syntax { line: e.line(), column: e.column(), message: e.to_string() }
        }
    };
    // A first look at the marker and the format only: the rest of the object is checked for syntax but
    // not built, which matters on a file of megabytes.
    if !is_object {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(located)?;
        return Err(ParseError::NotAnObject);
    }
    let probe: Probe = serde_json::from_str(text).map_err(located)?;
    if probe.file.as_ref().and_then(|f| f.as_str()) != Some(FILE_MARKER) {
        return Err(ParseError::NoMarker);
    }
    let format = match probe.format.as_ref().and_then(|f| f.as_u64()) {
        Some(v) if (u64::from(OLDEST_FORMAT)..=u64::from(FORMAT)).contains(&v) => v as u32,
        Some(v) if v > u64::from(FORMAT) => return Err(ParseError::Newer(v)),
        _ => return Err(ParseError::UnknownFormat),
    };
    let mut assessment: Assessment = serde_json::from_str(text).map_err(|e| ParseError::Structure {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    migrate(&mut assessment, format);
    Ok((assessment, format))
}

/// Bring an assessment read in an older format up to the current one. Format 2 only adds optional
/// fields (sources, meetings, observations, review state, owner, due date, baseline), so a format 1
/// file is a format 2 file without them.
fn migrate(a: &mut Assessment, from: u32) {
    if from < 2 {
        a.format = 2;
    }
}

/// The bytes of an assessment file.
pub fn to_bytes(a: &Assessment) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(a).expect("an assessment always serialises");
    bytes.push(b'\n');
    bytes
}

/// Save: refused (nothing written) when the assessment is over a limit the reader enforces; otherwise
/// written atomically, keeping the old file as `FILE.bak`.
pub fn write(path: &Path, a: &Assessment) -> Result<(), SaveError> {
    write_sized(path, a).map(|_| ())
}

/// [`write`], returning the size of the file written.
pub fn write_sized(path: &Path, a: &Assessment) -> Result<u64, SaveError> {
    limits::check(a).map_err(|e| SaveError::refused(path, format!("{e}; the change was not saved")))?;
    let bytes = to_bytes(a);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::refused(
            path,
            format!(
                "the assessment would be {} bytes, over the limit of {MAX_FILE_BYTES}; the change was not saved \
                 (keep long texts in documents and refer to them)",
                bytes.len()
            ),
        ));
    }
    write_bytes(path, &bytes)?;
    Ok(bytes.len() as u64)
}
