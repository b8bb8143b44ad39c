//! The questionnaire screen: sections with their progress beside the current question; answering by
//! keys (the rules are the core's, in `assessment::cursor`), and the fields for typed answers, notes,
//! evidence and who is answering.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use super::{Ctx, Outcome};
use crate::assessment::cursor::{self, ChooseError, Chosen, Unanswered};
use crate::assessment::{AnswerValue, describe, parse_answer, progress};
use crate::questionnaire::{Question, QuestionType};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::{Editor, Mode, evidence_references, line_input, note_input};
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;
use crate::tui::view::{draw_input, short_time, wrap};

/// Where the user is on this screen: answering, or typing in one of its fields.
pub fn context(editor: &Editor) -> Context {
    match editor.mode {
        Mode::Answering => Context::Questionnaire,
        Mode::TypeAnswer(_) => Context::TypeAnswer,
        Mode::EditNote(_) => Context::EditNote,
        Mode::TypeRespondent(_) => Context::TypeRespondent,
        Mode::TypeEvidence(_) => Context::TypeEvidence,
        Mode::Search(_) => Context::Search,
    }
}

/// The field being typed in, if any.
pub fn text_input(editor: &mut Editor) -> Option<&mut TextArea<'static>> {
    match &mut editor.mode {
        Mode::TypeAnswer(i) | Mode::EditNote(i) | Mode::TypeRespondent(i) | Mode::TypeEvidence(i) => Some(i),
        Mode::Search(search) => Some(search.typing()),
        Mode::Answering => None,
    }
}

/// On a number, text or date question, a typed character starts the answer with that character.
pub fn start_typed_answer(editor: &mut Editor, c: char) -> bool {
    if !matches!(editor.mode, Mode::Answering) || editor.question().kind.has_options() {
        return false;
    }
    let mut input = line_input("", typed_answer_hint(editor.question().kind));
    input.insert_char(c);
    editor.mode = Mode::TypeAnswer(input);
    true
}

/// The placeholder of the field for a typed answer.
fn typed_answer_hint(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Date => "YYYY-MM-DD",
        QuestionType::Number => "a number",
        _ => "your answer",
    }
}

pub fn update(editor: &mut Editor, action: Action, ctx: &Ctx) -> Outcome {
    match editor.mode {
        Mode::Answering => answering(editor, action, ctx),
        Mode::Search(_) => super::search::update(editor, action),
        Mode::EditNote(_) => note(editor, action, ctx),
        Mode::TypeAnswer(_) | Mode::TypeRespondent(_) | Mode::TypeEvidence(_) => typing(editor, action, ctx),
    }
}

/// A message if there is one.
fn say(text: Option<String>) -> Outcome {
    text.map_or(Outcome::Done, Outcome::Say)
}

fn saved(result: Result<(), String>, text: impl Into<String>) -> Outcome {
    match result {
        Ok(()) => Outcome::Say(text.into()),
        Err(e) => Outcome::Complain(e),
    }
}

