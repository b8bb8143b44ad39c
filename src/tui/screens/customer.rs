//! A customer questionnaire's question on the questionnaire screen: where it is in the customer's file
//! (the id as found, the answer cell `Sheet!D12`), whether its answer cell may be written, and exporting
//! the answers into a copy of the customer's file.

use ratatui::text::Line;

use super::{Ctx, Outcome};
use crate::assessment::CellSource;
use crate::spreadsheet::export::{ExportError, default_name, export_file};
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::questionnaire::{Mode, QuestionnaireScreen};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// The current question's cell in the customer's file, for an imported questionnaire.
pub fn cell(editor: &QuestionnaireScreen) -> Option<&CellSource> {
    editor.assessment().source.as_ref()?.cells.get(&editor.question().id)
}

/// `Sheet!D12`, or `D12` for a CSV file.
pub fn place(sheet: &str, cell: &str) -> String {
    if sheet.is_empty() { cell.to_string() } else { format!("{sheet}!{cell}") }
}

/// Why the current question's answer cannot be changed here, if it cannot (the core's rule).
pub fn read_only(editor: &QuestionnaireScreen) -> Option<String> {
    crate::assessment::model::source::read_only(editor.assessment(), &editor.question().id)
}

/// Whether an action would change the answer (and so is refused on a read-only question).
pub fn changes_answer(action: Action, has_options: bool) -> bool {
    matches!(action, Action::Choose(_) | Action::ClearAnswer | Action::ApplySuggestion)
        || (action == Action::EditAnswer && !has_options)
}

/// The lines under the question's id: the id and cells as found in the customer's file, and read-only.
pub fn lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let Some(c) = cell(editor) else { return Vec::new() };
    let mut text = String::new();
    if !c.id_as_found.is_empty() {
        text.push_str(&format!("Their id {} · ", c.id_as_found));
    }
    text.push_str(&format!("row {} · answer cell {}", c.row, place(&c.sheet, &c.answer_cell)));
    if !c.comment_cell.is_empty() {
        text.push_str(&format!(" · comment cell {}", place(&c.sheet, &c.comment_cell)));
    }
    let mut out: Vec<Line<'static>> =
        wrap(&one_line(&text), width).into_iter().map(|l| Line::styled(l, t.label())).collect();
    if let Some(why) = read_only(editor) {
        out.extend(wrap(&why, width).into_iter().map(|l| Line::styled(l, t.warning())));
    }
    out
}

/// Why a typed character does not start an answer here: the question is read-only.
pub fn typing_refused(editor: &QuestionnaireScreen) -> Option<String> {
    if !matches!(editor.mode, Mode::Answering) || editor.question().kind.has_options() {
        return None;
    }
    read_only(editor)
}

/// `X`: the same export as `soc2-ready export`, into the working folder, listing every cell skipped.
pub fn export(editor: &mut QuestionnaireScreen, ctx: &Ctx) -> Outcome {
    let Some(source) = editor.assessment().source.as_ref() else {
        let report = keymap::key_label(Context::Questionnaire, Action::OpenReport);
        return Outcome::Complain(format!(
            "Only a questionnaire imported from a customer's spreadsheet goes back into their file; {report} opens the report."
        ));
    };
    let out = ctx.export_dir.join(default_name(source));
    let shown = one_line(&out.display().to_string());
    match export_file(editor.assessment(), &out) {
        Ok(done) => {
            let text = format!("Wrote {shown}: {} cells written, {} skipped.", done.written, done.skipped.len());
            if !done.skipped.is_empty() {
                let mut lines = vec![text.clone(), String::new()];
                lines.extend(done.skipped.iter().map(|s| {
                    format!(
                        "{} ({}): {}",
                        one_line(&s.question),
                        one_line(&place(&s.sheet, &s.cell)),
                        one_line(&s.reason)
                    )
                }));
                editor.exported = Some(lines);
            }
            Outcome::Say(text)
        }
        Err(ExportError::WouldOverwriteOriginal { path }) => Outcome::Complain(one_line(&format!(
            "{path} is the customer's original; refusing to overwrite it (move or rename it, then export again)"
        ))),
        Err(e) => Outcome::Complain(one_line(&e.to_string())),
    }
}

/// The cells the last export skipped, over the question, until the next key.
pub fn draw_export(
    frame: &mut ratatui::Frame,
    body: ratatui::layout::Rect,
    editor: &QuestionnaireScreen,
    ctx: &crate::tui::screens::DrawCtx,
) {
    use ratatui::widgets::{Block, Paragraph};
    let Some(lines) = &editor.exported else { return };
    let width = body.width.saturating_sub(4).min(100);
    let mut shown: Vec<Line> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let style = if i == 0 { ctx.theme.title() } else { ctx.theme.plain() };
        shown.extend(wrap(l, width.saturating_sub(2)).into_iter().map(|w| Line::styled(w, style)));
    }
    let tall = u16::try_from(shown.len() + 2).unwrap_or(u16::MAX);
    let area = crate::tui::widgets::centred(body, width, tall.min(body.height.saturating_sub(2)));
    crate::tui::widgets::clear_popup(frame, area);
    let block = Block::bordered().title(" Export: the cells skipped (any key closes) ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if shown.len() > height && height > 0 {
        let more = shown.len() - height + 1;
        shown.truncate(height - 1);
        shown.push(Line::styled(
            format!("… and {more} more lines: `soc2-ready export` lists them all"),
            ctx.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(shown), inner);
}
