//! The trash: `STORE/.trash/`, private like the store. Deleting an assessment moves it there with its
//! companions (journal, backups), into a folder of its own named by when it was deleted and what it was
//! called (`20261126T140507Z-acme-ai`), so deleting twice never overwrites anything. Restoring moves the
//! files back; emptying the trash removes them for good.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::Store;
use super::atomic::{remove_stale_temporaries, sibling, sync_dir};
use super::file_name::chosen_name;
use super::folder::ensure_private_dir;
use super::lock::Lock;
use super::manage::{ManageError, check_free, check_is_assessment, move_all, present_suffixes};

/// The trash's folder, inside the store.
pub use crate::paths::TRASH_DIR;

/// How the time of a deletion starts the name of its folder.
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = 16;
/// The most bytes of an assessment's name in its trash folder's name (with the time and `-1000`: 222).
const FOLDER_NAME_BYTES: usize = 200;

/// The store's trash.
#[derive(Debug, Clone)]
pub struct Trash {
    pub dir: PathBuf,
    store: PathBuf,
}

/// One deleted assessment in the trash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Trashed {
    /// The folder's name: unique, and what `restore` takes when a name was deleted more than once.
    pub id: String,
    /// The assessment's name when it was deleted (its file without `.json`).
    pub name: String,
    /// When it was deleted (RFC 3339, UTC), from the folder's name.
    pub deleted_at: String,
    /// The folder holding its files.
    pub dir: PathBuf,
    /// The files, by name: the assessment first, then its companions.
    pub files: Vec<String>,
}

impl Trashed {
    /// The assessment file itself, in the trash.
    pub fn file(&self) -> PathBuf {
        self.dir.join(format!("{}.json", self.name))
    }
}

impl Trash {
    pub fn of(store: &Store) -> Trash {
        Trash { dir: store.dir.join(TRASH_DIR), store: store.dir.clone() }
    }

    /// Move an assessment of the store and its companions into the trash, holding its lock (refused while
    /// another soc2-ready has it open). `now` is an RFC 3339 time.
    pub fn put(&self, path: &Path, now: &str) -> Result<Trashed, ManageError> {
        check_is_assessment(path)?;
        self.check_in_store(path)?;
        if path.extension().is_none_or(|x| x != "json") {
            return Err(ManageError::NotAssessment {
                path: path.display().to_string(),
                reason: "the store's assessments end in .json".into(),
            });
        }
        let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let _lock = Lock::acquire(path, now)?;
        remove_stale_temporaries(path);
        ensure_private_dir(&self.dir)?;
        let stamp = crate::clock::parse(now).unwrap_or_else(|_| Utc::now()).format(STAMP).to_string();
        let (id, dir) = self.new_folder(&stamp, &name)?;
        let file_name = path.file_name().unwrap_or_default();
        let moves: Vec<(PathBuf, PathBuf)> = [String::new()]
            .into_iter()
            .chain(present_suffixes(path))
            .map(|s| {
                let mut to = file_name.to_os_string();
                to.push(&s);
                (sibling(path, &s), dir.join(to))
            })
            .filter(|(from, _)| from.symlink_metadata().is_ok())
            .collect();
        if let Err(e) = move_all(&moves) {
            let _ = fs::remove_dir(&dir);
            return Err(e);
        }
        self.read_entry(&id).ok_or_else(|| ManageError::io(&dir, "read the trash", std::io::ErrorKind::NotFound.into()))
    }

