//! Undo: the last changes to an assessment, several steps deep, each kept as what it replaced (one
//! answer entry, or the observations), so a step costs the size of what changed, not of the file.

use super::answer::Answer;
use super::conflicts::Conflict;
use super::document::Assessment;
use super::interview::Observation;

/// How many steps back the interface can go.
pub const DEPTH: usize = 100;

/// What one change replaced.
#[derive(Debug, Clone, PartialEq)]
enum Before {
    /// A question's whole entry: value, note, evidence, flag, review.
    Answer {
        question: String,
        entry: Option<Box<Answer>>,
    },
    Observations(Vec<Observation>),
    /// A merge conflict resolved: the conflict (with every file's answer) at its place in the list, and the
    /// question's entry before the chosen answer replaced it.
    Resolved {
        conflict: Box<Conflict>,
        at: usize,
        entry: Option<Box<Answer>>,
    },
}

/// The changes that can be undone, newest last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoStack {
    steps: Vec<Before>,
}

/// What an undo put back, so the interface can go there and say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// The question whose answer, note or flag was restored.
    Answer(String),
    Observations,
    /// The conflict on this question is open again, with its question's answer as it was.
    Resolution(String),
}

impl UndoStack {
    pub fn new() -> UndoStack {
        UndoStack::default()
    }

    fn push(&mut self, step: Before) {
        if self.steps.len() == DEPTH {
            self.steps.remove(0);
        }
        self.steps.push(step);
    }

    /// Call just before changing a question's answer, note, flag, evidence or review.
    pub fn before_answer_change(&mut self, a: &Assessment, question: &str) {
        self.push(Before::Answer {
            question: question.to_string(),
            entry: a.answers.get(question).cloned().map(Box::new),
        });
    }

    /// Record a change already made: `entry` is what the question's entry was before it (for callers
    /// that compare before and after rather than call [`UndoStack::before_answer_change`] first).
    pub fn record_answer(&mut self, question: &str, entry: Option<Answer>) {
        self.push(Before::Answer { question: question.to_string(), entry: entry.map(Box::new) });
    }

    /// Record a change to the observations already made: `list` is what they were before it.
    pub fn record_observations(&mut self, list: Vec<Observation>) {
        self.push(Before::Observations(list));
    }

    /// Call just before adding, changing, closing or removing an observation.
    pub fn before_observation_change(&mut self, a: &Assessment) {
        self.push(Before::Observations(a.observations.clone()));
    }

    /// Record a conflict just resolved: `conflict` was at `at` in the list, and `entry` was the question's
    /// entry before the chosen answer replaced it. Undoing it opens the conflict again, losing nothing.
    pub fn record_resolved(&mut self, conflict: Conflict, at: usize, entry: Option<Answer>) {
        self.push(Before::Resolved { conflict: Box::new(conflict), at, entry: entry.map(Box::new) });
    }

    pub fn depth(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Put back what the last change replaced; the caller saves as for any change. `None` when there is
    /// nothing left to undo.
    pub fn undo(&mut self, a: &mut Assessment, now: &str) -> Option<Undone> {
        let undone = match self.steps.pop()? {
            Before::Answer { question, entry } => {
                match entry {
                    Some(entry) => a.answers.insert(question.clone(), *entry),
                    None => a.answers.remove(&question),
                };
                a.touch(&question);
                Undone::Answer(question)
            }
            Before::Observations(list) => {
                a.observations = list;
                Undone::Observations
            }
            Before::Resolved { conflict, at, entry } => {
                let question = conflict.question.clone();
                match entry {
                    Some(entry) => a.answers.insert(question.clone(), *entry),
                    None => a.answers.remove(&question),
                };
                a.touch(&question);
                a.conflicts.insert(at.min(a.conflicts.len()), *conflict);
                Undone::Resolution(question)
            }
        };
        a.updated_at = now.to_string();
        Some(undone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::assessment::observations::{ObservationFields, add};
    use crate::scoring::tests::answered;

    fn text(v: &str) -> AnswerValue {
        AnswerValue::Text(v.into())
    }

    #[test]
    fn undo_goes_back_answer_note_and_flag_in_turn() {
        let mut a = answered(&[]);
        let original = a.answers.clone();
        let mut undo = UndoStack::new();
        undo.before_answer_change(&a, "a.mfa");
        a.set_value("a.mfa", text("planned"), "t1");
        let after_answer = a.answers.clone();
        undo.before_answer_change(&a, "a.mfa");
        a.set_note("a.mfa", "rollout in March", "t2");
        let after_note = a.answers.clone();
        undo.before_answer_change(&a, "a.sso");
        a.toggle_follow_up("a.sso", "t3");
        assert_eq!(undo.depth(), 3);

        assert_eq!(undo.undo(&mut a, "t4"), Some(Undone::Answer("a.sso".into())));
        assert_eq!(a.answers, after_note);
        assert_eq!(undo.undo(&mut a, "t5"), Some(Undone::Answer("a.mfa".into())));
        assert_eq!(a.answers, after_answer);
        assert_eq!(undo.undo(&mut a, "t6"), Some(Undone::Answer("a.mfa".into())));
        assert_eq!(a.answers, original);
        assert_eq!(undo.undo(&mut a, "t7"), None);
        assert_eq!(a.updated_at, "t6");
    }

    #[test]
    fn undo_restores_observations() {
        let mut a = answered(&[]);
        let mut undo = UndoStack::new();
        undo.before_observation_change(&a);
        add(&mut a, "a.mfa", ObservationFields { seen: "x".into(), ..Default::default() }, "", "t").unwrap();
        assert_eq!(undo.undo(&mut a, "t"), Some(Undone::Observations));
        assert!(a.observations.is_empty());
    }

    #[test]
    fn undoing_a_resolution_opens_the_conflict_again_with_every_files_answer() {
        use crate::assessment::conflicts::{Candidate, resolve};
        let mut a = answered(&[]);
        let candidate = |from: &str, v: &str| Candidate {
            from: from.into(),
            answer: Answer { value: Some(text(v)), ..Answer::default() },
        };
        for q in ["a.mfa", "a.sso"] {
            a.conflicts.push(Conflict {
                question: q.into(),
                candidates: vec![candidate("ann", "planned"), candidate("bob", "documented")],
            });
        }
        let before = a.clone();
        let mut undo = UndoStack::new();
        let (at, conflict, entry) = (0, a.conflicts[0].clone(), a.answers.get("a.mfa").cloned());
        resolve(&mut a, "a.mfa", 1, "t1").unwrap();
        undo.record_resolved(conflict, at, entry);
        assert_eq!(a.conflicts.len(), 1);
        assert_eq!(a.value("a.mfa"), Some(&text("documented")));
        assert_eq!(undo.undo(&mut a, "t2"), Some(Undone::Resolution("a.mfa".into())));
        assert_eq!((a.conflicts.clone(), a.answers.clone()), (before.conflicts, before.answers), "as before, in order");
    }

    #[test]
    fn only_the_last_hundred_steps_are_kept() {
        let mut a = answered(&[]);
        let mut undo = UndoStack::new();
        for i in 0..DEPTH + 5 {
            undo.before_answer_change(&a, "a.sso");
            a.set_note("a.sso", &format!("note {i}"), "t");
        }
        assert_eq!(undo.depth(), DEPTH);
        while undo.undo(&mut a, "t").is_some() {}
        // The oldest five steps fell off: undoing everything lands on the fifth note.
        assert_eq!(a.note("a.sso"), "note 4");
    }
}
