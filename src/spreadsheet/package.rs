//! The workbook file as a zip package: what kind of file it is, and its parts read with size caps so a zip
//! bomb or a hostile file cannot exhaust memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::ReadError;

/// Largest workbook or CSV file imported, in bytes (50 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest single part once uncompressed (200 MB): a sheet of 10,000 questions is a few MB.
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;
/// Most bytes uncompressed across every part read from one workbook (400 MB).
pub const MAX_TOTAL_BYTES: u64 = 400 * 1024 * 1024;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip package (XLSX).
    Zip,
    /// An OLE compound file: an encrypted or password-protected workbook, or an old binary `.xls`.
    Compound,
    /// Anything else (CSV is recognised by its name).
    Other,
}

pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Compound
    } else {
        Kind::Other
    }
}

/// An opened XLSX package.
pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    read_so_far: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ReadError> {
        match sniff(bytes) {
            Kind::Zip => {}
            Kind::Compound => return Err(ReadError::Encrypted),
            Kind::Other => return Err(ReadError::NotAWorkbook("it is not a zip package".into())),
        }
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReadError::NotAWorkbook(format!("the zip package is damaged ({e})")))?;
        Ok(Package { archive, read_so_far: 0 })
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// One part, uncompressed; `None` when the package has no such part. Refuses parts bigger than the caps,
    /// whatever their header claims.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.archive.index_for_name(name) else { return Ok(None) };
        let file = self.archive.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => ReadError::Encrypted,
            e => ReadError::NotAWorkbook(format!("cannot read part {name} ({e})")),
        })?;
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read_so_far));
        let mut out = Vec::new();
        file.take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::NotAWorkbook(format!("cannot read part {name} ({e})")))?;
        if out.len() as u64 > budget {
            return Err(ReadError::TooBig(format!(
                "part {name} uncompresses to more than {} MB (a zip bomb, or far bigger than any questionnaire)",
                budget / (1024 * 1024)
            )));
        }
        self.read_so_far += out.len() as u64;
        Ok(Some(out))
    }

    /// One part as text.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        match self.read(name)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| ReadError::NotAWorkbook(format!("part {name} is not UTF-8 text"))),
        }
    }
}
