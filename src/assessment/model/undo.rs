//! Undo: the last changes to an assessment, several steps deep. A step keeps the inverses of the changes
//! one action applied ([`Applied::inverse`]) and undoing applies them through [`change::apply`], the one
//! write path; so a step costs the size of what changed, not of the file. A change to an observation is
//! undone the same way: its inverse puts back that one observation as it was.

use super::change::{self, Applied, Change, Ctx};
use super::conflicts::Conflict;
use super::document::Assessment;

/// How many steps back the interface can go.
pub const DEPTH: usize = 100;

/// One step back.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// The inverses of the changes one action made, in the order they are applied (newest change first).
    Changes(Vec<Change>),
    /// A merge conflict resolved: the conflict (with every file's answer) at its place in the list, and the
    /// inverse of the chosen answer's change.
    Resolved { conflict: Box<Conflict>, at: usize, inverse: Vec<Change> },
}

/// The changes that can be undone, newest last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoStack {
    steps: Vec<Step>,
}

/// What an undo put back, so the interface can go there and say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// The question whose answer, note or flag was restored.
    Answer(String),
    /// Observation `id` on `question` is back as it was (or gone again, when its recording was undone).
    Observation { id: String, question: String },
    /// The conflict on this question is open again, with its question's answer as it was.
    Resolution(String),
}

/// The changes that put back what `applied` changed, newest first.
fn inverses(applied: &[Applied]) -> Vec<Change> {
    applied.iter().rev().filter(|x| x.changed).map(Applied::inverse).collect()
}

impl UndoStack {
    pub fn new() -> UndoStack {
        UndoStack::default()
    }

    fn push(&mut self, step: Step) {
        if self.steps.len() == DEPTH {
            self.steps.remove(0);
        }
        self.steps.push(step);
    }

    /// Record one action's applied changes (oldest first) as one step; nothing when none changed anything.
    pub fn record(&mut self, applied: &[Applied]) {
        let list = inverses(applied);
        if !list.is_empty() {
            self.push(Step::Changes(list));
        }
    }

    /// Record a conflict just resolved: `conflict` was at `at` in the list, and `applied` is what resolving
    /// it changed. Undoing it opens the conflict again, losing nothing.
    pub fn record_resolved(&mut self, conflict: Conflict, at: usize, applied: &[Applied]) {
        self.push(Step::Resolved { conflict: Box::new(conflict), at, inverse: inverses(applied) });
    }

