//! The journal: `FILE.journal`, one line appended (and flushed to disk) per save of an open assessment,
//! holding only what changed since the file or the previous line. A keystroke then costs a short append
//! whatever the size of the file, instead of rewriting megabytes. The journal is folded into the file
//! (compacted) when the assessment is opened and closed, and whenever it grows large.
//!
//! Every line holds absolute values (an answer as it now is, or `null` for an answer removed, and the
//! assessment's top-level fields), so replaying a line twice changes nothing. Compaction first appends
//! the current state's last changes, then rewrites the file, then removes the journal: a crash between
//! those steps replays a journal whose last word is the file's own state. A line cut short by a crash
//! has no newline and is ignored: it was never acknowledged.
//!
//! Readers (`show`, `report`, `list`, the home screen) replay the journal too, so they see every
//! acknowledged change even while the assessment is open elsewhere.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, mpsc};

use serde::{Deserialize, Serialize};

use super::atomic::sibling;
use crate::assessment::model::answer::Answer;
use crate::assessment::model::conflicts::Conflict;
use crate::assessment::model::document::{Assessment, Position};
use crate::assessment::model::limits::MAX_FILE_BYTES;
use crate::assessment::model::records::{Baseline, Meeting, Observation};
use crate::assessment::model::source::Source;

/// `FILE.journal`.
pub fn journal_path(path: &Path) -> PathBuf {
    sibling(path, ".journal")
}

/// Everything at the top level of an assessment except the file marker, the format, the embedded
/// questionnaire and the answers (which a line carries one by one). Keep in step with `Assessment`: a
/// test fails when a field is missing here.
#[derive(Serialize)]
struct HeadRef<'a> {
    org: &'a str,
    people: &'a [String],
    created_at: &'a str,
    updated_at: &'a str,
    position: &'a Option<Position>,
    respondent: &'a str,
    meetings: &'a [Meeting],
    observations: &'a [Observation],
    /// Resolving a conflict in the interface removes it: that must be saved with the answer it gave.
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    org: String,
    people: Vec<String>,
    created_at: String,
    updated_at: String,
    position: Option<Position>,
    respondent: String,
    /// Lines no longer carry the source or the baseline (see [`Saved::fixed_parts_changed`]); read where an
    /// older line has them.
    #[serde(default)]
    source: Option<Source>,
    meetings: Vec<Meeting>,
    observations: Vec<Observation>,
    #[serde(default)]
    baseline: Option<Box<Baseline>>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

fn head_of(a: &Assessment) -> HeadRef<'_> {
    HeadRef {
        org: &a.org,
        people: &a.people,
        created_at: &a.created_at,
        updated_at: &a.updated_at,
        position: &a.position,
        respondent: &a.respondent,
        meetings: &a.meetings,
        observations: &a.observations,
        conflicts: &a.conflicts,
    }
}

#[derive(Serialize)]
struct LineRef<'a> {
    answers: BTreeMap<String, Option<&'a Answer>>,
    head: &'a serde_json::value::RawValue,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    answers: BTreeMap<String, Option<Answer>>,
    head: Head,
}

/// What the file plus the journal so far hold: compared with the assessment in memory to find what a
/// new line must carry.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    answers: BTreeMap<String, Answer>,
    head: String,
    /// The parts set when the assessment is made and hardly ever after: the imported workbook (megabytes,
    /// embedded) and last year's answers. A line would have to carry them whole at every keystroke, so
    /// lines leave them out and a change to them writes the whole file instead.
    source: Option<Source>,
    baseline: Option<Box<Baseline>>,
}

impl Saved {
    pub fn of(a: &Assessment) -> Saved {
        Saved { answers: a.answers.clone(), head: head_json(a), source: a.source.clone(), baseline: a.baseline.clone() }
    }

    /// Whether the source or the baseline differ from what was saved: a journal line cannot carry that.
    pub fn fixed_parts_changed(&self, a: &Assessment) -> bool {
        self.source != a.source || self.baseline != a.baseline
    }
}

