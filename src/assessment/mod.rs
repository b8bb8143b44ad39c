//! Assessments, in three layers, each a folder:
//!
//! - [`model`]: the assessment document and its rules. Answers, their sources and provenance, the
//!   interview's records (meetings, observations, baseline), conflicts, the one write path ([`Change`] and
//!   `change::apply`), undo, profile rules, limits, which questions are shown, review, and the pure merges.
//!   Plain data and pure functions: no files, no clock.
//! - [`store`]: the files on disk. The store folder, reading and writing one file, the journal, atomic
//!   writes, the lock, the trash, file names, note files, the headline cache and the open file
//!   ([`Session`]).
//! - [`interview`]: what a consultant does with an assessment: the cursor that walks the questions,
//!   meetings, the agenda, follow-ups, the carry-over to next year, and the sample assessment.
//!
//! The rule, checked by tests/it/layers.rs: `model` uses neither `store` nor `interview`; `store` uses
//! `model` only; `interview` may use both. A file belongs to the lowest layer whose files are all it
//! needs. Only `model` writes an assessment's answers; every other module changes them through a
//! [`Change`].

pub mod interview;
pub mod model;
pub mod store;

pub use model::answer::Review;
pub use model::answer::{Answer, AnswerDetails, AnswerValue, describe, parse_answer};
pub use model::answer_source::AnswerSource;
pub use model::change::{Applied, Change, ChangeError, NewValue};
pub use model::document::{Assessment, Position};
pub use model::progress::{Progress, Visibility, progress};
pub use model::records::{Baseline, Meeting, Observation};
pub use model::source::{CellSource, FieldCell, Source};
pub use store::session::{Session, SessionError};
pub use store::{OpenError, Store};
