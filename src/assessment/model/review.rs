//! Review state: what the client claimed, and what the assessor checked against evidence; and the
//! carried-over answers still to confirm.

use super::answer::Review;
use super::document::Assessment;

/// Mark an answer reviewed by `by` (or clear the mark); returns whether it is now reviewed. A question
/// with no answer recorded cannot be reviewed, and is left alone (`false`).
pub fn toggle_reviewed(a: &mut Assessment, question: &str, by: &str, now: &str) -> bool {
    let Some(answer) = a.answers.get_mut(question).filter(|x| x.value.is_some()) else { return false };
    answer.reviewed = match answer.reviewed {
        Some(_) => None,
        None => Some(Review { by: by.trim().to_string(), at: now.to_string() }),
    };
    let reviewed = answer.reviewed.is_some();
    a.updated_at = now.to_string();
    reviewed
}

pub fn is_reviewed(a: &Assessment, question: &str) -> bool {
    a.answers.get(question).is_some_and(|x| x.reviewed.is_some())
}

/// Confirm an answer carried over from last year as still true (one key); returns whether there was
/// one to confirm.
pub fn confirm(a: &mut Assessment, question: &str, now: &str) -> bool {
    let Some(answer) = a.answers.get_mut(question).filter(|x| x.to_confirm) else { return false };
    answer.to_confirm = false;
    answer.updated_at = now.to_string();
    a.updated_at = now.to_string();
    true
}

/// The questions whose carried-over answer is still to confirm, in questionnaire order: in the section with
/// id `section`, or everywhere. `None` when there is no such section.
pub fn to_confirm_in(a: &Assessment, section: Option<&str>) -> Option<Vec<String>> {
    let q = a.questionnaire();
    if section.is_some_and(|id| !q.sections.iter().any(|s| s.id == id)) {
        return None;
    }
    let sections = q.sections.iter().filter(|s| section.is_none_or(|id| s.id == id));
    Some(sections.flat_map(|s| &s.questions).filter(|x| is_to_confirm(a, &x.id)).map(|x| x.id.clone()).collect())
}

pub fn is_to_confirm(a: &Assessment, question: &str) -> bool {
    a.answers.get(question).is_some_and(|x| x.to_confirm)
}

/// How many answers are claimed only, reviewed, and carried over still to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewCounts {
    pub claimed: usize,
    pub reviewed: usize,
    pub to_confirm: usize,
}

pub fn review_counts(a: &Assessment) -> ReviewCounts {
    let mut counts = ReviewCounts::default();
    for answer in a.answers.values().filter(|x| x.value.is_some()) {
        if answer.to_confirm {
            counts.to_confirm += 1;
        } else if answer.reviewed.is_some() {
            counts.reviewed += 1;
        } else {
            counts.claimed += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::tests::answered;

    #[test]
    fn toggling_marks_and_unmarks_with_who_and_when() {
        let mut a = answered(&[("a.mfa", "documented")]);
        assert!(toggle_reviewed(&mut a, "a.mfa", "Carol", "t1"));
        assert_eq!(a.answers["a.mfa"].reviewed, Some(Review { by: "Carol".into(), at: "t1".into() }));
        assert!(is_reviewed(&a, "a.mfa"));
        assert_eq!(review_counts(&a), ReviewCounts { claimed: 0, reviewed: 1, to_confirm: 0 });
        assert!(!toggle_reviewed(&mut a, "a.mfa", "Carol", "t2"));
        assert_eq!(a.answers["a.mfa"].reviewed, None);
        assert_eq!(review_counts(&a), ReviewCounts { claimed: 1, reviewed: 0, to_confirm: 0 });
    }

    #[test]
    fn an_unanswered_question_cannot_be_reviewed() {
        let mut a = answered(&[]);
        assert!(!toggle_reviewed(&mut a, "a.mfa", "Carol", "t1"));
        assert!(a.answers.is_empty());
    }

    #[test]
    fn confirming_clears_the_carried_over_mark_once() {
        let mut a = answered(&[("a.mfa", "documented")]);
        a.answers.get_mut("a.mfa").unwrap().to_confirm = true;
        assert!(is_to_confirm(&a, "a.mfa"));
        assert_eq!(review_counts(&a).to_confirm, 1);
        assert!(confirm(&mut a, "a.mfa", "t1"));
        assert!(!is_to_confirm(&a, "a.mfa"));
        assert!(!confirm(&mut a, "a.mfa", "t2"));
    }

    #[test]
    fn the_answers_to_confirm_by_section_in_order() {
        let mut a = answered(&[("a.sso", "yes"), ("a.mfa", "documented"), ("v.review", "some")]);
        for id in ["a.sso", "a.mfa", "v.review"] {
            a.answers.get_mut(id).unwrap().to_confirm = true;
        }
        assert_eq!(to_confirm_in(&a, None).unwrap(), ["a.mfa", "a.sso", "v.review"]);
        assert_eq!(to_confirm_in(&a, Some("vendors")).unwrap(), ["v.review"]);
        assert_eq!(to_confirm_in(&a, Some("nope")), None);
    }
}
