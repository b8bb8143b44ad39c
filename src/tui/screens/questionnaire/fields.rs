//! IMPORT: a customer question's answer fields on the questionnaire screen: the answer, the customer's
//! other fields (CAIQ's control ownership) and the comment for the customer. One key moves between them;
//! typing (or a digit, for a field with choices) fills the selected one, through the one write path.

use ratatui::text::{Line, Span};

use super::mode::QuestionnaireScreen;
use crate::assessment::model::change::Change;
use crate::assessment::{CellSource, FieldCell};
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// One field besides the answer: another answer field, or the comment.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Other(FieldCell),
    Comment { label: String },
}

impl Field {
    pub fn name(&self) -> String {
        match self {
            Field::Other(f) => one_line(f.shown_name()),
            Field::Comment { label } if label.is_empty() => "Comment for the customer".into(),
            Field::Comment { label } => format!("Comment for the customer ({})", one_line(label)),
        }
    }

    pub fn choices(&self) -> &[String] {
        match self {
            Field::Other(f) => &f.vocabulary,
            Field::Comment { .. } => &[],
        }
    }

    /// The change that sets the field to `value` (empty clears it).
    pub fn change(&self, question: &str, value: &str) -> Change {
        match self {
            Field::Other(f) => Change::Field { question: question.into(), field: f.name.clone(), value: value.into() },
            Field::Comment { .. } => Change::Comment { question: question.into(), comment: value.into() },
        }
    }

    /// What the answer holds in this field now.
    pub fn value(&self, editor: &QuestionnaireScreen) -> String {
        let entry = editor.assessment().answers().get(&editor.question().id);
        match self {
            Field::Other(f) => entry.and_then(|e| e.fields.get(&f.name)).cloned().unwrap_or_default(),
            Field::Comment { .. } => entry.map(|e| e.comment.clone()).unwrap_or_default(),
        }
    }
}

/// The current question's fields besides the answer, in the customer's column order, the comment last.
pub fn of(cell: &CellSource) -> Vec<Field> {
    let mut out: Vec<Field> = cell.fields.iter().cloned().map(Field::Other).collect();
    if !cell.comment_cell.is_empty() {
        out.push(Field::Comment { label: cell.comment_label.clone() });
    }
    out
}

/// The field selected on the current question (`None`: the answer).
pub fn selected(editor: &QuestionnaireScreen) -> Option<Field> {
    let (id, n) = editor.field.as_ref()?;
    if *id != editor.question().id || *n == 0 {
        return None;
    }
    let cell = crate::tui::screens::customer::cell(editor)?;
    of(cell).into_iter().nth(n - 1)
}

/// The selected field takes typed text (no choices): on it, letters type rather than command.
pub fn typing_selected(editor: &QuestionnaireScreen) -> bool {
    selected(editor).is_some_and(|f| f.choices().is_empty())
}

/// The key: move to the next field, round to the answer again. Returns what to tell the user.
pub fn next(editor: &mut QuestionnaireScreen) -> Result<String, String> {
    let Some(cell) = crate::tui::screens::customer::cell(editor) else {
        return Err("Only a customer questionnaire's questions have several answer fields.".into());
    };
    let count = of(cell).len();
    if count == 0 {
        return Err("This question has only its answer: the customer's file has no other field for it.".into());
    }
    let id = editor.question().id.clone();
    let now = match &editor.field {
        Some((q, n)) if *q == id => *n,
        _ => 0,
    };
    let n = (now + 1) % (count + 1);
    editor.field = Some((id, n));
    Ok(match selected(editor) {
        None => "Field: the answer.".into(),
        Some(f) if f.choices().is_empty() => {
            let enter = keymap::key_label(Context::TextQuestion, Action::EditAnswer);
            format!("Field: {}. Type to fill it, or press {enter}.", f.name())
        }
        Some(f) => format!("Field: {}. Press a digit to choose.", f.name()),
    })
}

/// A digit on a field with choices: that choice, saved.
pub fn choose(editor: &mut QuestionnaireScreen, field: &Field, n: usize, now: &str) -> Result<String, String> {
    let choices = field.choices();
    let Some(value) = n.checked_sub(1).and_then(|i| choices.get(i)).cloned() else {
        return Err(format!("{n} is not a choice of {}: only 1 to {}.", field.name(), choices.len()));
    };
    let change = field.change(&editor.question().id, &value);
    editor.apply(&change, now).map_err(|e| e.to_string())?;
    editor.save()?;
    Ok(format!("{}: {}.", field.name(), one_line(&value)))
}

/// The fields block under the answer: each field with its value, the selected one marked, and the
/// choices of a selected field that has them.
pub fn lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let Some(cell) = crate::tui::screens::customer::cell(editor) else { return Vec::new() };
    let fields = of(cell);
    if fields.is_empty() {
        return Vec::new();
    }
    let key = keymap::key_label(Context::Questionnaire, Action::SwitchField);
    let picked = match &editor.field {
        Some((q, n)) if *q == editor.question().id => *n,
        _ => 0,
    };
    let mut out = vec![Line::styled(format!("Fields ({key} moves between them):"), t.label())];
    let answer =
        editor.assessment().value(&editor.question().id).map(|v| crate::assessment::describe(editor.question(), v));
    let mut row = |n: usize, name: String, value: String| {
        let mark = if n == picked { "▶ " } else { "  " };
        let shown = if value.is_empty() { "(empty)".to_string() } else { one_line(&value) };
        let style = if n == picked { t.chosen() } else { t.plain() };
        let text = format!("{mark}{name}: {shown}");
        for (i, l) in wrap(&text, width).into_iter().enumerate() {
            let l = if i == 0 { l } else { format!("    {l}") };
            out.push(Line::from(Span::styled(l, style)));
        }
    };
    row(0, "Answer".into(), answer.unwrap_or_default());
    for (i, f) in fields.iter().enumerate() {
        row(i + 1, f.name(), f.value(editor));
    }
    if let Some(f) = selected(editor) {
        let choices = f.choices();
        if choices.is_empty() {
            let enter = keymap::key_label(Context::TextQuestion, Action::EditAnswer);
            out.push(Line::styled(format!("Type to fill {}, or press {enter}.", f.name()), t.dim()));
        } else {
            for (i, c) in choices.iter().enumerate().take(9) {
                out.push(Line::from(vec![
                    Span::raw("   "),
                    Span::styled(format!("{} ", i + 1), t.key()),
                    Span::styled(one_line(c), t.plain()),
                ]));
            }
        }
    }
    out
}
