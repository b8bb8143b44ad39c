//! Size limits that keep a hostile or broken questionnaire from exhausting memory or the screen.

/// Largest questionnaire file read, in bytes (20 MB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Most questions in one questionnaire.
pub const MAX_QUESTIONS: usize = 10_000;
/// Most sections in one questionnaire.
pub const MAX_SECTIONS: usize = 500;
/// Most options on one question.
pub const MAX_OPTIONS: usize = 100;
/// Longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Deepest nesting of `all` / `any` / `not` in one condition.
pub const MAX_CONDITION_DEPTH: usize = 16;