/// Keys while answering (no field open).
fn answering(editor: &mut Editor, action: Action, ctx: &Ctx) -> Outcome {
    let key = |a: Action| keymap::key_label(Context::Questionnaire, a);
    let question = editor.question().clone();
    let now = ctx.now.as_str();
    match action {
        Action::Choose(n) => choose(editor, &question, n, now),
        Action::NextQuestion => say((!editor.next_question()).then(|| {
            let (unanswered, report) = (key(Action::NextUnanswered), key(Action::OpenReport));
            format!("That was the last question. Press {unanswered} for any left unanswered, {report} for the report.")
        })),
        Action::PreviousQuestion => say((!editor.previous_question()).then(|| "This is the first question.".into())),
        Action::NextSection => say((!editor.next_section()).then(|| "This is the last section.".into())),
        Action::PreviousSection => say((!editor.previous_section()).then(|| "This is the first section.".into())),
        Action::NextUnanswered => match editor.cursor.next_unanswered(editor.assessment()) {
            Unanswered::Here => Outcome::Say("This question is not answered yet.".into()),
            Unanswered::At(p) => {
                editor.go(p);
                Outcome::Done
            }
            Unanswered::None => Outcome::Say(format!(
                "Every shown question is answered. Press {} for the report.",
                key(Action::OpenReport)
            )),
        },
        Action::NextFlagged => match editor.cursor.next_flagged(editor.assessment()) {
            Some(p) => {
                editor.go(p);
                Outcome::Done
            }
            None => Outcome::Say("No question is flagged for follow-up.".into()),
        },
        Action::ScrollDown | Action::ScrollUp => {
            let max = detail_scroll_limit(editor, ctx.size, ctx.theme);
            let scroll = editor.detail_scroll.min(max);
            editor.detail_scroll =
                if action == Action::ScrollDown { scroll.saturating_add(1).min(max) } else { scroll.saturating_sub(1) };
            Outcome::Done
        }
        Action::ToggleFlag => {
            let flagged = editor.session.assessment.toggle_follow_up(&question.id, now);
            saved(editor.save(), if flagged { "Flagged for follow-up." } else { "Follow-up flag removed." })
        }
        Action::ClearAnswer => {
            editor.session.assessment.clear_value(&question.id, now);
            editor.recompute();
            saved(editor.save(), "Answer cleared.")
        }
        Action::EditAnswer if !question.kind.has_options() => {
            let current = editor.assessment().value(&question.id).map(|v| match v {
                AnswerValue::Number(n) => crate::assessment::answer::format_number(*n),
                AnswerValue::Text(t) => t.clone(),
                AnswerValue::List(l) => l.join(","),
            });
            editor.mode =
                Mode::TypeAnswer(line_input(current.as_deref().unwrap_or(""), typed_answer_hint(question.kind)));
            Outcome::Done
        }
        Action::EditAnswer => say((!editor.next_question()).then(|| "That was the last question.".into())),
        Action::EditNote => {
            editor.note_before = editor.assessment().note(&question.id).to_string();
            editor.mode = Mode::EditNote(note_input(&editor.note_before));
            Outcome::Done
        }
        Action::EditEvidence => {
            let current = editor.assessment().answers.get(&question.id).map(|a| a.evidence.join(", "));
            editor.mode = Mode::TypeEvidence(line_input(
                current.as_deref().unwrap_or(""),
                "e.g. Access Control Policy v2, JIRA-142, https://wiki/runbook",
            ));
            Outcome::Done
        }
        Action::SetRespondent => {
            // Start empty: in an interview the next person usually replaces the last one.
            let current = &editor.assessment().respondent;
            let placeholder = if current.is_empty() {
                "name of the person answering".to_string()
            } else {
                format!("now {}: type who answers next (Enter on nothing: nobody)", one_line(current))
            };
            editor.mode = Mode::TypeRespondent(line_input("", &placeholder));
            Outcome::Done
        }
        Action::Search => {
            editor.mode = Mode::Search(super::search::Search::new());
            Outcome::Done
        }
        Action::OpenReport => super::report::open(editor, ctx),
        Action::Back => match editor.flush(true, now, ctx.at) {
            Ok(_) => Outcome::Back,
            Err(e) => Outcome::Complain(e),
        },
        _ => Outcome::Done,
    }
}

/// Key N on the current question: pick (or, for multiple choice, tick) option N, by the core's rules; the
/// screen then moves on, stays, or opens the note for the reason of a "not applicable".
fn choose(editor: &mut Editor, question: &Question, n: usize, now: &str) -> Outcome {
    let key = |a: Action| keymap::key_label(Context::Questionnaire, a);
    let chosen = match cursor::choose(&mut editor.session.assessment, question, n, now) {
        Ok(chosen) => chosen,
        Err(ChooseError::TypedAnswer) => {
            return Outcome::Complain(format!(
                "This question takes a typed answer: type it, or press {}.",
                key(Action::EditAnswer)
            ));
        }
        Err(other) => return Outcome::Complain(other.to_string()),
    };
    editor.recompute();
    if let Err(e) = editor.save() {
        return Outcome::Complain(e);
    }
    match chosen {
        Chosen::Ticked => Outcome::Say(format!(
            "Ticked or unticked; press {} or {} when done.",
            key(Action::NextQuestion),
            key(Action::EditAnswer)
        )),
        Chosen::AskWhyNotApplicable => {
            editor.mode = Mode::EditNote(note_input(""));
            editor.note_before = String::new();
            editor.advance_after_note = true;
            let done = keymap::key_label(Context::EditNote, Action::Confirm);
            Outcome::Say(format!("Not applicable: say why in the note (auditors ask), then {done}."))
        }
        Chosen::Answered if !editor.next_question() => Outcome::Say(format!(
            "Saved. That was the last question: press {} for any left unanswered, {} for the report.",
            key(Action::NextUnanswered),
            key(Action::OpenReport)
        )),
        Chosen::Answered => Outcome::Done,
    }
}

