//! The standard questionnaire templates (CAIQ, HECVAT, SIG-like) recognised by their signature: which sheets
//! the respondent answers, which columns hold the id, question and answer fields, and which sheets are for
//! the customer's analysts. Kept as data in `questionnaires/templates/*.json`, compiled in.

use serde::Deserialize;

use super::cell_ref::column_number;
use super::detect::fold;
use super::workbook::{Sheet, Workbook};

/// How far down a sheet the signature's header words are looked for.
const HEADER_SEARCH_ROWS: u32 = 60;

const BUILT_IN: [(&str, &str); 7] = [
    ("hecvat-4", include_str!("../../../questionnaires/templates/hecvat-4.json")),
    ("hecvat-3-full", include_str!("../../../questionnaires/templates/hecvat-3-full.json")),
    ("hecvat-3-lite", include_str!("../../../questionnaires/templates/hecvat-3-lite.json")),
    ("hecvat-triage", include_str!("../../../questionnaires/templates/hecvat-triage.json")),
    ("caiq-v4", include_str!("../../../questionnaires/templates/caiq-v4.json")),
    ("caiq-v3.1", include_str!("../../../questionnaires/templates/caiq-v3.1.json")),
    ("sig", include_str!("../../../questionnaires/templates/sig.json")),
];

/// A built-in template's profile that does not hold together: a bug in the template, named with its id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("template profile `{template}` is not valid: {detail}")]
    Json { template: String, detail: String },
    #[error("template `{template}`: `{letters}` is not a column")]
    NotAColumn { template: String, letters: String },
    #[error("template `{template}`: `{name}` is not a field name")]
    NotAFieldName { template: String, name: String },
    #[error("template `{template}`: field `{name}` is in column {letters}, not an answer field")]
    NotAnAnswerField { template: String, name: String, letters: String },
}

/// Columns by their letters, as the template's documentation names them.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProfileColumns {
    pub id: String,
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub comment: Option<String>,
    /// A column naming each row's section (CAIQ's domain title), when sections are not header rows.
    #[serde(default)]
    pub section: Option<String>,
}

/// One template's profile.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: String,
    /// Sheets every workbook of this template has (compared without case).
    #[serde(default)]
    pub signature_sheets: Vec<String>,
    /// Header words one row of a visible sheet holds, each a whole cell.
    #[serde(default)]
    pub signature_headers: Vec<String>,
    /// The sheets the respondent answers; empty: every visible sheet with the signature's header row.
    #[serde(default)]
    pub respondent_sheets: Vec<String>,
    /// Sheets for the customer's analysts (evaluation, scoring): never imported.
    #[serde(default)]
    pub analyst_sheets: Vec<String>,
    pub columns: ProfileColumns,
    /// Every column the respondent fills for one question (the first is the answer).
    #[serde(default)]
    pub answer_fields: Vec<String>,
    /// The answer fields besides the answer and comment columns, by column letter, with the name they are
    /// typed by (`"D": "ownership"`): each becomes a field of every question, exported to its own cell.
    #[serde(default)]
    pub field_names: std::collections::BTreeMap<String, String>,
    /// Every question has an id: an unnumbered row is a title or instructions.
    #[serde(default)]
    pub require_id: bool,
    /// Text the blank template puts in answer cells ("Vendor Contact Name", "555-555-5555"): not answers.
    #[serde(default)]
    pub placeholders: Vec<String>,
}

impl Profile {
    /// The other answer fields: column number and name, in column order. A name is lower case letters,
    /// digits and dashes; `answer` and `comment` are taken.
    pub fn extra_fields(&self) -> Result<Vec<(u32, String)>, TemplateError> {
        let mut out = Vec::new();
        for (letters, name) in &self.field_names {
            let col = column_number(letters.trim()).ok_or_else(|| self.not_a_column(letters))?;
            let good = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && name != "answer"
                && name != "comment";
            if !good {
                return Err(TemplateError::NotAFieldName { template: self.id.clone(), name: name.clone() });
            }
            if !self.answer_fields.iter().any(|a| a.trim().eq_ignore_ascii_case(letters.trim())) {
                return Err(TemplateError::NotAnAnswerField {
                    template: self.id.clone(),
                    name: name.clone(),
                    letters: letters.clone(),
                });
            }
            out.push((col, name.clone()));
        }
        out.sort();
        Ok(out)
    }
}

