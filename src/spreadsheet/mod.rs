//! Spreadsheets in and out: reading a customer's workbook (XLSX or CSV), finding its questions, and writing
//! answers back into a copy of their own file with everything else kept byte for byte. Plain data and pure
//! functions over bytes; the command line and the interface decide where the bytes come from and go.

pub mod cell_ref;
pub mod csv_file;
pub mod customer_ids;
pub mod detect;
pub mod export;
pub mod import;
pub mod new_workbook;
pub mod outgoing;
pub mod package;
pub mod source_file;
pub mod templates;
pub mod vocabulary;
pub mod workbook;
mod xml;

pub use detect::{ColumnProblem, Detection, NoQuestions, Options, Suggestion, detect};
pub use workbook::Workbook;

/// Why a file could not be read as a questionnaire. Nothing is written when one of these is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("not a workbook: {0}; import takes an .xlsx workbook or a .csv file")]
    NotAWorkbook(String),
    #[error(
        "the workbook is password-protected or encrypted (or an old binary .xls); open it in Excel or LibreOffice, remove the password and save it as .xlsx, then import that copy"
    )]
    Encrypted,
    #[error("too big to import: {0}")]
    TooBig(String),
    /// A part that no spreadsheet program writes (a row or column past a worksheet's last): the file was
    /// damaged, or made to harm whoever reads it.
    #[error("the workbook cannot be read: {0}; Excel and LibreOffice never write this, so the file is damaged")]
    Malformed(String),
    #[error(transparent)]
    NoQuestions(#[from] NoQuestions),
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
}

/// How far a read has got, for a progress line: sheet `sheet` of `sheets` (counted from 1; 0 while the
/// workbook's own parts are read), at row `row`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub sheet: usize,
    pub sheets: usize,
    pub row: u32,
}

/// Told the progress every few thousand XML events; returning `false` stops the read, which then fails
/// with [`ReadError::Cancelled`]. The front end decides what a look costs (a flag, a shared number).
pub type Watch<'a> = &'a mut dyn FnMut(Progress) -> bool;

/// The two file formats imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// XLSX by its first bytes; CSV by its name; anything else is refused when read.
    pub fn of(file_name: &str, bytes: &[u8]) -> Format {
        let is_csv = file_name.to_lowercase().ends_with(".csv") || file_name.to_lowercase().ends_with(".txt");
        if package::sniff(bytes) == package::Kind::Other && is_csv { Format::Csv } else { Format::Xlsx }
    }
}

/// Read a file's bytes as a workbook (a CSV file is one sheet).
pub fn read(file_name: &str, bytes: &[u8]) -> Result<(Format, Workbook), ReadError> {
    read_watched(file_name, bytes, &mut |_| true)
}

/// [`read`], telling `watch` how far it has got and stopping when it says so.
pub fn read_watched(file_name: &str, bytes: &[u8], watch: Watch<'_>) -> Result<(Format, Workbook), ReadError> {
    if bytes.len() as u64 > package::MAX_FILE_BYTES {
        return Err(ReadError::TooBig(format!(
            "the file is {} MB; import reads files up to {} MB",
            bytes.len() / (1024 * 1024),
            package::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if !watch(Progress::default()) {
        return Err(ReadError::Cancelled);
    }
    match Format::of(file_name, bytes) {
        Format::Csv => Ok((Format::Csv, csv_file::read_csv(bytes)?)),
        Format::Xlsx => Ok((Format::Xlsx, workbook::read_xlsx_watched(bytes, watch)?)),
    }
}
