//! The assessment being answered: where the user is, moving between shown questions, and saving (answers
//! at once, the note being typed and the position at most once a second).

use std::time::{Duration, Instant};

use ratatui_textarea::{TextArea, WrapMode};

use crate::assessment::{Assessment, Position, Session, Visibility, parse_answer};
use crate::questionnaire::format::NOT_APPLICABLE;
use crate::questionnaire::{Question, QuestionType};

/// Changes that are not answers (the note being typed, where the user is) are saved at most this often.
pub const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// An assessment being answered.
pub struct Editor {
    pub session: Session,
    pub vis: Visibility,
    pub section: usize,
    pub question: usize,
    pub mode: Mode,
    /// A change not yet on disk (the note being typed, the position).
    pub dirty: bool,
    pub last_save: Instant,
    pub(super) advance_after_note: bool,
    /// The note as it was when the note editor opened, to tell what closing it did.
    pub(super) note_before: String,
    /// How far the question's text is scrolled, when it is taller than its panel.
    pub detail_scroll: u16,
}

pub enum Mode {
    Answering,
    TypeAnswer(TextArea<'static>),
    EditNote(TextArea<'static>),
    TypeRespondent(TextArea<'static>),
    TypeEvidence(TextArea<'static>),
    Search { input: TextArea<'static>, selected: usize },
}

pub(super) fn line_input(initial: &str, placeholder: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![initial.replace(['\n', '\r'], " ")]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_placeholder_text(placeholder);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

pub(super) fn note_input(initial: &str) -> TextArea<'static> {
    let lines: Vec<String> =
        if initial.is_empty() { vec![String::new()] } else { initial.lines().map(String::from).collect() };
    let mut input = TextArea::new(lines);
    input.move_cursor(ratatui_textarea::CursorMove::Bottom);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input.set_wrap_mode(WrapMode::WordOrGlyph);
    input.set_placeholder_text("Type the note; Enter starts a new line, Esc when done");
    input.set_cursor_line_style(ratatui::style::Style::new());
    input
}

impl Editor {
    pub fn new(session: Session) -> Editor {
        let vis = Visibility::of_assessment(&session.assessment);
        let mut editor = Editor {
            session,
            vis,
            section: 0,
            question: 0,
            mode: Mode::Answering,
            dirty: false,
            last_save: Instant::now(),
            advance_after_note: false,
            note_before: String::new(),
            detail_scroll: 0,
        };
        editor.resume();
        editor
    }

    pub fn assessment(&self) -> &Assessment {
        &self.session.assessment
    }

    pub fn question(&self) -> &Question {
        &self.assessment().questionnaire().sections[self.section].questions[self.question]
    }

    /// Go where the user was, or to the first unanswered question.
    fn resume(&mut self) {
        let q = self.assessment().questionnaire();
        let saved = self.assessment().position.as_ref().and_then(|p| {
            let s = q.sections.iter().position(|s| s.id == p.section)?;
            let i = q.sections[s].questions.iter().position(|x| x.id == p.question)?;
            self.vis.question(s, i).then_some((s, i))
        });
        let target = saved
            .or_else(|| self.shown().find(|&(s, i)| self.assessment().value(&q.sections[s].questions[i].id).is_none()))
            .or_else(|| self.shown().next())
            .unwrap_or((0, 0));
        (self.section, self.question) = target;
    }

    /// The shown questions matching what is typed in the search box.
    pub fn search_results(&self) -> Vec<(usize, usize)> {
        let Mode::Search { input, .. } = &self.mode else { return Vec::new() };
        let query = input.lines().join(" ");
        crate::questionnaire::search::find(self.assessment().questionnaire(), &query)
            .into_iter()
            .filter(|&(s, i)| self.vis.question(s, i))
            .collect()
    }

    /// Every shown question, in order, as (section, question) indexes.
    pub fn shown(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.vis
            .questions
            .iter()
            .enumerate()
            .flat_map(|(s, row)| row.iter().enumerate().filter(|(_, v)| **v).map(move |(i, _)| (s, i)))
    }

    pub(super) fn go(&mut self, (section, question): (usize, usize)) {
        if (section, question) != (self.section, self.question) {
            (self.section, self.question) = (section, question);
            self.detail_scroll = 0;
            let q = self.assessment().questionnaire();
            let position = Position {
                section: q.sections[section].id.clone(),
                question: q.sections[section].questions[question].id.clone(),
            };
            self.session.assessment.position = Some(position);
            self.dirty = true;
        }
    }

    /// The next shown question after the current one that satisfies `pred`, wrapping around when `wrap`.
    pub(super) fn find_after(&self, wrap: bool, pred: impl Fn(usize, usize) -> bool) -> Option<(usize, usize)> {
        let here = (self.section, self.question);
        let shown: Vec<(usize, usize)> = self.shown().collect();
        let after = shown.iter().copied().filter(|&p| p > here);
        let before = shown.iter().copied().filter(|&p| p <= here);
        if wrap { after.chain(before).find(|&(s, i)| pred(s, i)) } else { after.into_iter().find(|&(s, i)| pred(s, i)) }
    }

    pub fn next_question(&mut self) -> bool {
        match self.find_after(false, |_, _| true) {
            Some(p) => {
                self.go(p);
                true
            }
            None => false,
        }
    }

    pub fn previous_question(&mut self) -> bool {
        let here = (self.section, self.question);
        let target = self.shown().filter(|&p| p < here).last();
        match target {
            Some(p) => {
                self.go(p);
                true
            }
            None => false,
        }
    }

    pub fn next_section(&mut self) -> bool {
        let section = self.section;
        let target = self.shown().find(|&(s, _)| s > section);
        match target {
            Some(p) => {
                self.go(p);
                true
            }
            None => false,
        }
    }

    pub fn previous_section(&mut self) -> bool {
        let section = self.section;
        let Some(target) = self.shown().filter(|&(s, _)| s < section).map(|(s, _)| s).last() else { return false };
        let first = self.shown().find(|&(s, _)| s == target).expect("a shown section has a shown question");
        self.go(first);
        true
    }

    pub(super) fn recompute(&mut self) {
        self.vis = Visibility::of_assessment(&self.session.assessment);
    }

    /// Write the assessment now. On failure the change stays in memory and is retried with the next save.
    pub fn save(&mut self) -> Result<(), String> {
        self.save_at(Instant::now())
    }

    fn save_at(&mut self, at: Instant) -> Result<(), String> {
        self.last_save = at;
        match self.session.save() {
            Ok(()) => {
                self.dirty = false;
                Ok(())
            }
            Err(e) => {
                self.dirty = true;
                Err(format!("{e}. Your answers are kept here and saved with the next change."))
            }
        }
    }

    /// Save what is waiting, if the last save was at least [`SAVE_INTERVAL`] before `at` (or `force`).
    ///
    /// A note over the length limit is not lost: while it is being typed it stays in the editor (and is
    /// not saved); when it must be saved (`force`: closing the editor, quitting) the assessment keeps it cut
    /// to the limit with a marker, and the whole text goes to a recovery file beside the assessment. The
    /// `Ok` message says so.
    pub fn flush(&mut self, force: bool, now: &str, at: Instant) -> Result<Option<String>, String> {
        let mut told = None;
        if let Mode::EditNote(input) = &self.mode {
            let mut note = input.lines().join("\n");
            if let Err(e) = crate::assessment::answer::check_note(&note) {
                if !force {
                    return Err(format!("{e}. It is kept here; closing the note keeps it, cut, with a copy in full."));
                }
                let recovery = note_recovery_path(&self.session.path, &self.question().id);
                crate::assessment::store::write_private(&recovery, note.as_bytes())
                    .map_err(|e| format!("the note is over the limit and its full text could not be kept: {e}"))?;
                note = cut_note(&note, &recovery);
                told = Some(format!(
                    "The note was over the length limit: it is saved cut short, and in full in {}",
                    recovery.display()
                ));
            }
            let id = self.question().id.clone();
            if self.assessment().note(&id) != note {
                self.session.assessment.set_note(&id, &note, now);
                self.dirty = true;
            }
        }
        if self.dirty && (force || at.saturating_duration_since(self.last_save) >= SAVE_INTERVAL) {
            self.save_at(at)?;
        }
        Ok(told)
    }
}

/// Where the full text of a note too long to save is kept: `FILE.note-QUESTION.txt` beside the assessment.
pub fn note_recovery_path(assessment: &std::path::Path, question: &str) -> std::path::PathBuf {
    let id: String =
        question.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let name = assessment.file_name().unwrap_or_default().to_string_lossy();
    assessment.with_file_name(format!("{name}.note-{id}.txt"))
}

/// A note cut to the length limit, ending with a marker that says where the rest is.
fn cut_note(note: &str, recovery: &std::path::Path) -> String {
    let marker = format!("\n[… cut: the full note is in {}]", recovery.display());
    let keep = crate::assessment::answer::MAX_ANSWER_CHARS.saturating_sub(marker.chars().count());
    let mut cut: String = note.chars().take(keep).collect();
    cut.push_str(&marker);
    cut
}

/// Evidence references as typed: separated by commas, blanks dropped.
pub fn evidence_references(typed: &str) -> Vec<String> {
    typed.split(',').map(str::trim).filter(|r| !r.is_empty()).map(String::from).collect()
}

/// Key N on the current question: pick (or, for multiple choice, tick) option N.
pub(super) fn choose(editor: &mut Editor, question: &Question, n: usize, now: &str) -> Result<String, String> {
    let offered = question.offered();
    let Some(option) = offered.get(n - 1) else {
        return Err(match question.kind {
            QuestionType::Number | QuestionType::Text | QuestionType::Date => {
                "This question takes a typed answer: press Enter to type it.".to_string()
            }
            _ => format!("There is no option {n}: this question has {}.", offered.len()),
        });
    };
    let option_id = option.id.to_string();
    let value = match question.kind {
        QuestionType::Multi => {
            let mut chosen: Vec<String> = editor
                .assessment()
                .value(&question.id)
                .and_then(|v| v.as_list())
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            if let Some(i) = chosen.iter().position(|c| *c == option_id) {
                chosen.remove(i);
            } else {
                chosen.push(option_id.clone());
            }
            chosen.join(",")
        }
        _ => option_id.clone(),
    };
    let parsed = parse_answer(question, &value).map_err(|e| e.to_string())?;
    editor.session.assessment.set_value(&question.id, parsed, now);
    editor.recompute();
    editor.save()?;
    if question.kind == QuestionType::Multi {
        return Ok("Ticked or unticked; press ↓ or Enter when done.".into());
    }
    if option_id == NOT_APPLICABLE && editor.assessment().note(&question.id).is_empty() {
        editor.mode = Mode::EditNote(note_input(""));
        editor.note_before = String::new();
        editor.advance_after_note = true;
        return Ok("Not applicable: say why in the note (auditors ask), then Esc.".into());
    }
    if !editor.next_question() {
        return Ok("Saved. That was the last question: press u for any left unanswered, r for the report.".into());
    }
    Ok(String::new())
}
