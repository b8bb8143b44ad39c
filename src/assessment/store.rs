//! The store: the folder of assessments, listed for the home screen and `list`, and names for new ones.
//!
//! Reading and writing one file is in `file`, atomic replacement in `atomic`, the folder's safety in
//! `folder`; they are re-exported here, where callers have always found them.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::document::Assessment;
use super::progress::{Visibility, progress};

pub use super::atomic::{SaveError, backup_path, remove_stale_temporaries, write_bytes, write_private};
pub use super::file::{
    MAX_FILE_BYTES, OpenError, ParseError, parse, read, read_versioned, to_bytes, write, write_sized,
};
pub use super::folder::{FolderError, ensure_private_dir, shared_folder_warning};

/// One assessment in the store, as the home screen and `list` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub name: String,
    pub org: String,
    pub questionnaire: String,
    pub questionnaire_title: String,
    pub progress: u32,
    pub updated_at: String,
    pub path: PathBuf,
}

impl Listed {
    pub fn of(path: &Path, a: &Assessment) -> Listed {
        let vis = Visibility::of_assessment(a);
        let (_, total) = progress(a, &vis);
        Listed {
            name: path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
            org: a.org.clone(),
            questionnaire: a.questionnaire.id.clone(),
            questionnaire_title: a.questionnaire().title.clone(),
            progress: total.percent(),
            updated_at: a.updated_at.clone(),
            path: path.to_path_buf(),
        }
    }
}

/// The folder of assessments.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// The store's assessments, newest change first, and the files that could not be read.
    pub fn list(&self) -> (Vec<Listed>, Vec<OpenError>) {
        let mut listed = Vec::new();
        let mut errors = Vec::new();
        let Ok(entries) = fs::read_dir(&self.dir) else { return (listed, errors) };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        for path in paths {
            match read(&path) {
                Ok(a) => listed.push(Listed::of(&path, &a)),
                Err(e) => errors.push(e),
            }
        }
        listed.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
        (listed, errors)
    }

    /// A file name for a new assessment that does not exist yet.
    pub fn new_path(&self, org: &str, questionnaire: &str) -> PathBuf {
        let base = format!("{}-{}", slug(org), questionnaire);
        let mut path = self.dir.join(format!("{base}.json"));
        let mut n = 2;
        while path.exists() {
            path = self.dir.join(format!("{base}-{n}.json"));
            n += 1;
        }
        path
    }

    /// An assessment named as `list` names it, or a path.
    pub fn resolve(&self, arg: &str) -> PathBuf {
        let as_path = PathBuf::from(arg);
        if as_path.exists() || arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".json") {
            return as_path;
        }
        self.dir.join(format!("{arg}.json"))
    }
}

/// A file-name-safe version of an organisation name.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "assessment".to_string() } else { out }
}
