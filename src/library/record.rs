//! Library records, and the library file (`library.json` in the store) that keeps answers added from
//! earlier questionnaires.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::spreadsheet::cell_ref::CellRef;
use crate::spreadsheet::detect::{Detection, FoundQuestion, is_error_value};
use crate::spreadsheet::vocabulary::{Choice, choice_of};
use crate::spreadsheet::workbook::Workbook;
use crate::text::one_line;

pub const FILE_NAME: &str = crate::paths::LIBRARY_FILE;

/// Where an answer came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sheet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cell: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who: String,
    /// The questionnaire id of the assessment it came from, for answers from the store.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assessment: String,
}

impl Provenance {
    /// `file, sheet!cell, customer, date, who` with the empty parts left out.
    pub fn describe(&self) -> String {
        let place = match (self.sheet.is_empty(), self.cell.is_empty()) {
            (_, true) => String::new(),
            (true, false) => self.cell.clone(),
            (false, false) => format!("{}!{}", self.sheet, self.cell),
        };
        [self.file.as_str(), &place, &self.customer, &self.date, &self.who]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How far a source is trusted, most first: answers the user approved into the library, completed
/// questionnaires the user added, then the user's own assessments in the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    Approved,
    #[default]
    Added,
    Store,
}

impl Trust {
    /// 1 for the most trusted source.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }

    pub fn describe(self) -> &'static str {
        match self {
            Trust::Approved => "approved library entry",
            Trust::Added => "added questionnaire",
            Trust::Store => "assessment in the store",
        }
    }
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub question: String,
    /// Ids the question carries in known standards or the customer's file (`A&A-01.1`, `DOCU-01`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// The answer as the customer's vocabulary had it (`Y`, `Yes`) or free text.
    pub answer: String,
    pub choice: Choice,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_reviewed: String,
    /// Added (the default), approved with `library approve`, or (never saved) from the store.
    #[serde(default)]
    pub trust: Trust,
    /// Who approved the entry (`library approve --by`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approved_by: String,
    /// The question's other answer fields by name (the CAIQ's `ownership`), as the respondent filled them;
    /// a library file written before fields were kept has none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl Record {
    /// Reviewed more than a year before `today` (or never).
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        match NaiveDate::parse_from_str(&self.last_reviewed, "%Y-%m-%d") {
            Ok(d) => (today - d).num_days() > 365,
            Err(_) => true,
        }
    }
}

/// The file a completed questionnaire added to the library came from, and who keeps its answers.
#[derive(Debug, Clone, Copy)]
pub struct AddedFile<'a> {
    pub file: &'a str,
    pub sha256: &'a str,
    pub customer: &'a str,
    pub owner: &'a str,
    /// RFC 3339; its date is the entries' last review.
    pub now: &'a str,
}

/// Whether a question found in a workbook carries an answer the respondent gave: not a formula's result
/// (a copy of another answer, or an analyst's computation), not an error value, not empty.
pub fn is_respondents_answer(q: &FoundQuestion) -> bool {
    !q.formula && !q.answer.trim().is_empty() && !is_error_value(&q.answer)
}

/// The library file in the store folder.
pub fn file_path(store_dir: &Path) -> Option<PathBuf> {
    Some(store_dir.join(FILE_NAME))
}

/// The largest answer library read, in bytes.
pub const MAX_LIBRARY_BYTES: u64 = 256 * 1024 * 1024;

/// The saved part of the library.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Saved {
    pub entries: Vec<Record>,
}

