//! The questionnaires on offer: the built-ins compiled into the binary, then the user's own.

use std::path::{Path, PathBuf};

use super::format::Questionnaire;
use super::load::{LoadError, Source, load_file, parse};

/// The built-in questionnaires, listed first, in this order.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("soc2-ai-readiness", include_str!("../../questionnaires/soc2-ai-readiness.json")),
    ("ai-vendor-assessment", include_str!("../../questionnaires/ai-vendor-assessment.json")),
];

/// The hash (`sha256:` and the digest of the compact JSON, as an assessment records it) of each built-in
/// questionnaire above, as shipped. The test suite validates the built-ins and checks these against them,
/// so an assessment whose embedded questionnaire hashes to one of these need not be validated again when it
/// opens. Change a built-in, and the test says the new hash to put here.
pub const BUILT_IN_HASHES: [&str; 2] = [
    "sha256:48e9ffd7b788429434e19904c311bd03e3a4f4cb541a0d9df32d2284ba90681b",
    "sha256:6f10222d6c60517ea4e6d15a1afc9f02fa7148492d639bcd616c5507532e2b8a",
];

/// One questionnaire on offer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub questionnaire: Questionnaire,
    pub source: Source,
}

/// A built-in questionnaire by id.
pub fn built_in(id: &str) -> Option<Questionnaire> {
    BUILT_IN.iter().find(|(bid, _)| *bid == id).map(|(bid, text)| {
        parse(text, &format!("built-in questionnaire {bid}"))
            .unwrap_or_else(|e| panic!("a built-in questionnaire is invalid (a build defect): {e}"))
    })
}

/// Every questionnaire on offer, built-ins first, and the errors of user files that did not load.
/// A user file with the id of a built-in or of an earlier file is reported, not loaded.
pub fn all(user_dir: Option<&Path>) -> (Vec<Entry>, Vec<LoadError>) {
    let mut entries: Vec<Entry> = BUILT_IN
        .iter()
        .filter_map(|(id, _)| built_in(id))
        .map(|questionnaire| Entry { questionnaire, source: Source::BuiltIn })
        .collect();
    let mut errors = Vec::new();
    for path in user_dir.map(user_files).unwrap_or_default() {
        match load_file(&path) {
            Ok(questionnaire) => {
                if entries.iter().any(|e| e.questionnaire.id == questionnaire.id) {
                    errors.push(LoadError::Read {
                        origin: path.display().to_string(),
                        source: None,
                        reason: format!(
                            "the id `{}` is already taken by another questionnaire; give this one its own id",
                            questionnaire.id
                        ),
                    });
                } else {
                    entries.push(Entry { questionnaire, source: Source::User(path) });
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (entries, errors)
}

/// The `.json` files of the user's questionnaire folder, sorted by name.
fn user_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    files
}

/// Find a questionnaire by id (built-in or user) or, when the argument names a file, by path.
pub fn resolve(arg: &str, user_dir: Option<&Path>) -> Result<Entry, ResolveError> {
    let path = Path::new(arg);
    if arg.ends_with(".json") || arg.contains(std::path::MAIN_SEPARATOR) || path.is_file() {
        let questionnaire = load_file(path).map_err(ResolveError::Load)?;
        refuse_built_in_id(&questionnaire, path)?;
        return Ok(Entry { questionnaire, source: Source::User(path.to_path_buf()) });
    }
    if let Some(questionnaire) = built_in(arg) {
        return Ok(Entry { questionnaire, source: Source::BuiltIn });
    }
    let (entries, _) = all(user_dir);
    let known: Vec<String> = entries.iter().map(|e| e.questionnaire.id.clone()).collect();
    entries.into_iter().find(|e| e.questionnaire.id == arg).ok_or(ResolveError::Unknown { id: arg.to_string(), known })
}

/// A file may not pass itself off as a built-in questionnaire: a copy with its controls' `critical` marks
/// removed would report "early stage" where the built-in says "blocked", under the same name. An exact
/// copy of the built-in is the built-in, and is accepted.
fn refuse_built_in_id(q: &Questionnaire, path: &Path) -> Result<(), ResolveError> {
    let Some(original) = built_in(&q.id) else { return Ok(()) };
    if &original == q {
        return Ok(());
    }
    Err(ResolveError::BuiltInId { path: path.to_path_buf(), id: q.id.clone() })
}

#[derive(Debug)]
pub enum ResolveError {
    Load(LoadError),
    Unknown {
        id: String,
        known: Vec<String>,
    },
    /// A file that reuses a built-in questionnaire's id with different content.
    BuiltInId {
        path: PathBuf,
        id: String,
    },
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Load(e) => e.fmt(f),
            ResolveError::BuiltInId { path, id } => write!(
                f,
                "{}: the id `{id}` belongs to a built-in questionnaire, and this file differs from it; give your \
                 questionnaire its own id (and title) so reports cannot be mistaken for the built-in's",
                path.display()
            ),
            ResolveError::Unknown { id, known } => write!(
                f,
                "no questionnaire `{}`; known: {} (or give the path of a .json file)",
                crate::text::one_line(id),
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for ResolveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResolveError::Load(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}
