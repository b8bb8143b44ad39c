//! Library records, and the library file (`library.json` in the store) that keeps answers added from
//! earlier questionnaires.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::spreadsheet::detect::Detection;
use crate::spreadsheet::vocabulary::{Choice, choice_of};
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
        use crate::assessment::regular;
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

    /// Add every answered question of an answered workbook; returns how many.
    pub fn add_detection(
        &mut self,
        d: &Detection,
        file: &str,
        sha256: &str,
        customer: &str,
        owner: &str,
        now: &str,
    ) -> usize {
        let date: String = now.chars().take(10).collect();
        let before = self.entries.len();
        for q in d.questions().filter(|q| !q.answer.is_empty()) {
            self.entries.push(Record {
                question: q.text.clone(),
                ids: if q.id.is_empty() { Vec::new() } else { vec![q.id.clone()] },
                answer: q.answer.clone(),
                choice: choice_of(&q.answer),
                explanation: q.comment.clone(),
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
            });
        }
        self.entries.len() - before
    }

    /// Remove entry `n` (1-based, as listed); returns its question.
    pub fn remove(&mut self, n: &str) -> Result<String> {
        let i: usize =
            n.trim().parse().map_err(|_| anyhow!("`{}` is not an entry number; see `library list`", one_line(n)))?;
        if i == 0 || i > self.entries.len() {
            return Err(anyhow!("there is no entry {i}; the library has {} entries", self.entries.len()));
        }
        Ok(self.entries.remove(i - 1).question)
    }

    /// The entries that have every word of `words` (all of them when none is given), numbered from 1 as
    /// `library remove` takes them.
    pub fn matching(&self, words: Option<&str>) -> Vec<(usize, &Record)> {
        let wanted: Vec<String> = words.map(crate::library::index::tokens).unwrap_or_default();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                wanted.is_empty() || {
                    let have =
                        crate::library::index::tokens(&format!("{} {} {}", r.question, r.ids.join(" "), r.explanation));
                    wanted.iter().all(|w| have.contains(w))
                }
            })
            .map(|(i, r)| (i + 1, r))
            .collect()
    }
}
