//! Where an answer filled from the answer library came from (file, sheet and cell or question id,
//! customer, date), how well it matched and why, and who approved it. An answer with a source starts as
//! suggested; a person approves it (or answers the question themselves, which drops the source).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSource {
    /// The file the answer was taken from (a workbook added to the library, an assessment in the store).
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sheet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cell: String,
    /// The source's own question id, verbatim (`A&A-01.1`), when it had one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// When the source answer was given or reviewed, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 0 to 1: how well the source's question matched this one.
    pub score: f64,
    /// Why it matched: "same id", "same question text", "similar wording: ...".
    pub reason: String,
    /// Who approved it into this assessment, and when (RFC 3339); empty while suggested.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approved_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approved_at: String,
}

impl AnswerSource {
    /// `file, sheet!cell (id), customer, date` with the empty parts left out.
    pub fn describe(&self) -> String {
        let mut place = match (self.sheet.is_empty(), self.cell.is_empty()) {
            (_, true) => String::new(),
            (true, false) => self.cell.clone(),
            (false, false) => format!("{}!{}", self.sheet, self.cell),
        };
        if !self.question.is_empty() {
            place = if place.is_empty() { self.question.clone() } else { format!("{place} ({})", self.question) };
        }
        [self.file.as_str(), &place, &self.customer, &self.date]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}
