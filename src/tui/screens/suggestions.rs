//! The answer library's suggestions for the current question of a customer questionnaire.
//!
//! The library (every answered question in the store, and the library file) is read once, on a thread of
//! its own, when the assessment opens; the keys never wait for it. The suggestions for a question are looked
//! up once when the user arrives on it and kept: moving the selection (`s`) and drawing cost nothing, and
//! nothing is applied without the apply key (`a`).

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use ratatui::text::{Line, Span};

use crate::assessment::{Change, NewValue, Store};
use crate::library::{self, Library, Suggestion};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::questionnaire::QuestionnaireScreen;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// The library, as far as it has been read.
enum Loading {
    Waiting(Receiver<Result<Library, String>>),
    Ready(Box<Library>),
    Failed(String),
}

pub struct Suggestions {
    library: Loading,
    /// The question the cached suggestions are for.
    question: Option<String>,
    pub found: Vec<Suggestion>,
    pub selected: usize,
    /// How long reading the library took, and the last lookup (for the numbers in tests and reports).
    pub build_time: Option<Duration>,
    pub lookup_time: Duration,
    started: Instant,
}

impl Suggestions {
    /// Start reading the library for the assessment at `path` (its own answers are left out).
    pub fn start(store: &Store, path: &Path) -> Suggestions {
        let (send, receive) = channel();
        let store = Store::new(store.dir.clone());
        let path = path.to_path_buf();
        let spawned = std::thread::Builder::new().name("answer-library".into()).spawn(move || {
            let library = Library::gather(&store, library::file_path(&store.dir).as_deref(), Some(&path))
                .map_err(|e| format!("{e:#}"));
            let _ = send.send(library);
        });
        let library = match spawned {
            Ok(_) => Loading::Waiting(receive),
            Err(e) => Loading::Failed(format!("cannot read the answer library: {e}")),
        };
        Suggestions::with(library)
    }

    /// Suggestions from a library already built (tests, benchmarks).
    pub fn from_library(library: Library) -> Suggestions {
        Suggestions::with(Loading::Ready(Box::new(library)))
    }

    fn with(library: Loading) -> Suggestions {
        Suggestions {
            library,
            question: None,
            found: Vec::new(),
            selected: 0,
            build_time: None,
            lookup_time: Duration::ZERO,
            started: Instant::now(),
        }
    }

    /// Take the library if its thread has finished; whether anything changed.
    fn poll(&mut self, block: bool) -> bool {
        let Loading::Waiting(receive) = &self.library else { return false };
        let got = if block { receive.recv().map_err(|_| TryRecvError::Disconnected) } else { receive.try_recv() };
        self.library = match got {
            Ok(Ok(library)) => Loading::Ready(Box::new(library)),
            Ok(Err(e)) => Loading::Failed(e),
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Loading::Failed("the answer library could not be read".into()),
        };
        self.build_time = Some(self.started.elapsed());
        true
    }

    /// Wait for the library to be read (tests: no sleeping, no timing).
    pub fn wait(&mut self) {
        self.poll(true);
    }

    pub fn is_ready(&self) -> bool {
        matches!(self.library, Loading::Ready(_))
    }

    pub fn library_size(&self) -> usize {
        match &self.library {
            Loading::Ready(l) => l.records.len(),
            _ => 0,
        }
    }

    pub fn selected(&self) -> Option<&Suggestion> {
        self.found.get(self.selected)
    }
}

/// Bring the editor's suggestions up to date with its current question: a lookup only when the question
/// changed (or the library has just arrived).
pub fn refresh(editor: &mut QuestionnaireScreen) {
    let Some(s) = editor.suggestions.as_deref_mut() else { return };
    let arrived = s.poll(false);
    let Loading::Ready(library) = &s.library else { return };
    let question = editor.editor.cursor.question(&editor.editor.session.assessment);
    if !arrived && s.question.as_deref() == Some(question.id.as_str()) {
        return;
    }
    let started = Instant::now();
    let cell = editor.editor.session.assessment.source.as_ref().and_then(|src| src.cells.get(&question.id));
    s.found = library::suggest(library, question, cell);
    s.lookup_time = started.elapsed();
    s.question = Some(question.id.clone());
    s.selected = 0;
}

/// `s`: the next suggestion, round again after the last, scrolled into view.
pub fn next(editor: &mut QuestionnaireScreen, ctx: &super::Ctx) -> Result<String, String> {
    let Some(s) = editor.suggestions.as_deref_mut() else {
        return Err("Suggestions come from the answer library for customer questionnaires only.".into());
    };
    if s.found.is_empty() {
        return Err(empty_reason(s));
    }
    s.selected = (s.selected + 1) % s.found.len();
    let said = format!("Suggestion {} of {} selected.", s.selected + 1, s.found.len());
    show_selected(editor, ctx);
    Ok(said)
}

