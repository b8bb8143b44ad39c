//! Importing a customer's questionnaire from the new-assessment dialog: type the file's path, the customer's
//! name, then confirm what was detected (sheets, header rows, columns, question count, the first rows).
//! Reading and detecting are the core's (`spreadsheet::read`, `spreadsheet::detect`); nothing is written
//! until the detection is confirmed, and nothing at all when the file cannot be imported.
//!
//! The file is read on a thread of its own: the screen shows how far it has got ("Reading sheet 2 of 5,
//! row 12,000"), Esc or Ctrl-C stop it, and the interface answers every key and signal meanwhile.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome};
use crate::assessment::{Session, store};
use crate::spreadsheet::cell_ref::{CellRef, column_letters};
use crate::spreadsheet::import::{ImportFile, assessment_from};
use crate::spreadsheet::workbook::Sheet;
use crate::spreadsheet::{self, Detection, Format, NoQuestions, Options, Progress, ReadError, Suggestion, Workbook};
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::{Editor, line_input};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::widgets::{centred, clear_popup, draw_input, wrap};

/// A file read and its questions found, waiting for the user's confirmation.
pub struct Prepared {
    pub path: PathBuf,
    pub file_name: String,
    pub format: Format,
    pub bytes: Vec<u8>,
    pub workbook: Workbook,
    pub detection: Detection,
}

/// What the reading thread and the drawing thread share: how far the read has got, and whether to stop.
#[derive(Default)]
struct Shared {
    cancel: AtomicBool,
    progress: Mutex<Progress>,
}

/// The reading thread's side: where its work says how far it got and learns whether to stop.
pub struct Job {
    shared: Arc<Shared>,
}

impl Job {
    /// Note how far the read has got; whether to go on.
    pub fn report(&self, progress: Progress) -> bool {
        *self.shared.progress.lock().unwrap_or_else(|e| e.into_inner()) = progress;
        !self.cancelled()
    }

    pub fn cancelled(&self) -> bool {
        self.shared.cancel.load(Ordering::SeqCst)
    }
}

/// A file being read and its questions found on a thread of its own.
pub struct Reading {
    pub path: PathBuf,
    shared: Arc<Shared>,
    done: Receiver<Result<Prepared, String>>,
}

impl Reading {
    /// Read and detect the file at `path`.
    pub fn start(path: PathBuf) -> Reading {
        let at = path.clone();
        Reading::spawn(path, move |job| prepare_watched(&at, job))
    }

    /// Run `work` on a thread of its own (tests give their own work).
    pub fn spawn(path: PathBuf, work: impl FnOnce(&Job) -> Result<Prepared, String> + Send + 'static) -> Reading {
        let shared = Arc::new(Shared::default());
        let (send, done) = channel();
        let job = Job { shared: Arc::clone(&shared) };
        let fallback = send.clone();
        let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
            let _ = send.send(work(&job));
        });
        if let Err(e) = spawned {
            let _ = fallback.send(Err(format!("cannot start reading the file: {e}")));
        }
        Reading { path, shared, done }
    }

    pub fn progress(&self) -> Progress {
        *self.shared.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tell the thread to stop; it ends at its next look at the flag, and what it read is dropped.
    fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::SeqCst);
    }

    /// The result, once the thread has finished (waiting for it if `block`).
    fn finished(&self, block: bool) -> Option<Result<Prepared, String>> {
        let got = if block { self.done.recv().map_err(|_| TryRecvError::Disconnected) } else { self.done.try_recv() };
        match got {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the file could not be read".into())),
        }
    }

    /// The progress in words: "Reading sheet 2 of 5, row 12,000".
    pub fn describe(&self) -> String {
        let p = self.progress();
        if p.sheets == 0 {
            "Reading the file".to_string()
        } else {
            format!("Reading sheet {} of {}, row {}", p.sheet, p.sheets, grouped(p.row))
        }
    }
}

