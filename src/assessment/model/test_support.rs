//! Fixtures the assessment's unit tests share: the small demo questionnaire (tests/fixtures/demo.json),
//! started for "Acme" at one fixed time.

use super::document::Assessment;

/// The time every fixture is made at.
pub(crate) const NOW: &str = "2026-01-15T09:00:00Z";

/// A new assessment of the demo questionnaire, nothing answered.
pub(crate) fn demo() -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    Assessment::new(crate::questionnaire::load_file(&path).unwrap(), "Acme", NOW)
}

/// The answer setters unit tests outside `assessment` build fixtures with: each applies one change through
/// [`super::change::apply`] with all its checks, and panics with the reason if it is refused.
pub(crate) trait Answering {
    /// `Change::Set` with a value already made.
    fn answer(&mut self, question: &str, value: super::answer::AnswerValue, now: &str);
    /// Any change.
    fn change(&mut self, change: super::change::Change, now: &str);
}

impl Answering for Assessment {
    fn answer(&mut self, question: &str, value: super::answer::AnswerValue, now: &str) {
        self.change(super::change::Change::value(question, value), now);
    }

    fn change(&mut self, change: super::change::Change, now: &str) {
        if let Err(e) = super::change::apply(self, &change, super::change::Ctx::at(now)) {
            panic!("the test's set-up was refused: {change:?}: {e}");
        }
    }
}
