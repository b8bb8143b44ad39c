//! The interface's state, and the only place it changes: `update` acts on actions; keys become actions
//! through the keymap, or text when the user is typing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
pub use super::editor::{Editor, Mode, SAVE_INTERVAL};
use super::editor::{choose, evidence_references, line_input, note_input};
use super::keymap::{self, Context};
use super::theme::Theme;
use crate::assessment::cursor::Unanswered;
use crate::assessment::store::Listed;
use crate::assessment::{Assessment, Session, Store, parse_answer};
use crate::questionnaire::QuestionType;
use crate::questionnaire::catalog::{self, Entry};
use crate::report::{Format, Report};

pub struct App {
    pub store: Store,
    pub screen: Screen,
    pub help: bool,
    pub help_scroll: u16,
    pub status: Status,
    pub quit: bool,
    pub theme: Theme,
    pub now: fn() -> String,
    /// The clock that times the saves of a note being typed (tests move it on by hand).
    pub instant: fn() -> Instant,
    pub user_questionnaires: Option<std::path::PathBuf>,
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
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub enum Screen {
    Home(Home),
    Questionnaire(Box<Editor>),
    Report(Box<ReportScreen>),
}

/// The report of the assessment being answered; Esc goes back to the question.
pub struct ReportScreen {
    pub editor: Editor,
    pub report: Report,
    pub scroll: u16,
    /// The height of a page and how far the report can scroll, as last drawn.
    pub layout: std::cell::Cell<(u16, u16)>,
}

pub struct Home {
    pub listed: Vec<Listed>,
    pub unreadable: Vec<String>,
    pub selected: usize,
    pub new: Option<NewAssessment>,
}

/// The two steps of starting an assessment.
pub enum NewAssessment {
    Pick { entries: Vec<Entry>, selected: usize },
    Name { entry: Box<Entry>, input: Box<TextArea<'static>> },
}

impl Home {
    fn empty() -> Home {
        Home { listed: Vec::new(), unreadable: Vec::new(), selected: 0, new: None }
    }
}

impl App {
    pub fn new(store: Store) -> App {
        let mut app = App {
            store,
            screen: Screen::Home(Home::empty()),
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
        };
        app.refresh_home();
        app
    }

    pub fn with_session(store: Store, session: Session) -> App {
        let mut app = App::new(store);
        app.screen = Screen::Questionnaire(Box::new(Editor::new(session)));
        app
    }

    fn refresh_home(&mut self) {
        let (listed, errors) = self.store.list();
        let unreadable = errors.iter().map(|e| e.to_string()).collect();
        let selected = match &self.screen {
            Screen::Home(h) => h.selected.min(listed.len().saturating_sub(1)),
            _ => 0,
        };
        self.screen = Screen::Home(Home { listed, unreadable, selected, new: None });
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
        match &self.screen {
            Screen::Home(home) => match &home.new {
                None => Context::Home,
                Some(NewAssessment::Pick { .. }) => Context::PickQuestionnaire,
                Some(NewAssessment::Name { .. }) => Context::TypeOrganisation,
            },
            Screen::Report(_) => Context::Report,
            Screen::Questionnaire(editor) => match editor.mode {
                Mode::Answering => Context::Questionnaire,
                Mode::TypeAnswer(_) => Context::TypeAnswer,
                Mode::EditNote(_) => Context::EditNote,
                Mode::TypeRespondent(_) => Context::TypeRespondent,
                Mode::TypeEvidence(_) => Context::TypeEvidence,
                Mode::Search { .. } => Context::Search,
            },
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Event::Paste(text) if !self.too_small() => self.on_paste(&text),
            Event::Resize(width, height) => self.size = Some((width, height)),
            _ => {}
        }
    }

