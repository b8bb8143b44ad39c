//! One writer per assessment: an advisory lock on `FILE.lock`, naming the process that holds it.
//!
//! The operating system drops the lock when its process dies, however it dies, so a lock left by a dead
//! process is simply taken over; the file's text only says who held it. The lock file is removed when the
//! lock is released; a process that locked a file just as it was removed notices (the path no longer leads
//! to the file it holds) and tries again.
//!
//! The lock file sits in a folder others may be able to write, so it is treated as hostile: it is opened
//! without following a symbolic link, must be a regular file of ours with one name, and at most
//! [`MAX_HOLDER_BYTES`] of the holder's text is read.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The most of a lock file's text read to say who holds it.
pub const MAX_HOLDER_BYTES: u64 = 200;

/// An exclusive hold on an assessment file, released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// The assessment it guards, and when it was taken (written into the lock file again when retaken).
    assessment: PathBuf,
    since: String,
}

/// What [`Lock::confirm`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// The lock file is the one this process locked.
    InPlace,
    /// Someone removed the lock file; nobody held it, and this process has locked a new one. Whatever
    /// happened while there was none (another writer came and went) is for the caller to check.
    Retaken,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path} is open in another soc2-ready ({holder}); close it there first")]
    Held { path: String, holder: String },
    #[error(
        "{lock}: the lock file of {path} is {what}, which soc2-ready never makes; someone else may have put it \
         there. Check it, remove it, and try again (nothing was changed)"
    )]
    Unsafe { path: String, lock: String, what: String },
    #[error("{path}: cannot lock the assessment: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The lock file that guards an assessment file.
pub fn lock_path(assessment: &Path) -> PathBuf {
    let mut name = assessment.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    assessment.with_file_name(name)
}

impl Lock {
    /// Take the lock, or say who holds it.
    pub fn acquire(assessment: &Path, now: &str) -> Result<Lock, LockError> {
        // The holder lets go by removing the lock file, so a file opened just then may be gone from the
        // path (before or after we lock it): take it again, a few times.
        for _ in 0..10 {
            match Lock::try_acquire(assessment, now)? {
                Some(lock) if lock.still_in_place() => return Ok(lock),
                _ => continue,
            }
        }
        Lock::try_acquire(assessment, now)?.ok_or_else(|| LockError::Held {
            path: assessment.display().to_string(),
            holder: "another process, taking and releasing it faster than it can be taken".into(),
        })
    }

    /// Take the lock, waiting up to `patience` while another process holds it (one-shot commands: a
    /// script running several `answer`s at once waits its turn instead of failing).
    pub fn acquire_waiting(assessment: &Path, now: &str, patience: Duration) -> Result<Lock, LockError> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match Lock::acquire(assessment, now) {
                Err(LockError::Held { .. }) if start.elapsed() < patience => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    /// Whether the lock file this process holds is still the one at the lock path (it was not removed by
    /// the previous holder between opening and locking it).
    fn still_in_place(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (self.file.metadata(), std::fs::symlink_metadata(&self.path)) {
                (Ok(held), Ok(there)) => held.ino() == there.ino() && held.dev() == there.dev(),
                _ => false,
            }
        }
        #[cfg(not(unix))]
        true
    }

    /// `None` when the lock file went from the path while it was opened (its holder let go): try again.
    fn try_acquire(assessment: &Path, now: &str) -> Result<Option<Lock>, LockError> {
        let Some((file, path)) = Lock::try_lock_file(assessment, now)? else { return Ok(None) };
        Ok(Some(Lock { file, path, assessment: assessment.to_path_buf(), since: now.to_string() }))
    }

