//! The assessment document and its rules: plain data and pure functions, using nothing in `store` or
//! `interview`. Every change to the answers is made here, through `change::apply`.

pub mod answer;
pub mod answer_source;
pub mod change;
pub mod change_log;
pub mod conflicts;
pub mod document;
pub mod limits;
pub mod merge;
pub mod observations;
pub mod profile_rules;
pub mod progress;
pub mod records;
pub mod review;
pub mod source;
#[cfg(test)]
pub(crate) mod test_support;
pub mod three_way;
pub mod undo;