    /// Whether the terminal is below the size the screens need (the screen then says so).
    pub fn too_small(&self) -> bool {
        self.size.is_some_and(|(w, h)| w < super::view::MIN_WIDTH || h < super::view::MIN_HEIGHT)
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
        } else if let Some(action) = action {
            if !context.is_text_entry() {
                self.status = Status::default();
            }
            self.update(action);
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
        if !matches!(action, None | Some(Action::Choose(_))) {
            return false;
        }
        let Screen::Questionnaire(editor) = &mut self.screen else { return false };
        if !matches!(editor.mode, Mode::Answering) || editor.question().kind.has_options() {
            return false;
        }
        let mut input = line_input("", typed_answer_hint(editor.question().kind));
        input.insert_char(c);
        editor.mode = Mode::TypeAnswer(input);
        true
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
        match &mut self.screen {
            Screen::Home(Home { new: Some(NewAssessment::Name { input, .. }), .. }) => Some(input),
            Screen::Questionnaire(editor) => match &mut editor.mode {
                Mode::TypeAnswer(i) | Mode::EditNote(i) | Mode::TypeRespondent(i) | Mode::TypeEvidence(i) => Some(i),
                Mode::Search { input, selected } => {
                    // Typing changes the matches: start again from the first.
                    *selected = 0;
                    Some(input)
                }
                Mode::Answering => None,
            },
            _ => None,
        }
    }

    /// The assessment being worked on, on the questionnaire or its report.
    fn editor_mut(&mut self) -> Option<&mut Editor> {
        match &mut self.screen {
            Screen::Questionnaire(editor) => Some(editor),
            Screen::Report(screen) => Some(&mut screen.editor),
            Screen::Home(_) => None,
        }
    }

    /// Called on every pass of the event loop, however fast keys arrive: saves what has waited long enough.
    pub fn tick(&mut self) {
        let now = (self.now)();
        let at = (self.instant)();
        if let Some(editor) = self.editor_mut() {
            match editor.flush(false, &now, at) {
                Ok(_) => {}
                Err(e) => self.complain(e),
            }
        }
    }

    /// Save everything before the program ends or stops, however it does, including what is being typed.
    pub fn save_all(&mut self) {
        let now = (self.now)();
        let at = (self.instant)();
        let mut said = Vec::new();
        if let Some(editor) = self.editor_mut() {
            said.extend(keep_typed_text(editor, &now));
            match editor.flush(true, &now, at) {
                Ok(told) => said.extend(told),
                Err(e) => said.push(format!("could not save: {e}")),
            }
            if editor.dirty {
                said.push("some changes could not be saved (see the message above)".to_string());
            }
        }
        for message in said {
            if message.starts_with("could not save") || message.starts_with("some changes") {
                self.failure = Some(message.clone());
            }
            self.status = Status { text: message.clone(), error: false };
            self.farewell.push(message);
        }
    }

    /// Save everything and end the program.
    pub fn shutdown(&mut self) {
        self.save_all();
        self.quit = true;
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => return self.shutdown(),
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
        if self.help {
            let size = self.size.unwrap_or((80, 24));
            let max = super::help::max_scroll(self.screen_context(), size, self.theme);
            self.help_scroll = scrolled(self.help_scroll.min(max), action, 10).min(max);
            return;
        }
        if action == Action::ClearField {
            if let Some(input) = self.text_input() {
                input.select_all();
                input.cut();
            }
            return;
        }
        match &mut self.screen {
            Screen::Home(_) => self.update_home(action),
            Screen::Questionnaire(_) => self.update_editor(action),
            Screen::Report(_) => self.update_report(action),
        }
    }