    /// A fresh folder for a deletion: `STAMP-NAME`, or `STAMP-NAME-2` and so on when that is taken. The name
    /// is shortened to keep the folder's name within the 255 bytes file systems allow (the files inside keep
    /// their names, which say what the assessment was called).
    fn new_folder(&self, stamp: &str, name: &str) -> Result<(String, PathBuf), ManageError> {
        let name = super::file_name::cap_bytes(name, FOLDER_NAME_BYTES);
        let mut n = 1;
        loop {
            let id = if n == 1 { format!("{stamp}-{name}") } else { format!("{stamp}-{name}-{n}") };
            let dir = self.dir.join(&id);
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            match builder.create(&dir) {
                Ok(()) => return Ok((id, dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(ManageError::io(&dir, "make a folder in the trash", e)),
            }
        }
    }

    /// Refuse a file that is not in the store: only the store's own assessments are deleted.
    pub fn check_in_store(&self, path: &Path) -> Result<(), ManageError> {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let same = match (fs::canonicalize(parent), fs::canonicalize(&self.store)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            Ok(())
        } else {
            Err(ManageError::OutsideStore { path: path.display().to_string(), store: self.store.display().to_string() })
        }
    }

    /// What is in the trash, most recently deleted first. Folders that are not deletions are left out.
    pub fn list(&self) -> Vec<Trashed> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out: Vec<Trashed> =
            entries.flatten().filter_map(|e| self.read_entry(&e.file_name().to_string_lossy())).collect();
        out.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then_with(|| b.id.cmp(&a.id)));
        out
    }

    fn read_entry(&self, id: &str) -> Option<Trashed> {
        let dir = self.dir.join(id);
        if !fs::symlink_metadata(&dir).ok()?.is_dir() {
            return None;
        }
        let when = NaiveDateTime::parse_from_str(id.get(..STAMP_LEN)?, STAMP).ok()?;
        let deleted_at =
            DateTime::<Utc>::from_naive_utc_and_offset(when, Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut files: Vec<String> =
            fs::read_dir(&dir).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        let main = files.iter().find(|f| f.ends_with(".json"))?.clone();
        files.sort_by_key(|f| (*f != main, f.clone()));
        let name = main.strip_suffix(".json").unwrap_or(&main).to_string();
        Some(Trashed { id: id.to_string(), name, deleted_at, dir, files })
    }

    /// The deletion a name refers to: its id as `trash` lists it, or the assessment's name (the most
    /// recent deletion of that name).
    pub fn find(&self, name: &str) -> Result<Trashed, ManageError> {
        use unicode_normalization::UnicodeNormalization as _;
        let name = name.trim();
        let name = name.strip_suffix(".json").unwrap_or(name);
        // The same name in either Unicode normalisation ("é" as one character, or "e" and an accent).
        let same = |a: &str| a == name || a.nfc().eq(name.nfc());
        let all = self.list();
        all.iter().find(|t| same(&t.id)).or_else(|| all.iter().find(|t| same(&t.name))).cloned().ok_or_else(|| {
            ManageError::NotInTrash { name: crate::text::one_line(name), trash: self.dir.display().to_string() }
        })
    }

    /// Bring a deleted assessment back into the store, under its name or `as_name`; returns its path.
    /// Refused when an assessment of that name is in the store.
    pub fn restore(&self, entry: &Trashed, as_name: Option<&str>) -> Result<PathBuf, ManageError> {
        let name = match as_name {
            Some(typed) => chosen_name(typed)?,
            None => entry.name.clone(),
        };
        let target = self.store.join(format!("{name}.json"));
        check_free(&target)?;
        let from = entry.file();
        let moves: Vec<(PathBuf, PathBuf)> = present_suffixes(&from)
            .iter()
            .map(|s| (sibling(&from, s), sibling(&target, s)))
            .chain([(from.clone(), target.clone())])
            .collect();
        move_all(&moves)?;
        // The folder is empty now, unless someone put something else in it: then it stays.
        let _ = fs::remove_dir(&entry.dir);
        sync_dir(&self.dir);
        Ok(target)
    }

    /// Remove everything in the trash for good; returns what was removed.
    pub fn empty(&self) -> Result<Vec<Trashed>, ManageError> {
        let all = self.list();
        for entry in &all {
            fs::remove_dir_all(&entry.dir).map_err(|e| ManageError::io(&entry.dir, "remove it from the trash", e))?;
        }
        sync_dir(&self.dir);
        Ok(all)
    }
}
