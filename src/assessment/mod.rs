//! Assessments: answers and what is recorded with them, which questions are shown, and the files on disk.

pub mod answer;
pub mod document;
pub mod lock;
pub mod progress;
pub mod session;
pub mod store;

pub use answer::{Answer, AnswerValue, describe, parse_answer};
pub use document::{Assessment, Position};
pub use progress::{Progress, Visibility, progress};
pub use session::{AnswerDetails, Session, SessionError};
pub use store::{OpenError, Store};