    fn update_home(&mut self, action: Action) {
        let Screen::Home(home) = &mut self.screen else { return };
        match (&mut home.new, action) {
            (None, Action::Down) => home.selected = (home.selected + 1).min(home.listed.len().saturating_sub(1)),
            (None, Action::Up) => home.selected = home.selected.saturating_sub(1),
            (None, Action::New) => {
                let (entries, errors) = catalog::all(self.user_questionnaires.as_deref());
                home.new = Some(NewAssessment::Pick { entries, selected: 0 });
                if let Some(e) = errors.first() {
                    let more =
                        if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
                    self.complain(format!("skipped {e}{more}"));
                }
            }
            (None, Action::Open) => {
                let Some(listed) = home.listed.get(home.selected) else {
                    let new = keymap::key_label(Context::Home, Action::New);
                    return self.say(format!("No assessment yet: press {new} to start one."));
                };
                let path = listed.path.clone();
                match Session::open(&path, &(self.now)()) {
                    Ok(session) => self.screen = Screen::Questionnaire(Box::new(Editor::new(session))),
                    Err(e) => self.complain(e.to_string()),
                }
            }
            (Some(NewAssessment::Pick { entries, selected }), Action::Down) => {
                *selected = (*selected + 1).min(entries.len().saturating_sub(1))
            }
            (Some(NewAssessment::Pick { selected, .. }), Action::Up) => *selected = selected.saturating_sub(1),
            (Some(NewAssessment::Pick { entries, selected }), Action::Open) => {
                if let Some(entry) = entries.get(*selected).cloned() {
                    home.new = Some(NewAssessment::Name {
                        entry: Box::new(entry),
                        input: Box::new(line_input("", "e.g. Acme AI Ltd")),
                    });
                }
            }
            (Some(NewAssessment::Pick { .. }), Action::Back) | (Some(NewAssessment::Name { .. }), Action::Cancel) => {
                home.new = None
            }
            (Some(NewAssessment::Name { entry, input }), Action::Confirm) => {
                let org = input.lines().join(" ").trim().to_string();
                if org.is_empty() {
                    return self.complain("Type the organisation's name first.");
                }
                let now = (self.now)();
                let assessment = Assessment::new(entry.questionnaire.clone(), &org, &now);
                if let Err(e) = crate::assessment::store::ensure_private_dir(&self.store.dir) {
                    return self.complain(format!("{}: cannot create the store: {e}", self.store.dir.display()));
                }
                let path = self.store.new_path(&org, &assessment.questionnaire.id);
                match Session::create(&path, assessment, &now) {
                    Ok(session) => {
                        self.screen = Screen::Questionnaire(Box::new(Editor::new(session)));
                        self.say(format!("Created {}", path.display()));
                    }
                    Err(e) => self.complain(e.to_string()),
                }
            }
            _ => {}
        }
    }

    fn update_report(&mut self, action: Action) {
        let Screen::Report(screen) = &mut self.screen else { return };
        let (page, max) = screen.layout.get();
        let page = page.max(1);
        match action {
            Action::ScrollDown | Action::ScrollUp | Action::PageDown | Action::PageUp => {
                screen.scroll = scrolled(screen.scroll, action, page)
            }
            Action::ExportMarkdown | Action::ExportHtml | Action::ExportJson => {
                let format = match action {
                    Action::ExportMarkdown => Format::Markdown,
                    Action::ExportHtml => Format::Html,
                    _ => Format::Json,
                };
                let path = self.export_dir.join(export_file_name(&screen.editor.session.path, format));
                let text = crate::report::export(&screen.report, format);
                match write_export(&path, text.as_bytes()) {
                    Ok(()) => self.say(format!("{} report written to {}", format_name(format), path.display())),
                    Err(e) => self.complain(e),
                }
            }
            Action::Back => {
                let Screen::Report(screen) = std::mem::replace(&mut self.screen, Screen::Home(Home::empty())) else {
                    unreachable!("on the report screen")
                };
                self.screen = Screen::Questionnaire(Box::new(screen.editor));
            }
            _ => {}
        }
        if let Screen::Report(screen) = &mut self.screen {
            // Stop where the report ends, so scrolling back up responds at once.
            screen.scroll = screen.scroll.min(max);
        }
    }

