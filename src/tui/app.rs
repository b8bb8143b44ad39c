//! The interface's state, and the only place it changes: keys become actions through the keymap (or text
//! when the user is typing); the current screen handles the action and returns an outcome, which this acts
//! on: messages, and moving between screens.

use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
pub use super::editor::{Editor, SAVE_INTERVAL};
use super::editor::{NotSaved, evidence_references};
use super::keymap::{self, Context};
pub use super::screens::home::Home;
pub use super::screens::new_assessment::NewAssessment;
pub use super::screens::questionnaire::{Mode, QuestionnaireScreen};
pub use super::screens::report::ReportScreen;
use super::screens::{Ctx, Outcome, help, questionnaire};
use super::theme::Theme;
use crate::assessment::{Change, Session, Store};

pub struct App {
    pub store: Store,
    pub screen: Screen,
    /// The assessment being answered, in the questionnaire screen's state (it outlives a visit to the
    /// report, which borrows its editor).
    pub editor: Option<Box<QuestionnaireScreen>>,
    pub help: bool,
    pub help_scroll: u16,
    pub status: Status,
    pub quit: bool,
    pub theme: Theme,
    pub now: fn() -> String,
    /// The clock that times the saves of a note being typed (tests move it on by hand).
    pub instant: fn() -> Instant,
    pub user_questionnaires: Option<PathBuf>,
    /// The terminal's size, as last seen: below the minimum no key but quit does anything.
    pub size: Option<(u16, u16)>,
    /// Where the report screen's exports go: the directory the program was started in.
    pub export_dir: PathBuf,
    /// Set by the suspend key: the event loop stops the program once the terminal is restored.
    pub suspend: bool,
    /// Said on the restored terminal when the program ends (where typed text went).
    pub farewell: Vec<String>,
    /// Why the program failed, if it did: the exit status is not derived from the status line.
    pub failure: Option<String>,
    /// The local time zone's offset, for the times the home screen shows (tests fix it).
    pub utc_offset: chrono::FixedOffset,
    /// IMPORT: keys typed while a file is read (the customer's name typed ahead), handled once it is read.
    held: Vec<Event>,
    /// F8: ring the terminal's bell once (a refused key); the event loop rings it and clears this.
    pub bell: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Which screen is showing. The questionnaire and the report work on [`App::editor`].
pub enum Screen {
    Home(Home),
    Questionnaire,
    Report(Box<ReportScreen>),
    /// INTERVIEW: every vendor assessment side by side (from the home screen).
    Vendors(Box<super::screens::vendors::VendorsScreen>),
}

/// Below this size the screen says so instead of drawing, and no key but quit does anything.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The size assumed before the terminal has said its own.
const DEFAULT_SIZE: (u16, u16) = (80, 24);

impl App {
    pub fn new(store: Store) -> App {
        let home = Home::load(&store, 0);
        App::showing(store, Screen::Home(home))
    }

    fn showing(store: Store, screen: Screen) -> App {
        App {
            store,
            screen,
            editor: None,
            help: false,
            help_scroll: 0,
            status: Status::default(),
            quit: false,
            theme: Theme::from_env(),
            now: crate::clock::now,
            instant: Instant::now,
            user_questionnaires: crate::paths::user_questionnaires_dir(),
            size: None,
            export_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            suspend: false,
            farewell: Vec::new(),
            failure: None,
            utc_offset: crate::assessment::store::last_change::local_offset(),
            held: Vec::new(),
            bell: false,
        }
    }

    /// Straight into an assessment. The store is not listed: the home screen is read when the user goes
    /// back to it (reading every assessment in the folder first doubled the time to the first frame).
    pub fn with_session(store: Store, session: Session) -> App {
        let mut app = App::showing(store, Screen::Questionnaire);
        app.editor = Some(Box::new(QuestionnaireScreen::new(Editor::new(session))));
        app.start_suggestions();
        app
    }

