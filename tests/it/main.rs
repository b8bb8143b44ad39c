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
mod report_cli;
mod report_estimate;
mod report_render;
mod roundtrip;
mod store;
mod tui;
mod tui_defects;
mod tui_keymap;
mod tui_layering;
mod tui_render_props;