impl Saved {
    pub fn load(path: &Path) -> Result<Saved> {
        use crate::assessment::store::regular;
        // A FIFO or a device named library.json is refused without waiting on it.
        match regular::read(path, regular::Links::Follow, MAX_LIBRARY_BYTES) {
            Ok(bytes) if bytes.len() as u64 > MAX_LIBRARY_BYTES => {
                anyhow::bail!("{}: the answer library is over {MAX_LIBRARY_BYTES} bytes; move it aside", path.display())
            }
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{}: the answer library is damaged; fix or move it aside", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Saved::default()),
            Err(e) => Err(e).with_context(|| format!("{}: cannot read the answer library", path.display())),
        }
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).expect("records serialise");
        crate::assessment::store::write_private(path, text.as_bytes())
            .with_context(|| format!("{}: cannot write the answer library", path.display()))
    }

    /// Add every question of an answered workbook that the respondent answered; returns how many.
    pub fn add_detection(
        &mut self,
        d: &Detection,
        file: &str,
        sha256: &str,
        customer: &str,
        owner: &str,
        now: &str,
    ) -> usize {
        self.add_answered(None, d, &AddedFile { file, sha256, customer, owner, now })
    }

    /// As [`Saved::add_detection`], and with the workbook at hand a comment cell holding a formula (its
    /// cached result, never the respondent's words) is left out too.
    pub fn add_answered(&mut self, wb: Option<&Workbook>, d: &Detection, added: &AddedFile<'_>) -> usize {
        let AddedFile { file, sha256, customer, owner, now } = *added;
        let formula_at = |q: &FoundQuestion, cell: CellRef| {
            let sheet = wb.and_then(|wb| wb.sheets.iter().find(|s| s.name == q.sheet));
            sheet.is_some_and(|s| s.is_formula(cell))
        };
        let formula_comment = |q: &FoundQuestion| q.comment_cell.is_some_and(|c| formula_at(q, c));
        // The other fields the respondent filled: never a formula's result, an error value, or a cell they
        // could not write (locked, or merged under another).
        let fields = |q: &FoundQuestion| -> BTreeMap<String, String> {
            q.fields
                .iter()
                .filter(|f| {
                    !f.read_only && !f.value.trim().is_empty() && !is_error_value(&f.value) && !formula_at(q, f.cell)
                })
                .map(|f| (f.name.clone(), f.value.clone()))
                .collect()
        };
        let date: String = now.chars().take(10).collect();
        let before = self.entries.len();
        for q in d.questions().filter(|q| is_respondents_answer(q)) {
            let explanation =
                if is_error_value(&q.comment) || formula_comment(q) { String::new() } else { q.comment.clone() };
            self.entries.push(Record {
                question: q.text.clone(),
                ids: if q.id.is_empty() { Vec::new() } else { vec![q.id.clone()] },
                answer: q.answer.clone(),
                choice: choice_of(&q.answer),
                explanation,
                evidence: Vec::new(),
                provenance: Provenance {
                    file: file.to_string(),
                    sha256: sha256.to_string(),
                    sheet: q.sheet.clone(),
                    cell: q.answer_cell.a1(),
                    customer: customer.to_string(),
                    date: date.clone(),
                    who: String::new(),
                    assessment: String::new(),
                },
                owner: owner.to_string(),
                last_reviewed: date.clone(),
                trust: Trust::Added,
                approved_by: String::new(),
                fields: fields(q),
            });
        }
        self.entries.len() - before
    }

    /// Approve entry `n` (1-based, as listed): it becomes the most trusted kind of source, reviewed
    /// `now` by `by`. Returns its question.
    pub fn approve(&mut self, n: &str, by: &str, now: &str) -> Result<String> {
        let i = self.number(n)?;
        let entry = &mut self.entries[i - 1];
        entry.trust = Trust::Approved;
        entry.approved_by = by.trim().to_string();
        entry.last_reviewed = now.chars().take(10).collect();
        Ok(entry.question.clone())
    }

    fn number(&self, n: &str) -> Result<usize> {
        let i: usize =
            n.trim().parse().map_err(|_| anyhow!("`{}` is not an entry number; see `library list`", one_line(n)))?;
        if i == 0 || i > self.entries.len() {
            return Err(anyhow!("there is no entry {i}; the library has {} entries", self.entries.len()));
        }
        Ok(i)
    }

    /// Remove entry `n` (1-based, as listed); returns its question.
    pub fn remove(&mut self, n: &str) -> Result<String> {
        let i = self.number(n)?;
        Ok(self.entries.remove(i - 1).question)
    }

    /// The entries that have every word of `words` (all of them when none is given), numbered from 1 as
    /// `library remove` takes them.
    pub fn matching(&self, words: Option<&str>) -> Vec<(usize, &Record)> {
        let wanted: Vec<String> = words.map(crate::search::tokens).unwrap_or_default();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                wanted.is_empty() || {
                    let have = crate::search::tokens(&format!("{} {} {}", r.question, r.ids.join(" "), r.explanation));
                    wanted.iter().all(|w| have.contains(w))
                }
            })
            .map(|(i, r)| (i + 1, r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_file_written_before_fields_were_kept_loads_with_none() {
        let old = r#"{"entries":[{"question":"Q","answer":"Yes","choice":"yes","provenance":{"file":"a.xlsx"}}]}"#;
        let saved: Saved = serde_json::from_str(old).unwrap();
        assert!(saved.entries[0].fields.is_empty());
        let mut again = saved.entries[0].clone();
        again.fields.insert("ownership".into(), "CSP-owned".into());
        let text = serde_json::to_string(&again).unwrap();
        assert!(text.contains(r#""fields":{"ownership":"CSP-owned"}"#), "{text}");
    }
}