/// A number with thousands separated: 12,000.
fn grouped(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The three steps of an import, and the reading between the first two.
pub enum Import {
    /// The file's path; `error` says why the last one typed could not be imported; `customer` keeps a
    /// name typed before going back to the path.
    Path {
        input: Box<TextArea<'static>>,
        error: Option<String>,
        customer: String,
    },
    /// The file is being read; `typed` and `customer` come back if it is cancelled or refused.
    Reading {
        reading: Box<Reading>,
        typed: String,
        customer: String,
    },
    Customer {
        prepared: Box<Prepared>,
        input: Box<TextArea<'static>>,
    },
    Confirm {
        prepared: Box<Prepared>,
        customer: String,
        scroll: u16,
        adjust: Box<Adjust>,
    },
}

/// The user's changes to the detection on the confirmation: which sheets are imported and, for them all,
/// the question, answer, id and comment columns. Any change runs the detection again with them as the
/// command line's `--sheet` and `--…-col` would (which turns a recognised template's profile off).
#[derive(Debug, Clone, Default)]
pub struct Adjust {
    /// The row of the form with the focus: the workbook's sheets, then the four columns.
    pub focus: usize,
    /// Per sheet of the workbook, whether it is imported.
    pub included: Vec<bool>,
    /// The sheet whose columns the form shows and previews.
    pub sheet: usize,
    /// The columns chosen in the form (id, question, answer, comment), once one has been changed.
    pub columns: Option<[Option<u32>; 4]>,
    /// Whether anything was changed (so the detection runs with options, not as detected).
    pub changed: bool,
    /// Why the detection with these choices found nothing to import.
    pub problem: Option<String>,
}

/// The column roles of the form, in its order, and where each sits in [`Adjust::columns`].
const COLUMN_ROWS: [(&str, usize); 4] = [("Question", 1), ("Answer", 2), ("Id", 0), ("Comment", 3)];

impl Adjust {
    /// The form for what was detected: the sheets it chose, the first one's columns.
    pub fn new(prepared: &Prepared) -> Adjust {
        let d = &prepared.detection;
        let included: Vec<bool> =
            prepared.workbook.sheets.iter().map(|s| d.choices.iter().any(|c| c.sheet == s.name)).collect();
        let sheet = included.iter().position(|i| *i).unwrap_or(0);
        Adjust { focus: 0, included, sheet, ..Adjust::default() }
    }

    fn rows(&self) -> usize {
        self.included.len() + COLUMN_ROWS.len()
    }

    /// The columns the form shows for its sheet: as detected there, else as chosen.
    fn shown_columns(&self, prepared: &Prepared) -> [Option<u32>; 4] {
        if let Some(c) = self.columns {
            return c;
        }
        let name = prepared.workbook.sheets.get(self.sheet).map(|s| s.name.as_str()).unwrap_or_default();
        match prepared.detection.choices.iter().find(|c| c.sheet == name) {
            Some(c) => [c.columns.id, Some(c.columns.question), Some(c.columns.answer), c.columns.comment],
            None => [None, Some(1), Some(2), None],
        }
    }

    /// The options the detection runs with: none when nothing was changed (the template may apply).
    pub fn options(&self, prepared: &Prepared) -> Options {
        if !self.changed {
            return Options::default();
        }
        let sheets = prepared
            .workbook
            .sheets
            .iter()
            .zip(&self.included)
            .filter(|(_, on)| **on)
            .map(|(s, _)| s.name.clone())
            .collect();
        let [id_col, question_col, answer_col, comment_col] = self.columns.unwrap_or([None; 4]);
        Options { sheets, header_row: None, id_col, question_col, answer_col, comment_col }
    }

    /// Space on a sheet: import it or leave it out, and detect again.
    fn toggle(&mut self, prepared: &mut Prepared) {
        let Some(on) = self.included.get_mut(self.focus) else { return };
        *on = !*on;
        self.changed = true;
        self.redetect(prepared);
    }

    /// ←/→ on a column: the sheet's next or previous column (id and comment may be none), and detect again.
    fn cycle(&mut self, prepared: &mut Prepared, forward: bool) {
        let Some(&(_, slot)) = self.focus.checked_sub(self.included.len()).and_then(|i| COLUMN_ROWS.get(i)) else {
            return;
        };
        let last = prepared.workbook.sheets.get(self.sheet).map_or(1, last_column).max(2);
        let mut columns = self.shown_columns(prepared);
        let optional = slot == 0 || slot == 3;
        let first = if optional { 0 } else { 1 };
        let now = columns[slot].unwrap_or(0).clamp(first, last);
        let next = if forward {
            if now >= last { first } else { now + 1 }
        } else if now <= first {
            last
        } else {
            now - 1
        };
        columns[slot] = if next == 0 { None } else { Some(next) };
        self.columns = Some(columns);
        self.changed = true;
        self.redetect(prepared);
    }

    fn redetect(&mut self, prepared: &mut Prepared) {
        if !self.included.iter().any(|on| *on) {
            self.problem = Some("no sheet is chosen: choose one with Space".into());
            return;
        }
        match spreadsheet::detect(&prepared.workbook, &self.options(prepared)) {
            Ok(d) => {
                prepared.detection = d;
                self.problem = None;
            }
            Err(e) => self.problem = Some(e.to_string()),
        }
    }
}

/// The last column with a value in the sheet's first rows (where a question table's columns are).
fn last_column(sheet: &Sheet) -> u32 {
    sheet.cells.keys().filter(|c| c.row <= 200).map(|c| c.col).max().unwrap_or(1).min(200)
}

const PATH_HINT: &str = "e.g. ~/Downloads/security-questionnaire.xlsx";
const CUSTOMER_HINT: &str = "e.g. Example Bank plc (may be left empty)";

/// `~` and `~/…` are the home folder; a relative path is taken from `base` (the working directory).
pub fn expand_path(typed: &str, base: &Path) -> PathBuf {
    let typed = typed.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let expanded = match (typed, home) {
        ("~", Some(home)) => home,
        (t, Some(home)) if t.starts_with("~/") => home.join(&t[2..]),
        (t, _) => PathBuf::from(t),
    };
    if expanded.is_absolute() { expanded } else { base.join(expanded) }
}

/// Read and detect the file at `path`; the error says what is wrong in one line, naming the file.
pub fn prepare(path: &Path) -> Result<Prepared, String> {
    let job = Job { shared: Arc::new(Shared::default()) };
    prepare_watched(path, &job)
}

/// [`prepare`], saying how far it has got to `job` and stopping when told to.
pub fn prepare_watched(path: &Path, job: &Job) -> Result<Prepared, String> {
    let shown = one_line(&path.display().to_string());
    let bytes = spreadsheet::source_file::read(path).map_err(|e| e.to_string())?;
    let file_name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "questionnaire".into());
    let mut watch = |p: Progress| {
        let go_on = job.report(p);
        #[cfg(feature = "test-hooks")]
        if go_on && std::env::var_os("SOC2_READY_TEST_SLOW_IMPORT").is_some() {
            // The end-to-end tests need an import that lasts until it is cancelled.
            while !job.cancelled() {
                std::thread::park_timeout(std::time::Duration::from_millis(5));
            }
            return false;
        }
        go_on
    };
    let (format, workbook) =
        spreadsheet::read_watched(&file_name, &bytes, &mut watch).map_err(|e| read_error(&shown, &e))?;
    let detection = spreadsheet::detect(&workbook, &Options::default()).map_err(|e| read_error(&shown, &e))?;
    Ok(Prepared { path: path.to_path_buf(), file_name, format, bytes, workbook, detection })
}