    fn update_editor(&mut self, action: Action) {
        let now = (self.now)();
        let Screen::Questionnaire(editor) = &mut self.screen else { return };
        let question = editor.question().clone();
        let mut message: Option<Result<String, String>> = None;
        match (&mut editor.mode, action) {
            (Mode::Answering, Action::Choose(n)) => message = Some(choose(editor, &question, n, &now)),
            (Mode::Answering, Action::NextQuestion) => {
                message = (!editor.next_question()).then(|| {
                    let unanswered = keymap::key_label(Context::Questionnaire, Action::NextUnanswered);
                    let report = keymap::key_label(Context::Questionnaire, Action::OpenReport);
                    Ok(format!("That was the last question. Press {unanswered} for any left unanswered, {report} for the report."))
                });
            }
            (Mode::Answering, Action::PreviousQuestion) => {
                message = (!editor.previous_question()).then(|| Ok("This is the first question.".into()));
            }
            (Mode::Answering, Action::NextSection) => {
                message = (!editor.next_section()).then(|| Ok("This is the last section.".into()));
            }
            (Mode::Answering, Action::PreviousSection) => {
                message = (!editor.previous_section()).then(|| Ok("This is the first section.".into()));
            }
            (Mode::Answering, Action::NextUnanswered) => match editor.cursor.next_unanswered(editor.assessment()) {
                Unanswered::Here => message = Some(Ok("This question is not answered yet.".into())),
                Unanswered::At(p) => editor.go(p),
                Unanswered::None => {
                    let report = keymap::key_label(Context::Questionnaire, Action::OpenReport);
                    message = Some(Ok(format!("Every shown question is answered. Press {report} for the report.")))
                }
            },
            (Mode::Answering, Action::NextFlagged) => match editor.cursor.next_flagged(editor.assessment()) {
                Some(p) => editor.go(p),
                None => message = Some(Ok("No question is flagged for follow-up.".into())),
            },
            (Mode::Answering, Action::ScrollDown | Action::ScrollUp) => {
                let max =
                    super::questionnaire_screen::detail_scroll_limit(editor, self.size.unwrap_or((80, 24)), self.theme);
                editor.detail_scroll = scrolled(editor.detail_scroll.min(max), action, 1).min(max);
            }
            (Mode::Answering, Action::ToggleFlag) => {
                let flagged = editor.session.assessment.toggle_follow_up(&question.id, &now);
                message =
                    Some(editor.save().map(|()| {
                        if flagged { "Flagged for follow-up." } else { "Follow-up flag removed." }.to_string()
                    }));
            }
            (Mode::Answering, Action::ClearAnswer) => {
                editor.session.assessment.clear_value(&question.id, &now);
                editor.recompute();
                message = Some(editor.save().map(|()| "Answer cleared.".to_string()));
            }
            (Mode::Answering, Action::EditAnswer) => match question.kind {
                QuestionType::Number | QuestionType::Text | QuestionType::Date => {
                    let current = editor.assessment().value(&question.id).map(|v| match v {
                        crate::assessment::AnswerValue::Number(n) => crate::assessment::answer::format_number(*n),
                        crate::assessment::AnswerValue::Text(t) => t.clone(),
                        crate::assessment::AnswerValue::List(l) => l.join(","),
                    });
                    let hint = typed_answer_hint(question.kind);
                    editor.mode = Mode::TypeAnswer(line_input(current.as_deref().unwrap_or(""), hint));
                }
                _ => {
                    if !editor.next_question() {
                        message = Some(Ok("That was the last question.".into()));
                    }
                }
            },
            (Mode::Answering, Action::EditNote) => {
                editor.note_before = editor.assessment().note(&question.id).to_string();
                editor.mode = Mode::EditNote(note_input(&editor.note_before));
            }
            (Mode::Answering, Action::EditEvidence) => {
                let current = editor.assessment().answers.get(&question.id).map(|a| a.evidence.join(", "));
                editor.mode = Mode::TypeEvidence(line_input(
                    current.as_deref().unwrap_or(""),
                    "e.g. Access Control Policy v2, JIRA-142, https://wiki/runbook",
                ));
            }
            (Mode::Answering, Action::SetRespondent) => {
                // Start empty: in an interview the next person usually replaces the last one.
                let current = &editor.assessment().respondent;
                let placeholder = if current.is_empty() {
                    "name of the person answering".to_string()
                } else {
                    format!("now {}: type who answers next (Enter on nothing: nobody)", crate::text::one_line(current))
                };
                editor.mode = Mode::TypeRespondent(line_input("", &placeholder));
            }
            (Mode::Answering, Action::Search) => {
                editor.mode =
                    Mode::Search { input: line_input("", "words, a criterion such as CC6.3, or a topic"), selected: 0 };
            }
            (Mode::Search { .. }, Action::Down | Action::Up) => {
                let count = editor.search_results().len();
                if let Mode::Search { selected, .. } = &mut editor.mode {
                    *selected = match action {
                        Action::Down => (*selected + 1).min(count.saturating_sub(1)),
                        _ => selected.saturating_sub(1),
                    };
                }
            }
            (Mode::Search { selected, .. }, Action::Confirm) => {
                let selected = *selected;
                match editor.search_results().get(selected).copied() {
                    Some(target) => {
                        editor.mode = Mode::Answering;
                        editor.go(target);
                    }
                    None => message = Some(Err("Nothing matches: change the words, or Esc.".into())),
                }
            }
            (Mode::Search { .. }, Action::Cancel) => editor.mode = Mode::Answering,
            (Mode::Answering, Action::OpenReport) => {
                if let Err(e) = editor.flush(true, &now, (self.instant)()) {
                    return self.complain(e);
                }
                let params = match crate::estimate::Parameters::load(crate::paths::config_dir().as_deref()) {
                    Ok(p) => p,
                    Err(e) => return self.complain(format!("{e}; fix or remove that file to see the report")),
                };
                let today = chrono::DateTime::parse_from_rfc3339(&now)
                    .map(|t| t.date_naive())
                    .unwrap_or_else(|_| crate::clock::today());
                let report = Report::build(editor.assessment(), &params, today);
                let Screen::Questionnaire(editor) = std::mem::replace(&mut self.screen, Screen::Home(Home::empty()))
                else {
                    unreachable!("on the questionnaire screen")
                };
                self.screen = Screen::Report(Box::new(ReportScreen {
                    editor: *editor,
                    report,
                    scroll: 0,
                    layout: std::cell::Cell::new((10, u16::MAX)),
                }));
                return;
            }
            (Mode::Answering, Action::Back) => {
                if let Err(e) = editor.flush(true, &now, (self.instant)()) {
                    return self.complain(e);
                }
                self.refresh_home();
                return;
            }
            (Mode::TypeAnswer(input), Action::Confirm) => {
                let typed = input.lines().join(" ");
                if typed.trim().is_empty() {
                    editor.mode = Mode::Answering;
                } else {
                    match parse_answer(&question, &typed) {
                        Ok(value) => {
                            editor.session.assessment.set_value(&question.id, value, &now);
                            editor.mode = Mode::Answering;
                            editor.recompute();
                            message = Some(editor.save().map(|()| {
                                editor.next_question();
                                String::from("Saved.")
                            }));
                        }
                        Err(e) => message = Some(Err(e.to_string())),
                    }
                }
            }
            (Mode::EditNote(_), Action::Confirm) => {
                let told = match editor.flush(true, &now, (self.instant)()) {
                    Ok(told) => told,
                    // Keep the note open: nothing typed is thrown away.
                    Err(e) => return self.complain(e),
                };
                editor.mode = Mode::Answering;
                let note = editor.assessment().note(&question.id);
                message = match told {
                    Some(told) => Some(Ok(told)),
                    None if note == editor.note_before => None,
                    None if note.is_empty() => Some(Ok("Note removed.".to_string())),
                    None => Some(Ok("Note saved.".to_string())),
                };
                if std::mem::take(&mut editor.advance_after_note) && !editor.assessment().note(&question.id).is_empty()
                {
                    editor.next_question();
                }
            }
            (Mode::TypeRespondent(input), Action::Confirm) => {
                let name = input.lines().join(" ").trim().to_string();
                editor.session.assessment.set_respondent(&name, &now);
                editor.mode = Mode::Answering;
                message = Some(editor.save().map(|()| {
                    if name.is_empty() {
                        "Answers will not name who gave them.".into()
                    } else {
                        format!("Answers are now recorded as given by {name}.")
                    }
                }));
            }
            (Mode::TypeEvidence(input), Action::Confirm) => {
                let references = evidence_references(&input.lines().join(" "));
                let count = references.len();
                editor.session.assessment.set_evidence(&question.id, references, &now);
                editor.mode = Mode::Answering;
                message = Some(editor.save().map(|()| match count {
                    0 => "Evidence references removed.".to_string(),
                    1 => "1 evidence reference recorded.".to_string(),
                    n => format!("{n} evidence references recorded."),
                }));
            }
            (Mode::TypeAnswer(_) | Mode::TypeRespondent(_) | Mode::TypeEvidence(_), Action::Cancel) => {
                editor.mode = Mode::Answering
            }
            _ => {}
        }
        match message {
            Some(Ok(text)) => self.say(text),
            Some(Err(text)) => self.complain(text),
            None => {}
        }
    }
}

/// A scroll position moved by a scrolling action (by a line, or by `page` lines).
fn scrolled(scroll: u16, action: Action, page: u16) -> u16 {
    match action {
        Action::ScrollDown => scroll.saturating_add(1),
        Action::ScrollUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        _ => scroll,
    }
}

/// The name of an exported report: `NAME-report.md` (or `.html`, `.json`) for the assessment `NAME.json`.
/// The report screen writes it in the directory the program was started in, never in the store.
pub fn export_file_name(assessment: &Path, format: Format) -> String {
    let stem = assessment.file_stem().unwrap_or_default().to_string_lossy();
    format!("{stem}-report.{}", format.id())
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Json => "JSON",
    }
}

/// Write an exported report, replacing only a regular file that is not an assessment.
fn write_export(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            return Err(format!(
                "{}: not replaced, because it is not a regular file; move it away or export from another directory",
                path.display()
            ));
        }
        if crate::assessment::store::read(path).is_ok() {
            return Err(format!(
                "{}: not replaced, because it is a soc2-ready assessment; rename it or export from another directory",
                path.display()
            ));
        }
    }
    crate::assessment::store::write_private(path, bytes).map_err(|e| format!("{e}"))
}

