//! Drawing the questionnaire screen: the sections with their progress, the current question (wrapped,
//! scrollable, with "more below" when it does not fit) and the field being typed in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::mode::{Mode, QuestionnaireScreen};
use crate::assessment::{AnswerValue, describe};
use crate::questionnaire::QuestionType;
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::{draw_input, fit_words, short_time, wrap};

pub fn draw(frame: &mut Frame, header: Rect, body: Rect, editor: &QuestionnaireScreen, ctx: &DrawCtx<'_>) {
    let t = ctx.theme;
    let a = editor.assessment();
    let q = a.questionnaire();
    let (per_section, total) = (&editor.tally().sections, editor.tally().total);
    // The progress and who is answering always show; the organisation and the title share what is left.
    // On a narrow terminal the progress says less, and the title goes before the organisation is cut short.
    let respondent = crate::tui::screens::interview::header(editor, &ctx.now, header.width);
    let room = |progress: &str| {
        usize::from(header.width).saturating_sub(12 + 2 + 3 + 1 + progress.width() + respondent.width())
    };
    // Carried-over answers still to confirm are not answered: the progress says how many are left.
    let to_confirm = match crate::assessment::model::review::review_counts(a).to_confirm {
        0 => String::new(),
        n => format!(", {n} to confirm"),
    };
    let mut progress_text = format!("│ {}% answered ({}/{}{to_confirm})", total.percent(), total.answered, total.shown);
    if room(&progress_text) < 20 {
        progress_text = format!("│ {}% ({}/{}{to_confirm})", total.percent(), total.answered, total.shown);
    }
    let free = room(&progress_text);
    let org = one_line(&a.org);
    let title = one_line(&q.title);
    // The organisation first: it says whose assessment this is; the title is the questionnaire, known.
    let org_width = org.width().min((free * 3 / 5).max(free.saturating_sub(title.width())));
    let title_width = free.saturating_sub(org_width);
    let names = if title_width >= 12 {
        format!("│ {} │ {} ", fit_words(&org, org_width), fit_words(&title, title_width))
    } else {
        // The separator and the title's few columns go to the organisation.
        format!("│ {} ", fit_words(&org, org.width().min(free + 3)))
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(names),
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
    // Once per frame, not per section: it looks through every answer.
    let shows_review = crate::tui::screens::interview::shows_review(editor);
    // INTERVIEW: each section's flags and open findings, so the meeting sees where the work is.
    let to_follow = crate::tui::screens::interview::follow_ups_by_section(editor);
    let items: Vec<ListItem> = shown
        .iter()
        .map(|&s| {
            let p = per_section[s];
            // C11: a section with no question shown has nothing to tick.
            let mark = if p.is_complete() && p.shown > 0 { "✓" } else { " " };
            let mut count = format!("{}/{}", p.answered, p.shown);
            // INTERVIEW: how many of those answers were reviewed against evidence (the rest are claimed).
            if shows_review {
                count.push_str(&format!(" ✔{}", crate::tui::screens::interview::reviewed_in_section(editor, s)));
            }
            let (flags, findings) = to_follow[s];
            if flags > 0 {
                count.push_str(&format!(" ⚑{flags}"));
            }
            if findings > 0 {
                count.push_str(&format!(" !{findings}"));
            }
            let title_width = label_width.saturating_sub(count.width() + 3);
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
        Mode::TypeAnswer(input) => {
            let what = super::fields::selected(editor).map_or_else(|| "Answer".to_string(), |f| f.name());
            draw_input(frame, input, &field_title(&what, Context::TypeAnswer), input_area)
        }
        Mode::TypeRespondent(input) => {
            draw_input(frame, input, &field_title("Who is answering", Context::TypeRespondent), input_area)
        }
        Mode::TypeEvidence(input) => draw_input(
            frame,
            input,
            &field_title("Evidence references, comma-separated", Context::TypeEvidence),
            input_area,
        ),
        Mode::Search(search) => super::super::search::draw(frame, body, editor, search, ctx),
        Mode::Plan(form) => form.draw(frame, body, t),
        Mode::Observation(form) => crate::tui::screens::interview::draw_form(frame, form, input_area, t),
        Mode::Conflict(_) => {}
        Mode::Findings(list) => crate::tui::screens::findings::draw(frame, body, editor, list, t),
        Mode::TypeAsk(input) => draw_input(frame, input, &field_title("Who to ask", Context::TypeAsk), input_area),
        Mode::Agenda(list) => crate::tui::screens::agenda::draw(frame, body, list, t),
    }
    // IMPORT: what the last export wrote and skipped, until the next key.
    crate::tui::screens::customer::draw_export(frame, body, editor, ctx);
}

/// A one-line field's title, with the keys that finish it: `Answer (Enter: save · Esc: cancel)`.
fn field_title(what: &str, context: Context) -> String {
    let save = keymap::key_label(context, Action::Confirm);
    let cancel = keymap::key_label(context, Action::Cancel);
    format!("{what} ({save}: save · {cancel}: cancel)")
}

/// How tall the text field under the question is, in the question's panel `inner`.
fn input_height(editor: &QuestionnaireScreen, inner: Rect) -> u16 {
    match editor.mode {
        Mode::Answering | Mode::Search(_) | Mode::Plan(_) | Mode::Conflict(_) | Mode::Findings(_) | Mode::Agenda(_) => {
            0
        }
        Mode::Observation(_) => crate::tui::screens::interview::FORM_HEIGHT,
        Mode::EditNote(_) => (inner.height / 3).max(5),
        Mode::TypeAnswer(_) | Mode::TypeRespondent(_) | Mode::TypeEvidence(_) | Mode::TypeAsk(_) => 3,
    }
}

/// How far the question's text can scroll in a terminal of `size`, so the keys stop where it ends.
pub fn detail_scroll_limit(editor: &QuestionnaireScreen, size: (u16, u16), t: Theme) -> u16 {
    let content = detail_area(editor, size);
    max_detail_scroll(question_lines(editor, content.width, t).len(), content.height)
}

/// Where the question's text goes in a terminal of `size`.
pub fn detail_area(editor: &QuestionnaireScreen, size: (u16, u16)) -> Rect {
    let body = Rect { x: 0, y: 0, width: size.0, height: size.1.saturating_sub(3) };
    let sections_width = (body.width / 3).clamp(22, 38);
    let [_, right] = Layout::horizontal([Constraint::Length(sections_width), Constraint::Min(30)]).areas(body);
    let inner = Block::bordered().inner(right);
    let [content, _] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(input_height(editor, inner))]).areas(inner);
    content
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
pub fn question_lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let a = editor.assessment();
    let question = editor.question();
    let answer = a.answers().get(&question.id);
    let value = answer.and_then(|x| x.value.as_ref());
    let mut lines: Vec<Line<'static>> = Vec::new();

    // A customer's question goes by their id, exactly as their file writes it (the key stays internal).
    let customer_id = super::super::customer::cell(editor).map(|c| c.id_as_found.trim()).filter(|i| !i.is_empty());
    let mut tags = vec![Span::styled(one_line(customer_id.unwrap_or(&question.id)), t.dim())];
    if question.critical {
        tags.push(Span::styled("  CRITICAL", t.warning()));
    }
    if answer.is_some_and(|x| x.follow_up) {
        tags.push(Span::styled("  ⚑ FOLLOW-UP", t.warning()));
    }
    let suggested = answer.is_some_and(|x| x.suggested && x.value.is_some());
    if suggested {
        tags.push(Span::styled("  ◇ SUGGESTED", t.suggested()));
    }
    tags.extend(crate::tui::screens::interview::question_tags(editor, t));
    lines.push(Line::from(tags));
    // IMPORT: where a customer's question is in their file, and whether its answer may be changed.
    lines.extend(crate::tui::screens::customer::lines(editor, width, t));
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
                (_, true) if suggested => " ◇ ",
                (_, true) => " ● ",
                (_, false) => "   ",
            };
            let key = if i < 9 { format!("{}", i + 1) } else { " ".to_string() };
            let style = match (picked, suggested) {
                (true, true) => t.suggested(),
                (true, false) => t.chosen(),
                _ => t.plain(),
            };
            // F8: after a refused digit the options flash (reversed) until the next key.
            let style = if editor.refused_option.is_some() {
                style.add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                style
            };
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
        if let Some(n) = editor.refused_option {
            let count = question.offered().len().min(9);
            let text = format!("▲ {n} is not an option here: only 1 to {count}");
            lines.push(Line::styled(text, t.warning()));
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
                let enter = keymap::key_label(super::answering_context(editor), Action::EditAnswer);
                let none = format!("(no answer yet: start typing, or press {enter})");
                lines.extend(labelled("Answer: ", &none, width, t.label(), t.plain()));
            }
        }
        lines.push(Line::styled(format!("({kind})"), t.dim()));
    }
    // LIBRARY: where a filled answer came from, and whether it still waits for approval.
    lines.extend(crate::tui::screens::suggestions::source_lines(editor, width, t));
    lines.push(Line::raw(""));
    // IMPORT: the customer's other answer fields and the comment for the customer.
    let fields = super::fields::lines(editor, width, t);
    if !fields.is_empty() {
        lines.extend(fields);
        lines.push(Line::raw(""));
    }

    // Note, who answered.
    let note = answer.map(|x| x.note.as_str()).unwrap_or("");
    if !matches!(editor.mode, Mode::EditNote(_)) {
        if note.is_empty() {
            let key = keymap::key_label(super::answering_context(editor), Action::EditNote);
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
    // REPORT: who owns closing the gap, and by when, once set.
    if let Some(x) = answer.filter(|x| !x.owner.is_empty() || !x.due.is_empty()) {
        let owner = if x.owner.is_empty() { "not set".to_string() } else { one_line(&x.owner) };
        let due = if x.due.is_empty() { String::new() } else { format!(", due {}", one_line(&x.due)) };
        for l in wrap(&format!("Owner: {owner}{due}"), width) {
            lines.push(Line::raw(l));
        }
    }
    if let Some(x) = answer.filter(|x| x.value.is_some()) {
        let by = if x.answered_by.is_empty() { String::new() } else { format!("by {} ", one_line(&x.answered_by)) };
        for l in wrap(&format!("Answered {by}on {}", short_time(&x.updated_at)), width) {
            lines.push(Line::styled(l, t.dim()));
        }
    }
    lines.extend(crate::tui::screens::interview::question_lines(editor, width, t));
    lines.push(Line::raw(""));
    // IMPORT: the answer library's best suggestions for a customer's question.
    let suggested = crate::tui::screens::suggestions::lines(editor, width, t);
    if !suggested.is_empty() {
        lines.extend(suggested);
        lines.push(Line::raw(""));
    }

    // Why it is asked, and what it evidences.
    let mut facts = Vec::new();
    if !question.criteria.is_empty() {
        facts.push(format!("Criteria {}", question.criteria.join(" ")));
    }
    if !question.description_criteria.is_empty() {
        facts.push(format!("System description {}", question.description_criteria.join(" ")));
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