/// Keys in the note editor (it is saved as it is typed; closing saves at once).
fn note(editor: &mut Editor, action: Action, ctx: &Ctx) -> Outcome {
    if action != Action::Confirm {
        return Outcome::Done;
    }
    let told = match editor.flush(true, &ctx.now, ctx.at) {
        Ok(told) => told,
        // Keep the note open: nothing typed is thrown away.
        Err(e) => return Outcome::Complain(e),
    };
    editor.mode = Mode::Answering;
    let id = editor.question().id.clone();
    let note = editor.assessment().note(&id).to_string();
    if std::mem::take(&mut editor.advance_after_note) && !note.is_empty() {
        editor.next_question();
    }
    match told {
        Some(told) => Outcome::Say(told),
        None if note == editor.note_before => Outcome::Done,
        None if note.is_empty() => Outcome::Say("Note removed.".into()),
        None => Outcome::Say("Note saved.".into()),
    }
}

/// Keys in a one-line field: a typed answer, evidence references, who is answering.
fn typing(editor: &mut Editor, action: Action, ctx: &Ctx) -> Outcome {
    let now = ctx.now.as_str();
    let question = editor.question().clone();
    let typed = match &editor.mode {
        Mode::TypeAnswer(i) | Mode::TypeRespondent(i) | Mode::TypeEvidence(i) => i.lines().join(" "),
        _ => return Outcome::Done,
    };
    match action {
        Action::Cancel => {
            editor.mode = Mode::Answering;
            Outcome::Done
        }
        Action::Confirm => match editor.mode {
            Mode::TypeAnswer(_) if typed.trim().is_empty() => {
                editor.mode = Mode::Answering;
                Outcome::Done
            }
            Mode::TypeAnswer(_) => match parse_answer(&question, &typed) {
                Ok(value) => {
                    editor.session.assessment.set_value(&question.id, value, now);
                    editor.mode = Mode::Answering;
                    editor.recompute();
                    match editor.save() {
                        Ok(()) => {
                            editor.next_question();
                            Outcome::Say("Saved.".into())
                        }
                        Err(e) => Outcome::Complain(e),
                    }
                }
                Err(e) => Outcome::Complain(e.to_string()),
            },
            Mode::TypeRespondent(_) => {
                let name = typed.trim().to_string();
                editor.session.assessment.set_respondent(&name, now);
                editor.mode = Mode::Answering;
                let text = if name.is_empty() {
                    "Answers will not name who gave them.".into()
                } else {
                    format!("Answers are now recorded as given by {name}.")
                };
                saved(editor.save(), text)
            }
            _ => {
                let references = evidence_references(&typed);
                let count = references.len();
                editor.session.assessment.set_evidence(&question.id, references, now);
                editor.mode = Mode::Answering;
                let text = match count {
                    0 => "Evidence references removed.".to_string(),
                    1 => "1 evidence reference recorded.".to_string(),
                    n => format!("{n} evidence references recorded."),
                };
                saved(editor.save(), text)
            }
        },
        _ => Outcome::Done,
    }
}

