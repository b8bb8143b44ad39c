//! An assessment open for changes: held by one writer, saved after every change.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic::{keep_copy, sibling};
use super::journal::{self, Journal, Saved, journal_path};
use super::lock::{Lock, LockError};
use super::{self as store, OpenError, SaveError};
use crate::assessment::model::answer::{AnswerDetails, AnswerError, AnswerValue};
use crate::assessment::model::change::{self, Applied, Change, ChangeError, NewValue};
use crate::assessment::model::document::{Assessment, FORMAT};
use crate::assessment::model::limits::MAX_FILE_BYTES;
use crate::assessment::model::limits::{self, LimitError};

/// An assessment file this process holds and writes.
#[derive(Debug)]
pub struct Session {
    pub path: PathBuf,
    pub assessment: Assessment,
    lock: Lock,
    /// The assessment file and journal as this process last left them (device and inode), to tell
    /// whether another writer replaced them while the lock file was missing.
    written: Identity,
    /// Set when another writer got in (the lock file was removed): no save is made after that, so their
    /// answers are not written over.
    lost: Option<String>,
    /// The format the file was in when opened, until the first save has kept it as `FILE.vN.bak`.
    migrated_from: Option<u32>,
    /// Where saves append their changes, once the first has.
    journal: Option<Journal>,
    /// What the file and the journal hold, to find what changed.
    saved: Saved,
    /// Whether `saved` can be trusted (a failed append leaves it ahead of the disk).
    saved_is_exact: bool,
    /// Size of the file at the last full write.
    file_len: u64,
    /// Saves so far, for the periodic full comparison.
    saves: u64,
}

/// Refuse an assessment that is a symbolic link (to a file elsewhere, or to nothing): every save renames a
/// new file into place, which would silently replace the link with a regular file.
fn refuse_link(path: &Path) -> Result<(), SessionError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            Err(SessionError::Link {
                path: crate::text::one_line(&path.display().to_string()),
                target: crate::text::one_line(&target),
            })
        }
        _ => Ok(()),
    }
}

/// Which files (device and inode) an assessment's file and journal are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Identity {
    file: Option<(u64, u64)>,
    journal: Option<(u64, u64)>,
}

