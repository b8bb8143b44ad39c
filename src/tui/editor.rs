//! The assessment being answered: where the user is, moving between shown questions, and saving (answers
//! at once, the note being typed and the position at most once a second).

use std::time::{Duration, Instant};

use ratatui_textarea::{TextArea, WrapMode};

use super::action::Action;
use super::keymap::{self, Context};
use crate::assessment::interview::cursor::{Cursor, Place};
use crate::assessment::model::change::{self, Applied, Change, ChangeError};
use crate::assessment::{Assessment, Session, Visibility};
use crate::questionnaire::Question;

/// Changes that are not answers (the note being typed, where the user is) are saved at most this often.
pub const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// An assessment being answered in the interface: the core's cursor (where the user is, the answering
/// rules) plus what is about the terminal (the field being typed in, scrolling, when to save).
pub struct Editor {
    pub session: Session,
    pub cursor: Cursor,
    /// A change not yet on disk (the note being typed, the position).
    pub dirty: bool,
    /// When the timed save last wrote, on the clock the app passes to [`Editor::flush`]; `None` until
    /// the first timed save looks.
    pub last_save: Option<Instant>,
    /// How far the question's text is scrolled, when it is taller than its panel.
    pub detail_scroll: u16,
    /// SEARCH: the questionnaire's search index, built when the search first opens.
    pub search_index: std::cell::OnceCell<crate::questionnaire::search::Index>,
    /// IMPORT: the answer field selected on a customer question (its id, and 0 for the answer, then its
    /// other fields, then the comment); the questionnaire screen's `fields` module reads it.
    pub field: Option<(String, usize)>,
}