    /// IMPORT: a customer questionnaire reads the answer library, on a thread of its own, as it opens.
    fn start_suggestions(&mut self) {
        if let Some(editor) = self.editor.as_deref_mut()
            && editor.assessment().source.is_some()
        {
            let suggestions = super::screens::suggestions::Suggestions::start(&self.store, &editor.session.path);
            editor.suggestions = Some(Box::new(suggestions));
        }
    }

    /// IMPORT: wait until the answer library is read and the suggestions are there (tests).
    pub fn wait_for_suggestions(&mut self) {
        if let Some(editor) = self.editor.as_deref_mut() {
            if let Some(s) = editor.suggestions.as_deref_mut() {
                s.wait();
            }
            super::screens::suggestions::refresh(editor);
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Status { text: text.into(), error: false };
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.status = Status { text: text.into(), error: true };
    }

    pub fn context(&self) -> Context {
        if self.help { Context::Help } else { self.screen_context() }
    }

    /// Where the user is, beneath the help overlay.
    pub fn screen_context(&self) -> Context {
        match (&self.screen, &self.editor) {
            (Screen::Home(home), _) => home.context(),
            (Screen::Questionnaire, Some(editor)) => questionnaire::context(editor),
            (Screen::Questionnaire, None) => Context::Questionnaire,
            (Screen::Report(report), _) => report.context(),
            (Screen::Vendors(_), _) => Context::Vendors,
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        // IMPORT: while a file is read, Esc and Ctrl-C stop it; other keys wait until it is read.
        if self.importing() && matches!(event, Event::Key(_) | Event::Paste(_)) {
            let key = if let Event::Key(key) = &event { Some(*key) } else { None };
            let stops = key.is_some_and(|k| {
                k.code == KeyCode::Esc || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
            });
            if !stops {
                self.held.push(event);
                return;
            }
            self.held.clear();
        }
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Event::Paste(text) if !self.too_small() => self.on_paste(&text),
            Event::Resize(width, height) => self.size = Some((width, height)),
            _ => {}
        }
    }

    /// Whether the terminal is below the size the screens need (the screen then says so).
    pub fn too_small(&self) -> bool {
        self.size.is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    fn on_key(&mut self, key: KeyEvent) {
        let context = self.context();
        let action = keymap::action_for(context, &key);
        if self.too_small() {
            // The user cannot see what a key would do: only the quit keys of the browsing screens act.
            if action == Some(Action::Quit) || keymap::action_for(Context::Home, &key) == Some(Action::Quit) {
                self.shutdown();
            }
            return;
        }
        if self.starts_typed_answer(&key, action) {
            self.status = Status::default();
            // IMPORT: a read-only customer question says why nothing was typed.
            if let Some(why) = self.editor.as_deref().and_then(super::screens::customer::typing_refused) {
                self.complain(why);
            }
        } else if let Some(action) = action {
            if !context.is_text_entry() {
                self.status = Status::default();
            }
            self.update(action);
        } else if context == Context::ConfirmDelete {
            // Only the confirming key deletes: any other key keeps the assessment.
            self.update(Action::Cancel);
        } else if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) && context != Context::EditNote {
            // A one-line field (a name, an answer, a date) takes no tab: it would put spaces in a name
            // nobody can see. Where Tab moves between fields, the keymap binds it first.
        } else if let Some(input) = self.text_input() {
            input.input(key);
            // What is typed answers any complaint about the field.
            if self.status.error {
                self.status = Status::default();
            }
        }
    }

    /// On a number, text or date question, a typed character (a digit, or any character no key is bound to)
    /// starts the typed answer with that character: `5 0 Enter` answers 50.
    fn starts_typed_answer(&mut self, key: &KeyEvent, action: Option<Action>) -> bool {
        let KeyCode::Char(c) = key.code else { return false };
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) || self.help {
            return false;
        }
        if !matches!(action, None | Some(Action::Choose(_))) || !matches!(self.screen, Screen::Questionnaire) {
            return false;
        }
        self.editor.as_deref_mut().is_some_and(|editor| questionnaire::start_typed_answer(editor, c))
    }

