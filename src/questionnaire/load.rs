//! Reading a questionnaire from text or a file: syntax errors located by line and column, then validation.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::format::Questionnaire;
use super::limits::MAX_FILE_BYTES;
use super::validate::{Problem, validate};

/// Why a questionnaire could not be loaded. Nothing is half-loaded: any error refuses the whole file.
#[derive(Debug)]
pub enum LoadError {
    /// `source` is the operating system's error, when there is one (the reason says it in words too).
    Read {
        origin: String,
        reason: String,
        source: Option<std::io::Error>,
    },
    TooLarge {
        origin: String,
        bytes: u64,
    },
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    Invalid {
        origin: String,
        problems: Vec<Problem>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { origin, reason, .. } => write!(f, "{origin}: cannot read the questionnaire: {reason}"),
            // A bounded read stops one byte past the limit, so that count means "more than the limit".
            LoadError::TooLarge { origin, bytes } if *bytes == MAX_FILE_BYTES + 1 => {
                write!(f, "{origin}: the file is over the limit of {MAX_FILE_BYTES} bytes (20 MB) for a questionnaire")
            }
            LoadError::TooLarge { origin, bytes } => write!(
                f,
                "{origin}: the file is {bytes} bytes, over the limit of {MAX_FILE_BYTES} bytes (20 MB) for a questionnaire"
            ),
            LoadError::Syntax { origin, line, column, message } => write!(f, "{origin}:{line}:{column}: {message}"),
            LoadError::Invalid { origin, problems } => {
                let first = &problems[0];
                write!(f, "{origin}: {first}")?;
                if problems.len() > 1 {
                    write!(f, " (and {} more errors; `soc2-ready validate` lists them all)", problems.len() - 1)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { source: Some(e), .. } => Some(e),
            _ => None,
        }
    }
}

impl LoadError {
    /// Every error, one per line, each naming the file.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Invalid { origin, problems } => problems.iter().map(|p| format!("{origin}: {p}")).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Parse and validate a questionnaire. `origin` names the file in every error.
pub fn parse(text: &str, origin: &str) -> Result<Questionnaire, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin: origin.into(), bytes: text.len() as u64 });
    }
    let mut questionnaire: Questionnaire = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        origin: origin.into(),
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let mut problems = super::help::fill_questionnaire(&mut questionnaire);
    problems.extend(validate(&questionnaire));
    if problems.is_empty() { Ok(questionnaire) } else { Err(LoadError::Invalid { origin: origin.into(), problems }) }
}

/// serde_json appends " at line L column C" to its messages; the location is printed in front instead.
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// Read, parse and validate a questionnaire file. Only a regular file is read (a device, a FIFO or a
/// folder is refused), and never more than the size limit, whatever the file system says its size is.
pub fn load_file(path: &Path) -> Result<Questionnaire, LoadError> {
    let origin = path.display().to_string();
    let read_error =
        |e: std::io::Error| LoadError::Read { origin: origin.clone(), reason: e.to_string(), source: Some(e) };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(LoadError::Read {
            origin,
            source: None,
            reason: "not a regular file (a folder, device or pipe); give the path of a .json file, or - for \
                     standard input where a command accepts it"
                .into(),
        });
    }
    load_reader(file, &origin)
}

/// Read, parse and validate a questionnaire from standard input (bounded like a file).
pub fn load_stdin() -> Result<Questionnaire, LoadError> {
    load_reader(std::io::stdin().lock(), "standard input")
}

fn load_reader(reader: impl Read, origin: &str) -> Result<Questionnaire, LoadError> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| LoadError::Read {
        origin: origin.into(),
        reason: e.to_string(),
        source: Some(e),
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { origin: origin.into(), bytes: bytes.len() as u64 });
    }
    // A UTF-8 byte order mark (some editors write one) is not part of the JSON: skip it.
    let start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let text = std::str::from_utf8(&bytes[start..]).map_err(|e| LoadError::Read {
        origin: origin.into(),
        source: None,
        reason: format!("not UTF-8 text (invalid byte at offset {})", start + e.valid_up_to()),
    })?;
    parse(text, origin)
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a questionnaire came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    User(PathBuf),
}