pub fn draw(frame: &mut Frame, header: Rect, body: Rect, editor: &Editor, app: &App) {
    let t = app.theme;
    let a = editor.assessment();
    let q = a.questionnaire();
    let (per_section, total) = progress(a, editor.vis());
    // The progress and who is answering always show; the organisation and the title share what is left.
    let progress_text = format!("│ {}% answered ({}/{})", total.percent(), total.answered, total.shown);
    let respondent = if a.respondent.is_empty() {
        String::new()
    } else {
        format!(" │ answering: {}", truncate(&one_line(&a.respondent), 30))
    };
    let fixed = 12 + 2 + 3 + 1 + progress_text.width() + respondent.width();
    let free = usize::from(header.width).saturating_sub(fixed);
    let org = one_line(&a.org);
    let title = one_line(&q.title);
    let org_width = org.width().min((free * 2 / 5).max(free.saturating_sub(title.width())));
    let title_width = free.saturating_sub(org_width);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(format!("│ {} │ {} ", truncate(&org, org_width), truncate(&title, title_width))),
            Span::styled(progress_text, t.label()),
            Span::raw(respondent),
        ])),
        header,
    );

    let sections_width = (body.width / 3).clamp(22, 38);
    let [left, right] = Layout::horizontal([Constraint::Length(sections_width), Constraint::Min(30)]).areas(body);

    // Sections, each with its progress; the current one marked.
    let shown: Vec<usize> = (0..q.sections.len()).filter(|&s| editor.vis().sections[s]).collect();
    let label_width = usize::from(sections_width.saturating_sub(4));
    let items: Vec<ListItem> = shown
        .iter()
        .map(|&s| {
            let p = per_section[s];
            let mark = if p.is_complete() { "✓" } else { " " };
            let count = format!("{}/{}", p.answered, p.shown);
            let title_width = label_width.saturating_sub(count.len() + 3);
            let title = truncate(&one_line(&q.sections[s].title), title_width);
            let pad = title_width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            ListItem::new(Line::from(format!("{mark} {title}{} {count}", " ".repeat(pad))))
        })
        .collect();
    let current = shown.iter().position(|&s| s == editor.cursor.section);
    let list = List::new(items)
        .block(Block::bordered().title(" Sections "))
        .highlight_style(t.selected())
        .highlight_symbol(">");
    frame.render_stateful_widget(list, left, &mut ListState::default().with_selected(current));

    // The current question.
    let section = &q.sections[editor.cursor.section];
    let section_questions: Vec<usize> =
        (0..section.questions.len()).filter(|&i| editor.vis().question(editor.cursor.section, i)).collect();
    let number = section_questions.iter().position(|&i| i == editor.cursor.question).map_or(0, |p| p + 1);
    let block = Block::bordered().title(format!(
        " {} · question {number} of {} ",
        truncate(&one_line(&section.title), usize::from(right.width.saturating_sub(24))),
        section_questions.len()
    ));
    let inner = block.inner(right);
    frame.render_widget(block, right);

    let [content, input_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(input_height(editor, inner))]).areas(inner);
    let lines = question_lines(editor, content.width, t);
    let max = max_detail_scroll(lines.len(), content.height);
    let scroll = editor.detail_scroll.min(max);
    let height = usize::from(content.height);
    let mut shown: Vec<Line> = lines.into_iter().skip(usize::from(scroll)).take(height).collect();
    // Signal what does not fit, and the key that brings it into view.
    if scroll > 0 && height >= 2 {
        let key = keymap::key_label(Context::Questionnaire, Action::ScrollUp);
        shown[0] = Line::styled(format!("▲ more above ({key} scrolls up)"), t.dim());
    }
    if scroll < max && height >= 2 {
        let key = keymap::key_label(Context::Questionnaire, Action::ScrollDown);
        let last = shown.len() - 1;
        shown[last] = Line::styled(format!("▼ more below ({key} scrolls down)"), t.dim());
    }
    frame.render_widget(Paragraph::new(shown), content);

    match &editor.mode {
        Mode::Answering => {}
        Mode::EditNote(input) => {
            let done = keymap::key_label(Context::EditNote, Action::Confirm);
            draw_input(frame, input, &format!("Note (Enter: new line · {done}: done)"), input_area)
        }
        Mode::TypeAnswer(input) => draw_input(frame, input, &field_title("Answer", Context::TypeAnswer), input_area),
        Mode::TypeRespondent(input) => {
            draw_input(frame, input, &field_title("Who is answering", Context::TypeRespondent), input_area)
        }
        Mode::TypeEvidence(input) => draw_input(
            frame,
            input,
            &field_title("Evidence references, comma-separated", Context::TypeEvidence),
            input_area,
        ),
        Mode::Search(search) => super::search::draw(frame, body, editor, search, app),
    }
}

/// A one-line field's title, with the keys that finish it: `Answer (Enter: save · Esc: cancel)`.
fn field_title(what: &str, context: Context) -> String {
    let save = keymap::key_label(context, Action::Confirm);
    let cancel = keymap::key_label(context, Action::Cancel);
    format!("{what} ({save}: save · {cancel}: cancel)")
}

