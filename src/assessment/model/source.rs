//! Where an imported questionnaire came from: the customer's workbook (or CSV) and, for every question,
//! the cells it was read from and its answer is written back to. Format 2 of the assessment file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The file a `customer` (or imported vendor) assessment was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file's name as it was imported (no directory: the file travels, paths do not).
    pub file_name: String,
    /// `xlsx` or `csv`.
    pub format: String,
    /// `sha256:` and the hex digest of the original bytes, to detect a changed source file.
    pub sha256: String,
    /// Size of the original in bytes.
    pub size: u64,
    /// The original file, deflate-compressed then base64-encoded, so export works on another machine.
    /// Empty when only the digest was kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub embedded: String,
    /// The customer the questionnaire came from, when given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Per question id: where it was found and where its answer goes.
    #[serde(default)]
    pub cells: BTreeMap<String, CellSource>,
}

/// Where one question lives in the source workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellSource {
    /// Sheet name (empty for CSV).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sheet: String,
    /// 1-based row number.
    pub row: u32,
    /// The question's id as found in the file (may be empty when the file has no id column).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id_as_found: String,
    /// The question's text as found (after formulas, their cached value).
    pub text_as_found: String,
    /// The answer cell, A1 style (`D12`), or empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer_cell: String,
    /// The comment cell, A1 style, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment_cell: String,
    /// The answer cell holds a formula: shown read-only, never written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub formula: bool,
    /// The answer cell is locked on a protected sheet: never written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// The values the cell accepts as the customer wrote them (`Yes`, `No`, `N/A`), in order, when the cell
    /// has a list validation or the column a small vocabulary; empty for free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary: Vec<String>,
    /// What the comment column is called in the customer's file (`CSP Implementation Description`), when
    /// known: the interface names the comment field with it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment_label: String,
    /// The question's other answer fields (CAIQ's control ownership), each with its own cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldCell>,
}

/// One more answer field of a customer's question: where it is written and what it accepts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldCell {
    /// What it is called when typed (`ownership`): lower case, no spaces.
    pub name: String,
    /// What the customer's header calls it (`SSRM Control Ownership`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The cell, A1 style, on the question's sheet and row.
    pub cell: String,
    /// The values the cell's list validation accepts, as the customer wrote them; empty for free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary: Vec<String>,
    /// The cell holds a formula or is locked: never written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
}

/// Longest value of an extra field, in characters (what one spreadsheet cell holds).
pub const MAX_FIELD_CHARS: usize = 32_767;

impl FieldCell {
    /// The name people read: the customer's header, else the field's name.
    pub fn shown_name(&self) -> &str {
        if self.label.trim().is_empty() { &self.name } else { &self.label }
    }

    /// The value as stored, from what was typed: one of the field's choices in the customer's own spelling
    /// (compared without case), or any text up to a cell's length for a free-text field. Empty clears it.
    pub fn accept(&self, typed: &str) -> Result<String, FieldRefusal> {
        let typed = typed.trim_end_matches(['\n', '\r']);
        if typed.trim().is_empty() {
            return Ok(String::new());
        }
        if !self.vocabulary.is_empty() {
            return self.vocabulary.iter().find(|v| v.trim().eq_ignore_ascii_case(typed.trim())).cloned().ok_or_else(
                || FieldRefusal::NotAChoice {
                    typed: crate::text::one_line(typed),
                    field: self.name.clone(),
                    shown: crate::text::one_line(self.shown_name()),
                    choices: self.vocabulary.join(", "),
                },
            );
        }
        let chars = typed.chars().count();
        if chars > MAX_FIELD_CHARS {
            return Err(FieldRefusal::TooLong { field: self.name.clone(), chars });
        }
        Ok(typed.to_string())
    }
}

/// Why a value does not fit an answer field of a customer's questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldRefusal {
    #[error("`{typed}` is not a value of the field `{field}` ({shown}); it accepts one of: {choices}")]
    NotAChoice { typed: String, field: String, shown: String, choices: String },
    #[error("the field `{field}` is {chars} characters long; a spreadsheet cell holds at most {MAX_FIELD_CHARS}")]
    TooLong { field: String, chars: usize },
}

impl CellSource {
    /// The extra answer field called `name` (compared without case).
    pub fn field(&self, name: &str) -> Option<&FieldCell> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Why this question's answer may not change, when its answer cell is never written back: a formula,
    /// or a locked or merged cell in the customer's file.
    pub fn read_only(&self) -> Option<String> {
        let at = crate::text::one_line(&if self.sheet.is_empty() {
            self.answer_cell.clone()
        } else {
            format!("{}!{}", self.sheet, self.answer_cell)
        });
        if self.formula {
            Some(format!("the answer cell {at} is a formula in the customer's file; it is never written"))
        } else if self.locked {
            Some(format!("the answer cell {at} is locked (or merged) in the customer's file; it is never written"))
        } else {
            None
        }
    }
}

/// Why a question's answer cannot be changed, if it cannot: on a customer questionnaire, its answer cell is
/// a formula or locked in the customer's file, which export never writes. Every front end refuses a change
/// to such a question with this reason (and `Session::answer` with the cell's own words).
pub fn read_only(a: &super::document::Assessment, question: &str) -> Option<String> {
    let why = a.source.as_ref()?.cells.get(question)?.read_only()?;
    Some(format!("Read-only: {why}."))
}