    pub fn depth(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Put back what the last step changed; the caller saves as for any change. `None` when there is
    /// nothing left to undo.
    pub fn undo(&mut self, a: &mut Assessment, now: &str) -> Option<Undone> {
        // An inverse puts back an entry of a question the assessment has, which `apply` never refuses.
        let put_back = |a: &mut Assessment, list: &[Change]| {
            for change in list {
                let _ = change::apply(a, change, Ctx::at(now));
            }
        };
        let undone = match self.steps.pop()? {
            Step::Changes(list) => {
                put_back(a, &list);
                match list.last() {
                    Some(Change::PutObservation { id, question, .. }) => {
                        Undone::Observation { id: id.clone(), question: question.clone() }
                    }
                    last => Undone::Answer(last.map(|c| c.question().to_string()).unwrap_or_default()),
                }
            }
            Step::Resolved { conflict, at, inverse } => {
                put_back(a, &inverse);
                let question = conflict.question.clone();
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
    use crate::assessment::model::answer::Answer;
    use crate::assessment::model::observations::{ObservationFields, add};
    use crate::scoring::tests::answered;

    fn text(v: &str) -> AnswerValue {
        AnswerValue::Text(v.into())
    }

    /// Apply `change` and record it as one step, as the interface does for a key.
    fn act(a: &mut Assessment, undo: &mut UndoStack, change: Change, now: &str) {
        let applied = change::apply(a, &change, Ctx::at(now)).unwrap();
        undo.record(&[applied]);
    }

    #[test]
    fn undo_goes_back_answer_note_and_flag_in_turn() {
        let mut a = answered(&[]);
        let original = a.answers.clone();
        let mut undo = UndoStack::new();
        act(&mut a, &mut undo, Change::value("a.mfa", text("planned")), "t1");
        let after_answer = a.answers.clone();
        act(&mut a, &mut undo, Change::Note { question: "a.mfa".into(), note: "rollout in March".into() }, "t2");
        let after_note = a.answers.clone();
        act(&mut a, &mut undo, Change::Flag { question: "a.sso".into() }, "t3");
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
    fn one_step_puts_back_every_change_of_one_action_and_a_change_that_changed_nothing_is_no_step() {
        let mut a = answered(&[]);
        let original = a.answers.clone();
        let mut undo = UndoStack::new();
        let mut applied = Vec::new();
        for change in [
            Change::value("a.mfa", text("planned")),
            Change::Note { question: "a.mfa".into(), note: "n".into() },
            Change::Flag { question: "a.sso".into() },
        ] {
            applied.push(change::apply(&mut a, &change, Ctx::at("t1")).unwrap());
        }
        undo.record(&applied);
        let same = change::apply(&mut a, &Change::Note { question: "a.mfa".into(), note: "n".into() }, Ctx::at("t2"));
        undo.record(&[same.unwrap()]);
        assert_eq!(undo.depth(), 1);
        assert_eq!(undo.undo(&mut a, "t3"), Some(Undone::Answer("a.mfa".into())), "the first change's question");
        assert_eq!(a.answers, original);
    }

    #[test]
    fn undo_puts_back_one_observation_through_its_inverse() {
        use crate::assessment::model::observations::Status;
        let mut a = answered(&[]);
        let mut undo = UndoStack::new();
        let seen = |text: &str| ObservationFields { seen: text.into(), ..Default::default() };
        for text in ["first", "second"] {
            act(
                &mut a,
                &mut undo,
                Change::Observe { question: "a.mfa".into(), fields: seen(text), by: "C".into() },
                "t1",
            );
        }
        let recorded = a.observations.clone();
        let status = Change::ObservationStatus { id: "obs-1".into(), status: Status::Closed, by: "Dana".into() };
        act(&mut a, &mut undo, status, "t2");
        act(&mut a, &mut undo, Change::EditObservation { id: "obs-2".into(), fields: seen("changed") }, "t3");
        act(&mut a, &mut undo, Change::DeleteObservation { id: "obs-1".into() }, "t4");
        assert_eq!(a.observations.len(), 1);
        // The step holds the one observation it changed, not the list.
        let step = &undo.steps[undo.steps.len() - 1];
        assert!(matches!(step, Step::Changes(list) if list.len() == 1 && matches!(&list[0],
            Change::PutObservation { id, at: 0, entry: Some(o), .. } if id == "obs-1" && o.status == Status::Closed)));
        let back = |a: &mut Assessment, undo: &mut UndoStack| undo.undo(a, "t5");
        let obs = |id: &str| Some(Undone::Observation { id: id.into(), question: "a.mfa".into() });
        assert_eq!(back(&mut a, &mut undo), obs("obs-1"));
        assert_eq!(
            a.observations.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
            ["obs-1", "obs-2"],
            "in its place"
        );
        assert_eq!(back(&mut a, &mut undo), obs("obs-2"));
        assert_eq!(a.observations[1].seen, "second");
        assert_eq!(back(&mut a, &mut undo), obs("obs-1"));
        assert_eq!(a.observations, recorded, "open again, its history as it was");
        assert_eq!(back(&mut a, &mut undo), obs("obs-2"));
        assert_eq!(back(&mut a, &mut undo), obs("obs-1"));
        assert!(a.observations.is_empty());
        // An observation recorded with a plain add is no step: undo reaches only what `apply` did.
        add(&mut a, "a.mfa", seen("x"), "", "t").unwrap();
        assert_eq!(back(&mut a, &mut undo), None);
    }

    #[test]
    fn undoing_a_resolution_opens_the_conflict_again_with_every_files_answer() {
        use crate::assessment::model::conflicts::{Candidate, resolve};
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
        let (at, conflict) = (0, a.conflicts[0].clone());
        a.log.start();
        resolve(&mut a, "a.mfa", 1, "t1").unwrap();
        undo.record_resolved(conflict, at, &a.log.take());
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
            act(&mut a, &mut undo, Change::Note { question: "a.sso".into(), note: format!("note {i}") }, "t");
        }
        assert_eq!(undo.depth(), DEPTH);
        while undo.undo(&mut a, "t").is_some() {}
        // The oldest five steps fell off: undoing everything lands on the fifth note.
        assert_eq!(a.note("a.sso"), "note 4");
    }
}
