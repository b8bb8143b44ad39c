//! Assessments: answers and what is recorded with them, which questions are shown, and the files on disk.

pub mod answer;
pub mod atomic;
pub mod carry_over;
pub mod conflicts;
pub mod cursor;
pub mod document;
pub mod file;
pub mod file_name;
pub mod folder;
pub mod followups;
pub mod interview;
pub mod journal;
pub mod last_change;
pub mod limits;
pub mod lock;
pub mod manage;
pub mod meetings;
pub mod merge;
pub mod observations;
pub mod profile_rules;
pub mod progress;
pub mod review;
pub mod sample;
pub mod session;
pub mod source;
pub mod store;
pub mod trash;
pub mod undo;

pub use answer::Review;
pub use answer::{Answer, AnswerValue, describe, parse_answer};
pub use document::{Assessment, Position};
pub use interview::{Baseline, Meeting, Observation};
pub use progress::{Progress, Visibility, progress};
pub use session::{AnswerDetails, Session, SessionError};
pub use source::{CellSource, Source};
pub use store::{OpenError, Store};
