//! The store: the folder of assessments, listed for the home screen and `list`, and names for new ones.
//!
//! Reading and writing one file is in `file`, atomic replacement in `atomic`, the folder's safety in
//! `folder`; they are re-exported here, where callers have always found them.

pub mod atomic;
pub mod file;
pub mod file_name;
pub mod folder;
pub mod headline_cache;
pub mod journal;
pub mod last_change;
pub mod lock;
pub mod manage;
pub mod note_file;
pub mod regular;
pub mod session;
pub mod trash;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use self::headline_cache::{Cache, Counts, Days, Stamp};
use crate::assessment::model::document::Assessment;
use crate::assessment::model::progress::{Visibility, progress};

pub use self::atomic::{
    SaveError, backup_path, remove_dead_temporaries, remove_stale_temporaries, write_bytes, write_private,
};
pub use self::file::{OpenError, ParseError, parse, read, read_versioned, to_bytes, write, write_sized};
pub use self::folder::{FolderError, ensure_private_dir, shared_folder_warning};

/// One assessment in the store, as the home screen and `list` show it. The headline cache keeps it
/// without its name and path, which are the file's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Listed {
    #[serde(skip_deserializing)]
    pub name: String,
    pub org: String,
    pub questionnaire: String,
    pub questionnaire_title: String,
    pub progress: u32,
    pub updated_at: String,
    #[serde(skip_deserializing)]
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

    /// The store's assessments, newest change first, and the assessments that could not be read. Files
    /// that are not assessments (a README, a stray `.json` of another program, a folder) are left out
    /// without a word; see [`is_assessment`].
    pub fn list(&self) -> (Vec<Listed>, Vec<OpenError>) {
        let (listed, errors) = self.list_with(|_| ());
        (listed.into_iter().map(|(l, ())| l).collect(), errors)
    }

    /// [`Store::list`], with something more worked out from each assessment while it is in memory (the
    /// report's headline, for `list` and the home screen). Every file is read; see [`Store::list_cached`].
    pub fn list_with<T>(&self, mut also: impl FnMut(&Assessment) -> T) -> (Vec<(Listed, T)>, Vec<OpenError>) {
        let mut listed = Vec::new();
        let mut errors = Vec::new();
        for path in self.json_files() {
            match read(&path) {
                Ok(a) => {
                    let extra = also(&a);
                    listed.push((Listed::of(&path, &a), extra));
                }
                Err(e) if is_assessment(&path, &e) => errors.push(e),
                Err(_) => {}
            }
        }
        newest_first(&mut listed);
        (listed, errors)
    }

    /// [`Store::list_with`] through the store's headline cache (see `headline_cache`): an assessment
    /// unchanged since it was last listed is not read again, its listing and `T` are the cache's. `work_out`
    /// gives `T` for an assessment that is read, and the days it holds for when it depends on the day (as
    /// of `today`). One assessment at a time is in memory. Also says how many came from the cache.
    pub fn list_cached<T: Serialize + DeserializeOwned + Clone>(
        &self,
        today: NaiveDate,
        mut work_out: impl FnMut(&Assessment) -> (T, Option<Days>),
    ) -> (Vec<(Listed, T)>, Vec<OpenError>, Counts) {
        let mut cache: Cache<(Listed, T)> = Cache::load(&self.dir);
        let mut listed = Vec::new();
        let mut errors = Vec::new();
        for path in self.json_files() {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            // Taken before the file is read: a change while it is read makes the entry stale, never wrong.
            let stamp = Stamp::of(&path);
            if let Some((mut l, extra)) = stamp.as_ref().and_then(|s| cache.get(&name, s, today)) {
                l.name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
                l.path = path;
                listed.push((l, extra));
                continue;
            }
            match read(&path) {
                Ok(a) => {
                    let (extra, days) = work_out(&a);
                    let l = Listed::of(&path, &a);
                    if let Some(stamp) = stamp {
                        cache.put(&name, stamp, days, (l.clone(), extra.clone()));
                    }
                    listed.push((l, extra));
                }
                Err(e) if is_assessment(&path, &e) => errors.push(e),
                Err(_) => {}
            }
        }
        let counts = cache.counts;
        cache.save();
        newest_first(&mut listed);
        (listed, errors, counts)
    }

    /// The store's `.json` files that may be assessments (not dot files), in name order.
    fn json_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        paths
    }

    /// A file name for a new assessment that does not exist yet: the organisation's name in any script
    /// (see [`slug`]) and the questionnaire's id.
    pub fn new_path(&self, org: &str, questionnaire: &str) -> PathBuf {
        let base = format!("{}-{}", slug(org), self::file_name::cap_bytes(&slug(questionnaire), 60));
        let mut path = self.dir.join(format!("{base}.json"));
        let mut n = 2;
        while path.exists() || self::manage::companions(&path).next().is_some() {
            path = self.dir.join(format!("{base}-{n}.json"));
            n += 1;
        }
        path
    }

    /// An assessment named as `list` names it, or a path. A path with a folder in it is that path, and so
    /// is a file name ending in `.json` that is a file where the command runs (`new --out q4.json` made
    /// it). A bare name is the store's assessment of that name when there is one (`acme` or `acme.json`), so
    /// a folder or a file of the same name where the command runs never hides it; otherwise a file of that
    /// name where the command runs, if there is one; otherwise the store's (and the error names the store's
    /// path).
    pub fn resolve(&self, arg: &str) -> PathBuf {
        let as_path = PathBuf::from(arg);
        if arg.contains(std::path::MAIN_SEPARATOR) || arg.contains('/') || (arg.ends_with(".json") && as_path.is_file())
        {
            return as_path;
        }
        let stem = arg.strip_suffix(".json").unwrap_or(arg);
        let in_store = self.dir.join(format!("{stem}.json"));
        let bare_name = !stem.is_empty() && stem != "." && stem != "..";
        if bare_name {
            // As typed, or in the other Unicode normalisation: "é" typed as one character or as "e" and an
            // accent names the same assessment (soc2-ready's own names are NFC).
            use unicode_normalization::UnicodeNormalization as _;
            let forms = [stem.to_string(), stem.nfc().collect(), stem.nfd().collect()];
            if let Some(found) =
                forms.iter().map(|s| self.dir.join(format!("{s}.json"))).find(|p| p.symlink_metadata().is_ok())
            {
                return found;
            }
        }
        if as_path.exists() || arg.ends_with(".json") {
            return as_path;
        }
        in_store
    }
}

