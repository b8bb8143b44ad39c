//! Every integration test, built as one test binary: one link of ratatui and the binary's dependencies
//! instead of one per file, which matters on a two-core machine.

mod cli;
mod common;
mod content;
#[cfg(unix)]
mod crash_safety;
mod limits;
#[cfg(unix)]
mod pty;
mod questionnaire_format;
#[cfg(unix)]
mod report_browser;
mod report_cli;
mod report_estimate;
mod report_golden;
mod report_plan_cli;
mod report_render;
mod report_truth;
mod roundtrip;
mod store;
mod tui;