fn head_json(a: &Assessment) -> String {
    serde_json::to_string(&head_of(a)).expect("the head always serialises")
}

/// What changed since `saved`: every answer changed, added (`Some`) or removed (`None`), and the head.
#[derive(Debug)]
pub struct Changes<'a> {
    pub answers: BTreeMap<String, Option<&'a Answer>>,
    head: String,
}

/// What changed in `a` since `saved`; `None` when nothing did. One pass over both sorted maps.
pub fn changes<'a>(a: &'a Assessment, saved: &Saved) -> Option<Changes<'a>> {
    let mut answers: BTreeMap<String, Option<&Answer>> = BTreeMap::new();
    let mut old = saved.answers.iter().peekable();
    for (id, answer) in &a.answers {
        while let Some((gone, _)) = old.next_if(|(o, _)| o.as_str() < id.as_str()) {
            answers.insert(gone.clone(), None);
        }
        match old.next_if(|(o, _)| *o == id) {
            Some((_, before)) if before == answer => {}
            _ => {
                answers.insert(id.clone(), Some(answer));
            }
        }
    }
    for (gone, _) in old {
        answers.insert(gone.clone(), None);
    }
    let head = head_json(a);
    if answers.is_empty() && head == saved.head {
        return None;
    }
    Some(Changes { answers, head })
}

/// What changed in `a` since `saved`, looking only at the answers to `ids` (those `apply` changed since
/// the last save) and the head: the cost follows the change, not the size of the assessment.
pub fn changes_in<'a>(
    a: &'a Assessment,
    saved: &Saved,
    ids: &std::collections::BTreeSet<String>,
) -> Option<Changes<'a>> {
    let mut answers: BTreeMap<String, Option<&Answer>> = BTreeMap::new();
    for id in ids {
        let now = a.answers.get(id);
        if now != saved.answers.get(id) {
            answers.insert(id.clone(), now);
        }
    }
    let head = head_json(a);
    if answers.is_empty() && head == saved.head {
        return None;
    }
    Some(Changes { answers, head })
}

/// The journal line for `changes`, with `saved` brought up to date.
pub fn commit(changes: Changes<'_>, saved: &mut Saved) -> Vec<u8> {
    let raw = serde_json::value::RawValue::from_string(changes.head.clone()).expect("the head is JSON");
    let mut line =
        serde_json::to_vec(&LineRef { answers: changes.answers.clone(), head: &raw }).expect("a line serialises");
    line.push(b'\n');
    for (id, answer) in changes.answers {
        match answer {
            Some(answer) => {
                saved.answers.insert(id, answer.clone());
            }
            None => {
                saved.answers.remove(&id);
            }
        }
    }
    saved.head = changes.head;
    line
}

/// The line that brings `saved` up to `a`, and `saved` updated; `None` when nothing changed.
pub fn line_for(a: &Assessment, saved: &mut Saved) -> Option<Vec<u8>> {
    changes(a, saved).map(|c| commit(c, saved))
}

/// How long the flusher waits after an append before flushing: the frame is drawn meanwhile, and a burst
/// of keys shares one flush.
const FLUSH_DELAY: std::time::Duration = std::time::Duration::from_millis(3);

/// The journal open for appending. An append is written at once (the kernel holds it: a killed process
/// loses nothing) and flushed to disk by a background thread right after, so the interface never waits
/// for the disk; bursts of appends share one flush.
#[derive(Debug)]
pub struct Journal {
    file: Arc<File>,
    path: PathBuf,
    /// Bytes in the journal.
    pub len: u64,
    appended: u64,
    flusher: Option<Flusher>,
}

