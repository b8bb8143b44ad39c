//! The store's headline cache: what `list`, the home screen and `vendors` show of each assessment (its
//! organisation, questionnaire, progress, score, risk...), kept in `.headlines.json` in the store, so
//! listing a thousand assessments reads one small file and looks at each assessment's size and times
//! instead of reading and scoring every one.
//!
//! An entry is used only while the assessment and its journal are exactly as they were when it was worked
//! out (the same size, modification and change times, inode and device), by the same version of
//! soc2-ready, and, for what depends on the day (a vendor's attestation age), on the days it holds for.
//! Anything else (a changed, replaced or new file; a damaged, foreign or older cache) and the file is read
//! again. A file changed in the last few seconds is not cached at all: a second change within the same
//! tick of the file system's clock could leave its times as they were. The cache is only ever a copy of
//! what the files say: deleting it loses nothing, and a cache that cannot be written is not an error.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::atomic::{sibling, write_private};
use super::regular::{self, Links};

/// The cache's file in the store (a dot file: `list` leaves it out).
pub const FILE_NAME: &str = ".headlines.json";
/// The layout of the cache file; a cache of another layout is rebuilt.
const FORMAT: u32 = 1;
/// A cache larger than this is not read (it would be some other file): 1,000 entries take about 0.5 MB.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// How long a file must have been left alone before its entry is kept.
const SETTLED: Duration = Duration::from_secs(3);

/// One file's identity and change times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
    device: u64,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let nanos = |n: i64| u32::try_from(n).unwrap_or(0);
            FileStamp {
                len: meta.len(),
                modified: (meta.mtime(), nanos(meta.mtime_nsec())),
                changed: (meta.ctime(), nanos(meta.ctime_nsec())),
                inode: meta.ino(),
                device: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
            let secs = i64::try_from(modified.as_secs()).unwrap_or(i64::MAX);
            FileStamp {
                len: meta.len(),
                modified: (secs, modified.subsec_nanos()),
                changed: (0, 0),
                inode: 0,
                device: 0,
            }
        }
    }

    /// Whether the file was last modified at least [`SETTLED`] before `now` (a time in the future is not).
    fn settled(&self, now: Duration) -> bool {
        let (secs, nanos) = self.modified;
        let Ok(secs) = u64::try_from(secs) else { return true };
        let modified = Duration::new(secs, nanos.min(999_999_999));
        now.checked_sub(modified).is_some_and(|age| age >= SETTLED)
    }
}

/// An assessment's file and its journal (whose changes count too), as they are now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    file: FileStamp,
    journal: Option<FileStamp>,
}

impl Stamp {
    /// The stamp of the assessment at `path`; `None` when it is not a regular file or cannot be looked at
    /// (it is then read as if there were no cache).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok().filter(fs::Metadata::is_file)?;
        let journal = match fs::symlink_metadata(sibling(path, ".journal")) {
            Ok(meta) => Some(FileStamp::of(&meta)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        Some(Stamp { file: FileStamp::of(&meta), journal })
    }

    /// Whether neither file has changed in the last few seconds, so that an entry for them can be kept.
    fn settled(&self) -> bool {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        self.file.settled(now) && self.journal.as_ref().is_none_or(|j| j.settled(now))
    }
}

/// The days an entry holds for, when it depends on the day: from the day it was worked out to `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry<T> {
    stamp: Stamp,
    /// `[from, until]` as `YYYY-MM-DD`, when the value depends on the day.
    #[serde(default)]
    days: Option<(String, String)>,
    value: T,
}

impl<T> Entry<T> {
    fn holds_on(&self, today: NaiveDate) -> bool {
        let Some((from, until)) = &self.days else { return true };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        matches!((day(from), day(until)), (Some(from), Some(until)) if from <= today && today <= until)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct OnDisk<T> {
    format: u32,
    program: String,
    entries: BTreeMap<String, Entry<T>>,
}

/// What a listing of the store found in the cache and what it worked out again.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Entries used as they were.
    pub cached: usize,
    /// Assessments read (new, changed, or not cacheable).
    pub read: usize,
}

/// The cache of one store, loaded; [`Cache::save`] writes what changed.
pub struct Cache<T> {
    path: PathBuf,
    old: BTreeMap<String, Entry<T>>,
    new: BTreeMap<String, Entry<T>>,
    changed: bool,
    pub counts: Counts,
}

fn program() -> String {
    format!("soc2-ready {}", env!("CARGO_PKG_VERSION"))
}

impl<T: Serialize + DeserializeOwned + Clone> Cache<T> {
    /// The cache of the store `dir`; empty when there is none, or it is damaged, of another layout or of
    /// another version of soc2-ready (it is then rebuilt).
    pub fn load(dir: &Path) -> Cache<T> {
        let path = dir.join(FILE_NAME);
        let old = regular::read(&path, Links::Refuse, MAX_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<OnDisk<T>>(&bytes).ok())
            .filter(|d| d.format == FORMAT && d.program == program())
            .map(|d| d.entries)
            .unwrap_or_default();
        Cache { path, old, new: BTreeMap::new(), changed: false, counts: Counts::default() }
    }

    /// The value kept for the file `name` when it was worked out from the file as it is now (`stamp`) and
    /// holds `today`.
    pub fn get(&mut self, name: &str, stamp: &Stamp, today: NaiveDate) -> Option<T> {
        let entry = self.old.remove(name)?;
        if entry.stamp != *stamp || !entry.holds_on(today) {
            self.changed = true;
            return None;
        }
        let value = entry.value.clone();
        self.new.insert(name.to_string(), entry);
        self.counts.cached += 1;
        Some(value)
    }

    /// Keep `value` for the file `name` as it was (`stamp`, taken before it was read), for `days` when it
    /// depends on the day. A file changed in the last few seconds is not kept.
    pub fn put(&mut self, name: &str, stamp: Stamp, days: Option<Days>, value: T) {
        self.counts.read += 1;
        if !stamp.settled() {
            return;
        }
        let days = days.map(|d| (d.from.format("%Y-%m-%d").to_string(), d.until.format("%Y-%m-%d").to_string()));
        self.new.insert(name.to_string(), Entry { stamp, days, value });
        self.changed = true;
    }

    /// Write the cache when anything changed, leaving out the files that were not listed this time (gone
    /// from the store). A cache that cannot be written is left as it was: the next listing reads the files.
    pub fn save(self) {
        if !self.changed && self.old.is_empty() {
            return;
        }
        let disk = OnDisk { format: FORMAT, program: program(), entries: self.new };
        if let Ok(bytes) = serde_json::to_vec(&disk) {
            let _ = write_private(&self.path, &bytes);
        }
    }
}
