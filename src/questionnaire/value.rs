//! The value of an answer, as conditions test it and assessments store it. It lives with the
//! questionnaire (below assessments) so that conditions can test answers without importing assessments.

use serde::{Deserialize, Serialize};

/// An answer's value, as JSON has it: option ids, yes/no, texts and dates are strings; `multi` answers are
/// lists of option ids; numbers are numbers. The question's type says which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(f64),
    List(Vec<String>),
    Text(String),
}

impl AnswerValue {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AnswerValue::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            AnswerValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            AnswerValue::List(l) => Some(l),
            _ => None,
        }
    }
}