impl Import {
    pub fn start() -> Import {
        Import::Path { input: Box::new(line_input("", PATH_HINT)), error: None, customer: String::new() }
    }

    pub fn context(&self) -> Context {
        match self {
            Import::Path { .. } => Context::ImportPath,
            Import::Reading { .. } => Context::ImportReading,
            Import::Customer { .. } => Context::TypeOrganisation,
            Import::Confirm { .. } => Context::ImportConfirm,
        }
    }

    pub fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            Import::Path { input, .. } | Import::Customer { input, .. } => Some(input),
            Import::Confirm { .. } | Import::Reading { .. } => None,
        }
    }

    pub fn is_reading(&self) -> bool {
        matches!(self, Import::Reading { .. })
    }

    /// Take the file read, if it has been (waiting for it if `block`): the customer's name next, or the
    /// path again with why the file cannot be imported.
    pub fn poll(&mut self, block: bool) -> Option<Outcome> {
        let Import::Reading { reading, .. } = self else { return None };
        let result = reading.finished(block)?;
        let Import::Reading { customer, typed, .. } = std::mem::replace(self, Import::start()) else {
            return None;
        };
        let (next, outcome) = match result {
            Ok(prepared) => (
                Import::Customer {
                    prepared: Box::new(prepared),
                    input: Box::new(line_input(&customer, CUSTOMER_HINT)),
                },
                Outcome::Done,
            ),
            Err(e) => (
                Import::Path { input: Box::new(line_input(&typed, PATH_HINT)), error: Some(e.clone()), customer },
                Outcome::Complain(e),
            ),
        };
        *self = next;
        Some(outcome)
    }

    /// Stop the file being read and go back to its path (Esc, or Ctrl-C, which otherwise quits).
    pub fn cancel_reading(&mut self) -> Option<Outcome> {
        let Import::Reading { reading, typed, customer } = std::mem::replace(self, Import::start()) else {
            return None;
        };
        reading.cancel();
        *self = Import::Path { input: Box::new(line_input(&typed, PATH_HINT)), error: None, customer };
        Some(Outcome::Say("The import was cancelled; nothing was written.".into()))
    }

    /// `Outcome::Back` leaves the import; `Outcome::Open` opens the imported assessment.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let step = std::mem::replace(self, Import::start());
        let (next, outcome) = step.step(action, ctx);
        *self = next;
        outcome
    }

    fn step(self, action: Action, ctx: &Ctx) -> (Import, Outcome) {
        match (self, action) {
            (Import::Path { .. }, Action::Cancel) => (Import::start(), Outcome::Back),
            (Import::Path { input, error, customer }, Action::Confirm) => {
                let typed = input.lines().join(" ");
                if typed.trim().is_empty() {
                    let said = Outcome::Complain("Type the path of the file first.".into());
                    return (Import::Path { input, error, customer }, said);
                }
                let reading = Box::new(Reading::start(expand_path(&typed, ctx.export_dir)));
                (Import::Reading { reading, typed: typed.trim().to_string(), customer }, Outcome::Done)
            }
            (mut step @ Import::Reading { .. }, Action::Cancel) => {
                let outcome = step.cancel_reading().unwrap_or(Outcome::Done);
                (step, outcome)
            }
            (Import::Customer { prepared, input }, Action::Cancel) => {
                let typed = one_line(&prepared.path.display().to_string());
                let customer = input.lines().join(" ");
                (Import::Path { input: Box::new(line_input(&typed, PATH_HINT)), error: None, customer }, Outcome::Done)
            }
            (Import::Customer { prepared, input }, Action::Confirm) => {
                let customer = input.lines().join(" ").trim().to_string();
                let adjust = Box::new(Adjust::new(&prepared));
                (Import::Confirm { prepared, customer, scroll: 0, adjust }, Outcome::Done)
            }
            (Import::Confirm { prepared, customer, .. }, Action::Cancel) => {
                let input = Box::new(line_input(&customer, CUSTOMER_HINT));
                (Import::Customer { prepared, input }, Outcome::Done)
            }
            (Import::Confirm { prepared, customer, scroll, adjust }, Action::ScrollDown | Action::ScrollUp) => {
                let max = confirmation_scroll_limit(&prepared, &customer, &adjust, ctx.size);
                let scroll = if action == Action::ScrollDown {
                    scroll.saturating_add(1).min(max)
                } else {
                    scroll.min(max).saturating_sub(1)
                };
                (Import::Confirm { prepared, customer, scroll, adjust }, Outcome::Done)
            }
            (Import::Confirm { prepared, customer, scroll, mut adjust }, Action::NextField | Action::PreviousField) => {
                let rows = adjust.rows();
                adjust.focus = if action == Action::NextField {
                    (adjust.focus + 1) % rows
                } else {
                    (adjust.focus + rows - 1) % rows
                };
                // The column form follows the sheet with the focus, when it is one the questions come from.
                let name = prepared.workbook.sheets.get(adjust.focus).map(|s| s.name.as_str());
                if name.is_some_and(|n| prepared.detection.choices.iter().any(|c| c.sheet == n)) {
                    adjust.sheet = adjust.focus;
                }
                (Import::Confirm { prepared, customer, scroll, adjust }, Outcome::Done)
            }
            (Import::Confirm { mut prepared, customer, scroll, mut adjust }, Action::ToggleSheet) => {
                adjust.toggle(&mut prepared);
                (Import::Confirm { prepared, customer, scroll, adjust }, Outcome::Done)
            }
            (
                Import::Confirm { mut prepared, customer, scroll, mut adjust },
                Action::NextColumn | Action::PreviousColumn,
            ) => {
                adjust.cycle(&mut prepared, action == Action::NextColumn);
                (Import::Confirm { prepared, customer, scroll, adjust }, Outcome::Done)
            }
            (Import::Confirm { prepared, customer, scroll, adjust }, Action::Confirm) => {
                if let Some(problem) = &adjust.problem {
                    let said = Outcome::Complain(format!("Nothing to import with these choices: {problem}"));
                    return (Import::Confirm { prepared, customer, scroll, adjust }, said);
                }
                match create(&prepared, &customer, ctx) {
                    Ok(outcome) => (Import::start(), outcome),
                    Err(e) => (Import::Confirm { prepared, customer, scroll, adjust }, Outcome::Complain(e)),
                }
            }
            (step, _) => (step, Outcome::Done),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &DrawCtx<'_>) {
        let t = ctx.theme;
        match self {
            Import::Path { input, error, .. } => {
                let width = body.width.saturating_sub(8).min(90);
                let error_lines: Vec<String> =
                    error.as_deref().map(|e| wrap(e, width.saturating_sub(2))).unwrap_or_default();
                let error_height = error_lines.len().min(6) as u16;
                let area = centred(body, width, 7 + error_height);
                clear_popup(frame, area);
                let block = Block::bordered().title(" Import a spreadsheet: the file ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let [about, field, problem] =
                    Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(0)]).areas(inner);
                let about_text = "The customer's questionnaire, .xlsx or .csv; ~ is your home folder, other paths \
                                  start from the folder soc2-ready was started in.";
                let lines: Vec<Line> = wrap(about_text, about.width).into_iter().map(Line::raw).collect();
                frame.render_widget(Paragraph::new(lines).style(t.dim()), about);
                draw_input(frame, input, &field_title("Path", Context::ImportPath), field);
                let lines: Vec<Line> = error_lines.into_iter().map(|l| Line::styled(l, t.warning())).collect();
                frame.render_widget(Paragraph::new(lines), problem);
            }
            Import::Reading { reading, .. } => {
                let area = centred(body, body.width.saturating_sub(8).min(90), 6);
                clear_popup(frame, area);
                let block = Block::bordered().title(" Import a spreadsheet: reading ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let cancel = keymap::key_label(Context::ImportReading, Action::Cancel);
                let lines = vec![
                    Line::raw(crate::text::truncate(
                        &one_line(&reading.path.display().to_string()),
                        inner.width.into(),
                    )),
                    Line::raw(""),
                    Line::styled(reading.describe(), t.title()),
                    Line::styled(format!("{cancel}: cancel (nothing is written)"), t.label()),
                ];
                frame.render_widget(Paragraph::new(lines), inner);
            }
            Import::Customer { prepared, input } => {
                let area = centred(body, body.width.saturating_sub(8).min(90), 7);
                clear_popup(frame, area);
                let block = Block::bordered().title(" Import a spreadsheet: the customer ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let [about, field] = Layout::vertical([Constraint::Length(2), Constraint::Length(3)]).areas(inner);
                let text = format!(
                    "{}: {} questions found. Who sent it?",
                    one_line(&prepared.file_name),
                    prepared.detection.question_count()
                );
                let lines: Vec<Line> = wrap(&text, about.width).into_iter().take(2).map(Line::raw).collect();
                frame.render_widget(Paragraph::new(lines), about);
                draw_input(frame, input, &field_title("Customer", Context::TypeOrganisation), field);
            }
            Import::Confirm { prepared, customer, scroll, adjust } => {
                let area = centred(body, body.width.saturating_sub(4).min(110), body.height.saturating_sub(2));
                clear_popup(frame, area);
                let block = Block::bordered().title(" Import a spreadsheet: is this right? ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let [content, keys] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
                let mut lines: Vec<Line> = Vec::new();
                for (text, look) in confirmation(prepared, customer, adjust) {
                    let style = match look {
                        Look::Title => t.title(),
                        Look::Plain => t.plain(),
                        Look::Focus => t.selected(),
                        Look::Warning => t.warning(),
                    };
                    lines.extend(wrap(&text, content.width).into_iter().map(|l| Line::styled(l, style)));
                }
                let max = lines.len().saturating_sub(usize::from(content.height));
                let skip = usize::from(*scroll).min(max);
                let shown: Vec<Line> = lines.into_iter().skip(skip).take(usize::from(content.height)).collect();
                frame.render_widget(Paragraph::new(shown), content);
                let key = |a: Action| keymap::key_label(Context::ImportConfirm, a);
                let text = format!(
                    "{}: import · {}: back · {}: move · {}: sheet · {}/{}: column",
                    key(Action::Confirm),
                    key(Action::Cancel),
                    key(Action::NextField),
                    key(Action::ToggleSheet),
                    key(Action::PreviousColumn),
                    key(Action::NextColumn)
                );
                frame.render_widget(Paragraph::new(Line::styled(one_line(&text), t.label())), keys);
            }
        }
    }
}

/// The confirmation's panel in a body of `body` (as `draw` lays it out): where its lines go.
fn confirmation_area(body: Rect) -> Rect {
    let area = centred(body, body.width.saturating_sub(4).min(110), body.height.saturating_sub(2));
    let inner = Block::bordered().inner(area);
    let [content, _] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    content
}

fn confirmation_lines(prepared: &Prepared, customer: &str, adjust: &Adjust, width: u16) -> Vec<String> {
    confirmation(prepared, customer, adjust).iter().flat_map(|(text, _)| wrap(text, width)).collect()
}

/// How far the confirmation scrolls in a terminal of `size`, so the keys stop where it ends.
fn confirmation_scroll_limit(prepared: &Prepared, customer: &str, adjust: &Adjust, size: (u16, u16)) -> u16 {
    // The body is the terminal less the header, status and hint lines.
    let body = Rect { x: 0, y: 0, width: size.0, height: size.1.saturating_sub(3) };
    let content = confirmation_area(body);
    let lines = confirmation_lines(prepared, customer, adjust, content.width).len();
    u16::try_from(lines.saturating_sub(usize::from(content.height))).unwrap_or(u16::MAX)
}

/// A field's title with the keys that finish it.
fn field_title(what: &str, context: Context) -> String {
    let next = keymap::key_label(context, Action::Confirm);
    let back = keymap::key_label(context, Action::Cancel);
    format!("{what} ({next}: next · {back}: back)")
}

/// How a line of the confirmation is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Title,
    Plain,
    /// The form's row with the focus.
    Focus,
    Warning,
}

/// What the confirmation shows: the file, the counts, the sheets to choose from, the columns of the
/// form's sheet with their first values, and the first questions as they will be read.
pub fn confirmation(prepared: &Prepared, customer: &str, adjust: &Adjust) -> Vec<(String, Look)> {
    let d = &prepared.detection;
    let wb = &prepared.workbook;
    let counts = d.counts(wb);
    let who = if customer.is_empty() { String::new() } else { format!(" from {}", one_line(customer)) };
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = vec![(
        format!(
            "{}{who}: {} in {}",
            one_line(&prepared.file_name),
            plural(counts.questions, "question", "questions"),
            plural(d.sections.len(), "section", "sections")
        ),
        Look::Title,
    )];
    out.push((
        format!(
            "{} · {} (formula answers, kept but not counted) · {} left out",
            plural(counts.questions, "respondent question", "respondent questions"),
            plural(counts.read_only, "read-only row", "read-only rows"),
            plural(counts.left_out.len(), "sheet", "sheets")
        ),
        Look::Plain,
    ));
    if let Some(t) = &d.template {
        out.push((format!("Recognised a {t} workbook: its own sheets and columns are used"), Look::Plain));
    }
    if let Some(problem) = &adjust.problem {
        out.push((format!("Nothing to import with these choices: {problem}"), Look::Warning));
    }
    let key = |a: Action| keymap::key_label(Context::ImportConfirm, a);
    out.push((
        format!(
            "Sheets ({}/{}: move · {}: import or leave out):",
            key(Action::NextField),
            key(Action::PreviousField),
            key(Action::ToggleSheet)
        ),
        Look::Plain,
    ));
    for (i, sheet) in wb.sheets.iter().enumerate() {
        let on = adjust.included.get(i).copied().unwrap_or(false);
        let read_only = d.questions().filter(|q| q.formula && q.sheet == sheet.name).count();
        let what = match d.choices.iter().find(|c| c.sheet == sheet.name) {
            Some(c) => {
                let mut t =
                    format!("{}, header row {}", plural(c.questions, "question", "questions"), c.header_rows[0]);
                if read_only > 0 {
                    t.push_str(&format!(", {} read-only", plural(read_only, "row", "rows")));
                }
                t
            }
            None => counts
                .left_out
                .iter()
                .find(|(s, _)| *s == sheet.name)
                .map_or_else(|| "left out".to_string(), |(_, why)| format!("left out: {why}")),
        };
        let name = if sheet.name.is_empty() { "the CSV file".to_string() } else { one_line(&sheet.name) };
        let focus = adjust.focus == i;
        let text = format!("{} [{}] {name}: {what}", if focus { "▶" } else { " " }, if on { "x" } else { " " });
        out.push((text, if focus { Look::Focus } else { Look::Plain }));
    }
    // The form's sheet, or the first the questions come from once it is left out.
    let chosen = |s: &&Sheet| d.choices.iter().any(|c| c.sheet == s.name);
    let form_sheet = wb.sheets.get(adjust.sheet).filter(chosen).or_else(|| wb.sheets.iter().find(chosen));
    let shown =
        form_sheet.map(|s| if s.name.is_empty() { "the file".to_string() } else { format!("`{}`", one_line(&s.name)) });
    out.push((
        format!(
            "Columns of {} ({}/{}: change; they apply to every sheet imported):",
            shown.unwrap_or_default(),
            key(Action::PreviousColumn),
            key(Action::NextColumn)
        ),
        Look::Plain,
    ));
    let columns = adjust.shown_columns(prepared);
    let header = form_sheet.and_then(|s| d.choices.iter().find(|c| c.sheet == s.name)).map_or(0, |c| c.header_rows[0]);
    for (n, (label, slot)) in COLUMN_ROWS.iter().enumerate() {
        let focus = adjust.focus == adjust.included.len() + n;
        let about = match (columns[*slot], form_sheet) {
            (Some(col), Some(sheet)) => {
                // The question rows found, else the rows below the header.
                let mut rows: Vec<u32> = d.questions().filter(|q| q.sheet == sheet.name).map(|q| q.row).collect();
                if rows.is_empty() {
                    rows = sheet.rows_from(header.saturating_add(1));
                }
                describe_column(sheet, header, col, &rows)
            }
            _ => "none".to_string(),
        };
        let text = format!("{} {label}: {about}", if focus { "▶" } else { " " });
        out.push((text, if focus { Look::Focus } else { Look::Plain }));
    }
    if adjust.problem.is_none()
        && let Some(s) = d.suggestion()
    {
        out.push((in_own_words(&s, key), Look::Plain));
    }
    out.push(("First questions:".into(), Look::Plain));
    for q in d.questions().take(5) {
        let text: String = one_line(&q.text).chars().take(90).collect();
        let vocab = if q.vocabulary.is_empty() { "free text".to_string() } else { q.vocabulary.join("/") };
        let place = if q.sheet.is_empty() { q.answer_cell.a1() } else { format!("{}!{}", q.sheet, q.answer_cell.a1()) };
        let id = if q.id.is_empty() { String::new() } else { format!("{} ", one_line(&q.id)) };
        let answer = if q.answer.is_empty() { String::new() } else { format!(" = {}", one_line(&q.answer)) };
        out.push((format!("  row {}: {id}{text} [{} · {vocab}{answer}]", q.row, one_line(&place)), Look::Plain));
    }
    out
}

/// The detection's choice said as the form changes it: which keys move to a row and change it.
fn in_own_words(s: &Suggestion, key: impl Fn(Action) -> String) -> String {
    let col = |n: Option<u32>| n.map_or("none".to_string(), column_letters);
    let place = s.sheet.as_deref().map_or("the file".to_string(), |n| format!("`{}`", one_line(n)));
    format!(
        "Read from {place}: header row {}, question {}, answer {}, id {}, comment {}. Wrong? {}: move to a sheet or column · {}: leave a sheet out · {}/{}: another column.",
        s.header_row,
        column_letters(s.question),
        column_letters(s.answer),
        col(s.id),
        col(s.comment),
        key(Action::NextField),
        key(Action::ToggleSheet),
        key(Action::PreviousColumn),
        key(Action::NextColumn)
    )
}

/// A read or detection error as the interface says it: where no question table was found, how to name
/// one (the form needs a table to start from).
fn read_error(shown: &str, e: &ReadError) -> String {
    match e {
        ReadError::NoQuestions(NoQuestions::NoTable { .. }) => {
            format!("{shown}: {e}; name its sheet and columns with the import command (soc2-ready import --help)")
        }
        _ => format!("{shown}: {e}"),
    }
}

/// A column as the form shows it: its letter, its header and its first values below the header.
fn describe_column(sheet: &Sheet, header: u32, col: u32, rows: &[u32]) -> String {
    let short = |v: &str| -> String {
        let v = one_line(v);
        if v.chars().count() > 24 { format!("{}…", v.chars().take(23).collect::<String>()) } else { v }
    };
    let title = if header > 0 { sheet.value(CellRef { row: header, col }).trim().to_string() } else { String::new() };
    let title = if title.is_empty() { String::new() } else { format!(" `{}`", short(&title)) };
    let values: Vec<String> = rows
        .iter()
        .map(|&row| sheet.value(CellRef { row, col }).trim().to_string())
        .filter(|v| !v.is_empty())
        .take(3)
        .map(|v| format!("\"{}\"", short(&v)))
        .collect();
    let preview = if values.is_empty() { " (empty)".to_string() } else { format!(": {}", values.join(", ")) };
    format!("{}{title}{preview}", column_letters(col))
}

/// Build the assessment from the confirmed detection, write it to the store and open it.
fn create(prepared: &Prepared, customer: &str, ctx: &Ctx) -> Result<Outcome, String> {
    let shown = one_line(&prepared.path.display().to_string());
    let file = ImportFile {
        file_name: &prepared.file_name,
        format: prepared.format,
        bytes: &prepared.bytes,
        customer,
        now: &ctx.now,
    };
    let assessment =
        assessment_from(&prepared.workbook, &prepared.detection, &file).map_err(|e| format!("{shown}: {e}"))?;
    store::ensure_private_dir(&ctx.store.dir)
        .map_err(|e| format!("{}: cannot create the store: {e}", ctx.store.dir.display()))?;
    let path = ctx.store.new_path(&assessment.org, &assessment.questionnaire.id);
    let session = Session::create(&path, assessment, &ctx.now).map_err(|e| e.to_string())?;
    let count = prepared.detection.question_count();
    Ok(Outcome::Open(
        Box::new(Editor::new(session)),
        Some(format!("Imported {count} questions into {}", one_line(&path.display().to_string()))),
    ))
}
