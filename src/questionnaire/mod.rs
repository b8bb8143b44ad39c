//! Questionnaires: the file format, loading and validation, conditions, and the built-ins.

pub mod catalog;
pub mod condition;
pub mod criteria;
pub mod format;
pub mod frameworks;
pub mod help;
pub mod limits;
pub mod load;
pub mod search;
pub mod summary;
pub mod validate;
pub mod value;

pub use condition::Condition;
pub use criteria::Category;
pub use format::{AiArea, Choice, Kind, MATURITY, Question, QuestionType, Questionnaire, Section};
pub use load::{LoadError, Source, load_file, parse};
pub use summary::Summary;
