//! What a consultant's interview records beyond the answers: meetings with who attended, observations
//! with an owner and a due date, and last year's answers an assessment was started from. Format 2.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::Answer;

/// One sitting: opened in the interface, closed on quit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339; empty while the meeting is going on (or when the program was killed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ended_at: String,
    /// Who was present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// Question ids answered (or changed) in this meeting, in order, without repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered: Vec<String>,
}

/// Something the assessor saw on a question: what, the risk, what to do, who and by when. Read through
/// [`super::observations::StoredObservation`], so files from before statuses (`closed: true`) still load.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::observations::StoredObservation")]
pub struct Observation {
    /// Stable within the file: `obs-1`, `obs-2`, ...
    pub id: String,
    pub question: String,
    pub seen: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub risk: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// YYYY-MM-DD, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
    /// Who recorded it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub created_at: String,
    /// Open, remediated, verified or closed: closed ones stay in the file but leave the follow-up list.
    #[serde(default, skip_serializing_if = "super::observations::Status::is_open")]
    pub status: super::observations::Status,
    /// Each change of status, with who and when, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<super::observations::StatusChange>,
}

/// The assessment this one was carried over from (`new --from`), with its answers as they were, so the
/// report can show the change since then.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub org: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    /// When the earlier assessment was last changed.
    pub updated_at: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}
