//! Answer vocabularies: the customer's own words for yes, no and not applicable (`Yes`, `Y`, `N/A`, ...),
//! folded to a normalised choice so an answer given in one vocabulary can be written in another.

use serde::{Deserialize, Serialize};

/// What an answer means, whatever its spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Yes,
    No,
    NotApplicable,
    Partial,
    /// Anything else: free text, or a value with no yes/no meaning.
    Other,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::NotApplicable => "n/a",
            Choice::Partial => "partial",
            Choice::Other => "other",
        }
    }
}

/// The normalised meaning of an answer as written. "Don't know" is never read as not applicable.
pub fn choice_of(answer: &str) -> Choice {
    let t: String = answer.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
    match t.trim() {
        "yes" | "y" | "true" | "1" | "x" | "compliant" | "in place" | "implemented" => Choice::Yes,
        "no" | "n" | "false" | "0" | "not in place" | "not implemented" | "noncompliant" => Choice::No,
        "na" | "n a" | "not applicable" | "none applicable" => Choice::NotApplicable,
        "partial" | "partially" | "partly" | "in progress" | "partially implemented" => Choice::Partial,
        _ => Choice::Other,
    }
}

/// The value to write for `choice` in a cell that accepts `vocabulary`; `None` when nothing fits.
pub fn in_vocabulary(choice: Choice, vocabulary: &[String]) -> Option<&str> {
    if choice == Choice::Other {
        return None;
    }
    vocabulary.iter().find(|v| choice_of(v) == choice).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_fold_to_one_choice() {
        assert_eq!(choice_of("Y"), Choice::Yes);
        assert_eq!(choice_of(" YES "), Choice::Yes);
        assert_eq!(choice_of("N/A"), Choice::NotApplicable);
        assert_eq!(choice_of("NA"), Choice::NotApplicable);
        assert_eq!(choice_of("Don't know"), Choice::Other);
        let yn = vec!["Y".to_string(), "N".to_string(), "N/A".to_string()];
        assert_eq!(in_vocabulary(Choice::Yes, &yn), Some("Y"));
        assert_eq!(in_vocabulary(Choice::NotApplicable, &yn), Some("N/A"));
        assert_eq!(in_vocabulary(Choice::Partial, &yn), None);
    }
}
