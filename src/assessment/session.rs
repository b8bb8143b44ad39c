//! An assessment open for changes: held by one writer, saved after every change.

use std::path::{Path, PathBuf};

use super::answer::{AnswerError, AnswerValue, check_note, parse_answer};
use super::document::Assessment;
use super::lock::{Lock, LockError};
use super::store::{self, OpenError, SaveError};

/// What may be recorded with an answer besides its value; `None` leaves what is there.
#[derive(Debug, Clone, Default)]
pub struct AnswerDetails {
    pub note: Option<String>,
    /// References to evidence (document names, links, ticket ids); replaces the earlier list.
    pub evidence: Option<Vec<String>>,
    /// Who gave the answer; also becomes who answers next.
    pub by: Option<String>,
}

/// An assessment file this process holds and writes.
#[derive(Debug)]
pub struct Session {
    pub path: PathBuf,
    pub assessment: Assessment,
    _lock: Lock,
}

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
    #[error("{path}: the questionnaire has no question `{id}`")]
    UnknownQuestion { path: String, id: String },
    #[error("{path} already exists; choose another file or open it with `soc2-ready open`")]
    Exists { path: String },
}

impl Session {
    /// Open an existing assessment for changes.
    pub fn open(path: &Path, now: &str) -> Result<Session, SessionError> {
        // A file that is not there (or not a file) is reported before any lock file is made beside it.
        if !path.is_file() {
            store::read(path)?;
        }
        let lock = Lock::acquire(path, now)?;
        let assessment = store::read(path)?;
        // Holding the lock, no other process can be writing: temporary files left beside the assessment
        // are from a save that was cut short, and go.
        store::remove_stale_temporaries(path);
        Ok(Session { path: path.to_path_buf(), assessment, _lock: lock })
    }

    /// Write a new assessment to a file that must not exist yet, and hold it.
    pub fn create(path: &Path, assessment: Assessment, now: &str) -> Result<Session, SessionError> {
        if path.exists() {
            return Err(SessionError::Exists { path: path.display().to_string() });
        }
        let lock = Lock::acquire(path, now)?;
        store::write(path, &assessment)?;
        Ok(Session { path: path.to_path_buf(), assessment, _lock: lock })
    }

    pub fn save(&self) -> Result<(), SaveError> {
        store::write(&self.path, &self.assessment)
    }

    /// Set one answer from typed input, with what is recorded beside it, and save. Refused input leaves
    /// the file untouched.
    pub fn answer(
        &mut self,
        question: &str,
        input: &str,
        details: &AnswerDetails,
        now: &str,
    ) -> Result<AnswerValue, SessionError> {
        let q = self.assessment.questionnaire().question(question).map(|(_, q)| q.clone()).ok_or_else(|| {
            SessionError::UnknownQuestion { path: self.path.display().to_string(), id: crate::text::one_line(question) }
        })?;
        let value = parse_answer(&q, input)?;
        if let Some(note) = &details.note {
            check_note(note)?;
        }
        if let Some(by) = &details.by {
            self.assessment.set_respondent(by, now);
        }
        self.assessment.set_value(&q.id, value.clone(), now);
        if let Some(note) = &details.note {
            self.assessment.set_note(&q.id, note, now);
        }
        if let Some(evidence) = &details.evidence {
            self.assessment.set_evidence(&q.id, evidence.clone(), now);
        }
        self.save()?;
        Ok(value)
    }
}
