//! The changes [`super::change::apply`] made, kept while someone is watching (the interface, for the
//! key being handled): undo takes their inverses from here rather than comparing copies of the answers
//! before and after. Bookkeeping only: never saved, never part of equality.

use super::change::Applied;

/// The changes applied since [`ChangeLog::start`], while recording.
#[derive(Debug, Clone, Default)]
pub struct ChangeLog {
    recording: bool,
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

    /// Called by `apply` for every change that changed something; kept only while recording, so code that
    /// nobody watches (a command, an import of thousands of answers) keeps nothing.
    pub(super) fn observe(&mut self, applied: &Applied) {
        if self.recording && applied.changed {
            self.applied.push(applied.clone());
        }
    }
}