#[derive(Debug)]
struct Flusher {
    wake: mpsc::Sender<u64>,
    state: Arc<(Mutex<Flushed>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Flushed {
    /// Appends up to this number are on disk.
    through: u64,
    error: Option<std::io::Error>,
}

impl Flusher {
    fn start(file: Arc<File>) -> Flusher {
        let (wake, wakes) = mpsc::channel::<u64>();
        let state = Arc::new((Mutex::new(Flushed::default()), Condvar::new()));
        let shared = Arc::clone(&state);
        let thread = std::thread::Builder::new()
            .name("journal-flush".into())
            .spawn(move || {
                while let Ok(mut upto) = wakes.recv() {
                    // Let the interface draw its frame first, then take everything appended meanwhile to
                    // disk in one flush (well inside the 50 ms an answer may take to be on disk).
                    std::thread::sleep(FLUSH_DELAY);
                    while let Ok(later) = wakes.try_recv() {
                        upto = upto.max(later);
                    }
                    let result = file.sync_data();
                    let (lock, done) = &*shared;
                    let mut flushed = lock.lock().unwrap_or_else(|e| e.into_inner());
                    match result {
                        Ok(()) => flushed.through = flushed.through.max(upto),
                        Err(e) => flushed.error = Some(e),
                    }
                    done.notify_all();
                }
            })
            .expect("a thread starts");
        Flusher { wake, state, thread: Some(thread) }
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        // Closing the channel ends the thread once its last flush is done.
        let (wake, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.wake, wake));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Journal {
    /// Open (or create) the journal of the assessment at `path`, never through a symbolic link.
    pub fn open(path: &Path) -> std::io::Result<Journal> {
        let jpath = journal_path(path);
        let mut options = OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(&jpath)?;
        let meta = file.metadata()?;
        if let Some(problem) = untrusted(&meta) {
            return Err(std::io::Error::other(format!("{} is {problem}; remove it", jpath.display())));
        }
        let file = Arc::new(file);
        let flusher = Some(Flusher::start(Arc::clone(&file)));
        Ok(Journal { file, path: jpath, len: meta.len(), appended: 0, flusher })
    }

    /// Append one line. Once this returns the change survives the process being killed; it is on disk
    /// (surviving a power cut) as soon as the background flush is done, see [`Journal::wait_on_disk`].
    /// A flush that failed earlier is reported here.
    pub fn append(&mut self, line: &[u8]) -> std::io::Result<()> {
        if let Some(e) = self.take_error() {
            return Err(e);
        }
        (&*self.file).write_all(line)?;
        self.len += line.len() as u64;
        self.appended += 1;
        match &self.flusher {
            Some(f) if f.wake.send(self.appended).is_ok() => Ok(()),
            _ => self.file.sync_data(),
        }
    }

    fn take_error(&self) -> Option<std::io::Error> {
        let f = self.flusher.as_ref()?;
        f.state.0.lock().unwrap_or_else(|e| e.into_inner()).error.take()
    }

    /// Wait until every line appended so far is on disk.
    pub fn wait_on_disk(&self) -> std::io::Result<()> {
        let Some(f) = &self.flusher else { return self.file.sync_data() };
        let (lock, done) = &*f.state;
        let mut flushed = lock.lock().unwrap_or_else(|e| e.into_inner());
        while flushed.through < self.appended {
            if let Some(e) = flushed.error.take() {
                return Err(e);
            }
            flushed = done.wait(flushed).unwrap_or_else(|e| e.into_inner());
        }
        Ok(())
    }

    /// Remove the journal (after its content was written into the file).
    pub fn remove(mut self) -> std::io::Result<()> {
        self.flusher = None;
        fs::remove_file(&self.path)
    }
}

/// What makes a journal file untrustworthy, if anything: soc2-ready only ever makes a regular file of the
/// user's own with one name (anything else was planted, and would inject answers or be written through).
fn untrusted(meta: &fs::Metadata) -> Option<String> {
    if !meta.is_file() {
        return Some("not a regular file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() != 1 {
            return Some(format!("a file with {} names (hard links)", meta.nlink()));
        }
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            return Some(format!("owned by another user (uid {})", meta.uid()));
        }
    }
    None
}

/// Why a journal could not be replayed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplayError {
    #[error("cannot read the journal {path}: {reason}")]
    Read { path: String, reason: String },
    #[error(
        "the journal {path} is damaged at line {line}: {reason}. Move it away to open the assessment as it was \
         last written whole (the changes in the journal are then lost)"
    )]
    Damaged { path: String, line: usize, reason: String },
}