/// The columns of a profile as numbers (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbered {
    pub id: u32,
    pub question: u32,
    pub answer: u32,
    pub comment: Option<u32>,
    pub section: Option<u32>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl Profile {
    fn not_a_column(&self, letters: &str) -> TemplateError {
        TemplateError::NotAColumn { template: self.id.clone(), letters: letters.to_string() }
    }

    pub fn columns(&self) -> Result<Numbered, TemplateError> {
        let col = |letters: &str| column_number(letters.trim()).ok_or_else(|| self.not_a_column(letters));
        let optional = |letters: &Option<String>| letters.as_deref().map(col).transpose();
        Ok(Numbered {
            id: col(&self.columns.id)?,
            question: col(&self.columns.question)?,
            answer: col(&self.columns.answer)?,
            comment: optional(&self.columns.comment)?,
            section: optional(&self.columns.section)?,
        })
    }

    fn has_signature_header(&self, sheet: &Sheet) -> bool {
        !self.signature_headers.is_empty()
            && (1..=HEADER_SEARCH_ROWS.min(sheet.max_row())).any(|row| {
                let cells: Vec<String> = sheet.row_cells(row).map(|(_, c)| fold(&c.value)).collect();
                self.signature_headers.iter().all(|w| cells.contains(&fold(w)))
            })
    }

    /// Whether the workbook is one of this template's.
    pub fn matches(&self, wb: &Workbook) -> bool {
        let sheets_ok = self.signature_sheets.iter().all(|want| wb.sheets.iter().any(|s| same(&s.name, want)));
        let headers_ok =
            self.signature_headers.is_empty() || wb.sheets.iter().any(|s| !s.hidden && self.has_signature_header(s));
        (!self.signature_sheets.is_empty() || !self.signature_headers.is_empty()) && sheets_ok && headers_ok
    }

    /// What this template says about a sheet.
    pub fn role_of(&self, sheet: &Sheet) -> SheetRole {
        if self.analyst_sheets.iter().any(|n| same(n, &sheet.name)) {
            SheetRole::Analyst
        } else if self.respondent_sheets.iter().any(|n| same(n, &sheet.name))
            || (self.respondent_sheets.is_empty() && !sheet.hidden && self.has_signature_header(sheet))
        {
            SheetRole::Respondent
        } else {
            SheetRole::Other
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetRole {
    Respondent,
    Analyst,
    Other,
}

/// Every built-in profile, most specific first.
pub fn built_in() -> Result<Vec<Profile>, TemplateError> {
    BUILT_IN
        .iter()
        .map(|(name, json)| {
            let p: Profile = serde_json::from_str(json)
                .map_err(|e| TemplateError::Json { template: name.to_string(), detail: e.to_string() })?;
            p.columns()?;
            p.extra_fields()?;
            Ok(p)
        })
        .collect()
}

impl Profile {
    /// Whether an answer as found is only the template's placeholder.
    pub fn is_placeholder(&self, answer: &str) -> bool {
        self.placeholders.iter().any(|p| same(p, answer))
    }
}

/// The profile of the template the workbook is made from, if any.
pub fn recognise(wb: &Workbook) -> Option<Profile> {
    built_in().ok()?.into_iter().find(|p| p.matches(wb))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_profile_reads() {
        let all = super::built_in().unwrap();
        assert_eq!(all.len(), 7);
        assert!(all.iter().all(|p| !p.respondent_sheets.is_empty() || !p.signature_headers.is_empty()));
    }
}
