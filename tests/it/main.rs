//! Every integration test, built as one test binary: one link of ratatui and the binary's dependencies
//! instead of one per file, which matters on a two-core machine.

// Measurements and tests set up their own files and fixtures (a failure there is a bug in the test), and the
// measuring tests print what they measured.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

mod answer_fields;
mod cli;
mod common;
mod completions;
mod config;
mod consultant_cli;
mod content;
mod content_credit;
mod content_readiness;
mod content_vendor;
mod core_flags;
#[cfg(unix)]
mod crash_safety;
mod customer_templates;
mod docs;
mod files_and_names;
mod git_merge;
mod hostile_workbooks;
mod layers;
mod library_curated;
mod library_match;
mod limits;
mod manage;
mod manage_tui;
mod manual;
mod matching;
mod plain;
mod plain_cli;
mod plain_rules;
#[cfg(unix)]
mod pty;
#[cfg(unix)]
mod pty_interview;
#[cfg(unix)]
mod pty_text_question;
mod questionnaire_format;
#[cfg(unix)]
mod report_browser;
mod report_cli;
mod report_docx;
mod report_estimate;
mod report_golden;
mod report_plan_cli;
mod report_render;
mod report_truth;
mod report_verdicts;
mod roundtrip;
mod sample;
mod sample_tui;
mod search_cli;
mod search_props;
#[cfg(unix)]
mod search_pty;
mod search_tui;
mod spreadsheet_bad_input;
mod spreadsheet_export;
mod spreadsheet_fixtures;
mod spreadsheet_import;
mod spreadsheet_vendor;
mod store;
mod store_cache;
mod tui;
mod tui_defects;
mod tui_defects_3;
mod tui_fields;
mod tui_import;
mod tui_interview;
mod tui_keymap;
mod tui_layering;
mod tui_render_props;
mod tui_report;
mod vendors_cli;

mod workbook_fuzz;
mod write_path;