/// Apply the journal of the assessment at `path`, if there is one; how many lines were applied.
pub fn replay(path: &Path, a: &mut Assessment) -> Result<usize, ReplayError> {
    let jpath = journal_path(path);
    let shown = || jpath.display().to_string();
    // Never through a link (appending refuses one too: a planted link would inject answers) and never
    // waiting on a FIFO.
    let file = match super::regular::open(&jpath, super::regular::Links::Refuse) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(ReplayError::Read { path: shown(), reason: e.to_string() }),
    };
    let meta = file.metadata().map_err(|e| ReplayError::Read { path: shown(), reason: e.to_string() })?;
    if let Some(problem) = untrusted(&meta) {
        return Err(ReplayError::Read {
            path: shown(),
            reason: format!("it is {problem}; remove it if you did not make it"),
        });
    }
    // Compaction keeps the file plus the journal under the file limit; twice that is damage.
    let limit = 2 * MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReplayError::Read { path: shown(), reason: e.to_string() })?;
    if bytes.len() as u64 > limit {
        return Err(ReplayError::Read { path: shown(), reason: format!("more than {limit} bytes") });
    }
    let mut applied = 0;
    for (n, raw) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if !raw.ends_with(b"\n") {
            // Cut short by a crash before it was flushed: never acknowledged.
            break;
        }
        let line: Line = match serde_json::from_slice(raw) {
            Ok(line) => line,
            Err(e) => return Err(ReplayError::Damaged { path: shown(), line: n + 1, reason: e.to_string() }),
        };
        apply(a, line);
        applied += 1;
    }
    Ok(applied)
}

fn apply(a: &mut Assessment, line: Line) {
    for (id, answer) in line.answers {
        match answer {
            Some(answer) => {
                a.answers.insert(id, answer);
            }
            None => {
                a.answers.remove(&id);
            }
        }
    }
    let h = line.head;
    a.org = h.org;
    a.people = h.people;
    a.created_at = h.created_at;
    a.updated_at = h.updated_at;
    a.position = h.position;
    a.respondent = h.respondent;
    if h.source.is_some() {
        a.source = h.source;
    }
    a.meetings = h.meetings;
    a.observations = h.observations;
    if h.baseline.is_some() {
        a.baseline = h.baseline;
    }
    a.conflicts = h.conflicts;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_holds_every_top_level_field_but_the_questionnaire_and_answers() {
        let q = crate::questionnaire::catalog::built_in("ai-vendor-assessment").unwrap();
        let mut a = Assessment::new(q, "Acme", "2026-01-15T09:00:00Z");
        a.people = vec!["Ann".into()];
        a.respondent = "Ann".into();
        a.position = Some(Position { section: "s".into(), question: "q".into() });
        a.meetings = vec![Meeting::default()];
        a.observations = vec![Observation::default()];
        a.baseline = Some(Box::default());
        a.conflicts = vec![Conflict::default()];
        a.source = Some(Source {
            file_name: "f.xlsx".into(),
            format: "xlsx".into(),
            sha256: String::new(),
            size: 0,
            embedded: String::new(),
            customer: String::new(),
            imported_at: String::new(),
            cells: BTreeMap::new(),
        });
        let whole = serde_json::to_value(&a).unwrap();
        let mut top: Vec<&String> = whole.as_object().unwrap().keys().collect();
        // The source and the baseline are saved whole, never in a line (see `Saved::fixed_parts_changed`).
        top.retain(|k| !["file", "format", "questionnaire", "answers", "source", "baseline"].contains(&k.as_str()));
        top.sort();
        let head = serde_json::to_value(head_of(&a)).unwrap();
        let mut keys: Vec<&String> = head.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, top, "add the new field of Assessment to the journal's Head and HeadRef");
    }
}