/// The placeholder of the field for a typed answer.
fn typed_answer_hint(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Date => "YYYY-MM-DD",
        QuestionType::Number => "a number",
        _ => "your answer",
    }
}

/// Save what is half-typed in a one-line field before the program ends: a typed answer if it is valid (if
/// not, it is kept at the end of the question's note), evidence references, who is answering. Returns
/// what the user should be told.
fn keep_typed_text(editor: &mut Editor, now: &str) -> Option<String> {
    let question = editor.question().clone();
    let typed = match &editor.mode {
        Mode::TypeAnswer(i) | Mode::TypeEvidence(i) | Mode::TypeRespondent(i) => i.lines().join(" "),
        _ => return None,
    };
    let mode = std::mem::replace(&mut editor.mode, Mode::Answering);
    if typed.trim().is_empty() {
        return None;
    }
    let told = match mode {
        Mode::TypeAnswer(_) => match parse_answer(&question, &typed) {
            Ok(value) => {
                editor.session.assessment.set_value(&question.id, value, now);
                format!("The answer typed to {} was saved.", question.id)
            }
            Err(e) => {
                let note = editor.assessment().note(&question.id);
                let kept =
                    format!("{note}{}Typed answer, not accepted: {typed}", if note.is_empty() { "" } else { "\n" });
                if crate::assessment::answer::check_note(&kept).is_err() {
                    return Some(format!("The answer typed to {} was not saved ({e}).", question.id));
                }
                editor.session.assessment.set_note(&question.id, &kept, now);
                format!("The answer typed to {} is not valid ({e}); it is kept in the question's note.", question.id)
            }
        },
        Mode::TypeEvidence(_) => {
            editor.session.assessment.set_evidence(&question.id, evidence_references(&typed), now);
            format!("The evidence references typed for {} were saved.", question.id)
        }
        _ => {
            editor.session.assessment.set_respondent(typed.trim(), now);
            format!("Answers are now recorded as given by {}.", typed.trim())
        }
    };
    editor.recompute();
    editor.dirty = true;
    Some(told)
}
