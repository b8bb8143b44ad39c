//! What [`super::change::apply`] changed, for those who follow the changes rather than compare copies:
//! the save, which journals the answers changed since the last save, and the interface's undo, which
//! takes the changes one key applied (kept only while it records). Bookkeeping only: never saved, never
//! part of equality.

use std::collections::BTreeSet;

use super::change::Applied;

#[derive(Debug, Clone, Default)]
pub struct ChangeLog {
    /// The questions whose answers changed since the last save took them.
    unsaved: BTreeSet<String>,
    recording: bool,
    /// The changes applied since [`ChangeLog::start`], while recording.
    applied: Vec<Applied>,
}

impl PartialEq for ChangeLog {
    /// Bookkeeping only: two assessments with the same content are equal whatever was logged.
    fn eq(&self, _: &ChangeLog) -> bool {
        true
    }
}

impl ChangeLog {
    /// Record from now on, forgetting what was recorded before.
    pub fn start(&mut self) {
        self.recording = true;
        self.applied.clear();
    }

    /// Stop recording and hand over what was recorded, oldest first.
    pub fn take(&mut self) -> Vec<Applied> {
        self.recording = false;
        std::mem::take(&mut self.applied)
    }

    /// The questions whose answers changed since the last call, for a save to journal.
    pub fn take_unsaved(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.unsaved)
    }

    /// Put back questions a save took but did not save, to be saved next time.
    pub fn still_unsaved(&mut self, questions: BTreeSet<String>) {
        self.unsaved.extend(questions);
    }

    /// Called by `apply` for every change. The change itself is kept only while recording, so code that
    /// nobody watches (a command, an import of thousands of answers) keeps nothing but question ids.
    pub(super) fn observe(&mut self, applied: &Applied) {
        if !applied.changed {
            return;
        }
        if !self.unsaved.contains(&applied.question) {
            self.unsaved.insert(applied.question.clone());
        }
        if self.recording {
            self.applied.push(applied.clone());
        }
    }
}
