//! Reading the file the user named (a workbook to import, the customer's original beside an export): only
//! a regular file, opened without blocking and read with a byte limit, whatever the file system says its
//! size is (a device or a FIFO says 0 and never ends).

use std::io::Read;
use std::path::Path;

use super::package::MAX_FILE_BYTES;
use crate::assessment::store::regular;

/// Why the named file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}: cannot read the file ({1})")]
    Io(String, std::io::Error),
    #[error("{0} is a folder; import reads an .xlsx or .csv file")]
    Folder(String),
    #[error("{0} is {1}, not a regular file; import reads an .xlsx or .csv file")]
    NotRegular(String, &'static str),
    #[error("{0}: too big to import: the file is more than {1} MB; import reads files up to {1} MB")]
    TooBig(String, u64),
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_BYTES`]. The kind is checked on the
/// opened file, so a path swapped for a FIFO between a look and the read is still refused.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    let shown = crate::text::one_line(&path.display().to_string());
    let meta = std::fs::metadata(path).map_err(|e| FileError::Io(shown.clone(), e))?;
    if meta.is_dir() {
        return Err(FileError::Folder(shown));
    }
    if !meta.is_file() {
        return Err(FileError::NotRegular(shown, regular::kind(&meta)));
    }
    let file = regular::open(path, regular::Links::Follow).map_err(|e| FileError::Io(shown.clone(), e))?;
    let meta = file.metadata().map_err(|e| FileError::Io(shown.clone(), e))?;
    if !meta.is_file() {
        return Err(FileError::NotRegular(shown, regular::kind(&meta)));
    }
    let limit = MAX_FILE_BYTES;
    if meta.len() > limit {
        return Err(FileError::TooBig(shown, limit / (1024 * 1024)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| FileError::Io(shown.clone(), e))?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooBig(shown, limit / (1024 * 1024)));
    }
    Ok(bytes)
}
