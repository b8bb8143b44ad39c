//! soc2-ready: SOC 2 readiness and AI vendor questionnaires, answered offline in the terminal.
//!
//! The core (questionnaire, assessment) is plain data and pure functions; `cli` and `tui` are two front
//! ends over it.

pub mod assessment;
// The commands print their output: the one front end that writes to standard output and error directly.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub mod cli;
pub mod clock;
pub mod comparison;
pub mod estimate;
pub mod library;
pub mod output_file;
pub mod parameters;
pub mod paths;
pub mod plain;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod search;
pub mod spreadsheet;
pub mod text;
pub mod tui;