    fn on_paste(&mut self, text: &str) {
        let context = self.context();
        if let Some(input) = self.text_input() {
            if context == Context::EditNote {
                input.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                input.insert_str(text.replace(['\r', '\n'], " "));
            }
        }
    }

    fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        if self.help {
            return None;
        }
        match (&mut self.screen, self.editor.as_deref_mut()) {
            (Screen::Home(home), _) => home.text_input(),
            (Screen::Questionnaire, Some(editor)) => questionnaire::text_input(editor),
            (Screen::Report(report), _) => report.text_input(),
            _ => None,
        }
    }

    /// IMPORT: the import dialog, when open.
    fn import_dialog(&mut self) -> Option<&mut super::screens::import::Import> {
        let Screen::Home(home) = &mut self.screen else { return None };
        match home.new.as_mut()? {
            NewAssessment::Import { import, .. } => Some(import),
            _ => None,
        }
    }

    /// IMPORT: whether a file is being read (the event loop then wakes more often to show its progress).
    pub fn importing(&mut self) -> bool {
        self.import_dialog().is_some_and(|i| i.is_reading())
    }

    /// IMPORT: act on the file read, if it has been (waiting for it if `block`), then on the keys typed
    /// meanwhile. Whether it had.
    fn import_finished(&mut self, block: bool) -> bool {
        let Some(outcome) = self.import_dialog().and_then(|i| i.poll(block)) else { return false };
        self.act_on(outcome);
        for event in std::mem::take(&mut self.held) {
            self.handle_event(event);
        }
        true
    }

    /// IMPORT: wait until every file being read has been, and the keys typed meanwhile handled (tests).
    pub fn wait_for_import(&mut self) {
        while self.import_finished(true) {}
    }

    /// Called on every pass of the event loop, however fast keys arrive: saves what has waited long enough.
    pub fn tick(&mut self) {
        self.import_finished(false);
        let now = (self.now)();
        let at = (self.instant)();
        if let Some(editor) = self.editor.as_deref_mut() {
            super::screens::suggestions::refresh(editor);
        }
        if let Some(editor) = self.editor.as_deref_mut()
            && let Err(e) = editor.flush(false, &now, at)
        {
            self.complain(e);
        }
    }

    /// Save everything before the program ends or stops, however it does, including what is being typed.
    pub fn save_all(&mut self) {
        self.save_all_then_end_meeting(false);
    }

    /// [`App::save_all`], ending the meeting (when `end`) after what was being typed is kept, so an answer
    /// typed and not yet confirmed counts as answered in the meeting it was typed in.
    fn save_all_then_end_meeting(&mut self, end: bool) {
        let now = (self.now)();
        let at = (self.instant)();
        let mut said = Vec::new();
        let mut failed = None;
        if let Some(editor) = self.editor.as_deref_mut() {
            said.extend(keep_typed_text(editor, &now));
            if let Screen::Report(report) = &mut self.screen {
                said.extend(report.keep_typed_plan(editor, &now));
            }
            said.extend(super::screens::interview::keep_typed_observation(editor, &now));
            super::screens::interview::observe_applied(editor);
            if end {
                super::screens::interview::end_meeting(editor, &now);
            }
            match editor.flush(true, &now, at) {
                Ok(told) => said.extend(told),
                // The program is ending: nothing is saved "with the next change" (held item of defects-3).
                Err(NotSaved::Write(e) | NotSaved::Other(e)) => {
                    failed = Some(format!("could not save ({e}): the changes since the last save are not in the file"))
                }
            }
            if failed.is_none() && editor.dirty {
                failed = Some("some changes could not be saved".to_string());
            }
            if failed.is_some() {
                said.extend(keep_unsaved_note(editor));
            }
        }
        for message in said.into_iter().chain(failed.clone()) {
            self.status = Status { text: message.clone(), error: false };
            self.farewell.push(message);
        }
        if failed.is_some() {
            self.failure = failed;
        }
    }

