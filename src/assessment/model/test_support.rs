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