/// Newest change first; by name among changes at the same time.
fn newest_first<T>(listed: &mut [(Listed, T)]) {
    listed.sort_by(|(a, _), (b, _)| {
        let when = |l: &Listed| crate::clock::parse(&l.updated_at).ok();
        when(b).cmp(&when(a)).then_with(|| b.updated_at.cmp(&a.updated_at)).then_with(|| a.name.cmp(&b.name))
    });
}

/// Whether a `.json` file in the store that could not be read is an assessment (damaged, so the user is
/// told) rather than some other file (left out of the list without a word). It is one when it carries
/// the assessment marker (checked before this is asked), when it has an assessment's backup or journal
/// beside it, or when it is not whole JSON: empty, cut short or garbled (a damaged save). Whole JSON
/// without the marker, and files that are not JSON text at all, belong to something else.
pub fn is_assessment(path: &Path, e: &OpenError) -> bool {
    use self::file::ParseError;
    if self::manage::companions(path).next().is_some() || carries_marker(path) {
        return true;
    }
    match e.damage.as_deref() {
        Some(ParseError::NoMarker | ParseError::NotAnObject | ParseError::NotUtf8(_)) => false,
        Some(_) => true,
        // Not read at all (permissions, a FIFO named *.json): reported, except a folder, which is not an
        // assessment.
        None => !path.is_dir(),
    }
}

/// Whether the first bytes of a file hold the assessment marker (it is the first field soc2-ready writes).
fn carries_marker(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let Ok(file) = self::regular::open(path, self::regular::Links::Follow) else { return false };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let marker = format!("\"{}\"", crate::assessment::model::document::FILE_MARKER);
    head.windows(marker.len()).any(|w| w == marker.as_bytes())
}

/// A file-name-safe version of an organisation name, in any script: see [`self::file_name`].
pub use self::file_name::slug;
