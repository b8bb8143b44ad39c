//! Length limits on what an assessment records besides its answers. The write path and the read path
//! check the same limits, so a save can never produce a file that open refuses.

use super::answer::{Answer, MAX_ANSWER_CHARS};
use super::document::Assessment;

/// Largest assessment file read or written, in bytes (the file and its journal, which the store keeps).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Longest organisation name, in characters (generous: a legal name with its trading names fits).
pub const MAX_ORG_CHARS: usize = 10_000;
/// Longest name of a person (`--by`, respondents, reviewers, owners), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Most people named in one assessment.
pub const MAX_PEOPLE: usize = 1_000;
/// Most evidence references on one answer.
pub const MAX_EVIDENCE_REFS: usize = 100;
/// Longest evidence reference (a document name, a link, a ticket id), in characters.
pub const MAX_EVIDENCE_CHARS: usize = 2_000;

/// What is over a limit, in words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} is {size}, over the limit of {limit}; {advice}")]
pub struct LimitError {
    pub what: String,
    pub size: usize,
    pub limit: usize,
    pub advice: &'static str,
}

fn chars(what: impl Into<String>, text: &str, limit: usize, advice: &'static str) -> Result<(), LimitError> {
    let size = text.chars().count();
    if size > limit { Err(LimitError { what: what.into(), size, limit, advice }) } else { Ok(()) }
}

/// Check an organisation name.
pub fn check_org(org: &str) -> Result<(), LimitError> {
    chars("the organisation name (characters)", org, MAX_ORG_CHARS, "shorten it")
}

/// Check a person's name.
pub fn check_name(name: &str) -> Result<(), LimitError> {
    chars("the name (characters)", name, MAX_NAME_CHARS, "use a shorter name or initials")
}

/// Check a list of evidence references.
pub fn check_evidence(evidence: &[String]) -> Result<(), LimitError> {
    if evidence.len() > MAX_EVIDENCE_REFS {
        return Err(LimitError {
            what: "the number of evidence references".into(),
            size: evidence.len(),
            limit: MAX_EVIDENCE_REFS,
            advice: "refer to a folder or an index document instead",
        });
    }
    for e in evidence {
        chars(
            "an evidence reference (characters)",
            e,
            MAX_EVIDENCE_CHARS,
            "refer to the document by name or link instead of pasting it",
        )?;
    }
    Ok(())
}

/// Check everything an assessment records against the limits above (answer values are checked against
/// their questions elsewhere).
pub fn check(a: &Assessment) -> Result<(), LimitError> {
    check_head(a)?;
    a.answers.iter().try_for_each(|(id, answer)| check_answer(id, answer))
}

/// Check what an assessment records outside its answers.
pub fn check_head(a: &Assessment) -> Result<(), LimitError> {
    check_org(&a.org)?;
    if a.people.len() > MAX_PEOPLE {
        return Err(LimitError {
            what: "the number of people".into(),
            size: a.people.len(),
            limit: MAX_PEOPLE,
            advice: "remove people who no longer take part",
        });
    }
    for p in a.people.iter().chain([&a.respondent]) {
        check_name(p)?;
    }
    Ok(())
}

/// Check what is recorded with one answer.
pub fn check_answer(id: &str, answer: &Answer) -> Result<(), LimitError> {
    let on =
        |e: LimitError| LimitError { what: format!("{} on question `{}`", e.what, crate::text::one_line(id)), ..e };
    chars("the note (characters)", &answer.note, MAX_ANSWER_CHARS, "keep the long text in a document and refer to it")
        .map_err(on)?;
    check_evidence(&answer.evidence).map_err(on)?;
    check_name(&answer.answered_by).map_err(on)?;
    check_name(&answer.owner).map_err(on)?;
    if let Some(r) = &answer.reviewed {
        check_name(&r.by).map_err(on)?;
    }
    Ok(())
}
