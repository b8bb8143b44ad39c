//! The report's own flags: the format (from `--format` or the extension of `-o`), and the owner and due
//! date `answer` records on a gap.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use crate::assessment::{Change, Session};
use crate::report::Format;

/// The longest owner name kept, in characters.
pub const MAX_OWNER_CHARS: usize = 200;

/// Every id `report --format` takes: the text formats, then the Word document.
pub const FORMAT_IDS: [&str; 5] = ["md", "html", "json", "csv", DOCX];
const DOCX: &str = "docx";

/// What `report` writes: one of the text formats, or a Word document (bytes, never for a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text(Format),
    Docx,
}

/// The format: `--format` when given, else the extension of `-o` (`.md`, `.html`, `.json`, `.csv`,
/// `.docx`), else Markdown.
pub fn format(flag: Option<&str>, output: Option<&Path>) -> Result<Output> {
    if let Some(id) = flag {
        if id == DOCX {
            return Ok(Output::Docx);
        }
        return Format::from_id(id)
            .map(Output::Text)
            .ok_or_else(|| anyhow!("unknown format `{id}`; use md, html, json, csv or docx"));
    }
    let ext = output.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    Ok(match ext.as_deref() {
        Some(DOCX) => Output::Docx,
        Some("htm") => Output::Text(Format::Html),
        Some("markdown") => Output::Text(Format::Markdown),
        Some(e) => Output::Text(Format::from_id(e).unwrap_or(Format::Markdown)),
        None => Output::Text(Format::Markdown),
    })
}

/// The `--template` file's bytes, with its name for messages; refused before reading when it is not a
/// regular file or is larger than a template can be.
pub fn read_template(path: &Path) -> Result<(std::path::PathBuf, Vec<u8>)> {
    use std::io::Read;
    let name = crate::text::one_line(&path.display().to_string());
    let file = crate::assessment::store::regular::open(path, crate::assessment::store::regular::Links::Follow)
        .map_err(|e| anyhow!("--template {name}: {e}"))?;
    let limit = crate::report::docx_template::MAX_TEMPLATE_BYTES;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| anyhow!("--template {name}: cannot read it ({e})"))?;
    if bytes.len() as u64 > limit {
        bail!("--template {name}: larger than {limit} bytes; a Word template is far smaller");
    }
    Ok((path.to_path_buf(), bytes))
}

/// `answer --owner NAME --due DATE`, checked before anything is written.
#[derive(Debug, Default)]
pub struct Plan {
    owner: Option<String>,
    due: Option<String>,
}

impl Plan {
    pub fn parse(owner: Option<String>, due: Option<String>) -> Result<Plan> {
        if let Some(o) = &owner {
            if o.chars().count() > MAX_OWNER_CHARS {
                bail!("--owner is {} characters; the limit is {MAX_OWNER_CHARS}", o.chars().count());
            }
            if o.chars().any(char::is_control) {
                bail!("--owner must be one line of text, without control characters");
            }
        }
        if let Some(d) = due.as_deref().filter(|d| !d.is_empty())
            && (d.len() != 10 || NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err())
        {
            bail!("--due `{}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31", crate::text::one_line(d));
        }
        Ok(Plan { owner: owner.map(|o| o.trim().to_string()), due })
    }

    /// Record the owner and due date on the question's answer and save.
    pub fn apply(&self, session: &mut Session, question: &str) -> Result<()> {
        if self.owner.is_none() && self.due.is_none() {
            return Ok(());
        }
        let Some(current) = session.assessment.answers().get(question) else {
            return Ok(());
        };
        let owner = self.owner.clone().unwrap_or_else(|| current.owner.clone());
        let due = self.due.clone().unwrap_or_else(|| current.due.clone());
        let change = Change::Plan { question: question.to_string(), owner, due };
        session
            .apply(&change, &crate::clock::now())
            .map_err(|e| anyhow!("the answer was saved, but not its owner and due date: {e}"))?;
        Ok(())
    }
}
