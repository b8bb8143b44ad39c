//! One module per screen, each owning its state, its key handling and its drawing. A screen's `update`
//! returns an [`Outcome`]; the app acts on it (messages, moving between screens), so no screen reaches into
//! another.

pub mod agenda;
pub mod customer;
pub mod findings;
pub mod help;
pub mod home;
pub mod import;
pub mod interview;
pub mod manage;
pub mod new_assessment;
pub mod plan_form;
pub mod questionnaire;
pub mod report;
pub mod search;
pub mod suggestions;
pub mod vendors;

use std::path::Path;
use std::time::Instant;

use super::editor::Editor;
use super::theme::Theme;
use crate::assessment::Store;

/// What a screen's key handling asks of the app.
pub enum Outcome {
    /// Nothing more.
    Done,
    /// Tell the user something.
    Say(String),
    /// Tell the user what was refused or went wrong.
    Complain(String),
    /// Answer this assessment, saying something first if given.
    Open(Box<Editor>, Option<String>),
    /// Show the report of the assessment being answered.
    Report(Box<report::ReportScreen>),
    /// Leave this screen or dialog.
    Back,
    /// Show the vendors side by side.
    Vendors(Box<vendors::VendorsScreen>),
}

/// What the screens need to know from the app while drawing, built once per frame by `view::draw`: a
/// screen's draw takes this and its own state, never the whole app.
pub struct DrawCtx<'a> {
    pub theme: Theme,
    /// Now, as recorded in the assessment (the meeting's clock, how long ago an assessment changed).
    pub now: String,
    /// The local time zone's offset, for the times the home screen shows.
    pub utc_offset: chrono::FixedOffset,
    /// The folder of assessments, which the home screen names.
    pub store_dir: &'a Path,
}

/// What the screens need to know from the app while handling a key.
pub struct Ctx<'a> {
    pub store: &'a Store,
    /// Now, as recorded in the assessment.
    pub now: String,
    /// Now, for timing saves.
    pub at: Instant,
    pub user_questionnaires: Option<&'a Path>,
    /// The terminal's size (for how far things scroll).
    pub size: (u16, u16),
    pub theme: Theme,
    /// Where reports are exported.
    pub export_dir: &'a Path,
}
