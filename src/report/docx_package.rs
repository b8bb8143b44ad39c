//! Rewriting a .docx package: every part copied compressed (docx-rs stores its parts uncompressed, which
//! makes a long report ten times larger than it needs to be), with some parts replaced or added. Used to
//! finish every Word report and to give one a template's styles.

use std::io::{Cursor, Read, Write};

use zip::ZipArchive;
use zip::write::{SimpleFileOptions, ZipWriter};

/// The package `document` with each part `replace` returns `Some` for replaced by that text, the parts of
/// `add` added, and everything compressed. Folder entries are left out (no reader needs them).
pub fn rewrite(
    document: &[u8],
    mut replace: impl FnMut(&str, &str) -> Option<String>,
    add: &[(&str, &str)],
) -> Result<Vec<u8>, String> {
    let mut zip = ZipArchive::new(Cursor::new(document)).map_err(|e| e.to_string())?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|e| e.to_string())?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().map_err(|e| e.to_string())?.to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
        let replaced = std::str::from_utf8(&bytes).ok().and_then(|text| replace(&name, text));
        out.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        out.write_all(replaced.as_ref().map_or(&bytes[..], |t| t.as_bytes())).map_err(|e| e.to_string())?;
    }
    for (name, text) in add {
        out.start_file(*name, options).map_err(|e| e.to_string())?;
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}