    /// INTERVIEW: opening an assessment in the interface starts a meeting (who answered last is present).
    pub fn begin_meeting(&mut self) {
        let now = (self.now)();
        let Some(editor) = self.editor.as_deref_mut().filter(|e| e.interview.clock.is_none()) else { return };
        match super::screens::interview::begin_meeting(editor, &now) {
            // After what opening said, if anything.
            Ok(Some(waiting)) if self.status.text.is_empty() => self.say(waiting),
            Ok(Some(waiting)) => self.status.text = format!("{} {waiting}", self.status.text),
            Ok(None) => {}
            Err(e) => self.complain(e),
        }
    }

    /// INTERVIEW: quitting or closing the assessment ends the meeting (saved with what is waiting).
    fn end_meeting(&mut self) {
        let now = (self.now)();
        if let Some(editor) = self.editor.as_deref_mut() {
            super::screens::interview::end_meeting(editor, &now);
        }
    }

    /// Save everything and end the program.
    pub fn shutdown(&mut self) {
        self.save_all_then_end_meeting(true);
        self.quit = true;
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => {
                // IMPORT: Ctrl-C while a file is read stops the reading, not the program.
                if let Some(outcome) = self.import_dialog().and_then(|i| i.cancel_reading()) {
                    return self.act_on(outcome);
                }
                return self.shutdown();
            }
            Action::Suspend => {
                self.save_all();
                self.suspend = true;
                return;
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
                return;
            }
            _ => {}
        }
        let size = self.size.unwrap_or(DEFAULT_SIZE);
        if self.help {
            self.help_scroll = help::scrolled(self.help_scroll, action, self.screen_context(), size, self.theme);
            return;
        }
        if action == Action::ClearField {
            if let Some(input) = self.text_input() {
                input.select_all();
                input.cut();
            }
            return;
        }
        let ctx = Ctx {
            store: &self.store,
            now: (self.now)(),
            at: (self.instant)(),
            user_questionnaires: self.user_questionnaires.as_deref(),
            size,
            theme: self.theme,
            export_dir: &self.export_dir,
        };
        let outcome = match (&mut self.screen, self.editor.as_deref_mut()) {
            (Screen::Home(home), _) if action == Action::Vendors && home.context() == Context::Home => {
                super::screens::vendors::open(&ctx)
            }
            (Screen::Home(home), _) => home.update(action, &ctx),
            (Screen::Vendors(vendors), _) => vendors.update(action),
            (Screen::Questionnaire, Some(editor)) => questionnaire::update(editor, action, &ctx),
            (Screen::Report(report), Some(editor)) => report.update(action, editor, &ctx),
            (_, None) => Outcome::Back,
        };
        self.act_on(outcome);
        if let Some(editor) = self.editor.as_deref_mut() {
            super::screens::suggestions::refresh(editor);
            self.bell |= editor.refused_option.is_some();
        }
    }

    /// Do what a screen asked.
    fn act_on(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Done => {}
            Outcome::Say(text) => self.say(text),
            Outcome::Complain(text) => self.complain(text),
            Outcome::Open(editor, said) => {
                self.editor = Some(Box::new(QuestionnaireScreen::new(*editor)));
                self.screen = Screen::Questionnaire;
                self.start_suggestions();
                if let Some(text) = said {
                    self.say(text);
                }
                self.begin_meeting();
            }
            Outcome::Vendors(vendors) => self.screen = Screen::Vendors(vendors),
            Outcome::Report(report) => self.screen = Screen::Report(report),
            Outcome::Back => match self.screen {
                Screen::Report(_) => self.screen = Screen::Questionnaire,
                // Closing the assessment (its lock goes with it) and listing the store again.
                Screen::Questionnaire => {
                    self.end_meeting();
                    if let Some(editor) = self.editor.as_deref_mut()
                        && let Err(e) = editor.save()
                    {
                        return self.complain(e);
                    }
                    self.editor = None;
                    self.screen = Screen::Home(Home::load(&self.store, 0));
                }
                Screen::Vendors(_) => self.screen = Screen::Home(Home::load(&self.store, 0)),
                Screen::Home(_) => {}
            },
        }
    }
}

