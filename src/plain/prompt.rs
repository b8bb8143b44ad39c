//! A question as plain lines, written to be heard: the important word first, no decoration, the position
//! said in words, options read as "1 Not in place". Every text from the questionnaire or the answers
//! passes through `text::one_line`, so no control character reaches the terminal.

use crate::assessment::interview::cursor::Cursor;
use crate::assessment::model::answer::accepted;
use crate::assessment::{AnswerValue, Assessment, describe, model::review, progress};
use crate::questionnaire::{Question, QuestionType};
use crate::text::one_line;

/// "Access control, section 2 of 14. Who can reach production." Said when a section begins.
pub fn section_line(a: &Assessment, section: usize) -> String {
    let sections = &a.questionnaire().sections;
    let s = &sections[section];
    let mut line = format!("{}, section {} of {}.", one_line(s.title.trim()), section + 1, sections.len());
    if !s.description.trim().is_empty() {
        line.push(' ');
        line.push_str(&sentence(&s.description));
    }
    line
}

/// "Question 4 of 19, Access control. 7 of 170 answered." Counting the questions shown.
pub fn position_line(a: &Assessment, cursor: &Cursor) -> String {
    let (section, _) = cursor.here();
    let in_section: Vec<_> = cursor.shown().filter(|&(s, _)| s == section).collect();
    let number = in_section.iter().position(|&p| p == cursor.here()).map_or(0, |i| i + 1);
    let (_, total) = progress(a, &cursor.vis);
    format!(
        "Question {number} of {}, {}. {} of {} answered.",
        in_section.len(),
        one_line(a.questionnaire().sections[section].title.trim()),
        total.answered,
        total.shown
    )
}

/// The question, what it accepts (numbered options, or what to type), and its answer, note and flag.
pub fn question_lines(a: &Assessment, question: &Question) -> Vec<String> {
    let mut lines = Vec::new();
    let critical = if question.critical { "Critical. " } else { "" };
    lines.push(format!("{critical}{}", one_line(question.text.trim())));
    let chosen: Vec<&str> = match a.value(&question.id).and_then(|v| v.as_list()) {
        Some(list) => list.iter().map(String::as_str).collect(),
        None => Vec::new(),
    };
    match question.kind {
        QuestionType::Multi => {
            lines.push("Choose any: type their numbers, separated by commas or spaces; clear for none.".into());
            for (i, o) in question.offered().iter().enumerate() {
                let ticked = if chosen.contains(&o.id) { ", chosen" } else { "" };
                lines.push(format!("{} {}{ticked}", i + 1, one_line(o.label)));
            }
        }
        _ if question.kind.has_options() => {
            lines
                .extend(question.offered().iter().enumerate().map(|(i, o)| format!("{} {}", i + 1, one_line(o.label))));
        }
        _ => lines.push(typed_hint(question)),
    }
    lines.push(status_line(a, question));
    lines
}

/// What to type on a number, text or date question.
fn typed_hint(question: &Question) -> String {
    match question.kind {
        QuestionType::Number if !question.unit.trim().is_empty() => {
            format!("Type {}, in {}.", accepted(question), one_line(question.unit.trim()))
        }
        QuestionType::Number | QuestionType::Date => format!("Type {}.", accepted(question)),
        _ => "Type the answer on one line.".into(),
    }
}

/// "Answer: Yes. Has a note. Flagged for follow-up." or "Not answered."
pub fn status_line(a: &Assessment, question: &Question) -> String {
    let entry = a.answers().get(&question.id);
    let mut line = match entry.and_then(|e| e.value.as_ref()) {
        Some(v) => format!("Answered: {}.", spoken_value(question, v)),
        None => "Not answered.".to_string(),
    };
    if review::is_to_confirm(a, &question.id) {
        line.push_str(" Carried over from last year: type confirm if it still holds.");
    }
    if entry.is_some_and(|e| !e.note.trim().is_empty()) {
        line.push_str(" Has a note.");
    }
    match entry.map_or(0, |e| e.evidence.len()) {
        0 => {}
        1 => line.push_str(" 1 evidence reference."),
        n => line.push_str(&format!(" {n} evidence references.")),
    }
    if a.is_flagged(&question.id) {
        line.push_str(" Flagged for follow-up.");
    }
    if let Some(why) = crate::assessment::model::source::read_only(a, &question.id) {
        line.push(' ');
        line.push_str(&why);
    }
    line
}

