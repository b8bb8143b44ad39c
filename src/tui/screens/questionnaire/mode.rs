//! The questionnaire screen's state: the open assessment ([`Editor`]) and what this screen does with it:
//! which field or list is open ([`Mode`]), the interview's meeting and undo, the answer library's
//! suggestions, and what the last key left to show.

use std::ops::{Deref, DerefMut};

use ratatui_textarea::TextArea;

use crate::tui::editor::{Editor, NotSaved};
use crate::tui::screens::agenda::AgendaList;
use crate::tui::screens::findings::Findings;
use crate::tui::screens::interview::{ConflictPick, Interview, ObservationForm};
use crate::tui::screens::plan_form::PlanForm;
use crate::tui::screens::search::Search;
use crate::tui::screens::suggestions::Suggestions;

/// What the questionnaire screen is doing: answering, or one of its fields or lists open.
pub enum Mode {
    Answering,
    TypeAnswer(TextArea<'static>),
    EditNote(TextArea<'static>),
    TypeRespondent(TextArea<'static>),
    TypeEvidence(TextArea<'static>),
    Search(Search),
    /// The owner and due date of this question's gap.
    Plan(Box<PlanForm>),
    Observation(Box<ObservationForm>),
    Conflict(ConflictPick),
    /// The list of open findings.
    Findings(Findings),
    /// Who to ask about this question.
    TypeAsk(TextArea<'static>),
    /// The agenda of the person answering.
    Agenda(AgendaList),
}

/// The questionnaire screen. It lives as long as the assessment is open (the report screen borrows its
/// [`Editor`] and comes back to it), so the app keeps it beside the screen it shows.
///
/// It derefs to its [`Editor`]: the screen's code reads the assessment as `editor.question()`, and the
/// screen's own state as `editor.mode`.
pub struct QuestionnaireScreen {
    pub editor: Editor,
    pub mode: Mode,
    /// The interview: the meeting's clock, what can be undone.
    pub interview: Interview,
    /// IMPORT: the answer library's suggestions, for a customer questionnaire.
    pub suggestions: Option<Box<Suggestions>>,
    /// IMPORT: what the last export of the customer's file wrote and skipped, shown until the next key.
    pub exported: Option<Vec<String>>,
    /// F8: a digit beyond the options was just refused: the options flash until the next key, and the
    /// terminal's bell rings once.
    pub refused_option: Option<usize>,
    pub(crate) advance_after_note: bool,
    /// The note as it was when the note editor opened, to tell what closing it did.
    pub(crate) note_before: String,
    /// Which earlier person (0: the latest) the field for who is answering shows, if one.
    pub(crate) respondent_pick: Option<usize>,
}

impl QuestionnaireScreen {
    pub fn new(editor: Editor) -> QuestionnaireScreen {
        QuestionnaireScreen {
            editor,
            mode: Mode::Answering,
            interview: Interview::default(),
            suggestions: None,
            exported: None,
            refused_option: None,
            advance_after_note: false,
            note_before: String::new(),
            respondent_pick: None,
        }
    }

    /// The note being typed, if the note editor is open.
    pub fn typed_note(&self) -> Option<String> {
        match &self.mode {
            Mode::EditNote(input) => Some(input.lines().join("\n")),
            _ => None,
        }
    }

    /// Save what is waiting ([`Editor::flush`]), the note being typed included.
    pub fn flush(&mut self, force: bool, now: &str, at: std::time::Instant) -> Result<Option<String>, NotSaved> {
        let note = self.typed_note();
        self.editor.flush(force, now, at, note)
    }
}

impl Deref for QuestionnaireScreen {
    type Target = Editor;
    fn deref(&self) -> &Editor {
        &self.editor
    }
}

impl DerefMut for QuestionnaireScreen {
    fn deref_mut(&mut self) -> &mut Editor {
        &mut self.editor
    }
}