/// When the assessment cannot be saved as the program ends with the note editor open: keep the typed note
/// in a file beside the assessment, or failing that, say it in full on the terminal, so none of it is lost.
fn keep_unsaved_note(editor: &QuestionnaireScreen) -> Option<String> {
    let Mode::EditNote(input) = &editor.mode else { return None };
    let note = input.lines().join("\n");
    if note.trim().is_empty() {
        return None;
    }
    let id = editor.question().id.clone();
    let side = super::editor::note_recovery_path(&editor.session.path, &id);
    Some(match crate::assessment::store::write_private(&side, note.as_bytes()) {
        Ok(()) => format!("The note on {id} was not saved in the assessment; its text is in {}", side.display()),
        Err(e) => format!(
            "The note on {id} was not saved, nor could it be written to {} ({e}); here it is:\n{}",
            side.display(),
            crate::text::visible(&note)
        ),
    })
}

/// Save what is half-typed in a one-line field before the program ends: a typed answer if it is valid (if
/// not, it is kept at the end of the question's note), evidence references, who is answering. Returns
/// what the user should be told.
fn keep_typed_text(editor: &mut QuestionnaireScreen, now: &str) -> Option<String> {
    // REPORT: an owner and due date being typed are kept when valid.
    if let Mode::Plan(form) = &editor.mode {
        let told = form.apply(&mut editor.editor.session.assessment, now).ok();
        editor.mode = Mode::Answering;
        editor.dirty |= told.is_some();
        return told;
    }
    let question = editor.question().clone();
    let typed = match &editor.mode {
        Mode::TypeAnswer(i) | Mode::TypeEvidence(i) | Mode::TypeRespondent(i) | Mode::TypeAsk(i) => i.lines().join(" "),
        _ => return None,
    };
    let mode = std::mem::replace(&mut editor.mode, Mode::Answering);
    if typed.trim().is_empty() {
        return None;
    }
    let told = match mode {
        // The same checks as Enter: a value the question or the profile refuses is kept in the note.
        Mode::TypeAnswer(_) => match editor.apply(&Change::typed(&question.id, &typed), now) {
            Ok(_) => format!("The answer typed to {} was saved.", question.id),
            Err(e) => {
                let note = editor.assessment().note(&question.id);
                let kept =
                    format!("{note}{}Typed answer, not accepted: {typed}", if note.is_empty() { "" } else { "\n" });
                if crate::assessment::model::answer::check_note(&kept).is_err() {
                    return Some(format!("The answer typed to {} was not saved ({e}).", question.id));
                }
                if editor.apply(&Change::Note { question: question.id.clone(), note: kept }, now).is_err() {
                    return Some(format!("The answer typed to {} was not saved ({e}).", question.id));
                }
                format!("The answer typed to {} is not valid ({e}); it is kept in the question's note.", question.id)
            }
        },
        Mode::TypeEvidence(_) => {
            let change = Change::Evidence { question: question.id.clone(), evidence: evidence_references(&typed) };
            if let Err(e) = editor.apply(&change, now) {
                return Some(format!("The evidence references typed for {} were not saved ({e}).", question.id));
            }
            format!("The evidence references typed for {} were saved.", question.id)
        }
        Mode::TypeAsk(_) => {
            let change = Change::Ask { question: question.id.clone(), name: typed.trim().to_string() };
            if let Err(e) = editor.apply(&change, now) {
                return Some(format!("Who to ask about {} was not saved ({e}).", question.id));
            }
            format!("Who to ask about {} was saved.", question.id)
        }
        _ => {
            editor.session.assessment.set_respondent(typed.trim(), now);
            format!("Answers are now recorded as given by {}.", typed.trim())
        }
    };
    editor.answer_changed(&question.id);
    editor.dirty = true;
    Some(told)
}
