//! One writer per assessment: an advisory lock on `FILE.lock`, naming the process that holds it.
//!
//! The operating system drops the lock when its process dies, however it dies, so a lock left by a dead
//! process is simply taken over; the file's text only says who held it. The lock file is removed when the
//! lock is released; a process that locked a file just as it was removed notices (the path no longer leads
//! to the file it holds) and tries again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// An exclusive hold on an assessment file, released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path} is open in another soc2-ready ({holder}); close it there first")]
    Held { path: String, holder: String },
    #[error("{path}: cannot lock the assessment: {reason}")]
    Io { path: String, reason: String },
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
        let mut attempts = 0;
        loop {
            let lock = Lock::try_acquire(assessment, now)?;
            if lock.still_in_place() || attempts == 10 {
                return Ok(lock);
            }
            attempts += 1;
        }
    }

    /// Whether the lock file this process holds is still the one at the lock path (it was not removed by
    /// the previous holder between opening and locking it).
    fn still_in_place(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (self.file.metadata(), std::fs::metadata(&self.path)) {
                (Ok(held), Ok(there)) => held.ino() == there.ino() && held.dev() == there.dev(),
                _ => false,
            }
        }
        #[cfg(not(unix))]
        true
    }

    fn try_acquire(assessment: &Path, now: &str) -> Result<Lock, LockError> {
        let path = lock_path(assessment);
        let io = |e: std::io::Error| LockError::Io { path: assessment.display().to_string(), reason: e.to_string() };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = crate::text::one_line(holder.trim());
                let holder = if holder.is_empty() { "process unknown".to_string() } else { holder };
                return Err(LockError::Held { path: assessment.display().to_string(), holder });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "process {} since {now}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(Lock { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the lock file while still holding it, then let go: a process that opened it meanwhile
        // sees it was removed and starts again with a new one.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}