fn identity_of(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Every this many saves, a save compares every answer rather than only those changed through `apply`.
const FULL_COMPARISON_EVERY: u64 = 32;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Answer(#[from] AnswerError),
    #[error(transparent)]
    Limit(#[from] LimitError),
    #[error(transparent)]
    Name(#[from] super::file_name::NameError),
    #[error(
        "{path} is a symbolic link to {target}: saving replaces the file, which would turn the link into a \
         separate copy and leave {target} as it was; open {target} itself (nothing was changed)"
    )]
    Link { path: String, target: String },
    #[error("{path}: the questionnaire has no question `{id}`")]
    UnknownQuestion { path: String, id: String },
    /// A change refused by the checks every change passes (see [`crate::assessment::model::change::apply`]).
    #[error(transparent)]
    Change(crate::assessment::model::change::ChangeError),
    #[error("{path} already exists; choose another file or open it with `soc2-ready open`")]
    Exists { path: String },
}

impl Session {
    /// Open an existing assessment for changes.
    pub fn open(path: &Path, now: &str) -> Result<Session, SessionError> {
        Session::open_with(path, |p| Lock::acquire(p, now))
    }

    /// Open an existing assessment for changes, waiting up to `patience` for another process that holds
    /// it (for one-shot commands run side by side by a script).
    pub fn open_waiting(path: &Path, now: &str, patience: Duration) -> Result<Session, SessionError> {
        Session::open_with(path, |p| Lock::acquire_waiting(p, now, patience))
    }

    fn open_with(path: &Path, lock: impl FnOnce(&Path) -> Result<Lock, LockError>) -> Result<Session, SessionError> {
        refuse_link(path)?;
        // A file that is not there (or not a file) is reported before any lock file is made beside it.
        if !path.is_file() {
            store::read(path)?;
        }
        let lock = lock(path)?;
        let (assessment, format) = store::read_versioned(path)?;
        // Holding the lock, no other process can be writing: temporary files left beside the assessment
        // are from a save that was cut short, and go.
        store::remove_stale_temporaries(path);
        let migrated_from = (format < FORMAT).then_some(format);
        let file_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let mut session = Session::held(path, assessment, lock, migrated_from, file_len);
        // A journal left by a session that ended without compacting (a kill) is folded into the file now.
        if journal_path(path).exists() && session.migrated_from.is_none() {
            session.journal = Journal::open(path).ok();
            session.write_whole()?;
        }
        Ok(session)
    }

    fn held(path: &Path, assessment: Assessment, lock: Lock, migrated_from: Option<u32>, file_len: u64) -> Session {
        let saved = Saved::of(&assessment);
        Session {
            path: path.to_path_buf(),
            assessment,
            lock,
            written: Identity { file: identity_of(path), journal: identity_of(&journal_path(path)) },
            lost: None,
            migrated_from,
            journal: None,
            saved,
            saved_is_exact: true,
            file_len,
            saves: 0,
        }
    }

    /// Write a new assessment to a file that must not exist yet, and hold it.
    pub fn create(path: &Path, assessment: Assessment, now: &str) -> Result<Session, SessionError> {
        if path.exists() {
            return Err(SessionError::Exists { path: path.display().to_string() });
        }
        super::file_name::check_shell_safe(path)?;
        refuse_link(path)?;
        limits::check(&assessment)?;
        let lock = Lock::acquire(path, now)?;
        // A journal without its file is left from an assessment that was removed: not this one's.
        let _ = std::fs::remove_file(journal_path(path));
        let file_len = store::write_sized(path, &assessment)?;
        Ok(Session::held(path, assessment, lock, None, file_len))
    }

    /// The file this assessment was migrated from is kept as `FILE.v1.bak` until the first save.
    pub fn original_backup(&self) -> Option<PathBuf> {
        self.migrated_from.map(|v| original_backup_path(&self.path, v))
    }

    /// Save the assessment, whatever changed and however (every answer is compared with what was saved):
    /// append what changed to the journal and flush it to disk, which costs the
    /// same whatever the size of the file. The first save of a file opened in an older format instead
    /// keeps the original bytes as `FILE.vN.bak` and writes the whole file; so does a save that would
    /// take the file and journal past the size limit. A save over a limit is refused and writes nothing.
    pub fn save(&mut self) -> Result<(), SaveError> {
        self.save_comparing(true)
    }

    /// Save after a keystroke: compare only the answers [`crate::assessment::model::change::apply`] changed since the last
    /// save, so the cost follows the change, not the size of the assessment. Every 32nd such save, and
    /// closing, compare every answer, so a change made around `apply` reaches the file then; code outside
    /// the interface's keystroke path uses [`save`].
    ///
    /// [`save`]: Session::save
    pub fn save_quickly(&mut self) -> Result<(), SaveError> {
        self.save_comparing(false)
    }

    /// Before a write: this process still holds the assessment, and nobody wrote it meanwhile. When the
    /// lock file was removed, the lock is taken again if nobody holds it and neither the file nor the
    /// journal was replaced since this process wrote them; otherwise every save from now on is refused.
    fn check_still_held(&mut self) -> Result<(), SaveError> {
        if let Some(why) = &self.lost {
            return Err(SaveError::refused(&self.path, why.clone()));
        }
        let lost = match self.lock.confirm() {
            Ok(super::lock::Confirmed::InPlace) => None,
            Ok(super::lock::Confirmed::Retaken) => {
                let now = Identity { file: identity_of(&self.path), journal: identity_of(&journal_path(&self.path)) };
                (now != self.written).then(|| {
                    "its lock file was removed while it was open here, and another soc2-ready changed it since"
                        .to_string()
                })
            }
            Err(LockError::Held { holder, .. }) => Some(format!(
                "its lock file was removed while it was open here, and another soc2-ready ({holder}) holds it now"
            )),
            Err(e) => Some(format!("its lock could not be checked ({e})")),
        };
        match lost {
            None => Ok(()),
            Some(what) => {
                let why = format!(
                    "{what}; this change and any later one are not saved here, so the other writer's answers are \
                     kept: close the assessment and open it again"
                );
                self.lost = Some(why.clone());
                Err(SaveError::refused(&self.path, why))
            }
        }
    }

    fn save_comparing(&mut self, every_answer: bool) -> Result<(), SaveError> {
        self.check_still_held()?;
        if self.migrated_from.is_some() || !self.saved_is_exact || self.saved.fixed_parts_changed(&self.assessment) {
            return self.write_whole();
        }
        let unsaved = self.assessment.log.take_unsaved();
        self.saves += 1;
        // Only the answers `apply` changed are compared, except every so often, when all are (a change made
        // around `apply` is journaled then, or when the file closes).
        let found = if every_answer || self.saves.is_multiple_of(FULL_COMPARISON_EVERY) {
            journal::changes(&self.assessment, &self.saved)
        } else {
            journal::changes_in(&self.assessment, &self.saved, &unsaved)
        };
        let Some(changes) = found else { return Ok(()) };
        // What was saved before passed the limits: only what changed is checked.
        let checked = limits::check_head(&self.assessment)
            .and_then(|()| {
                let changed = changes.answers.iter().filter_map(|(id, a)| a.map(|a| (id, a)));
                changed.into_iter().try_for_each(|(id, a)| limits::check_answer(id, a))
            })
            .map_err(|e| SaveError::refused(&self.path, format!("{e}; the change was not saved")));
        if let Err(e) = checked {
            // Not saved: still to be saved next time.
            self.assessment.log.still_unsaved(unsaved);
            return Err(e);
        }
        let line = journal::commit(changes, &mut self.saved);
        let journal_len = self.journal.as_ref().map_or(0, |j| j.len);
        if self.file_len + journal_len + line.len() as u64 > MAX_FILE_BYTES {
            // The whole file checks the size exactly, and refuses when it is over.
            self.saved_is_exact = false;
            return self.write_whole();
        }
        let appended = match &mut self.journal {
            Some(journal) => journal.append(&line),
            None => Journal::open(&self.path).and_then(|mut j| {
                j.append(&line)?;
                self.journal = Some(j);
                self.written.journal = identity_of(&journal_path(&self.path));
                Ok(())
            }),
        };
        appended.map_err(|e| {
            self.saved_is_exact = false;
            SaveError {
                path: self.path.display().to_string(),
                reason: format!("cannot append to the journal: {e}"),
                source: Some(e),
            }
        })
    }

    /// Wait until every save so far is on disk (saves return once the change survives the process being
    /// killed; the journal reaches the disk a moment later, on its own thread).
    pub fn wait_on_disk(&self) -> Result<(), SaveError> {
        let Some(journal) = &self.journal else { return Ok(()) };
        journal.wait_on_disk().map_err(|e| SaveError {
            path: self.path.display().to_string(),
            reason: format!("cannot flush the journal to disk: {e}"),
            source: Some(e),
        })
    }

    /// Write the whole file (compacting the journal into it) and remove the journal.
    pub fn write_whole(&mut self) -> Result<(), SaveError> {
        self.check_still_held()?;
        if let Some(v) = self.migrated_from {
            keep_copy(&self.path, &original_backup_path(&self.path, v))?;
        }
        // The journal's last word becomes the state being written, so a crash before it is removed
        // replays to this very state.
        if let Some(journal) = &mut self.journal
            && self.saved_is_exact
            && let Some(line) = journal::line_for(&self.assessment, &mut self.saved)
        {
            // On disk before the file is replaced: after a power cut, the journal's last word must still
            // be the file's state, or replaying it would bring back older answers.
            let on_disk = journal.append(&line).and_then(|()| journal.wait_on_disk());
            if let Err(e) = on_disk {
                return Err(SaveError {
                    path: self.path.display().to_string(),
                    reason: format!("cannot append to the journal: {e}"),
                    source: Some(e),
                });
            }
        }
        self.file_len = store::write_sized(&self.path, &self.assessment)?;
        if let Some(journal) = self.journal.take() {
            let _ = journal.remove();
        }
        self.written = Identity { file: identity_of(&self.path), journal: None };
        self.migrated_from = None;
        self.saved = Saved::of(&self.assessment);
        self.saved_is_exact = true;
        self.assessment.log.take_unsaved();
        Ok(())
    }

    /// Make a change and save it whole; when the save is refused or fails, the change is undone, so what
    /// is in memory is what is on disk.
    pub fn change<T>(&mut self, change: impl FnOnce(&mut Assessment) -> T) -> Result<T, SaveError> {
        let before = self.assessment.clone();
        let out = change(&mut self.assessment);
        match self.write_whole() {
            Ok(()) => Ok(out),
            Err(e) => {
                self.assessment = before;
                Err(e)
            }
        }
    }

    /// Make one change, through the checks every change passes ([`crate::assessment::model::change::apply`]), and save it
    /// whole. A refused change, or one whose save fails, leaves the file and what is in memory as they were.
    pub fn apply(&mut self, change: &Change, now: &str) -> Result<Applied, SessionError> {
        let before = self.assessment.clone();
        let applied = change::apply(&mut self.assessment, change, change::Ctx::at(now)).map_err(|e| match e {
            ChangeError::UnknownQuestion(id) => {
                SessionError::UnknownQuestion { path: self.path.display().to_string(), id }
            }
            e => SessionError::Change(e),
        })?;
        if let Err(e) = self.write_whole() {
            self.assessment = before;
            return Err(e.into());
        }
        Ok(applied)
    }

    /// Set one answer from typed input, with what is recorded beside it, and save. Refused input leaves
    /// the file untouched. A question hidden by its condition is refused, naming the condition.
    pub fn answer(
        &mut self,
        question: &str,
        input: &str,
        details: &AnswerDetails,
        now: &str,
    ) -> Result<AnswerValue, SessionError> {
        // A command's answer is given by exactly `details.by`: nobody when it is absent.
        let details = AnswerDetails { by: Some(details.by.clone().unwrap_or_default()), ..details.clone() };
        let change = Change::Set { question: question.to_string(), value: NewValue::Typed(input.to_string()), details };
        let applied = self.apply(&change, now)?;
        Ok(self.assessment.value(&applied.question).cloned().unwrap_or_else(|| AnswerValue::Text(String::new())))
    }

    /// Clear one answer's value (its note, evidence and flag stay), and save.
    pub fn clear(&mut self, question: &str, details: &AnswerDetails, now: &str) -> Result<(), SessionError> {
        let change = Change::Clear { question: question.to_string(), details: details.clone() };
        self.apply(&change, now).map(|_| ())
    }
}

impl Drop for Session {
    /// Closing compacts the journal into the file. If that fails the journal stays, and the next open
    /// (or any reader) replays it.
    fn drop(&mut self) {
        // A change not saved yet (made directly, after the last quick save) is saved first; a file only
        // migrated in memory is left as it is until something is saved.
        if self.migrated_from.is_none() {
            let _ = self.save();
        }
        if self.journal.is_some() {
            let _ = self.write_whole();
        }
    }
}

/// `FILE.v1.bak`: the file as it was in format `version`, before its first save in the current format.
pub fn original_backup_path(path: &Path, version: u32) -> PathBuf {
    sibling(path, &format!(".v{version}.bak"))
}