/// How tall the text field under the question is, in the question's panel `inner`.
fn input_height(editor: &Editor, inner: Rect) -> u16 {
    match editor.mode {
        Mode::Answering | Mode::Search(_) => 0,
        Mode::EditNote(_) => (inner.height / 3).max(5),
        Mode::TypeAnswer(_) | Mode::TypeRespondent(_) | Mode::TypeEvidence(_) => 3,
    }
}

/// How far the question's text can scroll in a terminal of `size`, so the keys stop where it ends.
pub fn detail_scroll_limit(editor: &Editor, size: (u16, u16), t: Theme) -> u16 {
    let body = Rect { x: 0, y: 0, width: size.0, height: size.1.saturating_sub(3) };
    let sections_width = (body.width / 3).clamp(22, 38);
    let [_, right] = Layout::horizontal([Constraint::Length(sections_width), Constraint::Min(30)]).areas(body);
    let inner = Block::bordered().inner(right);
    let [content, _] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(input_height(editor, inner))]).areas(inner);
    max_detail_scroll(question_lines(editor, content.width, t).len(), content.height)
}

fn max_detail_scroll(lines: usize, height: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// A label followed by text wrapped to `width`: the label stands apart from the text, so no text of any
/// shape (a leading line break, a word wider than the panel) can disturb it.
fn labelled(label: &str, text: &str, width: u16, label_style: Style, text_style: Style) -> Vec<Line<'static>> {
    let label_width = unicode_width::UnicodeWidthStr::width(label);
    let indent = " ".repeat(label_width);
    let safe = crate::text::visible(text);
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    // Paragraph by paragraph: only the first leaves room for the label.
    for (p, paragraph) in safe.split('\n').enumerate() {
        let options = textwrap::Options::new(width);
        let options = if p == 0 { options.initial_indent(&indent) } else { options };
        for (i, l) in textwrap::wrap(paragraph, options).into_iter().enumerate() {
            if p == 0 && i == 0 {
                let rest = l.strip_prefix(indent.as_str()).unwrap_or_else(|| l.trim_start()).to_string();
                lines.push(Line::from(vec![
                    Span::styled(label.to_string(), label_style),
                    Span::styled(rest, text_style),
                ]));
            } else {
                lines.push(Line::styled(l.into_owned(), text_style));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(label.to_string(), label_style));
    }
    lines
}

/// Everything the question's panel shows above the text field, wrapped to `width`.
pub fn question_lines(editor: &Editor, width: u16, t: Theme) -> Vec<Line<'static>> {
    let a = editor.assessment();
    let question = editor.question();
    let answer = a.answers.get(&question.id);
    let value = answer.and_then(|x| x.value.as_ref());
    let mut lines: Vec<Line<'static>> = Vec::new();

    let mut tags = vec![Span::styled(one_line(&question.id), t.dim())];
    if question.critical {
        tags.push(Span::styled("  CRITICAL", t.warning()));
    }
    if answer.is_some_and(|x| x.follow_up) {
        tags.push(Span::styled("  ⚑ FOLLOW-UP", t.warning()));
    }
    lines.push(Line::from(tags));
    for l in wrap(&question.text, width) {
        lines.push(Line::styled(l, t.title()));
    }
    lines.push(Line::raw(""));

    // The answer.
    if question.kind.has_options() {
        let chosen: Vec<&str> = match value {
            Some(AnswerValue::Text(t)) => vec![t.as_str()],
            Some(AnswerValue::List(l)) => l.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        for (i, option) in question.offered().iter().enumerate() {
            let picked = chosen.contains(&option.id);
            let mark = match (question.kind, picked) {
                (QuestionType::Multi, true) => "[x]",
                (QuestionType::Multi, false) => "[ ]",
                (_, true) => " ● ",
                (_, false) => "   ",
            };
            let key = if i < 9 { format!("{}", i + 1) } else { " ".to_string() };
            let style = if picked { t.chosen() } else { t.plain() };
            // Long labels wrap under themselves, after the mark and the key.
            let label = one_line(option.label);
            let mut wrapped = textwrap::wrap(&label, usize::from(width.saturating_sub(5).max(1))).into_iter();
            lines.push(Line::from(vec![
                Span::raw(mark),
                Span::styled(format!("{key} "), t.key()),
                Span::styled(wrapped.next().map(|l| l.into_owned()).unwrap_or_default(), style),
            ]));
            for l in wrapped {
                lines.push(Line::from(vec![Span::raw("     "), Span::styled(l.into_owned(), style)]));
            }
        }
    } else {
        let kind = match question.kind {
            QuestionType::Number => match (question.min, question.max) {
                (Some(min), Some(max)) => format!("number, {min} to {max}"),
                _ => "number".to_string(),
            },
            QuestionType::Date => "date, YYYY-MM-DD".to_string(),
            _ => "text".to_string(),
        };
        match value {
            Some(v) => lines.extend(labelled("Answer: ", &describe(question, v), width, t.label(), t.plain())),
            None => {
                let enter = keymap::key_label(Context::Questionnaire, Action::EditAnswer);
                let none = format!("(no answer yet: start typing, or press {enter})");
                lines.extend(labelled("Answer: ", &none, width, t.label(), t.plain()));
            }
        }
        lines.push(Line::styled(format!("({kind})"), t.dim()));
    }
    lines.push(Line::raw(""));

    // Note, who answered.
    let note = answer.map(|x| x.note.as_str()).unwrap_or("");
    if !matches!(editor.mode, Mode::EditNote(_)) {
        if note.is_empty() {
            let key = keymap::key_label(Context::Questionnaire, Action::EditNote);
            lines.push(Line::from(vec![
                Span::styled("Note: ", t.label()),
                Span::styled(format!("none ({key} to write one)"), t.dim()),
            ]));
        } else {
            lines.extend(labelled("Note: ", note, width, t.label(), t.plain()));
        }
    }
    if let Some(x) = answer.filter(|x| !x.evidence.is_empty()) {
        for l in wrap(&format!("Evidence kept: {}", x.evidence.join("; ")), width) {
            lines.push(Line::raw(l));
        }
    }
    if let Some(x) = answer.filter(|x| x.value.is_some()) {
        let by = if x.answered_by.is_empty() { String::new() } else { format!("by {} ", one_line(&x.answered_by)) };
        for l in wrap(&format!("Answered {by}on {}", short_time(&x.updated_at)), width) {
            lines.push(Line::styled(l, t.dim()));
        }
    }
    lines.push(Line::raw(""));

    // Why it is asked, and what it evidences.
    let mut facts = Vec::new();
    if !question.criteria.is_empty() {
        facts.push(format!("Criteria {}", question.criteria.join(" ")));
    }
    if let Some(w) = question.weight {
        facts.push(format!("weight {w}"));
    }
    if let Some(area) = question.ai_area {
        facts.push(format!("AI: {}", area.label()));
    }
    if !facts.is_empty() {
        for l in wrap(&facts.join(" · "), width) {
            lines.push(Line::styled(l, t.label()));
        }
    }
    for l in wrap(&format!("Why it is asked: {}", question.help), width) {
        lines.push(Line::styled(l, t.dim()));
    }
    if !question.evidence.is_empty() {
        for l in wrap(&format!("Typical evidence: {}", question.evidence.join("; ")), width) {
            lines.push(Line::styled(l, t.dim()));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_label_stands_apart_from_any_text() {
        let s = Style::new();
        assert_eq!(text(&labelled("Note: ", "\nabc", 20, s, s)), ["Note: ", "abc"]);
        assert_eq!(text(&labelled("Note: ", "one\n\ntwo", 20, s, s)), ["Note: one", "", "two"]);
        assert_eq!(text(&labelled("Note: ", &"a".repeat(30), 20, s, s)), ["Note: ", &"a".repeat(20), &"a".repeat(10)]);
        assert_eq!(text(&labelled("Note: ", "short one", 20, s, s)), ["Note: short one"]);
        assert_eq!(text(&labelled("Note: ", "", 20, s, s)), ["Note: "]);
        assert_eq!(text(&labelled("Note: ", &format!("\n{}", "a".repeat(30)), 20, s, s)).len(), 3);
        assert!(!text(&labelled("Note: ", "x\n", 1, s, s)).is_empty());
    }
}