pub(crate) fn line_input(initial: &str, placeholder: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![initial.replace(['\n', '\r'], " ")]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_placeholder_text(placeholder);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

pub(crate) fn note_input(initial: &str) -> TextArea<'static> {
    let lines: Vec<String> =
        if initial.is_empty() { vec![String::new()] } else { initial.lines().map(String::from).collect() };
    let mut input = TextArea::new(lines);
    input.move_cursor(ratatui_textarea::CursorMove::Bottom);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_wrap_mode(WrapMode::WordOrGlyph);
    let done = keymap::key_label(Context::EditNote, Action::Confirm);
    input.set_placeholder_text(format!("Type the note; Enter starts a new line, {done} when done"));
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

impl Editor {
    pub fn new(session: Session) -> Editor {
        let cursor = Cursor::resume(&session.assessment);
        Editor {
            session,
            cursor,
            dirty: false,
            last_save: None,
            detail_scroll: 0,
            search_index: Default::default(),
            field: None,
        }
    }

    pub fn assessment(&self) -> &Assessment {
        &self.session.assessment
    }

    pub fn question(&self) -> &Question {
        self.cursor.question(&self.session.assessment)
    }

    /// Which sections and questions are shown.
    pub fn vis(&self) -> &Visibility {
        &self.cursor.vis
    }

    /// Go to a question; the position is saved with the next timed save.
    pub(crate) fn go(&mut self, place: Place) {
        if let Some(position) = self.cursor.go(&self.session.assessment, place) {
            self.detail_scroll = 0;
            self.session.assessment.position = Some(position);
            self.dirty = true;
        }
    }

    /// Go to a place if there is one; whether there was.
    fn go_to(&mut self, place: Option<Place>) -> bool {
        place.map(|p| self.go(p)).is_some()
    }

    pub fn next_question(&mut self) -> bool {
        self.go_to(self.cursor.next())
    }

    pub fn previous_question(&mut self) -> bool {
        self.go_to(self.cursor.previous())
    }

    pub fn next_section(&mut self) -> bool {
        self.go_to(self.cursor.next_section())
    }

    pub fn previous_section(&mut self) -> bool {
        self.go_to(self.cursor.previous_section())
    }

    /// Change the current assessment through the checks every change passes ([`change::apply`]), then
    /// bring what is shown and the progress up to date. Saving is the caller's (it says what to tell the
    /// user); a refused change changes nothing.
    pub(crate) fn apply(&mut self, change: &Change, now: &str) -> Result<Applied, ChangeError> {
        let ctx = change::Ctx { now, shown: Some(&self.cursor.vis) };
        let applied = change::apply(&mut self.session.assessment, change, ctx)?;
        if applied.changed {
            self.answer_changed(&applied.question);
        }
        Ok(applied)
    }

    /// After answers changed anywhere (undo, merge): which questions are shown, and the progress.
    pub(crate) fn recompute(&mut self) {
        self.cursor.recompute(&self.session.assessment);
    }

    /// After one question's answer changed: the same, at the cost of its section alone.
    pub(crate) fn answer_changed(&mut self, id: &str) {
        self.cursor.answer_changed(&self.session.assessment, id);
    }

    pub fn tally(&self) -> &crate::assessment::model::progress::Tally {
        &self.cursor.tally
    }

    /// Write the assessment now. On failure the change stays in memory and is retried with the next save.
    pub fn save(&mut self) -> Result<(), NotSaved> {
        match self.session.save_quickly() {
            Ok(()) => {
                self.dirty = false;
                Ok(())
            }
            Err(e) => {
                self.dirty = true;
                Err(NotSaved::Write(e.to_string()))
            }
        }
    }

    /// Save what is waiting, if the last save was at least [`SAVE_INTERVAL`] before `at` (or `force`), with
    /// the note being typed on the current question (`typing_note`), if the note editor is open.
    ///
    /// A note over the length limit is not lost: while it is being typed it stays in the editor (and is
    /// not saved); when it must be saved (`force`: closing the editor, quitting) the assessment keeps it cut
    /// to the limit with a marker, and the whole text goes to a recovery file beside the assessment. The
    /// `Ok` message says so.
    pub fn flush(
        &mut self,
        force: bool,
        now: &str,
        at: Instant,
        typing_note: Option<String>,
    ) -> Result<Option<String>, NotSaved> {
        let mut told = None;
        if let Some(mut note) = typing_note {
            if let Err(e) = crate::assessment::model::answer::check_note(&note) {
                if !force {
                    return Err(NotSaved::Other(format!(
                        "{e}. It is kept here; closing the note keeps it, cut, with a copy in full."
                    )));
                }
                let id = &self.question().id;
                let recovery = crate::assessment::store::note_file::note_path_for(
                    &self.session.path,
                    id,
                    self.session.assessment.note(id),
                );
                crate::assessment::store::write_private(&recovery, note.as_bytes()).map_err(|e| {
                    NotSaved::Other(format!("the note is over the limit and its full text could not be kept: {e}"))
                })?;
                note = cut_note(&note, &recovery);
                told = Some(format!(
                    "The note was over the length limit: it is saved cut short, and in full in {}",
                    recovery.display()
                ));
            }
            let id = self.question().id.clone();
            if self.assessment().note(&id) != note {
                self.apply(&Change::Note { question: id, note }, now).map_err(|e| NotSaved::Other(e.to_string()))?;
                self.dirty = true;
            }
        }
        // The interval counts from the last timed save, or from the first time this looked.
        let since = at.saturating_duration_since(*self.last_save.get_or_insert(at));
        if self.dirty && (force || since >= SAVE_INTERVAL) {
            self.last_save = Some(at);
            self.save()?;
        }
        Ok(told)
    }
}

/// Why a save or a flush left something out of the file. The interface says it as [`std::fmt::Display`]
/// writes it; the quit path, where there is no next change, takes the write's own reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSaved {
    /// The file could not be written: the changes stay in memory and go with the next save.
    Write(String),
    /// What was being typed could not be taken (a note over the limit, its recovery copy, a refused note).
    Other(String),
}

impl std::fmt::Display for NotSaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSaved::Write(e) => write!(f, "{e}. Your answers are kept here and saved with the next change."),
            NotSaved::Other(e) => f.write_str(e),
        }
    }
}

impl From<NotSaved> for String {
    fn from(e: NotSaved) -> String {
        e.to_string()
    }
}

/// Where the full text of a note too long to save is kept: `FILE.note-QUESTION.txt` beside the assessment.
pub use crate::assessment::store::note_file::note_path as note_recovery_path;

/// A note cut to the length limit, ending with a marker that says where the rest is.
fn cut_note(note: &str, recovery: &std::path::Path) -> String {
    let marker = format!("\n[… cut: the full note is in {}]", recovery.display());
    let keep = crate::assessment::model::answer::MAX_ANSWER_CHARS.saturating_sub(marker.chars().count());
    let mut cut: String = note.chars().take(keep).collect();
    cut.push_str(&marker);
    cut
}

/// Evidence references as typed (the core's rule, shared with plain mode).
pub use crate::assessment::model::answer::evidence_references;
