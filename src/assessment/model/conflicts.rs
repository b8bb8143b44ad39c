//! Answers that merged files disagree on, kept in the merged file until someone picks one. Format 2.
//!
//! A question with an open conflict has no answer in the merged file (it is not counted as answered);
//! every candidate keeps its whole answer, so picking one loses nothing.

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::document::Assessment;

/// One question the merged files answered differently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub question: String,
    /// Each file's answer, in the order the files were given.
    pub candidates: Vec<Candidate>,
}

/// One file's answer to a conflicting question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The file it came from, as the merge named it (its file name without `.json`).
    pub from: String,
    pub answer: Answer,
}

/// Why a conflict could not be resolved as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("question `{0}` has no open conflict")]
    NoConflict(String),
    #[error("question `{question}` has {count} candidate answers; choose one from 1 to {count}")]
    NoSuchCandidate { question: String, count: usize },
    #[error("the chosen answer to `{question}` no longer fits the questionnaire: {why}")]
    DoesNotFit { question: String, why: String },
}

/// The open conflicts, in questionnaire order, for the interface to walk one by one.
pub fn open_conflicts(a: &Assessment) -> Vec<&Conflict> {
    let order = super::observations::question_order(a);
    let mut out: Vec<&Conflict> = a.conflicts.iter().collect();
    out.sort_by_key(|c| order.get(c.question.as_str()).copied().unwrap_or(usize::MAX));
    out
}

/// Resolve the conflict on `question` with candidate `choice` (0-based): its answer becomes the answer,
/// and the conflict closes.
pub fn resolve(a: &mut Assessment, question: &str, choice: usize, now: &str) -> Result<(), ResolveError> {
    let index = a
        .conflicts
        .iter()
        .position(|c| c.question == question)
        .ok_or_else(|| ResolveError::NoConflict(question.into()))?;
    let conflict = &a.conflicts[index];
    let Some(chosen) = conflict.candidates.get(choice) else {
        return Err(ResolveError::NoSuchCandidate { question: question.into(), count: conflict.candidates.len() });
    };
    // The chosen answer passes the checks any new value passes (its type, a read-only cell, the profile).
    let mut answer = chosen.answer.clone();
    answer.updated_at = now.to_string();
    let change = super::change::Change::Keep { question: question.to_string(), entry: answer };
    super::change::apply(a, &change, super::change::Ctx::at(now))
        .map_err(|e| ResolveError::DoesNotFit { question: question.into(), why: e.to_string() })?;
    a.conflicts.remove(index);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;

    fn candidate(from: &str, value: &str) -> Candidate {
        Candidate {
            from: from.into(),
            answer: Answer {
                value: Some(AnswerValue::Text(value.into())),
                answered_by: from.into(),
                updated_at: "t0".into(),
                ..Answer::default()
            },
        }
    }

    fn with_conflict() -> Assessment {
        let mut a = Assessment::new(crate::scoring::tests::small(), "Acme", "t0");
        a.conflicts.push(Conflict {
            question: "a.mfa".into(),
            candidates: vec![candidate("ann", "documented"), candidate("bob", "planned")],
        });
        a
    }

    #[test]
    fn resolving_takes_the_chosen_answer_and_closes_the_conflict() {
        let mut a = with_conflict();
        assert_eq!(open_conflicts(&a).len(), 1);
        resolve(&mut a, "a.mfa", 1, "t1").unwrap();
        assert!(a.conflicts.is_empty());
        let answer = &a.answers["a.mfa"];
        assert_eq!(answer.value, Some(AnswerValue::Text("planned".into())));
        assert_eq!(answer.answered_by, "bob");
        assert_eq!(answer.updated_at, "t1");
    }

    #[test]
    fn a_choice_out_of_range_or_a_question_without_conflict_is_refused_and_changes_nothing() {
        let mut a = with_conflict();
        let before = a.clone();
        assert_eq!(
            resolve(&mut a, "a.mfa", 2, "t1").unwrap_err().to_string(),
            "question `a.mfa` has 2 candidate answers; choose one from 1 to 2"
        );
        assert!(matches!(resolve(&mut a, "v.dpa", 0, "t1"), Err(ResolveError::NoConflict(_))));
        assert_eq!(a, before);
    }

    #[test]
    fn a_candidate_that_no_longer_fits_is_refused() {
        let mut a = with_conflict();
        a.conflicts[0].candidates[0].answer.value = Some(AnswerValue::Text("sometimes".into()));
        assert!(matches!(resolve(&mut a, "a.mfa", 0, "t1"), Err(ResolveError::DoesNotFit { .. })));
        assert_eq!(a.conflicts.len(), 1);
    }
}