/// Scroll the question's panel so the selected suggestion (its first lines) is in view.
fn show_selected(editor: &mut QuestionnaireScreen, ctx: &super::Ctx) {
    let area = super::questionnaire::detail_area(editor, ctx.size);
    let lines = super::questionnaire::question_lines(editor, area.width, ctx.theme);
    // The selected suggestion's first line starts with the selection mark.
    let Some(at) = lines.iter().position(|l| l.spans.first().is_some_and(|s| s.content == SELECTED)) else {
        return;
    };
    let height = usize::from(area.height);
    let max = super::questionnaire::detail_scroll_limit(editor, ctx.size, ctx.theme);
    let scroll = usize::from(editor.detail_scroll.min(max));
    // Room for the "more above/below" lines the panel draws at its edges.
    let wanted = if at < scroll + 1 {
        at.saturating_sub(1)
    } else if at + 4 >= scroll + height {
        (at + 5).saturating_sub(height)
    } else {
        scroll
    };
    editor.detail_scroll = u16::try_from(wanted).unwrap_or(u16::MAX).min(max);
}

/// The mark before the selected suggestion.
const SELECTED: &str = "> ";

fn empty_reason(s: &Suggestions) -> String {
    match &s.library {
        Loading::Waiting(_) => "The answer library is still being read; try again in a moment.".into(),
        Loading::Failed(e) => one_line(e),
        Loading::Ready(_) => "The answer library has no suggestion for this question.".into(),
    }
}

/// `a`: record the selected suggestion as the answer, its explanation as the comment for the customer when
/// their file has a comment column (else in the note, kept beside any note already there), and "library: SOURCE" as who gave it. Returns what to tell the user.
pub fn apply(editor: &mut QuestionnaireScreen, now: &str) -> Result<String, String> {
    let Some(s) = editor.suggestions.as_deref() else {
        return Err("Suggestions come from the answer library for customer questionnaires only.".into());
    };
    let question = editor.question().clone();
    if s.question.as_deref() != Some(question.id.as_str()) {
        return Err(empty_reason(s));
    }
    let Some(chosen) = s.selected().cloned() else { return Err(empty_reason(s)) };
    let value = match &chosen.option {
        Some(option) => NewValue::Typed(option.clone()),
        None => NewValue::Typed(chosen.answer.clone()),
    };
    let note = editor.assessment().note(&question.id).to_string();
    let explanation = chosen.explanation.trim();
    // A free-text answer may carry the explanation already: it is not repeated in the note.
    let new_note = if explanation.is_empty() || note.contains(explanation) || chosen.answer.contains(explanation) {
        note
    } else if note.trim().is_empty() {
        explanation.to_string()
    } else {
        format!("{note}\n{explanation}")
    };
    let source = chosen.provenance.describe();
    // The same checks as any answer: the question's type, hidden or read-only, the profile, the limits. It
    // records where it came from and stays suggested until approved. The explanation is for the customer:
    // their comment cell when the file has one (the answer and its explanation are separate fields), else
    // the note.
    let comment_cell = super::customer::cell(editor).is_some_and(|c| !c.comment_cell.is_empty());
    let comment = editor.assessment().answers().get(&question.id).map(|a| a.comment.clone()).unwrap_or_default();
    let (note, comment) = if comment_cell && !explanation.is_empty() {
        (None, Some(if comment.trim().is_empty() { explanation.to_string() } else { comment }))
    } else {
        (Some(new_note), None)
    };
    let change =
        Change::Suggest { question: question.id.clone(), value, note, source: library::fill::answer_source(&chosen) };
    let mut trial = editor.assessment().clone();
    let ctx = crate::assessment::model::change::Ctx::at(now);
    let comment = comment.map(|comment| Change::Comment { question: question.id.clone(), comment });
    for c in std::iter::once(&change).chain(comment.as_ref()) {
        crate::assessment::model::change::apply(&mut trial, c, ctx)
            .map_err(|e| format!("The suggestion does not fit: {e}."))?;
    }
    editor.apply(&change, now).map_err(|e| format!("The suggestion does not fit: {e}."))?;
    if let Some(comment) = &comment {
        editor.apply(comment, now).map_err(|e| format!("The suggestion does not fit: {e}."))?;
    }
    // The source's other fields fill this question's empty fields of the same name; a value a field refuses
    // is left (and said), never forced.
    let mut left = String::new();
    for field in library::fill::field_changes(editor.assessment(), &question.id, &chosen) {
        if let Err(e) = editor.apply(&field, now) {
            left.push_str(&format!(" A field was left empty: {e}."));
        }
    }
    editor.save()?;
    Ok(format!(
        "Suggested: {} (score {:.2}, from {}); approve it with {}.{left}",
        one_line(&chosen.answer),
        chosen.score,
        one_line(&source),
        keymap::key_label(Context::Questionnaire, Action::ApproveSuggestion)
    ))
}