/// The question's help: why it is asked, what it evidences, what it accepts, its note.
pub fn help_lines(a: &Assessment, question: &Question) -> Vec<String> {
    let mut lines = Vec::new();
    if !question.help.trim().is_empty() {
        lines.push(format!("Why it is asked: {}", sentence(&question.help)));
    }
    if !question.criteria.is_empty() {
        let criteria: Vec<String> = question.criteria.iter().map(|c| one_line(c)).collect();
        let weight = question.weight.map(|w| format!(" Weight {w}.")).unwrap_or_default();
        lines.push(format!("Criteria: {}.{weight}", criteria.join(", ")));
    }
    if !question.description_criteria.is_empty() {
        let points: Vec<String> = question.description_criteria.iter().map(|c| one_line(c)).collect();
        lines.push(format!("System description (DC 200): {}.", points.join(", ")));
    }
    if !question.remediation.trim().is_empty() {
        lines.push(format!("To close the gap: {}", sentence(&question.remediation)));
    }
    lines.push(format!("Accepts: {}", accepts(question)));
    let note = a.note(&question.id);
    if !note.trim().is_empty() {
        lines.push(format!("Note: {}", one_line(note.trim())));
    }
    lines.push(format!("Question id: {}.", one_line(&question.id)));
    lines
}

/// What a question accepts, in the forms plain mode takes.
pub fn accepts(question: &Question) -> String {
    let count = question.offered().len();
    match question.kind {
        QuestionType::Yesno => "1 or y for yes, 2 or n for no.".into(),
        QuestionType::Multi => {
            format!("option numbers from 1 to {count}, separated by commas or spaces, or clear for none.")
        }
        QuestionType::Maturity | QuestionType::Choice => format!("an option number from 1 to {count}, or its name."),
        QuestionType::Number => match &question.unit {
            u if !u.trim().is_empty() => format!("{}, in {}.", accepted(question), one_line(u.trim())),
            _ => format!("{}.", accepted(question)),
        },
        QuestionType::Date => format!("{}, for example 2026-03-31.", accepted(question)),
        QuestionType::Text => "any text on one line.".into(),
    }
}

/// Every section with its progress: "2 Access control, 3 of 4 answered, current."
pub fn list_lines(a: &Assessment, cursor: &Cursor) -> Vec<String> {
    let (per_section, total) = progress(a, &cursor.vis);
    let mut lines = vec![format!("{} sections. {} of {} answered.", per_section.len(), total.answered, total.shown)];
    for (i, (section, p)) in a.questionnaire().sections.iter().zip(&per_section).enumerate() {
        let title = one_line(section.title.trim());
        let mut line = if cursor.vis.sections[i] {
            format!("{} {title}, {} of {} answered", i + 1, p.answered, p.shown)
        } else {
            format!("{} {title}, hidden by earlier answers", i + 1)
        };
        if i == cursor.section {
            line.push_str(", current");
        }
        line.push('.');
        lines.push(line);
    }
    lines
}

/// Why a section or question is not asked, in words: the questions its condition depends on (the
/// section's condition when the section is hidden, else the question's).
pub fn depends_on(
    a: &Assessment,
    vis: &crate::assessment::Visibility,
    section: usize,
    question: Option<usize>,
) -> String {
    let s = &a.questionnaire().sections[section];
    let condition = match question {
        Some(i) if vis.sections[section] => s.questions[i].show_if.as_ref(),
        _ => s.show_if.as_ref(),
    };
    let mut ids: Vec<String> = Vec::new();
    for (id, _) in condition.map(|c| c.tests()).unwrap_or_default() {
        let id = one_line(id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    match ids.split_last() {
        None => "it is not asked with the answers so far.".into(),
        Some((last, [])) => format!("it depends on the answer to {last}; type go {last} to see it."),
        Some((last, rest)) => format!("it depends on the answers to {} and {last}.", rest.join(", ")),
    }
}

/// An answer as it is read out: the option's label or the value, on one line. The maturity scale's
/// reminders ("(say why in the note)") are left out: they were read with the options.
pub fn spoken_value(question: &Question, value: &AnswerValue) -> String {
    let text = one_line(&describe(question, value));
    let text = match question.kind {
        QuestionType::Maturity => text.split(" (").next().unwrap_or_default().to_string(),
        _ => text,
    };
    sentence_end(&text).to_string()
}

/// Untrusted text as one sentence: on one line, ending with a full stop (or the mark it ends with).
fn sentence(text: &str) -> String {
    let line = one_line(text.trim());
    if line.ends_with(['.', '?', '!']) { line } else { format!("{line}.") }
}

/// Text without the full stop it may end with, so that one can be added.
fn sentence_end(text: &str) -> &str {
    text.strip_suffix('.').unwrap_or(text)
}