    /// Whether this process still holds the assessment: the lock file at the lock path is the one it
    /// locked. When someone removed it (by hand, or a tool cleaning up), it is taken again if nobody else
    /// has; `Err(Held)` when another process now holds it. Call before each write: a deleted lock file
    /// otherwise let a second writer in silently, and one of the two lost its answers.
    pub fn confirm(&mut self) -> Result<Confirmed, LockError> {
        if self.still_in_place() {
            return Ok(Confirmed::InPlace);
        }
        let mut taken = None;
        for _ in 0..10 {
            taken = Lock::try_lock_file(&self.assessment, &self.since)?;
            if taken.is_some() {
                break;
            }
        }
        let Some((file, path)) = taken else {
            return Err(LockError::Held {
                path: self.assessment.display().to_string(),
                holder: "process unknown".into(),
            });
        };
        // The old file (removed from the folder) is closed, which lets go of its lock; this one is held.
        self.file = file;
        self.path = path;
        if self.still_in_place() {
            Ok(Confirmed::Retaken)
        } else {
            Err(LockError::Held { path: self.assessment.display().to_string(), holder: "process unknown".into() })
        }
    }

    fn try_lock_file(assessment: &Path, now: &str) -> Result<Option<(File, PathBuf)>, LockError> {
        let path = lock_path(assessment);
        let io = |source: std::io::Error| LockError::Io { path: assessment.display().to_string(), source };
        let unsafe_lock = |what: String| LockError::Unsafe {
            path: assessment.display().to_string(),
            lock: path.display().to_string(),
            what,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Never follow a link planted at the lock path, and never wait on a FIFO.
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let mut file = match options.open(&path) {
            Ok(file) => file,
            #[cfg(unix)]
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(unsafe_lock("a symbolic link".into())),
            Err(e) => return Err(io(e)),
        };
        match check_lock_file(&file) {
            Ok(()) => {}
            // The holder removed the lock file between our open and our look at it (it lets go by
            // removing it): not a planted file, just a lock to take again.
            Err(LockFileProblem::RemovedMeanwhile) => return Ok(None),
            Err(LockFileProblem::Unsafe(what)) => return Err(unsafe_lock(what)),
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = Vec::new();
                let _ = (&mut file).take(MAX_HOLDER_BYTES).read_to_end(&mut holder);
                let holder = crate::text::one_line(String::from_utf8_lossy(&holder).trim());
                let holder = if holder.is_empty() { "process unknown".to_string() } else { holder };
                return Err(LockError::Held { path: assessment.display().to_string(), holder });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "process {} since {now}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(Some((file, path)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What is wrong with an opened lock file, if anything: it must be a regular file, with no other name
/// (a hard link to someone's file would otherwise be truncated), owned by this user.
fn check_lock_file(file: &File) -> Result<(), LockFileProblem> {
    let unsafe_file = LockFileProblem::Unsafe;
    let meta = file.metadata().map_err(|e| unsafe_file(format!("unreadable ({e})")))?;
    if !meta.is_file() {
        return Err(unsafe_file("not a regular file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() == 0 {
            return Err(LockFileProblem::RemovedMeanwhile);
        }
        if meta.nlink() != 1 {
            return Err(unsafe_file(format!("a file with {} names (hard links)", meta.nlink())));
        }
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            return Err(unsafe_file(format!("owned by another user (uid {}, you are {me})", meta.uid())));
        }
    }
    Ok(())
}

/// Why an opened lock file is not one to lock.
enum LockFileProblem {
    /// Its last name went while we opened it: the previous holder let go.
    RemovedMeanwhile,
    /// Something soc2-ready never makes (what, in words).
    Unsafe(String),
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the lock file while still holding it, then let go: a process that opened it meanwhile
        // sees it was removed and starts again with a new one.
        // Only the file this process locked: when its lock file was removed and another process has made
        // and locked a new one, that one is theirs.
        #[cfg(unix)]
        if self.still_in_place() {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A lock file whose holder removed it between our open and our look at it is a lock to take again,
    /// not a planted file (seen as "a file with 0 names" when 16 `answer`s ran at once).
    #[test]
    fn a_lock_file_removed_while_opening_it_is_taken_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.lock");
        let file = File::create(&path).expect("lock file");
        std::fs::remove_file(&path).expect("removed by its holder");
        assert!(matches!(check_lock_file(&file), Err(LockFileProblem::RemovedMeanwhile)));

        let assessment = dir.path().join("x.json");
        let lock = Lock::acquire(&assessment, "now").expect("taken");
        assert!(lock.still_in_place());
    }
}