/// `A`: approve the current question's answer filled from the library, as the current respondent.
pub fn approve(editor: &mut QuestionnaireScreen, now: &str) -> Result<String, String> {
    let question = editor.question().id.clone();
    let by = editor.assessment().respondent.clone();
    let change = Change::Approve { question, by };
    editor.apply(&change, now).map_err(|e| format!("Nothing to approve: {e}."))?;
    editor.save()?;
    Ok("Approved: the answer is yours now.".into())
}

/// Under the answer: where an answer filled from the library came from, its score and reason, and (while
/// suggested) the key that approves it; or who approved it.
pub fn source_lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let answer = editor.assessment().answers().get(&editor.question().id);
    let Some((entry, source)) = answer.and_then(|x| x.source.as_ref().map(|s| (x, s))) else { return Vec::new() };
    let text = if entry.suggested {
        let key = keymap::key_label(Context::Questionnaire, Action::ApproveSuggestion);
        format!(
            "◇ Suggested from the library ({}, score {:.2}): {}. Press {key} to approve.",
            source.reason,
            source.score,
            source.describe()
        )
    } else {
        let by = if source.approved_by.is_empty() { "nobody named".into() } else { one_line(&source.approved_by) };
        format!("From the library ({}): {}; approved by {by}.", source.reason, source.describe())
    };
    let style = if entry.suggested { t.suggested() } else { t.dim() };
    wrap(&one_line(&text), width).into_iter().map(|l| Line::styled(l, style)).collect()
}

/// How a suggestion's source is trusted and agreed with, in a few words.
fn standing(s: &Suggestion) -> String {
    let mut out = s.rung.words().to_string();
    if s.agree > 1 {
        out.push_str(&format!(", {} agree", s.agree));
    }
    out
}

/// The panel's lines, wrapped to `width`: the best three suggestions, the selected one marked.
pub fn lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let Some(s) = editor.suggestions.as_deref() else { return Vec::new() };
    let key = |a: Action| keymap::key_label(Context::Questionnaire, a);
    let mut out = vec![Line::from(vec![
        Span::styled("Library suggestions", t.label()),
        Span::styled(
            format!(" ({} next · {} apply)", key(Action::NextSuggestion), key(Action::ApplySuggestion)),
            t.dim(),
        ),
    ])];
    let fresh = s.question.as_deref() == Some(editor.question().id.as_str());
    if s.found.is_empty() || !fresh {
        let text = if fresh {
            empty_reason(s)
        } else if s.is_ready() {
            String::new()
        } else {
            empty_reason(s)
        };
        out.extend(wrap(&text, width).into_iter().map(|l| Line::styled(l, t.dim())));
        return out;
    }
    let inner = width.saturating_sub(5).max(1);
    for (i, found) in s.found.iter().enumerate() {
        let picked = i == s.selected;
        let mark = if picked { SELECTED } else { "  " };
        let style = if picked { t.chosen() } else { t.plain() };
        // The score always shows; the answer takes what is left of the line.
        let score = format!("  score {:.2}, {}", found.score, standing(found));
        let room = usize::from(width).saturating_sub(2 + score.chars().count()).max(8);
        let head = truncate(&format!("{}. {}", i + 1, one_line(&found.answer)), room);
        out.push(Line::from(vec![Span::raw(mark), Span::styled(head, style), Span::styled(score, t.dim())]));
        // Compact, so three fit beside the question: the explanation and what matched on a line each, where
        // it came from on up to two.
        let mut detail = Vec::new();
        if found.conflict {
            let text =
                format!("CONFLICT: another source of this question answers otherwise ({})", found.trust.describe());
            detail.push((text, t.warning(), 1));
        }
        if !found.explanation.trim().is_empty() {
            detail.push((found.explanation.clone(), t.plain(), 1));
        }
        detail.push((format!("from {}", found.provenance.describe()), t.dim(), 2));
        if found.rung != library::suggest::Rung::SameId {
            detail.push((format!("matched: {}", found.matched), t.dim(), 1));
        }
        if matches!(found.rung, library::suggest::Rung::Concepts | library::suggest::Rung::Readiness) {
            detail.push((format!("why: {}", found.reason), t.dim(), 1));
        }
        for (text, style, most) in detail {
            let mut wrapped = wrap(&one_line(&text), inner);
            if wrapped.len() > most {
                wrapped.truncate(most);
                let last = wrapped.pop().unwrap_or_default();
                wrapped.push(truncate(&format!("{last} …"), usize::from(inner)));
            }
            for l in wrapped {
                out.push(Line::from(vec![Span::raw("     "), Span::styled(l, style)]));
            }
        }
    }
    out
}
